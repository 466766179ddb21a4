#pragma once

#include "core/model/Item.h"
#include "core/store/Database.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>
#include <optional>

namespace baton::store {

enum class InboxSort { Newest, Oldest, MostNegative, WaitingLongest };

// What the inbox shows. Every field narrows the result; empty lists and nullopt mean "any".
struct InboxFilter {
    QList<model::Status> statuses;
    QList<model::Network> networks;
    QList<qint64> accountIds;
    QList<qint64> communityIds;
    QList<qint64> identityIds; // items by these authors
    QList<model::Kind> kinds;
    std::optional<double> sentimentMin;
    std::optional<double> sentimentMax;
    std::optional<qint64> from;             // created_at >= from (UTC ms)
    std::optional<qint64> to;               // created_at < to
    QList<std::pair<qint64, qint64>> spans; // created_at in one of these [from, to) (an hour on each day...)
    QString search;                         // words the user typed; turned into a safe FTS5 query
    std::optional<bool> needsReply;         // incoming, not answered
    QString tag;
    QString assignee;
    bool unassigned = false; // nobody assigned (assignee is then ignored)
    std::optional<model::Direction> direction = model::Direction::Incoming;
    QList<qint64> ids; // only these items (the views re-check a change set's rows with one query)
    bool includeDeleted = false;
    InboxSort sort = InboxSort::Newest;
};

// Keyset position: the sort key of the last row shown, and its id to break ties.
struct InboxCursor {
    QVariant key;
    qint64 id = 0;
};

struct SqlQuery {
    QByteArray sql;
    QList<QVariant> binds;
};

struct InboxPage {
    QList<model::Item> items;
    std::optional<InboxCursor> next; // set when more rows may follow
};

namespace InboxQuery {
// Builds the page query; all user values are bound, never spliced.
SqlQuery build(const InboxFilter& filter, const std::optional<InboxCursor>& after, int limit);
// The FTS5 expression for what the user typed: each word quoted (a trailing * keeps prefix search).
QString ftsExpression(const QString& userText);
InboxPage page(Database& db, const InboxFilter& filter, const std::optional<InboxCursor>& after, int limit);
qint64 count(Database& db, const InboxFilter& filter);
// The same count split by (account id, community id; 0 for none), in one pass: the sources pane's per-account
// and per-community figures.
QHash<std::pair<qint64, qint64>, qint64> countByAccountAndCommunity(Database& db, const InboxFilter& filter);
} // namespace InboxQuery

} // namespace baton::store
