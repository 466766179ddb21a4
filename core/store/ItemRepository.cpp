#include "core/store/ItemRepository.h"

#include "core/store/CommunityRepository.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace baton::store::ItemRepository {
namespace {

using model::Direction;
using model::Item;

QString authorSearchText(const model::Identity& a) {
    return a.displayName + u' ' + a.handle;
}

// What the writer last wrote or read for an identity, so most items need no identity query at all.
struct CachedIdentity {
    qint64 id = 0;
    QString displayName;
    QString avatarUrl;
    QString profileUrl;
    QString remoteId;
    qint64 firstSeen = 0;
    qint64 lastSeen = 0;
};

// One per writer thread (the only thread that writes); dropped whenever its connection rolls anything back.
struct IdentityCache {
    const Database* db = nullptr;
    quint64 generation = 0;
    QHash<QString, CachedIdentity> byKey;

    QHash<QString, CachedIdentity>& forConnection(const Database& d) {
        if (db != &d || generation != d.rollbackGeneration() || byKey.size() > 50000) {
            db = &d;
            generation = d.rollbackGeneration();
            byKey.clear();
        }
        return byKey;
    }
};
thread_local IdentityCache t_identities;

Expected<qint64, Error> resolveIdentity(Database& db, const model::Identity& who, qint64 seenAt) {
    if (who.handle.isEmpty()) {
        return qint64{0};
    }
    const QString network = model::toString(who.network);
    const QString key = network + u'\n' + who.handle;
    auto& cache = t_identities.forConnection(db);
    auto cached = cache.find(key);
    if (cached == cache.end()) {
        Statement& find = db.cached("SELECT id, display_name, avatar_url, profile_url, remote_id, first_seen, "
                                    "last_seen FROM identities WHERE network = ? AND handle = ?");
        find.bind(1, network).bind(2, who.handle);
        if (find.next()) {
            CachedIdentity c{find.int64(0), find.text(1),  find.text(2), find.text(3),
                             find.text(4),  find.int64(5), find.int64(6)};
            find.reset();
            cached = cache.insert(key, c);
        } else if (find.failed()) {
            return unexpected(find.error());
        } else {
            find.reset();
            Statement& ins = db.cached("INSERT INTO identities(network, remote_id, handle, display_name, avatar_url, "
                                       "profile_url, first_seen, last_seen) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
            ins.bind(1, network).bind(2, who.remoteId).bind(3, who.handle).bind(4, who.displayName);
            ins.bind(5, who.avatarUrl).bind(6, who.profileUrl).bind(7, seenAt).bind(8, seenAt);
            if (auto r = ins.exec(); !r) {
                return unexpected(r.error());
            }
            cache.insert(key, CachedIdentity{db.lastInsertId(), who.displayName, who.avatarUrl, who.profileUrl,
                                             who.remoteId, seenAt, seenAt});
            return db.lastInsertId();
        }
    }
    CachedIdentity& c = cached.value();
    // Refresh what the network says about the person only when something moved: most items change nothing.
    const bool changed = c.displayName != who.displayName || c.avatarUrl != who.avatarUrl ||
                         c.profileUrl != who.profileUrl || (!who.remoteId.isEmpty() && c.remoteId != who.remoteId) ||
                         seenAt < c.firstSeen || seenAt > c.lastSeen;
    if (!changed) {
        return c.id;
    }
    Statement& touch = db.cached(
        "UPDATE identities SET display_name = ?2, avatar_url = ?3, profile_url = ?4, "
        "remote_id = coalesce(?5, remote_id), last_seen = max(last_seen, ?6), first_seen = min(first_seen, ?6) "
        "WHERE id = ?1");
    touch.bind(1, c.id).bind(2, who.displayName).bind(3, who.avatarUrl).bind(4, who.profileUrl);
    touch.bind(5, who.remoteId.isEmpty() ? QString() : who.remoteId).bind(6, seenAt);
    if (auto r = touch.exec(); !r) {
        cache.remove(key);
        return unexpected(r.error());
    }
    c.displayName = who.displayName;
    c.avatarUrl = who.avatarUrl;
    c.profileUrl = who.profileUrl;
    if (!who.remoteId.isEmpty()) {
        c.remoteId = who.remoteId;
    }
    c.firstSeen = std::min(c.firstSeen, seenAt);
    c.lastSeen = std::max(c.lastSeen, seenAt);
    return c.id;
}

// The first free time key at or after the item's second (see timeKeyBase).
Expected<qint64, Error> allocateTimeKey(Database& db, qint64 createdAt) {
    const qint64 base = timeKeyBase(createdAt);
    Statement& st = db.cached("SELECT max(id) FROM items WHERE id >= ? AND id < ?");
    st.bind(1, base).bind(2, base + kTimeKeySlots);
    qint64 id = base;
    if (st.next() && !st.isNull(0)) {
        id = st.int64(0) + 1;
    }
    st.reset();
    if (id < base + kTimeKeySlots) {
        return id; // above the highest key of its second: free
    }
    // More than 1024 items in one second spill into the next seconds' slots: still in order, still unique.
    Statement& taken = db.cached("SELECT 1 FROM items WHERE id = ?");
    for (;;) {
        taken.bind(1, id);
        const bool used = taken.next();
        taken.reset();
        if (!used) {
            return id;
        }
        ++id;
    }
}

// An outgoing reply answers its parent: remember the earliest answer and move a new parent to done.
Expected<void, Error> linkReplyToParent(Database& db, qint64 accountId, const Item& reply, ChangeSet& changes) {
    if (reply.parentRemoteId.isEmpty()) {
        return {};
    }
    Statement& up = db.cached(
        "UPDATE items SET first_response_at = ?3, status = CASE WHEN status = 'new' THEN 'done' ELSE status END "
        "WHERE account_id = ?1 AND remote_id = ?2 AND direction = 'in' "
        "AND (first_response_at IS NULL OR first_response_at > ?3) RETURNING id");
    up.bind(1, accountId).bind(2, reply.parentRemoteId).bind(3, reply.createdAt);
    while (up.next()) {
        changes.updatedItems.append(up.int64(0));
    }
    if (up.failed()) {
        return unexpected(up.error());
    }
    up.reset();
    return {};
}

// An upstream edit: new text, same triage state.
Expected<void, Error> applyEdit(Database& db, qint64 id, const Item& item, qint64 nowMs) {
    // New text means a new score; the user's own correction (sentiment_override) is kept.
    Statement& up = db.cached("UPDATE items SET text = ?2, html = ?3, updated_at = ?4, url = ?5, lang = ?6, "
                              "fetched_at = ?7, sentiment = coalesce(?8, sentiment) WHERE id = ?1");
    up.bind(1, id).bind(2, item.text).bind(3, item.html).bind(4, item.updatedAt).bind(5, item.url);
    up.bind(6, item.lang).bind(7, nowMs);
    if (item.sentiment) {
        up.bind(8, *item.sentiment);
    }
    if (auto r = up.exec(); !r) {
        return r;
    }
    Statement& fts = db.cached("UPDATE items_fts SET text = ?2, author = ?3 WHERE rowid = ?1");
    fts.bind(1, id).bind(2, item.text).bind(3, authorSearchText(item.author));
    return fts.exec();
}

// Our answer may have been stored before the message it answers (streams arrive in any order): once per page,
// give the page's new messages the earliest answer already stored.
Expected<void, Error> linkNewItemsToEarlierAnswers(Database& db, qint64 accountId, const QJsonArray& remoteIds,
                                                   ChangeSet& changes) {
    if (remoteIds.isEmpty()) {
        return {};
    }
    // Usually finds nothing: one probe of the small partial index per page.
    Statement& answers = db.cached(
        "SELECT parent_remote_id, min(created_at) FROM items WHERE parent_remote_id IN "
        "(SELECT value FROM json_each(?1)) AND account_id = ?2 AND direction = 'out' GROUP BY parent_remote_id");
    answers.bind(1, QString::fromUtf8(QJsonDocument(remoteIds).toJson(QJsonDocument::Compact))).bind(2, accountId);
    QList<QPair<QString, qint64>> found;
    while (answers.next()) {
        found.append({answers.text(0), answers.int64(1)});
    }
    if (answers.failed()) {
        return unexpected(answers.error());
    }
    answers.reset();
    for (const auto& [parent, at] : std::as_const(found)) {
        Item reply;
        reply.parentRemoteId = parent;
        reply.createdAt = at;
        if (auto r = linkReplyToParent(db, accountId, reply, changes); !r) {
            return r;
        }
    }
    return {};
}

} // namespace

Expected<UpsertStats, Error> upsert(Database& db, qint64 accountId, const QList<Item>& items, qint64 nowMs,
                                    ChangeSet& changes) {
    UpsertStats stats;
    QJsonArray newIncoming;
    // Oldest first: networks list newest first, but ascending ids append to the table's b-tree, and FTS5 flushes
    // its pending index to disk whenever a rowid is lower than the last one written in the transaction.
    QList<const Item*> ordered;
    ordered.reserve(items.size());
    for (const Item& item : items) {
        ordered.append(&item);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Item* a, const Item* b) { return a->createdAt < b->createdAt; });
    for (const Item* itemPtr : std::as_const(ordered)) {
        const Item& item = *itemPtr;
        if (item.remoteId.isEmpty()) {
            return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("item without a remote id")});
        }
        auto identity = resolveIdentity(db, item.author, item.createdAt);
        if (!identity) {
            return unexpected(identity.error());
        }
        // Threads are named by their root: inherit the parent's thread when we have the parent.
        QString thread = item.threadRemoteId;
        if (thread.isEmpty() && !item.parentRemoteId.isEmpty()) {
            Statement& parent = db.cached("SELECT thread_remote_id FROM items WHERE account_id = ? AND remote_id = ?");
            parent.bind(1, accountId).bind(2, item.parentRemoteId);
            thread = parent.next() && !parent.isNull(0) ? parent.text(0) : item.parentRemoteId;
            parent.reset();
        }
        if (thread.isEmpty()) {
            thread = item.remoteId;
        }
        const qint64 firstResponse = item.firstResponseAt;
        const model::Status status = item.status;
        auto key = allocateTimeKey(db, item.createdAt);
        if (!key) {
            return unexpected(key.error());
        }
        Statement& ins = db.cached(
            "INSERT INTO items(id, account_id, community_id, network, remote_id, notification_id, kind, direction, "
            "identity_id, parent_remote_id, thread_remote_id, created_at, updated_at, fetched_at, text, html, url, "
            "lang, visibility, rating, sentiment, status, first_response_at) "
            "VALUES(?23, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
            "?21, ?22) ON CONFLICT(account_id, remote_id) DO NOTHING");
        ins.bind(1, accountId);
        if (item.communityId > 0) {
            ins.bind(2, item.communityId);
        } else if (!item.communityRemoteId.isEmpty()) {
            auto community = CommunityRepository::resolve(db, accountId, item.communityRemoteId, item.communityName);
            if (!community) {
                return unexpected(community.error());
            }
            ins.bind(2, *community);
        }
        ins.bind(3, model::toString(item.network)).bind(4, item.remoteId).bind(5, item.notificationId);
        ins.bind(6, model::toString(item.kind)).bind(7, model::toString(item.direction));
        if (*identity > 0) {
            ins.bind(8, *identity);
        }
        ins.bind(9, item.parentRemoteId).bind(10, thread).bind(11, item.createdAt);
        ins.bind(12, item.updatedAt).bind(13, nowMs).bind(14, item.text.isNull() ? QStringLiteral("") : item.text);
        ins.bind(15, item.html).bind(16, item.url).bind(17, item.lang).bind(18, item.visibility);
        if (item.rating) {
            ins.bind(19, *item.rating);
        }
        if (item.sentiment) {
            ins.bind(20, *item.sentiment);
        }
        ins.bind(21, model::toString(status));
        if (firstResponse > 0) {
            ins.bind(22, firstResponse);
        }
        ins.bind(23, *key);
        if (auto r = ins.exec(); !r) {
            return unexpected(r.error());
        }
        if (db.changes() == 0) {
            // Already stored: a repeat, or an upstream edit of it.
            Statement& find = db.cached("SELECT id, updated_at FROM items WHERE account_id = ? AND remote_id = ?");
            find.bind(1, accountId).bind(2, item.remoteId);
            if (!find.next()) {
                return unexpected(find.failed() ? find.error() : db.lastError());
            }
            const qint64 existing = find.int64(0);
            const qint64 storedUpdated = find.int64(1);
            find.reset();
            if (item.updatedAt <= storedUpdated) {
                ++stats.unchanged;
                continue;
            }
            if (auto r = applyEdit(db, existing, item, nowMs); !r) {
                return unexpected(r.error());
            }
            changes.updatedItems.append(existing);
            ++stats.updated;
            continue;
        }
        const qint64 id = *key;
        Statement& fts = db.cached("INSERT INTO items_fts(rowid, text, author) VALUES(?, ?, ?)");
        fts.bind(1, id).bind(2, item.text).bind(3, authorSearchText(item.author));
        if (auto r = fts.exec(); !r) {
            return unexpected(r.error());
        }
        changes.insertedItems.append(id);
        ++stats.inserted;
        if (item.direction == Direction::Incoming) {
            newIncoming.append(item.remoteId);
        }
        if (item.direction == Direction::Outgoing) {
            if (auto r = linkReplyToParent(db, accountId, item, changes); !r) {
                return unexpected(r.error());
            }
        }
    }
    if (auto r = linkNewItemsToEarlierAnswers(db, accountId, newIncoming, changes); !r) {
        return unexpected(r.error());
    }
    return stats;
}

