// The sandbox as a client sees it: Mastodon's shapes, paging, auth, idempotency, rate limits and every fault,
// through QNetworkAccessManager (and a raw socket where the exact bytes on the wire matter).
#include "core/sandbox/SandboxServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>
#include <memory>

using namespace baton::sandbox;

namespace {

constexpr int kTimeoutMs = 30000;
constexpr qint64 kFixedNow = 1717243200000; // 2024-06-01T12:00:00.000Z

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    bool finished = false;

    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }
    bool hasHeader(const QByteArray& name) const {
        for (const auto& entry : headers) {
            if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonArray array() const { return json().array(); }
    QJsonObject object() const { return json().object(); }
};

Reply send(QNetworkAccessManager& nam, const QByteArray& verb, const QUrl& url, const QString& token,
           const QByteArray& body = {}, const QList<std::pair<QByteArray, QByteArray>>& headers = {}) {
    QNetworkRequest request(url);
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    }
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Reply out;
    out.finished = reply->isFinished() || finished.wait(kTimeoutMs);
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    return out;
}

// Next/prev URLs of an RFC 8288 Link header.
QHash<QString, QUrl> parseLinks(const QByteArray& header) {
    QHash<QString, QUrl> links;
    static const QRegularExpression pattern(QStringLiteral("<([^>]+)>;\\s*rel=\"(\\w+)\""));
    auto it = pattern.globalMatch(QString::fromLatin1(header));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        links.insert(m.captured(2), QUrl::fromEncoded(m.captured(1).toLatin1(), QUrl::StrictMode));
    }
    return links;
}

bool isSnowflake(const QString& id) {
    static const QRegularExpression digits(QStringLiteral("^[0-9]{17,19}$"));
    return digits.match(id).hasMatch();
}

// Mastodon ids are opaque strings: order them by length, then lexically.
bool newerThan(const QString& a, const QString& b) {
    return a.size() != b.size() ? a.size() > b.size() : a > b;
}

QStringList ids(const QJsonArray& array) {
    QStringList out;
    for (const QJsonValue& v : array) {
        out.append(v.toObject().value(QStringLiteral("id")).toString());
    }
    return out;
}

// One exchange on a fresh socket; reads until the server closes or kTimeoutMs passes.
QByteArray rawExchange(quint16 port, const QByteArray& request, QAbstractSocket::SocketError* error = nullptr) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(kTimeoutMs)) {
        return {};
    }
    socket.write(request);
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < kTimeoutMs) {
        socket.waitForReadyRead(1000);
        data += socket.readAll();
    }
    data += socket.readAll();
    if (error != nullptr) {
        *error = socket.error();
    }
    return data;
}

SandboxOptions smallOptions(quint64 seed = 7) {
    SandboxOptions options;
    options.seed = seed;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 1;
    options.people = 40;
    options.mentionsPerAccount = 120;
    options.historyDays = 14;
    return options;
}

} // namespace

class SandboxTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void rejectsMissingBadAndRevokedTokens();
    void verifyCredentials();
    void notificationsPageThroughEveryMentionOnce();
    void typeFilters();
    void limitDefaultsAndCaps();
    void cursorsMaxSinceMin();
    void linkHeaderShape();
    void contextAncestorsAndDescendants();
    void ownStatusesIncludeAnswers();
    void conversationsAreDirect();
    void postStatusIsIdempotentPerKey();
    void postStatusValidation();
    void dismissRemovesNotification();
    void moderationAndReports();
    void rateLimitHeadersAndTooManyRequests();
    void faultReset();
    void faultResetAfterHandling();
    void faultTruncatedBody();
    void faultBadJson();
    void faultServerErrors();
    void faultLatency();
    void faultRateLimitWindow();
    void journalRecordsDecodedRequests();
    void malformedRequestsAndKeepAlive();
    void sameSeedSameData();
    void hooksAddAndEdit();
    void liveTimerAddsMentions();

private:
    QUrl api(const QString& path, const QString& query = {}) const;
    Reply get(const QString& path, const QString& query = {}, int account = 0);
    QJsonObject firstMentionWithParent();

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_nam;
    QList<SandboxAccount> m_accounts;
};

void SandboxTest::initTestCase() {
    SandboxOptions options;
    options.seed = 42;
    options.nowMs = kFixedNow;
    options.rateLimit = 100000; // the rate limit has its own test
    QElapsedTimer timer;
    timer.start();
    m_server = std::make_unique<SandboxServer>(options);
    qInfo("generated 2 x %d mentions in %lld ms", options.mentionsPerAccount, timer.elapsed());
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    m_accounts.clear();
    for (const auto& a : m_server->accounts()) {
        if (a.network == QStringLiteral("mastodon")) { // other networks' demo accounts follow
            m_accounts.append(a);
        }
    }
    QCOMPARE(m_accounts.size(), 2);
    QCOMPARE(m_accounts.at(0).network, QStringLiteral("mastodon"));
    QCOMPARE(m_accounts.at(0).baseUrl, m_server->baseUrl() + QStringLiteral("/mastodon"));
    QVERIFY(m_accounts.at(0).token != m_accounts.at(1).token);
}

