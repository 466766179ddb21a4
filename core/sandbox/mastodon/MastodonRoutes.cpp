#include "core/sandbox/mastodon/MastodonRoutes.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/mastodon/MastodonStore.h"

#include <QUuid>

namespace baton::sandbox {

namespace {

constexpr int kNotificationsLimit = 40;
constexpr int kConversationsLimit = 20;
constexpr int kStatusesLimit = 20;

qint64 segmentId(const QString& segment) {
    return MastodonPaging::idParam(segment);
}

} // namespace

MastodonRoutes::MastodonRoutes(MastodonStore& store, int rateLimit, qint64 rateWindowMs)
    : m_store(store)
    , m_limiter(rateLimit, rateWindowMs) {
}

QString MastodonRoutes::bearerToken(const HttpRequest& request) {
    const QByteArray authorization = request.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space <= 0 || authorization.left(space).toLower() != "bearer") {
        return {};
    }
    return QString::fromLatin1(authorization.mid(space + 1).trimmed());
}

std::optional<MastodonRoutes::Match> MastodonRoutes::match(const QByteArray& method, const QStringList& s) {
    const bool get = method == "GET" || method == "HEAD";
    const bool post = method == "POST";
    if (s.size() < 3 || s.at(0) != QLatin1String("api") || s.at(1) != QLatin1String("v1")) {
        return std::nullopt;
    }
    const QString& resource = s.at(2);
    const qsizetype n = s.size();
    if (resource == QLatin1String("accounts")) {
        if (n == 4 && get && s.at(3) == QLatin1String("verify_credentials")) {
            return Match{Route::VerifyCredentials};
        }
        if (n == 4 && get) {
            return Match{Route::Account, segmentId(s.at(3))};
        }
        if (n == 5 && get && s.at(4) == QLatin1String("statuses")) {
            return Match{Route::AccountStatuses, segmentId(s.at(3))};
        }
        if (n == 5 && post) {
            const QString& action = s.at(4);
            const qint64 id = segmentId(s.at(3));
            if (action == QLatin1String("block")) {
                return Match{Route::Block, id};
            }
            if (action == QLatin1String("unblock")) {
                return Match{Route::Unblock, id};
            }
            if (action == QLatin1String("mute")) {
                return Match{Route::Mute, id};
            }
            if (action == QLatin1String("unmute")) {
                return Match{Route::Unmute, id};
            }
        }
    } else if (resource == QLatin1String("notifications")) {
        if (n == 3 && get) {
            return Match{Route::Notifications};
        }
        if (n == 4 && post && s.at(3) == QLatin1String("clear")) {
            return Match{Route::ClearNotifications};
        }
        if (n == 4 && get) {
            return Match{Route::Notification, segmentId(s.at(3))};
        }
        if (n == 5 && post && s.at(4) == QLatin1String("dismiss")) {
            return Match{Route::DismissNotification, segmentId(s.at(3))};
        }
    } else if (resource == QLatin1String("conversations")) {
        if (n == 3 && get) {
            return Match{Route::Conversations};
        }
    } else if (resource == QLatin1String("statuses")) {
        if (n == 3 && post) {
            return Match{Route::PostStatus};
        }
        if (n == 4 && get) {
            return Match{Route::Status, segmentId(s.at(3))};
        }
        if (n == 4 && method == "DELETE") {
            return Match{Route::DeleteStatus, segmentId(s.at(3))};
        }
        if (n == 5 && get && s.at(4) == QLatin1String("context")) {
            return Match{Route::Context, segmentId(s.at(3))};
        }
        if (n == 5 && post && s.at(4) == QLatin1String("mute")) {
            return Match{Route::MuteStatus, segmentId(s.at(3))};
        }
        if (n == 5 && post && s.at(4) == QLatin1String("unmute")) {
            return Match{Route::UnmuteStatus, segmentId(s.at(3))};
        }
    } else if (resource == QLatin1String("reports")) {
        if (n == 3 && post) {
            return Match{Route::Reports};
        }
    }
    return std::nullopt;
}

