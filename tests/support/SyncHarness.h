#pragma once

// A throwaway profile for integration tests: a SQLite store, a file secret store and a sync engine over the real
// network engine (libcurl), in a temporary folder, with the waits every sync test needs (a sync run, an outbox
// flush, a connector call) turned into plain calls that return what happened.
#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/connectors/Connector.h"
#include "core/model/Account.h"
#include "core/model/Item.h"
#include "core/net/NetworkEngine.h"
#include "core/secrets/FileSecretStore.h"
#include "core/store/Store.h"
#include "core/store/SyncStateRepository.h"
#include "core/sync/SyncEngine.h"

#include <QHash>
#include <QObject>
#include <QTemporaryDir>
#include <memory>
#include <optional>

namespace baton::testing {

struct SyncRun {
    bool finished = false;
    QHash<qint64, bool> ok; // account id -> accountFinished(ok)
    bool allOk() const {
        for (bool b : ok) {
            if (!b) {
                return false;
            }
        }
        return finished && !ok.isEmpty();
    }
};

class SyncHarness final : public QObject {
public:
    explicit SyncHarness(int timeoutMs = 60000);
    ~SyncHarness() override;
    Q_DISABLE_COPY_MOVE(SyncHarness)

    bool isValid() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    store::Store& store() { return *m_store; }
    store::Database& db() { return m_store->reader(); }
    net::NetworkEngine& network() { return *m_net; }
    sync::SyncEngine& sync() { return *m_sync; }
    secrets::FileSecretStore& secrets() { return *m_secrets; }

    // Adds the account (secret in the file store); its id, or 0 with the reason in error().
    qint64 addAccount(model::Account account, const QString& secret);
    // What the secret store holds for the account now (connectors may renew their credentials).
    QString secretOf(qint64 accountId) const;

    SyncRun runSync(const QList<qint64>& only = {});
    std::pair<int, int> flushOutbox(qint64 accountId); // (sent, failed); (-1, -1) on timeout
    qint64 enqueueReply(qint64 accountId, qint64 itemId, const QString& parentRemoteId, const QString& text,
                        const QString& key);
    // The same with a fresh idempotency key.
    qint64 enqueueReply(qint64 accountId, qint64 itemId, const QString& parentRemoteId, const QString& text);
    connectors::Connector* connectorFor(qint64 accountId);
    Expected<bool, Error> moderate(qint64 accountId, connectors::ModerationAction action, const model::Item& item,
                                   const QString& comment = {});
    Expected<QList<model::Item>, Error> fetchThread(qint64 accountId, const model::Item& item);
    // A request as another client would send it, through the same engine (never retried).
    net::Result send(net::Request request);

    std::optional<model::Item> item(qint64 accountId, const QString& remoteId);
    store::SyncState syncState(qint64 accountId, const QString& stream);
    QString lastError(qint64 accountId);

private:
    int m_timeoutMs;
    QString m_error;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<secrets::FileSecretStore> m_secrets;
    std::unique_ptr<net::NetworkEngine> m_net;
    std::unique_ptr<sync::SyncEngine> m_sync;
};

} // namespace baton::testing
