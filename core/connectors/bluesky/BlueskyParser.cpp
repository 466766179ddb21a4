#include "core/connectors/bluesky/BlueskyParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <algorithm>

namespace baton::connectors::bluesky {
namespace {

const QLatin1String kPostType("app.bsky.feed.post");
const QLatin1String kMentionFeature("app.bsky.richtext.facet#mention");
const QLatin1String kLinkFeature("app.bsky.richtext.facet#link");
const QLatin1String kTagFeature("app.bsky.richtext.facet#tag");

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

QString str(const QJsonObject& o, QLatin1String key) {
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

Expected<QJsonObject, Error> parseObject(const QByteArray& json) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        return unexpected(bad(QStringLiteral("invalid JSON at offset %1 (%2): %3")
                                  .arg(err.offset)
                                  .arg(err.errorString(), QString::fromUtf8(json.left(200)).simplified())));
    }
    if (!doc.isObject()) {
        return unexpected(bad(QStringLiteral("expected a JSON object")));
    }
    return doc.object();
}

StrongRef refOf(const QJsonValue& v) {
    const QJsonObject o = v.toObject();
    return {str(o, QLatin1String("uri")), str(o, QLatin1String("cid"))};
}

bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// One facet feature, as a link target, or empty when it is not one we show.
QString facetHref(const QJsonObject& feature) {
    const QString type = str(feature, QLatin1String("$type"));
    if (type == kMentionFeature) {
        const QString did = str(feature, QLatin1String("did"));
        return did.startsWith(QLatin1String("did:")) ? QStringLiteral("https://bsky.app/profile/") + did : QString();
    }
    if (type == kLinkFeature) {
        const QString uri = str(feature, QLatin1String("uri"));
        return isSafeLinkUrl(uri) ? uri : QString();
    }
    if (type == kTagFeature) {
        const QString tag = str(feature, QLatin1String("tag"));
        return tag.isEmpty()
                   ? QString()
                   : QStringLiteral("https://bsky.app/hashtag/") + QString::fromLatin1(QUrl::toPercentEncoding(tag));
    }
    return {};
}

QString escapeLines(const QString& text) {
    return text.toHtmlEscaped().replace(u'\n', QLatin1String("<br>"));
}

// The post as safe HTML: its text escaped, with the facets that are valid ranges of its UTF-8 bytes made links.
QString richText(const QString& text, const QJsonArray& facets) {
    struct Span {
        qsizetype start;
        qsizetype end;
        QString href;
    };
    const QByteArray bytes = text.toUtf8();
    QList<Span> spans;
    for (const QJsonValue& fv : facets) {
        const QJsonObject facet = fv.toObject();
        const QJsonObject index = facet.value(QLatin1String("index")).toObject();
        const qsizetype start = index.value(QLatin1String("byteStart")).toInteger(-1);
        const qsizetype end = index.value(QLatin1String("byteEnd")).toInteger(-1);
        if (start < 0 || end <= start || end > bytes.size() || isContinuationByte(bytes.at(start)) ||
            (end < bytes.size() && isContinuationByte(bytes.at(end)))) {
            continue; // a range outside the text or through a character: shown as plain text
        }
        for (const QJsonValue& feature : facet.value(QLatin1String("features")).toArray()) {
            const QString href = facetHref(feature.toObject());
            if (!href.isEmpty()) {
                spans.append({start, end, href});
                break;
            }
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    QString html;
    qsizetype at = 0;
    for (const Span& s : spans) {
        if (s.start < at) {
            continue; // overlaps the previous facet
        }
        html += escapeLines(QString::fromUtf8(bytes.mid(at, s.start - at)));
        html += QStringLiteral("<a href=\"%1\">%2</a>")
                    .arg(s.href.toHtmlEscaped(), escapeLines(QString::fromUtf8(bytes.mid(s.start, s.end - s.start))));
        at = s.end;
    }
    html += escapeLines(QString::fromUtf8(bytes.mid(at)));
    return html;
}

model::Identity identityOf(const QJsonObject& author) {
    model::Identity who;
    who.network = model::Network::Bluesky;
    who.remoteId = str(author, QLatin1String("did"));
    who.handle = str(author, QLatin1String("handle"));
    if (who.handle == QLatin1String("handle.invalid")) {
        who.handle.clear(); // the network could not verify the handle: the DID names the account
    }
    who.displayName = str(author, QLatin1String("displayName")).trimmed();
    const QString avatar = str(author, QLatin1String("avatar"));
    who.avatarUrl = isSafeLinkUrl(avatar) ? avatar : QString();
    who.profileUrl = QStringLiteral("https://bsky.app/profile/") + (who.handle.isEmpty() ? who.remoteId : who.handle);
    return who;
}

// The post a quote embeds, for records with app.bsky.embed.record or recordWithMedia.
QString quotedUri(const QJsonObject& record) {
    const QJsonObject embed = record.value(QLatin1String("embed")).toObject();
    const QString type = str(embed, QLatin1String("$type"));
    if (type == QLatin1String("app.bsky.embed.record")) {
        return refOf(embed.value(QLatin1String("record"))).uri;
    }
    if (type == QLatin1String("app.bsky.embed.recordWithMedia")) {
        return refOf(embed.value(QLatin1String("record")).toObject().value(QLatin1String("record"))).uri;
    }
    return {};
}

bool isThreadPost(const QJsonObject& node) {
    const QString type = str(node, QLatin1String("$type"));
    return node.value(QLatin1String("post")).isObject() &&
           (type.isEmpty() || type == QLatin1String("app.bsky.feed.defs#threadViewPost"));
}

Expected<model::Item, Error> postViewToItem(const QJsonObject& post, const ParseContext& ctx) {
    return postToItem(str(post, QLatin1String("uri")), post.value(QLatin1String("author")).toObject(),
                      post.value(QLatin1String("record")).toObject(), str(post, QLatin1String("indexedAt")), ctx);
}

void collectReplies(const QJsonObject& node, const ParseContext& ctx, QList<model::Item>& out, QSet<QString>& seen,
                    int depth) {
    if (depth > 1000) {
        return;
    }
    for (const QJsonValue& rv : node.value(QLatin1String("replies")).toArray()) {
        const QJsonObject reply = rv.toObject();
        if (!isThreadPost(reply)) {
            continue; // deleted or blocked
        }
        if (auto item = postViewToItem(reply.value(QLatin1String("post")).toObject(), ctx);
            item && !seen.contains(item->remoteId)) {
            seen.insert(item->remoteId);
            out.append(std::move(*item));
        }
        collectReplies(reply, ctx, out, seen, depth + 1);
    }
}

} // namespace

Expected<Session, Error> parseSession(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    Session s;
    s.did = str(*o, QLatin1String("did"));
    s.handle = str(*o, QLatin1String("handle"));
    s.accessJwt = str(*o, QLatin1String("accessJwt"));
    s.refreshJwt = str(*o, QLatin1String("refreshJwt"));
    if (!s.did.startsWith(QLatin1String("did:")) || s.accessJwt.isEmpty() || s.refreshJwt.isEmpty()) {
        return unexpected(bad(QStringLiteral("the session answer lacks did, accessJwt or refreshJwt")));
    }
    const QJsonValue active = o->value(QLatin1String("active"));
    s.active = !active.isBool() || active.toBool();
    s.status = str(*o, QLatin1String("status"));
    for (const QJsonValue& sv :
         o->value(QLatin1String("didDoc")).toObject().value(QLatin1String("service")).toArray()) {
        const QJsonObject service = sv.toObject();
        if (str(service, QLatin1String("id")).endsWith(QLatin1String("#atproto_pds"))) {
            s.pdsUrl = str(service, QLatin1String("serviceEndpoint"));
        }
    }
    return s;
}

Expected<model::Item, Error> postToItem(const QString& uri, const QJsonObject& author, const QJsonObject& record,
                                        const QString& indexedAt, const ParseContext& ctx) {
    if (!uri.startsWith(QLatin1String("at://"))) {
        return unexpected(bad(QStringLiteral("a post without an at:// uri")));
    }
    if (str(record, QLatin1String("$type")) != kPostType) {
        return unexpected(bad(QStringLiteral("%1 is not a post").arg(uri)));
    }
    // The client sets createdAt and may lie; the server's indexedAt bounds it (sortAt).
    const std::optional<qint64> created = parseRfc3339(str(record, QLatin1String("createdAt")));
    const std::optional<qint64> indexed = parseRfc3339(indexedAt);
    if (!created && !indexed) {
        return unexpected(bad(QStringLiteral("%1 has neither a valid createdAt nor indexedAt").arg(uri)));
    }
    model::Item item;
    item.accountId = ctx.accountId;
    item.network = model::Network::Bluesky;
    item.remoteId = uri;
    item.author = identityOf(author);
    if (item.author.remoteId.isEmpty()) {
        item.author.remoteId = splitAtUri(uri).repo;
    }
    item.direction = !ctx.ownDid.isEmpty() && item.author.remoteId == ctx.ownDid ? model::Direction::Outgoing
                                                                                 : model::Direction::Incoming;
    item.createdAt = created && indexed ? qMin(*created, *indexed) : created ? *created : *indexed;
    item.text = str(record, QLatin1String("text"));
    item.html = richText(item.text, record.value(QLatin1String("facets")).toArray());
    const QJsonObject reply = record.value(QLatin1String("reply")).toObject();
    item.parentRemoteId = refOf(reply.value(QLatin1String("parent"))).uri;
    item.threadRemoteId = refOf(reply.value(QLatin1String("root"))).uri;
    if (item.threadRemoteId.isEmpty()) {
        item.threadRemoteId = item.parentRemoteId.isEmpty() ? uri : item.parentRemoteId;
    }
    item.kind = item.parentRemoteId.isEmpty() ? model::Kind::Post : model::Kind::Reply;
    const QJsonArray langs = record.value(QLatin1String("langs")).toArray();
    if (!langs.isEmpty()) {
        item.lang = langs.first().toString().section(u'-', 0, 0).toLower();
    }
    item.url = webUrl(uri, item.author.handle.isEmpty() ? item.author.remoteId : item.author.handle);
    item.visibility = QStringLiteral("public");
    return item;
}

Expected<NotificationPage, Error> parseNotifications(const QByteArray& json, const ParseContext& ctx) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonValue list = o->value(QLatin1String("notifications"));
    if (!list.isArray()) {
        return unexpected(bad(QStringLiteral("\"notifications\" is missing or not an array")));
    }
    NotificationPage page;
    page.cursor = str(*o, QLatin1String("cursor"));
    QSet<QString> seen;
    for (const QJsonValue& nv : list.toArray()) {
        const QJsonObject n = nv.toObject();
        ++page.entries;
        const QString uri = str(n, QLatin1String("uri"));
        const QString indexedAt = str(n, QLatin1String("indexedAt"));
        if (const auto t = parseRfc3339(indexedAt)) {
            if (page.newestIndexedAt == 0 || *t > page.newestIndexedAt) {
                page.newestIndexedAt = *t;
                page.newestUri = uri;
            }
            if (page.oldestIndexedAt == 0 || *t < page.oldestIndexedAt) {
                page.oldestIndexedAt = *t;
            }
        }
        const QString reason = str(n, QLatin1String("reason"));
        model::Kind kind = model::Kind::Mention;
        if (reason == QLatin1String("reply")) {
            kind = model::Kind::Reply;
        } else if (reason == QLatin1String("quote")) {
            kind = model::Kind::Quote;
        } else if (reason != QLatin1String("mention")) {
            continue; // likes, reposts, follows, and kinds this version does not know
        }
        if (seen.contains(uri)) {
            continue; // the same post notified twice (a mention in a reply)
        }
        auto item = postToItem(uri, n.value(QLatin1String("author")).toObject(),
                               n.value(QLatin1String("record")).toObject(), indexedAt, ctx);
        if (!item) {
            continue; // not a post, or no usable time: nothing to answer
        }
        seen.insert(uri);
        item->kind = kind;
        item->notificationId = uri;
        if (kind == model::Kind::Quote && item->parentRemoteId.isEmpty()) {
            item->parentRemoteId = quotedUri(n.value(QLatin1String("record")).toObject());
        }
        page.items.append(std::move(*item));
    }
    return page;
}

Expected<QList<model::Item>, Error> parseThread(const QByteArray& json, const ParseContext& ctx) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonObject thread = o->value(QLatin1String("thread")).toObject();
    if (!isThreadPost(thread)) {
        if (thread.value(QLatin1String("notFound")).toBool()) {
            return unexpected(Error{ErrorCode::NotFound, QStringLiteral("the post was deleted")});
        }
        if (thread.value(QLatin1String("blocked")).toBool()) {
            return unexpected(Error{ErrorCode::Forbidden, QStringLiteral("the post is blocked")});
        }
        return unexpected(bad(QStringLiteral("\"thread\" is missing or not a thread view")));
    }
    QList<model::Item> ancestors;
    QSet<QString> seen;
    QJsonObject node = thread.value(QLatin1String("parent")).toObject();
    for (int guard = 0; isThreadPost(node) && guard < 1000; ++guard) {
        if (auto item = postViewToItem(node.value(QLatin1String("post")).toObject(), ctx);
            item && !seen.contains(item->remoteId)) {
            seen.insert(item->remoteId);
            ancestors.prepend(std::move(*item));
        }
        node = node.value(QLatin1String("parent")).toObject();
    }
    QList<model::Item> out = std::move(ancestors);
    auto self = postViewToItem(thread.value(QLatin1String("post")).toObject(), ctx);
    if (!self) {
        return unexpected(self.error());
    }
    seen.insert(self->remoteId);
    out.append(std::move(*self));
    collectReplies(thread, ctx, out, seen, 0);
    return out;
}

