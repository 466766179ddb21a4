#pragma once

#include "core/auth/LoopbackListener.h"
#include "core/auth/OAuth.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace baton::auth {

// Opens the authorize URL in the user's browser (QDesktopServices in the window, a printed line on a terminal,
// an HTTP client in tests). Returns false when nothing could be opened; the URL is then shown for copying.
using BrowserOpener = std::function<bool(const QUrl&)>;

// One network's OAuth endpoints and client.
struct Provider {
    QUrl authorizeEndpoint;
    QUrl tokenEndpoint;
    QString clientId;
    QString clientSecret;
    QString scope;
    Params extraAuthorizeParams;
    bool basicAuth = false; // token request authenticates with HTTP Basic "client_id:client_secret"
    QByteArray userAgent;   // token request's User-Agent; empty: the engine's
};

// One sign-in: PKCE verifier and state, the redirect listener (or the out-of-band code pasted by the user),
// the browser, then the token request through the network engine. Delete it (or cancel()) to give up.
class OAuthSession final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Expected<TokenAnswer, Error>)>;

    OAuthSession(net::NetworkEngine& engine, QObject* parent = nullptr);
    ~OAuthSession() override;

    // Step 1: where the browser will come back. With outOfBand the URI is kOutOfBand and nothing listens:
    // submitCode() takes the code the server showed.
    Expected<QString, Error> prepare(const LoopbackListener::Options& options, bool outOfBand = false);
    QString redirectUri() const { return m_redirectUri; }

    // Step 2: opens the authorize URL and waits for the code, then exchanges it. done is called exactly once
    // (success, refusal, timeout, cancel or a failed exchange). Call after prepare().
    void authorize(const Provider& provider, const BrowserOpener& opener, Done done);
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    bool outOfBand() const { return m_outOfBand; }

    // Out of band: the code the server displayed. It is trusted as the answer to our own request (there is no
    // state to compare).
    void submitCode(const QString& code);
    void cancel();

private:
    void exchange(const QString& code);
    void finish(Expected<TokenAnswer, Error> result);

    net::NetworkEngine& m_engine;
    LoopbackListener* m_listener = nullptr;
    LoopbackListener::Options m_listenOptions;
    bool m_outOfBand = false;
    QString m_redirectUri;
    Provider m_provider;
    QString m_verifier;
    QString m_state;
    QUrl m_authorizeUrl;
    net::RequestId m_request = 0;
    bool m_exchanging = false;
    Done m_done;
};

} // namespace baton::auth
