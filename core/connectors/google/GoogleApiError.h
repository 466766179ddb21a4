#pragma once

#include "core/common/Error.h"

#include <QByteArray>
#include <QString>

namespace baton::connectors::google {

// Google's JSON error document: {"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}.
struct GoogleApiError {
    int code = 0;
    QString message;
    QString reason; // the first errors[].reason ("quotaExceeded", "commentNotFound"...), may be empty
    QString domain; // its domain ("youtube.quota", "global")
    QString status; // "PERMISSION_DENIED", "RESOURCE_EXHAUSTED"...
};

// Reads the error document of a 4xx/5xx answer; a body that is not one still gives the HTTP status.
GoogleApiError parseGoogleError(int httpStatus, const QByteArray& body);

// True for the daily project quota (YouTube quotaExceeded, dailyLimitExceeded).
bool isDailyQuotaError(const GoogleApiError& e);
// True for the short-term limits (rateLimitExceeded, userRateLimitExceeded, 429 RESOURCE_EXHAUSTED).
bool isRateLimitError(const GoogleApiError& e);

// Maps the error to Baton's: 401 Unauthorized, daily quota RateLimited until `quotaResetAtMs`, short-term
// limits RateLimited for a minute, other 403 Forbidden, 404 NotFound, 409 Conflict, other 4xx HttpClient.
// detail names the reason and Google's message.
Error toError(const GoogleApiError& e, qint64 nowMs, qint64 quotaResetAtMs);

// The start of the next day in America/Los_Angeles, when Google's daily quotas reset.
qint64 nextPacificMidnight(qint64 utcMs);
// The day (yyyy-MM-dd) in America/Los_Angeles that utcMs falls in.
QString pacificDay(qint64 utcMs);

} // namespace baton::connectors::google
