// Email end to end against a REAL Postfix + Dovecot on 127.0.0.1 (tests/integration/servers/mailserver.sh starts
// a private pair on free loopback ports): SyncEngine, OutboxSender and EmailConnector through real libcurl IMAP
// and SMTP (NetworkEngine) into a real SQLite store. What the servers hold is checked over IMAP as another client.
// The cases build on each other in order (one mailbox history), like a user's day. For XOAUTH2, Dovecot's oauth2
// passdb (and Postfix through Dovecot's SASL service) checks bearer tokens against a small OAuth authority served
// here (RFC 7662 introspection and a refresh-token endpoint), as a mail provider checks them against its own.
#include "core/connectors/Connector.h"
#include "core/connectors/email/EmailConnector.h"
#include "core/connectors/email/EmailParser.h"
#include "core/connectors/email/ImapResponse.h"
#include "core/connectors/email/ReplyComposer.h"
#include "core/sandbox/FaultSwitchboard.h"
#include "core/sandbox/HttpServer.h"
#include "core/sandbox/Journal.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/SyncStateRepository.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace baton;
using namespace baton::connectors::email;
using baton::testing::failureText;
using baton::testing::queryInt;
using baton::testing::queryText;

namespace {

constexpr int kTimeoutMs = 60000;
const QString kAlice = QStringLiteral("alice@example.test");
const QString kBob = QStringLiteral("bob@example.test");
const QString kPassword = QStringLiteral("secret");

QString script() {
    return QStringLiteral(BATON_SOURCE_DIR "/tests/integration/servers/mailserver.sh");
}

QByteArray crlf(QByteArray text) {
    text.replace("\r\n", "\n");
    text.replace("\n", "\r\n");
    return text;
}

QByteArray message(const QString& from, const QString& to, const QString& subject, const QString& id,
                   const QStringList& references, const QByteArray& body, const QByteArray& extraHeaders = {}) {
    QByteArray m = "From: " + from.toUtf8() + "\nTo: " + to.toUtf8() + "\nSubject: " + subject.toUtf8() +
                   "\nDate: " + formatRfc5322Date(QDateTime::currentMSecsSinceEpoch() - 3600000) + "\nMessage-ID: <" +
                   id.toUtf8() + ">\n";
    if (!references.isEmpty()) {
        m += "In-Reply-To: <" + references.last().toUtf8() + ">\nReferences:";
        for (const QString& r : references) {
            m += " <" + r.toUtf8() + ">";
        }
        m += "\n";
    }
    m += extraHeaders;
    m += "\n" + body;
    return crlf(m);
}

// The OAuth authority the mail servers trust: access tokens it issued are "active" for their user until expired;
// refresh tokens renew them at /oauth2/token (grant_type=refresh_token) until revoked.
class TokenAuthority final : public sandbox::RouteSet {
public:
    QString name() const override { return QStringLiteral("oauth"); }
    QString basePath() const override { return QStringLiteral("/oauth2"); }

    QString issue(const QString& user) {
        const QString token = QStringLiteral("ya29.test-%1").arg(++m_serial);
        m_active.insert(token, user);
        return token;
    }
    QString grant(const QString& user) {
        const QString refresh = QStringLiteral("1//refresh-%1").arg(++m_serial);
        m_refresh.insert(refresh, user);
        return refresh;
    }
    void expire(const QString& token) { m_active.remove(token); }
    void revoke(const QString& refresh) { m_refresh.remove(refresh); }

    sandbox::RouteResult handle(const sandbox::HttpRequest& request, const QString& localPath) override {
        if (request.method != "POST") {
            return {sandbox::HttpResponse::jsonError(405, QStringLiteral("POST only")), {}};
        }
        if (localPath == QLatin1String("/introspect")) {
            const QString token = request.param(QStringLiteral("token")).value_or(QString());
            QJsonObject o{{QStringLiteral("active"), m_active.contains(token)}};
            if (m_active.contains(token)) {
                o.insert(QStringLiteral("username"), m_active.value(token));
                o.insert(QStringLiteral("scope"), QStringLiteral("https://mail.google.com/"));
            }
            return {sandbox::HttpResponse::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact)),
                    m_active.value(token)};
        }
        if (localPath == QLatin1String("/token")) {
            const QString refresh = request.param(QStringLiteral("refresh_token")).value_or(QString());
            if (request.param(QStringLiteral("grant_type")) != QStringLiteral("refresh_token") ||
                !m_refresh.contains(refresh)) {
                return {
                    sandbox::HttpResponse::json(400, R"({"error":"invalid_grant","error_description":"Bad Request"})"),
                    {}};
            }
            const QString token = issue(m_refresh.value(refresh));
            const QJsonObject o{{QStringLiteral("access_token"), token},
                                {QStringLiteral("expires_in"), 3599},
                                {QStringLiteral("token_type"), QStringLiteral("Bearer")}};
            return {sandbox::HttpResponse::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact)),
                    m_refresh.value(refresh)};
        }
        return {sandbox::HttpResponse::jsonError(404, QStringLiteral("not found")), {}};
    }
    sandbox::RouteResult rateLimited(const sandbox::HttpRequest&, qint64) override {
        return {sandbox::HttpResponse::jsonError(429, QStringLiteral("slow down")), {}};
    }

