#include "core/auth/OAuth.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace baton::auth {

namespace {

QByteArray encode(const QString& value) {
    return QUrl::toPercentEncoding(value);
}

void append(QByteArray& out, const QString& name, const QString& value) {
    if (!out.isEmpty()) {
        out += '&';
    }
    out += encode(name) + '=' + encode(value);
}

QString formDecode(QByteArray value) {
    value.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(value));
}

Unexpected<Error> makeError(ErrorCode code, const QString& detail, int status = 0) {
    Error e;
    e.code = code;
    e.detail = detail;
    e.httpStatus = status;
    return unexpected(std::move(e));
}

} // namespace

QUrl authorizeUrl(const AuthorizeRequest& request) {
    QByteArray query;
    append(query, QStringLiteral("response_type"), QStringLiteral("code"));
    append(query, QStringLiteral("client_id"), request.clientId);
    append(query, QStringLiteral("redirect_uri"), request.redirectUri);
    if (!request.scope.isEmpty()) {
        append(query, QStringLiteral("scope"), request.scope);
    }
    append(query, QStringLiteral("state"), request.state);
    append(query, QStringLiteral("code_challenge"), request.codeChallenge);
    append(query, QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    for (const auto& [name, value] : request.extra) {
        append(query, name, value);
    }
    QUrl url = request.endpoint;
    QByteArray existing = url.query(QUrl::FullyEncoded).toLatin1();
    if (!existing.isEmpty()) {
        query = existing + '&' + query;
    }
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

Callback parseCallback(const QByteArray& rawQuery) {
    Callback out;
    for (const QByteArray& pair : rawQuery.split('&')) {
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype eq = pair.indexOf('=');
        const QString name = formDecode(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : formDecode(pair.mid(eq + 1));
        if (name == QLatin1String("code")) {
            out.code = value;
        } else if (name == QLatin1String("state")) {
            out.state = value;
        } else if (name == QLatin1String("error")) {
            out.error = value;
        } else if (name == QLatin1String("error_description")) {
            out.errorDescription = value;
        } else if (name == QLatin1String("payload") && eq >= 0) {
            // Base64: a '+' left unescaped is a '+', not a space.
            out.payload = QString::fromLatin1(QByteArray::fromPercentEncoding(pair.mid(eq + 1)));
        }
    }
    return out;
}

Expected<QString, Error> checkCallback(const Callback& callback, const QString& expectedState) {
    // The state comes first: an answer to someone else's request says nothing about ours.
    if (expectedState.isEmpty() || callback.state != expectedState) {
        return makeError(ErrorCode::BadResponse,
                         QStringLiteral("the browser came back from another sign-in request (state mismatch); "
                                        "nothing was stored, please sign in again"));
    }
    if (callback.error == QLatin1String("access_denied")) {
        return makeError(ErrorCode::Forbidden, QStringLiteral("access was refused in the browser (access_denied)"));
    }
    if (!callback.error.isEmpty()) {
        QString detail = QStringLiteral("the server refused the sign-in: %1").arg(callback.error);
        if (!callback.errorDescription.isEmpty()) {
            detail += QStringLiteral(" (%1)").arg(callback.errorDescription);
        }
        return makeError(ErrorCode::Unauthorized, detail);
    }
    if (callback.code.isEmpty()) {
        return makeError(ErrorCode::BadResponse, QStringLiteral("the browser came back without an authorization code"));
    }
    return callback.code;
}

net::Request tokenRequest(const TokenRequest& request) {
    net::Request r;
    r.method = QByteArrayLiteral("POST");
    r.url = request.endpoint;
    QByteArray form;
    append(form, QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    append(form, QStringLiteral("code"), request.code);
    append(form, QStringLiteral("redirect_uri"), request.redirectUri);
    append(form, QStringLiteral("code_verifier"), request.codeVerifier);
    append(form, QStringLiteral("client_id"), request.clientId);
    if (request.basicAuth) {
        const QByteArray credentials = encode(request.clientId) + ':' + encode(request.clientSecret);
        r.headers.append({QByteArrayLiteral("Authorization"), "Basic " + credentials.toBase64()});
    } else if (!request.clientSecret.isEmpty()) {
        append(form, QStringLiteral("client_secret"), request.clientSecret);
    }
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!request.userAgent.isEmpty()) {
        r.headers.append({QByteArrayLiteral("User-Agent"), request.userAgent});
    }
    r.body = form;
    r.retrySafe = false; // an authorization code is good for one exchange
    r.clientErrorsAsResponses = true;
    return r;
}

Expected<TokenAnswer, Error> parseTokenAnswer(int httpStatus, const QByteArray& body) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return makeError(httpStatus >= 400 ? ErrorCode::HttpClient : ErrorCode::BadResponse,
                         QStringLiteral("the token endpoint answered HTTP %1 without a JSON object").arg(httpStatus),
                         httpStatus);
    }
    const QJsonObject o = doc.object();
    const QJsonValue error = o.value(QLatin1String("error"));
    if (!error.isUndefined() && !error.isNull()) {
        // RFC 6749 §5.2 uses a string; Reddit sometimes a number (its HTTP status).
        const QString code = error.isString() ? error.toString() : QString::number(error.toInt());
        QString detail = QStringLiteral("the token endpoint refused the code: %1").arg(code);
        const QString description = o.value(QLatin1String("error_description")).toString();
        if (!description.isEmpty()) {
            detail += QStringLiteral(" (%1)").arg(description);
        }
        const bool auth = code == QLatin1String("invalid_grant") || code == QLatin1String("invalid_client") ||
                          code == QLatin1String("unauthorized_client") || code == QLatin1String("401");
        return makeError(auth ? ErrorCode::Unauthorized : ErrorCode::HttpClient, detail, httpStatus);
    }
    if (httpStatus >= 400) {
        return makeError(ErrorCode::HttpClient, QStringLiteral("the token endpoint answered HTTP %1").arg(httpStatus),
                         httpStatus);
    }
    TokenAnswer answer;
    answer.accessToken = o.value(QLatin1String("access_token")).toString();
    answer.tokenType = o.value(QLatin1String("token_type")).toString();
    answer.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    answer.scope = o.value(QLatin1String("scope")).toString();
    answer.expiresInSeconds = o.value(QLatin1String("expires_in")).toInteger();
    if (answer.accessToken.isEmpty()) {
        return makeError(ErrorCode::BadResponse, QStringLiteral("the token endpoint's answer has no access_token"),
                         httpStatus);
    }
    return answer;
}

} // namespace baton::auth
