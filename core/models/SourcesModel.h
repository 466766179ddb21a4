#pragma once

#include "core/model/Enums.h"
#include "core/models/ViewFilter.h"

#include <QAbstractItemModel>
#include <QList>
#include <QTimer>

namespace baton::store {
class Store;
struct ChangeSet;
} // namespace baton::store

namespace baton::models {

// The name of a network as people know it, translated where it is a common noun.
QString networkLabel(model::Network n);

// The left pane: "All", the saved views, then each network with its accounts and their communities. Unread and
// needs-reply counts come from the store and are refreshed, at most once a second, after the writer commits.
class SourcesModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class NodeKind { All, View, Network, Account, Community };
    Q_ENUM(NodeKind)

    explicit SourcesModel(store::Store& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(SourcesModel)

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // A view the user saved: its key starts with "saved:".
    struct SavedView {
        QString key;
        QString name;
        ViewFilter filter;
    };

    // Who "Assigned to me" means.
    void setCurrentUser(const QString& assignee);
    const QString& currentUser() const { return m_me; }
    // Listed after the built-in views, in this order.
    void setSavedViews(const QList<SavedView>& views);
    ViewFilter filterFor(const QModelIndex& index) const;
    // The node with this ViewIdRole key ("all", "needs-reply", "account:3"...), invalid if none.
    QModelIndex indexOfKey(const QString& key) const;

    // Re-reads accounts and counts now.
    void refresh();

private:
    struct Node {
        NodeKind kind = NodeKind::All;
        QString key;
        QString label;
        ViewFilter filter;
        bool counted = true;
        model::Network network = model::Network::Mastodon;
        qint64 accountId = 0;
        qint64 communityId = 0;
        qint64 unread = -1;
        qint64 needsReply = -1;
        int parent = -1;
        QList<int> children;
    };
    void rebuild();
    void recount();
    const QList<int>& childrenOf(int node) const;

    store::Store& m_store;
    QString m_me;
    QList<SavedView> m_saved;
    QList<Node> m_nodes;
    QList<int> m_top;
    QList<qint64> m_accountIds;   // what the tree was built from
    QList<qint64> m_communityIds; // likewise
    QTimer m_recount;
};

} // namespace baton::models
