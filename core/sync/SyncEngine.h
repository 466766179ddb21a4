#pragma once

#include "core/common/Clock.h"
#include "core/connectors/Connector.h"
#include "core/model/Account.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Store.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <memory>

namespace baton::net {
class NetworkEngine;
}

namespace baton::sync {

class OutboxSender;

enum class AccountSyncState { Idle, Syncing, RateLimited, Error };

struct AccountSyncStatus {
    AccountSyncState state = AccountSyncState::Idle;
    Error error; // set in Error
    qint64 rateLimitedUntil = 0;
    int inserted = 0; // during the last run
    int updated = 0;
    int pages = 0;
    qint64 finishedAt = 0;
};

using SecretStoreFor = std::function<secrets::SecretStore*(const model::Account&)>;

// Pulls every account's streams concurrently over the one network engine. Each page is stored with its
// cursor in one writer transaction before the next page is asked for, so a killed process resumes exactly.
// After its streams, each account's due outbox entries are sent.
class SyncEngine final : public QObject {
    Q_OBJECT
public:
    SyncEngine(store::Store& store, net::NetworkEngine& engine, SecretStoreFor secrets,
               const Clock& clock = SystemClock::instance(), QObject* parent = nullptr);
    ~SyncEngine() override;

    // Starts a run for every account (or the given ones) that is not already running.
    void syncAll();
    void syncAccount(qint64 accountId);
    bool isRunning() const { return !m_runs.isEmpty() || m_finishing > 0; }
    AccountSyncStatus status(qint64 accountId) const { return m_status.value(accountId); }
    OutboxSender& outbox() { return *m_outbox; }
    net::NetworkEngine& network() { return m_engine; }
    // Where an account's token lives (its "secret_store" setting).
    secrets::SecretStore* secretsFor(const model::Account& account) const { return m_secrets(account); }

    // Makes (and caches) the connector for an account, reading its token first.
    void withConnector(qint64 accountId, std::function<void(Expected<connectors::Connector*, Error>)> done);
    // A moderation action on the network (it must be one the connector offers for the item); once done, what it
    // changes in Baton (connectors::moderationEffect) is recorded on the item. done gets the outcome.
    void moderate(const model::Item& item, connectors::ModerationAction action, const QString& comment,
                  QObject* context, std::function<void(Expected<void, Error>)> done);
    // Drops the cached connector, so the next use reads the account and its token again (a new token, a removal).
    void forgetConnector(qint64 accountId) { m_connectors.remove(accountId); }

signals:
    void accountStatusChanged(qint64 accountId, const baton::sync::AccountSyncStatus& status);
    void accountFinished(qint64 accountId, bool ok);
    void allFinished();

private:
    struct Run;
    void startRun(const model::Account& account);
    void verifyThenStreams(Run* run);
    void nextStream(Run* run);
    void fetch(Run* run, store::SyncState state);
    void finishRun(Run* run, std::optional<Error> error);
    void setStatus(qint64 accountId, const AccountSyncStatus& s);

    store::Store& m_store;
    net::NetworkEngine& m_engine;
    SecretStoreFor m_secrets;
    const Clock& m_clock;
    std::unique_ptr<OutboxSender> m_outbox;
    QHash<qint64, Run*> m_runs;
    int m_finishing = 0; // runs whose end is being committed
    QHash<qint64, AccountSyncStatus> m_status;
    QHash<qint64, std::shared_ptr<connectors::Connector>> m_connectors;
};

QString describeSyncState(const AccountSyncStatus& s);

} // namespace baton::sync

Q_DECLARE_METATYPE(baton::sync::AccountSyncStatus)
