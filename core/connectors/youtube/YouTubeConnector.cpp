#include "core/connectors/youtube/YouTubeConnector.h"

#include "core/connectors/google/GoogleApiError.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QTimer>
#include <QUrlQuery>
#include <optional>

namespace baton::connectors::youtube {
namespace {

// The last-but-one reply must not be mistaken for this one: an earlier attempt is at most this much older
// than the entry (clock skew between the machine and Google).
constexpr qint64 kLookupSkewMs = 10 * 60 * 1000;

bool isCommentStream(const QString& s) {
    return s == QLatin1String("published") || s == QLatin1String("heldForReview") || s == QLatin1String("likelySpam");
}

// A forward walk in progress: "<pageToken> <watermark ms>" in the state's backfill cursor.
struct Walk {
    QString token;
    qint64 stopMs = 0;
};

Walk readWalk(const QString& text) {
    const qsizetype space = text.lastIndexOf(u' ');
    if (space <= 0) {
        return {};
    }
    return Walk{text.left(space), text.mid(space + 1).toLongLong()};
}

// Reply counts of the threads the "replies" stream keeps an eye on: "<thread id>=<count>,...".
using ReplyCounts = QHash<QString, int>;

QString countsText(const ReplyCounts& counts) {
    QStringList parts;
    parts.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        parts << it.key() + u'=' + QString::number(it.value());
    }
    parts.sort();
    return parts.join(u',');
}

ReplyCounts readCounts(QStringView text) {
    ReplyCounts counts;
    for (const QStringView part : text.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.lastIndexOf(u'=');
        bool ok = false;
        const int n = eq > 0 ? part.mid(eq + 1).toInt(&ok) : 0;
        if (ok && n >= 0) {
            counts.insert(part.left(eq).toString(), n);
        }
    }
    return counts;
}

// A reply sweep in progress: "<start ms> <pages read> <page token> <counts so far>".
struct Sweep {
    qint64 startMs = 0;
    int pages = 0;
    QString token;
    ReplyCounts counts;
};

std::optional<Sweep> readSweep(const QString& text) {
    const QStringList f = text.split(u' ');
    if (f.size() < 3 || f.at(2).isEmpty()) {
        return std::nullopt;
    }
    Sweep s;
    bool startOk = false;
    bool pagesOk = false;
    s.startMs = f.at(0).toLongLong(&startOk);
    s.pages = f.at(1).toInt(&pagesOk);
    if (!startOk || !pagesOk || s.pages < 0) {
        return std::nullopt;
    }
    s.token = f.at(2);
    if (f.size() > 3) {
        s.counts = readCounts(f.at(3));
    }
    return s;
}

QString sweepText(const Sweep& s) {
    return QString::number(s.startMs) + u' ' + QString::number(s.pages) + u' ' + s.token + u' ' + countsText(s.counts);
}

std::shared_ptr<YouTubeQuota> sharedLedger(const model::Account& account) {
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<YouTubeQuota>> ledgers; // one small ledger per account, kept
    const QString key = QString::number(account.id) + u'|' + account.baseUrl + u'|' + account.name;
    const QMutexLocker lock(&mutex);
    std::shared_ptr<YouTubeQuota> ledger = ledgers.value(key);
    if (!ledger) {
        ledger = std::make_shared<YouTubeQuota>();
        ledgers.insert(key, ledger);
    }
    return ledger;
}

} // namespace

const QString YouTubeConnector::kQuotaStream = QStringLiteral("quota");
const QString YouTubeConnector::kRepliesStream = QStringLiteral("replies");

YouTubeConnector::YouTubeConnector(model::Account account, QString token, net::NetworkEngine& engine,
                                   const Clock& clock)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_engine(engine)
    , m_clock(clock)
    , m_quota(sharedLedger(m_account)) {
}

QStringList YouTubeConnector::streams() const {
    return {kQuotaStream,
            QStringLiteral("published"),
            QStringLiteral("heldForReview"),
            QStringLiteral("likelySpam"),
            kRepliesStream,
            kQuotaStream};
}

ParseContext YouTubeConnector::parseContext() const {
    ParseContext ctx;
    ctx.accountId = m_account.id;
    ctx.ownChannelId = m_account.remoteId;
    ctx.channelTitle = m_account.handle.isEmpty() ? m_account.name : m_account.handle;
    return ctx;
}

