#include "core/auth/SignIn.h"

#include "core/auth/UserApiKey.h"
#include "core/connectors/google/GoogleGrant.h"
#include "core/connectors/reddit/RedditConnector.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace baton::auth {

namespace {

Unexpected<Error> invalid(const QString& detail) {
    return unexpected(Error{ErrorCode::InvalidArgument, detail});
}

QString trimmedSlash(QString url) {
    while (url.endsWith(u'/')) {
        url.chop(1);
    }
    return url;
}

bool isGmail(const QUrl& imap) {
    const QString host = imap.host().toLower();
    return host == QLatin1String("imap.gmail.com") || host == QLatin1String("imap.googlemail.com");
}

bool onGoogleHosts(const QUrl& base) {
    const QString host = base.host().toLower();
    return host == QLatin1String("googleapis.com") || host.endsWith(QLatin1String(".googleapis.com"));
}

QString redditWebBase(const QString& baseUrl) {
    // oauth.reddit.com serves the API, www.reddit.com the sign-in and the tokens; a test server serves both.
    QUrl base(baseUrl);
    if (base.host() == QLatin1String("oauth.reddit.com")) {
        base.setHost(QStringLiteral("www.reddit.com"));
        base.setPath(QString());
    }
    return trimmedSlash(base.toString());
}

} // namespace

bool supportsBrowserSignIn(model::Network network) {
    switch (network) {
    case model::Network::Mastodon:
    case model::Network::Reddit:
    case model::Network::YouTube:
    case model::Network::GoogleReviews:
    case model::Network::Email:
    case model::Network::Discourse:
        return true;
    default:
        return false;
    }
}

quint16 redditRedirectPort() {
    bool ok = false;
    const uint port = qEnvironmentVariable("BATON_REDDIT_REDIRECT_PORT").toUInt(&ok);
    return ok && port <= 65535 ? static_cast<quint16>(port) : quint16(65010);
}

QString redditRedirectUri() {
    return QStringLiteral("http://127.0.0.1:%1/callback").arg(redditRedirectPort());
}

