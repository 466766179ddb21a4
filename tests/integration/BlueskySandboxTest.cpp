// The sandbox's Bluesky route set as a client sees it: XRPC sessions and token errors, notifications with opaque
// cursors, threads with union $types, records, mutes, blocks, reports and rate limits, through
// QNetworkAccessManager over real HTTP.
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/SandboxServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <memory>

using namespace baton::sandbox;

namespace {

constexpr int kTimeoutMs = 30000;
constexpr qint64 kFixedNow = 1717243200000; // 2024-06-01T12:00:00.000Z

struct Reply {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QString error() const { return object().value(QStringLiteral("error")).toString(); }
    QString message() const { return object().value(QStringLiteral("message")).toString(); }
};

SandboxOptions smallOptions() {
    SandboxOptions options;
    options.seed = 11;
    options.nowMs = kFixedNow;
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 60;
    options.people = 40;
    options.historyDays = 14;
    options.youtubeCommentsPerChannel = 40;
    options.googleReviewsPerLocation = 5;
    options.discourseTopics = 10;
    options.blueskyNotificationsPerAccount = 300;
    return options;
}

class Client {
public:
    explicit Client(const SandboxServer& server)
        : m_base(server.baseUrl() + QStringLiteral("/bluesky/xrpc/")) {}

    Reply send(const QByteArray& verb, const QString& nsid, const QString& token = {}, const QJsonObject& body = {},
               const QUrlQuery& query = {}) {
        QUrl url(m_base + nsid);
        url.setQuery(query);
        QNetworkRequest request(url);
        if (!token.isEmpty()) {
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        }
        QByteArray payload;
        if (!body.isEmpty()) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(request, verb, payload));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished()) {
            finished.wait(kTimeoutMs);
        }
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        return out;
    }
    Reply get(const QString& nsid, const QString& token, const QUrlQuery& query = {}) {
        return send("GET", nsid, token, {}, query);
    }
    Reply post(const QString& nsid, const QString& token, const QJsonObject& body = {}) {
        return send("POST", nsid, token, body);
    }

private:
    QString m_base;
    QNetworkAccessManager m_nam;
};

SandboxAccount blueskyAccount(const SandboxServer& server) {
    for (const SandboxAccount& a : server.accounts()) {
        if (a.network == QLatin1String("bluesky")) {
            return a;
        }
    }
    return {};
}

QJsonObject secretOf(const SandboxAccount& account) {
    return QJsonDocument::fromJson(account.token.toUtf8()).object();
}

QJsonObject login(Client& client, const SandboxAccount& account) {
    return client.post(QStringLiteral("com.atproto.server.createSession"), {}, secretOf(account)).object();
}

QString access(const QJsonObject& session) {
    return session.value(QStringLiteral("accessJwt")).toString();
}

QJsonArray notifications(Client& client, const QString& token, const QUrlQuery& query = {}) {
    return client.get(QStringLiteral("app.bsky.notification.listNotifications"), token, query)
        .object()
        .value(QStringLiteral("notifications"))
        .toArray();
}

QJsonObject firstWithReason(const QJsonArray& items, const QString& reason) {
    for (const QJsonValue& v : items) {
        if (v.toObject().value(QStringLiteral("reason")).toString() == reason) {
            return v.toObject();
        }
    }
    return {};
}

QJsonObject strongRef(const QJsonObject& item) {
    return QJsonObject{{QStringLiteral("uri"), item.value(QStringLiteral("uri"))},
                       {QStringLiteral("cid"), item.value(QStringLiteral("cid"))}};
}

QJsonObject postRecord(const QString& text) {
    return QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.post")},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("createdAt"), QStringLiteral("2024-06-01T12:00:00.000Z")},
                       {QStringLiteral("langs"), QJsonArray{QStringLiteral("en")}}};
}

} // namespace

class BlueskySandboxTest : public QObject {
    Q_OBJECT

private slots:
    void init() {
        m_server = std::make_unique<SandboxServer>(smallOptions());
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_account = blueskyAccount(*m_server);
        QVERIFY(!m_account.remoteId.isEmpty());
        m_client = std::make_unique<Client>(*m_server);
    }
    void cleanup() {
        m_client.reset();
        m_server.reset();
    }

