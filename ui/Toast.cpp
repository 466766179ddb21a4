#include "ui/Toast.h"

#include "ui/Palette.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace baton::ui {

Toast::Toast(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("toast"));
    setAutoFillBackground(true);
    setFocusPolicy(Qt::NoFocus);
    m_action->setObjectName(QStringLiteral("toastAction"));
    m_action->setFocusPolicy(Qt::NoFocus);
    m_action->setFlat(true);
    m_action->setCursor(Qt::PointingHandCursor);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 8, 8, 8);
    layout->setSpacing(16);
    layout->addWidget(m_label);
    layout->addWidget(m_action);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        emit actionTriggered();
    });
    parent->installEventFilter(this);
    applyLook();
    hide();
}

void Toast::showMessage(const QString& text, const QString& actionLabel, int timeoutMs) {
    m_label->setText(text);
    m_action->setText(actionLabel);
    m_action->setVisible(!actionLabel.isEmpty());
    adjustSize();
    place();
    show();
    raise();
    m_timer->start(timeoutMs);
}

QString Toast::text() const {
    return m_label->text();
}

void Toast::place() {
    const QWidget* p = parentWidget();
    const QSize s = sizeHint().boundedTo(p->size() - QSize(32, 32));
    resize(s);
    move((p->width() - s.width()) / 2, p->height() - s.height() - 24);
}

bool Toast::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) {
        place();
    }
    return QFrame::eventFilter(watched, event);
}

void Toast::applyLook() {
    // Inverted colours, like the platforms' own notifications: dark on a light theme, light on a dark one.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    QPalette pal = palette();
    const QColor bg = Palette::mix(base.color(QPalette::Window), base.color(QPalette::WindowText), 0.85);
    const QColor fg = base.color(QPalette::Window);
    pal.setColor(QPalette::Window, bg);
    pal.setColor(QPalette::WindowText, fg);
    pal.setColor(QPalette::ButtonText, Palette::isDark(base) ? QColor(0x1a, 0x5f, 0xd0) : QColor(0x8e, 0xb8, 0xff));
    pal.setColor(QPalette::Button, bg);
    setPalette(pal);
    QFont bold = m_action->font();
    bold.setBold(true);
    m_action->setFont(bold);
}

void Toast::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ParentChange || event->type() == QEvent::ApplicationPaletteChange) {
        applyLook();
    }
}

} // namespace baton::ui
