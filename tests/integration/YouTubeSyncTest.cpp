// YouTube end to end: SyncEngine, OutboxSender and YouTubeConnector through real libcurl (NetworkEngine) to the
// in-process sandbox's /youtube route set, into a real SQLite store. Each case checks what the client sent (the
// sandbox journal), what the sandbox did, and what landed in the database; one case checks the quota ledger
// against the journal.
#include "core/connectors/Connector.h"
#include "core/connectors/youtube/YouTubeConnector.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "core/model/Replies.h"
#include "core/sandbox/SandboxServer.h"
#include "core/sandbox/youtube/YouTubeStore.h"
#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/SyncStateRepository.h"
#include "tests/support/JournalProbe.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace baton;
using baton::connectors::ModerationAction;
using baton::connectors::youtube::YouTubeQuota;
using baton::sandbox::FaultKind;
using baton::sandbox::JournalEntry;
using baton::testing::duplicateItems;
using baton::testing::failureText;
using baton::testing::queryInt;
using baton::testing::queryRow;
using baton::testing::queryText;
using baton::testing::requestsTo;

Q_DECLARE_METATYPE(baton::connectors::ModerationAction)

namespace {

constexpr int kTimeoutMs = 60000;
const QString kThreads = QStringLiteral("/youtube/v3/commentThreads");
const QString kComments = QStringLiteral("/youtube/v3/comments");
const QString kModerate = QStringLiteral("/youtube/v3/comments/setModerationStatus");

QList<JournalEntry> youtubeRequests(const QList<JournalEntry>& journal) {
    return baton::testing::underPath(journal, QStringLiteral("/youtube/"));
}

// What the journal says the project spent: the documented cost of every request the API answered.
int unitsIn(const QList<JournalEntry>& journal) {
    int units = 0;
    for (const JournalEntry& e : youtubeRequests(journal)) {
        if (e.status == 0 || e.status == 401 || e.status == 429 || e.status >= 500 || !e.fault.isEmpty()) {
            continue; // not handled by the API: faults, refused tokens, a spent quota
        }
        if (e.status == 403 && e.method == QLatin1String("GET")) {
            continue;
        }
        units += e.method == QLatin1String("GET") ? 1 : 50;
    }
    return units;
}

} // namespace

class YouTubeSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fullSync();
    void incrementalSync();
    void incrementalWalksSeveralPages();
    void threadContext();
    void newRepliesOnOldThreads();
    void approvedInStudioIsPublishedAtTheNextSweep();
    void replyThroughOutbox();
    void replyAnswerLostIsNotPostedTwice();
    void moderation_data();
    void moderation();
    void revokedTokenFlagsAccount();
    void rateLimitedWaitsThenResumes();
    void serverErrorsRetried();
    void quotaMatchesJournalAndIsStored();
    void quotaExceededStopsCalls();
    void budgetRefusedBeforeSending();

private:
    bool runSync() { return m_h->runSync({m_account}).allOk(); }
    connectors::youtube::YouTubeConnector* connector() {
        return dynamic_cast<connectors::youtube::YouTubeConnector*>(m_h->connectorFor(m_account));
    }
    sandbox::YouTubeStore& yt() { return m_sandbox->youtube(); }
    void storeQuota(int used);
    void ageReplySweep(qint64 byMs);
    qint64 storedReplies(const QString& thread) {
        return queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND parent_remote_id = ?",
                        {m_account, thread});
    }

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    sandbox::SandboxAccount m_remote;
    qint64 m_account = 0;
};

void YouTubeSyncTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 10;
    options.people = 80;
    options.historyDays = 30;
    options.youtubeChannels = 1;
    options.youtubeCommentsPerChannel = 400;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));

    bool found = false;
    for (const sandbox::SandboxAccount& a : m_sandbox->accounts()) {
        if (a.network == QLatin1String("youtube")) {
            m_remote = a;
            found = true;
            break;
        }
    }
    QVERIFY(found);
    QCOMPARE(m_remote.baseUrl, m_sandbox->baseUrl() + QStringLiteral("/youtube"));
    model::Account account;
    account.network = model::Network::YouTube;
    account.name = m_remote.name;
    account.baseUrl = m_remote.baseUrl;
    // No remote id: the first sync asks channels.list?mine=true.
    m_account = m_h->addAccount(account, m_remote.token);
    QVERIFY2(m_account > 0, qPrintable(m_h->error()));
}

void YouTubeSyncTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

void YouTubeSyncTest::storeQuota(int used) {
    YouTubeQuota q;
    q.spend(used, QDateTime::currentMSecsSinceEpoch());
    store::SyncState s;
    s.accountId = m_account;
    s.stream = connectors::youtube::YouTubeConnector::kQuotaStream;
    s.cursor = q.toText();
    QVERIFY(m_h->store()
                .writer()
                .run([&](store::Database& d, store::ChangeSet& c) { return store::SyncStateRepository::save(d, s, c); })
                .hasValue());
}

// Moves the last reply sweep back in time, as if it had run byMs earlier.
void YouTubeSyncTest::ageReplySweep(qint64 byMs) {
    store::SyncState s =
        store::SyncStateRepository::get(m_h->db(), m_account, connectors::youtube::YouTubeConnector::kRepliesStream);
    const qsizetype space = s.cursor.indexOf(u' ');
    const qint64 at = (space < 0 ? s.cursor : s.cursor.left(space)).toLongLong();
    QVERIFY(at > 0);
    s.cursor = QString::number(at - byMs) + (space < 0 ? QString() : s.cursor.mid(space));
    QVERIFY(m_h->store()
                .writer()
                .run([&](store::Database& d, store::ChangeSet& c) { return store::SyncStateRepository::save(d, s, c); })
                .hasValue());
}

// ---- cases ----

void YouTubeSyncTest::fullSync() {
    QVERIFY2(runSync(), qPrintable(m_h->sync().status(m_account).error.toString()));
    const auto account = store::AccountRepository::byId(m_h->db(), m_account);
    QVERIFY(account.has_value());
    QCOMPARE(account->remoteId, yt().channelId(0)); // learnt from channels.list?mine=true
    QCOMPARE(account->handle, m_remote.acct);

    // Every visible top-level comment of each listed status is stored once, with its moderation state.
    const int published = yt().threadCount(0, QStringLiteral("published"));
    const int held = yt().threadCount(0, QStringLiteral("heldForReview"));
    const int spam = yt().threadCount(0, QStringLiteral("likelySpam"));
    QVERIFY(published > 100 && held > 0 && spam > 0);
    QCOMPARE(queryInt(m_h->db(),
                      "SELECT count(*) FROM items WHERE account_id = ? AND coalesce(parent_remote_id, '') = '' AND "
                      "coalesce(visibility, '') = ''",
                      {m_account}),
             qint64(published));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND visibility = 'heldForReview'",
                      {m_account}),
             qint64(held));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND visibility = 'likelySpam'",
                      {m_account}),
             qint64(spam));
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    // Replies carried by the listing; the channel's own ones are outgoing replies linked to their thread.
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'out' AND kind = 'reply'",
                     {m_account}) > 0);
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items WHERE coalesce(parent_remote_id, '') <> '' AND thread_remote_id <> "
                     "parent_remote_id") == 0);
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE network = 'youtube' AND url NOT LIKE "
                                "'https://www.youtube.com/watch?v=%&lc=%'") == 0);
    // The channel is the community.
    QCOMPARE(queryInt(m_h->db(), "SELECT count(DISTINCT community_id) FROM items WHERE account_id = ?", {m_account}),
             qint64(1));

    // What went over the wire: bearer token, paging with pageToken, the three moderation states.
    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> lists = requestsTo(journal, QStringLiteral("GET"), kThreads);
    QVERIFY(lists.size() >= 4); // 270-odd published threads: three pages, plus held and spam
    for (const JournalEntry& e : lists) {
        QCOMPARE(e.status, 200);
        QCOMPARE(e.header(QStringLiteral("authorization")), QStringLiteral("Bearer ") + m_remote.token);
        QCOMPARE(e.queryValue(QStringLiteral("allThreadsRelatedToChannelId")), yt().channelId(0));
        QCOMPARE(e.queryValue(QStringLiteral("part")), QStringLiteral("snippet,replies"));
        QCOMPARE(e.queryValue(QStringLiteral("maxResults")), QStringLiteral("100"));
    }
    QVERIFY(!lists.at(1).queryValue(QStringLiteral("pageToken")).isEmpty());
    QStringList statuses;
    for (const JournalEntry& e : lists) {
        statuses << e.queryValue(QStringLiteral("moderationStatus"));
    }
    QVERIFY(statuses.contains(QStringLiteral("heldForReview")));
    QVERIFY(statuses.contains(QStringLiteral("likelySpam")));

    for (const QString& stream : {QStringLiteral("published"), QStringLiteral("heldForReview")}) {
        const store::SyncState s = store::SyncStateRepository::get(m_h->db(), m_account, stream);
        QVERIFY2(s.backfillDone, qPrintable(stream));
        QVERIFY(s.cursor.toLongLong() > 0);
        QVERIFY(s.backfillCursor.isEmpty());
    }
}

