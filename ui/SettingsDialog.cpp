#include "ui/SettingsDialog.h"

#include "core/auth/SignIn.h"
#include "core/connectors/Connector.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "core/store/AccountRepository.h"
#include "core/store/Store.h"
#include "core/store/SyncStateRepository.h"
#include "core/sync/AccountSetup.h"
#include "core/sync/SyncEngine.h"
#include "ui/DialogFacade.h"
#include "ui/Formatting.h"
#include "ui/Palette.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

const QList<model::Network> kNetworks{model::Network::Mastodon,  model::Network::Bluesky, model::Network::Reddit,
                                      model::Network::Discourse, model::Network::YouTube, model::Network::GoogleReviews,
                                      model::Network::Feed,      model::Network::Email};

constexpr int kAccountIdRole = Qt::UserRole + 1;

std::function<bool(const QUrl&)>& browserOpener() {
    static std::function<bool(const QUrl&)> opener;
    return opener;
}

bool isGoogle(model::Network n) {
    return n == model::Network::YouTube || n == model::Network::GoogleReviews;
}

QIcon networkIcon(model::Network n) {
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    Palette::paintNetworkBadge(&p, QRectF(4, 4, 24, 24), n);
    return QIcon(pm);
}

} // namespace

// ---- AccountDialog ----

AccountDialog::AccountDialog(store::Store& store, sync::SyncEngine& sync, const model::Account& account,
                             QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_sync(sync)
    , m_account(account) {
    const bool adding = account.id == 0;
    setObjectName(QStringLiteral("accountDialog"));
    setWindowTitle(adding ? tr("Add an account") : tr("Re-authenticate %1").arg(account.name));
    setMinimumWidth(460);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form = form;

    m_network = new QComboBox(this);
    m_network->setObjectName(QStringLiteral("network"));
    for (model::Network n : kNetworks) {
        model::Account probe;
        probe.network = n;
        // Only the networks this Baton can talk to.
        if (adding && !connectors::makeConnector(probe, QStringLiteral("-"), m_sync.network())) {
            continue;
        }
        if (!adding && n != account.network) {
            continue;
        }
        m_network->addItem(networkIcon(n), Formatting::network(n), QVariant::fromValue(n));
    }
    m_network->setEnabled(adding);
    form->addRow(tr("Network:"), m_network);

    m_name = new QLineEdit(account.name, this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("How Baton shows it, e.g. “Support team”"));
    m_name->setReadOnly(!adding);
    form->addRow(tr("Name:"), m_name);

    m_server = new QLineEdit(account.baseUrl, this);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setReadOnly(!adding);
    form->addRow(tr("Server:"), m_server);

    m_login = new QLineEdit(this);
    m_login->setObjectName(QStringLiteral("login"));
    m_login->setPlaceholderText(QStringLiteral("name.bsky.social"));
    if (account.network == model::Network::Bluesky || account.network == model::Network::Email) {
        m_login->setText(account.handle.startsWith(u'@') ? account.handle.mid(1) : account.handle);
    }
    form->addRow(tr("Handle:"), m_login);

    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Token:"), m_token);
    m_tokenHint = new QLabel(this);
    m_tokenHint->setWordWrap(true);
    m_tokenHint->setForegroundRole(QPalette::PlaceholderText);
    // As wide as the fields above it (the form grows Expanding fields only): the hint wraps at their edge.
    m_tokenHint->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_tokenHint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->addRow(QString(), m_tokenHint);

    // Signing in through the browser fills the token field, then the usual check runs.
    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("clientId"));
    form->addRow(tr("Client id:"), m_clientId);
    m_browserSignIn = new QPushButton(tr("Sign in with the browser…"), this);
    m_browserSignIn->setObjectName(QStringLiteral("browserSignIn"));
    m_cancelSignIn = new QPushButton(tr("Cancel the sign-in"), this);
    m_cancelSignIn->setObjectName(QStringLiteral("cancelSignIn"));
    m_cancelSignIn->setVisible(false);
    auto* signInRow = new QHBoxLayout;
    signInRow->addWidget(m_browserSignIn);
    signInRow->addWidget(m_cancelSignIn);
    signInRow->addStretch(1);
    form->addRow(QString(), signInRow);
    m_outOfBand = new QCheckBox(tr("The server shows a code to paste instead of coming back"), this);
    m_outOfBand->setObjectName(QStringLiteral("outOfBand"));
    m_outOfBand->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    form->addRow(QString(), m_outOfBand);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("code"));
    m_code->setPlaceholderText(tr("The code the server shows"));
    m_useCode = new QPushButton(tr("Use this code"), this);
    m_useCode->setObjectName(QStringLiteral("useCode"));
    m_codeRow = new QWidget(this);
    auto* codeRow = new QHBoxLayout(m_codeRow);
    codeRow->setContentsMargins(0, 0, 0, 0);
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_useCode);
    form->addRow(tr("Code:"), m_codeRow);
    connect(m_useCode, &QPushButton::clicked, this, [this] {
        if (m_signIn != nullptr && !m_code->text().trimmed().isEmpty()) {
            m_signIn->submitCode(m_code->text());
        }
    });
    connect(m_browserSignIn, &QPushButton::clicked, this, &AccountDialog::signInWithBrowser);
    connect(m_cancelSignIn, &QPushButton::clicked, this, [this] {
        if (m_signIn != nullptr) {
            m_signIn->cancel();
        }
    });

    m_secretStore = new QComboBox(this);
    m_secretStore->setObjectName(QStringLiteral("secretStore"));
    m_secretStore->addItem(tr("System keychain"), QStringLiteral("keychain"));
    m_secretStore->addItem(tr("A file only you can read, in the profile"), QStringLiteral("file"));
    const QString kind = account.settings.value(QStringLiteral("secret_store")).toString();
    m_secretStore->setCurrentIndex(kind == QLatin1String("file") ? 1 : 0);
    m_secretStore->setEnabled(adding);
    form->addRow(tr("Keep the token in:"), m_secretStore);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(adding ? tr("Add") : tr("Save the new token"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("ok"));
    m_ok->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ok, &QPushButton::clicked, this, &AccountDialog::submit);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_network, &QComboBox::currentIndexChanged, this, &AccountDialog::updateHints);
    updateHints();
}

