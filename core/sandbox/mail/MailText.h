#pragma once

#include <QByteArray>
#include <QList>

namespace baton::sandbox {

// Reading raw RFC 5322 / MIME bytes the way an IMAP server must for SEARCH and FETCH sections. Pure functions.

// The header block including its terminating blank line (RFC 3501 BODY[HEADER]).
QByteArray headerBlock(const QByteArray& raw);
// Everything after the blank line (BODY[TEXT]).
QByteArray bodyText(const QByteArray& raw);
// The unfolded value of the first field with this name (case-insensitive), without the name; empty if none.
QByteArray headerField(const QByteArray& raw, const QByteArray& name);
// Every value of the fields with this name, unfolded.
QList<QByteArray> headerFields(const QByteArray& raw, const QByteArray& name);
// BODY[HEADER.FIELDS (names)] / HEADER.FIELDS.NOT: the matching (or other) raw field lines plus the blank line.
QByteArray selectHeaderFields(const QByteArray& raw, const QList<QByteArray>& names, bool exclude);
// The MIME part at a dotted path ("1", "2.1"): its header and body as one entity, nullopt-like empty + false when
// there is no such part. A non-multipart message has only part 1, its body.
bool mimePart(const QByteArray& raw, const QList<int>& path, QByteArray* entity);

} // namespace baton::sandbox
