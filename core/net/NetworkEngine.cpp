#include "core/net/NetworkEngine.h"

#include "core/common/Logging.h"
#include "core/common/Time.h"
#include "core/net/CurlTransfer.h"
#include "core/net/RateLimiter.h"

#include <QRandomGenerator>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <curl/curl.h>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#ifdef Q_OS_LINUX
#include <pthread.h>
#endif

namespace baton::net {
namespace {

// Bounds every poll so that wall-clock jumps (and a FakeClock moved by a test) are noticed within a second.
constexpr int kMaxPollMs = 1000;
constexpr int kErrorBodyBytes = 200;
// Polite to servers and enough for HTTP/1.1; HTTP/2 multiplexes everything over one of them anyway.
constexpr long kMaxConnectionsPerHost = 8;

void ensureCurlGlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// State that may outlive the engine: captured by destroyed() connections and by callbacks already posted.
struct Shared {
    std::mutex wakeMutex;
    CURLM* multi = nullptr; // null once the engine is shutting down; guarded by wakeMutex
    std::atomic<bool> engineAlive{true};
    std::atomic<quint64> contextDeaths{0};

    void wake() {
        const std::lock_guard lock(wakeMutex);
        if (multi) {
            curl_multi_wakeup(multi);
        }
    }
};

// One per live context object. Its mutex orders "the context died" against "a callback is posted to it":
// QObject's destructor emits destroyed() before it removes the object's posted events, so a callback posted
// while alive is still true is either run or removed with the object, never run on a dead one.
struct ContextGuard {
    std::mutex mutex;
    bool alive = true;
    QMetaObject::Connection connection;
};

struct Job {
    RequestId id = 0;
    Request request;
    QString key;
    QString logUrl;
    QObject* context = nullptr;
    std::shared_ptr<ContextGuard> guard;
    std::function<void(Result)> done;
    std::optional<Error> rejected;
    qint64 dueMs = 0;
    int attempts = 0;
    int retries = 0;
    int waits429 = 0;
    std::unique_ptr<CurlTransfer> transfer; // set while on the wire
};

QString defaultLimiterKey(const QUrl& url) {
    const QString host = url.host().toLower();
    return url.port() >= 0 ? host + u':' + QString::number(url.port()) : host;
}

qint64 backoffMs(const Request& r, int retry) {
    const double base = double(qMax(1, r.backoffBaseMs)) * std::ldexp(1.0, qMin(retry, 30));
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble();
    return qMax<qint64>(0, qMin<qint64>(r.backoffCapMs, qint64(base * jitter)));
}

bool isRetryableStatus(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
}

Error httpError(const Job& job, const Response& r) {
    ErrorCode code = ErrorCode::HttpClient;
    switch (r.status) {
    case 401:
        code = ErrorCode::Unauthorized;
        break;
    case 403:
        code = ErrorCode::Forbidden;
        break;
    case 404:
        code = ErrorCode::NotFound;
        break;
    default:
        code = r.status >= 500 ? ErrorCode::HttpServer : ErrorCode::HttpClient;
        break;
    }
    QString detail =
        QStringLiteral("HTTP %1 from %2 %3").arg(r.status).arg(QString::fromLatin1(job.request.method), job.logUrl);
    if (!r.body.isEmpty()) {
        detail += QStringLiteral(": ") + QString::fromUtf8(r.body.left(kErrorBodyBytes));
    }
    return {code, detail, r.status};
}

} // namespace

QByteArray Response::header(QByteArrayView name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

class NetworkEngine::Private final {
public:
    explicit Private(const Clock& c)
        : clock(c) {}

    void run();
    bool drainQueues();
    void dropDeadContexts();
    void startDueJobs(qint64 now);
    void startJob(Job& job, qint64 now);
    void collectCompletions();
    void onDone(Job& job, CURLcode code);
    int pollTimeoutMs(qint64 now) const;
    bool retry(Job& job, const QString& reason, qint64 minDelayMs = 0);
    void rateLimited(Job& job, qint64 until, int httpStatus);
    void detach(Job& job);
    void deliver(Job& job, Result result);
    void finish(RequestId id);

    const Clock& clock;
    std::shared_ptr<Shared> shared = std::make_shared<Shared>();
    CURLM* multi = nullptr;
    RateLimiter limiter;
    std::thread thread;
    std::atomic<RequestId> nextId{1};
    std::atomic<std::size_t> pending{0};

    std::mutex mutex; // guards the members up to `guards`
    std::vector<std::unique_ptr<Job>> incoming;
    std::vector<RequestId> cancels;
    bool stopping = false;
    std::unordered_map<QObject*, std::weak_ptr<ContextGuard>> guards;
    std::size_t guardSweepAt = 64;

    // Network thread only; ordered by id so that requests on one bucket go out first come, first served.
    std::map<RequestId, std::unique_ptr<Job>> jobs;
    quint64 seenDeaths = 0;
};

NetworkEngine::NetworkEngine(const Clock& clock)
    : d(std::make_unique<Private>(clock)) {
    ensureCurlGlobalInit();
    d->multi = curl_multi_init();
    curl_multi_setopt(d->multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
    curl_multi_setopt(d->multi, CURLMOPT_MAX_HOST_CONNECTIONS, kMaxConnectionsPerHost);
    d->shared->multi = d->multi;
    d->thread = std::thread([p = d.get()] { p->run(); });
}

NetworkEngine::~NetworkEngine() {
    d->shared->engineAlive.store(false);
    {
        const std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->shared->wake();
    d->thread.join();
    {
        const std::lock_guard lock(d->shared->wakeMutex);
        d->shared->multi = nullptr;
    }
    curl_multi_cleanup(d->multi);
    const std::lock_guard lock(d->mutex);
    for (const auto& [context, weak] : d->guards) {
        if (const std::shared_ptr<ContextGuard> guard = weak.lock()) {
            QObject::disconnect(guard->connection);
        }
    }
}

QByteArray NetworkEngine::userAgent() {
    return QByteArrayLiteral("Baton/" BATON_VERSION " (+https://baton.community)");
}

qint64 NetworkEngine::blockedUntil(const QString& limiterKey) const {
    return d->limiter.blockedUntil(limiterKey, d->clock.nowMs());
}

std::size_t NetworkEngine::pendingRequests() const {
    return d->pending.load();
}

RequestId NetworkEngine::send(Request request, QObject* context, std::function<void(Result)> done) {
    auto job = std::make_unique<Job>();
    job->id = d->nextId.fetch_add(1);
    job->rejected = validateRequest(request);
    job->logUrl = redactedUrl(request.url);
    job->key = request.limiterKey.isEmpty() ? defaultLimiterKey(request.url) : request.limiterKey;
    job->request = std::move(request);
    job->context = context;
    job->done = std::move(done);
    const RequestId id = job->id;
    {
        const std::lock_guard lock(d->mutex);
        if (context) {
            std::weak_ptr<ContextGuard>& slot = d->guards[context];
            std::shared_ptr<ContextGuard> guard = slot.lock();
            if (guard) {
                // The address may belong to a new object after the old one died.
                bool alive = false;
                {
                    const std::lock_guard guardLock(guard->mutex);
                    alive = guard->alive;
                }
                if (!alive) {
                    guard.reset();
                }
            }
            if (!guard) {
                guard = std::make_shared<ContextGuard>();
                guard->connection = QObject::connect(
                    context, &QObject::destroyed, context,
                    [guard, shared = d->shared] {
                        {
                            const std::lock_guard guardLock(guard->mutex);
                            guard->alive = false;
                        }
                        shared->contextDeaths.fetch_add(1);
                        shared->wake();
                    },
                    Qt::DirectConnection);
                slot = guard;
            }
            job->guard = std::move(guard);
            if (d->guards.size() >= d->guardSweepAt) {
                std::erase_if(d->guards, [](const auto& entry) { return entry.second.expired(); });
                d->guardSweepAt = qMax<std::size_t>(64, d->guards.size() * 2);
            }
        }
        d->incoming.push_back(std::move(job));
        d->pending.fetch_add(1);
    }
    d->shared->wake();
    return id;
}

void NetworkEngine::cancel(RequestId id) {
    {
        const std::lock_guard lock(d->mutex);
        d->cancels.push_back(id);
    }
    d->shared->wake();
}

void NetworkEngine::Private::run() {
#ifdef Q_OS_LINUX
    pthread_setname_np(pthread_self(), "baton-net");
#endif
    for (;;) {
        if (!drainQueues()) {
            break;
        }
        dropDeadContexts();
        startDueJobs(clock.nowMs());
        int running = 0;
        curl_multi_perform(multi, &running);
        collectCompletions();
        curl_multi_poll(multi, nullptr, 0, pollTimeoutMs(clock.nowMs()), nullptr);
    }
    // Shutdown: nothing is delivered any more, in-flight transfers are simply dropped.
    for (auto& [id, job] : jobs) {
        if (job->transfer) {
            curl_multi_remove_handle(multi, job->transfer->handle());
        }
    }
    jobs.clear();
    pending.store(0);
}

bool NetworkEngine::Private::drainQueues() {
    std::vector<std::unique_ptr<Job>> newJobs;
    std::vector<RequestId> newCancels;
    {
        const std::lock_guard lock(mutex);
        if (stopping) {
            return false;
        }
        newJobs.swap(incoming);
        newCancels.swap(cancels);
    }
    for (std::unique_ptr<Job>& job : newJobs) {
        if (job->rejected) {
            const Error error = *job->rejected;
            deliver(*job, unexpected(error));
            pending.fetch_sub(1);
            continue;
        }
        job->dueMs = 0;
        if (job->request.clientLimit > 0) {
            limiter.setClientBudget(job->key, job->request.clientLimit, job->request.clientWindowMs);
        }
        const RequestId id = job->id;
        jobs.emplace(id, std::move(job));
    }
    for (const RequestId id : newCancels) {
        const auto it = jobs.find(id);
        if (it == jobs.end()) {
            continue; // already delivered, or never existed
        }
        detach(*it->second);
        deliver(*it->second, unexpected(Error{ErrorCode::Cancelled, QStringLiteral("cancelled"), 0}));
        finish(id);
    }
    return true;
}

void NetworkEngine::Private::dropDeadContexts() {
    const quint64 deaths = shared->contextDeaths.load();
    if (deaths == seenDeaths) {
        return;
    }
    seenDeaths = deaths;
    std::vector<RequestId> dead;
    for (const auto& [id, job] : jobs) {
        if (job->guard) {
            const std::lock_guard lock(job->guard->mutex);
            if (!job->guard->alive) {
                dead.push_back(id);
            }
        }
    }
    for (const RequestId id : dead) {
        Job& job = *jobs.at(id);
        qCDebug(lcNet).noquote() << "dropping" << job.request.method << job.logUrl << "- its context was destroyed";
        detach(job);
        finish(id);
    }
}

void NetworkEngine::Private::startDueJobs(qint64 now) {
    std::vector<RequestId> refused;
    for (auto& [id, job] : jobs) {
        if (job->transfer || job->dueMs > now) {
            continue;
        }
        if (limiter.mayStart(job->key, now)) {
            startJob(*job, now);
            continue;
        }
        const qint64 until = limiter.blockedUntil(job->key, now);
        if (until - now > job->request.maxRateLimitWaitMs) {
            rateLimited(*job, until, 0);
            refused.push_back(id);
        }
    }
    for (const RequestId id : refused) {
        finish(id);
    }
}

void NetworkEngine::Private::startJob(Job& job, qint64 now) {
    job.transfer = std::make_unique<CurlTransfer>(job.request, job.logUrl, &job);
    ++job.attempts;
    if (!job.transfer->handle() || curl_multi_add_handle(multi, job.transfer->handle()) != CURLM_OK) {
        // Out of memory or a broken multi handle: retrying immediately would spin, so wait like a failure.
        job.transfer.reset();
        job.dueMs = now + backoffMs(job.request, job.retries);
        qCWarning(lcNet).noquote() << "could not start" << job.request.method << job.logUrl;
        return;
    }
    limiter.started(job.key, now);
    qCDebug(lcNet).noquote() << job.request.method << job.logUrl << "attempt" << job.attempts;
}

void NetworkEngine::Private::collectCompletions() {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE) {
            continue;
        }
        void* owner = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &owner);
        // msg points into the easy handle, which onDone frees: read the result first.
        const CURLcode code = msg->data.result;
        onDone(*static_cast<Job*>(owner), code);
    }
}

void NetworkEngine::Private::onDone(Job& job, CURLcode code) {
    const RequestId id = job.id;
    const qint64 now = clock.nowMs();
    CurlTransfer::Outcome out = job.transfer->finish(code);
    curl_multi_remove_handle(multi, job.transfer->handle());
    job.transfer.reset();

    if (!out.response) {
        limiter.finished(job.key, RateLimitInfo{}, now);
        qCDebug(lcNet).noquote() << job.request.method << job.logUrl << "attempt" << job.attempts
                                 << "failed:" << errorCodeName(out.error.code);
        if (out.retryable && retry(job, out.error.detail)) {
            return;
        }
        deliver(job, unexpected(std::move(out.error)));
        finish(id);
        return;
    }

    Response& r = *out.response;
    r.attempts = job.attempts;
    const RateLimitInfo info = parseRateLimitHeaders(r, now);
    limiter.finished(job.key, info, now);
    qCDebug(lcNet).noquote() << job.request.method << job.logUrl << "->" << r.status << "attempt" << job.attempts;

    if (r.status == 429) {
        // A 429 means the request was refused before being processed, so repeating it is safe whatever the method.
        qint64 until = qMax(info.retryAfterMs, info.resetAtMs);
        until = until > now ? until + RateLimiter::kMarginMs : 0;
        if (job.waits429 < job.request.max429Waits) {
            ++job.waits429;
            if (until == 0) {
                // No hint, or a reset already past by our clock (skew): back off and hold the whole bucket.
                until = now + backoffMs(job.request, job.waits429 - 1);
            }
            limiter.holdUntil(job.key, until);
            if (until - now <= job.request.maxRateLimitWaitMs) {
                job.dueMs = until;
                qCInfo(lcNet).noquote() << "rate limited on" << job.key << "- waiting" << (until - now) << "ms";
                return;
            }
        }
        rateLimited(job, until, 429);
        finish(id);
        return;
    }
    if (isRetryableStatus(r.status)) {
        const qint64 retryAfter = info.retryAfterMs > now ? info.retryAfterMs - now : 0;
        if (retryAfter <= job.request.backoffCapMs && retry(job, QStringLiteral("HTTP %1").arg(r.status), retryAfter)) {
            return;
        }
    }
    if (r.status >= 400 && !(job.request.clientErrorsAsResponses && r.status < 500)) {
        deliver(job, unexpected(httpError(job, r)));
    } else {
        deliver(job, std::move(r));
    }
    finish(id);
}

bool NetworkEngine::Private::retry(Job& job, const QString& reason, qint64 minDelayMs) {
    if (!job.request.retrySafe || job.retries >= job.request.maxRetries) {
        return false;
    }
    const qint64 delay = qMax(minDelayMs, backoffMs(job.request, job.retries));
    ++job.retries;
    job.dueMs = clock.nowMs() + delay;
    qCDebug(lcNet).noquote() << "retrying" << job.request.method << job.logUrl << "in" << delay << "ms after" << reason;
    return true;
}

void NetworkEngine::Private::rateLimited(Job& job, qint64 until, int httpStatus) {
    const QString detail = QStringLiteral("rate limited on %1%2 (%3 %4)")
                               .arg(job.key, until > 0 ? QStringLiteral(" until ") + formatRfc3339(until) : QString(),
                                    QString::fromLatin1(job.request.method), job.logUrl);
    deliver(job, unexpected(Error{ErrorCode::RateLimited, detail, httpStatus, until}));
}

void NetworkEngine::Private::detach(Job& job) {
    if (job.transfer) {
        curl_multi_remove_handle(multi, job.transfer->handle());
        job.transfer.reset();
        limiter.finished(job.key, RateLimitInfo{}, clock.nowMs());
    }
}

void NetworkEngine::Private::finish(RequestId id) {
    if (jobs.erase(id) > 0) {
        pending.fetch_sub(1);
    }
}

int NetworkEngine::Private::pollTimeoutMs(qint64 now) const {
    qint64 next = now + kMaxPollMs;
    for (const auto& [id, job] : jobs) {
        if (job->transfer) {
            continue;
        }
        if (job->dueMs > now) {
            next = qMin(next, job->dueMs);
        } else if (limiter.mayStart(job->key, now)) {
            return 0;
        } else if (const qint64 until = limiter.blockedUntil(job->key, now); until > 0) {
            next = qMin(next, until);
        }
        // Otherwise it waits for a request of its bucket to finish, which wakes the poll through its socket.
    }
    return int(std::clamp<qint64>(next - now, 0, kMaxPollMs));
}

void NetworkEngine::Private::deliver(Job& job, Result result) {
    if (!result.hasValue() && result.error().code != ErrorCode::Cancelled) {
        qCWarning(lcNet).noquote() << result.error().toString();
    }
    if (!job.done) {
        return;
    }
    if (!job.context) {
        job.done(std::move(result));
        return;
    }
    const std::lock_guard lock(job.guard->mutex);
    if (!job.guard->alive) {
        return;
    }
    QMetaObject::invokeMethod(
        job.context,
        [done = std::move(job.done), result = std::move(result), shared = shared]() mutable {
            if (shared->engineAlive.load()) {
                done(std::move(result));
            }
        },
        Qt::QueuedConnection);
}

} // namespace baton::net
