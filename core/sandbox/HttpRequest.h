#pragma once

#include "core/sandbox/UrlEncoding.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace baton::sandbox {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One parsed HTTP/1.x request. Header names are lower-case; the body is decoded into parameters the way Rails
// does it (form or JSON body merged over the query string).
struct HttpRequest {
    QByteArray method;
    QByteArray target;   // raw request-target as sent
    QByteArray version;  // "HTTP/1.1"
    QString path;        // percent-decoded path
    QByteArray rawQuery; // without the '?'
    QueryItems query;
    HeaderList headers;
    QByteArray body;
    QueryItems form;      // application/x-www-form-urlencoded or multipart/form-data body
    QJsonObject json;     // application/json body
    bool badBody = false; // a JSON body that did not parse
    qint64 receivedAtMs = 0;
    quint64 connectionId = 0;
    QString peer;           // client address
    QString localAuthority; // host:port the connection arrived on, for a request without Host

    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
    bool keepAlive() const;

    // Scalar parameter: JSON body, then form body, then query; the last occurrence wins.
    std::optional<QString> param(const QString& name) const;
    // Array parameter: "name[]" items from body or query, or a JSON array under "name".
    QStringList arrayParam(const QString& name) const;
    // Rails' truthiness for a boolean parameter ("true", "1", "on", ...).
    bool truthy(const QString& name) const;

    // Fills form/json/badBody from the body according to Content-Type.
    void decodeBody();
    // Splits target into path and query.
    void decodeTarget();
};

} // namespace baton::sandbox
