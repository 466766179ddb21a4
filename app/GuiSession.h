#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/sandbox/SandboxOptions.h"

#include <QObject>
#include <QString>
#include <memory>

class QTemporaryDir;
class QTimer;

namespace baton::net {
class NetworkEngine;
}
namespace baton::sandbox {
class SandboxServer;
}
namespace baton::sync {
class SyncEngine;
}
namespace baton::ui {
class DialogFacade;
class MainWindow;
} // namespace baton::ui

namespace baton::app {

class Profile;

// The GUI's composition root: the profile, the network engine, the sync engine and the window, built in that
// order and handed down by reference. In demo mode it also owns the in-process sandbox and a throwaway profile
// whose accounts point at it.
class GuiSession final : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString profileDir; // empty: the default profile (demo: a temporary one)
        bool demo = false;
        sandbox::SandboxOptions sandbox; // demo only
        int syncIntervalMs = 0;          // 0: 5 s in the demo, 2 min otherwise
        bool syncAtStart = true;
    };

    static Expected<std::unique_ptr<GuiSession>, Error> create(const Options& options);
    ~GuiSession() override;

    ui::MainWindow& window() { return *m_window; }
    ui::DialogFacade& dialogs() { return *m_dialogs; }
    Profile& profile() { return *m_profile; }
    sync::SyncEngine& syncEngine() { return *m_sync; }
    sandbox::SandboxServer* sandbox() { return m_sandbox.get(); }

    // Rebuilds the window in another language ("" = the system's), on the same view.
    void switchLanguage(const QString& language);

private:
    GuiSession() = default;
    void makeWindow();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Profile> m_profile;
    std::unique_ptr<net::NetworkEngine> m_net;
    std::unique_ptr<sync::SyncEngine> m_sync;
    std::unique_ptr<ui::DialogFacade> m_dialogs;
    std::unique_ptr<ui::MainWindow> m_window;
    QTimer* m_timer = nullptr;
    bool m_demo = false;
};

// Runs the window until it is closed; returns the exit code.
int runGui(const QString& profileDir, bool demo);

} // namespace baton::app
