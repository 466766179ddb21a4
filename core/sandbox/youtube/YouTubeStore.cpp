#include "core/sandbox/youtube/YouTubeStore.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/google/GoogleApi.h"
#include "core/sandbox/youtube/YouTubeText.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace baton::sandbox {
namespace {

HttpResponse ok(const QJsonObject& object) {
    return HttpResponse::json(200, QJsonDocument(object).toJson());
}

QString etagOf(const QString& id, qint64 version) {
    const QByteArray hash =
        QCryptographicHash::hash((id + QString::number(version)).toUtf8(), QCryptographicHash::Sha1);
    return QString::fromLatin1(hash.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).left(27));
}

// Page tokens are opaque to clients: the sort key of the last item served, and what was listed.
QString makeToken(const QString& scope, qint64 ms, const QString& id) {
    const QByteArray raw = (scope + u'|' + QString::number(ms) + u'|' + id).toUtf8();
    return QStringLiteral("Q") +
           QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool readToken(const QString& token, const QString& scope, qint64* ms, QString* id) {
    if (!token.startsWith(u'Q')) {
        return false;
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        token.mid(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return false;
    }
    const QStringList parts = QString::fromUtf8(*decoded).split(u'|');
    if (parts.size() != 3 || parts.at(0) != scope) {
        return false;
    }
    bool okMs = false;
    *ms = parts.at(1).toLongLong(&okMs);
    *id = parts.at(2);
    return okMs && !id->isEmpty();
}

HttpResponse invalidPageToken() {
    return google::error(400, QStringLiteral("The request specifies an invalid page token."),
                         QStringLiteral("invalidPageToken"), QStringLiteral("youtube.parameter"));
}

HttpResponse commentNotFound() {
    return google::error(404,
                         QStringLiteral("The comment identified by the request's <code>id</code> parameter could not "
                                        "be found."),
                         QStringLiteral("commentNotFound"), QStringLiteral("youtube.comment"));
}

} // namespace

YouTubeStore::YouTubeStore(const SandboxOptions& options, const SandboxClock& clock)
    : m_clock(clock)
    , m_live(SandboxRandom(options.seed).fork(0x7017)) {
    m_quotaLimit = options.youtubeQuota;
    populate(options);
}

int YouTubeStore::channelForToken(const QString& token) const {
    if (token.isEmpty()) {
        return -1;
    }
    const QMutexLocker lock(&m_mutex);
    for (const YouTubeChannel& c : m_channels) {
        if (c.token == token) {
            return c.revoked ? -1 : c.index;
        }
    }
    return -1;
}

QString YouTubeStore::channelName(int channel) const {
    const QMutexLocker lock(&m_mutex);
    return channel >= 0 && channel < m_channels.size() ? m_channels.at(channel).name : QString();
}

QString YouTubeStore::channelId(int channel) const {
    const QMutexLocker lock(&m_mutex);
    return channel >= 0 && channel < m_channels.size() ? m_channels.at(channel).channelId : QString();
}

QList<SandboxAccount> YouTubeStore::accounts(const QString& baseUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const YouTubeChannel& c : m_channels) {
        SandboxAccount a;
        a.network = QStringLiteral("youtube");
        a.name = c.name + QStringLiteral(" (YouTube)");
        a.baseUrl = baseUrl;
        a.token = c.token;
        a.remoteId = c.channelId;
        a.acct = c.handle;
        out.append(a);
    }
    return out;
}

const YouTubeComment* YouTubeStore::find(const YouTubeChannel& channel, const QString& id) const {
    const auto it = channel.byId.constFind(id);
    return it == channel.byId.constEnd() ? nullptr : &channel.comments.at(*it);
}

