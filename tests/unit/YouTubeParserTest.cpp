// YouTube Data API v3: the pure parser over recorded-shape fixtures (tests/fixtures/youtube), Google's error
// documents, and the daily quota ledger.
#include "core/connectors/youtube/YouTubeParser.h"

#include "core/common/Time.h"
#include "core/connectors/google/GoogleApiError.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QTest>

using namespace baton;
using namespace baton::connectors;
using namespace baton::connectors::youtube;

namespace {

const QString kOwn = QStringLiteral("UCbatonOwn0000000000000A");

QByteArray fixture(const QString& name) {
    return baton::testing::fixture(QStringLiteral("youtube"), name);
}

ParseContext ctx() {
    ParseContext c;
    c.accountId = 5;
    c.ownChannelId = kOwn;
    c.channelTitle = QStringLiteral("@batonhq");
    return c;
}

qint64 at(const char* rfc3339) {
    return *parseRfc3339(QString::fromLatin1(rfc3339));
}

const model::Item* byId(const QList<model::Item>& items, const QString& id) {
    for (const model::Item& it : items) {
        if (it.remoteId == id) {
            return &it;
        }
    }
    return nullptr;
}

} // namespace

class YouTubeParserTest : public QObject {
    Q_OBJECT
private slots:
    void threadPage() {
        auto page = parseThreadList(fixture(QStringLiteral("threads_page1.json")), ctx());
        QVERIFY2(page.hasValue(), qPrintable(page ? QString() : page.error().toString()));
        QCOMPARE(page->nextPageToken, QStringLiteral("QVFBQkFBRQ"));
        QCOMPARE(page->threadIds.size(), 4);
        QCOMPARE(page->topLevelTimes.size(), 4);
        QCOMPARE(page->topLevelTimes.at(0), at("2024-05-01T12:00:00Z"));
        // How many replies each thread has and how many the listing carried: the sweep reads the rest.
        QCOMPARE(page->totalReplies, QList<int>({2, 0, 12, 0})); // null reads as none
        QCOMPARE(page->carriedReplies, QList<int>({2, 0, 0, 0}));
        // Four top-level comments, then the two replies the listing carried.
        QCOMPARE(page->items.size(), 6);
        QCOMPARE(page->items.at(0).remoteId, QStringLiteral("UgzHTML0000000000000004AaABAg"));
        QCOMPARE(page->items.at(4).parentRemoteId, QStringLiteral("UgzHTML0000000000000004AaABAg"));
    }

    void htmlEntitiesAndScript() {
        auto page = parseThreadList(fixture(QStringLiteral("threads_page1.json")), ctx());
        QVERIFY(page.hasValue());
        const model::Item& it = page->items.at(0);
        QVERIFY(it.network == model::Network::YouTube);
        QVERIFY(it.kind == model::Kind::Comment);
        QVERIFY(it.direction == model::Direction::Incoming);
        // textOriginal wins for the plain text; the rich form is the sanitised textDisplay.
        QCOMPARE(it.text, QStringLiteral("At 1:23 the sound cuts out & I can't hear \"anything\"\nany fix? "
                                         "<script>alert(1)</script>"));
        QVERIFY(!it.html.contains(QLatin1String("<script")));
        QVERIFY(!it.html.contains(QLatin1String("alert(1)")));
        QVERIFY(it.html.contains(QLatin1String("<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=83\"")));
        QVERIFY(it.html.contains(QLatin1String("<br>")));
        QCOMPARE(it.author.remoteId, QStringLiteral("UCmarie00000000000000001"));
        QCOMPARE(it.author.handle, QStringLiteral("marie-claire"));
        QCOMPARE(it.author.displayName, QStringLiteral("@marie-claire"));
        QCOMPARE(it.author.profileUrl, QStringLiteral("http://www.youtube.com/@marie-claire"));
        QCOMPARE(it.threadRemoteId, it.remoteId);
        QVERIFY(it.parentRemoteId.isEmpty());
        QCOMPARE(it.communityRemoteId, kOwn);
        QCOMPARE(it.communityName, QStringLiteral("@batonhq"));
        QCOMPARE(it.url,
                 QStringLiteral("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzHTML0000000000000004AaABAg"));
        QCOMPARE(it.createdAt, at("2024-05-01T12:00:00Z"));
        QCOMPARE(it.updatedAt, qint64(0)); // never edited
        QVERIFY(it.visibility.isEmpty());  // published
        QCOMPARE(it.accountId, qint64(5));
    }

