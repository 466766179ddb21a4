#include "core/connectors/email/Mime.h"

#include <QMap>
#include <QStringDecoder>

namespace baton::connectors::email {
namespace {

bool isWsp(char c) {
    return c == ' ' || c == '\t';
}

// A header field name: printable ASCII except ':' (RFC 5322 §3.6.8).
bool isFieldName(QByteArrayView name) {
    if (name.isEmpty()) {
        return false;
    }
    for (const char c : name) {
        if (c <= 32 || c >= 127 || c == ':') {
            return false;
        }
    }
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

bool isAscii(QByteArrayView s) {
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

// Raw header bytes: UTF-8 when valid (RFC 6532), else ISO-8859-1.
QString rawHeaderText(QByteArrayView s) {
    if (isAscii(s)) {
        return QString::fromLatin1(s);
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString out = utf8.decode(s);
    if (!utf8.hasError()) {
        return out;
    }
    return QString::fromLatin1(s);
}

QByteArray normalisedCharset(QByteArray charset) {
    charset = charset.trimmed().toLower();
    if (const qsizetype star = charset.indexOf('*'); star >= 0) {
        charset.truncate(star); // RFC 2231 language suffix: utf-8*fr
    }
    if (charset.startsWith('"') && charset.endsWith('"') && charset.size() >= 2) {
        charset = charset.mid(1, charset.size() - 2);
    }
    return charset;
}

// Splits "a; b=c; d=\"e;f\"" at semicolons outside quotes.
QList<QByteArray> splitParams(const QByteArray& value) {
    QList<QByteArray> out;
    QByteArray cur;
    bool quoted = false;
    int comment = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (quoted) {
            if (c == '\\' && i + 1 < value.size()) {
                cur += c;
                cur += value[++i];
                continue;
            }
            if (c == '"') {
                quoted = false;
            }
            cur += c;
        } else if (comment > 0) {
            if (c == '(') {
                ++comment;
            } else if (c == ')') {
                --comment;
            }
        } else if (c == '"') {
            quoted = true;
            cur += c;
        } else if (c == '(') {
            ++comment;
        } else if (c == ';') {
            out.append(cur.trimmed());
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.append(cur.trimmed());
    return out;
}

QByteArray unquote(QByteArray v) {
    v = v.trimmed();
    if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"')) {
        QByteArray out;
        for (qsizetype i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size()) {
                ++i;
            }
            out += v[i];
        }
        return out;
    }
    return v;
}

// Removes (comments) outside quoted strings and angle brackets.
QByteArray stripComments(const QByteArray& s) {
    QByteArray out;
    bool quoted = false;
    int depth = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (depth == 0 && c == '"' && (i == 0 || s[i - 1] != '\\')) {
            quoted = !quoted;
        }
        if (!quoted && c == '(') {
            ++depth;
            continue;
        }
        if (!quoted && depth > 0) {
            if (c == ')') {
                --depth;
            }
            continue;
        }
        out += c;
    }
    return out;
}

QString commentText(const QByteArray& s) {
    const qsizetype open = s.indexOf('(');
    const qsizetype close = s.lastIndexOf(')');
    if (open < 0 || close <= open) {
        return {};
    }
    return decodeHeaderText(s.mid(open + 1, close - open - 1)).trimmed();
}

Mailbox parseMailbox(const QByteArray& entry) {
    Mailbox m;
    const QByteArray noComments = stripComments(entry).trimmed();
    const qsizetype lt = noComments.lastIndexOf('<');
    const qsizetype gt = noComments.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
        m.address = QString::fromUtf8(noComments.mid(lt + 1, gt - lt - 1).trimmed());
        const QByteArray name = noComments.left(lt).trimmed();
        m.name = decodeHeaderText(unquote(name)).trimmed();
        if (m.name.isEmpty() && name.startsWith('"')) {
            m.name = rawHeaderText(unquote(name)).trimmed();
        }
    } else {
        m.address = QString::fromUtf8(noComments.trimmed());
        m.name = commentText(entry); // "a@b (Name)"
    }
    if (m.address.startsWith(u'@') && m.address.contains(u':')) {
        m.address = m.address.mid(m.address.indexOf(u':') + 1); // obsolete source route
    }
    return m;
}

void appendQpByte(QByteArray& out, int& lineLength, const QByteArray& token) {
    if (lineLength + token.size() > 75) {
        out += "=\r\n";
        lineLength = 0;
    }
    out += token;
    lineLength += int(token.size());
}

} // namespace

QByteArray MimeEntity::header(QByteArrayView name) const {
    for (const HeaderField& f : headers) {
        if (f.name.compare(name, Qt::CaseInsensitive) == 0) {
            return f.value.trimmed();
        }
    }
    return {};
}

QList<QByteArray> MimeEntity::values(QByteArrayView name) const {
    QList<QByteArray> out;
    for (const HeaderField& f : headers) {
        if (f.name.compare(name, Qt::CaseInsensitive) == 0) {
            out.append(f.value.trimmed());
        }
    }
    return out;
}

Expected<MimeEntity, Error> splitEntity(const QByteArray& raw) {
    MimeEntity e;
    qsizetype pos = 0;
    const qsizetype n = raw.size();
    auto lineEnd = [&](qsizetype from, qsizetype* next) {
        qsizetype nl = raw.indexOf('\n', from);
        if (nl < 0) {
            *next = n;
            return n;
        }
        *next = nl + 1;
        return (nl > from && raw[nl - 1] == '\r') ? nl - 1 : nl;
    };
    if (raw.startsWith("From ")) { // mbox separator line
        qsizetype next = 0;
        lineEnd(0, &next);
        pos = next;
    }
    bool first = true;
    while (pos < n) {
        qsizetype next = 0;
        const qsizetype end = lineEnd(pos, &next);
        const QByteArray line = raw.mid(pos, end - pos);
        if (line.isEmpty()) {
            pos = next;
            break; // end of the header section
        }
        if (isWsp(line[0]) && !e.headers.isEmpty()) {
            e.headers.last().value += line; // unfolding keeps the white space, drops the line break
            pos = next;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isFieldName(line.left(colon).trimmed())) {
            if (first) {
                return unexpected(Error{ErrorCode::BadResponse,
                                        QStringLiteral("not a mail message: the first line is not a header field")});
            }
            e.warnings.append(QStringLiteral("the header section ends without an empty line"));
            break; // body starts here
        }
        first = false;
        e.headers.append({line.left(colon).trimmed(), line.mid(colon + 1)});
        pos = next;
    }
    if (e.headers.isEmpty()) {
        return unexpected(Error{ErrorCode::BadResponse, QStringLiteral("not a mail message: no header fields")});
    }
    e.body = raw.mid(pos);
    return e;
}

ContentType parseContentType(const QByteArray& value) {
    ContentType ct;
    const QList<QByteArray> parts = splitParams(value);
    if (parts.isEmpty()) {
        return ct;
    }
    const QByteArray full = parts.first().trimmed().toLower();
    const qsizetype slash = full.indexOf('/');
    if (slash > 0) {
        ct.type = full.left(slash).trimmed();
        ct.subtype = full.mid(slash + 1).trimmed();
    } else if (!full.isEmpty()) {
        ct.type = full;
        ct.subtype.clear();
    }
    // RFC 2231: name*=charset'lang'%xx and continuations name*0, name*1*...
    QHash<QByteArray, QMap<int, QPair<QByteArray, bool>>> pieces; // name -> index -> (value, encoded)
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const qsizetype eq = parts[i].indexOf('=');
        if (eq <= 0) {
            continue;
        }
        QByteArray name = parts[i].left(eq).trimmed().toLower();
        const QByteArray rawValue = parts[i].mid(eq + 1).trimmed();
        bool encoded = false;
        int index = -1;
        if (name.endsWith('*')) {
            encoded = true;
            name.chop(1);
        }
        if (const qsizetype star = name.indexOf('*'); star > 0) {
            bool ok = false;
            index = name.mid(star + 1).toInt(&ok);
            if (!ok) {
                continue;
            }
            name.truncate(star);
        }
        if (index < 0 && !encoded) {
            ct.params.insert(name, decodeHeaderText(unquote(rawValue)));
            continue;
        }
        pieces[name].insert(qMax(index, 0), {encoded ? rawValue : unquote(rawValue), encoded});
    }
    for (auto it = pieces.cbegin(); it != pieces.cend(); ++it) {
        QByteArray charset;
        QByteArray bytes;
        bool firstPiece = true;
        for (const auto& [v, encoded] : it.value()) {
            QByteArray piece = v;
            if (encoded) {
                if (firstPiece) {
                    const QList<QByteArray> f = piece.split('\'');
                    if (f.size() >= 3) {
                        charset = f[0];
                        piece = f.mid(2).join('\'');
                    }
                }
                piece = QByteArray::fromPercentEncoding(piece);
            }
            bytes += piece;
            firstPiece = false;
        }
        ct.params.insert(it.key(), charset.isEmpty() ? rawHeaderText(bytes) : decodeCharset(bytes, charset));
    }
    return ct;
}

