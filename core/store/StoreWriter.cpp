#include "core/store/StoreWriter.h"

#include "core/common/Logging.h"
#include "core/store/Migrations.h"

#include <QPointer>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace baton::store {

struct QueuedJob {
    StoreWriter::Job job;
    QPointer<QObject> context;
    bool hasContext = false;
    StoreWriter::Done done;
    std::promise<Expected<void, Error>>* waiter = nullptr;
    std::function<Expected<void, Error>()> raw; // runs alone, outside any transaction (open, close)
};

class StoreWriter::Private {
public:
    explicit Private(StoreWriter* q)
        : q(q) {}

    StoreWriter* q;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<QueuedJob> queue;
    bool stopping = false;
    int maxBatch = 5000;
    std::atomic<qint64> commits{0};
    Database db;

    void loop();
    void runBatch(std::deque<QueuedJob>& batch);
};

void StoreWriter::Private::loop() {
    for (;;) {
        std::deque<QueuedJob> batch;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return stopping || !queue.empty(); });
            if (queue.empty() && stopping) {
                return;
            }
            if (queue.front().raw) {
                batch.push_back(std::move(queue.front()));
                queue.pop_front();
            } else {
                const auto n = std::min<std::size_t>(queue.size(), static_cast<std::size_t>(maxBatch));
                for (std::size_t i = 0; i < n && !queue.front().raw; ++i) {
                    batch.push_back(std::move(queue.front()));
                    queue.pop_front();
                }
            }
        }
        if (batch.front().raw) {
            batch.front().waiter->set_value(batch.front().raw());
            continue;
        }
        runBatch(batch);
    }
}

void StoreWriter::Private::runBatch(std::deque<QueuedJob>& batch) {
    std::vector<Expected<void, Error>> results;
    results.reserve(batch.size());
    ChangeSet merged;
    if (!db.isOpen()) {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            results.emplace_back(unexpected(Error{ErrorCode::Database, QStringLiteral("the store is not open")}));
        }
    } else {
        Transaction tx(db);
        if (!tx.isActive()) {
            for (std::size_t i = 0; i < batch.size(); ++i) {
                results.emplace_back(unexpected(tx.error()));
            }
        } else {
            for (auto& queued : batch) {
                (void)db.exec("SAVEPOINT job");
                ChangeSet changes;
                Expected<void, Error> r = queued.job(db, changes);
                if (r) {
                    (void)db.exec("RELEASE job");
                    merged.merge(changes);
                } else {
                    qCWarning(lcStore) << "store job failed, rolled back alone:" << r.error().toString();
                    (void)db.exec("ROLLBACK TO job");
                    (void)db.exec("RELEASE job");
                }
                results.push_back(std::move(r));
            }
            if (auto c = tx.commit(); !c) {
                qCWarning(lcStore) << "commit failed:" << c.error().toString();
                for (auto& r : results) {
                    if (r) {
                        r = unexpected(c.error());
                    }
                }
                merged = {};
            } else {
                commits.fetch_add(1);
            }
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        QueuedJob& queued = batch[i];
        if (queued.waiter) {
            queued.waiter->set_value(results[i]);
        }
        if (queued.done && (!queued.hasContext || queued.context)) {
            QObject* target = queued.hasContext ? queued.context.data() : q;
            QMetaObject::invokeMethod(
                target, [done = std::move(queued.done), r = results[i]] { done(r); }, Qt::QueuedConnection);
        }
    }
    if (!merged.isEmpty()) {
        emit q->changed(merged);
    }
}

StoreWriter::StoreWriter(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this)) {
    qRegisterMetaType<baton::store::ChangeSet>();
    d->thread = std::thread([this] { d->loop(); });
}

StoreWriter::~StoreWriter() {
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    d->thread.join();
    d->db.close(); // the thread has ended: closing here is the last use of the connection
}

Expected<void, Error> StoreWriter::open(const QString& path) {
    // The connection is opened and used on the writer thread only.
    return runRaw([this, path]() -> Expected<void, Error> {
        if (auto r = d->db.open(path); !r) {
            return r;
        }
        if (auto r = migrate(d->db); !r) {
            d->db.close();
            return r;
        }
        return {};
    });
}

void StoreWriter::close() {
    (void)runRaw([this]() -> Expected<void, Error> {
        d->db.close();
        return {};
    });
}

Expected<void, Error> StoreWriter::runRaw(std::function<Expected<void, Error>()> fn) {
    std::promise<Expected<void, Error>> promise;
    auto future = promise.get_future();
    {
        std::lock_guard lock(d->mutex);
        QueuedJob q;
        q.raw = std::move(fn);
        q.waiter = &promise;
        d->queue.push_back(std::move(q));
    }
    d->wake.notify_one();
    return future.get();
}

void StoreWriter::submit(Job job, QObject* context, Done done) {
    {
        std::lock_guard lock(d->mutex);
        QueuedJob q;
        q.job = std::move(job);
        q.context = context;
        q.hasContext = context != nullptr;
        q.done = std::move(done);
        d->queue.push_back(std::move(q));
    }
    d->wake.notify_one();
}

Expected<void, Error> StoreWriter::run(Job job) {
    std::promise<Expected<void, Error>> promise;
    auto future = promise.get_future();
    {
        std::lock_guard lock(d->mutex);
        QueuedJob q;
        q.job = std::move(job);
        q.waiter = &promise;
        d->queue.push_back(std::move(q));
    }
    d->wake.notify_one();
    return future.get();
}

void StoreWriter::setMaxBatch(int jobs) {
    std::lock_guard lock(d->mutex);
    d->maxBatch = std::max(1, jobs);
}

qint64 StoreWriter::transactionsCommitted() const {
    return d->commits.load();
}

} // namespace baton::store
