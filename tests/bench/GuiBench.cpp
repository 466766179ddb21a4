// The window on a large profile: cold start to a painted inbox (a fresh process each time, with its resident
// memory), scrolling through 10,000 rows (time per step of a screenful, painted), and each filter of the filter
// bar applied and painted. Prints one JSON object with medians; asserts nothing about time.
//   GuiBench [--items N] [--db PATH]     (default 1,000,000 items, cached in the temp folder)
#include "BenchProfile.h"
#include "core/models/FilterChoice.h"
#include "core/models/InboxModel.h"
#include "core/models/SourcesModel.h"
#include "core/store/Store.h"
#include "ui/DialogFacade.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QProcess>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <algorithm>

using namespace baton;

namespace {

double median(QList<double> v) {
    if (v.isEmpty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(QList<double> v, double p) {
    if (v.isEmpty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5))];
}

// Resident and peak resident memory of this process, in KB (Linux).
std::pair<qint64, qint64> residentKb() {
    QFile f(QStringLiteral("/proc/self/status"));
    qint64 rss = 0;
    qint64 hwm = 0;
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:")) {
                rss = line.mid(6).trimmed().split(' ').value(0).toLongLong();
            } else if (line.startsWith("VmHWM:")) {
                hwm = line.mid(6).trimmed().split(' ').value(0).toLongLong();
            }
        }
    }
    return {rss, hwm};
}

