#pragma once

#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <QList>
#include <QStringList>

// Tags the team puts on items ("billing", "bug"...). Names are unique without regard to case; a tag exists
// while it is in use or until it is deleted. Writes run inside the caller's (writer) transaction.
namespace baton::store::TagRepository {

struct Tag {
    qint64 id = 0;
    QString name;
    qint64 items = 0; // items carrying it (all() only)
};

// Creates the tag when needed. Adding a tag the item already has is not an error.
Expected<void, Error> add(Database& db, qint64 itemId, const QString& name, ChangeSet& changes);
Expected<void, Error> remove(Database& db, qint64 itemId, const QString& name, ChangeSet& changes);

// The item's tags by name.
QStringList forItem(Database& db, qint64 itemId);
// Every tag with its use count, by name.
QList<Tag> all(Database& db);

} // namespace baton::store::TagRepository
