#include "core/sandbox/google/GoogleApi.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace baton::sandbox::google {
namespace {

QString statusFor(int code) {
    switch (code) {
    case 400:
        return QStringLiteral("INVALID_ARGUMENT");
    case 401:
        return QStringLiteral("UNAUTHENTICATED");
    case 403:
        return QStringLiteral("PERMISSION_DENIED");
    case 404:
        return QStringLiteral("NOT_FOUND");
    case 409:
        return QStringLiteral("ALREADY_EXISTS");
    case 429:
        return QStringLiteral("RESOURCE_EXHAUSTED");
    case 503:
        return QStringLiteral("UNAVAILABLE");
    default:
        return code >= 500 ? QStringLiteral("INTERNAL") : QStringLiteral("FAILED_PRECONDITION");
    }
}

QTimeZone pacific() {
    static const QTimeZone zone = [] {
        QTimeZone z(QByteArrayLiteral("America/Los_Angeles"));
        // Without time-zone data, standard time is the closer approximation for most of the year.
        return z.isValid() ? z : QTimeZone(-8 * 3600);
    }();
    return zone;
}

} // namespace

HttpResponse error(int code, const QString& message, const QString& reason, const QString& domain,
                   const QString& status) {
    QJsonObject inner{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!reason.isEmpty()) {
        inner.insert(
            QStringLiteral("errors"),
            QJsonArray{QJsonObject{{QStringLiteral("message"), message},
                                   {QStringLiteral("domain"), domain.isEmpty() ? QStringLiteral("global") : domain},
                                   {QStringLiteral("reason"), reason}}});
    }
    inner.insert(QStringLiteral("status"), status.isEmpty() ? statusFor(code) : status);
    // Google pretty-prints its error documents.
    HttpResponse r = HttpResponse::json(code, QJsonDocument(QJsonObject{{QStringLiteral("error"), inner}}).toJson());
    r.setHeader("Vary", "Origin, X-Origin, Referer");
    r.setHeader("Server", "ESF");
    return r;
}

HttpResponse unauthenticated() {
    HttpResponse r = error(401,
                           QStringLiteral("Request had invalid authentication credentials. Expected OAuth 2 access "
                                          "token, login cookie or other valid authentication credential."),
                           QStringLiteral("authError"), QStringLiteral("global"), QStringLiteral("UNAUTHENTICATED"));
    r.setHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    return r;
}

QString bearerToken(const HttpRequest& request) {
    const QByteArray authorization = request.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space <= 0 || authorization.left(space).toLower() != "bearer") {
        return {};
    }
    return QString::fromLatin1(authorization.mid(space + 1).trimmed());
}

QString pacificDay(qint64 wallMs) {
    return QDateTime::fromMSecsSinceEpoch(wallMs, pacific()).date().toString(Qt::ISODate);
}

qint64 nextPacificMidnight(qint64 wallMs) {
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(wallMs, pacific());
    return QDateTime(local.date().addDays(1), QTime(0, 0), pacific()).toMSecsSinceEpoch();
}

QString randomChars(SandboxRandom& rng, int count) {
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QString out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        out.append(QLatin1Char(kAlphabet[rng.below(64)]));
    }
    return out;
}

} // namespace baton::sandbox::google
