#pragma once

#include "core/connectors/Connector.h"
#include "core/model/Enums.h"

#include <QCoreApplication>
#include <QString>

namespace baton::sync {
struct AccountSyncStatus;
}

namespace baton::ui {

// Every user-visible wording of engine values, translated.
class Formatting final {
    Q_DECLARE_TR_FUNCTIONS(Formatting)
public:
    // "now", "4 min", "3 h", "yesterday", "Tue", "12 Nov", "12 Nov 2023".
    static QString relativeTime(qint64 utcMs, qint64 nowMs);
    static QString status(model::Status s);
    static QString network(model::Network n);
    static QString kind(model::Kind k);
    static QString outboxState(model::OutboxState s);
    // "syncing", "rate limited until 14:05", "error: ...", "up to date"
    static QString syncState(const sync::AccountSyncStatus& s);
    // "negative", "neutral", "positive" from a score in [-1, 1]
    static QString sentiment(double score);
    // The menu entry for a moderation action ("Block the author…").
    static QString moderationAction(connectors::ModerationAction a);
    // True when the action cannot be taken back or reaches other people (asks first).
    static bool isDestructive(connectors::ModerationAction a);
};

} // namespace baton::ui
