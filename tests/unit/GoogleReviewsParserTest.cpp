// Google Business Profile reviews (My Business v4): the pure parser over tests/fixtures/google.
#include "core/connectors/google/GoogleReviewsParser.h"

#include "core/common/Time.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QTest>

using namespace baton;
using namespace baton::connectors::google;

namespace {

const QString kLocation = QStringLiteral("accounts/111/locations/222");

QByteArray fixture(const QString& name) {
    return baton::testing::fixture(QStringLiteral("google"), name);
}

ReviewsContext ctx() {
    ReviewsContext c;
    c.accountId = 9;
    c.locationName = kLocation;
    c.locationTitle = QStringLiteral("Baton Café — Lyon");
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

class GoogleReviewsParserTest : public QObject {
    Q_OBJECT
private slots:
    void starRatings() {
        QCOMPARE(starRating(QStringLiteral("ONE")), std::optional<int>(1));
        QCOMPARE(starRating(QStringLiteral("FIVE")), std::optional<int>(5));
        QVERIFY(!starRating(QStringLiteral("STAR_RATING_UNSPECIFIED")).has_value());
        QVERIFY(!starRating(QStringLiteral("SIX")).has_value());
        QVERIFY(!starRating(QString()).has_value());
    }

    void page() {
        auto page = parseReviews(fixture(QStringLiteral("reviews_page1.json")), ctx());
        QVERIFY2(page.hasValue(), qPrintable(page ? QString() : page.error().toString()));
        QCOMPARE(page->nextPageToken, QStringLiteral("bzo0"));
        QCOMPARE(page->totalReviewCount, 6);
        QCOMPARE(page->averageRating, std::optional<double>(3.7));
        // Four reviews, then the one owner reply they carry.
        QCOMPARE(page->items.size(), 5);
        QCOMPARE(page->updateTimes.size(), 4);
        QCOMPARE(page->updateTimes.at(0), at("2024-05-01T12:00:00.123Z"));
        QCOMPARE(page->updateTimes.at(3), at("2024-04-28T16:45:00.000Z")); // the edit time
    }

    void reviewWithReply() {
        auto page = parseReviews(fixture(QStringLiteral("reviews_page1.json")), ctx());
        QVERIFY(page.hasValue());
        const model::Item& r = page->items.at(0);
        QVERIFY(r.network == model::Network::GoogleReviews);
        QVERIFY(r.kind == model::Kind::Review);
        QVERIFY(r.direction == model::Direction::Incoming);
        QCOMPARE(r.remoteId, QStringLiteral("accounts/111/locations/222/reviews/AbFvOqReplied"));
        QCOMPARE(r.rating, std::optional<int>(2));
        // Plain text stays as written; the rich form escapes it and keeps the line break.
        QCOMPARE(r.text, QStringLiteral("Waited 40 minutes.\nCoffee was cold & the <b>staff</b> didn't care 😞"));
        QVERIFY(r.html.contains(QLatin1String("&lt;b&gt;staff&lt;/b&gt;")));
        QVERIFY(r.html.contains(QLatin1String("<br>")));
        QCOMPARE(r.author.displayName, QStringLiteral("Jane D."));
        QCOMPARE(r.author.handle, QStringLiteral("Jane D."));
        QCOMPARE(r.author.avatarUrl, QStringLiteral("https://lh3.googleusercontent.com/a-/jane"));
        QCOMPARE(r.communityRemoteId, kLocation);
        QCOMPARE(r.communityName, QStringLiteral("Baton Café — Lyon"));
        QCOMPARE(r.createdAt, at("2024-05-01T12:00:00.123Z"));
        QCOMPARE(r.updatedAt, qint64(0));
        QCOMPARE(r.accountId, qint64(9));

        const model::Item* reply = byId(page->items, replyIdOf(r.remoteId));
        QVERIFY(reply != nullptr);
        QVERIFY(reply->direction == model::Direction::Outgoing);
        QVERIFY(reply->kind == model::Kind::Reply);
        QCOMPARE(reply->parentRemoteId, r.remoteId);
        QCOMPARE(reply->threadRemoteId, r.remoteId);
        QCOMPARE(reply->text, QStringLiteral("Sorry about the wait, Jane!"));
        QCOMPARE(reply->createdAt, at("2024-05-02T09:00:00Z"));
        QVERIFY(!reply->rating.has_value());
    }

    void anonymousRatingOnlyUnspecifiedEdited() {
        auto page = parseReviews(fixture(QStringLiteral("reviews_page1.json")), ctx());
        QVERIFY(page.hasValue());
        const model::Item* anon =
            byId(page->items, QStringLiteral("accounts/111/locations/222/reviews/AbFvOqAnonymous"));
        QVERIFY(anon != nullptr);
        QCOMPARE(anon->author.displayName, QStringLiteral("A Google user"));
        QVERIFY(anon->author.handle.isEmpty()); // no identity: anonymous reviewers are not one person
        QVERIFY(anon->author.avatarUrl.isEmpty());
        QCOMPARE(anon->text, QStringLiteral("ممتاز! خدمة رائعة"));
        QCOMPARE(anon->rating, std::optional<int>(5));
        QCOMPARE(anon->createdAt, at("2024-04-30T08:15:30.045Z")); // nine fraction digits
        const model::Item* only =
            byId(page->items, QStringLiteral("accounts/111/locations/222/reviews/AbFvOqRatingOnly"));
        QVERIFY(only != nullptr);
        QVERIFY(only->text.isEmpty());
        QCOMPARE(only->rating, std::optional<int>(4));
        const model::Item* edited =
            byId(page->items, QStringLiteral("accounts/111/locations/222/reviews/AbFvOqEdited"));
        QVERIFY(edited != nullptr);
        QVERIFY(!edited->rating.has_value()); // STAR_RATING_UNSPECIFIED
        QCOMPARE(edited->createdAt, at("2024-04-01T07:00:00.500Z"));
        QCOMPARE(edited->updatedAt, at("2024-04-28T16:45:00Z"));
        QVERIFY(byId(page->items, replyIdOf(edited->remoteId)) == nullptr); // "reviewReply": null
    }

    void lastPageDuplicatesAndOffsets() {
        auto first = parseReviews(fixture(QStringLiteral("reviews_page1.json")), ctx());
        auto last = parseReviews(fixture(QStringLiteral("reviews_last.json")), ctx());
        QVERIFY(first.hasValue() && last.hasValue());
        QVERIFY(last->nextPageToken.isEmpty());
        QCOMPARE(last->items.size(), 2);
        // The edited review comes again (an edit moved it): same id, a rating now.
        QVERIFY(byId(first->items, last->items.at(0).remoteId) != nullptr);
        QCOMPARE(last->items.at(0).rating, std::optional<int>(3));
        const model::Item& odd = last->items.at(1);
        QVERIFY(!odd.rating.has_value()); // an enum value newer than this code
        QCOMPARE(odd.author.displayName, QStringLiteral("A Google user"));
        QCOMPARE(odd.createdAt, at("2024-02-29T23:00:00Z")); // +01:00 to UTC
    }

    void emptyLocation() {
        auto page = parseReviews(fixture(QStringLiteral("reviews_empty.json")), ctx());
        QVERIFY(page.hasValue());
        QVERIFY(page->items.isEmpty());
        QVERIFY(page->nextPageToken.isEmpty());
        QCOMPARE(page->totalReviewCount, -1);
    }

    void putReplyAnswer() {
        const QString review = QStringLiteral("accounts/111/locations/222/reviews/AbFvOqReplied");
        auto item = parseReply(fixture(QStringLiteral("reply.json")), review, ctx());
        QVERIFY(item.hasValue());
        QCOMPARE(item->remoteId, review + QStringLiteral("/reply"));
        QCOMPARE(item->parentRemoteId, review);
        QCOMPARE(item->text, QStringLiteral("Merci Jane, on s'améliore !"));
        QCOMPARE(item->createdAt, at("2024-05-03T10:00:00.250Z"));
        QVERIFY(!parseReply("{}", review, ctx()).hasValue());
    }

    void locationsAndAccounts() {
        auto locations = parseLocations(fixture(QStringLiteral("locations.json")));
        QVERIFY(locations.hasValue());
        QCOMPARE(locations->size(), 2);
        QCOMPARE(locations->at(0).title, QStringLiteral("Baton Café — Lyon"));
        QCOMPARE(locations->at(1).title, QStringLiteral("Baton Coffee, Camden")); // v1 "title"
        auto account = parseAccounts(fixture(QStringLiteral("accounts.json")));
        QVERIFY(account.hasValue());
        QCOMPARE(account->name, QStringLiteral("accounts/111"));
        QCOMPARE(account->title, QStringLiteral("Baton Cafés"));
        QVERIFY(!parseAccounts("{\"accounts\":[]}").hasValue());
    }

    void badInput_data() {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(baton::testing::fixturePath(QStringLiteral("google"), QStringLiteral("bad")))
                                      .entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 6);
        for (const QString& f : files) {
            QTest::newRow(qPrintable(f)) << f;
        }
    }
    void badInput() {
        QFETCH(QString, file);
        auto page = parseReviews(fixture(QStringLiteral("bad/") + file), ctx());
        QVERIFY2(!page.hasValue(), qPrintable(file));
        QVERIFY(page.error().code == ErrorCode::BadResponse);
    }
};

QTEST_GUILESS_MAIN(GoogleReviewsParserTest)
#include "GoogleReviewsParserTest.moc"
