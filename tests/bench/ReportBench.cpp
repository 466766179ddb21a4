// The weekly report over a large profile: the metrics (every section, this week and the week before, spikes,
// notable items) and all the files (PDF, PNG, SVG, CSV), as `baton report` makes them. Prints one JSON object with
// medians over several runs; asserts nothing about time. `ReportBench --items N` for a quick run.
#include "core/insight/WeeklyReport.h"
#include "core/store/Migrations.h"
#include "tests/support/InsightSeed.h"
#include "ui/report/ReportExporter.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

using namespace baton;

namespace {

double median(QList<double> v) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

qint64 itemCount(store::Database& db) {
    store::Statement st(db, "SELECT count(*) FROM items");
    return st.next() ? st.int64(0) : 0;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    qint64 items = 1000000;
    int runs = 5;
    QString keepDb;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--items") && i + 1 < args.size()) {
            items = args[++i].toLongLong();
        } else if (args[i] == QLatin1String("--runs") && i + 1 < args.size()) {
            runs = std::max(1, args[++i].toInt());
        } else if (args[i] == QLatin1String("--db") && i + 1 < args.size()) {
            keepDb = args[++i];
        }
    }
    QTemporaryDir dir;
    const QString dbPath = keepDb.isEmpty() ? dir.filePath(QStringLiteral("bench.db")) : keepDb;
    const QTimeZone paris("Europe/Paris");

    // A year of history ending with the report's week's following one. Incoming items get a reply about 80% of
    // the time, each stored as an outgoing item: about 1.8 rows per incoming item.
    testing::InsightSeedOptions o;
    o.last = QDate(2026, 11, 29);
    o.first = o.last.addDays(-364);
    o.itemsPerDay = double(items) / (365.0 * (5 + 2 * 0.55) / 7.0 * 1.8);
    o.people = 5000;
    o.nowMs = QDateTime(QDate(2026, 11, 30), QTime(8, 0), paris).toMSecsSinceEpoch();

    store::Database db;
    if (!db.open(dbPath) || !store::migrate(db)) {
        qFatal("cannot open the benchmark database");
    }
    double seedS = 0;
    if (itemCount(db) == 0) {
        QElapsedTimer t;
        t.start();
        testing::seedInsightProfile(db, o);
        seedS = t.nsecsElapsed() / 1e9;
        (void)db.exec("ANALYZE");
    }
    const qint64 stored = itemCount(db);
    db.close();

    // Each run opens the profile read-only as `baton report` does, with a cold statement cache.
    const insight::Period week = *insight::parseIsoWeek(u"2026-W47", paris);
    const FakeClock clock(o.nowMs);
    QList<double> metricsMs, filesMs, totalMs;
    qint64 files = 0;
    qint64 bytes = 0;
    for (int r = 0; r < runs; ++r) {
        store::Database reader;
        if (!reader.open(dbPath, store::Database::Mode::ReadOnly)) {
            qFatal("cannot reopen the benchmark database");
        }
        QTemporaryDir out;
        QElapsedTimer t;
        t.start();
        const insight::WeeklyReport report = insight::buildWeeklyReport(reader, week, clock);
        const double m = t.nsecsElapsed() / 1e6;
        const auto written = ui::report::ReportExporter::write(report, out.path(), ui::report::ExportFormats{});
        const double total = t.nsecsElapsed() / 1e6;
        if (!written) {
            qFatal("report failed: %s", qPrintable(written.error().toString()));
        }
        metricsMs << m;
        filesMs << total - m;
        totalMs << total;
        files = written->size();
        bytes = 0;
        for (const QString& f : *written) {
            bytes += QFileInfo(f).size();
        }
    }
    const QJsonObject result{{QStringLiteral("bench"), QStringLiteral("weekly_report")},
                             {QStringLiteral("items"), stored},
                             {QStringLiteral("seed_s"), seedS},
                             {QStringLiteral("runs"), runs},
                             {QStringLiteral("metrics_ms_median"), median(metricsMs)},
                             {QStringLiteral("files_ms_median"), median(filesMs)},
                             {QStringLiteral("total_ms_median"), median(totalMs)},
                             {QStringLiteral("target_ms"), 2000},
                             {QStringLiteral("files"), files},
                             {QStringLiteral("bytes"), bytes}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
