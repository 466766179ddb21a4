#include "core/sandbox/OAuthRoutes.h"

#include "core/sandbox/mastodon/MastodonStore.h"
#include "core/sandbox/reddit/RedditRoutes.h"
#include "core/sandbox/reddit/RedditStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace baton::sandbox {

namespace {

const QString kOutOfBand = QStringLiteral("urn:ietf:wg:oauth:2.0:oob");

QString randomToken(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char& c : raw) {
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    }
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

HttpResponse jsonObject(int status, const QJsonObject& o) {
    return HttpResponse::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool isLoopback(const QString& uri) {
    const QUrl url(uri);
    const QString host = url.host();
    return url.isValid() && url.scheme() == QLatin1String("http") && url.port() > 0 && url.query().isEmpty() &&
           (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") || host == QLatin1String("::1"));
}

// The redirect with the answer added to its query (RFC 6749 §4.1.2).
HttpResponse redirectTo(const QString& redirectUri, const QList<QPair<QString, QString>>& params) {
    QByteArray location = redirectUri.toUtf8();
    char sep = location.contains('?') ? '&' : '?';
    for (const auto& [name, value] : params) {
        location += sep + QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        sep = '&';
    }
    HttpResponse r;
    r.status = 302;
    r.setHeader("Location", location);
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.body = "<html><body>You are being <a href=\"" + QString::fromUtf8(location).toHtmlEscaped().toUtf8() +
             "\">redirected</a>.</body></html>";
    return r;
}

// HTTP Basic credentials, nullopt when absent or malformed.
std::optional<std::pair<QString, QString>> basicCredentials(const HttpRequest& request) {
    const QByteArray authorization = request.header("authorization");
    if (!authorization.toLower().startsWith("basic ")) {
        return std::nullopt;
    }
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0) {
        return std::nullopt;
    }
    return std::pair<QString, QString>(QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.left(colon))),
                                       QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.mid(colon + 1))));
}

QString s256(const QString& verifier) {
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString param(const HttpRequest& request, const QString& name) {
    return request.param(name).value_or(QString());
}

} // namespace

OAuthRoutes::OAuthRoutes(std::shared_ptr<RouteSet> inner, Flavor flavor, Accounts accounts, Issue issue)
    : m_inner(std::move(inner))
    , m_flavor(flavor)
    , m_accounts(std::move(accounts))
    , m_issue(std::move(issue)) {
}

void OAuthRoutes::refuseNext() {
    const QMutexLocker lock(&m_mutex);
    m_refuseNext = true;
}

int OAuthRoutes::tokensIssued() const {
    const QMutexLocker lock(&m_mutex);
    return m_tokensIssued;
}

int OAuthRoutes::codesOutstanding() const {
    const QMutexLocker lock(&m_mutex);
    return int(m_codes.size());
}

bool OAuthRoutes::isAuthorize(const HttpRequest& request, const QString& localPath) const {
    if (request.method != "GET" && request.method != "HEAD") {
        return false;
    }
    switch (m_flavor) {
    case Flavor::Mastodon:
        return localPath == QLatin1String("/oauth/authorize");
    case Flavor::Reddit:
        return localPath == QLatin1String("/api/v1/authorize") ||
               localPath == QLatin1String("/api/v1/authorize.compact");
    case Flavor::Google:
        return localPath == QLatin1String("/o/oauth2/v2/auth");
    }
    return false;
}

bool OAuthRoutes::isToken(const HttpRequest& request, const QString& localPath) const {
    if (request.method != "POST") {
        return false;
    }
    switch (m_flavor) {
    case Flavor::Mastodon:
        return localPath == QLatin1String("/oauth/token");
    case Flavor::Reddit: {
        // Only the authorization-code grant of a well-formed installed-app request: refresh grants and every
        // refusal (User-Agent, Basic credentials) stay with the Reddit routes.
        if (localPath != QLatin1String("/api/v1/access_token") ||
            param(request, QStringLiteral("grant_type")) != QLatin1String("authorization_code")) {
            return false;
        }
        const auto basic = basicCredentials(request);
        return RedditRoutes::acceptableUserAgent(request.header("user-agent")) && basic && basic->second.isEmpty() &&
               client(basic->first).has_value();
    }
    case Flavor::Google:
        return localPath == QLatin1String("/token");
    }
    return false;
}

