#include "core/store/OutboxRepository.h"

#include "core/store/ItemRepository.h"

namespace baton::store::OutboxRepository {
namespace {

#define OUTBOX_SELECT                                                                                                  \
    "SELECT id, account_id, item_id, parent_remote_id, text, visibility, "                                             \
    "idempotency_key, state, attempts, next_attempt_at, last_error, remote_id, "                                       \
    "created_at, sent_at FROM outbox "

model::OutboxEntry read(const Statement& st) {
    model::OutboxEntry e;
    e.id = st.int64(0);
    e.accountId = st.int64(1);
    e.itemId = st.int64(2);
    e.parentRemoteId = st.text(3);
    e.text = st.text(4);
    e.visibility = st.text(5);
    e.idempotencyKey = st.text(6);
    e.state = model::outboxStateFromString(st.text(7));
    e.attempts = static_cast<int>(st.int64(8));
    e.nextAttemptAt = st.int64(9);
    e.lastError = st.text(10);
    e.remoteId = st.text(11);
    e.createdAt = st.int64(12);
    e.sentAt = st.int64(13);
    return e;
}

QList<model::OutboxEntry> readAll(Statement& st) {
    QList<model::OutboxEntry> out;
    while (st.next()) {
        out.append(read(st));
    }
    return out;
}

Expected<void, Error> execChanged(Database& db, Statement& st, qint64 id, ChangeSet& changes) {
    if (auto r = st.exec(); !r) {
        return r;
    }
    if (db.changes() == 0) {
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no outbox entry %1").arg(id)});
    }
    changes.outboxChanged = true;
    return {};
}

} // namespace

Expected<qint64, Error> enqueue(Database& db, const model::OutboxEntry& e, ChangeSet& changes) {
    if (e.text.trimmed().isEmpty()) {
        return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the reply is empty")});
    }
    Statement st(db, "INSERT INTO outbox(account_id, item_id, parent_remote_id, text, visibility, idempotency_key, "
                     "state, next_attempt_at, created_at) VALUES(?, ?, ?, ?, ?, ?, 'queued', ?, ?)");
    st.bind(1, e.accountId);
    if (e.itemId > 0) {
        st.bind(2, e.itemId);
    }
    st.bind(3, e.parentRemoteId).bind(4, e.text).bind(5, e.visibility).bind(6, e.idempotencyKey);
    st.bind(7, e.nextAttemptAt).bind(8, e.createdAt);
    if (auto r = st.exec(); !r) {
        return unexpected(r.error());
    }
    changes.outboxChanged = true;
    return db.lastInsertId();
}

QList<model::OutboxEntry> due(Database& db, qint64 nowMs, qint64 accountId) {
    Statement st(db, OUTBOX_SELECT "WHERE state IN ('queued', 'sending') AND next_attempt_at <= ? "
                                   "AND (?2 = 0 OR account_id = ?2) ORDER BY id");
    st.bind(1, nowMs).bind(2, accountId);
    return readAll(st);
}

QList<model::OutboxEntry> list(Database& db, int limit) {
    Statement st(db, OUTBOX_SELECT "ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    return readAll(st);
}

std::optional<model::OutboxEntry> byId(Database& db, qint64 id) {
    Statement st(db, OUTBOX_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (st.next()) {
        return read(st);
    }
    return std::nullopt;
}

std::optional<model::OutboxEntry> latestForItem(Database& db, qint64 itemId) {
    Statement st(db, OUTBOX_SELECT "WHERE item_id = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, itemId);
    if (st.next()) {
        return read(st);
    }
    return std::nullopt;
}

Expected<void, Error> markSending(Database& db, qint64 id, ChangeSet& changes) {
    Statement st(db, "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?");
    st.bind(1, id);
    return execChanged(db, st, id, changes);
}

Expected<void, Error> markSent(Database& db, qint64 id, const model::Item& posted, qint64 nowMs, ChangeSet& changes) {
    Statement st(db, "UPDATE outbox SET state = 'sent', remote_id = ?, sent_at = ?, last_error = NULL WHERE id = ?");
    st.bind(1, posted.remoteId).bind(2, nowMs).bind(3, id);
    if (auto r = execChanged(db, st, id, changes); !r) {
        return r;
    }
    auto stored = ItemRepository::upsert(db, posted.accountId, {posted}, nowMs, changes);
    if (!stored) {
        return unexpected(stored.error());
    }
    return {};
}

Expected<void, Error> markRetry(Database& db, qint64 id, const QString& error, qint64 nextAttemptAt,
                                ChangeSet& changes) {
    Statement st(db, "UPDATE outbox SET state = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ?");
    st.bind(1, error).bind(2, nextAttemptAt).bind(3, id);
    return execChanged(db, st, id, changes);
}

Expected<void, Error> markFailed(Database& db, qint64 id, const QString& error, ChangeSet& changes) {
    Statement st(db, "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?");
    st.bind(1, error).bind(2, id);
    return execChanged(db, st, id, changes);
}

Expected<void, Error> cancel(Database& db, qint64 id, ChangeSet& changes) {
    Statement st(db, "UPDATE outbox SET state = 'cancelled' WHERE id = ? AND state IN ('queued', 'failed')");
    st.bind(1, id);
    return execChanged(db, st, id, changes);
}

} // namespace baton::store::OutboxRepository
