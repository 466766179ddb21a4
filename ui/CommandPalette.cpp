#include "ui/CommandPalette.h"

#include "ui/Palette.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QVBoxLayout>
#include <algorithm>

namespace baton::ui {
namespace {

constexpr int kActionRole = Qt::UserRole + 1;
constexpr int kKeysRole = Qt::UserRole + 2;
constexpr int kFoldedRole = Qt::UserRole + 3;

// Lower case without accents: "Terminé" and "termine" match.
QString fold(const QString& text) {
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing && c.category() != QChar::Mark_SpacingCombining &&
            c.category() != QChar::Mark_Enclosing) {
            out.append(c);
        }
    }
    return out.toCaseFolded();
}

// The action's name on the left, its keys right-aligned in a muted colour.
class CommandDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString keys = index.data(kKeysRole).toString();
        opt.text.clear();
        const QWidget* widget = opt.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QPalette::ColorGroup group =
            opt.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
        const QRect r = opt.rect.adjusted(10, 0, -10, 0);
        const int keysWidth = keys.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(keys) + 16;
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        const QString text =
            opt.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, r.width() - keysWidth);
        painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, text);
        if (!keys.isEmpty()) {
            painter->setPen(Palette::muted(opt.palette, group, selected));
            painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, keys);
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setHeight(std::max(s.height(), option.fontMetrics.height() + 10));
        return s;
    }
};

} // namespace

const char* const CommandPalette::kKeysProperty = "batonKeys";
const char* const CommandPalette::kHiddenProperty = "batonNotInPalette";

CommandPalette::CommandPalette(QWidget* window)
    : QFrame(window) {
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("commandPaletteInput"));
    m_input->setClearButtonEnabled(true);
    m_model = new QStandardItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(kFoldedRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseSensitive); // both sides are already folded
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("commandPaletteList"));
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new CommandDelegate(m_list));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    m_list->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_input);
    layout->addWidget(m_list, 1);

    connect(m_input, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(fold(text.trimmed()));
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_input, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex& idx) {
        m_list->setCurrentIndex(idx);
        runCurrent();
    });
    m_input->installEventFilter(this);
    window->installEventFilter(this);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (isVisible() && now && !isAncestorOf(now)) {
            hide();
        }
    });
    hide();
}

void CommandPalette::open() {
    m_input->setPlaceholderText(tr("Type a command…"));
    m_model->clear();
    const QList<QAction*> actions = parentWidget()->actions();
    for (QAction* a : actions) {
        if (!a->isVisible() || a->text().isEmpty() || a->property(kHiddenProperty).toBool()) {
            continue;
        }
        QString text = a->text();
        text.remove(QRegularExpression(QStringLiteral("&(?!&)"))).replace(QLatin1String("&&"), QLatin1String("&"));
        QString keys = a->shortcut().toString(QKeySequence::NativeText);
        if (keys.isEmpty()) {
            keys = a->property(kKeysProperty).toString();
        }
        auto* item = new QStandardItem(text);
        item->setData(QVariant::fromValue(static_cast<QObject*>(a)), kActionRole);
        item->setData(keys, kKeysRole);
        item->setData(fold(text), kFoldedRole);
        item->setEnabled(a->isEnabled());
        item->setToolTip(keys.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, keys));
        m_model->appendRow(item);
    }
    if (!isVisible()) {
        QWidget* focus = QApplication::focusWidget();
        m_previousFocus = focus && !isAncestorOf(focus) ? focus : nullptr;
    }
    {
        const QSignalBlocker block(m_input);
        m_input->clear();
    }
    m_proxy->setFilterFixedString({});
    m_list->setCurrentIndex(m_proxy->index(0, 0));
    place();
    show();
    raise();
    m_input->setFocus(Qt::ShortcutFocusReason);
}

void CommandPalette::close() {
    if (!isVisible()) {
        return;
    }
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    hide();
    if (hadFocus && m_previousFocus) {
        m_previousFocus->setFocus(Qt::OtherFocusReason);
    }
}

QList<QAction*> CommandPalette::visibleActions() const {
    QList<QAction*> out;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        out.append(qobject_cast<QAction*>(m_proxy->index(row, 0).data(kActionRole).value<QObject*>()));
    }
    return out;
}

void CommandPalette::runCurrent() {
    QModelIndex idx = m_list->currentIndex();
    if (!idx.isValid()) {
        idx = m_proxy->index(0, 0);
    }
    const QPointer<QAction> action = qobject_cast<QAction*>(idx.data(kActionRole).value<QObject*>());
    if (!action || !action->isEnabled()) {
        return;
    }
    close();
    action->trigger();
}

void CommandPalette::moveCurrent(int delta) {
    const int rows = m_proxy->rowCount();
    if (rows == 0) {
        return;
    }
    const int row = std::clamp(m_list->currentIndex().row() + delta, 0, rows - 1);
    m_list->setCurrentIndex(m_proxy->index(row, 0));
}

void CommandPalette::place() {
    const QWidget* w = parentWidget();
    const int width = std::clamp(w->width() / 2, std::min(420, w->width() - 16), 640);
    const int rowHeight = std::max(m_list->sizeHintForRow(0), fontMetrics().height() + 10);
    const int height = std::min(w->height() - 80, m_input->sizeHint().height() + rowHeight * 10 + 30);
    setGeometry((w->width() - width) / 2, 60, width, std::max(height, 120));
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget()) {
        if (event->type() == QEvent::Resize && isVisible()) {
            place();
        }
        return false;
    }
    if (watched != m_input) {
        return false;
    }
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() & ~Qt::KeypadModifier) {
            return false;
        }
        switch (key->key()) {
        case Qt::Key_Escape:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            // Ours, not the window's shortcuts (Esc is "back to the list" there).
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept();
                return true;
            }
            break;
        default:
            return false;
        }
        switch (key->key()) {
        case Qt::Key_Escape:
            close();
            break;
        case Qt::Key_Up:
            moveCurrent(-1);
            break;
        case Qt::Key_Down:
            moveCurrent(1);
            break;
        case Qt::Key_PageUp:
            moveCurrent(-8);
            break;
        case Qt::Key_PageDown:
            moveCurrent(8);
            break;
        default:
            break;
        }
        return true;
    }
    return false;
}

} // namespace baton::ui