net::Request YouTubeConnector::request(const QByteArray& method, const QString& path, const Query& query) const {
    net::Request r =
        bearerJsonRequest(m_account, m_token, method, path, query, QStringLiteral("youtube:%1").arg(m_account.id));
    r.clientErrorsAsResponses = true; // the reason (quotaExceeded, commentNotFound...) is in the body
    return r;
}

Error YouTubeConnector::describe(const Error& e, const QString& endpoint) const {
    Error out = e;
    out.detail = QStringLiteral("%1: %2: %3").arg(m_account.name, endpoint, e.detail);
    return out;
}

void YouTubeConnector::call(net::Request req, int cost, int keep, QObject* context, Reply done) {
    const QString endpoint = QString::fromLatin1(req.method) + u' ' + req.url.path();
    const qint64 now = m_clock.nowMs();
    if (!m_quota->canSpend(cost, now, keep)) {
        const QLocale c(QLocale::English);
        Error e{ErrorCode::RateLimited,
                QStringLiteral("YouTube quota: %1 of %2 units left today, the call needs %3%4; it resets at midnight "
                               "Pacific time")
                    .arg(c.toString(m_quota->remaining(now)), c.toString(m_quota->limit()), c.toString(cost),
                         keep > 0
                             ? QStringLiteral(" and %1 stay reserved for replies and moderation").arg(c.toString(keep))
                             : QString()),
                0, m_quota->resetAtMs(now)};
        QTimer::singleShot(0, context, [this, e, endpoint, done = std::move(done)] {
            done(unexpected(describe(e, endpoint)), QString());
        });
        return;
    }
    m_quota->spend(cost, now);
    m_engine.send(std::move(req), context, [this, cost, endpoint, done = std::move(done)](net::Result r) {
        const qint64 at = m_clock.nowMs();
        if (r && r->attempts > 1) {
            m_quota->spend(cost * (r->attempts - 1), at); // every attempt the server saw may have cost units
        }
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)), QString());
            return;
        }
        if (r->status >= 400) {
            const google::GoogleApiError ge = google::parseGoogleError(r->status, r->body);
            if (google::isDailyQuotaError(ge)) {
                m_quota->exhaust(at);
            }
            done(unexpected(describe(google::toError(ge, at, m_quota->resetAtMs(at)), endpoint)), ge.reason);
            return;
        }
        done(std::move(*r), QString());
    });
}

void YouTubeConnector::verify(QObject* context, Callback<AccountInfo> done) {
    net::Request req = request(
        "GET", QStringLiteral("/v3/channels"),
        {{QStringLiteral("part"), QStringLiteral("snippet")}, {QStringLiteral("mine"), QStringLiteral("true")}});
    call(std::move(req), YouTubeQuota::kListCost, 0, context,
         [this, done = std::move(done)](Expected<net::Response, Error> r, const QString&) {
             if (!r) {
                 done(unexpected(r.error()));
                 return;
             }
             auto info = parseChannelList(r->body);
             if (!info) {
                 done(unexpected(describe(info.error(), QStringLiteral("GET /v3/channels"))));
                 return;
             }
             done(AccountInfo{info->id, info->handle.isEmpty() ? info->title : info->handle, info->title});
         });
}

void YouTubeConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    const qint64 now = m_clock.nowMs();
    if (state.stream == kQuotaStream) {
        // Units spent by earlier runs (or other processes) today count; ours since then are added.
        m_quota->merge(YouTubeQuota::fromText(state.cursor), now);
        Page page;
        page.endpoint = QStringLiteral("quota");
        page.state = state;
        page.state.cursor = m_quota->toText();
        QTimer::singleShot(0, context, [page, done = std::move(done)] { done(page); });
        return;
    }
    if (state.stream == kRepliesStream) {
        sweepReplies(state, context, std::move(done));
        return;
    }
    if (!isCommentStream(state.stream)) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    if (m_account.remoteId.isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("%1: the account was never verified").arg(m_account.name)}));
        return;
    }
    const bool backfilling = !state.backfillDone;
    const Walk walk = backfilling ? Walk{} : readWalk(state.backfillCursor);
    const QString token = backfilling ? state.backfillCursor : walk.token;
    const qint64 stopMs = walk.token.isEmpty() ? state.cursor.toLongLong() : walk.stopMs;

    Query query{{QStringLiteral("part"), QStringLiteral("snippet,replies")},
                {QStringLiteral("allThreadsRelatedToChannelId"), m_account.remoteId}};
    if (state.stream != QLatin1String("published")) {
        query.append({QStringLiteral("moderationStatus"), state.stream});
    }
    query.append({QStringLiteral("order"), QStringLiteral("time")});
    query.append({QStringLiteral("maxResults"), QString::number(kPageSize)});
    query.append({QStringLiteral("textFormat"), QStringLiteral("html")});
    if (!token.isEmpty()) {
        query.append({QStringLiteral("pageToken"), token});
    }
    const QString endpoint = QStringLiteral("GET /v3/commentThreads (%1)").arg(state.stream);
    call(request("GET", QStringLiteral("/v3/commentThreads"), query), YouTubeQuota::kListCost,
         YouTubeQuota::kListingReserve, context,
         [this, state, backfilling, token, stopMs, endpoint, done = std::move(done)](Expected<net::Response, Error> r,
                                                                                     const QString& reason) {
             Page page;
             page.endpoint = endpoint;
             page.state = state;
             if (!r) {
                 if (reason == QLatin1String("invalidPageToken") && !token.isEmpty()) {
                     // An expired token: start again from the top; what was stored stays, repeats are ignored.
                     page.state.backfillCursor.clear();
                     page.more = true;
                     done(std::move(page));
                     return;
                 }
                 done(unexpected(r.error()));
                 return;
             }
             auto parsed = parseThreadList(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             page.items = std::move(parsed->items);
             qint64 newest = state.cursor.toLongLong();
             bool reachedKnown = parsed->topLevelTimes.isEmpty();
             for (const qint64 t : std::as_const(parsed->topLevelTimes)) {
                 newest = std::max(newest, t);
                 reachedKnown = reachedKnown || t < stopMs;
             }
             if (newest > 0) {
                 page.state.cursor = QString::number(newest);
             }
             if (backfilling) {
                 page.state.backfillCursor = parsed->nextPageToken;
                 page.state.backfillDone = parsed->nextPageToken.isEmpty();
                 page.more = !page.state.backfillDone;
             } else if (!reachedKnown && !parsed->nextPageToken.isEmpty()) {
                 page.state.backfillCursor = parsed->nextPageToken + u' ' + QString::number(stopMs);
                 page.more = true;
             } else {
                 page.state.backfillCursor.clear();
                 page.more = false;
             }
             done(std::move(page));
         });
}

void YouTubeConnector::listReplies(const QString& parentId, const QString& pageToken, int pagesLeft, int keep,
                                   std::shared_ptr<QList<model::Item>> into, QObject* context,
                                   std::function<void(Expected<bool, Error>)> done) {
    Query query{{QStringLiteral("part"), QStringLiteral("snippet")},
                {QStringLiteral("parentId"), parentId},
                {QStringLiteral("maxResults"), QString::number(kPageSize)},
                {QStringLiteral("textFormat"), QStringLiteral("html")}};
    if (!pageToken.isEmpty()) {
        query.append({QStringLiteral("pageToken"), pageToken});
    }
    call(request("GET", QStringLiteral("/v3/comments"), query), YouTubeQuota::kListCost, keep, context,
         [this, parentId, pagesLeft, keep, into, context, done = std::move(done)](Expected<net::Response, Error> r,
                                                                                  const QString&) mutable {
             if (!r) {
                 done(unexpected(r.error()));
                 return;
             }
             auto parsed = parseCommentList(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), QStringLiteral("GET /v3/comments"))));
                 return;
             }
             *into += parsed->items;
             if (parsed->nextPageToken.isEmpty() || pagesLeft <= 1) {
                 done(true);
                 return;
             }
             listReplies(parentId, parsed->nextPageToken, pagesLeft - 1, keep, into, context, std::move(done));
         });
}

