#pragma once

#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <QList>

// What the user does to replies in the outbox, next to what the sender does (OutboxRepository). Writes run
// inside the caller's (writer) transaction.
namespace baton::store::OutboxActions {

// Sends a failed (or waiting) entry again as soon as the sender runs. Sent and cancelled entries stay as they are.
Expected<void, Error> retryNow(Database& db, qint64 id, ChangeSet& changes);
// New text for an entry that has not gone out (queued or failed); a failed one is queued again.
Expected<void, Error> editText(Database& db, qint64 id, const QString& text, ChangeSet& changes);

// One outbox row as the outbox list shows it: the entry and who it answers.
struct Row {
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 itemId = 0;
    QString text;
    QString state; // model::OutboxState name
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
    qint64 createdAt = 0;
    qint64 sentAt = 0;
    QString recipient; // the author's handle of the item replied to, empty when unknown
};
// Newest first; cancelled entries only when includeCancelled.
QList<Row> rows(Database& db, int limit = 200, bool includeCancelled = false);

} // namespace baton::store::OutboxActions
