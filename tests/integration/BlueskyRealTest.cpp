// Bluesky end to end against a REAL local AT Protocol network (PLC, PDS, AppView and Ozone from @atproto/dev-env
// with PostgreSQL, started on 127.0.0.1 by tests/integration/servers/atproto/atproto.sh): SyncEngine, OutboxSender
// and BlueskyConnector through real libcurl into a real SQLite store. DIDs, post URIs and the app password change on
// every start and are read from the network's ready.json. What the network holds afterwards is checked over XRPC
// as another client. The AppView indexes asynchronously, so every check of its views polls.
// The cases build on each other in order (one network history), like a user's day.
#include "core/connectors/Connector.h"
#include "core/connectors/bluesky/BlueskyParser.h"
#include "core/store/OutboxRepository.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <memory>

using namespace baton;
using baton::connectors::ModerationAction;
using baton::testing::queryInt;

namespace {

constexpr int kIndexWaitMs = 20000; // the AppView shows a new record within a second or two

QString script() {
    return QStringLiteral(BATON_SOURCE_DIR "/tests/integration/servers/atproto/atproto.sh");
}

QString stringAt(const QJsonObject& o, const QStringList& path) {
    QJsonValue v = o;
    for (const QString& key : path) {
        v = v.toObject().value(key);
    }
    return v.toString();
}

} // namespace

class BlueskyRealTest final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void firstSyncStoresMentionsRepliesAndQuotes();
    void sessionIsKeptAcrossRestarts();
    void newMentionArrivesOnNextSync();
    void threadContextFromTheAppView();
    void replyGoesOutWithStrongRefsAndFacets();
    void repeatedReplyIsNotPostedTwice();
    void expiredOrRevokedTokensRenewTheSession();
    void wrongAppPasswordFlagsTheAccount();
    void muteAndMuteThread();
    void blockAndReport();
    void deleteOwnReply();

private:
    // XRPC as another client. A query when body is empty, else a procedure.
    Expected<QJsonObject, Error> xrpc(const QString& nsid, const QString& token,
                                      const QList<QPair<QString, QString>>& query, const QJsonObject& body = {});
    QString login(const QString& user); // an access token for a seeded user (password login)
    QString aliceToken();               // the session Baton keeps for Alice
    QString post(const QString& user, const QString& text, const QJsonArray& facets = {});
    model::Item storedItem(const QString& uri);
    bool pollSyncUntilStored(const QString& uri);
    QString did(const QString& user) const {
        return stringAt(m_ready, {QStringLiteral("users"), user, QStringLiteral("did")});
    }
    QString postUri(const QString& key) const {
        return stringAt(m_ready, {QStringLiteral("posts"), key, QStringLiteral("uri")});
    }
    QString pds() const { return m_ready.value(QLatin1String("pds")).toString(); }
    QProcessEnvironment scriptEnv() const;

    std::unique_ptr<QTemporaryDir> m_run;
    bool m_networkUp = false;
    QJsonObject m_ready;
    std::unique_ptr<testing::SyncHarness> m_h;
    qint64 m_account = 0;
    QString m_ourReply;
    QString m_newMention;
};

QProcessEnvironment BlueskyRealTest::scriptEnv() const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ATP_RUN"), m_run->path());
    return env;
}

