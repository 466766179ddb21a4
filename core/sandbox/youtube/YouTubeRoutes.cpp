#include "core/sandbox/youtube/YouTubeRoutes.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/google/GoogleApi.h"
#include "core/sandbox/youtube/YouTubeStore.h"

#include <QJsonObject>

namespace baton::sandbox {
namespace {

const QString kParameterDomain = QStringLiteral("youtube.parameter");

HttpResponse badRequest(const QString& message, const QString& reason, const QString& domain = kParameterDomain) {
    return google::error(400, message, reason, domain);
}

HttpResponse required(const QString& name) {
    return google::error(400, QStringLiteral("Required parameter: ") + name, QStringLiteral("required"),
                         QStringLiteral("global"));
}

HttpResponse quotaExceeded() {
    return google::error(403,
                         QStringLiteral("The request cannot be completed because you have exceeded your <a "
                                        "href=\"/youtube/v3/getting-started#quota\">quota</a>."),
                         QStringLiteral("quotaExceeded"), QStringLiteral("youtube.quota"));
}

// part must name known parts only; returns the error or nothing.
std::optional<HttpResponse> checkPart(const HttpRequest& request, const QStringList& allowed) {
    const std::optional<QString> part = request.param(QStringLiteral("part"));
    if (!part || part->trimmed().isEmpty()) {
        return required(QStringLiteral("part"));
    }
    for (const QString& p : part->split(u',', Qt::SkipEmptyParts)) {
        if (!allowed.contains(p.trimmed())) {
            return badRequest(QStringLiteral("'%1'").arg(p.trimmed()), QStringLiteral("unknownPart"));
        }
    }
    return std::nullopt;
}

std::optional<int> maxResults(const HttpRequest& request, HttpResponse* error) {
    const std::optional<QString> raw = request.param(QStringLiteral("maxResults"));
    if (!raw) {
        return 20;
    }
    bool ok = false;
    const int n = raw->toInt(&ok);
    if (!ok || n < 1 || n > 100) {
        *error = badRequest(QStringLiteral("Invalid value '%1'. Values must be within the range: [1, 100]").arg(*raw),
                            QStringLiteral("invalidParameter"), QStringLiteral("global"));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> htmlFormat(const HttpRequest& request, HttpResponse* error) {
    const QString format = request.param(QStringLiteral("textFormat")).value_or(QStringLiteral("html"));
    if (format != QLatin1String("html") && format != QLatin1String("plainText")) {
        *error = badRequest(QStringLiteral("Invalid textFormat."), QStringLiteral("invalidTextFormat"));
        return std::nullopt;
    }
    return format == QLatin1String("html");
}

HttpResponse noContent() {
    HttpResponse r;
    r.status = 204;
    return r;
}

} // namespace

YouTubeRoutes::YouTubeRoutes(YouTubeStore& store)
    : m_store(store) {
}

std::optional<YouTubeRoutes::Method> YouTubeRoutes::match(const QByteArray& m, const QString& path) {
    const bool get = m == "GET" || m == "HEAD";
    if (path == QLatin1String("/v3/commentThreads") && get) {
        return Method::ThreadsList;
    }
    if (path == QLatin1String("/v3/comments")) {
        if (get) {
            return Method::CommentsList;
        }
        if (m == "POST") {
            return Method::CommentsInsert;
        }
        if (m == "DELETE") {
            return Method::CommentsDelete;
        }
    }
    if (path == QLatin1String("/v3/comments/setModerationStatus") && m == "POST") {
        return Method::SetModerationStatus;
    }
    if (path == QLatin1String("/v3/channels") && get) {
        return Method::ChannelsList;
    }
    return std::nullopt;
}

int YouTubeRoutes::cost(Method method) {
    switch (method) {
    case Method::ThreadsList:
    case Method::CommentsList:
    case Method::ChannelsList:
        return kListCost;
    case Method::CommentsInsert:
    case Method::SetModerationStatus:
    case Method::CommentsDelete:
        return kWriteCost;
    }
    return kListCost;
}

RouteResult YouTubeRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    const int channel = m_store.channelForToken(google::bearerToken(request));
    if (channel >= 0) {
        result.account = m_store.channelName(channel);
    }
    const std::optional<Method> method = match(request.method, localPath);
    if (!method) {
        result.response = google::error(404, QStringLiteral("Not Found"), QStringLiteral("notFound"));
        return result;
    }
    if (channel < 0) {
        result.response = google::unauthenticated();
        return result;
    }
    // Every request the API accepts costs its method's units, invalid ones included; a spent budget refuses.
    if (!m_store.charge(channel, cost(*method), SandboxClock::wallMs())) {
        result.response = quotaExceeded();
        return result;
    }
    result.response = dispatch(*method, request, channel);
    return result;
}

RouteResult YouTubeRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    Q_UNUSED(untilWallMs)
    RouteResult result;
    const int channel = m_store.channelForToken(google::bearerToken(request));
    if (channel >= 0) {
        result.account = m_store.channelName(channel);
    }
    result.response = google::error(429, QStringLiteral("Resource has been exhausted (e.g. check quota)."),
                                    QStringLiteral("rateLimitExceeded"), QStringLiteral("usageLimits"),
                                    QStringLiteral("RESOURCE_EXHAUSTED"));
    return result;
}

HttpResponse YouTubeRoutes::dispatch(Method method, const HttpRequest& request, int channel) {
    HttpResponse error;
    switch (method) {
    case Method::ChannelsList: {
        if (auto bad = checkPart(request, {QStringLiteral("id"), QStringLiteral("snippet")})) {
            return *bad;
        }
        if (!request.truthy(QStringLiteral("mine"))) {
            return badRequest(QStringLiteral("No filter selected. Expected one of: mine"),
                              QStringLiteral("missingRequiredParameter"));
        }
        return m_store.channelsMine(channel);
    }
    case Method::ThreadsList: {
        if (auto bad =
                checkPart(request, {QStringLiteral("id"), QStringLiteral("snippet"), QStringLiteral("replies")})) {
            return *bad;
        }
        YouTubeStore::ThreadQuery q;
        const std::optional<QString> channelFilter = request.param(QStringLiteral("allThreadsRelatedToChannelId"));
        const std::optional<QString> videoFilter = request.param(QStringLiteral("videoId"));
        if (channelFilter.has_value() == videoFilter.has_value()) {
            return badRequest(QStringLiteral("No filter selected. Expected one of: allThreadsRelatedToChannelId, "
                                             "videoId, id"),
                              QStringLiteral("missingRequiredParameter"));
        }
        if (channelFilter && *channelFilter != m_store.channelId(channel)) {
            return google::error(403,
                                 QStringLiteral("The comment thread could not be retrieved: the request is not "
                                                "authorized for that channel."),
                                 QStringLiteral("forbidden"), QStringLiteral("youtube.commentThread"));
        }
        q.videoId = videoFilter.value_or(QString());
        q.moderationStatus = request.param(QStringLiteral("moderationStatus")).value_or(QStringLiteral("published"));
        if (q.moderationStatus != QLatin1String("published") && q.moderationStatus != QLatin1String("heldForReview") &&
            q.moderationStatus != QLatin1String("likelySpam")) {
            return badRequest(QStringLiteral("Invalid moderationStatus."), QStringLiteral("invalidModerationStatus"));
        }
        const std::optional<int> max = maxResults(request, &error);
        const std::optional<bool> html = htmlFormat(request, &error);
        if (!max || !html) {
            return error;
        }
        q.maxResults = *max;
        q.html = *html;
        q.pageToken = request.param(QStringLiteral("pageToken")).value_or(QString());
        q.withReplies = request.param(QStringLiteral("part")).value_or(QString()).contains(QLatin1String("replies"));
        return m_store.threads(channel, q);
    }
    case Method::CommentsList: {
        if (auto bad = checkPart(request, {QStringLiteral("id"), QStringLiteral("snippet")})) {
            return *bad;
        }
        YouTubeStore::ReplyQuery q;
        const std::optional<QString> parent = request.param(QStringLiteral("parentId"));
        const std::optional<QString> ids = request.param(QStringLiteral("id"));
        if (parent.has_value() == ids.has_value()) {
            return badRequest(QStringLiteral("No filter selected. Expected one of: id, parentId"),
                              QStringLiteral("missingRequiredParameter"));
        }
        const std::optional<int> max = maxResults(request, &error);
        const std::optional<bool> html = htmlFormat(request, &error);
        if (!max || !html) {
            return error;
        }
        q.parentId = parent.value_or(QString());
        q.ids = ids.value_or(QString()).split(u',', Qt::SkipEmptyParts);
        q.maxResults = *max;
        q.html = *html;
        q.pageToken = request.param(QStringLiteral("pageToken")).value_or(QString());
        return m_store.comments(channel, q);
    }
    case Method::CommentsInsert: {
        if (auto bad = checkPart(request, {QStringLiteral("id"), QStringLiteral("snippet")})) {
            return *bad;
        }
        if (request.badBody || request.json.isEmpty()) {
            return badRequest(QStringLiteral("Parse Error"), QStringLiteral("parseError"), QStringLiteral("global"));
        }
        const QJsonObject snippet = request.json.value(QStringLiteral("snippet")).toObject();
        const QString parentId = snippet.value(QStringLiteral("parentId")).toString();
        const QString text = snippet.value(QStringLiteral("textOriginal")).toString();
        if (parentId.isEmpty()) {
            return badRequest(QStringLiteral("No parent ID was specified."), QStringLiteral("parentIdMissing"),
                              QStringLiteral("youtube.comment"));
        }
        if (text.trimmed().isEmpty()) {
            return badRequest(QStringLiteral("The comment's text is missing."), QStringLiteral("commentTextRequired"),
                              QStringLiteral("youtube.comment"));
        }
        if (text.size() > 10000) {
            return badRequest(QStringLiteral("The comment's text is too long."), QStringLiteral("commentTextTooLong"),
                              QStringLiteral("youtube.comment"));
        }
        return m_store.insertReply(channel, parentId, text);
    }
    case Method::SetModerationStatus: {
        const QStringList ids = request.param(QStringLiteral("id")).value_or(QString()).split(u',', Qt::SkipEmptyParts);
        const std::optional<QString> status = request.param(QStringLiteral("moderationStatus"));
        if (ids.isEmpty()) {
            return required(QStringLiteral("id"));
        }
        if (ids.size() > 50) {
            return badRequest(QStringLiteral("At most 50 ids may be given."), QStringLiteral("invalidParameter"));
        }
        if (!status) {
            return required(QStringLiteral("moderationStatus"));
        }
        if (*status != QLatin1String("heldForReview") && *status != QLatin1String("published") &&
            *status != QLatin1String("rejected")) {
            return badRequest(QStringLiteral("Invalid moderationStatus."), QStringLiteral("invalidModerationStatus"));
        }
        const bool ban = request.truthy(QStringLiteral("banAuthor"));
        if (ban && *status != QLatin1String("rejected")) {
            return badRequest(QStringLiteral("The banAuthor parameter can only be used with a rejected status."),
                              QStringLiteral("banWithoutReject"), QStringLiteral("youtube.comment"));
        }
        return m_store.setModerationStatus(channel, ids, *status, ban);
    }
    case Method::CommentsDelete: {
        const std::optional<QString> id = request.param(QStringLiteral("id"));
        if (!id || id->isEmpty()) {
            return required(QStringLiteral("id"));
        }
        return m_store.deleteComment(channel, *id);
    }
    }
    return noContent();
}

} // namespace baton::sandbox
