#pragma once

#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace baton::sandbox {

class SandboxClock;

struct BlueskyActor {
    QString did;
    QString handle;
    QString displayName; // may be empty
    QString avatar;      // may be empty
    QString language;    // "en", "fr", "ar", "he"
    int community = -1;  // the demo account whose community this person belongs to
    int account = -1;    // >= 0: this actor is that demo account
};

struct BlueskyPost {
    QString uri;
    QString cid;
    QString rkey;
    int author = -1; // index into actors
    QJsonObject record;
    qint64 indexedMs = 0;
    QString parentUri; // empty: not a reply
    QString rootUri;
    QString quotedUri;
    int likes = 0;
    int reposts = 0;
    bool deleted = false;
};

struct BlueskyNotification {
    quint64 seq = 0; // arrival order, breaks ties between equal indexedAt
    QString uri;
    QString cid;
    int author = -1;
    QString reason;
    QString reasonSubject;
    QJsonObject record;
    qint64 indexedMs = 0;
};

struct BlueskySession {
    int account = -1;
    bool refresh = false;
    qint64 expiresMs = 0; // sandbox clock
    bool revoked = false;
};

struct BlueskyAccount {
    int actor = -1;
    QString name;
    QString product;
    QString password;
    QString email;
    QList<BlueskyNotification> notifications; // oldest first
    qint64 seenAtMs = 0;
    QSet<QString> muted;            // dids
    QSet<QString> mutedThreads;     // root post uris
    QHash<QString, QString> blocks; // rkey -> blocked did
    QList<QJsonObject> reports;
    int sessionsCreated = 0;
    int refreshes = 0;
    int postsCreated = 0;
};

// The AT Protocol world behind /bluesky: one PDS hosting the demo accounts (brands) and an AppView's view of
// their communities — people with DIDs and handles, posts with facets, replies, quotes, likes, reposts, follows,
// each demo account's notifications; sessions with expiring access tokens and rotating refresh tokens; records
// the accounts write (posts, blocks), mutes and reports. Every member locks; JSON is rendered under the lock.
class BlueskyStore final {
public:
    struct Auth {
        int account = -1;
        int status = 0; // an error to answer when account < 0
        QString error;
        QString message;
    };
    struct NotificationQuery {
        int limit = 50;
        QString cursor;
        QStringList reasons; // empty: all
    };

