#pragma once

#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <QObject>
#include <functional>
#include <memory>

namespace baton::store {

// The one thread that writes. Jobs queued from any thread are batched into a single transaction until the
// queue drains; each job runs inside its own SAVEPOINT so a failing job rolls back alone. After the commit
// the callbacks run on their context's thread and changed() carries the merged change set.
class StoreWriter final : public QObject {
    Q_OBJECT
public:
    using Job = std::function<Expected<void, Error>(Database&, ChangeSet&)>;
    using Done = std::function<void(Expected<void, Error>)>;

    explicit StoreWriter(QObject* parent = nullptr);
    ~StoreWriter() override; // drains the queue, then stops
    Q_DISABLE_COPY_MOVE(StoreWriter)

    // Opens the file on the writer thread and migrates it. Blocks until done.
    Expected<void, Error> open(const QString& path);
    void close();

    void submit(Job job, QObject* context = nullptr, Done done = {});
    // Submits and waits for the commit. For the command line and tests; never call it from the GUI thread.
    Expected<void, Error> run(Job job);

    // Jobs per transaction at most; a full queue is split into several transactions.
    void setMaxBatch(int jobs);
    qint64 transactionsCommitted() const;

signals:
    void changed(const baton::store::ChangeSet& changes);

private:
    Expected<void, Error> runRaw(std::function<Expected<void, Error>()> fn);
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace baton::store
