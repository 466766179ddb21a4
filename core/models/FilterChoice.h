#pragma once

#include "core/model/Enums.h"
#include "core/store/InboxQuery.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace baton::models {

// What the filter bar narrows a view to. Applied on top of the view's own InboxFilter, so it is pushed into the
// SQL like everything else; a field left at "any" keeps what the view says.
struct FilterChoice {
    enum class Sentiment { Any, Negative, Neutral, Positive };
    enum class Dates { Any, Today, Last7Days, Last30Days, Custom };

    QList<model::Network> networks;
    QList<qint64> accountIds;
    QList<qint64> communityIds;
    QList<model::Status> statuses; // replaces the view's statuses when set
    QList<model::Kind> kinds;
    Sentiment sentiment = Sentiment::Any;
    Dates dates = Dates::Any;
    qint64 customFrom = 0; // UTC ms, Custom only
    qint64 customTo = 0;   // UTC ms (exclusive), Custom only
    QString assignee;
    bool unassigned = false; // nobody assigned; wins over assignee
    QString tag;

    bool isEmpty() const;
    int activeCount() const; // how many chips are set
    // Narrows filter; nowMs and the local time zone place "today" and the last days.
    void applyTo(store::InboxFilter& filter, qint64 nowMs) const;

    QJsonObject toJson() const;
    static FilterChoice fromJson(const QJsonObject& json);
    friend bool operator==(const FilterChoice&, const FilterChoice&) = default;
};

// The thresholds the sentiment chips and the filter share: at or below negative, at or above positive.
constexpr double kNegativeAtMost = -0.2;
constexpr double kPositiveAtLeast = 0.3;

} // namespace baton::models
