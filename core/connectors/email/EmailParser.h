#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/connectors/email/Mime.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QStringList>
#include <optional>

namespace baton::connectors::email {

// One RFC 5322 message, decoded: the fields Baton uses and the readable body.
struct ParsedMessage {
    QString messageId;      // without angle brackets; empty when the message has none
    QString inReplyTo;      // the first id of In-Reply-To
    QStringList references; // References, oldest first
    QString subject;
    Mailbox from;
    QList<Mailbox> replyTo;
    QList<Mailbox> to;
    QList<Mailbox> cc;
    std::optional<qint64> date; // Date:, else the newest Received: date; UTC ms
    QString text;               // text/plain preferred; else the HTML's text
    QString html;               // sanitised (core/common/Html.h) when the message has an HTML part
    QStringList attachments;    // file names (or types) of the parts that are not shown
    QStringList warnings;       // recoverable problems: bad encoding, unknown charset, truncated multipart
};

// Parses a whole message. Multipart is walked recursively (alternative: text/plain preferred, the HTML kept
// sanitised; mixed: inline text parts joined, other parts listed as attachments). Fails only when the bytes are
// not a mail message at all (empty, or no header fields), with an Error saying so.
Expected<ParsedMessage, Error> parseMessage(const QByteArray& raw);

// How a message becomes an inbox item for one account.
struct ItemContext {
    qint64 accountId = 0;
    QString ownAddress;      // mail from this address is outgoing
    QString folder;          // the mailbox it was found in: the item's community
    QString url;             // imap://host:port/FOLDER;UIDVALIDITY=v/;UID=u (RFC 5092), for moderation and display
    qint64 fallbackTime = 0; // createdAt when the message carries no usable date
};

// The item for a parsed message. remoteId is the Message-ID (or syntheticMessageId of the raw bytes), parent the
// In-Reply-To (else the last Reference), thread the first Reference: the thread's root.
model::Item toItem(const ParsedMessage& message, const QByteArray& raw, const ItemContext& ctx);

// Never fails: a message that cannot be parsed still becomes an item, carrying its raw text so that nothing is
// lost; problem then says why (it is empty otherwise).
model::Item messageToItem(const QByteArray& raw, const ItemContext& ctx, QString* problem = nullptr);

// A stable stand-in id for a message without Message-ID: the same bytes give the same id in every folder.
QString syntheticMessageId(const QByteArray& raw);

} // namespace baton::connectors::email
