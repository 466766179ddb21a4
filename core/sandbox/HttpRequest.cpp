#include "core/sandbox/HttpRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace baton::sandbox {

namespace {

QString jsonScalar(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return value.toVariant().toString(); // integers stay exact (Qt keeps them as qint64)
    default:
        return {};
    }
}

// multipart/form-data fields (file parts are skipped: the sandbox takes no uploads).
QueryItems parseMultipart(const QByteArray& body, const QByteArray& boundary) {
    QueryItems items;
    const QByteArray delimiter = "--" + boundary;
    const QByteArray separator = "\r\n" + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) != "\r\n") {
            break; // "--" closes the body; anything else is malformed
        }
        pos += 2;
        const qsizetype next = body.indexOf(separator, pos);
        if (next < 0) {
            break;
        }
        const QByteArray part = body.mid(pos, next - pos);
        const qsizetype split = part.indexOf("\r\n\r\n");
        if (split >= 0) {
            const QByteArray head = part.left(split);
            const qsizetype nameAt = head.indexOf("name=\"");
            if (nameAt >= 0 && !head.contains("filename=")) {
                const qsizetype nameEnd = head.indexOf('"', nameAt + 6);
                const QByteArray name = head.mid(nameAt + 6, nameEnd - nameAt - 6);
                items.append({QString::fromUtf8(name), QString::fromUtf8(part.mid(split + 4))});
            }
        }
        pos = next + 2;
    }
    return items;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerName) {
            return value;
        }
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView lowerName) const {
    for (const auto& entry : headers) {
        if (entry.first == lowerName) {
            return true;
        }
    }
    return false;
}

bool HttpRequest::keepAlive() const {
    const QByteArray connection = header("connection").toLower();
    if (version == "HTTP/1.0") {
        return connection.contains("keep-alive");
    }
    return !connection.contains("close");
}

std::optional<QString> HttpRequest::param(const QString& name) const {
    const auto it = json.constFind(name);
    if (it != json.constEnd() && !it->isArray() && !it->isObject() && !it->isNull()) {
        return jsonScalar(*it);
    }
    if (url::contains(form, name)) {
        return url::lastValue(form, name);
    }
    if (url::contains(query, name)) {
        return url::lastValue(query, name);
    }
    return std::nullopt;
}

QStringList HttpRequest::arrayParam(const QString& name) const {
    const auto it = json.constFind(name);
    if (it != json.constEnd() && it->isArray()) {
        QStringList out;
        const QJsonArray array = it->toArray();
        for (const QJsonValue& v : array) {
            out.append(jsonScalar(v));
        }
        return out;
    }
    const QString key = name + QStringLiteral("[]");
    if (url::contains(form, key)) {
        return url::values(form, key);
    }
    return url::values(query, key);
}

bool HttpRequest::truthy(const QString& name) const {
    const std::optional<QString> value = param(name);
    if (!value) {
        return false;
    }
    const QString v = value->toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("on") ||
           v == QLatin1String("t") || v == QLatin1String("yes");
}

void HttpRequest::decodeBody() {
    const QByteArray type = header("content-type").toLower();
    if (type.startsWith("application/x-www-form-urlencoded")) {
        form = url::parseQuery(body);
    } else if (type.startsWith("multipart/form-data")) {
        const QByteArray contentType = header("content-type");
        const qsizetype at = contentType.toLower().indexOf("boundary=");
        QByteArray boundary = at < 0 ? QByteArray() : contentType.mid(at + 9).split(';').constFirst().trimmed();
        if (boundary.size() >= 2 && boundary.startsWith('"') && boundary.endsWith('"')) {
            boundary = boundary.mid(1, boundary.size() - 2);
        }
        if (!boundary.isEmpty()) {
            form = parseMultipart(body, boundary);
        }
    } else if (type.startsWith("application/json") && !body.trimmed().isEmpty()) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            badBody = true;
        } else {
            json = doc.object();
        }
    }
}

void HttpRequest::decodeTarget() {
    QByteArrayView rawPath = target;
    if (rawPath.startsWith("http://") || rawPath.startsWith("https://")) { // absolute-form
        const qsizetype schemeEnd = rawPath.indexOf("://") + 3;
        const qsizetype slash = rawPath.indexOf('/', schemeEnd);
        rawPath = slash < 0 ? QByteArrayView("/") : rawPath.sliced(slash);
    }
    const qsizetype fragment = rawPath.indexOf('#');
    if (fragment >= 0) {
        rawPath = rawPath.first(fragment);
    }
    const qsizetype question = rawPath.indexOf('?');
    if (question >= 0) {
        rawQuery = rawPath.sliced(question + 1).toByteArray();
        rawPath = rawPath.first(question);
    }
    path = QString::fromUtf8(url::percentDecode(rawPath, false));
    query = url::parseQuery(rawQuery);
}

} // namespace baton::sandbox
