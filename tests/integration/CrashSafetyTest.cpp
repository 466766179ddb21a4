// Crash safety of the real `baton` binary: a child process syncing from the in-process sandbox, or sending a
// reply, is killed with SIGKILL at random moments. After every kill the database must be sound (integrity_check,
// no duplicate item, no item lost), the next run must resume where the stored cursors say, and every reply must
// reach the server exactly once thanks to its Idempotency-Key.
//
// The random kill moments come from a seed printed at the start; BATON_CRASH_SEED=N replays a run.
#include "core/sandbox/SandboxServer.h"
#include "core/store/Database.h"
#include "tests/support/BatonProcess.h"
#include "tests/support/StoreProbe.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace baton;
using baton::sandbox::JournalEntry;
using baton::testing::Child;
using baton::testing::duplicateItems;
using baton::testing::failureText;
using baton::testing::itemCount;
using baton::testing::queryColumn;
using baton::testing::queryInt;
using baton::testing::queryRow;

namespace {

constexpr int kSyncKills = 24;
constexpr int kReplyKills = 24;
constexpr int kChildTimeoutMs = 60000;
constexpr qint64 kFixedNow = 1717243200000; // 2024-06-01T12:00:00.000Z
const char* const kTokenVariable = "BATON_CRASH_TEST_TOKEN";

} // namespace

class CrashSafetyTest final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void killedDuringSync();
    void killedDuringReply();

private:
    // Runs baton with the test profile; killAfterMs < 0 waits for it to finish by itself.
    Child runBaton(const QStringList& args, int killAfterMs = -1);
    QString dbPath() const { return QDir(m_profile->path()).filePath(QStringLiteral("baton.db")); }
    // Opens the profile's database read-only, as a second process would, and checks it is sound.
    void checkStore(const QString& when);

    QString m_baton;
    quint32 m_seed = 0;
    QRandomGenerator m_random;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_profile;
    qint64 m_items = 0; // the item count seen last: it never goes down
};

void CrashSafetyTest::initTestCase() {
    const QString binDir = qEnvironmentVariable("BATON_TEST_BIN_DIR");
    QVERIFY2(!binDir.isEmpty(), "BATON_TEST_BIN_DIR is not set (run through ctest)");
    m_baton = QDir(binDir).filePath(QStringLiteral("baton"));
    QVERIFY2(QFileInfo(m_baton).isExecutable(), qPrintable(m_baton + QStringLiteral(" is not an executable")));

    bool fromEnv = false;
    m_seed = qEnvironmentVariable("BATON_CRASH_SEED").toUInt(&fromEnv);
    if (!fromEnv) {
        m_seed = 20240601;
    }
    m_random.seed(m_seed);
    qInfo("kill moments seeded with %u (BATON_CRASH_SEED=%u replays them)", m_seed, m_seed);

    sandbox::SandboxOptions options;
    options.seed = 11;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 3500;
    options.rateLimit = 1000000;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));

    m_profile = std::make_unique<QTemporaryDir>();
    QVERIFY(m_profile->isValid());
    const sandbox::SandboxAccount remote = m_sandbox->accounts().value(0);
    const Child added = runBaton({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("mastodon"),
                                  QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--base-url"),
                                  remote.baseUrl, QStringLiteral("--token-env"), QString::fromLatin1(kTokenVariable),
                                  QStringLiteral("--secret-store"), QStringLiteral("file")});
    QVERIFY2(added.finished && added.exitCode == 0, qPrintable(added.describe()));
}

void CrashSafetyTest::cleanupTestCase() {
    m_profile.reset();
    m_sandbox.reset();
}

Child CrashSafetyTest::runBaton(const QStringList& args, int killAfterMs) {
    QProcessEnvironment env;
    env.insert(QString::fromLatin1(kTokenVariable), m_sandbox->accounts().value(0).token);
    return testing::runBaton(m_baton, m_profile->path(), args, env, killAfterMs, kChildTimeoutMs);
}