void BlueskyRealTest::initTestCase() {
    QProcess check;
    check.start(QStringLiteral("bash"), {script(), QStringLiteral("check")});
    QVERIFY(check.waitForFinished(30000));
    if (check.exitCode() != 0) {
        const QByteArray why = QByteArray(check.readAllStandardError() + check.readAllStandardOutput());
        // CI installs the network (./dev does); only a developer machine without it may skip.
        if (!qEnvironmentVariableIsEmpty("CI")) {
            QFAIL(
                qPrintable(QStringLiteral("the AT Protocol network is not installed: %1").arg(QString::fromUtf8(why))));
        }
        QSKIP(qPrintable(QStringLiteral("the AT Protocol network is not installed (./dev installs it): %1")
                             .arg(QString::fromUtf8(why).trimmed())));
    }
    m_run = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/baton-atproto-XXXXXX"));
    QVERIFY(m_run->isValid());
    // BATON_KEEP_ATP_RUN=1 keeps the network's logs (atproto.log, postgres.log).
    m_run->setAutoRemove(qEnvironmentVariableIsEmpty("BATON_KEEP_ATP_RUN"));
    for (const char* verb : {"start", "wait"}) {
        QProcess p;
        p.setProcessEnvironment(scriptEnv());
        p.start(QStringLiteral("bash"), {script(), QString::fromLatin1(verb)});
        QVERIFY(p.waitForFinished(240000));
        m_networkUp = true; // stop whatever part of it started
        QVERIFY2(p.exitCode() == 0, QByteArray(p.readAllStandardError() + p.readAllStandardOutput()).constData());
    }
    QFile ready(m_run->filePath(QStringLiteral("ready.json")));
    QVERIFY(ready.open(QIODevice::ReadOnly));
    m_ready = QJsonDocument::fromJson(ready.readAll()).object();
    QVERIFY(did(QStringLiteral("alice")).startsWith(QLatin1String("did:")));
    QVERIFY(!postUri(QStringLiteral("carlaReply")).isEmpty());

    m_h = std::make_unique<testing::SyncHarness>();
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));
    model::Account account;
    account.network = model::Network::Bluesky;
    account.name = QStringLiteral("Bluesky brand");
    account.baseUrl = pds();
    // No DID or handle yet: the first sync verifies the app password and learns them.
    const QString secret = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("identifier"), QStringLiteral("alice.test")},
                                  {QStringLiteral("password"),
                                   stringAt(m_ready, {QStringLiteral("users"), QStringLiteral("alice"),
                                                      QStringLiteral("appPassword")})}})
            .toJson(QJsonDocument::Compact));
    m_account = m_h->addAccount(account, secret);
    QVERIFY2(m_account > 0, qPrintable(m_h->error()));
}

void BlueskyRealTest::cleanupTestCase() {
    m_h.reset();
    if (m_networkUp) {
        QProcess stop;
        stop.setProcessEnvironment(scriptEnv());
        stop.start(QStringLiteral("bash"), {script(), QStringLiteral("stop")});
        QVERIFY(stop.waitForFinished(60000));
        QCOMPARE(stop.exitCode(), 0);
    }
    m_run.reset();
}

// ---- helpers ----

Expected<QJsonObject, Error> BlueskyRealTest::xrpc(const QString& nsid, const QString& token,
                                                   const QList<QPair<QString, QString>>& query,
                                                   const QJsonObject& body) {
    net::Request r;
    r.method = body.isEmpty() ? "GET" : "POST";
    QUrl url(pds() + QStringLiteral("/xrpc/") + nsid);
    QUrlQuery q;
    for (const auto& [k, v] : query) {
        q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    }
    url.setQuery(q);
    r.url = url;
    if (!token.isEmpty()) {
        r.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8()});
    }
    if (!body.isEmpty()) {
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    }
    auto res = m_h->send(r);
    if (!res) {
        return unexpected(res.error());
    }
    return QJsonDocument::fromJson(res->body).object();
}

QString BlueskyRealTest::login(const QString& user) {
    auto s = xrpc(QStringLiteral("com.atproto.server.createSession"), {}, {},
                  QJsonObject{{QStringLiteral("identifier"), QString(user + QStringLiteral(".test"))},
                              {QStringLiteral("password"), QStringLiteral("hunter2")}});
    return s ? s->value(QLatin1String("accessJwt")).toString() : QString();
}

QString BlueskyRealTest::aliceToken() {
    return QJsonDocument::fromJson(m_h->secretOf(m_account).toUtf8())
        .object()
        .value(QLatin1String("accessJwt"))
        .toString();
}

