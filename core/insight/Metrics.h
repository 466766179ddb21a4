#pragma once

// Engagement metrics: pure functions over the store (a read-only connection is enough) and a clock. Every figure
// the dashboard, the weekly report, its CSV files and the command line show comes from here, so they agree.
//
// Definitions (the same everywhere):
// - Items counted are not deleted. "Incoming" and "outgoing" are items.direction; spam is left out of every
//   figure except volume.
// - An item's sentiment is items.sentiment_override when the user corrected it, else items.sentiment; labels:
//   <= -0.2 negative, >= 0.3 positive, else neutral; no score at all is "unscored" (other languages).
// - An incoming item "needs a reply" unless it was closed without one (status done, archived or spam and no
//   first_response_at), exactly as the inbox's "needs reply" view; response rate = answered / needing a reply, over
//   items created in the period, whenever the answer came.
// - First-response time = first_response_at - created_at counted in the business hours of the item's own community
//   (else its account's, else 24/7; see BusinessHours.h), over items created in the period that were answered. An
//   overall figure therefore mixes communities each measured on its own clock. Median: the middle value (mean of the
//   two middle ones for an even count); p90: nearest rank, the value at position ceil(0.9 n) of the sorted times.
// - Backlog at time T = min(period end, now): incoming items created before T, not answered by T and not closed.
// - Days and hours are local to the period's time zone.

#include "core/common/Clock.h"
#include "core/insight/BusinessHours.h"
#include "core/insight/Period.h"
#include "core/model/Enums.h"
#include "core/store/Database.h"
#include "core/store/InboxQuery.h"

#include <QList>
#include <QMap>
#include <QString>
#include <array>
#include <optional>

namespace baton::insight {

// Which items a figure covers.
struct Scope {
    enum class Kind { Overall, Community, Account, Network };
    Kind kind = Kind::Overall;
    qint64 id = 0;                                     // community or account id
    model::Network network = model::Network::Mastodon; // for Kind::Network

