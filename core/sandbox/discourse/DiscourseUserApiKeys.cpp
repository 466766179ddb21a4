#include "core/sandbox/discourse/DiscourseUserApiKeys.h"

#include "core/sandbox/HttpRequest.h"
#include "core/sandbox/discourse/DiscourseForum.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace baton::sandbox {

namespace {

struct Freer {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Freer>;

const QStringList kKnownScopes{QStringLiteral("read"),
                               QStringLiteral("write"),
                               QStringLiteral("message_bus"),
                               QStringLiteral("push"),
                               QStringLiteral("notifications"),
                               QStringLiteral("session_info"),
                               QStringLiteral("one_time_password")};

bool loopbackRedirect(const QString& uri) {
    const QUrl url(uri);
    const QString host = url.host();
    return url.isValid() && url.scheme() == QLatin1String("http") && url.port() > 0 &&
           (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost"));
}

} // namespace

QByteArray encryptUserApiKeyPayload(const QByteArray& publicPem, const QByteArray& json) {
    Owned<BIO> bio(BIO_new_mem_buf(publicPem.constData(), static_cast<int>(publicPem.size())));
    Owned<EVP_PKEY> key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    Owned<EVP_PKEY_CTX> ctx(key ? EVP_PKEY_CTX_new(key.get(), nullptr) : nullptr);
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
        return {};
    }
    const auto* in = reinterpret_cast<const unsigned char*>(json.constData());
    size_t size = 0;
    if (EVP_PKEY_encrypt(ctx.get(), nullptr, &size, in, static_cast<size_t>(json.size())) != 1) {
        return {};
    }
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &size, in,
                         static_cast<size_t>(json.size())) != 1) {
        return {};
    }
    out.truncate(static_cast<qsizetype>(size));
    const QByteArray flat = out.toBase64();
    QByteArray lines; // Base64.encode64: a newline after every 60 characters and at the end
    for (qsizetype i = 0; i < flat.size(); i += 60) {
        lines += flat.mid(i, 60) + '\n';
    }
    return lines;
}

HttpResponse userApiKeyNew(const HttpRequest& request, DiscourseForum& forum) {
    const auto value = [&request](const char* name) {
        return request.param(QString::fromLatin1(name)).value_or(QString()).trimmed();
    };
    const QString application = value("application_name");
    const QString clientId = value("client_id");
    const QString scopes = value("scopes");
    const QString nonce = value("nonce");
    const QString publicKey = request.param(QStringLiteral("public_key")).value_or(QString());
    const QString redirect = value("auth_redirect");
    for (const auto& [name, v] :
         {std::pair{"application_name", application}, std::pair{"client_id", clientId}, std::pair{"scopes", scopes},
          std::pair{"public_key", publicKey.trimmed()}, std::pair{"nonce", nonce}}) {
        if (v.isEmpty()) {
            return HttpResponse::htmlPage(
                400, QStringLiteral("Bad request"),
                QStringLiteral("<p>param is missing or the value is empty: %1</p>").arg(QString::fromLatin1(name)));
        }
    }
    for (const QString& scope : scopes.split(u',', Qt::SkipEmptyParts)) {
        if (!kKnownScopes.contains(scope.trimmed())) {
            return HttpResponse::htmlPage(400, QStringLiteral("Bad request"),
                                          QStringLiteral("<p>Unknown scope: %1</p>").arg(scope.toHtmlEscaped()));
        }
    }
    if (!redirect.isEmpty() && !loopbackRedirect(redirect)) {
        return HttpResponse::htmlPage(
            403, QStringLiteral("Invalid access"),
            QStringLiteral("<p>auth_redirect is not in allowed_user_api_auth_redirects.</p>"));
    }
    if (encryptUserApiKeyPayload(publicKey.toLatin1(), QByteArrayLiteral("{}")).isEmpty()) {
        return HttpResponse::htmlPage(400, QStringLiteral("Bad request"),
                                      QStringLiteral("<p>public_key is not an RSA public key.</p>"));
    }
    const auto [key, account] = forum.issueUserApiKey(clientId, scopes);
    if (account < 0) {
        return HttpResponse::htmlPage(500, QStringLiteral("Server error"),
                                      QStringLiteral("<p>No user to sign in.</p>"));
    }
    const QJsonObject answer{{QStringLiteral("key"), key},
                             {QStringLiteral("nonce"), nonce},
                             {QStringLiteral("push"), false},
                             {QStringLiteral("api"), 4}};
    const QByteArray payload =
        encryptUserApiKeyPayload(publicKey.toLatin1(), QJsonDocument(answer).toJson(QJsonDocument::Compact));
    if (redirect.isEmpty()) {
        return HttpResponse::htmlPage(
            200, QStringLiteral("%1 can now access your account").arg(application),
            QStringLiteral("<p>Copy the text below into %1:</p><pre id=\"payload\">%2</pre>")
                .arg(application.toHtmlEscaped(), QString::fromLatin1(payload).toHtmlEscaped()));
    }
    HttpResponse r = HttpResponse::htmlPage(302, QStringLiteral("Redirecting"), QString());
    const char sep = redirect.contains(u'?') ? '&' : '?';
    r.setHeader("Location",
                redirect.toUtf8() + sep + "payload=" + QUrl::toPercentEncoding(QString::fromLatin1(payload)));
    return r;
}

} // namespace baton::sandbox
