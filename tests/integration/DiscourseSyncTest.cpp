// Discourse end to end: SyncEngine, OutboxSender and DiscourseConnector through real libcurl (NetworkEngine) to the
// in-process sandbox forum on port 0, into a real SQLite store. Each case checks what the client sent (the
// sandbox's journal) and what landed in the database.
#include "core/common/Ids.h"
#include "core/connectors/Connector.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/SyncStateRepository.h"
#include "tests/support/JournalProbe.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <memory>

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
constexpr qint64 kFixedNow = 1795334400000; // 2026-11-22T08:00:00.000Z: the same forum on every run

QList<JournalEntry> discourseRequests(const QList<JournalEntry>& journal, const QString& account = {}) {
    return baton::testing::inRouteSet(journal, QStringLiteral("discourse"), account);
}

} // namespace

class DiscourseSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void fullSync();
    void incrementalSync();
    void threadContext();
    void replyThroughOutbox();
    void replyConnectionLostIsNotPostedTwice();
    void moderation_data();
    void moderation();
    void revokedKeyFlagsTheAccount();
    void rateLimitedInDiscourseShape();
    void serverErrorsRetried();
    void userKeyBudgetNeverExceeded();
    void userKeyPlainTextLimitWaitsThenResumes();
    void sandboxQuirks();

private:
    bool budgetCase() const { return qstrcmp(QTest::currentTestFunction(), "userKeyBudgetNeverExceeded") == 0; }
    bool quirksCase() const { return qstrcmp(QTest::currentTestFunction(), "sandboxQuirks") == 0; }
    // The forum limits user keys harder than the client believes: its middleware answers 429 in plain text.
    bool plainLimitCase() const {
        return qstrcmp(QTest::currentTestFunction(), "userKeyPlainTextLimitWaitsThenResumes") == 0;
    }

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    QList<sandbox::SandboxAccount> m_remote; // [0] admin key "Baton Forum", [1] user API key "Atelier Forum"
    QList<qint64> m_accounts;
};

void DiscourseSyncTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 0;
    options.people = 90;
    options.discourseTopics = 70;
    options.discourseAdminRateLimit = 100000;
    options.discourseUserRateLimit = budgetCase() ? 5 : (quirksCase() ? 3 : (plainLimitCase() ? 8 : 100000));
    options.discourseRateWindowMs = budgetCase() ? 1000 : (plainLimitCase() ? 2000 : 60000);
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));

    m_remote.clear();
    m_accounts.clear();
    for (const sandbox::SandboxAccount& a : m_sandbox->accounts()) {
        if (a.network == QLatin1String("discourse")) {
            m_remote.append(a);
        }
    }
    QCOMPARE(m_remote.size(), 2);
    QVERIFY(m_remote[0].token.contains(u':'));  // username:key, an admin key
    QVERIFY(!m_remote[1].token.contains(u':')); // a user API key
    for (const sandbox::SandboxAccount& remote : std::as_const(m_remote)) {
        model::Account account;
        account.network = model::Network::Discourse;
        account.name = remote.name;
        account.baseUrl = remote.baseUrl;
        // The sandbox is generous outside the budget case; so is the client, to keep the tests fast.
        account.settings.insert(QStringLiteral("rate_limit"), budgetCase() ? 5 : 100000);
        account.settings.insert(QStringLiteral("rate_window_ms"), budgetCase() ? 1000 : 60000);
        // The forum's history ends at kFixedNow, days before the wall clock the connector measures history by.
        account.settings.insert(QStringLiteral("history_days"), 60);
        const qint64 id = m_h->addAccount(account, remote.token);
        QVERIFY2(id > 0, qPrintable(m_h->error()));
        m_accounts.append(id);
    }
}

void DiscourseSyncTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

// ---- cases ----

