#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace baton::ui {

// A short message floating at the bottom of its parent ("Moved to Done — Undo"), gone after a few seconds.
// It never takes the keyboard focus: triage goes on while it shows.
class Toast final : public QFrame {
    Q_OBJECT
public:
    explicit Toast(QWidget* parent);

    // Replaces any message shown. With an action label, the button emits actionTriggered() (once).
    void showMessage(const QString& text, const QString& actionLabel = {}, int timeoutMs = 5000);
    QString text() const;
    QPushButton* actionButton() const { return m_action; }
    // Re-reads the colours from the parent's palette (its theme changed).
    void applyLook();

signals:
    void actionTriggered();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void place();

    QLabel* m_label;
    QPushButton* m_action;
    QTimer* m_timer;
};

} // namespace baton::ui
