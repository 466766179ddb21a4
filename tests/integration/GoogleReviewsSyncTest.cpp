// Google Business Profile reviews end to end: SyncEngine, OutboxSender and GoogleReviewsConnector through real
// libcurl to the sandbox's /google route set, into a real SQLite store; each case checks the journal, the
// sandbox and the database.
#include "core/connectors/Connector.h"
#include "core/sandbox/SandboxServer.h"
#include "core/sandbox/google/GoogleReviewsStore.h"
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
using baton::sandbox::FaultKind;
using baton::sandbox::JournalEntry;
using baton::testing::duplicateItems;
using baton::testing::failureText;
using baton::testing::queryInt;
using baton::testing::queryRow;
using baton::testing::queryText;

namespace {

constexpr int kTimeoutMs = 60000;
constexpr int kPerLocation = 60; // two pages of 50 each

QList<JournalEntry> matching(const QList<JournalEntry>& journal, const QString& method, const QString& suffix) {
    return baton::testing::journalWhere(journal, [&](const JournalEntry& e) {
        return e.method == method && e.path.startsWith(QLatin1String("/google/")) && e.path.endsWith(suffix);
    });
}

} // namespace

class GoogleReviewsSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fullSync();
    void incrementalSyncAndEdits();
    void replyIsAnUpsert();
    void deleteOwnReply();
    void revokedTokenFlagsAccount();
    void rateLimitedWaitsThenResumes();
    void serverErrorsRetried();

private:
    bool runSync() { return m_h->runSync({m_account}).allOk(); }
    connectors::Connector* connector() { return m_h->connectorFor(m_account); }
    sandbox::GoogleReviewsStore& gbp() { return m_sandbox->googleReviews(); }

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    sandbox::SandboxAccount m_remote;
    qint64 m_account = 0;
};

void GoogleReviewsSyncTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 5;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 10;
    options.people = 80;
    options.youtubeCommentsPerChannel = 20;
    options.googleBusinessAccounts = 1;
    options.googleReviewsPerLocation = kPerLocation;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));
    bool found = false;
    for (const sandbox::SandboxAccount& a : m_sandbox->accounts()) {
        if (a.network == QLatin1String("google-reviews")) {
            m_remote = a;
            found = true;
            break;
        }
    }
    QVERIFY(found);
    model::Account account;
    account.network = model::Network::GoogleReviews;
    account.name = m_remote.name;
    account.baseUrl = m_remote.baseUrl;
    m_account = m_h->addAccount(account, m_remote.token);
    QVERIFY2(m_account > 0, qPrintable(m_h->error()));
}

void GoogleReviewsSyncTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

void GoogleReviewsSyncTest::fullSync() {
    QVERIFY2(runSync(), qPrintable(m_h->sync().status(m_account).error.toString()));
    const auto account = store::AccountRepository::byId(m_h->db(), m_account);
    QCOMPARE(account->remoteId, m_remote.remoteId); // accounts/<id>, learnt from GET /v4/accounts

    // Every review of both locations, each location its own community, stars as ratings 1..5.
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'review'", {m_account}),
             qint64(gbp().reviewCount(0, 0) + gbp().reviewCount(0, 1)));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(DISTINCT community_id) FROM items WHERE account_id = ?", {m_account}),
             qint64(2));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE kind = 'review' AND rating NOT BETWEEN 1 AND 5"),
             qint64(0));
    QVERIFY(queryInt(m_h->db(), "SELECT count(DISTINCT rating) FROM items WHERE kind = 'review'") >= 4);
    // Existing owner replies are outgoing items linked to their review, which counts as answered.
    const qint64 replies =
        queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'out'", {m_account});
    QVERIFY(replies > 10);
    QCOMPARE(queryInt(m_h->db(),
                      "SELECT count(*) FROM items r JOIN items p ON p.remote_id = r.parent_remote_id AND "
                      "p.account_id = r.account_id WHERE r.direction = 'out' AND p.first_response_at IS NOT NULL"),
             replies);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    // Named reviewers are authors the inbox knows.
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'review' AND identity_id IS "
                     "NOT NULL",
                     {m_account}) > kPerLocation);

    const QList<JournalEntry> journal = m_sandbox->journal();
    QCOMPARE(matching(journal, QStringLiteral("GET"), QStringLiteral("/v4/accounts")).size(), 1);
    QCOMPARE(matching(journal, QStringLiteral("GET"), QStringLiteral("/locations")).size(), 1);
    const QList<JournalEntry> pages = matching(journal, QStringLiteral("GET"), QStringLiteral("/reviews"));
    QCOMPARE(pages.size(), 4); // two locations, two pages each
    for (const JournalEntry& e : pages) {
        QCOMPARE(e.status, 200);
        QCOMPARE(e.queryValue(QStringLiteral("pageSize")), QStringLiteral("50"));
        QCOMPARE(e.queryValue(QStringLiteral("orderBy")), QStringLiteral("updateTime desc"));
        QCOMPARE(e.header(QStringLiteral("authorization")), QStringLiteral("Bearer ") + m_remote.token);
    }
    QVERIFY(pages.at(0).queryValue(QStringLiteral("pageToken")).isEmpty());
    QVERIFY(!pages.at(1).queryValue(QStringLiteral("pageToken")).isEmpty());
    QCOMPARE(pages.at(0).path, QStringLiteral("/google/v4/") + gbp().locationName(0, 0) + QStringLiteral("/reviews"));
    QCOMPARE(pages.at(2).path, QStringLiteral("/google/v4/") + gbp().locationName(0, 1) + QStringLiteral("/reviews"));
    const store::SyncState s = store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("reviews"));
    QVERIFY(s.backfillCursor.isEmpty());
    QCOMPARE(QJsonDocument::fromJson(s.cursor.toUtf8()).object().size(), 2); // a watermark per location
}

