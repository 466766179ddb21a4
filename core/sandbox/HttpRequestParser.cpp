#include "core/sandbox/HttpRequestParser.h"

namespace baton::sandbox {

namespace {

bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text) {
    if (text.isEmpty()) {
        return false;
    }
    for (const char c : text) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

bool isDigits(QByteArrayView text) {
    if (text.isEmpty() || text.size() > 18) {
        return false;
    }
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

// Finds the end of the head: the first empty line. Returns the index just past it, or -1.
qsizetype headEnd(const QByteArray& buffer) {
    qsizetype pos = 0;
    while (pos < buffer.size()) {
        const qsizetype nl = buffer.indexOf('\n', pos);
        if (nl < 0) {
            return -1;
        }
        const qsizetype lineLength = nl - pos - (nl > pos && buffer.at(nl - 1) == '\r' ? 1 : 0);
        if (lineLength == 0) {
            return nl + 1;
        }
        pos = nl + 1;
    }
    return -1;
}

QByteArray chopCr(QByteArray line) {
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    return line;
}

} // namespace

void HttpRequestParser::feed(const QByteArray& bytes) {
    m_buffer.append(bytes);
}

HttpRequestParser::Result HttpRequestParser::fail(int status, const QString& message) {
    m_errorStatus = status;
    m_errorMessage = message;
    return Result::Error;
}

HttpRequestParser::Result HttpRequestParser::parse() {
    if (m_errorStatus != 0) {
        return Result::Error;
    }
    if (m_phase == Phase::Head) {
        const Result head = parseHead();
        if (head != Result::Ready) {
            return head;
        }
    }
    if (m_phase == Phase::Body) {
        if (m_buffer.size() < m_remaining) {
            return Result::NeedMore;
        }
        m_request.body = m_buffer.left(m_remaining);
        m_buffer.remove(0, m_remaining);
        m_phase = Phase::Done;
    } else if (m_phase == Phase::ChunkSize || m_phase == Phase::ChunkData || m_phase == Phase::ChunkTrailer) {
        const Result chunks = parseChunks();
        if (chunks != Result::Ready) {
            return chunks;
        }
    }
    return m_phase == Phase::Done ? Result::Ready : Result::NeedMore;
}

HttpRequestParser::Result HttpRequestParser::parseHead() {
    // RFC 9112 2.2: ignore empty lines before the request line.
    while (m_buffer.startsWith("\r\n") || m_buffer.startsWith('\n')) {
        m_buffer.remove(0, m_buffer.startsWith('\n') ? 1 : 2);
    }
    const qsizetype end = headEnd(m_buffer);
    if (end < 0) {
        if (m_buffer.size() > kMaxHeadBytes) {
            return fail(431, QStringLiteral("request head too large"));
        }
        return Result::NeedMore;
    }
    if (end > kMaxHeadBytes) {
        return fail(431, QStringLiteral("request head too large"));
    }
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end);
    if (head.contains('\0')) {
        return fail(400, QStringLiteral("NUL in request head"));
    }
    QList<QByteArray> lines = head.split('\n');
    while (!lines.isEmpty() && chopCr(lines.constLast()).isEmpty()) {
        lines.removeLast();
    }
    if (lines.isEmpty()) {
        return fail(400, QStringLiteral("empty request"));
    }

    m_request = HttpRequest{};
    const QByteArray requestLine = chopCr(lines.takeFirst());
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty()) {
        return fail(400, QStringLiteral("malformed request line"));
    }
    m_request.method = parts.at(0);
    m_request.target = parts.at(1);
    m_request.version = parts.at(2);
    if (!m_request.version.startsWith("HTTP/")) {
        return fail(400, QStringLiteral("malformed HTTP version"));
    }
    if (m_request.version != "HTTP/1.1" && m_request.version != "HTTP/1.0") {
        return fail(505, QStringLiteral("unsupported HTTP version"));
    }
    const QByteArray& target = m_request.target;
    if (!target.startsWith('/') && !target.startsWith("http://") && !target.startsWith("https://") &&
        !(target == "*" && m_request.method == "OPTIONS")) {
        return fail(400, QStringLiteral("malformed request target"));
    }
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
            return fail(400, QStringLiteral("malformed request target"));
        }
    }

    for (const QByteArray& rawLine : std::as_const(lines)) {
        const QByteArray line = chopCr(rawLine);
        if (line.contains('\r')) {
            return fail(400, QStringLiteral("bare CR in header"));
        }
        if (line.startsWith(' ') || line.startsWith('\t')) {
            return fail(400, QStringLiteral("obsolete header folding"));
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
            return fail(400, QStringLiteral("malformed header line"));
        }
        m_request.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }

    int hostCount = 0;
    QByteArray contentLength;
    for (const auto& [name, value] : std::as_const(m_request.headers)) {
        if (name == "host") {
            ++hostCount;
        } else if (name == "content-length") {
            const QList<QByteArray> values = value.split(',');
            for (const QByteArray& v : values) {
                const QByteArray trimmed = v.trimmed();
                if (!isDigits(trimmed) || (!contentLength.isEmpty() && contentLength != trimmed)) {
                    return fail(400, QStringLiteral("invalid Content-Length"));
                }
                contentLength = trimmed;
            }
        }
    }
    if (m_request.version == "HTTP/1.1" && hostCount != 1) {
        return fail(400, QStringLiteral("HTTP/1.1 request needs exactly one Host header"));
    }
    const QByteArray transferEncoding = m_request.header("transfer-encoding").toLower();
    if (!transferEncoding.isEmpty()) {
        if (!contentLength.isEmpty()) {
            return fail(400, QStringLiteral("both Transfer-Encoding and Content-Length"));
        }
        if (transferEncoding != "chunked") {
            return fail(501, QStringLiteral("unsupported Transfer-Encoding"));
        }
        m_phase = Phase::ChunkSize;
    } else {
        m_remaining = contentLength.isEmpty() ? 0 : contentLength.toLongLong();
        if (m_remaining > kMaxBodyBytes) {
            return fail(413, QStringLiteral("request body too large"));
        }
        m_phase = Phase::Body;
    }
    m_continuePending = m_request.header("expect").toLower() == "100-continue" &&
                        (m_phase != Phase::Body || m_remaining > m_buffer.size());
    return Result::Ready;
}

