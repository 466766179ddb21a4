#include "ui/Composer.h"

#include "core/model/Replies.h"
#include "ui/Formatting.h"
#include "ui/Palette.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBlock>
#include <QVBoxLayout>

namespace baton::ui {

Composer::Composer(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
    , m_state(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this)) {
    setObjectName(QStringLiteral("composer"));
    m_edit->setObjectName(QStringLiteral("composerEdit"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(tr("Write a personal reply…"));
    m_send->setToolTip(tr("Send the reply (Ctrl+Enter). It waits in the outbox when offline."));
    m_send->setDefault(true);
    m_state->setObjectName(QStringLiteral("outboxState"));
    m_counter->setObjectName(QStringLiteral("replyCounter"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setWordWrap(true);

    auto* bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->setSpacing(8);
    bottom->addWidget(m_state, 1);
    bottom->addWidget(m_counter);
    bottom->addWidget(m_send);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_edit);
    layout->addLayout(bottom);

    // Grows with its text from three lines up to ten.
    auto resize = [this] {
        const QFontMetrics fm(m_edit->font());
        const int lines = std::clamp(m_edit->document()->lineCount(), 3, 10);
        m_edit->setFixedHeight(lines * fm.lineSpacing() + 2 * static_cast<int>(m_edit->document()->documentMargin()) +
                               m_edit->frameWidth() * 2 + 4);
    };
    resize();
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this, resize] {
        resize();
        updateCounter();
    });
    connect(m_send, &QPushButton::clicked, this, &Composer::trySend);
    for (const QKeySequence& keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* send = new QShortcut(keys, m_edit, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(send, &QShortcut::activated, this, &Composer::trySend);
    }
    updateCounter();
}

void Composer::setNetwork(model::Network network) {
    m_network = network;
    m_limit = model::replyLimit(network);
    updateCounter();
}

void Composer::setRefusal(const QString& reason) {
    m_refused = !reason.isEmpty();
    m_edit->setEnabled(!m_refused);
    if (m_refused) {
        setOutboxState(reason, false);
    }
    updateCounter();
}

void Composer::setRecipient(const QString& handle) {
    m_edit->setPlaceholderText(handle.isEmpty() ? tr("Write a personal reply…")
                                                : tr("Reply to %1 (Ctrl+Enter to send)").arg(handle));
}

QString Composer::text() const {
    return m_edit->toPlainText();
}

void Composer::clear() {
    m_edit->clear();
}

void Composer::focusEditor() {
    m_edit->setFocus(Qt::ShortcutFocusReason);
}

void Composer::setOutboxState(const QString& text, bool error) {
    QPalette pal = m_state->palette();
    pal.setColor(QPalette::WindowText, error ? Palette::negative(palette()) : Palette::muted(palette()));
    m_state->setPalette(pal);
    m_state->setText(text);
}

void Composer::setSending(bool busy) {
    m_busy = busy;
    updateCounter();
}

void Composer::updateCounter() {
    const QString text = m_edit->toPlainText();
    const int n = model::replyLength(m_network, text);
    const bool fits = model::replyFits(m_network, text);
    QColor c = Palette::muted(palette());
    if (m_limit > 0) {
        // Within the count but over the network's byte cap (Bluesky and long emoji sequences): said as such.
        m_counter->setText(
            fits || n > m_limit
                ? tr("%1 / %2").arg(n).arg(m_limit)
                : tr("%1 / %2 (too long for %3)").arg(n).arg(m_limit).arg(Formatting::network(m_network)));
        if (!fits) {
            c = Palette::negative(palette());
        } else if (n > m_limit * 9 / 10) {
            c = Palette::warning(palette());
        }
    } else {
        m_counter->setText(QString::number(n));
    }
    QPalette pal = m_counter->palette();
    pal.setColor(QPalette::WindowText, c);
    m_counter->setPalette(pal);
    const bool ok = !text.trimmed().isEmpty() && fits && !m_busy && !m_refused;
    m_send->setEnabled(ok);
}

void Composer::trySend() {
    if (!m_send->isEnabled()) {
        return;
    }
    m_busy = true;
    m_send->setEnabled(false);
    emit sendRequested(m_edit->toPlainText().trimmed());
}

} // namespace baton::ui
