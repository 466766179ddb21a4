#pragma once

#include "ui/report/ChartPainter.h"
#include "ui/report/ReportCharts.h"

#include <QWidget>

namespace baton::ui {

// One of the report's charts in a widget: the same ChartSpec and ChartPainter as the PDF, in the window's colours.
// A click on a bar or point emits its category (for the dashboard's drill-down into the inbox).
class DashboardChart final : public QWidget {
    Q_OBJECT
public:
    explicit DashboardChart(QWidget* parent = nullptr);

    void setSpec(report::ChartSpec spec);
    const report::ChartSpec& spec() const { return m_spec; }
    // The chart theme of the current palette: light or dark, text and background from the palette.
    report::ChartTheme theme() const;
    // Where category i is drawn (the middle of its bar or point, halfway up the plot); for tests and tooltips.
    std::optional<QPoint> pointOf(int category) const;

    QSize sizeHint() const override { return {480, 260}; }
    QSize minimumSizeHint() const override { return {280, 200}; }

signals:
    void categoryClicked(int category);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QRectF chartRect() const;
    bool drillable(int category) const;

    report::ChartSpec m_spec;
};

} // namespace baton::ui
