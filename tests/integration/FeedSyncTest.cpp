// RSS / Atom end to end against a REAL nginx on 127.0.0.1: SyncEngine and FeedConnector through real libcurl
// (NetworkEngine) into a real SQLite store. The test starts its own nginx (no root, no system service): a
// generated configuration in a temporary directory, a free loopback port, pid and logs in that directory, and
// the fixture feeds as files. nginx's access log records each request's status and validators, so the test sees
// both sides of the conditional GET: the If-None-Match / If-Modified-Since Baton sent and the 304 nginx answered.
#include "core/connectors/feed/FeedConnector.h"
#include "core/net/NetworkEngine.h"
#include "core/sandbox/SandboxServer.h"
#include "core/secrets/FileSecretStore.h"
#include "core/store/AccountRepository.h"
#include "core/store/Store.h"
#include "core/store/SyncStateRepository.h"
#include "core/sync/SyncEngine.h"
#include "tests/support/StoreProbe.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace baton;
using baton::testing::duplicateItems;
using baton::testing::failureText;
using baton::testing::queryColumn;
using baton::testing::queryInt;
using baton::testing::queryText;

namespace {

constexpr int kTimeoutMs = 30000;
const char* const kNginx = "/usr/sbin/nginx";

QByteArray fixture(const QString& name) {
    QFile f(QStringLiteral(BATON_FIXTURES "/feed/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(name));
    }
    return f.readAll();
}

quint16 freePort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

// One private nginx serving <dir>/www; stopped (SIGTERM, then SIGKILL) when destroyed.
class Nginx {
public:
    explicit Nginx(const QString& dir)
        : m_dir(dir) {
        QDir().mkpath(m_dir + QStringLiteral("/www"));
        QDir().mkpath(m_dir + QStringLiteral("/tmp"));
    }
    ~Nginx() { stop(); }

    bool start(QString* error) {
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = freePort();
            if (m_port == 0 || !writeConfig()) {
                continue;
            }
            m_process.setProcessChannelMode(QProcess::MergedChannels);
            m_process.start(QString::fromLatin1(kNginx),
                            {QStringLiteral("-p"), m_dir, QStringLiteral("-c"), m_dir + QStringLiteral("/nginx.conf"),
                             QStringLiteral("-e"), m_dir + QStringLiteral("/error.log")});
            if (!m_process.waitForStarted(5000)) {
                *error = m_process.errorString();
                return false;
            }
            // Ready when the port accepts a connection; an early exit (port taken meanwhile) means try another.
            const bool up = QTest::qWaitFor(
                [&] {
                    if (m_process.state() != QProcess::Running) {
                        return true;
                    }
                    QTcpSocket s;
                    s.connectToHost(QHostAddress::LocalHost, m_port);
                    return s.waitForConnected(200);
                },
                10000);
            if (up && m_process.state() == QProcess::Running) {
                return true;
            }
            *error = QString::fromLocal8Bit(m_process.readAll()) + readFile(QStringLiteral("error.log"));
            stop();
        }
        return false;
    }

    void stop() {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString url(const QString& path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path); }

    // Writes a file under www with the given modification time (nginx's ETag is "<mtime hex>-<size hex>").
    bool serve(const QString& name, const QByteArray& body, const QDateTime& mtime) {
        QFile f(m_dir + QStringLiteral("/www/") + name);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(body) != body.size() || !f.flush()) {
            return false;
        }
        return f.setFileTime(mtime, QFileDevice::FileModificationTime);
    }

