#include "core/store/NoteRepository.h"

namespace baton::store::NoteRepository {

Expected<qint64, Error> add(Database& db, const Note& note, ChangeSet& changes) {
    if (note.text.trimmed().isEmpty()) {
        return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the note is empty")});
    }
    Statement st(db, "INSERT INTO notes(item_id, author, text, created_at) VALUES(?, ?, ?, ?)");
    st.bind(1, note.itemId).bind(2, note.author).bind(3, note.text.trimmed()).bind(4, note.createdAt);
    if (auto r = st.exec(); !r) {
        return unexpected(r.error());
    }
    // The item's pane shows its notes: an item change is how open views learn about it.
    changes.updatedItems.append(note.itemId);
    return db.lastInsertId();
}

Expected<void, Error> remove(Database& db, qint64 noteId, ChangeSet& changes) {
    Statement st(db, "DELETE FROM notes WHERE id = ? RETURNING item_id");
    st.bind(1, noteId);
    if (!st.next()) {
        if (st.failed()) {
            return unexpected(st.error());
        }
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no note %1").arg(noteId)});
    }
    changes.updatedItems.append(st.int64(0));
    return {};
}

QList<Note> forItem(Database& db, qint64 itemId) {
    Statement st(db, "SELECT id, item_id, author, text, created_at FROM notes WHERE item_id = ? ORDER BY id");
    st.bind(1, itemId);
    QList<Note> out;
    while (st.next()) {
        out.append({st.int64(0), st.int64(1), st.text(2), st.text(3), st.int64(4)});
    }
    return out;
}

} // namespace baton::store::NoteRepository