private:
    int m_serial = 0;
    QHash<QString, QString> m_active;  // access token -> user
    QHash<QString, QString> m_refresh; // refresh token -> user
};

} // namespace

class EmailSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void firstSyncStoresSeededMessagesThreaded();
    void newDeliveryArrivesOnNextSyncOnly();
    void replyGoesOutOnceWithThreadingHeaders();
    void threadContextFromTheServer();
    void moveToFolder();
    void markSpam();
    void uidValidityChangeReadsFolderAgain();
    void largeFolderIsReadInPages();
    void wrongPasswordFlagsTheAccount();
    void missingFolderIsNotALoginError();
    void xoauth2LoginReplyAndRenewal();

private:
    // Plain IMAP/SMTP calls as another client, through the same engine.
    Expected<QByteArray, Error> call(net::Request r);
    QByteArray imap(const QString& user, const QString& folder, const QByteArray& command);
    bool append(const QString& user, const QString& folder, const QByteArray& raw);
    bool smtpSend(const QString& from, const QString& to, const QByteArray& raw);
    QList<quint32> search(const QString& user, const QString& folder, const QString& messageId);
    MailboxStatus inboxStatus(); // Alice's INBOX as the server has it now (zeros on failure)
    QByteArray fetch(const QString& user, const QString& folder, quint32 uid);
    QString imapBase() const { return QStringLiteral("imap://127.0.0.1:%1").arg(m_imapPort); }
    QString serverLog(const QString& relativePath) const; // a file under the mail servers' directory
    bool kick(const QString& user);                       // Dovecot ends the user's IMAP sessions (doveadm kick)

    qint64 addAccount(const QString& name, const QString& token, const QStringList& folders);
    bool syncOnce(qint64 accountId, bool* ok = nullptr);
    std::optional<model::Item> item(const QString& remoteId) { return m_h->item(m_account, remoteId); }

    std::unique_ptr<QTemporaryDir> m_mailDir;
    sandbox::FaultSwitchboard m_faults;
    sandbox::Journal m_oauthJournal;
    std::shared_ptr<TokenAuthority> m_authority = std::make_shared<TokenAuthority>();
    std::unique_ptr<sandbox::HttpServer> m_oauthServer;
    bool m_serversUp = false;
    int m_imapPort = 0;
    int m_smtpPort = 0;
    std::unique_ptr<testing::SyncHarness> m_h;
    qint64 m_account = 0;
    QString m_ourReplyId;
};

void EmailSyncTest::initTestCase() {
    QProcess check;
    check.start(QStringLiteral("bash"), {script(), QStringLiteral("check")});
    QVERIFY(check.waitForFinished(30000));
    if (check.exitCode() != 0) {
        // CI installs them (./dev does); only a developer machine without them may skip.
        if (!qEnvironmentVariableIsEmpty("CI")) {
            QFAIL("postfix and dovecot are not installed: the email tests cannot run against the real servers");
        }
        QSKIP("postfix and dovecot are not installed (./dev installs them)");
    }
    m_mailDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/baton-mail-XXXXXX"));
    QVERIFY(m_mailDir->isValid());
    // BATON_KEEP_MAIL_DIR=1 keeps the servers' configuration and logs (postfix/postfix.log, dovecot/dovecot.log).
    m_mailDir->setAutoRemove(qEnvironmentVariableIsEmpty("BATON_KEEP_MAIL_DIR"));
    m_oauthServer = std::make_unique<sandbox::HttpServer>(m_faults, m_oauthJournal);
    m_oauthServer->addRouteSet(m_authority);
    QString listenError;
    QVERIFY2(m_oauthServer->listen(QHostAddress::LocalHost, 0, &listenError), qPrintable(listenError));
    QProcess start;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MAIL_DIR"), m_mailDir->path());
    env.insert(QStringLiteral("OAUTH2_INTROSPECTION_URL"),
               QStringLiteral("http://127.0.0.1:%1/oauth2/introspect").arg(m_oauthServer->port()));
    start.setProcessEnvironment(env);
    start.start(QStringLiteral("bash"), {script(), QStringLiteral("start")});
    QVERIFY(start.waitForFinished(120000));
    m_serversUp = true; // stop whatever part of it started
    QVERIFY2(start.exitCode() == 0, start.readAllStandardError().constData());
    QFile ports(m_mailDir->filePath(QStringLiteral("ports.env")));
    QVERIFY(ports.open(QIODevice::ReadOnly));
    for (const QByteArray& line : ports.readAll().split('\n')) {
        if (line.startsWith("IMAP_PORT=")) {
            m_imapPort = line.mid(10).toInt();
        } else if (line.startsWith("SMTP_PORT=")) {
            m_smtpPort = line.mid(10).toInt();
        }
    }
    QVERIFY(m_imapPort > 0 && m_smtpPort > 0);
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));
    const QString token = QStringLiteral("{\"user\":\"%1\",\"password\":\"%2\",\"smtp_url\":\"smtp://127.0.0.1:%3\"}")
                              .arg(kAlice, kPassword)
                              .arg(m_smtpPort);
    m_account = addAccount(QStringLiteral("support mail"), token, {QStringLiteral("INBOX")});
    QVERIFY(m_account > 0);
}

