#include "ui/ItemPane.h"

#include "core/common/Html.h"
#include "core/model/Replies.h"
#include "ui/Composer.h"
#include "ui/Formatting.h"
#include "ui/Palette.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

qint64 localTimeFromNow(int days, int hour) {
    QDateTime t = QDateTime::currentDateTime().addDays(days);
    t.setTime(QTime(hour, 0));
    return t.toMSecsSinceEpoch();
}

} // namespace

ItemPane::ItemPane(QWidget* parent)
    : QWidget(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_name(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_history(new QLabel(this))
    , m_status(new QLabel(this))
    , m_done(new QToolButton(this))
    , m_snooze(new QToolButton(this))
    , m_more(new QToolButton(this))
    , m_assign(new QToolButton(this))
    , m_tags(new QLabel(this))
    , m_notes(new QLabel(this))
    , m_noteEdit(new QLineEdit(this))
    , m_thread(new QTextBrowser(this))
    , m_composer(new Composer(this)) {
    setObjectName(QStringLiteral("itemPane"));
    m_empty->setText(tr("Select an item to read its thread and reply."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    QFont heading = m_name->font();
    heading.setPointSizeF(heading.pointSizeF() * 1.25);
    heading.setBold(true);
    m_name->setFont(heading);
    m_name->setObjectName(QStringLiteral("authorName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setObjectName(QStringLiteral("itemMeta"));
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("statusLabel"));

    m_done->setText(tr("Done"));
    m_done->setToolTip(tr("Mark as done (E)"));
    m_done->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_done, &QToolButton::clicked, this, [this] { emit statusRequested(model::Status::Done, 0); });

    m_snooze->setText(tr("Snooze"));
    m_snooze->setToolTip(tr("Hide until later (S)"));
    m_snooze->setPopupMode(QToolButton::InstantPopup);
    auto* snoozeMenu = new QMenu(m_snooze);
    snoozeMenu->addAction(tr("In 3 hours"), this, [this] {
        emit statusRequested(model::Status::Snoozed, QDateTime::currentMSecsSinceEpoch() + 3 * 3'600'000);
    });
    snoozeMenu->addAction(tr("Tomorrow morning"), this,
                          [this] { emit statusRequested(model::Status::Snoozed, localTimeFromNow(1, 8)); });
    snoozeMenu->addAction(tr("Next week"), this,
                          [this] { emit statusRequested(model::Status::Snoozed, localTimeFromNow(7, 8)); });
    m_snooze->setMenu(snoozeMenu);

    m_more->setText(tr("More"));
    m_more->setObjectName(QStringLiteral("moreButton"));
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_moreMenu = new QMenu(m_more);
    m_more->setMenu(m_moreMenu);
    rebuildMoreMenu();

    m_assign->setObjectName(QStringLiteral("assignButton"));
    m_assign->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_assign, &QToolButton::clicked, this, &ItemPane::assignRequested);

    // Tags as links: "#billing ×" removes, "+ Tag" adds.
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setTextFormat(Qt::RichText);
    m_tags->setWordWrap(true);
    connect(m_tags, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("add")) {
            emit tagAddRequested();
        } else if (link.startsWith(QLatin1String("remove:"))) {
            emit tagRemoveRequested(QUrl::fromPercentEncoding(link.mid(7).toUtf8()));
        }
    });
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setWordWrap(true);
    m_notes->setAutoFillBackground(true);
    m_notes->setContentsMargins(10, 6, 10, 6);
    connect(m_notes, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith(QLatin1String("delete:"))) {
            emit noteRemoveRequested(link.mid(7).toLongLong());
        }
    });
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setClearButtonEnabled(true);
    connect(m_noteEdit, &QLineEdit::returnPressed, this, [this] {
        if (!m_noteEdit->text().trimmed().isEmpty()) {
            emit noteAddRequested(m_noteEdit->text().trimmed());
            m_noteEdit->clear();
        }
    });

    m_thread->setObjectName(QStringLiteral("thread"));
    m_thread->setOpenLinks(false);
    m_thread->setFrameShape(QFrame::NoFrame);
    connect(m_thread, &QTextBrowser::anchorClicked, this, [](const QUrl& url) {
        if (isSafeLinkUrl(url.toString())) {
            QDesktopServices::openUrl(url);
        }
    });
    connect(m_composer, &Composer::sendRequested, this, &ItemPane::replyRequested);
    m_openLink = new QToolButton(this);
    m_openLink->setObjectName(QStringLiteral("openLink"));
    m_openLink->setAutoRaise(true);
    connect(m_openLink, &QToolButton::clicked, this, [this] {
        if (m_details && isSafeLinkUrl(m_details->item.url)) {
            QDesktopServices::openUrl(QUrl(m_details->item.url));
        }
    });

    auto* content = new QWidget(this);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    buttons->addWidget(m_status);
    buttons->addStretch(1);
    buttons->addWidget(m_openLink);
    buttons->addWidget(m_assign);
    buttons->addWidget(m_done);
    buttons->addWidget(m_snooze);
    buttons->addWidget(m_more);
    auto* header = new QVBoxLayout;
    header->setSpacing(2);
    header->addWidget(m_name);
    header->addWidget(m_meta);
    header->addWidget(m_history);
    header->addSpacing(8);
    header->addLayout(buttons);
    header->addWidget(m_tags);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addWidget(m_thread, 1);
    layout->addWidget(m_notes);
    layout->addWidget(m_noteEdit);
    layout->addWidget(m_composer);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    m_stack->addWidget(buildSelectionPage());
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    render();
}

