#pragma once

#include "core/sandbox/RateLimiter.h"
#include "core/sandbox/RouteSet.h"

#include <QStringList>

namespace baton::sandbox {

class DiscourseForum;

struct DiscourseLimits {
    int adminPerWindow = 60; // max_admin_api_reqs_per_minute
    int userPerWindow = 20;  // max_user_api_reqs_per_minute
    int userPerDay = 2880;   // max_user_api_reqs_per_day
    qint64 windowMs = 60000;
};

// The Discourse API under /discourse (api-contracts.md §4): Api-Key + Api-Username or User-Api-Key auth,
// ".json" routes, per-key limits answered in Discourse's two 429 flavours (the application's JSON with
// extras.wait_seconds for admin keys and forced limits, the middleware's text/plain for user API keys), both with
// Retry-After and Discourse-Rate-Limit-Error-Code. State lives in DiscourseForum.
class DiscourseRoutes final : public RouteSet {
public:
    DiscourseRoutes(DiscourseForum& forum, const DiscourseLimits& limits);
    Q_DISABLE_COPY_MOVE(DiscourseRoutes)

    QString name() const override { return QStringLiteral("discourse"); }
    QString basePath() const override { return QStringLiteral("/discourse"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    static HttpResponse jsonRateLimit(int waitSeconds, const QByteArray& code);
    static HttpResponse middlewareRateLimit(int waitSeconds, const QByteArray& code, const QString& what);

private:
    // -1 anonymous, -2 credentials given but rejected, else the account index.
    int authenticate(const HttpRequest& request) const;
    HttpResponse dispatch(const HttpRequest& request, const QStringList& segments, int account);

    DiscourseForum& m_forum;
    RateLimiter m_admin;
    RateLimiter m_user;
    RateLimiter m_userDay;
};

} // namespace baton::sandbox
