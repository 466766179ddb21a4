// Email end to end against the sandbox's own IMAP and SMTP servers (core/sandbox/mail): SyncEngine, OutboxSender
// and EmailConnector through real libcurl into a real SQLite store, over the seeded demo mailbox the demo shows.
// Every case checks what the servers were sent (the sandbox journal, /mail/imap and /mail/smtp) and what landed in
// SQLite. EmailSyncTest covers the same connector against a real Postfix + Dovecot.
#include "core/connectors/Connector.h"
#include "core/connectors/email/EmailConnector.h"
#include "core/sandbox/SandboxServer.h"
#include "core/sandbox/mail/MailStore.h"
#include "core/sandbox/mail/MailText.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace baton;
using baton::connectors::ModerationAction;
using baton::connectors::email::EmailConnector;
using baton::sandbox::FaultKind;
using baton::sandbox::JournalEntry;
using baton::testing::queryColumn;
using baton::testing::queryInt;
using baton::testing::queryText;

namespace {

constexpr qint64 kFixedNow = 1795000000000LL; // 2026-11-19
const QString kInbox = QStringLiteral("INBOX");

QList<JournalEntry> commands(const QList<JournalEntry>& journal, const QString& path, const QString& method = {}) {
    QList<JournalEntry> out;
    for (const JournalEntry& e : journal) {
        if (e.path == path && (method.isEmpty() || e.method == method)) {
            out.append(e);
        }
    }
    return out;
}

QList<JournalEntry> imap(const QList<JournalEntry>& journal, const QString& method = {}) {
    return commands(journal, QStringLiteral("/mail/imap"), method);
}

QList<JournalEntry> smtp(const QList<JournalEntry>& journal, const QString& method = {}) {
    return commands(journal, QStringLiteral("/mail/smtp"), method);
}

} // namespace

class MailSandboxTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fullSyncOfTheDemoMailbox();
    void everyEncodingIsDecoded();
    void newMailArrivesOnTheNextSyncOnly();
    void changedUidValidityReadsTheFolderAgainWithoutDuplicates();
    void replyGoesOutBySmtpOnceAndLandsInSent();
    void moveToFolderAndMarkSpam();
    void wrongPasswordIsAClearAccountError();
    void xoauth2TokenSignsInAndAWrongOneIsRefused();
    void droppedConnectionIsRetried();

private:
    sandbox::MailStore& mail() { return m_sandbox->mail(); }
    qint64 addAccount(const QString& token);
    qint64 incomingCount() {
        return queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'in'", {m_account});
    }
    // A stored customer message (not spam), the newest first.
    model::Item customerItem(int skip = 0);

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    sandbox::SandboxAccount m_remote;
    qint64 m_account = 0;
};

void MailSandboxTest::init() {
    sandbox::SandboxOptions options;
    options.seed = 5;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 10;
    options.people = 30;
    options.emailAccounts = 1;
    options.emailMessagesPerAccount = 70;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    QVERIFY(m_sandbox->imapPort() != 0 && m_sandbox->smtpPort() != 0);
    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));
    for (const sandbox::SandboxAccount& remote : m_sandbox->accounts()) {
        if (remote.network == QLatin1String("email")) {
            m_remote = remote;
        }
    }
    QCOMPARE(m_remote.baseUrl, QStringLiteral("imap://127.0.0.1:%1").arg(m_sandbox->imapPort()));
    QCOMPARE(QJsonDocument::fromJson(m_remote.token.toUtf8()).object().value(QLatin1String("smtp_url")).toString(),
             QStringLiteral("smtp://127.0.0.1:%1").arg(m_sandbox->smtpPort()));
    m_account = addAccount(m_remote.token);
    QVERIFY2(m_account > 0, qPrintable(m_h->error()));
}

void MailSandboxTest::cleanup() {
    m_h.reset();
    m_sandbox.reset();
}

qint64 MailSandboxTest::addAccount(const QString& token) {
    model::Account account;
    account.network = model::Network::Email;
    account.name = m_remote.name + QString::number(queryInt(m_h->db(), "SELECT count(*) FROM accounts"));
    account.baseUrl = m_remote.baseUrl;
    return m_h->addAccount(account, token);
}

