#include "core/net/CurlTransfer.h"

#include <QUrlQuery>

namespace baton::net {
namespace {

bool isToken(const QByteArray& s) {
    if (s.isEmpty()) {
        return false;
    }
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool isSafeHeaderValue(const QByteArray& s) {
    return !s.contains('\r') && !s.contains('\n') && !s.contains('\0');
}

bool looksSecret(const QString& name) {
    static const QLatin1String kMarkers[] = {
        QLatin1String("token"),    QLatin1String("key"),    QLatin1String("secret"),
        QLatin1String("password"), QLatin1String("passwd"), QLatin1String("auth"),
        QLatin1String("code"),     QLatin1String("sig"),    QLatin1String("session")};
    for (const QLatin1String& marker : kMarkers) {
        if (name.contains(marker, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

Error invalid(const QString& detail) {
    return Error{ErrorCode::InvalidArgument, detail, 0};
}

bool hasBody(const Request& r) {
    return !r.body.isEmpty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
}

bool hasHeader(const HeaderList& headers, QByteArrayView name) {
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

bool isMailScheme(const QString& scheme) {
    return scheme == QLatin1String("imap") || scheme == QLatin1String("imaps") || scheme == QLatin1String("smtp") ||
           scheme == QLatin1String("smtps");
}

bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || host == QLatin1String("::1")) {
        return true;
    }
    // Only the canonical dotted quad: shorthand forms such as "127.1" are refused rather than interpreted.
    const QList<QStringView> parts = QStringView(host).split(u'.');
    if (parts.size() != 4) {
        return false;
    }
    for (const QStringView part : parts) {
        bool ok = false;
        const int v = part.toInt(&ok);
        if (!ok || part.size() > 3 || v < 0 || v > 255 || !part.front().isDigit()) {
            return false;
        }
    }
    return parts.front() == QLatin1String("127");
}

std::optional<Error> validateRequest(const Request& r) {
    if (!r.url.isValid() || r.url.host().isEmpty()) {
        return invalid(QStringLiteral("invalid URL: ") + redactedUrl(r.url));
    }
    const QString scheme = r.url.scheme();
    if (scheme == QLatin1String("http")) {
        if (!isLoopbackHost(r.url.host())) {
            return invalid(QStringLiteral("plain http is allowed only to loopback hosts: ") + redactedUrl(r.url));
        }
    } else if (isMailScheme(scheme)) {
        if ((scheme == QLatin1String("imap") || scheme == QLatin1String("smtp")) && !isLoopbackHost(r.url.host())) {
            return invalid(QStringLiteral("plain %1 is allowed only to loopback hosts (use %1s): ").arg(scheme) +
                           redactedUrl(r.url));
        }
        // Protocol lines must not be injectable: no line breaks in commands, addresses or credentials.
        QList<QByteArray> fields{r.mailCommand, r.mailFrom, r.username.toUtf8(), r.password.toUtf8(),
                                 r.oauthBearer.toUtf8()};
        fields += r.mailRecipients;
        for (const QByteArray& f : std::as_const(fields)) {
            if (!isSafeHeaderValue(f)) {
                return invalid(QStringLiteral("line break in a mail command, address or credential"));
            }
        }
        return std::nullopt;
    } else if (scheme != QLatin1String("https")) {
        return invalid(QStringLiteral("unsupported URL scheme: ") + redactedUrl(r.url));
    }
    if (!isToken(r.method)) {
        return invalid(QStringLiteral("invalid HTTP method"));
    }
    for (const auto& [name, value] : r.headers) {
        if (!isToken(name) || !isSafeHeaderValue(value)) {
            // The name is safe to show only once it is known to be a token.
            return invalid(QStringLiteral("invalid request header ") +
                           (isToken(name) ? QString::fromLatin1(name) : QStringLiteral("name")));
        }
    }
    return std::nullopt;
}

QString redactedUrl(const QUrl& url) {
    QUrl u = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    if (u.hasQuery()) {
        QUrlQuery query(u);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto& [name, value] : items) {
            if (looksSecret(name)) {
                value = QStringLiteral("REDACTED");
            }
        }
        query.setQueryItems(items);
        u.setQuery(query);
    }
    return u.toString(QUrl::FullyEncoded);
}

CurlTransfer::CurlTransfer(const Request& request, const QString& logUrl, void* owner)
    : m_url(request.url.toEncoded())
    , m_method(request.method)
    , m_requestBody(request.body)
    , m_logUrl(logUrl)
    , m_maxBodyBytes(request.maxBodyBytes) {
    m_easy = curl_easy_init();
    if (!m_easy) {
        return;
    }
    static const QByteArray kUserAgent = NetworkEngine::userAgent();
    CURL* e = m_easy;
    curl_easy_setopt(e, CURLOPT_PRIVATE, owner);
    curl_easy_setopt(e, CURLOPT_URL, m_url.constData());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    if (isMailScheme(request.url.scheme())) {
        configureMail(request);
        return;
    }
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    if (request.url.scheme() == QLatin1String("https")) {
        // Prefer waiting for an HTTP/2 connection being set up to the same host over opening a parallel one.
        // Not for cleartext: that is HTTP/1.1 here, and curl would learn it only from the first response, holding
        // every other request to the host until then.
        curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    }
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, kUserAgent.constData());
    if (request.timeoutMs > 0) {
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(request.timeoutMs));
    }
    if (request.connectTimeoutMs > 0) {
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    }
    if (m_maxBodyBytes > 0) {
        // Rejects an oversized Content-Length up front; the write callback also counts the decoded bytes.
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(m_maxBodyBytes));
    }
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlTransfer::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &CurlTransfer::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
    if (!request.retrySafe) {
        // libcurl quietly sends a request again when the reused connection it went out on dies before any answer;
        // a request that must not be repeated gets a connection of its own.
        curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
    }

    if (m_method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (hasBody(request)) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_requestBody.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, m_requestBody.constData());
        if (m_method != "POST") {
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m_method.constData());
        }
    } else if (m_method == "GET") {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m_method.constData());
    }

    for (const auto& [name, value] : request.headers) {
        // "Name;" is curl's way to send a header with an empty value ("Name:" would remove it).
        const QByteArray line = value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value);
        m_headerList = curl_slist_append(m_headerList, line.constData());
    }
    if (hasBody(request) && !hasHeader(request.headers, "expect")) {
        // 100-continue costs a round trip (or a 1 s wait with servers that ignore it).
        m_headerList = curl_slist_append(m_headerList, "Expect:");
    }
    if (m_headerList) {
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, m_headerList);
    }
}

