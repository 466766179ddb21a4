#pragma once

#include "core/sandbox/RateLimiter.h"
#include "core/sandbox/RouteSet.h"

#include <QStringList>

namespace baton::sandbox {

class MastodonStore;

// The Mastodon client API under /mastodon: routing, bearer-token auth, per-token rate limiting with
// X-RateLimit-* headers, parameter parsing and Link pagination headers. State lives in MastodonStore.
class MastodonRoutes final : public RouteSet {
public:
    MastodonRoutes(MastodonStore& store, int rateLimit, qint64 rateWindowMs);
    Q_DISABLE_COPY_MOVE(MastodonRoutes)

    QString name() const override { return QStringLiteral("mastodon"); }
    QString basePath() const override { return QStringLiteral("/mastodon"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

private:
    enum class Route {
        VerifyCredentials,
        Account,
        AccountStatuses,
        Block,
        Unblock,
        Mute,
        Unmute,
        Notifications,
        Notification,
        DismissNotification,
        ClearNotifications,
        Conversations,
        Status,
        Context,
        PostStatus,
        DeleteStatus,
        MuteStatus,
        UnmuteStatus,
        Reports,
    };
    struct Match {
        Route route;
        qint64 id = 0;
    };

    static std::optional<Match> match(const QByteArray& method, const QStringList& segments);
    HttpResponse dispatch(const Match& match, const HttpRequest& request, int account);
    HttpResponse listing(const HttpRequest& request, const QByteArray& body, const QString& path,
                         const QStringList& keptParams, qint64 nextMaxId, qint64 prevMinId);
    static void addCommonHeaders(HttpResponse& response, const RateLimiter::State& state);
    static QString bearerToken(const HttpRequest& request);

    MastodonStore& m_store;
    RateLimiter m_limiter;
};

} // namespace baton::sandbox
