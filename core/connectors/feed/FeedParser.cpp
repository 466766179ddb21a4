#include "core/connectors/feed/FeedParser.h"

#include "core/common/Html.h"
#include "core/common/Time.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace baton::connectors::feed {
namespace {

const QString kAtomNs = QStringLiteral("http://www.w3.org/2005/Atom");
const QString kRdfNs = QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
const QString kRss1Ns = QStringLiteral("http://purl.org/rss/1.0/");
const QString kRss090Ns = QStringLiteral("http://my.netscape.com/rdf/simple/0.9/");
const QString kContentNs = QStringLiteral("http://purl.org/rss/1.0/modules/content/");
const QString kDcNs = QStringLiteral("http://purl.org/dc/elements/1.1/");
const QString kThrNs = QStringLiteral("http://purl.org/syndication/thread/1.0");
const QString kXmlNs = QStringLiteral("http://www.w3.org/XML/1998/namespace");

Error bad(const QString& what) {
    return Error{ErrorCode::BadResponse, what};
}

// HTML named entities (&eacute;, &nbsp;...) are not XML, but feeds use them; resolve the ones Html.h knows.
class HtmlEntityResolver final : public QXmlStreamEntityResolver {
public:
    QString resolveUndeclaredEntity(const QString& name) override {
        const QString ref = u'&' + name + u';';
        const QString decoded = decodeEntities(ref);
        return decoded == ref ? QString() : decoded;
    }
};

bool isRssNs(QStringView ns) {
    return ns.isEmpty() || ns == kRss1Ns || ns == kRss090Ns;
}

QString fingerprint(const QStringList& parts) {
    QCryptographicHash h(QCryptographicHash::Sha1);
    for (const QString& p : parts) {
        h.addData(p.toUtf8());
        h.addData(QByteArrayView("\x1f", 1));
    }
    return QString::fromLatin1(h.result().toHex().left(20));
}

QString resolveUrl(const ParseContext& ctx, const QString& href) {
    const QString trimmed = href.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    QUrl url(trimmed);
    if (url.isRelative() && !ctx.feedUrl.isEmpty()) {
        url = QUrl(ctx.feedUrl).resolved(url);
    }
    const QString out = url.toString(QUrl::FullyEncoded);
    return isSafeLinkUrl(out) ? out : QString();
}

// "bob@example.com (Bob Smith)", "Bob Smith <bob@example.com>", "bob@example.com" or just "Bob Smith".
model::Identity rssAuthor(const QString& raw) {
    model::Identity who;
    who.network = model::Network::Feed;
    const QString s = raw.simplified();
    static const QRegularExpression parens(QStringLiteral("^(\\S+@\\S+)\\s*\\((.*)\\)$"));
    static const QRegularExpression angle(QStringLiteral("^(.*)<(\\S+@\\S+)>$"));
    if (auto m = parens.match(s); m.hasMatch()) {
        who.handle = m.captured(1);
        who.displayName = m.captured(2).trimmed();
    } else if (auto m2 = angle.match(s); m2.hasMatch()) {
        who.displayName = m2.captured(1).trimmed().remove(u'"');
        who.handle = m2.captured(2);
    } else {
        who.handle = s;
        who.displayName = s.contains(u'@') ? QString() : s;
    }
    if (who.displayName.isEmpty()) {
        who.displayName = who.handle;
    }
    who.remoteId = who.handle;
    return who;
}

// True when the title is the body, or its first words cut with an ellipsis ("Hello there…").
bool titleRepeatsBody(const QString& title, const QString& bodyText) {
    const QString body = bodyText.simplified();
    if (title.isEmpty() || body.isEmpty()) {
        return false;
    }
    if (title == body) {
        return true;
    }
    QString stem = title;
    if (stem.endsWith(QStringLiteral("…"))) {
        stem.chop(1);
    } else if (stem.endsWith(QStringLiteral("..."))) {
        stem.chop(3);
    } else {
        return false;
    }
    stem = stem.trimmed();
    return stem.size() >= 8 && body.startsWith(stem);
}

// One entry as read, before it becomes an item.
struct Entry {
    QString id;
    QString title;
    QString bodyHtml; // HTML (escaped text when the source was plain text)
    QString url;
    model::Identity author;
    QString published;
    QString updated;
    QString parent;
    QString lang;
    QString guidPermaLink; // RSS guid usable as a link
};

struct Feed {
    ParsedFeed out;
    QString date;           // feed-level date, the fallback for undated entries
    model::Identity author; // Atom feed-level author, the fallback for entries without one
    QList<Entry> entries;
};

class Reader {
public:
    Reader(const QByteArray& xml, const ParseContext& ctx)
        : m_xml(xml)
        , m_ctx(ctx) {
        m_xml.setEntityResolver(&m_resolver);
    }

