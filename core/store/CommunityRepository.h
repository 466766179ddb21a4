#pragma once

#include "core/store/Database.h"

#include <QList>
#include <QString>

// Communities are where items live inside an account: a subreddit, a Discourse category, a YouTube channel, a
// Google Business location, a feed, a mail folder. Connectors name them on items (communityRemoteId and
// communityName); the store keeps one row per (account, remote id).
namespace baton::store::CommunityRepository {

struct Community {
    qint64 id = 0;
    qint64 accountId = 0;
    QString remoteId;
    QString name;
};

// The community's id, created (or renamed) as needed. Runs inside the caller's (writer) transaction.
Expected<qint64, Error> resolve(Database& db, qint64 accountId, const QString& remoteId, const QString& name);

// Every community, by account then name.
QList<Community> all(Database& db);

} // namespace baton::store::CommunityRepository
