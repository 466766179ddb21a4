#pragma once

#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <QList>

// Internal notes on an item: for the team only, never sent anywhere. Writes run inside the caller's (writer)
// transaction.
namespace baton::store::NoteRepository {

struct Note {
    qint64 id = 0;
    qint64 itemId = 0;
    QString author;
    QString text;
    qint64 createdAt = 0; // UTC ms
};

Expected<qint64, Error> add(Database& db, const Note& note, ChangeSet& changes);
Expected<void, Error> remove(Database& db, qint64 noteId, ChangeSet& changes);
// Oldest first.
QList<Note> forItem(Database& db, qint64 itemId);

} // namespace baton::store::NoteRepository
