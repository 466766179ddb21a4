// `baton account login` end to end: the real binary signs in against the in-process sandbox while the test plays
// the browser (it reads the printed address, fetches it and follows the 302 to the binary's loopback listener).
#include "core/sandbox/SandboxServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;

namespace {

constexpr int kTimeoutMs = 60000;

// Follows redirects by hand (so a refusal's 302 reaches the listener the same way); keeps the last page.
class Browser final : public QObject {
public:
    bool done = false;
    int lastStatus = 0;
    QByteArray lastPage;

    void open(const QUrl& url) {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_nam.get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            lastStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            lastPage = reply->readAll();
            if (lastStatus == 302) {
                open(reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location"))));
                return;
            }
            done = true;
        });
    }

private:
    QNetworkAccessManager m_nam;
};

} // namespace

class CliLoginTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;

    void setup(QProcess& p) {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("BATON_PROFILE"));
        e.remove(QStringLiteral("DISPLAY")); // no browser to open and no keychain: --secret-store file
        e.remove(QStringLiteral("WAYLAND_DISPLAY"));
        e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        p.setProcessEnvironment(e);
    }

    QString bin() const { return qEnvironmentVariable("BATON_TEST_BIN_DIR") + QStringLiteral("/baton"); }

    // Runs baton to the end (the sandbox keeps serving meanwhile); returns exit code, stdout, stderr.
    std::tuple<int, QByteArray, QByteArray> run(const QString& profile, const QStringList& args) {
        QProcess p;
        setup(p);
        p.start(bin(), QStringList{QStringLiteral("--profile"), profile} + args);
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, kTimeoutMs)) {
            p.kill();
            p.waitForFinished();
            return {-1, {}, {}};
        }
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    // Starts `account login`, plays the browser on the printed address; returns exit code, stdout, stderr.
    std::tuple<int, QByteArray, QByteArray> login(const QString& profile, const QStringList& args, Browser& browser) {
        QProcess p;
        setup(p);
        p.start(bin(),
                QStringList{QStringLiteral("--profile"), profile, QStringLiteral("account"), QStringLiteral("login")} +
                    args);
        QByteArray out;
        const QRegularExpression address(QStringLiteral("^(http://127\\.0\\.0\\.1:\\d+/\\S+)$"),
                                         QRegularExpression::MultilineOption);
        bool opened = false;
        const bool finished = QTest::qWaitFor(
            [&] {
                out += p.readAllStandardOutput();
                if (!opened) {
                    const QRegularExpressionMatch m = address.match(QString::fromUtf8(out));
                    if (m.hasMatch()) {
                        opened = true;
                        browser.open(QUrl::fromEncoded(m.captured(1).toUtf8()));
                    }
                }
                return p.state() == QProcess::NotRunning;
            },
            kTimeoutMs);
        if (!finished) {
            p.kill();
            p.waitForFinished();
            return {-1, out, {}};
        }
        out += p.readAllStandardOutput();
        return {p.exitCode(), out, p.readAllStandardError()};
    }

    QJsonArray accounts(const QString& profile) {
        const auto [code, out, err] =
            run(profile, {QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        return code == 0 ? QJsonDocument::fromJson(out).array() : QJsonArray();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        sandbox::SandboxOptions o;
        o.seed = 5;
        o.mastodonAccounts = 1;
        o.mentionsPerAccount = 30;
        o.people = 30;
        o.discourseTopics = 12; // a user API key syncs at the forum's 20 requests a minute
        m_server = std::make_unique<sandbox::SandboxServer>(o);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void mastodonLoginStoresTheAccountAndSyncs() {
        const QString profile = m_dir.filePath(QStringLiteral("mastodon"));
        Browser browser;
        const auto [code, out, err] =
            login(profile,
                  {QStringLiteral("mastodon"), QStringLiteral("--name"), QStringLiteral("main"),
                   QStringLiteral("--base-url"), m_server->baseUrl() + QStringLiteral("/mastodon"),
                   QStringLiteral("--secret-store"), QStringLiteral("file")},
                  browser);
        QVERIFY2(code == 0, err.constData());
        QVERIFY2(out.contains("Open this address in your browser"), out.constData());
        QVERIFY2(out.contains("added main (mastodon,"), out.constData());
        QTRY_VERIFY(browser.done);
        QCOMPARE(browser.lastStatus, 200);
        QVERIFY(browser.lastPage.contains("You can close this tab"));
        QCOMPARE(m_server->oauthTokensIssued(QStringLiteral("mastodon")), 1);

        const QJsonArray list = accounts(profile);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QLatin1String("network")).toString(), QStringLiteral("mastodon"));
        QCOMPARE(list.at(0).toObject().value(QLatin1String("secret_store")).toString(), QStringLiteral("file"));
        QVERIFY(!list.at(0).toObject().value(QLatin1String("handle")).toString().isEmpty());

        const auto [syncCode, syncOut, syncErr] = run(profile, {QStringLiteral("sync"), QStringLiteral("--once")});
        QVERIFY2(syncCode == 0, syncErr.constData());
        const auto [inboxCode, inbox, inboxErr] = run(profile, {QStringLiteral("inbox"), QStringLiteral("--json"),
                                                                QStringLiteral("--limit"), QStringLiteral("1000")});
        QCOMPARE(inboxCode, 0);
        QVERIFY(!QJsonDocument::fromJson(inbox).array().isEmpty());
    }

    void refusedLoginStoresNothing() {
        const QString profile = m_dir.filePath(QStringLiteral("refused"));
        QString clientId;
        for (const sandbox::SandboxAccount& a : m_server->accounts()) {
            if (a.network == QLatin1String("reddit")) {
                clientId =
                    QJsonDocument::fromJson(a.token.toUtf8()).object().value(QLatin1String("client_id")).toString();
                break;
            }
        }
        QVERIFY(!clientId.isEmpty());
        QVERIFY(m_server->oauthRefuseNext(QStringLiteral("reddit")));
        Browser browser;
        const auto [code, out, err] = login(
            profile,
            {QStringLiteral("reddit"), QStringLiteral("--name"), QStringLiteral("r"), QStringLiteral("--base-url"),
             m_server->baseUrl() + QStringLiteral("/reddit"), QStringLiteral("--client-id"), clientId,
             QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--secret-store"), QStringLiteral("file")},
            browser);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("sign-in failed: access was refused in the browser"), err.constData());
        QVERIFY(accounts(profile).isEmpty());

        // The next try goes through, with the installed app's grant stored.
        Browser again;
        const auto [code2, out2, err2] = login(
            profile,
            {QStringLiteral("reddit"), QStringLiteral("--name"), QStringLiteral("r"), QStringLiteral("--base-url"),
             m_server->baseUrl() + QStringLiteral("/reddit"), QStringLiteral("--client-id"), clientId,
             QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--secret-store"), QStringLiteral("file")},
            again);
        QVERIFY2(code2 == 0, err2.constData());
        QCOMPARE(accounts(profile).size(), 1);
    }

    // Discourse: the user API key comes back to the loopback address, or is pasted on stdin (--oob) from the page
    // the forum shows, line breaks and all.
    void discourseLoginBothWays() {
        const QString profile = m_dir.filePath(QStringLiteral("discourse"));
        const QString forum = m_server->baseUrl() + QStringLiteral("/discourse");
        const int issued = m_server->discourseUserApiKeysIssued();
        Browser browser;
        const auto [code, out, err] =
            login(profile,
                  {QStringLiteral("discourse"), QStringLiteral("--name"), QStringLiteral("forum"),
                   QStringLiteral("--base-url"), forum, QStringLiteral("--secret-store"), QStringLiteral("file")},
                  browser);
        QVERIFY2(code == 0, err.constData());
        QVERIFY2(out.contains("added forum (discourse,"), out.constData());
        QCOMPARE(m_server->discourseUserApiKeysIssued(), issued + 1);
        QTRY_VERIFY(browser.done);
        QCOMPARE(browser.lastStatus, 200);

        QProcess p;
        setup(p);
        p.start(bin(), {QStringLiteral("--profile"), profile, QStringLiteral("account"), QStringLiteral("login"),
                        QStringLiteral("discourse"), QStringLiteral("--name"), QStringLiteral("pasted"),
                        QStringLiteral("--base-url"), forum, QStringLiteral("--oob"), QStringLiteral("--secret-store"),
                        QStringLiteral("file")});
        QByteArray printed;
        const QRegularExpression address(QStringLiteral("^(http://127\\.0\\.0\\.1:\\d+/\\S+)$"),
                                         QRegularExpression::MultilineOption);
        QRegularExpressionMatch m;
        QVERIFY(QTest::qWaitFor(
            [&] {
                printed += p.readAllStandardOutput();
                m = address.match(QString::fromUtf8(printed));
                return m.hasMatch() && printed.contains("followed by an empty line");
            },
            kTimeoutMs));
        const QUrl url = QUrl::fromEncoded(m.captured(1).toUtf8());
        QVERIFY2(!url.query().contains(QLatin1String("auth_redirect")), qPrintable(url.toString()));
        QNetworkAccessManager nam;
        QNetworkReply* reply = nam.get(QNetworkRequest(url));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, kTimeoutMs));
        const QString page = QString::fromUtf8(reply->readAll());
        reply->deleteLater();
        const QRegularExpressionMatch shown =
            QRegularExpression(QStringLiteral("<pre id=\"payload\">([^<]+)</pre>")).match(page);
        QVERIFY2(shown.hasMatch(), qPrintable(page));
        p.write(shown.captured(1).toLatin1() + "\n"); // the text ends with a line break; then the empty line
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, kTimeoutMs));
        printed += p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY2(printed.contains("added pasted (discourse,"), printed.constData());
        QCOMPARE(m_server->discourseUserApiKeysIssued(), issued + 2);
        QCOMPARE(accounts(profile).size(), 2);

        const auto [syncCode, syncOut, syncErr] = run(profile, {QStringLiteral("sync"), QStringLiteral("--once")});
        QVERIFY2(syncCode == 0, syncErr.constData());
    }

    void emailLoginSignsInWithXoauth2() {
        const QString profile = m_dir.filePath(QStringLiteral("email"));
        sandbox::SandboxAccount mailbox;
        for (const sandbox::SandboxAccount& a : m_server->accounts()) {
            if (a.network == QLatin1String("email")) {
                mailbox = a;
                break;
            }
        }
        QVERIFY(mailbox.acct.contains(u'@'));
        const QString smtpUrl = QStringLiteral("smtp://127.0.0.1:%1").arg(m_server->smtpPort());
        const QStringList common{QStringLiteral("email"),
                                 QStringLiteral("--name"),
                                 QStringLiteral("support"),
                                 QStringLiteral("--base-url"),
                                 mailbox.baseUrl,
                                 QStringLiteral("--client-id"),
                                 QStringLiteral("1.apps.googleusercontent.com"),
                                 QStringLiteral("--secret-store"),
                                 QStringLiteral("file")};

        // Usage: the address is needed, and the email options belong to email.
        const auto [noUser, o1, e1] =
            run(profile, QStringList{QStringLiteral("account"), QStringLiteral("login")} + common +
                             QStringList{QStringLiteral("--auth-url"), m_server->baseUrl() + QStringLiteral("/mail")});
        QCOMPARE(noUser, 2);
        QVERIFY2(e1.contains("--user ADDRESS"), e1.constData());
        const auto [notGmail, o2, e2] = run(profile, QStringList{QStringLiteral("account"), QStringLiteral("login")} +
                                                         common + QStringList{QStringLiteral("--user"), mailbox.acct});
        QCOMPARE(notGmail, 2);
        QVERIFY2(e2.contains("Gmail"), e2.constData());
        const auto [wrongNetwork, o3, e3] =
            run(profile, {QStringLiteral("account"), QStringLiteral("login"), QStringLiteral("youtube"),
                          QStringLiteral("--name"), QStringLiteral("y"), QStringLiteral("--base-url"),
                          m_server->baseUrl() + QStringLiteral("/youtube"), QStringLiteral("--user"), mailbox.acct});
        QCOMPARE(wrongNetwork, 2);
        QVERIFY2(e3.contains("email accounts only"), e3.constData());
        QVERIFY(accounts(profile).isEmpty());

        Browser browser;
        const auto [code, out, err] = login(
            profile,
            common + QStringList{QStringLiteral("--user"), mailbox.acct, QStringLiteral("--auth-url"),
                                 m_server->baseUrl() + QStringLiteral("/mail"), QStringLiteral("--smtp-url"), smtpUrl},
            browser);
        QVERIFY2(code == 0, err.constData());
        QVERIFY2(out.contains("added support (email,"), out.constData());
        QCOMPARE(m_server->oauthTokensIssued(QStringLiteral("email")), 1);
        const QJsonArray list = accounts(profile);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QLatin1String("network")).toString(), QStringLiteral("email"));

        m_server->clearJournal();
        const auto [syncCode, syncOut, syncErr] = run(profile, {QStringLiteral("sync"), QStringLiteral("--once")});
        QVERIFY2(syncCode == 0, syncErr.constData());
        bool xoauth2 = false;
        for (const sandbox::JournalEntry& e : m_server->journal()) {
            if (e.path == QLatin1String("/mail/imap") && e.method == QLatin1String("AUTHENTICATE")) {
                QCOMPARE(e.body, QByteArray("XOAUTH2 ****"));
                QCOMPARE(e.status, 200);
                xoauth2 = true;
            }
        }
        QVERIFY(xoauth2);
        const auto [inboxCode, inbox, inboxErr] = run(profile, {QStringLiteral("inbox"), QStringLiteral("--json"),
                                                                QStringLiteral("--limit"), QStringLiteral("1000")});
        QCOMPARE(inboxCode, 0);
        QVERIFY(!QJsonDocument::fromJson(inbox).array().isEmpty());
    }

    void timeoutAndUsageErrors() {
        const QString profile = m_dir.filePath(QStringLiteral("errors"));
        const auto [code, out, err] =
            run(profile, {QStringLiteral("account"), QStringLiteral("login"), QStringLiteral("youtube"),
                          QStringLiteral("--name"), QStringLiteral("y"), QStringLiteral("--base-url"),
                          m_server->baseUrl() + QStringLiteral("/youtube"), QStringLiteral("--client-id"),
                          QStringLiteral("1.apps.googleusercontent.com"), QStringLiteral("--timeout"),
                          QStringLiteral("1"), QStringLiteral("--secret-store"), QStringLiteral("file")});
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("no answer came back from the browser"), err.constData());
        QVERIFY(accounts(profile).isEmpty());

        const auto [noClient, o1, e1] =
            run(profile,
                {QStringLiteral("account"), QStringLiteral("login"), QStringLiteral("reddit"), QStringLiteral("--name"),
                 QStringLiteral("r"), QStringLiteral("--base-url"), QStringLiteral("https://oauth.reddit.com")});
        QCOMPARE(noClient, 2);
        QVERIFY2(e1.contains("client id"), e1.constData());
        const auto [bluesky, o2, e2] =
            run(profile, {QStringLiteral("account"), QStringLiteral("login"), QStringLiteral("bluesky"),
                          QStringLiteral("--name"), QStringLiteral("b"), QStringLiteral("--base-url"),
                          QStringLiteral("https://bsky.social")});
        QCOMPARE(bluesky, 2);
        QVERIFY2(e2.contains("baton account add"), e2.constData());
    }

    void usageMentionsLogin() {
        const auto [code, out, err] = run(m_dir.filePath(QStringLiteral("help")), {QStringLiteral("--help")});
        QCOMPARE(code, 0);
        QVERIFY(out.contains("account login NETWORK"));
    }
};

QTEST_GUILESS_MAIN(CliLoginTest)
#include "CliLoginTest.moc"
