#include "core/insight/WeeklyReport.h"

#include "core/store/ItemRepository.h"

#include <QDateTime>

namespace baton::insight {
namespace {

// byIndex false: filter only (see Metrics.cpp scopeSql).
QByteArray scopeWhere(const Scope& s, QList<QVariant>& binds, bool byIndex) {
    const QByteArray plus = byIndex ? QByteArray() : QByteArray("+");
    switch (s.kind) {
    case Scope::Kind::Community:
        binds << s.id;
        return " AND " + plus + "items.community_id = ?";
    case Scope::Kind::Account:
        binds << s.id;
        return " AND " + plus + "items.account_id = ?";
    case Scope::Kind::Network:
        binds << model::toString(s.network);
        return " AND " + plus + "items.account_id IN (SELECT id FROM accounts WHERE network = ?)";
    case Scope::Kind::Overall:
        break;
    }
    return {};
}

constexpr const char* kNotableSelect =
    "SELECT items.id, coalesce(items.community_id, 0), items.network, identities.display_name, identities.handle, "
    "items.text, items.url, items.created_at, coalesce(items.sentiment_override, items.sentiment) "
    "FROM items LEFT JOIN identities ON identities.id = items.identity_id "
    "WHERE items.direction = 'in' AND items.deleted_at IS NULL";

QList<NotableItem> notable(store::Database& db, const Scope& scope, QByteArray where, QList<QVariant> binds,
                           const char* order, int limit, NotableItem::Reason reason, qint64 asOf) {
    // The oldest waiting items are found through the status index, the others within the week's id range.
    const bool byIndex = reason != NotableItem::Reason::LongestWaiting;
    QByteArray select(kNotableSelect);
    if (!byIndex) {
        select.replace("FROM items LEFT JOIN", "FROM items INDEXED BY items_open LEFT JOIN");
    }
    QByteArray sql = select + where + scopeWhere(scope, binds, byIndex) + " ORDER BY " + order + " LIMIT ?";
    binds << limit;
    store::Statement st(db, sql.constData());
    for (qsizetype i = 0; i < binds.size(); ++i) {
        st.bindVariant(static_cast<int>(i + 1), binds[i]);
    }
    QList<NotableItem> out;
    while (st.next()) {
        NotableItem n;
        n.reason = reason;
        n.id = st.int64(0);
        n.communityId = st.int64(1);
        n.network = model::networkFromString(st.text(2)).value_or(model::Network::Mastodon);
        n.handle = st.text(4);
        n.author = st.text(3).isEmpty() ? n.handle : st.text(3);
        n.text = st.text(5);
        n.url = st.text(6);
        n.createdAt = st.int64(7);
        if (!st.isNull(8)) {
            n.sentiment = st.real(8);
        }
        n.waitingMs = reason == NotableItem::Reason::LongestWaiting ? asOf - n.createdAt : 0;
        out.append(n);
    }
    return out;
}

QList<NotableItem> notableItems(store::Database& db, const Scope& scope, const Period& week, qint64 asOf, int n) {
    QList<NotableItem> out;
    if (n <= 0) {
        return out;
    }
    const QByteArray inWeek =
        " AND items.status <> 'spam' AND items.id >= ? AND items.id < ? AND items.created_at >= ? "
        "AND items.created_at < ?";
    const QList<QVariant> weekBinds{store::timeKeyBase(week.from), store::timeKeyBase(week.to) + store::kTimeKeySlots,
                                    week.from, week.to};
    const QByteArray scored = " AND coalesce(items.sentiment_override, items.sentiment) ";
    out += notable(db, scope, inWeek + scored + "<= ?", weekBinds + QList<QVariant>{kNegativeAtOrBelow},
                   "coalesce(items.sentiment_override, items.sentiment) ASC, items.id DESC", n,
                   NotableItem::Reason::MostNegative, asOf);
    out += notable(db, scope, inWeek + scored + ">= ?", weekBinds + QList<QVariant>{kPositiveAtOrAbove},
                   "coalesce(items.sentiment_override, items.sentiment) DESC, items.id DESC", n,
                   NotableItem::Reason::MostPositive, asOf);
    // Still waiting at the report's instant, oldest first (the same rule as the backlog's open branch).
    out += notable(db, scope,
                   " AND items.first_response_at IS NULL AND items.direction = 'in' AND items.deleted_at IS NULL AND "
                   "items.status IN ('new', 'in-progress', 'waiting', 'snoozed') AND items.created_at < ?",
                   {asOf}, "items.created_at ASC, items.id ASC", n, NotableItem::Reason::LongestWaiting, asOf);
    return out;
}

ReportSection section(store::Database& db, const Scope& scope, const WeeklyReport& r, const Clock& clock,
                      const WeeklyReportOptions& options) {
    ReportSection s;
    s.scope = scope;
    const SummaryOptions summaryOptions{options.topContributors};
    s.current = summarize(db, scope, r.week, clock, summaryOptions);
    s.previous = summarize(db, scope, r.previousWeek, clock, summaryOptions);
    if (scope.kind == Scope::Kind::Community) {
        s.spikes = spikes(db, scope, r.week);
    }
    s.notable = notableItems(db, scope, r.week, std::min(r.week.to, clock.nowMs()), options.notablePerReason);
    return s;
}

} // namespace

WeeklyReport buildWeeklyReport(store::Database& db, const Period& week, const Clock& clock,
                               const WeeklyReportOptions& options) {
    WeeklyReport r;
    r.week = week;
    r.previousWeek = previous(week);
    r.weekName = isoWeekName(QDateTime::fromMSecsSinceEpoch(week.from, week.timeZone).date());
    r.generatedAt = clock.nowMs();
    QList<CommunityInfo> list = communities(db);
    if (options.communityId) {
        list.removeIf([&](const CommunityInfo& c) { return c.id != *options.communityId; });
    }
    const Scope overallScope = options.communityId ? Scope::community(*options.communityId) : Scope::overall();
    r.overall = section(db, overallScope, r, clock, options);
    if (options.communityId && !list.isEmpty()) {
        r.overall.name = list.first().name;
        r.overall.accountName = list.first().accountName;
        r.overall.network = list.first().network;
    }
    for (const CommunityInfo& c : list) {
        ReportSection s = section(db, Scope::community(c.id), r, clock, options);
        if (s.current.volume.incoming + s.current.volume.outgoing + s.previous.volume.incoming +
                s.previous.volume.outgoing ==
            0) {
            continue;
        }
        s.name = c.name;
        s.accountName = c.accountName;
        s.network = c.network;
        r.communities.append(s);
    }
    return r;
}

std::optional<CommunityInfo> findCommunity(store::Database& db, const QString& idOrName) {
    const QList<CommunityInfo> list = communities(db);
    bool isNumber = false;
    const qint64 id = idOrName.toLongLong(&isNumber);
    QList<CommunityInfo> matches;
    for (const CommunityInfo& c : list) {
        if ((isNumber && c.id == id) || c.name.compare(idOrName, Qt::CaseInsensitive) == 0 ||
            QString(c.accountName + u'/' + c.name).compare(idOrName, Qt::CaseInsensitive) == 0) {
            matches.append(c);
        }
    }
    if (matches.size() != 1) {
        return std::nullopt; // unknown, or ambiguous between accounts
    }
    return matches.first();
}

} // namespace baton::insight
