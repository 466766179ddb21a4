#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

namespace baton::sandbox {

// One "thing" on the fake Reddit: a comment (t1), a post (t3) or a private message (t4). Things refer to each
// other by index into RedditData::things; ids are assigned in time order once history is generated, so the
// listing order (newest first) is id order, as on Reddit.
struct RedditThing {
    char kind = '1'; // '1' comment, '3' post, '4' message
    qint64 id = 0;   // rendered in base36
    QString author;  // username; "[deleted]" once deleted
    int subreddit = -1;
    int link = -1;   // t1: its post
    int parent = -1; // t1: parent comment or post; t4: the message answered
    int firstMessage = -1;
    QString title; // t3 title, t4 subject
    QString body;  // markdown
    qint64 createdMs = 0;
    qint64 editedMs = 0;
    QString dest; // t4 recipient
    int score = 1;
    bool deleted = false;
    bool removed = false;
    bool spam = false;
    bool approved = false;
    bool locked = false;
    bool ignoreReports = false;
    QList<std::pair<QString, int>> userReports; // reason, count
};

// An entry of a demo account's inbox: the thing and why it is there.
struct RedditInboxEntry {
    int thing = -1;
    QString type; // comment_reply, post_reply, username_mention, or "unknown" for messages
    bool unread = true;
};

struct RedditAccount {
    QString username;
    QString displayName;
    QString clientId;     // the installed app's client id (shared by the demo accounts: one app, many users)
    QString refreshToken; // permanent grant
    QString product;
    QString slug;
    QString language;
    QList<int> moderates; // subreddit indexes
    QList<RedditInboxEntry> inbox;
    QStringList blocked; // authors whose messages no longer show
    bool refreshRevoked = false;
};

struct RedditSubreddit {
    QString name; // without "r/"
    qint64 id = 0;
};

struct RedditData {
    QList<RedditThing> things;
    QList<RedditSubreddit> subreddits;
    QList<RedditAccount> accounts;
    QStringList people;      // community usernames
    QHash<qint64, int> byId; // thing id -> index
    qint64 nextId = 0;

    static QString base36(qint64 v);
    static qint64 fromBase36(QStringView s); // -1 when not base36
    QString fullname(int index) const;
    int byFullname(QStringView fullname) const; // -1 when unknown
    void reindex();
};

} // namespace baton::sandbox
