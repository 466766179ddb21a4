#include "core/store/InboxQuery.h"

#include "core/store/ItemRepository.h"

#include <QRegularExpression>

namespace baton::store::InboxQuery {
namespace {

struct SortSpec {
    const char* key; // column expression
    bool descending;
};

// key == nullptr: order by the time key (items.id) alone.
SortSpec sortSpec(InboxSort s) {
    switch (s) {
    case InboxSort::Newest:
        return {nullptr, true};
    case InboxSort::Oldest:
    case InboxSort::WaitingLongest:
        return {nullptr, false};
    case InboxSort::MostNegative:
        return {"coalesce(items.sentiment_override, items.sentiment, 0)", false};
    }
    return {nullptr, true};
}

template <typename T, typename F>
void addInList(QByteArray& where, QList<QVariant>& binds, const char* column, const QList<T>& values, F toVariant) {
    if (values.isEmpty()) {
        return;
    }
    where += " AND ";
    where += column;
    where += " IN (";
    for (qsizetype i = 0; i < values.size(); ++i) {
        where += i == 0 ? "?" : ", ?";
        binds.append(toVariant(values[i]));
    }
    where += ')';
}

void buildWhere(const InboxFilter& f, QByteArray& where, QList<QVariant>& binds, bool ftsDriven) {
    where = "WHERE 1";
    if (ftsDriven) {
        // Search in time order: the full-text index (keyed by the time key) drives the scan, newest first,
        // so a common word costs one page of matches, not all of them.
        where += " AND items_fts MATCH ?";
        binds.append(ftsExpression(f.search));
    }
    if (f.direction) {
        where += " AND items.direction = ?";
        binds.append(model::toString(*f.direction));
    }
    if (!f.ids.isEmpty()) {
        QByteArray list = "[";
        for (qsizetype i = 0; i < f.ids.size(); ++i) {
            if (i > 0) {
                list += ',';
            }
            list += QByteArray::number(f.ids[i]);
        }
        list += ']';
        where += " AND items.id IN (SELECT value FROM json_each(?))";
        binds.append(QString::fromLatin1(list));
    }
    if (!f.includeDeleted) {
        where += " AND items.deleted_at IS NULL";
    }
    addInList(where, binds, "items.status", f.statuses, [](model::Status s) { return QVariant(model::toString(s)); });
    if (!f.networks.isEmpty()) {
        // Through the accounts. The unary + keeps SQLite off the account index: over several accounts that index
        // gives rows out of time order, and sorting a whole network's items costs far more than walking the
        // table newest first until a page is full.
        QByteArray sub;
        QList<QVariant> subBinds;
        addInList(sub, subBinds, "network", f.networks, [](model::Network n) { return QVariant(model::toString(n)); });
        where += " AND +items.account_id IN (SELECT id FROM accounts WHERE 1" + sub + ")";
        binds += subBinds;
    }
    // One value: its index is already in time order. Several: the same walk as above.
    addInList(where, binds, f.accountIds.size() > 1 ? "+items.account_id" : "items.account_id", f.accountIds,
              [](qint64 v) { return QVariant(v); });
    addInList(where, binds, f.communityIds.size() > 1 ? "+items.community_id" : "items.community_id", f.communityIds,
              [](qint64 v) { return QVariant(v); });
    if (!f.spans.isEmpty()) {
        where += " AND (";
        for (qsizetype i = 0; i < f.spans.size(); ++i) {
            where += i == 0 ? "(items.created_at >= ? AND items.created_at < ?)"
                            : " OR (items.created_at >= ? AND items.created_at < ?)";
            binds.append(f.spans[i].first);
            binds.append(f.spans[i].second);
        }
        where += ')';
    }
    addInList(where, binds, f.identityIds.size() > 1 ? "+items.identity_id" : "items.identity_id", f.identityIds,
              [](qint64 v) { return QVariant(v); });
    addInList(where, binds, "items.kind", f.kinds, [](model::Kind k) { return QVariant(model::toString(k)); });
    if (f.sentimentMin) {
        where += " AND coalesce(items.sentiment_override, items.sentiment) >= ?";
        binds.append(*f.sentimentMin);
    }
    if (f.sentimentMax) {
        where += " AND coalesce(items.sentiment_override, items.sentiment) <= ?";
        binds.append(*f.sentimentMax);
    }
    // The id bounds let SQLite seek; the created_at test keeps the boundary exact to the millisecond.
    if (f.from) {
        where += " AND items.id >= ? AND items.created_at >= ?";
        binds.append(timeKeyBase(*f.from));
        binds.append(*f.from);
    }
    if (f.to) {
        where += " AND items.id < ? AND items.created_at < ?";
        binds.append(timeKeyBase(*f.to) + kTimeKeySlots);
        binds.append(*f.to);
    }
    if (f.needsReply) {
        where += *f.needsReply ? " AND items.first_response_at IS NULL AND items.status NOT IN ('done', 'archived', "
                                 "'spam')"
                               : " AND items.first_response_at IS NOT NULL";
    }
    if (f.unassigned) {
        where += " AND (items.assignee IS NULL OR items.assignee = '')";
    } else if (!f.assignee.isEmpty()) {
        where += " AND items.assignee = ?";
        binds.append(f.assignee);
    }
    if (!f.tag.isEmpty()) {
        where += " AND items.id IN (SELECT item_tags.item_id FROM item_tags JOIN tags ON tags.id = item_tags.tag_id "
                 "WHERE tags.name = ?)";
        binds.append(f.tag);
    }
    const QString fts = ftsExpression(f.search);
    if (!fts.isEmpty() && !ftsDriven) {
        where += " AND items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)";
        binds.append(fts);
    }
}

} // namespace

QString ftsExpression(const QString& userText) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const QStringList words = userText.split(space, Qt::SkipEmptyParts);
    QStringList terms;
    for (QString w : words) {
        const bool prefix = w.endsWith(u'*') && w.size() > 1;
        if (prefix) {
            w.chop(1);
        }
        w.replace(u'"', QLatin1String("\"\""));
        if (w.isEmpty()) {
            continue;
        }
        terms << (u'"' + w + u'"' + (prefix ? QStringLiteral("*") : QString()));
    }
    return terms.join(u' ');
}

