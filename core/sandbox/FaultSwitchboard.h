#pragma once

#include <QList>
#include <QMutex>
#include <QString>
#include <optional>

namespace baton::sandbox {

enum class FaultKind {
    Reset,              // connection reset before the request is handled (TCP RST, no response)
    ResetAfterHandling, // the request takes effect, then the connection is reset: the client cannot know
    Truncate,           // Content-Length announces the whole body, half of it is sent, then the connection closes
    BadJson,            // the handled response's body is replaced with invalid JSON
    ServerError,        // 503 with a JSON error body; the request is not handled
    BadGateway,         // 502 with the HTML page a reverse proxy sends; the request is not handled
};

QString faultName(FaultKind kind);

// What the server does to requests instead of (or besides) answering them. Thread-safe: tests arm it from their
// thread while the server thread consults it. Path prefixes match the full request path ("/mastodon/api/v1/...");
// an empty prefix matches every request. Times are wall-clock milliseconds since the epoch.
class FaultSwitchboard final {
public:
    struct Decision {
        int latencyMs = 0;
        std::optional<FaultKind> fault;
        qint64 rateLimitedUntilMs = 0; // > 0: answer with the network's own 429
    };

    FaultSwitchboard() = default;
    Q_DISABLE_COPY_MOVE(FaultSwitchboard)

    // Every response is held back this long (the request itself is handled on arrival).
    void setLatencyMs(int ms);
    int latencyMs() const;
    // The next `count` requests under pathPrefix get `kind`; several arms are consumed in the order given.
    void failNext(FaultKind kind, int count = 1, const QString& pathPrefix = {});
    // Every request under pathPrefix gets the network's 429 until untilMs (wall clock).
    void rateLimitUntil(qint64 untilMs, const QString& pathPrefix = {});
    // Removes latency, armed faults and rate-limit windows.
    void clear();
    // Armed faults not yet consumed.
    int pendingFaults() const;

    // Called by the server for each request: consumes an armed fault if one matches.
    Decision decide(const QString& path, qint64 wallNowMs);

private:
    struct Armed {
        FaultKind kind;
        int remaining;
        QString prefix;
    };
    struct Window {
        qint64 untilMs;
        QString prefix;
    };

    mutable QMutex m_mutex;
    int m_latencyMs = 0;
    QList<Armed> m_armed;
    QList<Window> m_windows;
};

} // namespace baton::sandbox
