// Crash safety of the real `baton` binary on every network of the sandbox besides Mastodon (CrashSafetyTest): a
// child process syncing one account is killed with SIGKILL at random moments. After every kill the database must be
// sound (integrity_check, no duplicate, never fewer items than before); once a run is allowed to finish, the profile
// must hold exactly what a clean sync of the same server stores, so no kill lost or invented anything. Replies on
// every network that takes them are also killed mid-flight: each must reach the server exactly once.
//
// The kill moments come from a seed printed at the start; BATON_CRASH_SEED=N replays a run.
#include "core/sandbox/SandboxServer.h"
#include "core/sandbox/mail/MailStore.h"
#include "core/sandbox/reddit/RedditStore.h"
#include "core/sandbox/youtube/YouTubeStore.h"
#include "core/store/Database.h"
#include "tests/support/BatonProcess.h"
#include "tests/support/StoreProbe.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace baton;
using baton::testing::Child;
using baton::testing::duplicateItems;
using baton::testing::failureText;
using baton::testing::itemCount;
using baton::testing::queryColumn;
using baton::testing::queryInt;

namespace {

constexpr int kSyncKills = 8;
constexpr int kReplyKills = 14;
constexpr int kChildTimeoutMs = 90000;
constexpr qint64 kFixedNow = 1795000000000LL; // 2026-11-19
const char* const kTokenVariable = "BATON_CRASH_TEST_TOKEN";

// What a profile holds, as a sorted list of the remote ids of its items.
QStringList storedIds(const QString& dbPath) {
    store::Database db;
    if (!db.open(dbPath, store::Database::Mode::ReadOnly)) {
        return {QStringLiteral("<cannot open %1>").arg(dbPath)};
    }
    return queryColumn(db, "SELECT remote_id FROM items ORDER BY remote_id");
}

} // namespace

class NetworkCrashSafetyTest final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void killedDuringSync_data();
    void killedDuringSync();
    void killedDuringReply_data();
    void killedDuringReply();

private:
    // nowMs: the sandbox clock's start (0: the wall clock).
    void startSandbox(qint64 nowMs = kFixedNow);
    // A new profile with the sandbox's account of that network; the profile's folder, or empty on failure.
    std::unique_ptr<QTemporaryDir> profileWith(const QString& network);
    Child runBaton(const QTemporaryDir& profile, const QStringList& args, int killAfterMs = -1);
    static QString dbPath(const QTemporaryDir& profile) {
        return QDir(profile.path()).filePath(QStringLiteral("baton.db"));
    }
    void checkStore(const QTemporaryDir& profile, const QString& when, qint64* items);
    // How many copies of the reply with that text the network's server holds (email: distinct Message-IDs).
    int repliesOnServer(const QString& network, const QString& parent, const QString& text, QString* why) const;

    QString m_baton;
    quint32 m_seed = 0;
    QRandomGenerator m_random;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    sandbox::SandboxAccount m_remote;
};

void NetworkCrashSafetyTest::initTestCase() {
    const QString binDir = qEnvironmentVariable("BATON_TEST_BIN_DIR");
    QVERIFY2(!binDir.isEmpty(), "BATON_TEST_BIN_DIR is not set (run through ctest)");
    m_baton = QDir(binDir).filePath(QStringLiteral("baton"));
    QVERIFY2(QFileInfo(m_baton).isExecutable(), qPrintable(m_baton + QStringLiteral(" is not an executable")));
    bool fromEnv = false;
    m_seed = qEnvironmentVariable("BATON_CRASH_SEED").toUInt(&fromEnv);
    if (!fromEnv) {
        m_seed = 20261201;
    }
    m_random.seed(m_seed);
    qInfo("kill moments seeded with %u (BATON_CRASH_SEED=%u replays them)", m_seed, m_seed);
}

void NetworkCrashSafetyTest::cleanup() {
    m_sandbox.reset();
}

