// Mastodon end to end: SyncEngine, OutboxSender and MastodonConnector through real libcurl (NetworkEngine) to the
// in-process protocol sandbox on port 0, into a real SQLite store. Each case checks both sides of the wire: what
// the client sent (the sandbox's request journal) and what landed in the database.
#include "core/common/Ids.h"
#include "core/common/Time.h"
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
#include <QTest>
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
using baton::testing::queryTable;
using baton::testing::queryText;
using baton::testing::requestsTo;
using baton::testing::SyncRun;
using baton::testing::withHeader;

Q_DECLARE_METATYPE(baton::sandbox::FaultKind)
Q_DECLARE_METATYPE(baton::ErrorCode)
Q_DECLARE_METATYPE(baton::connectors::ModerationAction)

namespace {

constexpr int kTimeoutMs = 60000;
constexpr qint64 kFixedNow = 1717243200000; // 2024-06-01T12:00:00.000Z: the same community on every run

QString api(QStringView rest) {
    return QStringLiteral("/mastodon/api/v1") + rest;
}

} // namespace

class MastodonSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fullSync();
    void incrementalSync();
    void noDuplicatesWhenDeliveredAgain_data();
    void noDuplicatesWhenDeliveredAgain();
    void editUpdatesStoredItem();
    void rateLimitHonoured();
    void rateLimitBudgetNeverExceeded();
    void longRateLimitReportsWhenItEnds();
    void transientFailuresRetried_data();
    void transientFailuresRetried();
    void badPageLeavesStoreUntouched_data();
    void badPageLeavesStoreUntouched();
    void revokedTokenFlagsOnlyThatAccount();
    void replyThroughOutbox();
    void replyResponseLostIsNotPostedTwice();
    void moderation_data();
    void moderation();

private:
    qint64 storedMentions(qint64 accountId) {
        return queryInt(m_h->db(),
                        "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'in' AND "
                        "notification_id IS NOT NULL",
                        {accountId});
    }
    QString tokenOf(const QString& sandboxAccountName) const;

    // Declared in construction order; cleanup() tears down in reverse.
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    QList<sandbox::SandboxAccount> m_remote; // the sandbox's demo accounts
    QList<qint64> m_accounts;                // their store ids, same order
};

void MastodonSyncTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 7;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 2;
    options.mentionsPerAccount = 300;
    options.people = 120;
    options.rateLimit = 1000000; // generous, except where a case is about the server's own budget
    if (qstrcmp(QTest::currentTestFunction(), "rateLimitBudgetNeverExceeded") == 0) {
        options.rateLimit = 6;
        options.rateWindowMs = 1000;
    }
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));

    m_remote.clear();
    for (const auto& a : m_sandbox->accounts()) {
        if (a.network == QStringLiteral("mastodon")) { // other networks' demo accounts follow
            m_remote.append(a);
        }
    }
    QCOMPARE(m_remote.size(), 2);
    m_accounts.clear();
    for (const sandbox::SandboxAccount& remote : std::as_const(m_remote)) {
        model::Account account;
        account.network = model::Network::Mastodon;
        account.name = remote.name;
        account.baseUrl = remote.baseUrl;
        // No remote id: the first sync verifies the credentials and learns it.
        const qint64 id = m_h->addAccount(account, remote.token);
        QVERIFY2(id > 0, qPrintable(m_h->error()));
        m_accounts.append(id);
    }
}

void MastodonSyncTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

QString MastodonSyncTest::tokenOf(const QString& sandboxAccountName) const {
    for (const sandbox::SandboxAccount& a : m_remote) {
        if (a.name == sandboxAccountName) {
            return a.token;
        }
    }
    return {};
}

// ---- cases ----

