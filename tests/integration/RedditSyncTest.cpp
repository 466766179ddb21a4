// Reddit end to end: SyncEngine, OutboxSender and RedditConnector through real libcurl (NetworkEngine) to the
// in-process sandbox's Reddit route set on port 0, into a real SQLite store. Each case checks what the client sent
// (the sandbox's journal) and what landed in the database.
#include "core/common/Ids.h"
#include "core/connectors/Connector.h"
#include "core/connectors/reddit/RedditConnector.h"
#include "core/sandbox/SandboxServer.h"
#include "core/sandbox/reddit/RedditRoutes.h"
#include "core/sandbox/reddit/RedditStore.h"
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
#include <QUrlQuery>
#include <memory>
#include <optional>

using namespace baton;
using baton::sandbox::FaultKind;
using baton::sandbox::JournalEntry;
using baton::testing::duplicateItems;
using baton::testing::failureText;
using baton::testing::itemCount;
using baton::testing::queryColumn;
using baton::testing::queryInt;
using baton::testing::queryRow;
using baton::testing::queryText;
using baton::testing::requestsTo;
using baton::testing::SyncRun;

Q_DECLARE_METATYPE(baton::connectors::ModerationAction)

namespace {

constexpr int kTimeoutMs = 60000;
constexpr qint64 kFixedNow = 1717243200000; // 2024-06-01T12:00:00.000Z

QString path(QStringView rest) {
    return QStringLiteral("/reddit") + rest;
}

QString formValue(const JournalEntry& e, const QString& key) {
    return QUrlQuery(QString::fromUtf8(e.body)).queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

class RedditSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fullSync();
    void incrementalSyncUsesStoredCursor();
    void deletedAnchorDoesNotStallTheInbox();
    void threadContext();
    void replyThroughOutbox();
    void replyResponseLostIsNotPostedTwice();
    void replyErrorsInsideHttp200();
    void moderation_data();
    void moderation();
    void expiredTokenIsRefreshed();
    void revokedGrantFlagsOnlyThatAccount();
    void rateLimited429WaitsThenResumes();
    void serverErrorsRetried();
    void rateLimitBudgetNeverExceeded();
    void genericUserAgentRefused();

private:
    sandbox::RedditStore& reddit() { return m_sandbox->reddit(); }
    qint64 stored(qint64 accountId, const QStringList& remoteIds) {
        qint64 n = 0;
        for (const QString& id : remoteIds) {
            n += queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND remote_id = ?",
                          {accountId, id});
        }
        return n;
    }
    QList<JournalEntry> redditJournal() { return testing::inRouteSet(m_sandbox->journal(), QStringLiteral("reddit")); }
    std::optional<model::Item> inboxItem(qint64 account, const char* where);

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    QList<sandbox::SandboxAccount> m_remote;
    QList<qint64> m_accounts;
};

void RedditSyncTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 7;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 2;     // also the number of Reddit demo accounts
    options.mentionsPerAccount = 600; // about 140 inbox entries per account: more than one page of 100
    options.people = 120;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));

    m_remote.clear();
    for (const sandbox::SandboxAccount& a : m_sandbox->accounts()) {
        if (a.network == QLatin1String("reddit")) {
            m_remote.append(a);
        }
    }
    QCOMPARE(m_remote.size(), 2);
    m_accounts.clear();
    for (const sandbox::SandboxAccount& remote : std::as_const(m_remote)) {
        model::Account account;
        account.network = model::Network::Reddit;
        account.name = remote.name;
        account.baseUrl = remote.baseUrl;
        // No handle or remote id: the first sync verifies the account (GET /api/v1/me).
        const qint64 id = m_h->addAccount(account, remote.token);
        QVERIFY2(id > 0, qPrintable(m_h->error()));
        m_accounts.append(id);
    }
}

void RedditSyncTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

std::optional<model::Item> RedditSyncTest::inboxItem(qint64 account, const char* kind) {
    const QString remoteId =
        queryText(m_h->db(),
                  "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' AND "
                  "kind = ? AND text <> '[deleted]' AND remote_id LIKE 't1_%' ORDER BY id DESC LIMIT 1",
                  {account, QString::fromLatin1(kind)});
    return store::ItemRepository::byRemoteId(m_h->db(), account, remoteId);
}