void DiscourseSyncTest::fullSync() {
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    const QList<JournalEntry> journal = m_sandbox->journal();
    for (int i = 0; i < m_accounts.size(); ++i) {
        const qint64 id = m_accounts[i];
        QVERIFY2(run.ok.value(id), qPrintable(m_h->sync().status(id).error.toString()));
        QVERIFY(m_h->lastError(id).isEmpty());
        QCOMPARE(queryText(m_h->db(), "SELECT remote_id FROM accounts WHERE id = ?", {id}), m_remote[i].remoteId);

        const qint64 stored = queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id});
        QVERIFY2(stored > 20, qPrintable(QString::number(stored)));
        QCOMPARE(
            queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND network <> 'discourse'", {id}),
            qint64(0));
        // Categories became communities; only watched ones hold incoming posts (a mention anywhere comes
        // through notifications).
        const QStringList communities =
            queryColumn(m_h->db(), "SELECT name FROM communities WHERE account_id = ? ORDER BY name", {id});
        const QStringList watched =
            i == 0 ? QStringList{QStringLiteral("Bugs"), QStringLiteral("Feature requests"), QStringLiteral("Support")}
                   : QStringList{QStringLiteral("Français"), QStringLiteral("Showcase")};
        for (const QString& name : watched) {
            QVERIFY2(communities.contains(name), qPrintable(communities.join(u',')));
        }
        QCOMPARE(queryInt(m_h->db(),
                          "SELECT count(*) FROM items i JOIN communities c ON c.id = i.community_id WHERE "
                          "i.account_id = ? AND i.direction = 'in' AND i.notification_id IS NULL AND c.name NOT IN "
                          "('Bugs', 'Feature requests', "
                          "'Support', 'Français', 'Showcase')",
                          {id}),
                 qint64(0));
        // Every item has text and a link to the post; authors have avatars with a size.
        QCOMPARE(queryInt(m_h->db(),
                          "SELECT count(*) FROM items WHERE account_id = ? AND (url NOT LIKE 'http://%/t/%')", {id}),
                 qint64(0));
        // Both streams finished their history and kept a cursor.
        for (const QString& stream : {QStringLiteral("notifications"), QStringLiteral("posts")}) {
            const store::SyncState s = store::SyncStateRepository::get(m_h->db(), id, stream);
            QVERIFY2(s.backfillDone, qPrintable(stream));
            QVERIFY2(!s.cursor.isEmpty() && !s.cursor.contains(u':'), qPrintable(stream + u' ' + s.cursor));
        }
        // The key went in the documented headers, and only those.
        const QList<JournalEntry> mine = discourseRequests(journal, m_remote[i].name);
        QVERIFY(!mine.isEmpty());
        for (const JournalEntry& e : mine) {
            if (i == 0) {
                QCOMPARE(e.header(QStringLiteral("api-username")), m_remote[0].acct);
                QVERIFY(!e.header(QStringLiteral("api-key")).isEmpty());
                QVERIFY(e.header(QStringLiteral("user-api-key")).isEmpty());
            } else {
                QCOMPARE(e.header(QStringLiteral("user-api-key")), m_remote[1].token);
                QVERIFY(e.header(QStringLiteral("api-key")).isEmpty());
            }
            QCOMPARE(e.status, 200);
        }
    }
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    const qint64 admin = m_accounts[0];
    // Mentions and replies came through notifications, with their notification ids.
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'mention' AND notification_id IS "
                     "NOT NULL",
                     {admin}) > 0);
    // The team's own answers are outgoing replies linked to stored posts.
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items r JOIN items p ON p.account_id = r.account_id AND p.remote_id = "
                     "r.parent_remote_id WHERE r.account_id = ? AND r.direction = 'out' AND r.kind = 'reply'",
                     {admin}) > 0);
    // The private message to the user-key account is a direct message.
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'dm'", {m_accounts[1]}) >
            0);
    // Deleted and hidden-from-us posts are not stored as text.
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE text LIKE '%(post deleted by author)%'"), qint64(0));
}