Expected<UpsertStats, Error> applyEdits(Database& db, qint64 accountId, const QList<Item>& edits, qint64 nowMs,
                                        ChangeSet& changes) {
    QList<Item> known;
    for (const Item& e : edits) {
        Statement& st = db.cached("SELECT 1 FROM items WHERE account_id = ? AND remote_id = ?");
        st.bind(1, accountId).bind(2, e.remoteId);
        if (st.next()) {
            known.append(e);
        }
        st.reset();
    }
    return upsert(db, accountId, known, nowMs, changes);
}

Expected<void, Error> markDeleted(Database& db, qint64 accountId, const QString& remoteId, qint64 nowMs,
                                  ChangeSet& changes) {
    Statement& st = db.cached("UPDATE items SET deleted_at = ? WHERE account_id = ? AND remote_id = ? "
                              "AND deleted_at IS NULL RETURNING id");
    st.bind(1, nowMs).bind(2, accountId).bind(3, remoteId);
    while (st.next()) {
        changes.updatedItems.append(st.int64(0));
    }
    if (st.failed()) {
        return unexpected(st.error());
    }
    st.reset();
    return {};
}

namespace {

// Runs an UPDATE of one item: NotFound when no row changed, else the item is in the change set.
Expected<void, Error> execOnItem(Database& db, Statement& st, qint64 itemId, ChangeSet& changes) {
    if (auto r = st.exec(); !r) {
        return r;
    }
    if (db.changes() == 0) {
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no item %1").arg(itemId)});
    }
    changes.updatedItems.append(itemId);
    return {};
}

} // namespace