model::Item MailSandboxTest::customerItem(int skip) {
    const QStringList ids = queryColumn(m_h->db(),
                                        "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' AND "
                                        "remote_id NOT LIKE '%bulk.example.biz' ORDER BY created_at DESC",
                                        {m_account});
    return m_h->item(m_account, ids.value(skip)).value_or(model::Item{});
}

void MailSandboxTest::fullSyncOfTheDemoMailbox() {
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    const QStringList inbox = mail().messageIds(0, kInbox);
    QVERIFY(inbox.size() > 30);
    QCOMPARE(incomingCount(), qint64(inbox.size()));
    for (const QString& id : inbox) {
        const auto item = m_h->item(m_account, id);
        QVERIFY2(item.has_value(), qPrintable(id));
        QVERIFY(!item->text.trimmed().isEmpty());
        QVERIFY(item->kind == model::Kind::Email);
        QVERIFY(!item->author.handle.isEmpty());
    }
    // Follow-ups thread under the customer's first message, which is stored too.
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items f JOIN items r ON r.account_id = f.account_id AND r.remote_id = "
                     "f.thread_remote_id WHERE f.account_id = ? AND f.remote_id <> r.remote_id",
                     {m_account}) > 0);
    // French and English customers; HTML bodies kept, sanitised.
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND text LIKE '%Bonjour%'",
                     {m_account}) > 0);
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items WHERE account_id = ? AND text LIKE '%Hello%' OR "
                     "text LIKE '%Hi%'",
                     {m_account}) > 0);
    QVERIFY(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND html LIKE '%<br><br>%'",
                     {m_account}) > 0);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND html LIKE '%<blockquote%'",
                      {m_account}),
             qint64(0));

    // The cursor is UIDVALIDITY:last UID of the folder.
    const auto state = mail().state(0, kInbox);
    QVERIFY(state.has_value());
    QCOMPARE(m_h->syncState(m_account, kInbox).cursor,
             EmailConnector::cursorText(state->uidValidity, state->uids.last()));

    // What the server was sent: a login with the password masked, one fetch per message.
    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> auth = imap(journal, QStringLiteral("AUTHENTICATE"));
    QVERIFY(!auth.isEmpty());
    QCOMPARE(auth.first().status, 200);
    QCOMPARE(auth.first().account, m_remote.acct);
    for (const JournalEntry& e : journal) {
        QVERIFY(!e.body.contains(mail().password(0).toUtf8()));
    }
    QCOMPARE(imap(journal, QStringLiteral("UID FETCH")).size(), inbox.size());
    QVERIFY(!imap(journal, QStringLiteral("STATUS")).isEmpty());

    // Nothing new: nothing fetched, nothing stored twice, the same cursor.
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(incomingCount(), qint64(inbox.size()));
    QCOMPARE(imap(m_sandbox->journal(), QStringLiteral("UID FETCH")).size(), 0);
    QCOMPARE(m_h->syncState(m_account, kInbox).cursor,
             EmailConnector::cursorText(state->uidValidity, state->uids.last()));
    QCOMPARE(testing::duplicateItems(m_h->db()), qint64(0));
}