QString BlueskyRealTest::post(const QString& user, const QString& text, const QJsonArray& facets) {
    QJsonObject record{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.post")},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("createdAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    if (!facets.isEmpty()) {
        record.insert(QStringLiteral("facets"), facets);
    }
    auto created = xrpc(QStringLiteral("com.atproto.repo.createRecord"), login(user), {},
                        QJsonObject{{QStringLiteral("repo"), did(user)},
                                    {QStringLiteral("collection"), QStringLiteral("app.bsky.feed.post")},
                                    {QStringLiteral("record"), record}});
    return created ? created->value(QLatin1String("uri")).toString() : QString();
}

model::Item BlueskyRealTest::storedItem(const QString& uri) {
    return m_h->item(m_account, uri).value_or(model::Item{});
}

bool BlueskyRealTest::pollSyncUntilStored(const QString& uri) {
    return QTest::qWaitFor(
        [&] {
            m_h->runSync({m_account});
            return m_h->item(m_account, uri).has_value();
        },
        kIndexWaitMs);
}

// ---- cases ----

void BlueskyRealTest::firstSyncStoresMentionsRepliesAndQuotes() {
    const testing::SyncRun run = m_h->runSync({m_account});
    QVERIFY2(run.allOk(), qPrintable(m_h->lastError(m_account)));

    const model::Item bobReply = storedItem(postUri(QStringLiteral("bobReply")));
    const model::Item bobMention = storedItem(postUri(QStringLiteral("bobMention")));
    const model::Item carlaReply = storedItem(postUri(QStringLiteral("carlaReply")));
    const model::Item carlaQuote = storedItem(postUri(QStringLiteral("carlaQuote")));
    QVERIFY(bobReply.id > 0 && bobMention.id > 0 && carlaReply.id > 0 && carlaQuote.id > 0);
    // A reply that also mentions is notified once, as a mention.
    QVERIFY(bobReply.kind == model::Kind::Mention);
    QCOMPARE(bobReply.parentRemoteId, postUri(QStringLiteral("root")));
    QVERIFY(bobMention.kind == model::Kind::Mention);
    QVERIFY(carlaReply.kind == model::Kind::Reply);
    QCOMPARE(carlaReply.threadRemoteId, postUri(QStringLiteral("root")));
    QVERIFY(carlaQuote.kind == model::Kind::Quote);
    QCOMPARE(carlaQuote.parentRemoteId, postUri(QStringLiteral("root")));
    QCOMPARE(bobMention.author.remoteId, did(QStringLiteral("bob")));
    QCOMPARE(bobMention.author.handle, QStringLiteral("bob.test"));
    QVERIFY(bobMention.text.startsWith(QStringLiteral("👋 Hey @alice.test")));
    QVERIFY2(bobMention.html.contains(QStringLiteral("<a href=\"https://example.com/baton/schedule\">")),
             qPrintable(bobMention.html));
    QVERIFY(
        bobMention.html.contains(QStringLiteral("<a href=\"https://bsky.app/profile/") + did(QStringLiteral("alice"))));
    QVERIFY(bobMention.direction == model::Direction::Incoming);
    // Bob's like and follow are no items: four posts, nothing else.
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), qint64(4));

    // The account learnt who it is, and the session is kept beside the app password.
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM accounts WHERE id = ? AND remote_id = ? AND handle = ?",
                      {m_account, did(QStringLiteral("alice")), QStringLiteral("@alice.test")}),
             qint64(1));
    const QJsonObject secret = QJsonDocument::fromJson(m_h->secretOf(m_account).toUtf8()).object();
    QVERIFY(!secret.value(QLatin1String("refreshJwt")).toString().isEmpty());
    QVERIFY(!secret.value(QLatin1String("accessJwt")).toString().isEmpty());
    QCOMPARE(secret.value(QLatin1String("did")).toString(), did(QStringLiteral("alice")));
    const store::SyncState state = m_h->syncState(m_account, QStringLiteral("notifications"));
    QVERIFY(state.backfillDone);
    QVERIFY(!state.cursor.isEmpty());
    QVERIFY(state.lastError.isEmpty());
}

