#include "core/sandbox/discourse/DiscourseRoutes.h"

#include "core/sandbox/discourse/DiscourseForum.h"
#include "core/sandbox/discourse/DiscourseUserApiKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace baton::sandbox {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

std::optional<int> intValue(const std::optional<QString>& s) {
    if (!s) {
        return std::nullopt;
    }
    bool ok = false;
    const int v = s->trimmed().toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

int segmentInt(const QString& s) {
    bool ok = false;
    const int v = s.toInt(&ok);
    return ok ? v : 0;
}

int secondsUntil(qint64 untilMs, qint64 nowMs) {
    return static_cast<int>(qMax<qint64>(1, (untilMs - nowMs + 999) / 1000));
}

HttpResponse discourseError(int status, const QString& message, const QString& type) {
    const QJsonObject body{{QStringLiteral("errors"), QJsonArray{message}}, {QStringLiteral("error_type"), type}};
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace

DiscourseRoutes::DiscourseRoutes(DiscourseForum& forum, const DiscourseLimits& limits)
    : m_forum(forum)
    , m_admin(limits.adminPerWindow, limits.windowMs)
    , m_user(limits.userPerWindow, limits.windowMs)
    , m_userDay(limits.userPerDay, kDayMs) {
}

HttpResponse DiscourseRoutes::jsonRateLimit(int waitSeconds, const QByteArray& code) {
    const QString time = waitSeconds == 1 ? QStringLiteral("1 second") : QStringLiteral("%1 seconds").arg(waitSeconds);
    const QJsonObject body{
        {QStringLiteral("errors"),
         QJsonArray{QStringLiteral("You’ve performed this action too many times. Please wait %1 before trying again.")
                        .arg(time)}},
        {QStringLiteral("error_type"), QStringLiteral("rate_limit")},
        {QStringLiteral("extras"),
         QJsonObject{{QStringLiteral("wait_seconds"), waitSeconds}, {QStringLiteral("time_left"), time}}}};
    HttpResponse r = HttpResponse::json(429, QJsonDocument(body).toJson(QJsonDocument::Compact));
    r.setHeader("Retry-After", QByteArray::number(waitSeconds));
    r.setHeader("Discourse-Rate-Limit-Error-Code", code);
    return r;
}

HttpResponse DiscourseRoutes::middlewareRateLimit(int waitSeconds, const QByteArray& code, const QString& what) {
    HttpResponse r;
    r.status = 429;
    r.body = QStringLiteral("Slow down, too many requests from this %1.\nError code: %2.\n")
                 .arg(what, QString::fromLatin1(code))
                 .toUtf8();
    r.setHeader("Content-Type", "text/plain; charset=utf-8");
    r.setHeader("Retry-After", QByteArray::number(waitSeconds));
    r.setHeader("Discourse-Rate-Limit-Error-Code", code);
    return r;
}

int DiscourseRoutes::authenticate(const HttpRequest& request) const {
    const QString userKey = QString::fromLatin1(request.header("user-api-key")).trimmed();
    if (!userKey.isEmpty()) {
        const int account = m_forum.accountForUserApiKey(userKey);
        return account >= 0 ? account : -2;
    }
    const QString apiKey = QString::fromLatin1(request.header("api-key")).trimmed();
    if (!apiKey.isEmpty()) {
        const QString username = QString::fromUtf8(request.header("api-username")).trimmed();
        const int account = m_forum.accountForAdminKey(apiKey, username);
        return account >= 0 ? account : -2;
    }
    return -1;
}

RouteResult DiscourseRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    QStringList segments = localPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!segments.isEmpty() && segments.constLast().endsWith(QLatin1String(".json"))) {
        segments.last().chop(5);
    }
    if (segments == QStringList{QStringLiteral("user-api-key"), QStringLiteral("new")} &&
        (request.method == "GET" || request.method == "HEAD")) {
        // The browser's visit, signed in to the forum: no API key yet.
        result.response = userApiKeyNew(request, m_forum);
        return result;
    }
    const int account = authenticate(request);
    if (account >= 0) {
        result.account = m_forum.accountName(account);
        // The per-key limiters run before the request reaches a controller.
        const qint64 now = request.receivedAtMs;
        const QString key = QStringLiteral("account:%1").arg(account);
        // The limiter follows the kind of key sent: an admin's user API key is limited as a user API key.
        if (!request.header("user-api-key").trimmed().isEmpty()) {
            const RateLimiter::State day = m_userDay.hit(key, now);
            const RateLimiter::State minute = day.limited ? day : m_user.hit(key, now);
            if (day.limited) {
                result.response = middlewareRateLimit(secondsUntil(day.resetAtMs, now), "user_api_key_limiter_1_day",
                                                      QStringLiteral("user api key"));
                return result;
            }
            if (minute.limited) {
                result.response = middlewareRateLimit(secondsUntil(minute.resetAtMs, now),
                                                      "user_api_key_limiter_60_secs", QStringLiteral("user api key"));
                return result;
            }
        } else {
            const RateLimiter::State state = m_admin.hit(key, now);
            if (state.limited) {
                result.response = jsonRateLimit(secondsUntil(state.resetAtMs, now), "admin_api_key_rate_limit");
                return result;
            }
        }
    }
    if (account == -2) {
        result.response = discourseError(
            403,
            QStringLiteral("You are not permitted to view the requested resource. The API username or key is invalid."),
            QStringLiteral("invalid_access"));
    } else if (account == -1) {
        result.response = discourseError(403, QStringLiteral("You need to be logged in to do that."),
                                         QStringLiteral("not_logged_in"));
    } else if (request.badBody) {
        result.response = discourseError(400, QStringLiteral("The request body could not be parsed."),
                                         QStringLiteral("invalid_parameters"));
    } else {
        result.response = dispatch(request, segments, account);
    }
    result.response.setHeader("Cache-Control", "no-cache, no-store");
    result.response.setHeader("X-Discourse-Route", segments.join(u'/').toUtf8());
    return result;
}