void MailSandboxTest::everyEncodingIsDecoded() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    // New mail in every transfer encoding the sandbox writes: the same words must come out of each.
    const QString latin = QStringLiteral("Facturée deux fois, pouvez-vous vérifier ? Merci à vous.");
    const QString emoji = QStringLiteral("Die Lieferung kam beschädigt an 📦 — bitte um Rückruf. Ünïcödé “quotes”.");
    QStringList ids;
    for (int i = 0; i < 16; ++i) {
        ids << mail().addMessage(0, i % 2 ? emoji : latin);
    }
    QVERIFY(m_h->runSync({m_account}).allOk());
    QSet<QByteArray> encodings;
    const auto state = mail().state(0, kInbox);
    for (const quint32 uid : state->uids) {
        const auto m = mail().message(0, kInbox, uid);
        if (!ids.contains(sandbox::MailStore::messageIdOf(m->raw))) {
            continue;
        }
        const QByteArray raw = m->raw.toLower();
        for (const char* marker : {"base64", "quoted-printable", "iso-8859-1", "text/html", "multipart/alternative"}) {
            if (raw.contains(marker)) {
                encodings.insert(marker);
            }
        }
    }
    QCOMPARE(encodings.size(), 5); // the test covers them all
    for (int i = 0; i < ids.size(); ++i) {
        const auto item = m_h->item(m_account, ids[i]);
        QVERIFY2(item.has_value(), qPrintable(ids[i]));
        QVERIFY2(item->text.contains(i % 2 ? emoji : latin), qPrintable(item->text));
        QVERIFY(!item->text.contains(QLatin1String("=C3")) && !item->text.contains(QLatin1String("=?")));
    }
    // The seeded attachment is named, not shown.
    QVERIFY(queryInt(m_h->db(),
                     "SELECT count(*) FROM items WHERE account_id = ? AND (text LIKE '%.csv%' OR text LIKE '%.txt%')",
                     {m_account}) > 0);
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE text LIKE '%Content-Transfer-Encoding%'"),
             qint64(0));
}

void MailSandboxTest::newMailArrivesOnTheNextSyncOnly() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const qint64 before = incomingCount();
    const model::Item root = customerItem();
    const QString rootId = root.threadRemoteId.isEmpty() ? root.remoteId : root.threadRemoteId;
    const QString fresh = mail().addMessage(0, QStringLiteral("Bonjour, ma commande n'est pas arrivée. 📦"));
    const QString followUp = mail().addMessage(0, QStringLiteral("Any news on this? Still waiting."), root.remoteId);
    QVERIFY(!fresh.isEmpty() && !followUp.isEmpty());
    m_sandbox->clearJournal();
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(incomingCount(), before + 2);
    QCOMPARE(imap(m_sandbox->journal(), QStringLiteral("UID FETCH")).size(), 2);
    const auto a = m_h->item(m_account, fresh);
    const auto b = m_h->item(m_account, followUp);
    QVERIFY(a && b);
    QVERIFY(a->text.contains(QStringLiteral("ma commande n'est pas arrivée. 📦")));
    QCOMPARE(b->parentRemoteId, root.remoteId);
    QCOMPARE(b->threadRemoteId, rootId);
    QVERIFY(b->text.startsWith(QLatin1String("Re: ")));
}

void MailSandboxTest::changedUidValidityReadsTheFolderAgainWithoutDuplicates() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const qint64 before = incomingCount();
    const auto old = mail().state(0, kInbox);
    QVERIFY(mail().renumber(0, kInbox));
    const auto renumbered = mail().state(0, kInbox);
    QVERIFY(renumbered->uidValidity != old->uidValidity);
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(incomingCount(), before);
    QCOMPARE(testing::duplicateItems(m_h->db()), qint64(0));
    QCOMPARE(m_h->syncState(m_account, kInbox).cursor,
             EmailConnector::cursorText(renumbered->uidValidity, renumbered->uids.last()));
}

