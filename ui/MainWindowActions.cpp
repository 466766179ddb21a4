// The main window's keyboard and triage actions: what j/k/e/s/a/#/r do, bulk changes, replies into the outbox,
// moderation, undo.
#include "core/common/Ids.h"
#include "core/models/InboxModel.h"
#include "core/models/Roles.h"
#include "core/models/SourcesModel.h"
#include "core/store/ItemRepository.h"
#include "core/store/NoteRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"
#include "core/store/TagRepository.h"
#include "core/sync/OutboxSender.h"
#include "core/sync/SyncEngine.h"
#include "ui/CommandPalette.h"
#include "ui/Composer.h"
#include "ui/DialogFacade.h"
#include "ui/Formatting.h"
#include "ui/ItemPane.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/Toast.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QSettings>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTimer>

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
    add(tr("Select the next item too"), {QKeySequence(Qt::SHIFT | Qt::Key_J)}, [this] {
        m_list->selectionModel()->select(m_list->currentIndex(), QItemSelectionModel::Select);
        moveCurrent(1, false);
        m_list->selectionModel()->select(m_list->currentIndex(), QItemSelectionModel::Select);
    });
    add(tr("Select the previous item too"), {QKeySequence(Qt::SHIFT | Qt::Key_K)}, [this] {
        m_list->selectionModel()->select(m_list->currentIndex(), QItemSelectionModel::Select);
        moveCurrent(-1, false);
        m_list->selectionModel()->select(m_list->currentIndex(), QItemSelectionModel::Select);
    });
    add(tr("Select or unselect the item"), {QKeySequence(Qt::Key_X)}, [this] {
        const QModelIndex cur = m_list->currentIndex();
        if (!cur.isValid()) {
            return;
        }
        // The first x keeps the row the user is on and starts marking: j and k then move without unselecting.
        const bool onlyThis = m_list->selectionModel()->selectedRows() == QModelIndexList{cur};
        m_marking = true;
        if (!onlyThis) {
            m_list->selectionModel()->select(cur, QItemSelectionModel::Toggle);
        }
    });
    add(tr("Assign"), {QKeySequence(Qt::Key_A)}, [this] { assignSelected(); });
    add(tr("Tag"), {QKeySequence(Qt::Key_NumberSign), QKeySequence(Qt::SHIFT | Qt::Key_NumberSign)},
        [this] { addTagToCurrent(); });
    add(tr("Archive"), {QKeySequence(Qt::Key_Y)}, [this] { setCurrentStatus(model::Status::Archived); });
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
    add(tr("Settings…"), {QKeySequence(Qt::CTRL | Qt::Key_Comma)}, [this] { openSettings(); });
    add(tr("Add an account…"), {}, [this] { openSettings()->addAccount(); });
    add(tr("Undo"), {QKeySequence::Undo}, [this] { undoLast(); });
    add(tr("Dashboard"), {QKeySequence(Qt::CTRL | Qt::Key_D)}, [this] { showDashboard(!dashboardShown()); });
    add(tr("Export the weekly report…"), {}, [this] { exportReport(); });
    add(tr("Back to the list"), {QKeySequence(Qt::Key_Escape)}, [this] { m_list->setFocus(); });
    add(tr("Command palette"), {QKeySequence(Qt::CTRL | Qt::Key_K)}, [this] {
        openCommandPalette();
    })->setProperty(CommandPalette::kHiddenProperty, true);
    // "g" only arms the jump; the palette lists the jumps themselves.
    add(tr("Go to a view"), {QKeySequence(Qt::Key_G)}, [this] {
        startGoTo();
    })->setProperty(CommandPalette::kHiddenProperty, true);
    const std::pair<QString, QString> jumps[] = {{tr("Go to All"), QStringLiteral("all")},
                                                 {tr("Go to Needs reply"), QStringLiteral("needs-reply")},
                                                 {tr("Go to Snoozed"), QStringLiteral("snoozed")}};
    const QString jumpKeys[] = {tr("G, I"), tr("G, N"), tr("G, S")};
    for (int i = 0; i < 3; ++i) {
        add(jumps[i].first, {}, [this, key = jumps[i].second] {
            selectView(key);
        })->setProperty(CommandPalette::kKeysProperty, jumpKeys[i]);
    }
    m_goTimer = new QTimer(this);
    m_goTimer->setSingleShot(true);
    m_goTimer->setInterval(1500);
    connect(m_goTimer, &QTimer::timeout, this, &MainWindow::endGoTo);
    m_palette = new CommandPalette(this);
    connect(m_list, &QListView::activated, this, [this] { m_pane->threadView()->setFocus(Qt::ShortcutFocusReason); });
}

