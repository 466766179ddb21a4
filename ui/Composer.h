#pragma once

#include "core/model/Enums.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace baton::ui {

// The reply box docked under the thread: plain text, a live counter against the network's limit (amber near
// it, red past it), Send (Ctrl+Enter), and the outbox state of the last reply.
class Composer final : public QWidget {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    void setLimit(int characters); // 0: no limit
    void setRecipient(const QString& handle);
    QString text() const;
    void clear();
    void focusEditor();
    QPlainTextEdit* editor() const { return m_edit; }
    QPushButton* sendButton() const { return m_send; }
    // Shown under the box: "Queued", "Sent 10:42", "Failed: reason"...
    void setOutboxState(const QString& text, bool error);
    void setSending(bool busy);

signals:
    void sendRequested(const QString& text);

private:
    void updateCounter();
    void trySend();

    QPlainTextEdit* m_edit;
    QLabel* m_counter;
    QLabel* m_state;
    QPushButton* m_send;
    int m_limit = 500;
    bool m_busy = false;
};

} // namespace baton::ui