void DiscourseSyncTest::incrementalSync() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const qint64 before = itemCount(m_h->db());
    const QString edited = queryText(m_h->db(),
                                     "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                                     "ORDER BY created_at DESC LIMIT 1",
                                     {account});
    QVERIFY(m_sandbox->discourseEditPost(edited.toInt(), QStringLiteral("Edited: it works after the update 🎉")));
    const int fresh =
        m_sandbox->discourseAddPost(0, QStringLiteral("The export to CSV drops accents like é & ü"), true);
    QVERIFY(fresh > 0);
    m_sandbox->clearJournal();

    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QList<JournalEntry> journal = discourseRequests(m_sandbox->journal());
    // Forward polls only: the newest page of each listing, no history walk.
    const QList<JournalEntry> latest =
        requestsTo(journal, QStringLiteral("GET"), QStringLiteral("/discourse/posts.json"));
    QCOMPARE(latest.size(), 1);
    QVERIFY(latest[0].queryValue(QStringLiteral("before")).isEmpty());
    QCOMPARE(requestsTo(journal, QStringLiteral("GET"), QStringLiteral("/discourse/notifications.json")).size(), 1);
    QVERIFY(requestsTo(journal, QStringLiteral("GET"), QStringLiteral("/discourse/categories.json")).isEmpty());

    // The new post is stored once, as a mention from its notification, in its category.
    QCOMPARE(itemCount(m_h->db()), before + 1);
    const QStringList row = queryRow(m_h->db(),
                                     "SELECT kind, text, notification_id IS NOT NULL, c.name FROM items i JOIN "
                                     "communities c ON c.id = i.community_id WHERE i.account_id = ? AND "
                                     "i.remote_id = ?",
                                     {account, QString::number(fresh)});
    QCOMPARE(row.size(), 4);
    QCOMPARE(row[0], QStringLiteral("mention"));
    QCOMPARE(row[1], QStringLiteral("@baton The export to CSV drops accents like é & ü"));
    QCOMPARE(row[2], QStringLiteral("1"));
    QVERIFY(!row[3].isEmpty());
    // The cursor moved to the new post.
    QCOMPARE(store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("posts")).cursor,
             QString::number(fresh));
    // The edit, seen on the newest page, replaced the stored text.
    QCOMPARE(queryText(m_h->db(), "SELECT text FROM items WHERE account_id = ? AND remote_id = ?", {account, edited}),
             QStringLiteral("Edited: it works after the update 🎉"));
}

void DiscourseSyncTest::threadContext() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QString remoteId = queryText(m_h->db(),
                                       "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' AND "
                                       "kind = 'mention' ORDER BY id DESC LIMIT 1",
                                       {account});
    const auto item = store::ItemRepository::byRemoteId(m_h->db(), account, remoteId);
    QVERIFY(item.has_value());
    const int topic = m_sandbox->discourseTopicOfPost(remoteId.toInt());
    QVERIFY(topic > 0);
    QCOMPARE(item->threadRemoteId, QStringLiteral("topic:%1").arg(topic));
    connectors::Connector* c = m_h->connectorFor(account);
    QVERIFY(c != nullptr);
    m_sandbox->clearJournal();
    std::optional<Expected<QList<model::Item>, Error>> thread;
    c->fetchThread(*item, this, [&thread](Expected<QList<model::Item>, Error> r) { thread = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return thread.has_value(); }, kTimeoutMs));
    QVERIFY2(thread->hasValue(), qPrintable(thread->hasValue() ? QString() : thread->error().toString()));
    const QList<model::Item>& posts = **thread;
    QVERIFY(posts.size() >= 2);
    bool found = false;
    for (const model::Item& p : posts) {
        found = found || p.remoteId == remoteId;
        QCOMPARE(p.threadRemoteId, item->threadRemoteId);
    }
    QVERIFY(found);
    QVERIFY(posts.constFirst().kind == model::Kind::Post);
    const QList<JournalEntry> journal = m_sandbox->journal();
    QCOMPARE(requestsTo(journal, QStringLiteral("GET"), QStringLiteral("/discourse/t/%1.json").arg(topic)).size(), 1);
}