Expected<ReplyTarget, Error> parseReplyTarget(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonObject thread = o->value(QLatin1String("thread")).toObject();
    if (!isThreadPost(thread)) {
        if (thread.value(QLatin1String("notFound")).toBool()) {
            return unexpected(Error{ErrorCode::NotFound, QStringLiteral("the post was deleted")});
        }
        return unexpected(bad(QStringLiteral("\"thread\" is missing or not a thread view")));
    }
    const QJsonObject post = thread.value(QLatin1String("post")).toObject();
    ReplyTarget t;
    t.post = {str(post, QLatin1String("uri")), str(post, QLatin1String("cid"))};
    if (t.post.uri.isEmpty() || t.post.cid.isEmpty()) {
        return unexpected(bad(QStringLiteral("the post has no uri or cid")));
    }
    const QJsonObject author = post.value(QLatin1String("author")).toObject();
    t.authorDid = str(author, QLatin1String("did"));
    t.authorHandle = str(author, QLatin1String("handle"));
    const StrongRef root = refOf(post.value(QLatin1String("record"))
                                     .toObject()
                                     .value(QLatin1String("reply"))
                                     .toObject()
                                     .value(QLatin1String("root")));
    t.root = root.uri.isEmpty() || root.cid.isEmpty() ? t.post : root;
    return t;
}

