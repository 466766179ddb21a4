// Bluesky parser over data-driven fixtures (tests/fixtures/bluesky): a notification page with every reason (kept:
// mention, reply, quote; skipped: like, follow, kinds this version does not know), duplicates, facets given as
// UTF-8 byte ranges (valid, through a character, past the end, unsafe schemes), emoji, right-to-left text, HTML
// characters in plain text, nulls, handle.invalid, lying createdAt, every date shape; thread answers with deleted
// and blocked posts; sessions and JWT expiry; and the writing side: facets for a reply, record keys.
#include "core/connectors/bluesky/BlueskyParser.h"

#include "core/common/Time.h"
#include "core/connectors/bluesky/BlueskyConnector.h"
#include "tests/support/Fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace baton;
using namespace baton::connectors::bluesky;

namespace {

QByteArray fixture(const QString& name) {
    return baton::testing::fixture(QStringLiteral("bluesky"), name);
}

ParseContext ctx(const QString& ownDid = QStringLiteral("did:plc:brand")) {
    ParseContext c;
    c.accountId = 7;
    c.ownDid = ownDid;
    return c;
}

qint64 at(const char* rfc3339) {
    return parseRfc3339(QString::fromLatin1(rfc3339)).value();
}

const model::Item* byUri(const QList<model::Item>& items, const QString& uri) {
    for (const model::Item& i : items) {
        if (i.remoteId == uri) {
            return &i;
        }
    }
    return nullptr;
}

} // namespace

class BlueskyParserTest final : public QObject {
    Q_OBJECT

private slots:
    void notificationPageKeepsPostsThatCallForAnAnswer();
    void mentionWithFacets();
    void replyInRightToLeftWithHtmlCharacters();
    void quoteWithLyingClockAndUnverifiedHandle();
    void facetsThatAreNotRangesOfTheTextStayPlain();
    void postWithOnlyACreatedAt();
    void ownPostsAreOutgoing();
    void lastPageHasNoCursor();
    void malformedAnswersAreErrors_data();
    void malformedAnswersAreErrors();
    void threadFromRootToReplies();
    void deletedThreadIsNotFound();
    void replyTargetNamesPostAndRoot();
    void sessionAndTokenExpiry();
    void sessionWithoutTokensIsAnError();
    void xrpcErrors();
    void atUris();
    void facetsForAReply_data();
    void facetsForAReply();
    void mentionsAreFoundOnce();
    void recordKeys();
};

void BlueskyParserTest::notificationPageKeepsPostsThatCallForAnAnswer() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications.json")), ctx());
    QVERIFY2(page, qPrintable(page ? QString() : page.error().toString()));
    QCOMPARE(page->entries, 10);
    QCOMPARE(page->cursor, QStringLiteral("MjAyNi0xMS0yMFQwODowMDowMC4wMDBafDM="));
    QStringList uris;
    for (const model::Item& i : page->items) {
        uris << i.remoteId;
        QCOMPARE(i.accountId, qint64(7));
        QVERIFY(i.network == model::Network::Bluesky);
        QCOMPARE(i.notificationId, i.remoteId);
    }
    // Like, follow and starter pack skipped; the duplicate once; the post without any valid time left out.
    QCOMPARE(uris, (QStringList{QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m2aaaaaaaa2a"),
                                QStringLiteral("at://did:plc:carla22/app.bsky.feed.post/3m2aaaaaaab2a"),
                                QStringLiteral("at://did:plc:dan333/app.bsky.feed.post/3m2aaaaaaac2a"),
                                QStringLiteral("at://did:plc:fay555/app.bsky.feed.post/3m2aaaaaaae2a"),
                                QStringLiteral("at://did:plc:hal777/app.bsky.feed.post/3m2aaaaaaag2a")}));
    QCOMPARE(page->newestIndexedAt, at("2026-11-20T10:00:01Z"));
    QCOMPARE(page->newestUri, QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m2aaaaaaaa2a"));
    QCOMPARE(page->oldestIndexedAt, at("2026-11-20T08:10:00Z")); // entries without a readable indexedAt not counted
}