Expected<void, Error> setStatus(Database& db, qint64 itemId, model::Status status, qint64 snoozeUntil,
                                ChangeSet& changes) {
    Statement& st = db.cached("UPDATE items SET status = ?, snooze_until = ? WHERE id = ?");
    st.bind(1, model::toString(status));
    if (status == model::Status::Snoozed) {
        st.bind(2, snoozeUntil);
    }
    st.bind(3, itemId);
    return execOnItem(db, st, itemId, changes);
}

Expected<void, Error> setAssignee(Database& db, qint64 itemId, const QString& assignee, ChangeSet& changes) {
    Statement st(db, "UPDATE items SET assignee = ? WHERE id = ?");
    st.bind(1, assignee.isEmpty() ? QString() : assignee).bind(2, itemId);
    return execOnItem(db, st, itemId, changes);
}

Expected<void, Error> setVisibility(Database& db, qint64 itemId, const QString& visibility, ChangeSet& changes) {
    Statement st(db, "UPDATE items SET visibility = ? WHERE id = ?");
    st.bind(1, visibility.isEmpty() ? QString() : visibility).bind(2, itemId);
    return execOnItem(db, st, itemId, changes);
}

Expected<void, Error> updateVisibility(Database& db, qint64 accountId, const QString& remoteId,
                                       const QString& visibility, ChangeSet& changes) {
    Statement& st = db.cached("UPDATE items SET visibility = nullif(?1, '') WHERE account_id = ?2 AND remote_id = ?3 "
                              "AND coalesce(visibility, '') <> ?1 RETURNING id");
    st.bind(1, visibility.isEmpty() ? QStringLiteral("") : visibility).bind(2, accountId).bind(3, remoteId); // not NULL
    while (st.next()) {
        changes.updatedItems.append(st.int64(0));
    }
    if (st.failed()) {
        return unexpected(st.error());
    }
    st.reset();
    return {};
}

