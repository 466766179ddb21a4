#include "core/connectors/email/EmailParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QCryptographicHash>

namespace baton::connectors::email {
namespace {

constexpr int kMaxDepth = 16; // nested multiparts deeper than this are not walked

struct Body {
    QString plain;
    QString html; // raw HTML, sanitised at the end
    QStringList attachments;
};

QByteArray transferDecoded(const MimeEntity& part, QStringList* warnings) {
    const QByteArray cte = part.header("content-transfer-encoding").toLower();
    if (cte == "quoted-printable") {
        return decodeQuotedPrintable(part.body);
    }
    if (cte == "base64") {
        bool clean = true;
        QByteArray out = decodeBase64(part.body, &clean);
        if (!clean) {
            warnings->append(QStringLiteral("invalid base64 in a part (undecodable characters skipped)"));
        }
        return out;
    }
    if (!cte.isEmpty() && cte != "7bit" && cte != "8bit" && cte != "binary") {
        warnings->append(QStringLiteral("unknown transfer encoding %1 (kept as is)").arg(QString::fromLatin1(cte)));
    }
    return part.body;
}

QString partText(const MimeEntity& part, const ContentType& ct, QStringList* warnings) {
    const QByteArray bytes = transferDecoded(part, warnings);
    QString problem;
    QString text = decodeCharset(bytes, ct.params.value("charset").toLatin1(), &problem);
    if (!problem.isEmpty()) {
        warnings->append(problem);
    }
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (ct.params.value("format").compare(QLatin1String("flowed"), Qt::CaseInsensitive) == 0) {
        // RFC 3676: a line ending in a space continues on the next one.
        const bool delsp = ct.params.value("delsp").compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0;
        QString joined;
        const QStringList lines = text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QString line = lines[i];
            if (line.startsWith(u' ')) {
                line.remove(0, 1); // space-stuffing
            }
            if (line.endsWith(u' ') && line != QLatin1String("-- ") && i + 1 < lines.size()) {
                joined += delsp ? line.chopped(1) : line;
            } else {
                joined += line;
                if (i + 1 < lines.size()) {
                    joined += u'\n';
                }
            }
        }
        text = joined;
    }
    return text;
}

QString attachmentName(const MimeEntity& part, const ContentType& ct) {
    const ContentType disposition = parseContentType(part.header("content-disposition"));
    QString name = disposition.params.value("filename");
    if (name.isEmpty()) {
        name = ct.params.value("name");
    }
    if (name.isEmpty()) {
        name = QString::fromLatin1(ct.mimeType());
    }
    return name;
}

// Cuts a multipart body at its boundary lines; returns the problems found.
QStringList splitMultipart(const QByteArray& body, const QByteArray& boundary, QList<QByteArray>* parts) {
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = 0;
    qsizetype partStart = -1;
    bool closed = false;
    const qsizetype n = body.size();
    while (pos <= n) {
        qsizetype nl = body.indexOf('\n', pos);
        const qsizetype lineEnd = nl < 0 ? n : nl;
        QByteArray line = body.mid(pos, lineEnd - pos);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.startsWith(delimiter)) {
            const QByteArray rest = line.mid(delimiter.size()).trimmed();
            const bool isClose = rest.startsWith("--");
            if (rest.isEmpty() || isClose) {
                if (partStart >= 0) {
                    // The line break before the delimiter belongs to it.
                    qsizetype end = pos;
                    if (end > partStart && body[end - 1] == '\n') {
                        --end;
                    }
                    if (end > partStart && body[end - 1] == '\r') {
                        --end;
                    }
                    parts->append(body.mid(partStart, end - partStart));
                }
                if (isClose) {
                    closed = true;
                    break;
                }
                partStart = nl < 0 ? n : nl + 1;
            }
        }
        if (nl < 0) {
            break;
        }
        pos = nl + 1;
    }
    QStringList problems;
    if (!closed) {
        if (partStart >= 0) {
            parts->append(body.mid(partStart)); // the last part, cut short: keep what arrived
        }
        problems.append(QStringLiteral("multipart message without its closing boundary (truncated?)"));
    }
    return problems;
}

void walk(const MimeEntity& part, int depth, Body* out, QStringList* warnings);

