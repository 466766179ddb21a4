#include "core/insight/Metrics.h"

#include "core/store/ItemRepository.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

namespace baton::insight {
namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// The few columns every figure needs, read once per period. Flags are computed by SQLite so no text is copied.
struct Row {
    qint64 id = 0;
    qint64 createdAt = 0;
    qint64 firstResponseAt = 0; // 0: none
    qint64 identityId = 0;
    qint64 accountId = 0;
    qint64 communityId = 0; // 0: none
    double score = 0;
    bool incoming = false;
    bool scored = false;
    bool spam = false;
    bool closed = false; // done, archived or spam
};

// "(filter) AND" on items for a scope, with its bind values.
struct ScopeSql {
    QByteArray where;
    QList<QVariant> binds;
};

// byIndex false: the scope only filters rows another index found (a unary + keeps SQLite from walking the
// community or account index over the scope's whole history).
ScopeSql scopeSql(const Scope& s, bool byIndex = true) {
    const QByteArray plus = byIndex ? QByteArray() : QByteArray("+");
    switch (s.kind) {
    case Scope::Kind::Overall:
        return {};
    case Scope::Kind::Community:
        return {" AND " + plus + "items.community_id = ?", {s.id}};
    case Scope::Kind::Account:
        return {" AND " + plus + "items.account_id = ?", {s.id}};
    case Scope::Kind::Network:
        // Through the accounts, so the account index serves it (as the inbox does).
        return {" AND " + plus + "items.account_id IN (SELECT id FROM accounts WHERE network = ?)",
                {model::toString(s.network)}};
    }
    return {};
}

void bindAll(store::Statement& st, const QList<QVariant>& binds) {
    for (qsizetype i = 0; i < binds.size(); ++i) {
        st.bindVariant(static_cast<int>(i + 1), binds[i]);
    }
}

// Item ids are time keys (ItemRepository::timeKeyBase): the id bounds let SQLite seek, created_at keeps the
// boundary exact to the millisecond.
void addRange(QByteArray& where, QList<QVariant>& binds, qint64 from, qint64 to) {
    where += " AND items.id >= ? AND items.id < ? AND items.created_at >= ? AND items.created_at < ?";
    binds << store::timeKeyBase(from) << store::timeKeyBase(to) + store::kTimeKeySlots << from << to;
}

QList<Row> loadRows(store::Database& db, const Scope& scope, qint64 from, qint64 to, bool incomingOnly = false) {
    ScopeSql s = scopeSql(scope);
    QByteArray sql = "SELECT items.id, items.created_at, coalesce(items.first_response_at, 0), "
                     "coalesce(items.identity_id, 0), items.account_id, coalesce(items.community_id, 0), "
                     "coalesce(items.sentiment_override, items.sentiment), items.direction = 'in', "
                     "items.status = 'spam', items.status IN ('done', 'archived', 'spam') "
                     "FROM items WHERE items.deleted_at IS NULL";
    sql += s.where;
    addRange(sql, s.binds, from, to);
    if (incomingOnly) {
        sql += " AND items.direction = 'in'";
    }
    store::Statement st(db, sql.constData());
    bindAll(st, s.binds);
    QList<Row> rows;
    while (st.next()) {
        Row r;
        r.id = st.int64(0);
        r.createdAt = st.int64(1);
        r.firstResponseAt = st.int64(2);
        r.identityId = st.int64(3);
        r.accountId = st.int64(4);
        r.communityId = st.int64(5);
        r.scored = !st.isNull(6);
        r.score = r.scored ? st.real(6) : 0.0;
        r.incoming = st.int64(7) != 0;
        r.spam = st.int64(8) != 0;
        r.closed = st.int64(9) != 0;
        rows.append(r);
    }
    return rows;
}

QHash<qint64, model::Network> accountNetworks(store::Database& db) {
    QHash<qint64, model::Network> out;
    store::Statement st(db, "SELECT id, network FROM accounts");
    while (st.next()) {
        out.insert(st.int64(0), model::networkFromString(st.text(1)).value_or(model::Network::Mastodon));
    }
    return out;
}

// Maps instants to local days and hours. Most days have one UTC offset throughout; only DST-change days ask the
// time zone per item.
class LocalCalendar {
public:
    explicit LocalCalendar(const Period& p)
        : m_tz(p.timeZone)
        , m_days(daySpans(p)) {
        for (const DaySpan& d : m_days) {
            const qint64 a = m_tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(d.from, Qt::UTC));
            const qint64 b = m_tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(d.to - 1, Qt::UTC));
            m_offsets.append(a == b ? std::optional<qint64>(a * 1000) : std::nullopt);
        }
    }
    const QList<DaySpan>& days() const { return m_days; }
    // Index of the day holding t, or -1.
    qsizetype dayOf(qint64 t) const {
        auto it =
            std::upper_bound(m_days.begin(), m_days.end(), t, [](qint64 v, const DaySpan& d) { return v < d.from; });
        if (it == m_days.begin()) {
            return -1;
        }
        --it;
        return t < it->to ? it - m_days.begin() : -1;
    }
    int hourOf(qint64 t, qsizetype day) const {
        if (day >= 0 && m_offsets[day]) {
            const qint64 local = t + *m_offsets[day];
            return static_cast<int>(((local % kDayMs) + kDayMs) % kDayMs / 3600000);
        }
        return QDateTime::fromMSecsSinceEpoch(t, m_tz).time().hour();
    }

