#pragma once

#include "core/model/Item.h"
#include "core/model/OutboxEntry.h"
#include "core/store/NoteRepository.h"

#include <QList>
#include <optional>

namespace baton::store {
class Database;
}

namespace baton::models {

// Everything the item pane shows about one item, read in one go on the GUI thread's connection.
struct ItemDetails {
    model::Item item;
    QList<model::Item> thread; // oldest first, the item included
    QString accountName;
    qint64 authorItems = 0;                      // other items by the same author
    qint64 authorFirstSeen = 0;                  // UTC ms of their first item, 0 when none
    std::optional<model::OutboxEntry> lastReply; // our latest outbox entry answering this item
    QStringList tags;
    QList<store::NoteRepository::Note> notes; // oldest first
};

std::optional<ItemDetails> loadItemDetails(store::Database& db, qint64 itemId);

} // namespace baton::models
