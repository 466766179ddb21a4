#pragma once

#include "core/sandbox/mastodon/MastodonEntities.h"

#include <QJsonArray>
#include <QJsonObject>

namespace baton::sandbox {

class MastodonData;

// Renders the entities in Mastodon's JSON shapes (Account, Status, Notification, Conversation, Relationship,
// Report) as seen by one demo account. Ids are strings, times RFC 3339 with milliseconds.
class MastodonJson final {
public:
    MastodonJson(const MastodonData& data, int viewerIndex);

    QJsonObject account(const MastodonPerson& person) const;
    QJsonObject credentialAccount() const;
    QJsonObject status(const MastodonStatus& status, bool withSource = false) const;
    QJsonObject notification(const MastodonNotification& notification) const;
    QJsonObject conversation(const MastodonConversation& conversation) const;
    QJsonObject relationship(qint64 personId) const;
    QJsonObject report(const MastodonReport& report) const;

    // Compact JSON with '<', '>' and '&' written as \u003c, \u003e, \u0026, as Rails does.
    static QByteArray serialize(const QJsonObject& object);
    static QByteArray serialize(const QJsonArray& array);

private:
    static QJsonValue idOrNull(qint64 id);
    QString avatarUrl(const MastodonPerson& person) const;

    const MastodonData& m_data;
    int m_viewer;
};

} // namespace baton::sandbox