void SandboxTest::cleanupTestCase() {
    m_server.reset();
}

void SandboxTest::init() {
    m_server->faults().clear();
}

QUrl SandboxTest::api(const QString& path, const QString& query) const {
    QUrl url(m_accounts.at(0).baseUrl + path);
    if (!query.isEmpty()) {
        url.setQuery(query);
    }
    return url;
}

Reply SandboxTest::get(const QString& path, const QString& query, int account) {
    return send(m_nam, "GET", api(path, query), m_accounts.at(account).token);
}

QJsonObject SandboxTest::firstMentionWithParent() {
    const Reply page = get(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=mention&limit=80"));
    for (const QJsonValue& v : page.array()) {
        const QJsonObject status = v.toObject().value(QStringLiteral("status")).toObject();
        if (!status.value(QStringLiteral("in_reply_to_id")).isNull()) {
            return status;
        }
    }
    return {};
}

void SandboxTest::rejectsMissingBadAndRevokedTokens() {
    const QByteArray expected = "{\"error\":\"The access token is invalid\"}";
    const QUrl url = api(QStringLiteral("/api/v1/notifications"));
    for (const QString& token : {QString(), QStringLiteral("not-a-token")}) {
        const Reply r = send(m_nam, "GET", url, token);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.body, expected);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
    }
    // An unknown route is 404 before any authentication.
    const Reply unknown = send(m_nam, "GET", api(QStringLiteral("/api/v1/nothing/here")), QString());
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.body, QByteArray("{\"error\":\"Record not found\"}"));

    SandboxServer small(smallOptions());
    QVERIFY(small.start());
    const SandboxAccount account = small.accounts().constFirst();
    const QUrl smallUrl(account.baseUrl + QStringLiteral("/api/v1/accounts/verify_credentials"));
    QCOMPARE(send(m_nam, "GET", smallUrl, account.token).status, 200);
    QVERIFY(small.revokeToken(0));
    const Reply revoked = send(m_nam, "GET", smallUrl, account.token);
    QCOMPARE(revoked.status, 401);
    QCOMPARE(revoked.body, expected);
}

void SandboxTest::verifyCredentials() {
    const Reply r = get(QStringLiteral("/api/v1/accounts/verify_credentials"));
    QCOMPARE(r.status, 200);
    const QJsonObject me = r.object();
    QCOMPARE(me.value(QStringLiteral("id")).toString(), m_accounts.at(0).remoteId);
    QCOMPARE(me.value(QStringLiteral("acct")).toString(), m_accounts.at(0).acct);
    QVERIFY(me.value(QStringLiteral("source")).isObject());
    QVERIFY(isSnowflake(me.value(QStringLiteral("id")).toString()));
    // Rails escapes markup characters inside JSON strings.
    QVERIFY(r.body.contains("\\u003cp\\u003e"));
}