Expected<StrongRef, Error> parseRecordRef(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    StrongRef r{str(*o, QLatin1String("uri")), str(*o, QLatin1String("cid"))};
    if (!r.uri.startsWith(QLatin1String("at://")) || r.cid.isEmpty()) {
        return unexpected(bad(QStringLiteral("the answer has no record uri and cid")));
    }
    return r;
}

Expected<QJsonObject, Error> parseRecordValue(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonValue v = o->value(QLatin1String("value"));
    if (!v.isObject()) {
        return unexpected(bad(QStringLiteral("the record answer has no value")));
    }
    return v.toObject();
}

Expected<QString, Error> parseResolvedHandle(const QByteArray& json) {
    auto o = parseObject(json);
    if (!o) {
        return unexpected(o.error());
    }
    const QString did = str(*o, QLatin1String("did"));
    if (!did.startsWith(QLatin1String("did:"))) {
        return unexpected(bad(QStringLiteral("the handle did not resolve to a DID")));
    }
    return did;
}

QString xrpcErrorName(const QByteArray& body) {
    return QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toString();
}

QString xrpcErrorMessage(const QByteArray& body) {
    return QJsonDocument::fromJson(body).object().value(QLatin1String("message")).toString();
}

std::optional<qint64> jwtExpiry(const QString& jwt) {
    const QStringList parts = jwt.split(u'.');
    if (parts.size() != 3) {
        return std::nullopt;
    }
    const QByteArray payload =
        QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonValue exp = QJsonDocument::fromJson(payload).object().value(QLatin1String("exp"));
    if (!exp.isDouble() || exp.toDouble() <= 0) {
        return std::nullopt;
    }
    return epochSecondsToUtcMs(exp.toDouble());
}

