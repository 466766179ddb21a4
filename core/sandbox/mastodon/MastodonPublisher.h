#pragma once

#include "core/sandbox/mastodon/MastodonEntities.h"

#include <QList>
#include <utility>

namespace baton::sandbox {

class MastodonData;

// What happens on the instance when a status appears or changes, whoever causes it (the generator, the live
// timer, a client's POST, a test hook): HTML rendering, indexing, mention notifications for demo accounts (unless
// they blocked, muted or muted the thread) and direct-message conversations.
class MastodonPublisher final {
public:
    using Notified = QList<std::pair<int, qint64>>; // demo account index, notification id

    // status.text must be set; id 0 = allocate from createdMs. Returns the status id.
    static qint64 publish(MastodonData& data, MastodonStatus status, qint64 notifyAtMs, Notified* notified = nullptr);
    // New text for an existing status at atMs: sets edited_at and sends `update` notifications.
    static bool edit(MastodonData& data, qint64 statusId, const QString& text, qint64 atMs);

private:
    static bool wantsNotification(const MastodonData& data, int accountIndex, const MastodonStatus& status);
    static void updateConversation(MastodonData& data, int accountIndex, const MastodonStatus& status);
};

} // namespace baton::sandbox
