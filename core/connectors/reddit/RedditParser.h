#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Identity.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace baton::connectors::reddit {

// What the parser needs to normalise things for one account.
struct ParseContext {
    qint64 accountId = 0;
    QString username;                                           // without "u/": its things are outgoing
    QString webBase = QStringLiteral("https://www.reddit.com"); // permalinks are relative to it
};

// One Listing: the items it held (known kinds only, each once), every child's fullname in listing order (for
// cursors: the first is the newest), and the server's own after/before cursors ("" for null).
struct ListingPage {
    QList<model::Item> items;
    QStringList names;
    QString after;
    QString before;
    int skipped = 0; // children of unknown kinds ("more", t2, t5...) or without a usable id or date
};

struct TokenGrant {
    QString accessToken;
    qint64 expiresInMs = 0;
    QString scope;
};

// Pure functions: bytes in, items out (api-contracts.md §3). Bad input is an Error naming what was wrong.
// A Listing: the inbox (message template: comment replies, post replies, username mentions, private messages),
// the mod queue, /api/info, a user's comments. Nested "replies" listings (message threads) are flattened.
Expected<ListingPage, Error> parseListing(const QByteArray& json, const ParseContext& ctx);
// GET /comments/{link}/_/{comment}: [post listing, comment tree listing] flattened, post first, "more" stubs skipped.
Expected<QList<model::Item>, Error> parseCommentTree(const QByteArray& json, const ParseContext& ctx);
// POST /api/comment with api_type=json. Errors inside HTTP 200 become an Error: RATELIMIT -> RateLimited with
// retryAtMs holding the *delay* in ms (the caller adds its clock); THREAD_LOCKED, DELETED_COMMENT, TOO_OLD,
// USER_BLOCKED, SOMETHING_IS_BROKEN -> Forbidden; NO_TEXT, TOO_LONG -> InvalidArgument; others -> HttpClient.
Expected<model::Item, Error> parseCommentResponse(const QByteArray& json, const ParseContext& ctx);
// POST /api/v1/access_token. {"error": ...} (which Reddit may send with HTTP 200) -> Unauthorized.
Expected<TokenGrant, Error> parseTokenResponse(const QByteArray& json);
// GET /api/v1/me.
Expected<model::Identity, Error> parseMe(const QByteArray& json, const ParseContext& ctx);

// A reply we may already have posted (Reddit has no idempotency key): in a listing of our own comments or sent
// messages, the newest thing answering parentFullname whose markdown body is text (ignoring surrounding blanks).
std::optional<model::Item> findReply(const QByteArray& json, const QString& parentFullname, const QString& text,
                                     const ParseContext& ctx);

// One thing (t1 comment, t3 post, t4 message) to an item; an error for an unknown kind or a thing without a
// name or a valid created_utc.
Expected<model::Item, Error> thingToItem(const QString& kind, const QJsonObject& data, const ParseContext& ctx);
// "t3_<link36>" from a context or permalink path "/r/sub/comments/<link36>/slug/<comment36>/?context=3".
QString linkFromPermalink(QStringView path);

} // namespace baton::connectors::reddit
