#pragma once

#include "core/sandbox/RateLimiter.h"
#include "core/sandbox/RouteSet.h"

namespace baton::sandbox {

class BlueskyStore;

// The AT Protocol under /bluesky (api-contracts.md §2 and §9): XRPC methods at /xrpc/<nsid> as a PDS serves them
// (queries GET, procedures POST with JSON), app-password sessions (createSession limited per account to 30 per
// 5 minutes), bearer access tokens that expire (400 ExpiredToken) and rotating refresh tokens, notifications with
// opaque cursors, threads with union $types, records (posts, blocks), mutes and reports. Every answer carries
// RateLimit-Limit/-Remaining/-Reset/-Policy for the per-IP budget (3000 per 5 minutes); a 429 adds Retry-After.
// Errors are always {"error","message"}. State lives in BlueskyStore.
class BlueskyRoutes final : public RouteSet {
public:
    BlueskyRoutes(BlueskyStore& store, int rateLimit, qint64 rateWindowMs);
    Q_DISABLE_COPY_MOVE(BlueskyRoutes)

    QString name() const override { return QStringLiteral("bluesky"); }
    QString basePath() const override { return QStringLiteral("/bluesky"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    static constexpr int kSessionLimit = 30; // createSession per account
    static constexpr qint64 kSessionWindowMs = 300000;

private:
    HttpResponse dispatch(const HttpRequest& request, const QString& nsid, RouteResult& result);
    HttpResponse createSession(const HttpRequest& request, RouteResult& result);
    static QString pdsUrl(const HttpRequest& request);

    BlueskyStore& m_store;
    RateLimiter m_ipLimiter;
    RateLimiter m_sessionLimiter;
    qint64 m_windowMs;
};

} // namespace baton::sandbox