void EmailSyncTest::cleanupTestCase() {
    m_h.reset();
    if (m_serversUp) {
        QProcess stop;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MAIL_DIR"), m_mailDir->path());
        stop.setProcessEnvironment(env);
        stop.start(QStringLiteral("bash"), {script(), QStringLiteral("stop")});
        QVERIFY(stop.waitForFinished(60000));
        QCOMPARE(stop.exitCode(), 0);
    }
    m_mailDir.reset();
}

// ---- helpers ----

bool EmailSyncTest::kick(const QString& user) {
    QProcess doveadm;
    doveadm.start(QStringLiteral("doveadm"),
                  {QStringLiteral("-c"), m_mailDir->filePath(QStringLiteral("dovecot/dovecot.conf")),
                   QStringLiteral("kick"), user});
    if (!doveadm.waitForFinished(30000) || doveadm.exitCode() != 0) {
        qWarning().noquote() << "doveadm kick failed:" << doveadm.readAllStandardError();
        return false;
    }
    // The sessions end a moment later: wait until none is listed, so no client reuses a connection being closed.
    return QTest::qWaitFor(
        [&] {
            QProcess who;
            who.start(QStringLiteral("doveadm"),
                      {QStringLiteral("-c"), m_mailDir->filePath(QStringLiteral("dovecot/dovecot.conf")),
                       QStringLiteral("who"), user});
            return who.waitForFinished(30000) && !who.readAllStandardOutput().contains(user.toUtf8());
        },
        10000);
}