void YouTubeSyncTest::incrementalSync() {
    QVERIFY(runSync());
    const qint64 before = queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account});
    const QString cursor = store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("published")).cursor;
    QTest::qWait(1100); // publishedAt has whole seconds: the new comments come after the watermark
    const QString a =
        yt().addComment(0, QStringLiteral("New here — love the channel! ❤️"), QStringLiteral("published"));
    const QString b = yt().addComment(0, QStringLiteral("Is there a refund policy?"), QStringLiteral("published"));
    const QString c =
        yt().addComment(0, QStringLiteral("Visit https://spam.example now"), QStringLiteral("heldForReview"));
    m_sandbox->clearJournal();

    QVERIFY(runSync());
    // One request per stream from the top, no paging: the first page already reached known comments.
    const QList<JournalEntry> lists = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads);
    QCOMPARE(lists.size(), 3);
    for (const JournalEntry& e : lists) {
        QVERIFY(e.queryValue(QStringLiteral("pageToken")).isEmpty());
    }
    QVERIFY(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/youtube/v3/channels")).isEmpty());
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), before + 3);
    for (const QString& id : {a, b}) {
        const auto item = store::ItemRepository::byRemoteId(m_h->db(), m_account, id);
        QVERIFY(item.has_value());
        QVERIFY(item->visibility.isEmpty());
    }
    QCOMPARE(store::ItemRepository::byRemoteId(m_h->db(), m_account, c)->visibility, QStringLiteral("heldForReview"));
    QCOMPARE(store::ItemRepository::byRemoteId(m_h->db(), m_account, a)->text,
             QStringLiteral("New here — love the channel! ❤️"));
    const QString after = store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("published")).cursor;
    QVERIFY(after.toLongLong() > cursor.toLongLong());

    // Nothing new: nothing stored, the same three requests.
    m_sandbox->clearJournal();
    QVERIFY(runSync());
    QCOMPARE(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads).size(), 3);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), before + 3);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void YouTubeSyncTest::incrementalWalksSeveralPages() {
    QVERIFY(runSync());
    const qint64 before = queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account});
    QTest::qWait(1100);
    for (int i = 0; i < 150; ++i) {
        QVERIFY(!yt().addComment(0, QStringLiteral("Burst comment %1").arg(i), QStringLiteral("published")).isEmpty());
    }
    m_sandbox->clearJournal();
    QVERIFY(runSync());
    const QList<JournalEntry> lists = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads);
    QList<JournalEntry> published;
    for (const JournalEntry& e : lists) {
        if (e.queryValue(QStringLiteral("moderationStatus")).isEmpty()) {
            published.append(e);
        }
    }
    // 150 new threads: the first page is all new, so the walk goes on to the second, which reaches old ones.
    QCOMPARE(published.size(), 2);
    QVERIFY(published.at(0).queryValue(QStringLiteral("pageToken")).isEmpty());
    QVERIFY(!published.at(1).queryValue(QStringLiteral("pageToken")).isEmpty());
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND text LIKE 'Burst comment %'",
                      {m_account}),
             qint64(150));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), before + 150);
    QVERIFY(
        store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("published")).backfillCursor.isEmpty());
}