void walkMultipart(const MimeEntity& part, const ContentType& ct, int depth, Body* out, QStringList* warnings) {
    const QByteArray boundary = ct.params.value("boundary").toUtf8();
    if (boundary.isEmpty()) {
        warnings->append(QStringLiteral("multipart without a boundary (shown as text)"));
        out->plain += decodeCharset(part.body, {});
        return;
    }
    QList<QByteArray> rawParts;
    warnings->append(splitMultipart(part.body, boundary, &rawParts));
    if (rawParts.isEmpty()) {
        warnings->append(QStringLiteral("multipart without any part (shown as text)"));
        out->plain += decodeCharset(part.body, {});
        return;
    }
    QList<MimeEntity> parts;
    for (const QByteArray& raw : std::as_const(rawParts)) {
        auto e = splitEntity(raw);
        if (!e) {
            // A part without headers is text/plain in us-ascii (RFC 2046 §5.1).
            MimeEntity plain;
            plain.body = raw.startsWith("\r\n") ? raw.mid(2) : (raw.startsWith('\n') ? raw.mid(1) : raw);
            parts.append(plain);
        } else {
            warnings->append(e->warnings);
            parts.append(std::move(*e));
        }
    }
    if (ct.subtype == "alternative") {
        // Every alternative says the same thing: keep the best plain text and the richest HTML.
        Body best;
        for (const MimeEntity& p : std::as_const(parts)) {
            Body b;
            walk(p, depth + 1, &b, warnings);
            if (best.plain.isEmpty() && !b.plain.isEmpty()) {
                best.plain = b.plain;
            }
            if (!b.html.isEmpty()) {
                best.html = b.html; // later alternatives are richer
            }
            best.attachments += b.attachments;
        }
        out->plain += best.plain;
        out->html += best.html;
        out->attachments += best.attachments;
        return;
    }
    if (ct.subtype == "related") {
        // The root (first) part is the message; the others are its inline images and styles.
        walk(parts.first(), depth + 1, out, warnings);
        return;
    }
    // mixed, signed, report, digest and unknown subtypes: each part in order.
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (ct.subtype == "signed" && i > 0) {
            break; // the signature
        }
        Body b;
        walk(parts[i], depth + 1, &b, warnings);
        if (!b.plain.isEmpty()) {
            if (!out->plain.isEmpty() && !out->plain.endsWith(u'\n')) {
                out->plain += u'\n';
            }
            out->plain += b.plain;
        }
        out->html += b.html;
        out->attachments += b.attachments;
    }
}

void walk(const MimeEntity& part, int depth, Body* out, QStringList* warnings) {
    const QByteArray typeHeader = part.header("content-type");
    const ContentType ct = typeHeader.isEmpty() ? ContentType{} : parseContentType(typeHeader);
    const QByteArray disposition = parseContentType(part.header("content-disposition")).type;
    if (depth > kMaxDepth) {
        warnings->append(QStringLiteral("multipart nested too deeply (inner parts skipped)"));
        return;
    }
    if (ct.type == "multipart") {
        walkMultipart(part, ct, depth, out, warnings);
        return;
    }
    const bool attached = disposition == "attachment";
    if (ct.type == "text" && !attached && (ct.subtype == "plain" || ct.subtype.isEmpty())) {
        out->plain += partText(part, ct, warnings);
        return;
    }
    if (ct.type == "text" && !attached && ct.subtype == "html") {
        out->html += partText(part, ct, warnings);
        return;
    }
    out->attachments.append(attachmentName(part, ct));
}

QString addressText(const Mailbox& m) {
    return m.address.isEmpty() ? m.name : m.address;
}

} // namespace

