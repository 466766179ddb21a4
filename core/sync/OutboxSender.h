#pragma once

#include "core/common/Clock.h"
#include "core/model/OutboxEntry.h"
#include "core/store/Store.h"

#include <QObject>
#include <QSet>
#include <functional>

namespace baton::sync {

class SyncEngine;

// Sends due outbox entries. An entry is marked "sending" (committed) before the network call and is sent again
// after a crash; the connector's idempotency makes that safe. Transient failures back off; permanent ones keep
// the text and show the reason.
class OutboxSender final : public QObject {
    Q_OBJECT
public:
    OutboxSender(store::Store& store, SyncEngine& sync, const Clock& clock, QObject* parent = nullptr);

    // Sends every due entry of the account (0: all accounts). done(sent, failed) when none is in flight.
    void flush(qint64 accountId, std::function<void(int sent, int failed)> done = {});
    bool isBusy() const { return !m_inFlight.isEmpty(); }

    // Retry delay after a failed attempt: 30 s doubling to 1 h, with jitter.
    static qint64 backoffMs(int attempts);

signals:
    void entryChanged(qint64 outboxId, baton::model::OutboxState state, const QString& error);

private:
    void sendOne(const model::OutboxEntry& entry, std::function<void(bool sent)> done);

    store::Store& m_store;
    SyncEngine& m_sync;
    const Clock& m_clock;
    QSet<qint64> m_inFlight;
};

} // namespace baton::sync
