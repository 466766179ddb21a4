#include "core/auth/UserApiKey.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace baton::auth::userapikey {

namespace {

struct Freer {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Freer>;

Unexpected<Error> bad(const QString& detail) {
    return unexpected(Error{ErrorCode::BadResponse, detail});
}

QByteArray drain(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

QString randomHex(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

} // namespace

Expected<KeyPair, Error> makeKeyPair(int bits) {
    Owned<EVP_PKEY> key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
    if (!key) {
        return unexpected(Error{ErrorCode::Io, QStringLiteral("could not make an RSA key pair")});
    }
    Owned<BIO> priv(BIO_new(BIO_s_mem()));
    Owned<BIO> pub(BIO_new(BIO_s_mem()));
    if (!priv || !pub || PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
        PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) {
        return unexpected(Error{ErrorCode::Io, QStringLiteral("could not write the RSA key pair")});
    }
    return KeyPair{drain(priv.get()), drain(pub.get())};
}

QUrl authorizeUrl(const Request& request) {
    QString base = request.baseUrl;
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    QUrl url(base + QStringLiteral("/user-api-key/new"));
    QUrlQuery q;
    const auto add = [&q](const QString& name, const QString& value) {
        // Every value fully encoded: the PEM's '+', '/', '=' and line breaks must arrive as they are.
        q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("application_name"), request.applicationName);
    add(QStringLiteral("client_id"), request.clientId);
    add(QStringLiteral("scopes"), request.scopes);
    add(QStringLiteral("public_key"), QString::fromLatin1(request.publicPem));
    add(QStringLiteral("nonce"), request.nonce);
    if (!request.authRedirect.isEmpty()) {
        add(QStringLiteral("auth_redirect"), request.authRedirect);
    }
    url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

QString makeClientId() {
    return randomHex(16);
}

QString makeNonce() {
    return randomHex(16);
}

Expected<QString, Error> openPayload(const QByteArray& privatePem, const QString& payload, const QString& nonce) {
    // The forum breaks its base64 into lines; a paste may turn them into spaces: none of it is data.
    QByteArray compact;
    const QByteArray latin = payload.toLatin1();
    for (const char c : latin) {
        if (c != '\n' && c != '\r' && c != '\t' && c != ' ') {
            compact.append(c);
        }
    }
    if (compact.isEmpty()) {
        return bad(QStringLiteral("the forum's answer is empty: paste the whole text it shows"));
    }
    auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        decoded = QByteArray::fromBase64Encoding(compact, QByteArray::Base64UrlEncoding |
                                                              QByteArray::AbortOnBase64DecodingErrors);
    }
    if (!decoded || decoded.decoded.isEmpty()) {
        return bad(QStringLiteral("the forum's answer is not base64: paste the whole text it shows"));
    }
    Owned<BIO> bio(BIO_new_mem_buf(privatePem.constData(), static_cast<int>(privatePem.size())));
    Owned<EVP_PKEY> rsa(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    Owned<EVP_PKEY_CTX> ctx(rsa ? EVP_PKEY_CTX_new(rsa.get(), nullptr) : nullptr);
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
        return unexpected(Error{ErrorCode::Io, QStringLiteral("the sign-in's private key is unusable")});
    }
    const auto* in = reinterpret_cast<const unsigned char*>(decoded.decoded.constData());
    const size_t inSize = static_cast<size_t>(decoded.decoded.size());
    size_t outSize = 0;
    if (EVP_PKEY_decrypt(ctx.get(), nullptr, &outSize, in, inSize) != 1) {
        return bad(QStringLiteral("the forum's answer does not open with this sign-in's key"));
    }
    QByteArray plain(static_cast<qsizetype>(outSize), Qt::Uninitialized);
    if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &outSize, in, inSize) != 1) {
        return bad(QStringLiteral("the forum's answer does not open with this sign-in's key (an answer to another "
                                  "sign-in?)"));
    }
    plain.truncate(static_cast<qsizetype>(outSize));
    const QJsonObject o = QJsonDocument::fromJson(plain).object();
    const QString key = o.value(QLatin1String("key")).toString().trimmed();
    if (key.isEmpty()) {
        return bad(QStringLiteral("the forum's answer holds no key"));
    }
    if (o.value(QLatin1String("nonce")).toString() != nonce) {
        return bad(QStringLiteral("the forum's answer belongs to another sign-in (its nonce differs)"));
    }
    return key;
}

QString secretFor(const QString& key, const QString& clientId) {
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("client_id"), clientId}})
            .toJson(QJsonDocument::Compact));
}

Session::Session(QObject* parent)
    : QObject(parent) {
}

Session::~Session() = default;

QString Session::redirectUri() const {
    return m_listener != nullptr ? m_listener->redirectUri() : QString();
}

void Session::start(const QString& baseUrl, const LoopbackListener::Options& listen, bool outOfBand,
                    const BrowserOpener& opener, Done done) {
    m_done = std::move(done);
    m_outOfBand = outOfBand;
    auto keys = makeKeyPair();
    if (!keys) {
        finish(unexpected(keys.error()));
        return;
    }
    m_keys = *keys;
    m_nonce = makeNonce();
    m_clientId = makeClientId();
    Request request;
    request.baseUrl = baseUrl;
    request.clientId = m_clientId;
    request.nonce = m_nonce;
    request.publicPem = m_keys.publicPem;
    if (!outOfBand) {
        m_listener = new LoopbackListener(this);
        auto uri = m_listener->start(listen, [this](Expected<Callback, Error> callback) {
            if (!callback) {
                finish(unexpected(callback.error()));
                return;
            }
            if (callback->payload.isEmpty()) {
                finish(bad(QStringLiteral("the forum came back without a key")));
                return;
            }
            open(callback->payload);
        });
        if (!uri) {
            finish(unexpected(uri.error()));
            return;
        }
        request.authRedirect = *uri;
    }
    m_url = userapikey::authorizeUrl(request);
    emit authorizeUrlReady(m_url);
    if (opener) {
        opener(m_url); // opened or not, the address stays available to copy, and the wait goes on
    }
}

void Session::submitPayload(const QString& payload) {
    if (m_done == nullptr || !m_outOfBand) {
        return; // a redirect brings the payload itself
    }
    open(payload);
}

void Session::cancel() {
    if (m_listener != nullptr && m_listener->isListening()) {
        m_listener->cancel(); // reports Cancelled through the listener's callback
        return;
    }
    finish(unexpected(Error{ErrorCode::Cancelled, QStringLiteral("the sign-in was cancelled")}));
}

void Session::open(const QString& payload) {
    auto key = openPayload(m_keys.privatePem, payload, m_nonce);
    finish(key ? Expected<QString, Error>(secretFor(*key, m_clientId))
               : Expected<QString, Error>(unexpected(key.error())));
}

void Session::finish(Expected<QString, Error> result) {
    m_keys = {};
    if (Done done = std::exchange(m_done, nullptr)) {
        done(std::move(result));
    }
}

} // namespace baton::auth::userapikey
