#pragma once

#include "core/model/Item.h"
#include "core/model/OutboxEntry.h"
#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <optional>

namespace baton::store::OutboxRepository {

Expected<qint64, Error> enqueue(Database& db, const model::OutboxEntry& entry, ChangeSet& changes);
// Entries whose turn has come (queued, or left "sending" by a process that died), oldest first.
QList<model::OutboxEntry> due(Database& db, qint64 nowMs, qint64 accountId = 0);
QList<model::OutboxEntry> list(Database& db, int limit = 200);
std::optional<model::OutboxEntry> byId(Database& db, qint64 id);
// The newest reply to an item, whatever its state.
std::optional<model::OutboxEntry> latestForItem(Database& db, qint64 itemId);

Expected<void, Error> markSending(Database& db, qint64 id, ChangeSet& changes);
// Sent: stores the posted reply as an outgoing item (which answers the parent) in the same transaction.
Expected<void, Error> markSent(Database& db, qint64 id, const model::Item& posted, qint64 nowMs, ChangeSet& changes);
Expected<void, Error> markRetry(Database& db, qint64 id, const QString& error, qint64 nextAttemptAt,
                                ChangeSet& changes);
Expected<void, Error> markFailed(Database& db, qint64 id, const QString& error, ChangeSet& changes);
Expected<void, Error> cancel(Database& db, qint64 id, ChangeSet& changes);

} // namespace baton::store::OutboxRepository
