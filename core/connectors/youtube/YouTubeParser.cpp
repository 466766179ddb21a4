#include "core/connectors/youtube/YouTubeParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>

namespace baton::connectors::youtube {
namespace {

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

QString str(const QJsonObject& o, QLatin1String key) {
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

Expected<QJsonObject, Error> parseObject(const QByteArray& json, QLatin1String expectedKind) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        return unexpected(bad(QStringLiteral("invalid JSON at offset %1 (%2): %3")
                                  .arg(err.offset)
                                  .arg(err.errorString(), QString::fromUtf8(json.left(200)).simplified())));
    }
    if (!doc.isObject()) {
        return unexpected(bad(QStringLiteral("expected a JSON object")));
    }
    const QJsonObject o = doc.object();
    const QString kind = str(o, QLatin1String("kind"));
    if (!kind.isEmpty() && kind != expectedKind) {
        return unexpected(bad(QStringLiteral("expected %1, got %2").arg(expectedKind, kind)));
    }
    return o;
}

Expected<QJsonArray, Error> itemsOf(const QJsonObject& o) {
    const QJsonValue items = o.value(QLatin1String("items"));
    if (items.isUndefined() || items.isNull()) {
        return QJsonArray(); // an empty listing may leave "items" out
    }
    if (!items.isArray()) {
        return unexpected(bad(QStringLiteral("\"items\" is not an array")));
    }
    return items.toArray();
}

// The plain text a comment shows: textOriginal when the API gives it (it is only guaranteed to the author),
// else textDisplay, which is HTML with textFormat=html.
void setText(model::Item& item, const QJsonObject& snippet) {
    const QString display = str(snippet, QLatin1String("textDisplay"));
    const QString original = str(snippet, QLatin1String("textOriginal"));
    const SanitizedHtml clean = sanitizeHtml(display.isEmpty() ? original.toHtmlEscaped() : display);
    item.text = original.isEmpty() ? clean.text : original;
    item.html = clean.html;
}

} // namespace

QString topLevelIdOf(const QString& commentId) {
    const qsizetype dot = commentId.indexOf(u'.');
    return dot > 0 ? commentId.left(dot) : commentId;
}

