#pragma once

#include "core/sandbox/HttpRequest.h"

#include <QByteArray>
#include <QJsonObject>

namespace baton::sandbox {

// A response before it is put on the wire; Content-Length and Connection are added by the server.
struct HttpResponse {
    int status = 200;
    HeaderList headers;
    QByteArray body;

    void setHeader(const QByteArray& name, const QByteArray& value); // replaces any header of that name
    QByteArray header(QByteArrayView name) const;                    // case-insensitive

    // Head (status line and headers, CRLF-terminated) announcing contentLength body bytes.
    QByteArray serializeHead(qint64 contentLength, bool keepAlive, qint64 nowMs) const;

    static HttpResponse json(int status, const QByteArray& body);
    static HttpResponse jsonError(int status, const QString& message); // {"error": message}
    // A small page a browser shows (title escaped, bodyHtml as it is), never cached.
    static HttpResponse htmlPage(int status, const QString& title, const QString& bodyHtml);
    static QByteArray reasonPhrase(int status);
};

} // namespace baton::sandbox
