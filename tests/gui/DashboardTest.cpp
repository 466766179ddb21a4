// The dashboard page: its figures are the metrics API's, its pickers change them, a click on a chart's day opens
// the inbox on exactly the items behind it, and Reports → Export writes the weekly report.
#include "GuiTestSupport.h"
#include "app/Profile.h"
#include "core/insight/Metrics.h"
#include "core/models/InboxModel.h"
#include "core/store/InboxQuery.h"
#include "core/store/ItemRepository.h"
#include "core/store/Store.h"
#include "ui/DashboardChart.h"
#include "ui/DashboardView.h"
#include "ui/DialogFacade.h"
#include "ui/MainWindow.h"
#include "ui/report/ReportFormat.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <cmath>

using namespace baton;
using Tile = ui::DashboardView::Tile;
using ui::report::ReportFormat;

class DashboardTest : public QObject {
    Q_OBJECT
    test::DemoFixture m_demo;

    ui::MainWindow& window() { return m_demo.session->window(); }
    ui::DashboardView& dashboard() { return *window().dashboard(); }
    store::Database& db() { return m_demo.session->profile().store().reader(); }

    void pick(QComboBox* box, int index) {
        QVERIFY(index >= 0 && index < box->count());
        box->setCurrentIndex(index);
        emit box->activated(index);
    }

    // The tiles show the metrics API's summary of the same scope and period, worded as the report words them.
    void checkTiles(const insight::Scope& scope, const insight::Period& period) {
        const insight::Summary s = insight::summarize(db(), scope, period, SystemClock::instance());
        QCOMPARE(dashboard().tileValue(Tile::Incoming)->text(), ReportFormat::count(s.volume.incoming));
        QCOMPARE(dashboard().tileValue(Tile::Replies)->text(), ReportFormat::count(s.volume.outgoing));
        QCOMPARE(dashboard().tileValue(Tile::ResponseRate)->text(), ReportFormat::percent(s.response.rate()));
        QCOMPARE(dashboard().tileValue(Tile::MedianResponse)->text(), ReportFormat::duration(s.response.medianMs));
        QCOMPARE(dashboard().tileValue(Tile::P90Response)->text(), ReportFormat::duration(s.response.p90Ms));
        QCOMPARE(dashboard().tileValue(Tile::Backlog)->text(), ReportFormat::count(s.backlog.open));
        QCOMPARE(dashboard().tileValue(Tile::NegativeShare)->text(),
                 ReportFormat::percent(s.sentiment.negativeShare()));
        const insight::Summary before =
            insight::summarize(db(), scope, insight::previous(period), SystemClock::instance());
        // The report's wording of the change, except that only a week can be "new this week".
        const bool week = dashboard().periodChoice() == ui::DashboardView::PeriodChoice::ThisWeek ||
                          dashboard().periodChoice() == ui::DashboardView::PeriodChoice::LastWeek;
        auto countChange = [week](qint64 now, qint64 was, ReportFormat::Better better) {
            return !week && was == 0 && now > 0 ? QStringLiteral("none in the previous period")
                                                : ReportFormat::relative(double(now), double(was), better).text;
        };
        QCOMPARE(dashboard().tileChange(Tile::Incoming)->text(),
                 countChange(s.volume.incoming, before.volume.incoming, ReportFormat::Better::Neither));
        QCOMPARE(dashboard().tileChange(Tile::Replies)->text(),
                 countChange(s.volume.outgoing, before.volume.outgoing, ReportFormat::Better::Higher));
        QCOMPARE(dashboard().tileChange(Tile::Backlog)->text(),
                 countChange(s.backlog.open, before.backlog.open, ReportFormat::Better::Lower));
        QCOMPARE(
            dashboard().tileChange(Tile::MedianResponse)->text(),
            ReportFormat::relative(s.response.medianMs, before.response.medianMs, ReportFormat::Better::Lower).text);
        // A share compared with a period that had none: no change to show.
        QCOMPARE(
            dashboard().tileChange(Tile::ResponseRate)->text(),
            before.response.needingReply == 0
                ? QStringLiteral("—")
                : ReportFormat::points(s.response.rate(), before.response.rate(), ReportFormat::Better::Higher).text);
        QCOMPARE(dashboard().tileChange(Tile::NegativeShare)->text(),
                 before.sentiment.scored() == 0
                     ? QStringLiteral("—")
                     : ReportFormat::points(s.sentiment.negativeShare(), before.sentiment.negativeShare(),
                                            ReportFormat::Better::Lower)
                           .text);
        // The summary itself counts what the inbox query counts.
        QCOMPARE(s.volume.incoming,
                 store::InboxQuery::count(db(), insight::inboxFilter(scope, period.from, period.to)));
    }

