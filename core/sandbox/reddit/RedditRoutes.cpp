#include "core/sandbox/reddit/RedditRoutes.h"

#include "core/sandbox/reddit/RedditStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <cmath>

namespace baton::sandbox {

namespace {

HttpResponse redditError(int status) {
    return HttpResponse::json(status, QJsonDocument(RedditStore::error(status)).toJson(QJsonDocument::Compact));
}

RedditStore::ListingRequest listingRequest(const HttpRequest& request) {
    RedditStore::ListingRequest page;
    page.after = request.param(QStringLiteral("after")).value_or(QString());
    page.before = request.param(QStringLiteral("before")).value_or(QString());
    bool ok = false;
    const int limit = request.param(QStringLiteral("limit")).value_or(QString()).toInt(&ok);
    page.limit = ok ? qBound(1, limit, 100) : 25;
    page.rawJson = request.param(QStringLiteral("raw_json")).value_or(QString()) == QLatin1String("1");
    return page;
}

bool rawJson(const HttpRequest& request) {
    return request.param(QStringLiteral("raw_json")).value_or(QString()) == QLatin1String("1");
}

} // namespace

RedditRoutes::RedditRoutes(RedditStore& store, int rateLimit, qint64 rateWindowMs)
    : m_store(store)
    , m_limiter(std::make_unique<RateLimiter>(rateLimit, rateWindowMs)) {
    for (const SandboxAccount& a : store.accounts({})) {
        m_clients.append(
            QJsonDocument::fromJson(a.token.toUtf8()).object().value(QLatin1String("client_id")).toString());
    }
}

void RedditRoutes::setRateLimit(int limit, qint64 windowMs) {
    const QMutexLocker lock(&m_limiterMutex);
    m_limiter = std::make_unique<RateLimiter>(limit, windowMs);
}

QString RedditRoutes::clientOf(int account) const {
    return m_clients.value(account);
}

bool RedditRoutes::acceptableUserAgent(const QByteArray& userAgent) {
    // Reddit asks for "<platform>:<app ID>:<version string> (by /u/<reddit username>)" and throttles hard the
    // defaults of HTTP libraries.
    static const QRegularExpression kShape(QStringLiteral("^[^:\\s]+:[^:\\s]+:[^\\s]+"));
    static const char* const kGeneric[] = {"curl/",          "python-requests", "python-urllib",
                                           "go-http-client", "java/",           "okhttp",
                                           "wget",           "libcurl",         "mozilla/"};
    const QString ua = QString::fromLatin1(userAgent).trimmed();
    if (ua.isEmpty()) {
        return false;
    }
    for (const char* generic : kGeneric) {
        if (ua.startsWith(QLatin1String(generic), Qt::CaseInsensitive)) {
            return false;
        }
    }
    return kShape.match(ua).hasMatch();
}

QString RedditRoutes::bearerToken(const HttpRequest& request) {
    const QByteArray authorization = request.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space <= 0 || authorization.left(space).toLower() != "bearer") {
        return {};
    }
    return QString::fromLatin1(authorization.mid(space + 1).trimmed());
}