    Expected<ParsedFeed, Error> run() {
        if (!m_xml.readNextStartElement()) {
            return unexpected(xmlError(QStringLiteral("no root element")));
        }
        const QStringView ns = m_xml.namespaceUri();
        const QStringView name = m_xml.name();
        const QString rootLang = attr(kXmlNs, u"lang");
        if (name == u"feed" && ns == kAtomNs) {
            m_feed.out.format = FeedFormat::Atom;
            m_feed.out.lang = rootLang;
            readAtomFeed();
        } else if (name == u"rss" && ns.isEmpty()) {
            m_feed.out.format = FeedFormat::Rss;
            readRss();
        } else if (name == u"RDF" && ns == kRdfNs) {
            m_feed.out.format = FeedFormat::Rdf;
            readRdf();
        } else {
            if (m_xml.hasError()) {
                return unexpected(xmlError(QString()));
            }
            return unexpected(bad(QStringLiteral("not an RSS or Atom feed: the document is <%1>%2")
                                      .arg(m_xml.qualifiedName().toString(),
                                           ns.isEmpty() ? QString() : QStringLiteral(" in ") + ns.toString())));
        }
        // Read to the end so that trailing garbage is reported too.
        while (!m_xml.atEnd()) {
            m_xml.readNext();
        }
        if (m_xml.hasError()) {
            return unexpected(xmlError(QString()));
        }
        return finish();
    }

private:
    Error xmlError(const QString& fallback) const {
        const QString what = m_xml.hasError() ? m_xml.errorString() : fallback;
        return bad(QStringLiteral("malformed feed XML at line %1, column %2: %3")
                       .arg(m_xml.lineNumber())
                       .arg(m_xml.columnNumber())
                       .arg(what));
    }

    QString attr(const QString& ns, QStringView name) const {
        return m_xml.attributes().value(ns, name.toString()).toString();
    }
    QString attr(QStringView name) const { return m_xml.attributes().value(name.toString()).toString(); }

    QString text() { return m_xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed(); }

    // Atom text construct (title, summary, content): returned as HTML.
    QString atomTextAsHtml() {
        const QString type = attr(u"type").trimmed().toLower();
        if (type == u"xhtml" || type == u"application/xhtml+xml") {
            return xhtmlInner();
        }
        const QString t = m_xml.readElementText(QXmlStreamReader::IncludeChildElements);
        if (type == u"html" || type == u"text/html") {
            return t;
        }
        return t.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
    }

    // Serialises the children of the current element (the <div> wrapper of Atom xhtml content) as HTML.
    QString xhtmlInner() {
        QString out;
        int depth = 0;
        while (!m_xml.atEnd()) {
            const auto token = m_xml.readNext();
            if (token == QXmlStreamReader::StartElement) {
                ++depth;
                out += u'<' + m_xml.name().toString();
                for (const auto& a : m_xml.attributes()) {
                    out += u' ' + a.name().toString() + QStringLiteral("=\"") + a.value().toString().toHtmlEscaped() +
                           u'"';
                }
                out += u'>';
            } else if (token == QXmlStreamReader::EndElement) {
                if (depth == 0) {
                    break;
                }
                --depth;
                out += QStringLiteral("</") + m_xml.name().toString() + u'>';
            } else if (token == QXmlStreamReader::Characters || token == QXmlStreamReader::EntityReference) {
                out += m_xml.text().toString().toHtmlEscaped();
            }
        }
        return out;
    }

