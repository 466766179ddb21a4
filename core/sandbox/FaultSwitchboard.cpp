#include "core/sandbox/FaultSwitchboard.h"

namespace baton::sandbox {

namespace {

bool matches(const QString& prefix, const QString& path) {
    return prefix.isEmpty() || path.startsWith(prefix);
}

} // namespace

QString faultName(FaultKind kind) {
    switch (kind) {
    case FaultKind::Reset:
        return QStringLiteral("reset");
    case FaultKind::ResetAfterHandling:
        return QStringLiteral("reset-after-handling");
    case FaultKind::Truncate:
        return QStringLiteral("truncate");
    case FaultKind::BadJson:
        return QStringLiteral("bad-json");
    case FaultKind::ServerError:
        return QStringLiteral("server-error");
    case FaultKind::BadGateway:
        return QStringLiteral("bad-gateway");
    }
    return {};
}

void FaultSwitchboard::setLatencyMs(int ms) {
    const QMutexLocker lock(&m_mutex);
    m_latencyMs = qMax(0, ms);
}

int FaultSwitchboard::latencyMs() const {
    const QMutexLocker lock(&m_mutex);
    return m_latencyMs;
}

void FaultSwitchboard::failNext(FaultKind kind, int count, const QString& pathPrefix) {
    if (count <= 0) {
        return;
    }
    const QMutexLocker lock(&m_mutex);
    m_armed.append({kind, count, pathPrefix});
}

void FaultSwitchboard::rateLimitUntil(qint64 untilMs, const QString& pathPrefix) {
    const QMutexLocker lock(&m_mutex);
    m_windows.append({untilMs, pathPrefix});
}

void FaultSwitchboard::clear() {
    const QMutexLocker lock(&m_mutex);
    m_latencyMs = 0;
    m_armed.clear();
    m_windows.clear();
}

int FaultSwitchboard::pendingFaults() const {
    const QMutexLocker lock(&m_mutex);
    int total = 0;
    for (const Armed& armed : m_armed) {
        total += armed.remaining;
    }
    return total;
}

FaultSwitchboard::Decision FaultSwitchboard::decide(const QString& path, qint64 wallNowMs) {
    const QMutexLocker lock(&m_mutex);
    Decision decision;
    decision.latencyMs = m_latencyMs;
    for (auto it = m_armed.begin(); it != m_armed.end(); ++it) {
        if (matches(it->prefix, path)) {
            decision.fault = it->kind;
            if (--it->remaining <= 0) {
                m_armed.erase(it);
            }
            return decision;
        }
    }
    m_windows.removeIf([wallNowMs](const Window& w) { return w.untilMs <= wallNowMs; });
    for (const Window& window : std::as_const(m_windows)) {
        if (matches(window.prefix, path)) {
            decision.rateLimitedUntilMs = qMax(decision.rateLimitedUntilMs, window.untilMs);
        }
    }
    return decision;
}

} // namespace baton::sandbox