void MainWindow::showShortcuts() {
    const QList<std::pair<QString, QString>> rows{
        {QStringLiteral("J / K"), tr("Next / previous item")},
        {tr("Shift+J / Shift+K"), tr("Select the next / previous item too")},
        {QStringLiteral("X"), tr("Select or unselect the item")},
        {tr("Enter"), tr("Open the item's thread")},
        {QStringLiteral("R"), tr("Reply")},
        {tr("Ctrl+Enter"), tr("Send the reply")},
        {QStringLiteral("E"), tr("Done")},
        {QStringLiteral("S"), tr("Snooze until tomorrow morning")},
        {QStringLiteral("Y"), tr("Archive")},
        {QStringLiteral("A"), tr("Assign")},
        {QStringLiteral("#"), tr("Tag")},
        {tr("Ctrl+Z"), tr("Undo the last change")},
        {QStringLiteral("/"), tr("Search")},
        {QStringLiteral("F5"), tr("Sync now")},
        {tr("Ctrl+K"), tr("Command palette: every action, by name")},
        {tr("Ctrl+,"), tr("Settings: accounts, sync, notifications, language")},
        {tr("G then I / N / S"), tr("Go to All / Needs reply / Snoozed")},
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

void MainWindow::openCommandPalette() {
    endGoTo();
    m_palette->open();
}

void MainWindow::startGoTo() {
    m_goTimer->start();
    qApp->installEventFilter(this);
}

void MainWindow::endGoTo() {
    if (m_goTimer->isActive()) {
        m_goTimer->stop();
    }
    qApp->removeEventFilter(this);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    // Only while "g" waits: the next key in this window picks a view (and is not the window's shortcut: s is
    // snooze on its own).
    const QEvent::Type type = event->type();
    if (!m_goTimer || !m_goTimer->isActive() || (type != QEvent::ShortcutOverride && type != QEvent::KeyPress)) {
        return QMainWindow::eventFilter(watched, event);
    }
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->window() != this) {
        return QMainWindow::eventFilter(watched, event);
    }
    auto* key = static_cast<QKeyEvent*>(event);
    switch (key->key()) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_Meta:
        return false;
    default:
        break;
    }
    QString view;
    if (!(key->modifiers() & ~Qt::KeypadModifier)) {
        view = key->key() == Qt::Key_I   ? QStringLiteral("all")
               : key->key() == Qt::Key_N ? QStringLiteral("needs-reply")
               : key->key() == Qt::Key_S ? QStringLiteral("snoozed")
                                         : QString();
    }
    if (view.isEmpty()) {
        // Any other key: the jump is off and the key does what it always does.
        endGoTo();
        return false;
    }
    if (type == QEvent::ShortcutOverride) {
        event->accept(); // a key press for us, not a shortcut
        return true;
    }
    endGoTo();
    selectView(view);
    m_list->setFocus(Qt::ShortcutFocusReason);
    return true;
}

QList<qint64> MainWindow::selectedItemIds() const {
    QList<qint64> ids;
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    for (const QModelIndex& idx : rows) {
        ids.append(idx.data(models::ItemIdRole).toLongLong());
    }
    // The list order, so undo and messages follow what the user sees.
    std::sort(ids.begin(), ids.end(), [this](qint64 a, qint64 b) { return m_inbox->rowOf(a) < m_inbox->rowOf(b); });
    if (ids.isEmpty() && currentItemId() != 0) {
        ids.append(currentItemId());
    }
    return ids;
}