void YouTubeSyncTest::threadContext() {
    QVERIFY(runSync());
    const QString top = yt().threadWithReplies(0, 2);
    QVERIFY(!top.isEmpty());
    const auto item = store::ItemRepository::byRemoteId(m_h->db(), m_account, top);
    QVERIFY(item.has_value());
    auto* c = connector();
    QVERIFY(c != nullptr);
    m_sandbox->clearJournal();
    std::optional<Expected<QList<model::Item>, Error>> result;
    c->fetchThread(*item, this, [&](Expected<QList<model::Item>, Error> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY2(result->hasValue(), qPrintable(result->hasValue() ? QString() : result->error().toString()));
    const QList<model::Item>& thread = **result;
    QVERIFY(thread.size() >= 3);
    QCOMPARE(thread.at(0).remoteId, top);
    for (qsizetype i = 1; i < thread.size(); ++i) {
        QCOMPARE(thread.at(i).parentRemoteId, top);
        QVERIFY(thread.at(i).remoteId.startsWith(top + u'.'));
    }
    const QList<JournalEntry> gets = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kComments);
    QCOMPARE(gets.size(), 2);
    QCOMPARE(gets.at(0).queryValue(QStringLiteral("id")), top);
    QCOMPARE(gets.at(1).queryValue(QStringLiteral("parentId")), top);
}

void YouTubeSyncTest::newRepliesOnOldThreads() {
    using connectors::youtube::YouTubeConnector;
    QVERIFY(runSync());
    // The first run's sweep completes threads with more replies than the listing carries (it carries five).
    struct Top {
        QString id;
        qint64 createdMs = 0;
    };
    QList<Top> tops; // newest first
    for (const QString& line : baton::testing::queryTable(
             m_h->db(),
             "SELECT remote_id, created_at FROM items WHERE account_id = ? AND coalesce(parent_remote_id, '') = '' "
             "AND coalesce(visibility, '') = '' ORDER BY created_at DESC",
             {m_account})) {
        const QStringList cells = line.split(QStringLiteral(" | "));
        tops.append(Top{cells.at(0), cells.at(1).toLongLong()});
    }
    QVERIFY(tops.size() > 200);
    QString big;
    for (const Top& top : std::as_const(tops)) {
        QCOMPARE(storedReplies(top.id), qint64(yt().visibleReplyCount(0, top.id)));
        if (big.isEmpty() && yt().visibleReplyCount(0, top.id) > 5 && top.createdMs < tops.at(120).createdMs) {
            big = top.id;
        }
    }
    QVERIFY2(!big.isEmpty(), "the seeded channel has a thread with more than five replies below the first page");
    const store::SyncState swept =
        store::SyncStateRepository::get(m_h->db(), m_account, YouTubeConnector::kRepliesStream);
    QVERIFY(swept.cursor.contains(big + u'='));
    QVERIFY(swept.backfillCursor.isEmpty());

    // A thread from weeks ago, far below the first page, with few replies.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString old;
    for (const Top& top : std::as_const(tops)) {
        const qint64 age = now - top.createdMs;
        if (age > 20LL * 86400000 && age < 25LL * 86400000 && yt().visibleReplyCount(0, top.id) < 4 && top.id != big) {
            old = top.id;
            break;
        }
    }
    QVERIFY(!old.isEmpty());
    const qint64 oldBefore = storedReplies(old);
    const qint64 bigBefore = storedReplies(big);
    const QString a = yt().addReply(0, old, QStringLiteral("Still works in 2026? 🙂"));
    const QString b = yt().addReply(0, big, QStringLiteral("Same problem here, any fix?"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());

    // Within the sweep interval only the listings run: they stop at known threads and miss both replies.
    m_sandbox->clearJournal();
    QVERIFY(runSync());
    QCOMPARE(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads).size(), 3);
    QVERIFY(!store::ItemRepository::byRemoteId(m_h->db(), m_account, a).has_value());

    // Once the interval has passed, the sweep walks the threads again and finds them.
    ageReplySweep(YouTubeConnector::kSweepIntervalMs + 1000);
    m_sandbox->clearJournal();
    QVERIFY(runSync());
    const auto gotA = store::ItemRepository::byRemoteId(m_h->db(), m_account, a);
    const auto gotB = store::ItemRepository::byRemoteId(m_h->db(), m_account, b);
    QVERIFY(gotA.has_value() && gotB.has_value());
    QCOMPARE(gotA->parentRemoteId, old);
    QCOMPARE(gotB->parentRemoteId, big);
    QCOMPARE(gotB->text, QStringLiteral("Same problem here, any fix?"));
    QCOMPARE(storedReplies(old), oldBefore + 1);
    QCOMPARE(storedReplies(big), bigBefore + 1);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    // The old thread's reply came with the listing; only the big thread needed comments.list.
    const QList<JournalEntry> replies = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kComments);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.at(0).queryValue(QStringLiteral("parentId")), big);
    const QList<JournalEntry> lists = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads);
    QCOMPARE(lists.size(), 3 + 3); // the three listings, then the sweep's three pages of published threads
    const store::SyncState after =
        store::SyncStateRepository::get(m_h->db(), m_account, YouTubeConnector::kRepliesStream);
    QVERIFY(after.cursor.contains(big + u'=' + QString::number(bigBefore + 1)));

    // Nothing new: the next sweep reads no thread's replies again.
    ageReplySweep(YouTubeConnector::kSweepIntervalMs + 1000);
    m_sandbox->clearJournal();
    QVERIFY(runSync());
    QVERIFY(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kComments).isEmpty());
    QCOMPARE(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads).size(), 3 + 3);
}