RouteResult OAuthRoutes::handle(const HttpRequest& request, const QString& localPath) {
    if (m_flavor == Flavor::Mastodon && request.method == "POST" && localPath == QLatin1String("/api/v1/apps")) {
        RouteResult result;
        result.response = registerApp(request);
        return result;
    }
    if (isAuthorize(request, localPath)) {
        return authorize(request);
    }
    if (isToken(request, localPath)) {
        return token(request);
    }
    return m_inner->handle(request, localPath);
}

RouteResult OAuthRoutes::rateLimited(const HttpRequest& request, qint64 untilWallMs) {
    return m_inner->rateLimited(request, untilWallMs);
}

HttpResponse OAuthRoutes::registerApp(const HttpRequest& request) {
    // POST /api/v1/apps: client_name, redirect_uris (string, one per line, or array), scopes, website.
    const QString name = param(request, QStringLiteral("client_name")).trimmed();
    QStringList uris = request.arrayParam(QStringLiteral("redirect_uris"));
    if (uris.isEmpty()) {
        uris = param(request, QStringLiteral("redirect_uris"))
                   .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    }
    if (name.isEmpty()) {
        return HttpResponse::jsonError(422, QStringLiteral("Validation failed: Application name can't be blank"));
    }
    if (uris.isEmpty()) {
        return HttpResponse::jsonError(422, QStringLiteral("Validation failed: Redirect URI can't be blank"));
    }
    for (const QString& uri : uris) {
        const QUrl url(uri);
        if (uri != kOutOfBand && (!url.isValid() || url.scheme().isEmpty() || url.hasFragment())) {
            return HttpResponse::jsonError(422,
                                           QStringLiteral("Validation failed: Redirect URI must be an absolute URI."));
        }
    }
    const QString scopes = param(request, QStringLiteral("scopes")).isEmpty()
                               ? QStringLiteral("read")
                               : param(request, QStringLiteral("scopes")).simplified();
    Client c;
    c.secret = randomToken(32);
    c.redirectUris = uris;
    c.scopes = scopes;
    const QString id = randomToken(32);
    int appId = 0;
    {
        const QMutexLocker lock(&m_mutex);
        m_registered.insert(id, c);
        appId = int(m_registered.size());
    }
    QJsonArray scopeArray;
    for (const QString& s : scopes.split(u' ', Qt::SkipEmptyParts)) {
        scopeArray.append(s);
    }
    return jsonObject(200, {{QStringLiteral("id"), QString::number(1000 + appId)},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("website"), param(request, QStringLiteral("website"))},
                            {QStringLiteral("scopes"), scopeArray},
                            {QStringLiteral("redirect_uri"), uris.join(u'\n')},
                            {QStringLiteral("redirect_uris"), QJsonArray::fromStringList(uris)},
                            {QStringLiteral("client_id"), id},
                            {QStringLiteral("client_secret"), c.secret},
                            {QStringLiteral("client_secret_expires_at"), 0}});
}

std::optional<OAuthRoutes::Client> OAuthRoutes::client(const QString& clientId) const {
    if (clientId.isEmpty()) {
        return std::nullopt;
    }
    switch (m_flavor) {
    case Flavor::Mastodon: {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_registered.constFind(clientId);
        return it == m_registered.constEnd() ? std::nullopt : std::optional<Client>(*it);
    }
    case Flavor::Reddit:
        return accountFor(clientId) >= 0 ? std::optional<Client>(Client{}) : std::nullopt;
    case Flavor::Google:
        return clientId.endsWith(QLatin1String(".apps.googleusercontent.com")) ? std::optional<Client>(Client{})
                                                                               : std::nullopt;
    }
    return std::nullopt;
}