    // Access log lines: "METHOD URI STATUS|If-None-Match|If-Modified-Since".
    QStringList accessLog() const { return readFile(QStringLiteral("access.log")).split(u'\n', Qt::SkipEmptyParts); }

private:
    QString readFile(const QString& name) const {
        QFile f(m_dir + u'/' + name);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    bool writeConfig() {
        const QString conf = QStringLiteral(R"(daemon off;
master_process off;
pid %1/nginx.pid;
error_log %1/error.log info;
events { worker_connections 64; }
http {
    types { application/rss+xml rss; application/atom+xml atom; text/html html; }
    default_type application/octet-stream;
    log_format feed escape=none '$request_method $uri $status|$http_if_none_match|$http_if_modified_since';
    access_log %1/access.log feed;
    client_body_temp_path %1/tmp/body;
    proxy_temp_path %1/tmp/proxy;
    fastcgi_temp_path %1/tmp/fastcgi;
    uwsgi_temp_path %1/tmp/uwsgi;
    scgi_temp_path %1/tmp/scgi;
    server {
        listen 127.0.0.1:%2;
        root %1/www;
        location = /broken.rss { return 501; }
        location /private/ {
            auth_basic "feeds";
            auth_basic_user_file %1/htpasswd;
        }
    }
}
)")
                                 .arg(m_dir)
                                 .arg(m_port);
        QFile users(m_dir + QStringLiteral("/htpasswd"));
        if (!users.open(QIODevice::WriteOnly | QIODevice::Truncate) || users.write("reader:{PLAIN}s3cret\n") <= 0) {
            return false;
        }
        QFile f(m_dir + QStringLiteral("/nginx.conf"));
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(conf.toUtf8()) > 0;
    }

    QString m_dir;
    quint16 m_port = 0;
    QProcess m_process;
};

const QDateTime kFirstMtime = QDateTime::fromSecsSinceEpoch(1796104800, Qt::UTC); // 2026-12-01T06:00:00Z

// The RSS fixture with one more item in front, as a site would publish it.
QByteArray withNewEntry(QByteArray rss) {
    const QByteArray entry = "<item><title>Brand new review</title><guid isPermaLink=\"false\">review-200</guid>"
                             "<link>https://reviews.example/r/200</link>"
                             "<pubDate>Tue, 01 Dec 2026 07:00:00 GMT</pubDate>"
                             "<description>Just arrived &#x1F680;</description></item>\n    <item>";
    const qsizetype at = rss.indexOf("<item>");
    return rss.replace(at, 6, entry);
}

} // namespace

class FeedSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstSyncInsertsItems();
    void secondSyncIsNotModified();
    void changedFileBringsOnlyTheNewEntry();
    void editedEntryUpdatesInPlace();
    void atomFeed();
    void badResponsesFlagTheAccount_data();
    void badResponsesFlagTheAccount();
    void noReplyNoModeration();
    void basicAuth_data();
    void basicAuth();
    void sandboxConditionalGetAndLiveEntry();
    void sandboxRateLimitIsWaitedOut();
    void sandboxServerErrorIsRetried();

private:
    void useSandbox(); // points a new account at the sandbox's reviews feed
    QList<sandbox::JournalEntry> feedRequests() const;
    bool syncOnce(); // true when the account's run finished ok
    qint64 addAccount(const QString& name, const QString& url, const QString& secret = {});
    store::Database& db() { return m_store->reader(); }
    store::SyncState state() {
        return store::SyncStateRepository::get(db(), m_account, connectors::feed::FeedConnector::kStream);
    }
    qint64 items() { return queryInt(db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}); }
    QString lastError() { return queryText(db(), "SELECT last_error FROM accounts WHERE id = ?", {m_account}); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Nginx> m_nginx;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<secrets::FileSecretStore> m_secrets;
    std::unique_ptr<net::NetworkEngine> m_net;
    std::unique_ptr<sync::SyncEngine> m_sync;
    qint64 m_account = 0;
};

void FeedSyncTest::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = store::Store::open(m_dir->filePath(QStringLiteral("baton.db")));
    QVERIFY2(opened.hasValue(), failureText(opened).constData());
    m_store = std::move(*opened);
    m_secrets = std::make_unique<secrets::FileSecretStore>(m_dir->filePath(QStringLiteral("secrets.json")));
    m_net = std::make_unique<net::NetworkEngine>();
    m_sync = std::make_unique<sync::SyncEngine>(
        *m_store, *m_net, [this](const model::Account&) -> secrets::SecretStore* { return m_secrets.get(); });
    if (QByteArray(QTest::currentTestFunction()).startsWith("sandbox")) {
        return; // the sandbox cases bring their own server
    }
    if (!QFile::exists(QString::fromLatin1(kNginx))) {
        if (!qEnvironmentVariableIsEmpty("CI")) { // CI installs it (./dev does): never a silent skip there
            QFAIL("nginx is not installed: the feed tests cannot run against the real server");
        }
        QSKIP("nginx is not installed (./dev installs nginx-light)");
    }
    m_nginx = std::make_unique<Nginx>(m_dir->filePath(QStringLiteral("nginx")));
    QVERIFY(m_nginx->serve(QStringLiteral("feed.rss"), fixture(QStringLiteral("rss2.xml")), kFirstMtime));
    QString error;
    QVERIFY2(m_nginx->start(&error), qPrintable(error));
    m_account = addAccount(QStringLiteral("reviews"), m_nginx->url(QStringLiteral("/feed.rss")));
    QVERIFY(m_account > 0);
}

