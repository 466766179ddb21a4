#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace baton::sandbox {

// Counts requests per key in fixed windows. A window opens at a key's first request (not at an epoch-aligned
// boundary as Rack::Attack does), so a test that makes N requests never sees the window roll over between them.
class RateLimiter final {
public:
    struct State {
        int limit = 0;
        int remaining = 0;
        qint64 resetAtMs = 0;
        bool limited = false;
    };

    RateLimiter(int limit, qint64 windowMs);
    Q_DISABLE_COPY_MOVE(RateLimiter)

    // Records one request for key at nowMs (wall clock) and says where the key stands.
    State hit(const QString& key, qint64 nowMs);
    int limit() const { return m_limit; }

private:
    struct Window {
        qint64 startMs = 0;
        int count = 0;
    };

    QMutex m_mutex;
    int m_limit;
    qint64 m_windowMs;
    QHash<QString, Window> m_windows;
};

} // namespace baton::sandbox