Expected<model::Item, Error> commentToItem(const QJsonObject& comment, const ParseContext& ctx) {
    const QString id = str(comment, QLatin1String("id"));
    if (id.isEmpty()) {
        return unexpected(bad(QStringLiteral("comment without an id")));
    }
    const QJsonValue snippetValue = comment.value(QLatin1String("snippet"));
    if (!snippetValue.isObject()) {
        return unexpected(bad(QStringLiteral("comment %1 without a snippet").arg(id)));
    }
    const QJsonObject s = snippetValue.toObject();
    const auto published = parseRfc3339(str(s, QLatin1String("publishedAt")));
    if (!published) {
        return unexpected(bad(
            QStringLiteral("comment %1: invalid publishedAt \"%2\"").arg(id, str(s, QLatin1String("publishedAt")))));
    }
    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::YouTube;
    item.remoteId = id;
    item.createdAt = *published;
    if (const auto updated = parseRfc3339(str(s, QLatin1String("updatedAt"))); updated && *updated > *published) {
        item.updatedAt = *updated;
    }
    item.parentRemoteId = str(s, QLatin1String("parentId"));
    item.threadRemoteId = item.parentRemoteId.isEmpty() ? id : item.parentRemoteId;
    setText(item, s);

    model::Identity& author = item.author;
    author.network = model::Network::YouTube;
    author.remoteId = s.value(QLatin1String("authorChannelId")).toObject().value(QLatin1String("value")).toString();
    author.displayName = str(s, QLatin1String("authorDisplayName"));
    author.handle = author.displayName.startsWith(u'@') ? author.displayName.mid(1) : author.displayName;
    author.avatarUrl = str(s, QLatin1String("authorProfileImageUrl"));
    author.profileUrl = str(s, QLatin1String("authorChannelUrl"));
    if (author.remoteId.isEmpty() && author.displayName.isEmpty()) {
        author.displayName = QStringLiteral("(unknown)");
    }

    const bool own = !ctx.ownChannelId.isEmpty() && author.remoteId == ctx.ownChannelId;
    item.direction = own ? model::Direction::Outgoing : model::Direction::Incoming;
    item.kind = own ? model::Kind::Reply : model::Kind::Comment;
    const QString status = str(s, QLatin1String("moderationStatus"));
    if (!status.isEmpty() && status != QLatin1String("published")) {
        item.visibility = status; // heldForReview, likelySpam, rejected
    }
    const QString channel = str(s, QLatin1String("channelId"));
    item.communityRemoteId = channel;
    item.communityName = ctx.channelTitle.isEmpty() ? channel : ctx.channelTitle;
    const QString video = str(s, QLatin1String("videoId"));
    if (!video.isEmpty()) {
        QUrl url(QStringLiteral("https://www.youtube.com/watch"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("v"), video);
        q.addQueryItem(QStringLiteral("lc"), id);
        url.setQuery(q);
        item.url = url.toString(QUrl::FullyEncoded);
    }
    return item;
}

Expected<CommentPage, Error> parseThreadList(const QByteArray& json, const ParseContext& ctx) {
    auto o = parseObject(json, QLatin1String("youtube#commentThreadListResponse"));
    if (!o) {
        return unexpected(o.error());
    }
    auto items = itemsOf(*o);
    if (!items) {
        return unexpected(items.error());
    }
    CommentPage page;
    page.nextPageToken = str(*o, QLatin1String("nextPageToken"));
    QList<model::Item> replies;
    QSet<QString> seen;
    for (const QJsonValue& v : std::as_const(*items)) {
        const QJsonObject thread = v.toObject();
        const QString kind = str(thread, QLatin1String("kind"));
        if (!kind.isEmpty() && kind != QLatin1String("youtube#commentThread")) {
            continue; // something newer than this code
        }
        const QJsonObject snippet = thread.value(QLatin1String("snippet")).toObject();
        const QJsonValue top = snippet.value(QLatin1String("topLevelComment"));
        if (!top.isObject()) {
            return unexpected(
                bad(QStringLiteral("thread %1 without a topLevelComment").arg(str(thread, QLatin1String("id")))));
        }
        auto item = commentToItem(top.toObject(), ctx);
        if (!item) {
            return unexpected(item.error());
        }
        if (item->communityRemoteId.isEmpty()) {
            item->communityRemoteId = str(snippet, QLatin1String("channelId"));
            item->communityName = ctx.channelTitle.isEmpty() ? item->communityRemoteId : ctx.channelTitle;
        }
        const QJsonArray subset =
            thread.value(QLatin1String("replies")).toObject().value(QLatin1String("comments")).toArray();
        page.threadIds << item->remoteId;
        page.topLevelTimes << item->createdAt;
        page.totalReplies << std::max(0, snippet.value(QLatin1String("totalReplyCount")).toInt());
        page.carriedReplies << static_cast<int>(subset.size());
        if (!seen.contains(item->remoteId)) {
            seen.insert(item->remoteId);
            page.items.append(*item);
        }
        for (const QJsonValue& r : subset) {
            auto reply = commentToItem(r.toObject(), ctx);
            if (!reply) {
                return unexpected(reply.error());
            }
            if (reply->parentRemoteId.isEmpty()) {
                reply->parentRemoteId = item->remoteId;
                reply->threadRemoteId = item->remoteId;
            }
            if (reply->communityRemoteId.isEmpty()) {
                reply->communityRemoteId = item->communityRemoteId;
                reply->communityName = item->communityName;
            }
            if (!seen.contains(reply->remoteId)) {
                seen.insert(reply->remoteId);
                replies.append(*reply);
            }
        }
    }
    page.items += replies;
    return page;
}

Expected<CommentPage, Error> parseCommentList(const QByteArray& json, const ParseContext& ctx) {
    auto o = parseObject(json, QLatin1String("youtube#commentListResponse"));
    if (!o) {
        return unexpected(o.error());
    }
    auto items = itemsOf(*o);
    if (!items) {
        return unexpected(items.error());
    }
    CommentPage page;
    page.nextPageToken = str(*o, QLatin1String("nextPageToken"));
    QSet<QString> seen;
    for (const QJsonValue& v : std::as_const(*items)) {
        auto item = commentToItem(v.toObject(), ctx);
        if (!item) {
            return unexpected(item.error());
        }
        page.threadIds << item->remoteId;
        page.topLevelTimes << item->createdAt;
        if (!seen.contains(item->remoteId)) {
            seen.insert(item->remoteId);
            page.items.append(std::move(*item));
        }
    }
    return page;
}

Expected<model::Item, Error> parseComment(const QByteArray& json, const ParseContext& ctx) {
    auto o = parseObject(json, QLatin1String("youtube#comment"));
    if (!o) {
        return unexpected(o.error());
    }
    return commentToItem(*o, ctx);
}

Expected<ChannelInfo, Error> parseChannelList(const QByteArray& json) {
    auto o = parseObject(json, QLatin1String("youtube#channelListResponse"));
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonObject channel = o->value(QLatin1String("items")).toArray().at(0).toObject();
    ChannelInfo info;
    info.id = str(channel, QLatin1String("id"));
    if (info.id.isEmpty()) {
        return unexpected(bad(QStringLiteral("the token belongs to no YouTube channel")));
    }
    const QJsonObject snippet = channel.value(QLatin1String("snippet")).toObject();
    info.title = str(snippet, QLatin1String("title"));
    info.handle = str(snippet, QLatin1String("customUrl"));
    return info;
}

} // namespace baton::connectors::youtube
