#include "core/models/InboxModel.h"

#include "core/models/Roles.h"
#include "core/store/ItemRepository.h"
#include "core/store/Store.h"

#include <algorithm>

namespace baton::models {

InboxModel::InboxModel(store::Store& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store) {
    connect(&m_store.writer(), &store::StoreWriter::changed, this, &InboxModel::onChanged);
    m_atEnd = false;
}

int InboxModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant InboxModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const model::Item& it = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case AuthorNameRole:
        return it.author.displayName.isEmpty() ? it.author.handle : it.author.displayName;
    case Qt::ToolTipRole:
        return it.text.left(500);
    case ItemIdRole:
        return it.id;
    case AccountIdRole:
        return it.accountId;
    case NetworkRole:
        return QVariant::fromValue(it.network);
    case NetworkNameRole:
        return model::toString(it.network);
    case KindRole:
        return QVariant::fromValue(it.kind);
    case AuthorHandleRole:
        return it.author.handle.isEmpty() ? QString() : u'@' + it.author.handle;
    case CreatedAtRole:
        return it.createdAt;
    case ExcerptRole:
        return it.text.left(400).simplified();
    case StatusRole:
        return QVariant::fromValue(it.status);
    case UnreadRole:
        return it.status == model::Status::New;
    case NeedsReplyRole:
        return it.direction == model::Direction::Incoming && it.firstResponseAt == 0 &&
               it.status != model::Status::Done && it.status != model::Status::Archived &&
               it.status != model::Status::Spam;
    case SentimentRole:
        return it.sentiment ? QVariant(*it.sentiment) : QVariant();
    case RatingRole:
        return it.rating ? QVariant(*it.rating) : QVariant();
    case AssigneeRole:
        return it.assignee;
    case SnoozeUntilRole:
        return it.snoozeUntil;
    case ThreadRemoteIdRole:
        return it.threadRemoteId;
    case RemoteIdRole:
        return it.remoteId;
    case DirectionRole:
        return QVariant::fromValue(it.direction);
    default:
        return {};
    }
}

QHash<int, QByteArray> InboxModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ItemIdRole, "itemId");
    names.insert(AccountIdRole, "accountId");
    names.insert(NetworkRole, "network");
    names.insert(NetworkNameRole, "networkName");
    names.insert(KindRole, "kind");
    names.insert(AuthorNameRole, "authorName");
    names.insert(AuthorHandleRole, "authorHandle");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(ExcerptRole, "excerpt");
    names.insert(StatusRole, "status");
    names.insert(UnreadRole, "unread");
    names.insert(NeedsReplyRole, "needsReply");
    names.insert(SentimentRole, "sentiment");
    names.insert(RatingRole, "rating");
    names.insert(AssigneeRole, "assignee");
    names.insert(SnoozeUntilRole, "snoozeUntil");
    names.insert(ThreadRemoteIdRole, "threadRemoteId");
    names.insert(RemoteIdRole, "remoteId");
    names.insert(DirectionRole, "direction");
    return names;
}

bool InboxModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd;
}

void InboxModel::fetchMore(const QModelIndex& parent) {
    // Not from inside our own change notifications: inserting rows there would nest two structural changes
    // (views ask again once they have laid out the change).
    if (parent.isValid() || m_atEnd || m_notifying) {
        return;
    }
    const QList<model::Item> items = readPage();
    if (items.isEmpty()) {
        return;
    }
    const int first = rowCount();
    m_notifying = true;
    beginInsertRows({}, first, first + static_cast<int>(items.size()) - 1);
    m_items += items;
    rebuildIndex(first);
    endInsertRows();
    m_notifying = false;
}

QList<model::Item> InboxModel::readPage() {
    store::InboxPage page;
    // With a filter applied after the SQL, read on until something passes (bounded, so a rare match does not
    // stall the GUI thread; the view asks again while canFetchMore()).
    for (int reads = 0; reads < 8 && page.items.isEmpty() && !m_atEnd; ++reads) {
        page = store::InboxQuery::page(m_store.reader(), m_filter, m_next, pageSize());
        m_next = page.next;
        m_atEnd = !page.next.has_value();
        // A live insert may already have brought some of these rows in.
        page.items.removeIf([this](const model::Item& it) { return m_rowById.contains(it.id) || !passesExtra(it); });
    }
    return page.items;
}