void YouTubeConnector::sweepReplies(const store::SyncState& state, QObject* context, Callback<Page> done) {
    const qint64 now = m_clock.nowMs();
    Page page;
    page.endpoint = QStringLiteral("GET /v3/commentThreads (replies)");
    page.state = state;
    page.state.backfillDone = true; // nothing to walk once: each sweep is a walk of its own
    const qsizetype space = state.cursor.indexOf(u' ');
    bool swept = false;
    const qint64 lastMs = (space < 0 ? state.cursor : state.cursor.left(space)).toLongLong(&swept);
    const ReplyCounts known = space < 0 ? ReplyCounts{} : readCounts(QStringView(state.cursor).mid(space + 1));
    Sweep sweep;
    if (const std::optional<Sweep> going = readSweep(state.backfillCursor)) {
        sweep = *going;
    } else if (swept && now >= lastMs && now - lastMs < kSweepIntervalMs) {
        page.state.backfillCursor.clear();
        QTimer::singleShot(0, context, [page, done = std::move(done)] { done(page); });
        return;
    } else {
        sweep.startMs = now;
    }
    if (m_account.remoteId.isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("%1: the account was never verified").arg(m_account.name)}));
        return;
    }
    Query query{{QStringLiteral("part"), QStringLiteral("snippet,replies")},
                {QStringLiteral("allThreadsRelatedToChannelId"), m_account.remoteId},
                {QStringLiteral("order"), QStringLiteral("time")},
                {QStringLiteral("maxResults"), QString::number(kPageSize)},
                {QStringLiteral("textFormat"), QStringLiteral("html")}};
    if (!sweep.token.isEmpty()) {
        query.append({QStringLiteral("pageToken"), sweep.token});
    }
    call(request("GET", QStringLiteral("/v3/commentThreads"), query), YouTubeQuota::kListCost,
         YouTubeQuota::kListingReserve, context,
         [this, page, sweep, known, now, context, done = std::move(done)](Expected<net::Response, Error> r,
                                                                          const QString& reason) mutable {
             if (!r) {
                 if (reason == QLatin1String("invalidPageToken") && !sweep.token.isEmpty()) {
                     // The token expired between two runs: the next sweep starts again from the top.
                     page.state.backfillCursor.clear();
                     done(std::move(page));
                     return;
                 }
                 done(unexpected(r.error()));
                 return;
             }
             auto parsed = parseThreadList(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), page.endpoint)));
                 return;
             }
             bool horizon = false;
             QHash<QString, int> totals;
             QStringList toRead;
             for (qsizetype i = 0; i < parsed->threadIds.size(); ++i) {
                 const QString& id = parsed->threadIds.at(i);
                 if (parsed->topLevelTimes.value(i) < now - kSweepHorizonMs) {
                     horizon = true; // newest first: everything after this is older still
                     continue;
                 }
                 const int total = parsed->totalReplies.value(i);
                 if (total <= parsed->carriedReplies.value(i)) {
                     continue; // the listing carried every reply
                 }
                 const int before = known.value(id, -1);
                 if (total <= before) {
                     sweep.counts.insert(id, total);
                 } else if (toRead.size() < kSweepThreadsPerPage) {
                     totals.insert(id, total);
                     toRead << id;
                 } else if (before >= 0) {
                     sweep.counts.insert(id, before); // read at the next sweep
                 }
             }
             // Every thread this walk lists is published now: one held back when we saw it was approved elsewhere
             // (YouTube Studio) in the meantime.
             for (const model::Item& item : std::as_const(parsed->items)) {
                 if (item.parentRemoteId.isEmpty()) {
                     page.visibility.append({item.remoteId, item.visibility});
                 }
             }
             page.items = std::move(parsed->items);
             const QString next = parsed->nextPageToken;
             auto into = std::make_shared<QList<model::Item>>();
             auto read = std::make_shared<QStringList>();
             readThreads(toRead, into, read, context,
                         [page = std::move(page), sweep = std::move(sweep), totals, next, horizon, into, read,
                          done = std::move(done)](Expected<bool, Error> ok) mutable {
                             if (!ok) {
                                 done(unexpected(ok.error()));
                                 return;
                             }
                             for (const QString& id : std::as_const(*read)) {
                                 sweep.counts.insert(id, totals.value(id));
                             }
                             page.items += *into;
                             ++sweep.pages;
                             if (next.isEmpty() || horizon || sweep.pages >= kSweepPages) {
                                 page.state.cursor = QString::number(sweep.startMs);
                                 if (!sweep.counts.isEmpty()) {
                                     page.state.cursor += u' ' + countsText(sweep.counts);
                                 }
                                 page.state.backfillCursor.clear();
                                 page.more = false;
                             } else {
                                 sweep.token = next;
                                 page.state.backfillCursor = sweepText(sweep);
                                 page.more = true;
                             }
                             done(std::move(page));
                         });
         });
}

