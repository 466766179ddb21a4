#include "core/sandbox/mail/MailComposer.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

namespace baton::sandbox {
namespace {

bool isAscii(const QString& text) {
    for (const QChar c : text) {
        if (c.unicode() > 0x7e || (c.unicode() < 0x20 && c != u'\t')) {
            return false;
        }
    }
    return true;
}

bool fitsLatin1(const QString& text) {
    for (const QChar c : text) {
        if (c.unicode() > 0xff) {
            return false;
        }
    }
    return true;
}

QByteArray crlfLines(const QByteArray& text) {
    QByteArray out = text;
    out.replace("\r\n", "\n");
    out.replace('\n', "\r\n");
    if (!out.endsWith("\r\n")) {
        out += "\r\n";
    }
    return out;
}

QByteArray base64Lines(const QByteArray& bytes) {
    const QByteArray b64 = bytes.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 76) {
        out += b64.mid(i, 76) + "\r\n";
    }
    return out;
}

QByteArray mailbox(const QString& name, const QString& address, bool latin1) {
    if (name.isEmpty()) {
        return address.toUtf8();
    }
    if (isAscii(name)) {
        bool needsQuotes = false;
        for (const QChar c : name) {
            if (QStringLiteral("()<>[]:;@\\,.\"").contains(c)) {
                needsQuotes = true;
            }
        }
        QByteArray n = name.toLatin1();
        if (needsQuotes) {
            n.replace("\\", "\\\\");
            n.replace("\"", "\\\"");
            n = '"' + n + '"';
        }
        return n + " <" + address.toUtf8() + '>';
    }
    return encodeHeaderWords(name, latin1) + " <" + address.toUtf8() + '>';
}

struct Part {
    QByteArray headers;
    QByteArray body;
};

Part textPart(const QString& text, MailBodyStyle style) {
    Part p;
    const bool latin1 =
        (style == MailBodyStyle::Latin1QuotedPrintable || style == MailBodyStyle::Latin1EightBit) && fitsLatin1(text);
    if (style == MailBodyStyle::Latin1QuotedPrintable && !latin1) {
        style = MailBodyStyle::Utf8QuotedPrintable;
    } else if (style == MailBodyStyle::Latin1EightBit && !latin1) {
        style = MailBodyStyle::Utf8EightBit;
    }
    const QByteArray bytes = latin1 ? crlfLines(text.toLatin1()) : crlfLines(text.toUtf8());
    const QByteArray charset = latin1 ? "iso-8859-1" : "utf-8";
    const bool flowed = style == MailBodyStyle::Utf8EightBit;
    p.headers = "Content-Type: text/plain; charset=" + charset + (flowed ? "; format=flowed" : "") + "\r\n";
    switch (style) {
    case MailBodyStyle::Utf8QuotedPrintable:
    case MailBodyStyle::Latin1QuotedPrintable:
        p.headers += "Content-Transfer-Encoding: quoted-printable\r\n";
        p.body = quotedPrintable(bytes);
        break;
    case MailBodyStyle::Utf8Base64:
        p.headers += "Content-Transfer-Encoding: base64\r\n";
        p.body = base64Lines(bytes);
        break;
    default:
        p.headers += "Content-Transfer-Encoding: 8bit\r\n";
        p.body = bytes;
        break;
    }
    return p;
}

Part htmlPart(const QString& text) {
    Part p;
    const QString html = QStringLiteral("<html><head><meta charset=\"utf-8\"></head><body style=\"font-family: "
                                        "Arial, sans-serif\">\n") +
                         textToHtml(text) + QStringLiteral("\n</body></html>\n");
    p.headers = "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
    p.body = quotedPrintable(crlfLines(html.toUtf8()));
    return p;
}

QByteArray multipart(const QByteArray& subtype, const QByteArray& boundary, const QList<Part>& parts) {
    QByteArray out = "This is a multi-part message in MIME format.\r\n";
    for (const Part& part : parts) {
        out += "\r\n--" + boundary + "\r\n" + part.headers + "\r\n" + part.body;
    }
    out += "\r\n--" + boundary + "--\r\n";
    Q_UNUSED(subtype)
    return out;
}

} // namespace

QByteArray mailDate(qint64 utcMs, int utcOffsetMinutes) {
    static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs + qint64(utcOffsetMinutes) * 60000, Qt::UTC);
    const QDate d = t.date();
    const QTime tm = t.time();
    const int off = qAbs(utcOffsetMinutes);
    auto two = [](int v) { return QByteArray::number(v).rightJustified(2, '0'); };
    return QByteArray(kDays[d.dayOfWeek() - 1]) + ", " + two(d.day()) + ' ' + kMonths[d.month() - 1] + ' ' +
           QByteArray::number(d.year()) + ' ' + two(tm.hour()) + ':' + two(tm.minute()) + ':' + two(tm.second()) + ' ' +
           (utcOffsetMinutes < 0 ? '-' : '+') + two(off / 60) + two(off % 60);
}

