#include "core/connectors/discourse/DiscourseParser.h"

#include "tests/support/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace baton;
using namespace baton::connectors::discourse;

namespace {

using baton::testing::readFixtureFile;

QString fixturePath(const QString& name) {
    return baton::testing::fixturePath(QStringLiteral("discourse"), name);
}

ParseContext ctx() {
    ParseContext c;
    c.accountId = 7;
    c.siteUrl = QStringLiteral("https://forum.example");
    c.ownUsername = QStringLiteral("baton");
    c.categoryNames = {
        {2, QStringLiteral("Support")}, {3, QStringLiteral("Feature requests")}, {5, QStringLiteral("Français")}};
    return c;
}

QJsonObject describe(const model::Item& it) {
    return QJsonObject{{QStringLiteral("remote_id"), it.remoteId},
                       {QStringLiteral("kind"), model::toString(it.kind)},
                       {QStringLiteral("direction"), model::toString(it.direction)},
                       {QStringLiteral("author_handle"), it.author.handle},
                       {QStringLiteral("author_name"), it.author.displayName},
                       {QStringLiteral("author_remote_id"), it.author.remoteId},
                       {QStringLiteral("author_avatar"), it.author.avatarUrl},
                       {QStringLiteral("parent"), it.parentRemoteId},
                       {QStringLiteral("thread"), it.threadRemoteId},
                       {QStringLiteral("created_at"), QString::number(it.createdAt)},
                       {QStringLiteral("updated_at"), QString::number(it.updatedAt)},
                       {QStringLiteral("text"), it.text},
                       {QStringLiteral("html"), it.html},
                       {QStringLiteral("url"), it.url},
                       {QStringLiteral("community"), it.communityRemoteId},
                       {QStringLiteral("community_name"), it.communityName}};
}

// Every key of `expected` must match the item; *_contains / *_lacks check substrings.
void compareItem(const model::Item& item, const QJsonObject& expected) {
    const QJsonObject actual = describe(item);
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        const QString key = it.key();
        const QString want = it.value().toString();
        if (key.endsWith(QLatin1String("_contains"))) {
            const QString field = actual.value(key.chopped(9)).toString();
            QVERIFY2(field.contains(want),
                     qPrintable(QStringLiteral("%1: %2 lacks %3").arg(item.remoteId, field, want)));
        } else if (key.endsWith(QLatin1String("_lacks"))) {
            const QString field = actual.value(key.chopped(6)).toString();
            QVERIFY2(!field.contains(want),
                     qPrintable(QStringLiteral("%1: %2 has %3").arg(item.remoteId, field, want)));
        } else {
            QVERIFY2(actual.contains(key), qPrintable(QStringLiteral("unknown expectation key %1").arg(key)));
            QCOMPARE(actual.value(key).toString(), want);
        }
    }
}

QList<qint64> longs(const QJsonArray& a) {
    QList<qint64> out;
    for (const QJsonValue& v : a) {
        out.append(v.toInteger());
    }
    return out;
}

void comparePosts(const PostPage& page, const QJsonObject& expect) {
    QCOMPARE(page.ids, longs(expect.value(QStringLiteral("ids")).toArray()));
    QStringList deleted;
    for (const QJsonValue& v : expect.value(QStringLiteral("deleted")).toArray()) {
        deleted << v.toString();
    }
    QCOMPARE(page.deletedRemoteIds, deleted);
    const QJsonArray items = expect.value(QStringLiteral("items")).toArray();
    QCOMPARE(page.items.size(), items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        compareItem(page.items.at(i), items.at(i).toObject());
        QVERIFY(page.items.at(i).network == model::Network::Discourse);
        QCOMPARE(page.items.at(i).accountId, qint64(7));
    }
}

} // namespace

