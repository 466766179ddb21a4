#pragma once

#include "core/model/Enums.h"

#include <QString>

namespace baton::model {

// A reply waiting to go out. It is committed before any network call and keeps its text whatever happens.
struct OutboxEntry {
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 itemId = 0;      // the item replied to
    QString parentRemoteId; // its remote id
    QString text;
    QString visibility;
    QString idempotencyKey;
    OutboxState state = OutboxState::Queued;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
    QString remoteId; // the posted reply's id once sent
    qint64 createdAt = 0;
    qint64 sentAt = 0;
};

inline QString toString(OutboxState s) {
    switch (s) {
    case OutboxState::Queued:
        return QStringLiteral("queued");
    case OutboxState::Sending:
        return QStringLiteral("sending");
    case OutboxState::Sent:
        return QStringLiteral("sent");
    case OutboxState::Failed:
        return QStringLiteral("failed");
    case OutboxState::Check:
        return QStringLiteral("check");
    case OutboxState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

inline OutboxState outboxStateFromString(QStringView s) {
    if (s == QLatin1String("sending")) {
        return OutboxState::Sending;
    }
    if (s == QLatin1String("sent")) {
        return OutboxState::Sent;
    }
    if (s == QLatin1String("failed")) {
        return OutboxState::Failed;
    }
    if (s == QLatin1String("check")) {
        return OutboxState::Check;
    }
    if (s == QLatin1String("cancelled")) {
        return OutboxState::Cancelled;
    }
    return OutboxState::Queued;
}

} // namespace baton::model
