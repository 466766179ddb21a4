#pragma once

#include "core/model/Enums.h"
#include "core/models/FilterChoice.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QComboBox;
class QDockWidget;
class QSplitter;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace baton::store {
class Store;
struct ChangeSet;
struct InboxFilter;
} // namespace baton::store
namespace baton::sync {
class SyncEngine;
struct AccountSyncStatus;
} // namespace baton::sync
namespace baton::connectors {
enum class ModerationAction;
}
namespace baton::models {
class InboxModel;
class SourcesModel;
} // namespace baton::models

namespace baton::ui {

class DialogFacade;
class FilterBar;
class CommandPalette;
class DashboardView;
class InboxDelegate;
class ItemPane;
class OutboxPanel;
class SettingsDialog;
class Toast;

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
    FilterBar* filterBar() const { return m_filterBar; }
    // The outbox dock (hidden until the toolbar's "Outbox" button opens it).
    OutboxPanel* outboxPanel() const { return m_outboxPanel; }
    QDockWidget* outboxDock() const { return m_outboxDock; }
    QToolButton* outboxButton() const { return m_outboxButton; }
    // Selects a source or saved view by key ("all", "needs-reply", "account:3"...).
    void selectView(const QString& key);
    QString currentViewKey() const;
    qint64 currentItemId() const;
    // Keeps the current view, the filter bar and the search as a saved view in the sources list; returns its key.
    QString saveCurrentView(const QString& name);
    void deleteSavedView(const QString& key);

    // Triage on the selected items, or the current one (the keyboard's e and s, the pane's buttons).
    void setCurrentStatus(model::Status status, qint64 snoozeUntil = 0);
    // Gives the selected items (or the current one) to someone; empty clears. assignSelected() asks who.
    void assignSelected();
    void setAssignee(const QString& assignee);
    void addTagToCurrent();
    void addNoteToCurrent(const QString& text);
    // Puts back what the last triage, assignment or tag change did.
    void undoLast();
    QList<qint64> selectedItemIds() const;
    Toast* toast() const { return m_toast; }
    void sendReply(const QString& text);
    void showShortcuts();
    // Ctrl+K: the window's actions, filtered as you type.
    CommandPalette* commandPalette() const { return m_palette; }
    void openCommandPalette();
    // Settings (Ctrl+,): accounts and preferences; one dialog, raised when already open.
    SettingsDialog* openSettings();
    // The bar above the list naming the accounts that must sign in again; its button opens the first one's
    // re-authenticate dialog.
    QWidget* signInBanner() const { return m_signInBanner; }
    QPushButton* signInAgainButton() const { return m_signInButton; }
    // The dashboard page (Ctrl+D switches between it and the inbox).
    DashboardView* dashboard() const { return m_dashboard; }
    void showDashboard(bool show);
    bool dashboardShown() const;
    // The inbox page showing exactly these items under this title (a dashboard drill-down); picking a view in
    // the sources list goes back to the usual views.
    void showItems(const store::InboxFilter& filter, const QString& title);
    // Reports → Export…: asks for a week and a folder, then writes the weekly report as `baton report` does.
    void exportReport();

signals:
    void syncIntervalChanged(int minutes);
    void languageChanged(const QString& language); // "" = the system's

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void updateSignInBanner(); // re-reads the accounts' last errors
    void buildActions();
    void restoreState();
    void saveState();
    void applyFilter();
    void onViewChanged();
    void loadSavedViews();
    void showSourcesMenu(const QPoint& pos);
    void onCurrentChanged();
    void refreshPane();
    // Moves the current row; a plain move also makes it the only selected row.
    void moveCurrent(int delta, bool select = true);
    void updateEmptyState();
    void onSelectionChanged();
    void askModerationActions();
    void moderate(connectors::ModerationAction action);
    void updatePendingBar(int count);
    void onAccountStatus(qint64 accountId, const sync::AccountSyncStatus& status);
    void updateSyncButton();
    void updateSyncSummary();
    void updateOutboxButton();
    void triggerSync();
    void applyTheme();
    void retranslate();
    // "g" then i / n / s: the next key (within a moment) picks a view.
    void startGoTo();
    void endGoTo();
    // New items that need a reply while the window is in the background: the taskbar entry asks for attention.
    void notifyArrivals(const store::ChangeSet& changes);

    QPointer<SettingsDialog> m_settings;
    QStackedWidget* m_pages = nullptr;
    DashboardView* m_dashboard = nullptr;
    QToolButton* m_dashboardButton = nullptr;
    QToolButton* m_reportsButton = nullptr;
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
    QAction* m_searchIcon = nullptr;
    QComboBox* m_sort = nullptr;
    FilterBar* m_filterBar = nullptr;
    QToolButton* m_syncButton = nullptr;
    QToolButton* m_outboxButton = nullptr;
    QDockWidget* m_outboxDock = nullptr;
    OutboxPanel* m_outboxPanel = nullptr;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_bannerButton = nullptr;
    // Accounts whose sign-in the network refused (their last sync ended Unauthorized), as the store says.
    QWidget* m_signInBanner = nullptr;
    QLabel* m_signInText = nullptr;
    QPushButton* m_signInButton = nullptr;
    QList<std::pair<qint64, QString>> m_refused; // id, name
    QPushButton* m_pendingBar = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_listTitle = nullptr;
    QTimer* m_searchDelay = nullptr;
    // What each saved view stores: the view it refines, the filter bar and the search.
    struct SavedViewDef {
        QString name;
        QString base;
        models::FilterChoice choice;
        QString search;
    };
    QHash<QString, SavedViewDef> m_savedViews;
    QHash<qint64, QLabel*> m_accountLabels;
    QHash<qint64, std::pair<bool, qint64>> m_accountStates; // healthy (idle), last finished
    QLabel* m_syncSummary = nullptr;
    QLabel* m_offline = nullptr;
    QSet<qint64> m_unreachable; // accounts whose last sync could not reach the server
    QHash<qint64, QString> m_accountNames;
    Toast* m_toast = nullptr;
    CommandPalette* m_palette = nullptr;
    QTimer* m_goTimer = nullptr; // running while "g" waits for its second key
    bool m_marking = false;      // x was pressed: j and k move without changing the selection
    // The last change, for Ctrl+Z and the toast: each item as it was before.
    struct UndoItem {
        qint64 itemId = 0;
        model::Status status = model::Status::New;
        qint64 snoozeUntil = 0;
        QString assignee;
    };
    enum class UndoKind { None, Status, Assignee, TagAdded };
    struct UndoStep {
        UndoKind kind = UndoKind::None;
        QList<UndoItem> items;
        QString tag;
    };
    UndoStep m_undo;
};

} // namespace baton::ui
