#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/net/NetworkEngine.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// The pure parts of an OAuth 2 authorization-code grant with PKCE (RFC 6749 §4.1, RFC 7636): the authorize URL,
// the redirect's query, the token request and the token answer. No I/O here.
namespace baton::auth {

using Params = QList<QPair<QString, QString>>;

// The redirect URI that makes the server show the code for the user to paste (RFC 8252 §7 predecessor, still
// what some Mastodon servers offer).
inline const QString kOutOfBand = QStringLiteral("urn:ietf:wg:oauth:2.0:oob");

struct AuthorizeRequest {
    QUrl endpoint; // e.g. https://mastodon.social/oauth/authorize
    QString clientId;
    QString redirectUri;
    QString scope; // space-separated
    QString state;
    QString codeChallenge; // S256
    Params extra;          // network-specific: duration=permanent, access_type=offline ...
};

// endpoint?response_type=code&client_id=...&redirect_uri=...&scope=...&state=...&code_challenge=...
// &code_challenge_method=S256[&extra...], every value percent-encoded (a space as %20).
QUrl authorizeUrl(const AuthorizeRequest& request);

// What the browser brought back to the redirect URI.
struct Callback {
    QString code;
    QString state;
    QString error; // "access_denied", ...
    QString errorDescription;
    QString payload; // Discourse's user API key redirect (auth/UserApiKey.h) brings this instead of a code
};

// Reads the query of the redirect (without '?'; '+' is a space as in forms).
Callback parseCallback(const QByteArray& rawQuery);

// The code, once the state matched and no error came back. access_denied: Forbidden ("refused in the
// browser"); another error: Unauthorized with the server's words; a state that differs: BadResponse; no code:
// BadResponse.
Expected<QString, Error> checkCallback(const Callback& callback, const QString& expectedState);

struct TokenRequest {
    QUrl endpoint;
    QString clientId;
    QString clientSecret; // sent in the form when not empty and basicAuth is false
    QString code;
    QString redirectUri;
    QString codeVerifier;
    bool basicAuth = false; // HTTP Basic "client_id:client_secret" (Reddit installed apps: empty secret)
    QByteArray userAgent;   // empty: the engine's own
};

// POST endpoint, form grant_type=authorization_code&code&redirect_uri&code_verifier&client_id[&client_secret].
// Never retried (a code works once); 4xx answers come back as responses so their error document can be read.
net::Request tokenRequest(const TokenRequest& request);

struct TokenAnswer {
    QString accessToken;
    QString tokenType;
    QString refreshToken; // empty when none was granted
    QString scope;
    qint64 expiresInSeconds = 0; // 0: not said
};

// The token endpoint's answer. {"error": ...} (also inside HTTP 200, as Reddit does) becomes an Error:
// invalid_grant / invalid_client / unauthorized_client: Unauthorized; others: HttpClient; a body that is not a
// JSON object or lacks access_token: BadResponse.
Expected<TokenAnswer, Error> parseTokenAnswer(int httpStatus, const QByteArray& body);

} // namespace baton::auth
