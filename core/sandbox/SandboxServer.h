#pragma once

#include "core/sandbox/FaultSwitchboard.h"
#include "core/sandbox/JournalEntry.h"
#include "core/sandbox/SandboxOptions.h"

#include <QList>
#include <QString>
#include <memory>

namespace baton::sandbox {

class MailStore;
class RedditStore;
class YouTubeStore;
class GoogleReviewsStore;
class OAuthRoutes;

// Ids of something the sandbox just created, as the API shows them.
struct SandboxMention {
    QString notificationId; // empty when the account muted or blocked the author
    QString statusId;
};

// The protocol sandbox: a loopback HTTP server speaking each network's client API (Mastodon under /mastodon)
// over a seeded, lively community, with a fault switchboard and a request journal. The server runs on its own
// thread, so a test may block while it serves; every member function here is safe to call from any thread.
class SandboxServer final {
public:
    explicit SandboxServer(SandboxOptions options = {});
    ~SandboxServer();
    Q_DISABLE_COPY_MOVE(SandboxServer)

    bool start(QString* error = nullptr);
    void stop();
    bool isRunning() const;
    quint16 port() const;
    QString baseUrl() const;                // http://127.0.0.1:PORT
    QList<SandboxAccount> accounts() const; // baseUrl is meaningful once started
    const SandboxOptions& options() const;
    qint64 nowMs() const; // the sandbox clock that content times follow

    FaultSwitchboard& faults();
    QList<JournalEntry> journal() const;
    void clearJournal();

    // ---- test hooks (Mastodon; accountIndex follows accounts()) ----
    // A new mention of the account from its community, created now; text empty = the community writes it.
    SandboxMention addMention(int accountIndex = 0, const QString& text = {});
    // New text for a status (sets edited_at, sends `update` notifications). False if unknown or deleted.
    bool editStatus(const QString& statusId, const QString& newText);
    // Every later request with this account's token gets 401.
    bool revokeToken(int accountIndex);
    // Statuses created through POST /api/v1/statuses with this Idempotency-Key (replays not counted).
    int statusesCreatedWithKey(const QString& idempotencyKey) const;
    // Statuses created through POST /api/v1/statuses.
    int statusesCreated() const;
    // Notifications of type mention the account currently has (dismissed ones no longer count).
    int mentionCount(int accountIndex = 0) const;

    // ---- test hooks (YouTube): the channels behind /youtube; every member locks, so any thread may call ----
    YouTubeStore& youtube();
    // ---- test hooks (Google Business Profile): the accounts and locations behind /google ----
    GoogleReviewsStore& googleReviews();

    // ---- test hooks (Discourse; accountIndex counts Discourse accounts only) ----
    // A community post now in the newest open topic the account watches (raw empty = the community writes it),
    // optionally @mentioning the account. Returns the post id, 0 when there is no such topic.
    int discourseAddPost(int accountIndex = 0, const QString& raw = {}, bool mention = false);
    // New raw for a post: version goes up, updated_at moves. False if unknown or deleted.
    bool discourseEditPost(int postId, const QString& raw);
    // Every later request with this account's key gets 403 invalid_access.
    bool discourseRevokeKey(int accountIndex);
    int discoursePostsCreated() const;                        // through POST /posts.json
    int discoursePostsWithText(const QString& raw) const;     // live posts with exactly that raw
    int discourseUserApiKeysIssued() const;                   // through /user-api-key/new
    QString discourseClientIdOfKey(const QString& key) const; // the client id a key was issued to
    bool discoursePostHidden(int postId) const;
    bool discoursePostDeleted(int postId) const;
    bool discourseTopicClosed(int topicId) const;
    int discourseTopicOfPost(int postId) const;
    int discourseFlags(int postId) const; // flags (not likes) on the post

    // ---- test hooks (Reddit): the community behind /reddit; every member locks, so any thread may call ----
    RedditStore& reddit();
    // The request budget per OAuth client id (default 600 per 10 minutes, as on Reddit).
    void redditSetRateLimit(int limit, qint64 windowMs);

    // ---- test hooks (feeds under /feeds: 0 = reviews.rss, 1 = forum.atom) ----
    // A new entry now (text empty = the community writes it); changes the feed's ETag. Returns its id.
    QString feedAddEntry(int feed, const QString& text = {});
    int feedEntryCount(int feed) const;

    // ---- test hooks (email: IMAP and SMTP servers on their own loopback ports, started and stopped with this) ----
    quint16 imapPort() const; // 0 when not running
    quint16 smtpPort() const;
    MailStore& mail(); // the demo mailboxes; every member locks, so any thread may call

    // ---- test hooks (Bluesky under /bluesky; accountIndex counts Bluesky accounts only) ----
    // A post by someone of the account's community @mentioning it, indexed now (text empty = the community
    // writes it; the handle is added when the text lacks it). Returns the post's at-uri; empty if no account.
    QString blueskyAddMention(int accountIndex = 0, const QString& text = {});
    // Someone of the account's community replies now to parentUri (a reply notification when the parent or the
    // root is the account's). Returns the reply's at-uri; empty when the parent is unknown or deleted.
    QString blueskyAddReply(int accountIndex, const QString& parentUri, const QString& text = {});
    bool blueskyDeletePost(const QString& uri);    // anyone's post; its notifications go, threads show notFoundPost
    void blueskyExpireAccessTokens();              // every access token issued so far answers 400 ExpiredToken
    void blueskySetAccessTokenLifetime(qint64 ms); // for tokens issued from now on (sandbox clock)
    bool blueskyRevokeSessions(int accountIndex);  // every token of the account refused (refresh: ExpiredToken)
    bool blueskyChangePassword(int accountIndex, const QString& password); // later createSession needs it
    int blueskySessionsCreated(int accountIndex = 0) const;                // successful createSession calls
    int blueskyRefreshes(int accountIndex = 0) const;                      // successful refreshSession calls
    bool blueskyPostExists(const QString& uri) const;                      // known and not deleted
    int blueskyPostsCreatedBy(int accountIndex = 0) const; // app.bsky.feed.post records through createRecord
    int blueskyRepliesWithText(const QString& parentUri, const QString& text) const; // live replies to parentUri
    bool blueskyIsMuted(int accountIndex, const QString& did) const;
    bool blueskyIsThreadMuted(int accountIndex, const QString& rootUri) const; // app.bsky.graph.muteThread
    bool blueskyIsBlocked(int accountIndex, const QString& did) const;         // an app.bsky.graph.block record exists
    int blueskyReports(int accountIndex = 0) const;                            // createReport calls accepted
    int blueskyNotificationCount(int accountIndex = 0) const; // what listNotifications shows, all reasons

    // ---- test hooks (OAuth sign-in; network = "mastodon", "reddit", "youtube", "google" or "email": the mail
    // provider's OAuth server at /mail) ---- The next authorization on that network is refused by the user: the browser
    // comes back with error=access_denied. False for a network without OAuth.
    bool oauthRefuseNext(const QString& network);
    int oauthTokensIssued(const QString& network) const; // authorization codes exchanged for tokens

private:
    OAuthRoutes* oauth(const QString& network) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace baton::sandbox