HttpRequestParser::Result HttpRequestParser::parseChunks() {
    for (;;) {
        if (m_phase == Phase::ChunkSize) {
            const qsizetype nl = m_buffer.indexOf('\n');
            if (nl < 0) {
                return m_buffer.size() > 1024 ? fail(400, QStringLiteral("malformed chunk size")) : Result::NeedMore;
            }
            QByteArray line = chopCr(m_buffer.left(nl));
            m_buffer.remove(0, nl + 1);
            const qsizetype semicolon = line.indexOf(';');
            if (semicolon >= 0) {
                line.truncate(semicolon);
            }
            bool ok = false;
            const qint64 size = line.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || line.trimmed().size() > 15) {
                return fail(400, QStringLiteral("malformed chunk size"));
            }
            if (m_request.body.size() + size > kMaxBodyBytes) {
                return fail(413, QStringLiteral("request body too large"));
            }
            m_remaining = size;
            m_phase = size == 0 ? Phase::ChunkTrailer : Phase::ChunkData;
        } else if (m_phase == Phase::ChunkData) {
            if (m_buffer.size() < m_remaining + 1) {
                return Result::NeedMore;
            }
            qsizetype terminator = 0;
            if (m_buffer.at(m_remaining) == '\n') {
                terminator = 1;
            } else if (m_buffer.at(m_remaining) == '\r') {
                if (m_buffer.size() < m_remaining + 2) {
                    return Result::NeedMore;
                }
                if (m_buffer.at(m_remaining + 1) != '\n') {
                    return fail(400, QStringLiteral("missing CRLF after chunk"));
                }
                terminator = 2;
            } else {
                return fail(400, QStringLiteral("missing CRLF after chunk"));
            }
            m_request.body.append(m_buffer.left(m_remaining));
            m_buffer.remove(0, m_remaining + terminator);
            m_phase = Phase::ChunkSize;
        } else { // trailer section: lines until an empty one
            const qsizetype nl = m_buffer.indexOf('\n');
            if (nl < 0) {
                return Result::NeedMore;
            }
            const QByteArray line = chopCr(m_buffer.left(nl));
            m_buffer.remove(0, nl + 1);
            if (line.isEmpty()) {
                m_phase = Phase::Done;
                return Result::Ready;
            }
        }
    }
}

HttpRequest HttpRequestParser::takeRequest() {
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest{};
    m_phase = Phase::Head;
    m_remaining = 0;
    m_continuePending = false;
    request.decodeTarget();
    request.decodeBody();
    return request;
}

bool HttpRequestParser::takeContinueRequest() {
    const bool pending = m_continuePending;
    m_continuePending = false;
    return pending;
}

} // namespace baton::sandbox