Expected<Provider, Error> providerFor(const SignInOptions& options) {
    const QString base = trimmedSlash(options.baseUrl);
    if (!QUrl(base).isValid() || QUrl(base).scheme().isEmpty()) {
        return invalid(QStringLiteral("the server address is not a URL"));
    }
    Provider p;
    p.clientId = options.clientId.trimmed();
    p.clientSecret = options.clientSecret;
    switch (options.network) {
    case model::Network::Discourse:
        // Not OAuth: the user API key request (auth/UserApiKey.h); only its address matters here.
        p.authorizeEndpoint = QUrl(base + QStringLiteral("/user-api-key/new"));
        p.scope = userapikey::kScopes;
        return p;
    case model::Network::Mastodon:
        p.authorizeEndpoint = QUrl(base + QStringLiteral("/oauth/authorize"));
        p.tokenEndpoint = QUrl(base + QStringLiteral("/oauth/token"));
        p.scope = QStringLiteral("read write");
        return p;
    case model::Network::Reddit: {
        if (p.clientId.isEmpty()) {
            return invalid(QStringLiteral("Reddit needs the client id of your installed app "
                                          "(https://www.reddit.com/prefs/apps)"));
        }
        const QString web = redditWebBase(base);
        p.authorizeEndpoint = QUrl(web + QStringLiteral("/api/v1/authorize"));
        p.tokenEndpoint = QUrl(web + QStringLiteral("/api/v1/access_token"));
        p.scope = QStringLiteral("identity edit history modposts privatemessages read report submit");
        p.extraAuthorizeParams = {{QStringLiteral("duration"), QStringLiteral("permanent")}};
        p.basicAuth = true;     // installed app: "client_id:" with an empty secret
        p.clientSecret.clear(); // an installed app has none
        p.userAgent = connectors::reddit::RedditConnector::userAgent({});
        return p;
    }
    case model::Network::YouTube:
    case model::Network::GoogleReviews:
    case model::Network::Email: {
        const bool mail = options.network == model::Network::Email;
        if (mail && !options.mailUser.contains(u'@')) {
            return invalid(QStringLiteral("signing in to a mailbox through the browser needs its address"));
        }
        if (mail && !options.authBaseUrl.isEmpty()) {
            const QUrl auth(options.authBaseUrl.trimmed());
            const bool loopback =
                auth.host() == QLatin1String("127.0.0.1") || auth.host() == QLatin1String("localhost");
            if (!auth.isValid() ||
                !(auth.scheme() == QLatin1String("https") || (auth.scheme() == QLatin1String("http") && loopback))) {
                return invalid(QStringLiteral("the OAuth server address must be an https:// URL"));
            }
        }
        if (mail && !isGmail(QUrl(base)) && options.authBaseUrl.isEmpty()) {
            return invalid(QStringLiteral("browser sign-in for mail is offered for Gmail (imaps://imap.gmail.com); "
                                          "other servers take a password or an OAuth grant as the token"));
        }
        if (p.clientId.isEmpty()) {
            p.clientId = qEnvironmentVariable("BATON_GOOGLE_CLIENT_ID").trimmed();
        }
        if (p.clientSecret.isEmpty()) {
            p.clientSecret = qEnvironmentVariable("BATON_GOOGLE_CLIENT_SECRET").trimmed();
        }
        if (p.clientId.isEmpty()) {
            return invalid(QStringLiteral("Google needs the client id of a desktop OAuth client (Google Cloud "
                                          "console), or BATON_GOOGLE_CLIENT_ID"));
        }
        const QString authBase = mail ? trimmedSlash(options.authBaseUrl) : base;
        if (mail ? authBase.isEmpty() : onGoogleHosts(QUrl(base))) {
            p.authorizeEndpoint = QUrl(QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
            p.tokenEndpoint = QUrl(QStringLiteral("https://oauth2.googleapis.com/token"));
        } else {
            p.authorizeEndpoint = QUrl(authBase + QStringLiteral("/o/oauth2/v2/auth"));
            p.tokenEndpoint = QUrl(authBase + QStringLiteral("/token"));
        }
        p.scope = mail ? QStringLiteral("https://mail.google.com/")
                  : options.network == model::Network::YouTube
                      ? QStringLiteral("https://www.googleapis.com/auth/youtube.force-ssl")
                      : QStringLiteral("https://www.googleapis.com/auth/business.manage");
        p.extraAuthorizeParams = {{QStringLiteral("access_type"), QStringLiteral("offline")},
                                  {QStringLiteral("prompt"), QStringLiteral("consent")}};
        if (mail) {
            p.extraAuthorizeParams.append({QStringLiteral("login_hint"), options.mailUser.trimmed()});
        }
        return p;
    }
    default:
        return invalid(
            QStringLiteral("%1 accounts are not added through the browser").arg(model::toString(options.network)));
    }
}

net::Request mastodonAppRequest(const QString& baseUrl, const QString& redirectUri) {
    net::Request r;
    r.method = QByteArrayLiteral("POST");
    r.url = QUrl(trimmedSlash(baseUrl) + QStringLiteral("/api/v1/apps"));
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    r.body = "client_name=Baton&redirect_uris=" + QUrl::toPercentEncoding(redirectUri) +
             "&scopes=read%20write&website=" + QUrl::toPercentEncoding(QStringLiteral("https://baton.community"));
    r.retrySafe = false;
    r.clientErrorsAsResponses = true;
    return r;
}

Expected<std::pair<QString, QString>, Error> parseMastodonApp(int httpStatus, const QByteArray& body) {
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (httpStatus >= 400) {
        const QString why = o.value(QLatin1String("error")).toString();
        return unexpected(Error{ErrorCode::HttpClient,
                                QStringLiteral("the server refused to register Baton (HTTP %1%2)")
                                    .arg(httpStatus)
                                    .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why),
                                httpStatus});
    }
    const QString id = o.value(QLatin1String("client_id")).toString();
    const QString secret = o.value(QLatin1String("client_secret")).toString();
    if (id.isEmpty() || secret.isEmpty()) {
        return unexpected(Error{ErrorCode::BadResponse,
                                QStringLiteral("the server's app registration has no client_id or client_secret"),
                                httpStatus});
    }
    return std::pair<QString, QString>(id, secret);
}

Expected<QString, Error> secretFor(model::Network network, const TokenAnswer& answer, const Provider& provider) {
    const QString& clientId = provider.clientId;
    if ((network == model::Network::YouTube || network == model::Network::GoogleReviews) &&
        !answer.refreshToken.isEmpty()) {
        connectors::google::GoogleGrant grant;
        grant.accessToken = answer.accessToken;
        grant.refreshToken = answer.refreshToken;
        grant.clientId = clientId;
        grant.clientSecret = provider.clientSecret;
        grant.tokenUri = provider.tokenEndpoint.toString();
        return connectors::google::toSecret(grant);
    }
    if (network == model::Network::Reddit) {
        if (answer.refreshToken.isEmpty()) {
            return unexpected(Error{ErrorCode::BadResponse,
                                    QStringLiteral("Reddit granted no refresh token (a permanent grant is needed)")});
        }
        return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("client_id"), clientId},
                                                           {QStringLiteral("refresh_token"), answer.refreshToken}})
                                     .toJson(QJsonDocument::Compact));
    }
    return answer.accessToken;
}

