#include "core/sandbox/mail/MailText.h"

#include <QRegularExpression>

namespace baton::sandbox {
namespace {

// Offset just past the blank line ending the header, or raw.size() when there is none.
qsizetype headerEnd(const QByteArray& raw) {
    if (raw.startsWith("\r\n")) {
        return 2;
    }
    if (raw.startsWith("\n")) {
        return 1;
    }
    const qsizetype crlf = raw.indexOf("\r\n\r\n");
    const qsizetype lf = raw.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf <= lf)) {
        return crlf + 4;
    }
    return lf >= 0 ? lf + 2 : raw.size();
}

// Raw field lines (with continuations and line ends), one entry per field.
QList<QByteArray> rawFields(const QByteArray& raw) {
    QList<QByteArray> fields;
    const QByteArray header = raw.left(headerEnd(raw));
    qsizetype pos = 0;
    while (pos < header.size()) {
        qsizetype eol = header.indexOf('\n', pos);
        eol = eol < 0 ? header.size() : eol + 1;
        const QByteArray line = header.mid(pos, eol - pos);
        pos = eol;
        if (line == "\r\n" || line == "\n") {
            break;
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !fields.isEmpty()) {
            fields.last() += line;
        } else {
            fields.append(line);
        }
    }
    return fields;
}

QByteArray fieldName(const QByteArray& field) {
    const qsizetype colon = field.indexOf(':');
    return colon < 0 ? QByteArray() : field.left(colon).trimmed();
}

QByteArray unfoldedValue(const QByteArray& field) {
    QByteArray v = field.mid(field.indexOf(':') + 1);
    v.replace("\r\n", "");
    v.replace('\n', "");
    return v.trimmed();
}

QByteArray boundaryOf(const QByteArray& raw) {
    const QByteArray type = headerField(raw, "Content-Type");
    if (!type.trimmed().toLower().startsWith("multipart/")) {
        return {};
    }
    static const QRegularExpression re(QStringLiteral("boundary\\s*=\\s*(\"([^\"]*)\"|([^;\\s]+))"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(type));
    if (!m.hasMatch()) {
        return {};
    }
    return (m.captured(2).isEmpty() ? m.captured(3) : m.captured(2)).toLatin1();
}

// The entities between the boundary lines of a multipart body.
QList<QByteArray> splitParts(const QByteArray& body, const QByteArray& boundary) {
    QList<QByteArray> parts;
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = 0;
    qsizetype start = -1;
    while (pos <= body.size()) {
        qsizetype eol = body.indexOf('\n', pos);
        const qsizetype next = eol < 0 ? body.size() + 1 : eol + 1;
        QByteArray line = body.mid(pos, (eol < 0 ? body.size() : eol) - pos);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.startsWith(delimiter)) {
            if (start >= 0) {
                qsizetype end = pos;
                // The line break before the delimiter belongs to it.
                if (end > start && body[end - 1] == '\n') {
                    --end;
                    if (end > start && body[end - 1] == '\r') {
                        --end;
                    }
                }
                parts.append(body.mid(start, end - start));
            }
            if (line.mid(delimiter.size()).startsWith("--")) {
                return parts;
            }
            start = next;
        }
        pos = next;
    }
    return parts;
}

} // namespace

QByteArray headerBlock(const QByteArray& raw) {
    return raw.left(headerEnd(raw));
}

QByteArray bodyText(const QByteArray& raw) {
    return raw.mid(headerEnd(raw));
}

QByteArray headerField(const QByteArray& raw, const QByteArray& name) {
    for (const QByteArray& f : rawFields(raw)) {
        if (fieldName(f).compare(name, Qt::CaseInsensitive) == 0) {
            return unfoldedValue(f);
        }
    }
    return {};
}

QList<QByteArray> headerFields(const QByteArray& raw, const QByteArray& name) {
    QList<QByteArray> out;
    for (const QByteArray& f : rawFields(raw)) {
        if (fieldName(f).compare(name, Qt::CaseInsensitive) == 0) {
            out.append(unfoldedValue(f));
        }
    }
    return out;
}

QByteArray selectHeaderFields(const QByteArray& raw, const QList<QByteArray>& names, bool exclude) {
    QByteArray out;
    for (const QByteArray& f : rawFields(raw)) {
        bool listed = false;
        for (const QByteArray& n : names) {
            if (fieldName(f).compare(n, Qt::CaseInsensitive) == 0) {
                listed = true;
            }
        }
        if (listed != exclude) {
            out += f;
        }
    }
    return out + "\r\n";
}

bool mimePart(const QByteArray& raw, const QList<int>& path, QByteArray* entity) {
    QByteArray current = raw;
    for (const int index : path) {
        const QByteArray boundary = boundaryOf(current);
        if (boundary.isEmpty()) {
            if (index != 1) {
                return false;
            }
            // The single part of a non-multipart entity is the entity itself (its body is read by the caller).
            continue;
        }
        const QList<QByteArray> parts = splitParts(bodyText(current), boundary);
        if (index < 1 || index > parts.size()) {
            return false;
        }
        current = parts[index - 1];
    }
    *entity = current;
    return true;
}

} // namespace baton::sandbox
