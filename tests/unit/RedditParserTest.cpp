// Reddit parser over data-driven fixtures (tests/fixtures/reddit): golden listings (inbox with every kind of entry,
// mod queue, comment tree) compared field by field with their .expected.json, and the tricky cases one by one:
// entity-escaped HTML, emoji, right-to-left text, nulls, deleted authors, edits as epoch floats, unknown kinds,
// duplicates within and across pages, errors inside HTTP 200, token answers.
#include "core/connectors/reddit/RedditParser.h"

#include "core/common/Time.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <cmath>
#include <limits>

using namespace baton;
using namespace baton::connectors::reddit;

namespace {

const QString kDir = baton::testing::fixturePath(QStringLiteral("reddit")) + u'/';

QByteArray fixture(const QString& name) {
    return baton::testing::fixture(QStringLiteral("reddit"), name);
}

ParseContext ctx() {
    ParseContext c;
    c.accountId = 5;
    c.username = QStringLiteral("Baton_Team"); // usernames compare without case
    return c;
}

QJsonObject itemToJson(const model::Item& it) {
    return QJsonObject{{QStringLiteral("remote_id"), it.remoteId},
                       {QStringLiteral("kind"), model::toString(it.kind)},
                       {QStringLiteral("direction"), model::toString(it.direction)},
                       {QStringLiteral("author_handle"), it.author.handle},
                       {QStringLiteral("author_remote_id"), it.author.remoteId},
                       {QStringLiteral("author_profile"), it.author.profileUrl},
                       {QStringLiteral("parent"), it.parentRemoteId},
                       {QStringLiteral("thread"), it.threadRemoteId},
                       {QStringLiteral("created_at"), formatRfc3339(it.createdAt)},
                       {QStringLiteral("updated_at"), it.updatedAt > 0 ? formatRfc3339(it.updatedAt) : QString()},
                       {QStringLiteral("text"), it.text},
                       {QStringLiteral("html"), it.html},
                       {QStringLiteral("url"), it.url},
                       {QStringLiteral("visibility"), it.visibility},
                       {QStringLiteral("community"), it.communityRemoteId},
                       {QStringLiteral("community_name"), it.communityName},
                       {QStringLiteral("deleted"), it.deleted}};
}

QByteArray describe(const QList<model::Item>& items, const QStringList& names, const QString& after,
                    const QString& before, int skipped) {
    QJsonArray out;
    for (const model::Item& it : items) {
        out.append(itemToJson(it));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("names"), QJsonArray::fromStringList(names)},
                                     {QStringLiteral("after"), after},
                                     {QStringLiteral("before"), before},
                                     {QStringLiteral("skipped"), skipped},
                                     {QStringLiteral("items"), out}})
        .toJson(QJsonDocument::Indented);
}

} // namespace

