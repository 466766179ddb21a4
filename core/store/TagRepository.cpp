#include "core/store/TagRepository.h"

namespace baton::store::TagRepository {

Expected<void, Error> add(Database& db, qint64 itemId, const QString& name, ChangeSet& changes) {
    const QString tag = name.trimmed();
    if (tag.isEmpty()) {
        return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the tag is empty")});
    }
    Statement create(db, "INSERT INTO tags(name) VALUES(?) ON CONFLICT(name) DO NOTHING");
    create.bind(1, tag);
    if (auto r = create.exec(); !r) {
        return r;
    }
    Statement link(db, "INSERT OR IGNORE INTO item_tags(item_id, tag_id) SELECT ?, id FROM tags WHERE name = ?");
    link.bind(1, itemId).bind(2, tag);
    if (auto r = link.exec(); !r) {
        return r; // a foreign key error when the item does not exist
    }
    changes.updatedItems.append(itemId);
    return {};
}

Expected<void, Error> remove(Database& db, qint64 itemId, const QString& name, ChangeSet& changes) {
    Statement st(db, "DELETE FROM item_tags WHERE item_id = ? AND tag_id IN (SELECT id FROM tags WHERE name = ?)");
    st.bind(1, itemId).bind(2, name.trimmed());
    if (auto r = st.exec(); !r) {
        return r;
    }
    changes.updatedItems.append(itemId);
    return {};
}

QStringList forItem(Database& db, qint64 itemId) {
    Statement st(db, "SELECT tags.name FROM item_tags JOIN tags ON tags.id = item_tags.tag_id "
                     "WHERE item_tags.item_id = ? ORDER BY tags.name COLLATE NOCASE");
    st.bind(1, itemId);
    QStringList out;
    while (st.next()) {
        out.append(st.text(0));
    }
    return out;
}

QList<Tag> all(Database& db) {
    // item_tags_tag (tag_id, item_id) makes the counts an index walk.
    Statement st(db, "SELECT tags.id, tags.name, (SELECT count(*) FROM item_tags WHERE tag_id = tags.id) "
                     "FROM tags ORDER BY tags.name COLLATE NOCASE");
    QList<Tag> out;
    while (st.next()) {
        out.append({st.int64(0), st.text(1), st.int64(2)});
    }
    return out;
}

} // namespace baton::store::TagRepository
