#include "core/sandbox/SandboxClock.h"

#include <QDateTime>
#include <cstdio>

namespace baton::sandbox {

namespace {

constexpr qint64 kMsPerDay = 86400000;

struct Civil {
    qint64 year;
    unsigned month;
    unsigned day;
    int hour;
    int minute;
    int second;
    int millis;
};

qint64 floorDiv(qint64 a, qint64 b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Howard Hinnant's civil_from_days: exact for the proleptic Gregorian calendar, no locale or time zone involved.
Civil civil(qint64 ms) {
    const qint64 days = floorDiv(ms, kMsPerDay);
    const qint64 inDay = ms - days * kMsPerDay;
    const qint64 z = days + 719468;
    const qint64 era = floorDiv(z, 146097);
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    Civil c{};
    c.year = static_cast<qint64>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    c.month = m;
    c.day = d;
    c.hour = static_cast<int>(inDay / 3600000);
    c.minute = static_cast<int>(inDay / 60000 % 60);
    c.second = static_cast<int>(inDay / 1000 % 60);
    c.millis = static_cast<int>(inDay % 1000);
    return c;
}

} // namespace

SandboxClock::SandboxClock(qint64 startMs)
    : m_startMs(startMs != 0 ? startMs : wallMs()) {
    m_elapsed.start();
}

qint64 SandboxClock::nowMs() const {
    return m_startMs + m_elapsed.elapsed();
}

qint64 SandboxClock::wallMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QString SandboxClock::rfc3339Millis(qint64 ms) {
    const Civil c = civil(ms);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(c.year), c.month,
                  c.day, c.hour, c.minute, c.second, c.millis);
    return QString::fromLatin1(buf);
}

QString SandboxClock::iso8601Micros(qint64 ms) {
    const Civil c = civil(ms);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03d000Z", static_cast<long long>(c.year), c.month,
                  c.day, c.hour, c.minute, c.second, c.millis);
    return QString::fromLatin1(buf);
}

QString SandboxClock::midnightRfc3339(qint64 ms) {
    return rfc3339Millis(floorDiv(ms, kMsPerDay) * kMsPerDay);
}

QString SandboxClock::date(qint64 ms) {
    const Civil c = civil(ms);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    return QString::fromLatin1(buf);
}

QByteArray SandboxClock::httpDate(qint64 ms) {
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const Civil c = civil(ms);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02d:%02d:%02d GMT", kDays[weekday(ms)], c.day,
                  kMonths[c.month - 1], static_cast<long long>(c.year), c.hour, c.minute, c.second);
    return QByteArray(buf);
}

int SandboxClock::weekday(qint64 ms) {
    const qint64 days = floorDiv(ms, kMsPerDay);
    return static_cast<int>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday
}

int SandboxClock::hourOfDay(qint64 ms) {
    return civil(ms).hour;
}

} // namespace baton::sandbox
