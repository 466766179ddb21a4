#pragma once

#include "core/connectors/email/EmailParser.h"

#include <QByteArray>
#include <QList>

namespace baton::connectors::email {

// What Baton writes when it answers a message.
struct ReplyDraft {
    Mailbox from;      // the account's address (and name)
    QString text;      // plain text; sent as UTF-8 quoted-printable
    QString messageId; // replyMessageId(...), without angle brackets
    qint64 dateMs = 0; // Date: header, UTC ms
};

struct ComposedReply {
    QByteArray message;           // the whole RFC 5322 message, CRLF line ends
    QByteArray sender;            // SMTP MAIL FROM, "<addr>"
    QList<QByteArray> recipients; // SMTP RCPT TO, "<addr>" each
};

// Our Message-ID for an outbox entry: derived from its idempotency key, so every attempt of one reply carries
// the same id (that is how a resend finds the first one in the Sent folder), under the sender's domain.
QString replyMessageId(const QString& idempotencyKey, const QString& fromAddress);

// The reply to parent: To its Reply-To (else From), "Re: " subject, In-Reply-To the parent's id, References the
// parent's references followed by the parent's id (RFC 5322 §3.6.4), our own Message-ID and Date, UTF-8 text.
ComposedReply composeReply(const ParsedMessage& parent, const ReplyDraft& draft);

// An RFC 5322 date-time in UTC: "Tue, 01 Dec 2026 06:24:29 +0000" (English names whatever the locale).
QByteArray formatRfc5322Date(qint64 utcMs);

} // namespace baton::connectors::email
