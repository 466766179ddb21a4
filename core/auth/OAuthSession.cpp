#include "core/auth/OAuthSession.h"

#include "core/auth/Pkce.h"

namespace baton::auth {

OAuthSession::OAuthSession(net::NetworkEngine& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine) {
}

OAuthSession::~OAuthSession() {
    m_done = nullptr; // nobody to tell any more
    if (m_exchanging) {
        m_engine.cancel(m_request);
    }
}

Expected<QString, Error> OAuthSession::prepare(const LoopbackListener::Options& options, bool outOfBand) {
    m_outOfBand = outOfBand;
    m_listenOptions = options;
    if (outOfBand) {
        m_redirectUri = kOutOfBand;
        return m_redirectUri;
    }
    m_listener = new LoopbackListener(this);
    auto uri = m_listener->start(options, [this](Expected<Callback, Error> callback) {
        if (!callback) {
            finish(unexpected(callback.error()));
            return;
        }
        auto code = checkCallback(*callback, m_state);
        if (!code) {
            finish(unexpected(code.error()));
            return;
        }
        exchange(*code);
    });
    if (!uri) {
        delete m_listener;
        m_listener = nullptr;
        return uri;
    }
    m_redirectUri = *uri;
    return uri;
}

void OAuthSession::authorize(const Provider& provider, const BrowserOpener& opener, Done done) {
    m_done = std::move(done);
    if (m_redirectUri.isEmpty()) {
        finish(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the sign-in was not prepared")}));
        return;
    }
    m_provider = provider;
    m_verifier = pkce::makeVerifier();
    m_state = pkce::makeState();
    AuthorizeRequest request;
    request.endpoint = provider.authorizeEndpoint;
    request.clientId = provider.clientId;
    request.redirectUri = m_redirectUri;
    request.scope = provider.scope;
    request.state = m_state;
    request.codeChallenge = pkce::challengeS256(m_verifier);
    request.extra = provider.extraAuthorizeParams;
    m_authorizeUrl = auth::authorizeUrl(request);
    if (opener) {
        // Whether a browser opened or not, the URL stays available for the user to copy, and the wait goes on.
        opener(m_authorizeUrl);
    }
}

void OAuthSession::submitCode(const QString& code) {
    if (m_done == nullptr || m_exchanging) {
        return;
    }
    const QString trimmed = code.trimmed();
    if (trimmed.isEmpty()) {
        finish(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the authorization code is empty")}));
        return;
    }
    if (!m_outOfBand) {
        return; // the code comes back through the loopback listener, with its state
    }
    exchange(trimmed);
}

void OAuthSession::cancel() {
    if (m_exchanging) {
        m_engine.cancel(m_request); // the callback reports Cancelled
        return;
    }
    if (m_listener != nullptr && m_listener->isListening()) {
        m_listener->cancel();
        return;
    }
    finish(unexpected(Error{ErrorCode::Cancelled, QStringLiteral("the sign-in was cancelled")}));
}

void OAuthSession::exchange(const QString& code) {
    TokenRequest token;
    token.endpoint = m_provider.tokenEndpoint;
    token.clientId = m_provider.clientId;
    token.clientSecret = m_provider.clientSecret;
    token.code = code;
    token.redirectUri = m_redirectUri;
    token.codeVerifier = m_verifier;
    token.basicAuth = m_provider.basicAuth;
    token.userAgent = m_provider.userAgent;
    m_exchanging = true;
    m_request = m_engine.send(tokenRequest(token), this, [this](net::Result r) {
        m_exchanging = false;
        if (!r) {
            Error e = r.error();
            if (e.code != ErrorCode::Cancelled) {
                e.detail =
                    QStringLiteral("the token request failed: %1").arg(e.detail.isEmpty() ? e.toString() : e.detail);
            }
            finish(unexpected(std::move(e)));
            return;
        }
        finish(parseTokenAnswer(r->status, r->body));
    });
}

void OAuthSession::finish(Expected<TokenAnswer, Error> result) {
    m_verifier.clear();
    if (Done done = std::exchange(m_done, nullptr)) {
        done(std::move(result));
    }
}

} // namespace baton::auth
