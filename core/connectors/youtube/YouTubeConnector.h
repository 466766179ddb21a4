#pragma once

#include "core/common/Clock.h"
#include "core/connectors/Connector.h"
#include "core/connectors/youtube/YouTubeParser.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "core/net/NetworkEngine.h"

namespace baton::connectors::youtube {

// YouTube Data API v3 comments of one channel (api-contracts.md §5). Base URL https://www.googleapis.com/youtube
// (the sandbox: http://127.0.0.1:PORT/youtube); the token is an OAuth access token (youtube.force-ssl scope).
// Streams:
//  - "published", "heldForReview", "likelySpam": commentThreads.list for the channel, newest first. History is
//    walked once with pageToken; later runs read from the top until they reach the stored watermark (the newest
//    top-level publishedAt seen); a walk interrupted half-way resumes from its page token.
//  - "replies": new replies on threads below the first page, which the listings above never reach again. At most
//    every kSweepIntervalMs (and at once on the first run) commentThreads.list is walked again from the top, up
//    to kSweepPages pages or threads older than kSweepHorizonMs, and the replies the listing carries are kept;
//    a thread whose totalReplyCount passes what the listing carried and what the last sweep saw has its replies
//    read with comments.list (up to kSweepThreadsPerPage threads a page, the others wait for the next sweep).
//    Cursor: "<sweep start ms>[ <thread id>=<reply count>,...]" for threads with more replies than carried;
//    a sweep in progress: "<start ms> <pages read> <page token> <counts so far>" in the backfill cursor.
//  - "quota": no request; listed first and last so the day's spent units are read from and written back to
//    the account's sync state (cursor = YouTubeQuota::toText()), where `baton account list` shows them.
// Every call is charged on the ledger before it is sent and refused when it would pass the day's budget; listing
// also leaves YouTubeQuota::kListingReserve units for replies and moderation.
class YouTubeConnector final : public Connector {
public:
    YouTubeConnector(model::Account account, QString token, net::NetworkEngine& engine,
                     const Clock& clock = SystemClock::instance());

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    // comments.insert has no idempotency key: a second attempt first looks for the reply among the thread's
    // replies (our channel, same text, posted since the entry was written) and returns it instead of posting.
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 10000; }

    const YouTubeQuota& quota() const { return *m_quota; }

    static constexpr int kPageSize = 100;   // commentThreads.list / comments.list maxResults cap
    static constexpr int kThreadPages = 10; // replies read for one thread view at most
    static constexpr int kLookupPages = 20; // replies read when checking for an earlier attempt's reply
    static constexpr qint64 kSweepIntervalMs = 15 * 60 * 1000;
    static constexpr int kSweepPages = 5;
    static constexpr qint64 kSweepHorizonMs = 30LL * 24 * 3600 * 1000;
    static constexpr int kSweepThreadsPerPage = 25;
    static const QString kQuotaStream;
    static const QString kRepliesStream;

private:
    using Query = QList<QPair<QString, QString>>;
    using Reply = std::function<void(Expected<net::Response, Error> r, const QString& reason)>;

    net::Request request(const QByteArray& method, const QString& path, const Query& query = {}) const;
    // Charges `cost` (refusing when the budget, less `keep`, cannot cover it), sends, and turns Google's error
    // documents into Errors; reason is errors[0].reason of a 4xx.
    void call(net::Request request, int cost, int keep, QObject* context, Reply done);
    ParseContext parseContext() const;
    Error describe(const Error& e, const QString& endpoint) const;
    // Appends the replies of parentId to `into`, up to pagesLeft pages; keep as for call().
    void listReplies(const QString& parentId, const QString& pageToken, int pagesLeft, int keep,
                     std::shared_ptr<QList<model::Item>> into, QObject* context,
                     std::function<void(Expected<bool, Error>)> done);
    void sweepReplies(const store::SyncState& state, QObject* context, Callback<Page> done);
    // The replies of each thread in `parents` (one after the other) into `into`; a thread gone meanwhile is
    // skipped. `read` receives the ids whose replies were read.
    void readThreads(QStringList parents, std::shared_ptr<QList<model::Item>> into, std::shared_ptr<QStringList> read,
                     QObject* context, std::function<void(Expected<bool, Error>)> done);
    void insertReply(const model::OutboxEntry& entry, const QString& parentId, QObject* context,
                     Callback<model::Item> done);
    // Our reply to parentId with the entry's text, posted since the entry was written; NotFound when none.
    void findEarlierReply(const model::OutboxEntry& entry, const QString& parentId, QObject* context,
                          Callback<model::Item> done);

    model::Account m_account;
    QString m_token;
    net::NetworkEngine& m_engine;
    const Clock& m_clock;
    // Shared by every connector of this account in the process: the engine rebuilds connectors (after verify,
    // after a new token) and spent units must not be forgotten with them.
    std::shared_ptr<YouTubeQuota> m_quota;
};

} // namespace baton::connectors::youtube
