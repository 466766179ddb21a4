#pragma once

#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

namespace baton::store {

// Where one stream of one account got to. Saved in the same transaction as the page it describes.
struct SyncState {
    qint64 accountId = 0;
    QString stream;
    QString cursor;         // newest position seen (polling forward from it)
    QString backfillCursor; // oldest position reached while walking history backwards
    bool backfillDone = false;
    QString etag;
    QString lastModified;
    qint64 lastOkAt = 0;
    QString lastError;
};

namespace SyncStateRepository {
SyncState get(Database& db, qint64 accountId, const QString& stream);
QList<SyncState> forAccount(Database& db, qint64 accountId);
Expected<void, Error> save(Database& db, const SyncState& state, ChangeSet& changes);
} // namespace SyncStateRepository

} // namespace baton::store
