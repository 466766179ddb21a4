#include "core/models/SourcesModel.h"

#include "core/models/Roles.h"
#include "core/store/AccountRepository.h"
#include "core/store/CommunityRepository.h"
#include "core/store/Store.h"

namespace baton::models {
namespace {

const QList<model::Status> kOpen{model::Status::New, model::Status::InProgress, model::Status::Waiting};

} // namespace

QString networkLabel(model::Network n) {
    switch (n) {
    case model::Network::Mastodon:
        return QStringLiteral("Mastodon");
    case model::Network::Bluesky:
        return QStringLiteral("Bluesky");
    case model::Network::Reddit:
        return QStringLiteral("Reddit");
    case model::Network::Discourse:
        return QStringLiteral("Discourse");
    case model::Network::YouTube:
        return QStringLiteral("YouTube");
    case model::Network::GoogleReviews:
        return SourcesModel::tr("Google reviews");
    case model::Network::Feed:
        return SourcesModel::tr("Feeds");
    case model::Network::Email:
        return SourcesModel::tr("Email");
    }
    return {};
}

SourcesModel::SourcesModel(store::Store& store, QObject* parent)
    : QAbstractItemModel(parent)
    , m_store(store) {
    m_recount.setSingleShot(true);
    m_recount.setInterval(1000);
    connect(&m_recount, &QTimer::timeout, this, &SourcesModel::refresh);
    connect(&m_store.writer(), &store::StoreWriter::changed, this, [this](const store::ChangeSet&) {
        if (!m_recount.isActive()) {
            m_recount.start();
        }
    });
    rebuild();
    recount();
}

void SourcesModel::setCurrentUser(const QString& assignee) {
    m_me = assignee;
    beginResetModel();
    rebuild();
    endResetModel();
    recount();
}

void SourcesModel::setSavedViews(const QList<SavedView>& views) {
    m_saved = views;
    beginResetModel();
    rebuild();
    endResetModel();
    recount();
}

void SourcesModel::refresh() {
    QList<qint64> ids;
    for (const model::Account& a : store::AccountRepository::list(m_store.reader())) {
        ids.append(a.id);
    }
    QList<qint64> communities;
    for (const auto& c : store::CommunityRepository::all(m_store.reader())) {
        communities.append(c.id);
    }
    if (ids != m_accountIds || communities != m_communityIds) {
        beginResetModel();
        rebuild();
        endResetModel();
    }
    recount();
}

void SourcesModel::rebuild() {
    m_nodes.clear();
    m_top.clear();
    m_accountIds.clear();
    m_communityIds.clear();
    auto add = [this](Node n, int parentNode) {
        n.parent = parentNode;
        const int at = static_cast<int>(m_nodes.size());
        m_nodes.append(n);
        (parentNode < 0 ? m_top : m_nodes[parentNode].children).append(at);
        return at;
    };
    auto view = [](NodeKind kind, const QString& key, const QString& label, ViewFilter f, bool counted = true) {
        Node n;
        n.kind = kind;
        n.key = key;
        n.label = label;
        n.filter = std::move(f);
        n.counted = counted;
        return n;
    };

    ViewFilter open;
    open.sql.statuses = kOpen;
    add(view(NodeKind::All, QStringLiteral("all"), tr("All"), open), -1);

    ViewFilter needsReply = open;
    needsReply.sql.needsReply = true;
    add(view(NodeKind::View, QStringLiteral("needs-reply"), tr("Needs reply"), needsReply), -1);

    ViewFilter negative = open;
    negative.sql.sentimentMax = -0.2;
    negative.sql.sort = store::InboxSort::MostNegative;
    add(view(NodeKind::View, QStringLiteral("negative"), tr("Negative"), negative), -1);

    ViewFilter thanks = needsReply; // positive items nobody answered
    thanks.sql.sentimentMin = 0.3;
    add(view(NodeKind::View, QStringLiteral("say-thanks"), tr("Say thanks"), thanks), -1);

    ViewFilter questions = needsReply;
    questions.questionsOnly = true;
    add(view(NodeKind::View, QStringLiteral("questions"), tr("Questions"), questions, false), -1);

    ViewFilter mine = open;
    mine.sql.assignee = m_me.isEmpty() ? QStringLiteral("me") : m_me;
    add(view(NodeKind::View, QStringLiteral("assigned"), tr("Assigned to me"), mine), -1);

    ViewFilter snoozed;
    snoozed.sql.statuses = {model::Status::Snoozed};
    add(view(NodeKind::View, QStringLiteral("snoozed"), tr("Snoozed"), snoozed, false), -1);

    ViewFilter done;
    done.sql.statuses = {model::Status::Done};
    add(view(NodeKind::View, QStringLiteral("done"), tr("Done"), done, false), -1);

    for (const SavedView& saved : std::as_const(m_saved)) {
        add(view(NodeKind::View, saved.key, saved.name, saved.filter, !saved.filter.questionsOnly), -1);
    }

    QList<model::Network> networks;
    const QList<model::Account> accounts = store::AccountRepository::list(m_store.reader());
    const auto communities = store::CommunityRepository::all(m_store.reader());
    for (const auto& community : communities) {
        m_communityIds.append(community.id);
    }
    for (const model::Account& a : accounts) {
        m_accountIds.append(a.id);
        if (!networks.contains(a.network)) {
            networks.append(a.network);
        }
    }
    std::sort(networks.begin(), networks.end());
    for (model::Network net : std::as_const(networks)) {
        ViewFilter f = open;
        f.sql.networks = {net};
        Node n = view(NodeKind::Network, u"network:" + model::toString(net), networkLabel(net), f);
        n.network = net;
        const int parentNode = add(n, -1);
        for (const model::Account& a : accounts) {
            if (a.network != net) {
                continue;
            }
            ViewFilter af = open;
            af.sql.accountIds = {a.id};
            Node child = view(NodeKind::Account, QStringLiteral("account:%1").arg(a.id), a.name, af);
            child.network = net;
            child.accountId = a.id;
            const int accountNode = add(child, parentNode);
            for (const auto& community : communities) {
                if (community.accountId != a.id) {
                    continue;
                }
                ViewFilter cf = open;
                cf.sql.communityIds = {community.id};
                Node leaf =
                    view(NodeKind::Community, QStringLiteral("community:%1").arg(community.id), community.name, cf);
                leaf.network = net;
                leaf.accountId = a.id;
                leaf.communityId = community.id;
                add(leaf, accountNode);
            }
        }
    }
}

void SourcesModel::recount() {
    store::Database& db = m_store.reader();
    // Networks, accounts and communities (most of the tree) share one pass per figure over the open items,
    // split by account and community; views are counted one by one.
    store::InboxFilter open;
    open.statuses = kOpen;
    store::InboxFilter openUnread = open;
    openUnread.statuses = {model::Status::New};
    store::InboxFilter openReply = open;
    openReply.needsReply = true;
    const auto unreadSplit = store::InboxQuery::countByAccountAndCommunity(db, openUnread);
    const auto replySplit = store::InboxQuery::countByAccountAndCommunity(db, openReply);
    auto sum = [](const QHash<std::pair<qint64, qint64>, qint64>& split, const Node& n, const QSet<qint64>& accounts) {
        qint64 total = 0;
        for (auto it = split.cbegin(); it != split.cend(); ++it) {
            const bool match =
                n.kind == NodeKind::Community ? it.key().second == n.communityId : accounts.contains(it.key().first);
            total += match ? it.value() : 0;
        }
        return total;
    };
    for (int i = 0; i < m_nodes.size(); ++i) {
        Node& n = m_nodes[i];
        if (!n.counted) {
            continue;
        }
        qint64 u = 0;
        qint64 r = 0;
        if (n.kind == NodeKind::Network || n.kind == NodeKind::Account || n.kind == NodeKind::Community) {
            QSet<qint64> accounts;
            if (n.kind == NodeKind::Network) {
                for (int child : std::as_const(n.children)) {
                    accounts.insert(m_nodes.at(child).accountId);
                }
            } else {
                accounts.insert(n.accountId);
            }
            u = sum(unreadSplit, n, accounts);
            r = sum(replySplit, n, accounts);
        } else {
            store::InboxFilter unread = n.filter.sql;
            unread.statuses = {model::Status::New};
            unread.sort = store::InboxSort::Newest;
            store::InboxFilter reply = n.filter.sql;
            reply.needsReply = true;
            reply.sort = store::InboxSort::Newest;
            u = store::InboxQuery::count(db, unread);
            r = store::InboxQuery::count(db, reply);
        }
        if (u != n.unread || r != n.needsReply) {
            n.unread = u;
            n.needsReply = r;
            const int row = static_cast<int>((n.parent < 0 ? m_top : m_nodes[n.parent].children).indexOf(i));
            const QModelIndex idx = createIndex(row, 0, quintptr(i));
            emit dataChanged(idx, idx, {UnreadCountRole, NeedsReplyCountRole});
        }
    }
}

const QList<int>& SourcesModel::childrenOf(int node) const {
    return node < 0 ? m_top : m_nodes.at(node).children;
}

QModelIndex SourcesModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) {
        return {};
    }
    const int p = parent.isValid() ? static_cast<int>(parent.internalId()) : -1;
    const QList<int>& kids = childrenOf(p);
    if (row >= kids.size()) {
        return {};
    }
    return createIndex(row, 0, quintptr(kids.at(row)));
}