RouteResult DiscourseRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    RouteResult result;
    const int account = authenticate(request);
    if (account >= 0) {
        result.account = m_forum.accountName(account);
    }
    result.response = jsonRateLimit(secondsUntil(untilWallMs, request.receivedAtMs), "create_post");
    return result;
}

HttpResponse DiscourseRoutes::dispatch(const HttpRequest& request, const QStringList& s, int account) {
    const QByteArray& method = request.method;
    const bool get = method == "GET" || method == "HEAD";
    const qsizetype n = s.size();
    const QString first = n > 0 ? s.at(0) : QString();
    if (first == QLatin1String("session") && n == 2 && s.at(1) == QLatin1String("current") && get) {
        return m_forum.currentSession(account);
    }
    if (first == QLatin1String("categories") && n == 1 && get) {
        return m_forum.categories(account);
    }
    if (first == QLatin1String("notifications") && n == 1 && get) {
        return m_forum.notifications(account, intValue(request.param(QStringLiteral("offset"))).value_or(0));
    }
    if (first == QLatin1String("posts")) {
        if (n == 1 && get) {
            return m_forum.latestPosts(account, intValue(request.param(QStringLiteral("before"))));
        }
        if (n == 1 && method == "POST") {
            DiscourseForum::NewPost post;
            post.raw = request.param(QStringLiteral("raw")).value_or(QString());
            post.topicId = intValue(request.param(QStringLiteral("topic_id"))).value_or(0);
            post.replyToPostNumber = intValue(request.param(QStringLiteral("reply_to_post_number")));
            post.title = request.param(QStringLiteral("title")).value_or(QString());
            post.categoryId = intValue(request.param(QStringLiteral("category"))).value_or(0);
            return m_forum.createPost(account, post);
        }
        if (n == 2 && get) {
            return m_forum.post(account, segmentInt(s.at(1)));
        }
        if (n == 2 && method == "DELETE") {
            return m_forum.deletePost(account, segmentInt(s.at(1)));
        }
    }
    if (first == QLatin1String("t")) {
        if (n == 3 && get && s.at(2) == QLatin1String("posts")) {
            QList<int> ids;
            for (const QString& v : request.arrayParam(QStringLiteral("post_ids"))) {
                ids.append(segmentInt(v));
            }
            return m_forum.topicPosts(account, segmentInt(s.at(1)), ids);
        }
        if (n == 3 && method == "PUT" && s.at(2) == QLatin1String("status")) {
            return m_forum.setTopicStatus(account, segmentInt(s.at(1)),
                                          request.param(QStringLiteral("status")).value_or(QString()),
                                          request.truthy(QStringLiteral("enabled")));
        }
        if (get && (n == 2 || n == 3)) {
            // /t/{id}, /t/{slug}/{id}
            return m_forum.topic(account, segmentInt(s.at(n == 2 ? 1 : 2)));
        }
    }
    if (first == QLatin1String("post_actions") && n == 1 && method == "POST") {
        return m_forum.flag(account, intValue(request.param(QStringLiteral("id"))).value_or(0),
                            intValue(request.param(QStringLiteral("post_action_type_id"))).value_or(0),
                            request.param(QStringLiteral("message")).value_or(QString()));
    }
    if (first == QLatin1String("review") && n == 2 && get) {
        return m_forum.reviewable(account, segmentInt(s.at(1)));
    }
    if (first == QLatin1String("review") && n == 4 && method == "PUT" && s.at(2) == QLatin1String("perform")) {
        return m_forum.performReviewable(account, segmentInt(s.at(1)), s.at(3),
                                         intValue(request.param(QStringLiteral("version"))).value_or(-1));
    }
    return discourseError(404, QStringLiteral("The requested URL or resource could not be found."),
                          QStringLiteral("not_found"));
}

} // namespace baton::sandbox
