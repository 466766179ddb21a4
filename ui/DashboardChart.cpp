#include "ui/DashboardChart.h"

#include "ui/Palette.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <cmath>

namespace baton::ui {

DashboardChart::DashboardChart(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DashboardChart::setSpec(report::ChartSpec spec) {
    m_spec = std::move(spec);
    setObjectName(QStringLiteral("chart-%1").arg(m_spec.key));
    update();
}

report::ChartTheme DashboardChart::theme() const {
    const QPalette pal = palette();
    report::ChartTheme t = Palette::isDark(pal) ? report::ChartTheme::dark() : report::ChartTheme::light();
    t.background = pal.color(QPalette::Base);
    t.text = pal.color(QPalette::Text);
    t.muted = Palette::muted(pal);
    t.grid = Palette::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.10);
    t.axis = Palette::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.28);
    t.font = font();
    t.fillBackground = false;
    return t;
}

QRectF DashboardChart::chartRect() const {
    return QRectF(rect()).adjusted(12, 8, -12, -8);
}

bool DashboardChart::drillable(int category) const {
    return category >= 0 && category < m_spec.spans.size();
}

std::optional<QPoint> DashboardChart::pointOf(int category) const {
    const QRectF r = chartRect();
    const report::ChartTheme t = theme();
    // Scan the chart's middle line for the category (the painter's layout is its own business).
    for (const double fy : {0.6, 0.5, 0.7, 0.4}) {
        for (int x = int(r.left()); x < int(r.right()); x += 2) {
            const QPointF p(x, r.top() + r.height() * fy);
            if (report::ChartPainter::categoryAt(r, m_spec, t, p) == category) {
                // The middle of the run of x belonging to this category.
                int end = x;
                while (end + 1 < int(r.right()) &&
                       report::ChartPainter::categoryAt(r, m_spec, t, QPointF(end + 1, p.y())) == category) {
                    ++end;
                }
                return QPoint((x + end) / 2, int(p.y()));
            }
        }
    }
    return std::nullopt;
}

void DashboardChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    // A card: the base colour with a hairline border, on the window colour.
    QPainterPath card;
    card.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    p.fillPath(card, pal.color(QPalette::Base));
    p.setPen(QPen(Palette::mix(pal.color(QPalette::Window), pal.color(QPalette::Text), 0.14), 1));
    p.drawPath(card);
    report::ChartPainter::paint(p, chartRect(), m_spec, theme());
}

void DashboardChart::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const int c = report::ChartPainter::categoryAt(chartRect(), m_spec, theme(), event->position());
        if (drillable(c)) {
            emit categoryClicked(c);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

void DashboardChart::mouseMoveEvent(QMouseEvent* event) {
    const int c = report::ChartPainter::categoryAt(chartRect(), m_spec, theme(), event->position());
    setCursor(drillable(c) ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (c >= 0 && c < m_spec.categories.size()) {
        QStringList lines{m_spec.categories.at(c)};
        for (const report::ChartSeries& s : m_spec.series) {
            const double v = c < s.values.size() ? s.values.at(c) : report::ChartSpec::noValue();
            if (!std::isnan(v)) {
                lines << tr("%1: %2").arg(s.name, QLocale().toString(v, 'f', m_spec.decimals));
            }
        }
        if (drillable(c)) {
            lines << tr("Click to open these items in the inbox");
        }
        QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), this);
    } else {
        QToolTip::hideText();
    }
    QWidget::mouseMoveEvent(event);
}

void DashboardChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace baton::ui
