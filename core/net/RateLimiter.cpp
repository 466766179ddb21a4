#include "core/net/RateLimiter.h"

#include "core/common/Time.h"

#include <cmath>
#include <curl/curl.h>
#include <limits>

namespace baton::net {
namespace {

std::optional<double> parseNumber(const QByteArray& value) {
    bool ok = false;
    const double v = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0) {
        return std::nullopt;
    }
    return v;
}

QByteArray firstHeader(const Response& response, std::initializer_list<QByteArrayView> names) {
    for (const QByteArrayView name : names) {
        const QByteArray v = response.header(name).trimmed();
        if (!v.isEmpty()) {
            return v;
        }
    }
    return {};
}

// Reset values come as an RFC 3339 time (Mastodon, any number of fraction digits), epoch seconds (Bluesky), or
// seconds until the reset (Reddit, the IETF draft), sometimes as a float string.
qint64 parseReset(const QByteArray& value, qint64 nowMs) {
    if (value.isEmpty()) {
        return 0;
    }
    if (value.contains('-') || value.contains('T') || value.contains(':')) {
        if (const std::optional<qint64> ms = parseRfc3339(QString::fromLatin1(value))) {
            return *ms;
        }
        const time_t t = curl_getdate(value.constData(), nullptr);
        return t > 0 ? qint64(t) * 1000 : 0;
    }
    const std::optional<double> v = parseNumber(value);
    if (!v) {
        return 0;
    }
    if (*v > 1e12) {
        return static_cast<qint64>(*v); // epoch milliseconds
    }
    if (*v > 1e9) {
        return static_cast<qint64>(std::llround(*v * 1000.0));
    }
    return nowMs + static_cast<qint64>(std::llround(*v * 1000.0));
}

qint64 parseRetryAfter(const QByteArray& value, qint64 nowMs) {
    if (value.isEmpty()) {
        return 0;
    }
    if (const std::optional<double> seconds = parseNumber(value)) {
        return nowMs + static_cast<qint64>(std::llround(*seconds * 1000.0));
    }
    // curl_getdate() understands all three HTTP-date forms (IMF-fixdate, RFC 850, asctime).
    const time_t t = curl_getdate(value.constData(), nullptr);
    return t > 0 ? qint64(t) * 1000 : 0;
}

} // namespace

RateLimitInfo parseRateLimitHeaders(const Response& response, qint64 nowMs) {
    RateLimitInfo info;
    const QByteArray remaining = firstHeader(response, {"x-ratelimit-remaining", "ratelimit-remaining"});
    if (const std::optional<double> v = parseNumber(remaining)) {
        info.remaining = static_cast<int>(qMin(std::floor(*v), double(std::numeric_limits<int>::max())));
    }
    if (const std::optional<double> v = parseNumber(firstHeader(response, {"x-ratelimit-limit", "ratelimit-limit"}))) {
        info.limit = static_cast<int>(qMin(std::floor(*v), double(std::numeric_limits<int>::max())));
    } else if (const std::optional<double> used = parseNumber(firstHeader(response, {"x-ratelimit-used"}));
               used && info.remaining >= 0) {
        info.limit =
            static_cast<int>(qMin(std::floor(*used) + info.remaining, double(std::numeric_limits<int>::max())));
    }
    info.resetAtMs = parseReset(firstHeader(response, {"x-ratelimit-reset", "ratelimit-reset"}), nowMs);
    info.retryAfterMs = parseRetryAfter(response.header("retry-after").trimmed(), nowMs);
    return info;
}

qint64 RateLimiter::clientReadyAt(const Bucket& b, qint64 nowMs) {
    if (b.clientLimit <= 0 || b.starts.size() < b.clientLimit) {
        return 0;
    }
    // The oldest of the last clientLimit starts must have left the window.
    const qint64 ready = b.starts.at(b.starts.size() - b.clientLimit) + b.clientWindowMs;
    return ready > nowMs ? ready : 0;
}

qint64 RateLimiter::blockedUntil(const QString& key, qint64 nowMs) const {
    const std::lock_guard lock(m_mutex);
    const auto it = m_buckets.constFind(key);
    if (it == m_buckets.cend()) {
        return 0;
    }
    const qint64 until = qMax(it->holdUntilMs > nowMs ? it->holdUntilMs : 0, clientReadyAt(*it, nowMs));
    return until;
}

bool RateLimiter::mayStart(const QString& key, qint64 nowMs) const {
    const std::lock_guard lock(m_mutex);
    const auto it = m_buckets.constFind(key);
    if (it == m_buckets.cend()) {
        return true;
    }
    if (it->holdUntilMs > nowMs || clientReadyAt(*it, nowMs) > 0) {
        return false;
    }
    if (it->remaining >= 0 && it->resetAtMs > nowMs) {
        return it->inFlight < it->remaining;
    }
    // The window has passed: the new one holds at most the limit, so a queue of waiting requests cannot all
    // start at once and overrun it before the first answer says how much is left.
    if (it->limit > 0) {
        return it->inFlight < it->limit;
    }
    return true;
}

void RateLimiter::started(const QString& key, qint64 nowMs) {
    const std::lock_guard lock(m_mutex);
    Bucket& b = m_buckets[key];
    ++b.inFlight;
    if (b.clientLimit > 0) {
        while (!b.starts.isEmpty() && b.starts.constFirst() <= nowMs - b.clientWindowMs) {
            b.starts.removeFirst();
        }
        b.starts.append(nowMs);
    }
}

void RateLimiter::setClientBudget(const QString& key, int limit, qint64 windowMs) {
    const std::lock_guard lock(m_mutex);
    if (limit <= 0 && !m_buckets.contains(key)) {
        return;
    }
    Bucket& b = m_buckets[key];
    b.clientLimit = qMax(0, limit);
    b.clientWindowMs = qMax<qint64>(1, windowMs);
    if (b.clientLimit == 0) {
        b.starts.clear();
    }
}

void RateLimiter::finished(const QString& key, const RateLimitInfo& info, qint64 nowMs) {
    const std::lock_guard lock(m_mutex);
    Bucket& b = m_buckets[key];
    b.inFlight = qMax(0, b.inFlight - 1);
    if (info.remaining >= 0) {
        // Answers to requests in flight together may be read out of order: within one window the smallest
        // remaining is the true one, or a late, stale answer would let too many start.
        const bool sameWindow = b.remaining >= 0 && b.resetAtMs > nowMs && info.resetAtMs > 0 &&
                                qAbs(info.resetAtMs - b.resetAtMs) < kSameWindowMs;
        b.remaining = sameWindow ? qMin(b.remaining, info.remaining) : info.remaining;
    }
    if (info.limit > 0) {
        b.limit = info.limit;
    }
    if (info.resetAtMs > 0) {
        b.resetAtMs = info.resetAtMs;
    }
    if (b.remaining == 0 && b.resetAtMs > nowMs) {
        b.holdUntilMs = qMax(b.holdUntilMs, b.resetAtMs + kMarginMs);
    }
}

void RateLimiter::holdUntil(const QString& key, qint64 untilMs) {
    const std::lock_guard lock(m_mutex);
    Bucket& b = m_buckets[key];
    b.holdUntilMs = qMax(b.holdUntilMs, untilMs);
}

} // namespace baton::net