void MastodonSyncTest::fullSync() {
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const qint64 id = m_accounts[i];
        QVERIFY2(run.ok.value(id), qPrintable(m_h->sync().status(id).error.toString()));

        // Every mention the server has, stored once.
        QVERIFY(m_sandbox->mentionCount(i) > 0);
        QCOMPARE(storedMentions(id), qint64(m_sandbox->mentionCount(i)));
        QCOMPARE(queryInt(m_h->db(), "SELECT count(DISTINCT notification_id) FROM items WHERE account_id = ?", {id}),
                 qint64(m_sandbox->mentionCount(i)));
        QCOMPARE(qint64(m_h->sync().status(id).inserted),
                 queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}));

        // The account's earlier replies are outgoing and answer their parents.
        const qint64 answered = queryInt(m_h->db(),
                                         "SELECT count(*) FROM items r JOIN items p ON p.account_id = r.account_id "
                                         "AND p.remote_id = r.parent_remote_id WHERE r.account_id = ? AND "
                                         "r.direction = 'out' AND p.direction = 'in'",
                                         {id});
        QVERIFY2(answered > 0, "the sandbox's earlier answers were not stored as replies to stored mentions");
        QCOMPARE(queryInt(m_h->db(),
                          "SELECT count(*) FROM items r JOIN items p ON p.account_id = r.account_id "
                          "AND p.remote_id = r.parent_remote_id WHERE r.account_id = ? AND r.direction = 'out' "
                          "AND p.direction = 'in' AND (p.first_response_at IS NULL OR "
                          "p.first_response_at > r.created_at)",
                          {id}),
                 qint64(0));
        QCOMPARE(queryInt(m_h->db(),
                          "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'out' AND "
                          "kind <> 'reply'",
                          {id}),
                 qint64(0));

        // Direct messages are kind dm.
        QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND kind = 'dm'", {id}) > 0);
        QCOMPARE(queryInt(m_h->db(),
                          "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'in' AND "
                          "visibility = 'direct' AND kind <> 'dm'",
                          {id}),
                 qint64(0));

        // The remote id was learnt from verify_credentials.
        QCOMPARE(queryText(m_h->db(), "SELECT remote_id FROM accounts WHERE id = ?", {id}), m_remote[i].remoteId);
        QVERIFY(m_h->lastError(id).isEmpty());

        // Every stream walked its history and kept where it got to.
        for (const QString& stream :
             {QStringLiteral("notifications"), QStringLiteral("statuses"), QStringLiteral("conversations")}) {
            const store::SyncState s = m_h->syncState(id, stream);
            QVERIFY2(s.backfillDone, qPrintable(stream));
            QVERIFY2(!s.cursor.isEmpty(), qPrintable(stream));
            QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
            QVERIFY(s.lastOkAt > 0);
        }
        const QString newestMention = queryText(m_h->db(),
                                                "SELECT notification_id FROM items WHERE account_id = ? AND "
                                                "notification_id IS NOT NULL ORDER BY length(notification_id) DESC, "
                                                "notification_id DESC LIMIT 1",
                                                {id});
        QVERIFY(compareNumericIds(m_h->syncState(id, QStringLiteral("notifications")).cursor, newestMention) >= 0);
    }
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));

    // What went over the wire.
    const QList<JournalEntry> journal = m_sandbox->journal();
    QVERIFY(!journal.isEmpty());
    for (const JournalEntry& e : journal) {
        QVERIFY2(e.header(QStringLiteral("user-agent")).startsWith(QLatin1String("Baton/")),
                 qPrintable(e.header(QStringLiteral("user-agent"))));
        QVERIFY2(!e.account.isEmpty(), qPrintable(e.path));
        QCOMPARE(e.header(QStringLiteral("authorization")), QStringLiteral("Bearer ") + tokenOf(e.account));
        QCOMPARE(e.status, 200);
        QVERIFY2(e.queryValues(QStringLiteral("max_id")).isEmpty() || e.queryValues(QStringLiteral("min_id")).isEmpty(),
                 e.rawQuery.constData());
    }
    for (int i = 0; i < m_remote.size(); ++i) {
        const QString name = m_remote[i].name;
        QList<JournalEntry> mine;
        for (const JournalEntry& e : journal) {
            if (e.account == name) {
                mine.append(e);
            }
        }
        QCOMPARE(requestsTo(mine, QStringLiteral("GET"), api(u"/accounts/verify_credentials")).size(), 1);

        const QList<JournalEntry> notifications = requestsTo(mine, QStringLiteral("GET"), api(u"/notifications"));
        QVERIFY(notifications.size() >= m_sandbox->mentionCount(i) / 80 + 2); // history pages, then a forward poll
        for (const JournalEntry& e : notifications) {
            QCOMPARE(e.queryValues(QStringLiteral("types[]")),
                     (QStringList{QStringLiteral("mention"), QStringLiteral("update")}));
            QCOMPARE(e.queryValue(QStringLiteral("limit")), QStringLiteral("80"));
        }
        QVERIFY(notifications.first().queryValues(QStringLiteral("max_id")).isEmpty());
        QVERIFY(notifications.first().queryValues(QStringLiteral("min_id")).isEmpty());
        QVERIFY(!notifications.at(1).queryValue(QStringLiteral("max_id")).isEmpty());
        QVERIFY(!notifications.last().queryValue(QStringLiteral("min_id")).isEmpty());

        const QList<JournalEntry> statuses =
            requestsTo(mine, QStringLiteral("GET"), api(u"/accounts/") + m_remote[i].remoteId + u"/statuses");
        QVERIFY(!statuses.isEmpty());
        for (const JournalEntry& e : statuses) {
            QCOMPARE(e.queryValue(QStringLiteral("exclude_reblogs")), QStringLiteral("true"));
            QCOMPARE(e.queryValue(QStringLiteral("limit")), QStringLiteral("40"));
        }
        QVERIFY(!requestsTo(mine, QStringLiteral("GET"), api(u"/conversations")).isEmpty());
    }
}