QString EmailSyncTest::serverLog(const QString& relativePath) const {
    QFile f(m_mailDir->filePath(relativePath));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

Expected<QByteArray, Error> EmailSyncTest::call(net::Request r) {
    net::Result res = m_h->send(std::move(r));
    if (!res) {
        return unexpected(res.error());
    }
    return res->body;
}

QByteArray EmailSyncTest::imap(const QString& user, const QString& folder, const QByteArray& command) {
    net::Request r;
    r.url = QUrl::fromEncoded((imapBase() + u'/' + mailboxUrlPath(folder)).toUtf8());
    r.username = user;
    r.password = kPassword;
    r.mailCommand = command;
    auto res = call(r);
    if (!res) {
        qWarning().noquote() << "IMAP" << command << "failed:" << res.error().toString();
        return {};
    }
    return *res;
}

bool EmailSyncTest::append(const QString& user, const QString& folder, const QByteArray& raw) {
    net::Request r;
    r.url = QUrl::fromEncoded((imapBase() + u'/' + mailboxUrlPath(folder)).toUtf8());
    r.username = user;
    r.password = kPassword;
    r.body = raw;
    r.upload = true;
    auto res = call(r);
    if (!res) {
        qWarning().noquote() << "APPEND failed:" << res.error().toString();
    }
    return res.hasValue();
}

bool EmailSyncTest::smtpSend(const QString& from, const QString& to, const QByteArray& raw) {
    net::Request r;
    r.url = QUrl(QStringLiteral("smtp://127.0.0.1:%1").arg(m_smtpPort));
    r.mailFrom = '<' + from.toUtf8() + '>';
    r.mailRecipients = {'<' + to.toUtf8() + '>'};
    r.body = raw;
    r.upload = true;
    auto res = call(r);
    if (!res) {
        qWarning().noquote() << "SMTP failed:" << res.error().toString();
    }
    return res.hasValue();
}

MailboxStatus EmailSyncTest::inboxStatus() {
    imap(kAlice, QStringLiteral("INBOX"), "NOOP"); // a session shows new mail in its selected folder after a sync
    const auto s = parseStatus(imap(kAlice, QString(), "STATUS INBOX (UIDVALIDITY UIDNEXT MESSAGES)"));
    return s ? *s : MailboxStatus{};
}

QList<quint32> EmailSyncTest::search(const QString& user, const QString& folder, const QString& messageId) {
    imap(user, folder, "NOOP");
    return parseSearch(imap(user, folder, "UID SEARCH HEADER Message-ID \"<" + messageId.toUtf8() + ">\""));
}

QByteArray EmailSyncTest::fetch(const QString& user, const QString& folder, quint32 uid) {
    net::Request r;
    r.url =
        QUrl::fromEncoded((imapBase() + u'/' + mailboxUrlPath(folder) + QStringLiteral("/;UID=%1").arg(uid)).toUtf8());
    r.username = user;
    r.password = kPassword;
    auto res = call(r);
    return res ? *res : QByteArray();
}

qint64 EmailSyncTest::addAccount(const QString& name, const QString& token, const QStringList& folders) {
    model::Account account;
    account.network = model::Network::Email;
    account.name = name;
    account.baseUrl = imapBase();
    account.settings.insert(QStringLiteral("folders"), QJsonArray::fromStringList(folders));
    return m_h->addAccount(account, token);
}

bool EmailSyncTest::syncOnce(qint64 accountId, bool* ok) {
    const testing::SyncRun run = m_h->runSync({accountId});
    if (!run.finished || !run.ok.contains(accountId)) {
        return false;
    }
    if (ok) {
        *ok = run.ok.value(accountId);
    }
    return true;
}

// ---- cases ----

void EmailSyncTest::firstSyncStoresSeededMessagesThreaded() {
    // A thread (Carol's question, Bob's follow-up, Carol's answer to Bob), a Latin-1 message and a second thread.
    QVERIFY(append(kAlice, QStringLiteral("INBOX"),
                   message(QStringLiteral("Carol <carol@example.org>"), kAlice,
                           QStringLiteral("=?UTF-8?Q?Caf=C3=A9_froid?="), QStringLiteral("root-1@example.org"), {},
                           "The coffee machine is broken.\n")));
    QVERIFY(append(kAlice, QStringLiteral("INBOX"),
                   message(QStringLiteral("Bob <bob@example.test>"), kAlice, QStringLiteral("Re: Cafe froid"),
                           QStringLiteral("reply-2@example.test"), {QStringLiteral("root-1@example.org")},
                           "Same here since Monday.\n")));
    QVERIFY(append(kAlice, QStringLiteral("INBOX"),
                   message(QStringLiteral("Carol <carol@example.org>"), kAlice, QStringLiteral("Re: Cafe froid"),
                           QStringLiteral("reply-3@example.org"),
                           {QStringLiteral("root-1@example.org"), QStringLiteral("reply-2@example.test")},
                           "Thanks Bob.\n")));
    QVERIFY(
        append(kAlice, QStringLiteral("INBOX"),
               message(QStringLiteral("=?ISO-8859-1?Q?Ren=E9?= <rene@example.fr>"), kAlice, QStringLiteral("Facture"),
                       QStringLiteral("latin-4@example.fr"), {}, "Factur=E9 deux fois.\n",
                       "Content-Type: text/plain; charset=ISO-8859-1\n"
                       "Content-Transfer-Encoding: quoted-printable\n")));

    bool ok = false;
    QVERIFY(syncOnce(m_account, &ok));
    QVERIFY2(ok, qPrintable(m_h->sync().status(m_account).error.toString()));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), qint64(4));

    const auto root = item(QStringLiteral("root-1@example.org"));
    const auto second = item(QStringLiteral("reply-2@example.test"));
    const auto third = item(QStringLiteral("reply-3@example.org"));
    const auto latin = item(QStringLiteral("latin-4@example.fr"));
    QVERIFY(root && second && third && latin);
    QVERIFY(root->text.startsWith(QString::fromUtf8("Café froid\n\nThe coffee machine is broken.")));
    QCOMPARE(root->author.handle, QStringLiteral("carol@example.org"));
    QCOMPARE(root->author.displayName, QStringLiteral("Carol"));
    QCOMPARE(second->parentRemoteId, QStringLiteral("root-1@example.org"));
    QCOMPARE(third->parentRemoteId, QStringLiteral("reply-2@example.test"));
    QCOMPARE(third->threadRemoteId, QStringLiteral("root-1@example.org"));
    QCOMPARE(store::ItemRepository::thread(m_h->db(), m_account, QStringLiteral("root-1@example.org")).size(), 3);
    QVERIFY(latin->text.contains(QString::fromUtf8("Facturé deux fois.")));
    QCOMPARE(latin->author.displayName, QString::fromUtf8("René"));
    QVERIFY(latin->url.startsWith(imapBase() + QStringLiteral("/INBOX;UIDVALIDITY=")));

    // The cursor is UIDVALIDITY:last UID, as the server reports them.
    const MailboxStatus status = inboxStatus();
    QVERIFY(status.uidValidity != 0);
    const store::SyncState state = store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("INBOX"));
    QCOMPARE(state.cursor, EmailConnector::cursorText(status.uidValidity, status.uidNext - 1));
    QVERIFY(queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {m_account}).isEmpty());
    QCOMPARE(queryText(m_h->db(), "SELECT remote_id FROM accounts WHERE id = ?", {m_account}), kAlice);
}