QByteArray decodeQuotedPrintable(QByteArrayView in, bool headerMode) {
    QByteArray out;
    out.reserve(in.size());
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = in[i];
        if (c == '=') {
            if (i + 2 < n && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
                out += char(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2]));
                i += 2;
                continue;
            }
            // Soft line break: '=' then optional white space then the line end.
            qsizetype j = i + 1;
            while (j < n && isWsp(in[j])) {
                ++j;
            }
            if (j < n && in[j] == '\r') {
                ++j;
            }
            if (j < n && in[j] == '\n') {
                i = j;
                continue;
            }
            if (j >= n) {
                break; // '=' at the very end
            }
            out += c; // a stray '=' is kept as is (RFC 2045 §6.7 note 1)
            continue;
        }
        if (headerMode && c == '_') {
            out += ' ';
            continue;
        }
        if (!headerMode && isWsp(c)) {
            // Trailing white space before a line end was added in transport and is dropped.
            qsizetype j = i;
            while (j < n && isWsp(in[j])) {
                ++j;
            }
            if (j >= n || in[j] == '\r' || in[j] == '\n') {
                i = j - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QByteArray decodeBase64(QByteArrayView in, bool* clean) {
    QByteArray filtered;
    filtered.reserve(in.size());
    bool ok = true;
    for (const char c : in) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
            c == '=') {
            filtered += c;
        } else if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
            ok = false;
        }
    }
    if (const qsizetype eq = filtered.indexOf('='); eq >= 0) {
        // Padding ends the data; anything after it (a second concatenated encoding) is decoded on its own.
        qsizetype end = eq;
        while (end < filtered.size() && filtered[end] == '=') {
            ++end;
        }
        if (end < filtered.size()) {
            QByteArray rest = decodeBase64(QByteArrayView(filtered).sliced(end), clean);
            if (clean && !*clean) {
                ok = false;
            }
            QByteArray head = QByteArray::fromBase64(filtered.left(end));
            if (clean) {
                *clean = ok;
            }
            return head + rest;
        }
    }
    if (filtered.size() % 4 == 1) {
        ok = false; // a lone trailing character carries no whole byte
    }
    if (clean) {
        *clean = ok;
    }
    return QByteArray::fromBase64(filtered);
}

