#pragma once

#include "core/sandbox/RateLimiter.h"
#include "core/sandbox/RouteSet.h"

#include <QMutex>
#include <QStringList>
#include <memory>

namespace baton::sandbox {

class RedditStore;

// The Reddit API under /reddit (api-contracts.md §3 and §9): both hosts in one — /api/v1/access_token as on
// www.reddit.com (HTTP Basic "client_id:" for an installed app, token errors inside HTTP 200) and the OAuth API
// as on oauth.reddit.com (bearer tokens that expire, listings with after/before fullnames, POST /api/comment with
// its errors inside HTTP 200, moderation, X-Ratelimit-Used/Remaining/Reset with a float Remaining, 429 as JSON).
// Requests without a descriptive User-Agent ("platform:app:version (by /u/name)") are refused.
class RedditRoutes final : public RouteSet {
public:
    RedditRoutes(RedditStore& store, int rateLimit, qint64 rateWindowMs);
    Q_DISABLE_COPY_MOVE(RedditRoutes)

    QString name() const override { return QStringLiteral("reddit"); }
    QString basePath() const override { return QStringLiteral("/reddit"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    // The budget per client id (Reddit: 600 requests per 10 minutes, i.e. 100 per minute).
    void setRateLimit(int limit, qint64 windowMs);
    static bool acceptableUserAgent(const QByteArray& userAgent);

private:
    HttpResponse dispatch(const HttpRequest& request, const QStringList& segments, int account);
    HttpResponse accessToken(const HttpRequest& request);
    static void addRateHeaders(HttpResponse& response, const RateLimiter::State& state, qint64 nowMs);
    static QString bearerToken(const HttpRequest& request);
    QString clientOf(int account) const;

    RedditStore& m_store;
    QMutex m_limiterMutex;
    std::unique_ptr<RateLimiter> m_limiter;
    QStringList m_clients; // per account index
};

} // namespace baton::sandbox