void MastodonSyncTest::incrementalSync() {
    const SyncRun first = m_h->runSync();
    QVERIFY(first.finished);
    QVERIFY(first.ok.value(m_accounts[0]) && first.ok.value(m_accounts[1]));
    const qint64 before = itemCount(m_h->db());
    QVERIFY(before > 0);

    // Nothing new upstream: nothing stored, and every stream polls forward from its cursor.
    m_sandbox->clearJournal();
    const SyncRun second = m_h->runSync();
    QVERIFY(second.finished);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const qint64 id = m_accounts[i];
        QVERIFY2(second.ok.value(id), qPrintable(m_h->sync().status(id).error.toString()));
        QCOMPARE(m_h->sync().status(id).inserted, 0);
        QCOMPARE(m_h->sync().status(id).updated, 0);
        const QList<JournalEntry> notifications =
            requestsTo(withHeader(m_sandbox->journal(), QStringLiteral("authorization"),
                                  QStringLiteral("Bearer ") + m_remote[i].token),
                       QStringLiteral("GET"), api(u"/notifications"));
        QCOMPARE(notifications.size(), 1);
        QCOMPARE(notifications.first().queryValue(QStringLiteral("min_id")),
                 m_h->syncState(id, QStringLiteral("notifications")).cursor);
        QVERIFY(notifications.first().queryValues(QStringLiteral("max_id")).isEmpty());
    }
    QCOMPARE(itemCount(m_h->db()), before);
    QVERIFY(requestsTo(m_sandbox->journal(), QStringLiteral("GET"), api(u"/accounts/verify_credentials")).isEmpty());
    for (const JournalEntry& e : m_sandbox->journal()) {
        QVERIFY2(e.queryValues(QStringLiteral("max_id")).isEmpty(), qPrintable(e.path));
    }

    // One new mention upstream: exactly that one arrives.
    const sandbox::SandboxMention mention =
        m_sandbox->addMention(0, QStringLiteral("Is the incremental sync supposed to be this quick?"));
    QVERIFY(!mention.notificationId.isEmpty());
    const SyncRun third = m_h->runSync();
    QVERIFY(third.finished);
    QVERIFY(third.ok.value(m_accounts[0]) && third.ok.value(m_accounts[1]));
    QCOMPARE(itemCount(m_h->db()), before + 1);
    QCOMPARE(m_h->sync().status(m_accounts[0]).inserted, 1);
    QCOMPARE(m_h->sync().status(m_accounts[1]).inserted, 0);
    const auto stored = store::ItemRepository::byRemoteId(m_h->db(), m_accounts[0], mention.statusId);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->notificationId, mention.notificationId);
    QVERIFY(stored->direction == model::Direction::Incoming);
    QVERIFY(stored->text.contains(QLatin1String("incremental sync supposed to be this quick")));
    QCOMPARE(m_h->syncState(m_accounts[0], QStringLiteral("notifications")).cursor, mention.notificationId);
    QCOMPARE(storedMentions(m_accounts[0]), qint64(m_sandbox->mentionCount(0)));
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void MastodonSyncTest::noDuplicatesWhenDeliveredAgain_data() {
    QTest::addColumn<QString>("rewind");
    QTest::newRow("cursor moved back") << QStringLiteral("cursor");
    QTest::newRow("history walked again") << QStringLiteral("backfill");
    QTest::newRow("state forgotten") << QStringLiteral("forget");
}

void MastodonSyncTest::noDuplicatesWhenDeliveredAgain() {
    QFETCH(QString, rewind);
    const SyncRun first = m_h->runSync();
    QVERIFY(first.finished);
    QVERIFY(first.ok.value(m_accounts[0]) && first.ok.value(m_accounts[1]));
    const qint64 before = itemCount(m_h->db());
    const QStringList items = queryTable(
        m_h->db(), "SELECT id, account_id, remote_id, text, updated_at, first_response_at FROM items ORDER BY id");
    QHash<qint64, QString> newest;
    for (const qint64 id : std::as_const(m_accounts)) {
        newest.insert(id, m_h->syncState(id, QStringLiteral("notifications")).cursor);
    }

    // Rewind every stream of both accounts through the writer, as a cursor going backwards upstream would.
    QHash<qint64, QString> older;
    const auto rewound =
        m_h->store().writer().run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
            if (rewind == QLatin1String("forget")) {
                store::Statement st(d, "DELETE FROM sync_state");
                return st.exec();
            }
            for (const qint64 id : std::as_const(m_accounts)) {
                for (store::SyncState s : store::SyncStateRepository::forAccount(d, id)) {
                    if (rewind == QLatin1String("backfill")) {
                        s.backfillDone = false;
                        s.backfillCursor.clear();
                    } else if (s.stream == QLatin1String("notifications")) {
                        // The median stored mention: about half of the history is delivered again.
                        const QStringList ids = queryColumn(d,
                                                            "SELECT notification_id FROM items WHERE account_id = ? "
                                                            "AND notification_id IS NOT NULL ORDER BY "
                                                            "length(notification_id), notification_id",
                                                            {id});
                        s.cursor = ids.value(ids.size() / 2);
                        older.insert(id, s.cursor);
                    } else if (s.stream == QLatin1String("statuses")) {
                        const QStringList ids = queryColumn(d,
                                                            "SELECT remote_id FROM items WHERE account_id = ? AND "
                                                            "direction = 'out' ORDER BY length(remote_id), remote_id",
                                                            {id});
                        s.cursor = ids.value(ids.size() / 2);
                    }
                    if (auto r = store::SyncStateRepository::save(d, s, c); !r) {
                        return r;
                    }
                }
            }
            return {};
        });
    QVERIFY2(rewound.hasValue(), failureText(rewound).constData());

    m_sandbox->clearJournal();
    const SyncRun again = m_h->runSync();
    QVERIFY(again.finished);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const qint64 id = m_accounts[i];
        QVERIFY2(again.ok.value(id), qPrintable(m_h->sync().status(id).error.toString()));
        QCOMPARE(m_h->sync().status(id).inserted, 0);
        QCOMPARE(m_h->sync().status(id).updated, 0);
        QVERIFY(m_h->sync().status(id).pages >= 2); // something was delivered again
        QCOMPARE(m_h->syncState(id, QStringLiteral("notifications")).cursor, newest.value(id));
        if (rewind == QLatin1String("cursor")) {
            const QList<JournalEntry> notifications =
                requestsTo(withHeader(m_sandbox->journal(), QStringLiteral("authorization"),
                                      QStringLiteral("Bearer ") + m_remote[i].token),
                           QStringLiteral("GET"), api(u"/notifications"));
            QVERIFY(notifications.size() >= 2);
            QCOMPARE(notifications.first().queryValue(QStringLiteral("min_id")), older.value(id));
        }
    }
    QCOMPARE(itemCount(m_h->db()), before);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
    QCOMPARE(queryTable(m_h->db(),
                        "SELECT id, account_id, remote_id, text, updated_at, first_response_at FROM items ORDER BY id"),
             items);
}

