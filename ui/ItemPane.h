#pragma once

#include "core/model/Enums.h"
#include "core/models/ItemDetails.h"

#include <QWidget>
#include <functional>

class QLabel;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace baton::ui {

class Composer;

// The right pane: the author's card, status controls, the whole thread as a conversation, and the composer.
class ItemPane final : public QWidget {
    Q_OBJECT
public:
    explicit ItemPane(QWidget* parent = nullptr);

    void showDetails(const std::optional<models::ItemDetails>& details);
    qint64 itemId() const { return m_details ? m_details->item.id : 0; }
    const std::optional<models::ItemDetails>& details() const { return m_details; }
    Composer* composer() const { return m_composer; }
    QTextBrowser* threadView() const { return m_thread; }
    void setNow(std::function<qint64()> now) { m_now = std::move(now); }

signals:
    // snoozeUntil is set for Snoozed.
    void statusRequested(baton::model::Status status, qint64 snoozeUntil);
    void replyRequested(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    QString threadHtml() const;

    std::optional<models::ItemDetails> m_details;
    std::function<qint64()> m_now;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QLabel* m_name;
    QLabel* m_meta;
    QLabel* m_history;
    QLabel* m_status;
    QToolButton* m_done;
    QToolButton* m_snooze;
    QToolButton* m_more;
    QTextBrowser* m_thread;
    Composer* m_composer;
};

} // namespace baton::ui
