#pragma once

#include <QString>

namespace baton {

// Errors that cross layers. The code says what kind of failure it is (the UI maps it to tr() text);
// the detail is for logs and the command line and never contains a secret.
enum class ErrorCode {
    None,
    InvalidArgument,
    NotFound,
    Io,
    Database,
    DatabaseCorrupt,
    Migration,
    Network, // connection refused, reset, DNS, TLS
    Timeout,
    RateLimited,
    Unauthorized, // 401, expired/revoked token
    Forbidden,
    HttpClient,  // other 4xx
    HttpServer,  // 5xx after retries
    Truncated,   // body shorter than announced
    BadResponse, // invalid JSON, missing fields, invalid UTF-8, oversized body
    Conflict,
    SecretStore,
    Cancelled,
};

struct Error {
    ErrorCode code = ErrorCode::None;
    QString detail;
    int httpStatus = 0;
    qint64 retryAtMs = 0; // RateLimited: when the server allows the next request (UTC ms), 0 if unknown

    QString toString() const;
};

const char* errorCodeName(ErrorCode code);

} // namespace baton
