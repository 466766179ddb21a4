#include "core/store/SyncStateRepository.h"

namespace baton::store::SyncStateRepository {
namespace {

SyncState read(const Statement& st) {
    SyncState s;
    s.accountId = st.int64(0);
    s.stream = st.text(1);
    s.cursor = st.text(2);
    s.backfillCursor = st.text(3);
    s.backfillDone = st.int64(4) != 0;
    s.etag = st.text(5);
    s.lastModified = st.text(6);
    s.lastOkAt = st.int64(7);
    s.lastError = st.text(8);
    return s;
}

} // namespace

SyncState get(Database& db, qint64 accountId, const QString& stream) {
    Statement st(db, "SELECT account_id, stream, cursor, backfill_cursor, backfill_done, etag, last_modified, "
                     "last_ok_at, last_error FROM sync_state WHERE account_id = ? AND stream = ?");
    st.bind(1, accountId).bind(2, stream);
    if (st.next()) {
        return read(st);
    }
    SyncState s;
    s.accountId = accountId;
    s.stream = stream;
    return s;
}

QList<SyncState> forAccount(Database& db, qint64 accountId) {
    Statement st(db, "SELECT account_id, stream, cursor, backfill_cursor, backfill_done, etag, last_modified, "
                     "last_ok_at, last_error FROM sync_state WHERE account_id = ? ORDER BY stream");
    st.bind(1, accountId);
    QList<SyncState> out;
    while (st.next()) {
        out.append(read(st));
    }
    return out;
}

Expected<void, Error> save(Database& db, const SyncState& s, ChangeSet& changes) {
    Statement& st = db.cached(
        "INSERT INTO sync_state(account_id, stream, cursor, backfill_cursor, backfill_done, etag, last_modified, "
        "last_ok_at, last_error) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, stream) DO UPDATE SET "
        "cursor = excluded.cursor, backfill_cursor = excluded.backfill_cursor, backfill_done = excluded.backfill_done, "
        "etag = excluded.etag, last_modified = excluded.last_modified, last_ok_at = excluded.last_ok_at, "
        "last_error = excluded.last_error");
    st.bind(1, s.accountId).bind(2, s.stream).bind(3, s.cursor).bind(4, s.backfillCursor);
    st.bind(5, s.backfillDone ? 1 : 0).bind(6, s.etag).bind(7, s.lastModified);
    if (s.lastOkAt > 0) {
        st.bind(8, s.lastOkAt);
    }
    st.bind(9, s.lastError.isEmpty() ? QString() : s.lastError);
    if (auto r = st.exec(); !r) {
        return r;
    }
    changes.accounts.insert(s.accountId);
    return {};
}

} // namespace baton::store::SyncStateRepository
