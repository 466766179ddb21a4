#include "core/connectors/discourse/DiscourseParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace baton::connectors::discourse {
namespace {

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

QString snippet(const QByteArray& json) {
    return QString::fromUtf8(json.left(200)).simplified();
}

Expected<QJsonObject, Error> parseObject(const QByteArray& json) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        return unexpected(bad(QStringLiteral("invalid JSON at offset %1 (%2): %3")
                                  .arg(err.offset)
                                  .arg(err.errorString(), snippet(json))));
    }
    if (!doc.isObject()) {
        return unexpected(bad(QStringLiteral("expected a JSON object: %1").arg(snippet(json))));
    }
    return doc.object();
}

QString str(const QJsonObject& o, QLatin1String key) {
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

// Discourse ids are JSON numbers; a string of digits is accepted too. 0 = missing or invalid.
qint64 idOf(const QJsonValue& v) {
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d >= 1 && d < 9007199254740992.0 && d == static_cast<double>(static_cast<qint64>(d))
                   ? static_cast<qint64>(d)
                   : 0;
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 id = v.toString().toLongLong(&ok);
        return ok && id > 0 ? id : 0;
    }
    return 0;
}

int intOf(const QJsonValue& v, int fallback = 0) {
    return v.isDouble() ? v.toInt(fallback) : fallback;
}

struct EmojiCode {
    const char* code;
    const char* text;
};

// The shortcodes people use most; others stay as :code:.
const EmojiCode kEmoji[] = {
    {"slight_smile", "🙂"},
    {"smile", "😄"},
    {"smiley", "😃"},
    {"grinning", "😀"},
    {"wink", "😉"},
    {"joy", "😂"},
    {"heart", "❤️"},
    {"+1", "👍"},
    {"thumbsup", "👍"},
    {"-1", "👎"},
    {"tada", "🎉"},
    {"thinking", "🤔"},
    {"sweat_smile", "😅"},
    {"pray", "🙏"},
    {"rocket", "🚀"},
    {"fire", "🔥"},
    {"eyes", "👀"},
    {"white_check_mark", "✅"},
    {"x", "❌"},
    {"warning", "⚠️"},
    {"cry", "😢"},
    {"rage", "😡"},
    {"clap", "👏"},
    {"wave", "👋"},
    {"bug", "🐛"},
};

QString emojiText(const QString& code) {
    for (const EmojiCode& e : kEmoji) {
        if (code == QLatin1String(e.code)) {
            return QString::fromUtf8(e.text);
        }
    }
    return QLatin1Char(':') + code + QLatin1Char(':');
}

bool mentions(const QString& cooked, const QString& username) {
    if (username.isEmpty()) {
        return false;
    }
    const QRegularExpression re(QStringLiteral("class=\"mention\"[^>]*href=\"[^\"]*/u/%1\"")
                                    .arg(QRegularExpression::escape(username.toLower())),
                                QRegularExpression::CaseInsensitiveOption);
    return re.match(cooked).hasMatch();
}

bool quotes(const QString& cooked, const QString& username) {
    return !username.isEmpty() &&
           cooked.contains(QStringLiteral("data-username=\"%1\"").arg(username), Qt::CaseInsensitive);
}

Topic topicFrom(const QJsonObject& o) {
    Topic t;
    t.id = static_cast<int>(idOf(o.value(QLatin1String("id"))));
    t.title = str(o, QLatin1String("title"));
    t.slug = str(o, QLatin1String("slug"));
    t.categoryId = static_cast<int>(idOf(o.value(QLatin1String("category_id"))));
    t.closed = o.value(QLatin1String("closed")).toBool();
    t.privateMessage = str(o, QLatin1String("archetype")) == QLatin1String("private_message");
    const QJsonArray stream = o.value(QLatin1String("post_stream")).toObject().value(QLatin1String("stream")).toArray();
    for (const QJsonValue& v : stream) {
        if (const qint64 id = idOf(v); id > 0) {
            t.stream.append(id);
        }
    }
    return t;
}