void FeedSyncTest::cleanup() {
    m_sync.reset();
    m_net.reset();
    m_store.reset();
    m_secrets.reset();
    m_nginx.reset();
    m_sandbox.reset();
    m_dir.reset();
}

qint64 FeedSyncTest::addAccount(const QString& name, const QString& url, const QString& secret) {
    model::Account account;
    account.network = model::Network::Feed;
    account.name = name;
    account.baseUrl = url;
    account.settings.insert(QStringLiteral("secret_store"), QStringLiteral("file"));
    account.createdAt = QDateTime::currentMSecsSinceEpoch();
    qint64 id = 0;
    const auto added = m_store->writer().run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
        auto r = store::AccountRepository::add(d, account, c);
        if (!r) {
            return unexpected(r.error());
        }
        id = *r;
        return {};
    });
    if (!added) {
        return 0;
    }
    account.id = id;
    // A public feed has no credentials: the stored secret is empty (it would be "user:password" for Basic).
    return m_secrets->writeNow(account.secretKey(), secret) ? id : 0;
}

bool FeedSyncTest::syncOnce() {
    QSignalSpy finished(m_sync.get(), &sync::SyncEngine::accountFinished);
    m_sync->syncAccount(m_account);
    if (!finished.wait(kTimeoutMs)) {
        return false;
    }
    return finished.first().at(1).toBool();
}

void FeedSyncTest::firstSyncInsertsItems() {
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    QCOMPARE(items(), qint64(5));
    QCOMPARE(duplicateItems(db()), qint64(0));
    // The feed is the community; entries are posts with their guid as remote id.
    QCOMPARE(queryText(db(), "SELECT c.name FROM items i JOIN communities c ON c.id = i.community_id "
                             "WHERE i.remote_id = 'review-101'"),
             QStringLiteral("Trail Reviews & Forum"));
    QCOMPARE(queryText(db(), "SELECT kind || ' ' || network || ' ' || url FROM items WHERE remote_id = 'review-101'"),
             QStringLiteral("post feed https://reviews.example/r/101"));
    QCOMPARE(queryInt(db(), "SELECT created_at FROM items WHERE remote_id = 'review-101'"), qint64(1796058900000));
    // The account learnt the feed's title; the validators nginx sent are stored with the cursor.
    QCOMPARE(queryText(db(), "SELECT handle FROM accounts WHERE id = ?", {m_account}),
             QStringLiteral("Trail Reviews & Forum"));
    const store::SyncState s = state();
    QVERIFY2(s.etag.startsWith(u'"'), qPrintable(s.etag));
    QCOMPARE(s.lastModified, QStringLiteral("Tue, 01 Dec 2026 06:00:00 GMT"));
    QCOMPARE(connectors::feed::decodeSeen(s.cursor).size(), 5);
    // verify() fetched it once, then the sync: both plain 200s, no validators yet.
    const QStringList log = m_nginx->accessLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.last(), QStringLiteral("GET /feed.rss 200||"));
}

void FeedSyncTest::secondSyncIsNotModified() {
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const store::SyncState before = state();
    const QStringList rowsBefore = queryColumn(db(), "SELECT id || remote_id FROM items ORDER BY id");
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const QStringList log = m_nginx->accessLog();
    QCOMPARE(log.last(), QStringLiteral("GET /feed.rss 304|%1|%2").arg(before.etag, before.lastModified));
    QCOMPARE(queryColumn(db(), "SELECT id || remote_id FROM items ORDER BY id"), rowsBefore);
    const store::SyncState after = state();
    QCOMPARE(after.etag, before.etag);
    QCOMPARE(after.lastModified, before.lastModified);
    QCOMPARE(after.cursor, before.cursor);
    QVERIFY(after.lastOkAt >= before.lastOkAt);
    QVERIFY(lastError().isEmpty());
}