void EmailSyncTest::newDeliveryArrivesOnNextSyncOnly() {
    const MailboxStatus before = inboxStatus();
    QVERIFY(before.uidValidity != 0);
    // Delivered for real: SMTP to Postfix, LMTP to Dovecot.
    QVERIFY(smtpSend(kBob, kAlice,
                     message(QStringLiteral("Bob <bob@example.test>"), kAlice, QStringLiteral("Re: Cafe froid"),
                             QStringLiteral("delivered-5@example.test"),
                             {QStringLiteral("root-1@example.org"), QStringLiteral("reply-3@example.org")},
                             "Fixed now?\n")));
    QTRY_COMPARE_WITH_TIMEOUT(inboxStatus().messages, before.messages + 1, 30000);

    bool ok = false;
    QVERIFY(syncOnce(m_account, &ok));
    QVERIFY(ok);
    QCOMPARE(m_h->sync().status(m_account).inserted, 1); // only the new UID was fetched and stored
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), qint64(5));
    const auto delivered = item(QStringLiteral("delivered-5@example.test"));
    QVERIFY(delivered);
    QCOMPARE(delivered->threadRemoteId, QStringLiteral("root-1@example.org"));
    QVERIFY(delivered->text.contains(QLatin1String("Fixed now?")));
    const store::SyncState state = store::SyncStateRepository::get(m_h->db(), m_account, QStringLiteral("INBOX"));
    QCOMPARE(state.cursor, EmailConnector::cursorText(before.uidValidity, before.uidNext));

    // Nothing new: nothing stored.
    QVERIFY(syncOnce(m_account, &ok));
    QVERIFY(ok);
    QCOMPARE(m_h->sync().status(m_account).inserted, 0);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), qint64(5));
}