QString decodeCharset(const QByteArray& bytes, const QByteArray& charsetName, QString* problem) {
    const QByteArray charset = normalisedCharset(charsetName);
    if (charset.isEmpty() || charset == "us-ascii" || charset == "ascii" || charset == "utf-8" || charset == "utf8" ||
        charset == "unknown-8bit" || charset == "x-unknown") {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString out = utf8.decode(bytes);
        if (!utf8.hasError()) {
            return out;
        }
        if (problem) {
            *problem = charset == "utf-8" || charset == "utf8"
                           ? QStringLiteral("invalid UTF-8 (read as ISO-8859-1)")
                           : QStringLiteral("8-bit text without a charset (read as ISO-8859-1)");
        }
        return QString::fromLatin1(bytes);
    }
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "iso8859-1" || charset == "l1") {
        return QString::fromLatin1(bytes);
    }
    QStringDecoder decoder(charset.constData(), QStringDecoder::Flag::Stateless);
    if (!decoder.isValid()) {
        if (problem) {
            *problem = QStringLiteral("unknown charset %1 (read as ISO-8859-1)").arg(QString::fromLatin1(charset));
        }
        return QString::fromLatin1(bytes);
    }
    QString out = decoder.decode(bytes);
    if (decoder.hasError() && problem) {
        *problem = QStringLiteral("text not valid in charset %1").arg(QString::fromLatin1(charset));
    }
    return out;
}

