#pragma once

#include "core/model/Account.h"

#include <QDialog>
#include <QPointer>
#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace baton::store {
class Store;
}
namespace baton::sync {
class SyncEngine;
}
namespace baton::auth {
class SignIn;
}

namespace baton::ui {

class DialogFacade;

// Adds an account, or gives an existing one a new token. The network checks the token before anything is
// stored; a refusal is shown in the dialog, which stays open with what was typed.
class AccountDialog final : public QDialog {
    Q_OBJECT
public:
    // account.id == 0: add a new account; otherwise re-authenticate that account.
    AccountDialog(store::Store& store, sync::SyncEngine& sync, const model::Account& account,
                  QWidget* parent = nullptr);

    QComboBox* networkField() const { return m_network; }
    QLineEdit* nameField() const { return m_name; }
    QLineEdit* serverField() const { return m_server; }
    QLineEdit* loginField() const { return m_login; } // Bluesky: the handle the app password belongs to
    QLineEdit* tokenField() const { return m_token; }
    QComboBox* secretStoreField() const { return m_secretStore; }
    QPushButton* okButton() const { return m_ok; }
    QLabel* messageLabel() const { return m_message; }
    bool isChecking() const { return m_checking; }
    // Browser sign-in (Mastodon, Reddit, YouTube, Google reviews): the button, Reddit's and Google's client id,
    // and Cancel while the browser is out.
    QPushButton* browserSignInButton() const { return m_browserSignIn; }
    QLineEdit* clientIdField() const { return m_clientId; }
    QPushButton* cancelSignInButton() const { return m_cancelSignIn; }
    bool isWaitingForBrowser() const { return m_signIn != nullptr; }
    // Mastodon servers that only show a code: the checkbox, then the code field and its button while waiting.
    QCheckBox* outOfBandField() const { return m_outOfBand; }
    QLineEdit* codeField() const { return m_code; }
    QPushButton* useCodeButton() const { return m_useCode; }
    // What opens the authorize page; empty: QDesktopServices::openUrl. Tests follow the page themselves.
    static void setBrowserOpener(std::function<bool(const QUrl&)> opener);

signals:
    void accountReady(const baton::model::Account& account);

private:
    void submit();
    void updateHints();
    void setChecking(bool checking);
    void showMessage(const QString& text, bool error);
    void signInWithBrowser();
    void setWaitingForBrowser(bool waiting);

    store::Store& m_store;
    sync::SyncEngine& m_sync;
    model::Account m_account;
    QComboBox* m_network = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_server = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_login = nullptr;
    QLineEdit* m_token = nullptr;
    QLabel* m_tokenHint = nullptr;
    QComboBox* m_secretStore = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_ok = nullptr;
    bool m_checking = false;
    QLineEdit* m_clientId = nullptr;
    QPushButton* m_browserSignIn = nullptr;
    QPushButton* m_cancelSignIn = nullptr;
    auth::SignIn* m_signIn = nullptr; // while the browser is out
    QCheckBox* m_outOfBand = nullptr;
    QLineEdit* m_code = nullptr;
    QPushButton* m_useCode = nullptr;
    QWidget* m_codeRow = nullptr;
};

// Settings: the accounts with their health (add, re-authenticate, sync, remove) and general preferences (sync
// interval, notifications, language). Preferences are saved as they change.
class SettingsDialog final : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(store::Store& store, sync::SyncEngine* sync, DialogFacade& dialogs, QWidget* parent = nullptr);

    QTreeWidget* accountsList() const { return m_accounts; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* reauthButton() const { return m_reauth; }
    QPushButton* removeButton() const { return m_remove; }
    QPushButton* syncButton() const { return m_syncNow; }
    QSpinBox* syncIntervalField() const { return m_interval; }
    QCheckBox* notificationsField() const { return m_notifications; }
    QComboBox* languageField() const { return m_language; }
    QTabWidget* tabs() const { return m_tabs; }
    // The add / re-authenticate dialog while it is open.
    AccountDialog* accountDialog() const { return m_accountDialog; }

    // Opens the add-account dialog (the demo banner's "Add a real account").
    void addAccount();
    // Selects the account and opens its re-authenticate dialog (the window's "Sign in again…").
    void reauthenticate(qint64 accountId);

    // Defaults of the preferences (QSettings keys "sync/intervalMinutes", "notifications/enabled", "language").
    static int syncIntervalMinutes();
    static bool notificationsEnabled();

signals:
    void syncIntervalChanged(int minutes);
    void languageChanged(const QString& language); // "" = the system's

private:
    QWidget* buildAccountsPage();
    QWidget* buildGeneralPage();
    void refreshAccounts();
    std::optional<model::Account> selectedAccount() const;
    void reauthenticate();
    void removeAccount();

    store::Store& m_store;
    sync::SyncEngine* m_sync;
    DialogFacade& m_dialogs;
    QTabWidget* m_tabs = nullptr;
    QTreeWidget* m_accounts = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_reauth = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_syncNow = nullptr;
    QSpinBox* m_interval = nullptr;
    QCheckBox* m_notifications = nullptr;
    QComboBox* m_language = nullptr;
    QPointer<AccountDialog> m_accountDialog;
};

} // namespace baton::ui