void DiscourseSyncTest::replyThroughOutbox() {
    const qint64 account = m_accounts[1]; // a user API key: a regular member
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QStringList parent = queryRow(m_h->db(),
                                        "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                                        "ORDER BY id DESC LIMIT 1",
                                        {account});
    QCOMPARE(parent.size(), 2);
    const QString text = QStringLiteral("Merci ! C’est corrigé dans la version 2.1, dites-nous si ça marche.");
    QVERIFY(m_h->enqueueReply(account, parent[0].toLongLong(), parent[1], text) > 0);
    m_sandbox->clearJournal();
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(m_sandbox->discoursePostsCreated(), 1);

    const QList<JournalEntry> posts =
        requestsTo(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/discourse/posts.json"));
    QCOMPARE(posts.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(posts[0].body).object();
    QCOMPARE(body.value(QStringLiteral("raw")).toString(), text);
    QCOMPARE(body.value(QStringLiteral("topic_id")).toInt(), m_sandbox->discourseTopicOfPost(parent[1].toInt()));
    QVERIFY(body.value(QStringLiteral("reply_to_post_number")).toInt() >= 1);

    const QStringList reply = queryRow(m_h->db(),
                                       "SELECT direction, kind, parent_remote_id, text FROM items WHERE account_id = ? "
                                       "AND direction = 'out' ORDER BY created_at DESC, id DESC LIMIT 1",
                                       {account});
    QCOMPARE(reply, (QStringList{QStringLiteral("out"), QStringLiteral("reply"), parent[1], text}));
}

void DiscourseSyncTest::replyConnectionLostIsNotPostedTwice() {
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const QStringList parent = queryRow(m_h->db(),
                                        "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                                        "AND kind = 'mention' ORDER BY id DESC LIMIT 1",
                                        {account});
    QCOMPARE(parent.size(), 2);
    const qint64 outboxId =
        m_h->enqueueReply(account, parent[0].toLongLong(), parent[1], QStringLiteral("Thanks, a fix is on its way."));
    QVERIFY(outboxId > 0);
    const qint64 before = itemCount(m_h->db());
    m_sandbox->clearJournal();

    // The forum creates the post, then the connection drops before the answer: the client cannot know.
    m_sandbox->faults().failNext(FaultKind::ResetAfterHandling, 1, QStringLiteral("/discourse/posts.json"));
    const std::pair<int, int> firstFlush = m_h->flushOutbox(account);
    QCOMPARE(firstFlush, (std::pair{0, 1}));
    QCOMPARE(m_sandbox->discoursePostsCreated(), 1);
    auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry.has_value());
    QCOMPARE(model::toString(entry->state), QStringLiteral("queued")); // transient: tried again later

    // The retry is due now: the lookup finds the post, nothing is posted again.
    const auto due = m_h->store().writer().run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
        store::Statement st(d, "UPDATE outbox SET next_attempt_at = 0 WHERE id = ?");
        st.bind(1, outboxId);
        c.outboxChanged = true;
        return st.exec();
    });
    QVERIFY(due.hasValue());
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(m_sandbox->discoursePostsCreated(), 1);
    QCOMPARE(requestsTo(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/discourse/posts.json")).size(),
             1);
    entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    QCOMPARE(itemCount(m_h->db()), before + 1);
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), account, entry->remoteId);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->parentRemoteId, parent[1]);

    // Called once more for the same entry (as after a crash), the connector still finds it.
    connectors::Connector* c = m_h->connectorFor(account);
    QVERIFY(c != nullptr);
    std::optional<Expected<model::Item, Error>> again;
    c->postReply(*entry, this, [&again](Expected<model::Item, Error> r) { again = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return again.has_value(); }, kTimeoutMs));
    QVERIFY2(again->hasValue(), qPrintable(again->hasValue() ? QString() : again->error().toString()));
    QCOMPARE((*again)->remoteId, entry->remoteId);
    QCOMPARE(m_sandbox->discoursePostsCreated(), 1);
}

void DiscourseSyncTest::moderation_data() {
    QTest::addColumn<connectors::ModerationAction>("action");
    QTest::addColumn<QString>("requests"); // method path, ...; %P post id, %T topic id
    QTest::newRow("hide") << connectors::ModerationAction::Hide
                          << QStringLiteral("POST /post_actions.json,GET /review/%R.json,"
                                            "PUT /review/%R/perform/agree_and_hide.json");
    QTest::newRow("report") << connectors::ModerationAction::Report << QStringLiteral("POST /post_actions.json");
    QTest::newRow("remove") << connectors::ModerationAction::Remove << QStringLiteral("DELETE /posts/%P.json");
    QTest::newRow("close topic") << connectors::ModerationAction::CloseTopic << QStringLiteral("PUT /t/%T/status.json");
    QTest::newRow("delete own") << connectors::ModerationAction::DeleteOwn << QStringLiteral("DELETE /posts/%P.json");
}