Expected<ParsedMessage, Error> parseMessage(const QByteArray& raw) {
    if (raw.trimmed().isEmpty()) {
        return unexpected(Error{ErrorCode::BadResponse, QStringLiteral("empty message")});
    }
    auto entity = splitEntity(raw);
    if (!entity) {
        return unexpected(entity.error());
    }
    ParsedMessage m;
    m.warnings = entity->warnings;
    const QStringList ids = parseMessageIds(entity->header("message-id"));
    if (!ids.isEmpty()) {
        m.messageId = ids.first();
    }
    const QStringList replyIds = parseMessageIds(entity->header("in-reply-to"));
    if (!replyIds.isEmpty()) {
        m.inReplyTo = replyIds.first();
    }
    m.references = parseMessageIds(entity->header("references"));
    m.subject = decodeHeaderText(entity->header("subject")).simplified();
    const QList<Mailbox> from = parseAddressList(entity->header("from"));
    if (!from.isEmpty()) {
        m.from = from.first();
    } else {
        m.warnings.append(QStringLiteral("no From: header"));
    }
    m.replyTo = parseAddressList(entity->header("reply-to"));
    m.to = parseAddressList(entity->header("to"));
    m.cc = parseAddressList(entity->header("cc"));

    const QByteArray date = entity->header("date");
    if (!date.isEmpty()) {
        m.date = parseRfc822(QString::fromLatin1(date));
        if (!m.date) {
            m.warnings.append(QStringLiteral("unreadable Date: %1").arg(QString::fromLatin1(date.left(80))));
        }
    }
    if (!m.date) {
        // The newest Received: stamp ("...; Tue, 1 Dec 2026 06:24:29 +0000") is when it reached the mailbox.
        const QList<QByteArray> received = entity->values("received");
        for (const QByteArray& r : received) {
            const qsizetype semi = r.lastIndexOf(';');
            if (semi >= 0) {
                if (auto t = parseRfc822(QString::fromLatin1(r.mid(semi + 1)))) {
                    m.date = t;
                    break;
                }
            }
        }
    }

    Body body;
    walk(*entity, 0, &body, &m.warnings);
    if (!body.html.isEmpty()) {
        const SanitizedHtml clean = sanitizeHtml(body.html);
        m.html = clean.html;
        if (body.plain.trimmed().isEmpty()) {
            body.plain = clean.text;
        }
    }
    m.text = body.plain.trimmed();
    m.attachments = body.attachments;
    return m;
}

QString syntheticMessageId(const QByteArray& raw) {
    return QStringLiteral("%1@no-message-id.baton.invalid")
        .arg(QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex().left(32)));
}

model::Item toItem(const ParsedMessage& message, const QByteArray& raw, const ItemContext& ctx) {
    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::Email;
    item.kind = model::Kind::Email;
    item.remoteId = message.messageId.isEmpty() ? syntheticMessageId(raw) : message.messageId;
    item.parentRemoteId = !message.inReplyTo.isEmpty()
                              ? message.inReplyTo
                              : (message.references.isEmpty() ? QString() : message.references.last());
    if (item.parentRemoteId == item.remoteId) {
        item.parentRemoteId.clear();
    }
    if (!message.references.isEmpty() && message.references.first() != item.remoteId) {
        item.threadRemoteId = message.references.first();
    } else if (!item.parentRemoteId.isEmpty()) {
        item.threadRemoteId = item.parentRemoteId;
    }
    item.author.network = model::Network::Email;
    item.author.remoteId = message.from.address.toLower();
    item.author.handle = addressText(message.from);
    item.author.displayName = message.from.name;
    if (item.author.remoteId.isEmpty()) {
        item.author.remoteId = item.author.handle.isEmpty() ? QStringLiteral("unknown") : item.author.handle;
        item.author.handle = item.author.remoteId;
    }
    if (!item.author.remoteId.isEmpty() && item.author.remoteId.contains(u'@')) {
        item.author.profileUrl = QStringLiteral("mailto:") + item.author.remoteId;
    }
    item.direction = !ctx.ownAddress.isEmpty() && message.from.address.compare(ctx.ownAddress, Qt::CaseInsensitive) == 0
                         ? model::Direction::Outgoing
                         : model::Direction::Incoming;
    item.createdAt = message.date.value_or(ctx.fallbackTime);
    QString text = message.subject;
    if (!message.text.isEmpty()) {
        text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + message.text;
    }
    if (!message.attachments.isEmpty()) {
        text += QStringLiteral("\n\n[") + message.attachments.join(QStringLiteral("] [")) + u']';
    }
    item.text = text;
    if (!message.html.isEmpty()) {
        item.html = message.subject.toHtmlEscaped() + QStringLiteral("<br><br>") + message.html;
    }
    item.url = ctx.url;
    item.communityRemoteId = ctx.folder;
    item.communityName = ctx.folder;
    return item;
}

model::Item messageToItem(const QByteArray& raw, const ItemContext& ctx, QString* problem) {
    auto parsed = parseMessage(raw);
    if (parsed) {
        if (problem) {
            problem->clear();
        }
        return toItem(*parsed, raw, ctx);
    }
    if (problem) {
        *problem = parsed.error().detail;
    }
    // Unreadable: keep the bytes as text so that nothing is lost, and say so in the subject line.
    ParsedMessage fallback;
    fallback.subject = QStringLiteral("(unreadable message: %1)").arg(parsed.error().detail);
    fallback.text = decodeCharset(raw, {}).trimmed();
    fallback.from.address = QStringLiteral("unknown");
    return toItem(fallback, raw, ctx);
}

} // namespace baton::connectors::email