QJsonObject YouTubeStore::commentJson(const YouTubeChannel& channel, const YouTubeComment& c, bool html) const {
    QString handle = channel.handle;
    QString authorId = channel.channelId;
    if (c.author >= 0) {
        handle = channel.people.at(c.author).handle;
        authorId = channel.people.at(c.author).channelId;
    }
    const QString avatar = QStringLiteral("https://yt3.ggpht.com/ytc/") + authorId.mid(2, 12) +
                           QStringLiteral("=s48-c-k-c0x00ffffff-no-rj");
    const QString profile = QStringLiteral("http://www.youtube.com/") + handle;
    QJsonObject snippet{
        {QStringLiteral("channelId"), channel.channelId},
        {QStringLiteral("videoId"), c.videoId},
        {QStringLiteral("textDisplay"), html ? youtube::displayHtml(c.text, c.videoId) : c.text},
        {QStringLiteral("textOriginal"), c.text},
        {QStringLiteral("authorDisplayName"), handle},
        {QStringLiteral("authorProfileImageUrl"), avatar},
        {QStringLiteral("authorChannelUrl"), profile},
        {QStringLiteral("authorChannelId"), QJsonObject{{QStringLiteral("value"), authorId}}},
        {QStringLiteral("canRate"), true},
        {QStringLiteral("viewerRating"), QStringLiteral("none")},
        {QStringLiteral("likeCount"), c.likes},
        {QStringLiteral("publishedAt"), youtube::timestamp(c.publishedMs)},
        {QStringLiteral("updatedAt"), youtube::timestamp(c.updatedMs)},
    };
    // Owner-authorised requests see the moderation state of what is not simply published.
    if (c.status != QLatin1String("published")) {
        snippet.insert(QStringLiteral("moderationStatus"), c.status);
    }
    if (!c.parentId.isEmpty()) {
        snippet.insert(QStringLiteral("parentId"), c.parentId);
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("youtube#comment")},
                       {QStringLiteral("etag"), etagOf(c.id, c.updatedMs)},
                       {QStringLiteral("id"), c.id},
                       {QStringLiteral("snippet"), snippet}};
}

QList<const YouTubeComment*> YouTubeStore::visibleReplies(const YouTubeChannel& channel, const QString& topId) const {
    QList<const YouTubeComment*> out;
    for (const YouTubeComment& c : channel.comments) {
        if (c.parentId == topId && !c.deleted && c.status == QLatin1String("published")) {
            out.append(&c);
        }
    }
    std::sort(out.begin(), out.end(), [](const YouTubeComment* a, const YouTubeComment* b) {
        return a->publishedMs != b->publishedMs ? a->publishedMs < b->publishedMs : a->id < b->id;
    });
    return out;
}

QJsonObject YouTubeStore::threadJson(const YouTubeChannel& channel, const YouTubeComment& top, bool html,
                                     bool withReplies) const {
    const QList<const YouTubeComment*> replies = visibleReplies(channel, top.id);
    QJsonObject snippet{{QStringLiteral("channelId"), channel.channelId},
                        {QStringLiteral("videoId"), top.videoId},
                        {QStringLiteral("topLevelComment"), commentJson(channel, top, html)},
                        {QStringLiteral("canReply"), top.status == QLatin1String("published")},
                        {QStringLiteral("totalReplyCount"), replies.size()},
                        {QStringLiteral("isPublic"), true}};
    QJsonObject thread{{QStringLiteral("kind"), QStringLiteral("youtube#commentThread")},
                       {QStringLiteral("etag"), etagOf(top.id, top.updatedMs + replies.size())},
                       {QStringLiteral("id"), top.id},
                       {QStringLiteral("snippet"), snippet}};
    if (withReplies && !replies.isEmpty()) {
        // Only a subset: the most recent five, as the API hints with "may not contain all replies".
        QJsonArray list;
        for (qsizetype i = std::max<qsizetype>(0, replies.size() - 5); i < replies.size(); ++i) {
            list.append(commentJson(channel, *replies.at(i), html));
        }
        thread.insert(QStringLiteral("replies"), QJsonObject{{QStringLiteral("comments"), list}});
    }
    return thread;
}

