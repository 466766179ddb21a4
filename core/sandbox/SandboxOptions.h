#pragma once

#include <QHostAddress>
#include <QString>

namespace baton::sandbox {

// What the sandbox generates and how it serves it. Content times follow the sandbox clock (starting at nowMs);
// rate-limit windows and fault deadlines follow the wall clock, because clients compare them with their own.
struct SandboxOptions {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;
    quint64 seed = 1;
    qint64 nowMs = 0; // 0 = current time
    int mastodonAccounts = 2;
    int mentionsPerAccount = 3000;
    int people = 300;
    int historyDays = 56;
    int liveIntervalMs = 0; // 0 = no new mentions on a timer
    int rateLimit = 300;
    int rateWindowMs = 300000;
    // YouTube (/youtube): channels (demo accounts), their comments (threads and replies), daily quota units.
    int youtubeChannels = 1;
    int youtubeCommentsPerChannel = 400;
    int youtubeQuota = 10000;
    // Google Business Profile (/google): accounts (demo accounts) with two locations each, reviews per location.
    int googleBusinessAccounts = 1;
    int googleReviewsPerLocation = 60;
    // Discourse (/discourse): demo accounts (an admin key and a user API key), seeded topics, per-key limits.
    int discourseAccounts = 2;
    int discourseTopics = 160;
    int discourseAdminRateLimit = 60; // max_admin_api_reqs_per_minute
    int discourseUserRateLimit = 20;  // max_user_api_reqs_per_minute
    int discourseUserDailyLimit = 2880;
    qint64 discourseRateWindowMs = 60000;
    // Bluesky (/bluesky): demo accounts on one PDS, notifications seeded per account, access-token lifetime
    // (sandbox clock; refresh tokens live 90 days).
    int blueskyAccounts = 1;
    int blueskyNotificationsPerAccount = 600;
    qint64 blueskyAccessLifetimeMs = 2 * 3600 * 1000;
    int blueskyRateLimit = 3000; // per client address and window, as on a PDS
    qint64 blueskyRateWindowMs = 300000;
    // Email (an IMAP and an SMTP server on loopback beside the HTTP one): demo mailboxes (the support@ address of
    // a demo brand) and the messages seeded in each (customer mail in INBOX, the team's answers in Sent, spam).
    int emailAccounts = 1;
    int emailMessagesPerAccount = 120;
};

// One demo account a client can be pointed at.
struct SandboxAccount {
    QString network; // "mastodon"
    QString name;
    QString baseUrl;  // e.g. http://127.0.0.1:PORT/mastodon
    QString token;    // bearer token
    QString remoteId; // the account's id on that network
    QString acct;     // handle as the network shows it
};

} // namespace baton::sandbox