void CrashSafetyTest::checkStore(const QString& when) {
    store::Database db;
    const auto opened = db.open(dbPath(), store::Database::Mode::ReadOnly);
    QVERIFY2(opened.hasValue(), qPrintable(when + QStringLiteral(": ") + QString::fromLocal8Bit(failureText(opened))));
    QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
    QCOMPARE(duplicateItems(db), qint64(0));
    // One account: remote ids alone must be unique as well.
    QCOMPARE(queryInt(db, "SELECT count(*) - count(DISTINCT remote_id) FROM items"), qint64(0));
    const qint64 items = itemCount(db);
    QVERIFY2(items >= m_items, qPrintable(QStringLiteral("%1: %2 items, %3 before").arg(when).arg(items).arg(m_items)));
    m_items = items;
}

void CrashSafetyTest::killedDuringSync() {
    int killed = 0;
    int resumedChecked = 0;
    for (int run = 0; run < kSyncKills; ++run) {
        const QString when = QStringLiteral("sync run %1").arg(run + 1);
        // Upstream keeps moving, so late runs still have work to be interrupted in.
        for (int n = int(m_random.bounded(120)); n > 0; --n) {
            m_sandbox->addMention(0);
        }
        m_sandbox->faults().setLatencyMs(int(m_random.bounded(5, 21)));
        const int killAfter = int(m_random.bounded(20, 401));

        // Where the notifications stream stands: the next run must ask for exactly what follows it.
        QStringList state;
        {
            store::Database db;
            QVERIFY(db.open(dbPath(), store::Database::Mode::ReadOnly).hasValue());
            state = queryRow(db, "SELECT coalesce(cursor, ''), coalesce(backfill_cursor, ''), backfill_done "
                                 "FROM sync_state WHERE stream = 'notifications'");
        }
        m_sandbox->clearJournal();
        const Child child = runBaton({QStringLiteral("sync"), QStringLiteral("--once")}, killAfter);
        QVERIFY2(child.started, child.err.constData());
        QVERIFY2(child.killed || (child.finished && child.exitCode == 0), qPrintable(when + u' ' + child.describe()));
        killed += child.killed ? 1 : 0;

        for (const JournalEntry& e : m_sandbox->journal()) {
            if (e.path != QLatin1String("/mastodon/api/v1/notifications")) {
                continue;
            }
            if (state.isEmpty()) {
                QVERIFY2(e.queryValues(QStringLiteral("max_id")).isEmpty() &&
                             e.queryValues(QStringLiteral("min_id")).isEmpty(),
                         qPrintable(when + u' ' + QString::fromLatin1(e.rawQuery)));
            } else if (state[2] == QLatin1String("0") && !state[1].isEmpty()) {
                QCOMPARE(e.queryValue(QStringLiteral("max_id")), state[1]);
            } else if (state[2] == QLatin1String("1")) {
                QCOMPARE(e.queryValue(QStringLiteral("min_id")), state[0]);
            }
            ++resumedChecked;
            break; // only the first request of the run follows the stored state directly
        }
        checkStore(when);
        if (QTest::currentTestFailed()) {
            return;
        }
    }
    qInfo("%d of %d sync runs killed mid-way; %d resumed from their stored cursor", killed, kSyncKills, resumedChecked);
    QVERIFY(killed > 0);

    // Run to completion: every mention the server has is stored exactly once, with no gap left by the kills.
    m_sandbox->faults().setLatencyMs(0);
    const Child final = runBaton({QStringLiteral("sync"), QStringLiteral("--once")});
    QVERIFY2(final.finished && final.exitCode == 0, qPrintable(final.describe()));
    checkStore(QStringLiteral("final sync"));
    store::Database db;
    QVERIFY(db.open(dbPath(), store::Database::Mode::ReadOnly).hasValue());
    QCOMPARE(queryInt(db, "SELECT count(*) FROM items WHERE direction = 'in' AND notification_id IS NOT NULL"),
             qint64(m_sandbox->mentionCount(0)));
    QCOMPARE(queryInt(db, "SELECT count(DISTINCT notification_id) FROM items WHERE notification_id IS NOT NULL"),
             qint64(m_sandbox->mentionCount(0)));
    QCOMPARE(queryInt(db, "SELECT count(*) FROM sync_state WHERE backfill_done = 1 AND last_error IS NULL"), qint64(3));
}