HttpResponse YouTubeStore::channelsMine(int channel) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeChannel& c = m_channels.at(channel);
    const QJsonObject item{
        {QStringLiteral("kind"), QStringLiteral("youtube#channel")},
        {QStringLiteral("etag"), etagOf(c.channelId, 0)},
        {QStringLiteral("id"), c.channelId},
        {QStringLiteral("snippet"),
         QJsonObject{{QStringLiteral("title"), c.name},
                     {QStringLiteral("description"), QString()},
                     {QStringLiteral("customUrl"), c.handle},
                     {QStringLiteral("publishedAt"), youtube::timestamp(m_clock.startMs() - 900LL * 86400000)}}}};
    return ok(QJsonObject{{QStringLiteral("kind"), QStringLiteral("youtube#channelListResponse")},
                          {QStringLiteral("etag"), etagOf(c.channelId, 1)},
                          {QStringLiteral("pageInfo"),
                           QJsonObject{{QStringLiteral("totalResults"), 1}, {QStringLiteral("resultsPerPage"), 5}}},
                          {QStringLiteral("items"), QJsonArray{item}}});
}

HttpResponse YouTubeStore::threads(int channel, const ThreadQuery& q) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeChannel& c = m_channels.at(channel);
    const QString scope = QStringLiteral("t:") + q.moderationStatus + u':' + q.videoId;
    qint64 afterMs = 0;
    QString afterId;
    if (!q.pageToken.isEmpty() && !readToken(q.pageToken, scope, &afterMs, &afterId)) {
        return invalidPageToken();
    }
    QList<const YouTubeComment*> all;
    for (const YouTubeComment& comment : c.comments) {
        if (comment.parentId.isEmpty() && !comment.deleted && comment.status == q.moderationStatus &&
            (q.videoId.isEmpty() || comment.videoId == q.videoId)) {
            all.append(&comment);
        }
    }
    // order=time: newest first.
    std::sort(all.begin(), all.end(), [](const YouTubeComment* a, const YouTubeComment* b) {
        return a->publishedMs != b->publishedMs ? a->publishedMs > b->publishedMs : a->id > b->id;
    });
    qsizetype start = 0;
    if (!q.pageToken.isEmpty()) {
        while (start < all.size() && (all.at(start)->publishedMs > afterMs ||
                                      (all.at(start)->publishedMs == afterMs && all.at(start)->id >= afterId))) {
            ++start;
        }
    }
    QJsonArray items;
    qsizetype i = start;
    for (; i < all.size() && items.size() < q.maxResults; ++i) {
        items.append(threadJson(c, *all.at(i), q.html, q.withReplies));
    }
    QJsonObject out{{QStringLiteral("kind"), QStringLiteral("youtube#commentThreadListResponse")},
                    {QStringLiteral("etag"), etagOf(scope, all.size())}};
    if (i < all.size()) {
        const YouTubeComment* last = all.at(i - 1);
        out.insert(QStringLiteral("nextPageToken"), makeToken(scope, last->publishedMs, last->id));
    }
    out.insert(QStringLiteral("pageInfo"), QJsonObject{{QStringLiteral("totalResults"), items.size()},
                                                       {QStringLiteral("resultsPerPage"), q.maxResults}});
    out.insert(QStringLiteral("items"), items);
    return ok(out);
}