void InboxModel::setFilter(const store::InboxFilter& filter) {
    setFilter(ViewFilter{filter, false});
}

void InboxModel::setFilter(const ViewFilter& filter) {
    m_filter = filter.sql;
    m_questionsOnly = filter.questionsOnly;
    reload();
}

bool InboxModel::passesExtra(const model::Item& item) const {
    return !m_questionsOnly || item.text.contains(u'?') || item.text.contains(u'\uff1f');
}

void InboxModel::reload() {
    m_notifying = true;
    beginResetModel();
    m_items.clear();
    m_rowById.clear();
    m_next.reset();
    m_atEnd = false;
    const bool hadPending = !m_pending.isEmpty();
    m_pending.clear();
    // The first page comes with the reset, so views never see an empty list flash by.
    m_items = readPage();
    rebuildIndex(0);
    endResetModel();
    m_notifying = false;
    if (hadPending) {
        emit pendingCountChanged(0);
    }
}

void InboxModel::setAtTop(bool atTop) {
    m_atTop = atTop;
}

void InboxModel::applyPending() {
    const QList<qint64> ids = std::exchange(m_pending, {});
    for (qint64 id : ids) {
        if (m_rowById.contains(id)) {
            continue;
        }
        if (auto item = loadMatching(id)) {
            insertSorted(*item);
        }
    }
    if (!ids.isEmpty()) {
        emit pendingCountChanged(0);
    }
}

const model::Item* InboxModel::itemAt(int row) const {
    return row >= 0 && row < m_items.size() ? &m_items.at(row) : nullptr;
}

int InboxModel::rowOf(qint64 itemId) const {
    return m_rowById.value(itemId, -1);
}

std::optional<model::Item> InboxModel::loadMatching(qint64 id) const {
    const auto item = store::ItemRepository::byId(m_store.reader(), id);
    if (!item) {
        return std::nullopt;
    }
    // Ask the filter's own query for the first row from just before this item: it is this item exactly when
    // the item passes the filter. No second implementation of the filter to keep in step with the SQL.
    store::InboxCursor before;
    switch (m_filter.sort) {
    case store::InboxSort::Newest:
        before.id = id + 1;
        break;
    case store::InboxSort::Oldest:
    case store::InboxSort::WaitingLongest:
        before.id = id - 1;
        break;
    case store::InboxSort::MostNegative:
        before.key = item->sentiment.value_or(0.0);
        before.id = id - 1;
        break;
    }
    const store::InboxPage page = store::InboxQuery::page(m_store.reader(), m_filter, before, 1);
    if (page.items.isEmpty() || page.items.first().id != id || !passesExtra(page.items.first())) {
        return std::nullopt;
    }
    return page.items.first();
}

bool InboxModel::lessThan(const model::Item& a, const model::Item& b) const {
    switch (m_filter.sort) {
    case store::InboxSort::Newest:
        return a.id > b.id;
    case store::InboxSort::Oldest:
    case store::InboxSort::WaitingLongest:
        return a.id < b.id;
    case store::InboxSort::MostNegative: {
        const double sa = a.sentiment.value_or(0.0);
        const double sb = b.sentiment.value_or(0.0);
        return sa < sb || (sa == sb && a.id < b.id);
    }
    }
    return a.id > b.id;
}

int InboxModel::sortedPosition(const model::Item& item) const {
    const auto it = std::lower_bound(m_items.cbegin(), m_items.cend(), item,
                                     [this](const model::Item& a, const model::Item& b) { return lessThan(a, b); });
    return static_cast<int>(it - m_items.cbegin());
}

void InboxModel::insertSorted(const model::Item& item) {
    const int row = sortedPosition(item);
    if (row == rowCount() && !m_atEnd) {
        return; // sorts after the loaded rows: paging brings it in its turn
    }
    m_notifying = true;
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    rebuildIndex(row);
    endInsertRows();
    m_notifying = false;
}

