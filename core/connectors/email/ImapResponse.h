#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace baton::connectors::email {

// Readers for the untagged IMAP lines libcurl hands back raw for custom commands (api-contracts.md §8.1), and
// mailbox-name encoding (RFC 3501 §5.1.3 modified UTF-7). Pure functions.

struct MailboxStatus {
    quint32 uidValidity = 0;
    quint32 uidNext = 0;
    quint32 messages = 0;
};
// "* STATUS INBOX (MESSAGES 3 UIDNEXT 42 UIDVALIDITY 1796106269)"; fails without UIDVALIDITY.
Expected<MailboxStatus, Error> parseStatus(const QByteArray& body);

// The numbers of every "* SEARCH ..." line, in order; anything else is ignored.
QList<quint32> parseSearch(const QByteArray& body);

struct MailboxInfo {
    QString name;      // decoded
    QStringList flags; // lower case: \sent, \junk, \noselect...
};
// "* LIST (\HasNoChildren \Sent) "/" Sent" lines (quoted or atom names; literals are not expected here).
QList<MailboxInfo> parseList(const QByteArray& body);
// The folder carrying a special-use flag (RFC 6154, e.g. "\\junk"), else empty.
QString specialFolder(const QList<MailboxInfo>& list, const QString& flag);

// A mailbox name as an IMAP quoted string, in modified UTF-7.
QByteArray quoteMailbox(const QString& name);
// A mailbox name for an imap:// URL path: modified UTF-7, then percent-encoded.
QString mailboxUrlPath(const QString& name);
QString decodeMailboxName(const QByteArray& mutf7);

} // namespace baton::connectors::email