    void ownReplyIsOutgoingAndRtlReplyKeepsText() {
        auto page = parseThreadList(fixture(QStringLiteral("threads_page1.json")), ctx());
        QVERIFY(page.hasValue());
        const model::Item* own =
            byId(page->items, QStringLiteral("UgzHTML0000000000000004AaABAg.9zReply0000000000000001"));
        QVERIFY(own != nullptr);
        QVERIFY(own->direction == model::Direction::Outgoing);
        QVERIFY(own->kind == model::Kind::Reply);
        QCOMPARE(own->text, QStringLiteral("Thanks Marie-Claire, fixed in 2.1 🎉"));
        QCOMPARE(own->threadRemoteId, QStringLiteral("UgzHTML0000000000000004AaABAg"));
        const model::Item* rtl =
            byId(page->items, QStringLiteral("UgzHTML0000000000000004AaABAg.9zReply0000000000000002"));
        QVERIFY(rtl != nullptr);
        QVERIFY(rtl->direction == model::Direction::Incoming);
        // No textOriginal (only guaranteed to the author): the text comes from textDisplay.
        QCOMPARE(rtl->text, QStringLiteral("مرحبا، نفس المشكلة هنا"));
        QCOMPARE(rtl->createdAt, at("2024-05-01T14:00:00.250Z"));
    }

    void heldEditedAndNulls() {
        auto page = parseThreadList(fixture(QStringLiteral("threads_page1.json")), ctx());
        QVERIFY(page.hasValue());
        const model::Item* held = byId(page->items, QStringLiteral("UgwHELD0000000000000004AaABAg"));
        QVERIFY(held != nullptr);
        QCOMPARE(held->visibility, QStringLiteral("heldForReview"));
        const model::Item* edited = byId(page->items, QStringLiteral("UgxEDIT0000000000000004AaABAg"));
        QVERIFY(edited != nullptr);
        QCOMPARE(edited->updatedAt, at("2024-04-29T10:45:30Z"));
        QCOMPARE(edited->text, QStringLiteral("שלום! works great now (edit: typo)")); // textOriginal null
        const model::Item* nulls = byId(page->items, QStringLiteral("UgyNULL0000000000000004AaABAg"));
        QVERIFY(nulls != nullptr);
        QCOMPARE(nulls->createdAt, at("2024-04-28T21:59:59Z")); // +02:00 normalised to UTC
        QVERIFY(nulls->text.isEmpty());
        QVERIFY(nulls->author.remoteId.isEmpty());
        QCOMPARE(nulls->author.displayName, QStringLiteral("(unknown)"));
        QCOMPARE(nulls->updatedAt, qint64(0));
    }

    void duplicatesAcrossPagesAndUnknownKinds() {
        auto first = parseThreadList(fixture(QStringLiteral("threads_page1.json")), ctx());
        auto second = parseThreadList(fixture(QStringLiteral("threads_page2.json")), ctx());
        QVERIFY(first.hasValue());
        QVERIFY2(second.hasValue(), qPrintable(second ? QString() : second.error().toString()));
        QVERIFY(second->nextPageToken.isEmpty());
        // The unknown kind is skipped; the thread already on page 1 comes again with the same id.
        QCOMPARE(second->threadIds, QStringList({QStringLiteral("UgyNULL0000000000000004AaABAg"),
                                                 QStringLiteral("UgzOLD00000000000000004AaABAg")}));
        QVERIFY(byId(first->items, second->items.at(0).remoteId) != nullptr);
        const model::Item& fr = second->items.at(1);
        QCOMPARE(fr.text, QStringLiteral("Première vidéo, c'est top 👍🏽"));
        QCOMPARE(fr.author.handle, QStringLiteral("élodie"));
        QCOMPARE(fr.createdAt, at("2024-04-01T07:00:00.500Z"));
    }

