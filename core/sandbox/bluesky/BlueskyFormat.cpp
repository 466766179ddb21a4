#include "core/sandbox/bluesky/BlueskyFormat.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextBoundaryFinder>
#include <QTimeZone>

namespace baton::sandbox::bluesky {
namespace {

const char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";   // RFC 4648, lower case (multibase 'b')
const char kSortable[] = "234567abcdefghijklmnopqrstuvwxyz"; // base32-sortable, for TIDs

QString base32(const QByteArray& bytes) {
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | static_cast<quint8>(byte);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(kBase32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) {
        out += QLatin1Char(kBase32[(buffer << (5 - bits)) & 31]);
    }
    return out;
}

QString randomBase32(SandboxRandom& rng, int length) {
    QString out;
    for (int i = 0; i < length; ++i) {
        out += QLatin1Char(kBase32[rng.below(32)]);
    }
    return out;
}

QByteArray base64url(const QByteArray& bytes) {
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

int utf8Offset(const QString& text, qsizetype index) {
    return static_cast<int>(text.left(index).toUtf8().size());
}

QJsonObject facet(const QString& text, qsizetype start, qsizetype length, const QJsonObject& feature) {
    QJsonObject index;
    index.insert(QStringLiteral("byteStart"), utf8Offset(text, start));
    index.insert(QStringLiteral("byteEnd"), utf8Offset(text, start + length));
    QJsonObject out;
    out.insert(QStringLiteral("index"), index);
    out.insert(QStringLiteral("features"), QJsonArray{feature});
    return out;
}

} // namespace

HttpResponse error(int status, const QString& name, const QString& message) {
    QJsonObject body;
    body.insert(QStringLiteral("error"), name);
    body.insert(QStringLiteral("message"), message);
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse ok(const QJsonObject& body) {
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse emptyOk() {
    HttpResponse r;
    r.status = 200;
    return r;
}

QString randomDid(SandboxRandom& rng) {
    return QStringLiteral("did:plc:") + randomBase32(rng, 24);
}

QString tid(qint64 micros, quint32 clockId) {
    quint64 value = (static_cast<quint64>(micros) << 10 | (clockId & 1023)) & 0x7FFFFFFFFFFFFFFFULL;
    QString out(13, QLatin1Char('2'));
    for (int i = 12; i >= 0; --i) {
        out[i] = QLatin1Char(kSortable[value & 31]);
        value >>= 5;
    }
    return out;
}

QString cidOf(const QByteArray& content) {
    // A CIDv1 prefix (version 1, dag-cbor 0x71, sha2-256 0x12, 32 bytes) before the digest, base32: "bafyrei…".
    const QByteArray digest = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    return QLatin1Char('b') + base32(QByteArray::fromHex("01711220") + digest);
}

QString appPassword(SandboxRandom& rng) {
    QStringList parts;
    for (int i = 0; i < 4; ++i) {
        parts.append(randomBase32(rng, 4));
    }
    return parts.join(QLatin1Char('-'));
}

QString jwtLike(const QJsonObject& header, const QJsonObject& payload, SandboxRandom& rng) {
    QByteArray signature;
    for (int i = 0; i < 4; ++i) {
        const quint64 v = rng.next();
        signature.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    return QString::fromLatin1(base64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                               base64url(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' +
                               base64url(signature));
}

QString atUri(const QString& did, const QString& collection, const QString& rkey) {
    return QStringLiteral("at://") + did + QLatin1Char('/') + collection + QLatin1Char('/') + rkey;
}

bool validRecordKey(const QString& rkey) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._:~-]{1,512}$"));
    return rkey != QLatin1String(".") && rkey != QLatin1String("..") && pattern.match(rkey).hasMatch();
}

QString datetime(qint64 ms, DateStyle style) {
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    switch (style) {
    case DateStyle::Millis:
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    case DateStyle::Micros:
        // Microseconds the way JavaScript clients never write them but Python ones do.
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
               QStringLiteral("%1Z").arg((ms * 7) % 1000, 3, 10, QLatin1Char('0'));
    case DateStyle::Seconds:
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    case DateStyle::PlusTwo:
        return QDateTime::fromMSecsSinceEpoch(ms + 2 * 3600000, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
               QStringLiteral("+02:00");
    case DateStyle::MinusFive:
        return QDateTime::fromMSecsSinceEpoch(ms - 5 * 3600000, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
               QStringLiteral("-05:00");
    }
    return {};
}

std::optional<qint64> parseDatetime(const QString& text) {
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    QDateTime base = QDateTime::fromString(m.captured(1), QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!base.isValid()) {
        return std::nullopt;
    }
    base.setTimeSpec(Qt::UTC);
    qint64 ms = base.toMSecsSinceEpoch() + QString(m.captured(2) + QStringLiteral("000")).left(3).toLongLong();
    const QString zone = m.captured(3);
    if (zone != QLatin1String("Z")) {
        const qint64 offset = (zone.mid(1, 2).toLongLong() * 60 + zone.mid(4, 2).toLongLong()) * 60000;
        ms += zone.startsWith(QLatin1Char('+')) ? -offset : offset;
    }
    return ms;
}

QJsonArray facetsFor(const QString& text, const QHash<QString, QString>& didsByHandle) {
    QJsonArray facets;
    static const QRegularExpression mention(QStringLiteral("(?<![\\w@])@([a-z0-9][a-z0-9.-]*\\.[a-z]{2,})"));
    static const QRegularExpression link(QStringLiteral("https?://[^\\s]+[^\\s.,;:!?)\\]]"));
    static const QRegularExpression tag(QStringLiteral("(?<![\\w#&])#([\\p{L}\\p{N}_]+)"));
    for (auto it = mention.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString did = didsByHandle.value(m.captured(1).toLower());
        if (!did.isEmpty()) {
            QJsonObject feature{{QStringLiteral("$type"), QStringLiteral("app.bsky.richtext.facet#mention")},
                                {QStringLiteral("did"), did}};
            facets.append(facet(text, m.capturedStart(), m.capturedLength(), feature));
        }
    }
    for (auto it = link.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QJsonObject feature{{QStringLiteral("$type"), QStringLiteral("app.bsky.richtext.facet#link")},
                            {QStringLiteral("uri"), m.captured(0)}};
        facets.append(facet(text, m.capturedStart(), m.capturedLength(), feature));
    }
    for (auto it = tag.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QJsonObject feature{{QStringLiteral("$type"), QStringLiteral("app.bsky.richtext.facet#tag")},
                            {QStringLiteral("tag"), m.captured(1)}};
        facets.append(facet(text, m.capturedStart(), m.capturedLength(), feature));
    }
    return facets;
}

int graphemeCount(const QString& text) {
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    while (finder.toNextBoundary() != -1) {
        ++count;
    }
    return count;
}

} // namespace baton::sandbox::bluesky