QWidget* ItemPane::buildSelectionPage() {
    auto* page = new QWidget(this);
    page->setObjectName(QStringLiteral("selectionPage"));
    m_selectionTitle = new QLabel(page);
    m_selectionTitle->setObjectName(QStringLiteral("selectionTitle"));
    QFont heading = m_selectionTitle->font();
    heading.setPointSizeF(heading.pointSizeF() * 1.25);
    heading.setBold(true);
    m_selectionTitle->setFont(heading);
    m_selectionTitle->setAlignment(Qt::AlignCenter);
    auto* hint = new QLabel(tr("What you do now applies to all of them. Ctrl+Z undoes it."), page);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addStretch(1);
    auto button = [&](const QString& text, auto slot) {
        auto* b = new QPushButton(text, page);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    button(tr("Done"), [this] { emit statusRequested(model::Status::Done, 0); });
    button(tr("Snooze"), [this] {
        emit statusRequested(model::Status::Snoozed, localTimeFromNow(1, 8));
    })->setToolTip(tr("Until tomorrow morning"));
    button(tr("Archive"), [this] { emit statusRequested(model::Status::Archived, 0); });
    button(tr("Spam…"), [this] { emit statusRequested(model::Status::Spam, 0); });
    button(tr("Assign…"), [this] { emit assignRequested(); });
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(12);
    layout->addStretch(1);
    layout->addWidget(m_selectionTitle);
    layout->addWidget(hint);
    layout->addLayout(buttons);
    layout->addStretch(2);
    return page;
}

void ItemPane::showSelection(int count) {
    m_selectionTitle->setText(tr("%n item(s) selected", nullptr, count));
    m_stack->setCurrentIndex(2);
}

void ItemPane::setModerationActions(const QList<connectors::ModerationAction>& actions) {
    m_moderation = actions;
    rebuildMoreMenu();
}

void ItemPane::rebuildMoreMenu() {
    QMenu* more = m_moreMenu;
    more->clear();
    more->addAction(tr("In progress"), this, [this] { emit statusRequested(model::Status::InProgress, 0); });
    more->addAction(tr("Waiting for them"), this, [this] { emit statusRequested(model::Status::Waiting, 0); });
    more->addAction(tr("Back to new"), this, [this] { emit statusRequested(model::Status::New, 0); });
    more->addSeparator();
    more->addAction(tr("Archive"), this, [this] { emit statusRequested(model::Status::Archived, 0); });
    more->addAction(tr("Mark as spam…"), this, [this] { emit statusRequested(model::Status::Spam, 0); });
    if (m_moderation.isEmpty()) {
        return;
    }
    more->addSection(m_details ? tr("On %1").arg(Formatting::network(m_details->item.network)) : QString());
    for (connectors::ModerationAction a : std::as_const(m_moderation)) {
        QAction* action =
            more->addAction(Formatting::moderationAction(a), this, [this, a] { emit moderationRequested(a); });
        action->setObjectName(u"moderate-" + connectors::moderationActionName(a));
    }
}

void ItemPane::showDetails(const std::optional<models::ItemDetails>& details) {
    const bool sameItem = details && m_details && details->item.id == m_details->item.id;
    m_details = details;
    if (!sameItem) {
        m_composer->clear();
        m_noteEdit->clear();
        m_moderation.clear(); // asked again for the new item
        rebuildMoreMenu();
    }
    render();
}

void ItemPane::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        render();
    }
    QWidget::changeEvent(event);
}

