#pragma once

#include <QMessageBox>
#include <QQueue>
#include <QString>

class QWidget;

namespace baton::ui {

// Every question and message the window asks goes through here, so tests answer without a modal loop:
// setNextAnswer() queues the button the next question returns, and nothing is shown while answers are queued
// or when showDialogs is off.
class DialogFacade {
public:
    DialogFacade() = default;
    virtual ~DialogFacade() = default;
    Q_DISABLE_COPY_MOVE(DialogFacade)

    // Yes/No question; true for Yes.
    bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel = {});
    void information(QWidget* parent, const QString& title, const QString& text);

    void setNextAnswer(QMessageBox::StandardButton answer) { m_answers.enqueue(answer); }
    // Off in tests: unanswered questions return No and messages are only recorded.
    void setShowDialogs(bool show) { m_show = show; }
    const QString& lastText() const { return m_lastText; }
    int shownCount() const { return m_count; }

protected:
    virtual QMessageBox::StandardButton ask(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                            const QString& text, QMessageBox::StandardButtons buttons,
                                            const QString& acceptLabel);

private:
    QQueue<QMessageBox::StandardButton> m_answers;
    bool m_show = true;
    QString m_lastText;
    int m_count = 0;
};

} // namespace baton::ui