AtUri splitAtUri(const QString& uri) {
    if (!uri.startsWith(QLatin1String("at://"))) {
        return {};
    }
    const QStringList parts = uri.mid(5).split(u'/');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || parts.at(2).isEmpty()) {
        return {};
    }
    return {parts.at(0), parts.at(1), parts.at(2)};
}

QString webUrl(const QString& uri, const QString& handle) {
    const AtUri at = splitAtUri(uri);
    if (at.collection != kPostType) {
        return {};
    }
    return QStringLiteral("https://bsky.app/profile/%1/post/%2").arg(handle.isEmpty() ? at.repo : handle, at.rkey);
}

QString makeTid(qint64 microseconds, int clockId) {
    static const char kAlphabet[] = "234567abcdefghijklmnopqrstuvwxyz";
    const quint64 value =
        ((static_cast<quint64>(microseconds) & ((quint64(1) << 53) - 1)) << 10) | static_cast<quint64>(clockId & 0x3FF);
    QString out;
    out.reserve(13);
    for (int i = 0; i < 13; ++i) {
        const int shift = 60 - 5 * i;
        out += QLatin1Char(kAlphabet[(shift >= 0 ? value >> shift : value << -shift) & 31]);
    }
    return out;
}

namespace {

// The end of a link or tag with the punctuation that closes a sentence taken off.
qsizetype trimTrailing(const QString& text, qsizetype start, qsizetype end) {
    while (end > start && QStringLiteral(".,;:!?\"'").contains(text.at(end - 1))) {
        --end;
    }
    if (end > start && text.at(end - 1) == u')' && !text.mid(start, end - start).contains(u'(')) {
        --end;
    }
    return end;
}

const QRegularExpression& mentionPattern() {
    static const QRegularExpression re(
        QStringLiteral(R"((?:^|[\s(])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+)"
                       R"([a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?))"));
    return re;
}

qsizetype byteOffset(const QString& text, qsizetype index) {
    return QStringView(text).left(index).toUtf8().size();
}

QJsonObject facet(const QString& text, qsizetype start, qsizetype end, const QJsonObject& feature) {
    return QJsonObject{{QStringLiteral("index"), QJsonObject{{QStringLiteral("byteStart"), byteOffset(text, start)},
                                                             {QStringLiteral("byteEnd"), byteOffset(text, end)}}},
                       {QStringLiteral("features"), QJsonArray{feature}}};
}

} // namespace

