#include "core/sandbox/google/GoogleReviewsRoutes.h"

#include "core/sandbox/google/GoogleApi.h"
#include "core/sandbox/google/GoogleReviewsStore.h"

namespace baton::sandbox {
namespace {

HttpResponse invalid(const QString& message) {
    return google::error(400, message, QString());
}

} // namespace

GoogleReviewsRoutes::GoogleReviewsRoutes(GoogleReviewsStore& store)
    : m_store(store) {
}

RouteResult GoogleReviewsRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    const int account = m_store.accountForToken(google::bearerToken(request));
    if (account >= 0) {
        result.account = m_store.accountName(account);
    }
    const QStringList segments = localPath.split(u'/', Qt::SkipEmptyParts);
    if (segments.isEmpty() || segments.constFirst() != QLatin1String("v4")) {
        result.response = google::error(404, QStringLiteral("Not Found"), QString());
        return result;
    }
    if (account < 0) {
        result.response = google::unauthenticated();
        return result;
    }
    result.response = dispatch(request, segments, account);
    return result;
}

RouteResult GoogleReviewsRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    Q_UNUSED(untilWallMs)
    RouteResult result;
    const int account = m_store.accountForToken(google::bearerToken(request));
    if (account >= 0) {
        result.account = m_store.accountName(account);
    }
    result.response = google::error(429,
                                    QStringLiteral("Quota exceeded for quota metric 'Requests' and limit 'Requests "
                                                   "per minute' of service 'mybusiness.googleapis.com'."),
                                    QString(), QString(), QStringLiteral("RESOURCE_EXHAUSTED"));
    return result;
}

HttpResponse GoogleReviewsRoutes::dispatch(const HttpRequest& request, const QStringList& s, int account) {
    const QByteArray& m = request.method;
    const bool get = m == "GET" || m == "HEAD";
    const qsizetype n = s.size();
    // v4 / accounts [/ A / locations [/ L / reviews [/ R [/ reply]]]]
    if (n < 2 || s.at(1) != QLatin1String("accounts")) {
        return google::error(404, QStringLiteral("Not Found"), QString());
    }
    if (n == 2 && get) {
        return m_store.listAccounts(account);
    }
    if (n == 4 && get && s.at(3) == QLatin1String("locations")) {
        return m_store.listLocations(account, s.at(2));
    }
    if (n < 6 || s.at(3) != QLatin1String("locations") || s.at(5) != QLatin1String("reviews")) {
        return google::error(404, QStringLiteral("Not Found"), QString());
    }
    const QString& accountId = s.at(2);
    const QString& locationId = s.at(4);
    if (n == 6 && get) {
        int pageSize = kMaxPageSize;
        if (const auto raw = request.param(QStringLiteral("pageSize"))) {
            bool ok = false;
            pageSize = raw->toInt(&ok);
            if (!ok || pageSize < 0 || pageSize > kMaxPageSize) {
                return invalid(QStringLiteral("Invalid page size: must be between 0 and 50."));
            }
            if (pageSize == 0) {
                pageSize = kMaxPageSize;
            }
        }
        const QString orderBy = request.param(QStringLiteral("orderBy")).value_or(QStringLiteral("updateTime desc"));
        if (orderBy != QLatin1String("updateTime desc") && orderBy != QLatin1String("rating") &&
            orderBy != QLatin1String("rating desc")) {
            return invalid(QStringLiteral("Invalid orderBy: ") + orderBy);
        }
        return m_store.listReviews(account, accountId, locationId, pageSize,
                                   request.param(QStringLiteral("pageToken")).value_or(QString()), orderBy);
    }
    if (n == 7 && get) {
        return m_store.getReview(account, accountId, locationId, s.at(6));
    }
    if (n == 8 && s.at(7) == QLatin1String("reply")) {
        if (m == "PUT") {
            if (request.badBody) {
                return invalid(QStringLiteral("Invalid JSON payload received."));
            }
            const QString comment = request.json.value(QLatin1String("comment")).toString();
            if (comment.trimmed().isEmpty()) {
                return invalid(QStringLiteral("Request contains an invalid argument: comment is required."));
            }
            if (comment.toUtf8().size() > kMaxReplyBytes) {
                return invalid(QStringLiteral("Request contains an invalid argument: comment is longer than 4096 "
                                              "bytes."));
            }
            return m_store.putReply(account, accountId, locationId, s.at(6), comment);
        }
        if (m == "DELETE") {
            return m_store.deleteReply(account, accountId, locationId, s.at(6));
        }
    }
    return google::error(404, QStringLiteral("Not Found"), QString());
}

} // namespace baton::sandbox