void MainWindow::setCurrentStatus(model::Status status, qint64 snoozeUntil) {
    const QList<qint64> ids = selectedItemIds();
    UndoStep undo{UndoKind::Status, {}, {}};
    for (qint64 id : ids) {
        if (const model::Item* item = m_inbox->itemAt(m_inbox->rowOf(id))) {
            undo.items.append({id, item->status, item->snoozeUntil, item->assignee});
        }
    }
    if (undo.items.isEmpty()) {
        return;
    }
    if (status == model::Status::Spam) {
        const model::Item* first = m_inbox->itemAt(m_inbox->rowOf(undo.items.first().itemId));
        const QString question =
            undo.items.size() == 1
                ? tr("Mark this item from %1 as spam? It leaves the inbox.").arg(first->author.handle)
                : tr("Mark these %n items as spam? They leave the inbox.", nullptr, int(undo.items.size()));
        if (!m_dialogs.confirm(this, tr("Mark as spam"), question, tr("Mark as spam"))) {
            return;
        }
    }
    m_undo = undo;
    const int count = static_cast<int>(undo.items.size());
    m_store.writer().submit(
        [ids, status, snoozeUntil](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
            for (qint64 id : ids) {
                if (auto r = store::ItemRepository::setStatus(db, id, status, snoozeUntil, changes); !r) {
                    return r;
                }
            }
            return {};
        },
        this,
        [this, status, count](Expected<void, Error> r) {
            if (!r) {
                m_undo = {};
                m_dialogs.information(this, tr("Could not change the status"), r.error().toString());
                return;
            }
            const QString where = Formatting::status(status);
            m_toast->showMessage(count == 1 ? tr("Moved to %1").arg(where)
                                            : tr("%n item(s) moved to %1", nullptr, count).arg(where),
                                 tr("Undo"));
        });
}

void MainWindow::assignSelected() {
    const QList<qint64> ids = selectedItemIds();
    if (ids.isEmpty()) {
        return;
    }
    const model::Item* first = m_inbox->itemAt(m_inbox->rowOf(ids.first()));
    QStringList people = QSettings().value(QStringLiteral("team/members")).toStringList();
    const QString me = m_sources->currentUser();
    people.removeAll(me);
    people.prepend(me);
    const auto who = m_dialogs.askText(this, tr("Assign"), tr("Who takes care of it? Leave empty to unassign."),
                                       first ? first->assignee : QString(), people);
    if (who) {
        setAssignee(*who);
    }
}

void MainWindow::setAssignee(const QString& assignee) {
    const QList<qint64> ids = selectedItemIds();
    UndoStep undo{UndoKind::Assignee, {}, {}};
    for (qint64 id : ids) {
        if (const model::Item* item = m_inbox->itemAt(m_inbox->rowOf(id))) {
            undo.items.append({id, item->status, item->snoozeUntil, item->assignee});
        }
    }
    if (undo.items.isEmpty()) {
        return;
    }
    if (!assignee.isEmpty() && assignee != m_sources->currentUser()) {
        // Names given once are offered again (assign menus, the assignee filter).
        QSettings settings;
        QStringList team = settings.value(QStringLiteral("team/members")).toStringList();
        if (!team.contains(assignee)) {
            team.append(assignee);
            team.sort(Qt::CaseInsensitive);
            settings.setValue(QStringLiteral("team/members"), team);
        }
    }
    m_undo = undo;
    const int count = static_cast<int>(undo.items.size());
    m_store.writer().submit(
        [ids, assignee](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
            for (qint64 id : ids) {
                if (auto r = store::ItemRepository::setAssignee(db, id, assignee, changes); !r) {
                    return r;
                }
            }
            return {};
        },
        this,
        [this, assignee, count](Expected<void, Error> r) {
            if (!r) {
                m_undo = {};
                m_dialogs.information(this, tr("Could not assign"), r.error().toString());
                return;
            }
            m_toast->showMessage(assignee.isEmpty() ? tr("%n item(s) unassigned", nullptr, count)
                                                    : tr("%n item(s) assigned to %1", nullptr, count).arg(assignee),
                                 tr("Undo"));
        });
}