void EmailSyncTest::replyGoesOutOnceWithThreadingHeaders() {
    const auto parent = item(QStringLiteral("reply-2@example.test"));
    QVERIFY(parent);
    model::OutboxEntry entry;
    entry.accountId = m_account;
    entry.itemId = parent->id;
    entry.parentRemoteId = parent->remoteId;
    entry.text = QString::fromUtf8("Merci Bob, la machine est réparée ☕");
    entry.idempotencyKey = QStringLiteral("email-test-key-1");
    entry.createdAt = QDateTime::currentMSecsSinceEpoch();
    const qint64 entryId =
        m_h->enqueueReply(m_account, entry.itemId, entry.parentRemoteId, entry.text, entry.idempotencyKey);
    QVERIFY(entryId > 0);
    entry.id = entryId;

    QCOMPARE(m_h->flushOutbox(m_account), std::make_pair(1, 0));

    m_ourReplyId = replyMessageId(entry.idempotencyKey, kAlice);
    QCOMPARE(queryText(m_h->db(), "SELECT state FROM outbox WHERE id = ?", {entryId}), QStringLiteral("sent"));
    const auto stored = item(m_ourReplyId);
    QVERIFY2(stored, "the sent reply is stored under our own Message-ID");
    QVERIFY(stored->direction == model::Direction::Outgoing);
    QCOMPARE(stored->parentRemoteId, parent->remoteId);
    QCOMPARE(stored->threadRemoteId, QStringLiteral("root-1@example.org"));

    // The same entry again (as after a lost answer): found in Sent, not sent a second time.
    connectors::Connector* connector = m_h->connectorFor(m_account);
    QVERIFY(connector);
    std::optional<Expected<model::Item, Error>> again;
    connector->postReply(entry, this, [&](Expected<model::Item, Error> r) { again = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(again.has_value(), kTimeoutMs);
    QVERIFY2(again->hasValue(), qPrintable(again->hasValue() ? QString() : again->error().toString()));
    QCOMPARE(again->value().remoteId, m_ourReplyId);

    // Bob's mailbox, read over IMAP: a marker sent after both attempts arrives, and by then exactly one reply.
    QVERIFY(smtpSend(
        kAlice, kBob,
        message(kAlice, kBob, QStringLiteral("marker"), QStringLiteral("marker-6@example.test"), {}, "marker\n")));
    QTRY_VERIFY_WITH_TIMEOUT(!search(kBob, QStringLiteral("INBOX"), QStringLiteral("marker-6@example.test")).isEmpty(),
                             30000);
    QTRY_COMPARE_WITH_TIMEOUT(search(kBob, QStringLiteral("INBOX"), m_ourReplyId).size(), 1, 30000);
    QCOMPARE(search(kAlice, QStringLiteral("Sent"), m_ourReplyId).size(), 1);
    const auto received =
        parseMessage(fetch(kBob, QStringLiteral("INBOX"), search(kBob, QStringLiteral("INBOX"), m_ourReplyId).first()));
    QVERIFY(received);
    QCOMPARE(received->messageId, m_ourReplyId);
    QCOMPARE(received->inReplyTo, QStringLiteral("reply-2@example.test"));
    QCOMPARE(received->references,
             (QStringList{QStringLiteral("root-1@example.org"), QStringLiteral("reply-2@example.test")}));
    QCOMPARE(received->subject, QStringLiteral("Re: Cafe froid"));
    QCOMPARE(received->from.address, kAlice);
    QCOMPARE(received->text, entry.text);
    // Sent after SMTP AUTH with the account's password (Postfix asks Dovecot's SASL service).
    QTRY_VERIFY_WITH_TIMEOUT(serverLog(QStringLiteral("postfix/postfix.log"))
                                 .contains(QStringLiteral("sasl_method=PLAIN, sasl_username=%1").arg(kAlice)),
                             10000);
}

void EmailSyncTest::threadContextFromTheServer() {
    // The thread as the server has it: the INBOX messages of the thread plus our answer from Sent.
    const auto delivered = item(QStringLiteral("delivered-5@example.test"));
    QVERIFY(delivered);
    connectors::Connector* connector = m_h->connectorFor(m_account);
    QVERIFY(connector);
    std::optional<Expected<QList<model::Item>, Error>> thread;
    connector->fetchThread(*delivered, this, [&](Expected<QList<model::Item>, Error> r) { thread = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(thread.has_value(), kTimeoutMs);
    QVERIFY2(thread->hasValue(), qPrintable(thread->hasValue() ? QString() : thread->error().toString()));
    QStringList ids;
    for (const model::Item& i : thread->value()) {
        ids.append(i.remoteId);
    }
    ids.sort();
    QStringList want{QStringLiteral("delivered-5@example.test"), QStringLiteral("reply-2@example.test"),
                     QStringLiteral("reply-3@example.org"), QStringLiteral("root-1@example.org"), m_ourReplyId};
    want.sort();
    QCOMPARE(ids, want);
}

void EmailSyncTest::moveToFolder() {
    const auto root = item(QStringLiteral("root-1@example.org"));
    QVERIFY(root);
    connectors::Connector* connector = m_h->connectorFor(m_account);
    QVERIFY(connector);
    QVERIFY(connector->moderationActions(*root).contains(connectors::ModerationAction::MoveToFolder));
    // A folder that does not exist yet, with a non-ASCII name (modified UTF-7 on the wire).
    const QString target = QString::fromUtf8("Réclamations");
    std::optional<Expected<bool, Error>> moved;
    connector->moderate(connectors::ModerationAction::MoveToFolder, *root, target, this,
                        [&](Expected<bool, Error> r) { moved = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(moved.has_value(), kTimeoutMs);
    QVERIFY2(moved->hasValue(), qPrintable(moved->hasValue() ? QString() : moved->error().toString()));
    QCOMPARE(search(kAlice, target, root->remoteId).size(), 1);
    QCOMPARE(search(kAlice, QStringLiteral("INBOX"), root->remoteId).size(), 0);
    QVERIFY(decodeMailboxName("R&AOk-clamations") == target);

    // A message no longer there: a clear error, nothing moved.
    std::optional<Expected<bool, Error>> missing;
    connector->moderate(connectors::ModerationAction::MoveToFolder, *root, QStringLiteral("Archive"), this,
                        [&](Expected<bool, Error> r) { missing = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(missing.has_value(), kTimeoutMs);
    QVERIFY(!missing->hasValue());
    QVERIFY(missing->error().code == ErrorCode::NotFound);
    QVERIFY2(missing->error().detail.contains(QLatin1String("no longer in INBOX")),
             qPrintable(missing->error().detail));
    QCOMPARE(search(kAlice, QStringLiteral("Archive"), root->remoteId).size(), 0);
}

void EmailSyncTest::markSpam() {
    const auto latin = item(QStringLiteral("latin-4@example.fr"));
    QVERIFY(latin);
    connectors::Connector* connector = m_h->connectorFor(m_account);
    QVERIFY(connector);
    QVERIFY(connector->moderationActions(*latin).contains(connectors::ModerationAction::MarkSpam));
    std::optional<Expected<bool, Error>> done;
    connector->moderate(connectors::ModerationAction::MarkSpam, *latin, QString(), this,
                        [&](Expected<bool, Error> r) { done = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), kTimeoutMs);
    QVERIFY2(done->hasValue(), qPrintable(done->hasValue() ? QString() : done->error().toString()));
    QCOMPARE(search(kAlice, QStringLiteral("Junk"), latin->remoteId).size(), 1); // the \Junk special-use folder
    QCOMPARE(search(kAlice, QStringLiteral("INBOX"), latin->remoteId).size(), 0);
}

void EmailSyncTest::uidValidityChangeReadsFolderAgain() {
    // A second synced folder, then deleted and made again: a new UIDVALIDITY with old and new messages in it.
    const QString folder = QStringLiteral("Support");
    imap(kAlice, QString(), "CREATE Support");
    QVERIFY(append(kAlice, folder,
                   message(QStringLiteral("dan@example.org"), kAlice, QStringLiteral("first"),
                           QStringLiteral("support-7@example.org"), {}, "one\n")));
    const qint64 second =
        addAccount(QStringLiteral("support folder"), QStringLiteral("%1:%2").arg(kAlice, kPassword), {folder});
    QVERIFY(second > 0);
    bool ok = false;
    QVERIFY(syncOnce(second, &ok));
    QVERIFY2(ok, qPrintable(m_h->sync().status(second).error.toString()));
    const QString firstCursor = store::SyncStateRepository::get(m_h->db(), second, folder).cursor;
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {second}), qint64(1));

    imap(kAlice, QString(), "DELETE Support");
    imap(kAlice, QString(), "CREATE Support");
    QVERIFY(append(kAlice, folder,
                   message(QStringLiteral("dan@example.org"), kAlice, QStringLiteral("first"),
                           QStringLiteral("support-7@example.org"), {}, "one\n")));
    QVERIFY(append(kAlice, folder,
                   message(QStringLiteral("dan@example.org"), kAlice, QStringLiteral("second"),
                           QStringLiteral("support-8@example.org"), {}, "two\n")));
    QVERIFY(syncOnce(second, &ok));
    QVERIFY2(ok, qPrintable(m_h->sync().status(second).error.toString()));
    const QString secondCursor = store::SyncStateRepository::get(m_h->db(), second, folder).cursor;
    quint32 v1 = 0;
    quint32 u1 = 0;
    quint32 v2 = 0;
    quint32 u2 = 0;
    QVERIFY(EmailConnector::parseCursor(firstCursor, &v1, &u1));
    QVERIFY(EmailConnector::parseCursor(secondCursor, &v2, &u2));
    QVERIFY2(v1 != v2, "Dovecot gives a re-created folder a new UIDVALIDITY");
    QCOMPARE(u2, quint32(2)); // read from the start again
    // Both messages stored once: the old one is recognised by its Message-ID.
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {second}), qint64(2));
}

void EmailSyncTest::largeFolderIsReadInPages() {
    const QString folder = QStringLiteral("Bulk");
    imap(kBob, QString(), "CREATE Bulk");
    const int count = EmailConnector::kPageSize + 7;
    for (int i = 0; i < count; ++i) {
        QVERIFY(append(kBob, folder,
                       message(QStringLiteral("list@example.org"), kBob, QStringLiteral("digest %1").arg(i),
                               QStringLiteral("bulk-%1@example.org").arg(i), {}, "news\n")));
    }
    const qint64 id = addAccount(QStringLiteral("bulk"), QStringLiteral("%1:%2").arg(kBob, kPassword), {folder});
    QVERIFY(id > 0);
    bool ok = false;
    QVERIFY(syncOnce(id, &ok));
    QVERIFY2(ok, qPrintable(m_h->sync().status(id).error.toString()));
    QCOMPARE(m_h->sync().status(id).pages, 2);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}), qint64(count));
    quint32 validity = 0;
    quint32 last = 0;
    QVERIFY(
        EmailConnector::parseCursor(store::SyncStateRepository::get(m_h->db(), id, folder).cursor, &validity, &last));
    QCOMPARE(last, quint32(count));
}

void EmailSyncTest::wrongPasswordFlagsTheAccount() {
    const qint64 bad = addAccount(QStringLiteral("wrong password"), QStringLiteral("%1:not-the-password").arg(kBob),
                                  {QStringLiteral("INBOX")});
    QVERIFY(bad > 0);
    bool ok = true;
    QVERIFY(syncOnce(bad, &ok));
    QVERIFY(!ok);
    QVERIFY(m_h->sync().status(bad).error.code == ErrorCode::Unauthorized);
    const QString error = queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {bad});
    QVERIFY2(error.contains(QLatin1String("refused the login")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("not-the-password")), qPrintable(error));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {bad}), qint64(0));
    // The good account is untouched.
    QVERIFY(queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {m_account}).isEmpty());
}