void InboxModel::removeRowAt(int row) {
    m_notifying = true;
    beginRemoveRows({}, row, row);
    m_rowById.remove(m_items.at(row).id);
    m_items.removeAt(row);
    rebuildIndex(row);
    endRemoveRows();
    m_notifying = false;
}

void InboxModel::rebuildIndex(int fromRow) {
    for (int r = fromRow; r < m_items.size(); ++r) {
        m_rowById.insert(m_items.at(r).id, r);
    }
}

QHash<qint64, model::Item> InboxModel::loadMatchingAll(const QList<qint64>& ids) const {
    QHash<qint64, model::Item> out;
    if (ids.isEmpty()) {
        return out;
    }
    store::InboxFilter f = m_filter;
    f.ids = ids;
    const store::InboxPage page = store::InboxQuery::page(m_store.reader(), f, std::nullopt, int(ids.size()));
    for (const model::Item& it : page.items) {
        if (passesExtra(it)) {
            out.insert(it.id, it);
        }
    }
    return out;
}

void InboxModel::removeRows(QList<int> rows) {
    if (rows.isEmpty()) {
        return;
    }
    // Bottom up, so earlier rows keep their numbers; the id index is rebuilt once.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    m_notifying = true;
    for (int row : std::as_const(rows)) {
        beginRemoveRows({}, row, row);
        m_rowById.remove(m_items.at(row).id);
        m_items.removeAt(row);
        endRemoveRows();
    }
    rebuildIndex(rows.last());
    m_notifying = false;
}

// A sync can commit hundreds of rows at once: each change set costs a constant number of queries, never one
// per row, so the GUI thread stays responsive.
void InboxModel::onChanged(const store::ChangeSet& changes) {
    const int pendingBefore = pendingCount();
    QList<int> gone;
    for (qint64 id : changes.removedItems) {
        m_pending.removeAll(id);
        if (const int row = rowOf(id); row >= 0) {
            gone.append(row);
        }
    }
    QList<qint64> loadedUpdates;
    QList<qint64> candidates;
    for (qint64 id : changes.updatedItems) {
        if (rowOf(id) >= 0) {
            loadedUpdates.append(id);
        } else {
            candidates.append(id); // may match now (back from snooze, reassigned...)
        }
    }
    const QHash<qint64, model::Item> fresh = loadMatchingAll(loadedUpdates);
    for (qint64 id : std::as_const(loadedUpdates)) {
        const int row = rowOf(id);
        if (const auto it = fresh.constFind(id); it != fresh.constEnd()) {
            m_items[row] = *it;
            emit dataChanged(index(row), index(row));
        } else if (!gone.contains(row)) {
            gone.append(row);
        }
    }
    removeRows(gone);

    candidates += changes.insertedItems;
    candidates.removeIf([this](qint64 id) { return m_rowById.contains(id) || m_pending.contains(id); });
    const QHash<qint64, model::Item> matching = loadMatchingAll(candidates);
    QList<model::Item> arrivals = matching.values();
    // Oldest first, so a run of new items lands in order whatever the sort.
    std::sort(arrivals.begin(), arrivals.end(),
              [this](const model::Item& a, const model::Item& b) { return lessThan(b, a); });
    int firstChanged = -1;
    for (const model::Item& item : std::as_const(arrivals)) {
        const int row = sortedPosition(item);
        const bool below = row == rowCount();
        if ((below && !m_atEnd) || (!below && !m_atTop)) {
            if (!below) {
                m_pending.append(item.id); // above the reader: shown when they ask
            }
            continue; // below the loaded rows: paging brings it in its turn
        }
        m_notifying = true;
        beginInsertRows({}, row, row);
        m_items.insert(row, item);
        endInsertRows();
        m_notifying = false;
        firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
    }
    if (firstChanged >= 0) {
        rebuildIndex(firstChanged);
    }
    if (pendingCount() != pendingBefore) {
        emit pendingCountChanged(pendingCount());
    }
}

} // namespace baton::models
