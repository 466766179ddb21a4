#pragma once

#include "core/sandbox/HttpRequest.h"
#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxRandom.h"

#include <QString>

namespace baton::sandbox::google {

// What the Google API route sets (YouTube Data v3, Business Profile v4) share: the standard Google JSON error,
// bearer tokens, the Pacific-time day that quotas reset on, and Google-looking opaque ids.

// {"error":{"code":..,"message":..,"errors":[{"message":..,"domain":..,"reason":..}],"status":..}}
// An empty reason leaves out "errors" (Business Profile answers only code, message and status).
HttpResponse error(int code, const QString& message, const QString& reason, const QString& domain = {},
                   const QString& status = {});
// The 401 every Google API answers for a missing, unknown or revoked access token.
HttpResponse unauthenticated();

QString bearerToken(const HttpRequest& request);

// The day (yyyy-MM-dd) in America/Los_Angeles that a wall-clock instant falls in, and when that day ends.
QString pacificDay(qint64 wallMs);
qint64 nextPacificMidnight(qint64 wallMs);

// `count` characters of the base64url alphabet.
QString randomChars(SandboxRandom& rng, int count);

} // namespace baton::sandbox::google