void YouTubeSyncTest::approvedInStudioIsPublishedAtTheNextSweep() {
    using connectors::youtube::YouTubeConnector;
    QVERIFY(runSync());
    const char* heldSql = "SELECT remote_id FROM items WHERE account_id = ? AND visibility = 'heldForReview' AND "
                          "coalesce(parent_remote_id, '') = '' ORDER BY created_at DESC LIMIT 1";
    const QString held = queryText(m_h->db(), heldSql, {m_account});
    QVERIFY(!held.isEmpty());
    // Approved in YouTube Studio, not through Baton.
    QCOMPARE(yt().setModerationStatus(0, {held}, QStringLiteral("published"), false).status, 204);
    const auto visibilityOf = [&] { return store::ItemRepository::byRemoteId(m_h->db(), m_account, held)->visibility; };

    // The listings stop at what they know: within the sweep interval the comment still looks held.
    QVERIFY(runSync());
    QCOMPARE(visibilityOf(), QStringLiteral("heldForReview"));

    // The sweep lists the published threads again: the comment is public now and takes replies.
    ageReplySweep(YouTubeConnector::kSweepIntervalMs + 1000);
    QVERIFY(runSync());
    QCOMPARE(visibilityOf(), QString());
    QVERIFY(model::replyRefusal(*store::ItemRepository::byRemoteId(m_h->db(), m_account, held)) ==
            model::ReplyRefusal::None);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    // Nothing else moved: the comments still held are held.
    QVERIFY(!queryText(m_h->db(), heldSql, {m_account}).isEmpty());
}

