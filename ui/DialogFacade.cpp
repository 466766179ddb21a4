#include "ui/DialogFacade.h"

#include <QCoreApplication>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QPushButton>

namespace baton::ui {

bool DialogFacade::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel) {
    return ask(parent, QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, acceptLabel) ==
           QMessageBox::Yes;
}

void DialogFacade::information(QWidget* parent, const QString& title, const QString& text) {
    ask(parent, QMessageBox::Information, title, text, QMessageBox::Ok, {});
}

std::optional<QString> DialogFacade::askText(QWidget* parent, const QString& title, const QString& label,
                                             const QString& initial, const QStringList& suggestions) {
    m_lastText = label;
    ++m_count;
    if (!m_texts.isEmpty()) {
        const QString answer = m_texts.dequeue();
        return answer.isNull() ? std::nullopt : std::optional<QString>(answer);
    }
    if (!m_show) {
        return std::nullopt;
    }
    bool ok = false;
    QString text;
    if (suggestions.isEmpty()) {
        text = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    } else {
        QStringList items = suggestions;
        if (!initial.isEmpty() && !items.contains(initial)) {
            items.prepend(initial);
        }
        text = QInputDialog::getItem(parent, title, label, items, std::max(0, int(items.indexOf(initial))), true, &ok);
    }
    return ok ? std::optional<QString>(text.trimmed()) : std::nullopt;
}

bool DialogFacade::askDateRange(QWidget* parent, const QString& title, QDate& from, QDate& to) {
    m_lastText = title;
    ++m_count;
    if (!m_ranges.isEmpty()) {
        std::tie(from, to) = m_ranges.dequeue();
        return true;
    }
    if (!m_show) {
        return false;
    }
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* fromEdit = new QDateEdit(from, &dialog);
    auto* toEdit = new QDateEdit(to, &dialog);
    for (QDateEdit* e : {fromEdit, toEdit}) {
        e->setCalendarPopup(true);
        e->setMaximumDate(QDate::currentDate());
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(QCoreApplication::translate("baton::ui::DialogFacade", "From"), fromEdit);
    form->addRow(QCoreApplication::translate("baton::ui::DialogFacade", "To (included)"), toEdit);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    from = fromEdit->date();
    to = toEdit->date();
    return true;
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
