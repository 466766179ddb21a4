#pragma once

#include "core/common/Clock.h"
#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

namespace baton::net {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct Request {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers; // sent as given; the engine adds User-Agent and Accept-Encoding
    QByteArray body;    // sent when non-empty or when method is POST/PUT/PATCH
    QString limiterKey; // rate-limit bucket, e.g. "mastodon:3"; empty means the URL's host (with its port if given)
    int timeoutMs = 30000;
    int connectTimeoutMs = 10000;
    // Mail URLs (imap, imaps, smtp, smtps; the plain ones to loopback hosts only). method and headers are unused.
    QByteArray mailCommand; // IMAP command sent after selecting the URL's mailbox, if any (CURLOPT_CUSTOMREQUEST)
    QString username;       // login; with password or, for XOAUTH2, oauthBearer
    QString password;
    QString oauthBearer;
    QByteArray mailFrom;              // SMTP envelope sender
    QList<QByteArray> mailRecipients; // SMTP envelope recipients
    bool upload = false;              // body is uploaded: the message for SMTP, or an IMAP APPEND to the URL's mailbox
    // Retries on 5xx, resets, timeouts and truncated bodies. Only set for requests that are safe to repeat
    // (GET, or a POST carrying an idempotency key).
    bool retrySafe = true;
    int maxRetries = 4;
    int backoffBaseMs = 500; // first delay; doubles each retry, with +/-50% jitter, capped at backoffCapMs
    int backoffCapMs = 60000;
    int max429Waits = 3; // how many times a 429 is waited out before giving up with RateLimited
    // A budget the network documents but does not announce in headers (Google: 300 requests a minute): at most
    // clientLimit requests of this bucket start in any clientWindowMs. 0 = none. The last value given for a bucket
    // applies to all of its requests.
    int clientLimit = 0;
    qint64 clientWindowMs = 60000;
    // A rate-limit hold longer than this (e.g. a daily quota) fails the request with RateLimited at once
    // instead of keeping it queued; blockedUntil() tells when the bucket opens again.
    qint64 maxRateLimitWaitMs = 20LL * 60 * 1000;
    qint64 maxBodyBytes = 50LL * 1024 * 1024;
    // A 4xx other than 429 arrives as a Response for the connector to read, for networks that name the reason
    // in the body (Google's error.errors[].reason). 429 and 5xx are still waited out and retried as usual.
    bool clientErrorsAsResponses = false;
};

struct Response {
    int status = 0;
    HeaderList headers; // names lower-cased
    QByteArray body;
    int attempts = 1;
    QByteArray header(QByteArrayView name) const; // case-insensitive, first match, empty if absent
};

using Result = Expected<Response, Error>;
using RequestId = quint64;

// The rate-limit state learnt from a response's headers (Mastodon X-RateLimit-* with ISO reset, Bluesky
// RateLimit-*, Reddit's float X-Ratelimit-*, Retry-After in seconds or HTTP-date).
struct RateLimitInfo {
    int remaining = -1;      // -1: unknown
    int limit = -1;          // requests per window (a limit header, or used + remaining); -1: unknown
    qint64 resetAtMs = 0;    // 0: unknown
    qint64 retryAfterMs = 0; // absolute time from Retry-After, 0 if absent
};
RateLimitInfo parseRateLimitHeaders(const Response& response, qint64 nowMs);

// libcurl multi on a dedicated thread. send() may be called from any thread; the callback runs on the
// context object's thread through a queued invocation, and is dropped if the context dies first. With a null
// context the callback runs on the network thread itself and must be thread-safe and quick.
class NetworkEngine final {
public:
    explicit NetworkEngine(const Clock& clock = SystemClock::instance());
    ~NetworkEngine(); // stops the thread; pending callbacks are not invoked
    Q_DISABLE_COPY_MOVE(NetworkEngine)

    RequestId send(Request request, QObject* context, std::function<void(Result)> done);
    void cancel(RequestId id); // the callback is invoked with ErrorCode::Cancelled unless already delivered

    // When the bucket may next send (0 when it is not held back). For status displays.
    qint64 blockedUntil(const QString& limiterKey) const;

    // Requests accepted by send() and not yet finished, held ones included (for status displays and tests).
    std::size_t pendingRequests() const;

    static QByteArray userAgent(); // "Baton/<version> (+https://baton.community)"

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace baton::net