void MailSandboxTest::replyGoesOutBySmtpOnceAndLandsInSent() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const model::Item parent = customerItem();
    QVERIFY(parent.id > 0);
    const QString text = QStringLiteral("Bonjour, c'est corrigé dans la version 2.4 — merci de votre patience ! 🙏");
    const QStringList sentBefore = mail().messageIds(0, QStringLiteral("Sent"));
    m_sandbox->clearJournal();
    m_h->enqueueReply(m_account, parent.id, parent.remoteId, text, QStringLiteral("mail-reply-1"));
    QCOMPARE(m_h->flushOutbox(m_account), std::make_pair(1, 0));

    // One message out, to the customer, threaded.
    const QList<sandbox::OutgoingMail> out = mail().outgoing();
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().recipients, QList<QByteArray>{parent.author.handle.toUtf8()});
    QCOMPARE(out.first().from, m_remote.acct.toUtf8());
    const QByteArray raw = out.first().raw;
    QCOMPARE(sandbox::headerField(raw, "In-Reply-To"), QByteArray('<' + parent.remoteId.toUtf8() + '>'));
    const QByteArray references = sandbox::headerField(raw, "References");
    QVERIFY(references.endsWith(QByteArray('<' + parent.remoteId.toUtf8() + '>')));
    if (!parent.threadRemoteId.isEmpty()) {
        QVERIFY(references.startsWith(QByteArray('<' + parent.threadRemoteId.toUtf8() + '>')));
    }
    const QString ourId = sandbox::MailStore::messageIdOf(raw);
    // The copy in Sent, once; the reply stored once, linked to its parent.
    const QStringList sentAfter = mail().messageIds(0, QStringLiteral("Sent"));
    QCOMPARE(sentAfter.size(), sentBefore.size() + 1);
    QCOMPARE(sentAfter.count(ourId), 1);
    const auto stored = m_h->item(m_account, ourId);
    QVERIFY(stored.has_value());
    QVERIFY(stored->direction == model::Direction::Outgoing);
    QCOMPARE(stored->parentRemoteId, parent.remoteId);
    QVERIFY(stored->text.contains(text));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'out'", {m_account}),
             qint64(1));

    // The SMTP dialogue: authenticated, one message, the password never written down.
    const QList<JournalEntry> journal = m_sandbox->journal();
    QCOMPARE(smtp(journal, QStringLiteral("AUTH")).size(), 1);
    QCOMPARE(smtp(journal, QStringLiteral("AUTH")).first().status, 235);
    QCOMPARE(smtp(journal, QStringLiteral("AUTH")).first().body, QByteArray("PLAIN ****"));
    QCOMPARE(smtp(journal, QStringLiteral("MAIL")).size(), 1);
    QCOMPARE(smtp(journal, QStringLiteral("RCPT")).size(), 1);
    QCOMPARE(smtp(journal, QStringLiteral("DATA")).size(), 1);
    QCOMPARE(smtp(journal, QStringLiteral("DATA")).first().status, 250);
    QCOMPARE(imap(journal, QStringLiteral("APPEND")).size(), 1);

    // Flushing again sends nothing.
    QCOMPARE(m_h->flushOutbox(m_account), std::make_pair(0, 0));
    QCOMPARE(mail().outgoing().size(), 1);
}

void MailSandboxTest::moveToFolderAndMarkSpam() {
    QVERIFY(m_h->runSync({m_account}).allOk());
    const model::Item first = customerItem(0);
    const model::Item second = customerItem(1);
    const model::Item third = customerItem(2);
    QVERIFY(first.id > 0 && second.id > 0 && third.id > 0);
    m_sandbox->clearJournal();

    auto moved = m_h->moderate(m_account, ModerationAction::MoveToFolder, first, QStringLiteral("Archive"));
    QVERIFY2(moved.hasValue(), moved.hasValue() ? "" : qPrintable(moved.error().toString()));
    QVERIFY(!mail().messageIds(0, kInbox).contains(first.remoteId));
    QVERIFY(mail().messageIds(0, QStringLiteral("Archive")).contains(first.remoteId));

    auto spam = m_h->moderate(m_account, ModerationAction::MarkSpam, second);
    QVERIFY2(spam.hasValue(), spam.hasValue() ? "" : qPrintable(spam.error().toString()));
    QVERIFY(!mail().messageIds(0, kInbox).contains(second.remoteId));
    QVERIFY(mail().messageIds(0, QStringLiteral("Junk")).contains(second.remoteId));

    // A folder that does not exist yet is created on the way.
    auto created = m_h->moderate(m_account, ModerationAction::MoveToFolder, third, QStringLiteral("Clients VIP"));
    QVERIFY2(created.hasValue(), created.hasValue() ? "" : qPrintable(created.error().toString()));
    QVERIFY(mail().messageIds(0, QStringLiteral("Clients VIP")).contains(third.remoteId));

    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> moves = imap(journal, QStringLiteral("UID MOVE"));
    QCOMPARE(moves.size(), 4); // Archive, Junk, then "Clients VIP" refused ([TRYCREATE]) and again after CREATE
    QVERIFY(moves.at(0).body.endsWith("\"Archive\""));
    QVERIFY(moves.at(1).body.endsWith("\"Junk\""));
    QCOMPARE(moves.at(2).status, 403);
    QCOMPARE(moves.at(3).status, 200);
    QCOMPARE(imap(journal, QStringLiteral("CREATE")).size(), 1);
}

