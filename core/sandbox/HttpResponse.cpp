#include "core/sandbox/HttpResponse.h"

#include "core/sandbox/SandboxClock.h"

#include <QJsonDocument>

namespace baton::sandbox {

void HttpResponse::setHeader(const QByteArray& name, const QByteArray& value) {
    for (auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            entry.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const {
    for (const auto& entry : headers) {
        if (QByteArrayView(entry.first).compare(name, Qt::CaseInsensitive) == 0) {
            return entry.second;
        }
    }
    return {};
}

QByteArray HttpResponse::serializeHead(qint64 contentLength, bool keepAlive, qint64 nowMs) const {
    QByteArray head;
    head.reserve(512);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Date: " + SandboxClock::httpDate(nowMs) + "\r\n";
    for (const auto& [name, value] : headers) {
        head += name + ": " + value + "\r\n";
    }
    head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    head += keepAlive ? QByteArray("Connection: keep-alive\r\n") : QByteArray("Connection: close\r\n");
    head += "\r\n";
    return head;
}

HttpResponse HttpResponse::json(int status, const QByteArray& body) {
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    return response;
}

HttpResponse HttpResponse::htmlPage(int status, const QString& title, const QString& bodyHtml) {
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.setHeader("Cache-Control", "no-store");
    r.body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
                            "<body><h1>%1</h1>%2</body></html>")
                 .arg(title.toHtmlEscaped(), bodyHtml)
                 .toUtf8();
    return r;
}

HttpResponse HttpResponse::jsonError(int status, const QString& message) {
    QJsonObject object;
    object.insert(QStringLiteral("error"), message);
    return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray HttpResponse::reasonPhrase(int status) {
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

} // namespace baton::sandbox