void BlueskyParserTest::mentionWithFacets() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications.json")), ctx());
    QVERIFY(page);
    const model::Item* m = byUri(page->items, QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m2aaaaaaaa2a"));
    QVERIFY(m);
    QVERIFY(m->kind == model::Kind::Mention);
    QVERIFY(m->direction == model::Direction::Incoming);
    QCOMPARE(m->author.remoteId, QStringLiteral("did:plc:bob111"));
    QCOMPARE(m->author.handle, QStringLiteral("bob.test"));
    QCOMPARE(m->author.displayName, QStringLiteral("Bob"));
    QCOMPARE(m->author.avatarUrl, QStringLiteral("https://cdn.example/bob.jpg"));
    QCOMPARE(m->author.profileUrl, QStringLiteral("https://bsky.app/profile/bob.test"));
    QCOMPARE(m->createdAt, at("2026-11-20T10:00:00.123Z")); // createdAt (µs dropped) before indexedAt
    QCOMPARE(m->text, QStringLiteral("Hey @brand.test 👋 see https://example.com/a?b=1&c=2 #Baton"));
    QCOMPARE(m->html,
             QStringLiteral("Hey <a href=\"https://bsky.app/profile/did:plc:brand\">@brand.test</a> 👋 see "
                            "<a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a> "
                            "<a href=\"https://bsky.app/hashtag/Baton\">#Baton</a>"));
    QCOMPARE(m->lang, QStringLiteral("en"));
    QCOMPARE(m->url, QStringLiteral("https://bsky.app/profile/bob.test/post/3m2aaaaaaaa2a"));
    QVERIFY(m->parentRemoteId.isEmpty());
    QCOMPARE(m->threadRemoteId, m->remoteId);
}

void BlueskyParserTest::replyInRightToLeftWithHtmlCharacters() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications.json")), ctx());
    QVERIFY(page);
    const model::Item* r = byUri(page->items, QStringLiteral("at://did:plc:carla22/app.bsky.feed.post/3m2aaaaaaab2a"));
    QVERIFY(r);
    QVERIFY(r->kind == model::Kind::Reply);
    QCOMPARE(r->parentRemoteId, QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m1parentpar2"));
    QCOMPARE(r->threadRemoteId, QStringLiteral("at://did:plc:brand/app.bsky.feed.post/3m1rootrootr2"));
    QCOMPARE(r->createdAt, at("2026-11-20T09:30:00Z")); // +02:00 normalised to UTC
    QCOMPARE(r->text, QStringLiteral("مرحبا <b>bold</b> & co\nsecond line"));
    QCOMPARE(r->html, QStringLiteral("مرحبا &lt;b&gt;bold&lt;/b&gt; &amp; co<br>second line"));
    QVERIFY(r->author.displayName.isEmpty()); // null
    QCOMPARE(r->lang, QStringLiteral("ar"));
}

void BlueskyParserTest::quoteWithLyingClockAndUnverifiedHandle() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications.json")), ctx());
    QVERIFY(page);
    const model::Item* q = byUri(page->items, QStringLiteral("at://did:plc:dan333/app.bsky.feed.post/3m2aaaaaaac2a"));
    QVERIFY(q);
    QVERIFY(q->kind == model::Kind::Quote);
    QCOMPARE(q->createdAt, at("2026-11-20T09:00:00Z")); // a createdAt in 2030 is a lie: indexedAt bounds it
    QVERIFY(q->author.handle.isEmpty());
    QCOMPARE(q->author.profileUrl, QStringLiteral("https://bsky.app/profile/did:plc:dan333"));
    QCOMPARE(q->url, QStringLiteral("https://bsky.app/profile/did:plc:dan333/post/3m2aaaaaaac2a"));
    QCOMPARE(q->parentRemoteId, QStringLiteral("at://did:plc:brand/app.bsky.feed.post/3m1rootrootr2"));
    QVERIFY(q->lang.isEmpty());
}

void BlueskyParserTest::facetsThatAreNotRangesOfTheTextStayPlain() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications.json")), ctx());
    QVERIFY(page);
    const model::Item* f = byUri(page->items, QStringLiteral("at://did:plc:fay555/app.bsky.feed.post/3m2aaaaaaae2a"));
    QVERIFY(f);
    // Through the 'é', past the end, and a javascript: link: none becomes a link.
    QCOMPARE(f->html, QStringLiteral("é @brand.test"));
    QCOMPARE(f->author.displayName, QStringLiteral("Fay 🌸"));
}

void BlueskyParserTest::postWithOnlyACreatedAt() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications.json")), ctx());
    QVERIFY(page);
    const model::Item* h = byUri(page->items, QStringLiteral("at://did:plc:hal777/app.bsky.feed.post/3m2aaaaaaag2a"));
    QVERIFY(h);
    QCOMPARE(h->createdAt, at("2026-11-20T08:00:00.100Z"));
}

