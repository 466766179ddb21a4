// Bluesky end to end through real libcurl and SQLite against the sandbox's XRPC route set, for what a real local
// network cannot be made to do on demand: pages of new notifications arriving between polls, expired and revoked
// sessions, 429 in the PDS's shape, 5xx, a connection lost after the server handled a reply. Every case checks the
// requests sent (the sandbox journal) and what landed in SQLite. BlueskyRealTest covers the same connector against
// a real AT Protocol network.
#include "core/connectors/Connector.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>
#include <memory>

using namespace baton;
using baton::connectors::ModerationAction;
using baton::sandbox::FaultKind;
using baton::sandbox::JournalEntry;
using baton::testing::queryInt;
using baton::testing::queryRow;

namespace {

constexpr qint64 kFixedNow = 1795000000000LL; // 2026-11-19

QString xrpcPath(const char* nsid) {
    return QStringLiteral("/bluesky/xrpc/") + QLatin1String(nsid);
}

QList<JournalEntry> calls(const QList<JournalEntry>& journal, const char* nsid) {
    QList<JournalEntry> out;
    for (const JournalEntry& e : journal) {
        if (e.path == xrpcPath(nsid)) {
            out.append(e);
        }
    }
    return out;
}

} // namespace

class BlueskySyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fullThenIncrementalSync();
    void pagesOfNewNotificationsAreFollowedToTheLastSeen();
    void syncCutShortGoesOnFromTheSamePlace();
    void oneSessionForEverySync();
    void expiredAccessTokenIsRefreshedNotRelogged();
    void revokedSessionLogsInAgain();
    void changedPasswordFlagsTheAccount();
    void rateLimitedInThePdsShapeIsWaitedOut();
    void serverErrorsAreRetried();
    void rateBudgetIsNeverExceeded();
    void replyOnceEvenWhenTheAnswerIsLost();
    void moderationActions();
    void deletedParentFailsTheReplyClearly();

private:
    qint64 incomingCount() {
        return queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'in'", {m_account});
    }
    model::Item newestIncoming() {
        const QStringList row = queryRow(m_h->db(),
                                         "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                                         "ORDER BY created_at DESC LIMIT 1",
                                         {m_account});
        return m_h->item(m_account, row.value(0)).value_or(model::Item{});
    }

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    qint64 m_account = 0;
};

void BlueskySyncTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 10;
    options.blueskyAccounts = 1;
    options.blueskyNotificationsPerAccount = 260; // likes and follows among them: about two pages of posts
    options.rateLimit = 1000000;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));
    for (const sandbox::SandboxAccount& remote : m_sandbox->accounts()) {
        if (remote.network != QLatin1String("bluesky")) {
            continue;
        }
        model::Account account;
        account.network = model::Network::Bluesky;
        account.name = remote.name;
        account.baseUrl = remote.baseUrl;
        m_account = m_h->addAccount(account, remote.token);
    }
    QVERIFY2(m_account > 0, qPrintable(m_h->error()));
}

void BlueskySyncTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

void BlueskySyncTest::fullThenIncrementalSync() {
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    const qint64 first = incomingCount();
    QVERIFY(first > 100);
    // Only posts: the likes, reposts and follows among the notifications are no items.
    QVERIFY(first < m_sandbox->blueskyNotificationCount(0));
    QCOMPARE(queryInt(m_h->db(),
                      "SELECT count(*) FROM items WHERE account_id = ? AND kind NOT IN ('mention', 'reply', 'quote')",
                      {m_account}),
             qint64(0));
    const QList<JournalEntry> listed = calls(m_sandbox->journal(), "app.bsky.notification.listNotifications");
    QVERIFY(listed.size() >= 3); // history pages, then a poll from the top
    for (const JournalEntry& e : listed) {
        QCOMPARE(e.queryValues(QStringLiteral("reasons")),
                 (QStringList{QStringLiteral("mention"), QStringLiteral("reply"), QStringLiteral("quote")}));
        QCOMPARE(e.queryValue(QStringLiteral("limit")), QStringLiteral("100"));
        QVERIFY(e.header(QStringLiteral("authorization")).startsWith(QLatin1String("Bearer ")));
    }
    QCOMPARE(listed.first().queryValue(QStringLiteral("cursor")), QString());
    QVERIFY(!listed.at(1).queryValue(QStringLiteral("cursor")).isEmpty());
    // The account learnt its DID and handle on the way.
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM accounts WHERE id = ? AND remote_id LIKE 'did:%'", {m_account}) ==
            1);

    m_sandbox->clearJournal();
    const QString uri = m_sandbox->blueskyAddMention(0, QStringLiteral("@brand are you open on Sunday? 🌞"));
    QVERIFY(!uri.isEmpty());
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(incomingCount(), first + 1);
    const model::Item added = m_h->item(m_account, uri).value_or(model::Item{});
    QVERIFY(added.id > 0);
    QVERIFY(added.text.contains(QStringLiteral("🌞")));
    // One page from the top reached what was seen: no cursor followed.
    const QList<JournalEntry> poll = calls(m_sandbox->journal(), "app.bsky.notification.listNotifications");
    QCOMPARE(poll.size(), 1);
    QCOMPARE(poll.first().queryValue(QStringLiteral("cursor")), QString());
    QCOMPARE(m_h->syncState(m_account, QStringLiteral("notifications")).backfillCursor, QString());
}