void AccountDialog::updateHints() {
    const auto n = m_network->currentData().value<model::Network>();
    const bool bluesky = n == model::Network::Bluesky;
    const bool mail = n == model::Network::Email;
    m_form->setRowVisible(m_login, bluesky || mail);
    m_login->setPlaceholderText(mail ? QStringLiteral("support@example.com") : QStringLiteral("name.bsky.social"));
    const bool browser = auth::supportsBrowserSignIn(n);
    m_form->setRowVisible(m_clientId, n == model::Network::Reddit || isGoogle(n) || mail);
    m_browserSignIn->setVisible(browser);
    m_cancelSignIn->setVisible(browser && m_signIn != nullptr);
    const bool pastes = n == model::Network::Mastodon || n == model::Network::Discourse;
    m_form->setRowVisible(m_outOfBand, pastes);
    m_form->setRowVisible(m_codeRow, pastes && m_signIn != nullptr && m_outOfBand->isChecked());
    m_outOfBand->setText(n == model::Network::Discourse
                             ? tr("The forum shows a key to paste instead of coming back")
                             : tr("The server shows a code to paste instead of coming back"));
    m_outOfBand->setToolTip(n == model::Network::Discourse
                                ? tr("A forum comes back to Baton only if its admin allowed the address "
                                     "http://127.0.0.1 in allowed_user_api_auth_redirects.")
                                : QString());
    if (n == model::Network::Reddit) {
        m_clientId->setPlaceholderText(tr("Your installed app's id, from reddit.com/prefs/apps"));
        m_clientId->setToolTip(tr("Create an “installed app” on reddit.com/prefs/apps with the redirect uri %1.")
                                   .arg(auth::redditRedirectUri()));
    } else if (isGoogle(n)) {
        m_clientId->setPlaceholderText(tr("A desktop OAuth client id from the Google Cloud console"));
        m_clientId->setToolTip(QString());
    } else if (mail) {
        m_clientId->setPlaceholderText(tr("Gmail only: a desktop OAuth client id from the Google Cloud console"));
        m_clientId->setToolTip(QString());
    }
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_token))) {
        label->setText(bluesky ? tr("App password:") : mail ? tr("Password:") : tr("Token:"));
    }
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_login))) {
        label->setText(mail ? tr("Address:") : tr("Handle:"));
    }
    switch (n) {
    case model::Network::Bluesky:
        m_server->setPlaceholderText(QStringLiteral("https://bsky.social"));
        if (m_account.id == 0 && m_server->text().isEmpty()) {
            m_server->setText(QStringLiteral("https://bsky.social"));
        }
        m_tokenHint->setText(tr("An app password, never your main password: in Bluesky, Settings → Privacy and "
                                "security → App passwords → Add App Password. Baton keeps the session it opens "
                                "and renews it itself."));
        break;
    case model::Network::Mastodon:
        m_server->setPlaceholderText(QStringLiteral("https://mastodon.social"));
        m_tokenHint->setText(tr("An access token: on your server, Preferences → Development → New application "
                                "(scopes read and write), then “Your access token”."));
        break;
    case model::Network::Discourse:
        m_server->setPlaceholderText(QStringLiteral("https://forum.example.com"));
        m_tokenHint->setText(tr("Sign in with the browser to get a user API key for your forum account, or paste "
                                "an admin API key as username:key (Admin → API → New API key)."));
        break;
    case model::Network::Feed:
        m_server->setPlaceholderText(QStringLiteral("https://example.com/feed.xml"));
        m_tokenHint->setText(tr("The feed's address goes in Server; leave the token empty for a public feed."));
        break;
    case model::Network::Email:
        m_server->setPlaceholderText(QStringLiteral("imaps://mail.example.com"));
        m_tokenHint->setText(tr("The mailbox's address and password (an app password where the provider asks for "
                                "one). For Gmail, sign in with the browser instead."));
        break;
    default:
        m_server->setPlaceholderText(QStringLiteral("https://…"));
        m_tokenHint->setText(tr("The access token or app password the network gives for this account."));
        break;
    }
    // Rows come and go and the hint wraps differently: fit the dialog to them.
    m_form->invalidate();
    layout()->activate();
    adjustSize();
}

