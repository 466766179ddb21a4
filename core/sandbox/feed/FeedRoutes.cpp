#include "core/sandbox/feed/FeedRoutes.h"

#include "core/common/Time.h"
#include "core/sandbox/PhraseBook.h"

#include <QMutexLocker>
#include <QXmlStreamWriter>

namespace baton::sandbox {
namespace {

const PhraseBook::Topic kTopic{QStringLiteral("Baton"), QStringLiteral("baton")};

QString firstWords(const QString& text, int count) {
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QString out = words.mid(0, count).join(u' ');
    if (words.size() > count) {
        out += QStringLiteral("…");
    }
    return out;
}

// The HTML a site puts in a description or content: paragraphs, with links kept as links.
QString toHtml(const QString& text) {
    QString out;
    for (const QString& para : text.split(u'\n', Qt::SkipEmptyParts)) {
        out += QStringLiteral("<p>") + para.toHtmlEscaped() + QStringLiteral("</p>");
    }
    return out;
}

} // namespace

FeedRoutes::FeedRoutes(const SandboxOptions& options, SandboxClock& clock)
    : m_clock(clock)
    , m_rng(SandboxRandom(options.seed).fork(0xfeed))
    , m_people(SandboxRandom(options.seed).fork(0xfeed + 1)) {
    Site reviews;
    reviews.file = QStringLiteral("reviews.rss");
    reviews.title = QStringLiteral("Baton reviews on AppCritic");
    reviews.language = QStringLiteral("en");
    Site forum;
    forum.file = QStringLiteral("forum.atom");
    forum.atom = true;
    forum.title = QStringLiteral("Baton community forum — latest posts");
    forum.language = QStringLiteral("en");
    m_sites = {reviews, forum};
    // History: entries spread over the last days, oldest first.
    const qint64 now = m_clock.nowMs();
    const qint64 span = qint64(qMax(1, options.historyDays)) * 86400000LL;
    for (Site& site : m_sites) {
        const int count = site.atom ? 30 : 24;
        QList<qint64> times;
        for (int i = 0; i < count; ++i) {
            times.append(now - m_rng.between(60000, span));
        }
        std::sort(times.begin(), times.end());
        for (qint64 t : times) {
            site.entries.append(makeEntry(site, t, {}));
        }
        site.modifiedMs = site.entries.isEmpty() ? now : site.entries.last().publishedMs;
    }
}

FeedRoutes::Entry FeedRoutes::makeEntry(Site& site, qint64 atMs, const QString& text) {
    const PeopleFactory::Person who = m_people.next(0.0);
    Entry e;
    ++m_serial;
    e.publishedMs = atMs;
    e.authorName = who.displayName.isEmpty() ? who.username : who.displayName;
    const Tone tone = PhraseBook::randomTone(m_rng, false);
    e.text = text.isEmpty() ? PhraseBook::message(tone, who.language, kTopic, m_rng) : text;
    if (site.atom) {
        e.id = QStringLiteral("tag:forum.baton.example,2026:post-%1").arg(m_serial);
        if (!site.entries.isEmpty() && m_rng.chance(0.4)) {
            const Entry& parent = site.entries.at(qsizetype(m_rng.below(quint32(site.entries.size()))));
            e.parentId = parent.id;
            e.title = parent.title.startsWith(u"Re: ") ? parent.title : QStringLiteral("Re: ") + parent.title;
        } else {
            e.title = firstWords(e.text, 7);
        }
    } else {
        e.id = QStringLiteral("appcritic-review-%1").arg(m_serial);
        e.rating = tone == Tone::Praise || tone == Tone::Thanks         ? 4 + int(m_rng.below(2))
                   : tone == Tone::Complaint || tone == Tone::BugReport ? 1 + int(m_rng.below(2))
                                                                        : 3;
        e.title =
            QString(e.rating, QChar(0x2605)) + QString(5 - e.rating, QChar(0x2606)) + u' ' + firstWords(e.text, 6);
    }
    return e;
}

QString FeedRoutes::addEntry(int site, const QString& text) {
    QMutexLocker lock(&m_mutex);
    if (site < 0 || site >= m_sites.size()) {
        return {};
    }
    Site& s = m_sites[site];
    const qint64 now = qMax(m_clock.nowMs(), s.modifiedMs + 1);
    s.entries.append(makeEntry(s, now, text));
    ++s.version;
    s.modifiedMs = now;
    return s.entries.last().id;
}

void FeedRoutes::addLiveEntry() {
    int site = 0;
    {
        QMutexLocker lock(&m_mutex);
        site = int(m_rng.below(quint32(m_sites.size())));
    }
    addEntry(site);
}

int FeedRoutes::entryCount(int site) const {
    QMutexLocker lock(&m_mutex);
    return site >= 0 && site < m_sites.size() ? int(m_sites[site].entries.size()) : 0;
}

QList<SandboxAccount> FeedRoutes::accounts(const QString& baseUrl) const {
    QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const Site& s : m_sites) {
        SandboxAccount a;
        a.network = QStringLiteral("feed");
        a.name = s.atom ? QStringLiteral("Forum feed") : QStringLiteral("Reviews feed");
        a.baseUrl = baseUrl + u'/' + s.file;
        a.remoteId = a.baseUrl;
        a.acct = s.title;
        out.append(a);
    }
    return out;
}