void isolateSettings(const QString& dir) {
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

// Processes events until the inbox has rows (or 20 s pass).
bool waitForRows(ui::MainWindow& w) {
    QElapsedTimer t;
    t.start();
    while (w.inboxModel().rowCount() == 0 && t.elapsed() < 20000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return w.inboxModel().rowCount() > 0;
}

// Paints the list now and waits until the paint is done.
void paintNow(ui::MainWindow& w) {
    w.inboxView()->viewport()->repaint();
}

// Child mode: open the profile, show the window, print when the inbox has been painted with rows.
int coldStart(const QString& dbPath, const QString& settingsDir) {
    isolateSettings(settingsDir);
    auto store = store::Store::open(dbPath);
    if (!store) {
        QTextStream(stderr) << store.error().toString() << Qt::endl;
        return 1;
    }
    ui::DialogFacade dialogs;
    dialogs.setShowDialogs(false);
    ui::MainWindow window({**store, nullptr, dialogs, false, {}});
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return 1;
    }
    if (!waitForRows(window)) {
        return 1;
    }
    paintNow(window);
    const auto [rss, hwm] = residentKb();
    QTextStream(stdout) << "painted rows=" << window.inboxModel().rowCount() << " rss_kb=" << rss << " hwm_kb=" << hwm
                        << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("baton-bench"));
    const QStringList args = QApplication::arguments();
    QTemporaryDir tmp;
    if (args.value(1) == QLatin1String("--cold-start")) {
        return coldStart(args.value(2), args.value(3));
    }
    qint64 items = 1'000'000;
    QString dbPath;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--items")) {
            items = args[i + 1].toLongLong();
        } else if (args[i] == QLatin1String("--db")) {
            dbPath = args[i + 1];
        }
    }
    if (items <= 0) {
        QTextStream(stderr) << "usage: GuiBench [--items N] [--db PATH]" << Qt::endl;
        return 2;
    }
    if (dbPath.isEmpty()) {
        dbPath = QDir::temp().filePath(QStringLiteral("baton-guibench-%1.db").arg(items));
    }
    QElapsedTimer build;
    build.start();
    if (!bench::buildProfileDatabase(dbPath, items)) {
        return 1;
    }
    const double buildS = double(build.elapsed()) / 1000.0;
    isolateSettings(tmp.filePath(QStringLiteral("settings")));

    // ---- Cold start: a new process each time, from launch to a painted inbox.
    QList<double> startMs;
    QList<double> startRssMb;
    for (int run = 0; run < 5; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        child.start(QApplication::applicationFilePath(),
                    {QStringLiteral("--cold-start"), dbPath, tmp.filePath(QStringLiteral("child-settings"))});
        QByteArray out;
        while (!out.contains('\n') && child.waitForReadyRead(60000)) {
            out += child.readAllStandardOutput();
        }
        const double ms = double(t.nsecsElapsed()) / 1e6;
        child.waitForFinished(60000);
        if (!out.startsWith("painted")) {
            QTextStream(stderr) << "cold start failed: " << out << Qt::endl;
            return 1;
        }
        startMs << ms;
        for (const QByteArray& part : out.trimmed().split(' ')) {
            if (part.startsWith("rss_kb=")) {
                startRssMb << part.mid(7).toDouble() / 1024.0;
            }
        }
    }

    // ---- In this process: scrolling and filters.
    auto store = store::Store::open(dbPath);
    if (!store) {
        return 1;
    }
    ui::DialogFacade dialogs;
    dialogs.setShowDialogs(false);
    ui::MainWindow window({**store, nullptr, dialogs, false, {}});
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return 1;
    }
    window.selectView(QStringLiteral("all"));
    QListView* list = window.inboxView();
    models::InboxModel& model = window.inboxModel();
    if (!waitForRows(window)) {
        return 1;
    }
    // "All" is the open items; scroll the whole history (done items too), newest first.
    store::InboxFilter everything;
    model.setFilter(everything);
    paintNow(window);
    const int rowHeight = std::max(1, list->sizeHintForRow(0));
    const int screenful = std::max(1, list->viewport()->height() / rowHeight);
    QList<double> stepMs;
    int top = 0;
    while (top < 10'000) {
        QElapsedTimer t;
        t.start();
        top += screenful;
        list->scrollTo(model.index(std::min(top, model.rowCount() - 1)), QAbstractItemView::PositionAtTop);
        if (model.canFetchMore({}) && top + screenful * 2 >= model.rowCount()) {
            model.fetchMore({}); // what the view does when the scroll bar reaches the end
        }
        paintNow(window);
        stepMs << double(t.nsecsElapsed()) / 1e6;
        if (top >= model.rowCount() - 1 && !model.canFetchMore({})) {
            break;
        }
    }
    const int scrolledRows = std::min(top, model.rowCount());

    // ---- Each filter of the bar, from "everything", painted.
    const QList<std::pair<const char*, const char*>> filters{
        {"network", R"({"networks":["reddit"]})"},
        {"account", R"({"accounts":["2"]})"},
        {"community", R"({"communities":["5"]})"},
        {"status", R"({"statuses":["new"]})"},
        {"kind", R"({"kinds":["dm"]})"},
        {"sentiment", R"({"sentiment":"negative"})"},
        {"dates", R"({"dates":"7d"})"},
        {"assignee", R"({"assignee":"sam"})"},
        {"unassigned", R"({"unassigned":true})"},
        {"tag", R"({"tag":"billing"})"},
        {"search", R"({})"},
        {"search two words", R"({})"},
    };
    QJsonObject filterMs;
    double worst = 0;
    for (const auto& [name, json] : filters) {
        const auto choice = models::FilterChoice::fromJson(QJsonDocument::fromJson(json).object());
        QList<double> runs;
        for (int run = 0; run < 7; ++run) {
            store::InboxFilter f;
            choice.applyTo(f, QDateTime::currentMSecsSinceEpoch());
            if (QLatin1String(name) == QLatin1String("search")) {
                f.search = QStringLiteral("refund");
            } else if (QLatin1String(name) == QLatin1String("search two words")) {
                f.search = QStringLiteral("remboursement commande");
            }
            QElapsedTimer t;
            t.start();
            model.setFilter(f);
            paintNow(window);
            runs << double(t.nsecsElapsed()) / 1e6;
            model.setFilter(everything);
        }
        const double m = median(runs);
        worst = std::max(worst, m);
        filterMs.insert(QLatin1String(name), std::round(m * 100) / 100);
    }
    const auto [rss, hwm] = residentKb();

    QJsonObject out{
        {QStringLiteral("items"), items},
        {QStringLiteral("profile_build_s"), std::round(buildS * 10) / 10},
        {QStringLiteral("cold_start_to_painted_inbox_ms_median"), std::round(median(startMs))},
        {QStringLiteral("cold_start_ms_runs"), QJsonArray::fromVariantList([&] {
             QVariantList v;
             for (double d : startMs) {
                 v << std::round(d);
             }
             return v;
         }())},
        {QStringLiteral("cold_start_target_ms"), 1000},
        {QStringLiteral("cold_start_ratio_to_target"), std::round(median(startMs) / 1000.0 * 100) / 100},
        {QStringLiteral("resident_mb_at_first_paint_median"), std::round(median(startRssMb) * 10) / 10},
        {QStringLiteral("resident_mb_target"), 200},
        {QStringLiteral("scroll_rows"), scrolledRows},
        {QStringLiteral("scroll_step_rows"), screenful},
        {QStringLiteral("scroll_step_ms_median"), std::round(median(stepMs) * 100) / 100},
        {QStringLiteral("scroll_step_ms_p95"), std::round(percentile(stepMs, 0.95) * 100) / 100},
        {QStringLiteral("scroll_step_ms_max"), std::round(percentile(stepMs, 1.0) * 100) / 100},
        {QStringLiteral("filter_apply_and_paint_ms_median"), filterMs},
        {QStringLiteral("filter_worst_median_ms"), std::round(worst * 100) / 100},
        {QStringLiteral("filter_target_ms"), 20},
        {QStringLiteral("resident_mb_after_scroll_and_filters"), std::round(double(rss) / 1024.0 * 10) / 10},
        {QStringLiteral("peak_resident_mb"), std::round(double(hwm) / 1024.0 * 10) / 10},
    };
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return 0;
}
