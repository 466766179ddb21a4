#pragma once

#include <QString>

// Proof Key for Code Exchange (RFC 7636) and the random state of an authorization request.
namespace baton::auth::pkce {

// A code_verifier of `length` characters (43 to 128, clamped) from the unreserved set [A-Za-z0-9-._~], drawn from
// the system's cryptographically secure generator.
QString makeVerifier(int length = 64);

// The S256 code_challenge: BASE64URL(SHA-256(ASCII(verifier))) without padding.
QString challengeS256(const QString& verifier);

// An opaque `state` for one authorization request: 32 random bytes, base64url without padding.
QString makeState();

} // namespace baton::auth::pkce