void BlueskyParserTest::ownPostsAreOutgoing() {
    auto page =
        parseNotifications(fixture(QStringLiteral("notifications.json")), ctx(QStringLiteral("did:plc:bob111")));
    QVERIFY(page);
    const model::Item* m = byUri(page->items, QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m2aaaaaaaa2a"));
    QVERIFY(m);
    QVERIFY(m->direction == model::Direction::Outgoing);
    const model::Item* r = byUri(page->items, QStringLiteral("at://did:plc:carla22/app.bsky.feed.post/3m2aaaaaaab2a"));
    QVERIFY(r && r->direction == model::Direction::Incoming);
}

void BlueskyParserTest::lastPageHasNoCursor() {
    auto page = parseNotifications(fixture(QStringLiteral("notifications-end.json")), ctx());
    QVERIFY(page);
    QVERIFY(page->items.isEmpty());
    QVERIFY(page->cursor.isEmpty());
    QCOMPARE(page->entries, 0);
    QCOMPARE(page->newestIndexedAt, qint64(0));
}

void BlueskyParserTest::malformedAnswersAreErrors_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"notifications": [{"uri": "at://x)");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no list") << QByteArray(R"({"cursor": "x"})");
    QTest::newRow("list is a number") << QByteArray(R"({"notifications": 3})");
    QTest::newRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>");
}

void BlueskyParserTest::malformedAnswersAreErrors() {
    QFETCH(QByteArray, json);
    auto page = parseNotifications(json, ctx());
    QVERIFY(!page);
    QVERIFY(page.error().code == ErrorCode::BadResponse);
    QVERIFY(!page.error().detail.isEmpty());
    QVERIFY(!parseThread(json, ctx()));
    QVERIFY(!parseSession(json));
    QVERIFY(!parseRecordRef(json));
}

void BlueskyParserTest::threadFromRootToReplies() {
    auto thread = parseThread(fixture(QStringLiteral("thread.json")), ctx());
    QVERIFY2(thread, qPrintable(thread ? QString() : thread.error().toString()));
    QStringList uris;
    for (const model::Item& i : *thread) {
        uris << i.remoteId;
    }
    // The deleted ancestor, the blocked reply and the unknown view are left out.
    QCOMPARE(uris, (QStringList{QStringLiteral("at://did:plc:brand/app.bsky.feed.post/3m1rootrootr2"),
                                QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m1parentpar2"),
                                QStringLiteral("at://did:plc:brand/app.bsky.feed.post/3m1brandrepl2"),
                                QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m1bobthanks2")}));
    QVERIFY(thread->at(0).direction == model::Direction::Outgoing);
    QVERIFY(thread->at(0).kind == model::Kind::Post);
    QVERIFY(thread->at(1).direction == model::Direction::Incoming);
    QVERIFY(thread->at(1).kind == model::Kind::Reply);
    QVERIFY(thread->at(2).direction == model::Direction::Outgoing);
    QCOMPARE(thread->at(3).parentRemoteId, thread->at(2).remoteId);
    QCOMPARE(thread->at(3).threadRemoteId, thread->at(0).remoteId);
}

void BlueskyParserTest::deletedThreadIsNotFound() {
    auto thread = parseThread(fixture(QStringLiteral("thread-notfound.json")), ctx());
    QVERIFY(!thread);
    QVERIFY(thread.error().code == ErrorCode::NotFound);
    auto target = parseReplyTarget(fixture(QStringLiteral("thread-notfound.json")));
    QVERIFY(!target);
    QVERIFY(target.error().code == ErrorCode::NotFound);
}

void BlueskyParserTest::replyTargetNamesPostAndRoot() {
    auto target = parseReplyTarget(fixture(QStringLiteral("thread.json")));
    QVERIFY(target);
    QCOMPARE(target->post.uri, QStringLiteral("at://did:plc:bob111/app.bsky.feed.post/3m1parentpar2"));
    QCOMPARE(target->post.cid, QStringLiteral("bafyreiparent"));
    QCOMPARE(target->root.uri, QStringLiteral("at://did:plc:brand/app.bsky.feed.post/3m1rootrootr2"));
    QCOMPARE(target->root.cid, QStringLiteral("bafyreiroot"));
    QCOMPARE(target->authorDid, QStringLiteral("did:plc:bob111"));
    // A post that starts its thread is its own root.
    const QByteArray root = R"({"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": {
        "uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "c1", "author": {"did": "did:plc:a", "handle": "a.test"},
        "record": {"$type": "app.bsky.feed.post", "text": "hi", "createdAt": "2026-01-01T00:00:00Z"},
        "indexedAt": "2026-01-01T00:00:00Z"}}})";
    auto own = parseReplyTarget(root);
    QVERIFY(own);
    QCOMPARE(own->root.uri, own->post.uri);
    QCOMPARE(own->root.cid, QStringLiteral("c1"));
}

