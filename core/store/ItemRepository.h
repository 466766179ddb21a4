#pragma once

#include "core/model/Item.h"
#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <QList>
#include <optional>

// The columns readItem() expects, as a literal so statements built from it can be cached.
#define BATON_ITEM_SELECT                                                                                              \
    "SELECT items.id, items.account_id, items.community_id, items.network, items.remote_id, items.notification_id, "   \
    "items.kind, items.direction, items.identity_id, identities.handle, identities.display_name, "                     \
    "identities.avatar_url, identities.profile_url, items.parent_remote_id, items.thread_remote_id, "                  \
    "items.created_at, items.updated_at, items.fetched_at, items.text, items.html, items.url, items.lang, "            \
    "items.visibility, items.rating, items.sentiment, items.status, items.snooze_until, items.assignee, "              \
    "items.first_response_at, items.deleted_at, identities.remote_id, items.sentiment_override "                       \
    "FROM items LEFT JOIN identities ON identities.id = items.identity_id "

namespace baton::store {

struct UpsertStats {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
};

// Item ids are time keys: (created_at in whole seconds) * 1024 + a slot, the first free one from 0. Ordering by
// id is ordering by time (to the second), ids stay below 2^53 (safe in JSON) for dates before the year 2250.
constexpr qint64 kTimeKeySlots = 1024;
inline qint64 timeKeyBase(qint64 createdAtMs) {
    return (createdAtMs > 0 ? createdAtMs / 1000 : 0) * kTimeKeySlots;
}

// Writes items as one network delivered them. Runs inside the caller's transaction (a writer job).
namespace ItemRepository {

// Inserts new items, applies upstream edits (a later updatedAt), ignores repeats. Creates or refreshes the
// authors' identities. Links outgoing replies to their parents (first_response_at; a new parent becomes done).
Expected<UpsertStats, Error> upsert(Database& db, qint64 accountId, const QList<model::Item>& items, qint64 nowMs,
                                    ChangeSet& changes);

// Applies new versions of items only where the item is already stored (an edit of something we never had is
// not an inbox item).
Expected<UpsertStats, Error> applyEdits(Database& db, qint64 accountId, const QList<model::Item>& edits, qint64 nowMs,
                                        ChangeSet& changes);

// Marks an item deleted upstream; the row and its history stay.
Expected<void, Error> markDeleted(Database& db, qint64 accountId, const QString& remoteId, qint64 nowMs,
                                  ChangeSet& changes);

Expected<void, Error> setStatus(Database& db, qint64 itemId, model::Status status, qint64 snoozeUntil,
                                ChangeSet& changes);
// Empty assignee clears it.
Expected<void, Error> setAssignee(Database& db, qint64 itemId, const QString& assignee, ChangeSet& changes);
// The item's standing on its network (YouTube's moderation status), as a moderation action left it.
Expected<void, Error> setVisibility(Database& db, qint64 itemId, const QString& visibility, ChangeSet& changes);
// The same by remote id, as a listing reports it: nothing when the item is not stored or already so.
Expected<void, Error> updateVisibility(Database& db, qint64 accountId, const QString& remoteId,
                                       const QString& visibility, ChangeSet& changes);
// Snoozed items whose time has come go back to New; returns how many woke.
Expected<int, Error> wakeSnoozed(Database& db, qint64 nowMs, ChangeSet& changes);

// What the inbox knows about an author: how many items, and since when.
struct AuthorHistory {
    qint64 items = 0;
    qint64 firstSeen = 0;
    qint64 lastSeen = 0;
};
AuthorHistory authorHistory(Database& db, qint64 identityId);

// Reads (any connection).
std::optional<model::Item> byId(Database& db, qint64 itemId);
std::optional<model::Item> byRemoteId(Database& db, qint64 accountId, const QString& remoteId);
QList<model::Item> thread(Database& db, qint64 accountId, const QString& threadRemoteId);
qint64 count(Database& db);

// Reads the row at the current position of a statement selecting BATON_ITEM_SELECT.
model::Item readItem(const Statement& st);

} // namespace ItemRepository

} // namespace baton::store