// ---- cases ----

void RedditSyncTest::fullSync() {
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const qint64 id = m_accounts[i];
        QVERIFY2(run.ok.value(id), qPrintable(m_h->sync().status(id).error.toString()));
        // Every inbox entry (replies, mentions, messages) and every mod-queue entry, stored once.
        const QStringList inbox = reddit().inboxFullnames(i);
        const QStringList queue = reddit().modqueueFullnames(i);
        QVERIFY(inbox.size() > 50);
        QVERIFY(!queue.isEmpty());
        QCOMPARE(stored(id, inbox), qint64(inbox.size()));
        QCOMPARE(stored(id, queue), qint64(queue.size()));
        for (const char* kind : {"mention", "reply", "comment", "dm"}) {
            QVERIFY2(queryInt(m_h->db(),
                              "SELECT count(*) FROM items WHERE account_id = ? AND kind = ? AND direction = 'in'",
                              {id, QString::fromLatin1(kind)}) > 0,
                     kind);
        }
        // Earlier answers (the account's own comments) are outgoing replies to stored items: response times exist.
        QVERIFY(queryInt(m_h->db(),
                         "SELECT count(*) FROM items r JOIN items p ON p.account_id = r.account_id AND "
                         "p.remote_id = r.parent_remote_id WHERE r.account_id = ? AND r.direction = 'out' AND "
                         "p.direction = 'in' AND p.first_response_at IS NOT NULL",
                         {id}) > 0);
        // Subreddits became communities.
        QVERIFY(queryInt(m_h->db(),
                         "SELECT count(DISTINCT community_id) FROM items WHERE account_id = ? AND community_id IS NOT "
                         "NULL",
                         {id}) >= 1);
        QCOMPARE(queryText(m_h->db(), "SELECT handle FROM accounts WHERE id = ?", {id}), m_remote[i].acct);
        QVERIFY(m_h->lastError(id).isEmpty());
        const store::SyncState inboxState = store::SyncStateRepository::get(m_h->db(), id, QStringLiteral("inbox"));
        QVERIFY(inboxState.backfillDone);
        QCOMPARE(inboxState.cursor, inbox.constFirst());
    }
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));

    // On the wire: a Basic-auth refresh per account with the client id and an empty secret, then bearer requests
    // with a descriptive User-Agent; history walked with after= in pages of 100 and no mark-as-read.
    const QList<JournalEntry> journal = redditJournal();
    const QList<JournalEntry> tokens = requestsTo(journal, QStringLiteral("POST"), path(u"/api/v1/access_token"));
    QVERIFY(tokens.size() >= 2); // at least one grant per account
    const QString clientId =
        QJsonDocument::fromJson(m_remote[0].token.toUtf8()).object().value(QLatin1String("client_id")).toString();
    for (const JournalEntry& t : tokens) {
        QCOMPARE(t.header(QStringLiteral("authorization")),
                 QStringLiteral("Basic ") + QString::fromLatin1((clientId + QLatin1Char(':')).toUtf8().toBase64()));
        QCOMPARE(formValue(t, QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    }
    bool sawAfter = false;
    for (const JournalEntry& e : journal) {
        QVERIFY2(sandbox::RedditRoutes::acceptableUserAgent(e.header(QStringLiteral("user-agent")).toUtf8()),
                 qPrintable(e.header(QStringLiteral("user-agent"))));
        QCOMPARE(e.status, 200);
        if (e.path == path(u"/api/v1/access_token")) {
            continue;
        }
        QVERIFY(e.header(QStringLiteral("authorization")).startsWith(QLatin1String("bearer ")));
        QVERIFY(!e.account.isEmpty());
        if (e.path == path(u"/message/inbox")) {
            // Pages of 100; after an empty forward poll, the newest thing alone checks the anchor still exists.
            const QString limit = e.queryValue(QStringLiteral("limit"));
            QVERIFY2(limit == QLatin1String("100") ||
                         (limit == QLatin1String("1") && e.queryValue(QStringLiteral("before")).isEmpty() &&
                          e.queryValue(QStringLiteral("after")).isEmpty()),
                     e.rawQuery.constData());
            QCOMPARE(e.queryValue(QStringLiteral("mark")), QStringLiteral("false"));
            sawAfter = sawAfter || !e.queryValue(QStringLiteral("after")).isEmpty();
        }
    }
    QVERIFY(sawAfter);
    QVERIFY(!requestsTo(journal, QStringLiteral("GET"), path(u"/r/mod/about/modqueue")).isEmpty());
    QVERIFY(!requestsTo(journal, QStringLiteral("GET"), path(u"/api/v1/me")).isEmpty());
}

void RedditSyncTest::incrementalSyncUsesStoredCursor() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QString cursor = store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("inbox")).cursor;
    QVERIFY(!cursor.isEmpty());
    const qint64 before = itemCount(m_h->db());

    const QString mention =
        reddit().addLive(0, sandbox::RedditStore::LiveKind::Mention, QStringLiteral("is the Reddit sync fixed? 🤔"));
    const QString message = reddit().addLive(0, sandbox::RedditStore::LiveKind::Message,
                                             QStringLiteral("Bonjour, une question sur ma facture"));
    QVERIFY(!mention.isEmpty() && !message.isEmpty());
    m_sandbox->clearJournal();
    const SyncRun run = m_h->runSync({account});
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));

    QCOMPARE(itemCount(m_h->db()), before + 2);
    const auto stored = store::ItemRepository::byRemoteId(m_h->db(), account, mention);
    QVERIFY(stored.has_value());
    QVERIFY(stored->kind == model::Kind::Mention);
    QVERIFY(stored->text.contains(QStringLiteral("is the Reddit sync fixed? 🤔")));
    QVERIFY(store::ItemRepository::byRemoteId(m_h->db(), account, message)->kind == model::Kind::DirectMessage);
    // One forward poll from the stored cursor (no walk through history again), and the cursor moved.
    const QList<JournalEntry> polls = requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/message/inbox"));
    QVERIFY(!polls.isEmpty());
    QCOMPARE(polls.first().queryValue(QStringLiteral("before")), cursor);
    for (const JournalEntry& e : polls) {
        QVERIFY(e.queryValue(QStringLiteral("after")).isEmpty());
    }
    QCOMPARE(store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("inbox")).cursor, message);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void RedditSyncTest::deletedAnchorDoesNotStallTheInbox() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QString anchor = store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("inbox")).cursor;
    QVERIFY(!anchor.isEmpty());

    // Nothing new: one empty forward poll, then the newest thing alone to check the anchor is still there.
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({account}).ok.value(account));
    QList<JournalEntry> polls = requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/message/inbox"));
    QCOMPARE(polls.size(), 2);
    QCOMPARE(polls.at(0).queryValue(QStringLiteral("before")), anchor);
    QCOMPARE(polls.at(1).queryValue(QStringLiteral("limit")), QStringLiteral("1"));
    QVERIFY(polls.at(1).queryValue(QStringLiteral("before")).isEmpty());

    // The anchor's author deletes it; a mention arrives after that. Polling from the anchor finds nothing (Reddit
    // no longer knows it), yet the mention must arrive.
    QVERIFY(reddit().deleteThing(anchor));
    const QString mention = reddit().addLive(0, sandbox::RedditStore::LiveKind::Mention,
                                             QStringLiteral("anyone there? the last one was deleted"));
    QVERIFY(!mention.isEmpty());
    const qint64 before = itemCount(m_h->db());
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({account}).ok.value(account));
    QVERIFY(store::ItemRepository::byRemoteId(m_h->db(), account, mention).has_value());
    QCOMPARE(itemCount(m_h->db()), before + 1);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    QCOMPARE(store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("inbox")).cursor, mention);
    polls = requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/message/inbox"));
    QCOMPARE(polls.size(), 3); // from the dead anchor, the newest thing, then the newest page
    QCOMPARE(polls.at(2).queryValue(QStringLiteral("limit")),
             QString::number(connectors::reddit::RedditConnector::kPage));

    // And polling goes on from the new anchor.
    const QString next = reddit().addLive(0, sandbox::RedditStore::LiveKind::Message, QStringLiteral("Merci !"));
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({account}).ok.value(account));
    QVERIFY(store::ItemRepository::byRemoteId(m_h->db(), account, next).has_value());
    polls = requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/message/inbox"));
    QCOMPARE(polls.first().queryValue(QStringLiteral("before")), mention);
}