QStringList findMentions(const QString& text) {
    QStringList out;
    auto it = mentionPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString handle = it.next().captured(1).toLower();
        if (!out.contains(handle)) {
            out.append(handle);
        }
    }
    return out;
}

QJsonArray buildFacets(const QString& text, const QHash<QString, QString>& didByHandle) {
    struct Found {
        qsizetype start;
        QJsonObject facet;
    };
    QList<Found> found;
    auto mentions = mentionPattern().globalMatch(text);
    while (mentions.hasNext()) {
        const auto m = mentions.next();
        const QString did = didByHandle.value(m.captured(1).toLower());
        if (!did.isEmpty()) {
            const qsizetype start = m.capturedStart(1) - 1; // the '@' belongs to the mention
            found.append(
                {start, facet(text, start, m.capturedEnd(1),
                              QJsonObject{{QStringLiteral("$type"), kMentionFeature}, {QStringLiteral("did"), did}})});
        }
    }
    static const QRegularExpression linkRe(QStringLiteral(R"((?:^|[\s(])(https?://[^\s<>"]+))"),
                                           QRegularExpression::CaseInsensitiveOption);
    auto links = linkRe.globalMatch(text);
    while (links.hasNext()) {
        const auto m = links.next();
        const qsizetype end = trimTrailing(text, m.capturedStart(1), m.capturedEnd(1));
        const QString uri = text.mid(m.capturedStart(1), end - m.capturedStart(1));
        if (QUrl(uri, QUrl::StrictMode).isValid()) {
            found.append({m.capturedStart(1),
                          facet(text, m.capturedStart(1), end,
                                QJsonObject{{QStringLiteral("$type"), kLinkFeature}, {QStringLiteral("uri"), uri}})});
        }
    }
    static const QRegularExpression tagRe(QStringLiteral(R"((?:^|\s)#([^\s#\d\p{P}][^\s#]*))"));
    auto tags = tagRe.globalMatch(text);
    while (tags.hasNext()) {
        const auto m = tags.next();
        const qsizetype end = trimTrailing(text, m.capturedStart(1), m.capturedEnd(1));
        const QString tag = text.mid(m.capturedStart(1), end - m.capturedStart(1));
        if (!tag.isEmpty() && tag.size() <= 64) {
            const qsizetype start = m.capturedStart(1) - 1;
            found.append(
                {start, facet(text, start, end,
                              QJsonObject{{QStringLiteral("$type"), kTagFeature}, {QStringLiteral("tag"), tag}})});
        }
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.start < b.start; });
    QJsonArray out;
    for (const Found& f : found) {
        out.append(f.facet);
    }
    return out;
}

} // namespace baton::connectors::bluesky
