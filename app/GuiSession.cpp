#include "app/GuiSession.h"

#include "app/Profile.h"
#include "core/net/NetworkEngine.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/AccountRepository.h"
#include "core/sync/SyncEngine.h"
#include "ui/DialogFacade.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QDateTime>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

namespace baton::app {

Expected<std::unique_ptr<GuiSession>, Error> GuiSession::create(const Options& options) {
    std::unique_ptr<GuiSession> s(new GuiSession);
    QString dir = options.profileDir;
    if (options.demo) {
        if (dir.isEmpty()) {
            s->m_tmp = std::make_unique<QTemporaryDir>();
            if (!s->m_tmp->isValid()) {
                return unexpected(Error{ErrorCode::Io, QStringLiteral("cannot create a temporary profile")});
            }
            dir = s->m_tmp->path();
        }
        s->m_sandbox = std::make_unique<sandbox::SandboxServer>(options.sandbox);
        QString error;
        if (!s->m_sandbox->start(&error)) {
            return unexpected(Error{ErrorCode::Io, QStringLiteral("cannot start the sandbox: %1").arg(error)});
        }
    }
    auto profile = Profile::open(dir);
    if (!profile) {
        return unexpected(profile.error());
    }
    s->m_profile = std::move(*profile);
    if (options.demo && store::AccountRepository::list(s->m_profile->store().reader()).isEmpty()) {
        if (auto r = s->m_profile->addSandboxAccounts(s->m_sandbox->accounts()); !r) {
            return unexpected(r.error());
        }
    }
    s->m_net = std::make_unique<net::NetworkEngine>();
    Profile* p = s->m_profile.get();
    s->m_sync = std::make_unique<sync::SyncEngine>(p->store(), *s->m_net,
                                                   [p](const model::Account& a) { return p->secretsFor(a); });
    s->m_dialogs = std::make_unique<ui::DialogFacade>();
    s->m_demo = options.demo;
    s->makeWindow();

    s->m_timer = new QTimer(s.get());
    s->m_timer->setInterval(options.syncIntervalMs > 0
                                ? options.syncIntervalMs
                                : (options.demo ? 5000 : ui::SettingsDialog::syncIntervalMinutes() * 60000));
    connect(s->m_timer, &QTimer::timeout, s.get(), [sync = s->m_sync.get()] { sync->syncAll(); });
    s->m_timer->start();
    if (options.syncAtStart) {
        QTimer::singleShot(0, s.get(), [sync = s->m_sync.get()] { sync->syncAll(); });
    }
    return s;
}

void GuiSession::makeWindow() {
    m_window = std::make_unique<ui::MainWindow>(
        ui::MainWindow::Services{m_profile->store(), m_sync.get(), *m_dialogs, m_demo, {}});
    connect(m_window.get(), &ui::MainWindow::syncIntervalChanged, this,
            [this](int minutes) { m_timer->setInterval(minutes * 60000); });
    // Queued: the request comes from inside the window that is about to be replaced.
    connect(
        m_window.get(), &ui::MainWindow::languageChanged, this,
        [this](const QString& language) { switchLanguage(language); }, Qt::QueuedConnection);
}

void GuiSession::switchLanguage(const QString& language) {
    const QString view = m_window->currentViewKey();
    const bool visible = m_window->isVisible();
    m_window->close(); // saves the window state
    m_window.reset();
    ui::installTranslations(language);
    makeWindow();
    m_window->selectView(view);
    if (visible) {
        m_window->show();
        m_window->openSettings()->tabs()->setCurrentIndex(1);
    }
}

GuiSession::~GuiSession() {
    // The window and the engines go before the store and the sandbox they use.
    m_window.reset();
    m_sync.reset();
    m_net.reset();
    m_profile.reset();
    if (m_sandbox) {
        m_sandbox->stop();
    }
}

int runGui(const QString& profileDir, bool demo) {
    ui::installTranslations(QSettings().value(QStringLiteral("language")).toString());
    GuiSession::Options options;
    options.profileDir = profileDir;
    options.demo = demo;
    options.sandbox.seed = 7;
    options.sandbox.liveIntervalMs = 4000;
    auto session = GuiSession::create(options);
    if (!session) {
        QTextStream(stderr) << "baton: " << session.error().toString() << Qt::endl;
        return 1;
    }
    (*session)->window().show();
    return QApplication::exec();
}

} // namespace baton::app