void RedditSyncTest::threadContext() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const std::optional<model::Item> reply = inboxItem(account, "reply");
    QVERIFY(reply.has_value());
    connectors::Connector* connector = m_h->connectorFor(account);
    QVERIFY(connector != nullptr);
    m_sandbox->clearJournal();
    std::optional<Expected<QList<model::Item>, Error>> thread;
    connector->fetchThread(*reply, &m_h->sync(), [&](auto r) { thread = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(thread.has_value(), kTimeoutMs);
    QVERIFY2(thread->hasValue(), failureText(*thread).constData());
    QStringList ids;
    for (const model::Item& it : **thread) {
        ids.append(it.remoteId);
    }
    QCOMPARE(ids.constFirst(), reply->threadRemoteId); // the post comes first
    QVERIFY(ids.contains(reply->remoteId));
    QVERIFY(ids.contains(reply->parentRemoteId)); // our comment it answers
    const QList<JournalEntry> journal = redditJournal();
    QCOMPARE(journal.size(), 1);
    QCOMPARE(journal[0].path,
             path(u"/comments/") + reply->threadRemoteId.mid(3) + QStringLiteral("/_/") + reply->remoteId.mid(3));

    // A private message's thread is its conversation.
    const QString remoteId = queryText(m_h->db(),
                                       "SELECT remote_id FROM items WHERE account_id = ? AND kind = 'dm' AND "
                                       "direction = 'in' ORDER BY id DESC LIMIT 1",
                                       {account});
    const auto message = store::ItemRepository::byRemoteId(m_h->db(), account, remoteId);
    QVERIFY(message.has_value());
    thread.reset();
    connector->fetchThread(*message, &m_h->sync(), [&](auto r) { thread = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(thread.has_value(), kTimeoutMs);
    QVERIFY2(thread->hasValue(), failureText(*thread).constData());
    QVERIFY(!(*thread)->isEmpty());
    QCOMPARE((*thread)->constFirst().remoteId, message->threadRemoteId);
}

void RedditSyncTest::replyThroughOutbox() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const std::optional<model::Item> parent = inboxItem(account, "mention");
    QVERIFY(parent.has_value());
    const QString text = QStringLiteral("Thanks for the ping, the **fix** ships on Monday & we'll post here.");
    const qint64 outboxId = m_h->enqueueReply(account, parent->id, parent->remoteId, text);
    QVERIFY(outboxId > 0);
    const qint64 before = itemCount(m_h->db());
    const int created = reddit().commentsCreated();

    m_sandbox->clearJournal();
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(reddit().commentsCreated(), created + 1);
    QCOMPARE(reddit().commentsWithText(text), 1);
    auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry.has_value());
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    const QString replyId = entry->remoteId;
    QVERIFY(replyId.startsWith(QLatin1String("t1_")));
    QCOMPARE(itemCount(m_h->db()), before + 1);
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), account, replyId);
    QVERIFY(reply.has_value());
    QVERIFY(reply->direction == model::Direction::Outgoing);
    QCOMPARE(reply->parentRemoteId, parent->remoteId);
    QCOMPARE(reply->threadRemoteId, parent->threadRemoteId);
    QVERIFY(store::ItemRepository::byId(m_h->db(), parent->id)->firstResponseAt > 0);

    const QList<JournalEntry> posts = requestsTo(redditJournal(), QStringLiteral("POST"), path(u"/api/comment"));
    QCOMPARE(posts.size(), 1);
    QCOMPARE(formValue(posts[0], QStringLiteral("thing_id")), parent->remoteId);
    QCOMPARE(formValue(posts[0], QStringLiteral("text")), text);
    QCOMPARE(formValue(posts[0], QStringLiteral("api_type")), QStringLiteral("json"));
    QVERIFY(posts[0].header(QStringLiteral("content-type")).startsWith(QLatin1String("application/x-www-form")));

    // Forced resend of the same entry (as after a crash mid-send): Reddit has no idempotency key, so the connector
    // finds the comment among the account's own and does not post again.
    const auto reset = m_h->store().writer().run([outboxId](store::Database& d, store::ChangeSet& c) {
        store::Statement st(d, "UPDATE outbox SET state = 'sending' WHERE id = ?");
        st.bind(1, outboxId);
        c.outboxChanged = true;
        return st.exec();
    });
    QVERIFY(reset.hasValue());
    m_sandbox->clearJournal();
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(reddit().commentsWithText(text), 1);
    QCOMPARE(store::OutboxRepository::byId(m_h->db(), outboxId)->remoteId, replyId);
    QVERIFY(requestsTo(redditJournal(), QStringLiteral("POST"), path(u"/api/comment")).isEmpty());
    QCOMPARE(requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/user/baton_team/comments")).size(), 1);

    // The own-comments stream brings it back: still one row.
    QVERIFY(m_h->runSync({account}).ok.value(account));
    QCOMPARE(itemCount(m_h->db()), before + 1);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void RedditSyncTest::replyResponseLostIsNotPostedTwice() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const std::optional<model::Item> parent = inboxItem(account, "comment");
    QVERIFY(parent.has_value());
    const QString text = QStringLiteral("Sorry for the wait, fixed in 2.1.");
    const qint64 outboxId = m_h->enqueueReply(account, parent->id, parent->remoteId, text);
    m_sandbox->clearJournal();
    m_sandbox->faults().failNext(FaultKind::ResetAfterHandling, 1, path(u"/api/comment"));
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(reddit().commentsWithText(text), 1);
    const QList<JournalEntry> posts = requestsTo(redditJournal(), QStringLiteral("POST"), path(u"/api/comment"));
    QCOMPARE(posts.size(), 1); // not repeated blindly
    QCOMPARE(posts[0].fault, QStringLiteral("reset-after-handling"));
    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), account, entry->remoteId);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->parentRemoteId, parent->remoteId);
}

