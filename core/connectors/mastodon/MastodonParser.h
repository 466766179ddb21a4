#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace baton::connectors::mastodon {

// Context the parser needs to normalise statuses for one account.
struct ParseContext {
    qint64 accountId = 0;
    QString ownAccountId; // the account's remote id: its statuses are outgoing
    QString instanceHost; // qualifies local handles: "zsc" -> "zsc@host"
};

struct NotificationPage {
    QList<model::Item> items; // mentions (and DMs delivered as mentions)
    QList<model::Item> edits; // "update" notifications: new versions of known statuses
    QStringList ids;          // every notification id in the page, known types or not
};

struct StatusPage {
    QList<model::Item> items;
    QStringList ids;
};

// Pure functions: bytes in, items out. Bad input is an Error naming what was wrong; nothing throws.
Expected<NotificationPage, Error> parseNotifications(const QByteArray& json, const ParseContext& ctx);
Expected<StatusPage, Error> parseStatuses(const QByteArray& json, const ParseContext& ctx);
Expected<StatusPage, Error> parseConversations(const QByteArray& json, const ParseContext& ctx);
Expected<StatusPage, Error> parseContext(const QByteArray& json, const ParseContext& ctx);
Expected<model::Item, Error> parseStatusDocument(const QByteArray& json, const ParseContext& ctx);
Expected<model::Identity, Error> parseAccountDocument(const QByteArray& json, const ParseContext& ctx);

Expected<model::Identity, Error> accountToIdentity(const QJsonObject& account, const ParseContext& ctx);

// One Status object to an item. Returns an error for a status without an id or a valid created_at.
Expected<model::Item, Error> statusToItem(const QJsonObject& status, const ParseContext& ctx);

} // namespace baton::connectors::mastodon
