#pragma once

#include "core/model/Item.h"
#include "core/models/ViewFilter.h"
#include "core/store/InboxQuery.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <optional>

namespace baton::store {
class Store;
struct ChangeSet;
} // namespace baton::store

namespace baton::models {

// The inbox as a flat list over the store's read connection. Rows are loaded in keyset pages of pageSize()
// (canFetchMore/fetchMore); data() only reads what is loaded. A new filter re-issues the SQL.
//
// Live updates follow the writer's change sets. New matching items go to their sorted position, but only while
// the view is at the top (setAtTop); otherwise they wait in pendingCount() so the row being read never moves,
// and applyPending() brings them in. Updated rows are refreshed by id; a row that no longer matches the filter
// (done, snoozed...) leaves the list.
class InboxModel final : public QAbstractListModel {
    Q_OBJECT
public:
    explicit InboxModel(store::Store& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(InboxModel)

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setFilter(const store::InboxFilter& filter);
    void setFilter(const ViewFilter& filter);
    const store::InboxFilter& filter() const { return m_filter; }
    ViewFilter viewFilter() const { return {m_filter, m_questionsOnly}; }
    // Reloads the first page of the current filter (keeps nothing pending).
    void reload();

    // True while the user sees the first rows: new items may then be inserted above.
    void setAtTop(bool atTop);
    bool isAtTop() const { return m_atTop; }
    int pendingCount() const { return static_cast<int>(m_pending.size()); }
    void applyPending();

    // The loaded item at row, or nullptr.
    const model::Item* itemAt(int row) const;
    // Row of a loaded item, -1 when not loaded.
    int rowOf(qint64 itemId) const;

    static constexpr int pageSize() { return 200; }

signals:
    void pendingCountChanged(int count);

private:
    void onChanged(const store::ChangeSet& changes);
    QList<model::Item> readPage(); // the next keyset page, after the extra filter
    // The item if it exists and passes the current filter (checked by the filter's own SQL).
    std::optional<model::Item> loadMatching(qint64 id) const;
    // The given items that pass the filter, read in one query, keyed by id.
    QHash<qint64, model::Item> loadMatchingAll(const QList<qint64>& ids) const;
    void removeRows(QList<int> rows);
    // Row where item belongs among the loaded rows; rowCount() when it sorts after them.
    int sortedPosition(const model::Item& item) const;
    bool lessThan(const model::Item& a, const model::Item& b) const; // a sorts before b
    void insertSorted(const model::Item& item);
    void removeRowAt(int row);
    void rebuildIndex(int fromRow);

    store::Store& m_store;
    bool passesExtra(const model::Item& item) const;

    store::InboxFilter m_filter;
    bool m_questionsOnly = false;
    QList<model::Item> m_items;
    QHash<qint64, int> m_rowById;
    std::optional<store::InboxCursor> m_next;
    bool m_atEnd = true;
    bool m_atTop = true;
    bool m_notifying = false;
    QList<qint64> m_pending;
};

} // namespace baton::models