void BlueskyParserTest::sessionAndTokenExpiry() {
    auto s = parseSession(fixture(QStringLiteral("session.json")));
    QVERIFY(s);
    QCOMPARE(s->did, QStringLiteral("did:plc:brand"));
    QCOMPARE(s->handle, QStringLiteral("brand.test"));
    QVERIFY(s->active);
    QCOMPARE(s->pdsUrl, QStringLiteral("https://morel.us-east.host.bsky.network"));
    QCOMPARE(jwtExpiry(s->accessJwt), std::optional<qint64>(1795007200000LL));
    QCOMPARE(jwtExpiry(s->refreshJwt), std::optional<qint64>()); // no exp claim
    QCOMPARE(jwtExpiry(QStringLiteral("opaque-token")), std::optional<qint64>());
    QCOMPARE(jwtExpiry(QStringLiteral("a.!!!.c")), std::optional<qint64>());
    auto inactive = parseSession(R"({"did": "did:plc:x", "handle": "x.test", "accessJwt": "a", "refreshJwt": "r",
                                     "active": false, "status": "takendown"})");
    QVERIFY(inactive);
    QVERIFY(!inactive->active);
    QCOMPARE(inactive->status, QStringLiteral("takendown"));
}

void BlueskyParserTest::sessionWithoutTokensIsAnError() {
    const QList<QByteArray> answers{
        R"({"did": "did:plc:x", "handle": "x.test", "accessJwt": "a"})",
        R"({"did": "x", "handle": "x.test", "accessJwt": "a", "refreshJwt": "r"})",
        R"({"error": "AuthenticationRequired", "message": "Invalid identifier or password"})"};
    for (const QByteArray& answer : answers) {
        auto s = parseSession(answer);
        QVERIFY2(!s, answer.constData());
        QVERIFY(s.error().code == ErrorCode::BadResponse);
    }
}

void BlueskyParserTest::xrpcErrors() {
    const QByteArray body = R"({"error":"ExpiredToken","message":"Token has expired"})";
    QCOMPARE(xrpcErrorName(body), QStringLiteral("ExpiredToken"));
    QCOMPARE(xrpcErrorMessage(body), QStringLiteral("Token has expired"));
    QVERIFY(xrpcErrorName("Bad Gateway").isEmpty());
    const QByteArray notAName = R"({"error": 3})";
    QVERIFY(xrpcErrorName(notAName).isEmpty());
}

void BlueskyParserTest::atUris() {
    const AtUri a = splitAtUri(QStringLiteral("at://did:plc:abc/app.bsky.feed.post/3k4duaz5vfs2b"));
    QCOMPARE(a.repo, QStringLiteral("did:plc:abc"));
    QCOMPARE(a.collection, QStringLiteral("app.bsky.feed.post"));
    QCOMPARE(a.rkey, QStringLiteral("3k4duaz5vfs2b"));
    QVERIFY(splitAtUri(QStringLiteral("https://bsky.app/x")).rkey.isEmpty());
    QVERIFY(splitAtUri(QStringLiteral("at://did:plc:abc")).rkey.isEmpty());
    QVERIFY(splitAtUri(QStringLiteral("at://did:plc:abc/a/b/c")).rkey.isEmpty());
    QCOMPARE(webUrl(QStringLiteral("at://did:plc:abc/app.bsky.feed.post/3k4"), QStringLiteral("alice.test")),
             QStringLiteral("https://bsky.app/profile/alice.test/post/3k4"));
    QVERIFY(webUrl(QStringLiteral("at://did:plc:abc/app.bsky.feed.like/3k4"), QStringLiteral("a")).isEmpty());
}

