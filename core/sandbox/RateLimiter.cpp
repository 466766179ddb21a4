#include "core/sandbox/RateLimiter.h"

namespace baton::sandbox {

RateLimiter::RateLimiter(int limit, qint64 windowMs)
    : m_limit(qMax(1, limit))
    , m_windowMs(qMax<qint64>(1, windowMs)) {
}

RateLimiter::State RateLimiter::hit(const QString& key, qint64 nowMs) {
    const QMutexLocker lock(&m_mutex);
    Window& window = m_windows[key];
    if (window.count == 0 || nowMs >= window.startMs + m_windowMs) {
        window.startMs = nowMs;
        window.count = 0;
    }
    ++window.count;
    State state;
    state.limit = m_limit;
    state.remaining = qMax(0, m_limit - window.count);
    state.resetAtMs = window.startMs + m_windowMs;
    state.limited = window.count > m_limit;
    return state;
}

} // namespace baton::sandbox