void MailSandboxTest::wrongPasswordIsAClearAccountError() {
    QJsonObject token = QJsonDocument::fromJson(m_remote.token.toUtf8()).object();
    token.insert(QStringLiteral("password"), QStringLiteral("not-the-password"));
    const qint64 wrong = addAccount(QString::fromUtf8(QJsonDocument(token).toJson(QJsonDocument::Compact)));
    QVERIFY(wrong > 0);
    m_sandbox->clearJournal();
    const testing::SyncRun run = m_h->runSync({wrong});
    QVERIFY(run.finished);
    QVERIFY(!run.ok.value(wrong, true));
    QVERIFY2(m_h->lastError(wrong).contains(QLatin1String("refused the login")), qPrintable(m_h->lastError(wrong)));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {wrong}), qint64(0));
    const QList<JournalEntry> auth = imap(m_sandbox->journal(), QStringLiteral("AUTHENTICATE"));
    QVERIFY(!auth.isEmpty());
    QCOMPARE(auth.first().status, 403);
    QVERIFY(auth.first().account.isEmpty());
    QVERIFY(!auth.first().body.contains("not-the-password"));
}

void MailSandboxTest::xoauth2TokenSignsInAndAWrongOneIsRefused() {
    const QList<sandbox::SandboxAccount> oauth = mail().oauthAccounts();
    QVERIFY(!oauth.isEmpty());
    QCOMPARE(oauth.first().acct, m_remote.acct);
    QJsonObject token = QJsonDocument::fromJson(m_remote.token.toUtf8()).object();
    token.remove(QStringLiteral("password"));
    token.insert(QStringLiteral("oauth2"), QStringLiteral("ya29.someone-elses-token"));
    const qint64 wrong = addAccount(QString::fromUtf8(QJsonDocument(token).toJson(QJsonDocument::Compact)));
    QVERIFY(wrong > 0);
    m_sandbox->clearJournal();
    const testing::SyncRun refused = m_h->runSync({wrong});
    QVERIFY(refused.finished && !refused.ok.value(wrong, true));
    QVERIFY2(m_h->lastError(wrong).contains(QLatin1String("XOAUTH2")), qPrintable(m_h->lastError(wrong)));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {wrong}), qint64(0));
    const QList<JournalEntry> denied = imap(m_sandbox->journal(), QStringLiteral("AUTHENTICATE"));
    QVERIFY(!denied.isEmpty());
    QCOMPARE(denied.first().status, 403);
    QCOMPARE(denied.first().body, QByteArray("XOAUTH2 ****"));

    token.insert(QStringLiteral("oauth2"), oauth.first().token);
    const qint64 right = addAccount(QString::fromUtf8(QJsonDocument(token).toJson(QJsonDocument::Compact)));
    m_sandbox->clearJournal();
    QVERIFY2(m_h->runSync({right}).allOk(), qPrintable(m_h->lastError(right)));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'in'", {right}),
             qint64(mail().messageIds(0, kInbox).size()));
    const QList<JournalEntry> accepted = imap(m_sandbox->journal(), QStringLiteral("AUTHENTICATE"));
    QVERIFY(!accepted.isEmpty());
    QCOMPARE(accepted.first().status, 200);
    QCOMPARE(accepted.first().account, m_remote.acct);
    QVERIFY(!accepted.first().body.contains(oauth.first().token.toUtf8()));
}

void MailSandboxTest::droppedConnectionIsRetried() {
    m_sandbox->faults().failNext(FaultKind::Reset, 1, QStringLiteral("/mail/imap"));
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    QCOMPARE(incomingCount(), qint64(mail().messageIds(0, kInbox).size()));
    int resets = 0;
    for (const JournalEntry& e : imap(m_sandbox->journal())) {
        resets += e.fault == QLatin1String("reset") ? 1 : 0;
    }
    QCOMPARE(resets, 1);
}

QTEST_MAIN(MailSandboxTest)
#include "MailSandboxTest.moc"