void SandboxTest::notificationsPageThroughEveryMentionOnce() {
    QSet<QString> seen;
    QUrl url = api(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=mention&limit=80"));
    int pages = 0;
    for (;;) {
        const Reply r = send(m_nam, "GET", url, m_accounts.at(0).token);
        QCOMPARE(r.status, 200);
        const QJsonArray page = r.array();
        QVERIFY(page.size() <= 80);
        if (page.isEmpty()) {
            QVERIFY(!r.hasHeader("Link"));
            break;
        }
        ++pages;
        QString previous;
        for (const QJsonValue& v : page) {
            const QJsonObject n = v.toObject();
            const QString id = n.value(QStringLiteral("id")).toString();
            QVERIFY2(isSnowflake(id), qPrintable(id));
            QVERIFY2(!seen.contains(id), qPrintable(id));
            QVERIFY(previous.isEmpty() || newerThan(previous, id));
            previous = id;
            seen.insert(id);
            QCOMPARE(n.value(QStringLiteral("type")).toString(), QStringLiteral("mention"));
            const QJsonObject status = n.value(QStringLiteral("status")).toObject();
            QVERIFY(isSnowflake(status.value(QStringLiteral("id")).toString()));
            QVERIFY(status.value(QStringLiteral("content")).toString().startsWith(QStringLiteral("<p>")));
            QVERIFY(
                status.value(QStringLiteral("content")).toString().contains(QStringLiteral("class=\"u-url mention\"")));
            static const QRegularExpression rfc3339(
                QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
            QVERIFY(rfc3339.match(n.value(QStringLiteral("created_at")).toString()).hasMatch());
        }
        const QHash<QString, QUrl> links = parseLinks(r.header("Link"));
        QVERIFY(links.contains(QStringLiteral("next")));
        url = links.value(QStringLiteral("next"));
        QVERIFY(pages < 200);
    }
    QCOMPARE(seen.size(), m_server->mentionCount(0));
    QVERIFY(seen.size() >= 3000);
}

void SandboxTest::typeFilters() {
    const Reply boosts =
        get(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=favourite&types[]=reblog&limit=80"));
    QCOMPARE(boosts.array().size(), 80);
    QSet<QString> types;
    for (const QJsonValue& v : boosts.array()) {
        types.insert(v.toObject().value(QStringLiteral("type")).toString());
        QVERIFY(v.toObject().value(QStringLiteral("status")).isObject());
    }
    QCOMPARE(types, (QSet<QString>{QStringLiteral("favourite"), QStringLiteral("reblog")}));

    const Reply noMentions =
        get(QStringLiteral("/api/v1/notifications"), QStringLiteral("exclude_types[]=mention&limit=80"));
    for (const QJsonValue& v : noMentions.array()) {
        QVERIFY(v.toObject().value(QStringLiteral("type")).toString() != QLatin1String("mention"));
    }
    const Reply future = get(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=added_to_collection"));
    QVERIFY(future.array().size() >= 3);
    const Reply edits = get(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=update"));
    QVERIFY(!edits.array().isEmpty());
    for (const QJsonValue& v : edits.array()) {
        QVERIFY(v.toObject().value(QStringLiteral("status")).toObject().value(QStringLiteral("edited_at")).isString());
    }
    const Reply follows = get(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=follow&limit=5"));
    QCOMPARE(follows.array().size(), 5);
    QVERIFY(!follows.array().at(0).toObject().contains(QStringLiteral("status")));
}

void SandboxTest::limitDefaultsAndCaps() {
    QCOMPARE(get(QStringLiteral("/api/v1/notifications")).array().size(), 40);
    QCOMPARE(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("limit=200")).array().size(), 80);
    QCOMPARE(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("limit=7")).array().size(), 7);
    QCOMPARE(get(QStringLiteral("/api/v1/conversations"), QStringLiteral("limit=100")).array().size(), 40);
    const QString self = m_accounts.at(0).remoteId;
    QCOMPARE(get(QStringLiteral("/api/v1/accounts/%1/statuses").arg(self)).array().size(), 20);
    QCOMPARE(get(QStringLiteral("/api/v1/accounts/%1/statuses").arg(self), QStringLiteral("limit=99")).array().size(),
             40);
}

void SandboxTest::cursorsMaxSinceMin() {
    const QStringList all = ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("limit=30")).array());
    QCOMPARE(all.size(), 30);
    const QString pivot = all.at(20);

    // min_id: the page immediately newer than the cursor, still newest-first.
    const QStringList forward =
        ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("min_id=%1&limit=5").arg(pivot)).array());
    QCOMPARE(forward, all.mid(15, 5));
    // since_id: the newest results above the cursor.
    const QStringList newest =
        ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("since_id=%1&limit=5").arg(pivot)).array());
    QCOMPARE(newest, all.mid(0, 5));
    const QStringList older =
        ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("max_id=%1&limit=3").arg(all.at(4))).array());
    QCOMPARE(older, all.mid(5, 3));
    const QStringList between =
        ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("max_id=%1&since_id=%2").arg(all.at(4), pivot))
                .array());
    QCOMPARE(between, all.mid(5, 15));
    // Nothing newer than the newest.
    QVERIFY(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("min_id=%1").arg(all.at(0))).array().isEmpty());
}

void SandboxTest::linkHeaderShape() {
    const Reply r = get(QStringLiteral("/api/v1/notifications"), QStringLiteral("types[]=mention&limit=5"));
    const QStringList page = ids(r.array());
    const QByteArray base = m_server->baseUrl().toLatin1() + "/mastodon/api/v1/notifications?";
    const QByteArray expected =
        '<' + base + "limit=5&max_id=" + page.constLast().toLatin1() + "&types%5B%5D=mention>; rel=\"next\", <" + base +
        "limit=5&min_id=" + page.constFirst().toLatin1() + "&types%5B%5D=mention>; rel=\"prev\"";
    QCOMPARE(r.header("Link"), expected);
}