void RedditSyncTest::replyErrorsInsideHttp200() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const std::optional<model::Item> parent = inboxItem(account, "mention");
    QVERIFY(parent.has_value());

    // RATELIMIT inside a 200: transient, the reply stays queued with the reason.
    reddit().failNextComments(1, 3.5);
    const qint64 limited = m_h->enqueueReply(account, parent->id, parent->remoteId, QStringLiteral("On it!"));
    m_sandbox->clearJournal();
    QCOMPARE(m_h->flushOutbox(account), (std::pair{0, 1}));
    auto entry = store::OutboxRepository::byId(m_h->db(), limited);
    QCOMPARE(model::toString(entry->state), QStringLiteral("queued"));
    QVERIFY2(entry->lastError.contains(QLatin1String("RATELIMIT")), qPrintable(entry->lastError));
    QVERIFY(entry->nextAttemptAt > QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(requestsTo(redditJournal(), QStringLiteral("POST"), path(u"/api/comment")).constFirst().status, 200);
    QCOMPARE(reddit().commentsWithText(QStringLiteral("On it!")), 0);

    // DELETED_COMMENT inside a 200: permanent, the text is kept with the reason.
    const std::optional<model::Item> gone = inboxItem(account, "reply");
    QVERIFY(gone.has_value());
    QVERIFY(reddit().deleteThing(gone->remoteId));
    const qint64 failed = m_h->enqueueReply(account, gone->id, gone->remoteId, QStringLiteral("Too late?"));
    QCOMPARE(m_h->flushOutbox(account).second, 1);
    entry = store::OutboxRepository::byId(m_h->db(), failed);
    QCOMPARE(model::toString(entry->state), QStringLiteral("failed"));
    QVERIFY2(entry->lastError.contains(QLatin1String("DELETED_COMMENT")), qPrintable(entry->lastError));
    QCOMPARE(entry->text, QStringLiteral("Too late?"));
}

