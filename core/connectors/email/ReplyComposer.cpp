#include "core/connectors/email/ReplyComposer.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace baton::connectors::email {
namespace {

// Keeps an address usable inside <...> on one protocol line.
QByteArray cleanAddress(const QString& address) {
    QByteArray out;
    for (const char c : address.trimmed().toUtf8()) {
        if (c != '<' && c != '>' && c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != ',') {
            out += c;
        }
    }
    return out;
}

QByteArray mailboxHeader(const Mailbox& m, int nameLength) {
    const QByteArray address = '<' + cleanAddress(m.address) + '>';
    if (m.name.trimmed().isEmpty()) {
        return address;
    }
    bool plainName = true;
    for (const QChar c : m.name) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e || c == u'"' || c == u'\\') {
            plainName = false;
        }
    }
    if (plainName) {
        return '"' + m.name.toLatin1() + "\" " + address;
    }
    return encodeHeaderText(m.name, nameLength) + ' ' + address;
}

QByteArray idList(const QStringList& ids) {
    QByteArray out;
    for (const QString& id : ids) {
        if (!out.isEmpty()) {
            out += "\r\n "; // one id per line keeps long threads under the line limit
        }
        out += '<' + cleanAddress(id) + '>';
    }
    return out;
}

} // namespace

QString replyMessageId(const QString& idempotencyKey, const QString& fromAddress) {
    QString domain = fromAddress.section(u'@', -1).trimmed();
    if (!fromAddress.contains(u'@') || domain.isEmpty()) {
        domain = QStringLiteral("baton.invalid");
    }
    const QByteArray digest = QCryptographicHash::hash(idempotencyKey.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("baton.%1@%2").arg(QString::fromLatin1(digest.left(32)), domain);
}

QByteArray formatRfc5322Date(qint64 utcMs) {
    static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC);
    const QDate d = t.date();
    const QTime tm = t.time();
    return QByteArray(kDays[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()).rightJustified(2, '0') + ' ' +
           kMonths[d.month() - 1] + ' ' + QByteArray::number(d.year()) + ' ' +
           QByteArray::number(tm.hour()).rightJustified(2, '0') + ':' +
           QByteArray::number(tm.minute()).rightJustified(2, '0') + ':' +
           QByteArray::number(tm.second()).rightJustified(2, '0') + " +0000";
}

ComposedReply composeReply(const ParsedMessage& parent, const ReplyDraft& draft) {
    ComposedReply out;
    const QList<Mailbox> to = !parent.replyTo.isEmpty() ? parent.replyTo : QList<Mailbox>{parent.from};
    QString subject = parent.subject;
    if (!subject.startsWith(QLatin1String("re:"), Qt::CaseInsensitive)) {
        subject = QStringLiteral("Re: ") + subject;
    }
    QStringList references = parent.references;
    if (!parent.messageId.isEmpty()) {
        references.removeAll(parent.messageId);
        references.append(parent.messageId);
    }
    QByteArray toHeader;
    for (const Mailbox& m : to) {
        if (cleanAddress(m.address).isEmpty()) {
            continue;
        }
        if (!toHeader.isEmpty()) {
            toHeader += ",\r\n ";
        }
        toHeader += mailboxHeader(m, 4);
        out.recipients.append('<' + cleanAddress(m.address) + '>');
    }
    out.sender = '<' + cleanAddress(draft.from.address) + '>';

    QByteArray m;
    m += "From: " + mailboxHeader(draft.from, 6) + "\r\n";
    m += "To: " + toHeader + "\r\n";
    m += "Subject: " + encodeHeaderText(subject, 9) + "\r\n";
    m += "Date: " + formatRfc5322Date(draft.dateMs) + "\r\n";
    m += "Message-ID: <" + cleanAddress(draft.messageId) + ">\r\n";
    if (!parent.messageId.isEmpty()) {
        m += "In-Reply-To: <" + cleanAddress(parent.messageId) + ">\r\n";
    }
    if (!references.isEmpty()) {
        m += "References: " + idList(references) + "\r\n";
    }
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n";
    m += "User-Agent: Baton\r\n";
    m += "\r\n";
    m += encodeQuotedPrintable(draft.text);
    if (!m.endsWith("\r\n")) {
        m += "\r\n";
    }
    out.message = m;
    return out;
}

} // namespace baton::connectors::email
