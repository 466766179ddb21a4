#include "core/sync/OutboxSender.h"

#include "core/common/Logging.h"
#include "core/store/OutboxRepository.h"
#include "core/sync/SyncEngine.h"

#include <QRandomGenerator>

namespace baton::sync {
namespace {

// Failures worth another attempt later; anything else needs the user (edit the text, re-authenticate...).
bool isTransient(ErrorCode c) {
    switch (c) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::RateLimited:
    case ErrorCode::HttpServer:
    case ErrorCode::Truncated:
    case ErrorCode::BadResponse:
        return true;
    default:
        return false;
    }
}

// Mastodon keeps an idempotency key for an hour; past that a resend could post twice, so an entry whose
// fate is unknown for that long is handed to the user as "check" instead.
constexpr qint64 kIdempotencyWindowMs = 55LL * 60 * 1000;

} // namespace

OutboxSender::OutboxSender(store::Store& store, SyncEngine& sync, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_sync(sync)
    , m_clock(clock) {
}

qint64 OutboxSender::backoffMs(int attempts) {
    const qint64 base = 30'000LL << std::min(attempts, 7);
    const qint64 capped = std::min<qint64>(base, 3'600'000);
    return capped / 2 + QRandomGenerator::global()->bounded(capped / 2 + 1);
}

void OutboxSender::flush(qint64 accountId, std::function<void(int, int)> done) {
    const qint64 now = m_clock.nowMs();
    QList<model::OutboxEntry> due = store::OutboxRepository::due(m_store.reader(), now, accountId);
    due.erase(std::remove_if(due.begin(), due.end(), [this](const auto& e) { return m_inFlight.contains(e.id); }),
              due.end());
    if (due.isEmpty()) {
        if (done) {
            done(0, 0);
        }
        return;
    }
    struct Tally {
        int pending = 0;
        int sent = 0;
        int failed = 0;
        std::function<void(int, int)> done;
    };
    auto tally = std::make_shared<Tally>();
    tally->pending = static_cast<int>(due.size());
    tally->done = std::move(done);
    for (const model::OutboxEntry& e : std::as_const(due)) {
        sendOne(e, [tally](bool sent) {
            (sent ? tally->sent : tally->failed)++;
            if (--tally->pending == 0 && tally->done) {
                tally->done(tally->sent, tally->failed);
            }
        });
    }
}

void OutboxSender::sendOne(const model::OutboxEntry& entry, std::function<void(bool)> done) {
    m_inFlight.insert(entry.id);
    const qint64 id = entry.id;
    auto finish = [this, id, done](bool sent) {
        m_inFlight.remove(id);
        done(sent);
    };
    if (entry.state == model::OutboxState::Sending && m_clock.nowMs() - entry.createdAt > kIdempotencyWindowMs) {
        const QString why = QStringLiteral("interrupted while sending; check whether it was posted before resending");
        m_store.writer().submit(
            [id, why](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
                store::Statement st(db, "UPDATE outbox SET state = 'check', last_error = ? WHERE id = ?");
                st.bind(1, why).bind(2, id);
                changes.outboxChanged = true;
                return st.exec();
            },
            this,
            [this, id, why, finish](Expected<void, Error>) {
                emit entryChanged(id, model::OutboxState::Check, why);
                finish(false);
            });
        return;
    }
    // Committed as "sending" before any byte goes out: a crash from here on resends with the same key.
    m_store.writer().submit(
        [id](store::Database& db, store::ChangeSet& changes) {
            return store::OutboxRepository::markSending(db, id, changes);
        },
        this,
        [this, entry, finish](Expected<void, Error> marked) {
            if (!marked) {
                finish(false);
                return;
            }
            emit entryChanged(entry.id, model::OutboxState::Sending, {});
            m_sync.withConnector(entry.accountId, [this, entry, finish](Expected<connectors::Connector*, Error> c) {
                auto onResult = [this, entry, finish](Expected<model::Item, Error> posted) {
                    const qint64 now = m_clock.nowMs();
                    const qint64 entryId = entry.id;
                    if (posted) {
                        model::Item item = *posted;
                        item.accountId = entry.accountId;
                        m_store.writer().submit(
                            [entryId, item, now](store::Database& db, store::ChangeSet& changes) {
                                return store::OutboxRepository::markSent(db, entryId, item, now, changes);
                            },
                            this,
                            [this, entryId, finish](Expected<void, Error> r) {
                                emit entryChanged(entryId, r ? model::OutboxState::Sent : model::OutboxState::Sending,
                                                  r ? QString() : r.error().toString());
                                finish(r.hasValue());
                            });
                        return;
                    }
                    const Error err = posted.error();
                    const QString message = err.toString();
                    qCWarning(lcSync) << "reply" << entryId << "not sent:" << message;
                    const bool retry = isTransient(err.code);
                    const qint64 next = now + backoffMs(entry.attempts + 1);
                    m_store.writer().submit(
                        [entryId, message, retry, next](store::Database& db, store::ChangeSet& changes) {
                            return retry ? store::OutboxRepository::markRetry(db, entryId, message, next, changes)
                                         : store::OutboxRepository::markFailed(db, entryId, message, changes);
                        },
                        this,
                        [this, entryId, retry, message, finish](Expected<void, Error>) {
                            emit entryChanged(entryId, retry ? model::OutboxState::Queued : model::OutboxState::Failed,
                                              message);
                            finish(false);
                        });
                };
                if (!c) {
                    onResult(unexpected(c.error()));
                    return;
                }
                (*c)->postReply(entry, this, onResult);
            });
        });
}

} // namespace baton::sync