void RedditSyncTest::moderation_data() {
    QTest::addColumn<connectors::ModerationAction>("action");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("spam"); // expected spam= form value, "" = not sent
    QTest::newRow("approve") << connectors::ModerationAction::Approve << QStringLiteral("/api/approve") << QString();
    QTest::newRow("remove") << connectors::ModerationAction::Remove << QStringLiteral("/api/remove")
                            << QStringLiteral("false");
    QTest::newRow("remove as spam") << connectors::ModerationAction::RemoveAsSpam << QStringLiteral("/api/remove")
                                    << QStringLiteral("true");
    QTest::newRow("lock") << connectors::ModerationAction::Lock << QStringLiteral("/api/lock") << QString();
    QTest::newRow("ignore reports") << connectors::ModerationAction::IgnoreReports
                                    << QStringLiteral("/api/ignore_reports") << QString();
}

void RedditSyncTest::moderation() {
    QFETCH(connectors::ModerationAction, action);
    QFETCH(QString, endpoint);
    QFETCH(QString, spam);
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QString target = reddit().modqueueFullnames(0).constFirst();
    const auto item = store::ItemRepository::byRemoteId(m_h->db(), account, target);
    QVERIFY(item.has_value());
    connectors::Connector* connector = m_h->connectorFor(account);
    QVERIFY(connector != nullptr);
    QVERIFY(connector->moderationActions(*item).contains(action));
    QVERIFY(reddit().thingState(target).reports > 0);

    m_sandbox->clearJournal();
    std::optional<Expected<bool, Error>> result;
    connector->moderate(action, *item, {}, &m_h->sync(), [&](Expected<bool, Error> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY2(result->hasValue(), failureText(*result).constData());
    const QList<JournalEntry> journal = redditJournal();
    QCOMPARE(journal.size(), 1);
    QCOMPARE(journal[0].method, QStringLiteral("POST"));
    QCOMPARE(journal[0].path, path(endpoint));
    QCOMPARE(journal[0].status, 200);
    QCOMPARE(formValue(journal[0], QStringLiteral("id")), target);
    QCOMPARE(formValue(journal[0], QStringLiteral("spam")), spam);

    const sandbox::RedditStore::ThingState state = reddit().thingState(target);
    switch (action) {
    case connectors::ModerationAction::Approve:
        QVERIFY(state.approved && state.reports == 0);
        break;
    case connectors::ModerationAction::Remove:
        QVERIFY(state.removed && !state.spam);
        break;
    case connectors::ModerationAction::RemoveAsSpam:
        QVERIFY(state.removed && state.spam);
        break;
    case connectors::ModerationAction::Lock:
        QVERIFY(state.locked);
        break;
    default:
        QVERIFY(state.ignoreReports);
        break;
    }
    if (action != connectors::ModerationAction::Lock) {
        QVERIFY(!reddit().modqueueFullnames(0).contains(target)); // handled: out of the queue
    }
}

void RedditSyncTest::expiredTokenIsRefreshed() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    QVERIFY(reddit().expireAccessTokens(0));
    reddit().addLive(0, sandbox::RedditStore::LiveKind::PostReply, QStringLiteral("Still broken for me"));
    m_sandbox->clearJournal();
    const SyncRun run = m_h->runSync({account});
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    QVERIFY(m_h->lastError(account).isEmpty());
    const QList<JournalEntry> journal = redditJournal();
    QVERIFY(journal.size() >= 3);
    QCOMPARE(journal[0].status, 401);
    QVERIFY(journal[0].header(QStringLiteral("authorization")).startsWith(QLatin1String("bearer ")));
    QCOMPARE(journal[1].path, path(u"/api/v1/access_token"));
    QCOMPARE(journal[2].path, journal[0].path);
    QCOMPARE(journal[2].status, 200);
    QVERIFY(journal[2].header(QStringLiteral("authorization")) != journal[0].header(QStringLiteral("authorization")));
    QCOMPARE(requestsTo(journal, QStringLiteral("POST"), path(u"/api/v1/access_token")).size(), 1);
}

void RedditSyncTest::revokedGrantFlagsOnlyThatAccount() {
    QVERIFY(m_h->runSync().finished);
    QVERIFY(reddit().revokeRefreshToken(0));
    m_sandbox->clearJournal();
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    QVERIFY(!run.ok.value(m_accounts[0]));
    QVERIFY2(run.ok.value(m_accounts[1]), qPrintable(m_h->sync().status(m_accounts[1]).error.toString()));
    const sync::AccountSyncStatus status = m_h->sync().status(m_accounts[0]);
    QVERIFY2(status.error.code == ErrorCode::Unauthorized, errorCodeName(status.error.code));
    QTRY_VERIFY_WITH_TIMEOUT(m_h->lastError(m_accounts[0]).contains(QLatin1String("unauthorized")), kTimeoutMs);
    QVERIFY(m_h->lastError(m_accounts[0]).contains(QLatin1String("invalid_grant")));
    QVERIFY(m_h->lastError(m_accounts[1]).isEmpty());
    // The refused grant came back inside an HTTP 200, as Reddit does.
    const QList<JournalEntry> grants =
        requestsTo(redditJournal(), QStringLiteral("POST"), path(u"/api/v1/access_token"));
    QCOMPARE(grants.size(), 1);
    QCOMPARE(grants[0].status, 200);
}

void RedditSyncTest::rateLimited429WaitsThenResumes() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    reddit().addLive(0, sandbox::RedditStore::LiveKind::Mention, QStringLiteral("hello?"));
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 2000;
    m_sandbox->faults().rateLimitUntil(until, path(u"/message"));
    m_sandbox->clearJournal();
    const SyncRun run = m_h->runSync({account});
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    const QList<JournalEntry> inbox = requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/message/inbox"));
    QVERIFY(inbox.size() >= 2);
    QCOMPARE(inbox[0].status, 429);
    QCOMPARE(inbox[0].fault, QStringLiteral("rate-limit"));
    for (qsizetype k = 1; k < inbox.size(); ++k) {
        QVERIFY2(inbox[k].receivedAtMs >= until, "sent before the announced reset");
        QCOMPARE(inbox[k].status, 200);
    }
    QCOMPARE(stored(account, reddit().inboxFullnames(0)), qint64(reddit().inboxCount(0)));
}

