#pragma once

#include <QElapsedTimer>
#include <QString>

namespace baton::sandbox {

// The sandbox's notion of "now": starts at a chosen instant and advances with real time, so a fixed start gives
// deterministic history while live items still arrive in order. Also formats the timestamps the protocols use.
class SandboxClock final {
public:
    explicit SandboxClock(qint64 startMs = 0); // 0 = start at the wall clock

    qint64 nowMs() const;
    qint64 startMs() const { return m_startMs; }

    static qint64 wallMs();
    static QString rfc3339Millis(qint64 ms);   // 2024-05-01T12:35:00.123Z
    static QString iso8601Micros(qint64 ms);   // 2024-05-01T12:35:00.123000Z
    static QString midnightRfc3339(qint64 ms); // 2024-05-01T00:00:00.000Z
    static QString date(qint64 ms);            // 2024-05-01
    static QByteArray httpDate(qint64 ms);     // Wed, 01 May 2024 12:35:00 GMT
    static int weekday(qint64 ms);             // 0 = Sunday
    static int hourOfDay(qint64 ms);

private:
    qint64 m_startMs;
    QElapsedTimer m_elapsed;
};

} // namespace baton::sandbox
