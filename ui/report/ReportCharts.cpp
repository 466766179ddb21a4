#include "ui/report/ReportCharts.h"

#include "ui/Formatting.h"
#include "ui/Palette.h"

#include <QLocale>

namespace baton::ui::report {
namespace {

QString dayLabel(const QDate& d) {
    // "Mon 16" / "lun. 16": short enough for seven bars side by side.
    return QLocale().toString(d, QStringLiteral("ddd d"));
}

void addDays(ChartSpec& c, const insight::Summary& s) {
    c.categoryKey = QStringLiteral("day");
    for (const insight::DayMetrics& d : s.days) {
        c.categories << dayLabel(d.day.date);
        c.categoryData << d.day.date.toString(Qt::ISODate);
        c.spans.append({d.day.from, d.day.to});
    }
}

double hours(const std::optional<qint64>& ms) {
    return ms ? double(*ms) / 3600000.0 : ChartSpec::noValue();
}

QString csvField(const QString& s) {
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n')) {
        return u'"' + QString(s).replace(u'"', QLatin1String("\"\"")) + u'"';
    }
    return s;
}

} // namespace

bool ChartSpec::isEmpty() const {
    for (const ChartSeries& s : series) {
        for (double v : s.values) {
            if (!std::isnan(v) && v != 0) {
                return false;
            }
        }
    }
    return true;
}

QColor ReportCharts::negativeColor() {
    return QColor(0xc6, 0x28, 0x28);
}
QColor ReportCharts::neutralColor() {
    return QColor(0xa8, 0xad, 0xb7);
}
QColor ReportCharts::positiveColor() {
    return QColor(0x00, 0x7a, 0x6a);
}
QColor ReportCharts::accentColor() {
    return QColor(0x3b, 0x5b, 0xdb);
}

ChartSpec ReportCharts::volumeByDay(const insight::Summary& s) {
    ChartSpec c;
    c.type = ChartSpec::Type::StackedBars;
    c.key = QStringLiteral("volume");
    c.title = tr("Incoming items by day");
    c.yTitle = tr("items");
    addDays(c, s);
    // Networks that had items this period, in the enum's order so colours and legends are stable.
    for (int n = 0; n <= static_cast<int>(model::Network::Email); ++n) {
        const auto network = static_cast<model::Network>(n);
        if (!s.volume.incomingByNetwork.value(network)) {
            continue;
        }
        ChartSeries series{model::toString(network), Formatting::network(network), Palette::networkColor(network), {}};
        for (const insight::DayMetrics& d : s.days) {
            series.values << double(d.volume.incomingByNetwork.value(network));
        }
        c.series << series;
    }
    if (c.series.isEmpty()) {
        ChartSeries none{QStringLiteral("incoming"), tr("incoming"), accentColor(), {}};
        for (const insight::DayMetrics& d : s.days) {
            none.values << double(d.volume.incoming);
        }
        c.series << none;
    }
    return c;
}

ChartSpec ReportCharts::sentimentByDay(const insight::Summary& s) {
    ChartSpec c;
    c.type = ChartSpec::Type::StackedBars;
    c.key = QStringLiteral("sentiment");
    c.title = tr("Sentiment of incoming items by day");
    c.yTitle = tr("items");
    addDays(c, s);
    ChartSeries neg{QStringLiteral("negative"), tr("negative"), negativeColor(), {}};
    ChartSeries neu{QStringLiteral("neutral"), tr("neutral"), neutralColor(), {}};
    ChartSeries pos{QStringLiteral("positive"), tr("positive"), positiveColor(), {}};
    for (const insight::DayMetrics& d : s.days) {
        neg.values << double(d.sentiment.negative);
        neu.values << double(d.sentiment.neutral);
        pos.values << double(d.sentiment.positive);
    }
    c.series << neg << neu << pos;
    return c;
}

ChartSpec ReportCharts::responseByDay(const insight::Summary& s) {
    ChartSpec c;
    c.type = ChartSpec::Type::Lines;
    c.key = QStringLiteral("response");
    c.title = s.hours.alwaysOpen ? tr("First-response time by day") : tr("First-response time by day (business hours)");
    c.yTitle = tr("hours");
    c.decimals = 3;
    addDays(c, s);
    ChartSeries median{QStringLiteral("median_hours"), tr("median"), accentColor(), {}};
    ChartSeries p90{QStringLiteral("p90_hours"), tr("90th percentile"), QColor(0xe8, 0x7a, 0x1f), {}};
    for (const insight::DayMetrics& d : s.days) {
        median.values << hours(d.response.medianMs);
        p90.values << hours(d.response.p90Ms);
    }
    c.series << median << p90;
    return c;
}

ChartSpec ReportCharts::busiestHours(const insight::Summary& s) {
    ChartSpec c;
    c.type = ChartSpec::Type::Bars;
    c.key = QStringLiteral("hours");
    c.title = tr("Busiest hours of the day");
    c.xTitle = tr("hour of the day (%1)").arg(QString::fromUtf8(s.period.timeZone.id()));
    c.yTitle = tr("items");
    c.categoryKey = QStringLiteral("hour");
    ChartSeries items{QStringLiteral("incoming"), tr("incoming items"), accentColor(), {}};
    for (int h = 0; h < 24; ++h) {
        c.categories << (h % 3 == 0 ? QString::number(h) : QString());
        c.categoryData << QString::number(h);
        items.values << double(s.byHour[static_cast<std::size_t>(h)]);
    }
    c.series << items;
    return c;
}

ChartSpec ReportCharts::topContributors(const insight::Summary& s) {
    ChartSpec c;
    c.type = ChartSpec::Type::HorizontalBars;
    c.key = QStringLiteral("contributors");
    c.title = tr("Top contributors");
    c.yTitle = tr("items");
    c.categoryKey = QStringLiteral("contributor");
    ChartSeries items{QStringLiteral("items"), tr("incoming items"), accentColor(), {}};
    for (const insight::Contributor& p : s.topContributors) {
        c.categories << (p.displayName.isEmpty() ? p.handle : p.displayName);
        c.categoryData << p.handle;
        items.values << double(p.items);
    }
    c.series << items;
    return c;
}

QList<ChartSpec> ReportCharts::all(const insight::Summary& s) {
    return {volumeByDay(s), sentimentByDay(s), responseByDay(s), busiestHours(s), topContributors(s)};
}

QByteArray ReportCharts::toCsv(const ChartSpec& chart) {
    QStringList header{chart.categoryKey};
    for (const ChartSeries& s : chart.series) {
        header << csvField(s.key);
    }
    QString out = header.join(u',') + u'\n';
    for (qsizetype i = 0; i < chart.categoryData.size(); ++i) {
        QStringList row{csvField(chart.categoryData[i])};
        for (const ChartSeries& s : chart.series) {
            const double v = s.values.value(i, ChartSpec::noValue());
            row << (std::isnan(v) ? QString() : QString::number(v, 'f', chart.decimals));
        }
        out += row.join(u',') + u'\n';
    }
    return out.toUtf8();
}

} // namespace baton::ui::report