void BlueskyRealTest::sessionIsKeptAcrossRestarts() {
    const QString before = m_h->secretOf(m_account);
    // A restart: the connector is built again from the keychain and must not log in again.
    m_h->sync().forgetConnector(m_account);
    QVERIFY(m_h->runSync({m_account}).allOk());
    QCOMPARE(m_h->secretOf(m_account), before);
}

void BlueskyRealTest::newMentionArrivesOnNextSync() {
    const qint64 before = queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account});
    const QString text = QStringLiteral("@alice.test the RTL test: שלום עולם, and is there a French version ? Merci !");
    const QByteArray bytes = text.toUtf8();
    const QJsonArray facets{QJsonObject{
        {QStringLiteral("index"), QJsonObject{{QStringLiteral("byteStart"), 0}, {QStringLiteral("byteEnd"), 11}}},
        {QStringLiteral("features"),
         QJsonArray{QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.richtext.facet#mention")},
                                {QStringLiteral("did"), did(QStringLiteral("alice"))}}}}}};
    QCOMPARE(bytes.left(11), QByteArray("@alice.test"));
    m_newMention = post(QStringLiteral("carla"), text, facets);
    QVERIFY(!m_newMention.isEmpty());
    QVERIFY2(pollSyncUntilStored(m_newMention), "the new mention never reached the store");
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {m_account}), before + 1);
    QCOMPARE(storedItem(m_newMention).text, text);
    QCOMPARE(m_h->syncState(m_account, QStringLiteral("notifications")).backfillCursor, QString());
}

void BlueskyRealTest::threadContextFromTheAppView() {
    auto thread = m_h->fetchThread(m_account, storedItem(postUri(QStringLiteral("carlaReply"))));
    QVERIFY2(thread, qPrintable(thread ? QString() : thread.error().toString()));
    QVERIFY(thread->size() >= 2);
    QCOMPARE(thread->first().remoteId, postUri(QStringLiteral("root")));
    QVERIFY(thread->first().direction == model::Direction::Outgoing); // Alice's own post
    QCOMPARE(thread->at(1).remoteId, postUri(QStringLiteral("carlaReply")));
}