void YouTubeConnector::readThreads(QStringList parents, std::shared_ptr<QList<model::Item>> into,
                                   std::shared_ptr<QStringList> read, QObject* context,
                                   std::function<void(Expected<bool, Error>)> done) {
    if (parents.isEmpty()) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(true); });
        return;
    }
    const QString parent = parents.takeFirst();
    auto replies = std::make_shared<QList<model::Item>>();
    listReplies(parent, QString(), kThreadPages, YouTubeQuota::kListingReserve, replies, context,
                [this, parents = std::move(parents), parent, replies, into, read, context,
                 done = std::move(done)](Expected<bool, Error> listed) mutable {
                    if (listed) {
                        *into += *replies;
                        *read << parent;
                    } else if (listed.error().code != ErrorCode::NotFound) {
                        done(unexpected(listed.error()));
                        return;
                    } // else: the thread was deleted since the listing
                    readThreads(std::move(parents), into, read, context, std::move(done));
                });
}

void YouTubeConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    const QString top = topLevelIdOf(item.threadRemoteId.isEmpty() ? item.remoteId : item.threadRemoteId);
    // The top-level comment itself, then its replies (flat: replies to replies share the same parent).
    net::Request req = request("GET", QStringLiteral("/v3/comments"),
                               {{QStringLiteral("part"), QStringLiteral("snippet")},
                                {QStringLiteral("id"), top},
                                {QStringLiteral("textFormat"), QStringLiteral("html")}});
    call(std::move(req), YouTubeQuota::kListCost, 0, context,
         [this, top, context, done = std::move(done)](Expected<net::Response, Error> r, const QString&) mutable {
             if (!r) {
                 done(unexpected(r.error()));
                 return;
             }
             auto parsed = parseCommentList(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), QStringLiteral("GET /v3/comments"))));
                 return;
             }
             auto items = std::make_shared<QList<model::Item>>(std::move(parsed->items));
             listReplies(top, QString(), kThreadPages, 0, items, context,
                         [items, done = std::move(done)](Expected<bool, Error> listed) {
                             if (!listed) {
                                 done(unexpected(listed.error()));
                                 return;
                             }
                             done(*items);
                         });
         });
}

void YouTubeConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    const QString parent = topLevelIdOf(entry.parentRemoteId);
    if (parent.isEmpty() || entry.text.trimmed().isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("a YouTube reply needs a comment and text")}));
        return;
    }
    if (entry.attempts == 0) {
        insertReply(entry, parent, context, std::move(done));
        return;
    }
    // An earlier attempt may have been posted without us hearing the answer: look before posting again.
    findEarlierReply(
        entry, parent, context,
        [this, entry, parent, context, done = std::move(done)](Expected<model::Item, Error> found) mutable {
            if (found) {
                done(std::move(found));
            } else if (found.error().code == ErrorCode::NotFound) {
                insertReply(entry, parent, context, std::move(done));
            } else {
                done(unexpected(found.error()));
            }
        });
}

void YouTubeConnector::findEarlierReply(const model::OutboxEntry& entry, const QString& parentId, QObject* context,
                                        Callback<model::Item> done) {
    auto replies = std::make_shared<QList<model::Item>>();
    listReplies(parentId, QString(), kLookupPages, 0, replies, context,
                [entry, parentId, replies, done = std::move(done)](Expected<bool, Error> listed) {
                    if (!listed) {
                        done(unexpected(listed.error()));
                        return;
                    }
                    for (const model::Item& reply : std::as_const(*replies)) {
                        if (reply.direction == model::Direction::Outgoing &&
                            reply.text.trimmed() == entry.text.trimmed() &&
                            reply.createdAt >= entry.createdAt - kLookupSkewMs) {
                            model::Item found = reply;
                            found.kind = model::Kind::Reply;
                            found.parentRemoteId = entry.parentRemoteId;
                            found.threadRemoteId = parentId;
                            done(std::move(found));
                            return;
                        }
                    }
                    done(unexpected(Error{ErrorCode::NotFound, QStringLiteral("no earlier reply")}));
                });
}

