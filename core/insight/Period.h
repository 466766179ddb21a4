#pragma once

#include "core/common/Clock.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <optional>

namespace baton::insight {

// A half-open span of time [from, to) in UTC milliseconds, read in a named time zone: days, hours of the day and
// weeks are local to it (a day across a DST change is 23 or 25 hours long).
struct Period {
    qint64 from = 0;
    qint64 to = 0;
    QTimeZone timeZone = QTimeZone::utc();

    qint64 lengthMs() const { return to - from; }
    bool contains(qint64 t) const { return t >= from && t < to; }
    friend bool operator==(const Period& a, const Period& b) {
        return a.from == b.from && a.to == b.to && a.timeZone == b.timeZone;
    }
};

// One local calendar day of a period, clipped to it.
struct DaySpan {
    QDate date;
    qint64 from = 0;
    qint64 to = 0;
};

// UTC milliseconds of local midnight starting `date` in `tz` (the first valid instant of the day).
qint64 startOfDay(const QDate& date, const QTimeZone& tz);

// Local days first..last inclusive, midnight to midnight.
Period days(const QDate& first, const QDate& last, const QTimeZone& tz);

// ISO 8601 week (Monday to Sunday, week 1 holds the year's first Thursday).
std::optional<Period> isoWeek(int year, int week, const QTimeZone& tz);
// "2026-W47" (also "2026W47" and lower-case w). nullopt when the text is not a valid ISO week.
std::optional<Period> parseIsoWeek(QStringView text, const QTimeZone& tz);
// "2026-W47" for the week holding `date`.
QString isoWeekName(const QDate& date);

// The span of the same number of local days just before `p` (a week before a week, across DST correctly).
// Periods that do not start at local midnight move back by their length in milliseconds.
Period previous(const Period& p);

// The last `n` local days up to and including today (per `clock`), e.g. "30 days".
Period lastDays(int n, const Clock& clock, const QTimeZone& tz);
// Monday 00:00 of the current ISO week to the next Monday, per `clock`.
Period thisWeek(const Clock& clock, const QTimeZone& tz);

// The local days a period covers, each clipped to the period.
QList<DaySpan> daySpans(const Period& p);

} // namespace baton::insight
