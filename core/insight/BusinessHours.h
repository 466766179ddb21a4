#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QTimeZone>
#include <array>
#include <utility>
#include <vector>

namespace baton::insight {

// When a community is staffed: opening windows per weekday in a named time zone, minus holidays. Response times
// count only staffed time. The default (alwaysOpen) counts every millisecond, 24/7.
//
// Stored as JSON under "business_hours" in a community's settings (else its account's settings):
//   {"time_zone": "Europe/Paris",
//    "week": {"mon": ["09:00-12:30", "13:30-17:30"], "tue": ["09:00-17:30"], ..., "sun": []},
//    "holidays": ["2026-12-25", "2027-01-01"]}
// "always_open": true (or no "business_hours" at all) means 24/7. A window may end at "24:00".
struct BusinessHours {
    struct Window {
        int startMinute = 0; // minutes after local midnight, 0..1440
        int endMinute = 0;   // exclusive; > startMinute
        friend bool operator==(const Window& a, const Window& b) {
            return a.startMinute == b.startMinute && a.endMinute == b.endMinute;
        }
    };

    bool alwaysOpen = true;
    QTimeZone timeZone = QTimeZone::utc();
    std::array<QList<Window>, 7> week; // index 0 = Monday ... 6 = Sunday (Qt::DayOfWeek - 1)
    QSet<QDate> holidays;              // local dates with no staffed time

    static BusinessHours twentyFourSeven() { return {}; }
    // Monday to Friday, the same window each day.
    static BusinessHours weekdays(const QTimeZone& tz, int startMinute, int endMinute);

    static Expected<BusinessHours, Error> fromJson(const QJsonObject& o);
    QJsonObject toJson() const;
};

// Staffed time with a per-day cache and running totals: measuring many items costs a couple of time-zone lookups
// each, whatever their waits. Not thread-safe.
class StaffedTime final {
public:
    explicit StaffedTime(BusinessHours hours);
    qint64 between(qint64 from, qint64 to);
    const BusinessHours& hours() const { return m_hours; }

private:
    void cover(qint64 firstDay, qint64 lastDay); // Julian day numbers
    qint64 partial(qint64 day, qint64 from, qint64 to) const;

    BusinessHours m_hours;
    qint64 m_firstDay = 0;
    std::vector<std::vector<std::pair<qint64, qint64>>> m_windows; // per day, UTC ms
    std::vector<qint64> m_before;                                  // staffed ms of the days before each index
    std::vector<qint64> m_dayStart; // UTC ms of each day's local midnight, and the next one's at the end
    qint64 dayOf(qint64 t);         // Julian day holding t, covering it first
};

// Staffed milliseconds in [from, to): exact across weekends, holidays and DST changes (each window is placed with
// QTimeZone on its own date, so a 09:00-17:00 day is 8 hours on both sides of a change). 0 when to <= from.
qint64 businessMsBetween(const BusinessHours& hours, qint64 from, qint64 to);

} // namespace baton::insight
