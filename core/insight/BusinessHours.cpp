#include "core/insight/BusinessHours.h"

#include "core/insight/Period.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace baton::insight {
namespace {

const char* const kDayKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> parseMinute(QStringView s) {
    const qsizetype colon = s.indexOf(u':');
    if (colon < 1) {
        return std::nullopt;
    }
    bool okH = false;
    bool okM = false;
    const int h = s.left(colon).toInt(&okH);
    const int m = s.mid(colon + 1).toInt(&okM);
    if (!okH || !okM || s.size() - colon - 1 != 2 || m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && m != 0)) {
        return std::nullopt;
    }
    return h * 60 + m;
}

QString minuteText(int minute) {
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

Error badHours(const QString& why) {
    return Error{ErrorCode::InvalidArgument, QStringLiteral("business hours: %1").arg(why)};
}

qint64 localMinute(const QDate& date, int minute, const QTimeZone& tz) {
    if (minute >= 24 * 60) {
        return startOfDay(date.addDays(1), tz);
    }
    // A window edge inside a DST gap moves to the end of the gap (Qt places such local times after it).
    return QDateTime(date, QTime(minute / 60, minute % 60), tz).toMSecsSinceEpoch();
}

} // namespace

BusinessHours BusinessHours::weekdays(const QTimeZone& tz, int startMinute, int endMinute) {
    BusinessHours h;
    h.alwaysOpen = false;
    h.timeZone = tz;
    for (int d = 0; d < 5; ++d) {
        h.week[static_cast<std::size_t>(d)] = {Window{startMinute, endMinute}};
    }
    return h;
}

Expected<BusinessHours, Error> BusinessHours::fromJson(const QJsonObject& o) {
    BusinessHours h;
    if (o.isEmpty() || o.value(QLatin1String("always_open")).toBool(false)) {
        return h;
    }
    h.alwaysOpen = false;
    const QString zone = o.value(QLatin1String("time_zone")).toString();
    if (!zone.isEmpty()) {
        h.timeZone = QTimeZone(zone.toUtf8());
        if (!h.timeZone.isValid()) {
            return unexpected(badHours(QStringLiteral("unknown time zone \"%1\"").arg(zone)));
        }
    }
    const QJsonObject week = o.value(QLatin1String("week")).toObject();
    for (int d = 0; d < 7; ++d) {
        const QJsonValue v = week.value(QLatin1String(kDayKeys[d]));
        const QJsonArray windows = v.isString() ? QJsonArray{v} : v.toArray();
        for (const QJsonValue& w : windows) {
            const QString text = w.toString();
            const qsizetype dash = text.indexOf(u'-');
            const auto a = dash > 0 ? parseMinute(QStringView(text).left(dash).trimmed()) : std::nullopt;
            const auto b = dash > 0 ? parseMinute(QStringView(text).mid(dash + 1).trimmed()) : std::nullopt;
            if (!a || !b || *b <= *a) {
                return unexpected(badHours(QStringLiteral("bad window \"%1\" on %2 (expected HH:MM-HH:MM)")
                                               .arg(text, QLatin1String(kDayKeys[d]))));
            }
            h.week[static_cast<std::size_t>(d)].append(Window{*a, *b});
        }
        std::sort(h.week[static_cast<std::size_t>(d)].begin(), h.week[static_cast<std::size_t>(d)].end(),
                  [](const Window& x, const Window& y) { return x.startMinute < y.startMinute; });
    }
    for (const QJsonValue& v : o.value(QLatin1String("holidays")).toArray()) {
        const QDate date = QDate::fromString(v.toString(), Qt::ISODate);
        if (!date.isValid()) {
            return unexpected(badHours(QStringLiteral("bad holiday \"%1\" (expected YYYY-MM-DD)").arg(v.toString())));
        }
        h.holidays.insert(date);
    }
    return h;
}