void BlueskySyncTest::pagesOfNewNotificationsAreFollowedToTheLastSeen() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const qint64 before = incomingCount();
    QStringList uris;
    for (int i = 0; i < 230; ++i) {
        uris << m_sandbox->blueskyAddMention(0, QStringLiteral("@brand question number %1").arg(i));
    }
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(incomingCount(), before + 230);
    for (const QString& uri : std::as_const(uris)) {
        QVERIFY2(m_h->item(m_account, uri).has_value(), qPrintable(uri));
    }
    const QList<JournalEntry> poll = calls(m_sandbox->journal(), "app.bsky.notification.listNotifications");
    QCOMPARE(poll.size(), 3); // 100 + 100 + the page that reaches the last seen
    QCOMPARE(poll.at(0).queryValue(QStringLiteral("cursor")), QString());
    QVERIFY(!poll.at(1).queryValue(QStringLiteral("cursor")).isEmpty());
    QVERIFY(!poll.at(2).queryValue(QStringLiteral("cursor")).isEmpty());
    const store::SyncState state = m_h->syncState(m_account, QStringLiteral("notifications"));
    QVERIFY(state.backfillCursor.isEmpty());
    QVERIFY(!state.cursor.contains(u';')); // nothing pending

    // Nothing new: one request.
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(calls(m_sandbox->journal(), "app.bsky.notification.listNotifications").size(), 1);
    QCOMPARE(incomingCount(), before + 230);
}

void BlueskySyncTest::syncCutShortGoesOnFromTheSamePlace() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const qint64 before = incomingCount();
    const store::SyncState start = m_h->syncState(m_account, QStringLiteral("notifications"));
    QStringList uris;
    for (int i = 0; i < 150; ++i) {
        uris << m_sandbox->blueskyAddMention(0, QStringLiteral("@brand ticket %1 still open").arg(i));
    }
    // The first page of the poll is stored with its state in one transaction, as the engine does; then the
    // process stops before the second page.
    connectors::Connector* c = m_h->connectorFor(m_account);
    QVERIFY(c);
    bool done = false;
    std::optional<Expected<connectors::Page, Error>> page;
    c->fetchPage(start, m_h.get(), [&](Expected<connectors::Page, Error> p) {
        done = true;
        page = std::move(p);
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
    QVERIFY(page->hasValue());
    const connectors::Page first = **page;
    QCOMPARE(first.items.size(), qsizetype(100));
    // New all through: the mark stays, the newest seen is pending, the cursor to older pages is kept.
    QVERIFY(first.more);
    QVERIFY(!first.state.backfillCursor.isEmpty());
    QCOMPARE(first.state.cursor.section(u';', 0, 0), start.cursor);
    QVERIFY(!first.state.cursor.section(u';', 1, 1).isEmpty());
    auto saved = m_h->store().writer().run([&](store::Database& d, store::ChangeSet& changes) -> Expected<void, Error> {
        if (auto r = store::ItemRepository::upsert(d, m_account, first.items, kFixedNow, changes); !r) {
            return unexpected(r.error());
        }
        return store::SyncStateRepository::save(d, first.state, changes);
    });
    QVERIFY(saved.hasValue());
    QCOMPARE(incomingCount(), before + 100);

    // After the restart the sync goes on from the kept cursor down to the last seen: nothing is skipped.
    m_h->sync().forgetConnector(m_account);
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(incomingCount(), before + 150);
    for (const QString& uri : std::as_const(uris)) {
        QVERIFY2(m_h->item(m_account, uri).has_value(), qPrintable(uri));
    }
    const QList<JournalEntry> resumed = calls(m_sandbox->journal(), "app.bsky.notification.listNotifications");
    QCOMPARE(resumed.first().queryValue(QStringLiteral("cursor")), first.state.backfillCursor);
    const QString mark = m_h->syncState(m_account, QStringLiteral("notifications")).cursor;
    QVERIFY(!mark.contains(u';'));
    QCOMPARE(mark, first.state.cursor.section(u';', 1, 1)); // the pending newest became the mark

    // And the next poll starts from the top and stops at once.
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(calls(m_sandbox->journal(), "app.bsky.notification.listNotifications").size(), 1);
}

void BlueskySyncTest::oneSessionForEverySync() {
    for (int i = 0; i < 3; ++i) {
        QVERIFY(m_h->runSync({m_account}).allOk());
    }
    m_h->sync().forgetConnector(m_account); // as after a restart: the kept session is used
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(m_sandbox->blueskySessionsCreated(0), 1);
    QCOMPARE(calls(m_sandbox->journal(), "com.atproto.server.createSession").size(), 1);
    const QJsonObject secret = QJsonDocument::fromJson(m_h->secretOf(m_account).toUtf8()).object();
    QVERIFY(!secret.value(QLatin1String("refreshJwt")).toString().isEmpty());
    QVERIFY(!secret.value(QLatin1String("password")).toString().isEmpty()); // still there for a later login
}

void BlueskySyncTest::expiredAccessTokenIsRefreshedNotRelogged() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const QString before = m_h->secretOf(m_account);
    m_sandbox->blueskyExpireAccessTokens();
    m_sandbox->blueskyAddMention(0);
    m_sandbox->clearJournal();
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    const QList<JournalEntry> j = m_sandbox->journal();
    const QList<JournalEntry> listed = calls(j, "app.bsky.notification.listNotifications");
    QVERIFY(listed.size() >= 2);
    QCOMPARE(listed.first().status, 400); // ExpiredToken
    QCOMPARE(listed.last().status, 200);
    QCOMPARE(calls(j, "com.atproto.server.refreshSession").size(), 1);
    QCOMPARE(calls(j, "com.atproto.server.createSession").size(), 0);
    QCOMPARE(m_sandbox->blueskyRefreshes(0), 1);
    QVERIFY(m_h->secretOf(m_account) != before); // the rotated refresh token is kept
    QVERIFY(m_h->lastError(m_account).isEmpty());
}