void MastodonSyncTest::editUpdatesStoredItem() {
    const SyncRun first = m_h->runSync({m_accounts[0]});
    QVERIFY(first.finished && first.ok.value(m_accounts[0]));
    const qint64 account = m_accounts[0];
    const QStringList picked = queryRow(m_h->db(),
                                        "SELECT id, remote_id, text FROM items WHERE account_id = ? AND "
                                        "direction = 'in' AND kind = 'mention' AND notification_id IS NOT NULL "
                                        "ORDER BY id DESC LIMIT 1",
                                        {account});
    QCOMPARE(picked.size(), 3);
    const qint64 itemId = picked[0].toLongLong();
    const QString& remoteId = picked[1];
    const QString newText = QStringLiteral("Edited: the quokkaphone export still loses the last row");
    QVERIFY(!picked[2].contains(QLatin1String("quokkaphone")));
    const qint64 before = itemCount(m_h->db());

    QVERIFY(m_sandbox->editStatus(remoteId, newText));
    const SyncRun second = m_h->runSync({account});
    QVERIFY(second.finished);
    QVERIFY2(second.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    QCOMPARE(m_h->sync().status(account).inserted, 0);
    QCOMPARE(m_h->sync().status(account).updated, 1);
    QCOMPARE(itemCount(m_h->db()), before);

    const auto stored = store::ItemRepository::byId(m_h->db(), itemId);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->remoteId, remoteId);
    QVERIFY2(stored->text.contains(newText), qPrintable(stored->text));
    QVERIFY(stored->updatedAt > 0);
    QCOMPARE(queryColumn(m_h->db(), "SELECT rowid FROM items_fts WHERE items_fts MATCH 'quokkaphone'"),
             QStringList{QString::number(itemId)});
    QCOMPARE(queryText(m_h->db(), "SELECT text FROM items_fts WHERE rowid = ?", {itemId}), stored->text);

    // The same edit seen again changes nothing.
    const SyncRun third = m_h->runSync({account});
    QVERIFY(third.finished && third.ok.value(account));
    QCOMPARE(m_h->sync().status(account).updated, 0);
    QCOMPARE(itemCount(m_h->db()), before);
}

void MastodonSyncTest::rateLimitHonoured() {
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 2000;
    m_sandbox->faults().rateLimitUntil(until);
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    for (int i = 0; i < m_accounts.size(); ++i) {
        QVERIFY2(run.ok.value(m_accounts[i]), qPrintable(m_h->sync().status(m_accounts[i]).error.toString()));
        QCOMPARE(storedMentions(m_accounts[i]), qint64(m_sandbox->mentionCount(i)));
    }

    // Per account (each has its own bucket): one 429, then silence until the reset time it announced.
    const QList<JournalEntry> journal = m_sandbox->journal();
    for (const sandbox::SandboxAccount& remote : std::as_const(m_remote)) {
        const QList<JournalEntry> mine =
            withHeader(journal, QStringLiteral("authorization"), QStringLiteral("Bearer ") + remote.token);
        QVERIFY(mine.size() > 2);
        QCOMPARE(mine.first().status, 429);
        QCOMPARE(mine.first().fault, QStringLiteral("rate-limit"));
        for (qsizetype k = 1; k < mine.size(); ++k) {
            QVERIFY2(mine[k].receivedAtMs >= until, qPrintable(QStringLiteral("%1 %2 sent %3 ms before the reset time")
                                                                   .arg(mine[k].method, mine[k].path)
                                                                   .arg(until - mine[k].receivedAtMs)));
            QCOMPARE(mine[k].status, 200);
        }
    }
}

