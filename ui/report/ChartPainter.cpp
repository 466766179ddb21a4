#include "ui/report/ChartPainter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace baton::ui::report {
namespace {

struct Layout {
    QRectF title;
    QRectF unit;
    QRectF plot;
    QRectF legend;
    QRectF xTitle;
    double labelWidth = 0; // horizontal bars: category labels on the left
    double maxValue = 1;
    double step = 1;
};

double niceStep(double range, int ticks) {
    if (range <= 0) {
        return 1;
    }
    const double raw = range / ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * mag >= raw) {
            return m * mag;
        }
    }
    return 10 * mag;
}

double dataMax(const ChartSpec& c) {
    double max = 0;
    for (qsizetype i = 0; i < c.categories.size(); ++i) {
        double sum = 0;
        for (const ChartSeries& s : c.series) {
            const double v = s.values.value(i, 0);
            if (std::isnan(v)) {
                continue;
            }
            if (c.type == ChartSpec::Type::StackedBars) {
                sum += v;
            } else {
                max = std::max(max, v);
            }
        }
        max = std::max(max, sum);
    }
    return max;
}

QString number(double v, double step) {
    const int decimals = step >= 1 ? 0 : (step >= 0.1 ? 1 : 2);
    return QLocale().toString(v, 'f', decimals);
}

QFont scaled(const QFont& f, double factor, bool bold = false) {
    QFont out = f;
    out.setPointSizeF(f.pointSizeF() * factor);
    out.setBold(bold);
    return out;
}

Layout layoutOf(const QRectF& rect, const ChartSpec& c, const ChartTheme& theme) {
    Layout l;
    const QFontMetricsF fm(theme.font);
    const QFontMetricsF tm(scaled(theme.font, 1.15, true));
    const double pad = fm.height() * 0.6;
    QRectF r = rect.adjusted(pad, pad * 0.8, -pad, -pad * 0.8);
    l.title = QRectF(r.left(), r.top(), r.width(), tm.height() * 1.2);
    r.setTop(l.title.bottom());
    l.unit = QRectF(r.left(), r.top(), r.width(), fm.height() * 1.3);
    r.setTop(l.unit.bottom());
    if (c.series.size() > 1) {
        l.legend = QRectF(r.left(), r.bottom() - fm.height() * 1.4, r.width(), fm.height() * 1.4);
        r.setBottom(l.legend.top() - fm.height() * 0.3);
    }
    if (!c.xTitle.isEmpty()) {
        l.xTitle = QRectF(r.left(), r.bottom() - fm.height() * 1.2, r.width(), fm.height() * 1.2);
        r.setBottom(l.xTitle.top());
    }
    const double max = dataMax(c);
    l.step = niceStep(max > 0 ? max : 1, 4);
    l.maxValue = std::max(l.step, std::ceil(max / l.step - 1e-9) * l.step);
    if (c.type == ChartSpec::Type::HorizontalBars) {
        double w = 0;
        for (const QString& s : c.categories) {
            w = std::max(w, fm.horizontalAdvance(s));
        }
        l.labelWidth = std::min(w + pad, r.width() * 0.38);
        l.plot = QRectF(r.left() + l.labelWidth, r.top(),
                        r.width() - l.labelWidth - fm.horizontalAdvance(QStringLiteral("00000")), r.height());
        return l;
    }
    const double yLabels = fm.horizontalAdvance(number(l.maxValue, l.step)) + pad * 0.8;
    const double slot = (r.width() - yLabels) / double(std::max<qsizetype>(c.categories.size(), 1));
    bool twoLines = false;
    for (const QString& s : c.categories) {
        twoLines = twoLines || fm.horizontalAdvance(s) > slot * 0.95;
    }
    const double labels = fm.height() * (twoLines ? 2.5 : 1.6);
    l.plot = QRectF(r.left() + yLabels, r.top() + fm.height() * 0.5, r.width() - yLabels,
                    r.height() - labels - fm.height() * 0.5);
    return l;
}