void DiscourseSyncTest::moderation() {
    QFETCH(connectors::ModerationAction, action);
    QFETCH(QString, requests);
    const qint64 account = m_accounts[0];
    QVERIFY(m_h->runSync({account}).ok.value(account));
    const bool own = action == connectors::ModerationAction::DeleteOwn;
    const QString remoteId =
        queryText(m_h->db(),
                  own ? "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'out' AND kind = 'reply' "
                        "ORDER BY id DESC LIMIT 1"
                      : "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' AND kind = 'mention' "
                        "ORDER BY id DESC LIMIT 1",
                  {account});
    const auto item = store::ItemRepository::byRemoteId(m_h->db(), account, remoteId);
    QVERIFY(item.has_value());
    connectors::Connector* c = m_h->connectorFor(account);
    QVERIFY(c != nullptr);
    QVERIFY(c->moderationActions(*item).contains(action));
    m_sandbox->clearJournal();
    std::optional<Expected<bool, Error>> done;
    c->moderate(action, *item, QStringLiteral("Off-topic advertising"), this,
                [&done](Expected<bool, Error> r) { done = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return done.has_value(); }, kTimeoutMs));
    QVERIFY2(done->hasValue(), qPrintable(done->hasValue() ? QString() : done->error().toString()));

    const int postId = remoteId.toInt();
    const int topicId = m_sandbox->discourseTopicOfPost(postId);
    QStringList sent;
    QString reviewable;
    for (const JournalEntry& e : discourseRequests(m_sandbox->journal())) {
        QCOMPARE(e.status, 200);
        QString path = e.path.mid(QStringLiteral("/discourse").size());
        if (path.startsWith(QLatin1String("/review/"))) {
            reviewable = path.section(u'/', 2, 2).section(u'.', 0, 0);
        }
        sent << QString(e.method + u' ' + path);
    }
    QString expected = requests;
    expected.replace(QStringLiteral("%P"), QString::number(postId))
        .replace(QStringLiteral("%T"), QString::number(topicId))
        .replace(QStringLiteral("%R"), reviewable);
    QCOMPARE(sent.join(u','), expected);

    switch (action) {
    case connectors::ModerationAction::Hide:
        QVERIFY(m_sandbox->discoursePostHidden(postId));
        QCOMPARE(m_sandbox->discourseFlags(postId), 1);
        break;
    case connectors::ModerationAction::Report: {
        QCOMPARE(m_sandbox->discourseFlags(postId), 1);
        QVERIFY(!m_sandbox->discoursePostHidden(postId));
        const QJsonObject body = QJsonDocument::fromJson(m_sandbox->journal().constLast().body).object();
        QCOMPARE(body.value(QStringLiteral("post_action_type_id")).toInt(), 7);
        QCOMPARE(body.value(QStringLiteral("message")).toString(), QStringLiteral("Off-topic advertising"));
        break;
    }
    case connectors::ModerationAction::Remove:
    case connectors::ModerationAction::DeleteOwn:
        QVERIFY(m_sandbox->discoursePostDeleted(postId));
        break;
    case connectors::ModerationAction::CloseTopic:
        QVERIFY(m_sandbox->discourseTopicClosed(topicId));
        break;
    default:
        QFAIL("unexpected action");
    }
}

void DiscourseSyncTest::revokedKeyFlagsTheAccount() {
    QVERIFY(m_sandbox->discourseRevokeKey(1));
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    QVERIFY(run.ok.value(m_accounts[0]));
    QVERIFY(!run.ok.value(m_accounts[1]));
    QVERIFY(m_h->sync().status(m_accounts[1]).error.code == ErrorCode::Unauthorized);
    const QString error = m_h->lastError(m_accounts[1]);
    QVERIFY2(error.contains(QStringLiteral("API key was rejected")), qPrintable(error));
    QVERIFY(m_h->lastError(m_accounts[0]).isEmpty());
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_accounts[1]}), qint64(0));
    // The forum said so with its own error body.
    const QList<JournalEntry> rejected = discourseRequests(m_sandbox->journal());
    bool sawForbidden = false;
    for (const JournalEntry& e : rejected) {
        sawForbidden =
            sawForbidden || (e.status == 403 && e.header(QStringLiteral("user-api-key")) == m_remote[1].token);
    }
    QVERIFY(sawForbidden);
}