void MastodonSyncTest::rateLimitBudgetNeverExceeded() {
    // The server allows 6 requests a second per token and says so in X-RateLimit-*; a full sync needs more.
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    const QList<JournalEntry> journal = m_sandbox->journal();
    for (int i = 0; i < m_accounts.size(); ++i) {
        QVERIFY2(run.ok.value(m_accounts[i]), qPrintable(m_h->sync().status(m_accounts[i]).error.toString()));
        QCOMPARE(storedMentions(m_accounts[i]), qint64(m_sandbox->mentionCount(i)));
        const QList<JournalEntry> mine =
            withHeader(journal, QStringLiteral("authorization"), QStringLiteral("Bearer ") + m_remote[i].token);
        QVERIFY2(mine.size() > 6, "the budget never bound: the case proves nothing");
        for (const JournalEntry& e : mine) {
            QVERIFY2(e.status != 429,
                     qPrintable(QStringLiteral("%1 %2 went over the announced budget").arg(e.method, e.path)));
        }
    }
}

void MastodonSyncTest::longRateLimitReportsWhenItEnds() {
    // Longer than the engine waits in the background (20 min): the run stops and says until when.
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 30LL * 60 * 1000;
    m_sandbox->faults().rateLimitUntil(until);
    const SyncRun run = m_h->runSync({m_accounts[0]});
    QVERIFY(run.finished);
    QVERIFY(run.ok.contains(m_accounts[0]));
    QVERIFY(!run.ok.value(m_accounts[0]));
    const sync::AccountSyncStatus status = m_h->sync().status(m_accounts[0]);
    QVERIFY2(status.state == sync::AccountSyncState::RateLimited, qPrintable(sync::describeSyncState(status)));
    QVERIFY2(status.error.code == ErrorCode::RateLimited, errorCodeName(status.error.code));
    QCOMPARE(status.error.httpStatus, 429);
    // One refused request, no hammering while the window lasts.
    QCOMPARE(m_sandbox->journal().size(), qsizetype(1));
    QCOMPARE(m_sandbox->journal().first().status, 429);
    QCOMPARE(itemCount(m_h->db()), qint64(0));
    QTRY_VERIFY_WITH_TIMEOUT(m_h->lastError(m_accounts[0]).contains(QLatin1String("rate-limited")), kTimeoutMs);
    // The message tells when the window ends.
    const qsizetype at = status.error.detail.indexOf(QLatin1String("until "));
    QVERIFY2(at >= 0, qPrintable(status.error.detail));
    const std::optional<qint64> announced = parseRfc3339(status.error.detail.mid(at + 6, 24));
    QVERIFY2(announced && *announced >= until, qPrintable(status.error.detail));
    // What a status line needs for "rate limited until HH:MM" (quality.md).
    QVERIFY2(status.rateLimitedUntil >= until,
             qPrintable(QStringLiteral("AccountSyncStatus::rateLimitedUntil is %1, the server said %2")
                            .arg(status.rateLimitedUntil)
                            .arg(until)));
}

void MastodonSyncTest::transientFailuresRetried_data() {
    QTest::addColumn<FaultKind>("fault");
    QTest::addColumn<int>("status");
    QTest::newRow("503") << FaultKind::ServerError << 503;
    QTest::newRow("502 from a proxy") << FaultKind::BadGateway << 502;
    QTest::newRow("connection reset") << FaultKind::Reset << 0;
}

void MastodonSyncTest::transientFailuresRetried() {
    QFETCH(FaultKind, fault);
    QFETCH(int, status);
    const qint64 account = m_accounts[0];
    m_sandbox->faults().failNext(fault, 2, api(u"/notifications"));
    const SyncRun run = m_h->runSync({account});
    QVERIFY(run.finished);
    QVERIFY2(run.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    QCOMPARE(m_sandbox->faults().pendingFaults(), 0);
    QCOMPARE(storedMentions(account), qint64(m_sandbox->mentionCount(0)));
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));

    // The same request three times: two failures, then the answer.
    const QList<JournalEntry> notifications =
        requestsTo(m_sandbox->journal(), QStringLiteral("GET"), api(u"/notifications"));
    QVERIFY(notifications.size() >= 3);
    for (int k = 0; k < 3; ++k) {
        QCOMPARE(notifications[k].rawQuery, notifications[0].rawQuery);
        QCOMPARE(notifications[k].status, k < 2 ? status : 200);
        QCOMPARE(notifications[k].fault, k < 2 ? sandbox::faultName(fault) : QString());
    }
    QVERIFY(notifications[2].receivedAtMs > notifications[1].receivedAtMs);
}

void MastodonSyncTest::badPageLeavesStoreUntouched_data() {
    QTest::addColumn<FaultKind>("fault");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<int>("attempts");
    // A truncated body is a transport failure: retried (1 + 4 times), then reported.
    QTest::newRow("truncated body") << FaultKind::Truncate << ErrorCode::Truncated << 5;
    // Invalid JSON arrives whole with a 200: repeating would not help.
    QTest::newRow("invalid JSON") << FaultKind::BadJson << ErrorCode::BadResponse << 1;
}