void paintLegend(QPainter& p, const Layout& l, const ChartSpec& c, const ChartTheme& theme) {
    if (l.legend.isEmpty()) {
        return;
    }
    const QFontMetricsF fm(theme.font);
    const double sw = fm.height() * 0.7;
    double total = 0;
    for (const ChartSeries& s : c.series) {
        total += sw + fm.height() * 0.35 + fm.horizontalAdvance(s.name) + fm.height();
    }
    double x = l.legend.center().x() - total / 2;
    const double cy = l.legend.center().y();
    for (const ChartSeries& s : c.series) {
        if (c.type == ChartSpec::Type::Lines) {
            p.setPen(QPen(s.color, 2));
            p.drawLine(QPointF(x, cy), QPointF(x + sw, cy));
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(s.color);
            p.drawRoundedRect(QRectF(x, cy - sw / 2, sw, sw), 2, 2);
        }
        x += sw + fm.height() * 0.35;
        p.setPen(theme.text);
        p.drawText(QRectF(x, l.legend.top(), fm.horizontalAdvance(s.name) + 2, l.legend.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, s.name);
        x += fm.horizontalAdvance(s.name) + fm.height();
    }
}

void paintVertical(QPainter& p, const Layout& l, const ChartSpec& c, const ChartTheme& theme) {
    const QFontMetricsF fm(theme.font);
    const QRectF& plot = l.plot;
    auto yOf = [&](double v) { return plot.bottom() - v / l.maxValue * plot.height(); };
    // Gridlines and value labels.
    p.setFont(theme.font);
    for (double v = 0; v <= l.maxValue + 1e-9; v += l.step) {
        const double y = yOf(v);
        p.setPen(QPen(v == 0 ? theme.axis : theme.grid, 1));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(theme.muted);
        p.drawText(
            QRectF(l.unit.left(), y - fm.height() / 2, plot.left() - l.unit.left() - fm.height() * 0.4, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, number(v, l.step));
    }
    const qsizetype n = c.categories.size();
    if (n == 0) {
        return;
    }
    const double slot = plot.width() / double(n);
    for (qsizetype i = 0; i < n; ++i) {
        p.setPen(theme.muted);
        // "Mon 16" on two lines ("Mon", "16") when the slot is too narrow for one.
        QString label = c.categories[i];
        if (fm.horizontalAdvance(label) > slot * 0.95) {
            label.replace(u' ', u'\n');
        }
        p.drawText(QRectF(plot.left() + slot * double(i) - slot, plot.bottom() + fm.height() * 0.25, slot * 3,
                          fm.height() * 2.2),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    if (c.type == ChartSpec::Type::Lines) {
        for (const ChartSeries& s : c.series) {
            QPainterPath path;
            bool open = false;
            QList<QPointF> points;
            for (qsizetype i = 0; i < n; ++i) {
                const double v = s.values.value(i, ChartSpec::noValue());
                if (std::isnan(v)) {
                    open = false;
                    continue;
                }
                const QPointF pt(plot.left() + slot * (double(i) + 0.5), yOf(v));
                open ? path.lineTo(pt) : path.moveTo(pt);
                open = true;
                points << pt;
            }
            p.setPen(QPen(s.color, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            p.setBrush(theme.background);
            for (const QPointF& pt : std::as_const(points)) {
                p.drawEllipse(pt, 3, 3);
            }
        }
        return;
    }
    const bool stacked = c.type == ChartSpec::Type::StackedBars || c.series.size() == 1;
    const double barWidth = stacked ? slot * 0.62 : slot * 0.8 / double(c.series.size());
    for (qsizetype i = 0; i < n; ++i) {
        double base = 0;
        const double x0 =
            plot.left() + slot * double(i) + (slot - (stacked ? barWidth : barWidth * double(c.series.size()))) / 2;
        for (qsizetype k = 0; k < c.series.size(); ++k) {
            const double v = c.series[k].values.value(i, 0);
            if (std::isnan(v) || v <= 0) {
                continue;
            }
            const double x = stacked ? x0 : x0 + barWidth * double(k);
            const double top = yOf(stacked ? base + v : v);
            const double bottom = yOf(stacked ? base : 0);
            p.setPen(Qt::NoPen);
            p.setBrush(c.series[k].color);
            p.drawRect(QRectF(x, top, barWidth, bottom - top));
            if (stacked) {
                base += v;
            }
        }
        if (stacked && base > 0 && c.series.size() > 1 && barWidth > fm.horizontalAdvance(QStringLiteral("0000"))) {
            p.setPen(theme.text);
            p.drawText(QRectF(x0 - slot, yOf(base) - fm.height() * 1.15, barWidth + 2 * slot, fm.height()),
                       Qt::AlignHCenter | Qt::AlignBottom, QLocale().toString(base, 'f', 0));
        }
    }
}

void paintHorizontal(QPainter& p, const Layout& l, const ChartSpec& c, const ChartTheme& theme) {
    const QFontMetricsF fm(theme.font);
    const QRectF& plot = l.plot;
    const qsizetype n = c.categories.size();
    if (n == 0 || c.series.isEmpty()) {
        return;
    }
    const double row = std::min(plot.height() / double(n), fm.height() * 2.2);
    const ChartSeries& s = c.series.first();
    p.setRenderHint(QPainter::Antialiasing, true);
    for (qsizetype i = 0; i < n; ++i) {
        const double y = plot.top() + row * double(i);
        p.setPen(theme.text);
        const QString label = fm.elidedText(c.categories[i], Qt::ElideRight, l.labelWidth - fm.height() * 0.5);
        p.drawText(QRectF(plot.left() - l.labelWidth, y, l.labelWidth - fm.height() * 0.5, row),
                   Qt::AlignRight | Qt::AlignVCenter, label);
        const double v = s.values.value(i, 0);
        const double w = std::isnan(v) ? 0 : v / l.maxValue * plot.width();
        p.setPen(Qt::NoPen);
        p.setBrush(s.color);
        p.drawRoundedRect(QRectF(plot.left(), y + row * 0.2, std::max(w, 1.0), row * 0.6), 2, 2);
        p.setPen(theme.muted);
        p.drawText(QRectF(plot.left() + w + fm.height() * 0.3, y, fm.horizontalAdvance(QStringLiteral("000000")), row),
                   Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString(v, 'f', 0));
    }
}

} // namespace

ChartTheme ChartTheme::light() {
    ChartTheme t;
    t.font.setPointSizeF(8.5);
    return t;
}

ChartTheme ChartTheme::dark() {
    ChartTheme t = light();
    t.background = QColor(0x1e, 0x21, 0x26);
    t.text = QColor(0xe6, 0xe8, 0xeb);
    t.muted = QColor(0x9a, 0xa1, 0xac);
    t.grid = QColor(0x33, 0x38, 0x40);
    t.axis = QColor(0x55, 0x5c, 0x66);
    return t;
}

void ChartPainter::paint(QPainter& p, const QRectF& rect, const ChartSpec& c, const ChartTheme& theme) {
    p.save();
    p.setClipRect(rect);
    if (theme.fillBackground) {
        p.fillRect(rect, theme.background);
    }
    const Layout l = layoutOf(rect, c, theme);
    p.setFont(scaled(theme.font, 1.15, true));
    p.setPen(theme.text);
    p.drawText(l.title, Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(p.font()).elidedText(c.title, Qt::ElideRight, l.title.width()));
    p.setFont(theme.font);
    p.setPen(theme.muted);
    if (c.type != ChartSpec::Type::HorizontalBars) {
        p.drawText(l.unit, Qt::AlignLeft | Qt::AlignVCenter, c.yTitle);
    }
    if (!l.xTitle.isEmpty()) {
        p.drawText(l.xTitle.adjusted(l.plot.left() - l.xTitle.left(), 0, 0, 0), Qt::AlignHCenter | Qt::AlignBottom,
                   c.xTitle);
    }
    if (c.isEmpty()) {
        p.setPen(theme.muted);
        p.drawText(l.plot, Qt::AlignCenter, QCoreApplication::translate("ChartPainter", "No items in this period"));
    } else if (c.type == ChartSpec::Type::HorizontalBars) {
        paintHorizontal(p, l, c, theme);
    } else {
        paintVertical(p, l, c, theme);
    }
    p.setFont(theme.font);
    paintLegend(p, l, c, theme);
    p.restore();
}

int ChartPainter::categoryAt(const QRectF& rect, const ChartSpec& chart, const ChartTheme& theme,
                             const QPointF& point) {
    const Layout l = layoutOf(rect, chart, theme);
    const qsizetype n = chart.categories.size();
    if (n == 0) {
        return -1;
    }
    if (chart.type == ChartSpec::Type::HorizontalBars) {
        const QFontMetricsF fm(theme.font);
        const double row = std::min(l.plot.height() / double(n), fm.height() * 2.2);
        const int i = static_cast<int>((point.y() - l.plot.top()) / row);
        return point.y() >= l.plot.top() && i < n ? i : -1;
    }
    if (!l.plot.adjusted(0, 0, 0, 20).contains(point)) {
        return -1;
    }
    return std::clamp(static_cast<int>((point.x() - l.plot.left()) / (l.plot.width() / double(n))), 0, int(n) - 1);
}

} // namespace baton::ui::report