void AccountDialog::showMessage(const QString& text, bool error) {
    m_message->setStyleSheet(error ? QStringLiteral("color: %1;").arg(Palette::negative(palette()).name()) : QString());
    m_message->setText(text);
    // A longer message must not squeeze the wrapped hints: the dialog grows to fit (never shrinks here).
    layout()->activate();
    const int needed =
        layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : layout()->totalSizeHint().height();
    if (needed > height()) {
        resize(width(), needed);
    }
}

void AccountDialog::setChecking(bool checking) {
    m_checking = checking;
    m_ok->setEnabled(!checking);
    m_token->setEnabled(!checking);
    if (checking) {
        showMessage(tr("Checking with the server…"), false);
    }
}

void AccountDialog::setBrowserOpener(std::function<bool(const QUrl&)> opener) {
    browserOpener() = std::move(opener);
}

void AccountDialog::setWaitingForBrowser(bool waiting) {
    m_browserSignIn->setEnabled(!waiting);
    m_cancelSignIn->setVisible(waiting);
    m_ok->setEnabled(!waiting);
    m_network->setEnabled(!waiting && m_account.id == 0);
    m_server->setReadOnly(waiting || m_account.id != 0);
    m_clientId->setReadOnly(waiting);
    m_outOfBand->setEnabled(!waiting);
    const auto network = m_account.id == 0 ? m_network->currentData().value<model::Network>() : m_account.network;
    const bool pasting = waiting && (network == model::Network::Mastodon || network == model::Network::Discourse) &&
                         m_outOfBand->isChecked();
    m_form->setRowVisible(m_codeRow, pasting);
    m_code->clear();
    if (waiting) {
        const bool forum = network == model::Network::Discourse;
        if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_codeRow))) {
            label->setText(forum ? tr("Key:") : tr("Code:"));
        }
        m_code->setPlaceholderText(forum ? tr("The text the forum shows") : tr("The code the server shows"));
        m_useCode->setText(forum ? tr("Use this key") : tr("Use this code"));
        showMessage(pasting ? (forum ? tr("Waiting for the key… Approve Baton in the browser, then paste here the "
                                          "whole text the forum shows.")
                                     : tr("Waiting for the code… Sign in in the browser, then paste here the code "
                                          "the server shows."))
                            : tr("Waiting for the browser… Finish signing in there, then come back here."),
                    false);
    }
}