void NetworkCrashSafetyTest::startSandbox(qint64 nowMs) {
    sandbox::SandboxOptions options;
    options.seed = 5;
    options.nowMs = nowMs;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 600; // sizes the Reddit community too
    options.rateLimit = 1000000;
    options.blueskyNotificationsPerAccount = 1500;
    options.discourseAccounts = 1;
    options.discourseTopics = 200;
    options.discourseAdminRateLimit = 100000;
    options.discourseUserRateLimit = 100000;
    options.discourseUserDailyLimit = 1000000;
    options.youtubeCommentsPerChannel = 900;
    options.youtubeQuota = 1000000;
    options.googleReviewsPerLocation = 300;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
}

std::unique_ptr<QTemporaryDir> NetworkCrashSafetyTest::profileWith(const QString& network) {
    m_remote = {};
    for (const sandbox::SandboxAccount& a : m_sandbox->accounts()) {
        if (a.network == network) {
            m_remote = a;
            break;
        }
    }
    if (m_remote.baseUrl.isEmpty()) {
        qWarning("the sandbox has no %s account", qPrintable(network));
        return nullptr;
    }
    auto profile = std::make_unique<QTemporaryDir>();
    QStringList args{
        QStringLiteral("account"), QStringLiteral("add"),        network,          QStringLiteral("--name"),
        QStringLiteral("x"),       QStringLiteral("--base-url"), m_remote.baseUrl, QStringLiteral("--secret-store"),
        QStringLiteral("file")};
    if (!m_remote.token.isEmpty()) { // a public feed has none
        args << QStringLiteral("--token-env") << QString::fromLatin1(kTokenVariable);
    }
    const Child added = runBaton(*profile, args);
    if (!added.finished || added.exitCode != 0) {
        qWarning().noquote() << "account add failed:" << added.describe();
        return nullptr;
    }
    return profile;
}

Child NetworkCrashSafetyTest::runBaton(const QTemporaryDir& profile, const QStringList& args, int killAfterMs) {
    QProcessEnvironment env;
    env.insert(QString::fromLatin1(kTokenVariable), m_remote.token);
    return testing::runBaton(m_baton, profile.path(), args, env, killAfterMs, kChildTimeoutMs);
}

void NetworkCrashSafetyTest::checkStore(const QTemporaryDir& profile, const QString& when, qint64* items) {
    store::Database db;
    const auto opened = db.open(dbPath(profile), store::Database::Mode::ReadOnly);
    QVERIFY2(opened.hasValue(), qPrintable(when + QStringLiteral(": ") + QString::fromLocal8Bit(failureText(opened))));
    QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
    QCOMPARE(duplicateItems(db), qint64(0));
    const qint64 now = itemCount(db);
    QVERIFY2(now >= *items, qPrintable(QStringLiteral("%1: %2 items, %3 before").arg(when).arg(now).arg(*items)));
    *items = now;
}

void NetworkCrashSafetyTest::killedDuringSync_data() {
    QTest::addColumn<QString>("network");
    for (const char* n : {"bluesky", "reddit", "discourse", "youtube", "google-reviews", "feed", "email"}) {
        QTest::newRow(n) << QString::fromLatin1(n);
    }
}

void NetworkCrashSafetyTest::killedDuringSync() {
    QFETCH(QString, network);
    startSandbox();
    const std::unique_ptr<QTemporaryDir> profile = profileWith(network);
    QVERIFY(profile);
    qint64 items = 0;
    int killed = 0;
    for (int run = 0; run < kSyncKills; ++run) {
        const QString when = QStringLiteral("%1 sync run %2").arg(network).arg(run + 1);
        m_sandbox->faults().setLatencyMs(int(m_random.bounded(10, 41)));
        const Child child =
            runBaton(*profile, {QStringLiteral("sync"), QStringLiteral("--once")}, int(m_random.bounded(20, 401)));
        QVERIFY2(child.started, child.err.constData());
        // Killed, or finished by itself: a crash or a failed sync is a defect either way.
        QVERIFY2(child.killed || (child.finished && child.exitCode == 0), qPrintable(when + u' ' + child.describe()));
        killed += child.killed ? 1 : 0;
        checkStore(*profile, when, &items);
        if (QTest::currentTestFailed()) {
            return;
        }
    }
    qInfo("%s: %d of %d sync runs killed mid-way", qPrintable(network), killed, kSyncKills);
    QVERIFY(killed > 0);

    m_sandbox->faults().setLatencyMs(0);
    const Child final = runBaton(*profile, {QStringLiteral("sync"), QStringLiteral("--once")});
    QVERIFY2(final.finished && final.exitCode == 0, qPrintable(final.describe()));
    checkStore(*profile, QStringLiteral("final sync"), &items);

    // A clean profile synced once from the same server stores exactly the same items.
    const std::unique_ptr<QTemporaryDir> clean = profileWith(network);
    QVERIFY(clean);
    const Child reference = runBaton(*clean, {QStringLiteral("sync"), QStringLiteral("--once")});
    QVERIFY2(reference.finished && reference.exitCode == 0, qPrintable(reference.describe()));
    const QStringList expected = storedIds(dbPath(*clean));
    QCOMPARE(storedIds(dbPath(*profile)), expected);
    QVERIFY2(expected.size() > 10, qPrintable(QString::number(expected.size())));
}

