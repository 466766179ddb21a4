#pragma once

#include "core/net/NetworkEngine.h"

#include <curl/curl.h>
#include <optional>

namespace baton::net {

// Checks made before anything touches the network: a usable URL, https (plain http only to loopback hosts),
// and a method and headers that cannot inject lines into the request.
std::optional<Error> validateRequest(const Request& request);
bool isLoopbackHost(const QString& host);
bool isMailScheme(const QString& scheme); // imap, imaps, smtp, smtps

// The URL as it may appear in logs and errors: no user info or fragment, secret-looking query values replaced.
QString redactedUrl(const QUrl& url);

// One attempt of a request: a configured easy handle and the buffers its callbacks fill.
class CurlTransfer final {
public:
    struct Outcome {
        std::optional<Response> response; // set when a complete HTTP response arrived, whatever its status
        Error error;                      // the transport failure otherwise
        bool retryable = false;           // a failure that another attempt may not repeat
    };

    // owner is stored as CURLOPT_PRIVATE; logUrl is the redacted URL used in error details.
    CurlTransfer(const Request& request, const QString& logUrl, void* owner);
    ~CurlTransfer();
    Q_DISABLE_COPY_MOVE(CurlTransfer)

    CURL* handle() const { return m_easy; } // null when libcurl could not allocate one

    Outcome finish(CURLcode code);

private:
    void configureMail(const Request& request);
    static size_t onWrite(char* data, size_t size, size_t count, void* self);
    static size_t onRead(char* buffer, size_t size, size_t count, void* self);
    static size_t onHeader(char* data, size_t size, size_t count, void* self);
    Error transportError(CURLcode code, bool* retryable) const;

    CURL* m_easy = nullptr;
    curl_slist* m_headerList = nullptr;
    QByteArray m_url;
    QByteArray m_method;
    QByteArray m_requestBody;
    QString m_logUrl;
    qint64 m_maxBodyBytes = 0;
    bool m_bodyTooLarge = false;
    QByteArray m_body;
    HeaderList m_headers;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
    // Mail transfers: the option strings must outlive the handle.
    bool m_mail = false;
    bool m_imap = false;
    QByteArray m_username;
    QByteArray m_password;
    QByteArray m_bearer;
    QByteArray m_customCommand;
    QByteArray m_mailFrom;
    curl_slist* m_mailRcpt = nullptr;
    qsizetype m_uploaded = 0;
};

} // namespace baton::net