    void emptyListing() {
        auto page = parseThreadList(fixture(QStringLiteral("threads_empty.json")), ctx());
        QVERIFY(page.hasValue());
        QVERIFY(page->items.isEmpty());
        QVERIFY(page->threadIds.isEmpty());
        QVERIFY(page->nextPageToken.isEmpty());
    }

    void replyListDeduplicates() {
        auto page = parseCommentList(fixture(QStringLiteral("comments_replies.json")), ctx());
        QVERIFY(page.hasValue());
        QCOMPARE(page->items.size(), 1);
        QCOMPARE(page->threadIds.size(), 2);
        QCOMPARE(page->nextPageToken, QStringLiteral("QnJlcGxpZXM"));
    }

    void insertedComment() {
        auto item = parseComment(fixture(QStringLiteral("comment_inserted.json")), ctx());
        QVERIFY(item.hasValue());
        QCOMPARE(item->text, QStringLiteral("Merci <3"));
        QVERIFY(item->direction == model::Direction::Outgoing);
        QCOMPARE(item->parentRemoteId, QStringLiteral("UgzHTML0000000000000004AaABAg"));
        QCOMPARE(topLevelIdOf(item->remoteId), QStringLiteral("UgzHTML0000000000000004AaABAg"));
        QCOMPARE(topLevelIdOf(QStringLiteral("UgzPlain")), QStringLiteral("UgzPlain"));
    }

    void channel() {
        auto info = parseChannelList(fixture(QStringLiteral("channels_mine.json")));
        QVERIFY(info.hasValue());
        QCOMPARE(info->id, kOwn);
        QCOMPARE(info->title, QStringLiteral("Baton Team"));
        QCOMPARE(info->handle, QStringLiteral("@batonhq"));
        auto none = parseChannelList(fixture(QStringLiteral("channels_none.json")));
        QVERIFY(!none.hasValue());
        QVERIFY(none.error().code == ErrorCode::BadResponse);
    }

