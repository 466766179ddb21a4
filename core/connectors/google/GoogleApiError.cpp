#include "core/connectors/google/GoogleApiError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace baton::connectors::google {
namespace {

QTimeZone pacific() {
    static const QTimeZone zone = [] {
        QTimeZone z(QByteArrayLiteral("America/Los_Angeles"));
        return z.isValid() ? z : QTimeZone(-8 * 3600); // no zone data: standard time, most of the year
    }();
    return zone;
}

} // namespace

GoogleApiError parseGoogleError(int httpStatus, const QByteArray& body) {
    GoogleApiError e;
    e.code = httpStatus;
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    if (error.isEmpty()) {
        e.message = QString::fromUtf8(body.left(200)).simplified();
        return e;
    }
    e.message = error.value(QLatin1String("message")).toString();
    e.status = error.value(QLatin1String("status")).toString();
    const QJsonObject first = error.value(QLatin1String("errors")).toArray().at(0).toObject();
    e.reason = first.value(QLatin1String("reason")).toString();
    e.domain = first.value(QLatin1String("domain")).toString();
    return e;
}

bool isDailyQuotaError(const GoogleApiError& e) {
    return e.reason == QLatin1String("quotaExceeded") || e.reason == QLatin1String("dailyLimitExceeded");
}

bool isRateLimitError(const GoogleApiError& e) {
    return e.reason == QLatin1String("rateLimitExceeded") || e.reason == QLatin1String("userRateLimitExceeded") ||
           (e.code == 429 && !isDailyQuotaError(e));
}

Error toError(const GoogleApiError& e, qint64 nowMs, qint64 quotaResetAtMs) {
    Error out;
    out.httpStatus = e.code;
    QString what = QStringLiteral("HTTP %1").arg(e.code);
    if (!e.reason.isEmpty()) {
        what += u' ' + e.reason;
    } else if (!e.status.isEmpty()) {
        what += u' ' + e.status;
    }
    out.detail = e.message.isEmpty() ? what : what + QStringLiteral(": ") + e.message;
    if (isDailyQuotaError(e)) {
        out.code = ErrorCode::RateLimited;
        out.retryAtMs = quotaResetAtMs;
    } else if (isRateLimitError(e)) {
        out.code = ErrorCode::RateLimited;
        out.retryAtMs = nowMs + 60'000;
    } else if (e.code == 401) {
        out.code = ErrorCode::Unauthorized;
    } else if (e.code == 403) {
        out.code = ErrorCode::Forbidden;
    } else if (e.code == 404) {
        out.code = ErrorCode::NotFound;
    } else if (e.code == 409) {
        out.code = ErrorCode::Conflict;
    } else {
        out.code = e.code >= 500 ? ErrorCode::HttpServer : ErrorCode::HttpClient;
    }
    return out;
}

qint64 nextPacificMidnight(qint64 utcMs) {
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(utcMs, pacific());
    return QDateTime(local.date().addDays(1), QTime(0, 0), pacific()).toMSecsSinceEpoch();
}

QString pacificDay(qint64 utcMs) {
    return QDateTime::fromMSecsSinceEpoch(utcMs, pacific()).date().toString(Qt::ISODate);
}

} // namespace baton::connectors::google