private:
    QTimeZone m_tz;
    QList<DaySpan> m_days;
    QList<std::optional<qint64>> m_offsets;
};

void addSentiment(SentimentMix& mix, double& sum, const Row& r) {
    if (!r.scored) {
        ++mix.unscored;
        return;
    }
    sum += r.score;
    switch (sentimentLabel(r.score)) {
    case SentimentLabel::Negative:
        ++mix.negative;
        break;
    case SentimentLabel::Positive:
        ++mix.positive;
        break;
    default:
        ++mix.neutral;
        break;
    }
}

void finishMean(SentimentMix& mix, double sum) {
    mix.meanScore = mix.scored() ? sum / double(mix.scored()) : 0.0;
}

// Each item's staffed time on its own community's (else account's) clock.
class Clocks {
public:
    explicit Clocks(store::Database& db)
        : m_db(db) {}
    StaffedTime& of(const Row& r) {
        const qint64 key = r.communityId ? r.communityId : -r.accountId;
        auto it = m_clocks.find(key);
        if (it == m_clocks.end()) {
            const BusinessHours h = r.communityId ? businessHoursFor(m_db, Scope::community(r.communityId))
                                                  : businessHoursFor(m_db, Scope::account(r.accountId));
            it = m_clocks.emplace(key, std::make_unique<StaffedTime>(h)).first;
        }
        return *it->second;
    }

private:
    store::Database& m_db;
    std::unordered_map<qint64, std::unique_ptr<StaffedTime>> m_clocks;
};

// Accumulates response figures; the percentiles are taken at the end.
struct ResponseAcc {
    ResponseStats stats;
    QList<qint64> times;
    static bool needsReply(const Row& r) { return r.incoming && !(r.closed && r.firstResponseAt == 0); }
    static qint64 timeOf(const Row& r, Clocks& clocks) {
        return clocks.of(r).between(r.createdAt, std::max(r.createdAt, r.firstResponseAt));
    }
    // Rows that need no reply (outgoing, or closed without one) are ignored; `time` is timeOf() when answered.
    void add(const Row& r, qint64 time) {
        if (!needsReply(r)) {
            return;
        }
        ++stats.needingReply;
        if (r.firstResponseAt != 0) {
            ++stats.answered;
            times.append(time);
        }
    }
    void add(const Row& r, Clocks& clocks) { add(r, needsReply(r) && r.firstResponseAt ? timeOf(r, clocks) : 0); }
    ResponseStats finish() {
        stats.medianMs = median(times);
        stats.p90Ms = percentileNearestRank(times, 0.9);
        return stats;
    }
};

