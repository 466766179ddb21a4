#include "core/models/FilterChoice.h"

#include <QDateTime>
#include <QJsonArray>

namespace baton::models {
namespace {

template <typename T, typename ToString>
QJsonArray names(const QList<T>& values, ToString toString) {
    QJsonArray out;
    for (const T& v : values) {
        out.append(toString(v));
    }
    return out;
}

template <typename T, typename FromString>
QList<T> fromNames(const QJsonValue& array, FromString fromString) {
    QList<T> out;
    for (const QJsonValue& v : array.toArray()) {
        if (auto parsed = fromString(v.toString())) {
            out.append(*parsed);
        }
    }
    return out;
}

const char* sentimentName(FilterChoice::Sentiment s) {
    switch (s) {
    case FilterChoice::Sentiment::Any:
        return "any";
    case FilterChoice::Sentiment::Negative:
        return "negative";
    case FilterChoice::Sentiment::Neutral:
        return "neutral";
    case FilterChoice::Sentiment::Positive:
        return "positive";
    }
    return "any";
}

const char* datesName(FilterChoice::Dates d) {
    switch (d) {
    case FilterChoice::Dates::Any:
        return "any";
    case FilterChoice::Dates::Today:
        return "today";
    case FilterChoice::Dates::Last7Days:
        return "7d";
    case FilterChoice::Dates::Last30Days:
        return "30d";
    case FilterChoice::Dates::Custom:
        return "custom";
    }
    return "any";
}

} // namespace

bool FilterChoice::isEmpty() const {
    return activeCount() == 0;
}

int FilterChoice::activeCount() const {
    return int(!networks.isEmpty()) + int(!accountIds.isEmpty()) + int(!communityIds.isEmpty()) +
           int(!statuses.isEmpty()) + int(!kinds.isEmpty()) + int(sentiment != Sentiment::Any) +
           int(dates != Dates::Any) + int(unassigned || !assignee.isEmpty()) + int(!tag.isEmpty());
}

void FilterChoice::applyTo(store::InboxFilter& f, qint64 nowMs) const {
    if (!networks.isEmpty()) {
        f.networks = networks;
    }
    if (!accountIds.isEmpty()) {
        f.accountIds = accountIds;
    }
    if (!communityIds.isEmpty()) {
        f.communityIds = communityIds;
    }
    if (!statuses.isEmpty()) {
        f.statuses = statuses;
        // "Needs reply" means open: asking it for done items would always be empty.
        if (f.needsReply.value_or(false)) {
            f.needsReply.reset();
        }
    }
    if (!kinds.isEmpty()) {
        f.kinds = kinds;
    }
    // Neutral is strictly between the two thresholds; the SQL bounds are inclusive, hence the nudge.
    constexpr double nudge = 1e-9;
    switch (sentiment) {
    case Sentiment::Any:
        break;
    case Sentiment::Negative:
        f.sentimentMin.reset();
        f.sentimentMax = kNegativeAtMost;
        break;
    case Sentiment::Neutral:
        f.sentimentMin = kNegativeAtMost + nudge;
        f.sentimentMax = kPositiveAtLeast - nudge;
        break;
    case Sentiment::Positive:
        f.sentimentMin = kPositiveAtLeast;
        f.sentimentMax.reset();
        break;
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    const auto daysBack = [&](int days) {
        return QDateTime(now.date().addDays(-days), QTime(0, 0)).toMSecsSinceEpoch();
    };
    switch (dates) {
    case Dates::Any:
        break;
    case Dates::Today:
        f.from = daysBack(0);
        f.to.reset();
        break;
    case Dates::Last7Days:
        f.from = daysBack(6); // today and the six days before
        f.to.reset();
        break;
    case Dates::Last30Days:
        f.from = daysBack(29);
        f.to.reset();
        break;
    case Dates::Custom:
        if (customFrom > 0) {
            f.from = customFrom;
        }
        if (customTo > 0) {
            f.to = customTo;
        }
        break;
    }
    if (unassigned) {
        f.unassigned = true;
        f.assignee.clear();
    } else if (!assignee.isEmpty()) {
        f.assignee = assignee;
        f.unassigned = false;
    }
    if (!tag.isEmpty()) {
        f.tag = tag;
    }
}

QJsonObject FilterChoice::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("networks"), names(networks, [](model::Network n) { return model::toString(n); }));
    o.insert(QStringLiteral("accounts"), names(accountIds, [](qint64 id) { return QString::number(id); }));
    o.insert(QStringLiteral("communities"), names(communityIds, [](qint64 id) { return QString::number(id); }));
    o.insert(QStringLiteral("statuses"), names(statuses, [](model::Status s) { return model::toString(s); }));
    o.insert(QStringLiteral("kinds"), names(kinds, [](model::Kind k) { return model::toString(k); }));
    o.insert(QStringLiteral("sentiment"), QString::fromLatin1(sentimentName(sentiment)));
    o.insert(QStringLiteral("dates"), QString::fromLatin1(datesName(dates)));
    if (dates == Dates::Custom) {
        o.insert(QStringLiteral("from"), QString::number(customFrom));
        o.insert(QStringLiteral("to"), QString::number(customTo));
    }
    o.insert(QStringLiteral("assignee"), assignee);
    if (unassigned) {
        o.insert(QStringLiteral("unassigned"), true);
    }
    o.insert(QStringLiteral("tag"), tag);
    return o;
}

FilterChoice FilterChoice::fromJson(const QJsonObject& o) {
    FilterChoice c;
    c.networks = fromNames<model::Network>(o.value(QStringLiteral("networks")), model::networkFromString);
    const auto positiveId = [](const QString& s) -> std::optional<qint64> {
        bool ok = false;
        const qint64 id = s.toLongLong(&ok);
        return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
    };
    c.accountIds = fromNames<qint64>(o.value(QStringLiteral("accounts")), positiveId);
    c.communityIds = fromNames<qint64>(o.value(QStringLiteral("communities")), positiveId);
    c.statuses = fromNames<model::Status>(o.value(QStringLiteral("statuses")), model::statusFromString);
    c.kinds = fromNames<model::Kind>(o.value(QStringLiteral("kinds")), model::kindFromString);
    const QString sentiment = o.value(QStringLiteral("sentiment")).toString();
    for (Sentiment s : {Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive}) {
        if (sentiment == QLatin1String(sentimentName(s))) {
            c.sentiment = s;
        }
    }
    const QString dates = o.value(QStringLiteral("dates")).toString();
    for (Dates d : {Dates::Today, Dates::Last7Days, Dates::Last30Days, Dates::Custom}) {
        if (dates == QLatin1String(datesName(d))) {
            c.dates = d;
        }
    }
    if (c.dates == Dates::Custom) {
        c.customFrom = o.value(QStringLiteral("from")).toString().toLongLong();
        c.customTo = o.value(QStringLiteral("to")).toString().toLongLong();
    }
    c.assignee = o.value(QStringLiteral("assignee")).toString();
    c.unassigned = o.value(QStringLiteral("unassigned")).toBool();
    c.tag = o.value(QStringLiteral("tag")).toString();
    return c;
}

} // namespace baton::models