    BlueskyStore(const SandboxOptions& options, const SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(BlueskyStore)

    QList<SandboxAccount> accounts(const QString& baseUrl) const;
    int accountCount() const;
    QString accountName(int account) const;
    QString accountDid(int account) const;
    int accountForIdentifier(const QString& identifier) const; // handle (any case), DID or email; -1 unknown
    void setAccessLifetimeMs(qint64 ms);

    // Sessions. pdsUrl goes into the didDoc's service endpoint.
    HttpResponse createSession(int account, const QString& password, const QString& pdsUrl);
    Auth authenticate(const QString& token, bool refresh) const;
    HttpResponse refreshSession(int account, const QString& refreshToken, const QString& pdsUrl);
    HttpResponse getSession(int account, const QString& pdsUrl) const;

    HttpResponse listNotifications(int account, const NotificationQuery& query) const;
    HttpResponse unreadCount(int account) const;
    HttpResponse updateSeen(int account, const QString& seenAt);
    HttpResponse postThread(int account, const QString& uri, int depth, int parentHeight) const;

    HttpResponse createRecord(int account, const QJsonObject& body);
    HttpResponse deleteRecord(int account, const QJsonObject& body);
    HttpResponse mute(int account, const QString& actor, bool mute);
    HttpResponse muteThread(int account, const QString& rootUri, bool mute);
    HttpResponse getRecord(const QString& repo, const QString& collection, const QString& rkey) const;
    HttpResponse getProfile(int viewer, const QString& actor) const;
    HttpResponse resolveHandle(const QString& handle) const;
    HttpResponse createReport(int account, const QJsonObject& body);

    // Test and demo hooks.
    QString addMention(int account, const QString& text);                         // uri of the new post
    QString addReply(int account, const QString& parentUri, const QString& text); // someone replies now
    void addLiveActivity();
    bool deletePost(const QString& uri);
    void expireAccessTokens();
    bool revokeSessions(int account);
    bool changePassword(int account, const QString& password);
    int sessionsCreated(int account) const;
    int refreshes(int account) const;
    bool postExists(const QString& uri) const;
    int postsCreatedBy(int account) const;
    int repliesWithText(const QString& parentUri, const QString& text) const;
    bool isMuted(int account, const QString& did) const;
    bool isThreadMuted(int account, const QString& rootUri) const;
    bool isBlocked(int account, const QString& did) const;
    int reports(int account) const;
    int notificationCount(int account) const; // what listNotifications would show (all reasons)

private:
    // Generator (BlueskyGenerator.cpp).
    void populate(const SandboxOptions& options);
    void generateCommunity(int account, int events, int people, int historyDays, SandboxRandom rng);
    QString communityText(int account, int author, SandboxRandom& rng) const;
    int randomPerson(int account, SandboxRandom& rng) const;
    QString mentionLocked(int account, int author, const QString& text, qint64 atMs, SandboxRandom& rng);
    QString replyLocked(int author, const QString& parentUri, const QString& text, qint64 atMs, SandboxRandom& rng);
    void interactionLocked(int account, int author, const QString& reason, const QString& subjectUri, qint64 atMs,
                           SandboxRandom& rng);

    // Writing posts: builds the record, indexes the post and notifies the demo accounts concerned.
    QJsonObject postRecord(const QString& text, const QString& language, qint64 createdMs, int dateStyle) const;
    QString publish(BlueskyPost post);
    void notify(int account, BlueskyNotification n);
    QString nextTid(qint64 ms);

    const BlueskyPost* findPost(const QString& uri) const;
    int actorForIdentifier(const QString& didOrHandle) const;
    bool hidden(const BlueskyAccount& account, const BlueskyNotification& n) const;
    QString issueToken(int account, bool refresh);
    QJsonObject sessionJson(int account, const QString& pdsUrl) const;
    QJsonObject profileJson(int actor, int viewer) const;
    QJsonObject postViewJson(const BlueskyPost& post, int viewer) const;
    QJsonObject parentJson(const QString& uri, int viewer, int height) const;
    QJsonObject threadJson(const BlueskyPost& post, int viewer, int depth, int parentHeight) const;
    QJsonObject notificationJson(int viewer, const BlueskyNotification& n) const;
    bool blocking(int account, const QString& did) const; // lock held
    std::optional<HttpResponse> checkRepo(int account, const QJsonObject& body) const;

    mutable QMutex m_mutex;
    const SandboxClock& m_clock;
    qint64 m_accessLifetimeMs = 2 * 3600 * 1000;
    qint64 m_refreshLifetimeMs = 90LL * 24 * 3600 * 1000;
    QList<BlueskyActor> m_actors;
    QHash<QString, int> m_actorByDid;
    QHash<QString, QString> m_didByHandle;
    QList<BlueskyAccount> m_accounts;
    QList<BlueskyPost> m_posts;
    QHash<QString, qsizetype> m_postByUri;
    QHash<QString, QList<qsizetype>> m_children; // parent uri -> replies
    QList<QList<qsizetype>> m_brandPosts;        // per account: its own top-level posts
    QList<QList<qsizetype>> m_conversation;      // per account: posts of threads it takes part in
    QHash<QString, QJsonObject> m_records;       // other records the accounts wrote, by at-uri
    QHash<QString, BlueskySession> m_sessions;   // token -> session
    QList<QList<int>> m_community;               // per account: actor indexes
    SandboxRandom m_rng;                         // tokens, ids, live activity
    quint64 m_nextSeq = 1;
    quint32 m_tidClock = 0;
    qint64 m_lastTidMicros = 0;
    quint64 m_liveTicks = 0;
    int m_nextReport = 1;
};

} // namespace baton::sandbox