QString decodeHeaderText(const QByteArray& raw) {
    QString out;
    QByteArray pendingBytes; // adjacent encoded words of one charset are decoded together (split characters)
    QByteArray pendingCharset;
    QByteArray pendingSpace; // white space after an encoded word: dropped if another encoded word follows
    auto flush = [&]() {
        if (!pendingCharset.isEmpty() || !pendingBytes.isEmpty()) {
            out += decodeCharset(pendingBytes, pendingCharset);
        }
        pendingBytes.clear();
        pendingCharset.clear();
    };
    qsizetype i = 0;
    const qsizetype n = raw.size();
    bool lastWasEncoded = false;
    while (i < n) {
        if (raw[i] == '=' && i + 1 < n && raw[i + 1] == '?') {
            // =?charset?enc?text?=
            const qsizetype q1 = raw.indexOf('?', i + 2);
            const qsizetype q2 = q1 > 0 ? raw.indexOf('?', q1 + 1) : -1;
            const qsizetype end = q2 > 0 ? raw.indexOf("?=", q2 + 1) : -1;
            if (q1 > 0 && q2 == q1 + 2 && end > 0) {
                const QByteArray charset = normalisedCharset(raw.mid(i + 2, q1 - i - 2));
                const char enc = char(raw[q1 + 1] | 0x20);
                const QByteArray text = raw.mid(q2 + 1, end - q2 - 1);
                if ((enc == 'b' || enc == 'q') && !text.contains(' ')) {
                    const QByteArray bytes = enc == 'b' ? decodeBase64(text) : decodeQuotedPrintable(text, true);
                    if (charset != pendingCharset) {
                        flush();
                        pendingCharset = charset;
                    }
                    if (!lastWasEncoded) {
                        out += rawHeaderText(pendingSpace);
                    }
                    pendingSpace.clear();
                    pendingBytes += bytes;
                    lastWasEncoded = true;
                    i = end + 2;
                    continue;
                }
            }
        }
        if (isWsp(raw[i]) || raw[i] == '\r' || raw[i] == '\n') {
            if (raw[i] != '\r' && raw[i] != '\n') {
                pendingSpace += raw[i];
            }
            ++i;
            continue;
        }
        // Plain text up to the next white space.
        flush();
        out += rawHeaderText(pendingSpace);
        pendingSpace.clear();
        qsizetype j = i;
        while (j < n && !isWsp(raw[j]) && raw[j] != '\r' && raw[j] != '\n' &&
               !(j > i && raw[j] == '=' && j + 1 < n && raw[j + 1] == '?')) {
            ++j;
        }
        out += rawHeaderText(raw.mid(i, j - i));
        lastWasEncoded = false;
        i = j;
    }
    flush();
    out += rawHeaderText(pendingSpace);
    return out;
}