    static Scope overall() { return {}; }
    static Scope community(qint64 id) { return {Kind::Community, id, {}}; }
    static Scope account(qint64 id) { return {Kind::Account, id, {}}; }
    static Scope ofNetwork(model::Network n) { return {Kind::Network, 0, n}; }
    friend bool operator==(const Scope& a, const Scope& b) {
        return a.kind == b.kind && a.id == b.id && (a.kind != Kind::Network || a.network == b.network);
    }
};

enum class SentimentLabel { Negative, Neutral, Positive, Unscored };
constexpr double kNegativeAtOrBelow = -0.2;
constexpr double kPositiveAtOrAbove = 0.3;
SentimentLabel sentimentLabel(std::optional<double> score);

struct SentimentMix {
    qint64 negative = 0;
    qint64 neutral = 0;
    qint64 positive = 0;
    qint64 unscored = 0;
    double meanScore = 0; // over scored items; 0 when none
    qint64 scored() const { return negative + neutral + positive; }
    double negativeShare() const { return scored() ? double(negative) / double(scored()) : 0.0; }
    double positiveShare() const { return scored() ? double(positive) / double(scored()) : 0.0; }
};

struct Volume {
    qint64 incoming = 0;
    qint64 outgoing = 0;
    QMap<model::Network, qint64> incomingByNetwork;
};

struct ResponseStats {
    qint64 needingReply = 0;
    qint64 answered = 0;
    double rate() const { return needingReply ? double(answered) / double(needingReply) : 0.0; }
    // Business-hours milliseconds; nullopt when nothing was answered.
    std::optional<qint64> medianMs;
    std::optional<qint64> p90Ms;
};

struct BacklogStats {
    qint64 asOf = 0; // T
    qint64 open = 0;
    std::optional<qint64> oldestAgeMs;
    // Open items by age at T: under 1 day, 1 to 3 days, 3 to 7 days, 7 days or more.
    std::array<qint64, 4> byAge{};
};

struct Contributor {
    qint64 identityId = 0;
    QString handle;
    QString displayName;
    model::Network network = model::Network::Mastodon;
    qint64 items = 0;
    std::optional<double> meanSentiment;
};

// One local day: the figures of the items created that day.
struct DayMetrics {
    DaySpan day;
    Volume volume;
    SentimentMix sentiment; // incoming
    ResponseStats response;
};

struct Spike {
    enum class Kind { Volume, NegativeShare };
    Kind kind = Kind::Volume;
    DaySpan day;
    double value = 0;      // the day's incoming count, or its negative share (0..1)
    double baseline = 0;   // the mean over the baseline days (count), or the pooled negative share
    double threshold = 0;  // what value had to reach
    QList<qint64> itemIds; // the items behind it: the day's incoming items, or its negative ones; newest first
};

struct SpikeOptions {
    int baselineDays = 28;          // the scope's own recent history, just before each day examined
    double volumeSigmas = 3.0;      // a volume spike is >= mean + 3 standard deviations ...
    double volumeFactor = 2.0;      // ... and >= 2x the mean ...
    qint64 minVolume = 10;          // ... and at least this many items
    double negativeShareRise = 0.2; // a negative spike: share >= baseline share + 0.2 ...
    double negativeFactor = 2.0;    // ... and >= 2x the baseline share ...
    qint64 minNegative = 5;         // ... with at least this many negative items
};

// Everything about one scope over one period, from a few queries.
struct Summary {
    Scope scope;
    Period period;
    BusinessHours hours; // the scope's own (businessHoursFor), for display
    Volume volume;
    SentimentMix sentiment; // incoming items
    ResponseStats response;
    BacklogStats backlog;
    QList<DayMetrics> days;          // one per local day of the period
    std::array<qint64, 24> byHour{}; // incoming items by local hour of day
    QList<Contributor> topContributors;
};

struct SummaryOptions {
    int topContributors = 10;
};

// ---- Per figure (each runs its own queries) ----
Volume volume(store::Database& db, const Scope& scope, const Period& period);
SentimentMix sentimentMix(store::Database& db, const Scope& scope, const Period& period);
ResponseStats responseStats(store::Database& db, const Scope& scope, const Period& period);
BacklogStats backlog(store::Database& db, const Scope& scope, const Period& period, const Clock& clock);
QList<Contributor> topContributors(store::Database& db, const Scope& scope, const Period& period, int limit);
std::array<qint64, 24> busiestHours(store::Database& db, const Scope& scope, const Period& period);
QList<DayMetrics> byDay(store::Database& db, const Scope& scope, const Period& period);

// Days of `period` whose volume or negative share is far above the scope's own baseline (the options' days just
// before each examined day), oldest first.
QList<Spike> spikes(store::Database& db, const Scope& scope, const Period& period, const SpikeOptions& options = {});

// All of the above but spikes at once (one pass over the period's items).
Summary summarize(store::Database& db, const Scope& scope, const Period& period, const Clock& clock,
                  const SummaryOptions& options = {});

// ---- Configuration and drill-down ----
// The scope's business hours: the community's settings, else its account's, else 24/7. Overall and network
// scopes are 24/7 (their communities may be staffed differently).
BusinessHours businessHoursFor(store::Database& db, const Scope& scope);
// Stores a community's business hours (its settings JSON, "business_hours"). Needs a writable connection.
Expected<void, Error> setCommunityBusinessHours(store::Database& db, qint64 communityId, const BusinessHours& hours);

// The inbox filter showing exactly the incoming items a figure counted for [from, to) (e.g. a chart's day).
store::InboxFilter inboxFilter(const Scope& scope, qint64 from, qint64 to);

struct CommunityInfo {
    qint64 id = 0;
    qint64 accountId = 0;
    QString name;
    QString accountName;
    model::Network network = model::Network::Mastodon;
};
// Every community, by name; for pickers and report sections.
QList<CommunityInfo> communities(store::Database& db);

// Median and nearest-rank p90 as defined above (sorts `values`); nullopt for an empty list.
std::optional<qint64> median(QList<qint64> values);
std::optional<qint64> percentileNearestRank(QList<qint64> values, double p);

} // namespace baton::insight
