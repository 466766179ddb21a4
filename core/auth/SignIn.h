#pragma once

#include "core/auth/OAuthSession.h"
#include "core/model/Enums.h"

#include <QObject>

// Signing in to a network through the browser, and the secret its connector reads afterwards:
//  - Mastodon: the app is registered on the server first (POST /api/v1/apps with our redirect URI and scopes
//    "read write"), then /oauth/authorize and /oauth/token; the secret is the access token. Servers that only
//    offer the out-of-band redirect show a code for the user to paste.
//  - Reddit: an installed app (the user's client id, no secret) at www.reddit.com/api/v1/authorize with
//    duration=permanent; the token request uses HTTP Basic "client_id:" and the connector's User-Agent; the
//    secret is {"client_id","refresh_token"}. Reddit wants the exact registered redirect: give its port.
//  - YouTube and Google Business Profile: Google's desktop flow (loopback + PKCE, access_type=offline) at
//    accounts.google.com and oauth2.googleapis.com; the secret is the access token, which is what those
//    connectors read today.
//  - Discourse: not OAuth but a user API key (auth/UserApiKey.h): an RSA key pair, /user-api-key/new with the
//    public key, the encrypted key coming back to the loopback redirect (or pasted, out of band, where the forum
//    does not allow that redirect); the secret is {"key","client_id"}.
//  - Email with OAuth (Gmail): the same Google desktop flow with scope https://mail.google.com/ and the mailbox's
//    address as login_hint; the secret is the renewable grant plus the email fields ("user", and for Gmail
//    "smtp_url"), which the email connector uses for SASL XOAUTH2 (connectors/email/EmailConnector.h).
// A test server (any base URL not on the networks' own hosts) serves the same paths below the base URL.
namespace baton::auth {

namespace userapikey {
class Session;
}

struct SignInOptions {
    model::Network network = model::Network::Mastodon;
    QString baseUrl;        // as AccountSetup::normalizeBaseUrl gives it
    QString clientId;       // Reddit: required; Google: else BATON_GOOGLE_CLIENT_ID; Mastodon: registered
    QString clientSecret;   // Google desktop clients (else BATON_GOOGLE_CLIENT_SECRET); Mastodon: registered
    bool outOfBand = false; // Mastodon: the server shows the code to paste; Discourse: the encrypted key
    QString mailUser;       // Email: the mailbox's address (the XOAUTH2 user and the login hint)
    QString authBaseUrl;    // Email on a server other than Gmail: where its OAuth server serves Google's paths
    QString smtpUrl;        // Email: the SMTP server, when not Gmail's nor derived from the IMAP address
    LoopbackListener::Options listen;
};

bool supportsBrowserSignIn(model::Network network);

// Reddit only redirects to the exact URI registered with the installed app: http://127.0.0.1:PORT/callback with
// this port (BATON_REDDIT_REDIRECT_PORT, else 65010).
quint16 redditRedirectPort();
QString redditRedirectUri();

// The network's endpoints, scopes and client for the options (Mastodon: without the client, which comes from
// the app registration). InvalidArgument when a client id is missing or the network has no browser sign-in.
Expected<Provider, Error> providerFor(const SignInOptions& options);

// Mastodon's app registration: POST base/api/v1/apps.
net::Request mastodonAppRequest(const QString& baseUrl, const QString& redirectUri);
// {client_id, client_secret} from its answer.
Expected<std::pair<QString, QString>, Error> parseMastodonApp(int httpStatus, const QByteArray& body);

// What the connector of `network` expects as its secret, from the token answer: Mastodon the access token;
// Reddit {"client_id","refresh_token"}; Google the renewable grant (connectors/google/GoogleGrant.h) when a
// refresh token came, else the access token.
Expected<QString, Error> secretFor(model::Network network, const TokenAnswer& answer, const Provider& provider);
// The same for the sign-in's options: Email needs them (the address; Gmail's SMTP server).
Expected<QString, Error> secretFor(const SignInOptions& options, const TokenAnswer& answer, const Provider& provider);

// One browser sign-in for a network. done gets the secret to store (AccountSetup::add / reauthenticate).
class SignIn final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Expected<QString, Error>)>;

    explicit SignIn(net::NetworkEngine& engine, QObject* parent = nullptr);

    // done is called exactly once. The authorize URL is announced through authorizeUrlReady before the
    // browser is asked to open it.
    void start(const SignInOptions& options, BrowserOpener opener, Done done);
    QUrl authorizeUrl() const;
    QString redirectUri() const;
    bool outOfBand() const;
    void submitCode(const QString& code); // out of band only (Discourse: the payload the forum showed)
    void cancel();

signals:
    void authorizeUrlReady(const QUrl& url);

private:
    void authorize(Provider provider);
    void finish(Expected<QString, Error> result);

    net::NetworkEngine& m_engine;
    OAuthSession* m_session = nullptr;
    userapikey::Session* m_keySession = nullptr; // Discourse
    SignInOptions m_options;
    BrowserOpener m_opener;
    net::RequestId m_appRequest = 0;
    bool m_registering = false;
    Done m_done;
};

} // namespace baton::auth