// Posts of a page: items, deleted ids, every id, and what each item answers.
PostPage postsFrom(const QJsonArray& posts, const ParseContext& ctx, const Topic* topic) {
    PostPage page;
    QSet<qint64> seen;
    for (const QJsonValue& v : posts) {
        const QJsonObject o = v.toObject();
        const qint64 id = idOf(o.value(QLatin1String("id")));
        if (id == 0) {
            continue;
        }
        page.ids.append(id);
        const int topicId = static_cast<int>(idOf(o.value(QLatin1String("topic_id"))));
        const int number = intOf(o.value(QLatin1String("post_number")));
        page.byNumber.insert({topicId, number}, QString::number(id));
        if (seen.contains(id)) {
            continue; // the same post twice in one page
        }
        seen.insert(id);
        const bool deleted = o.contains(QLatin1String("deleted_at")) && !o.value(QLatin1String("deleted_at")).isNull();
        if (deleted || o.value(QLatin1String("user_deleted")).toBool()) {
            page.deletedRemoteIds.append(QString::number(id));
            continue;
        }
        auto item = postToItem(o, ctx, topic);
        if (!item) {
            continue; // small actions, unknown post types, posts without a date: not inbox items
        }
        const int replyTo = intOf(o.value(QLatin1String("reply_to_post_number")));
        page.parentKeys.append({topicId, replyTo > 0 ? replyTo : (number > 1 ? 1 : 0)});
        page.items.append(std::move(*item));
    }
    resolveParents(page);
    return page;
}

} // namespace

void resolveParents(PostPage& page, const QHash<QPair<int, int>, QString>& more) {
    for (qsizetype i = 0; i < page.items.size() && i < page.parentKeys.size(); ++i) {
        const QPair<int, int> key = page.parentKeys.at(i);
        if (key.second <= 0 || !page.items.at(i).parentRemoteId.isEmpty()) {
            continue;
        }
        QString parent = page.byNumber.value(key);
        if (parent.isEmpty()) {
            parent = more.value(key);
        }
        page.items[i].parentRemoteId = parent;
    }
}

bool isRelevantNotification(int type) {
    // 1 mentioned, 2 replied, 3 quoted, 6 private_message, 15 group_mentioned
    return type == 1 || type == 2 || type == 3 || type == 6 || type == 15;
}

QString avatarUrl(const QString& avatarTemplate, const QString& siteUrl, int size) {
    if (avatarTemplate.isEmpty()) {
        return {};
    }
    QString url = avatarTemplate;
    url.replace(QLatin1String("{size}"), QString::number(size));
    if (url.startsWith(QLatin1String("//"))) {
        url = QStringLiteral("https:") + url;
    } else if (url.startsWith(u'/')) {
        url = siteUrl + url;
    }
    return isSafeLinkUrl(url) ? url : QString();
}

SanitizedPost sanitizeCooked(const QString& cooked, const QString& siteUrl) {
    QString html = cooked;
    // Emoji are <img class="emoji" alt=":code:">; the sanitiser drops images, so put the character in.
    static const QRegularExpression emoji(QStringLiteral(R"re(<img\b[^>]*\bclass="emoji[^"]*"[^>]*>)re"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression title(QStringLiteral(R"re(\b(?:title|alt)=":([^":]+):")re"));
    QString out;
    qsizetype last = 0;
    auto it = emoji.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(html).mid(last, m.capturedStart() - last);
        const QRegularExpressionMatch code = title.match(m.captured(0));
        out += code.hasMatch() ? emojiText(code.captured(1)) : QString();
        last = m.capturedEnd();
    }
    out += QStringView(html).mid(last);
    // Lightbox and onebox chrome: image metadata spans and the "source" header repeat what the link says.
    static const QRegularExpression meta(QStringLiteral(R"re(<div class="meta">.*?</div>)re"),
                                         QRegularExpression::DotMatchesEverythingOption);
    out.remove(meta);
    // Relative links (mentions, topic links, uploads) point into the site.
    if (!siteUrl.isEmpty()) {
        static const QRegularExpression relative(QStringLiteral(R"re(\b(href|src)="/(?!/))re"));
        out.replace(relative, QStringLiteral("\\1=\"") + siteUrl + QStringLiteral("/"));
    }
    const SanitizedHtml clean = sanitizeHtml(out);
    // Cooked HTML has newlines between its blocks, which come out as lines of spaces between paragraphs.
    QString text = clean.text;
    static const QRegularExpression blankLines(QStringLiteral(R"re(\n[ \t\x{00a0}]*(?:\n[ \t\x{00a0}]*)+\n)re"));
    static const QRegularExpression indent(QStringLiteral(R"re(\n[ \t]+)re"));
    text.replace(indent, QStringLiteral("\n"));
    text.replace(blankLines, QStringLiteral("\n\n"));
    return {text.trimmed(), clean.html};
}

