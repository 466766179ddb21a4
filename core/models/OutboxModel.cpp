#include "core/models/OutboxModel.h"

#include "core/model/OutboxEntry.h"
#include "core/store/Store.h"

#include <QDateTime>
#include <QLocale>

namespace baton::models {
namespace {

model::OutboxState stateOf(const store::OutboxActions::Row& r) {
    return model::outboxStateFromString(r.state);
}

bool isOpen(model::OutboxState s) {
    return s == model::OutboxState::Queued || s == model::OutboxState::Failed;
}

bool isPending(model::OutboxState s) {
    return s == model::OutboxState::Queued || s == model::OutboxState::Sending || s == model::OutboxState::Failed ||
           s == model::OutboxState::Check;
}

QString oneLine(const QString& text, int max) {
    QString s = text.simplified();
    if (s.size() > max) {
        s = s.left(max - 1) + QChar(0x2026);
    }
    return s;
}

} // namespace

OutboxModel::OutboxModel(store::Store& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store) {
    connect(&m_store.writer(), &store::StoreWriter::changed, this, &OutboxModel::onChanged);
    refresh();
}

void OutboxModel::onChanged(const store::ChangeSet& changes) {
    if (changes.outboxChanged) {
        refresh();
    }
}

QString OutboxModel::stateLabel(model::OutboxState s) {
    switch (s) {
    case model::OutboxState::Queued:
        return tr("Queued");
    case model::OutboxState::Sending:
        return tr("Sending…");
    case model::OutboxState::Sent:
        return tr("Sent");
    case model::OutboxState::Failed:
        return tr("Failed");
    case model::OutboxState::Check:
        return tr("Checking whether it was posted");
    case model::OutboxState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

void OutboxModel::refresh() {
    QList<store::OutboxActions::Row> rows = store::OutboxActions::rows(m_store.reader(), 200, true);
    bool sameIds = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < rows.size(); ++i) {
        sameIds = rows.at(i).id == m_rows.at(i).id;
    }
    if (sameIds) {
        m_rows = std::move(rows);
        if (!m_rows.isEmpty()) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        }
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    int pending = 0;
    for (const store::OutboxActions::Row& r : std::as_const(m_rows)) {
        pending += isPending(stateOf(r)) ? 1 : 0;
    }
    if (pending != m_pending) {
        m_pending = pending;
        emit pendingCountChanged(m_pending);
    }
}

int OutboxModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OutboxModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int OutboxModel::rowOf(qint64 outboxId) const {
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == outboxId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

QVariant OutboxModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const store::OutboxActions::Row& r = m_rows.at(index.row());
    const model::OutboxState state = stateOf(r);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RecipientColumn:
            return r.recipient.isEmpty() ? tr("(unknown)") : r.recipient;
        case TextColumn:
            return oneLine(r.text, 120);
        case StateColumn:
            if (state == model::OutboxState::Failed && !r.lastError.isEmpty()) {
                return tr("%1: %2").arg(stateLabel(state), oneLine(r.lastError, 160));
            }
            return stateLabel(state);
        case AttemptsColumn:
            return r.attempts;
        case TimeColumn: {
            const qint64 at = r.sentAt > 0 ? r.sentAt : r.createdAt;
            return at > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(at), QLocale::ShortFormat) : QString();
        }
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !r.lastError.isEmpty()) {
            return r.lastError;
        }
        if (index.column() == TextColumn) {
            return r.text;
        }
        return {};
    case OutboxIdRole:
        return r.id;
    case OutboxItemIdRole:
        return r.itemId;
    case OutboxAccountIdRole:
        return r.accountId;
    case OutboxStateRole:
        return QVariant::fromValue(state);
    case OutboxTextRole:
        return r.text;
    case OutboxRecipientRole:
        return r.recipient;
    case OutboxAttemptsRole:
        return r.attempts;
    case OutboxErrorRole:
        return r.lastError;
    case OutboxCreatedAtRole:
        return r.createdAt;
    case OutboxSentAtRole:
        return r.sentAt;
    case OutboxCanEditRole:
    case OutboxCanRetryRole:
    case OutboxCanCancelRole:
        return isOpen(state);
    default:
        return {};
    }
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case RecipientColumn:
        return tr("To");
    case TextColumn:
        return tr("Text");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case TimeColumn:
        return tr("Time");
    default:
        return {};
    }
}

} // namespace baton::models
