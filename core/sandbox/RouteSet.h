#pragma once

#include "core/sandbox/HttpRequest.h"
#include "core/sandbox/HttpResponse.h"

#include <QString>

namespace baton::sandbox {

struct RouteResult {
    HttpResponse response;
    QString account; // demo account the request authenticated as, for the journal
};

// One network's protocol, mounted under its own base path (Mastodon at /mastodon, later Bluesky at /bluesky ...).
// handle() is called on the server thread; implementations guard their own state.
class RouteSet {
public:
    virtual ~RouteSet() = default;

    virtual QString name() const = 0;
    virtual QString basePath() const = 0; // "/mastodon": no trailing slash

    // localPath is the request path below basePath ("/api/v1/notifications").
    virtual RouteResult handle(const HttpRequest& request, const QString& localPath) = 0;
    // The network's own "too many requests" answer, for a 429 forced by the fault switchboard.
    virtual RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) = 0;
};

} // namespace baton::sandbox
