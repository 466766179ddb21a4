#include "core/connectors/mastodon/MastodonParser.h"

#include "core/connectors/LinkHeader.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace baton;
using namespace baton::connectors;
using namespace baton::connectors::mastodon;

namespace {

QByteArray fixture(const QString& name) {
    return baton::testing::fixture(QStringLiteral("mastodon"), name);
}

ParseContext ctx() {
    ParseContext c;
    c.accountId = 3;
    c.ownAccountId = QStringLiteral("14715");
    c.instanceHost = QStringLiteral("mastodon.example");
    return c;
}

QJsonObject itemToJson(const model::Item& it) {
    return QJsonObject{{QStringLiteral("remote_id"), it.remoteId},
                       {QStringLiteral("notification_id"), it.notificationId},
                       {QStringLiteral("kind"), model::toString(it.kind)},
                       {QStringLiteral("direction"), model::toString(it.direction)},
                       {QStringLiteral("author_handle"), it.author.handle},
                       {QStringLiteral("author_name"), it.author.displayName},
                       {QStringLiteral("author_remote_id"), it.author.remoteId},
                       {QStringLiteral("author_avatar"), it.author.avatarUrl},
                       {QStringLiteral("parent"), it.parentRemoteId},
                       {QStringLiteral("created_at"), QString::number(it.createdAt)},
                       {QStringLiteral("updated_at"), QString::number(it.updatedAt)},
                       {QStringLiteral("text"), it.text},
                       {QStringLiteral("html"), it.html},
                       {QStringLiteral("url"), it.url},
                       {QStringLiteral("lang"), it.lang},
                       {QStringLiteral("visibility"), it.visibility}};
}

// What a page parses to, in a stable readable form for the golden files.
QByteArray describe(const NotificationPage& page) {
    QJsonArray items;
    QJsonArray edits;
    for (const auto& it : page.items) {
        items.append(itemToJson(it));
    }
    for (const auto& it : page.edits) {
        edits.append(itemToJson(it));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("ids"), QJsonArray::fromStringList(page.ids)},
                                     {QStringLiteral("items"), items},
                                     {QStringLiteral("edits"), edits}})
        .toJson(QJsonDocument::Indented);
}

} // namespace

class MastodonParserTest : public QObject {
    Q_OBJECT
private slots:
    void mixedPage() {
        auto page = parseNotifications(fixture(QStringLiteral("golden/notifications_mixed.json")), ctx());
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

    // Every page in fixtures/mastodon/golden/ parses to exactly its .expected file. Set BATON_UPDATE_GOLDEN=1 to
    // rewrite the expectations after a deliberate change, then review the diff.
    void goldenPages_data() {
        QTest::addColumn<QString>("page");
        const QDir dir(baton::testing::fixturePath(QStringLiteral("mastodon"), QStringLiteral("golden")));
        const QStringList pages = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(!pages.isEmpty());
        for (const QString& p : pages) {
            QTest::newRow(qPrintable(p)) << dir.filePath(p);
        }
    }
    void goldenPages() {
        QFETCH(QString, page);
        QFile in(page);
        QVERIFY(in.open(QIODevice::ReadOnly));
        auto parsed = parseNotifications(in.readAll(), ctx());
        QVERIFY2(parsed.hasValue(), qPrintable(parsed ? QString() : parsed.error().toString()));
        const QByteArray actual = describe(*parsed);
        QFile expected(page.chopped(5) + QStringLiteral(".expected"));
        if (qEnvironmentVariableIsSet("BATON_UPDATE_GOLDEN")) {
            QVERIFY(expected.open(QIODevice::WriteOnly));
            expected.write(actual);
            return;
        }
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(expected.fileName()));
        QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(expected.readAll()));
    }

    void updateNotificationIsAnEdit() {
        auto page = parseNotifications(fixture(QStringLiteral("golden/notifications_update.json")), ctx());
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
        const QByteArray page = fixture(QStringLiteral("golden/notifications_mixed.json"));
        for (qsizetype n = 0; n < page.size(); n += 7) {
            auto r = parseNotifications(page.left(n), ctx());
            QVERIFY(!r.hasValue() || r->ids.size() <= 4);
        }
    }
};

QTEST_GUILESS_MAIN(MastodonParserTest)
#include "MastodonParserTest.moc"
