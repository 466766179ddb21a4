// The main window's keyboard and triage actions: what j/k/e/s/r do, replies into the outbox, undo.
#include "core/common/Ids.h"
#include "core/models/InboxModel.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"
#include "core/sync/OutboxSender.h"
#include "core/sync/SyncEngine.h"
#include "ui/Composer.h"
#include "ui/DialogFacade.h"
#include "ui/Formatting.h"
#include "ui/ItemPane.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QDateTime>
#include <QLineEdit>
#include <QListView>
#include <QStatusBar>
#include <QTextBrowser>

namespace baton::ui {
namespace {

qint64 tomorrowMorning() {
    QDateTime t = QDateTime::currentDateTime().addDays(1);
    t.setTime(QTime(8, 0));
    return t.toMSecsSinceEpoch();
}

} // namespace

void MainWindow::buildActions() {
    auto add = [this](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    add(tr("Next item"), {QKeySequence(Qt::Key_J)}, [this] { moveCurrent(1); });
    add(tr("Previous item"), {QKeySequence(Qt::Key_K)}, [this] { moveCurrent(-1); });
    add(tr("Reply"), {QKeySequence(Qt::Key_R)}, [this] {
        if (currentItemId()) {
            m_pane->composer()->focusEditor();
        }
    });
    add(tr("Done"), {QKeySequence(Qt::Key_E)}, [this] { setCurrentStatus(model::Status::Done); });
    add(tr("Snooze until tomorrow"), {QKeySequence(Qt::Key_S)},
        [this] { setCurrentStatus(model::Status::Snoozed, tomorrowMorning()); });
    add(tr("Search"), {QKeySequence(Qt::Key_Slash), QKeySequence::Find}, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    add(tr("Keyboard shortcuts"), {QKeySequence(Qt::Key_Question), QKeySequence(Qt::SHIFT | Qt::Key_Question)},
        [this] { showShortcuts(); });
    add(tr("Sync now"), {QKeySequence(Qt::Key_F5)}, [this] { triggerSync(); });
    add(tr("Undo"), {QKeySequence::Undo}, [this] {
        const UndoStep c = std::exchange(m_undo, {});
        if (c.itemId == 0) {
            return;
        }
        m_store.writer().submit([c](store::Database& db, store::ChangeSet& changes) {
            return store::ItemRepository::setStatus(db, c.itemId, c.status, c.snoozeUntil, changes);
        });
        statusBar()->showMessage(tr("Undone"), 3000);
    });
    add(tr("Back to the list"), {QKeySequence(Qt::Key_Escape)}, [this] { m_list->setFocus(); });
    connect(m_list, &QListView::activated, this, [this] { m_pane->threadView()->setFocus(Qt::ShortcutFocusReason); });
}

void MainWindow::showShortcuts() {
    const QList<std::pair<QString, QString>> rows{
        {QStringLiteral("J / K"), tr("Next / previous item")},
        {tr("Enter"), tr("Open the item's thread")},
        {QStringLiteral("R"), tr("Reply")},
        {tr("Ctrl+Enter"), tr("Send the reply")},
        {QStringLiteral("E"), tr("Done")},
        {QStringLiteral("S"), tr("Snooze until tomorrow morning")},
        {tr("Ctrl+Z"), tr("Undo the last change")},
        {QStringLiteral("/"), tr("Search")},
        {QStringLiteral("F5"), tr("Sync now")},
        {tr("Esc"), tr("Back to the list")},
        {QStringLiteral("?"), tr("This list")},
    };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\">");
    for (const auto& [keys, what] : rows) {
        html +=
            QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    m_dialogs.information(this, tr("Keyboard shortcuts"), html);
}

void MainWindow::setCurrentStatus(model::Status status, qint64 snoozeUntil) {
    const qint64 id = currentItemId();
    const model::Item* item = m_inbox->itemAt(m_list->currentIndex().row());
    if (id == 0 || !item) {
        return;
    }
    if (status == model::Status::Spam &&
        !m_dialogs.confirm(this, tr("Mark as spam"),
                           tr("Mark this item from %1 as spam? It leaves the inbox.").arg(item->author.handle),
                           tr("Mark as spam"))) {
        return;
    }
    m_undo = {id, item->status, item->snoozeUntil};
    m_store.writer().submit(
        [id, status, snoozeUntil](store::Database& db, store::ChangeSet& changes) {
            return store::ItemRepository::setStatus(db, id, status, snoozeUntil, changes);
        },
        this,
        [this, status](Expected<void, Error> r) {
            if (!r) {
                m_dialogs.information(this, tr("Could not change the status"), r.error().toString());
                return;
            }
            statusBar()->showMessage(tr("Moved to %1 — Ctrl+Z to undo").arg(Formatting::status(status)), 5000);
        });
}

void MainWindow::sendReply(const QString& text) {
    const auto& details = m_pane->details();
    Composer* composer = m_pane->composer();
    if (!details || text.trimmed().isEmpty()) {
        composer->setSending(false);
        return;
    }
    const model::Item& item = details->item;
    model::OutboxEntry entry;
    entry.accountId = item.accountId;
    entry.itemId = item.id;
    entry.parentRemoteId = item.remoteId;
    entry.text = text;
    entry.visibility = item.kind == model::Kind::DirectMessage ? QStringLiteral("direct") : QString();
    entry.idempotencyKey = newUuid();
    entry.createdAt = QDateTime::currentMSecsSinceEpoch();
    composer->setSending(true);
    composer->setOutboxState(Formatting::outboxState(model::OutboxState::Queued), false);
    // Committed to the outbox first; the sender posts it (now, or when the network is back).
    m_store.writer().submit(
        [entry](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
            auto r = store::OutboxRepository::enqueue(db, entry, changes);
            if (!r) {
                return unexpected(r.error());
            }
            return {};
        },
        this,
        [this, accountId = entry.accountId, itemId = item.id](Expected<void, Error> r) {
            Composer* c = m_pane->composer();
            c->setSending(false);
            if (!r) {
                c->setOutboxState(tr("Not queued: %1").arg(r.error().toString()), true);
                return;
            }
            if (m_pane->itemId() == itemId) {
                c->clear();
            }
            statusBar()->showMessage(tr("Reply queued"), 3000);
            if (m_sync) {
                m_sync->outbox().flush(accountId, [this](int sent, int) {
                    if (sent > 0) {
                        statusBar()->showMessage(tr("Reply sent"), 4000);
                    }
                    refreshPane();
                });
            }
            refreshPane();
        });
}

} // namespace baton::ui