void RedditSyncTest::serverErrorsRetried() {
    const qint64 account = m_accounts[0];
    m_sandbox->faults().failNext(FaultKind::ServerError, 2, path(u"/message/inbox"));
    const SyncRun run = m_h->runSync({account});
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    const QList<JournalEntry> inbox = requestsTo(redditJournal(), QStringLiteral("GET"), path(u"/message/inbox"));
    QCOMPARE(inbox[0].status, 503);
    QCOMPARE(inbox[1].status, 503);
    QCOMPARE(inbox[2].status, 200);
    QCOMPARE(inbox[2].rawQuery, inbox[0].rawQuery); // the same page asked again
    QCOMPARE(stored(account, reddit().inboxFullnames(0)), qint64(reddit().inboxCount(0)));
}

void RedditSyncTest::rateLimitBudgetNeverExceeded() {
    // 4 requests per 1.5 s for the whole app (one client id for both accounts); a full sync needs many more.
    m_sandbox->redditSetRateLimit(4, 1500);
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    const QList<JournalEntry> journal = redditJournal();
    for (int i = 0; i < m_accounts.size(); ++i) {
        QVERIFY2(run.ok.value(m_accounts[i]), qPrintable(m_h->sync().status(m_accounts[i]).error.toString()));
        QCOMPARE(stored(m_accounts[i], reddit().inboxFullnames(i)), qint64(reddit().inboxCount(i)));
    }
    int api = 0;
    for (const JournalEntry& e : journal) {
        QVERIFY2(e.status != 429, qPrintable(QStringLiteral("%1 %2 went over the budget").arg(e.method, e.path)));
        api += e.path != path(u"/api/v1/access_token") ? 1 : 0;
    }
    QVERIFY2(api > 8, "the budget never bound: the case proves nothing");
}

void RedditSyncTest::genericUserAgentRefused() {
    // The sandbox refuses what Reddit throttles: no User-Agent of the documented shape.
    net::Request r;
    r.url = QUrl(m_remote[0].baseUrl + QStringLiteral("/api/v1/me"));
    r.retrySafe = false;
    std::optional<net::Result> result;
    m_h->network().send(r, this, [&](net::Result res) { result = std::move(res); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY(!result->hasValue());
    QCOMPARE(result->error().httpStatus, 403);
    QVERIFY(sandbox::RedditRoutes::acceptableUserAgent(connectors::reddit::RedditConnector::userAgent({})));
    QVERIFY(!sandbox::RedditRoutes::acceptableUserAgent(net::NetworkEngine::userAgent()));
    QVERIFY(!sandbox::RedditRoutes::acceptableUserAgent("python-requests/2.31"));
}

QTEST_GUILESS_MAIN(RedditSyncTest)
#include "RedditSyncTest.moc"
