#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <optional>

namespace baton::connectors::discourse {

// What the parser needs to normalise posts for one account.
struct ParseContext {
    qint64 accountId = 0;
    QString siteUrl;     // https://forum.example (no trailing slash): relative links and avatars are resolved on it
    QString ownUsername; // the account's username: its posts are outgoing, @mentions of it make mentions
    QHash<int, QString> categoryNames;
};

struct Category {
    int id = 0;
    QString name;
    QString slug;
    int notificationLevel = 1; // 0 muted, 1 regular, 2 tracking, 3 watching, 4 watching first post
    bool watched() const { return notificationLevel >= 3; }
};

struct CurrentUser {
    QString id;
    QString username;
    QString name;
    bool staff = false;
};

struct PostPage {
    QList<model::Item> items;     // regular posts (small actions and unknown post types are skipped)
    QStringList deletedRemoteIds; // posts shown with deleted_at (staff views) or deleted by their author
    QList<qint64> ids;            // every post id in the page, skipped ones included, in page order
    // (topic id, post_number) -> post id for every post of the page, and for each item the (topic id,
    // post_number) it answers (reply_to_post_number, else the first post; post_number 0 for a first post).
    QHash<QPair<int, int>, QString> byNumber;
    QList<QPair<int, int>> parentKeys;
};

// Fills items' parentRemoteId from byNumber (the page's own, merged with more when given).
void resolveParents(PostPage& page, const QHash<QPair<int, int>, QString>& more = {});

struct Topic {
    int id = 0;
    QString title;
    QString slug;
    int categoryId = 0;
    bool closed = false;
    bool privateMessage = false;
    QList<qint64> stream; // every post id of the topic, in order
};

struct TopicPage {
    Topic topic;
    PostPage posts; // post_stream.posts: the first chunk, or the posts asked for
};

struct Notification {
    qint64 id = 0;
    int type = 0;
    int topicId = 0;
    int postNumber = 0;
    qint64 postId = 0;
    QString username; // who caused it
    qint64 createdAt = 0;
};

struct NotificationPage {
    QList<Notification> relevant; // mentions, replies, quotes, private messages, group mentions
    QList<qint64> ids;            // every notification id in the page, whatever its type
    QString loadMore;             // load_more_notifications, empty at the end
};

// The post fields a reply needs to name its parent.
struct PostRef {
    qint64 id = 0;
    int topicId = 0;
    int postNumber = 0;
    std::optional<int> replyToPostNumber;
    QString username;
    QString raw;
    qint64 createdAt = 0;
    int reviewableId = 0;
};

// Pure functions: bytes in, values out. Bad input is an Error naming what was wrong; nothing throws.
Expected<CurrentUser, Error> parseCurrentUser(const QByteArray& json);
Expected<QList<Category>, Error> parseCategories(const QByteArray& json);
Expected<PostPage, Error> parseLatestPosts(const QByteArray& json, const ParseContext& ctx);
Expected<TopicPage, Error> parseTopic(const QByteArray& json, const ParseContext& ctx);
Expected<NotificationPage, Error> parseNotifications(const QByteArray& json);
Expected<model::Item, Error> parsePostDocument(const QByteArray& json, const ParseContext& ctx);
Expected<PostRef, Error> parsePostRef(const QByteArray& json);
Expected<int, Error> parseReviewableVersion(const QByteArray& json);

// One post object to an item. topic supplies the category and kind when the post itself does not carry them.
Expected<model::Item, Error> postToItem(const QJsonObject& post, const ParseContext& ctx, const Topic* topic = nullptr);

// Discourse cooked HTML to sanitised text and rich form: emoji images become their characters (or :code:),
// relative links are resolved on the site, onebox and quote markup is kept as text.
struct SanitizedPost {
    QString text;
    QString html;
};
SanitizedPost sanitizeCooked(const QString& cooked, const QString& siteUrl);

// The two 429 flavours: JSON {"extras":{"wait_seconds":N}} from the application, text/plain from the middleware
// ("... Error code: user_api_key_limiter_60_secs."). Returns the wait in seconds when the body says it.
std::optional<int> rateLimitWaitSeconds(const QByteArray& body);
// The error_type of a JSON error body ("invalid_access", "not_logged_in", "rate_limit", ...), empty if none.
QString errorType(const QByteArray& body);
// The human messages of a JSON error body, joined; or the text body trimmed.
QString errorMessage(const QByteArray& body);

// Notification types that become items.
bool isRelevantNotification(int type);
// "https://forum.example/letter_avatar_proxy/v4/letter/b/a9a28c/96.png" from an avatar_template.
QString avatarUrl(const QString& avatarTemplate, const QString& siteUrl, int size = 96);

} // namespace baton::connectors::discourse
