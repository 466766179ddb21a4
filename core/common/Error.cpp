#include "core/common/Error.h"

namespace baton {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::None:
        return "none";
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::Database:
        return "database";
    case ErrorCode::DatabaseCorrupt:
        return "database-corrupt";
    case ErrorCode::Migration:
        return "migration";
    case ErrorCode::Network:
        return "network";
    case ErrorCode::Timeout:
        return "timeout";
    case ErrorCode::RateLimited:
        return "rate-limited";
    case ErrorCode::Unauthorized:
        return "unauthorized";
    case ErrorCode::Forbidden:
        return "forbidden";
    case ErrorCode::HttpClient:
        return "http-client";
    case ErrorCode::HttpServer:
        return "http-server";
    case ErrorCode::Truncated:
        return "truncated";
    case ErrorCode::BadResponse:
        return "bad-response";
    case ErrorCode::Conflict:
        return "conflict";
    case ErrorCode::SecretStore:
        return "secret-store";
    case ErrorCode::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

QString Error::toString() const {
    QString s = QString::fromLatin1(errorCodeName(code));
    if (httpStatus != 0) {
        s += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    }
    if (!detail.isEmpty()) {
        s += QStringLiteral(": ") + detail;
    }
    return s;
}

} // namespace baton