QList<Contributor> contributorsFrom(store::Database& db, const QList<Row>& rows, int limit) {
    struct Acc {
        qint64 items = 0;
        qint64 scored = 0;
        double sum = 0;
    };
    QHash<qint64, Acc> acc;
    for (const Row& r : rows) {
        if (!r.incoming || r.spam || r.identityId == 0) {
            continue;
        }
        Acc& a = acc[r.identityId];
        ++a.items;
        if (r.scored) {
            ++a.scored;
            a.sum += r.score;
        }
    }
    QList<std::pair<qint64, Acc>> sorted;
    sorted.reserve(acc.size());
    for (auto it = acc.cbegin(); it != acc.cend(); ++it) {
        sorted.append({it.key(), it.value()});
    }
    // Most items first; ties by identity id so the order is stable.
    std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
        return x.second.items != y.second.items ? x.second.items > y.second.items : x.first < y.first;
    });
    if (sorted.size() > limit) {
        sorted.resize(std::max(limit, 0));
    }
    QList<Contributor> out;
    store::Statement st(db, "SELECT handle, display_name, network FROM identities WHERE id = ?");
    for (const auto& [id, a] : sorted) {
        Contributor c;
        c.identityId = id;
        c.items = a.items;
        if (a.scored) {
            c.meanSentiment = a.sum / double(a.scored);
        }
        st.reset();
        st.bind(1, id);
        if (st.next()) {
            c.handle = st.text(0);
            c.displayName = st.text(1);
            c.network = model::networkFromString(st.text(2)).value_or(model::Network::Mastodon);
        }
        out.append(c);
    }
    return out;
}

BacklogStats backlogAt(store::Database& db, const Scope& scope, qint64 asOf) {
    BacklogStats b;
    b.asOf = asOf;
    const qint64 edges[3] = {asOf - kDayMs, asOf - 3 * kDayMs, asOf - 7 * kDayMs};
    // Open now and never answered, or answered only after T. Each branch has its own index (status, and the
    // answered-at index of schema 2).
    for (const bool answeredLater : {false, true}) {
        ScopeSql s = scopeSql(scope, false);
        QByteArray sql = "SELECT count(*), min(items.created_at), sum(items.created_at > ?), "
                         "sum(items.created_at <= ? AND items.created_at > ?), "
                         "sum(items.created_at <= ? AND items.created_at > ?) FROM items ";
        QList<QVariant> binds{edges[0], edges[0], edges[1], edges[1], edges[2]};
        if (answeredLater) {
            sql += "WHERE items.first_response_at >= ? AND items.first_response_at IS NOT NULL";
        } else {
            // Open items are few and have their own covering index (schema 3); these terms are its WHERE.
            sql += "INDEXED BY items_open WHERE items.first_response_at IS NULL AND items.direction = 'in' AND "
                   "items.deleted_at IS NULL AND items.status IN ('new', 'in-progress', 'waiting', 'snoozed')";
        }
        if (answeredLater) {
            binds << asOf;
        }
        sql += " AND items.direction = 'in' AND items.deleted_at IS NULL AND +items.id < ? AND items.created_at < ?";
        binds << store::timeKeyBase(asOf) + store::kTimeKeySlots << asOf;
        sql += s.where;
        binds += s.binds;
        store::Statement st(db, sql.constData());
        bindAll(st, binds);
        if (st.next()) {
            const qint64 n = st.int64(0);
            b.open += n;
            if (n > 0) {
                const qint64 age = asOf - st.int64(1);
                b.oldestAgeMs = std::max(b.oldestAgeMs.value_or(0), age);
                const qint64 under1 = st.int64(2);
                const qint64 under3 = st.int64(3);
                const qint64 under7 = st.int64(4);
                b.byAge[0] += under1;
                b.byAge[1] += under3;
                b.byAge[2] += under7;
                b.byAge[3] += n - under1 - under3 - under7;
            }
        }
    }
    return b;
}