    void demoAccountCarriesTheAppPasswordSecret() {
        QCOMPARE(m_account.baseUrl, m_server->baseUrl() + QStringLiteral("/bluesky"));
        QVERIFY(m_account.remoteId.startsWith(QLatin1String("did:plc:")));
        QCOMPARE(m_account.acct, QStringLiteral("baton.bsky.sandbox"));
        const QJsonObject secret = secretOf(m_account);
        QCOMPARE(secret.value(QStringLiteral("identifier")).toString(), m_account.acct);
        QVERIFY(QRegularExpression(QStringLiteral("^[a-z2-7]{4}(-[a-z2-7]{4}){3}$"))
                    .match(secret.value(QStringLiteral("password")).toString())
                    .hasMatch());
    }

    void createSessionWithHandleOrDidAndWrongPassword() {
        const Reply ok = m_client->post(QStringLiteral("com.atproto.server.createSession"), {}, secretOf(m_account));
        QCOMPARE(ok.status, 200);
        const QJsonObject s = ok.object();
        QCOMPARE(s.value(QStringLiteral("did")).toString(), m_account.remoteId);
        QCOMPARE(s.value(QStringLiteral("handle")).toString(), m_account.acct);
        QCOMPARE(s.value(QStringLiteral("active")).toBool(), true);
        QCOMPARE(access(s).split(u'.').size(), 3);
        QCOMPARE(s.value(QStringLiteral("refreshJwt")).toString().split(u'.').size(), 3);
        QVERIFY(access(s) != s.value(QStringLiteral("refreshJwt")).toString());
        QCOMPARE(s.value(QStringLiteral("didDoc"))[QStringLiteral("service")][0][QStringLiteral("serviceEndpoint")]
                     .toString(),
                 m_account.baseUrl);
        QCOMPARE(ok.header("RateLimit-Policy"), QByteArray("30;w=300"));

        QJsonObject byDid = secretOf(m_account);
        byDid.insert(QStringLiteral("identifier"), m_account.remoteId);
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.server.createSession"), {}, byDid).status, 200);

        QJsonObject wrong = secretOf(m_account);
        wrong.insert(QStringLiteral("password"), QStringLiteral("aaaa-bbbb-cccc-dddd"));
        const Reply bad = m_client->post(QStringLiteral("com.atproto.server.createSession"), {}, wrong);
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.error(), QStringLiteral("AuthenticationRequired"));
        QCOMPARE(bad.message(), QStringLiteral("Invalid identifier or password"));
        QCOMPARE(m_server->blueskySessionsCreated(0), 2);
    }

    void createSessionLimitedTo30PerAccount() {
        for (int i = 0; i < 30; ++i) {
            const Reply r = m_client->post(QStringLiteral("com.atproto.server.createSession"), {}, secretOf(m_account));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("RateLimit-Remaining").toInt(), 29 - i);
        }
        const Reply limited =
            m_client->post(QStringLiteral("com.atproto.server.createSession"), {}, secretOf(m_account));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.error(), QStringLiteral("RateLimitExceeded"));
        QCOMPARE(limited.header("RateLimit-Limit"), QByteArray("30"));
        QCOMPARE(limited.header("RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(limited.header("RateLimit-Policy"), QByteArray("30;w=300"));
        QVERIFY(limited.header("Retry-After").toInt() > 0);
        const qint64 reset = limited.header("RateLimit-Reset").toLongLong();
        const qint64 nowSeconds = QDateTime::currentSecsSinceEpoch();
        QVERIFY2(reset > nowSeconds && reset <= nowSeconds + 301, limited.header("RateLimit-Reset").constData());
        QCOMPARE(m_server->blueskySessionsCreated(0), 30);
    }

    void tokenErrorsAndRefreshRotation() {
        const QString getSession = QStringLiteral("com.atproto.server.getSession");
        const Reply missing = m_client->get(getSession, {});
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.error(), QStringLiteral("AuthMissing"));
        const Reply unknown = m_client->get(getSession, QStringLiteral("aaa.bbb.ccc"));
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.error(), QStringLiteral("InvalidToken"));

        const QJsonObject s = login(*m_client, m_account);
        const QString refresh = s.value(QStringLiteral("refreshJwt")).toString();
        const Reply session = m_client->get(getSession, access(s));
        QCOMPARE(session.status, 200);
        QCOMPARE(session.object().value(QStringLiteral("did")).toString(), m_account.remoteId);
        QCOMPARE(m_client->get(getSession, refresh).error(), QStringLiteral("InvalidToken"));
        QCOMPARE(m_client->get(getSession, refresh).status, 400);
        const Reply accessOnRefresh = m_client->post(QStringLiteral("com.atproto.server.refreshSession"), access(s));
        QCOMPARE(accessOnRefresh.status, 400);
        QCOMPARE(accessOnRefresh.error(), QStringLiteral("InvalidToken"));

        m_server->blueskyExpireAccessTokens();
        const Reply expired = m_client->get(getSession, access(s));
        QCOMPARE(expired.status, 400);
        QCOMPARE(expired.error(), QStringLiteral("ExpiredToken"));
        QCOMPARE(expired.message(), QStringLiteral("Token has expired"));

        const Reply rotated = m_client->post(QStringLiteral("com.atproto.server.refreshSession"), refresh);
        QCOMPARE(rotated.status, 200);
        const QString newRefresh = rotated.object().value(QStringLiteral("refreshJwt")).toString();
        QVERIFY(!newRefresh.isEmpty() && newRefresh != refresh);
        QCOMPARE(rotated.object().value(QStringLiteral("active")).toBool(), true);
        QCOMPARE(m_client->get(getSession, access(rotated.object())).status, 200);
        const Reply reused = m_client->post(QStringLiteral("com.atproto.server.refreshSession"), refresh);
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.error(), QStringLiteral("ExpiredToken"));
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.server.refreshSession"), newRefresh).status, 200);
        QCOMPARE(m_server->blueskyRefreshes(0), 2);
        QCOMPARE(m_server->blueskySessionsCreated(0), 1);

        // A short lifetime makes new access tokens expire on the sandbox clock by themselves.
        m_server->blueskySetAccessTokenLifetime(50);
        const QString shortLived = access(login(*m_client, m_account));
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(getSession, shortLived).error(), QStringLiteral("ExpiredToken"),
                                  kTimeoutMs);
    }

    void notificationsPageNewestFirstWithoutDuplicates() {
        const QString token = access(login(*m_client, m_account));
        QSet<QString> seen;
        QString cursor;
        QString previous;
        int pages = 0;
        QSet<QString> reasons;
        bool offset = false;
        bool micros = false;
        bool rtl = false;
        do {
            QUrlQuery query{{QStringLiteral("limit"), QStringLiteral("37")}};
            if (!cursor.isEmpty()) {
                query.addQueryItem(QStringLiteral("cursor"), cursor);
            }
            const Reply page = m_client->get(QStringLiteral("app.bsky.notification.listNotifications"), token, query);
            QCOMPARE(page.status, 200);
            const QJsonArray items = page.object().value(QStringLiteral("notifications")).toArray();
            QVERIFY(items.size() <= 37);
            for (const QJsonValue& v : items) {
                const QJsonObject n = v.toObject();
                const QString key =
                    n.value(QStringLiteral("uri")).toString() + u'|' + n.value(QStringLiteral("reason")).toString();
                QVERIFY2(!seen.contains(key), qPrintable(key));
                seen.insert(key);
                const QString indexedAt = n.value(QStringLiteral("indexedAt")).toString();
                QVERIFY2(previous.isEmpty() || indexedAt <= previous, qPrintable(indexedAt + u' ' + previous));
                previous = indexedAt;
                reasons.insert(n.value(QStringLiteral("reason")).toString());
                QVERIFY(n.value(QStringLiteral("author"))[QStringLiteral("did")].toString().startsWith(
                    QLatin1String("did:plc:")));
                QVERIFY(n.value(QStringLiteral("isRead")).isBool());
                QVERIFY(n.value(QStringLiteral("labels")).isArray());
                const QString createdAt = n.value(QStringLiteral("record"))[QStringLiteral("createdAt")].toString();
                offset = offset || createdAt.endsWith(QLatin1String("+02:00"));
                micros = micros || QRegularExpression(QStringLiteral("\\.\\d{6}Z$")).match(createdAt).hasMatch();
                const QString text = n.value(QStringLiteral("record"))[QStringLiteral("text")].toString();
                rtl = rtl || text.isRightToLeft();
            }
            cursor = page.object().value(QStringLiteral("cursor")).toString();
            ++pages;
        } while (!cursor.isEmpty() && pages < 100);
        QVERIFY(pages > 3);
        QCOMPARE(seen.size(), m_server->blueskyNotificationCount(0));
        for (const char* r : {"mention", "reply", "quote", "like", "repost", "follow"}) {
            QVERIFY2(reasons.contains(QString::fromLatin1(r)), r);
        }
        QVERIFY(offset);
        QVERIFY(micros);
        QVERIFY(rtl);

        const Reply tooMany = m_client->get(QStringLiteral("app.bsky.notification.listNotifications"), token,
                                            QUrlQuery{{QStringLiteral("limit"), QStringLiteral("101")}});
        QCOMPARE(tooMany.status, 400);
        QCOMPARE(tooMany.error(), QStringLiteral("InvalidRequest"));
        QCOMPARE(notifications(*m_client, token).size(), 50);
        const Reply badCursor = m_client->get(QStringLiteral("app.bsky.notification.listNotifications"), token,
                                              QUrlQuery{{QStringLiteral("cursor"), QStringLiteral("%%%")}});
        QCOMPARE(badCursor.error(), QStringLiteral("InvalidRequest"));
    }

    void reasonsFilterAndMentionFacets() {
        const QString token = access(login(*m_client, m_account));
        QUrlQuery query{{QStringLiteral("limit"), QStringLiteral("100")}};
        query.addQueryItem(QStringLiteral("reasons"), QStringLiteral("mention"));
        query.addQueryItem(QStringLiteral("reasons"), QStringLiteral("reply"));
        const QJsonArray items = notifications(*m_client, token, query);
        QVERIFY(items.size() > 10);
        int checkedFacets = 0;
        for (const QJsonValue& v : items) {
            const QJsonObject n = v.toObject();
            const QString reason = n.value(QStringLiteral("reason")).toString();
            QVERIFY2(reason == QLatin1String("mention") || reason == QLatin1String("reply"), qPrintable(reason));
            if (reason == QLatin1String("reply")) {
                QVERIFY(n.value(QStringLiteral(
                    "record"))[QStringLiteral("reply")][QStringLiteral("parent")][QStringLiteral("cid")]
                            .isString());
                QVERIFY(n.value(QStringLiteral("reasonSubject")).toString().startsWith(QLatin1String("at://")));
            }
            const QJsonObject record = n.value(QStringLiteral("record")).toObject();
            const QByteArray utf8 = record.value(QStringLiteral("text")).toString().toUtf8();
            for (const QJsonValue& f : record.value(QStringLiteral("facets")).toArray()) {
                const QJsonObject feature = f[QStringLiteral("features")][0].toObject();
                if (feature.value(QStringLiteral("did")).toString() != m_account.remoteId) {
                    continue;
                }
                const int start = f[QStringLiteral("index")][QStringLiteral("byteStart")].toInt();
                const int end = f[QStringLiteral("index")][QStringLiteral("byteEnd")].toInt();
                QCOMPARE(QString::fromUtf8(utf8.mid(start, end - start)), u'@' + m_account.acct);
                ++checkedFacets;
            }
        }
        QVERIFY(checkedFacets > 0);
    }

    void unreadCountAndUpdateSeen() {
        const QString token = access(login(*m_client, m_account));
        QVERIFY(m_client->get(QStringLiteral("app.bsky.notification.getUnreadCount"), token)
                    .object()
                    .value(QStringLiteral("count"))
                    .toInt() > 0);
        const QString now = SandboxClock::rfc3339Millis(m_server->nowMs());
        const Reply seen = m_client->post(QStringLiteral("app.bsky.notification.updateSeen"), token,
                                          QJsonObject{{QStringLiteral("seenAt"), now}});
        QCOMPARE(seen.status, 200);
        QCOMPARE(m_client->get(QStringLiteral("app.bsky.notification.getUnreadCount"), token)
                     .object()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 0);
        QTest::qWait(5); // the mention must be indexed after seenAt on the sandbox clock
        const QString uri = m_server->blueskyAddMention(0, QStringLiteral("Any news on the release? 🙏"));
        QVERIFY(uri.startsWith(QStringLiteral("at://")));
        QCOMPARE(m_client->get(QStringLiteral("app.bsky.notification.getUnreadCount"), token)
                     .object()
                     .value(QStringLiteral("count"))
                     .toInt(),
                 1);
        const QJsonObject newest = notifications(*m_client, token).first().toObject();
        QCOMPARE(newest.value(QStringLiteral("uri")).toString(), uri);
        QCOMPARE(newest.value(QStringLiteral("reason")).toString(), QStringLiteral("mention"));
        QCOMPARE(newest.value(QStringLiteral("isRead")).toBool(), false);
        QVERIFY(
            newest.value(QStringLiteral("record"))[QStringLiteral("text")].toString().contains(u'@' + m_account.acct));
    }

    void threadShowsNotFoundParentAfterDelete() {
        const QString token = access(login(*m_client, m_account));
        const QString mention = m_server->blueskyAddMention(0, QStringLiteral("Sync is stuck again"));
        const QString reply = m_server->blueskyAddReply(0, mention, QStringLiteral("Same here since this morning"));
        QVERIFY(!reply.isEmpty());
        const QUrlQuery query{{QStringLiteral("uri"), reply}};
        Reply thread = m_client->get(QStringLiteral("app.bsky.feed.getPostThread"), token, query);
        QCOMPARE(thread.status, 200);
        QJsonObject node = thread.object().value(QStringLiteral("thread")).toObject();
        QCOMPARE(node.value(QStringLiteral("$type")).toString(), QStringLiteral("app.bsky.feed.defs#threadViewPost"));
        QCOMPARE(node.value(QStringLiteral("post"))[QStringLiteral("uri")].toString(), reply);
        QCOMPARE(node.value(QStringLiteral("parent"))[QStringLiteral("post")][QStringLiteral("uri")].toString(),
                 mention);

        const Reply root = m_client->get(QStringLiteral("app.bsky.feed.getPostThread"), token,
                                         QUrlQuery{{QStringLiteral("uri"), mention}});
        QCOMPARE(root.object()
                     .value(QStringLiteral(
                         "thread"))[QStringLiteral("replies")][0][QStringLiteral("post")][QStringLiteral("uri")]
                     .toString(),
                 reply);
        QCOMPARE(
            root.object().value(QStringLiteral("thread"))[QStringLiteral("post")][QStringLiteral("replyCount")].toInt(),
            1);

        QVERIFY(m_server->blueskyDeletePost(mention));
        QVERIFY(!m_server->blueskyPostExists(mention));
        thread = m_client->get(QStringLiteral("app.bsky.feed.getPostThread"), token, query);
        node = thread.object().value(QStringLiteral("thread")).toObject();
        const QJsonObject parent = node.value(QStringLiteral("parent")).toObject();
        QCOMPARE(parent.value(QStringLiteral("$type")).toString(), QStringLiteral("app.bsky.feed.defs#notFoundPost"));
        QCOMPARE(parent.value(QStringLiteral("uri")).toString(), mention);
        QCOMPARE(parent.value(QStringLiteral("notFound")).toBool(), true);

        const Reply gone = m_client->get(QStringLiteral("app.bsky.feed.getPostThread"), token,
                                         QUrlQuery{{QStringLiteral("uri"), mention}});
        QCOMPARE(gone.status, 400);
        QCOMPARE(gone.error(), QStringLiteral("NotFound"));
        QCOMPARE(gone.message(), QStringLiteral("Post not found: ") + mention);
        // The deleted mention no longer shows among the notifications.
        for (const QJsonValue& v : notifications(*m_client, token)) {
            QVERIFY(v[QStringLiteral("uri")].toString() != mention);
        }
    }

    void createReplyDuplicateRkeyAndDelete() {
        const QString token = access(login(*m_client, m_account));
        const QString mentionUri = m_server->blueskyAddMention(0, QStringLiteral("Where do I export my data?"));
        const QJsonObject mention = firstWithReason(notifications(*m_client, token), QStringLiteral("mention"));
        QCOMPARE(mention.value(QStringLiteral("uri")).toString(), mentionUri);
        QJsonObject record = postRecord(QStringLiteral("Under Settings → Export, in CSV or JSON 👍"));
        record.insert(QStringLiteral("reply"), QJsonObject{{QStringLiteral("root"), strongRef(mention)},
                                                           {QStringLiteral("parent"), strongRef(mention)}});
        const QJsonObject body{{QStringLiteral("repo"), m_account.remoteId},
                               {QStringLiteral("collection"), QStringLiteral("app.bsky.feed.post")},
                               {QStringLiteral("rkey"), QStringLiteral("3kxyzreply22a")},
                               {QStringLiteral("record"), record}};
        const Reply created = m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, body);
        QCOMPARE(created.status, 200);
        const QString uri = created.object().value(QStringLiteral("uri")).toString();
        QCOMPARE(uri, QStringLiteral("at://%1/app.bsky.feed.post/3kxyzreply22a").arg(m_account.remoteId));
        QVERIFY(created.object().value(QStringLiteral("cid")).toString().startsWith(QLatin1String("bafyrei")));
        QVERIFY(created.object().value(QStringLiteral("commit"))[QStringLiteral("rev")].isString());
        QCOMPARE(created.object().value(QStringLiteral("validationStatus")).toString(), QStringLiteral("valid"));
        QCOMPARE(m_server->blueskyPostsCreatedBy(0), 1);
        QCOMPARE(m_server->blueskyRepliesWithText(mentionUri, record.value(QStringLiteral("text")).toString()), 1);

        const Reply duplicate = m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, body);
        // As the reference PDS: a bare 500, no error name.
        QCOMPARE(duplicate.status, 500);
        QCOMPARE(duplicate.error(), QStringLiteral("InternalServerError"));
        QCOMPARE(m_server->blueskyPostsCreatedBy(0), 1);

        // Someone answering the brand's reply notifies the brand.
        QTest::qWait(2);
        const QString answer = m_server->blueskyAddReply(0, uri, QStringLiteral("Found it, thanks!"));
        const QJsonObject newest = notifications(*m_client, token).first().toObject();
        QCOMPARE(newest.value(QStringLiteral("uri")).toString(), answer);
        QCOMPARE(newest.value(QStringLiteral("reason")).toString(), QStringLiteral("reply"));
        QCOMPARE(newest.value(QStringLiteral("reasonSubject")).toString(), uri);

        QJsonObject tooLong = body;
        QJsonObject longRecord = postRecord(QString(301, u'a'));
        tooLong.insert(QStringLiteral("record"), longRecord);
        tooLong.remove(QStringLiteral("rkey"));
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, tooLong).error(),
                 QStringLiteral("InvalidRequest"));
        longRecord.insert(QStringLiteral("text"), QString::fromUtf8("👩🏽‍💻").repeated(300)); // 300 graphemes
        tooLong.insert(QStringLiteral("record"), longRecord);
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, tooLong).status, 400);
        longRecord.insert(QStringLiteral("text"), QString::fromUtf8("👍🏽").repeated(300)); // 2400 bytes
        tooLong.insert(QStringLiteral("record"), longRecord);
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, tooLong).status, 200);

        QJsonObject orphan = body;
        QJsonObject orphanRecord = postRecord(QStringLiteral("hello"));
        const QJsonObject missing{{QStringLiteral("uri"), QStringLiteral("at://did:plc:nobody/app.bsky.feed.post/x")},
                                  {QStringLiteral("cid"), QStringLiteral("bafyreimissing")}};
        orphanRecord.insert(QStringLiteral("reply"),
                            QJsonObject{{QStringLiteral("root"), missing}, {QStringLiteral("parent"), missing}});
        orphan.insert(QStringLiteral("record"), orphanRecord);
        orphan.remove(QStringLiteral("rkey"));
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, orphan).error(),
                 QStringLiteral("InvalidRequest"));
        QJsonObject otherRepo = body;
        otherRepo.insert(QStringLiteral("repo"), mention.value(QStringLiteral("author"))[QStringLiteral("did")]);
        otherRepo.insert(QStringLiteral("rkey"), QStringLiteral("3kxyzother22a"));
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, otherRepo).status, 400);

        const QJsonObject del{{QStringLiteral("repo"), m_account.remoteId},
                              {QStringLiteral("collection"), QStringLiteral("app.bsky.feed.post")},
                              {QStringLiteral("rkey"), QStringLiteral("3kxyzreply22a")}};
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.deleteRecord"), token, del).status, 200);
        QVERIFY(!m_server->blueskyPostExists(uri));
        const Reply again = m_client->post(QStringLiteral("com.atproto.repo.deleteRecord"), token, del);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.object(), QJsonObject());
        // The rkey is free again once the record is gone.
        QCOMPARE(m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, body).status, 200);
    }

    void muteBlockAndReport() {
        const QString token = access(login(*m_client, m_account));
        const QJsonObject mention = firstWithReason(notifications(*m_client, token), QStringLiteral("mention"));
        const QString author = mention.value(QStringLiteral("author"))[QStringLiteral("did")].toString();
        const int before = m_server->blueskyNotificationCount(0);

        const Reply muted = m_client->post(QStringLiteral("app.bsky.graph.muteActor"), token,
                                           QJsonObject{{QStringLiteral("actor"), author}});
        QCOMPARE(muted.status, 200);
        QVERIFY(muted.body.isEmpty());
        QVERIFY(m_server->blueskyIsMuted(0, author));
        QVERIFY(m_server->blueskyNotificationCount(0) < before);
        for (const QJsonValue& v : notifications(*m_client, token)) {
            QVERIFY(v[QStringLiteral("author")][QStringLiteral("did")].toString() != author);
        }
        QCOMPARE(m_client
                     ->post(QStringLiteral("app.bsky.graph.unmuteActor"), token,
                            QJsonObject{{QStringLiteral("actor"), author}})
                     .status,
                 200);
        QVERIFY(!m_server->blueskyIsMuted(0, author));
        QCOMPARE(m_server->blueskyNotificationCount(0), before);
        QCOMPARE(m_client
                     ->post(QStringLiteral("app.bsky.graph.muteActor"), token,
                            QJsonObject{{QStringLiteral("actor"), QStringLiteral("did:plc:nobody")}})
                     .error(),
                 QStringLiteral("InvalidRequest"));

        const QJsonObject block{
            {QStringLiteral("repo"), m_account.remoteId},
            {QStringLiteral("collection"), QStringLiteral("app.bsky.graph.block")},
            {QStringLiteral("record"),
             QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.graph.block")},
                         {QStringLiteral("subject"), author},
                         {QStringLiteral("createdAt"), QStringLiteral("2024-06-01T12:00:00.000Z")}}}};
        const Reply blocked = m_client->post(QStringLiteral("com.atproto.repo.createRecord"), token, block);
        QCOMPARE(blocked.status, 200);
        QVERIFY(m_server->blueskyIsBlocked(0, author));
        // A reply below a blocked person's post shows its parent as a blockedPost; their notifications are hidden.
        const QString below =
            m_server->blueskyAddReply(0, mention.value(QStringLiteral("uri")).toString(), QStringLiteral("Agreed"));
        const QJsonObject blockedParent =
            m_client
                ->get(QStringLiteral("app.bsky.feed.getPostThread"), token, QUrlQuery{{QStringLiteral("uri"), below}})
                .object()
                .value(QStringLiteral("thread"))[QStringLiteral("parent")]
                .toObject();
        QCOMPARE(blockedParent.value(QStringLiteral("$type")).toString(),
                 QStringLiteral("app.bsky.feed.defs#blockedPost"));
        QCOMPARE(blockedParent.value(QStringLiteral("blocked")).toBool(), true);
        QCOMPARE(blockedParent.value(QStringLiteral("author"))[QStringLiteral("did")].toString(), author);
        QVERIFY(m_server->blueskyNotificationCount(0) < before);
        const QString rkey = blocked.object().value(QStringLiteral("uri")).toString().section(u'/', -1);
        QCOMPARE(m_client
                     ->post(QStringLiteral("com.atproto.repo.deleteRecord"), token,
                            QJsonObject{{QStringLiteral("repo"), m_account.remoteId},
                                        {QStringLiteral("collection"), QStringLiteral("app.bsky.graph.block")},
                                        {QStringLiteral("rkey"), rkey}})
                     .status,
                 200);
        QVERIFY(!m_server->blueskyIsBlocked(0, author));

        const Reply report = m_client->post(
            QStringLiteral("com.atproto.moderation.createReport"), token,
            QJsonObject{{QStringLiteral("reasonType"), QStringLiteral("com.atproto.moderation.defs#reasonSpam")},
                        {QStringLiteral("reason"), QStringLiteral("link spam")},
                        {QStringLiteral("subject"), strongRef(mention)}});
        QCOMPARE(report.status, 200);
        QVERIFY(report.object().value(QStringLiteral("id")).toInt() > 0);
        QCOMPARE(report.object().value(QStringLiteral("reportedBy")).toString(), m_account.remoteId);
        QCOMPARE(report.object().value(QStringLiteral("subject"))[QStringLiteral("uri")],
                 mention.value(QStringLiteral("uri")));
        const Reply account = m_client->post(
            QStringLiteral("com.atproto.moderation.createReport"), token,
            QJsonObject{{QStringLiteral("reasonType"), QStringLiteral("com.atproto.moderation.defs#reasonRude")},
                        {QStringLiteral("subject"),
                         QJsonObject{{QStringLiteral("$type"), QStringLiteral("com.atproto.admin.defs#repoRef")},
                                     {QStringLiteral("did"), author}}}});
        QCOMPARE(account.status, 200);
        const Reply unknown = m_client->post(
            QStringLiteral("com.atproto.moderation.createReport"), token,
            QJsonObject{{QStringLiteral("reasonType"), QStringLiteral("com.atproto.moderation.defs#reasonBoring")},
                        {QStringLiteral("subject"), strongRef(mention)}});
        QCOMPARE(unknown.status, 400);
        QCOMPARE(unknown.error(), QStringLiteral("InvalidRequest"));
        QCOMPARE(m_server->blueskyReports(0), 2);
    }

    void rateHeadersForcedLimitAndUnknownMethods() {
        const QString token = access(login(*m_client, m_account));
        const Reply first = m_client->get(QStringLiteral("app.bsky.notification.getUnreadCount"), token);
        const Reply second = m_client->get(QStringLiteral("app.bsky.notification.getUnreadCount"), token);
        QCOMPARE(first.header("RateLimit-Limit"), QByteArray("3000"));
        QCOMPARE(first.header("RateLimit-Policy"), QByteArray("3000;w=300"));
        QCOMPARE(second.header("RateLimit-Remaining").toInt(), first.header("RateLimit-Remaining").toInt() - 1);
        QVERIFY(first.header("RateLimit-Reset").toLongLong() > QDateTime::currentSecsSinceEpoch());

        const Reply unknown = m_client->get(QStringLiteral("app.bsky.feed.getTimeline"), token);
        QCOMPARE(unknown.status, 501);
        QCOMPARE(unknown.error(), QStringLiteral("MethodNotImplemented"));
        const Reply wrongVerb = m_client->get(QStringLiteral("com.atproto.repo.createRecord"), token);
        QCOMPARE(wrongVerb.status, 400);
        QCOMPARE(wrongVerb.error(), QStringLiteral("InvalidRequest"));

        m_server->faults().rateLimitUntil(SandboxClock::wallMs() + 20000, QStringLiteral("/bluesky"));
        const Reply limited = m_client->get(QStringLiteral("app.bsky.notification.listNotifications"), token);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.object(), (QJsonObject{{QStringLiteral("error"), QStringLiteral("RateLimitExceeded")},
                                                {QStringLiteral("message"), QStringLiteral("Rate Limit Exceeded")}}));
        QCOMPARE(limited.header("RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(limited.header("RateLimit-Policy"), QByteArray("3000;w=300"));
        const int retryAfter = limited.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 19 && retryAfter <= 21, limited.header("Retry-After").constData());
        m_server->faults().clear();
        QCOMPARE(m_client->get(QStringLiteral("app.bsky.notification.listNotifications"), token).status, 200);
    }

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<Client> m_client;
    SandboxAccount m_account;
};

QTEST_GUILESS_MAIN(BlueskySandboxTest)
#include "BlueskySandboxTest.moc"
