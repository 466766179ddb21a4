#pragma once

#include "core/connectors/Connector.h"
#include "core/model/Enums.h"
#include "core/models/ItemDetails.h"

#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
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
    // Several rows selected: the pane offers the bulk actions instead of one item.
    void showSelection(int count);
    // What the item's network lets us do to it; shown in the More menu.
    void setModerationActions(const QList<connectors::ModerationAction>& actions);
    QToolButton* assignButton() const { return m_assign; }
    QLineEdit* noteField() const { return m_noteEdit; }
    QMenu* moreMenu() const { return m_moreMenu; }
    qint64 itemId() const { return m_details ? m_details->item.id : 0; }
    const std::optional<models::ItemDetails>& details() const { return m_details; }
    Composer* composer() const { return m_composer; }
    QToolButton* openLinkButton() const { return m_openLink; }
    QTextBrowser* threadView() const { return m_thread; }
    void setNow(std::function<qint64()> now) { m_now = std::move(now); }

signals:
    // snoozeUntil is set for Snoozed.
    void statusRequested(baton::model::Status status, qint64 snoozeUntil);
    void replyRequested(const QString& text);
    void assignRequested();
    void tagAddRequested();
    void tagRemoveRequested(const QString& tag);
    void noteAddRequested(const QString& text);
    void noteRemoveRequested(qint64 noteId);
    void moderationRequested(baton::connectors::ModerationAction action);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    void renderTagsAndNotes();
    void rebuildMoreMenu();
    QString threadHtml() const;
    QWidget* buildSelectionPage();

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
    QMenu* m_moreMenu = nullptr;
    QToolButton* m_assign;
    QToolButton* m_openLink = nullptr; // the item on its site (the only action for a feed entry)
    QLabel* m_tags;
    QLabel* m_notes;
    QLineEdit* m_noteEdit;
    QLabel* m_selectionTitle = nullptr;
    QList<connectors::ModerationAction> m_moderation;
    QTextBrowser* m_thread;
    Composer* m_composer;
};

} // namespace baton::ui
