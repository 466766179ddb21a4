#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace baton::connectors::email {

// The low-level pieces of RFC 5322 / MIME (RFC 2045-2047, 2231): pure functions over bytes, tolerant of what real
// mail contains (LF line ends, raw 8-bit headers, unknown charsets), and never throwing.

struct HeaderField {
    QByteArray name;  // as written
    QByteArray value; // unfolded (line breaks removed, the folding white space kept), raw bytes
};

struct MimeEntity {
    QList<HeaderField> headers;
    QByteArray body;                              // raw, as transferred
    QStringList warnings;                         // what was wrong but recoverable
    QByteArray header(QByteArrayView name) const; // first field of that name (any case), trimmed; empty if absent
    QList<QByteArray> values(QByteArrayView name) const; // every field of that name, trimmed
};

// Splits a message (or a body part) into header fields and body at the first empty line; CRLF or LF. A leading
// mbox "From " line is skipped. A line in the header section that is not a field ends the headers early (the rest
// is kept as body, with a warning). Fails only when the text does not start with a header field at all.
Expected<MimeEntity, Error> splitEntity(const QByteArray& raw);

struct ContentType {
    QByteArray type = "text";          // lower case
    QByteArray subtype = "plain";      // lower case
    QHash<QByteArray, QString> params; // names in lower case; quoted values unquoted, RFC 2231 values decoded
    QByteArray mimeType() const { return type + '/' + subtype; }
};
// Content-Type (or Content-Disposition, whose "type" is then the disposition and subtype empty).
ContentType parseContentType(const QByteArray& value);

// Content-Transfer-Encoding decoders. Quoted-printable in header mode also reads '_' as a space (RFC 2047 "Q").
QByteArray decodeQuotedPrintable(QByteArrayView in, bool headerMode = false);
// Decodes base64 ignoring line breaks; other junk characters are skipped and reported through clean.
QByteArray decodeBase64(QByteArrayView in, bool* clean = nullptr);

// Bytes in a named charset to text through QStringDecoder. us-ascii and a missing name read as UTF-8 (a superset)
// falling back to ISO-8859-1 when the bytes are not UTF-8; an unknown charset also falls back to ISO-8859-1.
// problem is set to a short reason when the result may be wrong.
QString decodeCharset(const QByteArray& bytes, const QByteArray& charset, QString* problem = nullptr);

// An unstructured header value to text: RFC 2047 encoded words (B and Q, any charset QStringDecoder knows, with
// white space between adjacent encoded words removed), raw 8-bit bytes read as UTF-8 or else ISO-8859-1.
QString decodeHeaderText(const QByteArray& raw);

struct Mailbox {
    QString name;    // display name, decoded; may be empty
    QString address; // local@domain as written (no angle brackets); may be empty for an unparseable entry
};
// An address-list header (From, To, Cc, Reply-To): "Name <a@b>", "a@b (Name)", quoted names with commas, groups.
QList<Mailbox> parseAddressList(const QByteArray& raw);

// Message ids in Message-ID, In-Reply-To and References, without angle brackets, in order, duplicates removed.
// Text outside angle brackets is ignored, except a lone id written without brackets.
QStringList parseMessageIds(const QByteArray& raw);

// For composing: an unstructured header value, RFC 2047 B-encoded in UTF-8 where it is not plain ASCII, folded so
// that no line exceeds 78 characters. nameLength is the length of "Name: " on the first line.
QByteArray encodeHeaderText(const QString& text, int nameLength);
// For composing: UTF-8 text as quoted-printable with CRLF line ends and soft breaks under 76 characters.
QByteArray encodeQuotedPrintable(const QString& text);

} // namespace baton::connectors::email