HttpResponse YouTubeStore::comments(int channel, const ReplyQuery& q) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeChannel& c = m_channels.at(channel);
    QJsonObject out{{QStringLiteral("kind"), QStringLiteral("youtube#commentListResponse")}};
    QJsonArray items;
    if (!q.ids.isEmpty()) {
        for (const QString& id : q.ids) {
            const YouTubeComment* comment = find(c, id);
            if (comment != nullptr && !comment->deleted) {
                items.append(commentJson(c, *comment, q.html));
            }
        }
        out.insert(QStringLiteral("etag"), etagOf(q.ids.join(u','), items.size()));
    } else {
        const YouTubeComment* parent = find(c, q.parentId);
        if (parent == nullptr || !parent->parentId.isEmpty() || parent->deleted) {
            return google::error(404,
                                 QStringLiteral("The comment identified by the request's <code>parentId</code> "
                                                "parameter could not be found."),
                                 QStringLiteral("commentNotFound"), QStringLiteral("youtube.comment"));
        }
        const QString scope = QStringLiteral("r:") + q.parentId;
        qint64 afterMs = 0;
        QString afterId;
        if (!q.pageToken.isEmpty() && !readToken(q.pageToken, scope, &afterMs, &afterId)) {
            return invalidPageToken();
        }
        const QList<const YouTubeComment*> replies = visibleReplies(c, q.parentId);
        qsizetype i = 0;
        if (!q.pageToken.isEmpty()) {
            while (i < replies.size() && (replies.at(i)->publishedMs < afterMs ||
                                          (replies.at(i)->publishedMs == afterMs && replies.at(i)->id <= afterId))) {
                ++i;
            }
        }
        for (; i < replies.size() && items.size() < q.maxResults; ++i) {
            items.append(commentJson(c, *replies.at(i), q.html));
        }
        out.insert(QStringLiteral("etag"), etagOf(scope, replies.size()));
        if (i < replies.size()) {
            out.insert(QStringLiteral("nextPageToken"),
                       makeToken(scope, replies.at(i - 1)->publishedMs, replies.at(i - 1)->id));
        }
    }
    out.insert(QStringLiteral("pageInfo"), QJsonObject{{QStringLiteral("totalResults"), items.size()},
                                                       {QStringLiteral("resultsPerPage"), q.maxResults}});
    out.insert(QStringLiteral("items"), items);
    return ok(out);
}

HttpResponse YouTubeStore::insertReply(int channel, const QString& parentId, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    YouTubeChannel& c = m_channels[channel];
    const YouTubeComment* parent = find(c, parentId);
    if (parent == nullptr || parent->deleted) {
        return google::error(404, QStringLiteral("The specified parent comment could not be found."),
                             QStringLiteral("parentCommentNotFound"), QStringLiteral("youtube.comment"));
    }
    if (!parent->parentId.isEmpty()) {
        return google::error(400, QStringLiteral("Replies can only be made to top-level comments."),
                             QStringLiteral("operationNotSupported"), QStringLiteral("youtube.comment"));
    }
    if (parent->status != QLatin1String("published")) {
        return google::error(400, QStringLiteral("The parent comment is not public."),
                             QStringLiteral("parentCommentIsPrivate"), QStringLiteral("youtube.comment"));
    }
    YouTubeComment reply;
    reply.id = parentId + u'.' + google::randomChars(m_live, 22);
    reply.videoId = parent->videoId;
    reply.parentId = parentId;
    reply.author = -1;
    reply.text = text;
    reply.publishedMs = m_clock.nowMs();
    reply.updatedMs = reply.publishedMs;
    c.byId.insert(reply.id, c.comments.size());
    c.comments.append(reply);
    ++c.inserted;
    return ok(commentJson(c, c.comments.constLast(), false));
}

HttpResponse YouTubeStore::setModerationStatus(int channel, const QStringList& ids, const QString& status,
                                               bool banAuthor) {
    const QMutexLocker lock(&m_mutex);
    YouTubeChannel& c = m_channels[channel];
    for (const QString& id : ids) {
        const YouTubeComment* comment = find(c, id);
        if (comment == nullptr || comment->deleted) {
            return commentNotFound();
        }
        if (comment->author < 0) {
            return google::error(400, QStringLiteral("The channel's own comments cannot be moderated."),
                                 QStringLiteral("operationNotSupported"), QStringLiteral("youtube.comment"));
        }
        if (comment->status == QLatin1String("rejected") && status == QLatin1String("published")) {
            return google::error(400, QStringLiteral("A rejected comment cannot be published again."),
                                 QStringLiteral("operationNotSupported"), QStringLiteral("youtube.comment"));
        }
    }
    for (const QString& id : ids) {
        YouTubeComment& comment = c.comments[c.byId.value(id)];
        comment.status = status;
        if (banAuthor) {
            c.banned.insert(c.people.at(comment.author).channelId);
        }
    }
    HttpResponse r;
    r.status = 204;
    return r;
}