void CrashSafetyTest::killedDuringReply() {
    m_sandbox->faults().setLatencyMs(0);
    const Child synced = runBaton({QStringLiteral("sync"), QStringLiteral("--once")});
    QVERIFY2(synced.finished && synced.exitCode == 0, qPrintable(synced.describe()));
    QStringList parents;
    {
        store::Database db;
        QVERIFY(db.open(dbPath(), store::Database::Mode::ReadOnly).hasValue());
        parents = queryColumn(db, "SELECT id FROM items WHERE direction = 'in' AND kind = 'mention' "
                                  "AND first_response_at IS NULL ORDER BY id DESC LIMIT 100");
    }
    QVERIFY(parents.size() >= kReplyKills);
    const int createdBefore = m_sandbox->statusesCreated();

    int killed = 0;
    int killedWhileSending = 0;
    QStringList texts;
    for (int run = 0; run < kReplyKills; ++run) {
        const QString when = QStringLiteral("reply run %1").arg(run + 1);
        const QString text = QStringLiteral("Thanks, we are on it (reply %1)").arg(run + 1);
        texts.append(text);
        // The response is held back long enough for many kills to land while the POST is in flight.
        m_sandbox->faults().setLatencyMs(int(m_random.bounded(100, 351)));
        const int killAfter = int(m_random.bounded(20, 401));
        const Child child =
            runBaton({QStringLiteral("reply"), parents[run], QStringLiteral("--text"), text}, killAfter);
        QVERIFY2(child.started, child.err.constData());
        QVERIFY2(child.killed || (child.finished && child.exitCode == 0), qPrintable(when + u' ' + child.describe()));
        killed += child.killed ? 1 : 0;

        {
            store::Database db;
            QVERIFY(db.open(dbPath(), store::Database::Mode::ReadOnly).hasValue());
            const QStringList keys = queryColumn(db, "SELECT idempotency_key FROM outbox");
            for (const QString& key : keys) {
                QVERIFY2(m_sandbox->statusesCreatedWithKey(key) <= 1, qPrintable(when + QStringLiteral(": ") + key));
            }
            const QStringList mine = queryRow(db, "SELECT state FROM outbox WHERE text = ?", {text});
            if (child.finished) {
                // It said it was sent: it must be in the outbox as sent.
                QCOMPARE(mine, QStringList{QStringLiteral("sent")});
            }
            killedWhileSending += child.killed && mine == QStringList{QStringLiteral("sending")} ? 1 : 0;
        }

        // The next sync sends what is due first, with the same key.
        m_sandbox->faults().setLatencyMs(2);
        const Child resumed = runBaton({QStringLiteral("sync"), QStringLiteral("--once")});
        QVERIFY2(resumed.finished && resumed.exitCode == 0,
                 qPrintable(when + QStringLiteral(" resume: ") + resumed.describe()));
        checkStore(when);
        if (QTest::currentTestFailed()) {
            return;
        }
        store::Database db;
        QVERIFY(db.open(dbPath(), store::Database::Mode::ReadOnly).hasValue());
        const QStringList keys = queryColumn(db, "SELECT idempotency_key FROM outbox");
        for (const QString& key : keys) {
            QVERIFY2(m_sandbox->statusesCreatedWithKey(key) == 1, qPrintable(when + QStringLiteral(": ") + key));
        }
        QCOMPARE(queryInt(db, "SELECT count(*) FROM outbox WHERE state <> 'sent'"), qint64(0));
        QCOMPARE(m_sandbox->statusesCreated() - createdBefore, int(keys.size()));
    }
    qInfo("%d of %d replies killed mid-way, %d of them while the POST was in flight", killed, kReplyKills,
          killedWhileSending);
    QVERIFY(killed > 0);

    // Every reply that reached the outbox went out once, is stored once as an outgoing item answering its parent,
    // and kept its text.
    store::Database db;
    QVERIFY(db.open(dbPath(), store::Database::Mode::ReadOnly).hasValue());
    const QStringList stored = queryColumn(db, "SELECT text FROM outbox ORDER BY id");
    for (const QString& text : stored) {
        QVERIFY2(texts.contains(text), qPrintable(text));
    }
    QCOMPARE(queryInt(db, "SELECT count(*) FROM outbox o JOIN items r ON r.remote_id = o.remote_id "
                          "AND r.account_id = o.account_id AND r.direction = 'out' "
                          "JOIN items p ON p.id = o.item_id AND p.first_response_at IS NOT NULL"),
             qint64(stored.size()));
}

QTEST_GUILESS_MAIN(CrashSafetyTest)
#include "CrashSafetyTest.moc"
