#pragma once

#include <QString>

namespace baton {

// Remote ids are opaque strings. Where a network's ids are numeric strings (Mastodon), order them by length
// then lexically, which equals numeric order without ever converting (ids can exceed 2^53 and even 2^64).
int compareNumericIds(const QString& a, const QString& b);

// A random RFC 4122 version-4 UUID without braces, for idempotency keys and our own message ids.
QString newUuid();

} // namespace baton