void BlueskyRealTest::replyGoesOutWithStrongRefsAndFacets() {
    const model::Item parent = storedItem(postUri(QStringLiteral("carlaReply")));
    const QString text = QStringLiteral("Thanks @carla.test! The FAQ: https://example.com/faq #baton");
    const qint64 outboxId = m_h->enqueueReply(m_account, parent.id, parent.remoteId, text,
                                              QUuid::createUuid().toString(QUuid::WithoutBraces));
    QVERIFY(outboxId > 0);
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));
    const auto entry = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(entry && entry->state == model::OutboxState::Sent);
    m_ourReply = entry->remoteId;
    QVERIFY(m_ourReply.startsWith(QStringLiteral("at://") + did(QStringLiteral("alice")) +
                                  QStringLiteral("/app.bsky.feed.post/")));

    // In SQLite: outgoing, under Carla's reply, and Carla's reply is answered.
    const model::Item ours = storedItem(m_ourReply);
    QVERIFY(ours.direction == model::Direction::Outgoing);
    QCOMPARE(ours.parentRemoteId, parent.remoteId);
    QCOMPARE(ours.threadRemoteId, postUri(QStringLiteral("root")));
    QVERIFY(storedItem(parent.remoteId).firstResponseAt > 0);

    // On the PDS: strong refs to the parent and the thread root, facets on the right bytes.
    const connectors::bluesky::AtUri at = connectors::bluesky::splitAtUri(m_ourReply);
    auto record = xrpc(QStringLiteral("com.atproto.repo.getRecord"), {},
                       {{QStringLiteral("repo"), at.repo},
                        {QStringLiteral("collection"), at.collection},
                        {QStringLiteral("rkey"), at.rkey}});
    QVERIFY(record);
    const QJsonObject value = record->value(QLatin1String("value")).toObject();
    QCOMPARE(value.value(QLatin1String("text")).toString(), text);
    QCOMPARE(stringAt(value, {QStringLiteral("reply"), QStringLiteral("parent"), QStringLiteral("uri")}),
             parent.remoteId);
    QCOMPARE(stringAt(value, {QStringLiteral("reply"), QStringLiteral("parent"), QStringLiteral("cid")}),
             stringAt(m_ready, {QStringLiteral("posts"), QStringLiteral("carlaReply"), QStringLiteral("cid")}));
    QCOMPARE(stringAt(value, {QStringLiteral("reply"), QStringLiteral("root"), QStringLiteral("uri")}),
             postUri(QStringLiteral("root")));
    QCOMPARE(stringAt(value, {QStringLiteral("reply"), QStringLiteral("root"), QStringLiteral("cid")}),
             stringAt(m_ready, {QStringLiteral("posts"), QStringLiteral("root"), QStringLiteral("cid")}));
    const QJsonArray facets = value.value(QLatin1String("facets")).toArray();
    QCOMPARE(facets.size(), 3);
    const QByteArray bytes = text.toUtf8();
    QStringList covered;
    for (const QJsonValue& f : facets) {
        const QJsonObject index = f.toObject().value(QLatin1String("index")).toObject();
        const int start = index.value(QLatin1String("byteStart")).toInt();
        covered << QString::fromUtf8(bytes.mid(start, index.value(QLatin1String("byteEnd")).toInt() - start));
    }
    QCOMPARE(covered, (QStringList{QStringLiteral("@carla.test"), QStringLiteral("https://example.com/faq"),
                                   QStringLiteral("#baton")}));
    QCOMPARE(stringAt(facets.at(0).toObject().value(QLatin1String("features")).toArray().at(0).toObject(),
                      {QStringLiteral("did")}),
             did(QStringLiteral("carla")));

    // Carla is notified of the reply.
    const QString carla = login(QStringLiteral("carla"));
    QVERIFY(QTest::qWaitFor(
        [&] {
            auto n = xrpc(QStringLiteral("app.bsky.notification.listNotifications"), carla,
                          {{QStringLiteral("limit"), QStringLiteral("50")}});
            for (const QJsonValue& v : n ? n->value(QLatin1String("notifications")).toArray() : QJsonArray()) {
                if (v.toObject().value(QLatin1String("uri")).toString() == m_ourReply) {
                    return true;
                }
            }
            return false;
        },
        kIndexWaitMs));
}