void AccountDialog::signInWithBrowser() {
    if (m_signIn != nullptr || m_checking) {
        return;
    }
    auto fail = [this](const QString& why) { showMessage(why, true); };
    const auto network = m_account.id == 0 ? m_network->currentData().value<model::Network>() : m_account.network;
    auto url = sync::AccountSetup::normalizeBaseUrl(m_server->text().trimmed());
    if (!url) {
        fail(tr("The server address must start with https:// (plain http:// only on this computer)."));
        return;
    }
    auth::SignInOptions options;
    options.network = network;
    options.baseUrl = *url;
    options.clientId = m_clientId->text().trimmed();
    options.outOfBand =
        (network == model::Network::Mastodon || network == model::Network::Discourse) && m_outOfBand->isChecked();
    if (network == model::Network::Email) {
        options.mailUser = m_login->text().trimmed();
        if (!options.mailUser.contains(u'@')) {
            fail(tr("Give the mailbox's address first."));
            return;
        }
    }
    options.listen.pageTitle = QStringLiteral("Baton");
    options.listen.pageText = tr("You can close this tab and go back to Baton.");
    if (network == model::Network::Reddit) {
        options.listen.port = auth::redditRedirectPort(); // the exact redirect registered with the app
    }
    if (network == model::Network::Reddit && options.clientId.isEmpty()) {
        fail(tr("Give the client id of your Reddit installed app (reddit.com/prefs/apps)."));
        return;
    }
    if (network == model::Network::Email &&
        QUrl(options.baseUrl).host().compare(QLatin1String("imap.gmail.com"), Qt::CaseInsensitive) != 0) {
        fail(tr("Signing in with the browser is offered for Gmail (imaps://imap.gmail.com); give this server's "
                "password instead."));
        return;
    }
    if (auto provider = auth::providerFor(options); !provider) {
        fail(isGoogle(network) || network == model::Network::Email
                 ? tr("Give the client id of a Google desktop OAuth client.")
                 : provider.error().detail);
        return;
    }
    m_signIn = new auth::SignIn(m_sync.network(), this);
    setWaitingForBrowser(true);
    auth::BrowserOpener opener = browserOpener();
    if (!opener) {
        opener = [](const QUrl& u) { return QDesktopServices::openUrl(u); };
    }
    m_signIn->start(options, opener, [this, fail](Expected<QString, Error> secret) {
        m_signIn->deleteLater();
        m_signIn = nullptr;
        setWaitingForBrowser(false);
        if (!secret) {
            switch (secret.error().code) {
            case ErrorCode::Cancelled:
                showMessage(tr("Sign-in cancelled."), false);
                break;
            case ErrorCode::Forbidden:
                fail(tr("Access was refused in the browser. Nothing was stored."));
                break;
            case ErrorCode::Timeout:
                fail(tr("The browser did not come back in time. Nothing was stored; try again."));
                break;
            default:
                fail(tr("The sign-in failed: %1").arg(secret.error().detail));
                break;
            }
            return;
        }
        m_token->setText(*secret);
        submit(); // the normal path: the network checks the token, then the account is stored
    });
}

