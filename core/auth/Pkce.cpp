#include "core/auth/Pkce.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QRandomGenerator>

namespace baton::auth::pkce {

QString makeVerifier(int length) {
    static constexpr char kUnreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    static constexpr quint32 kCount = sizeof kUnreserved - 1; // 66
    length = qBound(43, length, 128);
    QString out;
    out.reserve(length);
    QRandomGenerator* rng = QRandomGenerator::system();
    while (out.size() < length) {
        out.append(QLatin1Char(kUnreserved[rng->bounded(kCount)]));
    }
    return out;
}

QString challengeS256(const QString& verifier) {
    const QByteArray digest = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString makeState() {
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace baton::auth::pkce