void CurlTransfer::configureMail(const Request& request) {
    CURL* e = m_easy;
    m_mail = true;
    m_imap = request.url.scheme().startsWith(QLatin1String("imap"));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "imap,imaps,smtp,smtps");
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    if (request.timeoutMs > 0) {
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(request.timeoutMs));
    }
    if (request.connectTimeoutMs > 0) {
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    }
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlTransfer::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    m_username = request.username.toUtf8();
    m_password = request.password.toUtf8();
    m_bearer = request.oauthBearer.toUtf8();
    if (!m_username.isEmpty()) {
        curl_easy_setopt(e, CURLOPT_USERNAME, m_username.constData());
    }
    if (!m_bearer.isEmpty()) {
        curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, m_bearer.constData());
    } else if (!m_password.isEmpty()) {
        curl_easy_setopt(e, CURLOPT_PASSWORD, m_password.constData());
    }
    if (!request.mailCommand.isEmpty()) {
        const qsizetype space = request.mailCommand.indexOf(' ');
        m_method = space < 0 ? request.mailCommand : request.mailCommand.left(space); // for error messages only
        m_customCommand = request.mailCommand;
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m_customCommand.constData());
    } else {
        m_method = request.upload ? (m_imap ? "APPEND" : "SEND") : "FETCH";
    }
    if (!request.mailFrom.isEmpty()) {
        m_mailFrom = request.mailFrom;
        curl_easy_setopt(e, CURLOPT_MAIL_FROM, m_mailFrom.constData());
    }
    for (const QByteArray& rcpt : request.mailRecipients) {
        m_mailRcpt = curl_slist_append(m_mailRcpt, rcpt.constData());
    }
    if (m_mailRcpt) {
        curl_easy_setopt(e, CURLOPT_MAIL_RCPT, m_mailRcpt);
    }
    if (request.upload) {
        curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(e, CURLOPT_READFUNCTION, &CurlTransfer::onRead);
        curl_easy_setopt(e, CURLOPT_READDATA, this);
        curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, curl_off_t(m_requestBody.size()));
    }
}

size_t CurlTransfer::onRead(char* buffer, size_t size, size_t count, void* self) {
    auto* t = static_cast<CurlTransfer*>(self);
    const qsizetype n = qMin(qsizetype(size * count), t->m_requestBody.size() - t->m_uploaded);
    if (n > 0) {
        memcpy(buffer, t->m_requestBody.constData() + t->m_uploaded, size_t(n));
        t->m_uploaded += n;
    }
    return size_t(qMax<qsizetype>(n, 0));
}

CurlTransfer::~CurlTransfer() {
    if (m_easy) {
        curl_easy_cleanup(m_easy);
    }
    curl_slist_free_all(m_headerList);
    curl_slist_free_all(m_mailRcpt);
}