Expected<model::Item, Error> postToItem(const QJsonObject& o, const ParseContext& ctx, const Topic* topic) {
    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::Discourse;
    const qint64 id = idOf(o.value(QLatin1String("id")));
    if (id == 0) {
        return unexpected(bad(QStringLiteral("post without a numeric id")));
    }
    item.remoteId = QString::number(id);
    const int postType = intOf(o.value(QLatin1String("post_type")), 1);
    if (postType != 1 && postType != 2 && postType != 4) {
        return unexpected(
            bad(QStringLiteral("post %1: post_type %2 is not a message").arg(item.remoteId).arg(postType)));
    }
    const auto created = parseRfc3339(str(o, QLatin1String("created_at")));
    if (!created) {
        return unexpected(bad(QStringLiteral("post %1: invalid created_at").arg(item.remoteId)));
    }
    item.createdAt = *created;
    // updated_at also moves for likes and other bookkeeping; only a version above 1 is an edit.
    if (intOf(o.value(QLatin1String("version")), 1) > 1) {
        if (const auto updated = parseRfc3339(str(o, QLatin1String("updated_at"))); updated && *updated > *created) {
            item.updatedAt = *updated;
        }
    }
    const QString username = str(o, QLatin1String("username"));
    if (username.isEmpty()) {
        return unexpected(bad(QStringLiteral("post %1: no username").arg(item.remoteId)));
    }
    item.author.network = model::Network::Discourse;
    const qint64 userId = idOf(o.value(QLatin1String("user_id")));
    item.author.remoteId = userId > 0 ? QString::number(userId) : username;
    item.author.handle = username;
    item.author.displayName = str(o, QLatin1String("name")).trimmed();
    if (item.author.displayName.isEmpty()) {
        item.author.displayName = username;
    }
    item.author.avatarUrl = avatarUrl(str(o, QLatin1String("avatar_template")), ctx.siteUrl);
    if (!ctx.siteUrl.isEmpty()) {
        item.author.profileUrl = ctx.siteUrl + QStringLiteral("/u/") + username;
    }

    const QString cooked = str(o, QLatin1String("cooked"));
    const SanitizedPost body = sanitizeCooked(cooked, ctx.siteUrl);
    item.text = body.text;
    item.html = body.html;

    const int topicId = static_cast<int>(idOf(o.value(QLatin1String("topic_id"))));
    const int number = intOf(o.value(QLatin1String("post_number")));
    item.threadRemoteId = topicId > 0 ? QStringLiteral("topic:%1").arg(topicId) : QString();
    QString postUrl = str(o, QLatin1String("post_url"));
    if (postUrl.isEmpty() && topicId > 0) {
        const QString slug = str(o, QLatin1String("topic_slug"));
        postUrl =
            QStringLiteral("/t/%1/%2/%3").arg(slug.isEmpty() ? QStringLiteral("-") : slug).arg(topicId).arg(number);
    }
    item.url = postUrl.startsWith(u'/') ? ctx.siteUrl + postUrl : postUrl;
    if (!isSafeLinkUrl(item.url)) {
        item.url.clear();
    }

    int categoryId = static_cast<int>(idOf(o.value(QLatin1String("category_id"))));
    if (categoryId == 0 && topic != nullptr) {
        categoryId = topic->categoryId;
    }
    if (categoryId > 0) {
        item.communityRemoteId = QString::number(categoryId);
        item.communityName = ctx.categoryNames.value(categoryId);
        if (item.communityName.isEmpty()) {
            item.communityName = QStringLiteral("Category %1").arg(categoryId);
        }
    }

    const bool own = !ctx.ownUsername.isEmpty() && username.compare(ctx.ownUsername, Qt::CaseInsensitive) == 0;
    const QString replyToUser = str(o.value(QLatin1String("reply_to_user")).toObject(), QLatin1String("username"));
    if (own) {
        item.direction = model::Direction::Outgoing;
        item.kind = number > 1 ? model::Kind::Reply : model::Kind::Post;
    } else if (topic != nullptr && topic->privateMessage) {
        item.kind = model::Kind::DirectMessage;
    } else if (mentions(cooked, ctx.ownUsername)) {
        item.kind = model::Kind::Mention;
    } else if (!replyToUser.isEmpty() && replyToUser.compare(ctx.ownUsername, Qt::CaseInsensitive) == 0) {
        item.kind = model::Kind::Reply;
    } else if (quotes(cooked, ctx.ownUsername)) {
        item.kind = model::Kind::Quote;
    } else {
        item.kind = number <= 1 ? model::Kind::Post : model::Kind::Comment;
    }
    return item;
}