void MastodonSyncTest::badPageLeavesStoreUntouched() {
    QFETCH(FaultKind, fault);
    QFETCH(ErrorCode, expected);
    QFETCH(int, attempts);
    const qint64 account = m_accounts[0];
    const SyncRun first = m_h->runSync();
    QVERIFY(first.finished && first.ok.value(m_accounts[0]) && first.ok.value(m_accounts[1]));
    // Something new is waiting, so a page stored by mistake would show.
    QVERIFY(!m_sandbox->addMention(0, QStringLiteral("Anyone there? The export is broken again.")).statusId.isEmpty());

    const char* itemsSql = "SELECT id, account_id, remote_id, notification_id, kind, direction, text, updated_at, "
                           "status, first_response_at, deleted_at FROM items ORDER BY id";
    const char* cursorsSql = "SELECT account_id, stream, cursor, backfill_cursor, backfill_done FROM sync_state "
                             "ORDER BY account_id, stream";
    const QStringList itemsBefore = queryTable(m_h->db(), itemsSql);
    const QStringList cursorsBefore = queryTable(m_h->db(), cursorsSql);

    m_sandbox->clearJournal();
    m_sandbox->faults().failNext(fault, 20, api(u"/notifications"));
    const SyncRun run = m_h->runSync({account});
    m_sandbox->faults().clear();
    QVERIFY(run.finished);
    QVERIFY(run.ok.contains(account));
    QVERIFY(!run.ok.value(account));

    const sync::AccountSyncStatus status = m_h->sync().status(account);
    QVERIFY(status.state == sync::AccountSyncState::Error);
    QVERIFY2(status.error.code == expected, errorCodeName(status.error.code));
    const QString message = status.error.toString();
    QVERIFY2(message.contains(m_remote[0].name), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("GET /api/v1/notifications")), qPrintable(message));

    QCOMPARE(queryTable(m_h->db(), itemsSql), itemsBefore);
    QCOMPARE(queryTable(m_h->db(), cursorsSql), cursorsBefore);
    QTRY_VERIFY_WITH_TIMEOUT(m_h->lastError(account).contains(QLatin1String("/api/v1/notifications")), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_h->syncState(account, QStringLiteral("notifications")).lastError.isEmpty(), kTimeoutMs);
    QVERIFY(m_h->lastError(m_accounts[1]).isEmpty());

    const QList<JournalEntry> notifications =
        requestsTo(m_sandbox->journal(), QStringLiteral("GET"), api(u"/notifications"));
    QCOMPARE(notifications.size(), attempts);
    for (const JournalEntry& e : notifications) {
        QCOMPARE(e.fault, sandbox::faultName(fault));
    }

    // Once the server behaves, the next sync picks up where the stored cursor says.
    const SyncRun recovered = m_h->runSync({account});
    QVERIFY(recovered.finished);
    QVERIFY2(recovered.ok.value(account), qPrintable(m_h->sync().status(account).error.toString()));
    QCOMPARE(m_h->sync().status(account).inserted, 1);
    QCOMPARE(storedMentions(account), qint64(m_sandbox->mentionCount(0)));
    QVERIFY(m_h->lastError(account).isEmpty());
    QVERIFY(m_h->syncState(account, QStringLiteral("notifications")).lastError.isEmpty());
}

void MastodonSyncTest::revokedTokenFlagsOnlyThatAccount() {
    const SyncRun first = m_h->runSync();
    QVERIFY(first.finished && first.ok.value(m_accounts[0]) && first.ok.value(m_accounts[1]));
    const qint64 firstAccountItems =
        queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_accounts[0]});
    QVERIFY(!m_sandbox->addMention(1, QStringLiteral("Second account, are you still there?")).statusId.isEmpty());

    QVERIFY(m_sandbox->revokeToken(0));
    m_sandbox->clearJournal();
    const SyncRun run = m_h->runSync();
    QVERIFY(run.finished);
    QVERIFY(run.ok.contains(m_accounts[0]));
    QVERIFY(!run.ok.value(m_accounts[0]));
    QVERIFY2(run.ok.value(m_accounts[1]), qPrintable(m_h->sync().status(m_accounts[1]).error.toString()));

    const sync::AccountSyncStatus status = m_h->sync().status(m_accounts[0]);
    QVERIFY(status.state == sync::AccountSyncState::Error);
    QVERIFY2(status.error.code == ErrorCode::Unauthorized, errorCodeName(status.error.code));
    QCOMPARE(status.error.httpStatus, 401);
    QTRY_VERIFY_WITH_TIMEOUT(m_h->lastError(m_accounts[0]).contains(QLatin1String("unauthorized")), kTimeoutMs);
    QVERIFY(m_h->lastError(m_accounts[0]).contains(m_remote[0].name));
    QVERIFY(m_h->lastError(m_accounts[1]).isEmpty());
    QVERIFY(m_h->sync().status(m_accounts[1]).state == sync::AccountSyncState::Idle);
    QCOMPARE(m_h->sync().status(m_accounts[1]).inserted, 1);
    QCOMPARE(storedMentions(m_accounts[1]), qint64(m_sandbox->mentionCount(1)));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_accounts[0]}),
             firstAccountItems);

    // A 401 is not retried: one refused request, then the account stops.
    const QList<JournalEntry> refused = withHeader(m_sandbox->journal(), QStringLiteral("authorization"),
                                                   QStringLiteral("Bearer ") + m_remote[0].token);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().status, 401);
}

