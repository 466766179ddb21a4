#include "ui/InboxDelegate.h"

#include "core/model/Enums.h"
#include "core/models/Roles.h"
#include "ui/Formatting.h"
#include "ui/Palette.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

namespace baton::ui {
namespace {

constexpr int kPad = 12;   // left and right padding
constexpr int kVPad = 8;   // top and bottom padding
constexpr int kGap = 4;    // between the two lines
constexpr int kBadge = 16; // network badge

struct Chip {
    QString text;
    QColor fg;
    QColor bg;
    QColor border;
};

QFont smallFont(const QFont& base) {
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.86 : 8);
    return f;
}

int paintChip(QPainter* p, const QFont& font, const Chip& chip, int right, int centreY) {
    const QFontMetrics fm(font);
    const int w = fm.horizontalAdvance(chip.text) + 12;
    const int h = fm.height() + 2;
    const QRectF r(right - w, centreY - h / 2.0, w, h);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(chip.border.isValid() ? QPen(chip.border, 1) : Qt::NoPen);
    p->setBrush(chip.bg);
    p->drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), h / 2.0, h / 2.0);
    p->setFont(font);
    p->setPen(chip.fg);
    p->drawText(r, Qt::AlignCenter, chip.text);
    p->restore();
    return w;
}

QString initials(const QString& name) {
    QString out;
    for (const QString& part : name.split(QRegularExpression(QStringLiteral("[\\s._@-]+")), Qt::SkipEmptyParts)) {
        out += part.at(0).toUpper();
        if (out.size() == 2) {
            break;
        }
    }
    return out;
}

} // namespace

InboxDelegate::InboxDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {
}

QSize InboxDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    const QFontMetrics fm(option.font);
    return {320, kVPad * 2 + fm.height() * 2 + kGap + 2};
}