void FeedSyncTest::changedFileBringsOnlyTheNewEntry() {
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const QStringList rowsBefore = queryColumn(db(), "SELECT id || ' ' || remote_id FROM items ORDER BY id");
    const QString etagBefore = state().etag;
    QVERIFY(m_nginx->serve(QStringLiteral("feed.rss"), withNewEntry(fixture(QStringLiteral("rss2.xml"))),
                           kFirstMtime.addSecs(3600)));
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const QStringList log = m_nginx->accessLog();
    QVERIFY2(log.last().startsWith(QStringLiteral("GET /feed.rss 200|%1|").arg(etagBefore)), qPrintable(log.last()));
    QCOMPARE(items(), qint64(6));
    QCOMPARE(duplicateItems(db()), qint64(0));
    // Every earlier row is untouched; the one new row is the new entry.
    QStringList rowsAfter = queryColumn(db(), "SELECT id || ' ' || remote_id FROM items ORDER BY id");
    for (const QString& row : rowsBefore) {
        QVERIFY2(rowsAfter.removeOne(row), qPrintable(row));
    }
    QCOMPARE(rowsAfter.size(), 1);
    QVERIFY2(rowsAfter.first().endsWith(QStringLiteral(" review-200")), qPrintable(rowsAfter.first()));
    QCOMPARE(queryText(db(), "SELECT text FROM items WHERE remote_id = 'review-200'"),
             QStringLiteral("Brand new review\n\nJust arrived \U0001F680"));
    QVERIFY(state().etag != etagBefore);
    QCOMPARE(state().lastModified, QStringLiteral("Tue, 01 Dec 2026 07:00:00 GMT"));
}

void FeedSyncTest::editedEntryUpdatesInPlace() {
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const qint64 rowId = queryInt(db(), "SELECT id FROM items WHERE remote_id = 'review-101'");
    QByteArray edited = fixture(QStringLiteral("rss2.xml"));
    edited.replace("never crashed", "crashed once since the update");
    QVERIFY(m_nginx->serve(QStringLiteral("feed.rss"), edited, kFirstMtime.addSecs(60)));
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    QCOMPARE(items(), qint64(5));
    QCOMPARE(queryInt(db(), "SELECT id FROM items WHERE remote_id = 'review-101'"), rowId);
    QVERIFY(queryText(db(), "SELECT text FROM items WHERE id = ?", {rowId}).contains(u"crashed once"));
    QVERIFY(queryInt(db(), "SELECT updated_at FROM items WHERE id = ?", {rowId}) > 0);
}

void FeedSyncTest::atomFeed() {
    QVERIFY(m_nginx->serve(QStringLiteral("forum.atom"), fixture(QStringLiteral("atom.xml")), kFirstMtime));
    m_account = addAccount(QStringLiteral("forum"), m_nginx->url(QStringLiteral("/forum.atom")));
    QVERIFY(m_account > 0);
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    QCOMPARE(items(), qint64(3));
    QCOMPARE(queryText(db(), "SELECT parent_remote_id FROM items WHERE remote_id = 'tag:forum.example,2026:post-8'"),
             QStringLiteral("tag:forum.example,2026:post-7"));
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    QVERIFY2(m_nginx->accessLog().last().startsWith(u"GET /forum.atom 304|\""),
             qPrintable(m_nginx->accessLog().last()));
    QCOMPARE(items(), qint64(3));
}

void FeedSyncTest::badResponsesFlagTheAccount_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body"); // served at path when not empty
    QTest::addColumn<QString>("status");  // in nginx's access log
    QTest::addColumn<QString>("error");   // in the account's last error
    QTest::newRow("404") << QStringLiteral("/gone.rss") << QByteArray() << QStringLiteral("404")
                         << QStringLiteral("no feed at this address (HTTP 404)");
    QTest::newRow("501") << QStringLiteral("/broken.rss") << QByteArray() << QStringLiteral("501")
                         << QStringLiteral("the server answered HTTP 501");
    QTest::newRow("garbage") << QStringLiteral("/garbage.rss") << QByteArray("\x89PNG\r\n\x1a\n\0\0garbage", 17)
                             << QStringLiteral("200") << QStringLiteral("malformed feed XML at line 1");
    QTest::newRow("html page") << QStringLiteral("/login.html")
                               << QByteArray("<html><body><p>Sign in</p></body></html>") << QStringLiteral("200")
                               << QStringLiteral("not an RSS or Atom feed");
    QTest::newRow("truncated") << QStringLiteral("/cut.rss") << fixture(QStringLiteral("truncated.xml"))
                               << QStringLiteral("200") << QStringLiteral("malformed feed XML at line");
}