void SandboxTest::contextAncestorsAndDescendants() {
    const QJsonObject status = firstMentionWithParent();
    QVERIFY(!status.isEmpty());
    const QString id = status.value(QStringLiteral("id")).toString();
    const QString parent = status.value(QStringLiteral("in_reply_to_id")).toString();

    const QJsonObject context = get(QStringLiteral("/api/v1/statuses/%1/context").arg(id)).object();
    const QJsonArray ancestors = context.value(QStringLiteral("ancestors")).toArray();
    QVERIFY(!ancestors.isEmpty());
    QCOMPARE(ancestors.last().toObject().value(QStringLiteral("id")).toString(), parent);
    QVERIFY(context.value(QStringLiteral("descendants")).isArray());

    const QJsonObject up = get(QStringLiteral("/api/v1/statuses/%1/context").arg(parent)).object();
    QVERIFY(ids(up.value(QStringLiteral("descendants")).toArray()).contains(id));

    QCOMPARE(get(QStringLiteral("/api/v1/statuses/%1").arg(id)).object().value(QStringLiteral("id")).toString(), id);
    const Reply missing = get(QStringLiteral("/api/v1/statuses/12345/context"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.body, QByteArray("{\"error\":\"Record not found\"}"));
}

void SandboxTest::ownStatusesIncludeAnswers() {
    const QString self = m_accounts.at(0).remoteId;
    const Reply r =
        get(QStringLiteral("/api/v1/accounts/%1/statuses").arg(self), QStringLiteral("limit=40&exclude_reblogs=true"));
    QCOMPARE(r.status, 200);
    int answers = 0;
    for (const QJsonValue& v : r.array()) {
        const QJsonObject s = v.toObject();
        QCOMPARE(s.value(QStringLiteral("account")).toObject().value(QStringLiteral("id")).toString(), self);
        QVERIFY(s.value(QStringLiteral("reblog")).isNull());
        const QJsonValue to = s.value(QStringLiteral("in_reply_to_account_id"));
        answers += to.isString() && to.toString() != self ? 1 : 0;
    }
    QVERIFY(answers > 10);
    QVERIFY(parseLinks(r.header("Link")).contains(QStringLiteral("next")));
}

void SandboxTest::conversationsAreDirect() {
    const Reply r = get(QStringLiteral("/api/v1/conversations"));
    QCOMPARE(r.array().size(), 20);
    for (const QJsonValue& v : r.array()) {
        const QJsonObject c = v.toObject();
        QCOMPARE(c.value(QStringLiteral("last_status")).toObject().value(QStringLiteral("visibility")).toString(),
                 QStringLiteral("direct"));
        QVERIFY(!c.value(QStringLiteral("accounts")).toArray().isEmpty());
    }
    QVERIFY(parseLinks(r.header("Link")).contains(QStringLiteral("next")));
}

void SandboxTest::postStatusIsIdempotentPerKey() {
    const QJsonObject parent = firstMentionWithParent();
    const QString parentId = parent.value(QStringLiteral("id")).toString();
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray form = "status=" + QUrl::toPercentEncoding(QStringLiteral("Merci, c'est corrigé & déployé ✨")) +
                            "&in_reply_to_id=" + parentId.toLatin1() + "&visibility=public";
    const QList<std::pair<QByteArray, QByteArray>> headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                                                              {"Idempotency-Key", key.toLatin1()}};
    const QUrl url = api(QStringLiteral("/api/v1/statuses"));
    const int before = m_server->statusesCreated();

    const Reply first = send(m_nam, "POST", url, m_accounts.at(0).token, form, headers);
    QCOMPARE(first.status, 200);
    const Reply second = send(m_nam, "POST", url, m_accounts.at(0).token, form, headers);
    QCOMPARE(second.status, 200);
    const QString id = first.object().value(QStringLiteral("id")).toString();
    QVERIFY(isSnowflake(id));
    QCOMPARE(second.object().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(m_server->statusesCreatedWithKey(key), 1);
    QCOMPARE(m_server->statusesCreated(), before + 1);
    QVERIFY(first.object()
                .value(QStringLiteral("content"))
                .toString()
                .contains(QStringLiteral("c&#39;est corrigé &amp; déployé")));
    QCOMPARE(first.object().value(QStringLiteral("in_reply_to_id")).toString(), parentId);

    const QJsonObject context = get(QStringLiteral("/api/v1/statuses/%1/context").arg(parentId)).object();
    QVERIFY(ids(context.value(QStringLiteral("descendants")).toArray()).contains(id));
    const QString self = m_accounts.at(0).remoteId;
    QCOMPARE(ids(get(QStringLiteral("/api/v1/accounts/%1/statuses").arg(self), QStringLiteral("limit=1")).array()),
             QStringList{id});

    // JSON bodies work too, and the same key on another account is another status.
    QJsonObject json;
    json.insert(QStringLiteral("status"), QStringLiteral("JSON reply"));
    json.insert(QStringLiteral("in_reply_to_id"), parentId);
    const Reply other = send(m_nam, "POST", url, m_accounts.at(1).token, QJsonDocument(json).toJson(),
                             {{"Content-Type", "application/json"}, {"Idempotency-Key", key.toLatin1()}});
    QCOMPARE(other.status, 200);
    QVERIFY(other.object().value(QStringLiteral("id")).toString() != id);
    QCOMPARE(m_server->statusesCreatedWithKey(key), 2);
}

void SandboxTest::postStatusValidation() {
    const QUrl url = api(QStringLiteral("/api/v1/statuses"));
    const QList<std::pair<QByteArray, QByteArray>> form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    const Reply blank = send(m_nam, "POST", url, m_accounts.at(0).token, "status=%20%20", form);
    QCOMPARE(blank.status, 422);
    QCOMPARE(blank.body, QByteArray("{\"error\":\"Validation failed: Text can't be blank\"}"));
    const Reply missing = send(m_nam, "POST", url, m_accounts.at(0).token, "visibility=public", form);
    QCOMPARE(missing.status, 422);
    const Reply orphan = send(m_nam, "POST", url, m_accounts.at(0).token, "status=hi&in_reply_to_id=999", form);
    QCOMPARE(orphan.status, 404);
    const Reply badJson =
        send(m_nam, "POST", url, m_accounts.at(0).token, "{not json", {{"Content-Type", "application/json"}});
    QCOMPARE(badJson.status, 400);
}

void SandboxTest::dismissRemovesNotification() {
    const QStringList page = ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("limit=5")).array());
    const QString victim = page.at(2);
    QCOMPARE(get(QStringLiteral("/api/v1/notifications/%1").arg(victim)).status, 200);
    const Reply dismissed = send(m_nam, "POST", api(QStringLiteral("/api/v1/notifications/%1/dismiss").arg(victim)),
                                 m_accounts.at(0).token);
    QCOMPARE(dismissed.status, 200);
    QCOMPARE(dismissed.body, QByteArray("{}"));
    QCOMPARE(get(QStringLiteral("/api/v1/notifications/%1").arg(victim)).status, 404);
    const QStringList after = ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("limit=5")).array());
    QVERIFY(!after.contains(victim));
    QCOMPARE(after.mid(0, 2), page.mid(0, 2));
    QCOMPARE(after.at(2), page.at(3));
}