SqlQuery build(const InboxFilter& filter, const std::optional<InboxCursor>& after, int limit) {
    SqlQuery q;
    const SortSpec sort = sortSpec(filter.sort);
    const bool ftsDriven = sort.key == nullptr && !ftsExpression(filter.search).isEmpty();
    QByteArray where;
    buildWhere(filter, where, q.binds, ftsDriven);
    const char* idColumn = ftsDriven ? "items_fts.rowid" : "items.id";
    const char* dir = sort.descending ? " DESC" : " ASC";
    if (after) {
        if (sort.key) {
            // Row-value comparison keeps paging stable across equal keys and lets SQLite seek.
            where += QByteArray(" AND (") + sort.key + ", items.id) " + (sort.descending ? "<" : ">") + " (?, ?)";
            q.binds.append(after->key);
        } else {
            where += QByteArray(" AND ") + idColumn + (sort.descending ? " < ?" : " > ?");
        }
        q.binds.append(after->id);
    }
    QByteArray select = BATON_ITEM_SELECT;
    if (ftsDriven) {
        select.replace("FROM items LEFT JOIN", "FROM items_fts JOIN items ON items.id = items_fts.rowid LEFT JOIN");
    }
    QByteArray order = " ORDER BY ";
    if (sort.key) {
        order += QByteArray(sort.key) + dir + ", ";
    }
    order += QByteArray(idColumn) + dir;
    q.sql = select + where + order + " LIMIT ?";
    q.binds.append(limit);
    return q;
}

InboxPage page(Database& db, const InboxFilter& filter, const std::optional<InboxCursor>& after, int limit) {
    const SqlQuery q = build(filter, after, limit);
    Statement st(db, q.sql.constData());
    for (qsizetype i = 0; i < q.binds.size(); ++i) {
        st.bindVariant(static_cast<int>(i + 1), q.binds[i]);
    }
    InboxPage out;
    while (st.next()) {
        out.items.append(ItemRepository::readItem(st));
    }
    if (out.items.size() == limit && limit > 0) {
        const model::Item& last = out.items.back();
        InboxCursor c;
        c.id = last.id;
        if (filter.sort == InboxSort::MostNegative) {
            c.key = last.effectiveSentiment(); // the same expression the SQL sorts by
        }
        out.next = c;
    }
    return out;
}

qint64 count(Database& db, const InboxFilter& filter) {
    QByteArray where;
    QList<QVariant> binds;
    buildWhere(filter, where, binds, false);
    const QByteArray sql = QByteArray("SELECT count(*) FROM items ") + where;
    Statement st(db, sql.constData());
    for (qsizetype i = 0; i < binds.size(); ++i) {
        st.bindVariant(static_cast<int>(i + 1), binds[i]);
    }
    return st.next() ? st.int64(0) : 0;
}

QHash<std::pair<qint64, qint64>, qint64> countByAccountAndCommunity(Database& db, const InboxFilter& filter) {
    QByteArray where;
    QList<QVariant> binds;
    buildWhere(filter, where, binds, false);
    const QByteArray sql =
        QByteArray("SELECT items.account_id, coalesce(items.community_id, 0), count(*) FROM items ") + where +
        " GROUP BY 1, 2";
    Statement st(db, sql.constData());
    for (qsizetype i = 0; i < binds.size(); ++i) {
        st.bindVariant(static_cast<int>(i + 1), binds[i]);
    }
    QHash<std::pair<qint64, qint64>, qint64> out;
    while (st.next()) {
        out.insert({st.int64(0), st.int64(1)}, st.int64(2));
    }
    return out;
}

} // namespace baton::store::InboxQuery
