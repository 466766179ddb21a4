// The command line as a user drives it: the real `baton` binary against an in-process sandbox.
#include "core/sandbox/SandboxServer.h"
#include "core/store/Database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class CliTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;

    Run baton(const QStringList& args, const QString& profile, const QMap<QString, QString>& env = {}) {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("BATON_PROFILE"));
        e.remove(QStringLiteral("DISPLAY")); // no keychain service: the file store must be chosen explicitly
        e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        for (auto it = env.cbegin(); it != env.cend(); ++it) {
            e.insert(it.key(), it.value());
        }
        p.setProcessEnvironment(e);
        QStringList all;
        if (!profile.isEmpty()) {
            all << QStringLiteral("--profile") << profile;
        }
        all += args;
        p.start(qEnvironmentVariable("BATON_TEST_BIN_DIR") + QStringLiteral("/baton"), all);
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString profile(const QString& name) { return m_dir.filePath(name); }

    void addAccount(const QString& prof) {
        const auto account = m_server->accounts().first();
        const Run r = baton({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("mastodon"),
                             QStringLiteral("--name"), QStringLiteral("main"), QStringLiteral("--base-url"),
                             account.baseUrl, QStringLiteral("--token-env"), QStringLiteral("T"),
                             QStringLiteral("--secret-store"), QStringLiteral("file")},
                            prof, {{QStringLiteral("T"), account.token}});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    QJsonArray inboxJson(const QString& prof, const QStringList& extra = {}) {
        const Run r = baton(QStringList{QStringLiteral("inbox"), QStringLiteral("--json"), QStringLiteral("--limit"),
                                        QStringLiteral("100000")} +
                                extra,
                            prof);
        return QJsonDocument::fromJson(r.out).array();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        sandbox::SandboxOptions o;
        o.mentionsPerAccount = 400;
        o.seed = 11;
        m_server = std::make_unique<sandbox::SandboxServer>(o);
        QVERIFY(m_server->start());
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown verb") << QStringList{QStringLiteral("frobnicate")} << 2
                                      << QStringLiteral("unknown command");
        QTest::newRow("bad status") << QStringList{QStringLiteral("inbox"), QStringLiteral("--status"),
                                                   QStringLiteral("maybe")}
                                    << 2 << QStringLiteral("unknown status");
        QTest::newRow("bad limit") << QStringList{QStringLiteral("inbox"), QStringLiteral("--limit"),
                                                  QStringLiteral("x")}
                                   << 2 << QStringLiteral("--limit");
        QTest::newRow("reply without text")
            << QStringList{QStringLiteral("reply"), QStringLiteral("5")} << 2 << QStringLiteral("--text");
        QTest::newRow("reply to nothing")
            << QStringList{QStringLiteral("reply"), QStringLiteral("5"), QStringLiteral("--text"), QStringLiteral("hi")}
            << 1 << QStringLiteral("no item 5");
        QTest::newRow("plain http elsewhere") << QStringList{QStringLiteral("account"),
                                                             QStringLiteral("add"),
                                                             QStringLiteral("mastodon"),
                                                             QStringLiteral("--name"),
                                                             QStringLiteral("x"),
                                                             QStringLiteral("--base-url"),
                                                             QStringLiteral("http://mastodon.example"),
                                                             QStringLiteral("--token-env"),
                                                             QStringLiteral("T")}
                                              << 2 << QStringLiteral("https://");
        QTest::newRow("unset token variable") << QStringList{QStringLiteral("account"),
                                                             QStringLiteral("add"),
                                                             QStringLiteral("mastodon"),
                                                             QStringLiteral("--name"),
                                                             QStringLiteral("x"),
                                                             QStringLiteral("--base-url"),
                                                             QStringLiteral("https://mastodon.example"),
                                                             QStringLiteral("--token-env"),
                                                             QStringLiteral("BATON_NOT_SET_ANYWHERE")}
                                              << 2 << QStringLiteral("BATON_NOT_SET_ANYWHERE");
        QTest::newRow("sync without accounts")
            << QStringList{QStringLiteral("sync"), QStringLiteral("--once")} << 1 << QStringLiteral("no accounts");
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString prof = profile(QStringLiteral("errors"));
        const Run r = baton(args, prof);
        QCOMPARE(r.exitCode, exitCode);
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QVERIFY2(lines.size() == 1, r.err.constData()); // one clear line
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        // Nothing was stored by a failed command.
        const Run list = baton({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, prof);
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 0);
    }

    void keychainMissingIsExplainedAndNothingStored() {
        const QString prof = profile(QStringLiteral("nokeychain"));
        const auto account = m_server->accounts().first();
        const Run r = baton({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("mastodon"),
                             QStringLiteral("--name"), QStringLiteral("main"), QStringLiteral("--base-url"),
                             account.baseUrl, QStringLiteral("--token-env"), QStringLiteral("T")},
                            prof, {{QStringLiteral("T"), account.token}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--secret-store file"), r.err.constData());
        const Run list = baton({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, prof);
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 0);
    }

    void wrongTokenIsRefused() {
        const QString prof = profile(QStringLiteral("badtoken"));
        const Run r = baton({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("mastodon"),
                             QStringLiteral("--name"), QStringLiteral("main"), QStringLiteral("--base-url"),
                             m_server->accounts().first().baseUrl, QStringLiteral("--token-env"), QStringLiteral("T"),
                             QStringLiteral("--secret-store"), QStringLiteral("file")},
                            prof, {{QStringLiteral("T"), QStringLiteral("not-the-token")}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("refused the token"), r.err.constData());
    }

    // The issue's "done when": add, sync, inbox shows the sandbox's mentions, a second sync adds nothing,
    // reply posts once.
    void endToEnd() {
        const QString prof = profile(QStringLiteral("e2e"));
        addAccount(prof);
        QVERIFY(QFile::permissions(prof + QStringLiteral("/secrets.json")) ==
                (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser));
        Run r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray mentions =
            inboxJson(prof, {QStringLiteral("--kind"), QStringLiteral("mention"), QStringLiteral("--kind"),
                             QStringLiteral("reply"), QStringLiteral("--kind"), QStringLiteral("dm")});
        QCOMPARE(mentions.size(), m_server->mentionCount(0));
        QSet<QString> remoteIds;
        for (const QJsonValue& v : mentions) {
            remoteIds.insert(v[QLatin1String("remote_id")].toString());
            QCOMPARE(v[QLatin1String("account")].toString(), QStringLiteral("main"));
        }
        QCOMPARE(remoteIds.size(), mentions.size());

        r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("0 new, 0 updated"), r.out.constData());
        QCOMPARE(inboxJson(prof).size(), inboxJson(prof).size());

        const QJsonArray waiting = inboxJson(prof, {QStringLiteral("--needs-reply")});
        QVERIFY(!waiting.isEmpty());
        const qint64 itemId = waiting.first()[QLatin1String("id")].toInteger();
        const int createdBefore = m_server->statusesCreated();
        r = baton({QStringLiteral("reply"), QString::number(itemId), QStringLiteral("--text"),
                   QStringLiteral("Thanks for writing, we are on it.")},
                  prof);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_server->statusesCreated(), createdBefore + 1);
        // The reply is stored as ours and the item no longer waits.
        const QJsonArray after = inboxJson(prof, {QStringLiteral("--needs-reply")});
        for (const QJsonValue& v : after) {
            QVERIFY(v[QLatin1String("id")].toInteger() != itemId);
        }
        r = baton({QStringLiteral("outbox"), QStringLiteral("--json")}, prof);
        const QJsonArray outbox = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.first()[QLatin1String("state")].toString(), QStringLiteral("sent"));
        // Posting the journal's POST again is not what a second sync does: it sends nothing more.
        r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QCOMPARE(m_server->statusesCreated(), createdBefore + 1);

        // Search through the command line.
        const QString word = mentions.first()[QLatin1String("text")].toString().split(u' ').value(1);
        const QJsonArray found = inboxJson(prof, {QStringLiteral("--search"), word});
        QVERIFY(!found.isEmpty());
        QVERIFY(found.size() <= mentions.size());
    }

    void blueskyWithHandleAndAppPassword() {
        const QString prof = profile(QStringLiteral("bluesky"));
        sandbox::SandboxAccount remote;
        for (const auto& a : m_server->accounts()) {
            if (a.network == QLatin1String("bluesky")) {
                remote = a;
            }
        }
        const QString appPassword =
            QJsonDocument::fromJson(remote.token.toUtf8()).object().value(QLatin1String("password")).toString();
        QVERIFY(!appPassword.isEmpty());
        const QStringList add{QStringLiteral("account"),
                              QStringLiteral("add"),
                              QStringLiteral("bluesky"),
                              QStringLiteral("--name"),
                              QStringLiteral("sky"),
                              QStringLiteral("--base-url"),
                              remote.baseUrl,
                              QStringLiteral("--token-env"),
                              QStringLiteral("T"),
                              QStringLiteral("--secret-store"),
                              QStringLiteral("file")};
        // A bare app password needs the handle it belongs to.
        Run r = baton(add, prof, {{QStringLiteral("T"), appPassword}});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--handle"), r.err.constData());
        r = baton(add + QStringList{QStringLiteral("--handle"), QStringLiteral("@") + remote.acct}, prof,
                  {{QStringLiteral("T"), appPassword}});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray items = inboxJson(prof);
        QVERIFY(items.size() > 10);
        for (const QJsonValue& v : items) {
            QCOMPARE(v.toObject().value(QLatin1String("network")).toString(), QStringLiteral("bluesky"));
        }
        r = baton({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, prof);
        const QJsonObject listed = QJsonDocument::fromJson(r.out).array().first().toObject();
        QCOMPARE(listed.value(QLatin1String("handle")).toString(), QStringLiteral("@") + remote.acct);
        QVERIFY(listed.value(QLatin1String("last_error")).toString().isEmpty());
    }

    void communitiesAndTheirBusinessHours() {
        const QString prof = profile(QStringLiteral("communities"));
        sandbox::SandboxAccount reddit;
        for (const auto& a : m_server->accounts()) {
            if (a.network == QLatin1String("reddit")) {
                reddit = a;
                break;
            }
        }
        QVERIFY(!reddit.token.isEmpty());
        Run r =
            baton({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("reddit"), QStringLiteral("--name"),
                   QStringLiteral("mods"), QStringLiteral("--base-url"), reddit.baseUrl, QStringLiteral("--token-env"),
                   QStringLiteral("T"), QStringLiteral("--secret-store"), QStringLiteral("file")},
                  prof, {{QStringLiteral("T"), reddit.token}});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = baton({QStringLiteral("community"), QStringLiteral("list"), QStringLiteral("--json")}, prof);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QVERIFY2(!list.isEmpty(), r.out.constData());
        const QJsonObject first = list.first().toObject();
        QCOMPARE(first[QLatin1String("account")].toString(), QStringLiteral("mods"));
        QVERIFY(first[QLatin1String("business_hours")].toObject().isEmpty() ||
                first[QLatin1String("business_hours")].toObject()[QLatin1String("always_open")].toBool());
        const QString id = QString::number(first[QLatin1String("id")].toInteger());

        // Hours from a file; the next list shows them.
        QFile hours(m_dir.filePath(QStringLiteral("hours.json")));
        QVERIFY(hours.open(QIODevice::WriteOnly));
        hours.write(R"({"time_zone": "Europe/Paris", "week": {"mon": ["09:00-17:30"], "tue": ["09:00-17:30"]},
                        "holidays": ["2026-12-25"]})");
        hours.close();
        r = baton(
            {QStringLiteral("community"), QStringLiteral("hours"), id, QStringLiteral("--file"), hours.fileName()},
            prof);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("mon 09:00-17:30") && r.out.contains("Europe/Paris"), r.out.constData());
        r = baton({QStringLiteral("community"), QStringLiteral("list")}, prof);
        QVERIFY2(r.out.contains("Europe/Paris"), r.out.constData());

        // Bad input is refused with a reason and changes nothing.
        QVERIFY(hours.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hours.write(R"({"time_zone": "Europe/Paris", "week": {"mon": ["17:00-09:00"]}})");
        hours.close();
        r = baton(
            {QStringLiteral("community"), QStringLiteral("hours"), id, QStringLiteral("--file"), hours.fileName()},
            prof);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        r = baton({QStringLiteral("community"), QStringLiteral("hours"), QStringLiteral("no-such-community"),
                   QStringLiteral("--always-open")},
                  prof);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("no community"), r.err.constData());
        r = baton({QStringLiteral("community"), QStringLiteral("list")}, prof);
        QVERIFY2(r.out.contains("Europe/Paris"), r.out.constData());
        // Back to 24/7.
        r = baton({QStringLiteral("community"), QStringLiteral("hours"), id, QStringLiteral("--always-open")}, prof);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("24/7"));
    }

    void unreachableServerReportsTheAccount() {
        const QString prof = profile(QStringLiteral("down"));
        addAccount(prof);
        m_server->faults().failNext(sandbox::FaultKind::ServerError, 1000);
        const Run r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        m_server->faults().clear();
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("main"), r.err.constData());
        const Run list = baton({QStringLiteral("account"), QStringLiteral("list")}, prof);
        QVERIFY2(list.out.contains("error:"), list.out.constData());
        QVERIFY2(!list.out.contains("SIGN-IN REFUSED"), list.out.constData()); // a server error is not a sign-in
    }

    // Every network is added, synced and listed the same way; YouTube's line tells the day's remaining quota.
    void addSyncAndListEachNetwork_data() {
        QTest::addColumn<QString>("network");
        for (const char* n : {"bluesky", "reddit", "discourse", "youtube", "google-reviews", "feed", "email"}) {
            QTest::newRow(n) << QString::fromLatin1(n);
        }
    }

    void addSyncAndListEachNetwork() {
        QFETCH(QString, network);
        sandbox::SandboxAccount remote;
        for (const sandbox::SandboxAccount& a : m_server->accounts()) {
            if (a.network == network) {
                remote = a;
                break;
            }
        }
        QVERIFY2(!remote.baseUrl.isEmpty(), qPrintable(network));
        const QString prof = profile(QStringLiteral("each-") + network);
        QStringList add{QStringLiteral("account"),
                        QStringLiteral("add"),
                        network,
                        QStringLiteral("--name"),
                        network,
                        QStringLiteral("--base-url"),
                        remote.baseUrl,
                        QStringLiteral("--secret-store"),
                        QStringLiteral("file")};
        if (!remote.token.isEmpty()) { // a public feed has none
            add << QStringLiteral("--token-env") << QStringLiteral("T");
        }
        const Run added = baton(add, prof, {{QStringLiteral("T"), remote.token}});
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QVERIFY2(added.out.startsWith(QStringLiteral("added %1 (%1, ").arg(network).toUtf8()), added.out.constData());

        const Run synced = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        const QJsonArray items = inboxJson(prof);
        QVERIFY(!items.isEmpty());
        for (const QJsonValue& item : items) {
            QCOMPARE(item.toObject().value(QLatin1String("network")).toString(), network);
        }

        const Run list = baton({QStringLiteral("account"), QStringLiteral("list")}, prof);
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.startsWith(QStringLiteral("%1\t%1\t").arg(network).toUtf8()), list.out.constData());
        QVERIFY2(!list.out.contains("error") && !list.out.contains("SIGN-IN REFUSED"), list.out.constData());
        const QJsonObject json =
            QJsonDocument::fromJson(
                baton({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, prof).out)
                .array()
                .at(0)
                .toObject();
        QCOMPARE(json.value(QLatin1String("network")).toString(), network);
        QVERIFY(!json.value(QLatin1String("sign_in_refused")).toBool());
        if (network == QLatin1String("youtube")) {
            const int left = json.value(QLatin1String("quota_remaining")).toInt(-1);
            QCOMPARE(json.value(QLatin1String("quota_limit")).toInt(), 10000);
            QVERIFY2(left > 0 && left < 10000, qPrintable(QString::number(left))); // the sync spent some
            QVERIFY2(list.out.contains(QStringLiteral("%1 of 10,000 quota units left today")
                                           .arg(QLocale(QLocale::English).toString(left))
                                           .toUtf8()),
                     list.out.constData());
        } else {
            QVERIFY(!json.contains(QLatin1String("quota_remaining")));
        }
        checkReplies(network, prof, items);
        checkModerationSettlesTheItem(network, prof, items);
    }

    // A removal, a rejection or a spam verdict on the network settles the item in Baton at once.
    void checkModerationSettlesTheItem(const QString& network, const QString& prof, const QJsonArray& items) {
        const QMap<QString, std::pair<QString, QString>> cases{
            {QStringLiteral("reddit"), {QStringLiteral("remove"), QStringLiteral("done")}},
            {QStringLiteral("youtube"), {QStringLiteral("reject"), QStringLiteral("done")}},
            {QStringLiteral("email"), {QStringLiteral("spam"), QStringLiteral("spam")}}};
        if (!cases.contains(network)) {
            return;
        }
        const auto [action, status] = cases.value(network);
        QString moderated;
        for (const QJsonValue& v : items) { // the first incoming item, still new, that takes the action
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("direction")).toString() != QLatin1String("in") ||
                o.value(QLatin1String("status")).toString() != QLatin1String("new")) {
                continue;
            }
            const QString id = QString::number(o.value(QLatin1String("id")).toInteger());
            const Run r = baton({QStringLiteral("moderate"), id, action}, prof);
            if (r.exitCode == 0) {
                moderated = id;
                break;
            }
            QVERIFY2(r.err.contains("is not possible on this item"), r.err.constData());
        }
        QVERIFY2(!moderated.isEmpty(), qPrintable(action));
        for (const QJsonValue& v : inboxJson(prof, {QStringLiteral("--status"), status})) {
            if (QString::number(v.toObject().value(QLatin1String("id")).toInteger()) == moderated) {
                QCOMPARE(v.toObject().value(QLatin1String("status")).toString(), status);
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("item %1 is not listed as %2").arg(moderated, status)));
    }

    // What cannot go out is refused before it is queued: a reply to a feed entry, a reply longer than the network
    // takes, a reply to a YouTube comment held for review (until it is approved).
    void checkReplies(const QString& network, const QString& prof, const QJsonArray& items) {
        const QString first = QString::number(items.first().toObject().value(QLatin1String("id")).toInteger());
        const auto outboxSize = [&] {
            return QJsonDocument::fromJson(baton({QStringLiteral("outbox"), QStringLiteral("--json")}, prof).out)
                .array()
                .size();
        };
        if (network == QLatin1String("feed")) {
            const Run r = baton({QStringLiteral("reply"), first, QStringLiteral("--text"), QStringLiteral("hi")}, prof);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("take no replies from Baton; answer on the site: http"), r.err.constData());
            QCOMPARE(outboxSize(), 0);
        }
        if (network == QLatin1String("bluesky")) {
            // 300 graphemes and 3000 bytes of UTF-8: 301 family emoji are too many graphemes, 300 are too many bytes
            // (18 each), 300 letters go.
            const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");
            const Run tooLong =
                baton({QStringLiteral("reply"), first, QStringLiteral("--text"), family.repeated(301)}, prof);
            QCOMPARE(tooLong.exitCode, 2);
            QVERIFY2(tooLong.err.contains("301 characters long as bluesky counts them; it takes 300 at most"),
                     tooLong.err.constData());
            const Run tooBig =
                baton({QStringLiteral("reply"), first, QStringLiteral("--text"), family.repeated(300)}, prof);
            QCOMPARE(tooBig.exitCode, 2);
            QVERIFY2(tooBig.err.contains("5400 bytes long in UTF-8; bluesky takes 3000 at most"),
                     tooBig.err.constData());
            QCOMPARE(outboxSize(), 0);
            const Run fits =
                baton({QStringLiteral("reply"), first, QStringLiteral("--text"), QString(300, u'a')}, prof);
            QVERIFY2(fits.exitCode == 0 && fits.out.startsWith("sent"), fits.err.constData());
        }
        if (network == QLatin1String("youtube")) {
            QString held;
            for (const QJsonValue& v : items) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1String("visibility")).toString() == QLatin1String("heldForReview")) {
                    held = QString::number(o.value(QLatin1String("id")).toInteger());
                    break;
                }
            }
            QVERIFY(!held.isEmpty());
            const QStringList reply{QStringLiteral("reply"), held, QStringLiteral("--text"),
                                    QStringLiteral("Thanks for the question!")};
            const Run refused = baton(reply, prof);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(
                refused.err.contains(QStringLiteral("approve it first: baton moderate %1 approve").arg(held).toUtf8()),
                refused.err.constData());
            QCOMPARE(outboxSize(), 0);
            const Run approved = baton({QStringLiteral("moderate"), held, QStringLiteral("approve")}, prof);
            QVERIFY2(approved.exitCode == 0, approved.err.constData());
            for (const QJsonValue& v : inboxJson(prof)) {
                if (QString::number(v.toObject().value(QLatin1String("id")).toInteger()) == held) {
                    QVERIFY(v.toObject().value(QLatin1String("visibility")).isNull()); // published now
                }
            }
            const Run sent = baton(reply, prof);
            QVERIFY2(sent.exitCode == 0 && sent.out.startsWith("sent"), sent.err.constData());
        }
    }

    // Last: the sandbox's first account stays revoked for the rest of this server's life.
    void refusedTokenIsFlaggedLoudly() {
        const QString prof = profile(QStringLiteral("revoked"));
        addAccount(prof);
        QVERIFY(m_server->revokeToken(0));
        const Run r = baton({QStringLiteral("sync"), QStringLiteral("--once")}, prof);
        QCOMPARE(r.exitCode, 3);
        const Run list = baton({QStringLiteral("account"), QStringLiteral("list")}, prof);
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("SIGN-IN REFUSED, sign in again (baton account login mastodon"),
                 list.out.constData());
        const Run json = baton({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")}, prof);
        const QJsonObject account = QJsonDocument::fromJson(json.out).array().at(0).toObject();
        QCOMPARE(account.value(QLatin1String("name")).toString(), QStringLiteral("main"));
        QVERIFY(account.value(QLatin1String("sign_in_refused")).toBool());
        QVERIFY(account.value(QLatin1String("last_error")).toString().startsWith(QLatin1String("unauthorized")));
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "CliTest.moc"
