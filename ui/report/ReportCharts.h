#pragma once

#include "core/insight/Metrics.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <cmath>
#include <limits>

namespace baton::ui::report {

// What a chart shows, independent of how it is drawn: the dashboard, the PDF, PNG/SVG files and the CSV files
// all start from one ChartSpec, so they show the same numbers.
struct ChartSeries {
    QString key;  // stable CSV column name ("negative", "mastodon", "median_hours")
    QString name; // shown in the legend (translated)
    QColor color;
    QList<double> values; // one per category; NaN = no value (a gap in a line)
};

struct ChartSpec {
    enum class Type { StackedBars, Bars, Lines, HorizontalBars };
    Type type = Type::Bars;
    QString key;   // file stem: "volume", "sentiment", "response", "hours", "contributors"
    QString title; // sentence case
    QString xTitle;
    QString yTitle;           // with the unit: "items", "hours"
    QString categoryKey;      // CSV name of the first column: "day", "hour", "contributor"
    QStringList categories;   // shown under each bar or point
    QStringList categoryData; // the same in the CSV: ISO dates, 0..23, handles
    QList<ChartSeries> series;
    int decimals = 0; // in the CSV
    // Inbox drill-down: the [from, to) of each category when it is a span of time (empty otherwise).
    QList<std::pair<qint64, qint64>> spans;

    bool isEmpty() const;
    static double noValue() { return std::numeric_limits<double>::quiet_NaN(); }
};

// Builds the report's and the dashboard's charts from the metrics. Texts follow the current translator and the
// default QLocale.
class ReportCharts final {
    Q_DECLARE_TR_FUNCTIONS(ReportCharts)

public:
    // Incoming items by local day, stacked by network.
    static ChartSpec volumeByDay(const insight::Summary& s);
    // Incoming items by day and sentiment label (negative, neutral, positive).
    static ChartSpec sentimentByDay(const insight::Summary& s);
    // First-response time by day in business hours: median and p90, in hours.
    static ChartSpec responseByDay(const insight::Summary& s);
    // Incoming items by local hour of the day.
    static ChartSpec busiestHours(const insight::Summary& s);
    // The top contributors by items.
    static ChartSpec topContributors(const insight::Summary& s);
    // All of the above, in report order.
    static QList<ChartSpec> all(const insight::Summary& s);

    // The numbers behind a chart: a header row of keys, then one row per category. UTF-8, comma-separated,
    // '.' decimal point whatever the language (spreadsheets and scripts read it).
    static QByteArray toCsv(const ChartSpec& chart);

    static QColor negativeColor();
    static QColor neutralColor();
    static QColor positiveColor();
    static QColor accentColor();
};

} // namespace baton::ui::report