QJsonObject BusinessHours::toJson() const {
    if (alwaysOpen) {
        return QJsonObject{{QStringLiteral("always_open"), true}};
    }
    QJsonObject weekObject;
    for (int d = 0; d < 7; ++d) {
        QJsonArray windows;
        for (const Window& w : week[static_cast<std::size_t>(d)]) {
            windows.append(QString(minuteText(w.startMinute) + u'-' + minuteText(w.endMinute)));
        }
        weekObject.insert(QLatin1String(kDayKeys[d]), windows);
    }
    QList<QDate> sorted(holidays.begin(), holidays.end());
    std::sort(sorted.begin(), sorted.end());
    QJsonArray days;
    for (const QDate& d : sorted) {
        days.append(d.toString(Qt::ISODate));
    }
    return QJsonObject{{QStringLiteral("time_zone"), QString::fromUtf8(timeZone.id())},
                       {QStringLiteral("week"), weekObject},
                       {QStringLiteral("holidays"), days}};
}

StaffedTime::StaffedTime(BusinessHours hours)
    : m_hours(std::move(hours)) {
}

void StaffedTime::cover(qint64 firstDay, qint64 lastDay) {
    if (!m_windows.empty() && firstDay >= m_firstDay && lastDay < m_firstDay + static_cast<qint64>(m_windows.size())) {
        return;
    }
    if (!m_windows.empty()) {
        firstDay = std::min(firstDay, m_firstDay);
        lastDay = std::max(lastDay, m_firstDay + static_cast<qint64>(m_windows.size()) - 1);
    }
    // Some slack on both sides so items walking forward in time rarely rebuild.
    firstDay -= 7;
    lastDay += 31;
    m_firstDay = firstDay;
    m_windows.assign(static_cast<std::size_t>(lastDay - firstDay + 1), {});
    m_before.assign(m_windows.size() + 1, 0);
    m_dayStart.assign(m_windows.size() + 1, 0);
    for (std::size_t i = 0; i <= m_windows.size(); ++i) {
        m_dayStart[i] = startOfDay(QDate::fromJulianDay(firstDay + static_cast<qint64>(i)), m_hours.timeZone);
    }
    for (std::size_t i = 0; i < m_windows.size(); ++i) {
        const QDate date = QDate::fromJulianDay(firstDay + static_cast<qint64>(i));
        qint64 staffed = 0;
        if (!m_hours.holidays.contains(date)) {
            for (const auto& w : m_hours.week[static_cast<std::size_t>(date.dayOfWeek() - 1)]) {
                const qint64 a = localMinute(date, w.startMinute, m_hours.timeZone);
                const qint64 b = localMinute(date, w.endMinute, m_hours.timeZone);
                if (b > a) {
                    m_windows[i].emplace_back(a, b);
                    staffed += b - a;
                }
            }
        }
        m_before[i + 1] = m_before[i] + staffed;
    }
}

qint64 StaffedTime::partial(qint64 day, qint64 from, qint64 to) const {
    qint64 sum = 0;
    for (const auto& [a, b] : m_windows[static_cast<std::size_t>(day - m_firstDay)]) {
        const qint64 lo = std::max(a, from);
        const qint64 hi = std::min(b, to);
        if (hi > lo) {
            sum += hi - lo;
        }
    }
    return sum;
}

qint64 StaffedTime::dayOf(qint64 t) {
    // The UTC day number, give or take one for the zone's offset; then an exact search of the local midnights
    // (a time-zone lookup per call would cost more than the rest of the measurement).
    constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    constexpr qint64 kUnixEpochJulianDay = 2440588;
    const qint64 utcDay = (t >= 0 ? t / kDayMs : (t - kDayMs + 1) / kDayMs) + kUnixEpochJulianDay;
    cover(utcDay - 2, utcDay + 2);
    const auto it = std::upper_bound(m_dayStart.begin(), m_dayStart.end(), t);
    return m_firstDay + static_cast<qint64>(it - m_dayStart.begin()) - 1;
}

qint64 StaffedTime::between(qint64 from, qint64 to) {
    if (to <= from) {
        return 0;
    }
    if (m_hours.alwaysOpen) {
        return to - from;
    }
    const qint64 d0 = dayOf(from);
    const qint64 d1 = dayOf(to);
    if (d0 == d1) {
        return partial(d0, from, to);
    }
    const auto i0 = static_cast<std::size_t>(d0 - m_firstDay);
    const auto i1 = static_cast<std::size_t>(d1 - m_firstDay);
    return partial(d0, from, to) + (m_before[i1] - m_before[i0 + 1]) + partial(d1, from, to);
}

qint64 businessMsBetween(const BusinessHours& hours, qint64 from, qint64 to) {
    StaffedTime t(hours);
    return t.between(from, to);
}

} // namespace baton::insight
