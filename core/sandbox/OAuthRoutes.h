#pragma once

#include "core/sandbox/RouteSet.h"
#include "core/sandbox/SandboxOptions.h"

#include <QHash>
#include <QMutex>
#include <functional>
#include <memory>

namespace baton::sandbox {

class MastodonStore;
class RedditStore;

// A network's OAuth 2 sign-in in front of its route set (RFC 6749 §4.1 with RFC 7636 PKCE): the authorize
// endpoint (GET) approves at once for a demo account of the network and answers 302 to the redirect URI with
// code and state (error=access_denied after refuseNext()); the token endpoint checks the one-time code, its
// client, redirect URI and S256 code_verifier and answers the network's own token JSON and error shape.
// Everything else goes to the wrapped route set unchanged.
//  - Mastodon: POST /api/v1/apps registers a client (exact redirect URIs, urn:ietf:wg:oauth:2.0:oob shows the
//    code in a page), GET /oauth/authorize, POST /oauth/token (errors: 400 invalid_grant, 401 invalid_client).
//  - Reddit: GET /api/v1/authorize[.compact] for the demo accounts' installed-app client ids, POST
//    /api/v1/access_token with grant_type=authorization_code (HTTP Basic "client_id:", a descriptive
//    User-Agent; errors inside HTTP 200); other grants go on to the Reddit routes. The grant is permanent.
//  - Google (YouTube, Business Profile): GET /o/oauth2/v2/auth for any *.apps.googleusercontent.com client and a
//    loopback redirect (no out-of-band), POST /token (errors: 400 invalid_grant, 401 invalid_client); the
//    refresh tokens it grants renew the access token there (grant_type=refresh_token).
// The token issued is one the network's routes accept for that demo account.
class OAuthRoutes final : public RouteSet {
public:
    enum class Flavor { Mastodon, Reddit, Google };
    // The network's token JSON for a demo account (HTTP status and body).
    using Issue = std::function<HttpResponse(int account, const QString& scope, qint64 wallNowMs)>;
    using Accounts = std::function<QList<SandboxAccount>()>;

    OAuthRoutes(std::shared_ptr<RouteSet> inner, Flavor flavor, Accounts accounts, Issue issue);
    Q_DISABLE_COPY_MOVE(OAuthRoutes)

    QString name() const override { return m_inner->name(); }
    QString basePath() const override { return m_inner->basePath(); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    void refuseNext();        // the next authorization is refused by the user
    int tokensIssued() const; // successful code exchanges
    int codesOutstanding() const;

    static std::shared_ptr<OAuthRoutes> mastodon(std::shared_ptr<RouteSet> inner, const MastodonStore& store);
    static std::shared_ptr<OAuthRoutes> reddit(std::shared_ptr<RouteSet> inner, RedditStore& store);
    static std::shared_ptr<OAuthRoutes> google(std::shared_ptr<RouteSet> inner, Accounts accounts);

    static constexpr qint64 kCodeLifetimeMs = 10 * 60 * 1000;

private:
    struct Client {
        QString secret;           // empty: a public client
        QStringList redirectUris; // empty: any loopback URI
        QString scopes;
    };
    struct Grant {
        QString clientId;
        QString redirectUri;
        QString challenge; // S256; empty when the request had none
        QString scope;
        int account = -1;
        qint64 expiresAtMs = 0;
    };

    bool isAuthorize(const HttpRequest& request, const QString& localPath) const;
    bool isToken(const HttpRequest& request, const QString& localPath) const;
    HttpResponse registerApp(const HttpRequest& request);
    RouteResult authorize(const HttpRequest& request);
    RouteResult token(const HttpRequest& request);
    HttpResponse tokenError(const QString& error, int status) const;
    // The client behind client_id, nullopt when unknown (Mastodon: registered; Reddit: a demo account's; Google:
    // any desktop client id).
    std::optional<Client> client(const QString& clientId) const;
    int accountFor(const QString& clientId) const;
    bool redirectAllowed(const Client& client, const QString& redirectUri) const;

    std::shared_ptr<RouteSet> m_inner;
    Flavor m_flavor;
    Accounts m_accounts;
    Issue m_issue;
    mutable QMutex m_mutex;
    QHash<QString, Client> m_registered; // Mastodon apps by client_id
    QHash<QString, Grant> m_codes;
    QHash<QString, Grant> m_refreshTokens; // Google: refresh_token -> what it renews
    bool m_refuseNext = false;
    int m_tokensIssued = 0;
};

} // namespace baton::sandbox