void NetworkCrashSafetyTest::killedDuringReply_data() {
    QTest::addColumn<QString>("network");
    // Each answer is held back by latencyMs (a random value up to twice it) so that kills land at every step;
    // Discourse and email ask the server several things before they post (email some fifteen IMAP commands).
    QTest::addColumn<int>("latencyMs");
    QTest::addColumn<int>("killWithinMs");
    QTest::newRow("bluesky") << QStringLiteral("bluesky") << 250 << 600;
    QTest::newRow("reddit") << QStringLiteral("reddit") << 250 << 600;
    QTest::newRow("discourse") << QStringLiteral("discourse") << 250 << 2400;
    QTest::newRow("youtube") << QStringLiteral("youtube") << 250 << 600;
    QTest::newRow("email") << QStringLiteral("email") << 40 << 2400;
}

int NetworkCrashSafetyTest::repliesOnServer(const QString& network, const QString& parent, const QString& text,
                                            QString* why) const {
    if (network == QLatin1String("bluesky")) {
        return m_sandbox->blueskyRepliesWithText(parent, text);
    }
    if (network == QLatin1String("reddit")) {
        return m_sandbox->reddit().commentsWithText(text);
    }
    if (network == QLatin1String("discourse")) {
        return m_sandbox->discoursePostsWithText(text);
    }
    if (network == QLatin1String("youtube")) {
        return m_sandbox->youtube().commentsWithText(text);
    }
    // Email: SMTP has no idempotency and no lookup on the receiving side. A message submitted again (the process
    // died after the server took it, before the copy in Sent) carries the same Message-ID, so mail clients show one
    // message: distinct Message-IDs are what must be exactly one.
    QSet<QString> ids;
    for (const sandbox::OutgoingMail& m : m_sandbox->mail().outgoing()) {
        if (m.raw.contains(text.toUtf8())) {
            ids.insert(sandbox::MailStore::messageIdOf(m.raw));
        }
    }
    if (why) {
        *why = QStringList(ids.cbegin(), ids.cend()).join(u' ');
    }
    return static_cast<int>(ids.size());
}