void BlueskySyncTest::revokedSessionLogsInAgain() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    QVERIFY(m_sandbox->blueskyRevokeSessions(0));
    m_sandbox->clearJournal();
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    const QList<JournalEntry> j = m_sandbox->journal();
    QCOMPARE(calls(j, "com.atproto.server.refreshSession").size(), 1); // refused
    QCOMPARE(calls(j, "com.atproto.server.refreshSession").first().status, 400);
    QCOMPARE(calls(j, "com.atproto.server.createSession").size(), 1);
    QCOMPARE(m_sandbox->blueskySessionsCreated(0), 2);
}

void BlueskySyncTest::changedPasswordFlagsTheAccount() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    QVERIFY(m_sandbox->blueskyChangePassword(0, QStringLiteral("a-new-app-password")));
    QVERIFY(m_sandbox->blueskyRevokeSessions(0));
    m_sandbox->clearJournal();
    const testing::SyncRun run = m_h->runSync({m_account});
    QVERIFY(run.finished);
    QVERIFY(!run.ok.value(m_account, true));
    const QString error = m_h->lastError(m_account);
    QVERIFY2(error.contains(QStringLiteral("refused the handle or app password")), qPrintable(error));
    // One login attempt, not a loop that would spend the account's daily createSession budget.
    QCOMPARE(calls(m_sandbox->journal(), "com.atproto.server.createSession").size(), 1);
    QCOMPARE(calls(m_sandbox->journal(), "com.atproto.server.createSession").first().status, 401);
}

void BlueskySyncTest::rateLimitedInThePdsShapeIsWaitedOut() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const QString uri = m_sandbox->blueskyAddMention(0);
    m_sandbox->clearJournal();
    m_sandbox->faults().rateLimitUntil(QDateTime::currentMSecsSinceEpoch() + 1500,
                                       xrpcPath("app.bsky.notification.listNotifications"));
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    QVERIFY(m_h->item(m_account, uri).has_value());
    const QList<JournalEntry> listed = calls(m_sandbox->journal(), "app.bsky.notification.listNotifications");
    QCOMPARE(listed.first().status, 429);
    QCOMPARE(listed.first().fault, QStringLiteral("rate-limit"));
    QCOMPARE(listed.last().status, 200);
    // Waited for the window instead of hammering: a handful of attempts at most.
    QVERIFY(listed.size() <= 4);
}

