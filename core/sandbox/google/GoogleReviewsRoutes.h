#pragma once

#include "core/sandbox/RouteSet.h"

namespace baton::sandbox {

class GoogleReviewsStore;

// The Google Business Profile reviews API (My Business v4) under /google, as on mybusiness.googleapis.com:
// GET /v4/accounts, GET /v4/accounts/A/locations, GET …/locations/L/reviews (pageSize ≤ 50, pageToken,
// orderBy; nextPageToken left out on the last page), GET …/reviews/R, PUT …/reviews/R/reply (upsert) and
// DELETE …/reviews/R/reply. Errors are Google's {"error":{"code","message","status"}}; 429 RESOURCE_EXHAUSTED.
class GoogleReviewsRoutes final : public RouteSet {
public:
    explicit GoogleReviewsRoutes(GoogleReviewsStore& store);
    Q_DISABLE_COPY_MOVE(GoogleReviewsRoutes)

    QString name() const override { return QStringLiteral("google-reviews"); }
    QString basePath() const override { return QStringLiteral("/google"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    static constexpr int kMaxPageSize = 50;
    static constexpr int kMaxReplyBytes = 4096;

private:
    HttpResponse dispatch(const HttpRequest& request, const QStringList& segments, int account);

    GoogleReviewsStore& m_store;
};

} // namespace baton::sandbox