void ItemPane::render() {
    if (!m_details) {
        m_stack->setCurrentIndex(0);
        QPalette pal = m_empty->palette();
        pal.setColor(QPalette::WindowText, Palette::muted(palette()));
        m_empty->setPalette(pal);
        return;
    }
    m_stack->setCurrentIndex(1);
    const model::Item& it = m_details->item;
    const QString name = it.author.displayName.isEmpty() ? it.author.handle : it.author.displayName;
    m_name->setText(name);
    QStringList meta;
    if (!it.author.handle.isEmpty()) {
        meta << u'@' + it.author.handle;
    }
    meta << Formatting::network(it.network);
    if (!m_details->accountName.isEmpty()) {
        meta << tr("to %1").arg(m_details->accountName);
    }
    if (it.network == model::Network::YouTube) { // not public: the channel's moderation status says why
        if (it.visibility == QLatin1String("heldForReview")) {
            meta << tr("held for review");
        } else if (it.visibility == QLatin1String("likelySpam")) {
            meta << tr("held as likely spam");
        } else if (it.visibility == QLatin1String("rejected")) {
            meta << tr("rejected");
        }
    }
    m_meta->setText(meta.join(QStringLiteral(" · ")));
    QString history = m_details->authorItems == 0
                          ? tr("First item from them")
                          : tr("%n earlier items", nullptr, static_cast<int>(m_details->authorItems));
    if (m_details->authorFirstSeen > 0) {
        history += QStringLiteral(" · ") +
                   tr("first seen %1")
                       .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_details->authorFirstSeen).date(),
                                               QLocale::ShortFormat));
    }
    m_history->setText(history);
    QPalette mutedPal = m_meta->palette();
    mutedPal.setColor(QPalette::WindowText, Palette::muted(palette()));
    m_meta->setPalette(mutedPal);
    m_history->setPalette(mutedPal);
    QString status = Formatting::status(it.status);
    if (it.status == model::Status::Snoozed && it.snoozeUntil > 0) {
        status = tr("Snoozed until %1")
                     .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(it.snoozeUntil), QLocale::ShortFormat));
    }
    m_status->setText(status);
    m_assign->setText(it.assignee.isEmpty() ? tr("Assign…") : tr("Assigned to %1").arg(it.assignee));
    m_assign->setToolTip(tr("Who takes care of it (A)"));
    renderTagsAndNotes();
    m_thread->document()->setDefaultStyleSheet(
        QStringLiteral("a { color: %1; }").arg(palette().color(QPalette::Link).name()));
    m_thread->setHtml(threadHtml());

    m_openLink->setText(tr("Open on the site"));
    m_openLink->setToolTip(it.url);
    m_openLink->setVisible(isSafeLinkUrl(it.url));
    // Feeds have no replies: the item's link is the way to answer.
    const model::ReplyRefusal refusal = model::replyRefusal(it);
    const bool canReply = it.direction == model::Direction::Incoming && refusal != model::ReplyRefusal::NoReplies;
    m_composer->setVisible(canReply);
    m_composer->setNetwork(it.network);
    m_composer->setRecipient(it.author.handle.isEmpty() ? QString() : u'@' + it.author.handle);
    if (refusal == model::ReplyRefusal::NotPublished) {
        m_composer->setRefusal(tr("YouTube takes replies only to published comments: approve this one first "
                                  "(More → Approve)."));
        return;
    }
    m_composer->setRefusal({});
    if (m_details->lastReply) {
        const model::OutboxEntry& e = *m_details->lastReply;
        QString state = tr("Your last reply: %1").arg(Formatting::outboxState(e.state));
        if (e.state == model::OutboxState::Sent && e.sentAt > 0) {
            state = tr("Your reply was sent at %1")
                        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(e.sentAt).time(), QLocale::ShortFormat));
        }
        const bool error = e.state == model::OutboxState::Failed;
        if (!e.lastError.isEmpty() && e.state != model::OutboxState::Sent) {
            state += QStringLiteral(" — ") + e.lastError;
        }
        m_composer->setOutboxState(state, error);
    } else {
        m_composer->setOutboxState({}, false);
    }
}

