#include "core/connectors/mastodon/MastodonParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace baton::connectors::mastodon {
namespace {

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

QString snippet(const QByteArray& json) {
    return QString::fromUtf8(json.left(200)).simplified();
}

// Mastodon ids are strings; a number would have lost precision above 2^53, so it is refused.
std::optional<QString> idOf(const QJsonValue& v) {
    if (v.isString() && !v.toString().isEmpty()) {
        return v.toString();
    }
    return std::nullopt;
}

QString optionalString(const QJsonObject& o, QLatin1String key) {
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

Expected<QJsonDocument, Error> parseJson(const QByteArray& json) {
    QJsonParseError err{};
    QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        return unexpected(bad(QStringLiteral("invalid JSON at offset %1 (%2): %3")
                                  .arg(err.offset)
                                  .arg(err.errorString(), snippet(json))));
    }
    return doc;
}

Expected<QJsonArray, Error> parseArray(const QByteArray& json) {
    auto doc = parseJson(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    if (!doc->isArray()) {
        return unexpected(bad(QStringLiteral("expected a JSON array: %1").arg(snippet(json))));
    }
    return doc->array();
}

} // namespace

Expected<model::Identity, Error> accountToIdentity(const QJsonObject& acc, const ParseContext& ctx) {
    model::Identity who;
    who.network = model::Network::Mastodon;
    const auto id = idOf(acc.value(QLatin1String("id")));
    QString acct = optionalString(acc, QLatin1String("acct"));
    if (!id || acct.isEmpty()) {
        return unexpected(bad(QStringLiteral("account without id or acct")));
    }
    who.remoteId = *id;
    if (!acct.contains(u'@') && !ctx.instanceHost.isEmpty()) {
        acct += u'@' + ctx.instanceHost;
    }
    who.handle = acct;
    who.displayName = optionalString(acc, QLatin1String("display_name"));
    if (who.displayName.isEmpty()) {
        who.displayName = optionalString(acc, QLatin1String("username"));
    }
    who.avatarUrl = optionalString(acc, QLatin1String("avatar_static"));
    if (who.avatarUrl.isEmpty()) {
        who.avatarUrl = optionalString(acc, QLatin1String("avatar"));
    }
    who.profileUrl = optionalString(acc, QLatin1String("url"));
    return who;
}

Expected<model::Item, Error> statusToItem(const QJsonObject& status, const ParseContext& ctx) {
    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::Mastodon;
    const auto id = idOf(status.value(QLatin1String("id")));
    if (!id) {
        return unexpected(bad(QStringLiteral("status without a string id")));
    }
    item.remoteId = *id;
    const auto created = parseRfc3339(optionalString(status, QLatin1String("created_at")));
    if (!created) {
        return unexpected(bad(QStringLiteral("status %1: invalid created_at").arg(item.remoteId)));
    }
    item.createdAt = *created;
    if (const auto edited = parseRfc3339(optionalString(status, QLatin1String("edited_at")))) {
        item.updatedAt = *edited;
    }
    auto author = accountToIdentity(status.value(QLatin1String("account")).toObject(), ctx);
    if (!author) {
        return unexpected(bad(QStringLiteral("status %1: %2").arg(item.remoteId, author.error().detail)));
    }
    item.author = *author;
    const SanitizedHtml body = sanitizeHtml(optionalString(status, QLatin1String("content")));
    const QString spoiler = optionalString(status, QLatin1String("spoiler_text"));
    item.text = spoiler.isEmpty() ? body.text : spoiler + QLatin1String("\n\n") + body.text;
    item.html = body.html;
    item.url = optionalString(status, QLatin1String("url"));
    if (item.url.isEmpty()) {
        item.url = optionalString(status, QLatin1String("uri"));
    }
    if (!isSafeLinkUrl(item.url)) {
        item.url.clear();
    }
    item.lang = optionalString(status, QLatin1String("language"));
    item.visibility = optionalString(status, QLatin1String("visibility"));
    item.parentRemoteId = optionalString(status, QLatin1String("in_reply_to_id"));
    const QString replyToAccount = optionalString(status, QLatin1String("in_reply_to_account_id"));
    if (!ctx.ownAccountId.isEmpty() && item.author.remoteId == ctx.ownAccountId) {
        item.direction = model::Direction::Outgoing;
        item.kind = model::Kind::Reply;
    } else if (item.visibility == QLatin1String("direct")) {
        item.kind = model::Kind::DirectMessage;
    } else if (!replyToAccount.isEmpty() && replyToAccount == ctx.ownAccountId) {
        item.kind = model::Kind::Reply;
    } else {
        item.kind = model::Kind::Mention;
    }
    return item;
}

Expected<NotificationPage, Error> parseNotifications(const QByteArray& json, const ParseContext& ctx) {
    auto array = parseArray(json);
    if (!array) {
        return unexpected(array.error());
    }
    NotificationPage page;
    for (const QJsonValue& v : std::as_const(*array)) {
        const QJsonObject n = v.toObject();
        const auto id = idOf(n.value(QLatin1String("id")));
        if (!id) {
            return unexpected(bad(QStringLiteral("notification without a string id")));
        }
        page.ids << *id;
        const QString type = optionalString(n, QLatin1String("type"));
        const bool mention = type == QLatin1String("mention");
        const bool update = type == QLatin1String("update");
        if (!mention && !update) {
            continue; // favourites, follows and types newer than this code are not inbox items
        }
        const QJsonValue status = n.value(QLatin1String("status"));
        if (!status.isObject()) {
            return unexpected(bad(QStringLiteral("notification %1 (%2) without a status").arg(*id, type)));
        }
        auto item = statusToItem(status.toObject(), ctx);
        if (!item) {
            return unexpected(bad(QStringLiteral("notification %1: %2").arg(*id, item.error().detail)));
        }
        item->notificationId = *id;
        (mention ? page.items : page.edits).append(std::move(*item));
    }
    return page;
}

Expected<StatusPage, Error> parseStatuses(const QByteArray& json, const ParseContext& ctx) {
    auto array = parseArray(json);
    if (!array) {
        return unexpected(array.error());
    }
    StatusPage page;
    for (const QJsonValue& v : std::as_const(*array)) {
        auto item = statusToItem(v.toObject(), ctx);
        if (!item) {
            return unexpected(item.error());
        }
        page.ids << item->remoteId;
        page.items.append(std::move(*item));
    }
    return page;
}

Expected<StatusPage, Error> parseConversations(const QByteArray& json, const ParseContext& ctx) {
    auto array = parseArray(json);
    if (!array) {
        return unexpected(array.error());
    }
    StatusPage page;
    for (const QJsonValue& v : std::as_const(*array)) {
        const QJsonObject c = v.toObject();
        const auto id = idOf(c.value(QLatin1String("id")));
        if (!id) {
            return unexpected(bad(QStringLiteral("conversation without a string id")));
        }
        page.ids << *id;
        const QJsonValue last = c.value(QLatin1String("last_status"));
        if (!last.isObject()) {
            continue; // a conversation whose statuses were all deleted
        }
        auto item = statusToItem(last.toObject(), ctx);
        if (!item) {
            return unexpected(bad(QStringLiteral("conversation %1: %2").arg(*id, item.error().detail)));
        }
        if (item->direction == model::Direction::Incoming) {
            item->kind = model::Kind::DirectMessage;
        }
        page.items.append(std::move(*item));
    }
    return page;
}

Expected<StatusPage, Error> parseContext(const QByteArray& json, const ParseContext& ctx) {
    auto doc = parseJson(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    if (!doc->isObject()) {
        return unexpected(bad(QStringLiteral("expected a context object: %1").arg(snippet(json))));
    }
    StatusPage page;
    for (const char* key : {"ancestors", "descendants"}) {
        const QJsonArray list = doc->object().value(QLatin1String(key)).toArray();
        for (const QJsonValue& v : list) {
            auto item = statusToItem(v.toObject(), ctx);
            if (!item) {
                return unexpected(item.error());
            }
            page.ids << item->remoteId;
            page.items.append(std::move(*item));
        }
    }
    return page;
}

Expected<model::Item, Error> parseStatusDocument(const QByteArray& json, const ParseContext& ctx) {
    auto doc = parseJson(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    if (!doc->isObject()) {
        return unexpected(bad(QStringLiteral("expected a status object: %1").arg(snippet(json))));
    }
    return statusToItem(doc->object(), ctx);
}

Expected<model::Identity, Error> parseAccountDocument(const QByteArray& json, const ParseContext& ctx) {
    auto doc = parseJson(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    if (!doc->isObject()) {
        return unexpected(bad(QStringLiteral("expected an account object: %1").arg(snippet(json))));
    }
    return accountToIdentity(doc->object(), ctx);
}

} // namespace baton::connectors::mastodon
