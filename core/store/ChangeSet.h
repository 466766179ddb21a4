#pragma once

#include <QList>
#include <QMetaType>
#include <QSet>

namespace baton::store {

// What one writer transaction changed; models map it onto row signals.
struct ChangeSet {
    QList<qint64> insertedItems;
    QList<qint64> updatedItems;
    QList<qint64> removedItems;
    QSet<qint64> accounts; // accounts whose state (sync, errors, settings) changed
    bool outboxChanged = false;

    bool isEmpty() const {
        return insertedItems.isEmpty() && updatedItems.isEmpty() && removedItems.isEmpty() && accounts.isEmpty() &&
               !outboxChanged;
    }
    void merge(const ChangeSet& other) {
        insertedItems += other.insertedItems;
        updatedItems += other.updatedItems;
        removedItems += other.removedItems;
        accounts += other.accounts;
        outboxChanged = outboxChanged || other.outboxChanged;
    }
};

} // namespace baton::store

Q_DECLARE_METATYPE(baton::store::ChangeSet)