void MastodonSyncTest::replyThroughOutbox() {
    const qint64 account = m_accounts[0];
    const SyncRun first = m_h->runSync({account});
    QVERIFY(first.finished && first.ok.value(account));
    const QStringList parent = queryRow(m_h->db(),
                                        "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                                        "AND kind = 'mention' AND first_response_at IS NULL ORDER BY id DESC LIMIT 1",
                                        {account});
    QCOMPARE(parent.size(), 2);
    const qint64 parentId = parent[0].toLongLong();
    const QString& parentRemoteId = parent[1];
    const QString key = newUuid();
    const QString text = QStringLiteral("Thanks for the report, a fix is on its way.");
    const qint64 outboxId = m_h->enqueueReply(account, parentId, parentRemoteId, text, key);
    QVERIFY(outboxId > 0);
    const qint64 before = itemCount(m_h->db());
    const int createdBefore = m_sandbox->statusesCreated();

    m_sandbox->clearJournal();
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(m_sandbox->statusesCreatedWithKey(key), 1);
    QCOMPARE(m_sandbox->statusesCreated(), createdBefore + 1);

    auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry.has_value());
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    QVERIFY(!entry->remoteId.isEmpty());
    QVERIFY(entry->sentAt > 0);
    const QString replyRemoteId = entry->remoteId;

    QCOMPARE(itemCount(m_h->db()), before + 1);
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), account, replyRemoteId);
    QVERIFY(reply.has_value());
    QVERIFY(reply->direction == model::Direction::Outgoing);
    QVERIFY(reply->kind == model::Kind::Reply);
    QCOMPARE(reply->parentRemoteId, parentRemoteId);
    QCOMPARE(reply->text, text);
    const auto answered = store::ItemRepository::byId(m_h->db(), parentId);
    QVERIFY(answered.has_value());
    QVERIFY(answered->firstResponseAt > 0);
    QCOMPARE(answered->firstResponseAt, reply->createdAt);

    // On the wire: one POST, JSON, with the key, replying to the parent.
    const QList<JournalEntry> posts = requestsTo(m_sandbox->journal(), QStringLiteral("POST"), api(u"/statuses"));
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts[0].header(QStringLiteral("idempotency-key")), key);
    QVERIFY(posts[0].header(QStringLiteral("content-type")).startsWith(QLatin1String("application/json")));
    QVERIFY(posts[0].header(QStringLiteral("user-agent")).startsWith(QLatin1String("Baton/")));
    QCOMPARE(posts[0].header(QStringLiteral("authorization")), QStringLiteral("Bearer ") + m_remote[0].token);
    const QJsonObject body = QJsonDocument::fromJson(posts[0].body).object();
    QCOMPARE(body.value(QLatin1String("status")).toString(), text);
    QCOMPARE(body.value(QLatin1String("in_reply_to_id")).toString(), parentRemoteId);
    QCOMPARE(posts[0].status, 200);

    // A forced resend of the same entry (as after a crash mid-send): the key makes the server answer with the
    // status it already created.
    const auto reset = m_h->store().writer().run([outboxId](store::Database& d, store::ChangeSet& c) {
        store::Statement st(d, "UPDATE outbox SET state = 'sending' WHERE id = ?");
        st.bind(1, outboxId);
        c.outboxChanged = true;
        return st.exec();
    });
    QVERIFY(reset.hasValue());
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(m_sandbox->statusesCreatedWithKey(key), 1);
    QCOMPARE(m_sandbox->statusesCreated(), createdBefore + 1);
    entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry.has_value());
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    QCOMPARE(entry->remoteId, replyRemoteId);
    QCOMPARE(itemCount(m_h->db()), before + 1);
    const QList<JournalEntry> resent = requestsTo(m_sandbox->journal(), QStringLiteral("POST"), api(u"/statuses"));
    QCOMPARE(resent.size(), 2);
    QCOMPARE(resent[1].header(QStringLiteral("idempotency-key")), key);

    // The account's own statuses stream brings the reply back: still one row.
    const SyncRun after = m_h->runSync({account});
    QVERIFY(after.finished && after.ok.value(account));
    QCOMPARE(itemCount(m_h->db()), before + 1);
    QCOMPARE(duplicateItems(m_h->db()), qint64(0));
}

void MastodonSyncTest::replyResponseLostIsNotPostedTwice() {
    const qint64 account = m_accounts[0];
    const SyncRun first = m_h->runSync({account});
    QVERIFY(first.finished && first.ok.value(account));
    const QStringList parent = queryRow(m_h->db(),
                                        "SELECT id, remote_id FROM items WHERE account_id = ? AND direction = 'in' "
                                        "AND kind = 'mention' AND first_response_at IS NULL ORDER BY id LIMIT 1",
                                        {account});
    QCOMPARE(parent.size(), 2);
    const QString key = newUuid();
    const qint64 outboxId = m_h->enqueueReply(account, parent[0].toLongLong(), parent[1],
                                              QStringLiteral("Sorry for the wait, fixed now."), key);
    QVERIFY(outboxId > 0);
    const qint64 before = itemCount(m_h->db());

    // The server posts the status, then the connection drops before the answer: the client cannot know.
    m_sandbox->clearJournal();
    m_sandbox->faults().failNext(FaultKind::ResetAfterHandling, 1, api(u"/statuses"));
    QCOMPARE(m_h->flushOutbox(account), (std::pair{1, 0}));
    QCOMPARE(m_sandbox->statusesCreatedWithKey(key), 1);

    const QList<JournalEntry> posts = requestsTo(m_sandbox->journal(), QStringLiteral("POST"), api(u"/statuses"));
    QCOMPARE(posts.size(), 2);
    QCOMPARE(posts[0].fault, QStringLiteral("reset-after-handling"));
    QCOMPARE(posts[1].fault, QString());
    QCOMPARE(posts[1].status, 200);
    for (const JournalEntry& e : posts) {
        QCOMPARE(e.header(QStringLiteral("idempotency-key")), key);
    }

    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry.has_value());
    QCOMPARE(model::toString(entry->state), QStringLiteral("sent"));
    QCOMPARE(itemCount(m_h->db()), before + 1);
    const auto reply = store::ItemRepository::byRemoteId(m_h->db(), account, entry->remoteId);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->parentRemoteId, parent[1]);
}