size_t CurlTransfer::onWrite(char* data, size_t size, size_t count, void* self) {
    auto* t = static_cast<CurlTransfer*>(self);
    const size_t n = size * count;
    if (t->m_maxBodyBytes > 0 && t->m_body.size() + qint64(n) > t->m_maxBodyBytes) {
        t->m_bodyTooLarge = true;
        return 0; // makes curl abort with CURLE_WRITE_ERROR
    }
    t->m_body.append(data, qsizetype(n));
    return n;
}

size_t CurlTransfer::onHeader(char* data, size_t size, size_t count, void* self) {
    auto* t = static_cast<CurlTransfer*>(self);
    const size_t n = size * count;
    const QByteArrayView line = QByteArrayView(data, qsizetype(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new status line: an interim 1xx or a followed redirect came before; keep the final response only.
        t->m_headers.clear();
        t->m_body.clear();
    } else if (!line.isEmpty() && (data[0] == ' ' || data[0] == '\t') && !t->m_headers.isEmpty()) {
        t->m_headers.last().second += ' ' + line.toByteArray(); // obsolete line folding
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        t->m_headers.append(
            {line.first(colon).trimmed().toByteArray().toLower(), line.sliced(colon + 1).trimmed().toByteArray()});
    }
    return n;
}

CurlTransfer::Outcome CurlTransfer::finish(CURLcode code) {
    Outcome out;
    if (code != CURLE_OK) {
        out.error = transportError(code, &out.retryable);
        return out;
    }
    long status = 0;
    if (!m_imap) { // IMAP has no numeric status; failures arrive as CURLcodes
        curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
    }
    Response r;
    r.status = int(status);
    r.headers = std::move(m_headers);
    r.body = std::move(m_body);
    out.response = std::move(r);
    return out;
}

Error CurlTransfer::transportError(CURLcode code, bool* retryable) const {
    const QString where = QStringLiteral(" (") + QString::fromLatin1(m_method) + u' ' + m_logUrl + u')';
    const QString curlText =
        QString::fromUtf8(m_errorBuffer[0] != '\0' ? m_errorBuffer : curl_easy_strerror(code)).trimmed();
    *retryable = false;
    if (m_mail) {
        switch (code) {
        case CURLE_LOGIN_DENIED:
            // libcurl also reports a mailbox that cannot be selected as a denied login.
            if (curlText.contains(QLatin1String("Select failed"), Qt::CaseInsensitive)) {
                return {ErrorCode::NotFound, QStringLiteral("no such mailbox: ") + curlText + where, 0};
            }
            return {ErrorCode::Unauthorized, curlText + where, 0};
        case CURLE_REMOTE_FILE_NOT_FOUND: // no such message or mailbox, or its UIDVALIDITY changed
            return {ErrorCode::NotFound, curlText + where, 0};
        case CURLE_QUOTE_ERROR: // the server answered NO or BAD to the command
            return {ErrorCode::HttpClient, curlText + where, 0};
        case CURLE_SEND_ERROR:
            // SMTP reports refused senders and recipients this way ("RCPT failed: 550"): permanent when 5xx.
            if (curlText.contains(QLatin1String("failed: 5"))) {
                return {ErrorCode::HttpClient, curlText + where, 0};
            }
            break;
        default:
            break;
        }
    }
    switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_QUIC_CONNECT_ERROR:
    case CURLE_PROXY:
        *retryable = true;
        return {ErrorCode::Network, curlText + where, 0};
    case CURLE_OPERATION_TIMEDOUT:
        *retryable = true;
        return {ErrorCode::Timeout, curlText + where, 0};
    case CURLE_PARTIAL_FILE:
        *retryable = true;
        return {ErrorCode::Truncated, curlText + where, 0};
    case CURLE_SSL_CONNECT_ERROR:
        // Handshakes also fail on resets mid-handshake; certificate problems below are not worth repeating.
        *retryable = true;
        return {ErrorCode::Network, QStringLiteral("TLS: ") + curlText + where, 0};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return {ErrorCode::Network, QStringLiteral("TLS: ") + curlText + where, 0};
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
        if (code == CURLE_FILESIZE_EXCEEDED || m_bodyTooLarge) {
            return {ErrorCode::BadResponse,
                    QStringLiteral("response body exceeds the limit of %1 bytes").arg(m_maxBodyBytes) + where, 0};
        }
        return {ErrorCode::BadResponse, curlText + where, 0};
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_TOO_MANY_REDIRECTS:
        return {ErrorCode::BadResponse, curlText + where, 0};
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return {ErrorCode::InvalidArgument, curlText + where, 0};
    default:
        return {ErrorCode::Network, curlText + where, 0};
    }
}

} // namespace baton::net
