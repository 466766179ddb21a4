#include "core/connectors/mastodon/MastodonParser.h"

#include "core/connectors/LinkHeader.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace baton;
using namespace baton::connectors;
using namespace baton::connectors::mastodon;

namespace {

QByteArray fixture(const QString& name) {
    QFile f(QStringLiteral(BATON_FIXTURES "/mastodon/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(name));
    }
    return f.readAll();
}

ParseContext ctx() {
    ParseContext c;
    c.accountId = 3;
    c.ownAccountId = QStringLiteral("14715");
    c.instanceHost = QStringLiteral("mastodon.example");
    return c;
}

} // namespace

class MastodonParserTest : public QObject {
    Q_OBJECT
private slots:
    void mixedPage() {
        auto page = parseNotifications(fixture(QStringLiteral("notifications_mixed.json")), ctx());
        QVERIFY2(page.hasValue(), qPrintable(page ? QString() : page.error().toString()));
        // Every id advances the cursor; only mentions become items; unknown types are ignored.
        QCOMPARE(page->ids.size(), 4);
        QCOMPARE(page->items.size(), 2);
        QVERIFY(page->edits.isEmpty());

        const model::Item& a = page->items[0];
        QCOMPARE(a.remoteId, QStringLiteral("9007199254740993123")); // above 2^53, kept exactly
        QCOMPARE(a.notificationId, QStringLiteral("110000000000000000003"));
        QCOMPARE(a.accountId, 3);
        QCOMPARE(a.author.handle, QStringLiteral("zsc@mastodon.example")); // local acct qualified
        QCOMPARE(a.author.displayName, QStringLiteral("Zoë ☕"));
        QCOMPARE(a.author.avatarUrl, QStringLiteral("https://files.example/a_static.png"));
        QCOMPARE(a.text, QStringLiteral("@baton Tom & Jerry love it 'a lot' 🎉\n\nsecond line"));
        QVERIFY(a.html.contains(QLatin1String("<a href=\"https://mastodon.example/@baton\" class=\"mention\">")));
        QVERIFY(!a.html.contains(QLatin1String("<span")));
        QCOMPARE(a.url, QStringLiteral("https://mastodon.example/users/zsc/statuses/9007199254740993123")); // uri
        QVERIFY(a.lang.isEmpty());
        QCOMPARE(a.createdAt, qint64(1795420141900));
        QCOMPARE(a.updatedAt, qint64(0));
        QCOMPARE(a.parentRemoteId, QStringLiteral("9007199254740990000"));
        QVERIFY(a.kind == model::Kind::Reply); // answers one of our statuses
        QVERIFY(a.direction == model::Direction::Incoming);

        const model::Item& b = page->items[1];
        QCOMPARE(b.author.handle, QStringLiteral("remi@fr.example"));
        QCOMPARE(b.author.displayName, QStringLiteral("remi")); // empty display name falls back to username
        QVERIFY(b.kind == model::Kind::DirectMessage);
        QCOMPARE(b.text, QStringLiteral("colis\n\nMon colis n'est jamais arrivé\u00a0!"));
        QCOMPARE(b.createdAt, qint64(1795338000000)); // +01:00 normalised to UTC
        QCOMPARE(b.lang, QStringLiteral("fr"));
    }

    void updateNotificationIsAnEdit() {
        auto page = parseNotifications(fixture(QStringLiteral("notifications_update.json")), ctx());
        QVERIFY(page.hasValue());
        QVERIFY(page->items.isEmpty());
        QCOMPARE(page->edits.size(), 1);
        QCOMPARE(page->edits[0].remoteId, QStringLiteral("9007199254740993123"));
        QCOMPARE(page->edits[0].updatedAt, qint64(1795510799123));
        QCOMPARE(page->edits[0].text, QStringLiteral("Edited: it works now"));
    }

    void badInput_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("truncated") << QStringLiteral("truncated.json") << QStringLiteral("invalid JSON");
        QTest::newRow("numeric id") << QStringLiteral("numeric_id.json") << QStringLiteral("string id");
        QTest::newRow("error object") << QStringLiteral("not_an_array.json") << QStringLiteral("expected a JSON array");
        QTest::newRow("bad date") << QStringLiteral("bad_date.json") << QStringLiteral("created_at");
        QTest::newRow("no status") << QStringLiteral("mention_without_status.json")
                                   << QStringLiteral("without a status");
    }
    void badInput() {
        QFETCH(QString, file);
        QFETCH(QString, mentions);
        auto page = parseNotifications(fixture(file), ctx());
        QVERIFY(!page.hasValue());
        QVERIFY(page.error().code == ErrorCode::BadResponse);
        QVERIFY2(page.error().detail.contains(mentions), qPrintable(page.error().detail));
    }

    void emptyPage() {
        auto page = parseNotifications(fixture(QStringLiteral("empty.json")), ctx());
        QVERIFY(page.hasValue());
        QVERIFY(page->ids.isEmpty());
    }

    void contextMarksOurStatusesOutgoing() {
        auto page = parseContext(fixture(QStringLiteral("context.json")), ctx());
        QVERIFY(page.hasValue());
        QCOMPARE(page->items.size(), 2);
        for (const auto& it : page->items) {
            QVERIFY(it.direction == model::Direction::Outgoing);
        }
        QCOMPARE(page->items[1].parentRemoteId, QStringLiteral("200"));
    }

    void linkHeader() {
        const auto links = parseLinkHeader("<https://m.example/api/v1/notifications?max_id=34975535>; rel=\"next\", "
                                           "<https://m.example/api/v1/notifications?min_id=34975861>; rel=\"prev\"");
        QCOMPARE(links.value(QStringLiteral("next")).query(), QStringLiteral("max_id=34975535"));
        QCOMPARE(links.value(QStringLiteral("prev")).query(), QStringLiteral("min_id=34975861"));
        QVERIFY(parseLinkHeader("").isEmpty());
        QVERIFY(parseLinkHeader("garbage <").isEmpty());
    }

    void neverCrashesOnArbitraryBytes() {
        // Every prefix of a real page is either a clean page or a clean error.
        const QByteArray page = fixture(QStringLiteral("notifications_mixed.json"));
        for (qsizetype n = 0; n < page.size(); n += 7) {
            auto r = parseNotifications(page.left(n), ctx());
            QVERIFY(!r.hasValue() || r->ids.size() <= 4);
        }
    }
};

QTEST_GUILESS_MAIN(MastodonParserTest)
#include "MastodonParserTest.moc"
