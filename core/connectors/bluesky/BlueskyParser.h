#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace baton::connectors::bluesky {

// What the parser needs to normalise one account's posts.
struct ParseContext {
    qint64 accountId = 0;
    QString ownDid; // posts by this DID are outgoing
};

// A session from createSession or refreshSession (api-contracts.md §2.1).
struct Session {
    QString did;
    QString handle;
    QString accessJwt;
    QString refreshJwt;
    QString pdsUrl;     // the #atproto_pds service of the DID document, when the answer carried one
    bool active = true; // false: the account is deactivated or taken down
    QString status;     // takendown, suspended, deactivated (when not active)
};

// A strong reference to a record: its at-uri and the content id of the version meant.
struct StrongRef {
    QString uri;
    QString cid;
};

struct NotificationPage {
    QList<model::Item> items; // mentions, replies and quotes only (likes, reposts, follows... are skipped)
    QString cursor;           // older items: empty at the end
    int entries = 0;          // every notification in the answer, skipped kinds included
    qint64 newestIndexedAt = 0;
    QString newestUri;
    qint64 oldestIndexedAt = 0;
};

// The post a thread answer is about, for a reply to it.
struct ReplyTarget {
    StrongRef post;
    StrongRef root; // the post's own reply.root, or the post itself when it starts the thread
    QString authorDid;
    QString authorHandle;
};

// Pure functions: bytes in, items out. Bad input is an Error naming what was wrong; nothing throws.
Expected<Session, Error> parseSession(const QByteArray& json);
// app.bsky.notification.listNotifications.
Expected<NotificationPage, Error> parseNotifications(const QByteArray& json, const ParseContext& ctx);
// app.bsky.feed.getPostThread: the ancestors (oldest first), the post, then its replies depth first. Deleted and
// blocked posts are left out.
Expected<QList<model::Item>, Error> parseThread(const QByteArray& json, const ParseContext& ctx);
// app.bsky.feed.getPostThread with depth=0: the post to reply to, with its thread root.
Expected<ReplyTarget, Error> parseReplyTarget(const QByteArray& json);
// com.atproto.repo.createRecord / getRecord answers: {uri, cid}.
Expected<StrongRef, Error> parseRecordRef(const QByteArray& json);
// com.atproto.repo.getRecord: the record's value.
Expected<QJsonObject, Error> parseRecordValue(const QByteArray& json);
// com.atproto.identity.resolveHandle: the DID.
Expected<QString, Error> parseResolvedHandle(const QByteArray& json);

// One post record ({$type: app.bsky.feed.post, text, createdAt, facets, reply, langs}) with its envelope to an item.
Expected<model::Item, Error> postToItem(const QString& uri, const QJsonObject& author, const QJsonObject& record,
                                        const QString& indexedAt, const ParseContext& ctx);

// The XRPC error name of an error answer ({"error": "ExpiredToken", "message": ...}), empty when there is none.
QString xrpcErrorName(const QByteArray& body);
QString xrpcErrorMessage(const QByteArray& body);

// The expiry ("exp", UTC ms) of a JWT, without checking its signature; nullopt when it is not a readable JWT.
std::optional<qint64> jwtExpiry(const QString& jwt);

// The parts of an at-uri "at://<did>/<collection>/<rkey>"; empty strings when it is not one.
struct AtUri {
    QString repo;
    QString collection;
    QString rkey;
};
AtUri splitAtUri(const QString& uri);

// The post's page on the web app.
QString webUrl(const QString& uri, const QString& handle);

// A record key (TID: 13 characters of sortable base32) for a moment in microseconds and a 10-bit clock id.
QString makeTid(qint64 microseconds, int clockId);

// Rich-text facets of a post to write: mentions (@handle.domain, resolved by the caller through resolveDid), links
// (http and https URLs) and hashtags, with byte offsets into the UTF-8 text. Mentions that do not resolve stay
// plain text.
// The handles mentioned in text, in order, without '@' and lower-cased.
QStringList findMentions(const QString& text);
QJsonArray buildFacets(const QString& text, const QHash<QString, QString>& didByHandle);

} // namespace baton::connectors::bluesky
