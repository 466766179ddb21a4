#include "ui/DashboardView.h"

#include "core/store/Store.h"
#include "ui/DashboardChart.h"
#include "ui/DialogFacade.h"
#include "ui/Palette.h"
#include "ui/report/ReportCharts.h"
#include "ui/report/ReportFormat.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

using report::ReportFormat;
using Better = ReportFormat::Better;

// The window's clock as a Clock for the metrics.
class FunctionClock final : public Clock {
public:
    explicit FunctionClock(std::function<qint64()> now)
        : m_now(std::move(now)) {}
    qint64 nowMs() const override { return m_now(); }

private:
    std::function<qint64()> m_now;
};

// A headline figure on a rounded card, like the charts'.
class TileCard final : public QWidget {
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        QPainterPath card;
        card.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
        p.fillPath(card, pal.color(QPalette::Base));
        p.setPen(QPen(Palette::mix(pal.color(QPalette::Window), pal.color(QPalette::Text), 0.14), 1));
        p.drawPath(card);
    }
};

constexpr DashboardView::Tile kTiles[] = {DashboardView::Tile::Incoming,     DashboardView::Tile::Replies,
                                          DashboardView::Tile::ResponseRate, DashboardView::Tile::MedianResponse,
                                          DashboardView::Tile::P90Response,  DashboardView::Tile::Backlog,
                                          DashboardView::Tile::NegativeShare};

const char* const kChartKeys[] = {"volume", "sentiment", "response", "hours", "contributors"};

QString dayRange(const insight::Period& p) {
    const QDate first = QDateTime::fromMSecsSinceEpoch(p.from, p.timeZone).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(p.to - 1, p.timeZone).date();
    const QLocale locale;
    if (first == last) {
        return locale.toString(first, QStringLiteral("d MMMM yyyy"));
    }
    const QString firstFormat = first.year() == last.year()
                                    ? (first.month() == last.month() ? QStringLiteral("d") : QStringLiteral("d MMMM"))
                                    : QStringLiteral("d MMMM yyyy");
    return QStringLiteral("%1 – %2").arg(locale.toString(first, firstFormat),
                                         locale.toString(last, QStringLiteral("d MMMM yyyy")));
}

} // namespace

