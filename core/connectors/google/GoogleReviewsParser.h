#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace baton::connectors::google {

struct ReviewsContext {
    qint64 accountId = 0;
    QString locationName;  // accounts/A/locations/L: the community
    QString locationTitle; // as shown
};

struct ReviewPage {
    QList<model::Item> items;  // reviews, then the owner replies they carry
    QList<qint64> updateTimes; // updateTime of each review in the page, in order
    QString nextPageToken;     // empty on the last page
    std::optional<double> averageRating;
    int totalReviewCount = -1;
};

struct Location {
    QString name;  // accounts/A/locations/L
    QString title; // locationName (v4) or title (Business Information v1)
};

// "ONE".."FIVE" to 1..5; STAR_RATING_UNSPECIFIED and anything unknown to nothing.
std::optional<int> starRating(const QString& value);

// Pure functions: bytes in, items out. Bad input is an Error naming what was wrong; nothing throws.
Expected<ReviewPage, Error> parseReviews(const QByteArray& json, const ReviewsContext& ctx);
// One Review object: the review and, when it has one, the owner's reply as an outgoing item.
Expected<QList<model::Item>, Error> reviewToItems(const QJsonObject& review, const ReviewsContext& ctx);
// The ReviewReply answered by PUT …/reply, as the outgoing item for that review.
Expected<model::Item, Error> parseReply(const QByteArray& json, const QString& reviewName, const ReviewsContext& ctx);
Expected<QList<Location>, Error> parseLocations(const QByteArray& json);
// GET /v4/accounts: the first account's name ("accounts/123") and accountName.
Expected<Location, Error> parseAccounts(const QByteArray& json);

// The remote id of the owner's reply to a review.
inline QString replyIdOf(const QString& reviewName) {
    return reviewName + QStringLiteral("/reply");
}

} // namespace baton::connectors::google