QByteArray FeedRoutes::etagOf(const Site& site) {
    return QByteArrayLiteral("\"") + site.file.toLatin1() + '-' + QByteArray::number(site.version) + '"';
}

bool FeedRoutes::etagMatches(const QByteArray& ifNoneMatch, const QByteArray& etag) {
    auto opaque = [](QByteArray tag) {
        tag = tag.trimmed();
        return tag.startsWith("W/") ? tag.mid(2) : tag;
    };
    for (const QByteArray& candidate : ifNoneMatch.split(',')) {
        const QByteArray c = candidate.trimmed();
        if (c == "*" || opaque(c) == opaque(etag)) {
            return true;
        }
    }
    return false;
}

QByteArray FeedRoutes::render(const Site& site, const QString& selfUrl) const {
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    const QString siteUrl = site.atom ? QStringLiteral("https://forum.baton.example/")
                                      : QStringLiteral("https://appcritic.example/apps/baton");
    const qsizetype first = qMax<qsizetype>(0, site.entries.size() - kWindow);
    if (site.atom) {
        const QString atomNs = QStringLiteral("http://www.w3.org/2005/Atom");
        const QString thrNs = QStringLiteral("http://purl.org/syndication/thread/1.0");
        w.writeDefaultNamespace(atomNs);
        w.writeNamespace(thrNs, QStringLiteral("thr"));
        w.writeStartElement(atomNs, QStringLiteral("feed"));
        w.writeAttribute(QStringLiteral("xml:lang"), site.language);
        w.writeTextElement(atomNs, QStringLiteral("title"), site.title);
        w.writeEmptyElement(atomNs, QStringLiteral("link"));
        w.writeAttribute(QStringLiteral("href"), siteUrl);
        w.writeEmptyElement(atomNs, QStringLiteral("link"));
        w.writeAttribute(QStringLiteral("rel"), QStringLiteral("self"));
        w.writeAttribute(QStringLiteral("href"), selfUrl);
        w.writeTextElement(atomNs, QStringLiteral("id"), QStringLiteral("tag:forum.baton.example,2026:latest"));
        w.writeTextElement(atomNs, QStringLiteral("updated"), formatRfc3339(site.modifiedMs));
        for (qsizetype i = site.entries.size() - 1; i >= first; --i) {
            const Entry& e = site.entries[i];
            w.writeStartElement(atomNs, QStringLiteral("entry"));
            w.writeTextElement(atomNs, QStringLiteral("id"), e.id);
            w.writeTextElement(atomNs, QStringLiteral("title"), e.title);
            w.writeEmptyElement(atomNs, QStringLiteral("link"));
            w.writeAttribute(QStringLiteral("href"), siteUrl + QStringLiteral("p/") + e.id.section(u'-', -1));
            if (!e.parentId.isEmpty()) {
                w.writeEmptyElement(thrNs, QStringLiteral("in-reply-to"));
                w.writeAttribute(QStringLiteral("ref"), e.parentId);
            }
            w.writeTextElement(atomNs, QStringLiteral("published"), formatRfc3339(e.publishedMs));
            w.writeTextElement(atomNs, QStringLiteral("updated"), formatRfc3339(e.publishedMs));
            w.writeStartElement(atomNs, QStringLiteral("author"));
            w.writeTextElement(atomNs, QStringLiteral("name"), e.authorName);
            w.writeEndElement();
            w.writeStartElement(atomNs, QStringLiteral("content"));
            w.writeAttribute(QStringLiteral("type"), QStringLiteral("html"));
            w.writeCharacters(toHtml(e.text));
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    } else {
        const QString dcNs = QStringLiteral("http://purl.org/dc/elements/1.1/");
        w.writeNamespace(dcNs, QStringLiteral("dc"));
        w.writeStartElement(QStringLiteral("rss"));
        w.writeAttribute(QStringLiteral("version"), QStringLiteral("2.0"));
        w.writeStartElement(QStringLiteral("channel"));
        w.writeTextElement(QStringLiteral("title"), site.title);
        w.writeTextElement(QStringLiteral("link"), siteUrl);
        w.writeTextElement(QStringLiteral("description"), QStringLiteral("Latest user reviews of Baton"));
        w.writeTextElement(QStringLiteral("language"), site.language);
        w.writeTextElement(QStringLiteral("ttl"), QStringLiteral("15"));
        w.writeTextElement(QStringLiteral("lastBuildDate"),
                           QString::fromLatin1(SandboxClock::httpDate(site.modifiedMs)));
        for (qsizetype i = site.entries.size() - 1; i >= first; --i) {
            const Entry& e = site.entries[i];
            w.writeStartElement(QStringLiteral("item"));
            w.writeTextElement(QStringLiteral("title"), e.title);
            w.writeTextElement(QStringLiteral("link"), siteUrl + QStringLiteral("/reviews/") + e.id.section(u'-', -1));
            w.writeStartElement(QStringLiteral("guid"));
            w.writeAttribute(QStringLiteral("isPermaLink"), QStringLiteral("false"));
            w.writeCharacters(e.id);
            w.writeEndElement();
            w.writeTextElement(QStringLiteral("pubDate"), QString::fromLatin1(SandboxClock::httpDate(e.publishedMs)));
            w.writeTextElement(dcNs, QStringLiteral("creator"), e.authorName); // review sites show names
            w.writeTextElement(QStringLiteral("description"),
                               toHtml(e.text) + QStringLiteral("<p>Rating: %1/5</p>").arg(e.rating));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }
    w.writeEndDocument();
    return out;
}

RouteResult FeedRoutes::handle(const HttpRequest& request, const QString& localPath) {
    RouteResult result;
    if (request.method != "GET" && request.method != "HEAD") {
        result.response.status = 405;
        result.response.setHeader("Allow", "GET, HEAD");
        return result;
    }
    QMutexLocker lock(&m_mutex);
    const Site* site = nullptr;
    for (const Site& s : m_sites) {
        if (localPath == u'/' + s.file) {
            site = &s;
        }
    }
    if (!site) {
        result.response.status = 404;
        result.response.setHeader("Content-Type", "text/html; charset=utf-8");
        result.response.body = "<html><body><h1>404 Not Found</h1></body></html>";
        return result;
    }
    result.account = site->file;
    const QByteArray etag = etagOf(*site);
    const QByteArray lastModified = SandboxClock::httpDate(site->modifiedMs);
    HttpResponse& r = result.response;
    r.setHeader("ETag", etag);
    r.setHeader("Last-Modified", lastModified);
    r.setHeader("Cache-Control", "max-age=60");
    const QByteArray inm = request.header("if-none-match");
    bool notModified = false;
    if (!inm.isEmpty()) {
        notModified = etagMatches(inm, etag);
    } else if (const QByteArray ims = request.header("if-modified-since"); !ims.isEmpty()) {
        const auto since = parseRfc822(QString::fromLatin1(ims));
        notModified = since && *since / 1000 >= site->modifiedMs / 1000;
    }
    if (notModified) {
        r.status = 304;
        return result;
    }
    r.status = 200;
    r.setHeader("Content-Type",
                site->atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    const QString host = QString::fromLatin1(request.header("host"));
    const QString self =
        QStringLiteral("http://") + (host.isEmpty() ? request.localAuthority : host) + basePath() + u'/' + site->file;
    if (request.method == "GET") {
        r.body = render(*site, self);
    }
    return result;
}

RouteResult FeedRoutes::rateLimited(const HttpRequest&, qint64 untilWallMs) {
    RouteResult result;
    const qint64 seconds = qMax<qint64>(1, (untilWallMs - SandboxClock::wallMs() + 999) / 1000);
    result.response.status = 429;
    result.response.setHeader("Retry-After", QByteArray::number(seconds));
    result.response.setHeader("Content-Type", "text/plain; charset=utf-8");
    result.response.body = "Too Many Requests\n";
    return result;
}

} // namespace baton::sandbox