void FeedSyncTest::badResponsesFlagTheAccount() {
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, status);
    QFETCH(QString, error);
    // The account works first, then its feed goes bad: what was stored stays, and the error names the cause.
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const store::SyncState good = state();
    if (!body.isEmpty()) {
        QVERIFY(m_nginx->serve(path.mid(1), body, kFirstMtime));
    }
    QVERIFY(m_store->writer()
                .run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
                    return store::AccountRepository::update(
                        d,
                        [&] {
                            auto a = *store::AccountRepository::byId(d, m_account);
                            a.baseUrl = m_nginx->url(path);
                            return a;
                        }(),
                        c);
                })
                .hasValue());
    m_sync.reset(); // a new engine builds a connector for the new address
    m_sync = std::make_unique<sync::SyncEngine>(
        *m_store, *m_net, [this](const model::Account&) -> secrets::SecretStore* { return m_secrets.get(); });
    QVERIFY(!syncOnce());
    QVERIFY2(m_nginx->accessLog().last().startsWith(QStringLiteral("GET %1 %2|").arg(path, status)),
             qPrintable(m_nginx->accessLog().last()));
    const QString message = lastError();
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY2(message.contains(u"reviews"), qPrintable(message));                         // names the account
    QVERIFY2(!message.contains(u"</") && !message.contains(u'\n'), qPrintable(message)); // not an error page
    QCOMPARE(items(), qint64(5));
    const store::SyncState after = state();
    QCOMPARE(after.etag, good.etag); // validators untouched: the next good answer is read in full
    QCOMPARE(after.cursor, good.cursor);
    QVERIFY(!after.lastError.isEmpty());
}

