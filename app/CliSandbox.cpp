// The verbs around the protocol sandbox: `baton sandbox` runs it alone; `baton --demo` (command-line form)
// points a throwaway profile at an in-process sandbox and syncs from it with the real connectors.
#include "app/Cli.h"
#include "app/Profile.h"
#include "core/net/NetworkEngine.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/AccountRepository.h"
#include "core/store/InboxQuery.h"
#include "core/sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

namespace baton::app {

void quitOnSignals(QEventLoop& loop);

int Cli::sandboxCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("port"), QStringLiteral("Port (0: any free port)"), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the generated community"), QStringLiteral("S"),
                 QStringLiteral("1")});
    p.addOption({QStringLiteral("live-ms"), QStringLiteral("A new mention every MS milliseconds (0: none)"),
                 QStringLiteral("MS"), QStringLiteral("4000")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || !p.positionalArguments().isEmpty()) {
        return fail(p.errorText().isEmpty() ? QStringLiteral("usage: baton sandbox [--port N] [--seed S]")
                                            : p.errorText(),
                    Usage);
    }
    bool okPort = false, okSeed = false, okLive = false;
    const uint port = p.value(QStringLiteral("port")).toUInt(&okPort);
    const qulonglong seed = p.value(QStringLiteral("seed")).toULongLong(&okSeed);
    const int live = p.value(QStringLiteral("live-ms")).toInt(&okLive);
    if (!okPort || port > 65535) {
        return fail(QStringLiteral("--port must be a number from 0 to 65535"), Usage);
    }
    if (!okSeed) {
        return fail(QStringLiteral("--seed must be a non-negative number"), Usage);
    }
    if (!okLive || live < 0) {
        return fail(QStringLiteral("--live-ms must be a non-negative number"), Usage);
    }
    sandbox::SandboxOptions options;
    options.port = static_cast<quint16>(port);
    options.seed = seed;
    options.liveIntervalMs = live;
    sandbox::SandboxServer server(options);
    QString error;
    if (!server.start(&error)) {
        return fail(QStringLiteral("cannot start the sandbox: %1").arg(error));
    }
    m_out << "sandbox listening on " << server.baseUrl() << " (seed " << seed << ")" << Qt::endl;
    for (const auto& a : server.accounts()) {
        m_out << "  " << a.network << " account " << a.name << " (" << a.acct << "): base URL " << a.baseUrl
              << "  token " << a.token << Qt::endl;
    }
    m_out << "add one with:  BATON_TOKEN=<token> baton account add mastodon --name NAME --base-url URL "
             "--token-env BATON_TOKEN --secret-store file"
          << Qt::endl;
    QEventLoop loop;
    quitOnSignals(loop);
    loop.exec();
    server.stop();
    return Ok;
}

int Cli::demoCmd(const QStringList& args) {
    const bool once = args.contains(QLatin1String("--once"));
    QTemporaryDir tmp;
    if (m_profileDir.isEmpty()) {
        if (!tmp.isValid()) {
            return fail(QStringLiteral("cannot create a temporary profile"));
        }
        m_profileDir = tmp.path();
    }
    if (!openProfile()) {
        return Failure;
    }
    sandbox::SandboxOptions options;
    options.seed = 7;
    options.liveIntervalMs = 4000;
    sandbox::SandboxServer server(options);
    QString error;
    if (!server.start(&error)) {
        return fail(QStringLiteral("cannot start the sandbox: %1").arg(error));
    }
    if (store::AccountRepository::list(m_profile->store().reader()).isEmpty()) {
        if (auto r = m_profile->addSandboxAccounts(server.accounts()); !r) {
            return fail(r.error().toString());
        }
    }
    m_out << "DEMO: Baton is syncing from its built-in sandbox at " << server.baseUrl()
          << " (generated data, nothing real)." << Qt::endl;
    net::NetworkEngine engine;
    sync::SyncEngine syncEngine(m_profile->store(), engine,
                                [this](const model::Account& a) { return m_profile->secretsFor(a); });
    QEventLoop loop;
    qint64 shownNewest = 0;
    auto show = [&] {
        store::InboxFilter f;
        f.needsReply = true;
        const auto page = store::InboxQuery::page(m_profile->store().reader(), f, std::nullopt, 10);
        for (auto it = page.items.crbegin(); it != page.items.crend(); ++it) {
            if (it->createdAt <= shownNewest) {
                continue;
            }
            shownNewest = it->createdAt;
            m_out << QDateTime::fromMSecsSinceEpoch(it->createdAt).toString(QStringLiteral("MM-dd HH:mm")) << "  "
                  << it->author.handle.left(30) << "  " << it->text.simplified().left(80) << Qt::endl;
        }
    };
    QObject::connect(&syncEngine, &sync::SyncEngine::accountFinished, &loop, [&](qint64 id, bool ok) {
        const auto st = syncEngine.status(id);
        if (!ok) {
            m_err << "baton: sync failed: " << st.error.toString() << Qt::endl;
        } else if (st.inserted > 0) {
            m_out << "synced " << st.inserted << " new items" << Qt::endl;
        }
    });
    QObject::connect(&syncEngine, &sync::SyncEngine::allFinished, &loop, [&] {
        show();
        if (once) {
            loop.quit();
        }
    });
    QTimer timer;
    timer.setInterval(5000);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] { syncEngine.syncAll(); });
    timer.start();
    quitOnSignals(loop);
    QTimer::singleShot(0, &loop, [&] { syncEngine.syncAll(); });
    loop.exec();
    const qint64 total = store::InboxQuery::count(m_profile->store().reader(), {});
    m_out << total << " items in the inbox." << Qt::endl;
    return Ok;
}

} // namespace baton::app
