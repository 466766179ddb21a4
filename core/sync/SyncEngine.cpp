#include "core/sync/SyncEngine.h"

#include "core/analysis/ItemScoring.h"
#include "core/common/Logging.h"
#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/sync/OutboxSender.h"

#include <QPointer>

namespace baton::sync {

struct SyncEngine::Run {
    model::Account account;
    std::shared_ptr<connectors::Connector> connector;
    QStringList streams;
    int streamIndex = -1;
    AccountSyncStatus status;
};

QString describeSyncState(const AccountSyncStatus& s) {
    switch (s.state) {
    case AccountSyncState::Idle:
        return QStringLiteral("idle");
    case AccountSyncState::Syncing:
        return QStringLiteral("syncing");
    case AccountSyncState::RateLimited:
        return QStringLiteral("rate-limited");
    case AccountSyncState::Error:
        return QStringLiteral("error");
    }
    return {};
}

SyncEngine::SyncEngine(store::Store& store, net::NetworkEngine& engine, SecretStoreFor secrets, const Clock& clock,
                       QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_engine(engine)
    , m_secrets(std::move(secrets))
    , m_clock(clock)
    , m_outbox(std::make_unique<OutboxSender>(store, *this, clock)) {
    qRegisterMetaType<baton::sync::AccountSyncStatus>();
}

SyncEngine::~SyncEngine() {
    qDeleteAll(m_runs);
}

void SyncEngine::syncAll() {
    // Snoozed items come back by themselves: each pass wakes those whose time has come.
    const qint64 now = m_clock.nowMs();
    m_store.writer().submit([now](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
        auto woke = store::ItemRepository::wakeSnoozed(db, now, changes);
        return woke ? Expected<void, Error>{} : unexpected(woke.error());
    });
    const auto accounts = store::AccountRepository::list(m_store.reader());
    bool started = false;
    for (const model::Account& a : accounts) {
        if (!m_runs.contains(a.id)) {
            startRun(a);
            started = true;
        }
    }
    if (!started && m_runs.isEmpty() && m_finishing == 0) {
        QMetaObject::invokeMethod(this, &SyncEngine::allFinished, Qt::QueuedConnection);
    }
}

void SyncEngine::syncAccount(qint64 accountId) {
    if (m_runs.contains(accountId)) {
        return;
    }
    if (auto a = store::AccountRepository::byId(m_store.reader(), accountId)) {
        startRun(*a);
    }
}

void SyncEngine::moderate(const model::Item& item, connectors::ModerationAction action, const QString& comment,
                          QObject* context, std::function<void(Expected<void, Error>)> done) {
    QPointer<QObject> guard(context);
    withConnector(item.accountId, [this, item, action, comment, guard,
                                   done = std::move(done)](Expected<connectors::Connector*, Error> c) mutable {
        if (!guard) {
            return;
        }
        if (!c) {
            done(unexpected(c.error()));
            return;
        }
        if (!(*c)->moderationActions(item).contains(action)) {
            done(unexpected(Error{
                ErrorCode::InvalidArgument,
                QStringLiteral("%1 is not possible on this item").arg(connectors::moderationActionName(action))}));
            return;
        }
        (*c)->moderate(action, item, comment, guard, [this, item, action, guard, done](Expected<bool, Error> outcome) {
            if (!outcome) {
                done(unexpected(outcome.error()));
                return;
            }
            const connectors::ModerationEffect effect = connectors::moderationEffect(item.network, action);
            if (!effect.visibility && !effect.status && !effect.deleted) {
                done({});
                return;
            }
            const qint64 now = m_clock.nowMs();
            m_store.writer().submit(
                [item, effect, now](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
                    if (effect.visibility) {
                        if (auto r = store::ItemRepository::setVisibility(db, item.id, *effect.visibility, changes);
                            !r) {
                            return r;
                        }
                    }
                    // Already settled by the user (done, archived, spam): the triage status stays theirs.
                    const bool open = item.status != model::Status::Done && item.status != model::Status::Archived &&
                                      item.status != model::Status::Spam;
                    if (effect.status && open) {
                        if (auto r = store::ItemRepository::setStatus(db, item.id, *effect.status, 0, changes); !r) {
                            return r;
                        }
                    }
                    if (effect.deleted) {
                        return store::ItemRepository::markDeleted(db, item.accountId, item.remoteId, now, changes);
                    }
                    return {};
                },
                guard, [done](Expected<void, Error> stored) { done(stored); });
        });
    });
}

void SyncEngine::withConnector(qint64 accountId, std::function<void(Expected<connectors::Connector*, Error>)> done) {
    if (auto it = m_connectors.constFind(accountId); it != m_connectors.constEnd()) {
        done(it->get());
        return;
    }
    const auto account = store::AccountRepository::byId(m_store.reader(), accountId);
    if (!account) {
        done(unexpected(Error{ErrorCode::NotFound, QStringLiteral("no account %1").arg(accountId)}));
        return;
    }
    secrets::SecretStore* secrets = m_secrets(*account);
    if (!secrets) {
        done(unexpected(Error{ErrorCode::SecretStore, QStringLiteral("%1: no secret store").arg(account->name)}));
        return;
    }
    secrets->read(account->secretKey(), this, [this, account = *account, done = std::move(done)](auto token) {
        if (!token) {
            Error e = token.error();
            e.detail = QStringLiteral("%1: cannot read its token: %2").arg(account.name, e.detail);
            done(unexpected(e));
            return;
        }
        std::shared_ptr<connectors::Connector> c = connectors::makeConnector(account, *token, m_engine);
        if (!c) {
            done(unexpected(Error{
                ErrorCode::InvalidArgument,
                QStringLiteral("%1: %2 is not supported yet").arg(account.name, model::toString(account.network))}));
            return;
        }
        // A connector that renews its own credentials (a rotated session) keeps them where the token was.
        c->setCredentialsSink([this, account](const QString& secret) {
            if (secrets::SecretStore* store = m_secrets(account)) {
                store->write(account.secretKey(), secret, this, [name = account.name](Expected<void, Error> r) {
                    if (!r) {
                        qCWarning(lcSync)
                            << "cannot keep the renewed credentials of" << name << ":" << r.error().toString();
                    }
                });
            }
        });
        m_connectors.insert(account.id, c);
        done(c.get());
    });
}

void SyncEngine::setStatus(qint64 accountId, const AccountSyncStatus& s) {
    m_status.insert(accountId, s);
    emit accountStatusChanged(accountId, s);
}

void SyncEngine::startRun(const model::Account& account) {
    auto* run = new Run;
    run->account = account;
    run->status.state = AccountSyncState::Syncing;
    m_runs.insert(account.id, run);
    setStatus(account.id, run->status);
    qCInfo(lcSync) << "sync started:" << account.name;
    withConnector(account.id, [this, run](Expected<connectors::Connector*, Error> c) {
        if (!c) {
            finishRun(run, c.error());
            return;
        }
        run->connector = m_connectors.value(run->account.id);
        run->streams = run->connector->streams();
        // Replies waiting to go out come first: they matter more than new mentions.
        m_outbox->flush(run->account.id, [this, run](int, int) { verifyThenStreams(run); });
    });
}

void SyncEngine::verifyThenStreams(Run* run) {
    if (!run->account.remoteId.isEmpty()) {
        nextStream(run);
        return;
    }
    run->connector->verify(this, [this, run](Expected<connectors::AccountInfo, Error> info) {
        if (!info) {
            finishRun(run, info.error());
            return;
        }
        run->account.remoteId = info->remoteId;
        run->account.handle = info->handle;
        const model::Account updated = run->account;
        m_store.writer().submit(
            [updated](store::Database& db, store::ChangeSet& changes) {
                return store::AccountRepository::update(db, updated, changes);
            },
            this,
            [this, run](Expected<void, Error> r) {
                if (!r) {
                    finishRun(run, r.error());
                    return;
                }
                // The connector was built before the account's own id was known.
                m_connectors.remove(run->account.id);
                withConnector(run->account.id, [this, run](Expected<connectors::Connector*, Error> c) {
                    if (!c) {
                        finishRun(run, c.error());
                        return;
                    }
                    run->connector = m_connectors.value(run->account.id);
                    nextStream(run);
                });
            });
    });
}

void SyncEngine::nextStream(Run* run) {
    ++run->streamIndex;
    if (run->streamIndex >= run->streams.size()) {
        finishRun(run, std::nullopt);
        return;
    }
    fetch(run, store::SyncStateRepository::get(m_store.reader(), run->account.id, run->streams[run->streamIndex]));
}

void SyncEngine::fetch(Run* run, store::SyncState state) {
    run->connector->fetchPage(state, this, [this, run, state](Expected<connectors::Page, Error> page) {
        if (!page) {
            const Error error = page.error();
            store::SyncState failed = state;
            failed.lastError = error.toString();
            m_store.writer().submit([failed](store::Database& db, store::ChangeSet& changes) {
                return store::SyncStateRepository::save(db, failed, changes);
            });
            finishRun(run, error);
            return;
        }
        const qint64 accountId = run->account.id;
        const qint64 now = m_clock.nowMs();
        auto shared = std::make_shared<connectors::Page>(std::move(*page));
        analysis::scoreItems(shared->items); // language and sentiment, before the page is stored
        analysis::scoreItems(shared->edits);
        shared->state.lastOkAt = now;
        shared->state.lastError.clear();
        auto stats = std::make_shared<store::UpsertStats>();
        m_store.writer().submit(
            [shared, stats, accountId, now](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
                auto r = store::ItemRepository::upsert(db, accountId, shared->items, now, changes);
                if (!r) {
                    return unexpected(r.error());
                }
                *stats = *r;
                auto edits = store::ItemRepository::applyEdits(db, accountId, shared->edits, now, changes);
                if (!edits) {
                    return unexpected(edits.error());
                }
                stats->updated += edits->updated;
                for (const QString& id : std::as_const(shared->deletedRemoteIds)) {
                    if (auto d = store::ItemRepository::markDeleted(db, accountId, id, now, changes); !d) {
                        return d;
                    }
                }
                for (const auto& [id, visibility] : std::as_const(shared->visibility)) {
                    if (auto v = store::ItemRepository::updateVisibility(db, accountId, id, visibility, changes); !v) {
                        return v;
                    }
                }
                if (auto s = store::SyncStateRepository::save(db, shared->state, changes); !s) {
                    return s;
                }
                return store::AccountRepository::setLastError(db, accountId, QString(), changes);
            },
            this,
            [this, run, shared, stats](Expected<void, Error> r) {
                if (!r) {
                    finishRun(run, r.error());
                    return;
                }
                run->status.inserted += stats->inserted;
                run->status.updated += stats->updated;
                ++run->status.pages;
                setStatus(run->account.id, run->status);
                if (shared->more) {
                    fetch(run, shared->state);
                } else {
                    nextStream(run);
                }
            });
    });
}

void SyncEngine::finishRun(Run* run, std::optional<Error> error) {
    const qint64 id = run->account.id;
    AccountSyncStatus s = run->status;
    s.finishedAt = m_clock.nowMs();
    QString message;
    if (error) {
        s.state = error->code == ErrorCode::RateLimited ? AccountSyncState::RateLimited : AccountSyncState::Error;
        s.rateLimitedUntil = error->code == ErrorCode::RateLimited ? error->retryAtMs : 0;
        s.error = *error;
        message = error->toString();
        qCWarning(lcSync) << "sync failed:" << message;
        if (error->code == ErrorCode::Unauthorized) {
            m_connectors.remove(id); // a new token may be stored before the next run
        }
    } else {
        s.state = AccountSyncState::Idle;
        qCInfo(lcSync) << "sync done:" << run->account.name << s.inserted << "new" << s.updated << "updated";
    }
    m_runs.remove(id);
    delete run;
    ++m_finishing;
    // The account's error (or its clearing) is committed before anyone hears that the run ended.
    const bool ok = !error.has_value();
    m_store.writer().submit(
        [id, message](store::Database& db, store::ChangeSet& changes) {
            return store::AccountRepository::setLastError(db, id, message, changes);
        },
        this,
        [this, id, s, ok](Expected<void, Error>) {
            --m_finishing;
            setStatus(id, s);
            emit accountFinished(id, ok);
            if (m_runs.isEmpty() && m_finishing == 0) {
                emit allFinished();
            }
        });
}

} // namespace baton::sync