void MainWindow::addTagToCurrent() {
    const qint64 id = currentItemId();
    if (id == 0) {
        return;
    }
    QStringList known;
    for (const store::TagRepository::Tag& t : store::TagRepository::all(m_store.reader())) {
        known.append(t.name);
    }
    const auto tag = m_dialogs.askText(this, tr("Tag"), tr("Tag this item:"), {}, known);
    if (!tag || tag->trimmed().isEmpty()) {
        return;
    }
    const QString name = tag->trimmed().remove(u'#');
    m_undo = {UndoKind::TagAdded, {{id, {}, 0, {}}}, name};
    m_store.writer().submit(
        [id, name](store::Database& db, store::ChangeSet& changes) {
            return store::TagRepository::add(db, id, name, changes);
        },
        this,
        [this, name](Expected<void, Error> r) {
            if (!r) {
                m_undo = {};
                m_dialogs.information(this, tr("Could not tag the item"), r.error().toString());
                return;
            }
            m_toast->showMessage(tr("Tagged #%1").arg(name), tr("Undo"));
        });
}

void MainWindow::addNoteToCurrent(const QString& text) {
    const qint64 id = m_pane->itemId();
    if (id == 0 || text.trimmed().isEmpty()) {
        return;
    }
    store::NoteRepository::Note note{0, id, m_sources->currentUser(), text, m_now()};
    m_store.writer().submit(
        [note](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
            auto r = store::NoteRepository::add(db, note, changes);
            if (!r) {
                return unexpected(r.error());
            }
            return {};
        },
        this,
        [this](Expected<void, Error> r) {
            if (!r) {
                m_dialogs.information(this, tr("Could not add the note"), r.error().toString());
            }
        });
}

void MainWindow::undoLast() {
    const UndoStep step = std::exchange(m_undo, {});
    if (step.kind == UndoKind::None || step.items.isEmpty()) {
        return;
    }
    m_store.writer().submit([step](store::Database& db, store::ChangeSet& changes) -> Expected<void, Error> {
        for (const UndoItem& u : step.items) {
            Expected<void, Error> r;
            switch (step.kind) {
            case UndoKind::Status:
                r = store::ItemRepository::setStatus(db, u.itemId, u.status, u.snoozeUntil, changes);
                break;
            case UndoKind::Assignee:
                r = store::ItemRepository::setAssignee(db, u.itemId, u.assignee, changes);
                break;
            case UndoKind::TagAdded:
                r = store::TagRepository::remove(db, u.itemId, step.tag, changes);
                break;
            case UndoKind::None:
                break;
            }
            if (!r) {
                return r;
            }
        }
        return {};
    });
    m_toast->showMessage(tr("Undone"), {}, 2500);
}

void MainWindow::askModerationActions() {
    const auto& details = m_pane->details();
    if (!m_sync || !details) {
        return;
    }
    const model::Item item = details->item;
    m_sync->withConnector(item.accountId, [this, item](Expected<connectors::Connector*, Error> c) {
        if (c && m_pane->itemId() == item.id) {
            m_pane->setModerationActions((*c)->moderationActions(item));
        }
    });
}

void MainWindow::moderate(connectors::ModerationAction action) {
    const auto& details = m_pane->details();
    if (!m_sync || !details) {
        return;
    }
    const model::Item item = details->item;
    const QString what = Formatting::moderationAction(action).remove(u'…');
    // A report carries the reason the moderators read; a move needs its folder. Cancelling either stops here.
    QString comment;
    if (action == connectors::ModerationAction::Report) {
        const auto reason = m_dialogs.askText(this, what, tr("Reason for the moderators (optional):"));
        if (!reason) {
            return;
        }
        comment = reason->trimmed();
    } else if (action == connectors::ModerationAction::MoveToFolder) {
        const auto folder = m_dialogs.askText(this, what, tr("Folder:"), {}, {QStringLiteral("Archive")});
        if (!folder || folder->trimmed().isEmpty()) {
            return;
        }
        comment = folder->trimmed();
    }
    if (Formatting::isDestructive(action) &&
        !m_dialogs.confirm(this, what,
                           tr("%1 (%2)? This happens on %3 and cannot be undone from Baton.")
                               .arg(what, u'@' + item.author.handle, Formatting::network(item.network)),
                           what)) {
        return;
    }
    m_sync->moderate(item, action, comment, this, [this, what](Expected<void, Error> r) {
        if (!r) {
            m_dialogs.information(this, tr("%1 failed").arg(what), r.error().toString());
            return;
        }
        m_toast->showMessage(tr("Done: %1").arg(what));
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
