#pragma once

#include "core/auth/LoopbackListener.h"
#include "core/auth/OAuthSession.h"
#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

// Discourse's user API keys (api-contracts.md §4.1): no OAuth. The client makes an RSA key pair and sends the
// public half to /user-api-key/new with a nonce; the user approves in the browser; the forum encrypts
// {"key","nonce","push","api"} with that public key (RSA PKCS#1 v1.5) and either redirects to auth_redirect with
// ?payload=<base64>, or shows the base64 for the user to paste when no redirect was given (a forum only redirects
// to the addresses its admin allowed in allowed_user_api_auth_redirects).
namespace baton::auth::userapikey {

// The scopes Baton asks for: reading topics and notifications, posting and moderating, and /session/current.json
// to learn who the key belongs to.
inline const QString kScopes = QStringLiteral("read,write,notifications,session_info");

struct KeyPair {
    QByteArray privatePem; // PKCS#8, never written anywhere: it lives as long as one sign-in
    QByteArray publicPem;  // SubjectPublicKeyInfo, "-----BEGIN PUBLIC KEY-----"
};
Expected<KeyPair, Error> makeKeyPair(int bits = 2048);

struct Request {
    QString baseUrl; // the forum
    QString applicationName = QStringLiteral("Baton");
    QString clientId; // stable per install and account; sent later as User-Api-Client-Id
    QString nonce;
    QByteArray publicPem;
    QString authRedirect; // empty: the forum shows the payload to paste
    QString scopes = kScopes;
};
// base/user-api-key/new?application_name=…&client_id=…&scopes=…&public_key=…&nonce=…[&auth_redirect=…]
QUrl authorizeUrl(const Request& request);

QString makeClientId(); // 32 random hex digits
QString makeNonce();    // 16 random bytes, hex

// The key inside a payload: base64 (line breaks and spaces ignored, the URL-safe alphabet tolerated) of the
// RSA-encrypted JSON. A payload that does not open with the private key, is not that JSON, or carries another nonce:
// BadResponse with what was wrong.
Expected<QString, Error> openPayload(const QByteArray& privatePem, const QString& payload, const QString& nonce);

// The secret the Discourse connector reads for such an account: {"key": "...", "client_id": "..."}.
QString secretFor(const QString& key, const QString& clientId);

// One sign-in: the key pair, the loopback redirect (or the pasted payload), the browser. Delete it or cancel() to
// give up; done is called exactly once, with the connector's secret.
class Session final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Expected<QString, Error>)>;

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // outOfBand: no redirect; submitPayload() takes what the forum showed.
    void start(const QString& baseUrl, const LoopbackListener::Options& listen, bool outOfBand,
               const BrowserOpener& opener, Done done);
    QUrl authorizeUrl() const { return m_url; }
    QString redirectUri() const;
    bool outOfBand() const { return m_outOfBand; }
    void submitPayload(const QString& payload);
    void cancel();

signals:
    void authorizeUrlReady(const QUrl& url);

private:
    void open(const QString& payload);
    void finish(Expected<QString, Error> result);

    LoopbackListener* m_listener = nullptr;
    KeyPair m_keys;
    QString m_nonce;
    QString m_clientId;
    QUrl m_url;
    bool m_outOfBand = false;
    Done m_done;
};

} // namespace baton::auth::userapikey
