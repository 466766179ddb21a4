#pragma once

#include "core/model/Enums.h"

#include <QHash>
#include <QMainWindow>
#include <functional>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QComboBox;
class QSplitter;
class QTimer;
class QToolButton;
class QTreeView;

namespace baton::store {
class Store;
}
namespace baton::sync {
class SyncEngine;
struct AccountSyncStatus;
} // namespace baton::sync
namespace baton::models {
class InboxModel;
class SourcesModel;
} // namespace baton::models

namespace baton::ui {

class DialogFacade;
class InboxDelegate;
class ItemPane;

// The window a community manager lives in: sources and views, the inbox, the item with its thread and the
// composer. Writes go through the store's writer; the models follow its change sets.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    struct Services {
        store::Store& store;
        sync::SyncEngine* sync = nullptr; // null: no syncing (tests of the window alone)
        DialogFacade& dialogs;
        bool demo = false;
        std::function<qint64()> now; // empty: the system clock
    };

    explicit MainWindow(Services services, QWidget* parent = nullptr);
    ~MainWindow() override;

    models::InboxModel& inboxModel() { return *m_inbox; }
    models::SourcesModel& sourcesModel() { return *m_sources; }
    QListView* inboxView() const { return m_list; }
    QTreeView* sourcesView() const { return m_tree; }
    ItemPane* itemPane() const { return m_pane; }
    QLineEdit* searchField() const { return m_search; }
    // Selects a source or saved view by key ("all", "needs-reply", "account:3"...).
    void selectView(const QString& key);
    QString currentViewKey() const;
    qint64 currentItemId() const;

    // Triage on the current item (the keyboard's e and s, the pane's buttons).
    void setCurrentStatus(model::Status status, qint64 snoozeUntil = 0);
    void sendReply(const QString& text);
    void showShortcuts();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void buildActions();
    void restoreState();
    void saveState();
    void applyFilter();
    void onCurrentChanged();
    void refreshPane();
    void moveCurrent(int delta);
    void updateEmptyState();
    void updatePendingBar(int count);
    void onAccountStatus(qint64 accountId, const sync::AccountSyncStatus& status);
    void updateSyncButton();
    void triggerSync();
    void applyTheme();
    void retranslate();

    store::Store& m_store;
    sync::SyncEngine* m_sync;
    DialogFacade& m_dialogs;
    bool m_demo;
    std::function<qint64()> m_now;

    models::SourcesModel* m_sources = nullptr;
    models::InboxModel* m_inbox = nullptr;
    QTreeView* m_tree = nullptr;
    QListView* m_list = nullptr;
    InboxDelegate* m_delegate = nullptr;
    ItemPane* m_pane = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_sort = nullptr;
    QToolButton* m_syncButton = nullptr;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_bannerButton = nullptr;
    QPushButton* m_pendingBar = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_listTitle = nullptr;
    QTimer* m_searchDelay = nullptr;
    QHash<qint64, QLabel*> m_accountLabels;
    QHash<qint64, QString> m_accountNames;
    // The last triage change, for Ctrl+Z: the item and the status it had before.
    struct UndoStep {
        qint64 itemId = 0;
        model::Status status = model::Status::New;
        qint64 snoozeUntil = 0;
    };
    UndoStep m_undo;
};

} // namespace baton::ui
