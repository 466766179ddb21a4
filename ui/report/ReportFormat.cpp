#include "ui/report/ReportFormat.h"

#include "ui/report/ReportCharts.h"

#include <QDateTime>
#include <QLocale>
#include <cmath>

namespace baton::ui::report {
namespace {

QColor colorFor(double delta, ReportFormat::Better better) {
    if (delta == 0 || better == ReportFormat::Better::Neither) {
        return QColor(0x6b, 0x72, 0x80);
    }
    const bool good = (delta > 0) == (better == ReportFormat::Better::Higher);
    return good ? ReportCharts::positiveColor() : ReportCharts::negativeColor();
}

QString arrow(double delta) {
    return delta > 0 ? QStringLiteral("▲") : (delta < 0 ? QStringLiteral("▼") : QStringLiteral("="));
}

} // namespace

QString ReportFormat::duration(std::optional<qint64> ms) {
    if (!ms) {
        return QStringLiteral("—");
    }
    const qint64 minutes = (*ms + 30000) / 60000;
    if (minutes < 1) {
        return tr("< 1 min");
    }
    if (minutes < 60) {
        return tr("%1 min").arg(minutes);
    }
    if (minutes < 24 * 60) {
        return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    }
    const qint64 hours = (minutes + 30) / 60;
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString ReportFormat::percent(double share) {
    return tr("%1%").arg(QLocale().toString(share * 100, 'f', 0));
}

QString ReportFormat::count(qint64 n) {
    return QLocale().toString(n);
}

Change ReportFormat::relative(double now, double before, Better better) {
    if (before <= 0) {
        return {now > 0 ? tr("new this week") : tr("no change"), colorFor(0, better)};
    }
    const double change = (now - before) / before;
    const long rounded = std::lround(change * 100);
    if (rounded == 0) {
        return {tr("= no change"), colorFor(0, better)};
    }
    return {QStringLiteral("%1 %2").arg(arrow(change), tr("%1%").arg(QLocale().toString(qAbs(rounded)))),
            colorFor(change, better)};
}

Change ReportFormat::relative(std::optional<qint64> now, std::optional<qint64> before, Better better) {
    if (!now || !before) {
        return {QStringLiteral("—"), colorFor(0, better)};
    }
    return relative(double(*now), double(*before), better);
}

Change ReportFormat::points(double now, double before, Better better) {
    const long delta = std::lround((now - before) * 100);
    if (delta == 0) {
        return {tr("= no change"), colorFor(0, better)};
    }
    return {QStringLiteral("%1 %2").arg(arrow(double(delta)), tr("%n pt(s)", nullptr, int(qAbs(delta)))),
            colorFor(double(delta), better)};
}

QString ReportFormat::weekTitle(const insight::Period& week) {
    const QDate first = QDateTime::fromMSecsSinceEpoch(week.from, week.timeZone).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(week.to - 1, week.timeZone).date();
    int year = 0;
    const int number = first.weekNumber(&year);
    const QLocale l;
    const QString span =
        first.month() == last.month()
            ? QStringLiteral("%1–%2").arg(first.day()).arg(l.toString(last, QStringLiteral("d MMMM yyyy")))
            : QStringLiteral("%1 – %2").arg(l.toString(first, QStringLiteral("d MMMM")),
                                            l.toString(last, QStringLiteral("d MMMM yyyy")));
    return tr("Week %1, %2").arg(number).arg(span);
}

QString ReportFormat::businessHours(const insight::BusinessHours& h) {
    if (h.alwaysOpen) {
        return tr("24/7");
    }
    const QLocale l;
    auto minute = [](int m) {
        return QStringLiteral("%1:%2").arg(m / 60, 2, 10, QLatin1Char('0')).arg(m % 60, 2, 10, QLatin1Char('0'));
    };
    auto windows = [&](int day) {
        QStringList parts;
        for (const auto& w : h.week[static_cast<std::size_t>(day)]) {
            parts << minute(w.startMinute) + QStringLiteral("–") + minute(w.endMinute);
        }
        return parts.join(QStringLiteral(", "));
    };
    // Runs of consecutive days with the same windows: "Mon–Fri 09:00–17:00, Sat 10:00–12:00".
    QStringList runs;
    int d = 0;
    while (d < 7) {
        const QString w = windows(d);
        int e = d;
        while (e + 1 < 7 && windows(e + 1) == w) {
            ++e;
        }
        if (!w.isEmpty()) {
            const QString first = l.dayName(d + 1, QLocale::ShortFormat);
            const QString days = e == d ? first : first + QStringLiteral("–") + l.dayName(e + 1, QLocale::ShortFormat);
            runs << days + u' ' + w;
        }
        d = e + 1;
    }
    QString out = runs.isEmpty() ? tr("never staffed") : runs.join(QStringLiteral("; "));
    out += QStringLiteral(" (%1)").arg(QString::fromUtf8(h.timeZone.id()));
    if (!h.holidays.isEmpty()) {
        out += u' ' + tr("%n holiday(s) excluded", nullptr, int(h.holidays.size()));
    }
    return out;
}

QString ReportFormat::sentimentMark(std::optional<double> score) {
    switch (insight::sentimentLabel(score)) {
    case insight::SentimentLabel::Negative:
        return tr("▼ negative");
    case insight::SentimentLabel::Neutral:
        return tr("● neutral");
    case insight::SentimentLabel::Positive:
        return tr("▲ positive");
    case insight::SentimentLabel::Unscored:
        break;
    }
    return tr("unscored");
}

} // namespace baton::ui::report
