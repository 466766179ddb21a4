#pragma once

#include "core/model/Enums.h"
#include "core/model/Identity.h"

#include <QString>
#include <optional>

namespace baton::model {

// One message in the inbox: a mention, comment, DM, review... as normalised from its network.
struct Item {
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 communityId = 0;
    // Set by connectors instead of communityId: the store resolves them to a community row on insert.
    QString communityRemoteId; // subreddit, category id, channel id, location, feed, mail folder
    QString communityName;     // as shown ("r/baton", "Support")
    Network network = Network::Mastodon;
    QString remoteId;       // unique per account; for Mastodon the status id
    QString notificationId; // the listing entry that brought it (Mastodon notification id), if any
    Kind kind = Kind::Mention;
    Direction direction = Direction::Incoming;
    Identity author;
    QString parentRemoteId;
    QString threadRemoteId;
    qint64 createdAt = 0;
    qint64 updatedAt = 0; // edit time upstream, 0 when never edited
    qint64 fetchedAt = 0;
    QString text;
    QString html;
    QString url;
    QString lang;
    QString visibility;
    std::optional<int> rating;
    std::optional<double> sentiment;         // computed score, -1..1
    std::optional<double> sentimentOverride; // the user's correction, which wins
    double effectiveSentiment() const { return sentimentOverride.value_or(sentiment.value_or(0.0)); }
    Status status = Status::New;
    qint64 snoozeUntil = 0;
    QString assignee;
    qint64 firstResponseAt = 0;
    bool deleted = false;
};

} // namespace baton::model