void BlueskySyncTest::serverErrorsAreRetried() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const QString uri = m_sandbox->blueskyAddMention(0);
    m_sandbox->clearJournal();
    m_sandbox->faults().failNext(FaultKind::ServerError, 1, xrpcPath("app.bsky.notification.listNotifications"));
    m_sandbox->faults().failNext(FaultKind::BadGateway, 1, xrpcPath("app.bsky.notification.listNotifications"));
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    QVERIFY(m_h->item(m_account, uri).has_value());
    const QList<JournalEntry> listed = calls(m_sandbox->journal(), "app.bsky.notification.listNotifications");
    QCOMPARE(listed.size(), 3);
    QCOMPARE(listed.at(0).status, 503);
    QCOMPARE(listed.at(1).status, 502);
    QCOMPARE(listed.at(2).status, 200);
}

void BlueskySyncTest::rateBudgetIsNeverExceeded() {
    // A PDS allowing 4 requests a second from this address; a full sync needs several times that. The connector
    // must wait on the RateLimit-* headers instead of running into 429s.
    cleanup();
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 10;
    options.blueskyNotificationsPerAccount = 1500;
    options.blueskyRateLimit = 4;
    options.blueskyRateWindowMs = 1000;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    for (const sandbox::SandboxAccount& remote : m_sandbox->accounts()) {
        if (remote.network == QLatin1String("bluesky")) {
            model::Account account;
            account.network = model::Network::Bluesky;
            account.name = remote.name;
            account.baseUrl = remote.baseUrl;
            m_account = m_h->addAccount(account, remote.token);
        }
    }
    QVERIFY(m_account > 0);
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    QList<qint64> arrivals;
    for (const JournalEntry& e : m_sandbox->journal()) {
        if (!e.path.startsWith(QLatin1String("/bluesky/"))) {
            continue;
        }
        arrivals.append(e.receivedAtMs);
        QVERIFY2(e.status != 429, qPrintable(e.path + QStringLiteral(" went over the budget")));
    }
    // More requests than one window holds, so the sync had to wait for windows to pass, and took that long.
    QVERIFY2(arrivals.size() > 8, "the budget never bound: the case proves nothing");
    QVERIFY(arrivals.constLast() - arrivals.constFirst() >= (arrivals.size() / 4 - 1) * 1000 - 100);
    QVERIFY(incomingCount() > 100);
}

void BlueskySyncTest::replyOnceEvenWhenTheAnswerIsLost() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const model::Item parent = newestIncoming();
    QVERIFY(parent.id > 0);
    const QString text = QStringLiteral("Yes, from 10 to 16 on Sundays. Merci @%1!").arg(parent.author.handle);
    const qint64 outboxId = m_h->enqueueReply(m_account, parent.id, parent.remoteId, text,
                                              QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_sandbox->clearJournal();
    // The PDS stores the post, then the connection drops before the answer.
    m_sandbox->faults().failNext(FaultKind::ResetAfterHandling, 1, xrpcPath("com.atproto.repo.createRecord"));
    // The failed createRecord is not repeated blindly: its record key is looked up, found, and the reply is sent.
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));
    QCOMPARE(m_sandbox->blueskyRepliesWithText(parent.remoteId, text), 1);
    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry && entry->state == model::OutboxState::Sent);
    const model::Item ours = m_h->item(m_account, entry->remoteId).value_or(model::Item{});
    QVERIFY(ours.direction == model::Direction::Outgoing);
    QCOMPARE(ours.parentRemoteId, parent.remoteId);

    const QList<JournalEntry> j = m_sandbox->journal();
    const QList<JournalEntry> creates = calls(j, "com.atproto.repo.createRecord");
    QCOMPARE(creates.size(), 1);
    QCOMPARE(creates.first().fault, QStringLiteral("reset-after-handling")); // no answer reached the client
    const QJsonObject body = QJsonDocument::fromJson(creates.first().body).object();
    const QString rkey = body.value(QLatin1String("rkey")).toString();
    QCOMPARE(rkey.size(), 13);
    for (const JournalEntry& e : creates) {
        QCOMPARE(QJsonDocument::fromJson(e.body).object().value(QLatin1String("rkey")).toString(), rkey);
    }
    const QJsonObject record = body.value(QLatin1String("record")).toObject();
    QCOMPARE(record.value(QLatin1String("text")).toString(), text);
    QCOMPARE(record.value(QLatin1String("reply"))
                 .toObject()
                 .value(QLatin1String("parent"))
                 .toObject()
                 .value(QLatin1String("uri"))
                 .toString(),
             parent.remoteId);
    QVERIFY(!record.value(QLatin1String("reply"))
                 .toObject()
                 .value(QLatin1String("root"))
                 .toObject()
                 .value(QLatin1String("cid"))
                 .toString()
                 .isEmpty());
    // The lost answer was checked with getRecord, not trusted or blindly repeated into a duplicate.
    QVERIFY(!calls(j, "com.atproto.repo.getRecord").isEmpty());
}

