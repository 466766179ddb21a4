#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace baton::store {
class Store;
}
namespace baton::sync {
class SyncEngine;
}
namespace baton::models {
class OutboxModel;
}

namespace baton::ui {

class DialogFacade;

// The outbox: every reply with its state (and why it failed), and what the user can do about the ones that
// have not gone out: send now, edit, cancel. Writes go through the store's writer; the list follows its commits.
class OutboxPanel final : public QWidget {
    Q_OBJECT
public:
    OutboxPanel(store::Store& store, sync::SyncEngine* sync, DialogFacade& dialogs, QWidget* parent = nullptr);

    models::OutboxModel& model() { return *m_model; }
    QTreeView* view() const { return m_view; }
    QPushButton* retryButton() const { return m_retry; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* cancelButton() const { return m_cancel; }
    // Makes an entry the current row; false when it is not listed.
    bool selectEntry(qint64 outboxId);
    qint64 currentEntryId() const;

    // On the current entry.
    void retryCurrent();
    void editCurrent();
    void cancelCurrent();

signals:
    // A message for the status bar.
    void message(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateButtons();
    void updateEmptyState();
    void flush(qint64 accountId);

    store::Store& m_store;
    sync::SyncEngine* m_sync;
    DialogFacade& m_dialogs;
    models::OutboxModel* m_model;
    QTreeView* m_view;
    QLabel* m_empty;
    QPushButton* m_retry;
    QPushButton* m_edit;
    QPushButton* m_cancel;
};

} // namespace baton::ui
