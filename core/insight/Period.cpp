#include "core/insight/Period.h"

#include <QDateTime>
#include <QRegularExpression>

namespace baton::insight {

qint64 startOfDay(const QDate& date, const QTimeZone& tz) {
    // QDate::startOfDay finds the first valid instant when midnight falls in a DST gap.
    return date.startOfDay(tz).toMSecsSinceEpoch();
}

Period days(const QDate& first, const QDate& last, const QTimeZone& tz) {
    return Period{startOfDay(first, tz), startOfDay(last.addDays(1), tz), tz};
}

std::optional<Period> isoWeek(int year, int week, const QTimeZone& tz) {
    if (week < 1 || week > 53) {
        return std::nullopt;
    }
    // January 4th is always in week 1.
    const QDate jan4(year, 1, 4);
    if (!jan4.isValid()) {
        return std::nullopt;
    }
    const QDate monday = jan4.addDays(1 - jan4.dayOfWeek()).addDays(7 * (week - 1));
    int y = 0;
    if (monday.weekNumber(&y) != week || y != year) {
        return std::nullopt; // week 53 of a year that has 52
    }
    return days(monday, monday.addDays(6), tz);
}

std::optional<Period> parseIsoWeek(QStringView text, const QTimeZone& tz) {
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-?[Ww](\\d{1,2})$"));
    const auto m = re.match(text.trimmed().toString());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    return isoWeek(m.capturedView(1).toInt(), m.capturedView(2).toInt(), tz);
}

QString isoWeekName(const QDate& date) {
    int year = 0;
    const int week = date.weekNumber(&year);
    return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
}

Period previous(const Period& p) {
    const QDateTime a = QDateTime::fromMSecsSinceEpoch(p.from, p.timeZone);
    const QDateTime b = QDateTime::fromMSecsSinceEpoch(p.to, p.timeZone);
    if (p.from == startOfDay(a.date(), p.timeZone) && p.to == startOfDay(b.date(), p.timeZone)) {
        const qint64 n = a.date().daysTo(b.date());
        return days(a.date().addDays(-n), a.date().addDays(-1), p.timeZone);
    }
    return Period{p.from - p.lengthMs(), p.from, p.timeZone};
}

Period lastDays(int n, const Clock& clock, const QTimeZone& tz) {
    const QDate today = QDateTime::fromMSecsSinceEpoch(clock.nowMs(), tz).date();
    return days(today.addDays(-(std::max(n, 1) - 1)), today, tz);
}

Period thisWeek(const Clock& clock, const QTimeZone& tz) {
    const QDate today = QDateTime::fromMSecsSinceEpoch(clock.nowMs(), tz).date();
    const QDate monday = today.addDays(1 - today.dayOfWeek());
    return days(monday, monday.addDays(6), tz);
}

QList<DaySpan> daySpans(const Period& p) {
    QList<DaySpan> out;
    if (p.to <= p.from) {
        return out;
    }
    QDate d = QDateTime::fromMSecsSinceEpoch(p.from, p.timeZone).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(p.to - 1, p.timeZone).date();
    for (; d <= last; d = d.addDays(1)) {
        out.append(DaySpan{d, std::max(p.from, startOfDay(d, p.timeZone)),
                           std::min(p.to, startOfDay(d.addDays(1), p.timeZone))});
    }
    return out;
}

} // namespace baton::insight