void BlueskySyncTest::moderationActions() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const model::Item item = newestIncoming();
    const QString did = item.author.remoteId;
    QVERIFY(did.startsWith(QLatin1String("did:")));
    QCOMPARE(m_h->connectorFor(m_account)->moderationActions(item),
             (QList<ModerationAction>{ModerationAction::MuteThread, ModerationAction::MuteAuthor,
                                      ModerationAction::BlockAuthor, ModerationAction::Report}));
    m_sandbox->clearJournal();

    QVERIFY(m_h->moderate(m_account, ModerationAction::MuteAuthor, item).hasValue());
    QVERIFY(m_sandbox->blueskyIsMuted(0, did));
    QVERIFY(m_h->moderate(m_account, ModerationAction::MuteThread, item).hasValue());
    QVERIFY(m_sandbox->blueskyIsThreadMuted(0, item.threadRemoteId));
    QVERIFY(m_h->moderate(m_account, ModerationAction::BlockAuthor, item).hasValue());
    QVERIFY(m_sandbox->blueskyIsBlocked(0, did));
    auto reported = m_h->moderate(m_account, ModerationAction::Report, item, QStringLiteral("Scam link"));
    QVERIFY2(reported, qPrintable(reported ? QString() : reported.error().toString()));
    QCOMPARE(m_sandbox->blueskyReports(0), 1);
    const QList<JournalEntry> j = m_sandbox->journal();
    const QJsonObject report =
        QJsonDocument::fromJson(calls(j, "com.atproto.moderation.createReport").first().body).object();
    QCOMPARE(report.value(QLatin1String("reason")).toString(), QStringLiteral("Scam link"));
    QCOMPARE(report.value(QLatin1String("subject")).toObject().value(QLatin1String("uri")).toString(), item.remoteId);
    QVERIFY(!report.value(QLatin1String("subject")).toObject().value(QLatin1String("cid")).toString().isEmpty());
    QCOMPARE(calls(j, "app.bsky.graph.muteActor").size(), 1);

    // Our own reply can be deleted, and only that.
    const qint64 outboxId = m_h->enqueueReply(m_account, item.id, item.remoteId, QStringLiteral("On it."),
                                              QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));
    const model::Item ours =
        m_h->item(m_account, store::OutboxRepository::byId(m_h->db(), outboxId)->remoteId).value_or(model::Item{});
    QVERIFY(m_sandbox->blueskyPostExists(ours.remoteId));
    QCOMPARE(m_h->connectorFor(m_account)->moderationActions(ours),
             QList<ModerationAction>{ModerationAction::DeleteOwn});
    QVERIFY(m_h->moderate(m_account, ModerationAction::DeleteOwn, ours).hasValue());
    QVERIFY(!m_sandbox->blueskyPostExists(ours.remoteId));
    auto refused = m_h->moderate(m_account, ModerationAction::DeleteOwn, item); // someone else's post
    QVERIFY(!refused);
    QVERIFY(refused.error().code == ErrorCode::InvalidArgument);
    QVERIFY(m_sandbox->blueskyPostExists(item.remoteId));
}

void BlueskySyncTest::deletedParentFailsTheReplyClearly() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const model::Item parent = newestIncoming();
    QVERIFY(m_sandbox->blueskyDeletePost(parent.remoteId));
    const qint64 outboxId = m_h->enqueueReply(m_account, parent.id, parent.remoteId, QStringLiteral("Too late?"),
                                              QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{0, 1}));
    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry && entry->state != model::OutboxState::Sent);
    QCOMPARE(entry->text, QStringLiteral("Too late?")); // kept for the user
    QVERIFY2(entry->lastError.contains(QStringLiteral("NotFound")) ||
                 entry->lastError.contains(QStringLiteral("deleted")),
             qPrintable(entry->lastError));
    QCOMPARE(calls(m_sandbox->journal(), "com.atproto.repo.createRecord").size(), 0);
}

QTEST_GUILESS_MAIN(BlueskySyncTest)
#include "BlueskySyncTest.moc"
