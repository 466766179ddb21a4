#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace baton::connectors::youtube {

// What the parser needs to normalise one channel's comments.
struct ParseContext {
    qint64 accountId = 0;
    QString ownChannelId; // comments by the channel itself are outgoing replies
    QString channelTitle; // the community name
};

struct CommentPage {
    QList<model::Item> items;    // top-level comments first, then the replies the listing carried
    QStringList threadIds;       // every thread (or comment) id in the page, in order
    QList<qint64> topLevelTimes; // publishedAt of each thread's top-level comment, same order
    QList<int> totalReplies;     // commentThreads only: each thread's snippet.totalReplyCount, same order
    QList<int> carriedReplies;   // commentThreads only: how many of those replies the listing carried
    QString nextPageToken;       // empty on the last page
};

struct ChannelInfo {
    QString id;
    QString title;
    QString handle; // customUrl ("@name"), may be empty
};

// Pure functions: bytes in, items out. Bad input is an Error naming what was wrong; nothing throws.
// commentThreads.list (youtube#commentThreadListResponse), with part=snippet,replies.
Expected<CommentPage, Error> parseThreadList(const QByteArray& json, const ParseContext& ctx);
// comments.list (youtube#commentListResponse): the replies of one thread, or comments by id.
Expected<CommentPage, Error> parseCommentList(const QByteArray& json, const ParseContext& ctx);
// One comment resource (the answer to comments.insert).
Expected<model::Item, Error> parseComment(const QByteArray& json, const ParseContext& ctx);
// channels.list?mine=true: the authorised channel.
Expected<ChannelInfo, Error> parseChannelList(const QByteArray& json);

// One youtube#comment object to an item. Errors for a comment without an id, snippet or valid publishedAt.
Expected<model::Item, Error> commentToItem(const QJsonObject& comment, const ParseContext& ctx);

// The top-level comment id a comment belongs to: reply ids are "<top-level id>.<suffix>".
QString topLevelIdOf(const QString& commentId);

} // namespace baton::connectors::youtube