void InboxDelegate::paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, p, widget);

    const QPalette& pal = option.palette;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group =
        option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    const QColor text = pal.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor muted = Palette::muted(pal, group, selected);
    const bool unread = index.data(models::UnreadRole).toBool();

    p->save();
    const QRect r = option.rect.adjusted(kPad, kVPad, -kPad, -kVPad);
    const QFontMetrics fm(option.font);
    const int line1 = r.top();
    const int line2 = r.top() + fm.height() + kGap;

    // Unread mark in the left margin, then the badge.
    if (unread) {
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(Qt::NoPen);
        p->setBrush(selected ? text : pal.color(group, QPalette::Highlight));
        p->drawEllipse(QPointF(option.rect.left() + 6, line1 + fm.height() / 2.0), 3, 3);
    }
    const auto network = index.data(models::NetworkRole).value<model::Network>();
    Palette::paintNetworkBadge(p, QRectF(r.left(), line1 + (fm.height() - kBadge) / 2.0, kBadge, kBadge), network);
    int x = r.left() + kBadge + 8;

    // Line 1: time on the right first, so the name can take what is left.
    const QString when = Formatting::relativeTime(index.data(models::CreatedAtRole).toLongLong(), m_now ? m_now() : 0);
    const QFont small = smallFont(option.font);
    const int whenW = fm.horizontalAdvance(when);
    p->setFont(option.font);
    p->setPen(muted);
    p->drawText(QRect(r.right() - whenW, line1, whenW, fm.height()), Qt::AlignRight | Qt::AlignVCenter, when);

    QFont nameFont = option.font;
    nameFont.setBold(unread);
    const QFontMetrics nfm(nameFont);
    const int nameRoom = r.right() - whenW - 12 - x;
    const QString name = nfm.elidedText(index.data(models::AuthorNameRole).toString(), Qt::ElideRight,
                                        std::max(0, std::min(nameRoom, nameRoom * 2 / 3 + 40)));
    p->setFont(nameFont);
    p->setPen(text);
    p->drawText(QRect(x, line1, nfm.horizontalAdvance(name) + 1, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
    x += nfm.horizontalAdvance(name) + 6;
    const int handleRoom = r.right() - whenW - 12 - x;
    if (handleRoom > 20) {
        const QString handle =
            fm.elidedText(index.data(models::AuthorHandleRole).toString(), Qt::ElideRight, handleRoom);
        p->setFont(option.font);
        p->setPen(muted);
        p->drawText(QRect(x, line1, handleRoom, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, handle);
    }

    // Line 2: chips from the right, then the excerpt in what remains.
    QList<Chip> chips;
    const auto status = index.data(models::StatusRole).value<model::Status>();
    if (status != model::Status::New) {
        const QColor c = status == model::Status::Done ? Palette::positive(pal) : muted;
        chips.append({Formatting::status(status), selected ? text : c, Qt::transparent, selected ? text : c});
    }
    const QString assignee = index.data(models::AssigneeRole).toString();
    if (!assignee.isEmpty()) {
        // On a selected row the tint would vanish into the highlight: an outline instead.
        chips.append({initials(assignee), text,
                      selected ? Qt::transparent : Palette::tint(pal, pal.color(QPalette::Highlight), 0.2),
                      selected ? text : QColor()});
    }
    const QVariant rating = index.data(models::RatingRole);
    if (rating.isValid()) {
        const int stars = std::clamp(rating.toInt(), 0, 5);
        chips.append({QString(stars, QChar(0x2605)) + QString(5 - stars, QChar(0x2606)),
                      selected ? text : Palette::warning(pal),
                      Qt::transparent,
                      {}});
    }
    const QVariant sentiment = index.data(models::SentimentRole);
    if (sentiment.isValid()) {
        const double s = sentiment.toDouble();
        if (s <= -0.2 || s >= 0.3) {
            const bool neg = s <= -0.2;
            // Colour is paired with a shape (▼ / ▲) for colour-blind readers.
            const QColor c = neg ? Palette::negative(pal) : Palette::positive(pal);
            const QString label = QString(QChar(neg ? 0x25BC : 0x25B2)) + u' ' + Formatting::sentiment(s);
            chips.append({label, selected ? text : c, selected ? Qt::transparent : Palette::tint(pal, c, 0.12), {}});
        }
    }
    int right = r.right();
    const int chipY = line2 + fm.height() / 2;
    for (const Chip& chip : std::as_const(chips)) {
        right -= paintChip(p, small, chip, right, chipY) + 6;
    }
    const int excerptX = r.left() + kBadge + 8;
    const int excerptRoom = right - excerptX - 4;
    if (excerptRoom > 10) {
        QString full = index.data(models::ExcerptRole).toString();
        QList<models::TextRange> marks = models::highlightRanges(full, m_terms);
        // A match beyond the visible part: start a few words before it, so every result shows why it matched.
        if (!marks.isEmpty() &&
            fm.horizontalAdvance(full.left(marks.first().start + marks.first().length)) > excerptRoom * 2 / 3) {
            qsizetype from = std::max<qsizetype>(0, marks.first().start - 24);
            while (from > 0 && from < marks.first().start && !full.at(from - 1).isSpace()) {
                ++from;
            }
            full = QStringLiteral("…") + full.mid(from);
            marks = models::highlightRanges(full, m_terms);
        }
        const QString excerpt = fm.elidedText(full, Qt::ElideRight, excerptRoom);
        p->setFont(option.font);
        const QRect box(excerptX, line2, excerptRoom, fm.height());
        // Marks: a tint behind the word and the full text colour; the text keeps one font, so widths stay exact.
        const QColor markBg = selected ? Palette::mix(pal.color(group, QPalette::Highlight),
                                                      pal.color(group, QPalette::HighlightedText), 0.25)
                                       : Palette::tint(pal, pal.color(QPalette::Highlight), 0.28);
        int pos = excerptX;
        qsizetype at = 0;
        auto run = [&](qsizetype from, qsizetype to, bool mark) {
            if (to <= from) {
                return;
            }
            const QString part = excerpt.mid(from, to - from);
            const int w = fm.horizontalAdvance(part);
            if (mark) {
                p->setPen(Qt::NoPen);
                p->setBrush(markBg);
                p->drawRoundedRect(QRectF(pos - 1, box.top() + 1, w + 2, box.height() - 2), 3, 3);
                p->setBrush(Qt::NoBrush);
            }
            p->setPen(mark ? text : muted);
            p->drawText(QRect(pos, box.top(), box.right() - pos + 1, box.height()), Qt::AlignLeft | Qt::AlignVCenter,
                        part);
            pos += w;
        };
        for (const models::TextRange& m : std::as_const(marks)) {
            if (m.start >= excerpt.size()) {
                break;
            }
            run(at, m.start, false);
            run(m.start, std::min<qsizetype>(m.start + m.length, excerpt.size()), true);
            at = std::min<qsizetype>(m.start + m.length, excerpt.size());
        }
        run(at, excerpt.size(), false);
    }

    // A hairline between rows, from the palette.
    if (!selected) {
        p->setPen(Palette::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.08));
        p->drawLine(option.rect.left() + kPad + kBadge + 8, option.rect.bottom(), option.rect.right(),
                    option.rect.bottom());
    }
    p->restore();
}

} // namespace baton::ui