Expected<CurrentUser, Error> parseCurrentUser(const QByteArray& json) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonObject u = doc->value(QLatin1String("current_user")).toObject();
    CurrentUser out;
    const qint64 id = idOf(u.value(QLatin1String("id")));
    out.username = str(u, QLatin1String("username"));
    if (id == 0 || out.username.isEmpty()) {
        return unexpected(bad(QStringLiteral("no current_user with id and username: %1").arg(snippet(json))));
    }
    out.id = QString::number(id);
    out.name = str(u, QLatin1String("name"));
    out.staff = u.value(QLatin1String("staff")).toBool() || u.value(QLatin1String("admin")).toBool() ||
                u.value(QLatin1String("moderator")).toBool();
    return out;
}

Expected<QList<Category>, Error> parseCategories(const QByteArray& json) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonValue list = doc->value(QLatin1String("category_list")).toObject().value(QLatin1String("categories"));
    if (!list.isArray()) {
        return unexpected(bad(QStringLiteral("no category_list.categories: %1").arg(snippet(json))));
    }
    QList<Category> out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject o = v.toObject();
        Category c;
        c.id = static_cast<int>(idOf(o.value(QLatin1String("id"))));
        if (c.id == 0) {
            continue;
        }
        c.name = decodeEntities(str(o, QLatin1String("name")));
        c.slug = str(o, QLatin1String("slug"));
        c.notificationLevel = intOf(o.value(QLatin1String("notification_level")), 1);
        out.append(c);
    }
    return out;
}

Expected<PostPage, Error> parseLatestPosts(const QByteArray& json, const ParseContext& ctx) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonValue posts = doc->value(QLatin1String("latest_posts"));
    if (!posts.isArray()) {
        return unexpected(bad(QStringLiteral("no latest_posts array: %1").arg(snippet(json))));
    }
    return postsFrom(posts.toArray(), ctx, nullptr);
}

Expected<TopicPage, Error> parseTopic(const QByteArray& json, const ParseContext& ctx) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonValue posts = doc->value(QLatin1String("post_stream")).toObject().value(QLatin1String("posts"));
    if (!posts.isArray()) {
        return unexpected(bad(QStringLiteral("no post_stream.posts: %1").arg(snippet(json))));
    }
    TopicPage out;
    out.topic = topicFrom(*doc);
    out.posts = postsFrom(posts.toArray(), ctx, &out.topic);
    return out;
}

