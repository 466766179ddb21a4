#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace baton::sandbox {

// How a generated message carries its text: the ways real mail clients send it.
enum class MailBodyStyle {
    Utf8EightBit,          // text/plain; charset=utf-8, 8bit
    Utf8QuotedPrintable,   // text/plain; charset=utf-8, quoted-printable
    Utf8Base64,            // text/plain; charset=utf-8, base64
    Latin1QuotedPrintable, // text/plain; charset=iso-8859-1, quoted-printable (falls back to UTF-8 if needed)
    Latin1EightBit,        // text/plain; charset=iso-8859-1, 8bit (idem)
    HtmlOnly,              // text/html; charset=utf-8, quoted-printable
    Alternative,           // multipart/alternative: text/plain + text/html
    MixedWithAttachment,   // multipart/mixed: text/plain + a base64 attachment
};

struct MailDraft {
    QString fromName;
    QString fromAddress;
    QString toName;
    QString toAddress;
    QString subject;
    qint64 dateMs = 0;
    int utcOffsetMinutes = 0; // the sender's zone, for the Date: header
    QByteArray messageId;     // without brackets
    QByteArray inReplyTo;     // without brackets
    QList<QByteArray> references;
    QString text; // plain text, paragraphs separated by blank lines
    MailBodyStyle style = MailBodyStyle::Utf8EightBit;
    QString attachmentName;
    QByteArray attachmentType; // "text/plain", "application/pdf", ...
    QByteArray attachment;
    QByteArray userAgent;
    QByteArray boundarySeed; // makes the MIME boundaries unique and deterministic
};

// An RFC 5322 / MIME message with CRLF line ends. Non-ASCII header text becomes RFC 2047 encoded words.
QByteArray composeMail(const MailDraft& draft);

// "Tue, 03 Nov 2026 09:12:44 +0100"
QByteArray mailDate(qint64 utcMs, int utcOffsetMinutes);
// An RFC 2047 encoded word sequence when the text is not plain ASCII, else the text.
QByteArray encodeHeaderWords(const QString& text, bool latin1);
QByteArray quotedPrintable(const QByteArray& bytes);
// The plain text as simple HTML paragraphs (links made clickable, < > & escaped).
QString textToHtml(const QString& text);

} // namespace baton::sandbox