void DiscourseSyncTest::rateLimitedInDiscourseShape() {
    const qint64 account = m_accounts[0];
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 1200;
    m_sandbox->faults().rateLimitUntil(until, QStringLiteral("/discourse/posts.json"));
    const SyncRun run = m_h->runSync({account});
    QVERIFY(run.finished);
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    const QList<JournalEntry> latest =
        requestsTo(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/discourse/posts.json"));
    QVERIFY(latest.size() >= 2);
    QCOMPARE(latest[0].status, 429);
    QCOMPARE(latest[0].fault, QStringLiteral("rate-limit"));
    // The client waited for Retry-After before it asked again, then walked the history.
    QCOMPARE(latest[1].status, 200);
    QVERIFY2(latest[1].receivedAtMs >= until - 50, qPrintable(QString::number(until - latest[1].receivedAtMs)));
    QVERIFY(store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("posts")).backfillDone);
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {account}) > 0);
}

void DiscourseSyncTest::serverErrorsRetried() {
    const qint64 account = m_accounts[0];
    m_sandbox->faults().failNext(FaultKind::ServerError, 2, QStringLiteral("/discourse/notifications.json"));
    m_sandbox->faults().failNext(FaultKind::BadGateway, 1, QStringLiteral("/discourse/posts.json"));
    const SyncRun run = m_h->runSync({account});
    QVERIFY(run.finished);
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> notifications =
        requestsTo(journal, QStringLiteral("GET"), QStringLiteral("/discourse/notifications.json"));
    QCOMPARE(notifications.size(), 3);
    QCOMPARE(notifications[0].status, 503);
    QCOMPARE(notifications[1].status, 503);
    QCOMPARE(notifications[2].status, 200);
    const QList<JournalEntry> latest =
        requestsTo(journal, QStringLiteral("GET"), QStringLiteral("/discourse/posts.json"));
    QCOMPARE(latest[0].status, 502);
    QCOMPARE(latest[1].status, 200);
    QCOMPARE(latest[1].rawQuery, latest[0].rawQuery);
    QCOMPARE(m_sandbox->faults().pendingFaults(), 0);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

// The user API key's per-minute budget (here 5 per second) is never exceeded: the client paces its requests,
// so the forum never has to refuse one.
void DiscourseSyncTest::userKeyBudgetNeverExceeded() {
    const qint64 account = m_accounts[1];
    const SyncRun run = m_h->runSync({account});
    QVERIFY(run.finished);
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    const QList<JournalEntry> mine = discourseRequests(m_sandbox->journal(), m_remote[1].name);
    QVERIFY2(mine.size() > 10, qPrintable(QString::number(mine.size())));
    for (const JournalEntry& e : mine) {
        QVERIFY2(e.status != 429, qPrintable(e.path));
    }
    // Any six consecutive requests span more than the window.
    for (qsizetype i = 5; i < mine.size(); ++i) {
        QVERIFY2(mine[i].receivedAtMs - mine[i - 5].receivedAtMs >= 1000,
                 qPrintable(QStringLiteral("%1 ms").arg(mine[i].receivedAtMs - mine[i - 5].receivedAtMs)));
    }
    const qint64 span = mine.constLast().receivedAtMs - mine.constFirst().receivedAtMs;
    qInfo("user-key sync: %lld requests in %lld ms at 5 per second", static_cast<long long>(mine.size()),
          static_cast<long long>(span));
}

void DiscourseSyncTest::userKeyPlainTextLimitWaitsThenResumes() {
    const qint64 account = m_accounts[1];
    const SyncRun run = m_h->runSync({account});
    QVERIFY(run.finished);
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    const QList<JournalEntry> mine = discourseRequests(m_sandbox->journal(), m_remote[1].name);
    int limited = 0;
    for (qsizetype i = 0; i + 1 < mine.size(); ++i) {
        if (mine[i].status != 429) {
            continue;
        }
        QVERIFY(mine[i].fault.isEmpty()); // the forum's own limiter, not an injected fault
        ++limited;
        // Retry-After (whole seconds, at least 1) was read from the header of a body that is not JSON, and kept.
        QVERIFY2(mine[i + 1].receivedAtMs - mine[i].receivedAtMs >= 950,
                 qPrintable(QStringLiteral("%1 then %2 after %3 ms")
                                .arg(mine[i].path, mine[i + 1].path)
                                .arg(mine[i + 1].receivedAtMs - mine[i].receivedAtMs)));
    }
    QVERIFY2(limited >= 1, qPrintable(QString::number(mine.size())));
    QVERIFY(mine.constLast().status == 200);
    QVERIFY(store::SyncStateRepository::get(m_h->db(), account, QStringLiteral("posts")).backfillDone);
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {account}) > 0);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    qInfo("user-key sync through the forum's plain-text limiter: %d answers 429 among %lld requests", limited,
          static_cast<long long>(mine.size()));
}

