#include "tests/support/SyncHarness.h"

#include "core/common/Ids.h"
#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/sync/OutboxSender.h"
#include "tests/support/StoreProbe.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

namespace baton::testing {
namespace {

// Waits for a callback that may never come; the shared state outlives a timed-out wait.
template <typename T>
struct Pending {
    bool done = false;
    std::optional<T> value;
};

} // namespace

SyncHarness::SyncHarness(int timeoutMs)
    : m_timeoutMs(timeoutMs)
    , m_dir(std::make_unique<QTemporaryDir>()) {
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return;
    }
    auto opened = store::Store::open(m_dir->filePath(QStringLiteral("baton.db")));
    if (!opened) {
        m_error = opened.error().toString();
        return;
    }
    m_store = std::move(*opened);
    m_secrets = std::make_unique<secrets::FileSecretStore>(m_dir->filePath(QStringLiteral("secrets.json")));
    m_net = std::make_unique<net::NetworkEngine>();
    m_sync = std::make_unique<sync::SyncEngine>(
        *m_store, *m_net, [this](const model::Account&) -> secrets::SecretStore* { return m_secrets.get(); });
}

SyncHarness::~SyncHarness() {
    // Callbacks may still be queued: the engine that calls them goes before what they use.
    m_sync.reset();
    m_net.reset();
    m_store.reset();
    m_secrets.reset();
}

qint64 SyncHarness::addAccount(model::Account account, const QString& secret) {
    account.settings.insert(QStringLiteral("secret_store"), QStringLiteral("file"));
    if (account.createdAt == 0) {
        account.createdAt = QDateTime::currentMSecsSinceEpoch();
    }
    qint64 id = 0;
    const auto added = m_store->writer().run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
        auto r = store::AccountRepository::add(d, account, c);
        if (!r) {
            return unexpected(r.error());
        }
        id = *r;
        return {};
    });
    if (!added) {
        m_error = added.error().toString();
        return 0;
    }
    account.id = id;
    if (auto written = m_secrets->writeNow(account.secretKey(), secret); !written) {
        m_error = written.error().toString();
        return 0;
    }
    return id;
}

QString SyncHarness::secretOf(qint64 accountId) const {
    model::Account a;
    a.id = accountId;
    auto s = m_secrets->readNow(a.secretKey());
    return s ? *s : QString();
}

SyncRun SyncHarness::runSync(const QList<qint64>& only) {
    QSignalSpy finished(m_sync.get(), &sync::SyncEngine::accountFinished);
    QSignalSpy all(m_sync.get(), &sync::SyncEngine::allFinished);
    if (only.isEmpty()) {
        m_sync->syncAll();
    } else {
        for (const qint64 id : only) {
            m_sync->syncAccount(id);
        }
    }
    SyncRun run;
    run.finished = !all.isEmpty() || all.wait(m_timeoutMs);
    for (const QList<QVariant>& args : std::as_const(finished)) {
        run.ok.insert(args.at(0).toLongLong(), args.at(1).toBool());
    }
    return run;
}

std::pair<int, int> SyncHarness::flushOutbox(qint64 accountId) {
    auto result = std::make_shared<std::pair<int, int>>(-1, -1);
    m_sync->outbox().flush(accountId, [result](int sent, int failed) { *result = {sent, failed}; });
    (void)QTest::qWaitFor([&] { return result->first >= 0; }, m_timeoutMs);
    return *result;
}

qint64 SyncHarness::enqueueReply(qint64 accountId, qint64 itemId, const QString& parentRemoteId, const QString& text,
                                 const QString& key) {
    model::OutboxEntry entry;
    entry.accountId = accountId;
    entry.itemId = itemId;
    entry.parentRemoteId = parentRemoteId;
    entry.text = text;
    entry.idempotencyKey = key;
    entry.createdAt = QDateTime::currentMSecsSinceEpoch();
    qint64 id = 0;
    const auto queued = m_store->writer().run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
        auto r = store::OutboxRepository::enqueue(d, entry, c);
        if (!r) {
            return unexpected(r.error());
        }
        id = *r;
        return {};
    });
    return queued ? id : 0;
}

qint64 SyncHarness::enqueueReply(qint64 accountId, qint64 itemId, const QString& parentRemoteId, const QString& text) {
    return enqueueReply(accountId, itemId, parentRemoteId, text, newUuid());
}

connectors::Connector* SyncHarness::connectorFor(qint64 accountId) {
    auto pending = std::make_shared<Pending<connectors::Connector*>>();
    m_sync->withConnector(accountId, [pending](Expected<connectors::Connector*, Error> c) {
        pending->done = true;
        pending->value = c ? *c : nullptr;
    });
    (void)QTest::qWaitFor([&] { return pending->done; }, m_timeoutMs);
    return pending->value.value_or(nullptr);
}

Expected<bool, Error> SyncHarness::moderate(qint64 accountId, connectors::ModerationAction action,
                                            const model::Item& item, const QString& comment) {
    connectors::Connector* c = connectorFor(accountId);
    if (!c) {
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no connector")});
    }
    auto pending = std::make_shared<Pending<Expected<bool, Error>>>();
    c->moderate(action, item, comment, this, [pending](Expected<bool, Error> r) {
        pending->done = true;
        pending->value = std::move(r);
    });
    if (!QTest::qWaitFor([&] { return pending->done; }, m_timeoutMs)) {
        return unexpected(Error{ErrorCode::Timeout, QStringLiteral("moderation timed out")});
    }
    return *pending->value;
}

Expected<QList<model::Item>, Error> SyncHarness::fetchThread(qint64 accountId, const model::Item& item) {
    connectors::Connector* c = connectorFor(accountId);
    if (!c) {
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no connector")});
    }
    auto pending = std::make_shared<Pending<Expected<QList<model::Item>, Error>>>();
    c->fetchThread(item, this, [pending](Expected<QList<model::Item>, Error> r) {
        pending->done = true;
        pending->value = std::move(r);
    });
    if (!QTest::qWaitFor([&] { return pending->done; }, m_timeoutMs)) {
        return unexpected(Error{ErrorCode::Timeout, QStringLiteral("thread timed out")});
    }
    return *pending->value;
}

net::Result SyncHarness::send(net::Request request) {
    request.retrySafe = false;
    auto pending = std::make_shared<Pending<net::Result>>();
    m_net->send(std::move(request), this, [pending](net::Result r) {
        pending->done = true;
        pending->value = std::move(r);
    });
    if (!QTest::qWaitFor([&] { return pending->done; }, m_timeoutMs)) {
        return unexpected(Error{ErrorCode::Timeout, QStringLiteral("test request timed out")});
    }
    return *pending->value;
}

std::optional<model::Item> SyncHarness::item(qint64 accountId, const QString& remoteId) {
    return store::ItemRepository::byRemoteId(db(), accountId, remoteId);
}

store::SyncState SyncHarness::syncState(qint64 accountId, const QString& stream) {
    return store::SyncStateRepository::get(db(), accountId, stream);
}

QString SyncHarness::lastError(qint64 accountId) {
    return queryText(db(), "SELECT last_error FROM accounts WHERE id = ?", {accountId});
}

} // namespace baton::testing