QByteArray encodeHeaderWords(const QString& text, bool latin1) {
    if (isAscii(text)) {
        return text.toLatin1();
    }
    if (latin1 && fitsLatin1(text)) {
        // Q encoding: one word, spaces as underscores.
        QByteArray out = "=?ISO-8859-1?Q?";
        for (const char c : text.toLatin1()) {
            const uchar u = uchar(c);
            if (u == ' ') {
                out += '_';
            } else if (u > 0x20 && u < 0x7f && u != '=' && u != '?' && u != '_' && u != '"') {
                out += char(u);
            } else {
                out += '=' + QByteArray::number(u, 16).toUpper().rightJustified(2, '0');
            }
        }
        return out + "?=";
    }
    // B encoding in words of at most 45 bytes of UTF-8, never splitting a character.
    QByteArray out;
    QByteArray chunk;
    auto flush = [&]() {
        if (!chunk.isEmpty()) {
            if (!out.isEmpty()) {
                out += "\r\n ";
            }
            out += "=?UTF-8?B?" + chunk.toBase64() + "?=";
            chunk.clear();
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        QString ch = text.mid(i, 1);
        if (text.at(i).isHighSurrogate() && i + 1 < text.size()) {
            ch = text.mid(i, 2);
            ++i;
        }
        const QByteArray bytes = ch.toUtf8();
        if (chunk.size() + bytes.size() > 45) {
            flush();
        }
        chunk += bytes;
    }
    flush();
    return out;
}

QByteArray quotedPrintable(const QByteArray& bytes) {
    QByteArray out;
    for (const QByteArray& rawLine : bytes.split('\n')) {
        QByteArray line = rawLine;
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        QByteArray encoded;
        int column = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const uchar u = uchar(line[i]);
            const bool last = i + 1 == line.size();
            QByteArray piece;
            if ((u >= 33 && u <= 126 && u != '=') || ((u == ' ' || u == '\t') && !last)) {
                piece = QByteArray(1, char(u));
            } else {
                piece = '=' + QByteArray::number(u, 16).toUpper().rightJustified(2, '0');
            }
            if (column + piece.size() > 75) {
                encoded += "=\r\n";
                column = 0;
            }
            encoded += piece;
            column += int(piece.size());
        }
        out += encoded + "\r\n";
    }
    while (out.endsWith("\r\n\r\n")) {
        out.chop(2);
    }
    return out;
}

QString textToHtml(const QString& text) {
    static const QRegularExpression url(QStringLiteral("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)]"));
    QString out;
    for (const QString& paragraph : text.split(QStringLiteral("\n\n"))) {
        if (paragraph.trimmed().isEmpty()) {
            continue;
        }
        QString html = paragraph.toHtmlEscaped();
        html.replace(url, QStringLiteral("<a href=\"\\0\">\\0</a>"));
        const bool quote = paragraph.startsWith(u'>');
        html.replace(u'\n', QStringLiteral("<br>\n"));
        out += quote ? QStringLiteral("<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;"
                                      "padding-left:1ex\">%1</blockquote>\n")
                           .arg(html)
                     : QStringLiteral("<p>%1</p>\n").arg(html);
    }
    return out;
}

QByteArray composeMail(const MailDraft& draft) {
    const bool latin1 =
        draft.style == MailBodyStyle::Latin1QuotedPrintable || draft.style == MailBodyStyle::Latin1EightBit;
    QByteArray m;
    m += "Return-Path: <" + draft.fromAddress.toUtf8() + ">\r\n";
    m += "From: " + mailbox(draft.fromName, draft.fromAddress, latin1) + "\r\n";
    m += "To: " + mailbox(draft.toName, draft.toAddress, latin1) + "\r\n";
    m += "Subject: " + encodeHeaderWords(draft.subject, latin1) + "\r\n";
    m += "Date: " + mailDate(draft.dateMs, draft.utcOffsetMinutes) + "\r\n";
    m += "Message-ID: <" + draft.messageId + ">\r\n";
    if (!draft.inReplyTo.isEmpty()) {
        m += "In-Reply-To: <" + draft.inReplyTo + ">\r\n";
    }
    if (!draft.references.isEmpty()) {
        QByteArray refs;
        for (const QByteArray& r : draft.references) {
            refs += (refs.isEmpty() ? "" : "\r\n ") + ('<' + r + '>');
        }
        m += "References: " + refs + "\r\n";
    }
    if (!draft.userAgent.isEmpty()) {
        m += "User-Agent: " + draft.userAgent + "\r\n";
    }
    m += "MIME-Version: 1.0\r\n";
    const QByteArray boundary = "----=_Part_" + draft.boundarySeed;
    switch (draft.style) {
    case MailBodyStyle::HtmlOnly: {
        const Part p = htmlPart(draft.text);
        m += p.headers + "\r\n" + p.body;
        break;
    }
    case MailBodyStyle::Alternative: {
        m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
        m += multipart("alternative", boundary,
                       {textPart(draft.text, MailBodyStyle::Utf8QuotedPrintable), htmlPart(draft.text)});
        break;
    }
    case MailBodyStyle::MixedWithAttachment: {
        m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
        Part file;
        const QByteArray name = encodeHeaderWords(draft.attachmentName, false);
        file.headers = "Content-Type: " + draft.attachmentType + "; name=\"" + name +
                       "\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"" +
                       name + "\"\r\n";
        file.body = base64Lines(draft.attachment);
        m += multipart("mixed", boundary, {textPart(draft.text, MailBodyStyle::Utf8EightBit), file});
        break;
    }
    default: {
        const Part p = textPart(draft.text, draft.style);
        m += p.headers + "\r\n" + p.body;
        break;
    }
    }
    return m;
}

} // namespace baton::sandbox
