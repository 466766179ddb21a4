#pragma once

#include "core/model/Enums.h"
#include "core/store/OutboxActions.h"

#include <QAbstractTableModel>
#include <QList>

namespace baton::store {
class Store;
struct ChangeSet;
} // namespace baton::store

namespace baton::models {

// The outbox as a table: every reply (newest first) with who it answers, its text, its state (with the reason
// of a failure), its attempts and when it was written. Re-read whenever the writer commits an outbox change.
class OutboxModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RecipientColumn, TextColumn, StateColumn, AttemptsColumn, TimeColumn, ColumnCount };
    enum Role {
        OutboxIdRole = Qt::UserRole + 200,
        OutboxItemIdRole,    // the item replied to
        OutboxAccountIdRole, // qint64
        OutboxStateRole,     // model::OutboxState
        OutboxTextRole,      // the whole text
        OutboxRecipientRole, // the handle, empty when unknown
        OutboxAttemptsRole,  // int
        OutboxErrorRole,     // the reason of the last failure
        OutboxCreatedAtRole, // UTC ms
        OutboxSentAtRole,    // UTC ms, 0 when not sent
        OutboxCanEditRole,   // bool: queued or failed (the text has not gone out)
        OutboxCanRetryRole,  // bool: queued or failed
        OutboxCanCancelRole, // bool: queued or failed
    };
    Q_ENUM(Role)

    explicit OutboxModel(store::Store& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(OutboxModel)

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The row of an outbox entry, -1 when not listed.
    int rowOf(qint64 outboxId) const;
    // Replies that have not gone out yet or need the user: queued, sending, failed, check.
    int pendingCount() const { return m_pending; }
    // The translated name of a state.
    static QString stateLabel(model::OutboxState s);

    // Re-reads the outbox now.
    void refresh();

signals:
    void pendingCountChanged(int count);

private:
    void onChanged(const store::ChangeSet& changes);

    store::Store& m_store;
    QList<store::OutboxActions::Row> m_rows;
    int m_pending = 0;
};

} // namespace baton::models
