#include "ui/OutboxPanel.h"

#include "core/models/OutboxModel.h"
#include "core/store/OutboxActions.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"
#include "core/sync/OutboxSender.h"
#include "core/sync/SyncEngine.h"
#include "ui/DialogFacade.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace baton::ui {

using models::OutboxModel;

OutboxPanel::OutboxPanel(store::Store& store, sync::SyncEngine* sync, DialogFacade& dialogs, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_sync(sync)
    , m_dialogs(dialogs)
    , m_model(new OutboxModel(store, this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this))
    , m_retry(new QPushButton(this))
    , m_edit(new QPushButton(this))
    , m_cancel(new QPushButton(this)) {
    setObjectName(QStringLiteral("outboxPanel"));
    m_view->setObjectName(QStringLiteral("outboxList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(OutboxModel::TextColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(OutboxModel::AttemptsColumn, QHeaderView::ResizeToContents);
    m_empty->setObjectName(QStringLiteral("outboxEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_edit->setObjectName(QStringLiteral("outboxEdit"));
    m_cancel->setObjectName(QStringLiteral("outboxCancel"));

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(8, 0, 8, 8);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
    layout->addLayout(buttons);

    connect(m_retry, &QPushButton::clicked, this, &OutboxPanel::retryCurrent);
    connect(m_edit, &QPushButton::clicked, this, &OutboxPanel::editCurrent);
    connect(m_cancel, &QPushButton::clicked, this, &OutboxPanel::cancelCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OutboxPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &OutboxPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateButtons();
        updateEmptyState();
    });
    retranslate();
    updateButtons();
    updateEmptyState();
}

void OutboxPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void OutboxPanel::retranslate() {
    m_retry->setText(tr("Retry now"));
    m_retry->setToolTip(tr("Send this reply again now"));
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Change the text of a reply that has not gone out"));
    m_cancel->setText(tr("Cancel…"));
    m_cancel->setToolTip(tr("Do not send this reply"));
    m_empty->setText(tr("No replies in the outbox."));
}

void OutboxPanel::updateButtons() {
    const QModelIndex cur = m_view->currentIndex();
    m_retry->setEnabled(cur.isValid() && cur.data(OutboxModel::OutboxCanRetryRole).toBool());
    m_edit->setEnabled(cur.isValid() && cur.data(OutboxModel::OutboxCanEditRole).toBool());
    m_cancel->setEnabled(cur.isValid() && cur.data(OutboxModel::OutboxCanCancelRole).toBool());
}

void OutboxPanel::updateEmptyState() {
    const bool empty = m_model->rowCount() == 0;
    m_empty->setVisible(empty);
    m_view->setVisible(!empty);
}

bool OutboxPanel::selectEntry(qint64 outboxId) {
    const int row = m_model->rowOf(outboxId);
    if (row < 0) {
        return false;
    }
    m_view->setCurrentIndex(m_model->index(row, 0));
    return true;
}

qint64 OutboxPanel::currentEntryId() const {
    return m_view->currentIndex().data(OutboxModel::OutboxIdRole).toLongLong();
}

void OutboxPanel::flush(qint64 accountId) {
    if (!m_sync) {
        return;
    }
    m_sync->outbox().flush(accountId, [self = QPointer<OutboxPanel>(this)](int sent, int failed) {
        if (!self) {
            return;
        }
        if (sent > 0) {
            emit self->message(tr("%n reply(ies) sent", nullptr, sent));
        } else if (failed > 0) {
            emit self->message(tr("%n reply(ies) could not be sent", nullptr, failed));
        }
    });
}

void OutboxPanel::retryCurrent() {
    const QModelIndex cur = m_view->currentIndex();
    if (!cur.isValid() || !cur.data(OutboxModel::OutboxCanRetryRole).toBool()) {
        return;
    }
    const qint64 id = cur.data(OutboxModel::OutboxIdRole).toLongLong();
    const qint64 accountId = cur.data(OutboxModel::OutboxAccountIdRole).toLongLong();
    m_store.writer().submit([id](store::Database& db,
                                 store::ChangeSet& changes) { return store::OutboxActions::retryNow(db, id, changes); },
                            this,
                            [this, accountId](Expected<void, Error> r) {
                                if (!r) {
                                    emit message(tr("Not retried: %1").arg(r.error().toString()));
                                    return;
                                }
                                emit message(tr("Sending the reply again…"));
                                flush(accountId);
                            });
}

void OutboxPanel::editCurrent() {
    const QModelIndex cur = m_view->currentIndex();
    if (!cur.isValid() || !cur.data(OutboxModel::OutboxCanEditRole).toBool()) {
        return;
    }
    const qint64 id = cur.data(OutboxModel::OutboxIdRole).toLongLong();
    const auto text =
        m_dialogs.askText(this, tr("Edit the reply"), tr("Reply:"), cur.data(OutboxModel::OutboxTextRole).toString());
    if (!text || text->trimmed().isEmpty()) {
        return;
    }
    m_store.writer().submit(
        [id, newText = *text](store::Database& db, store::ChangeSet& changes) {
            return store::OutboxActions::editText(db, id, newText, changes);
        },
        this,
        [this](Expected<void, Error> r) {
            emit message(r ? tr("Reply changed; it waits to be sent")
                           : tr("Not changed: %1").arg(r.error().toString()));
        });
}

void OutboxPanel::cancelCurrent() {
    const QModelIndex cur = m_view->currentIndex();
    if (!cur.isValid() || !cur.data(OutboxModel::OutboxCanCancelRole).toBool()) {
        return;
    }
    const qint64 id = cur.data(OutboxModel::OutboxIdRole).toLongLong();
    if (!m_dialogs.confirm(this, tr("Cancel the reply"), tr("This reply will not be sent. Cancel it?"),
                           tr("Cancel the reply"))) {
        return;
    }
    m_store.writer().submit(
        [id](store::Database& db, store::ChangeSet& changes) {
            return store::OutboxRepository::cancel(db, id, changes);
        },
        this,
        [this](Expected<void, Error> r) {
            emit message(r ? tr("Reply cancelled") : tr("Not cancelled: %1").arg(r.error().toString()));
        });
}

} // namespace baton::ui