class RedditParserTest : public QObject {
    Q_OBJECT
private slots:
    // Every golden/<name>.json parses to golden/<name>.expected.json (a Listing, or a [post, comments] tree).
    void golden_data() {
        QTest::addColumn<QString>("name");
        const QStringList files = QDir(kDir + QStringLiteral("golden")).entryList({QStringLiteral("*.json")});
        int n = 0;
        for (const QString& f : files) {
            if (!f.endsWith(QLatin1String(".expected.json"))) {
                QTest::newRow(qPrintable(f)) << f.chopped(5);
                ++n;
            }
        }
        QVERIFY(n >= 3);
    }
    void golden() {
        QFETCH(QString, name);
        const QByteArray input = fixture(QStringLiteral("golden/") + name + QStringLiteral(".json"));
        QByteArray actual;
        if (input.trimmed().startsWith('[')) {
            auto tree = parseCommentTree(input, ctx());
            QVERIFY2(tree.hasValue(), qPrintable(tree ? QString() : tree.error().toString()));
            actual = describe(*tree, {}, {}, {}, 0);
        } else {
            auto page = parseListing(input, ctx());
            QVERIFY2(page.hasValue(), qPrintable(page ? QString() : page.error().toString()));
            actual = describe(page->items, page->names, page->after, page->before, page->skipped);
        }
        QFile expectedFile(kDir + QStringLiteral("golden/") + name + QStringLiteral(".expected.json"));
        if (!expectedFile.open(QIODevice::ReadOnly)) {
            QFile out(QDir::temp().filePath(name + QStringLiteral(".actual.json")));
            if (out.open(QIODevice::WriteOnly)) {
                out.write(actual);
            }
            QFAIL(qPrintable(QStringLiteral("no expected file; actual output written to ") + out.fileName()));
        }
        const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
        const QJsonObject got = QJsonDocument::fromJson(actual).object();
        for (const QString& key : expected.keys()) {
            if (key != QLatin1String("items")) {
                QCOMPARE(got.value(key), expected.value(key));
            }
        }
        const QJsonArray e = expected.value(QLatin1String("items")).toArray();
        const QJsonArray g = got.value(QLatin1String("items")).toArray();
        QCOMPARE(g.size(), e.size());
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QJsonObject ei = e.at(i).toObject();
            const QJsonObject gi = g.at(i).toObject();
            for (const QString& key : ei.keys()) {
                QVERIFY2(
                    gi.value(key) == ei.value(key),
                    qPrintable(QStringLiteral("item %1 (%2) field %3: got %4, expected %5")
                                   .arg(i)
                                   .arg(ei.value(QLatin1String("remote_id")).toString(), key,
                                        QString::fromUtf8(
                                            QJsonDocument(QJsonArray{gi.value(key)}).toJson(QJsonDocument::Compact)),
                                        QString::fromUtf8(
                                            QJsonDocument(QJsonArray{ei.value(key)}).toJson(QJsonDocument::Compact)))));
            }
        }
    }

    void inboxKindsAndTrickyText() {
        auto page = parseListing(fixture(QStringLiteral("golden/inbox_mixed.json")), ctx());
        QVERIFY(page.hasValue());
        // Six distinct things; the duplicate, the t2 and the dateless comment are not items.
        QCOMPARE(page->items.size(), 6);
        QCOMPARE(page->skipped, 2);
        QCOMPARE(page->names.constFirst(), QStringLiteral("t1_k2pa0f3")); // newest first: the polling cursor
        QCOMPARE(page->after, QStringLiteral("t1_k2p9x1a"));
        QVERIFY(page->before.isEmpty()); // null
        const model::Item& mention = page->items.at(0);
        QVERIFY(mention.kind == model::Kind::Mention);
        // Double-escaped HTML decoded once, then the entity in the text once more.
        QCOMPARE(mention.text, QStringLiteral("hey u/baton_team, any update on the CSV export? & is there a beta? 🙏"));
        QVERIFY(!mention.html.contains(QLatin1String("&lt;a")));
        QCOMPARE(mention.threadRemoteId, QStringLiteral("t3_17xq2ab"));
        QCOMPARE(mention.createdAt, qint64(1717243200000));
        QCOMPARE(mention.communityRemoteId, QStringLiteral("baton"));
        QVERIFY(page->items.at(1).kind == model::Kind::DirectMessage);
        QCOMPARE(page->items.at(1).text, QStringLiteral("Bonjour, j'ai été débité deux fois ce mois-ci…"));
        QVERIFY(page->items.at(1).communityRemoteId.isEmpty());
        QCOMPARE(page->items.at(2).text, QStringLiteral("شكرا! الحل يعمل الآن")); // right to left, untouched
        QCOMPARE(page->items.at(2).createdAt, qint64(1717235000500));             // a fractional created_utc
        QVERIFY(!page->items.at(3).html.contains(QLatin1String("script")));
        QVERIFY(!page->items.at(3).text.contains(QLatin1String("alert")));
        QCOMPARE(page->items.at(4).author.handle, QStringLiteral("r/baton")); // sent by the subreddit: author null
        QVERIFY(page->items.at(5).deleted);
    }

    void duplicatesAcrossPagesKeepOneIdentity() {
        auto first = parseListing(fixture(QStringLiteral("page1.json")), ctx());
        auto second = parseListing(fixture(QStringLiteral("page2.json")), ctx());
        QVERIFY(first.hasValue() && second.hasValue());
        QSet<QString> ids;
        int total = 0;
        for (const auto* page : {&*first, &*second}) {
            for (const model::Item& it : page->items) {
                ids.insert(it.remoteId);
                ++total;
            }
        }
        QCOMPARE(total, 4);
        QCOMPARE(ids.size(), 3); // t1_b twice, with the same remote id: the store keeps one row
        QCOMPARE(first->after, QStringLiteral("t1_b"));
        QVERIFY(second->after.isEmpty());
        QCOMPARE(second->before, QStringLiteral("t1_b"));
    }

    void commentTreeFlattensAndSkipsMore() {
        auto tree = parseCommentTree(fixture(QStringLiteral("golden/comment_tree.json")), ctx());
        QVERIFY(tree.hasValue());
        QCOMPARE(tree->size(), 3);
        QVERIFY(tree->at(0).kind == model::Kind::Post);
        QVERIFY(tree->at(0).direction == model::Direction::Outgoing); // our own post
        QCOMPARE(tree->at(2).parentRemoteId, tree->at(1).remoteId);
        QCOMPARE(tree->at(2).updatedAt, qint64(1717002100250)); // edited: epoch float
        QCOMPARE(tree->at(1).updatedAt, qint64(0));             // edited: false
        QVERIFY(!parseCommentTree(fixture(QStringLiteral("tree_one_part.json")), ctx()).hasValue());
    }

    void commentAnswers_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("code"); // ErrorCode, None = success
        QTest::addColumn<QString>("detail");
        QTest::newRow("ok") << QStringLiteral("comment_ok.json") << int(ErrorCode::None) << QString();
        QTest::newRow("ratelimit in 200")
            << QStringLiteral("comment_ratelimit.json") << int(ErrorCode::RateLimited) << QStringLiteral("RATELIMIT");
        QTest::newRow("locked in 200") << QStringLiteral("comment_locked.json") << int(ErrorCode::Forbidden)
                                       << QStringLiteral("THREAD_LOCKED");
        QTest::newRow("no text in 200") << QStringLiteral("comment_no_text.json") << int(ErrorCode::InvalidArgument)
                                        << QStringLiteral("NO_TEXT");
        QTest::newRow("unknown error in 200") << QStringLiteral("comment_unknown_error.json")
                                              << int(ErrorCode::HttpClient) << QStringLiteral("SUBREDDIT_NOEXIST");
        QTest::newRow("jquery answer") << QStringLiteral("comment_jquery.json") << int(ErrorCode::BadResponse)
                                       << QStringLiteral("api_type");
        QTest::newRow("truncated") << QStringLiteral("truncated.json") << int(ErrorCode::BadResponse)
                                   << QStringLiteral("invalid JSON");
    }
    void commentAnswers() {
        QFETCH(QString, file);
        QFETCH(int, code);
        QFETCH(QString, detail);
        auto item = parseCommentResponse(fixture(file), ctx());
        if (code == int(ErrorCode::None)) {
            QVERIFY2(item.hasValue(), qPrintable(item ? QString() : item.error().toString()));
            QCOMPARE(item->remoteId, QStringLiteral("t1_k3z0001"));
            QVERIFY(item->direction == model::Direction::Outgoing);
            QVERIFY(item->kind == model::Kind::Reply);
            QCOMPARE(item->parentRemoteId, QStringLiteral("t1_k2p9zz1"));
            QCOMPARE(item->url, QStringLiteral("https://www.reddit.com/r/baton/comments/17xp001/sync_help/k3z0001/"));
            return;
        }
        QVERIFY(!item.hasValue());
        QCOMPARE(int(item.error().code), code);
        QVERIFY2(item.error().detail.contains(detail), qPrintable(item.error().detail));
        if (code == int(ErrorCode::RateLimited)) {
            QCOMPARE(item.error().retryAtMs, qint64(5200)); // the delay Reddit asked for, rounded up to ms
        }
    }

    void findsAReplyAlreadyPosted() {
        const QByteArray own = fixture(QStringLiteral("own_comments.json"));
        // Blank padding around the body does not matter; the parent must match.
        auto found = findReply(own, QStringLiteral("t1_k2p9zz1"), QStringLiteral("Glad it works!"), ctx());
        QVERIFY(found.has_value());
        QCOMPARE(found->remoteId, QStringLiteral("t1_own1"));
        QVERIFY(found->direction == model::Direction::Outgoing);
        QVERIFY(findReply(own, QStringLiteral("t1_k2p9zz1"), QStringLiteral("Thanks & welcome"), ctx()).has_value());
        QVERIFY(!findReply(own, QStringLiteral("t1_other"), QStringLiteral("Glad it works!"), ctx()).has_value());
        QVERIFY(!findReply(own, QStringLiteral("t1_k2p9zz1"), QStringLiteral("Something else"), ctx()).has_value());
        QVERIFY(!findReply("not json", QStringLiteral("t1_k2p9zz1"), QStringLiteral("x"), ctx()).has_value());
    }

    void tokenAnswers() {
        auto ok = parseTokenResponse(fixture(QStringLiteral("token_ok.json")));
        QVERIFY(ok.hasValue());
        QCOMPARE(ok->accessToken, QStringLiteral("12345678-AbCdEfGhIjKlMnOpQrStUvWxYz0"));
        QCOMPARE(ok->expiresInMs, qint64(3600000));
        for (const char* f : {"token_error_200.json", "token_error_numeric.json"}) {
            auto refused = parseTokenResponse(fixture(QString::fromLatin1(f)));
            QVERIFY(!refused.hasValue());
            QVERIFY(refused.error().code == ErrorCode::Unauthorized);
        }
        QVERIFY(!parseTokenResponse(fixture(QStringLiteral("truncated.json"))).hasValue());
    }

    void me() {
        auto who = parseMe(fixture(QStringLiteral("me.json")), ctx());
        QVERIFY(who.hasValue());
        QCOMPARE(who->remoteId, QStringLiteral("t2_1w72"));
        QCOMPARE(who->handle, QStringLiteral("u/baton_team"));
        QCOMPARE(who->displayName, QStringLiteral("Baton Team"));
        QCOMPARE(who->avatarUrl,
                 QStringLiteral("https://styles.redditmedia.com/t5_2/profileIcon.png?width=256&height=256"));
    }

    void badInput_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("truncated") << QStringLiteral("truncated.json");
        QTest::newRow("not a listing") << QStringLiteral("not_a_listing.json");
        QTest::newRow("an array") << QStringLiteral("tree_one_part.json");
    }
    void badInput() {
        QFETCH(QString, file);
        auto page = parseListing(fixture(file), ctx());
        QVERIFY(!page.hasValue());
        QVERIFY(page.error().code == ErrorCode::BadResponse);
    }

    void permalinks_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("link");
        QTest::newRow("context") << QStringLiteral("/r/redditdev/comments/o285jq/how_do_i/h28kz3u/?context=3")
                                 << QStringLiteral("t3_o285jq");
        QTest::newRow("post") << QStringLiteral("/r/a/comments/abc/") << QStringLiteral("t3_abc");
        QTest::newRow("query right after id") << QStringLiteral("/comments/abc?context=3") << QStringLiteral("t3_abc");
        QTest::newRow("message") << QStringLiteral("/message/messages/2b7kq1") << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void permalinks() {
        QFETCH(QString, path);
        QFETCH(QString, link);
        QCOMPARE(linkFromPermalink(path), link);
    }

    // Reddit's created_utc / edited: epoch seconds as JSON numbers, usually whole floats.
    void epochSeconds_data() {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<qint64>("ms"); // -1: rejected
        QTest::newRow("whole float") << 1624000000.0 << qint64(1624000000000);
        QTest::newRow("fraction") << 1717002100.25 << qint64(1717002100250);
        QTest::newRow("sub-millisecond rounds") << 1717002100.0006 << qint64(1717002100001);
        QTest::newRow("epoch") << 0.0 << qint64(0);
        QTest::newRow("negative") << -1.0 << qint64(-1);
        QTest::newRow("NaN") << std::nan("") << qint64(-1);
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << qint64(-1);
        QTest::newRow("past year 9999") << 253402300800.0 << qint64(-1);
    }
    void epochSeconds() {
        QFETCH(double, seconds);
        QFETCH(qint64, ms);
        const std::optional<qint64> got = epochSecondsToUtcMs(seconds);
        QCOMPARE(got.value_or(-1), ms);
    }
};

QTEST_GUILESS_MAIN(RedditParserTest)
#include "RedditParserTest.moc"