// What the sandbox itself must get right for the tests above to mean anything (api-contracts.md §4.8, §9): the
// middleware's text/plain 429 for user API keys, the application's JSON 429 with extras.wait_seconds, the
// duplicate-raw check that binds regular users but not staff, avatar templates with {size}.
void DiscourseSyncTest::sandboxQuirks() {
    QNetworkAccessManager nam;
    auto call = [&](const QByteArray& method, const QString& path, int account, const QByteArray& body = {}) {
        QNetworkRequest req(QUrl(m_remote[account].baseUrl + path));
        const QString token = m_remote[account].token;
        if (account == 0) {
            req.setRawHeader("Api-Key", token.section(u':', 1).toUtf8());
            req.setRawHeader("Api-Username", token.section(u':', 0, 0).toUtf8());
        } else {
            req.setRawHeader("User-Api-Key", token.toUtf8());
        }
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = nam.sendCustomRequest(req, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        (void)done.wait(kTimeoutMs);
        reply->deleteLater();
        return reply;
    };
    const QByteArray raw = R"({"topic_id":%1,"raw":"Same words twice, to see what the forum says."})";
    const int topic = m_sandbox->discourseTopicOfPost(m_sandbox->discourseAddPost(1, {}, false));
    QVERIFY(topic > 0);
    const QByteArray post = QByteArray(raw).replace("%1", QByteArray::number(topic));
    // User key: the same raw twice within unique_posts_mins is refused.
    QNetworkReply* first = call("POST", QStringLiteral("/posts.json"), 1, post);
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject created = QJsonDocument::fromJson(first->readAll()).object();
    QVERIFY(created.value(QStringLiteral("avatar_template")).toString().contains(QStringLiteral("{size}")));
    QNetworkReply* second = call("POST", QStringLiteral("/posts.json"), 1, post);
    QCOMPARE(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 422);
    QVERIFY(second->readAll().contains("too similar"));
    // The fourth request in the window (three allowed): the middleware's plain-text answer.
    (void)call("GET", QStringLiteral("/notifications.json"), 1);
    QNetworkReply* limited = call("GET", QStringLiteral("/notifications.json"), 1);
    QCOMPARE(limited->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    QVERIFY(limited->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(QStringLiteral("text/plain")));
    QCOMPARE(limited->rawHeader("Discourse-Rate-Limit-Error-Code"), QByteArray("user_api_key_limiter_60_secs"));
    QVERIFY(limited->rawHeader("Retry-After").toInt() > 0);
    QVERIFY(limited->readAll().startsWith("Slow down, too many requests from this user api key."));
    // Staff (the admin key) bypass the duplicate check.
    QCOMPARE(call("POST", QStringLiteral("/posts.json"), 0, post)
                 ->attribute(QNetworkRequest::HttpStatusCodeAttribute)
                 .toInt(),
             200);
    QCOMPARE(call("POST", QStringLiteral("/posts.json"), 0, post)
                 ->attribute(QNetworkRequest::HttpStatusCodeAttribute)
                 .toInt(),
             200);
    // A forced limit answers in the application's JSON shape.
    m_sandbox->faults().rateLimitUntil(QDateTime::currentMSecsSinceEpoch() + 3000,
                                       QStringLiteral("/discourse/posts.json"));
    QNetworkReply* json = call("GET", QStringLiteral("/posts.json"), 0);
    QCOMPARE(json->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    const QJsonObject body = QJsonDocument::fromJson(json->readAll()).object();
    QCOMPARE(body.value(QStringLiteral("error_type")).toString(), QStringLiteral("rate_limit"));
    const int wait = body.value(QStringLiteral("extras")).toObject().value(QStringLiteral("wait_seconds")).toInt();
    QVERIFY(wait >= 1 && wait <= 3);
    QCOMPARE(json->rawHeader("Retry-After").toInt(), wait);
    QCOMPARE(m_sandbox->discoursePostsCreated(), 3);
}

QTEST_GUILESS_MAIN(DiscourseSyncTest)
#include "DiscourseSyncTest.moc"
