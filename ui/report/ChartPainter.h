#pragma once

#include "ui/report/ReportCharts.h"

#include <QColor>
#include <QFont>
#include <QRectF>

class QPainter;

namespace baton::ui::report {

// Colours and font of a painted chart. light() is what exported files use; fromPalette() follows the window.
struct ChartTheme {
    QColor background = Qt::white;
    QColor text = QColor(0x1f, 0x23, 0x28);
    QColor muted = QColor(0x6b, 0x72, 0x80);
    QColor grid = QColor(0xe3, 0xe6, 0xea);
    QColor axis = QColor(0xb8, 0xbe, 0xc6);
    QFont font;
    bool fillBackground = true;

    static ChartTheme light();
    static ChartTheme dark();
};

// Paints a ChartSpec with QPainter only (no widgets): into a widget, a QImage, a QSvgGenerator or a PDF page.
// Flat, thin gridlines, title in sentence case, axes labelled with units, legend below.
class ChartPainter final {
public:
    static void paint(QPainter& painter, const QRectF& rect, const ChartSpec& chart, const ChartTheme& theme);
    // The category under a point of a chart painted in rect, or -1 (for click-to-drill-down).
    static int categoryAt(const QRectF& rect, const ChartSpec& chart, const ChartTheme& theme, const QPointF& point);
};

} // namespace baton::ui::report