Expected<int, Error> wakeSnoozed(Database& db, qint64 nowMs, ChangeSet& changes) {
    Statement st(db, "UPDATE items SET status = 'new', snooze_until = NULL WHERE status = 'snoozed' "
                     "AND snooze_until <= ? RETURNING id");
    st.bind(1, nowMs);
    int woke = 0;
    while (st.next()) {
        changes.updatedItems.append(st.int64(0));
        ++woke;
    }
    if (st.failed()) {
        return unexpected(st.error());
    }
    return woke;
}

AuthorHistory authorHistory(Database& db, qint64 identityId) {
    Statement st(db, "SELECT count(*), min(created_at), max(created_at) FROM items WHERE identity_id = ?");
    st.bind(1, identityId);
    AuthorHistory h;
    if (st.next()) {
        h.items = st.int64(0);
        h.firstSeen = st.int64(1);
        h.lastSeen = st.int64(2);
    }
    return h;
}

Item readItem(const Statement& st) {
    Item it;
    it.id = st.int64(0);
    it.accountId = st.int64(1);
    it.communityId = st.int64(2);
    it.network = model::networkFromString(st.text(3)).value_or(model::Network::Mastodon);
    it.remoteId = st.text(4);
    it.notificationId = st.text(5);
    it.kind = model::kindFromString(st.text(6)).value_or(model::Kind::Mention);
    it.direction = model::directionFromString(st.text(7)).value_or(Direction::Incoming);
    it.author.id = st.int64(8);
    it.author.network = it.network;
    it.author.handle = st.text(9);
    it.author.displayName = st.text(10);
    it.author.avatarUrl = st.text(11);
    it.author.profileUrl = st.text(12);
    it.parentRemoteId = st.text(13);
    it.threadRemoteId = st.text(14);
    it.createdAt = st.int64(15);
    it.updatedAt = st.int64(16);
    it.fetchedAt = st.int64(17);
    it.text = st.text(18);
    it.html = st.text(19);
    it.url = st.text(20);
    it.lang = st.text(21);
    it.visibility = st.text(22);
    if (!st.isNull(23)) {
        it.rating = static_cast<int>(st.int64(23));
    }
    if (!st.isNull(24)) {
        it.sentiment = st.real(24);
    }
    it.status = model::statusFromString(st.text(25)).value_or(model::Status::New);
    it.snoozeUntil = st.int64(26);
    it.assignee = st.text(27);
    it.firstResponseAt = st.int64(28);
    it.deleted = !st.isNull(29);
    it.author.remoteId = st.text(30);
    if (!st.isNull(31)) {
        it.sentimentOverride = st.real(31);
    }
    return it;
}

