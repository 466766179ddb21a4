#include "core/store/OutboxActions.h"

namespace baton::store::OutboxActions {
namespace {

Expected<void, Error> execOne(Database& db, Statement& st, qint64 id, ChangeSet& changes) {
    if (auto r = st.exec(); !r) {
        return r;
    }
    if (db.changes() == 0) {
        return unexpected(Error{ErrorCode::Conflict, QStringLiteral("outbox entry %1 has already gone out").arg(id)});
    }
    changes.outboxChanged = true;
    return {};
}

} // namespace

Expected<void, Error> retryNow(Database& db, qint64 id, ChangeSet& changes) {
    Statement st(db, "UPDATE outbox SET state = 'queued', next_attempt_at = 0 WHERE id = ? "
                     "AND state IN ('queued', 'failed')");
    st.bind(1, id);
    return execOne(db, st, id, changes);
}

Expected<void, Error> editText(Database& db, qint64 id, const QString& text, ChangeSet& changes) {
    if (text.trimmed().isEmpty()) {
        return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the reply is empty")});
    }
    // "sending" and "check" are excluded: the old text may be on the network already.
    Statement st(db, "UPDATE outbox SET text = ?, state = 'queued', next_attempt_at = 0, last_error = NULL "
                     "WHERE id = ? AND state IN ('queued', 'failed')");
    st.bind(1, text).bind(2, id);
    return execOne(db, st, id, changes);
}

QList<Row> rows(Database& db, int limit, bool includeCancelled) {
    Statement st(db, "SELECT outbox.id, outbox.account_id, outbox.item_id, outbox.text, outbox.state, "
                     "outbox.attempts, outbox.next_attempt_at, outbox.last_error, outbox.created_at, outbox.sent_at, "
                     "identities.handle FROM outbox LEFT JOIN items ON items.id = outbox.item_id "
                     "LEFT JOIN identities ON identities.id = items.identity_id "
                     "WHERE ?1 OR outbox.state <> 'cancelled' ORDER BY outbox.id DESC LIMIT ?2");
    st.bind(1, includeCancelled ? 1 : 0).bind(2, limit);
    QList<Row> out;
    while (st.next()) {
        Row r;
        r.id = st.int64(0);
        r.accountId = st.int64(1);
        r.itemId = st.int64(2);
        r.text = st.text(3);
        r.state = st.text(4);
        r.attempts = static_cast<int>(st.int64(5));
        r.nextAttemptAt = st.int64(6);
        r.lastError = st.text(7);
        r.createdAt = st.int64(8);
        r.sentAt = st.int64(9);
        r.recipient = st.text(10);
        out.append(r);
    }
    return out;
}

} // namespace baton::store::OutboxActions
