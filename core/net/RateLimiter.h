#pragma once

#include "core/net/NetworkEngine.h"

#include <QHash>
#include <QList>
#include <QString>
#include <mutex>

namespace baton::net {

// Per-bucket state learnt from responses. The network thread updates it; blockedUntil() may be read from any
// thread, hence the mutex.
class RateLimiter final {
public:
    // Sent after a reset or Retry-After time so that a server whose clock is a little behind ours has reset too.
    static constexpr qint64 kMarginMs = 50;
    // Two answers whose reset times are closer than this describe the same window (reset times given in seconds
    // from now drift by the time between the answers).
    static constexpr qint64 kSameWindowMs = 500;

    RateLimiter() = default;
    Q_DISABLE_COPY_MOVE(RateLimiter)

    // The time before which nothing may be sent on key, or 0 when it is not held.
    qint64 blockedUntil(const QString& key, qint64 nowMs) const;
    // Not held, and (when the server told us the remaining budget of the current window) fewer requests in
    // flight than that budget, so a burst of queued requests cannot overrun the limit.
    bool mayStart(const QString& key, qint64 nowMs) const;

    void started(const QString& key, qint64 nowMs);
    // A request finished with a response whose headers said info (all fields unknown when there was none).
    void finished(const QString& key, const RateLimitInfo& info, qint64 nowMs);
    void holdUntil(const QString& key, qint64 untilMs);
    // Our own pacing for a bucket: at most limit starts in any window (limit 0 removes it).
    void setClientBudget(const QString& key, int limit, qint64 windowMs);

private:
    struct Bucket {
        int remaining = -1;
        int limit = -1; // per window, once a response said it
        qint64 resetAtMs = 0;
        qint64 holdUntilMs = 0;
        int inFlight = 0;
        int clientLimit = 0;
        qint64 clientWindowMs = 0;
        QList<qint64> starts; // start times within the client window, oldest first
    };
    // When the client budget lets the next request start (0: now). Called with the mutex held.
    static qint64 clientReadyAt(const Bucket& b, qint64 nowMs);

    mutable std::mutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace baton::net