void BlueskyParserTest::facetsForAReply_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // compact JSON of the facets
    const QString mention = QStringLiteral("app.bsky.richtext.facet#mention");
    QTest::newRow("mention after emoji")
        << QStringLiteral("👋 @Bob.Test thanks")
        << QString::fromUtf8(
               R"([{"features":[{"$type":"%1","did":"did:plc:bob"}],"index":{"byteEnd":14,"byteStart":5}}])")
               .arg(mention);
    QTest::newRow("unresolved mention stays plain") << QStringLiteral("ask @nobody.test") << QStringLiteral("[]");
    QTest::newRow("e-mail address is no mention") << QStringLiteral("write to help@bob.test") << QStringLiteral("[]");
    QTest::newRow("link without the closing period")
        << QStringLiteral("See https://example.com/docs.")
        << QString::fromUtf8(
               R"([{"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.com/docs"}],"index":{"byteEnd":28,"byteStart":4}}])");
    QTest::newRow("link in parentheses")
        << QStringLiteral("(https://example.com/x)")
        << QString::fromUtf8(
               R"([{"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.com/x"}],"index":{"byteEnd":22,"byteStart":1}}])");
    QTest::newRow("hashtag after accented text")
        << QStringLiteral("Merci à tous #Baton!")
        << QString::fromUtf8(
               R"([{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"Baton"}],"index":{"byteEnd":20,"byteStart":14}}])");
    QTest::newRow("number is no hashtag") << QStringLiteral("ticket #42") << QStringLiteral("[]");
    QTest::newRow("mention, link and tag in order")
        << QStringLiteral("@bob.test https://a.example #x")
        << QString::fromUtf8(
               R"([{"features":[{"$type":"%1","did":"did:plc:bob"}],"index":{"byteEnd":9,"byteStart":0}},)"
               R"({"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://a.example"}],"index":{"byteEnd":27,"byteStart":10}},)"
               R"({"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"x"}],"index":{"byteEnd":30,"byteStart":28}}])")
               .arg(mention);
}

void BlueskyParserTest::facetsForAReply() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QHash<QString, QString> dids{{QStringLiteral("bob.test"), QStringLiteral("did:plc:bob")}};
    const QJsonArray facets = buildFacets(text, dids);
    QCOMPARE(QString::fromUtf8(QJsonDocument(facets).toJson(QJsonDocument::Compact)), expected);
    // Every range is a whole run of the UTF-8 text.
    const QByteArray bytes = text.toUtf8();
    for (const QJsonValue& f : facets) {
        const QJsonObject index = f.toObject().value(QLatin1String("index")).toObject();
        const int start = index.value(QLatin1String("byteStart")).toInt();
        const int end = index.value(QLatin1String("byteEnd")).toInt();
        QVERIFY(start >= 0 && start < end && end <= bytes.size());
        QVERIFY(QString::fromUtf8(bytes.mid(start, end - start)).toUtf8() == bytes.mid(start, end - start));
    }
}

void BlueskyParserTest::mentionsAreFoundOnce() {
    QCOMPARE(
        findMentions(QStringLiteral("@Bob.test and @carla.test, then @bob.test again; (@dan.example.com).")),
        (QStringList{QStringLiteral("bob.test"), QStringLiteral("carla.test"), QStringLiteral("dan.example.com")}));
    QVERIFY(findMentions(QStringLiteral("no one @here and a@b.c")).isEmpty());
}

void BlueskyParserTest::recordKeys() {
    QCOMPARE(makeTid(0, 0), QStringLiteral("2222222222222"));
    QCOMPARE(makeTid(1, 0), QStringLiteral("2222222222322")); // 1 << 10 = 32^2
    QCOMPARE(makeTid(0, 31), QStringLiteral("222222222222z"));
    const QString early = makeTid(1795000000000000LL, 5);
    const QString later = makeTid(1795000000000001LL, 0);
    QCOMPARE(early.size(), 13);
    QVERIFY(early < later); // sortable as text
    for (QChar c : early) {
        QVERIFY(QStringLiteral("234567abcdefghijklmnopqrstuvwxyz").contains(c));
    }
    QVERIFY(early.at(0) < u'k'); // the top bit stays 0

    model::OutboxEntry e;
    e.id = 41;
    e.idempotencyKey = QStringLiteral("k-41");
    e.createdAt = 1795000000123LL;
    const QString key = BlueskyConnector::replyRecordKey(e);
    QCOMPARE(BlueskyConnector::replyRecordKey(e), key); // every attempt the same
    model::OutboxEntry other = e;
    other.id = 42;
    other.idempotencyKey = QStringLiteral("k-42");
    QVERIFY(BlueskyConnector::replyRecordKey(other) != key);
    QCOMPARE(key.size(), 13);
}

QTEST_GUILESS_MAIN(BlueskyParserTest)
#include "BlueskyParserTest.moc"
