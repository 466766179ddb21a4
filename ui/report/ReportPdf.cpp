// The PDF's pages: painted with QPainter on a 96-dpi A4 page, so one unit is one CSS pixel (794 x 1123).
#include "ui/Formatting.h"
#include "ui/Palette.h"
#include "ui/report/ChartPainter.h"
#include "ui/report/ReportExporter.h"
#include "ui/report/ReportFormat.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QTextLayout>

namespace baton::ui::report {
namespace {

using insight::ReportSection;
using insight::WeeklyReport;
using Better = ReportFormat::Better;

const QColor kText(0x1f, 0x23, 0x28);
const QColor kMuted(0x6b, 0x72, 0x80);
const QColor kRule(0xe3, 0xe6, 0xea);
const QColor kCard(0xf6, 0xf7, 0xf9);
constexpr double kMargin = 48;

QFont font(double points, bool bold = false) {
    QFont f;
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

// Pages with a running footer; `next()` starts a new page.
class Pages {
public:
    Pages(QPagedPaintDevice& device, QPainter& painter, const WeeklyReport& report)
        : m_device(device)
        , m_p(painter)
        , m_report(report) {
        const QRectF full(0, 0, device.width(), device.height());
        m_page = full;
        m_content = full.adjusted(kMargin, kMargin, -kMargin, -kMargin - 24);
    }
    const QRectF& content() const { return m_content; }
    const QRectF& page() const { return m_page; }
    void next() {
        footer();
        m_device.newPage();
    }
    void footer() {
        ++m_number;
        m_p.save();
        m_p.setFont(font(7.5));
        m_p.setPen(kMuted);
        const QRectF f(kMargin, m_page.bottom() - kMargin, m_page.width() - 2 * kMargin, 16);
        m_p.setPen(QPen(kRule, 1));
        m_p.drawLine(f.topLeft(), f.topRight());
        m_p.setPen(kMuted);
        m_p.drawText(f.adjusted(0, 4, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                     ReportExporter::tr("Baton · Weekly engagement report · %1").arg(m_report.weekName));
        m_p.drawText(f.adjusted(0, 4, 0, 0), Qt::AlignRight | Qt::AlignVCenter,
                     ReportExporter::tr("Page %1").arg(m_number));
        m_p.restore();
    }

private:
    QPagedPaintDevice& m_device;
    QPainter& m_p;
    const WeeklyReport& m_report;
    QRectF m_page;
    QRectF m_content;
    int m_number = 0;
};

struct Kpi {
    QString label;
    QString value;
    Change change;
    QString before;
};

QList<Kpi> kpis(const ReportSection& s) {
    const auto& c = s.current;
    const auto& p = s.previous;
    auto was = [](const QString& v) { return ReportExporter::tr("%1 the week before").arg(v); };
    return {
        {ReportExporter::tr("Incoming items"), ReportFormat::count(c.volume.incoming),
         ReportFormat::relative(double(c.volume.incoming), double(p.volume.incoming), Better::Neither),
         was(ReportFormat::count(p.volume.incoming))},
        {ReportExporter::tr("Replies sent"), ReportFormat::count(c.volume.outgoing),
         ReportFormat::relative(double(c.volume.outgoing), double(p.volume.outgoing), Better::Higher),
         was(ReportFormat::count(p.volume.outgoing))},
        {ReportExporter::tr("Response rate"), ReportFormat::percent(c.response.rate()),
         ReportFormat::points(c.response.rate(), p.response.rate(), Better::Higher),
         was(ReportFormat::percent(p.response.rate()))},
        {ReportExporter::tr("Backlog at week end"), ReportFormat::count(c.backlog.open),
         ReportFormat::relative(double(c.backlog.open), double(p.backlog.open), Better::Lower),
         was(ReportFormat::count(p.backlog.open))},
        {ReportExporter::tr("Median first response"), ReportFormat::duration(c.response.medianMs),
         ReportFormat::relative(c.response.medianMs, p.response.medianMs, Better::Lower),
         was(ReportFormat::duration(p.response.medianMs))},
        {ReportExporter::tr("p90 first response"), ReportFormat::duration(c.response.p90Ms),
         ReportFormat::relative(c.response.p90Ms, p.response.p90Ms, Better::Lower),
         was(ReportFormat::duration(p.response.p90Ms))},
        {ReportExporter::tr("Negative share"), ReportFormat::percent(c.sentiment.negativeShare()),
         ReportFormat::points(c.sentiment.negativeShare(), p.sentiment.negativeShare(), Better::Lower),
         was(ReportFormat::percent(p.sentiment.negativeShare()))},
        {ReportExporter::tr("Positive share"), ReportFormat::percent(c.sentiment.positiveShare()),
         ReportFormat::points(c.sentiment.positiveShare(), p.sentiment.positiveShare(), Better::Higher),
         was(ReportFormat::percent(p.sentiment.positiveShare()))},
    };
}

// Eight cards, four by row. Returns the bottom.
double paintKpis(QPainter& p, const QRectF& area, const ReportSection& s, double valueSize) {
    const QList<Kpi> list = kpis(s);
    const double gap = 10;
    const double w = (area.width() - 3 * gap) / 4;
    const double h = valueSize * 2.0 + 58;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QRectF card(area.left() + double(i % 4) * (w + gap), area.top() + double(i / 4) * (h + gap), w, h);
        p.setPen(Qt::NoPen);
        p.setBrush(kCard);
        p.drawRoundedRect(card, 6, 6);
        const QRectF in = card.adjusted(12, 10, -12, -10);
        p.setFont(font(7.5));
        p.setPen(kMuted);
        p.drawText(QRectF(in.left(), in.top(), in.width(), 14), Qt::AlignLeft | Qt::AlignTop,
                   QFontMetricsF(p.font()).elidedText(list[i].label, Qt::ElideRight, in.width()));
        p.setFont(font(valueSize, true));
        p.setPen(kText);
        const double valueHeight = QFontMetricsF(p.font()).height();
        p.drawText(QRectF(in.left(), in.top() + 16, in.width(), valueHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   list[i].value);
        p.setFont(font(7.5, true));
        p.setPen(list[i].change.color);
        p.drawText(QRectF(in.left(), in.bottom() - 28, in.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                   list[i].change.text);
        p.setFont(font(7));
        p.setPen(kMuted);
        p.drawText(QRectF(in.left(), in.bottom() - 14, in.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(p.font()).elidedText(list[i].before, Qt::ElideRight, in.width()));
    }
    return area.top() + 2 * h + gap;
}

double heading(QPainter& p, double x, double y, double width, const QString& text) {
    p.setFont(font(11, true));
    p.setPen(kText);
    const double h = QFontMetricsF(p.font()).height();
    p.drawText(QRectF(x, y, width, h), Qt::AlignLeft | Qt::AlignVCenter, text);
    return y + h + 6;
}

void chartBox(QPainter& p, const QRectF& r, const ChartSpec& chart) {
    p.setPen(QPen(kRule, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r, 6, 6);
    ChartTheme theme = ChartTheme::light();
    theme.fillBackground = false;
    ChartPainter::paint(p, r.adjusted(2, 2, -2, -2), chart, theme);
}

struct Column {
    QString title;
    double width; // share of the table
    Qt::Alignment align;
};

// A plain table: header row, thin rules. Returns the bottom.
double table(QPainter& p, double x, double y, double width, const QList<Column>& columns,
             const QList<QStringList>& rows) {
    const double rowHeight = 20;
    auto cells = [&](const QStringList& values, bool header) {
        double cx = x;
        p.setFont(header ? font(7.5, true) : font(8));
        p.setPen(header ? kMuted : kText);
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const double w = columns[c].width * width;
            const QRectF cell(cx + 4, y, w - 8, rowHeight);
            p.drawText(cell, columns[c].align | Qt::AlignVCenter,
                       QFontMetricsF(p.font()).elidedText(values.value(c), Qt::ElideRight, cell.width()));
            cx += w;
        }
        y += rowHeight;
        p.setPen(QPen(header ? QColor(0xc9, 0xcd, 0xd3) : kRule, 1));
        p.drawLine(QPointF(x, y), QPointF(x + width, y));
    };
    QStringList header;
    for (const Column& c : columns) {
        header << c.title;
    }
    cells(header, true);
    for (const QStringList& r : rows) {
        cells(r, false);
    }
    return y;
}

QString dayText(const insight::DaySpan& d) {
    return QLocale().toString(d.date, QStringLiteral("dddd d MMMM"));
}

QStringList spikeLines(const ReportSection& s) {
    QStringList out;
    for (const insight::Spike& k : s.spikes) {
        if (k.kind == insight::Spike::Kind::Volume) {
            out << ReportExporter::tr("%1: %2 incoming items, against %3 a day usually")
                       .arg(dayText(k.day), QLocale().toString(k.value, 'f', 0),
                            QLocale().toString(k.baseline, 'f', 1));
        } else {
            out << ReportExporter::tr("%1: %2 negative, against %3 usually (%n item(s))", nullptr,
                                      int(k.itemIds.size()))
                       .arg(dayText(k.day), ReportFormat::percent(k.value), ReportFormat::percent(k.baseline));
        }
    }
    return out;
}

double bullets(QPainter& p, double x, double y, double width, const QStringList& lines, const QColor& mark) {
    p.setFont(font(8.5));
    const double h = QFontMetricsF(p.font()).height() + 4;
    for (const QString& l : lines) {
        p.setPen(Qt::NoPen);
        p.setBrush(mark);
        p.drawEllipse(QPointF(x + 4, y + h / 2), 2.5, 2.5);
        p.setPen(kText);
        p.drawText(QRectF(x + 14, y, width - 14, h), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(p.font()).elidedText(l, Qt::ElideRight, width - 14));
        y += h;
    }
    return y;
}

void cover(QPainter& p, Pages& pages, const WeeklyReport& r) {
    const QRectF c = pages.content();
    p.fillRect(QRectF(0, 0, pages.page().width(), 6), ReportCharts::accentColor());
    p.setFont(font(9, true));
    p.setPen(ReportCharts::accentColor());
    p.drawText(QRectF(c.left(), c.top() - 8, c.width(), 16), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Baton"));
    p.setFont(font(22, true));
    p.setPen(kText);
    p.drawText(QRectF(c.left(), c.top() + 14, c.width(), 40), Qt::AlignLeft | Qt::AlignVCenter,
               ReportExporter::tr("Weekly engagement report"));
    p.setFont(font(11));
    p.setPen(kMuted);
    const QString scope = r.overall.name.isEmpty() ? ReportExporter::tr("All communities") : r.overall.name;
    p.drawText(QRectF(c.left(), c.top() + 56, c.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1 · %2").arg(ReportFormat::weekTitle(r.week), scope));
    double y = paintKpis(p, QRectF(c.left(), c.top() + 92, c.width(), 0), r.overall, 17) + 18;

    chartBox(p, QRectF(c.left(), y, c.width() * 0.56 - 5, 220), ReportCharts::volumeByDay(r.overall.current));
    chartBox(p, QRectF(c.left() + c.width() * 0.56 + 5, y, c.width() * 0.44 - 5, 220),
             ReportCharts::sentimentByDay(r.overall.current));
    y += 236;
    chartBox(p, QRectF(c.left(), y, c.width() * 0.56 - 5, 200), ReportCharts::responseByDay(r.overall.current));
    chartBox(p, QRectF(c.left() + c.width() * 0.56 + 5, y, c.width() * 0.44 - 5, 200),
             ReportCharts::busiestHours(r.overall.current));
    y += 216;

    if (!r.communities.isEmpty()) {
        y = heading(p, c.left(), y, c.width(), ReportExporter::tr("Communities"));
        QList<QStringList> rows;
        for (const ReportSection& s : r.communities) {
            rows << QStringList{s.name,
                                Formatting::network(s.network),
                                ReportFormat::count(s.current.volume.incoming),
                                ReportFormat::relative(double(s.current.volume.incoming),
                                                       double(s.previous.volume.incoming), Better::Neither)
                                    .text,
                                ReportFormat::percent(s.current.response.rate()),
                                ReportFormat::duration(s.current.response.medianMs),
                                ReportFormat::duration(s.current.response.p90Ms),
                                ReportFormat::percent(s.current.sentiment.negativeShare()),
                                ReportFormat::count(s.current.backlog.open)};
        }
        const auto right = Qt::AlignRight;
        y = table(p, c.left(), y, c.width(),
                  {{ReportExporter::tr("Community"), 0.17, Qt::AlignLeft},
                   {ReportExporter::tr("Network"), 0.14, Qt::AlignLeft},
                   {ReportExporter::tr("Incoming"), 0.09, right},
                   {ReportExporter::tr("Change"), 0.1, right},
                   {ReportExporter::tr("Answered"), 0.09, right},
                   {ReportExporter::tr("Median"), 0.1, right},
                   {ReportExporter::tr("p90"), 0.11, right},
                   {ReportExporter::tr("Negative"), 0.1, right},
                   {ReportExporter::tr("Backlog"), 0.1, right}},
                  rows) +
            16;
    }
    QStringList spikes;
    for (const ReportSection& s : r.communities) {
        for (const QString& line : spikeLines(s)) {
            spikes << s.name + QStringLiteral(" — ") + line;
        }
    }
    if (!spikes.isEmpty() && y < c.bottom() - 60) {
        y = heading(p, c.left(), y, c.width(), ReportExporter::tr("Spikes"));
        const qsizetype room = qsizetype((c.bottom() - y) / 18);
        bullets(p, c.left(), y, c.width(), spikes.mid(0, room), ReportCharts::negativeColor());
    }
}

void notableList(QPainter& p, Pages& pages, double& y, const ReportSection& s) {
    const QRectF c = pages.content();
    const std::pair<insight::NotableItem::Reason, QString> groups[] = {
        {insight::NotableItem::Reason::MostNegative, ReportExporter::tr("Most negative")},
        {insight::NotableItem::Reason::MostPositive, ReportExporter::tr("Most positive")},
        {insight::NotableItem::Reason::LongestWaiting, ReportExporter::tr("Waiting longest for a reply")}};
    for (const auto& [reason, title] : groups) {
        QList<insight::NotableItem> items;
        for (const insight::NotableItem& n : s.notable) {
            if (n.reason == reason) {
                items << n;
            }
        }
        if (items.isEmpty()) {
            continue;
        }
        if (y > c.bottom() - 80) {
            pages.next();
            y = c.top();
        }
        p.setFont(font(9, true));
        p.setPen(kText);
        p.drawText(QRectF(c.left(), y, c.width(), 18), Qt::AlignLeft | Qt::AlignVCenter, title);
        y += 22;
        for (const insight::NotableItem& n : items) {
            if (y > c.bottom() - 56) {
                pages.next();
                y = c.top();
            }
            const QRectF box(c.left(), y, c.width(), 50);
            p.setPen(Qt::NoPen);
            p.setBrush(kCard);
            p.drawRoundedRect(box, 5, 5);
            Palette::paintNetworkBadge(&p, QRectF(box.left() + 10, box.top() + 8, 14, 14), n.network);
            p.setFont(font(8, true));
            p.setPen(kText);
            const QString author = n.author.isEmpty() ? ReportExporter::tr("unknown author") : n.author;
            p.drawText(QRectF(box.left() + 30, box.top() + 6, box.width() * 0.5, 18), Qt::AlignLeft | Qt::AlignVCenter,
                       author);
            const QString meta =
                reason == insight::NotableItem::Reason::LongestWaiting
                    ? ReportExporter::tr("waiting %1").arg(ReportFormat::duration(n.waitingMs))
                    : ReportFormat::sentimentMark(n.sentiment) + QStringLiteral(" · ") +
                          QLocale().toString(QDateTime::fromMSecsSinceEpoch(n.createdAt, s.current.period.timeZone),
                                             QStringLiteral("ddd d MMM HH:mm"));
            p.setFont(font(7.5));
            p.setPen(
                reason == insight::NotableItem::Reason::MostNegative
                    ? ReportCharts::negativeColor()
                    : (reason == insight::NotableItem::Reason::MostPositive ? ReportCharts::positiveColor() : kMuted));
            p.drawText(QRectF(box.left() + box.width() * 0.45, box.top() + 6, box.width() * 0.55 - 10, 18),
                       Qt::AlignRight | Qt::AlignVCenter, meta);
            p.setFont(font(8));
            p.setPen(kText);
            const QString text = n.text.simplified();
            p.drawText(QRectF(box.left() + 30, box.top() + 26, box.width() - 40, 18), Qt::AlignLeft | Qt::AlignVCenter,
                       QFontMetricsF(p.font()).elidedText(text, Qt::ElideRight, box.width() - 40));
            y += 56;
        }
        y += 6;
    }
}

void communityPages(QPainter& p, Pages& pages, const ReportSection& s) {
    const QRectF c = pages.content();
    p.fillRect(QRectF(0, 0, pages.page().width(), 6), ReportCharts::accentColor());
    Palette::paintNetworkBadge(&p, QRectF(c.left(), c.top() + 4, 22, 22), s.network);
    p.setFont(font(17, true));
    p.setPen(kText);
    p.drawText(QRectF(c.left() + 30, c.top(), c.width() - 30, 30), Qt::AlignLeft | Qt::AlignVCenter, s.name);
    p.setFont(font(8.5));
    p.setPen(kMuted);
    p.drawText(QRectF(c.left(), c.top() + 32, c.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
               ReportExporter::tr("%1 on %2 · first-response times count %3")
                   .arg(s.accountName, Formatting::network(s.network), ReportFormat::businessHours(s.current.hours)));
    double y = paintKpis(p, QRectF(c.left(), c.top() + 58, c.width(), 0), s, 14) + 14;
    const QList<ChartSpec> charts = ReportCharts::all(s.current);
    const double w = (c.width() - 10) / 2;
    const double h = 228;
    for (int i = 0; i < 4; ++i) {
        chartBox(p, QRectF(c.left() + (i % 2) * (w + 10), y + (i / 2) * (h + 10), w, h), charts[i]);
    }
    y += 2 * h + 20;
    chartBox(p, QRectF(c.left(), y, c.width(), 172), charts[4]);
    y += 186;
    // Spikes under the charts when they fit, else at the top of the notable items' page (never a page alone).
    const QStringList spikes = spikeLines(s);
    const bool spikesHere = y + 30 + 22 * double(spikes.size()) <= c.bottom();
    auto paintSpikes = [&] {
        y = heading(p, c.left(), y, c.width(), ReportExporter::tr("Spikes"));
        y = bullets(p, c.left(), y, c.width(), spikes, ReportCharts::negativeColor()) + 12;
    };
    if (!spikes.isEmpty() && spikesHere) {
        paintSpikes();
    }
    pages.next();
    y = c.top();
    if (!spikes.isEmpty() && !spikesHere) {
        paintSpikes();
    }
    y = heading(p, c.left(), y, c.width(), ReportExporter::tr("%1: notable items").arg(s.name));
    notableList(p, pages, y, s);
}

} // namespace

void ReportExporter::paintPdf(const WeeklyReport& report, QPagedPaintDevice& device) {
    QPainter p(&device);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    Pages pages(device, p, report);
    cover(p, pages, report);
    for (const ReportSection& s : report.communities) {
        pages.next();
        communityPages(p, pages, s);
    }
    pages.footer();
    p.end();
}

} // namespace baton::ui::report