void BlueskyRealTest::repeatedReplyIsNotPostedTwice() {
    const model::Item parent = storedItem(postUri(QStringLiteral("bobMention")));
    const QString text = QStringLiteral("We will be there, see you at the meetup!");
    const qint64 outboxId = m_h->enqueueReply(m_account, parent.id, parent.remoteId, text,
                                              QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(m_h->flushOutbox(m_account), (std::pair{1, 0}));
    const auto sent = store::OutboxRepository::byId(m_h->db(), outboxId);
    QVERIFY(sent && sent->state == model::OutboxState::Sent);

    // The same entry again, as after a crash between the post and its answer: once as a first attempt (the PDS
    // refuses the record key a second time) and once as a retry (the key is looked up first).
    connectors::Connector* c = m_h->connectorFor(m_account);
    QVERIFY(c);
    for (const int attempts : {0, 1}) {
        model::OutboxEntry again = *sent;
        again.attempts = attempts;
        again.state = attempts == 0 ? model::OutboxState::Queued : model::OutboxState::Sending;
        bool done = false;
        std::optional<Expected<model::Item, Error>> result;
        c->postReply(again, m_h.get(), [&](Expected<model::Item, Error> r) {
            done = true;
            result = std::move(r);
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 60000));
        QVERIFY2(result->hasValue(), qPrintable(result->hasValue() ? QString() : result->error().toString()));
        QCOMPARE((*result)->remoteId, sent->remoteId);
    }
    // Alice's repository holds exactly one post with that text.
    auto list = xrpc(QStringLiteral("com.atproto.repo.listRecords"), {},
                     {{QStringLiteral("repo"), did(QStringLiteral("alice"))},
                      {QStringLiteral("collection"), QStringLiteral("app.bsky.feed.post")},
                      {QStringLiteral("limit"), QStringLiteral("100")}});
    QVERIFY(list);
    int copies = 0;
    for (const QJsonValue& r : list->value(QLatin1String("records")).toArray()) {
        copies += stringAt(r.toObject(), {QStringLiteral("value"), QStringLiteral("text")}) == text ? 1 : 0;
    }
    QCOMPARE(copies, 1);
}

void BlueskyRealTest::expiredOrRevokedTokensRenewTheSession() {
    QJsonObject secret = QJsonDocument::fromJson(m_h->secretOf(m_account).toUtf8()).object();
    const QString oldRefresh = secret.value(QLatin1String("refreshJwt")).toString();
    model::Account a;
    a.id = m_account;

    // An access token the PDS no longer takes: the refresh token renews the session (no login).
    secret.insert(QStringLiteral("accessJwt"), QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.bm9wZQ"));
    QVERIFY(m_h->secrets().writeNow(a.secretKey(), QString::fromUtf8(QJsonDocument(secret).toJson())).hasValue());
    m_h->sync().forgetConnector(m_account);
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    QJsonObject renewed = QJsonDocument::fromJson(m_h->secretOf(m_account).toUtf8()).object();
    QVERIFY(renewed.value(QLatin1String("accessJwt")).toString() !=
            secret.value(QLatin1String("accessJwt")).toString());
    QVERIFY(renewed.value(QLatin1String("refreshJwt")).toString() != oldRefresh); // rotated, and kept

    // Both tokens refused: the app password logs in again.
    renewed.insert(QStringLiteral("accessJwt"), QStringLiteral("garbage"));
    renewed.insert(QStringLiteral("refreshJwt"), QStringLiteral("garbage"));
    QVERIFY(m_h->secrets().writeNow(a.secretKey(), QString::fromUtf8(QJsonDocument(renewed).toJson())).hasValue());
    m_h->sync().forgetConnector(m_account);
    QVERIFY2(m_h->runSync({m_account}).allOk(), qPrintable(m_h->lastError(m_account)));
    const QJsonObject loggedIn = QJsonDocument::fromJson(m_h->secretOf(m_account).toUtf8()).object();
    QVERIFY(loggedIn.value(QLatin1String("refreshJwt")).toString() != QLatin1String("garbage"));
    auto session = xrpc(QStringLiteral("com.atproto.server.getSession"),
                        loggedIn.value(QLatin1String("accessJwt")).toString(), {});
    QVERIFY(session);
    QCOMPARE(session->value(QLatin1String("did")).toString(), did(QStringLiteral("alice")));
}

void BlueskyRealTest::wrongAppPasswordFlagsTheAccount() {
    model::Account account;
    account.network = model::Network::Bluesky;
    account.name = QStringLiteral("Bluesky wrong password");
    account.baseUrl = pds();
    const qint64 id =
        m_h->addAccount(account, QString::fromUtf8(R"({"identifier":"bob.test","password":"nope-nope-nope-nope"})"));
    QVERIFY(id > 0);
    const testing::SyncRun run = m_h->runSync({id});
    QVERIFY(run.finished);
    QVERIFY(!run.ok.value(id, true));
    const QString error = m_h->lastError(id);
    QVERIFY2(error.contains(QStringLiteral("refused the handle or app password")), qPrintable(error));
    QCOMPARE(queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}), qint64(0));
}