DashboardView::DashboardView(store::Store& store, DialogFacade& dialogs, std::function<qint64()> now, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_dialogs(dialogs)
    , m_now(now ? std::move(now) : [] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_zone(QTimeZone::systemTimeZone()) {
    setObjectName(QStringLiteral("dashboard"));
    buildUi();
    retranslate();
    reloadScopes();
    applyTheme();
    computePeriod();
    // Figures follow the store while the page is open; a burst of changes is read once.
    auto* again = new QTimer(this);
    again->setSingleShot(true);
    again->setInterval(400);
    connect(again, &QTimer::timeout, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
    connect(&m_store.writer(), &store::StoreWriter::changed, again, qOverload<>(&QTimer::start));
}

DashboardView::~DashboardView() = default;

void DashboardView::buildUi() {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    outer->addWidget(scroll);
    auto* page = new QWidget(scroll);
    page->setObjectName(QStringLiteral("dashboardPage"));
    scroll->setWidget(page);
    auto* rows = new QVBoxLayout(page);
    rows->setContentsMargins(24, 16, 24, 24);
    rows->setSpacing(16);

    // Header: title and period on the left, pickers and export on the right.
    auto* header = new QHBoxLayout;
    header->setSpacing(8);
    auto* titles = new QVBoxLayout;
    titles->setSpacing(2);
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    m_title->setFont(titleFont);
    m_periodLabel = new QLabel(page);
    m_periodLabel->setObjectName(QStringLiteral("dashboardPeriod"));
    m_periodLabel->setWordWrap(true);
    titles->addWidget(m_title);
    titles->addWidget(m_periodLabel);
    header->addLayout(titles, 1);
    m_scopeLabel = new QLabel(page);
    m_scopePicker = new QComboBox(page);
    m_scopePicker->setObjectName(QStringLiteral("dashboardScope"));
    m_scopePicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scopePicker->setMinimumContentsLength(18);
    m_scopeLabel->setBuddy(m_scopePicker);
    m_periodPickerLabel = new QLabel(page);
    m_periodPicker = new QComboBox(page);
    m_periodPicker->setObjectName(QStringLiteral("dashboardPeriodPicker"));
    m_periodPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_periodPickerLabel->setBuddy(m_periodPicker);
    m_exportButton = new QPushButton(page);
    m_exportButton->setObjectName(QStringLiteral("dashboardExport"));
    header->addWidget(m_scopeLabel);
    header->addWidget(m_scopePicker);
    header->addSpacing(8);
    header->addWidget(m_periodPickerLabel);
    header->addWidget(m_periodPicker);
    header->addSpacing(8);
    header->addWidget(m_exportButton);
    rows->addLayout(header);
    connect(m_scopePicker, &QComboBox::activated, this, [this] { refresh(); });
    connect(m_periodPicker, &QComboBox::activated, this, &DashboardView::onPeriodPicked);
    connect(m_exportButton, &QPushButton::clicked, this, &DashboardView::exportRequested);

    // Headline tiles.
    auto* tiles = new QGridLayout;
    tiles->setHorizontalSpacing(12);
    tiles->setVerticalSpacing(12);
    for (const Tile t : kTiles) {
        TileWidgets w;
        w.card = new TileCard(page);
        w.card->setObjectName(QStringLiteral("tile%1").arg(int(t)));
        auto* l = new QVBoxLayout(w.card);
        l->setContentsMargins(12, 10, 12, 10);
        l->setSpacing(2);
        w.caption = new QLabel(w.card);
        w.caption->setWordWrap(true);
        w.value = new QLabel(w.card);
        w.value->setObjectName(QStringLiteral("tileValue%1").arg(int(t)));
        QFont valueFont = w.value->font();
        valueFont.setBold(true);
        valueFont.setPointSizeF(valueFont.pointSizeF() * 1.7);
        w.value->setFont(valueFont);
        w.change = new QLabel(w.card);
        w.change->setObjectName(QStringLiteral("tileChange%1").arg(int(t)));
        w.change->setWordWrap(true);
        // Two lines whatever the wording, so the values of a row of tiles line up.
        w.change->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        w.change->setFixedHeight(2 * w.change->fontMetrics().lineSpacing());
        l->addWidget(w.caption);
        l->addStretch(1);
        l->addWidget(w.value);
        l->addWidget(w.change);
        m_tiles.insert(int(t), w);
    }
    m_tileGrid = tiles;
    layoutTiles(int(std::size(kTiles)));
    rows->addLayout(tiles);

    // Charts: the volume across the page, then two by row.
    auto* charts = new QGridLayout;
    charts->setHorizontalSpacing(12);
    charts->setVerticalSpacing(12);
    for (const char* key : kChartKeys) {
        auto* c = new DashboardChart(page);
        const QString k = QString::fromLatin1(key);
        c->setObjectName(QStringLiteral("chart-%1").arg(k));
        connect(c, &DashboardChart::categoryClicked, this, [this, k](int category) { onChartClicked(k, category); });
        m_charts.insert(k, c);
    }
    m_charts.value(QStringLiteral("volume"))->setMinimumHeight(260);
    charts->addWidget(m_charts.value(QStringLiteral("volume")), 0, 0, 1, 2);
    charts->addWidget(m_charts.value(QStringLiteral("sentiment")), 1, 0);
    charts->addWidget(m_charts.value(QStringLiteral("response")), 1, 1);
    charts->addWidget(m_charts.value(QStringLiteral("hours")), 2, 0);
    charts->addWidget(m_charts.value(QStringLiteral("contributors")), 2, 1);
    for (int r = 0; r < 3; ++r) {
        charts->setRowMinimumHeight(r, 250);
    }
    charts->setColumnStretch(0, 1);
    charts->setColumnStretch(1, 1);
    rows->addLayout(charts, 1);
    m_hoursNote = new QLabel(page);
    m_hoursNote->setObjectName(QStringLiteral("dashboardNote"));
    m_hoursNote->setWordWrap(true);
    rows->addWidget(m_hoursNote);
}

void DashboardView::retranslate() {
    m_title->setText(tr("Dashboard"));
    m_scopeLabel->setText(tr("&Community"));
    m_periodPickerLabel->setText(tr("&Period"));
    m_exportButton->setText(tr("Export report…"));
    m_exportButton->setToolTip(tr("Write the weekly report (PDF, PNG, SVG, CSV) to a folder"));
    const int period = std::max(0, m_periodPicker->currentIndex());
    {
        const QSignalBlocker block(m_periodPicker);
        m_periodPicker->clear();
        m_periodPicker->addItems({tr("This week"), tr("Last week"), tr("Last 30 days"), tr("Custom…")});
        m_periodPicker->setCurrentIndex(period);
    }
    const QList<std::pair<Tile, QString>> captions{
        {Tile::Incoming, tr("Incoming items")},         {Tile::Replies, tr("Replies sent")},
        {Tile::ResponseRate, tr("Response rate")},      {Tile::MedianResponse, tr("First response, median")},
        {Tile::P90Response, tr("First response, p90")}, {Tile::Backlog, tr("Backlog")},
        {Tile::NegativeShare, tr("Negative share")},
    };
    for (const auto& [tile, caption] : captions) {
        m_tiles.value(int(tile)).caption->setText(caption);
    }
    m_tiles.value(int(Tile::ResponseRate))
        .card->setToolTip(tr("Items needing a reply that got one, among those received in the period"));
    m_tiles.value(int(Tile::Backlog))
        .card->setToolTip(tr("Items still waiting for a reply at the end of the period (or now)"));
    m_tiles.value(int(Tile::MedianResponse))
        .card->setToolTip(tr("Time to the first reply, counted in each community's business hours"));
    m_tiles.value(int(Tile::P90Response)).card->setToolTip(tr("Nine replies in ten came at least this fast"));
    m_tiles.value(int(Tile::NegativeShare)).card->setToolTip(tr("Negative items among the scored incoming items"));
    if (m_scopePicker->count() > 0) {
        m_scopePicker->setItemText(0, tr("All communities"));
    }
}

void DashboardView::applyTheme() {
    const QPalette pal = palette();
    for (const TileWidgets& w : std::as_const(m_tiles)) {
        QPalette captionPal = w.caption->palette();
        captionPal.setColor(QPalette::WindowText, Palette::muted(pal));
        w.caption->setPalette(captionPal);
    }
    for (QLabel* l : {m_periodLabel, m_hoursNote}) {
        QPalette mutedPal = l->palette();
        mutedPal.setColor(QPalette::WindowText, Palette::muted(pal));
        l->setPalette(mutedPal);
    }
    showFigures();
}

void DashboardView::layoutTiles(int columns) {
    if (columns == m_tileColumns) {
        return;
    }
    m_tileColumns = columns;
    for (int c = 0; c < m_tileGrid->columnCount(); ++c) {
        m_tileGrid->setColumnStretch(c, 0);
    }
    int i = 0;
    for (const Tile t : kTiles) {
        QWidget* card = m_tiles.value(int(t)).card;
        m_tileGrid->removeWidget(card);
        m_tileGrid->addWidget(card, i / columns, i % columns);
        ++i;
    }
    for (int c = 0; c < columns; ++c) {
        m_tileGrid->setColumnStretch(c, 1);
    }
}

void DashboardView::resizeEvent(QResizeEvent* event) {
    fitTiles(event->size().width());
    QWidget::resizeEvent(event);
}

void DashboardView::fitTiles(int width) {
    // Seven tiles in a row when they fit, else two rows of four.
    int widest = 0;
    for (const TileWidgets& w : std::as_const(m_tiles)) {
        widest = std::max(widest, w.value->sizeHint().width());
    }
    const int needed = int(std::size(kTiles)) * (widest + 24 + 12) + 48 + 24;
    layoutTiles(width >= needed ? int(std::size(kTiles)) : 4);
}

void DashboardView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showFigures();
    } else if (event->type() == QEvent::PaletteChange) {
        applyTheme();
    }
    QWidget::changeEvent(event);
}

void DashboardView::reloadScopes() {
    const qint64 current = m_scopePicker->currentData().toLongLong();
    const QSignalBlocker block(m_scopePicker);
    m_scopePicker->clear();
    m_scopePicker->addItem(tr("All communities"), qint64(0));
    for (const insight::CommunityInfo& c : insight::communities(m_store.reader())) {
        m_scopePicker->addItem(tr("%1 (%2)").arg(c.name, c.accountName), c.id);
    }
    const int again = m_scopePicker->findData(current);
    m_scopePicker->setCurrentIndex(std::max(0, again));
}

void DashboardView::setScope(const insight::Scope& scope) {
    const qint64 id = scope.kind == insight::Scope::Kind::Community ? scope.id : 0;
    int index = m_scopePicker->findData(id);
    if (index < 0) {
        reloadScopes();
        index = m_scopePicker->findData(id);
    }
    m_scopePicker->setCurrentIndex(std::max(0, index));
    refresh();
}

insight::Scope DashboardView::scope() const {
    const qint64 id = m_scopePicker->currentData().toLongLong();
    return id > 0 ? insight::Scope::community(id) : insight::Scope::overall();
}

DashboardView::PeriodChoice DashboardView::periodChoice() const {
    return static_cast<PeriodChoice>(std::clamp(m_periodPicker->currentIndex(), 0, 3));
}

void DashboardView::setPeriodChoice(PeriodChoice choice) {
    if (choice == PeriodChoice::Custom && !m_customFirst.isValid()) {
        onPeriodPicked(int(PeriodChoice::Custom));
        return;
    }
    m_periodPicker->setCurrentIndex(int(choice));
    m_lastPeriodIndex = int(choice);
    refresh();
}

void DashboardView::setCustomDays(const QDate& first, const QDate& last) {
    if (!first.isValid() || !last.isValid()) {
        return;
    }
    m_customFirst = std::min(first, last);
    m_customLast = std::max(first, last);
    m_periodPicker->setCurrentIndex(int(PeriodChoice::Custom));
    m_lastPeriodIndex = int(PeriodChoice::Custom);
    refresh();
}

void DashboardView::onPeriodPicked(int index) {
    if (index != int(PeriodChoice::Custom)) {
        m_lastPeriodIndex = index;
        refresh();
        return;
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_now(), m_zone).date();
    QDate from = m_customFirst.isValid() ? m_customFirst : today.addDays(-13);
    QDate to = m_customLast.isValid() ? m_customLast : today;
    if (m_dialogs.askDateRange(this, tr("Custom period"), from, to) && from.isValid() && to.isValid()) {
        setCustomDays(from, to);
    } else {
        // Cancelled: the period stays what it was.
        const QSignalBlocker block(m_periodPicker);
        m_periodPicker->setCurrentIndex(m_lastPeriodIndex);
    }
}

void DashboardView::computePeriod() {
    const FunctionClock clock(m_now);
    switch (periodChoice()) {
    case PeriodChoice::ThisWeek:
        m_period = insight::thisWeek(clock, m_zone);
        break;
    case PeriodChoice::LastWeek:
        m_period = insight::previous(insight::thisWeek(clock, m_zone));
        break;
    case PeriodChoice::Last30Days:
        m_period = insight::lastDays(30, clock, m_zone);
        break;
    case PeriodChoice::Custom:
        m_period = m_customFirst.isValid() ? insight::days(m_customFirst, m_customLast, m_zone)
                                           : insight::lastDays(14, clock, m_zone);
        break;
    }
}

void DashboardView::refresh() {
    computePeriod();
    const FunctionClock clock(m_now);
    store::Database& db = m_store.reader();
    m_current = insight::summarize(db, scope(), m_period, clock);
    m_previous = insight::summarize(db, scope(), insight::previous(m_period), clock);
    m_charts.value(QStringLiteral("volume"))->setSpec(report::ReportCharts::volumeByDay(m_current));
    m_charts.value(QStringLiteral("sentiment"))->setSpec(report::ReportCharts::sentimentByDay(m_current));
    m_charts.value(QStringLiteral("response"))->setSpec(report::ReportCharts::responseByDay(m_current));
    m_charts.value(QStringLiteral("hours"))->setSpec(report::ReportCharts::busiestHours(m_current));
    m_charts.value(QStringLiteral("contributors"))->setSpec(report::ReportCharts::topContributors(m_current));
    showFigures();
}

void DashboardView::showFigures() {
    if (m_tiles.isEmpty()) {
        return;
    }
    const insight::Summary& c = m_current;
    const insight::Summary& p = m_previous;
    // The report's wording, but a period other than a week has no "new this week".
    const bool week = periodChoice() == PeriodChoice::ThisWeek || periodChoice() == PeriodChoice::LastWeek;
    auto countChange = [this, week](qint64 now, qint64 before, Better better) {
        report::Change change = ReportFormat::relative(double(now), double(before), better);
        if (!week && before <= 0 && now > 0) {
            change.text = tr("none in the previous period");
        }
        return change;
    };
    auto set = [this](Tile t, const QString& value, const report::Change& change, const QString& before) {
        const TileWidgets& w = m_tiles.value(int(t));
        w.value->setText(value);
        w.change->setText(change.text);
        w.change->setToolTip(tr("%1 in the previous period").arg(before));
        QPalette pal = w.change->palette();
        pal.setColor(QPalette::WindowText, change.color.isValid() ? change.color : Palette::muted(palette()));
        w.change->setPalette(pal);
    };
    set(Tile::Incoming, ReportFormat::count(c.volume.incoming),
        countChange(c.volume.incoming, p.volume.incoming, Better::Neither), ReportFormat::count(p.volume.incoming));
    set(Tile::Replies, ReportFormat::count(c.volume.outgoing),
        countChange(c.volume.outgoing, p.volume.outgoing, Better::Higher), ReportFormat::count(p.volume.outgoing));
    // A share has no change from a period that had nothing to share.
    const report::Change noShare{QStringLiteral("—"), Palette::muted(palette())};
    set(Tile::ResponseRate, ReportFormat::percent(c.response.rate()),
        p.response.needingReply > 0 ? ReportFormat::points(c.response.rate(), p.response.rate(), Better::Higher)
                                    : noShare,
        ReportFormat::percent(p.response.rate()));
    set(Tile::MedianResponse, ReportFormat::duration(c.response.medianMs),
        ReportFormat::relative(c.response.medianMs, p.response.medianMs, Better::Lower),
        ReportFormat::duration(p.response.medianMs));
    set(Tile::P90Response, ReportFormat::duration(c.response.p90Ms),
        ReportFormat::relative(c.response.p90Ms, p.response.p90Ms, Better::Lower),
        ReportFormat::duration(p.response.p90Ms));
    set(Tile::Backlog, ReportFormat::count(c.backlog.open), countChange(c.backlog.open, p.backlog.open, Better::Lower),
        ReportFormat::count(p.backlog.open));
    set(Tile::NegativeShare, ReportFormat::percent(c.sentiment.negativeShare()),
        p.sentiment.scored() > 0
            ? ReportFormat::points(c.sentiment.negativeShare(), p.sentiment.negativeShare(), Better::Lower)
            : noShare,
        ReportFormat::percent(p.sentiment.negativeShare()));
    m_periodLabel->setText(tr("%1 · compared with %2").arg(dayRange(m_period), dayRange(insight::previous(m_period))));
    m_hoursNote->setText(tr("First-response times count business hours: %1. Click a day in a chart to open its "
                            "items in the inbox.")
                             .arg(ReportFormat::businessHours(c.hours)));
    fitTiles(width());
}

void DashboardView::onChartClicked(const QString& key, int category) {
    DashboardChart* c = m_charts.value(key);
    if (c && key == QLatin1String("contributors") && category >= 0 && category < m_current.topContributors.size()) {
        // A contributor: their incoming items of the period, as the bar counts them.
        const insight::Contributor& who = m_current.topContributors.at(category);
        store::InboxFilter filter = insight::inboxFilter(scope(), m_period.from, m_period.to);
        filter.identityIds = {who.identityId};
        emit itemsRequested(filter,
                            tr("%1 · %2").arg(m_scopePicker->currentText(), c->spec().categories.value(category)));
        return;
    }
    if (c && key == QLatin1String("hours")) {
        // An hour of the day: that hour on every local day of the period (DST-aware), spam left out as the chart
        // leaves it out.
        const int hour = category;
        if (hour < 0 || hour > 23) {
            return;
        }
        store::InboxFilter filter = insight::inboxFilter(scope(), m_period.from, m_period.to);
        filter.statuses = {model::Status::New,  model::Status::InProgress, model::Status::Waiting,
                           model::Status::Done, model::Status::Snoozed,    model::Status::Archived};
        for (const insight::DaySpan& day : insight::daySpans(m_period)) {
            const qint64 start = QDateTime(day.date, QTime(hour, 0), m_period.timeZone).toMSecsSinceEpoch();
            const qint64 end = hour == 23
                                   ? insight::startOfDay(day.date.addDays(1), m_period.timeZone)
                                   : QDateTime(day.date, QTime(hour + 1, 0), m_period.timeZone).toMSecsSinceEpoch();
            if (std::max(start, day.from) < std::min(end, day.to)) {
                filter.spans.append({std::max(start, day.from), std::min(end, day.to)});
            }
        }
        emit itemsRequested(filter,
                            tr("%1 · %2:00").arg(m_scopePicker->currentText()).arg(hour, 2, 10, QLatin1Char('0')));
        return;
    }
    if (!c || category < 0 || category >= c->spec().spans.size()) {
        return;
    }
    const auto [from, to] = c->spec().spans.at(category);
    store::InboxFilter filter = insight::inboxFilter(scope(), from, to);
    if (key == QLatin1String("sentiment")) {
        // The sentiment chart counts scored items that are not spam: exactly those.
        filter.statuses = {model::Status::New,  model::Status::InProgress, model::Status::Waiting,
                           model::Status::Done, model::Status::Snoozed,    model::Status::Archived};
        filter.sentimentMin = -1.0;
    }
    emit itemsRequested(filter, tr("%1 · %2").arg(m_scopePicker->currentText(), c->spec().categories.value(category)));
}

QLabel* DashboardView::tileValue(Tile tile) const {
    return m_tiles.value(int(tile)).value;
}

QLabel* DashboardView::tileChange(Tile tile) const {
    return m_tiles.value(int(tile)).change;
}

DashboardChart* DashboardView::chart(const QString& key) const {
    return m_charts.value(key);
}

} // namespace baton::ui