void SandboxTest::moderationAndReports() {
    const QJsonObject status = firstMentionWithParent();
    const QString author = status.value(QStringLiteral("account")).toObject().value(QStringLiteral("id")).toString();
    const QString statusId = status.value(QStringLiteral("id")).toString();
    const QString token = m_accounts.at(1).token; // account 1, so the other tests' listings stay untouched

    const Reply mute = send(m_nam, "POST", api(QStringLiteral("/api/v1/accounts/%1/mute").arg(author)), token);
    QCOMPARE(mute.status, 200);
    QCOMPARE(mute.object().value(QStringLiteral("muting")).toBool(), true);
    QCOMPARE(mute.object().value(QStringLiteral("id")).toString(), author);
    const Reply block = send(m_nam, "POST", api(QStringLiteral("/api/v1/accounts/%1/block").arg(author)), token);
    QCOMPARE(block.object().value(QStringLiteral("blocking")).toBool(), true);
    const Reply thread = send(m_nam, "POST", api(QStringLiteral("/api/v1/statuses/%1/mute").arg(statusId)), token);
    QCOMPARE(thread.status, 200);
    QCOMPARE(thread.object().value(QStringLiteral("muted")).toBool(), true);

    const QByteArray form = "account_id=" + author.toLatin1() + "&status_ids%5B%5D=" + statusId.toLatin1() +
                            "&comment=spam+%26+abuse&category=spam";
    const Reply report = send(m_nam, "POST", api(QStringLiteral("/api/v1/reports")), token, form,
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(report.status, 200);
    const QJsonObject r = report.object();
    QCOMPARE(r.value(QStringLiteral("category")).toString(), QStringLiteral("spam"));
    QCOMPARE(r.value(QStringLiteral("comment")).toString(), QStringLiteral("spam & abuse"));
    QCOMPARE(r.value(QStringLiteral("status_ids")).toArray().at(0).toString(), statusId);
    QCOMPARE(r.value(QStringLiteral("target_account")).toObject().value(QStringLiteral("id")).toString(), author);
    const Reply tooLong = send(m_nam, "POST", api(QStringLiteral("/api/v1/reports")), token,
                               "account_id=" + author.toLatin1() + "&comment=" + QByteArray(1001, 'x'),
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(tooLong.status, 422);
    const Reply noTarget = send(m_nam, "POST", api(QStringLiteral("/api/v1/reports")), token, "comment=x",
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(noTarget.status, 404);

    // Only one's own statuses can be deleted.
    const Reply notMine = send(m_nam, "DELETE", api(QStringLiteral("/api/v1/statuses/%1").arg(statusId)), token);
    QCOMPARE(notMine.status, 404);
    const QByteArray multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\noops\r\n--XyZ--\r\n";
    const Reply mine = send(m_nam, "POST", api(QStringLiteral("/api/v1/statuses")), token, multipart,
                            {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
    QCOMPARE(mine.status, 200);
    const QString mineId = mine.object().value(QStringLiteral("id")).toString();
    const Reply deleted = send(m_nam, "DELETE", api(QStringLiteral("/api/v1/statuses/%1").arg(mineId)), token);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.object().value(QStringLiteral("text")).toString(), QStringLiteral("oops"));
    QCOMPARE(send(m_nam, "GET", api(QStringLiteral("/api/v1/statuses/%1").arg(mineId)), token).status, 404);
}

void SandboxTest::rateLimitHeadersAndTooManyRequests() {
    static const QRegularExpression iso6(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$"));
    const Reply normal = get(QStringLiteral("/api/v1/accounts/verify_credentials"));
    QCOMPARE(normal.header("X-RateLimit-Limit"), QByteArray("100000"));
    QVERIFY(iso6.match(QString::fromLatin1(normal.header("X-RateLimit-Reset"))).hasMatch());

    SandboxOptions options = smallOptions();
    options.rateLimit = 3;
    SandboxServer limited(options);
    QVERIFY(limited.start());
    const SandboxAccount account = limited.accounts().constFirst();
    const QUrl url(account.baseUrl + QStringLiteral("/api/v1/notifications"));
    for (int remaining = 2; remaining >= 0; --remaining) {
        const Reply r = send(m_nam, "GET", url, account.token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray::number(remaining));
    }
    const Reply over = send(m_nam, "GET", url, account.token);
    QCOMPARE(over.status, 429);
    QCOMPARE(over.body, QByteArray("{\"error\":\"Too many requests\"}"));
    QVERIFY(over.header("Content-Type").startsWith("application/json"));
    QCOMPARE(over.header("X-RateLimit-Remaining"), QByteArray("0"));
    QCOMPARE(over.header("X-RateLimit-Limit"), QByteArray("3"));
    QVERIFY(iso6.match(QString::fromLatin1(over.header("X-RateLimit-Reset"))).hasMatch());
    QVERIFY(!over.hasHeader("Retry-After"));
    const QDateTime reset =
        QDateTime::fromString(QString::fromLatin1(over.header("X-RateLimit-Reset")), Qt::ISODateWithMs);
    QVERIFY(reset > QDateTime::currentDateTimeUtc().addSecs(200));
}

void SandboxTest::faultReset() {
    const QString prefix = QStringLiteral("/mastodon/api/v1/accounts/verify_credentials");
    // Raw socket: no response bytes at all, the connection is reset.
    m_server->faults().failNext(FaultKind::Reset, 1, prefix);
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
    const QByteArray raw =
        rawExchange(m_server->port(),
                    "GET " + prefix.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                        m_accounts.at(0).token.toLatin1() + "\r\n\r\n",
                    &error);
    QVERIFY(raw.isEmpty());
    QCOMPARE(error, QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(m_server->journal().constLast().fault, QStringLiteral("reset"));
    QCOMPARE(m_server->journal().constLast().status, 0);

    // QNetworkAccessManager quietly resends a request that got no response bytes, so arm more than it retries.
    m_server->faults().failNext(FaultKind::Reset, 5, prefix);
    const Reply r = get(QStringLiteral("/api/v1/accounts/verify_credentials"));
    QVERIFY(r.finished);
    QVERIFY(r.error != QNetworkReply::NoError);
    QCOMPARE(r.status, 0);
    QCOMPARE(get(QStringLiteral("/api/v1/notifications/1")).status, 404); // other paths unaffected
}

void SandboxTest::faultResetAfterHandling() {
    // The status is created, then the client loses the answer; the retry with the same key gets the original.
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_server->faults().failNext(FaultKind::ResetAfterHandling, 1, QStringLiteral("/mastodon/api/v1/statuses"));
    const QList<std::pair<QByteArray, QByteArray>> headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                                                              {"Idempotency-Key", key.toLatin1()}};
    send(m_nam, "POST", api(QStringLiteral("/api/v1/statuses")), m_accounts.at(1).token, "status=once", headers);
    QCOMPARE(m_server->statusesCreatedWithKey(key), 1);
    const Reply retry =
        send(m_nam, "POST", api(QStringLiteral("/api/v1/statuses")), m_accounts.at(1).token, "status=once", headers);
    QCOMPARE(retry.status, 200);
    QCOMPARE(m_server->statusesCreatedWithKey(key), 1);
}

void SandboxTest::faultTruncatedBody() {
    const QString prefix = QStringLiteral("/mastodon/api/v1/notifications");
    m_server->faults().failNext(FaultKind::Truncate, 1, prefix);
    const QByteArray raw = rawExchange(m_server->port(), "GET " + prefix.toLatin1() +
                                                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                                             m_accounts.at(0).token.toLatin1() + "\r\n\r\n");
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    QVERIFY(raw.startsWith("HTTP/1.1 200 OK\r\n"));
    static const QRegularExpression length(QStringLiteral("Content-Length: (\\d+)"));
    const QRegularExpressionMatch m = length.match(QString::fromLatin1(raw.left(headEnd)));
    QVERIFY(m.hasMatch());
    const qsizetype announced = m.captured(1).toLongLong();
    const qsizetype received = raw.size() - headEnd - 4;
    QVERIFY(announced > 1000);
    QVERIFY2(received < announced, qPrintable(QStringLiteral("%1 of %2").arg(received).arg(announced)));

    m_server->faults().failNext(FaultKind::Truncate, 1, prefix);
    const Reply r = get(QStringLiteral("/api/v1/notifications"));
    QVERIFY(r.finished);
    QVERIFY(r.error != QNetworkReply::NoError);
}

void SandboxTest::faultBadJson() {
    m_server->faults().failNext(FaultKind::BadJson, 1, QStringLiteral("/mastodon/api/v1/notifications"));
    const Reply r = get(QStringLiteral("/api/v1/notifications"));
    QCOMPARE(r.status, 200);
    QJsonParseError error{};
    QJsonDocument::fromJson(r.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(get(QStringLiteral("/api/v1/notifications")).array().size(), 40);
}

void SandboxTest::faultServerErrors() {
    m_server->faults().failNext(FaultKind::ServerError, 1);
    const Reply unavailable = get(QStringLiteral("/api/v1/notifications"));
    QCOMPARE(unavailable.status, 503);
    QVERIFY(unavailable.object().value(QStringLiteral("error")).isString());
    QVERIFY(unavailable.header("Content-Type").startsWith("application/json"));
    m_server->faults().failNext(FaultKind::BadGateway, 1);
    const Reply gateway = get(QStringLiteral("/api/v1/notifications"));
    QCOMPARE(gateway.status, 502);
    QVERIFY(gateway.header("Content-Type").startsWith("text/html"));
    QCOMPARE(m_server->faults().pendingFaults(), 0);
    QCOMPARE(get(QStringLiteral("/api/v1/notifications")).status, 200);
}

void SandboxTest::faultLatency() {
    m_server->faults().setLatencyMs(400);
    QElapsedTimer timer;
    timer.start();
    const Reply r = get(QStringLiteral("/api/v1/accounts/verify_credentials"));
    QCOMPARE(r.status, 200);
    QVERIFY(timer.elapsed() >= 390);
    QCOMPARE(m_server->journal().constLast().latencyMs, 400);
}

void SandboxTest::faultRateLimitWindow() {
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + 120000;
    m_server->faults().rateLimitUntil(until, QStringLiteral("/mastodon/api/v1/notifications"));
    const Reply limited = get(QStringLiteral("/api/v1/notifications"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.body, QByteArray("{\"error\":\"Too many requests\"}"));
    QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArray("0"));
    const QString expectedReset =
        QDateTime::fromMSecsSinceEpoch(until, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'000Z'"));
    QCOMPARE(QString::fromLatin1(limited.header("X-RateLimit-Reset")), expectedReset);
    QVERIFY(!limited.hasHeader("Retry-After"));
    QCOMPARE(m_server->journal().constLast().fault, QStringLiteral("rate-limit"));
    QCOMPARE(get(QStringLiteral("/api/v1/accounts/verify_credentials")).status, 200);
    m_server->faults().clear();
    QCOMPARE(get(QStringLiteral("/api/v1/notifications")).status, 200);
}

void SandboxTest::journalRecordsDecodedRequests() {
    m_server->clearJournal();
    const QUrl url =
        QUrl::fromEncoded(m_accounts.at(0).baseUrl.toLatin1() +
                          "/api/v1/notifications?types%5B%5D=mention&types[]=reblog&q=caf%C3%A9+au+lait&limit=2");
    QCOMPARE(send(m_nam, "GET", url, m_accounts.at(0).token).status, 200);
    const QList<JournalEntry> journal = m_server->journal();
    QCOMPARE(journal.size(), 1);
    const JournalEntry& e = journal.constFirst();
    QCOMPARE(e.method, QStringLiteral("GET"));
    QCOMPARE(e.path, QStringLiteral("/mastodon/api/v1/notifications"));
    QCOMPARE(e.queryValues(QStringLiteral("types[]")),
             (QStringList{QStringLiteral("mention"), QStringLiteral("reblog")}));
    QCOMPARE(e.queryValue(QStringLiteral("q")), QStringLiteral("café au lait"));
    QCOMPARE(e.header(QStringLiteral("authorization")), QStringLiteral("Bearer ") + m_accounts.at(0).token);
    QCOMPARE(e.status, 200);
    QCOMPARE(e.routeSet, QStringLiteral("mastodon"));
    QCOMPARE(e.account, m_accounts.at(0).name);
    QVERIFY(e.receivedAtMs > 0);
    QVERIFY(e.sequence > 0);
}

void SandboxTest::malformedRequestsAndKeepAlive() {
    const quint16 port = m_server->port();
    QVERIFY(rawExchange(port, "GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(rawExchange(port, "GET /mastodon/api/v1/notifications HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(rawExchange(port, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(rawExchange(port, "GET / HTTP/1.1\r\nHost: x\r\n folded: header\r\n\r\n").startsWith("HTTP/1.1 400 "));

    // Two pipelined requests on one connection, answered in order; a chunked body is understood.
    m_server->clearJournal();
    const QByteArray chunked =
        "POST /mastodon/api/v1/statuses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
        m_accounts.at(1).token.toLatin1() +
        "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        "7\r\nstatus=\r\n5\r\nhello\r\n0\r\n\r\n";
    const QByteArray raw =
        rawExchange(port, "GET /mastodon/api/v1/unknown HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + chunked +
                              "GET /mastodon/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QCOMPARE(raw.count("HTTP/1.1 "), 3);
    QVERIFY(raw.startsWith("HTTP/1.1 404 "));
    QVERIFY(raw.contains("HTTP/1.1 200 OK"));
    const QList<JournalEntry> journal = m_server->journal();
    QCOMPARE(journal.size(), 3);
    QCOMPARE(journal.at(0).connectionId, journal.at(2).connectionId);
    QCOMPARE(journal.at(1).body, QByteArray("status=hello"));

    // Expect: 100-continue gets its interim answer before the body is sent.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(kTimeoutMs));
    socket.write("POST /mastodon/api/v1/statuses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                 m_accounts.at(1).token.toLatin1() +
                 "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n"
                 "Expect: 100-continue\r\n\r\n");
    QByteArray interim;
    while (!interim.contains("\r\n\r\n") && socket.waitForReadyRead(kTimeoutMs)) {
        interim += socket.readAll();
    }
    QCOMPARE(interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write("status=cont");
    QByteArray final;
    while (!final.contains("\r\n\r\n") && socket.waitForReadyRead(kTimeoutMs)) {
        final += socket.readAll();
    }
    QVERIFY(final.startsWith("HTTP/1.1 200 OK\r\n"));
}

void SandboxTest::sameSeedSameData() {
    SandboxServer a(smallOptions(11));
    SandboxServer b(smallOptions(11));
    SandboxServer c(smallOptions(12));
    QVERIFY(a.start() && b.start() && c.start());
    QCOMPARE(a.accounts().constFirst().token, b.accounts().constFirst().token);
    const auto firstPage = [this](const SandboxServer& server) {
        const SandboxAccount account = server.accounts().constFirst();
        return send(m_nam, "GET", QUrl(account.baseUrl + QStringLiteral("/api/v1/notifications")), account.token).body;
    };
    const QByteArray pageA = firstPage(a);
    QVERIFY(!pageA.isEmpty());
    QCOMPARE(pageA, firstPage(b));
    QVERIFY(pageA != firstPage(c));
}

void SandboxTest::hooksAddAndEdit() {
    const QString newest =
        ids(get(QStringLiteral("/api/v1/notifications"), QStringLiteral("limit=1")).array()).constFirst();
    const SandboxMention mention = m_server->addMention(0, QStringLiteral("hello from the test & co"));
    QVERIFY(isSnowflake(mention.notificationId));
    const QJsonArray fresh =
        get(QStringLiteral("/api/v1/notifications"), QStringLiteral("min_id=%1").arg(newest)).array();
    QCOMPARE(ids(fresh), QStringList{mention.notificationId});
    const QJsonObject status = fresh.at(0).toObject().value(QStringLiteral("status")).toObject();
    QCOMPARE(status.value(QStringLiteral("id")).toString(), mention.statusId);
    QVERIFY(
        status.value(QStringLiteral("content")).toString().contains(QStringLiteral("hello from the test &amp; co")));

    QVERIFY(m_server->editStatus(mention.statusId, QStringLiteral("@baton edited text")));
    const QJsonArray update =
        get(QStringLiteral("/api/v1/notifications"), QStringLiteral("min_id=%1").arg(mention.notificationId)).array();
    QCOMPARE(update.size(), 1);
    QCOMPARE(update.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("update"));
    const QJsonObject edited = get(QStringLiteral("/api/v1/statuses/%1").arg(mention.statusId)).object();
    QVERIFY(edited.value(QStringLiteral("edited_at")).isString());
    QVERIFY(edited.value(QStringLiteral("content")).toString().contains(QStringLiteral("edited text")));
}

void SandboxTest::liveTimerAddsMentions() {
    SandboxOptions options = smallOptions();
    options.liveIntervalMs = 30;
    SandboxServer live(options);
    QVERIFY(live.start());
    const SandboxAccount account = live.accounts().constFirst();
    const QUrl url(account.baseUrl + QStringLiteral("/api/v1/notifications?types[]=mention&limit=1"));
    const QString newest = ids(send(m_nam, "GET", url, account.token).array()).constFirst();
    const int before = live.mentionCount(0);
    QTRY_VERIFY_WITH_TIMEOUT(live.mentionCount(0) > before, kTimeoutMs);
    const QUrl since(account.baseUrl + QStringLiteral("/api/v1/notifications?types[]=mention&min_id=") + newest);
    const QJsonArray fresh = send(m_nam, "GET", since, account.token).array();
    QVERIFY(!fresh.isEmpty());
    for (const QJsonValue& v : fresh) {
        QVERIFY(newerThan(v.toObject().value(QStringLiteral("id")).toString(), newest));
    }
}

QTEST_GUILESS_MAIN(SandboxTest)
#include "SandboxTest.moc"