void GoogleReviewsSyncTest::incrementalSyncAndEdits() {
    QVERIFY(runSync());
    const qint64 before = queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account});
    const QString oldReview = queryText(m_h->db(),
                                        "SELECT remote_id FROM items WHERE account_id = ? AND kind = 'review' "
                                        "ORDER BY created_at LIMIT 1",
                                        {m_account});
    QTest::qWait(20);
    const QString added = gbp().addReview(0, 1, 1, QStringLiteral("Froid, lent, et personne pour s'excuser."));
    QVERIFY(gbp().editReview(oldReview, 4, QStringLiteral("Edit: they called me back and fixed it. 👍")));
    m_sandbox->clearJournal();
    QVERIFY(runSync());
    const QList<JournalEntry> pages = matching(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/reviews"));
    QCOMPARE(pages.size(), 2); // one page per location reaches known reviews
    for (const JournalEntry& e : pages) {
        QVERIFY(e.queryValue(QStringLiteral("pageToken")).isEmpty());
    }
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), before + 1);
    const auto fresh = store::ItemRepository::byRemoteId(m_h->db(), m_account, added);
    QVERIFY(fresh.has_value());
    QCOMPARE(fresh->rating, std::optional<int>(1));
    QCOMPARE(fresh->text, QStringLiteral("Froid, lent, et personne pour s'excuser."));
    // The edited review came back on top of its location with a new updateTime: the stored text follows.
    const auto edited = store::ItemRepository::byRemoteId(m_h->db(), m_account, oldReview);
    QCOMPARE(edited->text, QStringLiteral("Edit: they called me back and fixed it. 👍"));
    QVERIFY(edited->updatedAt > edited->createdAt);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void GoogleReviewsSyncTest::replyIsAnUpsert() {
    QVERIFY(runSync());
    const QStringList review = queryRow(m_h->db(),
                                        "SELECT id, remote_id FROM items WHERE account_id = ? AND kind = 'review' AND "
                                        "first_response_at IS NULL ORDER BY id DESC LIMIT 1",
                                        {m_account});
    QCOMPARE(review.size(), 2);
    QVERIFY(gbp().replyOf(review[1]).isEmpty());
    const QString text = QStringLiteral("Merci pour votre retour, Camille — on vous recontacte. 🙏");
    const qint64 outboxId = m_h->enqueueReply(m_account, review[0].toLongLong(), review[1], text);
    m_sandbox->clearJournal();
    // The reply is stored, then the connection drops before the answer: the engine sends the PUT again.
    m_sandbox->faults().failNext(FaultKind::ResetAfterHandling, 1, QStringLiteral("/google/v4/"));
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));
    const QList<JournalEntry> puts = matching(m_sandbox->journal(), QStringLiteral("PUT"), QStringLiteral("/reply"));
    QCOMPARE(puts.size(), 2);
    for (const JournalEntry& e : puts) {
        QCOMPARE(e.path, QStringLiteral("/google/v4/") + review[1] + QStringLiteral("/reply"));
        QCOMPARE(QJsonDocument::fromJson(e.body).object().value(QLatin1String("comment")).toString(), text);
    }
    QCOMPARE(gbp().replyOf(review[1]), text);
    QCOMPARE(gbp().replyWrites(0), 1); // an upsert: the repeat changed nothing
    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    QCOMPARE(entry->remoteId, review[1] + QStringLiteral("/reply"));
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), m_account, entry->remoteId);
    QVERIFY(reply.has_value());
    QVERIFY(reply->direction == model::Direction::Outgoing);
    QCOMPARE(reply->parentRemoteId, review[1]);
    QVERIFY(queryInt(m_h->db(), "SELECT first_response_at FROM items WHERE id = ?", {review[0].toLongLong()}) > 0);
    // A later sync sees the same reply on the review: still one item.
    QVERIFY(runSync());
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void GoogleReviewsSyncTest::deleteOwnReply() {
    QVERIFY(runSync());
    const QString replyId = queryText(
        m_h->db(), "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'out' LIMIT 1", {m_account});
    QVERIFY(replyId.endsWith(QLatin1String("/reply")));
    const QString review = replyId.chopped(6);
    QVERIFY(!gbp().replyOf(review).isEmpty());
    auto* c = connector();
    QVERIFY(c != nullptr);
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), m_account, replyId);
    const auto customer = store::ItemRepository::byRemoteId(m_h->db(), m_account, review);
    QCOMPARE(c->moderationActions(*reply), QList<ModerationAction>{ModerationAction::DeleteOwn});
    QVERIFY(c->moderationActions(*customer).isEmpty()); // a customer's review cannot be removed by the API
    m_sandbox->clearJournal();
    std::optional<Expected<bool, Error>> result;
    c->moderate(ModerationAction::DeleteOwn, *reply, QString(), this, [&](Expected<bool, Error> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY2(result->hasValue(), qPrintable(result->hasValue() ? QString() : result->error().toString()));
    const QList<JournalEntry> deletes =
        matching(m_sandbox->journal(), QStringLiteral("DELETE"), QStringLiteral("/reply"));
    QCOMPARE(deletes.size(), 1);
    QCOMPARE(deletes[0].path, QStringLiteral("/google/v4/") + replyId);
    QCOMPARE(deletes[0].status, 200);
    QVERIFY(gbp().replyOf(review).isEmpty());
}

void GoogleReviewsSyncTest::revokedTokenFlagsAccount() {
    QVERIFY(runSync());
    QVERIFY(gbp().revokeToken(0));
    m_sandbox->clearJournal();
    QVERIFY(!runSync());
    QVERIFY(m_h->sync().status(m_account).error.code == ErrorCode::Unauthorized);
    QVERIFY(queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {m_account})
                .contains(QLatin1String("401")));
    const QList<JournalEntry> calls = matching(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/reviews"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls[0].status, 401);
}

void GoogleReviewsSyncTest::rateLimitedWaitsThenResumes() {
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 700;
    m_sandbox->faults().rateLimitUntil(until, QStringLiteral("/google/v4/accounts/"));
    QVERIFY2(runSync(), qPrintable(m_h->sync().status(m_account).error.toString()));
    const QList<JournalEntry> all = m_sandbox->journal();
    int limited = 0;
    for (const JournalEntry& e : all) {
        if (e.path.startsWith(QLatin1String("/google/")) && e.status == 429) {
            ++limited;
            QCOMPARE(QJsonDocument::fromJson(e.body).isNull(), true); // the request had no body
        }
    }
    QVERIFY(limited >= 1);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'review'", {m_account}),
             qint64(2 * kPerLocation));
}

void GoogleReviewsSyncTest::serverErrorsRetried() {
    m_sandbox->faults().failNext(FaultKind::ServerError, 2, QStringLiteral("/google/v4/accounts/"));
    QVERIFY2(runSync(), qPrintable(m_h->sync().status(m_account).error.toString()));
    int errors = 0;
    for (const JournalEntry& e : m_sandbox->journal()) {
        errors += e.status == 503 ? 1 : 0;
    }
    QCOMPARE(errors, 2);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'review'", {m_account}),
             qint64(2 * kPerLocation));
}

QTEST_GUILESS_MAIN(GoogleReviewsSyncTest)
#include "GoogleReviewsSyncTest.moc"
