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

namespace baton::sandbox {

class SandboxClock;

struct YouTubeComment {
    QString id; // replies: "<top-level id>.<suffix>", as YouTube writes them
    QString videoId;
    QString parentId; // the top-level comment's id, for replies only
    int author = -1;  // index into the channel's people; -1 = the channel itself
    QString text;     // textOriginal (plain)
    qint64 publishedMs = 0;
    qint64 updatedMs = 0;
    QString status = QStringLiteral("published"); // published, heldForReview, likelySpam, rejected
    int likes = 0;
    bool deleted = false;
};

struct YouTubePerson {
    QString channelId;
    QString handle; // "@name"
    QString language;
};

struct YouTubeVideo {
    QString id;
    QString title;
};

struct YouTubeChannel {
    int index = 0;
    QString name;
    QString handle;
    QString channelId;
    QString token;
    QString language;
    QString product;
    bool revoked = false;
    QList<YouTubeVideo> videos;
    QList<YouTubePerson> people;
    QList<YouTubeComment> comments;
    QHash<QString, qsizetype> byId;
    QSet<QString> banned; // author channel ids
    QString quotaDay;     // Pacific day the units below were spent on
    int quotaUsed = 0;
    int inserted = 0; // comments.insert calls that created a comment
};

// The YouTube channels behind the sandbox's /youtube route set: seeded comment threads with replies, held and
// likely-spam comments, the channel's own answers, moderation state, bans and each project's daily quota.
// Every operation takes the lock; JSON is rendered under it. Channel arguments are indexes already authenticated.
class YouTubeStore final {
public:
    struct ThreadQuery {
        QString videoId; // empty: every video of the channel
        QString moderationStatus = QStringLiteral("published");
        int maxResults = 20;
        QString pageToken;
        bool html = true;
        bool withReplies = false;
    };
    struct ReplyQuery {
        QString parentId;
        QStringList ids; // the `id` filter instead of parentId
        int maxResults = 20;
        QString pageToken;
        bool html = true;
    };

    YouTubeStore(const SandboxOptions& options, const SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(YouTubeStore)

    int channelForToken(const QString& token) const; // -1: unknown or revoked
    QString channelName(int channel) const;
    QString channelId(int channel) const;
    QList<SandboxAccount> accounts(const QString& baseUrl) const;

    HttpResponse channelsMine(int channel) const;
    HttpResponse threads(int channel, const ThreadQuery& query) const;
    HttpResponse comments(int channel, const ReplyQuery& query) const;
    HttpResponse insertReply(int channel, const QString& parentId, const QString& text);
    HttpResponse setModerationStatus(int channel, const QStringList& ids, const QString& status, bool banAuthor);
    HttpResponse deleteComment(int channel, const QString& id);

    // Quota of the channel's project: charges `cost` units on today's (Pacific) budget, or returns false when
    // that would pass the limit (nothing charged then).
    bool charge(int channel, int cost, qint64 wallMs);
    int quotaUsed(int channel, qint64 wallMs) const;
    void setQuotaUsed(int channel, int used, qint64 wallMs);
    int quotaLimit() const { return m_quotaLimit; }

    // Test and demo hooks.
    QString addComment(int channel, const QString& text, const QString& status); // a new top-level comment, now
    QString addReply(int channel, const QString& parentId, const QString& text); // by someone else, now
    void addLiveComment();
    bool revokeToken(int channel);
    QString moderationStatusOf(int channel, const QString& id) const; // empty when unknown
    bool isBanned(int channel, const QString& authorChannelId) const;
    QString authorOf(int channel, const QString& id) const; // the author's channel id
    int inserted(int channel) const;
    int threadCount(int channel, const QString& status) const;    // visible top-level comments with that status
    QString threadWithReplies(int channel, int minReplies) const; // a published thread with that many replies
    int replyCount(int channel, const QString& parentId, const QString& text) const; // replies with that text
    int commentsWithText(const QString& text) const;                   // live comments of every channel with that text
    int visibleReplyCount(int channel, const QString& parentId) const; // what totalReplyCount says

private:
    void populate(const SandboxOptions& options);
    void generateChannel(YouTubeChannel& channel, int commentCount, int people, int historyDays, SandboxRandom rng);
    QString newTopLevelId(SandboxRandom& rng) const;
    const YouTubeComment* find(const YouTubeChannel& channel, const QString& id) const;
    QJsonObject commentJson(const YouTubeChannel& channel, const YouTubeComment& c, bool html) const;
    QJsonObject threadJson(const YouTubeChannel& channel, const YouTubeComment& top, bool html, bool withReplies) const;
    QList<const YouTubeComment*> visibleReplies(const YouTubeChannel& channel, const QString& topId) const;

    mutable QMutex m_mutex;
    const SandboxClock& m_clock;
    QList<YouTubeChannel> m_channels;
    SandboxRandom m_live;
    int m_quotaLimit = 10000;
    quint64 m_liveTicks = 0;
};

} // namespace baton::sandbox