void YouTubeSyncTest::replyThroughOutbox() {
    QVERIFY(runSync());
    // Answer a reply (not the top-level comment): YouTube threads are flat, so the parent is the top-level id.
    const QStringList target =
        queryRow(m_h->db(),
                 "SELECT id, remote_id, thread_remote_id FROM items WHERE account_id = ? AND "
                 "direction = 'in' AND coalesce(parent_remote_id, '') <> '' ORDER BY id DESC LIMIT 1",
                 {m_account});
    QCOMPARE(target.size(), 3);
    const QString text = QStringLiteral("Merci ! On regarde ça & on revient vers vous 🙏");
    const qint64 outboxId = m_h->enqueueReply(m_account, target[0].toLongLong(), target[1], text);
    QVERIFY(outboxId > 0);
    m_sandbox->clearJournal();
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));

    const QList<JournalEntry> posts = requestsTo(m_sandbox->journal(), QStringLiteral("POST"), kComments);
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts[0].status, 200);
    QCOMPARE(posts[0].queryValue(QStringLiteral("part")), QStringLiteral("snippet"));
    const QJsonObject snippet =
        QJsonDocument::fromJson(posts[0].body).object().value(QLatin1String("snippet")).toObject();
    QCOMPARE(snippet.value(QLatin1String("parentId")).toString(), target[2]);
    QCOMPARE(snippet.value(QLatin1String("textOriginal")).toString(), text);
    QCOMPARE(yt().replyCount(0, target[2], text), 1);

    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry.has_value());
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), m_account, entry->remoteId);
    QVERIFY(reply.has_value());
    QVERIFY(reply->direction == model::Direction::Outgoing);
    QCOMPARE(reply->parentRemoteId, target[1]);
    QCOMPARE(reply->text, text);
    QVERIFY(queryInt(m_h->db(), "SELECT first_response_at FROM items WHERE id = ?", {target[0].toLongLong()}) > 0);

    // The next sync brings the same reply back in its thread: still stored once.
    QVERIFY(runSync());
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void YouTubeSyncTest::replyAnswerLostIsNotPostedTwice() {
    QVERIFY(runSync());
    const QStringList target =
        queryRow(m_h->db(),
                 "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                 "AND coalesce(parent_remote_id, '') = '' AND coalesce(visibility, '') = '' ORDER BY id DESC LIMIT 1",
                 {m_account});
    QCOMPARE(target.size(), 2);
    const QString text = QStringLiteral("Thanks for the report, fixed in 2.1.");
    const qint64 outboxId = m_h->enqueueReply(m_account, target[0].toLongLong(), target[1], text);
    m_sandbox->clearJournal();
    // The comment is created, then the connection drops before the answer: the client cannot know.
    m_sandbox->faults().failNext(FaultKind::ResetAfterHandling, 1, kComments);
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));

    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> posts = requestsTo(journal, QStringLiteral("POST"), kComments);
    QCOMPARE(posts.size(), 1); // comments.insert is never repeated blindly
    QCOMPARE(posts[0].fault, QStringLiteral("reset-after-handling"));
    const QList<JournalEntry> lookups = requestsTo(journal, QStringLiteral("GET"), kComments);
    QCOMPARE(lookups.size(), 1);
    QCOMPARE(lookups[0].queryValue(QStringLiteral("parentId")), target[1]);
    QCOMPARE(yt().replyCount(0, target[1], text), 1);
    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    QVERIFY(store::ItemRepository::byRemoteId(m_h->db(), m_account, entry->remoteId).has_value());

    // A second attempt of an entry (after a crash while "sending") looks first and finds it too.
    auto* c = connector();
    model::OutboxEntry again = *entry;
    again.attempts = 1;
    m_sandbox->clearJournal();
    std::optional<Expected<model::Item, Error>> result;
    c->postReply(again, this, [&](Expected<model::Item, Error> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY(result->hasValue());
    QCOMPARE((*result)->remoteId, entry->remoteId);
    QVERIFY(requestsTo(m_sandbox->journal(), QStringLiteral("POST"), kComments).isEmpty());
    QCOMPARE(yt().replyCount(0, target[1], text), 1);
}

void YouTubeSyncTest::moderation_data() {
    QTest::addColumn<ModerationAction>("action");
    QTest::addColumn<QString>("visibility"); // of the item acted on
    QTest::addColumn<QString>("status");     // moderationStatus sent
    QTest::addColumn<bool>("ban");
    QTest::newRow("approve held") << ModerationAction::Approve << QStringLiteral("heldForReview")
                                  << QStringLiteral("published") << false;
    QTest::newRow("approve likely spam") << ModerationAction::Approve << QStringLiteral("likelySpam")
                                         << QStringLiteral("published") << false;
    QTest::newRow("hold") << ModerationAction::HoldForReview << QString() << QStringLiteral("heldForReview") << false;
    QTest::newRow("reject") << ModerationAction::Reject << QString() << QStringLiteral("rejected") << false;
    QTest::newRow("ban") << ModerationAction::BanAuthor << QStringLiteral("heldForReview") << QStringLiteral("rejected")
                         << true;
}

void YouTubeSyncTest::moderation() {
    QFETCH(ModerationAction, action);
    QFETCH(QString, visibility);
    QFETCH(QString, status);
    QFETCH(bool, ban);
    QVERIFY(runSync());
    const QString id = queryText(
        m_h->db(),
        "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' AND "
        "coalesce(parent_remote_id, '') = '' AND coalesce(visibility, '') = coalesce(?, '') ORDER BY id DESC LIMIT 1",
        {m_account, visibility});
    QVERIFY(!id.isEmpty());
    const auto item = store::ItemRepository::byRemoteId(m_h->db(), m_account, id);
    auto* c = connector();
    QVERIFY(c->moderationActions(*item).contains(action));
    m_sandbox->clearJournal();
    // Through the sync engine, as the window and `baton moderate` do: the item's new standing is stored at once.
    std::optional<Expected<void, Error>> result;
    m_h->sync().moderate(*item, action, QString(), this, [&](Expected<void, Error> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY2(result->hasValue(), qPrintable(result->hasValue() ? QString() : result->error().toString()));
    const auto after = store::ItemRepository::byId(m_h->db(), item->id);
    QCOMPARE(after->visibility, status == QLatin1String("published") ? QString() : status);
    QVERIFY((model::replyRefusal(*after) == model::ReplyRefusal::None) == (status == QLatin1String("published")));
    QVERIFY(!c->moderationActions(*after).contains(action == ModerationAction::BanAuthor ? ModerationAction::Reject
                                                                                         : action));

    const QList<JournalEntry> calls = requestsTo(m_sandbox->journal(), QStringLiteral("POST"), kModerate);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls[0].status, 204);
    QCOMPARE(calls[0].queryValue(QStringLiteral("id")), id);
    QCOMPARE(calls[0].queryValue(QStringLiteral("moderationStatus")), status);
    QCOMPARE(calls[0].queryValue(QStringLiteral("banAuthor")), ban ? QStringLiteral("true") : QString());
    QCOMPARE(yt().moderationStatusOf(0, id), status);
    QCOMPARE(yt().isBanned(0, yt().authorOf(0, id)), ban);
}

void YouTubeSyncTest::revokedTokenFlagsAccount() {
    QVERIFY(runSync());
    QVERIFY(yt().revokeToken(0));
    m_sandbox->clearJournal();
    QVERIFY(!runSync());
    QVERIFY(m_h->sync().status(m_account).error.code == ErrorCode::Unauthorized);
    const QString lastError = queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {m_account});
    QVERIFY2(lastError.contains(QLatin1String("401")), qPrintable(lastError));
    const QList<JournalEntry> calls = youtubeRequests(m_sandbox->journal());
    QCOMPARE(calls.size(), 1); // stops at the first refusal
    QCOMPARE(calls[0].status, 401);
    QVERIFY(calls[0].header(QStringLiteral("authorization")).startsWith(QLatin1String("Bearer ")));
}

void YouTubeSyncTest::rateLimitedWaitsThenResumes() {
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 800;
    m_sandbox->faults().rateLimitUntil(until, kThreads);
    QVERIFY2(runSync(), qPrintable(m_h->sync().status(m_account).error.toString()));
    const QList<JournalEntry> lists = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads);
    int limited = 0;
    for (const JournalEntry& e : lists) {
        if (e.status == 429) {
            ++limited;
            QVERIFY(e.receivedAtMs < until);
        }
    }
    QVERIFY(limited >= 1);
    QCOMPARE(lists.constLast().status, 200);
    QVERIFY(lists.constLast().receivedAtMs >= until);
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}) > 100);
}

