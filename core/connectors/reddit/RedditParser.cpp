#include "core/connectors/reddit/RedditParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <cmath>

namespace baton::connectors::reddit {
namespace {

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

Expected<QJsonDocument, Error> document(const QByteArray& json) {
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        return unexpected(bad(QStringLiteral("invalid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString())));
    }
    return doc;
}

QString str(const QJsonObject& o, QLatin1StringView key) {
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

// Reddit's HTML is entity-escaped once more inside JSON unless the request said raw_json=1; its links to users and
// subreddits are relative to the site.
QString unescapedHtml(const QString& html, const QString& webBase) {
    QString out = html.startsWith(QLatin1String("&lt;")) ? decodeEntities(html) : html;
    out.replace(QLatin1String("href=\"/"), QStringLiteral("href=\"") + webBase + QLatin1Char('/'));
    return out;
}

// The sanitiser renders paragraph ends as breaks: none are wanted after the last paragraph.
QString trimBreaks(QString html) {
    for (;;) {
        const QString trimmed = html.trimmed();
        if (trimmed.endsWith(QLatin1String("<br>"))) {
            html = trimmed.chopped(4);
        } else {
            return trimmed;
        }
    }
}

model::Kind kindOf(const QString& kind, const QJsonObject& data) {
    if (kind == QLatin1String("t4")) {
        return model::Kind::DirectMessage;
    }
    if (kind == QLatin1String("t3")) {
        return model::Kind::Post;
    }
    const QString type = str(data, QLatin1StringView("type"));
    if (type == QLatin1String("username_mention")) {
        return model::Kind::Mention;
    }
    if (type == QLatin1String("comment_reply")) {
        return model::Kind::Reply;
    }
    return model::Kind::Comment; // post_reply, and comments outside the inbox
}

void collect(const QJsonObject& listing, const ParseContext& ctx, ListingPage& page, QSet<QString>& seen, int depth) {
    const QJsonObject data = listing.value(QLatin1String("data")).toObject();
    const QJsonArray children = data.value(QLatin1String("children")).toArray();
    for (const QJsonValue& value : children) {
        const QJsonObject child = value.toObject();
        const QString kind = str(child, QLatin1StringView("kind"));
        const QJsonObject thing = child.value(QLatin1String("data")).toObject();
        const QString name = str(thing, QLatin1StringView("name"));
        if (depth == 0 && !name.isEmpty() && kind != QLatin1String("more")) {
            page.names.append(name);
        }
        auto item = thingToItem(kind, thing, ctx);
        if (!item) {
            ++page.skipped;
        } else if (!seen.contains(item->remoteId)) {
            seen.insert(item->remoteId);
            page.items.append(std::move(*item));
        }
        const QJsonValue replies = thing.value(QLatin1String("replies"));
        if (replies.isObject() && depth < 64) {
            collect(replies.toObject(), ctx, page, seen, depth + 1);
        }
    }
}

bool isListing(const QJsonValue& v) {
    return v.isObject() && v.toObject().value(QLatin1String("kind")).toString() == QLatin1String("Listing") &&
           v.toObject().value(QLatin1String("data")).toObject().value(QLatin1String("children")).isArray();
}

} // namespace

QString linkFromPermalink(QStringView path) {
    const QList<QStringView> parts = path.split(u'/', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        if (parts.at(i) == QLatin1String("comments")) {
            QStringView id = parts.at(i + 1);
            const qsizetype q = id.indexOf(u'?');
            if (q >= 0) {
                id = id.left(q);
            }
            return id.isEmpty() ? QString() : QStringLiteral("t3_") + id.toString();
        }
    }
    return {};
}

Expected<model::Item, Error> thingToItem(const QString& kind, const QJsonObject& d, const ParseContext& ctx) {
    if (kind != QLatin1String("t1") && kind != QLatin1String("t3") && kind != QLatin1String("t4")) {
        return unexpected(bad(QStringLiteral("unsupported kind \"%1\"").arg(kind)));
    }
    QString name = str(d, QLatin1StringView("name"));
    const QString id = str(d, QLatin1StringView("id"));
    if (name.isEmpty() && !id.isEmpty()) {
        name = kind + QLatin1Char('_') + id;
    }
    if (name.isEmpty() || !name.startsWith(kind + QLatin1Char('_'))) {
        return unexpected(bad(QStringLiteral("%1 without a usable name").arg(kind)));
    }
    const QJsonValue created = d.value(QLatin1String("created_utc"));
    const std::optional<qint64> createdMs =
        created.isDouble() ? epochSecondsToUtcMs(created.toDouble()) : std::optional<qint64>();
    if (!createdMs) {
        return unexpected(bad(QStringLiteral("%1 without a valid created_utc").arg(name)));
    }

    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::Reddit;
    item.remoteId = name;
    item.kind = kindOf(kind, d);
    item.createdAt = *createdMs;
    const QJsonValue edited = d.value(QLatin1String("edited"));
    if (edited.isDouble()) {
        item.updatedAt = epochSecondsToUtcMs(edited.toDouble()).value_or(0);
    }

    // Author: null for messages a subreddit sent, "[deleted]" once the account is gone.
    const QString author = str(d, QLatin1StringView("author"));
    const QString subreddit = str(d, QLatin1StringView("subreddit"));
    item.author.network = model::Network::Reddit;
    if (author.isEmpty()) {
        item.author.handle = subreddit.isEmpty() ? QStringLiteral("reddit") : QStringLiteral("r/") + subreddit;
        item.author.displayName = item.author.handle;
    } else {
        item.author.handle = author;
        item.author.displayName = author;
        item.author.remoteId = str(d, QLatin1StringView("author_fullname"));
        if (author != QLatin1String("[deleted]")) {
            item.author.profileUrl = ctx.webBase + QStringLiteral("/user/") + author;
        }
    }
    item.direction = !ctx.username.isEmpty() && author.compare(ctx.username, Qt::CaseInsensitive) == 0
                         ? model::Direction::Outgoing
                         : model::Direction::Incoming;

    // Text: the HTML rendering when there is one (links kept), else the markdown source.
    const bool post = kind == QLatin1String("t3");
    const QString body = str(d, post ? QLatin1StringView("selftext") : QLatin1StringView("body"));
    const QString html = str(d, post ? QLatin1StringView("selftext_html") : QLatin1StringView("body_html"));
    SanitizedHtml text;
    if (!html.isEmpty()) {
        text = sanitizeHtml(unescapedHtml(html, ctx.webBase));
        text.html = trimBreaks(text.html);
    } else {
        text.text = body;
        text.html = sanitizeHtml(QString(body).toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"))).html;
    }
    if (post) {
        const QString title = decodeEntities(str(d, QLatin1StringView("title")));
        item.text = text.text.isEmpty() ? title : title + QStringLiteral("\n\n") + text.text;
        item.html = text.html.isEmpty() ? title.toHtmlEscaped()
                                        : title.toHtmlEscaped() + QStringLiteral("<br><br>") + text.html;
    } else {
        item.text = text.text.trimmed();
        item.html = text.html;
    }
    item.deleted = author == QLatin1String("[deleted]") || body == QLatin1String("[deleted]") ||
                   body == QLatin1String("[removed]");

    // Relations and links.
    item.parentRemoteId = str(d, QLatin1StringView("parent_id"));
    const QString permalink = str(d, QLatin1StringView("permalink"));
    const QString context = str(d, QLatin1StringView("context"));
    if (kind == QLatin1String("t1")) {
        item.threadRemoteId = str(d, QLatin1StringView("link_id"));
        if (item.threadRemoteId.isEmpty()) {
            item.threadRemoteId = linkFromPermalink(context.isEmpty() ? permalink : context);
        }
        const QString path = !permalink.isEmpty() ? permalink : context;
        item.url = path.isEmpty() ? QString() : ctx.webBase + path;
        item.visibility = QStringLiteral("public");
    } else if (post) {
        item.threadRemoteId = name;
        item.parentRemoteId.clear();
        item.url = permalink.isEmpty() ? str(d, QLatin1StringView("url")) : ctx.webBase + permalink;
        item.visibility = QStringLiteral("public");
    } else {
        const QString first = str(d, QLatin1StringView("first_message_name"));
        item.threadRemoteId = first.isEmpty() ? name : first;
        item.url = ctx.webBase + QStringLiteral("/message/messages/") + name.mid(3);
        item.visibility = QStringLiteral("direct");
    }
    if (!subreddit.isEmpty() && kind != QLatin1String("t4")) {
        item.communityRemoteId = subreddit.toLower();
        item.communityName = QStringLiteral("r/") + subreddit;
    }
    return item;
}

Expected<ListingPage, Error> parseListing(const QByteArray& json, const ParseContext& ctx) {
    auto doc = document(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    if (!isListing(doc->object())) {
        return unexpected(bad(QStringLiteral("expected a Listing")));
    }
    const QJsonObject listing = doc->object();
    const QJsonObject data = listing.value(QLatin1String("data")).toObject();
    ListingPage page;
    page.after = str(data, QLatin1StringView("after"));
    page.before = str(data, QLatin1StringView("before"));
    QSet<QString> seen;
    collect(listing, ctx, page, seen, 0);
    return page;
}

Expected<QList<model::Item>, Error> parseCommentTree(const QByteArray& json, const ParseContext& ctx) {
    auto doc = document(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonArray parts = doc->array();
    if (!doc->isArray() || parts.size() != 2 || !isListing(parts.at(0)) || !isListing(parts.at(1))) {
        return unexpected(bad(QStringLiteral("expected [post listing, comments listing]")));
    }
    ListingPage page;
    QSet<QString> seen;
    collect(parts.at(0).toObject(), ctx, page, seen, 0);
    collect(parts.at(1).toObject(), ctx, page, seen, 0);
    return page.items;
}

Expected<model::Item, Error> parseCommentResponse(const QByteArray& json, const ParseContext& ctx) {
    auto doc = document(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonObject body = doc->object().value(QLatin1String("json")).toObject();
    if (!doc->isObject() || body.isEmpty()) {
        return unexpected(bad(QStringLiteral("expected {\"json\": ...} (was api_type=json sent?)")));
    }
    const QJsonArray errors = body.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonArray first = errors.at(0).toArray();
        const QString code = first.at(0).toString();
        const QString message = first.at(1).toString();
        Error e{ErrorCode::HttpClient, QStringLiteral("%1: %2").arg(code, message), 200};
        if (code == QLatin1String("RATELIMIT")) {
            e.code = ErrorCode::RateLimited;
            const double wait = body.value(QLatin1String("ratelimit")).toDouble(60.0);
            e.retryAtMs = static_cast<qint64>(std::ceil(qBound(0.0, wait, 86400.0) * 1000.0));
        } else if (code == QLatin1String("THREAD_LOCKED") || code == QLatin1String("DELETED_COMMENT") ||
                   code == QLatin1String("TOO_OLD") || code == QLatin1String("USER_BLOCKED") ||
                   code == QLatin1String("SOMETHING_IS_BROKEN")) {
            e.code = ErrorCode::Forbidden;
        } else if (code == QLatin1String("NO_TEXT") || code == QLatin1String("TOO_LONG")) {
            e.code = ErrorCode::InvalidArgument;
        }
        return unexpected(e);
    }
    const QJsonArray things = body.value(QLatin1String("data")).toObject().value(QLatin1String("things")).toArray();
    if (things.isEmpty()) {
        return unexpected(bad(QStringLiteral("no error and no thing in the /api/comment answer")));
    }
    const QJsonObject thing = things.at(0).toObject();
    auto item =
        thingToItem(thing.value(QLatin1String("kind")).toString(), thing.value(QLatin1String("data")).toObject(), ctx);
    if (!item) {
        return unexpected(item.error());
    }
    item->direction = model::Direction::Outgoing;
    if (item->kind != model::Kind::DirectMessage) {
        item->kind = model::Kind::Reply;
    }
    return item;
}

std::optional<model::Item> findReply(const QByteArray& json, const QString& parentFullname, const QString& text,
                                     const ParseContext& ctx) {
    const QJsonObject listing = QJsonDocument::fromJson(json).object();
    if (!isListing(listing)) {
        return std::nullopt;
    }
    const QString wanted = text.trimmed();
    const QJsonArray children =
        listing.value(QLatin1String("data")).toObject().value(QLatin1String("children")).toArray();
    for (const QJsonValue& value : children) {
        const QJsonObject child = value.toObject();
        const QJsonObject d = child.value(QLatin1String("data")).toObject();
        if (str(d, QLatin1StringView("parent_id")) != parentFullname ||
            decodeEntities(str(d, QLatin1StringView("body"))).trimmed() != wanted) {
            continue;
        }
        auto item = thingToItem(str(child, QLatin1StringView("kind")), d, ctx);
        if (item) {
            item->direction = model::Direction::Outgoing;
            if (item->kind != model::Kind::DirectMessage) {
                item->kind = model::Kind::Reply;
            }
            return *item;
        }
    }
    return std::nullopt;
}

Expected<TokenGrant, Error> parseTokenResponse(const QByteArray& json) {
    auto doc = document(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonObject o = doc->object();
    const QString error = str(o, QLatin1StringView("error"));
    if (!error.isEmpty() || o.value(QLatin1String("error")).isDouble()) {
        const QString what = error.isEmpty() ? QString::number(o.value(QLatin1String("error")).toInt()) : error;
        return unexpected(Error{ErrorCode::Unauthorized, QStringLiteral("token refused: %1").arg(what), 401});
    }
    TokenGrant grant;
    grant.accessToken = str(o, QLatin1StringView("access_token"));
    grant.scope = str(o, QLatin1StringView("scope"));
    const double expires = o.value(QLatin1String("expires_in")).toDouble(3600);
    grant.expiresInMs = static_cast<qint64>(qBound(0.0, expires, 365.0 * 86400) * 1000.0);
    if (grant.accessToken.isEmpty() ||
        str(o, QLatin1StringView("token_type")).compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0) {
        return unexpected(bad(QStringLiteral("token answer without a bearer access_token")));
    }
    return grant;
}

Expected<model::Identity, Error> parseMe(const QByteArray& json, const ParseContext& ctx) {
    auto doc = document(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonObject o = doc->object();
    const QString name = str(o, QLatin1StringView("name"));
    const QString id = str(o, QLatin1StringView("id"));
    if (name.isEmpty() || id.isEmpty()) {
        return unexpected(bad(QStringLiteral("/api/v1/me without name or id")));
    }
    model::Identity who;
    who.network = model::Network::Reddit;
    who.remoteId = QStringLiteral("t2_") + id;
    who.handle = QStringLiteral("u/") + name;
    const QString title = o.value(QLatin1String("subreddit")).toObject().value(QLatin1String("title")).toString();
    who.displayName = title.isEmpty() ? name : title;
    who.avatarUrl = decodeEntities(str(o, QLatin1StringView("icon_img")));
    who.profileUrl = ctx.webBase + QStringLiteral("/user/") + name;
    return who;
}

} // namespace baton::connectors::reddit
