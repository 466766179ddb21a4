// The main window's second page: the dashboard, its drill-down into the inbox, and Reports → Export.
#include "core/insight/WeeklyReport.h"
#include "core/models/InboxModel.h"
#include "core/store/Store.h"
#include "ui/DashboardView.h"
#include "ui/DialogFacade.h"
#include "ui/FilterBar.h"
#include "ui/InboxDelegate.h"
#include "ui/MainWindow.h"
#include "ui/report/ReportExporter.h"

#include <QComboBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

namespace baton::ui {
namespace {

// The clock of the window, for the report's "generated at" and backlog instant.
class WindowClock final : public Clock {
public:
    explicit WindowClock(std::function<qint64()> now)
        : m_now(std::move(now)) {}
    qint64 nowMs() const override { return m_now(); }

private:
    std::function<qint64()> m_now;
};

} // namespace

bool MainWindow::dashboardShown() const {
    return m_pages && m_pages->currentWidget() == m_dashboard;
}

void MainWindow::showDashboard(bool show) {
    if (!m_pages || show == dashboardShown()) {
        return;
    }
    if (show) {
        m_dashboard->reloadScopes();
        m_dashboard->refresh();
        m_pages->setCurrentWidget(m_dashboard);
        m_dashboard->setFocus(Qt::OtherFocusReason);
    } else {
        m_pages->setCurrentWidget(m_splitter);
        m_list->setFocus(Qt::OtherFocusReason);
    }
    // The inbox's filters and order mean nothing on the dashboard; the search stays (typing goes back).
    m_filterBar->setVisible(!show);
    m_sort->setVisible(!show);
    const QSignalBlocker block(m_dashboardButton);
    m_dashboardButton->setChecked(show);
}

void MainWindow::showItems(const store::InboxFilter& filter, const QString& title) {
    showDashboard(false);
    {
        // No source is current: the list shows these items until a view is picked again.
        const QSignalBlocker block(m_tree->selectionModel());
        m_tree->selectionModel()->clear();
    }
    m_filterBar->setChoice({});
    {
        const QSignalBlocker block(m_search);
        m_search->clear();
    }
    m_searchDelay->stop();
    m_delegate->setSearchTerms({});
    m_listTitle->setText(title);
    m_inbox->setFilter(filter);
    m_inbox->setAtTop(true);
    if (m_inbox->rowCount() > 0) {
        m_list->setCurrentIndex(m_inbox->index(0));
    } else {
        onCurrentChanged();
    }
    updateEmptyState();
}

void MainWindow::exportReport() {
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_now(), zone).date();
    // Last week first: the usual Monday-morning report.
    QStringList weeks;
    for (int i = 1; i <= 8; ++i) {
        weeks << insight::isoWeekName(today.addDays(-7 * i));
    }
    weeks.insert(1, insight::isoWeekName(today));
    const auto weekText = m_dialogs.askText(this, tr("Export the weekly report"),
                                            tr("Week (ISO, e.g. %1):").arg(weeks.first()), weeks.first(), weeks);
    if (!weekText || weekText->trimmed().isEmpty()) {
        return;
    }
    const auto week = insight::parseIsoWeek(weekText->trimmed(), zone);
    if (!week) {
        m_dialogs.information(this, tr("Export the weekly report"),
                              tr("“%1” is not a week. Write it like %2.").arg(weekText->trimmed(), weeks.first()));
        return;
    }
    const QString base = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested =
        QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("Baton report %1").arg(*weekText));
    const auto folder = m_dialogs.askText(this, tr("Export the weekly report"), tr("Folder for the files:"),
                                          QDir::toNativeSeparators(suggested));
    if (!folder || folder->trimmed().isEmpty()) {
        return;
    }
    const QString out = QDir::cleanPath(QDir::fromNativeSeparators(folder->trimmed()));
    const WindowClock clock(m_now);
    const insight::WeeklyReport report = insight::buildWeeklyReport(m_store.reader(), *week, clock);
    const auto written = report::ReportExporter::write(report, out, report::ExportFormats{});
    if (!written) {
        m_dialogs.information(this, tr("Export the weekly report"),
                              tr("The report could not be written: %1").arg(written.error().detail));
        return;
    }
    statusBar()->showMessage(
        tr("Wrote %n file(s) for %1 to %2", nullptr, int(written->size())).arg(report.weekName, out), 8000);
}

} // namespace baton::ui