void NetworkCrashSafetyTest::killedDuringReply() {
    QFETCH(QString, network);
    QFETCH(int, latencyMs);
    QFETCH(int, killWithinMs);
    // On the wall clock: where no idempotency key exists, an earlier attempt is recognised by its text and its time
    // on the server, which must agree with this computer's as a real server's does.
    startSandbox(0);
    const std::unique_ptr<QTemporaryDir> profile = profileWith(network);
    QVERIFY(profile);
    const Child synced = runBaton(*profile, {QStringLiteral("sync"), QStringLiteral("--once")});
    QVERIFY2(synced.finished && synced.exitCode == 0, qPrintable(synced.describe()));
    QStringList parents;
    QStringList parentIds;
    {
        store::Database db;
        QVERIFY(db.open(dbPath(*profile), store::Database::Mode::ReadOnly).hasValue());
        // Items the network takes replies to: not spam, not a YouTube comment held back from the public.
        const char* sql = "SELECT %1 FROM items WHERE direction = 'in' AND status <> 'spam' AND coalesce(visibility, "
                          "'') NOT IN ('heldForReview', 'likelySpam', 'rejected') ORDER BY id DESC LIMIT 100";
        parents = queryColumn(db, QString::fromLatin1(sql).arg(QStringLiteral("id")).toUtf8().constData());
        parentIds = queryColumn(db, QString::fromLatin1(sql).arg(QStringLiteral("remote_id")).toUtf8().constData());
    }
    QVERIFY(parents.size() >= kReplyKills);
    qint64 items = 0;
    int killed = 0;
    int killedQueued = 0;       // killed after the reply was queued: the resume had to decide whether it went out
    int killedAfterPosting = 0; // of those, killed once the server had it
    for (int run = 0; run < kReplyKills; ++run) {
        const QString when = QStringLiteral("%1 reply run %2").arg(network).arg(run + 1);
        const QString text = QStringLiteral("Thanks, we are on it (%1 reply %2)").arg(network).arg(run + 1);
        m_sandbox->faults().setLatencyMs(int(m_random.bounded(latencyMs, 2 * latencyMs + 1)));
        const Child child = runBaton(*profile, {QStringLiteral("reply"), parents[run], QStringLiteral("--text"), text},
                                     int(m_random.bounded(20, killWithinMs + 1)));
        QVERIFY2(child.started, child.err.constData());
        QVERIFY2(child.killed || (child.finished && child.exitCode == 0), qPrintable(when + u' ' + child.describe()));
        killed += child.killed ? 1 : 0;
        // Killed after the server took the reply, before the profile knew: the resume must find it, not repost.
        const bool reachedServer = repliesOnServer(network, parentIds[run], text, nullptr) > 0;
        killedAfterPosting += child.killed && reachedServer ? 1 : 0;

        // The next sync sends what is due. A reply that may have gone out is looked for on the server first (a
        // record key on Bluesky), so it is never posted twice.
        m_sandbox->faults().setLatencyMs(2);
        const Child resumed = runBaton(*profile, {QStringLiteral("sync"), QStringLiteral("--once")});
        QVERIFY2(resumed.finished && resumed.exitCode == 0,
                 qPrintable(when + QStringLiteral(" resume: ") + resumed.describe()));
        checkStore(*profile, when, &items);
        if (QTest::currentTestFailed()) {
            return;
        }
        store::Database db;
        QVERIFY(db.open(dbPath(*profile), store::Database::Mode::ReadOnly).hasValue());
        QCOMPARE(queryColumn(db, "SELECT state || ': ' || coalesce(last_error, '') FROM outbox WHERE state <> 'sent'"),
                 QStringList());
        for (int k = 0; k <= run; ++k) {
            const QString sent = QStringLiteral("Thanks, we are on it (%1 reply %2)").arg(network).arg(k + 1);
            const bool queued = queryInt(db, "SELECT count(*) FROM outbox WHERE text = ?", {sent}) == 1;
            if (k == run && queued && child.killed) {
                ++killedQueued;
            }
            // A reply killed before it was queued is simply not there; one that was queued went out exactly once.
            QString why;
            const int onServer = repliesOnServer(network, parentIds[k], sent, &why);
            QVERIFY2(onServer == (queued ? 1 : 0),
                     qPrintable(QStringLiteral("%1: \"%2\" %3 on the server, queued: %4 %5")
                                    .arg(when, sent)
                                    .arg(onServer)
                                    .arg(queued)
                                    .arg(why)));
            // The sent reply is in the inbox's history, once.
            QCOMPARE(queryInt(db, "SELECT count(*) FROM items WHERE direction = 'out' AND instr(text, ?) > 0", {sent}),
                     qint64(queued ? 1 : 0));
        }
    }
    qInfo("%s: %d of %d replies killed mid-way, %d of them once queued, %d once on the server", qPrintable(network),
          killed, kReplyKills, killedQueued, killedAfterPosting);
    QVERIFY(killedQueued > 0);
}

QTEST_GUILESS_MAIN(NetworkCrashSafetyTest)
#include "NetworkCrashSafetyTest.moc"