void AccountDialog::submit() {
    if (m_checking || m_signIn != nullptr) {
        return;
    }
    auto fail = [this](const QString& why) {
        setChecking(false);
        showMessage(why, true);
    };
    model::Account account = m_account;
    QString token = m_token->text().trimmed();
    const auto network = m_account.id == 0 ? m_network->currentData().value<model::Network>() : m_account.network;
    if (network == model::Network::Bluesky) {
        QString handle = m_login->text().trimmed();
        if (handle.startsWith(u'@')) {
            handle.remove(0, 1);
        }
        if (handle.isEmpty() || token.isEmpty()) {
            fail(tr("Give the account's handle and an app password."));
            return;
        }
        // The connector's secret: who logs in, with what; it adds the session it opens.
        token = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("identifier"), handle}, {QStringLiteral("password"), token}})
                .toJson(QJsonDocument::Compact));
    }
    if (network == model::Network::Email && !token.startsWith(u'{') && !m_login->text().trimmed().isEmpty()) {
        // Address and password in their own fields (the token field also takes "user:password" or the JSON forms).
        if (token.isEmpty()) {
            fail(tr("Give the mailbox's password, or sign in with the browser (Gmail)."));
            return;
        }
        token = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("user"), m_login->text().trimmed()},
                                                            {QStringLiteral("password"), token}})
                                      .toJson(QJsonDocument::Compact));
    }
    auto done = [this, fail](Expected<model::Account, Error> r) {
        if (!r) {
            fail(r.error().detail.isEmpty() ? r.error().toString() : r.error().detail);
            return;
        }
        setChecking(false);
        m_sync.forgetConnector(r->id);
        emit accountReady(*r);
        accept();
    };
    if (m_account.id == 0) {
        account.network = m_network->currentData().value<model::Network>();
        account.name = m_name->text().trimmed();
        account.baseUrl = m_server->text().trimmed();
        account.settings.insert(QStringLiteral("secret_store"), m_secretStore->currentData().toString());
        if (account.name.isEmpty()) {
            fail(tr("Give the account a name."));
            return;
        }
        if (auto url = sync::AccountSetup::normalizeBaseUrl(account.baseUrl); !url) {
            fail(tr("The server address must start with https:// (plain http:// only on this computer)."));
            return;
        }
        secrets::SecretStore* secrets = m_sync.secretsFor(account);
        if (!secrets) {
            fail(tr("No place to keep the token."));
            return;
        }
        setChecking(true);
        sync::AccountSetup::add(m_store, m_sync.network(), *secrets, account, token, this, done);
        return;
    }
    secrets::SecretStore* secrets = m_sync.secretsFor(account);
    if (!secrets) {
        fail(tr("No place to keep the token."));
        return;
    }
    setChecking(true);
    sync::AccountSetup::reauthenticate(m_store, m_sync.network(), *secrets, account, token, this, done);
}

// ---- SettingsDialog ----

SettingsDialog::SettingsDialog(store::Store& store, sync::SyncEngine* sync, DialogFacade& dialogs, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_sync(sync)
    , m_dialogs(dialogs) {
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    resize(720, 440);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildAccountsPage(), tr("Accounts"));
    m_tabs->addTab(buildGeneralPage(), tr("General"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);

    connect(&m_store.writer(), &store::StoreWriter::changed, this, [this](const store::ChangeSet& c) {
        if (!c.accounts.isEmpty()) {
            refreshAccounts();
        }
    });
    if (m_sync) {
        connect(m_sync, &sync::SyncEngine::accountStatusChanged, this, &SettingsDialog::refreshAccounts);
    }
    refreshAccounts();
}

int SettingsDialog::syncIntervalMinutes() {
    return std::clamp(QSettings().value(QStringLiteral("sync/intervalMinutes"), 2).toInt(), 1, 240);
}

bool SettingsDialog::notificationsEnabled() {
    return QSettings().value(QStringLiteral("notifications/enabled"), true).toBool();
}

QWidget* SettingsDialog::buildAccountsPage() {
    auto* page = new QWidget(this);
    m_accounts = new QTreeWidget(page);
    m_accounts->setObjectName(QStringLiteral("accountsList"));
    m_accounts->setRootIsDecorated(false);
    m_accounts->setUniformRowHeights(true);
    m_accounts->setAlternatingRowColors(true);
    m_accounts->setHeaderLabels({tr("Account"), tr("Handle"), tr("Health")});
    m_accounts->header()->setStretchLastSection(true);
    m_accounts->setColumnWidth(0, 200);
    m_accounts->setColumnWidth(1, 200);

    m_add = new QPushButton(tr("Add account…"), page);
    m_add->setObjectName(QStringLiteral("addAccount"));
    m_reauth = new QPushButton(tr("Re-authenticate…"), page);
    m_reauth->setObjectName(QStringLiteral("reauthenticate"));
    m_syncNow = new QPushButton(tr("Sync now"), page);
    m_syncNow->setObjectName(QStringLiteral("syncAccount"));
    m_remove = new QPushButton(tr("Remove…"), page);
    m_remove->setObjectName(QStringLiteral("removeAccount"));
    for (QPushButton* b : {m_add, m_reauth, m_syncNow}) {
        b->setEnabled(m_sync != nullptr);
    }
    connect(m_add, &QPushButton::clicked, this, &SettingsDialog::addAccount);
    connect(m_reauth, &QPushButton::clicked, this, [this] { reauthenticate(); });
    connect(m_remove, &QPushButton::clicked, this, &SettingsDialog::removeAccount);
    connect(m_syncNow, &QPushButton::clicked, this, [this] {
        if (auto a = selectedAccount(); a && m_sync) {
            m_sync->syncAccount(a->id);
        }
    });
    auto updateButtons = [this] {
        const bool any = selectedAccount().has_value();
        m_reauth->setEnabled(any && m_sync);
        m_syncNow->setEnabled(any && m_sync);
        m_remove->setEnabled(any);
    };
    connect(m_accounts, &QTreeWidget::itemSelectionChanged, this, updateButtons);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_reauth);
    buttons->addWidget(m_syncNow);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_accounts, 1);
    layout->addLayout(buttons);
    updateButtons();
    return page;
}