Expected<NotificationPage, Error> parseNotifications(const QByteArray& json) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonValue list = doc->value(QLatin1String("notifications"));
    if (!list.isArray()) {
        return unexpected(bad(QStringLiteral("no notifications array: %1").arg(snippet(json))));
    }
    NotificationPage out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject o = v.toObject();
        Notification n;
        n.id = idOf(o.value(QLatin1String("id")));
        if (n.id == 0) {
            continue;
        }
        out.ids.append(n.id);
        n.type = intOf(o.value(QLatin1String("notification_type")));
        const QJsonObject data = o.value(QLatin1String("data")).toObject();
        n.topicId = static_cast<int>(idOf(o.value(QLatin1String("topic_id"))));
        n.postNumber = intOf(o.value(QLatin1String("post_number")));
        n.postId = idOf(data.value(QLatin1String("original_post_id")));
        n.username = str(data, QLatin1String("original_username"));
        n.createdAt = parseRfc3339(str(o, QLatin1String("created_at"))).value_or(0);
        if (isRelevantNotification(n.type) && n.topicId > 0 && n.postNumber > 0) {
            out.relevant.append(n);
        }
    }
    out.loadMore = str(*doc, QLatin1String("load_more_notifications"));
    return out;
}

Expected<model::Item, Error> parsePostDocument(const QByteArray& json, const ParseContext& ctx) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    return postToItem(*doc, ctx);
}

Expected<PostRef, Error> parsePostRef(const QByteArray& json) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    PostRef r;
    r.id = idOf(doc->value(QLatin1String("id")));
    r.topicId = static_cast<int>(idOf(doc->value(QLatin1String("topic_id"))));
    r.postNumber = intOf(doc->value(QLatin1String("post_number")));
    if (r.id == 0 || r.topicId == 0 || r.postNumber <= 0) {
        return unexpected(bad(QStringLiteral("post without id, topic_id or post_number: %1").arg(snippet(json))));
    }
    if (const int to = intOf(doc->value(QLatin1String("reply_to_post_number"))); to > 0) {
        r.replyToPostNumber = to;
    }
    r.username = str(*doc, QLatin1String("username"));
    r.raw = str(*doc, QLatin1String("raw"));
    r.createdAt = parseRfc3339(str(*doc, QLatin1String("created_at"))).value_or(0);
    r.reviewableId = static_cast<int>(idOf(doc->value(QLatin1String("reviewable_id"))));
    return r;
}

Expected<int, Error> parseReviewableVersion(const QByteArray& json) {
    auto doc = parseObject(json);
    if (!doc) {
        return unexpected(doc.error());
    }
    const QJsonValue version = doc->value(QLatin1String("reviewable")).toObject().value(QLatin1String("version"));
    if (!version.isDouble()) {
        return unexpected(bad(QStringLiteral("no reviewable.version: %1").arg(snippet(json))));
    }
    return version.toInt();
}

std::optional<int> rateLimitWaitSeconds(const QByteArray& body) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonValue wait =
            doc.object().value(QLatin1String("extras")).toObject().value(QLatin1String("wait_seconds"));
        if (wait.isDouble() && wait.toDouble() >= 0) {
            return static_cast<int>(wait.toDouble() + 0.999);
        }
        return std::nullopt;
    }
    static const QRegularExpression text(QStringLiteral(R"re(wait (\d+) seconds?)re"));
    const QRegularExpressionMatch m = text.match(QString::fromUtf8(body));
    return m.hasMatch() ? std::optional<int>(m.captured(1).toInt()) : std::nullopt;
}

QString errorType(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() ? str(doc.object(), QLatin1String("error_type")) : QString();
}

QString errorMessage(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        QStringList parts;
        for (const QJsonValue& v : doc.object().value(QLatin1String("errors")).toArray()) {
            if (v.isString()) {
                parts << v.toString();
            }
        }
        if (!parts.isEmpty()) {
            return parts.join(QStringLiteral("; "));
        }
    }
    return QString::fromUtf8(body.left(300)).simplified();
}

} // namespace baton::connectors::discourse