int OAuthRoutes::accountFor(const QString& clientId) const {
    if (m_flavor != Flavor::Reddit) {
        return m_accounts().isEmpty() ? -1 : 0; // the first demo account signs in
    }
    const QList<SandboxAccount> accounts = m_accounts();
    for (int i = 0; i < accounts.size(); ++i) {
        const QJsonObject grant = QJsonDocument::fromJson(accounts.at(i).token.toUtf8()).object();
        if (grant.value(QLatin1String("client_id")).toString() == clientId) {
            return i;
        }
    }
    return -1;
}

bool OAuthRoutes::redirectAllowed(const Client& c, const QString& redirectUri) const {
    switch (m_flavor) {
    case Flavor::Mastodon:
        return c.redirectUris.contains(redirectUri); // exactly as registered
    case Flavor::Reddit:
    case Flavor::Google:
        return isLoopback(redirectUri); // Google blocks the out-of-band flow since 2023
    }
    return false;
}

RouteResult OAuthRoutes::authorize(const HttpRequest& request) {
    RouteResult result;
    const QString clientId = param(request, QStringLiteral("client_id"));
    const QString redirectUri = param(request, QStringLiteral("redirect_uri"));
    const QString state = param(request, QStringLiteral("state"));
    const std::optional<Client> c = client(clientId);
    // An unknown client or redirect is never redirected to (RFC 6749 §4.1.2.1): the user sees an error page.
    if (!c) {
        result.response =
            HttpResponse::htmlPage(400, QStringLiteral("Invalid client"),
                                   QStringLiteral("<p>Client authentication failed due to unknown client.</p>"));
        return result;
    }
    if (!redirectAllowed(*c, redirectUri)) {
        result.response = HttpResponse::htmlPage(400, QStringLiteral("Invalid redirect URI"),
                                                 QStringLiteral("<p>The redirect uri included is not valid.</p>"));
        return result;
    }
    const bool outOfBand = redirectUri == kOutOfBand;
    const int account = accountFor(clientId);
    const QList<SandboxAccount> accounts = m_accounts();
    if (account >= 0 && account < accounts.size()) {
        result.account = accounts.at(account).name;
    }
    auto fail = [&](const QString& error, const QString& description) {
        if (outOfBand) {
            result.response =
                HttpResponse::htmlPage(400, QStringLiteral("An error has occurred"),
                                       QStringLiteral("<p class=\"oauth-error\">%1</p>").arg(error.toHtmlEscaped()));
        } else {
            QList<QPair<QString, QString>> params{{QStringLiteral("error"), error}};
            if (!description.isEmpty()) {
                params.append({QStringLiteral("error_description"), description});
            }
            if (!state.isEmpty()) {
                params.append({QStringLiteral("state"), state});
            }
            result.response = redirectTo(redirectUri, params);
        }
        return result;
    };
    if (param(request, QStringLiteral("response_type")) != QLatin1String("code")) {
        return fail(QStringLiteral("unsupported_response_type"), {});
    }
    const QString challenge = param(request, QStringLiteral("code_challenge"));
    const QString method = param(request, QStringLiteral("code_challenge_method"));
    if (!challenge.isEmpty() && method != QLatin1String("S256")) {
        return fail(QStringLiteral("invalid_request"), QStringLiteral("Only S256 code challenges are supported."));
    }
    if (account < 0) {
        return fail(QStringLiteral("server_error"), QStringLiteral("No demo account to sign in."));
    }
    bool refused = false;
    {
        const QMutexLocker lock(&m_mutex);
        refused = std::exchange(m_refuseNext, false);
    }
    if (refused) {
        return fail(QStringLiteral("access_denied"),
                    m_flavor == Flavor::Mastodon
                        ? QStringLiteral("The resource owner or authorization server denied the request.")
                        : QString());
    }
    Grant grant;
    grant.clientId = clientId;
    grant.redirectUri = redirectUri;
    grant.challenge = challenge;
    grant.scope = param(request, QStringLiteral("scope")).simplified();
    if (grant.scope.isEmpty()) {
        grant.scope = c->scopes.isEmpty() ? QStringLiteral("read") : c->scopes;
    }
    grant.account = account;
    grant.expiresAtMs = request.receivedAtMs + kCodeLifetimeMs;
    const QString code = randomToken(24);
    {
        const QMutexLocker lock(&m_mutex);
        m_codes.insert(code, grant);
    }
    if (outOfBand) {
        result.response =
            HttpResponse::htmlPage(200, QStringLiteral("Authorization code"),
                                   QStringLiteral("<p>Copy this authorization code and paste it to the application.</p>"
                                                  "<input class=\"oauth-code\" readonly type=\"text\" value=\"%1\">")
                                       .arg(code));
        return result;
    }
    QList<QPair<QString, QString>> params{{QStringLiteral("code"), code}};
    if (!state.isEmpty()) {
        params.append({QStringLiteral("state"), state});
    }
    result.response = redirectTo(redirectUri, params);
    return result;
}