QWidget* SettingsDialog::buildGeneralPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    QSettings settings;

    m_interval = new QSpinBox(page);
    m_interval->setObjectName(QStringLiteral("syncInterval"));
    m_interval->setRange(1, 240);
    m_interval->setSuffix(tr(" min"));
    m_interval->setValue(syncIntervalMinutes());
    m_interval->setMaximumWidth(m_interval->fontMetrics().horizontalAdvance(QStringLiteral("0000 min")) + 48);
    connect(m_interval, &QSpinBox::valueChanged, this, [this](int minutes) {
        QSettings().setValue(QStringLiteral("sync/intervalMinutes"), minutes);
        emit syncIntervalChanged(minutes);
    });
    form->addRow(tr("Sync every:"), m_interval);

    m_notifications =
        new QCheckBox(tr("Tell me when items that need a reply arrive while Baton is in the background"), page);
    m_notifications->setObjectName(QStringLiteral("notifications"));
    m_notifications->setChecked(notificationsEnabled());
    connect(m_notifications, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("notifications/enabled"), on); });
    form->addRow(tr("Notifications:"), m_notifications);

    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const QString systemLanguage = QLocale::system().nativeLanguageName();
    m_language->addItem(systemLanguage.isEmpty() ? tr("The system's") : tr("The system's (%1)").arg(systemLanguage),
                        QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    const int current = m_language->findData(settings.value(QStringLiteral("language")).toString());
    m_language->setCurrentIndex(std::max(0, current));
    connect(m_language, &QComboBox::activated, this, [this] {
        const QString lang = m_language->currentData().toString();
        if (lang == QSettings().value(QStringLiteral("language")).toString()) {
            return;
        }
        QSettings().setValue(QStringLiteral("language"), lang);
        emit languageChanged(lang);
    });
    form->addRow(tr("Language:"), m_language);

    auto* theme = new QLabel(tr("Light or dark follows the system's appearance."), page);
    theme->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(tr("Theme:"), theme);
    return page;
}

void SettingsDialog::refreshAccounts() {
    const QTreeWidgetItem* current = m_accounts->currentItem();
    const qint64 selected = current && current->isSelected() ? current->data(0, kAccountIdRole).toLongLong() : 0;
    m_accounts->clear();
    const QColor bad = Palette::negative(palette());
    for (const model::Account& a : store::AccountRepository::list(m_store.reader())) {
        auto* row = new QTreeWidgetItem(m_accounts);
        row->setIcon(0, networkIcon(a.network));
        row->setText(0, a.name);
        row->setToolTip(0, QStringLiteral("%1 · %2").arg(Formatting::network(a.network), a.baseUrl));
        row->setData(0, kAccountIdRole, a.id);
        // Handles as each network writes them: @name on Mastodon, Bluesky and Discourse; Reddit's u/name, a
        // business or a feed title, a mail address as they are.
        const bool at = (a.network == model::Network::Mastodon || a.network == model::Network::Bluesky ||
                         a.network == model::Network::Discourse) &&
                        !a.handle.isEmpty() && !a.handle.startsWith(u'@');
        row->setText(1, at ? u'@' + a.handle : a.handle);
        row->setToolTip(1, a.handle);
        QString health;
        bool broken = false;
        const sync::AccountSyncStatus status = m_sync ? m_sync->status(a.id) : sync::AccountSyncStatus{};
        const bool live = status.state != sync::AccountSyncState::Idle || status.finishedAt > 0;
        if ((status.state == sync::AccountSyncState::Error && status.error.code == ErrorCode::Unauthorized) ||
            (!live && a.signInRefused())) {
            health = tr("The server refused the token: re-authenticate");
            broken = true;
        } else if (status.state != sync::AccountSyncState::Idle || status.finishedAt > 0) {
            health = Formatting::syncState(status);
            broken = status.state == sync::AccountSyncState::Error;
        } else if (!a.lastError.isEmpty()) {
            health = tr("error: %1").arg(a.lastError);
            broken = true;
        } else {
            health = tr("OK");
        }
        if (a.network == model::Network::YouTube) {
            // The day's API budget as the last sync left it: listing pauses near the end so replies still go out.
            const auto quota = connectors::youtube::YouTubeQuota::fromText(
                store::SyncStateRepository::get(m_store.reader(), a.id, QStringLiteral("quota")).cursor);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            health = tr("%1 · %2 of %3 quota units left today")
                         .arg(health, locale().toString(quota.remaining(now)), locale().toString(quota.limit()));
        }
        row->setText(2, health);
        row->setToolTip(2, health);
        if (broken) {
            row->setForeground(2, bad);
        }
        if (a.id == selected) {
            m_accounts->setCurrentItem(row);
        }
    }
    if (m_accounts->topLevelItemCount() == 0) {
        auto* row = new QTreeWidgetItem(m_accounts);
        row->setText(0, tr("No accounts yet: add one to start."));
        row->setFlags(Qt::NoItemFlags);
    }
}

