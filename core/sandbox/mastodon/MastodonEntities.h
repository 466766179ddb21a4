#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <map>

namespace baton::sandbox {

// Plain records behind the Mastodon route set. Ids are the numbers the API shows as strings.

struct MastodonPerson {
    qint64 id = 0;
    QString username;
    QString domain; // empty = local to the sandbox instance
    QString displayName;
    QString note; // profile bio, HTML
    qint64 createdMs = 0;
    int followers = 0;
    int following = 0;
    int statuses = 0;
    bool bot = false;
    bool locked = false;
    QString language;      // "en" or "fr": what this person usually writes in
    double activity = 1.0; // relative share of what the community says
    qint64 lastStatusMs = 0;
};

struct MastodonStatus {
    qint64 id = 0;
    qint64 authorId = 0;
    qint64 createdMs = 0;
    qint64 editedMs = 0; // 0 = never edited
    qint64 inReplyToId = 0;
    qint64 inReplyToAccountId = 0;
    qint64 reblogOfId = 0;
    QString visibility = QStringLiteral("public");
    QString language; // empty = null
    QString spoilerText;
    QString text; // source as typed
    QString html; // rendered content
    QList<qint64> mentionIds;
    QStringList tags;
    bool sensitive = false;
    bool hasUrl = true; // some remote statuses have url null
    bool deleted = false;
    int repliesCount = 0;
    int reblogsCount = 0;
    int favouritesCount = 0;
    QString application; // empty = null (remote), otherwise the client's name
};

struct MastodonNotification {
    qint64 id = 0;
    QString type; // mention, favourite, reblog, follow, update, or a type clients do not know yet
    qint64 createdMs = 0;
    qint64 fromId = 0;
    qint64 statusId = 0; // 0 = none
};

struct MastodonConversation {
    qint64 id = 0;
    QList<qint64> participantIds; // everyone but the viewing account
    qint64 lastStatusId = 0;
    bool unread = true;
};

struct MastodonRelationship {
    bool following = false;
    bool followedBy = false;
    bool blocking = false;
    bool muting = false;
    bool mutingNotifications = false;
};

struct MastodonReport {
    qint64 id = 0;
    qint64 targetId = 0;
    QList<qint64> statusIds;
    QString comment;
    QString category;
    QStringList ruleIds;
    qint64 createdMs = 0;
};

struct MastodonIdempotency {
    qint64 statusId = 0;
    qint64 wallMs = 0;
};

// A demo account: the person a bearer token logs in as, and everything only that account sees.
struct MastodonDemoAccount {
    int index = 0;
    QString name;
    QString token;
    qint64 personId = 0;
    bool revoked = false;
    QString product;  // what the community talks about
    QString slug;     // the product in example URLs
    QString language; // default posting language
    std::map<qint64, MastodonNotification> notifications;
    std::map<qint64, qint64> conversationByLastStatus; // last status id -> conversation id
    QHash<qint64, MastodonConversation> conversations;
    QHash<qint64, qint64> conversationOfStatus; // direct status id -> conversation id
    QHash<qint64, MastodonRelationship> relationships;
    QSet<qint64> mutedThreads; // root status ids
    QHash<QString, MastodonIdempotency> idempotency;
    QList<MastodonReport> reports;
    QList<qint64> community;           // person ids that talk to this account
    QList<double> communityWeight;     // cumulative activity weights, parallel to community
    QHash<QString, int> createdPerKey; // statuses created through the API per Idempotency-Key
    int createdCount = 0;              // statuses created through the API
};

} // namespace baton::sandbox
