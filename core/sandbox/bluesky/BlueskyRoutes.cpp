#include "core/sandbox/bluesky/BlueskyRoutes.h"

#include "core/sandbox/bluesky/BlueskyFormat.h"
#include "core/sandbox/bluesky/BlueskyStore.h"

#include <QHash>

namespace baton::sandbox {

using namespace bluesky;

namespace {

enum class Kind { Query, Procedure };
enum class Auth { None, Access, Refresh };

struct Method {
    Kind kind;
    Auth auth;
};

const QHash<QString, Method>& methods() {
    static const QHash<QString, Method> table = {
        {QStringLiteral("com.atproto.server.createSession"), {Kind::Procedure, Auth::None}},
        {QStringLiteral("com.atproto.server.refreshSession"), {Kind::Procedure, Auth::Refresh}},
        {QStringLiteral("com.atproto.server.getSession"), {Kind::Query, Auth::Access}},
        {QStringLiteral("app.bsky.notification.listNotifications"), {Kind::Query, Auth::Access}},
        {QStringLiteral("app.bsky.notification.getUnreadCount"), {Kind::Query, Auth::Access}},
        {QStringLiteral("app.bsky.notification.updateSeen"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("app.bsky.feed.getPostThread"), {Kind::Query, Auth::Access}},
        {QStringLiteral("com.atproto.repo.createRecord"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("com.atproto.repo.deleteRecord"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("app.bsky.graph.muteActor"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("app.bsky.graph.unmuteActor"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("com.atproto.moderation.createReport"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("app.bsky.graph.muteThread"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("app.bsky.graph.unmuteThread"), {Kind::Procedure, Auth::Access}},
        {QStringLiteral("com.atproto.repo.getRecord"), {Kind::Query, Auth::Access}},
        {QStringLiteral("app.bsky.actor.getProfile"), {Kind::Query, Auth::Access}},
        {QStringLiteral("com.atproto.identity.resolveHandle"), {Kind::Query, Auth::Access}},
    };
    return table;
}

HttpResponse invalid(const QString& message) {
    return error(400, QStringLiteral("InvalidRequest"), message);
}

QString bearer(const HttpRequest& request, bool* present) {
    const QByteArray authorization = request.header("authorization");
    *present = !authorization.trimmed().isEmpty();
    const qsizetype space = authorization.indexOf(' ');
    if (space <= 0 || authorization.left(space).toLower() != "bearer") {
        return {};
    }
    return QString::fromLatin1(authorization.mid(space + 1).trimmed());
}

// An integer parameter within [low, high]; the XRPC server's own wording when it is not.
std::optional<int> intParam(const HttpRequest& request, const QString& name, int fallback, int low, int high,
                            HttpResponse* bad) {
    const std::optional<QString> raw = request.param(name);
    if (!raw) {
        return fallback;
    }
    bool ok = false;
    const int value = raw->toInt(&ok);
    if (!ok) {
        *bad = invalid(QStringLiteral("%1 must be an integer").arg(name));
        return std::nullopt;
    }
    if (value < low) {
        *bad = invalid(QStringLiteral("%1 can not be less than %2").arg(name).arg(low));
        return std::nullopt;
    }
    if (value > high) {
        *bad = invalid(QStringLiteral("%1 can not be greater than %2").arg(name).arg(high));
        return std::nullopt;
    }
    return value;
}

void addRateHeaders(HttpResponse& response, const RateLimiter::State& state, qint64 windowMs, qint64 nowMs) {
    response.setHeader("RateLimit-Limit", QByteArray::number(state.limit));
    response.setHeader("RateLimit-Remaining", QByteArray::number(state.remaining));
    response.setHeader("RateLimit-Reset", QByteArray::number((state.resetAtMs + 999) / 1000));
    response.setHeader("RateLimit-Policy",
                       QByteArray::number(state.limit) + ";w=" + QByteArray::number(windowMs / 1000));
    if (state.limited) {
        response.setHeader("Retry-After",
                           QByteArray::number(std::max<qint64>(1, (state.resetAtMs - nowMs + 999) / 1000)));
    }
}

HttpResponse tooMany() {
    return error(429, QStringLiteral("RateLimitExceeded"), QStringLiteral("Rate Limit Exceeded"));
}

} // namespace

BlueskyRoutes::BlueskyRoutes(BlueskyStore& store, int rateLimit, qint64 rateWindowMs)
    : m_store(store)
    , m_ipLimiter(rateLimit, rateWindowMs)
    , m_sessionLimiter(kSessionLimit, kSessionWindowMs)
    , m_windowMs(std::max<qint64>(1000, rateWindowMs)) {
}

QString BlueskyRoutes::pdsUrl(const HttpRequest& request) {
    QString host = QString::fromLatin1(request.header("host"));
    if (host.isEmpty()) {
        host = request.localAuthority;
    }
    return QStringLiteral("http://") + host + QStringLiteral("/bluesky");
}

RouteResult BlueskyRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    const qint64 now = request.receivedAtMs;
    const RateLimiter::State ip = m_ipLimiter.hit(QStringLiteral("ip:") + request.peer, now);
    if (ip.limited) {
        result.response = tooMany();
        addRateHeaders(result.response, ip, m_windowMs, now);
        return result;
    }
    if (!localPath.startsWith(QLatin1String("/xrpc/"))) {
        result.response = error(404, QStringLiteral("NotFound"), QStringLiteral("Not Found"));
    } else {
        result.response = dispatch(request, localPath.mid(6), result);
    }
    // createSession answers with its tighter per-account budget instead.
    if (result.response.header("RateLimit-Limit").isEmpty()) {
        addRateHeaders(result.response, ip, m_windowMs, now);
    }
    return result;
}

RouteResult BlueskyRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    RouteResult result;
    result.response = tooMany();
    RateLimiter::State state;
    state.limit = m_ipLimiter.limit();
    state.remaining = 0;
    state.resetAtMs = untilWallMs;
    state.limited = true;
    addRateHeaders(result.response, state, m_windowMs, request.receivedAtMs);
    return result;
}

HttpResponse BlueskyRoutes::createSession(const HttpRequest& request, RouteResult& result) {
    if (request.badBody || !request.json.value(QStringLiteral("identifier")).isString() ||
        !request.json.value(QStringLiteral("password")).isString()) {
        return invalid(QStringLiteral("Input must have the properties \"identifier\" and \"password\""));
    }
    const QString identifier = request.json.value(QStringLiteral("identifier")).toString();
    const int account = m_store.accountForIdentifier(identifier);
    // The per-account budget counts every attempt, successful or not.
    const QString key = account >= 0 ? m_store.accountDid(account) : identifier.trimmed().toLower();
    const RateLimiter::State state = m_sessionLimiter.hit(key, request.receivedAtMs);
    HttpResponse response;
    if (state.limited) {
        response = tooMany();
    } else {
        response =
            m_store.createSession(account, request.json.value(QStringLiteral("password")).toString(), pdsUrl(request));
        if (response.status == 200) {
            result.account = m_store.accountName(account);
        }
    }
    addRateHeaders(response, state, kSessionWindowMs, request.receivedAtMs);
    return response;
}

HttpResponse BlueskyRoutes::dispatch(const HttpRequest& request, const QString& nsid, RouteResult& result) {
    const auto found = methods().constFind(nsid);
    if (found == methods().constEnd()) {
        return error(501, QStringLiteral("MethodNotImplemented"), QStringLiteral("Method Not Implemented"));
    }
    const Method method = *found;
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (method.kind == Kind::Query && !get) {
        return invalid(
            QStringLiteral("Incorrect HTTP method (%1) expected GET").arg(QString::fromLatin1(request.method)));
    }
    if (method.kind == Kind::Procedure && request.method != "POST") {
        return invalid(
            QStringLiteral("Incorrect HTTP method (%1) expected POST").arg(QString::fromLatin1(request.method)));
    }
    if (method.kind == Kind::Procedure && request.badBody) {
        return invalid(QStringLiteral("Request body is not valid JSON"));
    }
    if (method.auth == Auth::None) {
        return createSession(request, result);
    }
    bool present = false;
    const QString token = bearer(request, &present);
    if (!present) {
        return error(401, QStringLiteral("AuthMissing"), QStringLiteral("Authentication Required"));
    }
    if (token.isEmpty()) {
        return error(401, QStringLiteral("InvalidToken"), QStringLiteral("Unexpected authorization type"));
    }
    const BlueskyStore::Auth auth = m_store.authenticate(token, method.auth == Auth::Refresh);
    if (auth.account < 0) {
        return error(auth.status, auth.error, auth.message);
    }
    const int account = auth.account;
    result.account = m_store.accountName(account);
    const QJsonObject& body = request.json;

    if (nsid == QLatin1String("com.atproto.server.refreshSession")) {
        return m_store.refreshSession(account, token, pdsUrl(request));
    }
    if (nsid == QLatin1String("com.atproto.server.getSession")) {
        return m_store.getSession(account, pdsUrl(request));
    }
    if (nsid == QLatin1String("app.bsky.notification.listNotifications")) {
        HttpResponse bad;
        const std::optional<int> limit = intParam(request, QStringLiteral("limit"), 50, 1, 100, &bad);
        if (!limit) {
            return bad;
        }
        BlueskyStore::NotificationQuery query;
        query.limit = *limit;
        query.cursor = request.param(QStringLiteral("cursor")).value_or(QString());
        query.reasons = url::values(request.query, QStringLiteral("reasons"));
        return m_store.listNotifications(account, query);
    }
    if (nsid == QLatin1String("app.bsky.notification.getUnreadCount")) {
        return m_store.unreadCount(account);
    }
    if (nsid == QLatin1String("app.bsky.notification.updateSeen")) {
        if (!body.value(QStringLiteral("seenAt")).isString()) {
            return invalid(QStringLiteral("Input must have the property \"seenAt\""));
        }
        return m_store.updateSeen(account, body.value(QStringLiteral("seenAt")).toString());
    }
    if (nsid == QLatin1String("app.bsky.feed.getPostThread")) {
        const QString uri = request.param(QStringLiteral("uri")).value_or(QString());
        if (uri.isEmpty()) {
            return invalid(QStringLiteral("Params must have the property \"uri\""));
        }
        if (!uri.startsWith(QLatin1String("at://"))) {
            return invalid(QStringLiteral("uri must be a valid at-uri"));
        }
        HttpResponse bad;
        const std::optional<int> depth = intParam(request, QStringLiteral("depth"), 6, 0, 1000, &bad);
        if (!depth) {
            return bad;
        }
        const std::optional<int> height = intParam(request, QStringLiteral("parentHeight"), 80, 0, 1000, &bad);
        if (!height) {
            return bad;
        }
        return m_store.postThread(account, uri, *depth, *height);
    }
    if (nsid == QLatin1String("com.atproto.repo.createRecord")) {
        return m_store.createRecord(account, body);
    }
    if (nsid == QLatin1String("com.atproto.repo.deleteRecord")) {
        return m_store.deleteRecord(account, body);
    }
    if (nsid == QLatin1String("app.bsky.graph.muteActor") || nsid == QLatin1String("app.bsky.graph.unmuteActor")) {
        return m_store.mute(account, body.value(QStringLiteral("actor")).toString(),
                            nsid == QLatin1String("app.bsky.graph.muteActor"));
    }
    if (nsid == QLatin1String("com.atproto.moderation.createReport")) {
        return m_store.createReport(account, body);
    }
    if (nsid == QLatin1String("app.bsky.graph.muteThread") || nsid == QLatin1String("app.bsky.graph.unmuteThread")) {
        return m_store.muteThread(account, body.value(QStringLiteral("root")).toString(),
                                  nsid == QLatin1String("app.bsky.graph.muteThread"));
    }
    if (nsid == QLatin1String("com.atproto.repo.getRecord")) {
        const QString repo = request.param(QStringLiteral("repo")).value_or(QString());
        const QString collection = request.param(QStringLiteral("collection")).value_or(QString());
        const QString rkey = request.param(QStringLiteral("rkey")).value_or(QString());
        if (repo.isEmpty() || collection.isEmpty() || rkey.isEmpty()) {
            return invalid(QStringLiteral("Params must have the properties \"repo\", \"collection\" and \"rkey\""));
        }
        return m_store.getRecord(repo, collection, rkey);
    }
    if (nsid == QLatin1String("app.bsky.actor.getProfile")) {
        const QString actor = request.param(QStringLiteral("actor")).value_or(QString());
        if (actor.isEmpty()) {
            return invalid(QStringLiteral("Params must have the property \"actor\""));
        }
        return m_store.getProfile(account, actor);
    }
    if (nsid == QLatin1String("com.atproto.identity.resolveHandle")) {
        const QString handle = request.param(QStringLiteral("handle")).value_or(QString());
        if (handle.isEmpty()) {
            return invalid(QStringLiteral("Params must have the property \"handle\""));
        }
        return m_store.resolveHandle(handle);
    }
    return error(501, QStringLiteral("MethodNotImplemented"), QStringLiteral("Method Not Implemented"));
}

} // namespace baton::sandbox
