#include "ui/DialogFacade.h"

#include <QPushButton>

namespace baton::ui {

bool DialogFacade::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel) {
    return ask(parent, QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, acceptLabel) ==
           QMessageBox::Yes;
}

void DialogFacade::information(QWidget* parent, const QString& title, const QString& text) {
    ask(parent, QMessageBox::Information, title, text, QMessageBox::Ok, {});
}

QMessageBox::StandardButton DialogFacade::ask(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                              const QString& text, QMessageBox::StandardButtons buttons,
                                              const QString& acceptLabel) {
    m_lastText = text;
    ++m_count;
    if (!m_answers.isEmpty()) {
        return m_answers.dequeue();
    }
    if (!m_show) {
        return buttons.testFlag(QMessageBox::No) ? QMessageBox::No : QMessageBox::Ok;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setTextFormat(Qt::AutoText);
    if (!acceptLabel.isEmpty() && box.button(QMessageBox::Yes)) {
        box.button(QMessageBox::Yes)->setText(acceptLabel);
    }
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

} // namespace baton::ui
