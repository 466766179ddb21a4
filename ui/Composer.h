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

    // The network counts the reply its own way (model::replyLength) against its limit.
    void setNetwork(model::Network network);
    // Replies cannot go out for now (a YouTube comment held for review): the box is disabled and says why;
    // an empty reason enables it again.
    void setRefusal(const QString& reason);
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
    model::Network m_network = model::Network::Mastodon;
    int m_limit = 500;
    bool m_busy = false;
    bool m_refused = false;
};

} // namespace baton::ui