std::optional<model::Account> SettingsDialog::selectedAccount() const {
    const QTreeWidgetItem* row = m_accounts ? m_accounts->currentItem() : nullptr;
    if (!row || !row->isSelected() || row->data(0, kAccountIdRole).isNull()) {
        return std::nullopt;
    }
    return store::AccountRepository::byId(m_store.reader(), row->data(0, kAccountIdRole).toLongLong());
}

void SettingsDialog::addAccount() {
    if (!m_sync) {
        return;
    }
    m_tabs->setCurrentIndex(0);
    delete m_accountDialog;
    m_accountDialog = new AccountDialog(m_store, *m_sync, {}, this);
    m_accountDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_accountDialog, &AccountDialog::accountReady, this, [this](const model::Account& a) {
        refreshAccounts();
        m_sync->syncAccount(a.id);
    });
    m_accountDialog->open();
}

void SettingsDialog::reauthenticate(qint64 accountId) {
    m_tabs->setCurrentIndex(0);
    for (int i = 0; i < m_accounts->topLevelItemCount(); ++i) {
        QTreeWidgetItem* row = m_accounts->topLevelItem(i);
        if (row->data(0, kAccountIdRole).toLongLong() == accountId) {
            m_accounts->setCurrentItem(row);
            row->setSelected(true);
            reauthenticate();
            return;
        }
    }
}

void SettingsDialog::reauthenticate() {
    const auto account = selectedAccount();
    if (!account || !m_sync) {
        return;
    }
    delete m_accountDialog;
    m_accountDialog = new AccountDialog(m_store, *m_sync, *account, this);
    m_accountDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_accountDialog, &AccountDialog::accountReady, this, [this](const model::Account& a) {
        refreshAccounts();
        m_sync->syncAccount(a.id);
    });
    m_accountDialog->open();
}

void SettingsDialog::removeAccount() {
    const auto account = selectedAccount();
    if (!account) {
        return;
    }
    if (!m_dialogs.confirm(this, tr("Remove %1").arg(account->name),
                           tr("Remove the account %1 and every item Baton keeps from it? Nothing changes on %2.")
                               .arg(account->name, Formatting::network(account->network)),
                           tr("Remove"))) {
        return;
    }
    secrets::SecretStore* secrets = m_sync ? m_sync->secretsFor(*account) : nullptr;
    if (m_sync) {
        m_sync->forgetConnector(account->id);
    }
    auto finished = [this, name = account->name](Expected<void, Error> r) {
        refreshAccounts();
        if (!r) {
            m_dialogs.information(
                this, tr("Remove %1").arg(name),
                tr("The account is removed, but its token could not be deleted: %1").arg(r.error().toString()));
        }
    };
    if (secrets) {
        sync::AccountSetup::remove(m_store, *secrets, *account, this, finished);
        return;
    }
    finished(m_store.writer().run([id = account->id](store::Database& db, store::ChangeSet& c) {
        return store::AccountRepository::remove(db, id, c);
    }));
}

} // namespace baton::ui