    // Clicks the chart's busiest day.
    void clickBusiestDay(ui::DashboardChart* chart) {
        const auto& spec = chart->spec();
        int best = -1;
        double bestTotal = 0;
        for (int i = 0; i < spec.categories.size(); ++i) {
            double t = 0;
            for (const auto& s : spec.series) {
                t += std::isnan(s.values.value(i)) ? 0 : s.values.value(i);
            }
            if (t > bestTotal) {
                best = i;
                bestTotal = t;
            }
        }
        QVERIFY(best >= 0);
        clickDay(chart, best);
    }

    // Clicks a day of a chart: the inbox then shows exactly the items the day's bar counts.
    void clickDay(ui::DashboardChart* chart, int best) {
        window().showDashboard(true);
        const auto spec = chart->spec();
        QCOMPARE(spec.spans.size(), spec.categories.size());
        double bestTotal = 0;
        for (const auto& s : spec.series) {
            bestTotal += std::isnan(s.values.value(best)) ? 0 : s.values.value(best);
        }
        const auto span = spec.spans.at(best);
        const auto point = chart->pointOf(best);
        QVERIFY(point);
        QTest::mouseClick(chart, Qt::LeftButton, {}, *point);
        QTRY_VERIFY(!window().dashboardShown());
        models::InboxModel& inbox = window().inboxModel();
        while (inbox.canFetchMore({})) {
            inbox.fetchMore({});
        }
        QCOMPARE(inbox.rowCount(), int(bestTotal));
        for (int r = 0; r < inbox.rowCount(); ++r) {
            const model::Item* item = inbox.itemAt(r);
            QVERIFY(item);
            QVERIFY(item->createdAt >= span.first && item->createdAt < span.second);
            QVERIFY(item->direction == model::Direction::Incoming);
            if (dashboard().scope().kind == insight::Scope::Kind::Community) {
                QCOMPARE(item->communityId, dashboard().scope().id);
            }
            if (chart->spec().key == QLatin1String("sentiment")) {
                QVERIFY(item->status != model::Status::Spam);
                QVERIFY(item->sentimentOverride || item->sentiment);
            }
        }
        QVERIFY(window().findChild<QLabel*>(QStringLiteral("listTitle"))->text().contains(spec.categories.at(best)));
        // Picking a view again goes back to the usual lists.
        window().selectView(QStringLiteral("all"));
        QTRY_VERIFY(window().currentViewKey() == QLatin1String("all"));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_demo.start(40));
        window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&window()));
    }

    void opensWithCtrlD() {
        QVERIFY(!window().dashboardShown());
        QTest::keyClick(&window(), Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY(window().dashboardShown());
        QVERIFY(dashboard().isVisible());
        auto* button = window().findChild<QToolButton*>(QStringLiteral("dashboardButton"));
        QVERIFY(button && button->isChecked());
        // The charts the report draws, from the same summary.
        for (const char* key : {"volume", "sentiment", "response", "hours", "contributors"}) {
            ui::DashboardChart* c = dashboard().chart(QString::fromLatin1(key));
            QVERIFY2(c && c->isVisible(), key);
            QCOMPARE(c->spec().key, QString::fromLatin1(key));
        }
        button->click();
        QVERIFY(!window().dashboardShown());
        QTest::keyClick(&window(), Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY(window().dashboardShown());
    }

    void tilesEqualMetrics() {
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Last30Days));
        pick(dashboard().scopePicker(), 0);
        QVERIFY(dashboard().scope() == insight::Scope::overall());
        const insight::Period p = dashboard().period();
        QCOMPARE(p, insight::lastDays(30, SystemClock::instance(), QTimeZone::systemTimeZone()));
        QVERIFY(dashboard().summary().volume.incoming > 0);
        checkTiles(insight::Scope::overall(), p);
        // The volume chart's days add up to the incoming tile.
        const auto& spec = dashboard().chart(QStringLiteral("volume"))->spec();
        double total = 0;
        for (const auto& series : spec.series) {
            for (double v : series.values) {
                total += std::isnan(v) ? 0 : v;
            }
        }
        QCOMPARE(qint64(total), dashboard().summary().volume.incoming);
    }

    void scopeAndPeriodUpdateTiles() {
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Last30Days));
        const qint64 overall = dashboard().summary().volume.incoming;
        const QList<insight::CommunityInfo> communities = insight::communities(db());
        QCOMPARE(dashboard().scopePicker()->count(), communities.size() + 1);
        QVERIFY(communities.size() >= 2);
        // A community with items: fewer than overall, and the tiles are its own.
        bool sawSmaller = false;
        for (int i = 0; i < communities.size(); ++i) {
            pick(dashboard().scopePicker(), i + 1);
            QVERIFY(dashboard().scope() == insight::Scope::community(communities.at(i).id));
            checkTiles(insight::Scope::community(communities.at(i).id), dashboard().period());
            sawSmaller = sawSmaller ||
                         (dashboard().summary().volume.incoming > 0 && dashboard().summary().volume.incoming < overall);
        }
        QVERIFY(sawSmaller);
        pick(dashboard().scopePicker(), 0);

        // Last week and this week: Monday to Monday.
        const insight::Period thisWeek = insight::thisWeek(SystemClock::instance(), QTimeZone::systemTimeZone());
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::LastWeek));
        QCOMPARE(dashboard().period(), insight::previous(thisWeek));
        checkTiles(insight::Scope::overall(), dashboard().period());
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::ThisWeek));
        QCOMPARE(dashboard().period(), thisWeek);
        checkTiles(insight::Scope::overall(), thisWeek);

        // Custom: the two days the dialog answers, both included.
        const QDate today = QDate::currentDate();
        m_demo.session->dialogs().setNextDateRange(today.addDays(-3), today.addDays(-1));
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Custom));
        QVERIFY(dashboard().periodChoice() == ui::DashboardView::PeriodChoice::Custom);
        QCOMPARE(dashboard().period(),
                 insight::days(today.addDays(-3), today.addDays(-1), QTimeZone::systemTimeZone()));
        checkTiles(insight::Scope::overall(), dashboard().period());
        // Cancelled: the period stays.
        const insight::Period kept = dashboard().period();
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Custom));
        QCOMPARE(dashboard().period(), kept);
    }

    void clickOpensExactlyTheItems_data() {
        QTest::addColumn<QString>("chart");
        QTest::addColumn<int>("scope"); // index in the scope picker; -1: the busiest community
        QTest::newRow("volume-overall") << QStringLiteral("volume") << 0;
        QTest::newRow("volume-community") << QStringLiteral("volume") << -1;
        QTest::newRow("sentiment-overall") << QStringLiteral("sentiment") << 0;
    }

    void clickOpensExactlyTheItems() {
        QFETCH(QString, chart);
        QFETCH(int, scope);
        window().showDashboard(true);
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Last30Days));
        if (scope < 0) {
            qint64 most = 0;
            for (int i = 1; i < dashboard().scopePicker()->count(); ++i) {
                pick(dashboard().scopePicker(), i);
                if (dashboard().summary().volume.incoming > most) {
                    most = dashboard().summary().volume.incoming;
                    scope = i;
                }
            }
            QVERIFY(scope > 0);
        }
        pick(dashboard().scopePicker(), scope);
        ui::DashboardChart* c = dashboard().chart(chart);
        QVERIFY(c);
        if (chart == QLatin1String("sentiment")) {
            // Spam counts in the volume but not in the sentiment mix: mark the newest incoming item as spam, so
            // the sentiment chart's today holds one item fewer than the day's incoming items.
            store::Store& st = m_demo.session->profile().store();
            const auto page = store::InboxQuery::page(db(), {}, std::nullopt, 1);
            QCOMPARE(page.items.size(), 1);
            const qint64 id = page.items.first().id;
            QVERIFY(st.writer().run([id](store::Database& d, store::ChangeSet& changes) {
                return store::ItemRepository::setStatus(d, id, model::Status::Spam, 0, changes);
            }));
            dashboard().refresh();
            const auto& spec = c->spec();
            const int today = int(spec.categories.size()) - 1;
            double shown = 0;
            for (const auto& s : spec.series) {
                shown += std::isnan(s.values.value(today)) ? 0 : s.values.value(today);
            }
            const auto span = spec.spans.at(today);
            QVERIFY(page.items.first().createdAt >= span.first && page.items.first().createdAt < span.second);
            QCOMPARE(qint64(shown) + 1, store::InboxQuery::count(db(), insight::inboxFilter(insight::Scope::overall(),
                                                                                            span.first, span.second)));
            clickDay(c, today);
        }
        clickBusiestDay(c);
    }

    void clickingAContributorOpensTheirItems() {
        window().showDashboard(true);
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Last30Days));
        pick(dashboard().scopePicker(), 0);
        ui::DashboardChart* c = dashboard().chart(QStringLiteral("contributors"));
        QVERIFY(c);
        QVERIFY(!dashboard().summary().topContributors.isEmpty());
        const insight::Contributor top = dashboard().summary().topContributors.first();
        emit c->categoryClicked(0);
        QTRY_VERIFY(!window().dashboardShown());
        models::InboxModel& inbox = window().inboxModel();
        while (inbox.canFetchMore({})) {
            inbox.fetchMore({});
        }
        QCOMPARE(qint64(inbox.rowCount()), top.items);
        for (int r = 0; r < inbox.rowCount(); ++r) {
            QCOMPARE(inbox.itemAt(r)->author.id, top.identityId);
        }
    }

    void clickingAnHourOpensThatHourOfEveryDay() {
        window().showDashboard(true);
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Last30Days));
        pick(dashboard().scopePicker(), 0);
        ui::DashboardChart* c = dashboard().chart(QStringLiteral("hours"));
        QVERIFY(c);
        const auto& byHour = dashboard().summary().byHour;
        const int busiest = int(std::max_element(byHour.cbegin(), byHour.cend()) - byHour.cbegin());
        QVERIFY(byHour[std::size_t(busiest)] > 0);
        const QTimeZone tz = dashboard().period().timeZone;
        emit c->categoryClicked(busiest);
        QTRY_VERIFY(!window().dashboardShown());
        models::InboxModel& inbox = window().inboxModel();
        while (inbox.canFetchMore({})) {
            inbox.fetchMore({});
        }
        QCOMPARE(qint64(inbox.rowCount()), byHour[std::size_t(busiest)]);
        for (int r = 0; r < inbox.rowCount(); ++r) {
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(inbox.itemAt(r)->createdAt, tz).time().hour(), busiest);
        }
    }

    void followsThePalette() {
        window().showDashboard(true);
        ui::DashboardChart* chart = dashboard().chart(QStringLiteral("volume"));
        const QPalette before = window().palette();
        QPalette dark = before;
        const QColor base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6);
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::WindowText, text);
        dark.setColor(QPalette::Base, base);
        dark.setColor(QPalette::Text, text);
        window().setPalette(dark);
        QTRY_COMPARE(chart->theme().background, base);
        QCOMPARE(chart->theme().text, text);
        // The card is painted in the palette's base colour (inside its border, left of the plot).
        const QImage dim = chart->grab().toImage();
        QCOMPARE(dim.pixelColor(4, dim.height() / 2), base);
        window().setPalette(before);
        QTRY_COMPARE(chart->theme().background, before.color(QPalette::Base));
        const QImage light = chart->grab().toImage();
        QCOMPARE(light.pixelColor(4, light.height() / 2), before.color(QPalette::Base));
    }

    void exportWritesTheReport() {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString week = insight::isoWeekName(QDate::currentDate());
        m_demo.session->dialogs().setNextText(week);
        m_demo.session->dialogs().setNextText(out.filePath(QStringLiteral("report")));
        auto* reports = window().findChild<QToolButton*>(QStringLiteral("reportsButton"));
        QVERIFY(reports && reports->menu());
        QAction* exportAction = nullptr;
        for (QAction* a : reports->menu()->actions()) {
            if (a->text() == QStringLiteral("Export…")) {
                exportAction = a;
            }
        }
        QVERIFY(exportAction);
        exportAction->trigger();
        const QDir dir(out.filePath(QStringLiteral("report")));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("report-%1.pdf").arg(week))));
        for (const char* file : {"overall-volume.png", "overall-volume.svg", "overall-volume.csv", "summary.csv"}) {
            QVERIFY2(QFile::exists(dir.filePath(QString::fromLatin1(file))), file);
        }
        // The CSV behind the volume chart adds up to the week's incoming items, as the dashboard shows them.
        QFile csv(dir.filePath(QStringLiteral("overall-volume.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        qint64 total = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines.at(i).trimmed().split(',');
            for (qsizetype c = 1; c < cells.size(); ++c) {
                total += cells.at(c).toLongLong();
            }
        }
        window().showDashboard(true);
        pick(dashboard().scopePicker(), 0);
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::ThisWeek));
        QCOMPARE(total, dashboard().summary().volume.incoming);
        QVERIFY(window().statusBar()->currentMessage().contains(week));

        // A week that is not one: a clear message, nothing written.
        m_demo.session->dialogs().setNextText(QStringLiteral("next tuesday"));
        window().exportReport();
        QVERIFY(m_demo.session->dialogs().lastText().contains(QStringLiteral("next tuesday")));
    }

    void speaksFrench() {
        m_demo.session->switchLanguage(QStringLiteral("fr"));
        window().showDashboard(true);
        QCOMPARE(dashboard().findChild<QLabel*>(QStringLiteral("dashboardTitle"))->text(),
                 QStringLiteral("Tableau de bord"));
        QCOMPARE(dashboard().periodPicker()->itemText(0), QStringLiteral("Cette semaine"));
        QCOMPARE(window().findChild<QToolButton*>(QStringLiteral("reportsButton"))->text(), QStringLiteral("Rapports"));
        // Figures in the French way: "36 %".
        pick(dashboard().periodPicker(), int(ui::DashboardView::PeriodChoice::Last30Days));
        QVERIFY(dashboard().tileValue(Tile::ResponseRate)->text().contains(QStringLiteral(" %")));
        m_demo.session->switchLanguage(QStringLiteral("en"));
        window().showDashboard(true);
        QCOMPARE(dashboard().findChild<QLabel*>(QStringLiteral("dashboardTitle"))->text(), QStringLiteral("Dashboard"));
    }
};

QTEST_MAIN(DashboardTest)
#include "DashboardTest.moc"