void YouTubeConnector::insertReply(const model::OutboxEntry& entry, const QString& parentId, QObject* context,
                                   Callback<model::Item> done) {
    net::Request req =
        request("POST", QStringLiteral("/v3/comments"), {{QStringLiteral("part"), QStringLiteral("snippet")}});
    const QJsonObject body{{QStringLiteral("snippet"), QJsonObject{{QStringLiteral("parentId"), parentId},
                                                                   {QStringLiteral("textOriginal"), entry.text}}}};
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    req.retrySafe = false; // no idempotency key: a repeat is decided by the lookup of the next attempt
    call(std::move(req), YouTubeQuota::kWriteCost, 0, context,
         [this, entry, parentId, context, done = std::move(done)](Expected<net::Response, Error> r,
                                                                  const QString&) mutable {
             if (!r) {
                 const ErrorCode code = r.error().code;
                 if (code == ErrorCode::Network || code == ErrorCode::Timeout || code == ErrorCode::Truncated ||
                     code == ErrorCode::HttpServer || code == ErrorCode::BadResponse) {
                     // The comment may exist although the answer was lost: look for it before giving up.
                     findEarlierReply(entry, parentId, context,
                                      [error = r.error(), done = std::move(done)](Expected<model::Item, Error> found) {
                                          done(found ? std::move(found) : unexpected(error));
                                      });
                     return;
                 }
                 done(unexpected(r.error()));
                 return;
             }
             auto item = parseComment(r->body, parseContext());
             if (!item) {
                 done(unexpected(describe(item.error(), QStringLiteral("POST /v3/comments"))));
                 return;
             }
             item->direction = model::Direction::Outgoing;
             item->kind = model::Kind::Reply;
             item->parentRemoteId = entry.parentRemoteId; // what we answered, for response times
             item->threadRemoteId = parentId;
             done(std::move(*item));
         });
}

QList<ModerationAction> YouTubeConnector::moderationActions(const model::Item& item) const {
    if (item.direction == model::Direction::Outgoing) {
        return {ModerationAction::DeleteOwn};
    }
    if (item.visibility == QLatin1String("rejected")) {
        return {};
    }
    if (item.visibility == QLatin1String("heldForReview") || item.visibility == QLatin1String("likelySpam")) {
        return {ModerationAction::Approve, ModerationAction::Reject, ModerationAction::BanAuthor};
    }
    return {ModerationAction::HoldForReview, ModerationAction::Reject, ModerationAction::BanAuthor};
}

void YouTubeConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                                QObject* context, Callback<bool> done) {
    Q_UNUSED(comment)
    net::Request req;
    const auto status = [&](const QString& s, bool ban) {
        Query q{{QStringLiteral("id"), item.remoteId}, {QStringLiteral("moderationStatus"), s}};
        if (ban) {
            q.append({QStringLiteral("banAuthor"), QStringLiteral("true")});
        }
        return request("POST", QStringLiteral("/v3/comments/setModerationStatus"), q);
    };
    switch (action) {
    case ModerationAction::Approve:
        req = status(QStringLiteral("published"), false);
        break;
    case ModerationAction::HoldForReview:
        req = status(QStringLiteral("heldForReview"), false);
        break;
    case ModerationAction::Reject:
        req = status(QStringLiteral("rejected"), false);
        break;
    case ModerationAction::BanAuthor:
        req = status(QStringLiteral("rejected"), true);
        break;
    case ModerationAction::DeleteOwn:
        req = request("DELETE", QStringLiteral("/v3/comments"), {{QStringLiteral("id"), item.remoteId}});
        break;
    default:
        done(
            unexpected(Error{ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is not a YouTube moderation step").arg(moderationActionName(action))}));
        return;
    }
    const bool deleting = action == ModerationAction::DeleteOwn;
    call(std::move(req), YouTubeQuota::kWriteCost, 0, context,
         [deleting, done = std::move(done)](Expected<net::Response, Error> r, const QString& reason) {
             if (!r) {
                 // A delete repeated after a lost answer finds nothing left to delete: that is done too.
                 if (deleting && reason == QLatin1String("commentNotFound")) {
                     done(true);
                     return;
                 }
                 done(unexpected(r.error()));
                 return;
             }
             done(true);
         });
}

} // namespace baton::connectors::youtube