HttpResponse OAuthRoutes::tokenError(const QString& error, int status) const {
    switch (m_flavor) {
    case Flavor::Reddit:
        return jsonObject(200, {{QStringLiteral("error"), error}}); // token errors inside HTTP 200
    case Flavor::Mastodon: {
        QString description;
        if (error == QLatin1String("invalid_grant")) {
            description = QStringLiteral("The provided authorization grant is invalid, expired, revoked, does not "
                                         "match the redirection URI used in the authorization request, or was "
                                         "issued to another client.");
        } else if (error == QLatin1String("invalid_client")) {
            description = QStringLiteral("Client authentication failed due to unknown client, no client "
                                         "authentication included, or unsupported authentication method.");
        } else {
            description = QStringLiteral("The authorization grant type is not supported by the authorization "
                                         "server.");
        }
        return jsonObject(status,
                          {{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
    }
    case Flavor::Google:
        return jsonObject(status,
                          {{QStringLiteral("error"), error},
                           {QStringLiteral("error_description"), error == QLatin1String("invalid_client")
                                                                     ? QStringLiteral("The OAuth client was not found.")
                                                                     : QStringLiteral("Bad Request")}});
    }
    return jsonObject(status, {{QStringLiteral("error"), error}});
}

RouteResult OAuthRoutes::token(const HttpRequest& request) {
    RouteResult result;
    QString clientId = param(request, QStringLiteral("client_id"));
    QString clientSecret = param(request, QStringLiteral("client_secret"));
    if (const auto basic = basicCredentials(request)) {
        clientId = basic->first;
        clientSecret = basic->second;
    }
    const std::optional<Client> c = client(clientId);
    if (!c || (!c->secret.isEmpty() && c->secret != clientSecret)) {
        result.response = tokenError(QStringLiteral("invalid_client"), 401);
        return result;
    }
    if (m_flavor == Flavor::Google && param(request, QStringLiteral("grant_type")) == QLatin1String("refresh_token")) {
        std::optional<Grant> renewable;
        {
            const QMutexLocker lock(&m_mutex);
            const auto it = m_refreshTokens.constFind(param(request, QStringLiteral("refresh_token")));
            if (it != m_refreshTokens.constEnd() && it->clientId == clientId) {
                renewable = *it;
            }
        }
        if (!renewable) {
            result.response = tokenError(QStringLiteral("invalid_grant"), 400);
            return result;
        }
        result.response = m_issue(renewable->account, renewable->scope, request.receivedAtMs);
        QJsonObject o = QJsonDocument::fromJson(result.response.body).object();
        o.remove(QStringLiteral("refresh_token")); // Google keeps the refresh token as it is
        result.response.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        return result;
    }
    if (param(request, QStringLiteral("grant_type")) != QLatin1String("authorization_code")) {
        result.response = tokenError(QStringLiteral("unsupported_grant_type"), 400);
        return result;
    }
    std::optional<Grant> grant;
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_codes.constFind(param(request, QStringLiteral("code")));
        if (it != m_codes.constEnd()) {
            grant = *it;
            m_codes.erase(it); // one exchange per code, whatever its outcome
        }
    }
    const QString verifier = param(request, QStringLiteral("code_verifier"));
    const bool verified = grant && (grant->challenge.isEmpty() || s256(verifier) == grant->challenge);
    if (!grant || grant->expiresAtMs < request.receivedAtMs || grant->clientId != clientId ||
        grant->redirectUri != param(request, QStringLiteral("redirect_uri")) || !verified) {
        result.response = tokenError(QStringLiteral("invalid_grant"), 400);
        return result;
    }
    const QList<SandboxAccount> accounts = m_accounts();
    if (grant->account < accounts.size()) {
        result.account = accounts.at(grant->account).name;
    }
    result.response = m_issue(grant->account, grant->scope, request.receivedAtMs);
    if (result.response.status == 200) {
        const QString refresh =
            QJsonDocument::fromJson(result.response.body).object().value(QLatin1String("refresh_token")).toString();
        const QMutexLocker lock(&m_mutex);
        ++m_tokensIssued;
        if (m_flavor == Flavor::Google && !refresh.isEmpty()) {
            m_refreshTokens.insert(refresh, *grant);
        }
    }
    return result;
}

std::shared_ptr<OAuthRoutes> OAuthRoutes::mastodon(std::shared_ptr<RouteSet> inner, const MastodonStore& store) {
    const MastodonStore* s = &store;
    Accounts accounts = [s] { return s->accounts(QString()); };
    Issue issue = [accounts](int account, const QString& scope, qint64 nowMs) {
        return jsonObject(200, {{QStringLiteral("access_token"), accounts().value(account).token},
                                {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                {QStringLiteral("scope"), scope},
                                {QStringLiteral("created_at"), nowMs / 1000}});
    };
    return std::make_shared<OAuthRoutes>(std::move(inner), Flavor::Mastodon, accounts, issue);
}

std::shared_ptr<OAuthRoutes> OAuthRoutes::reddit(std::shared_ptr<RouteSet> inner, RedditStore& store) {
    RedditStore* s = &store;
    Accounts accounts = [s] { return s->accounts(QString()); };
    Issue issue = [s, accounts](int account, const QString& scope, qint64 nowMs) {
        // A permanent grant: the account's refresh token, and a fresh access token minted from it.
        const QString refresh = QJsonDocument::fromJson(accounts().value(account).token.toUtf8())
                                    .object()
                                    .value(QLatin1String("refresh_token"))
                                    .toString();
        HttpResponse r = s->grant(QStringLiteral("refresh_token"), refresh, nowMs);
        QJsonObject o = QJsonDocument::fromJson(r.body).object();
        if (o.contains(QLatin1String("access_token"))) {
            o.insert(QStringLiteral("refresh_token"), refresh);
            o.insert(QStringLiteral("scope"), scope);
            r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        }
        return r;
    };
    return std::make_shared<OAuthRoutes>(std::move(inner), Flavor::Reddit, accounts, issue);
}

std::shared_ptr<OAuthRoutes> OAuthRoutes::google(std::shared_ptr<RouteSet> inner, Accounts accounts) {
    Issue issue = [accounts](int account, const QString& scope, qint64) {
        return jsonObject(200, {{QStringLiteral("access_token"), accounts().value(account).token},
                                {QStringLiteral("expires_in"), 3599},
                                {QStringLiteral("refresh_token"), QString(QStringLiteral("1//") + randomToken(48))},
                                {QStringLiteral("scope"), scope},
                                {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
    };
    return std::make_shared<OAuthRoutes>(std::move(inner), Flavor::Google, std::move(accounts), issue);
}

} // namespace baton::sandbox