void MastodonRoutes::addCommonHeaders(HttpResponse& response, const RateLimiter::State& state) {
    response.setHeader("X-RateLimit-Limit", QByteArray::number(state.limit));
    response.setHeader("X-RateLimit-Remaining", QByteArray::number(state.remaining));
    response.setHeader("X-RateLimit-Reset", SandboxClock::iso8601Micros(state.resetAtMs).toLatin1());
    response.setHeader("Cache-Control", "private, no-store");
    response.setHeader("Vary", "Accept, Origin");
    response.setHeader("X-Request-Id", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
}

RouteResult MastodonRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    const QStringList segments = localPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool api = !segments.isEmpty() && segments.constFirst() == QLatin1String("api");
    const QString token = bearerToken(request);
    const int account = m_store.accountForToken(token);
    if (account >= 0) {
        result.account = m_store.accountName(account);
    }

    // Rack::Attack runs before routing and authentication: every API request counts, and a throttled one is
    // answered 429 whatever it asked for.
    std::optional<RateLimiter::State> rate;
    if (api) {
        const QString key = token.isEmpty() ? QStringLiteral("ip:") + request.peer : QStringLiteral("token:") + token;
        rate = m_limiter.hit(key, request.receivedAtMs);
        if (rate->limited) {
            result.response = HttpResponse::jsonError(429, QStringLiteral("Too many requests"));
            addCommonHeaders(result.response, *rate);
            return result;
        }
    }

    const std::optional<Match> matched = match(request.method, segments);
    if (!matched) {
        result.response = HttpResponse::jsonError(404, QStringLiteral("Record not found"));
    } else if (account < 0) {
        result.response = HttpResponse::jsonError(401, QStringLiteral("The access token is invalid"));
        result.response.setHeader("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", "
                                                      "error_description=\"The access token is invalid\"");
    } else if (request.badBody) {
        result.response =
            HttpResponse::jsonError(400, QStringLiteral("Error occurred while parsing request parameters"));
    } else {
        result.response = dispatch(*matched, request, account);
    }
    if (rate) {
        addCommonHeaders(result.response, *rate);
    }
    return result;
}

RouteResult MastodonRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    RouteResult result;
    const int account = m_store.accountForToken(bearerToken(request));
    if (account >= 0) {
        result.account = m_store.accountName(account);
    }
    RateLimiter::State state;
    state.limit = m_limiter.limit();
    state.remaining = 0;
    state.resetAtMs = untilWallMs;
    result.response = HttpResponse::jsonError(429, QStringLiteral("Too many requests"));
    addCommonHeaders(result.response, state);
    return result;
}

HttpResponse MastodonRoutes::listing(const HttpRequest& request, const QByteArray& body, const QString& path,
                                     const QStringList& keptParams, qint64 nextMaxId, qint64 prevMinId) {
    HttpResponse response = HttpResponse::json(200, body);
    const QByteArray link = MastodonPaging::linkHeader(request, basePath() + path, keptParams, nextMaxId, prevMinId);
    if (!link.isEmpty()) {
        response.setHeader("Link", link);
    }
    return response;
}