void EmailSyncTest::missingFolderIsNotALoginError() {
    const qint64 id = addAccount(QStringLiteral("missing folder"), QStringLiteral("%1:%2").arg(kBob, kPassword),
                                 {QStringLiteral("No Such Folder")});
    QVERIFY(id > 0);
    bool ok = true;
    QVERIFY(syncOnce(id, &ok));
    QVERIFY(!ok);
    QVERIFY(m_h->sync().status(id).error.code == ErrorCode::NotFound);
    const QString error = queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {id});
    QVERIFY2(error.contains(QLatin1String("no such mailbox")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("refused the login")), qPrintable(error));
}

// An OAuth mail account (as with Gmail): SASL XOAUTH2 on IMAP and SMTP, checked by the real servers against the
// authority; an expired access token is renewed with the refresh token and kept; a revoked grant flags the account.
void EmailSyncTest::xoauth2LoginReplyAndRenewal() {
    const QString refresh = m_authority->grant(kAlice);
    const QString first = m_authority->issue(kAlice);
    const QJsonObject secret{
        {QStringLiteral("user"), kAlice},
        {QStringLiteral("access_token"), first},
        {QStringLiteral("refresh_token"), refresh},
        {QStringLiteral("client_id"), QStringLiteral("baton-test.apps.googleusercontent.com")},
        {QStringLiteral("token_uri"), QStringLiteral("http://127.0.0.1:%1/oauth2/token").arg(m_oauthServer->port())},
        {QStringLiteral("smtp_url"), QStringLiteral("smtp://127.0.0.1:%1").arg(m_smtpPort)}};
    QVERIFY(append(kAlice, QStringLiteral("INBOX"),
                   message(kBob, kAlice, QStringLiteral("Token"), QStringLiteral("oauth-0@example.test"), {},
                           "Signed in with a token?\n")));
    m_oauthJournal.clear();
    const qint64 id =
        addAccount(QStringLiteral("oauth mail"),
                   QString::fromUtf8(QJsonDocument(secret).toJson(QJsonDocument::Compact)), {QStringLiteral("INBOX")});
    QVERIFY2(id > 0, qPrintable(m_h->error()));
    bool ok = false;
    QVERIFY(syncOnce(id, &ok));
    QVERIFY2(ok, qPrintable(m_h->sync().status(id).error.toString()));
    const qint64 stored = queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id});
    QVERIFY(stored > 0);
    // Dovecot asked the authority about our token, and logged an XOAUTH2 login.
    QList<sandbox::JournalEntry> asked = m_oauthJournal.snapshot();
    QVERIFY(!asked.isEmpty());
    QCOMPARE(asked.first().path, QStringLiteral("/oauth2/introspect"));
    QVERIFY(asked.first().body.contains(QByteArray("token=" + QUrl::toPercentEncoding(first))));
    QVERIFY(serverLog(QStringLiteral("dovecot/dovecot.log"))
                .contains(QStringLiteral("Login: user=<%1>, method=XOAUTH2").arg(kAlice)));

    // The hour is over: the server refuses the token, the connector renews it once and syncs; the new grant is kept.
    // (An open session outlives its token, as with Gmail: the server ends the sessions so the next login is new.)
    QVERIFY(append(kAlice, QStringLiteral("INBOX"),
                   message(kBob, kAlice, QStringLiteral("Token question"), QStringLiteral("oauth-1@example.test"), {},
                           "Does the renewal work?\n")));
    m_authority->expire(first);
    QVERIFY(kick(kAlice));
    QVERIFY(syncOnce(id, &ok));
    QVERIFY2(ok, qPrintable(m_h->sync().status(id).error.toString()));
    QVERIFY(m_h->item(id, QStringLiteral("oauth-1@example.test")).has_value());
    asked = m_oauthJournal.snapshot();
    QStringList paths;
    for (const sandbox::JournalEntry& e : std::as_const(asked)) {
        paths << e.path;
    }
    QVERIFY2(paths.count(QStringLiteral("/oauth2/token")) == 1, qPrintable(paths.join(u' ')));
    const sandbox::JournalEntry renewal = asked.at(paths.indexOf(QStringLiteral("/oauth2/token")));
    QVERIFY(renewal.body.contains("grant_type=refresh_token"));
    QVERIFY(renewal.body.contains(QByteArray("refresh_token=" + QUrl::toPercentEncoding(refresh))));
    const QJsonObject kept = QJsonDocument::fromJson(m_h->secretOf(id).toUtf8()).object();
    const QString second = kept.value(QLatin1String("access_token")).toString();
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(kept.value(QLatin1String("refresh_token")).toString(), refresh);
    QCOMPARE(kept.value(QLatin1String("user")).toString(), kAlice); // the email fields stay with the grant
    QCOMPARE(kept.value(QLatin1String("smtp_url")).toString(), secret.value(QLatin1String("smtp_url")).toString());

    // A reply goes out through Postfix with SMTP AUTH XOAUTH2 (Dovecot's SASL service checks the token).
    const auto parent = m_h->item(id, QStringLiteral("oauth-1@example.test"));
    QVERIFY(parent);
    const QString key = QStringLiteral("email-oauth-key-1");
    const qint64 entryId = m_h->enqueueReply(id, parent->id, parent->remoteId, QStringLiteral("Yes, it does."), key);
    QVERIFY(entryId > 0);
    QCOMPARE(m_h->flushOutbox(id), std::make_pair(1, 0));
    QCOMPARE(queryText(m_h->db(), "SELECT state FROM outbox WHERE id = ?", {entryId}), QStringLiteral("sent"));
    const QString replyId = replyMessageId(key, kAlice);
    QTRY_COMPARE_WITH_TIMEOUT(search(kBob, QStringLiteral("INBOX"), replyId).size(), 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(serverLog(QStringLiteral("postfix/postfix.log"))
                                 .contains(QStringLiteral("sasl_method=XOAUTH2, sasl_username=%1").arg(kAlice)),
                             10000);

    // The grant revoked and the token expired: the account is flagged, nothing is lost.
    m_authority->revoke(refresh);
    m_authority->expire(second);
    QVERIFY(kick(kAlice));
    QVERIFY(syncOnce(id, &ok));
    QVERIFY(!ok);
    QVERIFY(m_h->sync().status(id).error.code == ErrorCode::Unauthorized);
    const QString error = queryText(m_h->db(), "SELECT last_error FROM accounts WHERE id = ?", {id});
    QVERIFY2(error.contains(QLatin1String("sign in again")), qPrintable(error));
    QVERIFY2(!error.contains(second) && !error.contains(refresh), qPrintable(error));
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > stored);
}

QTEST_GUILESS_MAIN(EmailSyncTest)
#include "EmailSyncTest.moc"
