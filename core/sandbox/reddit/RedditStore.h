#pragma once

#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"
#include "core/sandbox/reddit/RedditData.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <optional>

namespace baton::sandbox {

class SandboxClock;

// The fake Reddit's state behind one lock (api-contracts.md §3): a seeded community per demo account (its
// subreddit, posts, comment replies, username mentions, private messages, a mod queue with reports), OAuth
// grants for an installed app, and every operation the routes need, answered with Reddit's JSON.
class RedditStore final {
public:
    struct ListingRequest {
        QString after;  // fullname
        QString before; // fullname
        int limit = 25;
        bool rawJson = false;
    };
    struct Auth {
        int account = -1;
        bool expired = false; // a token we issued whose hour is over
    };
    struct ThingState {
        bool exists = false;
        bool removed = false;
        bool spam = false;
        bool approved = false;
        bool locked = false;
        bool ignoreReports = false;
        bool deleted = false;
        int reports = 0;
    };
    enum class ModAction { Remove, Approve, Lock, Unlock, IgnoreReports, UnignoreReports };
    enum class LiveKind { CommentReply, PostReply, Mention, Message, Report };

    RedditStore(const SandboxOptions& options, const SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(RedditStore)

    Auth authenticate(const QString& accessToken, qint64 wallNowMs) const;
    QString accountName(int account) const;
    bool clientKnown(const QString& clientId) const;
    QList<SandboxAccount> accounts(const QString& baseUrl) const;

    // POST /api/v1/access_token for an installed app (the caller checked the client id).
    HttpResponse grant(const QString& grantType, const QString& refreshToken, qint64 wallNowMs);
    HttpResponse me(int account) const;
    HttpResponse inbox(int account, const QString& where, const ListingRequest& page) const;
    HttpResponse messageThread(int account, const QString& id36, bool rawJson) const;
    HttpResponse about(int account, const QString& subreddits, const QString& location, const QString& only,
                       const ListingRequest& page) const;
    HttpResponse comments(int account, const QString& link36, const QString& comment36, int context,
                          bool rawJson) const;
    HttpResponse info(int account, const QStringList& fullnames, bool rawJson) const;
    HttpResponse userComments(int account, const QString& username, const ListingRequest& page) const;
    HttpResponse comment(int account, const QString& thingId, const std::optional<QString>& text, bool apiJson,
                         bool rawJson);
    HttpResponse moderate(int account, ModAction action, const QString& fullname, bool spam);
    HttpResponse deleteOwn(int account, const QString& fullname);
    HttpResponse block(int account, const QString& fullname);
    HttpResponse readMessages(int account, const QStringList& fullnames);

    // Test and demo hooks.
    QString addLive(int account, LiveKind kind, const QString& text); // fullname of the new thing
    void addLiveActivity();                                           // the live timer
    bool expireAccessTokens(int account);
    bool revokeRefreshToken(int account);
    void failNextComments(int count, double ratelimitSeconds); // in-body RATELIMIT errors
    void setTokenLifetimeMs(qint64 ms);
    int commentsCreated() const;
    int commentsWithText(const QString& text) const;
    int inboxCount(int account) const;
    QStringList inboxFullnames(int account) const;    // newest first
    QStringList modqueueFullnames(int account) const; // what /r/mod/about/modqueue lists
    int accountCount() const;
    int modqueueCount(int account) const;
    ThingState thingState(const QString& fullname) const;
    bool editThing(const QString& fullname, const QString& body);
    bool deleteThing(const QString& fullname);

    static QJsonObject error(int status); // {"message": "Forbidden", "error": 403}

private:
    friend class RedditGenerator;

    bool visibleTo(int account, const RedditThing& t) const;
    bool moderatesThing(int account, const RedditThing& t) const;
    bool inModqueue(const RedditThing& t, const QString& location) const;
    QJsonObject listing(const QList<int>& ordered, const ListingRequest& page, int account, bool asMessage,
                        const QHash<int, QString>& types) const;
    QJsonObject messageJson(int index, int account, const QString& type, bool unread, bool rawJson) const;
    QJsonObject commentJson(int index, int account, bool rawJson, int depth, bool withReplies) const;
    QJsonObject postJson(int index, int account, bool rawJson) const;
    QJsonObject thingJson(int index, int account, bool rawJson) const;
    QString permalink(int index) const;
    QString context(int index) const;
    QString bodyOf(int index, int account) const;
    QString authorOf(int index) const;
    static QString html(const QString& markdown, bool rawJson);
    int newThing(RedditThing thing);
    void addToInbox(int account, int thing, const QString& type);

    mutable QMutex m_mutex;
    const SandboxClock& m_clock;
    SandboxRandom m_live;
    RedditData m_data;
    struct Token {
        int account = -1;
        qint64 expiresWallMs = 0;
    };
    QHash<QString, Token> m_tokens;
    qint64 m_tokenLifetimeMs = 3600LL * 1000;
    quint64 m_tokenCounter = 0;
    int m_commentsCreated = 0;
    int m_failComments = 0;
    double m_failRatelimit = 0;
    quint64 m_liveTicks = 0;
};

} // namespace baton::sandbox
