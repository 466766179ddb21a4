#pragma once

#include "core/insight/Metrics.h"

#include <QList>
#include <QString>
#include <optional>

namespace baton::insight {

// An item worth a look in the report, and why.
struct NotableItem {
    enum class Reason { MostNegative, MostPositive, LongestWaiting };
    Reason reason = Reason::MostNegative;
    qint64 id = 0;
    qint64 communityId = 0;
    model::Network network = model::Network::Mastodon;
    QString author; // display name, else handle
    QString handle;
    QString text;
    QString url;
    qint64 createdAt = 0;
    std::optional<double> sentiment;
    qint64 waitingMs = 0; // LongestWaiting: age at the report's instant
};

// One community (or everything) over the week, with the week before for comparison.
struct ReportSection {
    Scope scope;
    QString name; // the community's name; empty for the overall section
    QString accountName;
    model::Network network = model::Network::Mastodon;
    Summary current;
    Summary previous;
    QList<Spike> spikes; // communities only: spikes are against a community's own baseline
    QList<NotableItem> notable;
};

// The numbers of a weekly engagement report; painting is ui/report's job.
struct WeeklyReport {
    Period week;
    Period previousWeek;
    QString weekName; // "2026-W47"
    qint64 generatedAt = 0;
    ReportSection overall;            // every community (or the one asked for)
    QList<ReportSection> communities; // by name; those with no item in either week are left out
};

struct WeeklyReportOptions {
    std::optional<qint64> communityId; // only this community
    int topContributors = 5;
    int notablePerReason = 3;
};

WeeklyReport buildWeeklyReport(store::Database& db, const Period& week, const Clock& clock,
                               const WeeklyReportOptions& options = {});

// A community by id or by name (case-insensitive; "account/name" when two accounts share a name).
std::optional<CommunityInfo> findCommunity(store::Database& db, const QString& idOrName);

} // namespace baton::insight
