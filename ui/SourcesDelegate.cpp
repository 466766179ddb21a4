#include "ui/SourcesDelegate.h"

#include "core/model/Enums.h"
#include "core/models/Roles.h"
#include "core/models/SourcesModel.h"
#include "ui/Palette.h"

#include <QApplication>
#include <QPainter>

namespace baton::ui {

SourcesDelegate::SourcesDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {
}

QSize SourcesDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    return {160, std::max(28, QFontMetrics(option.font).height() + 12)};
}

QIcon SourcesDelegate::viewIcon(const QString& key, const QColor& color) const {
    const QString cacheKey = key + color.name();
    auto it = m_icons.constFind(cacheKey);
    if (it != m_icons.cend()) {
        return *it;
    }
    // Every saved view shares one glyph.
    QString name = QStringLiteral("view-") + (key.startsWith(QLatin1String("saved:")) ? QStringLiteral("saved") : key);
    QIcon icon = Palette::themedIcon(name, color);
    m_icons.insert(cacheKey, icon);
    return icon;
}

void SourcesDelegate::paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString label = opt.text;
    opt.text.clear();
    opt.icon = {};
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, p, widget);

    const QPalette& pal = option.palette;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group =
        option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    const QColor text = pal.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor muted = Palette::muted(pal, group, selected);

    const QRect r = option.rect.adjusted(6, 0, -10, 0);
    const QFontMetrics fm(option.font);
    const auto kind = index.data(models::SourceKindRole).value<models::SourcesModel::NodeKind>();
    const int iconSize = 16;
    const QRect iconRect(r.left(), r.center().y() - iconSize / 2 + 1, iconSize, iconSize);
    p->save();
    if (kind == models::SourcesModel::NodeKind::Network || kind == models::SourcesModel::NodeKind::Account) {
        const auto net = index.data(models::NetworkRole).value<model::Network>();
        const int s = kind == models::SourcesModel::NodeKind::Account ? 12 : 16;
        Palette::paintNetworkBadge(
            p, QRectF(iconRect.center().x() - s / 2.0 + 0.5, iconRect.center().y() - s / 2.0 + 0.5, s, s), net);
    } else if (kind == models::SourcesModel::NodeKind::Community) {
        // A community is a small ring in the muted colour: it belongs to the account badge above it.
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(selected ? text : muted, 1.5));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QRectF(iconRect.center().x() - 3.5, iconRect.center().y() - 3.5, 8, 8));
    } else {
        viewIcon(index.data(models::ViewIdRole).toString(), selected ? text : muted).paint(p, iconRect);
    }

    // Count: unread, except where the view is about replies.
    const QString key = index.data(models::ViewIdRole).toString();
    const qint64 count = key == QLatin1String("needs-reply") || key == QLatin1String("say-thanks")
                             ? index.data(models::NeedsReplyCountRole).toLongLong()
                             : index.data(models::UnreadCountRole).toLongLong();
    int right = r.right();
    if (count > 0) {
        const QString c = QLocale().toString(count);
        const int w = fm.horizontalAdvance(c);
        p->setPen(selected ? text : muted);
        p->drawText(QRect(right - w, r.top(), w, r.height()), Qt::AlignRight | Qt::AlignVCenter, c);
        right -= w + 8;
    }
    QFont f = option.font;
    f.setBold(kind == models::SourcesModel::NodeKind::Network);
    p->setFont(f);
    p->setPen(text);
    const int x = iconRect.right() + 9;
    p->drawText(QRect(x, r.top(), right - x, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(f).elidedText(label, Qt::ElideRight, right - x));
    p->restore();
}

} // namespace baton::ui