std::optional<BusinessHours> hoursFromSettings(const QString& json) {
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    if (!o.contains(QLatin1String("business_hours"))) {
        return std::nullopt;
    }
    auto h = BusinessHours::fromJson(o.value(QLatin1String("business_hours")).toObject());
    // A broken setting falls back to 24/7 rather than hiding every figure; the settings UI validates on save.
    return h ? std::optional<BusinessHours>(*h) : std::nullopt;
}

} // namespace

SentimentLabel sentimentLabel(std::optional<double> score) {
    if (!score) {
        return SentimentLabel::Unscored;
    }
    if (*score <= kNegativeAtOrBelow) {
        return SentimentLabel::Negative;
    }
    if (*score >= kPositiveAtOrAbove) {
        return SentimentLabel::Positive;
    }
    return SentimentLabel::Neutral;
}

std::optional<qint64> median(QList<qint64> values) {
    if (values.isEmpty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    if (n % 2 == 1) {
        return values[n / 2];
    }
    // Mean of the two middle values, rounded half up.
    const qint64 a = values[n / 2 - 1];
    const qint64 b = values[n / 2];
    return a + (b - a + 1) / 2;
}

std::optional<qint64> percentileNearestRank(QList<qint64> values, double p) {
    if (values.isEmpty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<qsizetype>(std::ceil(p * double(values.size()) - 1e-9));
    return values[std::clamp<qsizetype>(rank, 1, values.size()) - 1];
}

Volume volume(store::Database& db, const Scope& scope, const Period& period) {
    Volume v;
    const auto networks = accountNetworks(db);
    for (const Row& r : loadRows(db, scope, period.from, period.to)) {
        if (r.incoming) {
            ++v.incoming;
            ++v.incomingByNetwork[networks.value(r.accountId)];
        } else {
            ++v.outgoing;
        }
    }
    return v;
}

SentimentMix sentimentMix(store::Database& db, const Scope& scope, const Period& period) {
    SentimentMix mix;
    double sum = 0;
    for (const Row& r : loadRows(db, scope, period.from, period.to, true)) {
        if (!r.spam) {
            addSentiment(mix, sum, r);
        }
    }
    finishMean(mix, sum);
    return mix;
}

ResponseStats responseStats(store::Database& db, const Scope& scope, const Period& period) {
    Clocks clocks(db);
    ResponseAcc acc;
    for (const Row& r : loadRows(db, scope, period.from, period.to, true)) {
        acc.add(r, clocks);
    }
    return acc.finish();
}

BacklogStats backlog(store::Database& db, const Scope& scope, const Period& period, const Clock& clock) {
    return backlogAt(db, scope, std::min(period.to, clock.nowMs()));
}

QList<Contributor> topContributors(store::Database& db, const Scope& scope, const Period& period, int limit) {
    return contributorsFrom(db, loadRows(db, scope, period.from, period.to, true), limit);
}

std::array<qint64, 24> busiestHours(store::Database& db, const Scope& scope, const Period& period) {
    std::array<qint64, 24> out{};
    const LocalCalendar cal(period);
    for (const Row& r : loadRows(db, scope, period.from, period.to, true)) {
        if (!r.spam) {
            ++out[static_cast<std::size_t>(cal.hourOf(r.createdAt, cal.dayOf(r.createdAt)))];
        }
    }
    return out;
}

QList<DayMetrics> byDay(store::Database& db, const Scope& scope, const Period& period) {
    const FakeClock atEnd(period.to);
    return summarize(db, scope, period, atEnd, SummaryOptions{0}).days;
}

Summary summarize(store::Database& db, const Scope& scope, const Period& period, const Clock& clock,
                  const SummaryOptions& options) {
    Summary s;
    s.scope = scope;
    s.period = period;
    s.hours = businessHoursFor(db, scope);
    const auto networks = accountNetworks(db);
    const LocalCalendar cal(period);
    Clocks clocks(db);
    const QList<Row> rows = loadRows(db, scope, period.from, period.to);

    const qsizetype dayCount = cal.days().size();
    QList<ResponseAcc> dayResponse(dayCount);
    QList<double> daySums(dayCount, 0.0);
    s.days.resize(dayCount);
    for (qsizetype i = 0; i < dayCount; ++i) {
        s.days[i].day = cal.days()[i];
    }
    ResponseAcc response;
    double sum = 0;
    for (const Row& r : rows) {
        const qsizetype d = cal.dayOf(r.createdAt);
        DayMetrics* day = d >= 0 ? &s.days[d] : nullptr;
        if (!r.incoming) {
            ++s.volume.outgoing;
            if (day) {
                ++day->volume.outgoing;
            }
            continue;
        }
        const model::Network n = networks.value(r.accountId);
        ++s.volume.incoming;
        ++s.volume.incomingByNetwork[n];
        if (day) {
            ++day->volume.incoming;
            ++day->volume.incomingByNetwork[n];
        }
        if (r.spam) {
            continue;
        }
        addSentiment(s.sentiment, sum, r);
        ++s.byHour[static_cast<std::size_t>(cal.hourOf(r.createdAt, d))];
        const qint64 time =
            ResponseAcc::needsReply(r) && r.firstResponseAt ? ResponseAcc::timeOf(r, clocks) : 0; // measured once
        response.add(r, time);
        if (day) {
            addSentiment(day->sentiment, daySums[d], r);
            dayResponse[d].add(r, time);
        }
    }
    finishMean(s.sentiment, sum);
    s.response = response.finish();
    for (qsizetype i = 0; i < dayCount; ++i) {
        finishMean(s.days[i].sentiment, daySums[i]);
        s.days[i].response = dayResponse[i].finish();
    }
    s.backlog = backlogAt(db, scope, std::min(period.to, clock.nowMs()));
    if (options.topContributors > 0) {
        s.topContributors = contributorsFrom(db, rows, options.topContributors);
    }
    return s;
}

QList<Spike> spikes(store::Database& db, const Scope& scope, const Period& period, const SpikeOptions& options) {
    QList<Spike> out;
    const QList<DaySpan> examined = daySpans(period);
    if (examined.isEmpty()) {
        return out;
    }
    const QDate firstBaseline = examined.first().date.addDays(-options.baselineDays);
    const Period all{startOfDay(firstBaseline, period.timeZone), period.to, period.timeZone};
    const LocalCalendar cal(all);
    const qsizetype n = cal.days().size();
    QList<qint64> count(n, 0);
    QList<qint64> negative(n, 0);
    QList<qint64> scored(n, 0);
    const QList<Row> rows = loadRows(db, scope, all.from, all.to, true);
    for (const Row& r : rows) {
        const qsizetype d = cal.dayOf(r.createdAt);
        if (d < 0 || r.spam) {
            continue;
        }
        ++count[d];
        if (r.scored) {
            ++scored[d];
            negative[d] += sentimentLabel(r.score) == SentimentLabel::Negative ? 1 : 0;
        }
    }
    for (qsizetype d = options.baselineDays; d < n; ++d) {
        double mean = 0;
        qint64 baseNegative = 0;
        qint64 baseScored = 0;
        for (qsizetype b = d - options.baselineDays; b < d; ++b) {
            mean += double(count[b]);
            baseNegative += negative[b];
            baseScored += scored[b];
        }
        mean /= double(options.baselineDays);
        double var = 0;
        for (qsizetype b = d - options.baselineDays; b < d; ++b) {
            var += (double(count[b]) - mean) * (double(count[b]) - mean);
        }
        const double sd = std::sqrt(var / double(options.baselineDays));
        const DaySpan& day = cal.days()[d];
        auto itemsOf = [&](bool negativeOnly) {
            QList<qint64> ids;
            for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
                if (it->createdAt >= day.from && it->createdAt < day.to && !it->spam &&
                    (!negativeOnly || (it->scored && sentimentLabel(it->score) == SentimentLabel::Negative))) {
                    ids.append(it->id);
                }
            }
            return ids;
        };
        // A scope with no history has no baseline to be far above.
        const double volumeThreshold =
            std::max({mean + options.volumeSigmas * sd, mean * options.volumeFactor, double(options.minVolume)});
        if (mean > 0 && double(count[d]) >= volumeThreshold) {
            out.append(Spike{Spike::Kind::Volume, day, double(count[d]), mean, volumeThreshold, itemsOf(false)});
        }
        if (baseScored > 0 && scored[d] > 0 && negative[d] >= options.minNegative) {
            const double base = double(baseNegative) / double(baseScored);
            const double share = double(negative[d]) / double(scored[d]);
            const double threshold = std::max(base + options.negativeShareRise, base * options.negativeFactor);
            if (share >= threshold) {
                out.append(Spike{Spike::Kind::NegativeShare, day, share, base, threshold, itemsOf(true)});
            }
        }
    }
    return out;
}

BusinessHours businessHoursFor(store::Database& db, const Scope& scope) {
    if (scope.kind == Scope::Kind::Community) {
        store::Statement st(db, "SELECT communities.settings, accounts.settings FROM communities "
                                "JOIN accounts ON accounts.id = communities.account_id WHERE communities.id = ?");
        st.bind(1, scope.id);
        if (st.next()) {
            if (auto h = hoursFromSettings(st.text(0))) {
                return *h;
            }
            if (auto h = hoursFromSettings(st.text(1))) {
                return *h;
            }
        }
    } else if (scope.kind == Scope::Kind::Account) {
        store::Statement st(db, "SELECT settings FROM accounts WHERE id = ?");
        st.bind(1, scope.id);
        if (st.next()) {
            if (auto h = hoursFromSettings(st.text(0))) {
                return *h;
            }
        }
    }
    return BusinessHours::twentyFourSeven();
}

Expected<void, Error> setCommunityBusinessHours(store::Database& db, qint64 communityId, const BusinessHours& hours) {
    store::Statement st(db, "UPDATE communities SET settings = json_set(settings, '$.business_hours', json(?)) "
                            "WHERE id = ?");
    st.bind(1, QString::fromUtf8(QJsonDocument(hours.toJson()).toJson(QJsonDocument::Compact))).bind(2, communityId);
    if (auto r = st.exec(); !r) {
        return r;
    }
    if (db.changes() != 1) {
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no community %1").arg(communityId)});
    }
    return {};
}

store::InboxFilter inboxFilter(const Scope& scope, qint64 from, qint64 to) {
    store::InboxFilter f;
    f.from = from;
    f.to = to;
    f.direction = model::Direction::Incoming;
    switch (scope.kind) {
    case Scope::Kind::Community:
        f.communityIds = {scope.id};
        break;
    case Scope::Kind::Account:
        f.accountIds = {scope.id};
        break;
    case Scope::Kind::Network:
        f.networks = {scope.network};
        break;
    case Scope::Kind::Overall:
        break;
    }
    return f;
}

QList<CommunityInfo> communities(store::Database& db) {
    QList<CommunityInfo> out;
    store::Statement st(db, "SELECT communities.id, communities.account_id, communities.name, accounts.name, "
                            "accounts.network FROM communities JOIN accounts ON accounts.id = communities.account_id "
                            "ORDER BY communities.name COLLATE NOCASE, communities.id");
    while (st.next()) {
        out.append(CommunityInfo{st.int64(0), st.int64(1), st.text(2), st.text(3),
                                 model::networkFromString(st.text(4)).value_or(model::Network::Mastodon)});
    }
    return out;
}

} // namespace baton::insight