void MastodonSyncTest::moderation_data() {
    QTest::addColumn<connectors::ModerationAction>("action");
    QTest::addColumn<QString>("path"); // %N: notification id, %S: status id, %A: author's account id
    QTest::newRow("dismiss") << connectors::ModerationAction::Dismiss << QStringLiteral("/notifications/%N/dismiss");
    QTest::newRow("mute author") << connectors::ModerationAction::MuteAuthor << QStringLiteral("/accounts/%A/mute");
    QTest::newRow("block author") << connectors::ModerationAction::BlockAuthor << QStringLiteral("/accounts/%A/block");
    QTest::newRow("mute thread") << connectors::ModerationAction::MuteThread << QStringLiteral("/statuses/%S/mute");
    QTest::newRow("report") << connectors::ModerationAction::Report << QStringLiteral("/reports");
}

void MastodonSyncTest::moderation() {
    QFETCH(connectors::ModerationAction, action);
    QFETCH(QString, path);
    const qint64 account = m_accounts[0];
    const SyncRun first = m_h->runSync({account});
    QVERIFY(first.finished && first.ok.value(account));
    const QString remoteId = queryText(m_h->db(),
                                       "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' AND "
                                       "kind = 'mention' AND notification_id IS NOT NULL ORDER BY id DESC LIMIT 1",
                                       {account});
    const auto item = store::ItemRepository::byRemoteId(m_h->db(), account, remoteId);
    QVERIFY(item.has_value());
    QVERIFY(!item->notificationId.isEmpty());
    QVERIFY(!item->author.remoteId.isEmpty());
    connectors::Connector* connector = m_h->connectorFor(account);
    QVERIFY(connector != nullptr);
    QVERIFY(connector->moderationActions(*item).contains(action));
    const int mentionsBefore = m_sandbox->mentionCount(0);
    const qint64 authorMentions = queryInt(m_h->db(),
                                           "SELECT count(*) FROM items JOIN identities ON identities.id = "
                                           "items.identity_id WHERE items.account_id = ? AND identities.remote_id = ? "
                                           "AND items.notification_id IS NOT NULL",
                                           {account, item->author.remoteId});
    QVERIFY(authorMentions >= 1);
    const QString comment = QStringLiteral("Spam links in every reply");

    m_sandbox->clearJournal();
    const Expected<bool, Error> result = m_h->moderate(account, action, *item, comment);
    QVERIFY2(result.hasValue(), failureText(result).constData());

    const QList<JournalEntry> journal = m_sandbox->journal();
    QCOMPARE(journal.size(), 1);
    const JournalEntry& sent = journal.first();
    QCOMPARE(sent.method, QStringLiteral("POST"));
    QString expectedPath = path;
    expectedPath.replace(QLatin1String("%N"), item->notificationId)
        .replace(QLatin1String("%S"), item->remoteId)
        .replace(QLatin1String("%A"), item->author.remoteId);
    QCOMPARE(sent.path, api(expectedPath));
    QCOMPARE(sent.status, 200);
    QCOMPARE(sent.header(QStringLiteral("authorization")), QStringLiteral("Bearer ") + m_remote[0].token);
    QVERIFY(sent.header(QStringLiteral("user-agent")).startsWith(QLatin1String("Baton/")));

    if (action == connectors::ModerationAction::Report) {
        QVERIFY(sent.header(QStringLiteral("content-type")).startsWith(QLatin1String("application/json")));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QLatin1String("account_id")).toString(), item->author.remoteId);
        QVERIFY(body.value(QLatin1String("status_ids")).toArray() == QJsonArray{item->remoteId});
        QCOMPARE(body.value(QLatin1String("comment")).toString(), comment);
        QCOMPARE(body.value(QLatin1String("category")).toString(), QStringLiteral("other"));
    } else {
        QVERIFY(sent.body.isEmpty() || sent.body == "{}");
    }
    // Dismissing removes that notification; blocking removes every notification from the author, as on Mastodon.
    int expectedMentions = mentionsBefore;
    if (action == connectors::ModerationAction::Dismiss) {
        expectedMentions -= 1;
    } else if (action == connectors::ModerationAction::BlockAuthor) {
        expectedMentions -= int(authorMentions);
    }
    QCOMPARE(m_sandbox->mentionCount(0), expectedMentions);
}

QTEST_GUILESS_MAIN(MastodonSyncTest)
#include "MastodonSyncTest.moc"