void ItemPane::renderTagsAndNotes() {
    const QPalette pal = palette();
    const QString muted = Palette::muted(pal).name();
    const QString link = pal.color(QPalette::Link).name();
    QStringList tags;
    for (const QString& tag : m_details->tags) {
        tags << QStringLiteral("<span style=\"background-color:%1\">&nbsp;#%2&nbsp;<a href=\"remove:%3\" "
                               "style=\"color:%4; text-decoration:none\" title=\"%5\">×</a>&nbsp;</span>")
                    .arg(Palette::tint(pal, pal.color(QPalette::Highlight), 0.16).name(), tag.toHtmlEscaped(),
                         QString::fromUtf8(QUrl::toPercentEncoding(tag)), muted, tr("Remove the tag").toHtmlEscaped());
    }
    tags << QStringLiteral("<a href=\"add\" style=\"color:%1; text-decoration:none\">%2</a>")
                .arg(link, tr("+ Tag (#)").toHtmlEscaped());
    m_tags->setText(tags.join(QStringLiteral("&nbsp; ")));

    // Internal notes: the team's, tinted apart from the conversation so nobody takes them for a reply.
    QPalette notesPal = m_notes->palette();
    notesPal.setColor(QPalette::Window, Palette::tint(pal, Palette::warning(pal), 0.12));
    m_notes->setPalette(notesPal);
    QString notes;
    for (const store::NoteRepository::Note& n : m_details->notes) {
        notes += QStringLiteral("<p style=\"margin:0 0 4px 0\"><b>%1</b> <span style=\"color:%2\">%3</span> "
                                "<a href=\"delete:%4\" style=\"color:%2; text-decoration:none\" title=\"%6\">×</a>"
                                "<br/>%5</p>")
                     .arg(n.author.isEmpty() ? tr("Someone").toHtmlEscaped() : n.author.toHtmlEscaped(), muted,
                          Formatting::relativeTime(n.createdAt, m_now ? m_now() : 0).toHtmlEscaped())
                     .arg(n.id)
                     .arg(n.text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br/>")),
                          tr("Delete the note").toHtmlEscaped());
    }
    m_notes->setText(notes);
    m_notes->setVisible(!notes.isEmpty());
    m_notes->setToolTip(tr("Internal notes: only your team sees them"));
    m_noteEdit->setPlaceholderText(tr("Add an internal note (only your team sees it)…"));
}

QString ItemPane::threadHtml() const {
    const QPalette pal = palette();
    const QString muted = Palette::muted(pal).name();
    const QString other = Palette::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.05).name();
    const QString selected = Palette::tint(pal, pal.color(QPalette::Highlight), 0.16).name();
    const QString ours = Palette::tint(pal, Palette::positive(pal), 0.12).name();
    QString html = QStringLiteral("<html><body style=\"margin:0\">");
    const qint64 now = m_now ? m_now() : 0;
    for (const model::Item& t : m_details->thread) {
        const bool isOurs = t.direction == model::Direction::Outgoing;
        const bool isSelected = t.id == m_details->item.id;
        const QString bg = isSelected ? selected : (isOurs ? ours : other);
        const QString body = !t.html.isEmpty() ? sanitizeHtml(t.html).html
                                               : t.text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br/>"));
        const QString name = (t.author.displayName.isEmpty() ? t.author.handle : t.author.displayName).toHtmlEscaped();
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(t.createdAt), QLocale::ShortFormat);
        html += QStringLiteral("<table width=\"%1\" align=\"%2\" cellspacing=\"0\" cellpadding=\"10\" "
                               "style=\"margin-bottom:10px; background-color:%3\"><tr><td>")
                    .arg(isOurs ? QStringLiteral("85%") : QStringLiteral("100%"),
                         isOurs ? QStringLiteral("right") : QStringLiteral("left"), bg);
        html += QStringLiteral("<b>%1</b> <span style=\"color:%2\">%3 · %4</span>")
                    .arg(isOurs ? tr("You") : name, muted, Formatting::relativeTime(t.createdAt, now).toHtmlEscaped(),
                         when.toHtmlEscaped());
        if (t.rating) {
            html += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                        .arg(Palette::warning(pal).name(),
                             QString(*t.rating, QChar(0x2605)) + QString(5 - *t.rating, QChar(0x2606)));
        }
        html += QStringLiteral("<div style=\"margin-top:6px\">%1</div></td></tr></table>").arg(body);
    }
    html += QStringLiteral("</body></html>");
    return html;
}

} // namespace baton::ui
