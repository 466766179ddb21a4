#include "core/connectors/google/GoogleReviewsParser.h"

#include "core/common/Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace baton::connectors::google {
namespace {

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

QString str(const QJsonObject& o, QLatin1String key) {
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

Expected<QJsonObject, Error> parseObject(const QByteArray& json) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        return unexpected(bad(QStringLiteral("invalid JSON at offset %1 (%2): %3")
                                  .arg(err.offset)
                                  .arg(err.errorString(), QString::fromUtf8(json.left(200)).simplified())));
    }
    if (!doc.isObject()) {
        return unexpected(bad(QStringLiteral("expected a JSON object")));
    }
    return doc.object();
}

// Review comments are plain text; the rich form keeps line breaks.
QString plainToHtml(const QString& text) {
    QString html = text.toHtmlEscaped();
    html.replace(u'\n', QStringLiteral("<br>"));
    return html;
}

} // namespace

std::optional<int> starRating(const QString& value) {
    static const QStringList kNames{QStringLiteral("ONE"), QStringLiteral("TWO"), QStringLiteral("THREE"),
                                    QStringLiteral("FOUR"), QStringLiteral("FIVE")};
    const qsizetype i = kNames.indexOf(value);
    return i >= 0 ? std::optional<int>(static_cast<int>(i) + 1) : std::nullopt;
}

Expected<QList<model::Item>, Error> reviewToItems(const QJsonObject& review, const ReviewsContext& ctx) {
    const QString name = str(review, QLatin1String("name"));
    if (name.isEmpty()) {
        return unexpected(bad(QStringLiteral("review without a name")));
    }
    const auto created = parseRfc3339(str(review, QLatin1String("createTime")));
    if (!created) {
        return unexpected(bad(QStringLiteral("review %1: invalid createTime \"%2\"")
                                  .arg(name, str(review, QLatin1String("createTime")))));
    }
    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::GoogleReviews;
    item.kind = model::Kind::Review;
    item.direction = model::Direction::Incoming;
    item.remoteId = name;
    item.threadRemoteId = name;
    item.createdAt = *created;
    if (const auto updated = parseRfc3339(str(review, QLatin1String("updateTime"))); updated && *updated > *created) {
        item.updatedAt = *updated;
    }
    item.rating = starRating(str(review, QLatin1String("starRating")));
    item.text = str(review, QLatin1String("comment"));
    item.html = plainToHtml(item.text);
    const QJsonObject reviewer = review.value(QLatin1String("reviewer")).toObject();
    item.author.network = model::Network::GoogleReviews;
    const bool anonymous = reviewer.value(QLatin1String("isAnonymous")).toBool();
    item.author.displayName = anonymous ? QString() : str(reviewer, QLatin1String("displayName"));
    // Google shows reviewers by name only: the name is the handle the inbox groups an author's reviews by.
    // Anonymous reviewers get no identity, so they are not lumped together.
    item.author.handle = item.author.displayName;
    if (item.author.displayName.isEmpty()) {
        item.author.displayName = QStringLiteral("A Google user");
    }
    item.author.avatarUrl = anonymous ? QString() : str(reviewer, QLatin1String("profilePhotoUrl"));
    item.communityRemoteId = ctx.locationName;
    item.communityName = ctx.locationTitle.isEmpty() ? ctx.locationName : ctx.locationTitle;

    QList<model::Item> out{item};
    const QJsonValue replyValue = review.value(QLatin1String("reviewReply"));
    if (replyValue.isObject()) {
        const QJsonObject reply = replyValue.toObject();
        const auto at = parseRfc3339(str(reply, QLatin1String("updateTime")));
        if (!at) {
            return unexpected(bad(QStringLiteral("review %1: reply with an invalid updateTime").arg(name)));
        }
        model::Item answer;
        answer.accountId = ctx.accountId;
        answer.network = model::Network::GoogleReviews;
        answer.kind = model::Kind::Reply;
        answer.direction = model::Direction::Outgoing;
        answer.remoteId = replyIdOf(name);
        answer.parentRemoteId = name;
        answer.threadRemoteId = name;
        answer.createdAt = *at;
        answer.updatedAt = *at; // a replaced reply keeps its id: its time tells the new version
        answer.text = str(reply, QLatin1String("comment"));
        answer.html = plainToHtml(answer.text);
        answer.author.network = model::Network::GoogleReviews;
        answer.author.displayName = ctx.locationTitle;
        answer.communityRemoteId = item.communityRemoteId;
        answer.communityName = item.communityName;
        out.append(answer);
    }
    return out;
}

Expected<ReviewPage, Error> parseReviews(const QByteArray& json, const ReviewsContext& ctx) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonValue reviews = o->value(QLatin1String("reviews"));
    if (!reviews.isUndefined() && !reviews.isNull() && !reviews.isArray()) {
        return unexpected(bad(QStringLiteral("\"reviews\" is not an array")));
    }
    ReviewPage page;
    page.nextPageToken = str(*o, QLatin1String("nextPageToken"));
    if (o->value(QLatin1String("averageRating")).isDouble()) {
        page.averageRating = o->value(QLatin1String("averageRating")).toDouble();
    }
    page.totalReviewCount = o->value(QLatin1String("totalReviewCount")).toInt(-1);
    QList<model::Item> replies;
    QSet<QString> seen;
    for (const QJsonValue& v : reviews.toArray()) {
        auto items = reviewToItems(v.toObject(), ctx);
        if (!items) {
            return unexpected(items.error());
        }
        page.updateTimes.append(items->constFirst().updatedAt > 0 ? items->constFirst().updatedAt
                                                                  : items->constFirst().createdAt);
        for (qsizetype i = 0; i < items->size(); ++i) {
            const model::Item& it = items->at(i);
            if (seen.contains(it.remoteId)) {
                continue;
            }
            seen.insert(it.remoteId);
            (i == 0 ? page.items : replies).append(it);
        }
    }
    page.items += replies;
    return page;
}

Expected<model::Item, Error> parseReply(const QByteArray& json, const QString& reviewName, const ReviewsContext& ctx) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    QJsonObject review{{QStringLiteral("name"), reviewName},
                       {QStringLiteral("createTime"), str(*o, QLatin1String("updateTime"))},
                       {QStringLiteral("reviewReply"), *o}};
    auto items = reviewToItems(review, ctx);
    if (!items) {
        return unexpected(items.error());
    }
    if (items->size() != 2) {
        return unexpected(bad(QStringLiteral("the reply to %1 came back without its text").arg(reviewName)));
    }
    return items->at(1);
}

Expected<QList<Location>, Error> parseLocations(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    QList<Location> out;
    for (const QJsonValue& v : o->value(QLatin1String("locations")).toArray()) {
        const QJsonObject l = v.toObject();
        Location loc{str(l, QLatin1String("name")), str(l, QLatin1String("locationName"))};
        if (loc.title.isEmpty()) {
            loc.title = str(l, QLatin1String("title"));
        }
        if (loc.name.isEmpty()) {
            return unexpected(bad(QStringLiteral("location without a name")));
        }
        out.append(loc);
    }
    return out;
}

Expected<Location, Error> parseAccounts(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonObject first = o->value(QLatin1String("accounts")).toArray().at(0).toObject();
    Location a{str(first, QLatin1String("name")), str(first, QLatin1String("accountName"))};
    if (a.name.isEmpty()) {
        return unexpected(bad(QStringLiteral("the token gives access to no Business Profile account")));
    }
    return a;
}

} // namespace baton::connectors::google
