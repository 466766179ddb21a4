#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Item.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace baton::connectors::feed {

// What the parser needs to know about the account the feed belongs to.
struct ParseContext {
    qint64 accountId = 0;
    QString feedUrl;  // resolves relative links; the community id of every entry
    qint64 nowMs = 0; // the date of an entry when neither it nor its feed has one
};

enum class FeedFormat { Rss, Rdf, Atom };

struct ParsedFeed {
    FeedFormat format = FeedFormat::Rss;
    QString title; // the feed's title (the community's name), plain text
    QString link;  // the site the feed belongs to
    QString lang;
    int ttlMinutes = 0;       // RSS <ttl>, 0 when absent
    QList<model::Item> items; // document order, one per distinct id (a repeated id keeps its newest version)
    QStringList versions;     // parallel to items: a fingerprint of each entry's content, to notice edits
    int duplicates = 0;       // entries dropped because their id came earlier in the document
};

// Pure: RSS 2.0 (and 0.9x), RSS 1.0 / RDF and Atom 1.0 bytes in, post items out (api-contracts.md §7).
// Malformed XML or a document that is not a feed is an Error naming the line and column; nothing throws.
Expected<ParsedFeed, Error> parseFeed(const QByteArray& xml, const ParseContext& ctx);

QString feedFormatName(FeedFormat f);

// Feed dates: RFC 822 (RSS), RFC 3339 (Atom), and the W3C-DTF shortcuts seen in dc:date (date only, no seconds).
std::optional<qint64> parseFeedDate(QStringView s);

} // namespace baton::connectors::feed