    QString readAtomPlainText() {
        const QString type = attr(u"type").trimmed().toLower();
        const QString html = atomTextAsHtml();
        if (type.isEmpty() || type == u"text") {
            return decodeEntities(QString(html).replace(QStringLiteral("<br>"), QStringLiteral("\n"))).simplified();
        }
        return sanitizeHtml(html).text.simplified();
    }

    model::Identity readAtomPerson() {
        model::Identity who;
        who.network = model::Network::Feed;
        QString email;
        while (m_xml.readNextStartElement()) {
            if (m_xml.namespaceUri() != kAtomNs) {
                m_xml.skipCurrentElement();
            } else if (m_xml.name() == u"name") {
                who.displayName = text().simplified();
            } else if (m_xml.name() == u"uri") {
                who.profileUrl = resolveUrl(m_ctx, text());
            } else if (m_xml.name() == u"email") {
                email = text();
            } else {
                m_xml.skipCurrentElement();
            }
        }
        who.handle = !email.isEmpty() ? email : who.displayName;
        who.remoteId = !email.isEmpty() ? email : (!who.profileUrl.isEmpty() ? who.profileUrl : who.displayName);
        if (who.displayName.isEmpty()) {
            who.displayName = who.handle;
        }
        return who;
    }

    void readAtomFeed() {
        while (m_xml.readNextStartElement()) {
            const QStringView name = m_xml.name();
            if (m_xml.namespaceUri() != kAtomNs) {
                m_xml.skipCurrentElement();
            } else if (name == u"entry") {
                readAtomEntry();
            } else if (name == u"title") {
                m_feed.out.title = readAtomPlainText();
            } else if (name == u"link") {
                const QString rel = attr(u"rel");
                if ((rel.isEmpty() || rel == u"alternate") && m_feed.out.link.isEmpty()) {
                    m_feed.out.link = resolveUrl(m_ctx, attr(u"href"));
                }
                m_xml.skipCurrentElement();
            } else if (name == u"updated") {
                m_feed.date = text();
            } else if (name == u"author") {
                m_feed.author = readAtomPerson();
            } else {
                m_xml.skipCurrentElement();
            }
        }
    }

    void readAtomEntry() {
        Entry e;
        e.lang = attr(kXmlNs, u"lang");
        QString summary;
        QString content;
        while (m_xml.readNextStartElement()) {
            const QStringView ns = m_xml.namespaceUri();
            const QStringView name = m_xml.name();
            if (ns == kThrNs && name == u"in-reply-to") {
                e.parent = attr(u"ref").trimmed();
                m_xml.skipCurrentElement();
            } else if (ns != kAtomNs) {
                m_xml.skipCurrentElement();
            } else if (name == u"id") {
                e.id = text();
            } else if (name == u"title") {
                e.title = readAtomPlainText();
            } else if (name == u"link") {
                const QString rel = attr(u"rel");
                if ((rel.isEmpty() || rel == u"alternate") && e.url.isEmpty()) {
                    e.url = resolveUrl(m_ctx, attr(u"href"));
                }
                m_xml.skipCurrentElement();
            } else if (name == u"summary") {
                summary = atomTextAsHtml();
            } else if (name == u"content") {
                const QString src = attr(u"src");
                if (!src.isEmpty()) {
                    const QString url = resolveUrl(m_ctx, src);
                    content =
                        url.isEmpty() ? QString() : QStringLiteral("<a href=\"%1\">%1</a>").arg(url.toHtmlEscaped());
                    m_xml.skipCurrentElement();
                } else {
                    content = atomTextAsHtml();
                }
            } else if (name == u"author") {
                e.author = readAtomPerson();
            } else if (name == u"published") {
                e.published = text();
            } else if (name == u"updated") {
                e.updated = text();
            } else {
                m_xml.skipCurrentElement();
            }
        }
        e.bodyHtml = content.trimmed().isEmpty() ? summary : content;
        m_feed.entries.append(std::move(e));
    }

    void readRss() {
        while (m_xml.readNextStartElement()) {
            if (m_xml.name() == u"channel" && m_xml.namespaceUri().isEmpty()) {
                readRssChannel(true);
            } else {
                m_xml.skipCurrentElement();
            }
        }
    }