void YouTubeSyncTest::serverErrorsRetried() {
    m_sandbox->faults().failNext(FaultKind::ServerError, 2, kThreads);
    QVERIFY2(runSync(), qPrintable(m_h->sync().status(m_account).error.toString()));
    const QList<JournalEntry> lists = requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads);
    QCOMPARE(lists.at(0).status, 503);
    QCOMPARE(lists.at(1).status, 503);
    QCOMPARE(lists.at(2).status, 200);
    QCOMPARE(lists.at(2).queryValue(QStringLiteral("pageToken")), QString()); // the same first page again
    QCOMPARE(queryInt(m_h->db(),
                      "SELECT count(*) FROM items WHERE account_id = ? AND coalesce(parent_remote_id, '') = '' AND "
                      "coalesce(visibility, '') = ''",
                      {m_account}),
             qint64(yt().threadCount(0, QStringLiteral("published"))));
}

void YouTubeSyncTest::quotaMatchesJournalAndIsStored() {
    QVERIFY(runSync());
    const QList<JournalEntry> journal = m_sandbox->journal();
    const int units = unitsIn(journal);
    QVERIFY(units >= 5);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Baton's ledger, the sandbox's accounting and the journal agree.
    QCOMPARE(yt().quotaUsed(0, now), units);
    QCOMPARE(connector()->quota().used(now), units);
    // Stored in the account's "quota" sync state, where `baton account list` reads it.
    const store::SyncState s = store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("quota"));
    QCOMPARE(YouTubeQuota::fromText(s.cursor).used(now), units);
    QCOMPARE(YouTubeQuota::fromText(s.cursor).remaining(now), YouTubeQuota::kDailyLimit - units);

    // A reply costs 50 (plus nothing else on a first attempt); the count goes on across runs.
    const QStringList target =
        queryRow(m_h->db(),
                 "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                 "AND coalesce(parent_remote_id, '') = '' AND coalesce(visibility, '') = '' LIMIT 1",
                 {m_account});
    QVERIFY(m_h->enqueueReply(m_account, target[0].toLongLong(), target[1], QStringLiteral("On it!")) > 0);
    QVERIFY(runSync());
    const int total = unitsIn(m_sandbox->journal());
    QCOMPARE(total, units + 50 + 3); // the reply, then one page of each listing
    QCOMPARE(yt().quotaUsed(0, now), total);
    QCOMPARE(
        YouTubeQuota::fromText(store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("quota")).cursor)
            .used(QDateTime::currentMSecsSinceEpoch()),
        total);
}

