#include "core/connectors/email/ImapResponse.h"

#include <QUrl>

namespace baton::connectors::email {
namespace {

QList<QByteArray> lines(const QByteArray& body) {
    QList<QByteArray> out;
    for (QByteArray line : body.split('\n')) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.isEmpty()) {
            out.append(line);
        }
    }
    return out;
}

QByteArray encodeMutf7(const QString& name) {
    QByteArray out;
    QString pending; // characters waiting for a base64 run
    auto flush = [&]() {
        if (pending.isEmpty()) {
            return;
        }
        QByteArray utf16;
        for (const QChar c : std::as_const(pending)) {
            utf16 += char(c.unicode() >> 8);
            utf16 += char(c.unicode() & 0xff);
        }
        QByteArray b64 = utf16.toBase64(QByteArray::OmitTrailingEquals);
        b64.replace('/', ',');
        out += '&' + b64 + '-';
        pending.clear();
    };
    for (const QChar c : name) {
        const ushort u = c.unicode();
        if (u >= 0x20 && u <= 0x7e) {
            flush();
            out += u == '&' ? QByteArray("&-") : QByteArray(1, char(u));
        } else {
            pending += c;
        }
    }
    flush();
    return out;
}

} // namespace

Expected<MailboxStatus, Error> parseStatus(const QByteArray& body) {
    for (const QByteArray& line : lines(body)) {
        if (!line.startsWith("* STATUS ")) {
            continue;
        }
        const qsizetype open = line.lastIndexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            continue;
        }
        const QList<QByteArray> f = line.mid(open + 1, close - open - 1).simplified().split(' ');
        MailboxStatus s;
        bool haveValidity = false;
        for (qsizetype i = 0; i + 1 < f.size(); i += 2) {
            const QByteArray key = f[i].toUpper();
            const quint32 v = f[i + 1].toUInt();
            if (key == "UIDVALIDITY") {
                s.uidValidity = v;
                haveValidity = v != 0;
            } else if (key == "UIDNEXT") {
                s.uidNext = v;
            } else if (key == "MESSAGES") {
                s.messages = v;
            }
        }
        if (haveValidity) {
            return s;
        }
    }
    return unexpected(Error{ErrorCode::BadResponse, QStringLiteral("no UIDVALIDITY in the STATUS answer: ") +
                                                        QString::fromUtf8(body.left(200)).simplified()});
}

QList<quint32> parseSearch(const QByteArray& body) {
    QList<quint32> out;
    for (const QByteArray& line : lines(body)) {
        if (!line.startsWith("* SEARCH")) {
            continue;
        }
        for (const QByteArray& word : line.mid(8).simplified().split(' ')) {
            bool ok = false;
            const quint32 v = word.toUInt(&ok);
            if (ok && v > 0) {
                out.append(v);
            }
        }
    }
    return out;
}

QList<MailboxInfo> parseList(const QByteArray& body) {
    QList<MailboxInfo> out;
    for (const QByteArray& line : lines(body)) {
        if (!line.startsWith("* LIST ") && !line.startsWith("* LSUB ")) {
            continue;
        }
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            continue;
        }
        MailboxInfo info;
        for (const QByteArray& flag : line.mid(open + 1, close - open - 1).simplified().split(' ')) {
            if (!flag.isEmpty()) {
                info.flags.append(QString::fromLatin1(flag).toLower());
            }
        }
        // Then the delimiter (quoted or NIL), then the name (quoted or atom).
        QByteArray rest = line.mid(close + 1).trimmed();
        if (rest.startsWith('"')) {
            const qsizetype end = rest.indexOf('"', 1);
            rest = end > 0 ? rest.mid(end + 1).trimmed() : QByteArray();
        } else if (rest.toUpper().startsWith("NIL")) {
            rest = rest.mid(3).trimmed();
        }
        QByteArray name;
        if (rest.startsWith('"') && rest.endsWith('"') && rest.size() >= 2) {
            for (qsizetype i = 1; i + 1 < rest.size(); ++i) {
                if (rest[i] == '\\' && i + 2 < rest.size()) {
                    ++i;
                }
                name += rest[i];
            }
        } else {
            name = rest;
        }
        if (name.isEmpty()) {
            continue;
        }
        info.name = decodeMailboxName(name);
        out.append(info);
    }
    return out;
}

QString specialFolder(const QList<MailboxInfo>& list, const QString& flag) {
    for (const MailboxInfo& m : list) {
        if (m.flags.contains(flag)) {
            return m.name;
        }
    }
    return {};
}

QByteArray quoteMailbox(const QString& name) {
    QByteArray out = "\"";
    for (const char c : encodeMutf7(name)) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + '"';
}

QString mailboxUrlPath(const QString& name) {
    return QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(encodeMutf7(name)), "/"));
}

QString decodeMailboxName(const QByteArray& in) {
    QString out;
    qsizetype i = 0;
    while (i < in.size()) {
        const char c = in[i];
        if (c != '&') {
            out += QLatin1Char(c);
            ++i;
            continue;
        }
        const qsizetype end = in.indexOf('-', i + 1);
        if (end < 0) {
            out += QString::fromLatin1(in.mid(i)); // not valid modified UTF-7: keep as is
            break;
        }
        if (end == i + 1) {
            out += u'&';
        } else {
            QByteArray b64 = in.mid(i + 1, end - i - 1);
            b64.replace(',', '/');
            const QByteArray utf16 = QByteArray::fromBase64(b64);
            for (qsizetype k = 0; k + 1 < utf16.size(); k += 2) {
                out += QChar(ushort((uchar(utf16[k]) << 8) | uchar(utf16[k + 1])));
            }
        }
        i = end + 1;
    }
    return out;
}

} // namespace baton::connectors::email