    void readRdf() {
        while (m_xml.readNextStartElement()) {
            const QStringView name = m_xml.name();
            if (!isRssNs(m_xml.namespaceUri())) {
                m_xml.skipCurrentElement();
            } else if (name == u"channel") {
                readRssChannel(false);
            } else if (name == u"item") {
                readRssItem();
            } else {
                m_xml.skipCurrentElement();
            }
        }
    }

    // RSS 2.0 <channel> holds its items; the RDF channel only describes the feed.
    void readRssChannel(bool itemsInside) {
        while (m_xml.readNextStartElement()) {
            const QStringView ns = m_xml.namespaceUri();
            const QStringView name = m_xml.name();
            if (ns == kDcNs && name == u"date" && m_feed.date.isEmpty()) {
                m_feed.date = text();
            } else if (ns == kDcNs && name == u"language" && m_feed.out.lang.isEmpty()) {
                m_feed.out.lang = text();
            } else if (!isRssNs(ns)) {
                m_xml.skipCurrentElement();
            } else if (name == u"item" && itemsInside) {
                readRssItem();
            } else if (name == u"title") {
                m_feed.out.title = decodeEntities(text()).simplified();
            } else if (name == u"link") {
                m_feed.out.link = resolveUrl(m_ctx, text());
            } else if (name == u"language") {
                m_feed.out.lang = text();
            } else if (name == u"ttl") {
                m_feed.out.ttlMinutes = qMax(0, text().toInt());
            } else if (name == u"lastBuildDate" || (name == u"pubDate" && m_feed.date.isEmpty())) {
                m_feed.date = text();
            } else {
                m_xml.skipCurrentElement();
            }
        }
    }

    void readRssItem() {
        Entry e;
        e.id = attr(kRdfNs, u"about").trimmed();
        QString description;
        QString encoded;
        QString creator;
        QString author;
        while (m_xml.readNextStartElement()) {
            const QStringView ns = m_xml.namespaceUri();
            const QStringView name = m_xml.name();
            if (ns == kContentNs && name == u"encoded") {
                encoded = text();
            } else if (ns == kDcNs && name == u"creator") {
                creator = text();
            } else if (ns == kDcNs && name == u"date") {
                if (e.published.isEmpty()) {
                    e.published = text();
                } else {
                    m_xml.skipCurrentElement();
                }
            } else if (ns == kThrNs && name == u"in-reply-to") {
                e.parent = attr(u"ref").trimmed();
                m_xml.skipCurrentElement();
            } else if (!isRssNs(ns)) {
                m_xml.skipCurrentElement();
            } else if (name == u"guid") {
                const bool permaLink = attr(u"isPermaLink").trimmed().toLower() != u"false";
                const QString guid = text();
                if (!guid.isEmpty()) {
                    e.id = guid;
                    if (permaLink) {
                        e.guidPermaLink = resolveUrl(m_ctx, guid);
                    }
                }
            } else if (name == u"title") {
                e.title = decodeEntities(text()).simplified();
            } else if (name == u"link") {
                e.url = resolveUrl(m_ctx, text());
            } else if (name == u"description") {
                description = text();
            } else if (name == u"author") {
                author = text();
            } else if (name == u"pubDate") {
                e.published = text();
            } else {
                m_xml.skipCurrentElement();
            }
        }
        e.bodyHtml = encoded.isEmpty() ? description : encoded;
        if (!creator.isEmpty()) {
            e.author = rssAuthor(creator);
        } else if (!author.isEmpty()) {
            e.author = rssAuthor(author);
        }
        if (e.url.isEmpty()) {
            e.url = e.guidPermaLink;
        }
        m_feed.entries.append(std::move(e));
    }