void YouTubeSyncTest::quotaExceededStopsCalls() {
    QVERIFY(runSync());
    // Someone else spent the project's budget: the server answers 403 quotaExceeded.
    yt().setQuotaUsed(0, YouTubeQuota::kDailyLimit, QDateTime::currentMSecsSinceEpoch());
    m_sandbox->clearJournal();
    QVERIFY(!runSync());
    const sync::AccountSyncStatus status = m_h->sync().status(m_account);
    QVERIFY(status.state == sync::AccountSyncState::RateLimited);
    QVERIFY(status.rateLimitedUntil > QDateTime::currentMSecsSinceEpoch()); // the next Pacific midnight
    QVERIFY(status.rateLimitedUntil <= QDateTime::currentMSecsSinceEpoch() + 25LL * 3600 * 1000);
    QList<JournalEntry> calls = youtubeRequests(m_sandbox->journal());
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls[0].status, 403);
    QVERIFY(queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {m_account})
                .contains(QLatin1String("quotaExceeded")));

    // Baton now knows: the next run sends nothing at all.
    m_sandbox->clearJournal();
    QVERIFY(!runSync());
    QVERIFY(youtubeRequests(m_sandbox->journal()).isEmpty());
    QVERIFY(m_h->sync().status(m_account).state == sync::AccountSyncState::RateLimited);
}

void YouTubeSyncTest::budgetRefusedBeforeSending() {
    QVERIFY(runSync());
    // Earlier runs today left 9,600 units used: listing keeps its 500-unit reserve for replies, so it stops.
    storeQuota(YouTubeQuota::kDailyLimit - 400);
    const QStringList target =
        queryRow(m_h->db(),
                 "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                 "AND coalesce(parent_remote_id, '') = '' AND coalesce(visibility, '') = '' LIMIT 1",
                 {m_account});
    m_sandbox->clearJournal();
    QVERIFY(!runSync());
    QVERIFY(m_h->sync().status(m_account).state == sync::AccountSyncState::RateLimited);
    QVERIFY(m_h->sync().status(m_account).error.detail.contains(QLatin1String("reserved")));
    QVERIFY(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), kThreads).isEmpty());

    // A reply still fits (50 units of the 400 left)...
    QVERIFY(m_h->enqueueReply(m_account, target[0].toLongLong(), target[1], QStringLiteral("Within budget")) > 0);
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));
    QCOMPARE(requestsTo(m_sandbox->journal(), QStringLiteral("POST"), kComments).size(), 1);
    QCOMPARE(connector()->quota().remaining(QDateTime::currentMSecsSinceEpoch()), 350);

    // ...but not one that would pass the budget: refused before anything is sent, kept for tomorrow.
    storeQuota(YouTubeQuota::kDailyLimit - 20);
    QVERIFY(!runSync()); // the quota stream reads the stored count
    m_sandbox->clearJournal();
    const qint64 late = m_h->enqueueReply(m_account, target[0].toLongLong(), target[1], QStringLiteral("Over budget"));
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{0, 1}));
    QVERIFY(youtubeRequests(m_sandbox->journal()).isEmpty());
    const auto entry = store::OutboxRepository::byId(m_h->db(), late);
    QCOMPARE(model::toString(entry->state), QStringLiteral("queued")); // retried later, text kept
    QVERIFY(entry->lastError.contains(QLatin1String("quota")));
}

QTEST_GUILESS_MAIN(YouTubeSyncTest)
#include "YouTubeSyncTest.moc"
