#include "core/store/InboxQuery.h"

#include "core/store/ItemRepository.h"

#include <QRegularExpression>

namespace baton::store::InboxQuery {
namespace {

struct SortSpec {
    const char* key; // column expression
    bool descending;
};

SortSpec sortSpec(InboxSort s) {
    switch (s) {
    case InboxSort::Newest:
        return {"items.created_at", true};
    case InboxSort::Oldest:
        return {"items.created_at", false};
    case InboxSort::MostNegative:
        return {"coalesce(items.sentiment_override, items.sentiment, 0)", false};
    case InboxSort::WaitingLongest:
        return {"items.created_at", false};
    }
    return {"items.created_at", true};
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

void buildWhere(const InboxFilter& f, QByteArray& where, QList<QVariant>& binds) {
    where = "WHERE 1";
    if (f.direction) {
        where += " AND items.direction = ?";
        binds.append(model::toString(*f.direction));
    }
    if (!f.includeDeleted) {
        where += " AND items.deleted_at IS NULL";
    }
    addInList(where, binds, "items.status", f.statuses, [](model::Status s) { return QVariant(model::toString(s)); });
    addInList(where, binds, "items.network", f.networks, [](model::Network n) { return QVariant(model::toString(n)); });
    addInList(where, binds, "items.account_id", f.accountIds, [](qint64 v) { return QVariant(v); });
    addInList(where, binds, "items.community_id", f.communityIds, [](qint64 v) { return QVariant(v); });
    addInList(where, binds, "items.kind", f.kinds, [](model::Kind k) { return QVariant(model::toString(k)); });
    if (f.sentimentMin) {
        where += " AND coalesce(items.sentiment_override, items.sentiment) >= ?";
        binds.append(*f.sentimentMin);
    }
    if (f.sentimentMax) {
        where += " AND coalesce(items.sentiment_override, items.sentiment) <= ?";
        binds.append(*f.sentimentMax);
    }
    if (f.from) {
        where += " AND items.created_at >= ?";
        binds.append(*f.from);
    }
    if (f.to) {
        where += " AND items.created_at < ?";
        binds.append(*f.to);
    }
    if (f.needsReply) {
        where += *f.needsReply ? " AND items.first_response_at IS NULL AND items.status NOT IN ('done', 'archived', "
                                 "'spam')"
                               : " AND items.first_response_at IS NOT NULL";
    }
    if (!f.assignee.isEmpty()) {
        where += " AND items.assignee = ?";
        binds.append(f.assignee);
    }
    if (!f.tag.isEmpty()) {
        where += " AND items.id IN (SELECT item_tags.item_id FROM item_tags JOIN tags ON tags.id = item_tags.tag_id "
                 "WHERE tags.name = ?)";
        binds.append(f.tag);
    }
    const QString fts = ftsExpression(f.search);
    if (!fts.isEmpty()) {
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
    QByteArray where;
    buildWhere(filter, where, q.binds);
    const SortSpec sort = sortSpec(filter.sort);
    if (after) {
        // Row-value comparison keeps paging stable and lets SQLite seek straight into the index.
        where += " AND (";
        where += sort.key;
        where += ", items.id) ";
        where += sort.descending ? "<" : ">";
        where += " (?, ?)";
        q.binds.append(after->key);
        q.binds.append(after->id);
    }
    q.sql = QByteArray(BATON_ITEM_SELECT) + where + " ORDER BY " + sort.key + (sort.descending ? " DESC" : " ASC") +
            ", items.id" + (sort.descending ? " DESC" : " ASC") + " LIMIT ?";
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
            c.key = last.sentiment.value_or(0.0);
        } else {
            c.key = last.createdAt;
        }
        out.next = c;
    }
    return out;
}

qint64 count(Database& db, const InboxFilter& filter) {
    QByteArray where;
    QList<QVariant> binds;
    buildWhere(filter, where, binds);
    const QByteArray sql = QByteArray("SELECT count(*) FROM items ") + where;
    Statement st(db, sql.constData());
    for (qsizetype i = 0; i < binds.size(); ++i) {
        st.bindVariant(static_cast<int>(i + 1), binds[i]);
    }
    return st.next() ? st.int64(0) : 0;
}

} // namespace baton::store::InboxQuery