    Expected<ParsedFeed, Error> finish() {
        ParsedFeed& out = m_feed.out;
        if (out.title.isEmpty()) {
            out.title = !out.link.isEmpty() ? QUrl(out.link).host() : QUrl(m_ctx.feedUrl).host();
        }
        const qint64 feedDate = parseFeedDate(m_feed.date).value_or(m_ctx.nowMs);
        QHash<QString, qsizetype> seen;
        for (Entry& e : m_feed.entries) {
            model::Item it;
            it.accountId = m_ctx.accountId;
            it.network = model::Network::Feed;
            it.kind = model::Kind::Post;
            it.direction = model::Direction::Incoming;
            it.communityRemoteId = m_ctx.feedUrl;
            it.communityName = out.title;
            it.url = e.url;
            it.parentRemoteId = e.parent;
            it.lang = !e.lang.isEmpty() ? e.lang : out.lang;
            const auto published = parseFeedDate(e.published);
            const auto updated = parseFeedDate(e.updated);
            it.createdAt = published ? *published : (updated ? *updated : feedDate);
            it.updatedAt = updated && *updated > it.createdAt ? *updated : 0;
            const SanitizedHtml body = sanitizeHtml(e.bodyHtml);
            QString title = e.title;
            if (titleRepeatsBody(title, body.text)) {
                title.clear(); // untitled posts get their first words as title: keep the text once
            }
            it.text = title.isEmpty() ? body.text
                                      : (body.text.isEmpty() ? title : title + QStringLiteral("\n\n") + body.text);
            it.html = title.isEmpty()
                          ? body.html
                          : (body.html.isEmpty() ? title.toHtmlEscaped()
                                                 : title.toHtmlEscaped() + QStringLiteral("<br><br>") + body.html);
            it.author = e.author;
            if (it.author.handle.isEmpty()) {
                it.author = m_feed.author;
            }
            if (it.author.handle.isEmpty()) {
                it.author.network = model::Network::Feed;
                it.author.handle = out.title;
                it.author.displayName = out.title;
                it.author.remoteId = m_ctx.feedUrl;
            }
            // Dedup key: guid / id, else the link, else a hash of what the entry says (api-contracts.md §7.1).
            it.remoteId = e.id;
            if (it.remoteId.isEmpty()) {
                it.remoteId = e.url;
            }
            if (it.remoteId.isEmpty()) {
                it.remoteId = QStringLiteral("sha1:") + fingerprint({e.title, e.published, e.bodyHtml});
            }
            const QString version = fingerprint({it.text, it.html, it.url, QString::number(it.updatedAt)});
            if (const auto at = seen.constFind(it.remoteId); at != seen.constEnd()) {
                ++out.duplicates;
                model::Item& earlier = out.items[*at];
                if (it.updatedAt > earlier.updatedAt) {
                    earlier = std::move(it);
                    out.versions[*at] = version;
                }
                continue;
            }
            seen.insert(it.remoteId, out.items.size());
            out.items.append(std::move(it));
            out.versions.append(version);
        }
        return std::move(out);
    }

    QXmlStreamReader m_xml;
    HtmlEntityResolver m_resolver;
    const ParseContext& m_ctx;
    Feed m_feed;
};

} // namespace

Expected<ParsedFeed, Error> parseFeed(const QByteArray& xml, const ParseContext& ctx) {
    if (xml.trimmed().isEmpty()) {
        return unexpected(bad(QStringLiteral("empty feed document")));
    }
    Reader reader(xml, ctx);
    return reader.run();
}

QString feedFormatName(FeedFormat f) {
    switch (f) {
    case FeedFormat::Rss:
        return QStringLiteral("RSS 2.0");
    case FeedFormat::Rdf:
        return QStringLiteral("RSS 1.0");
    case FeedFormat::Atom:
        return QStringLiteral("Atom 1.0");
    }
    return {};
}

std::optional<qint64> parseFeedDate(QStringView in) {
    const QStringView s = in.trimmed();
    if (s.isEmpty()) {
        return std::nullopt;
    }
    if (auto r = parseRfc3339(s)) {
        return r;
    }
    if (auto r = parseRfc822(s)) {
        return r;
    }
    // W3C-DTF shortcuts: "2003-12-13" (midnight UTC) and "2003-12-13T18:30Z" / "...T18:30+01:00" (no seconds).
    static const QRegularExpression dateOnly(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})$"));
    if (auto m = dateOnly.match(s); m.hasMatch()) {
        return parseRfc3339(QString(s.toString() + QStringLiteral("T00:00:00Z")));
    }
    static const QRegularExpression noSeconds(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2})([Zz]|[+-].*)$"));
    if (auto m = noSeconds.match(s); m.hasMatch()) {
        return parseRfc3339(QString(m.captured(1) + QStringLiteral(":00") + m.captured(2)));
    }
    return std::nullopt;
}

} // namespace baton::connectors::feed
