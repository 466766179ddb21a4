#pragma once

#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/RouteSet.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"

#include <QList>
#include <QMutex>

namespace baton::sandbox {

// Static feeds under /feeds, as a review site and a forum publish them (api-contracts.md §7): an RSS 2.0 review
// feed (/feeds/reviews.rss) and an Atom 1.0 forum feed (/feeds/forum.atom), each the newest kWindow entries of a
// seeded history, with new entries arriving live. Conditional GET as a static file server does it: a strong ETag
// that changes with every new entry, Last-Modified, 304 for a matching If-None-Match (weak comparison, lists and
// "*") or, without one, for an If-Modified-Since not older than the last change. 429 is text with Retry-After.
class FeedRoutes final : public RouteSet {
public:
    FeedRoutes(const SandboxOptions& options, SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(FeedRoutes)

    QString name() const override { return QStringLiteral("feed"); }
    QString basePath() const override { return QStringLiteral("/feeds"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    // One demo account per feed (network "feed", no token, the feed URL as base URL).
    QList<SandboxAccount> accounts(const QString& baseUrl) const;

    // A new entry now in feed `site` (0 = reviews, 1 = forum); text empty = the community writes it.
    // Returns the entry's id (RSS guid / Atom id).
    QString addEntry(int site, const QString& text = {});
    void addLiveEntry(); // the live timer: a new entry in one of the feeds
    int entryCount(int site) const;

    static constexpr int kWindow = 40; // entries per document, newest first

private:
    struct Entry {
        QString id;
        QString title;
        QString authorName;
        QString text;
        QString parentId; // forum replies (Atom thr:in-reply-to)
        int rating = 0;   // reviews: 1..5
        qint64 publishedMs = 0;
    };
    struct Site {
        QString file;
        bool atom = false;
        QString title;
        QString language;
        QList<Entry> entries; // oldest first
        quint64 version = 1;
        qint64 modifiedMs = 0;
    };

    Entry makeEntry(Site& site, qint64 atMs, const QString& text);
    QByteArray render(const Site& site, const QString& selfUrl) const;
    static bool etagMatches(const QByteArray& ifNoneMatch, const QByteArray& etag);
    static QByteArray etagOf(const Site& site);

    SandboxClock& m_clock;
    mutable QMutex m_mutex; // guards everything below
    SandboxRandom m_rng;
    PeopleFactory m_people;
    QList<Site> m_sites;
    int m_serial = 0;
};

} // namespace baton::sandbox