void RedditRoutes::addRateHeaders(HttpResponse& response, const RateLimiter::State& state, qint64 nowMs) {
    const int used = state.limit - state.remaining;
    const qint64 resetSeconds = qMax<qint64>(0, (state.resetAtMs - nowMs + 999) / 1000);
    response.setHeader("X-Ratelimit-Used", QByteArray::number(qMax(used, 0)));
    response.setHeader("X-Ratelimit-Remaining", QByteArray::number(double(state.remaining), 'f', 1));
    response.setHeader("X-Ratelimit-Reset", QByteArray::number(resetSeconds));
    response.setHeader("Cache-Control", "private, s-maxage=0, max-age=0, must-revalidate, no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
}

HttpResponse RedditRoutes::accessToken(const HttpRequest& request) {
    // www.reddit.com/api/v1/access_token: HTTP Basic "client_id:" (installed app: empty secret).
    const QByteArray authorization = request.header("authorization");
    QString clientId;
    QString secret;
    bool basic = false;
    if (authorization.toLower().startsWith("basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0) {
            basic = true;
            clientId = QString::fromUtf8(decoded.left(colon));
            secret = QString::fromUtf8(decoded.mid(colon + 1));
        }
    }
    if (!basic || !secret.isEmpty() || !m_store.clientKnown(clientId)) {
        HttpResponse r = redditError(401);
        r.setHeader("WWW-Authenticate", "Basic realm=\"reddit\"");
        return r;
    }
    return m_store.grant(request.param(QStringLiteral("grant_type")).value_or(QString()),
                         request.param(QStringLiteral("refresh_token")).value_or(QString()), request.receivedAtMs);
}

RouteResult RedditRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    QStringList segments = localPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!segments.isEmpty() && segments.constLast().endsWith(QLatin1String(".json"))) {
        segments.last().chop(5);
    }
    if (!acceptableUserAgent(request.header("user-agent"))) {
        result.response = redditError(403);
        return result;
    }
    if (request.method == "POST" &&
        segments == QStringList{QStringLiteral("api"), QStringLiteral("v1"), QStringLiteral("access_token")}) {
        result.response = accessToken(request);
        return result;
    }

    const RedditStore::Auth auth = m_store.authenticate(bearerToken(request), request.receivedAtMs);
    if (auth.account >= 0) {
        result.account = m_store.accountName(auth.account);
    }
    // The budget is per OAuth client id, shared by every user of the app; every request counts.
    RateLimiter::State rate;
    {
        const QString key = auth.account >= 0 ? QStringLiteral("client:") + clientOf(auth.account)
                                              : QStringLiteral("ip:") + request.peer;
        const QMutexLocker lock(&m_limiterMutex);
        rate = m_limiter->hit(key, request.receivedAtMs);
    }
    if (rate.limited) {
        result.response = redditError(429);
        addRateHeaders(result.response, rate, request.receivedAtMs);
        return result;
    }
    if (auth.account < 0 || auth.expired) {
        result.response = redditError(401);
        result.response.setHeader("WWW-Authenticate", "Bearer realm=\"reddit\", error=\"invalid_token\"");
    } else if (request.badBody) {
        result.response = redditError(400);
    } else {
        result.response = dispatch(request, segments, auth.account);
    }
    addRateHeaders(result.response, rate, request.receivedAtMs);
    return result;
}

RouteResult RedditRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    RouteResult result;
    const RedditStore::Auth auth = m_store.authenticate(bearerToken(request), request.receivedAtMs);
    if (auth.account >= 0) {
        result.account = m_store.accountName(auth.account);
    }
    RateLimiter::State state;
    {
        const QMutexLocker lock(&m_limiterMutex);
        state.limit = m_limiter->limit();
    }
    state.remaining = 0;
    state.resetAtMs = untilWallMs;
    result.response = redditError(429);
    addRateHeaders(result.response, state, request.receivedAtMs);
    return result;
}