    void badInput_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(baton::testing::fixturePath(QStringLiteral("youtube"), QStringLiteral("bad")));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files) {
            QTest::newRow(qPrintable(f)) << f;
        }
    }
    void badInput() {
        QFETCH(QString, file);
        auto page = parseThreadList(fixture(QStringLiteral("bad/") + file), ctx());
        QVERIFY2(!page.hasValue(), qPrintable(file));
        QVERIFY(page.error().code == ErrorCode::BadResponse);
        QVERIFY(!page.error().detail.isEmpty());
    }

    void googleErrors() {
        const google::GoogleApiError quota = google::parseGoogleError(403, fixture(QStringLiteral("error_quota.json")));
        QCOMPARE(quota.reason, QStringLiteral("quotaExceeded"));
        QCOMPARE(quota.domain, QStringLiteral("youtube.quota"));
        QVERIFY(google::isDailyQuotaError(quota));
        const qint64 now = at("2024-05-01T12:00:00Z");
        const Error e = google::toError(quota, now, google::nextPacificMidnight(now));
        QVERIFY(e.code == ErrorCode::RateLimited);
        QCOMPARE(e.retryAtMs, at("2024-05-02T07:00:00Z")); // midnight PDT
        QVERIFY(e.detail.contains(QLatin1String("quotaExceeded")));

        const Error unauth = google::toError(google::parseGoogleError(401, "{\"error\":{\"code\":401,\"message\":"
                                                                           "\"Invalid Credentials\",\"status\":"
                                                                           "\"UNAUTHENTICATED\"}}"),
                                             now, 0);
        QVERIFY(unauth.code == ErrorCode::Unauthorized);
        const Error rate = google::toError(
            google::parseGoogleError(403, "{\"error\":{\"code\":403,\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}"),
            now, 0);
        QVERIFY(rate.code == ErrorCode::RateLimited);
        QCOMPARE(rate.retryAtMs, now + 60000);
        const Error forbidden = google::toError(
            google::parseGoogleError(403, "{\"error\":{\"code\":403,\"errors\":[{\"reason\":\"forbidden\"}]}}"), now,
            0);
        QVERIFY(forbidden.code == ErrorCode::Forbidden);
        const Error garbage = google::toError(google::parseGoogleError(400, "<html>Bad Request</html>"), now, 0);
        QVERIFY(garbage.code == ErrorCode::HttpClient);
        QCOMPARE(garbage.httpStatus, 400);
        QVERIFY(garbage.detail.contains(QLatin1String("Bad Request")));
    }

    void quotaLedger() {
        const qint64 lateEvening = at("2024-05-01T06:59:59Z"); // 23:59:59 on 30 April in Los Angeles (PDT)
        const qint64 nextDay = at("2024-05-01T07:00:00Z");
        QCOMPARE(google::pacificDay(lateEvening), QStringLiteral("2024-04-30"));
        QCOMPARE(google::pacificDay(nextDay), QStringLiteral("2024-05-01"));
        QCOMPARE(google::nextPacificMidnight(lateEvening), nextDay);
        // Winter: PST, UTC-8.
        QCOMPARE(google::nextPacificMidnight(at("2024-12-01T12:00:00Z")), at("2024-12-02T08:00:00Z"));

        YouTubeQuota q(200);
        QCOMPARE(q.remaining(lateEvening), 200);
        QVERIFY(q.canSpend(150, lateEvening));
        q.spend(150, lateEvening);
        QCOMPARE(q.used(lateEvening), 150);
        QVERIFY(q.canSpend(50, lateEvening));
        QVERIFY(!q.canSpend(51, lateEvening));
        QVERIFY(!q.canSpend(1, lateEvening, 50)); // the reserve for replies stays
        // Midnight Pacific: a new budget.
        QCOMPARE(q.used(nextDay), 0);
        QVERIFY(q.canSpend(200, nextDay));

        q.spend(20, nextDay);
        const YouTubeQuota back = YouTubeQuota::fromText(q.toText());
        QCOMPARE(back.limit(), 200);
        QCOMPARE(back.used(nextDay), 20);
        QCOMPARE(back.used(nextDay + 86400000LL), 0);

        // Merging keeps the larger count of the same day and ignores another day's.
        YouTubeQuota fresh(200);
        fresh.spend(5, nextDay);
        fresh.merge(back, nextDay);
        QCOMPARE(fresh.used(nextDay), 20);
        YouTubeQuota stale =
            YouTubeQuota::fromText(QStringLiteral("{\"day\":\"2024-04-30\",\"used\":180,\"limit\":200}"));
        fresh.merge(stale, nextDay);
        QCOMPARE(fresh.used(nextDay), 20);

        fresh.exhaust(nextDay);
        QCOMPARE(fresh.remaining(nextDay), 0);
        QVERIFY(!fresh.canSpend(1, nextDay));

        QCOMPARE(YouTubeQuota::fromText(QString()).used(nextDay), 0);
        QCOMPARE(YouTubeQuota::fromText(QStringLiteral("not json")).limit(), YouTubeQuota::kDailyLimit);
        QCOMPARE(YouTubeQuota::describe(back.toText(), nextDay), QStringLiteral("180 of 200 quota units left today"));
    }
};

QTEST_GUILESS_MAIN(YouTubeParserTest)
#include "YouTubeParserTest.moc"