HttpResponse YouTubeStore::deleteComment(int channel, const QString& id) {
    const QMutexLocker lock(&m_mutex);
    YouTubeChannel& c = m_channels[channel];
    const YouTubeComment* comment = find(c, id);
    if (comment == nullptr || comment->deleted) {
        return commentNotFound();
    }
    if (comment->author >= 0) {
        return google::error(403, QStringLiteral("Only the author of a comment may delete it."),
                             QStringLiteral("forbidden"), QStringLiteral("youtube.comment"));
    }
    c.comments[c.byId.value(id)].deleted = true;
    HttpResponse r;
    r.status = 204;
    return r;
}

bool YouTubeStore::charge(int channel, int cost, qint64 wallMs) {
    const QMutexLocker lock(&m_mutex);
    YouTubeChannel& c = m_channels[channel];
    const QString day = google::pacificDay(wallMs);
    if (c.quotaDay != day) {
        c.quotaDay = day;
        c.quotaUsed = 0;
    }
    if (c.quotaUsed + cost > m_quotaLimit) {
        return false;
    }
    c.quotaUsed += cost;
    return true;
}

int YouTubeStore::quotaUsed(int channel, qint64 wallMs) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeChannel& c = m_channels.at(channel);
    return c.quotaDay == google::pacificDay(wallMs) ? c.quotaUsed : 0;
}

void YouTubeStore::setQuotaUsed(int channel, int used, qint64 wallMs) {
    const QMutexLocker lock(&m_mutex);
    YouTubeChannel& c = m_channels[channel];
    c.quotaDay = google::pacificDay(wallMs);
    c.quotaUsed = used;
}

bool YouTubeStore::revokeToken(int channel) {
    const QMutexLocker lock(&m_mutex);
    if (channel < 0 || channel >= m_channels.size()) {
        return false;
    }
    m_channels[channel].revoked = true;
    return true;
}

QString YouTubeStore::moderationStatusOf(int channel, const QString& id) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeComment* comment = find(m_channels.at(channel), id);
    return comment == nullptr ? QString() : (comment->deleted ? QStringLiteral("deleted") : comment->status);
}

bool YouTubeStore::isBanned(int channel, const QString& authorChannelId) const {
    const QMutexLocker lock(&m_mutex);
    return m_channels.at(channel).banned.contains(authorChannelId);
}

QString YouTubeStore::authorOf(int channel, const QString& id) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeChannel& c = m_channels.at(channel);
    const YouTubeComment* comment = find(c, id);
    if (comment == nullptr) {
        return {};
    }
    return comment->author < 0 ? c.channelId : c.people.at(comment->author).channelId;
}

int YouTubeStore::inserted(int channel) const {
    const QMutexLocker lock(&m_mutex);
    return m_channels.at(channel).inserted;
}

int YouTubeStore::threadCount(int channel, const QString& status) const {
    const QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const YouTubeComment& c : m_channels.at(channel).comments) {
        n += c.parentId.isEmpty() && !c.deleted && c.status == status ? 1 : 0;
    }
    return n;
}

QString YouTubeStore::threadWithReplies(int channel, int minReplies) const {
    const QMutexLocker lock(&m_mutex);
    const YouTubeChannel& c = m_channels.at(channel);
    for (const YouTubeComment& top : c.comments) {
        if (top.parentId.isEmpty() && top.status == QLatin1String("published") &&
            visibleReplies(c, top.id).size() >= minReplies) {
            return top.id;
        }
    }
    return {};
}

int YouTubeStore::replyCount(int channel, const QString& parentId, const QString& text) const {
    const QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const YouTubeComment& c : m_channels.at(channel).comments) {
        n += c.parentId == parentId && c.text == text && !c.deleted ? 1 : 0;
    }
    return n;
}

int YouTubeStore::commentsWithText(const QString& text) const {
    const QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const YouTubeChannel& channel : m_channels) {
        for (const YouTubeComment& c : channel.comments) {
            n += c.text == text && !c.deleted ? 1 : 0;
        }
    }
    return n;
}

int YouTubeStore::visibleReplyCount(int channel, const QString& parentId) const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(visibleReplies(m_channels.at(channel), parentId).size());
}

} // namespace baton::sandbox