void FeedSyncTest::noReplyNoModeration() {
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    bool done = false;
    connectors::Connector* connector = nullptr;
    m_sync->withConnector(m_account, [&](Expected<connectors::Connector*, Error> c) {
        done = true;
        connector = c ? *c : nullptr;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, kTimeoutMs);
    QVERIFY(connector);
    model::Item item;
    item.remoteId = QStringLiteral("review-101");
    QVERIFY(connector->moderationActions(item).isEmpty());
    QCOMPARE(connector->replyLengthLimit(), 0);
}

void FeedSyncTest::basicAuth_data() {
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("status"); // of the last request, in nginx's access log
    QTest::addColumn<QString>("error");
    QTest::newRow("right password") << QStringLiteral("reader:s3cret") << true << QStringLiteral("200") << QString();
    QTest::newRow("wrong password") << QStringLiteral("reader:guess") << false << QStringLiteral("401")
                                    << QStringLiteral("the server refused the user name or password (HTTP 401)");
    QTest::newRow("no credentials") << QString() << false << QStringLiteral("401")
                                    << QStringLiteral("the feed needs a user name and password (HTTP 401)");
}

void FeedSyncTest::basicAuth() {
    QFETCH(QString, secret);
    QFETCH(bool, ok);
    QFETCH(QString, status);
    QFETCH(QString, error);
    QDir().mkpath(m_dir->filePath(QStringLiteral("nginx/www/private")));
    QVERIFY(m_nginx->serve(QStringLiteral("private/members.atom"), fixture(QStringLiteral("atom.xml")), kFirstMtime));
    m_account = addAccount(QStringLiteral("members"), m_nginx->url(QStringLiteral("/private/members.atom")), secret);
    QVERIFY(m_account > 0);
    QCOMPARE(syncOnce(), ok);
    QVERIFY2(m_nginx->accessLog().last().startsWith(QStringLiteral("GET /private/members.atom %1|").arg(status)),
             qPrintable(m_nginx->accessLog().last()));
    if (ok) {
        QCOMPARE(items(), qint64(3));
        QVERIFY(lastError().isEmpty());
    } else {
        QCOMPARE(items(), qint64(0));
        QVERIFY2(lastError().startsWith(u"unauthorized"), qPrintable(lastError()));
        QVERIFY2(lastError().endsWith(error), qPrintable(lastError()));
        QVERIFY2(!lastError().contains(u"s3cret") && !lastError().contains(u"guess"), qPrintable(lastError()));
    }
}

// ---- The sandbox's feed route set: the demo feeds, and the faults nginx cannot produce on demand ----

void FeedSyncTest::useSandbox() {
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.nowMs = 1796104800000;
    options.mentionsPerAccount = 20;
    options.people = 60;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    QString url;
    for (const auto& a : m_sandbox->accounts()) {
        if (a.network == u"feed" && a.baseUrl.endsWith(u"/feeds/reviews.rss")) {
            url = a.baseUrl;
        }
    }
    QVERIFY(!url.isEmpty());
    m_account = addAccount(QStringLiteral("sandbox reviews"), url);
    QVERIFY(m_account > 0);
}

QList<sandbox::JournalEntry> FeedSyncTest::feedRequests() const {
    QList<sandbox::JournalEntry> out;
    for (const auto& e : m_sandbox->journal()) {
        if (e.path == u"/feeds/reviews.rss") {
            out.append(e);
        }
    }
    return out;
}

void FeedSyncTest::sandboxConditionalGetAndLiveEntry() {
    useSandbox();
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const qint64 first = items();
    QCOMPARE(first, qint64(m_sandbox->feedEntryCount(0)));
    QVERIFY(first > 10);
    const QString etag = state().etag;
    QVERIFY(!etag.isEmpty());
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    auto journal = feedRequests();
    QCOMPARE(journal.last().status, 304);
    QCOMPARE(journal.last().header(QStringLiteral("if-none-match")), etag);
    QCOMPARE(items(), first);
    const QString id = m_sandbox->feedAddEntry(0, QStringLiteral("Brilliant support team, five stars"));
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    journal = feedRequests();
    QCOMPARE(journal.last().status, 200);
    QCOMPARE(items(), first + 1);
    QVERIFY(queryText(db(), "SELECT text FROM items WHERE remote_id = ?", {id}).contains(u"Brilliant support team"));
    QVERIFY(state().etag != etag);
}

void FeedSyncTest::sandboxRateLimitIsWaitedOut() {
    useSandbox();
    m_sandbox->faults().rateLimitUntil(QDateTime::currentMSecsSinceEpoch() + 1200, QStringLiteral("/feeds"));
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const auto journal = feedRequests();
    QVERIFY(journal.size() >= 2);
    QCOMPARE(journal.first().status, 429);
    QCOMPARE(journal.first().fault, QStringLiteral("rate-limit"));
    QCOMPARE(journal.last().status, 200);
    // Retry-After (whole seconds) was honoured: the retry came after the window closed.
    QVERIFY(journal.last().receivedAtMs - journal.first().receivedAtMs >= 1000);
    QCOMPARE(items(), qint64(m_sandbox->feedEntryCount(0)));
    QVERIFY(lastError().isEmpty());
}

void FeedSyncTest::sandboxServerErrorIsRetried() {
    useSandbox();
    m_sandbox->faults().failNext(sandbox::FaultKind::ServerError, 1, QStringLiteral("/feeds"));
    m_sandbox->faults().failNext(sandbox::FaultKind::BadGateway, 1, QStringLiteral("/feeds"));
    QVERIFY2(syncOnce(), qPrintable(lastError()));
    const auto journal = feedRequests();
    QCOMPARE(journal.size(), 4); // verify: 503, 502, 200; then the sync: 200
    QCOMPARE(journal[0].status, 503);
    QCOMPARE(journal[1].status, 502);
    QCOMPARE(journal[2].status, 200);
    QCOMPARE(items(), qint64(m_sandbox->feedEntryCount(0)));
    QCOMPARE(duplicateItems(db()), qint64(0));
}

QTEST_GUILESS_MAIN(FeedSyncTest)
#include "FeedSyncTest.moc"