std::optional<Item> byId(Database& db, qint64 itemId) {
    Statement st(db, BATON_ITEM_SELECT "WHERE items.id = ?");
    st.bind(1, itemId);
    if (st.next()) {
        return readItem(st);
    }
    return std::nullopt;
}

std::optional<Item> byRemoteId(Database& db, qint64 accountId, const QString& remoteId) {
    Statement st(db, BATON_ITEM_SELECT "WHERE items.account_id = ? AND items.remote_id = ?");
    st.bind(1, accountId).bind(2, remoteId);
    if (st.next()) {
        return readItem(st);
    }
    return std::nullopt;
}

QList<Item> thread(Database& db, qint64 accountId, const QString& threadRemoteId) {
    Statement st(db, BATON_ITEM_SELECT "WHERE items.account_id = ?1 AND ((items.thread_remote_id = ?2 AND "
                                       "items.thread_remote_id <> items.remote_id) OR items.remote_id = ?2) "
                                       "ORDER BY items.id");
    st.bind(1, accountId).bind(2, threadRemoteId);
    QList<Item> out;
    while (st.next()) {
        out.append(readItem(st));
    }
    return out;
}

qint64 count(Database& db) {
    Statement st(db, "SELECT count(*) FROM items");
    return st.next() ? st.int64(0) : 0;
}

} // namespace baton::store::ItemRepository