HttpResponse MastodonRoutes::dispatch(const Match& m, const HttpRequest& request, int account) {
    switch (m.route) {
    case Route::VerifyCredentials:
        return m_store.credentials(account);
    case Route::Account:
        return m_store.person(account, m.id);
    case Route::AccountStatuses: {
        const PageRequest page = MastodonPaging::parse(request, kStatusesLimit);
        MastodonStore::StatusFilter filter;
        filter.excludeReplies = request.truthy(QStringLiteral("exclude_replies"));
        filter.excludeReblogs = request.truthy(QStringLiteral("exclude_reblogs"));
        filter.onlyMedia = request.truthy(QStringLiteral("only_media"));
        filter.pinned = request.truthy(QStringLiteral("pinned"));
        const std::optional<MastodonStore::Page> result = m_store.accountStatuses(account, m.id, filter, page);
        if (!result) {
            return HttpResponse::jsonError(404, QStringLiteral("Record not found"));
        }
        // Link "next" only when the page is full (records_continue?), "prev" whenever it is not empty.
        const QString path = QStringLiteral("/api/v1/accounts/") + QString::number(m.id) + QStringLiteral("/statuses");
        return listing(request, result->body, path,
                       {QStringLiteral("exclude_reblogs"), QStringLiteral("exclude_replies"), QStringLiteral("limit"),
                        QStringLiteral("only_media"), QStringLiteral("pinned")},
                       result->count == page.limit ? result->oldestCursor : 0, result->newestCursor);
    }
    case Route::Block:
    case Route::Unblock:
    case Route::Mute:
    case Route::Unmute: {
        const auto action = m.route == Route::Block     ? MastodonStore::RelationAction::Block
                            : m.route == Route::Unblock ? MastodonStore::RelationAction::Unblock
                            : m.route == Route::Mute    ? MastodonStore::RelationAction::Mute
                                                        : MastodonStore::RelationAction::Unmute;
        const bool notifications =
            !request.param(QStringLiteral("notifications")) || request.truthy(QStringLiteral("notifications"));
        return m_store.relationship(account, m.id, action, notifications);
    }
    case Route::Notifications: {
        const PageRequest page = MastodonPaging::parse(request, kNotificationsLimit);
        MastodonStore::NotificationFilter filter;
        // Strong parameters permit only the array form: a scalar "types=mention" is ignored, as on Mastodon.
        filter.types = request.arrayParam(QStringLiteral("types"));
        filter.excludeTypes = request.arrayParam(QStringLiteral("exclude_types"));
        filter.fromAccountId = MastodonPaging::idParam(request.param(QStringLiteral("account_id")));
        const MastodonStore::Page result = m_store.notifications(account, filter, page);
        return listing(request, result.body, QStringLiteral("/api/v1/notifications"),
                       {QStringLiteral("account_id"), QStringLiteral("exclude_types[]"), QStringLiteral("limit"),
                        QStringLiteral("types[]")},
                       result.oldestCursor, result.newestCursor);
    }
    case Route::Notification:
        return m_store.notification(account, m.id);
    case Route::DismissNotification:
        return m_store.dismissNotification(account, m.id);
    case Route::ClearNotifications:
        return m_store.clearNotifications(account);
    case Route::Conversations: {
        const PageRequest page = MastodonPaging::parse(request, kConversationsLimit);
        const MastodonStore::Page result = m_store.conversations(account, page);
        return listing(request, result.body, QStringLiteral("/api/v1/conversations"), {QStringLiteral("limit")},
                       result.count == page.limit ? result.oldestCursor : 0, result.newestCursor);
    }
    case Route::Status:
        return m_store.status(account, m.id);
    case Route::Context:
        return m_store.context(account, m.id);
    case Route::PostStatus: {
        MastodonStore::NewStatus status;
        status.text = request.param(QStringLiteral("status"));
        status.inReplyToId = request.param(QStringLiteral("in_reply_to_id"));
        status.visibility = request.param(QStringLiteral("visibility"));
        status.language = request.param(QStringLiteral("language"));
        status.spoilerText = request.param(QStringLiteral("spoiler_text")).value_or(QString());
        status.sensitive = request.truthy(QStringLiteral("sensitive"));
        status.idempotencyKey = QString::fromUtf8(request.header("idempotency-key"));
        return m_store.postStatus(account, status);
    }
    case Route::DeleteStatus:
        return m_store.deleteStatus(account, m.id);
    case Route::MuteStatus:
        return m_store.muteThread(account, m.id, true);
    case Route::UnmuteStatus:
        return m_store.muteThread(account, m.id, false);
    case Route::Reports: {
        MastodonStore::NewReport report;
        report.accountId = request.param(QStringLiteral("account_id"));
        report.statusIds = request.arrayParam(QStringLiteral("status_ids"));
        report.comment = request.param(QStringLiteral("comment")).value_or(QString());
        report.category = request.param(QStringLiteral("category"));
        report.ruleIds = request.arrayParam(QStringLiteral("rule_ids"));
        return m_store.report(account, report);
    }
    }
    return HttpResponse::jsonError(404, QStringLiteral("Record not found"));
}

} // namespace baton::sandbox
