#pragma once

#include <QDate>
#include <QMessageBox>
#include <QQueue>
#include <QString>
#include <QStringList>
#include <optional>

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
    // One line of text (suggestions offered in an editable list); nullopt when cancelled.
    std::optional<QString> askText(QWidget* parent, const QString& title, const QString& label,
                                   const QString& initial = {}, const QStringList& suggestions = {});
    // Two dates, both included; false when cancelled.
    bool askDateRange(QWidget* parent, const QString& title, QDate& from, QDate& to);

    void setNextAnswer(QMessageBox::StandardButton answer) { m_answers.enqueue(answer); }
    // A null QString answers "cancel".
    void setNextText(const QString& text) { m_texts.enqueue(text); }
    void setNextDateRange(QDate from, QDate to) { m_ranges.enqueue({from, to}); }
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
    QQueue<QString> m_texts;
    QQueue<std::pair<QDate, QDate>> m_ranges;
    bool m_show = true;
    QString m_lastText;
    int m_count = 0;
};

} // namespace baton::ui