Expected<QString, Error> secretFor(const SignInOptions& options, const TokenAnswer& answer, const Provider& provider) {
    if (options.network != model::Network::Email) {
        return secretFor(options.network, answer, provider);
    }
    if (answer.refreshToken.isEmpty()) {
        return unexpected(
            Error{ErrorCode::BadResponse,
                  QStringLiteral("the mail provider granted no refresh token (offline access is needed)")});
    }
    connectors::google::GoogleGrant grant;
    grant.accessToken = answer.accessToken;
    grant.refreshToken = answer.refreshToken;
    grant.clientId = provider.clientId;
    grant.clientSecret = provider.clientSecret;
    grant.tokenUri = provider.tokenEndpoint.toString();
    grant.extra.insert(QStringLiteral("user"), options.mailUser.trimmed());
    if (!options.smtpUrl.trimmed().isEmpty()) {
        grant.extra.insert(QStringLiteral("smtp_url"), options.smtpUrl.trimmed());
    } else if (isGmail(QUrl(options.baseUrl))) {
        grant.extra.insert(QStringLiteral("smtp_url"), QStringLiteral("smtps://smtp.gmail.com:465"));
    }
    return connectors::google::toSecret(grant);
}

SignIn::SignIn(net::NetworkEngine& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine) {
}

void SignIn::start(const SignInOptions& options, BrowserOpener opener, Done done) {
    m_options = options;
    m_opener = std::move(opener);
    m_done = std::move(done);
    auto provider = providerFor(options);
    if (!provider) {
        finish(unexpected(provider.error()));
        return;
    }
    if (options.network == model::Network::Discourse) {
        delete m_keySession;
        m_keySession = new userapikey::Session(this);
        connect(m_keySession, &userapikey::Session::authorizeUrlReady, this, &SignIn::authorizeUrlReady);
        m_keySession->start(
            options.baseUrl, options.listen, options.outOfBand,
            [this](const QUrl& url) { return m_opener ? m_opener(url) : false; },
            [this](Expected<QString, Error> secret) { finish(std::move(secret)); });
        return;
    }
    const bool outOfBand = options.outOfBand && options.network == model::Network::Mastodon;
    delete m_session;
    m_session = new OAuthSession(m_engine, this);
    auto redirect = m_session->prepare(options.listen, outOfBand);
    if (!redirect) {
        finish(unexpected(redirect.error()));
        return;
    }
    if (options.network != model::Network::Mastodon) {
        authorize(*provider);
        return;
    }
    // Mastodon: every server registers its own clients, with the redirect URI they may use.
    m_registering = true;
    m_appRequest =
        m_engine.send(mastodonAppRequest(options.baseUrl, *redirect), this, [this, p = *provider](net::Result r) {
            m_registering = false;
            if (!r) {
                Error e = r.error();
                if (e.code != ErrorCode::Cancelled) {
                    e.detail = QStringLiteral("could not register Baton on the server: %1")
                                   .arg(e.detail.isEmpty() ? e.toString() : e.detail);
                }
                finish(unexpected(std::move(e)));
                return;
            }
            auto app = parseMastodonApp(r->status, r->body);
            if (!app) {
                finish(unexpected(app.error()));
                return;
            }
            Provider registered = p;
            registered.clientId = app->first;
            registered.clientSecret = app->second;
            authorize(registered);
        });
}

void SignIn::authorize(Provider provider) {
    m_session->authorize(
        provider,
        [this](const QUrl& url) {
            emit authorizeUrlReady(url);
            return m_opener ? m_opener(url) : false;
        },
        [this, provider](Expected<TokenAnswer, Error> answer) {
            if (!answer) {
                finish(unexpected(answer.error()));
                return;
            }
            finish(secretFor(m_options, *answer, provider));
        });
}

QUrl SignIn::authorizeUrl() const {
    if (m_keySession != nullptr) {
        return m_keySession->authorizeUrl();
    }
    return m_session != nullptr ? m_session->authorizeUrl() : QUrl();
}

QString SignIn::redirectUri() const {
    if (m_keySession != nullptr) {
        return m_keySession->redirectUri();
    }
    return m_session != nullptr ? m_session->redirectUri() : QString();
}

bool SignIn::outOfBand() const {
    if (m_keySession != nullptr) {
        return m_keySession->outOfBand();
    }
    return m_session != nullptr && m_session->outOfBand();
}

void SignIn::submitCode(const QString& code) {
    if (m_keySession != nullptr) {
        m_keySession->submitPayload(code);
    } else if (m_session != nullptr) {
        m_session->submitCode(code);
    }
}

void SignIn::cancel() {
    if (m_registering) {
        m_engine.cancel(m_appRequest);
        return;
    }
    if (m_keySession != nullptr) {
        m_keySession->cancel();
        return;
    }
    if (m_session != nullptr) {
        m_session->cancel();
        return;
    }
    finish(unexpected(Error{ErrorCode::Cancelled, QStringLiteral("the sign-in was cancelled")}));
}

void SignIn::finish(Expected<QString, Error> result) {
    if (Done done = std::exchange(m_done, nullptr)) {
        done(std::move(result));
    }
}

} // namespace baton::auth