void BlueskyRealTest::muteAndMuteThread() {
    const model::Item bobs = storedItem(postUri(QStringLiteral("bobMention")));
    auto muted = m_h->moderate(m_account, ModerationAction::MuteAuthor, bobs);
    QVERIFY2(muted, qPrintable(muted ? QString() : muted.error().toString()));
    auto profile = xrpc(QStringLiteral("app.bsky.actor.getProfile"), aliceToken(),
                        {{QStringLiteral("actor"), did(QStringLiteral("bob"))}});
    QVERIFY(profile);
    QVERIFY(profile->value(QLatin1String("viewer")).toObject().value(QLatin1String("muted")).toBool());

    const model::Item quote = storedItem(postUri(QStringLiteral("carlaReply")));
    auto threadMuted = m_h->moderate(m_account, ModerationAction::MuteThread, quote);
    QVERIFY2(threadMuted, qPrintable(threadMuted ? QString() : threadMuted.error().toString()));
    QVERIFY(QTest::qWaitFor(
        [&] {
            auto t = xrpc(QStringLiteral("app.bsky.feed.getPostThread"), aliceToken(),
                          {{QStringLiteral("uri"), postUri(QStringLiteral("root"))},
                           {QStringLiteral("depth"), QStringLiteral("0")}});
            return t && t->value(QLatin1String("thread"))
                            .toObject()
                            .value(QLatin1String("post"))
                            .toObject()
                            .value(QLatin1String("viewer"))
                            .toObject()
                            .value(QLatin1String("threadMuted"))
                            .toBool();
        },
        kIndexWaitMs));
}

void BlueskyRealTest::blockAndReport() {
    const model::Item quote = storedItem(postUri(QStringLiteral("carlaQuote")));
    auto reported =
        m_h->moderate(m_account, ModerationAction::Report, quote, QStringLiteral("Spam links in every reply"));
    QVERIFY2(reported, qPrintable(reported ? QString() : reported.error().toString()));

    auto blocked = m_h->moderate(m_account, ModerationAction::BlockAuthor, quote);
    QVERIFY2(blocked, qPrintable(blocked ? QString() : blocked.error().toString()));
    QVERIFY(QTest::qWaitFor(
        [&] {
            auto p = xrpc(QStringLiteral("app.bsky.actor.getProfile"), aliceToken(),
                          {{QStringLiteral("actor"), did(QStringLiteral("carla"))}});
            return p && p->value(QLatin1String("viewer"))
                            .toObject()
                            .value(QLatin1String("blocking"))
                            .toString()
                            .startsWith(QStringLiteral("at://") + did(QStringLiteral("alice")) +
                                        QStringLiteral("/app.bsky.graph.block/"));
        },
        kIndexWaitMs));
}

void BlueskyRealTest::deleteOwnReply() {
    QVERIFY(!m_ourReply.isEmpty());
    const model::Item ours = storedItem(m_ourReply);
    QVERIFY(m_h->connectorFor(m_account)->moderationActions(ours) ==
            QList<ModerationAction>{ModerationAction::DeleteOwn});
    auto deleted = m_h->moderate(m_account, ModerationAction::DeleteOwn, ours);
    QVERIFY2(deleted, qPrintable(deleted ? QString() : deleted.error().toString()));
    const connectors::bluesky::AtUri at = connectors::bluesky::splitAtUri(m_ourReply);
    auto record = xrpc(QStringLiteral("com.atproto.repo.getRecord"), {},
                       {{QStringLiteral("repo"), at.repo},
                        {QStringLiteral("collection"), at.collection},
                        {QStringLiteral("rkey"), at.rkey}});
    QVERIFY(!record); // gone
    QVERIFY(record.error().httpStatus == 400 || record.error().httpStatus == 404);
}

QTEST_GUILESS_MAIN(BlueskyRealTest)
#include "BlueskyRealTest.moc"