QModelIndex SourcesModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) {
        return {};
    }
    const int p = m_nodes.at(static_cast<int>(child.internalId())).parent;
    if (p < 0) {
        return {};
    }
    const int grand = m_nodes.at(p).parent;
    return createIndex(static_cast<int>(childrenOf(grand).indexOf(p)), 0, quintptr(p));
}

int SourcesModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0) {
        return 0;
    }
    return static_cast<int>(childrenOf(parent.isValid() ? static_cast<int>(parent.internalId()) : -1).size());
}

int SourcesModel::columnCount(const QModelIndex&) const {
    return 1;
}

Qt::ItemFlags SourcesModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QVariant SourcesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Node& n = m_nodes.at(static_cast<int>(index.internalId()));
    switch (role) {
    case Qt::DisplayRole:
        return n.label;
    case Qt::ToolTipRole:
        if (n.unread >= 0) {
            return QString(tr("%1: %n unread", nullptr, static_cast<int>(n.unread)).arg(n.label) + u'\n' +
                           tr("%n need a reply", nullptr, static_cast<int>(n.needsReply)));
        }
        return n.label;
    case SourceKindRole:
        return QVariant::fromValue(n.kind);
    case UnreadCountRole:
        return n.unread;
    case NeedsReplyCountRole:
        return n.needsReply;
    case ViewIdRole:
        return n.key;
    case NetworkRole:
        return n.kind == NodeKind::Network || n.kind == NodeKind::Account || n.kind == NodeKind::Community
                   ? QVariant::fromValue(n.network)
                   : QVariant();
    case AccountIdRole:
        return n.accountId;
    default:
        return {};
    }
}

ViewFilter SourcesModel::filterFor(const QModelIndex& index) const {
    if (!index.isValid()) {
        return m_nodes.isEmpty() ? ViewFilter{} : m_nodes.first().filter;
    }
    return m_nodes.at(static_cast<int>(index.internalId())).filter;
}

QModelIndex SourcesModel::indexOfKey(const QString& key) const {
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes.at(i).key == key) {
            const int row = static_cast<int>(childrenOf(m_nodes.at(i).parent).indexOf(i));
            return createIndex(row, 0, quintptr(i));
        }
    }
    return {};
}

} // namespace baton::models