QList<Mailbox> parseAddressList(const QByteArray& raw) {
    QList<Mailbox> out;
    QByteArray cur;
    bool quoted = false;
    int depth = 0;
    bool angle = false;
    auto take = [&]() {
        QByteArray entry = cur.trimmed();
        cur.clear();
        // "group: a@b, c@d;" — the group name goes, its members stay.
        if (const qsizetype colon = entry.indexOf(':'); colon >= 0 && !entry.left(colon).contains('<') &&
                                                        !entry.left(colon).contains('@') && !entry.startsWith('@')) {
            entry = entry.mid(colon + 1).trimmed();
        }
        if (entry.endsWith(';')) {
            entry.chop(1);
        }
        if (entry.isEmpty()) {
            return;
        }
        Mailbox m = parseMailbox(entry);
        if (!m.address.isEmpty() || !m.name.isEmpty()) {
            out.append(m);
        }
    };
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\\' && quoted && i + 1 < raw.size()) {
            cur += c;
            cur += raw[++i];
            continue;
        }
        if (depth == 0 && c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == '(') {
            ++depth;
        } else if (!quoted && c == ')' && depth > 0) {
            --depth;
        } else if (!quoted && depth == 0 && c == '<') {
            angle = true;
        } else if (!quoted && depth == 0 && c == '>') {
            angle = false;
        } else if (!quoted && depth == 0 && !angle && c == ',') {
            take();
            continue;
        } else if (!quoted && depth == 0 && !angle && c == ';') {
            cur += c;
            take();
            continue;
        }
        cur += c;
    }
    take();
    return out;
}

QStringList parseMessageIds(const QByteArray& raw) {
    QStringList out;
    const QByteArray s = stripComments(raw);
    qsizetype i = 0;
    while (true) {
        const qsizetype lt = s.indexOf('<', i);
        if (lt < 0) {
            break;
        }
        const qsizetype gt = s.indexOf('>', lt + 1);
        if (gt < 0) {
            break;
        }
        QByteArray id = s.mid(lt + 1, gt - lt - 1);
        id.replace(' ', QByteArray()).replace('\t', QByteArray()); // folding inside an id
        const QString text = rawHeaderText(id);
        if (!text.isEmpty() && !out.contains(text)) {
            out.append(text);
        }
        i = gt + 1;
    }
    if (out.isEmpty()) {
        const QByteArray bare = s.trimmed();
        if (!bare.isEmpty() && !bare.contains(' ') && bare.contains('@')) {
            out.append(rawHeaderText(bare));
        }
    }
    return out;
}

QByteArray encodeHeaderText(const QString& text, int nameLength) {
    const QByteArray utf8 = text.toUtf8();
    bool plain = isAscii(utf8);
    for (const char c : utf8) {
        if (c == '\r' || c == '\n' || (c < 32 && c != '\t')) {
            plain = false;
        }
    }
    if (plain && !utf8.contains("=?")) {
        return utf8;
    }
    // Encoded words of whole characters, at most 75 characters each, one per folded line.
    QByteArray out;
    QByteArray chunk;
    int lineStart = nameLength;
    auto flushChunk = [&]() {
        if (chunk.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out += "\r\n ";
            lineStart = 1;
        }
        out += "=?UTF-8?B?" + chunk.toBase64() + "?=";
        chunk.clear();
    };
    const QString clean = QString(text).replace(u'\r', u' ').replace(u'\n', u' ');
    for (qsizetype i = 0; i < clean.size(); ++i) {
        qsizetype len = clean[i].isHighSurrogate() && i + 1 < clean.size() ? 2 : 1;
        const QByteArray ch = clean.mid(i, len).toUtf8();
        i += len - 1;
        const qsizetype encodedLength = 12 + ((chunk.size() + ch.size() + 2) / 3) * 4;
        if (lineStart + encodedLength > 76) {
            flushChunk();
        }
        chunk += ch;
    }
    flushChunk();
    return out;
}

QByteArray encodeQuotedPrintable(const QString& text) {
    QString normalised = text;
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    const QByteArray utf8 = normalised.toUtf8();
    QByteArray out;
    int lineLength = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c == '\n') {
            out += "\r\n";
            lineLength = 0;
            continue;
        }
        const bool lineEndNext = i + 1 >= utf8.size() || utf8[i + 1] == '\n';
        const bool safe = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEndNext);
        // A leading "." or "From " is encoded too, so no transport ever has to touch the line.
        const bool lineStart = lineLength == 0;
        if (safe && !(lineStart && (c == '.' || (c == 'F' && utf8.mid(i, 5) == "From ")))) {
            appendQpByte(out, lineLength, QByteArray(1, char(c)));
        } else {
            appendQpByte(out, lineLength, '=' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0'));
        }
    }
    return out;
}

} // namespace baton::connectors::email