HttpResponse RedditRoutes::dispatch(const HttpRequest& request, const QStringList& s, int account) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    const qsizetype n = s.size();
    auto param = [&](const char* name) { return request.param(QString::fromLatin1(name)).value_or(QString()); };

    if (get && n == 3 && s.at(0) == QLatin1String("api") && s.at(1) == QLatin1String("v1") &&
        s.at(2) == QLatin1String("me")) {
        return m_store.me(account);
    }
    if (get && n == 2 && s.at(0) == QLatin1String("message")) {
        static const QStringList kWhere{QStringLiteral("inbox"),    QStringLiteral("unread"),
                                        QStringLiteral("comments"), QStringLiteral("selfreply"),
                                        QStringLiteral("mentions"), QStringLiteral("messages"),
                                        QStringLiteral("sent")};
        if (!kWhere.contains(s.at(1))) {
            return redditError(404);
        }
        RedditStore::ListingRequest page = listingRequest(request);
        const HttpResponse response = m_store.inbox(account, s.at(1), page);
        if (param("mark") == QLatin1String("true")) {
            // mark=true marks what was listed as read (API requests default to mark=false).
            const QJsonObject listing = QJsonDocument::fromJson(response.body).object();
            QStringList names;
            for (const QJsonValue& child :
                 listing.value(QLatin1String("data")).toObject().value(QLatin1String("children")).toArray()) {
                names.append(
                    child.toObject().value(QLatin1String("data")).toObject().value(QLatin1String("name")).toString());
            }
            m_store.readMessages(account, names);
        }
        return response;
    }
    if (get && n == 3 && s.at(0) == QLatin1String("message") && s.at(1) == QLatin1String("messages")) {
        return m_store.messageThread(account, s.at(2), rawJson(request));
    }
    if (get && n == 4 && s.at(0) == QLatin1String("r") && s.at(2) == QLatin1String("about")) {
        static const QStringList kLocations{QStringLiteral("modqueue"), QStringLiteral("reports"),
                                            QStringLiteral("spam"), QStringLiteral("unmoderated"),
                                            QStringLiteral("edited")};
        if (!kLocations.contains(s.at(3))) {
            return redditError(404);
        }
        return m_store.about(account, s.at(1), s.at(3), param("only"), listingRequest(request));
    }
    // /comments/{link}[/{slug}[/{comment}]] and /r/{sub}/comments/...
    const qsizetype c = n >= 2 && s.at(0) == QLatin1String("comments")                                    ? 0
                        : n >= 4 && s.at(0) == QLatin1String("r") && s.at(2) == QLatin1String("comments") ? 2
                                                                                                          : -1;
    if (get && c >= 0) {
        const QString link = s.at(c + 1);
        const QString comment = n > c + 3 ? s.at(c + 3) : QString();
        bool ok = false;
        const int context = param("context").toInt(&ok);
        return m_store.comments(account, link, comment, ok ? context : 0, rawJson(request));
    }
    if (get && n == 2 && s.at(0) == QLatin1String("api") && s.at(1) == QLatin1String("info")) {
        return m_store.info(account, param("id").split(QLatin1Char(','), Qt::SkipEmptyParts), rawJson(request));
    }
    if (get && n == 3 && s.at(0) == QLatin1String("user") && s.at(2) == QLatin1String("comments")) {
        return m_store.userComments(account, s.at(1), listingRequest(request));
    }
    if (post && n == 2 && s.at(0) == QLatin1String("api")) {
        const QString& action = s.at(1);
        const QString id = param("id");
        if (action == QLatin1String("comment")) {
            return m_store.comment(account, param("thing_id"), request.param(QStringLiteral("text")),
                                   param("api_type") == QLatin1String("json"), rawJson(request));
        }
        if (action == QLatin1String("remove")) {
            // spam defaults to true: a client that wants a plain removal must say spam=false.
            const QString spam = param("spam");
            return m_store.moderate(account, RedditStore::ModAction::Remove, id,
                                    spam.isEmpty() || spam.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0);
        }
        static const QList<std::pair<QString, RedditStore::ModAction>> kActions{
            {QStringLiteral("approve"), RedditStore::ModAction::Approve},
            {QStringLiteral("lock"), RedditStore::ModAction::Lock},
            {QStringLiteral("unlock"), RedditStore::ModAction::Unlock},
            {QStringLiteral("ignore_reports"), RedditStore::ModAction::IgnoreReports},
            {QStringLiteral("unignore_reports"), RedditStore::ModAction::UnignoreReports}};
        for (const auto& [name, mod] : kActions) {
            if (action == name) {
                return m_store.moderate(account, mod, id, false);
            }
        }
        if (action == QLatin1String("del")) {
            return m_store.deleteOwn(account, id);
        }
        if (action == QLatin1String("block")) {
            return m_store.block(account, id);
        }
        if (action == QLatin1String("read_message")) {
            return m_store.readMessages(account, id.split(QLatin1Char(','), Qt::SkipEmptyParts));
        }
    }
    return redditError(404);
}

} // namespace baton::sandbox
