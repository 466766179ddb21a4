#pragma once

#include "core/insight/Metrics.h"
#include "core/store/InboxQuery.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QGridLayout;

namespace baton::store {
class Store;
}

namespace baton::ui {

class DashboardChart;
class DialogFacade;

// The dashboard page of the main window: one scope (everything or a community) over one period, as headline
// tiles with their change from the period before, and the weekly report's charts. Every figure comes from
// insight::summarize and every chart from report::ReportCharts, so the dashboard and the report agree.
// A click on a day of a chart asks for the inbox showing exactly the items behind it.
class DashboardView final : public QWidget {
    Q_OBJECT
public:
    enum class PeriodChoice { ThisWeek, LastWeek, Last30Days, Custom };
    // The headline tiles, in display order.
    enum class Tile { Incoming, Replies, ResponseRate, MedianResponse, P90Response, Backlog, NegativeShare };

    DashboardView(store::Store& store, DialogFacade& dialogs, std::function<qint64()> now, QWidget* parent = nullptr);
    ~DashboardView() override;

    // Reads the figures again (the window calls it when the page is shown and when the store changes).
    void refresh();
    // The communities of the scope picker (after accounts or communities change).
    void reloadScopes();

    void setScope(const insight::Scope& scope);
    insight::Scope scope() const;
    void setPeriodChoice(PeriodChoice choice);
    // Local days first..last, both included (the picker shows "Custom").
    void setCustomDays(const QDate& first, const QDate& last);
    PeriodChoice periodChoice() const;
    insight::Period period() const { return m_period; }

    const insight::Summary& summary() const { return m_current; }
    const insight::Summary& previousSummary() const { return m_previous; }
    QLabel* tileValue(Tile tile) const;
    QLabel* tileChange(Tile tile) const;
    // Charts by key: "volume", "sentiment", "response", "hours", "contributors".
    DashboardChart* chart(const QString& key) const;
    QComboBox* scopePicker() const { return m_scopePicker; }
    QComboBox* periodPicker() const { return m_periodPicker; }
    QPushButton* exportButton() const { return m_exportButton; }

signals:
    // The inbox should show exactly these items under this title.
    void itemsRequested(const store::InboxFilter& filter, const QString& title);
    void exportRequested();

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct TileWidgets {
        QWidget* card = nullptr;
        QLabel* caption = nullptr;
        QLabel* value = nullptr;
        QLabel* change = nullptr;
    };

    void buildUi();
    void layoutTiles(int columns);
    void fitTiles(int width);
    void retranslate();
    void applyTheme();
    void computePeriod();
    void onPeriodPicked(int index);
    void showFigures();
    void onChartClicked(const QString& key, int category);

    store::Store& m_store;
    DialogFacade& m_dialogs;
    std::function<qint64()> m_now;
    QTimeZone m_zone;
    insight::Period m_period;
    QDate m_customFirst;
    QDate m_customLast;
    int m_lastPeriodIndex = 0;
    insight::Summary m_current;
    insight::Summary m_previous;

    QLabel* m_title = nullptr;
    QLabel* m_periodLabel = nullptr;
    QLabel* m_scopeLabel = nullptr;
    QLabel* m_periodPickerLabel = nullptr;
    QComboBox* m_scopePicker = nullptr;
    QComboBox* m_periodPicker = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_hoursNote = nullptr;
    QHash<int, TileWidgets> m_tiles;
    QGridLayout* m_tileGrid = nullptr;
    int m_tileColumns = 0;
    QHash<QString, DashboardChart*> m_charts;
};

} // namespace baton::ui