class DiscourseParserTest : public QObject {
    Q_OBJECT
private slots:
    // Every file in fixtures/discourse/cases holds an input, how to parse it and what must come out.
    void cases_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(fixturePath(QStringLiteral("cases")));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files) {
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
        }
    }
    void cases() {
        QFETCH(QString, file);
        const QJsonObject c = QJsonDocument::fromJson(readFixtureFile(file)).object();
        QVERIFY2(!c.isEmpty(), "the case file itself is not JSON");
        const QByteArray input = c.contains(QStringLiteral("input_text"))
                                     ? c.value(QStringLiteral("input_text")).toString().toUtf8()
                                     : QJsonDocument(c.value(QStringLiteral("input")).toObject()).toJson();
        const QJsonObject expect = c.value(QStringLiteral("expect")).toObject();
        const QString parse = c.value(QStringLiteral("parse")).toString();
        const QString wantError = expect.value(QStringLiteral("error")).toString();
        auto checkError = [&](const Error& e) {
            QVERIFY2(!wantError.isEmpty(), qPrintable(e.toString()));
            QVERIFY(e.code == ErrorCode::BadResponse);
            QVERIFY2(e.detail.contains(wantError), qPrintable(e.detail));
        };
        if (parse == QLatin1String("latest")) {
            auto page = parseLatestPosts(input, ctx());
            if (!page) {
                checkError(page.error());
                return;
            }
            QVERIFY(wantError.isEmpty());
            comparePosts(*page, expect);
        } else if (parse == QLatin1String("topic")) {
            auto topic = parseTopic(input, ctx());
            if (!topic) {
                checkError(topic.error());
                return;
            }
            QVERIFY(wantError.isEmpty());
            const QJsonObject t = expect.value(QStringLiteral("topic")).toObject();
            QCOMPARE(topic->topic.id, t.value(QStringLiteral("id")).toInt());
            QCOMPARE(topic->topic.categoryId, t.value(QStringLiteral("category")).toInt());
            QCOMPARE(topic->topic.privateMessage, t.value(QStringLiteral("private")).toBool());
            QCOMPARE(topic->topic.stream, longs(t.value(QStringLiteral("stream")).toArray()));
            comparePosts(topic->posts, expect);
        } else if (parse == QLatin1String("notifications")) {
            auto page = parseNotifications(input);
            if (!page) {
                checkError(page.error());
                return;
            }
            QCOMPARE(page->ids, longs(expect.value(QStringLiteral("ids")).toArray()));
            const QJsonArray relevant = expect.value(QStringLiteral("relevant")).toArray();
            QCOMPARE(page->relevant.size(), relevant.size());
            for (qsizetype i = 0; i < relevant.size(); ++i) {
                const QJsonObject r = relevant.at(i).toObject();
                const Notification& n = page->relevant.at(i);
                QCOMPARE(n.id, r.value(QStringLiteral("id")).toInteger());
                QCOMPARE(n.type, r.value(QStringLiteral("type")).toInt());
                QCOMPARE(n.topicId, r.value(QStringLiteral("topic")).toInt());
                QCOMPARE(n.postId, r.value(QStringLiteral("post")).toInteger());
                QCOMPARE(n.username, r.value(QStringLiteral("username")).toString());
            }
            QCOMPARE(page->loadMore, expect.value(QStringLiteral("load_more")).toString());
        } else {
            QFAIL(qPrintable(QStringLiteral("unknown parse kind %1").arg(parse)));
        }
    }

    // Paging with before= can return a post on two pages; both copies parse the same, so the store's
    // UNIQUE(account, remote id) keeps one, and the cursor still moves below the page.
    void duplicatesAcrossPages() {
        auto first = parseLatestPosts(readFixtureFile(fixturePath(QStringLiteral("pages/latest_page1.json"))), ctx());
        auto second = parseLatestPosts(readFixtureFile(fixturePath(QStringLiteral("pages/latest_page2.json"))), ctx());
        QVERIFY(first && second);
        QCOMPARE(first->items.size(), 5);
        QCOMPARE(second->items.size(), 5);
        QSet<QString> ids;
        int repeats = 0;
        for (const auto* page : {&*first, &*second}) {
            for (const model::Item& item : page->items) {
                repeats += ids.contains(item.remoteId) ? 1 : 0;
                ids.insert(item.remoteId);
            }
        }
        QCOMPARE(repeats, 1);
        QCOMPARE(ids.size(), 9);
        const model::Item& a = first->items.constLast();
        const model::Item& b = second->items.constFirst();
        QCOMPARE(a.remoteId, QStringLiteral("1602"));
        QCOMPARE(describe(a), describe(b));
        QCOMPARE(*std::min_element(second->ids.begin(), second->ids.end()), qint64(1598));
    }

    void currentUserAndCategories() {
        auto me = parseCurrentUser(R"({"current_user":{"id":2,"username":"baton","name":"Baton Team","admin":true}})");
        QVERIFY(me);
        QCOMPARE(me->id, QStringLiteral("2"));
        QVERIFY(me->staff);
        QVERIFY(!parseCurrentUser(R"({"current_user":null})"));
        QVERIFY(!parseCurrentUser("[]"));

        auto categories = parseCategories(
            R"({"category_list":{"categories":[{"id":2,"name":"Support &amp; help","slug":"support","notification_level":3},
                {"id":3,"name":"Ideas","slug":"ideas","notification_level":1},{"id":4,"name":"Bugs","notification_level":4},
                {"name":"no id"}]}})");
        QVERIFY(categories);
        QCOMPARE(categories->size(), 3);
        QCOMPARE(categories->at(0).name, QStringLiteral("Support & help"));
        QVERIFY(categories->at(0).watched());
        QVERIFY(!categories->at(1).watched());
        QVERIFY(categories->at(2).watched());
        QVERIFY(!parseCategories(R"({"category_list":{}})"));
    }

    void postRefAndReviewable() {
        auto ref = parsePostRef(
            R"({"id":1401,"topic_id":160,"post_number":2,"reply_to_post_number":1,"username":"baton","raw":"Hi\r\n","reviewable_id":9})");
        QVERIFY(ref);
        QCOMPARE(ref->topicId, 160);
        QCOMPARE(ref->postNumber, 2);
        QCOMPARE(ref->replyToPostNumber.value_or(0), 1);
        QCOMPARE(ref->reviewableId, 9);
        QVERIFY(!parsePostRef(R"({"id":1401})"));
        const auto version = parseReviewableVersion(R"({"reviewable":{"id":9,"version":3}})");
        QVERIFY(version);
        QCOMPARE(*version, 3);
        QVERIFY(!parseReviewableVersion(R"({"reviewable":{}})"));
    }

    // Both 429 flavours give the wait; other error bodies give their type and messages.
    void errorBodies() {
        const QByteArray json =
            R"({"errors":["You’ve performed this action too many times. Please wait 12 seconds before trying again."],)"
            R"("error_type":"rate_limit","extras":{"wait_seconds":12,"time_left":"12 seconds"}})";
        QCOMPARE(rateLimitWaitSeconds(json).value_or(-1), 12);
        QCOMPARE(errorType(json), QStringLiteral("rate_limit"));
        QVERIFY(
            !rateLimitWaitSeconds(
                 "Slow down, too many requests from this user api key.\nError code: user_api_key_limiter_60_secs.\n")
                 .has_value());
        QCOMPARE(rateLimitWaitSeconds("Slow down. Please wait 30 seconds before trying again.").value_or(-1), 30);
        const QByteArray invalid =
            R"({"errors":["You are not permitted to view the requested resource."],"error_type":"invalid_access"})";
        QCOMPARE(errorType(invalid), QStringLiteral("invalid_access"));
        QCOMPARE(errorMessage(invalid), QStringLiteral("You are not permitted to view the requested resource."));
        QCOMPARE(errorMessage("  plain\ntext  "), QStringLiteral("plain text"));
        QCOMPARE(errorType("not json"), QString());
    }

    void avatars() {
        const QString site = QStringLiteral("https://forum.example");
        QCOMPARE(avatarUrl(QStringLiteral("/letter_avatar_proxy/v4/letter/b/a9a28c/{size}.png"), site, 48),
                 QStringLiteral("https://forum.example/letter_avatar_proxy/v4/letter/b/a9a28c/48.png"));
        QCOMPARE(avatarUrl(QStringLiteral("//cdn.example/{size}/a.png"), site),
                 QStringLiteral("https://cdn.example/96/a.png"));
        QCOMPARE(avatarUrl(QStringLiteral("javascript:alert(1)//{size}"), site), QString());
        QCOMPARE(avatarUrl(QString(), site), QString());
    }
};

QTEST_GUILESS_MAIN(DiscourseParserTest)
#include "DiscourseParserTest.moc"
