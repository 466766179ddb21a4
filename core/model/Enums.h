#pragma once

#include <QObject>
#include <QString>
#include <optional>

namespace baton::model {
Q_NAMESPACE

enum class Network { Mastodon, Bluesky, Reddit, Discourse, YouTube, GoogleReviews, Feed, Email };
enum class Kind { Mention, Reply, Comment, DirectMessage, Review, Post, Email, Quote };
enum class Direction { Incoming, Outgoing };
enum class Status { New, InProgress, Waiting, Done, Snoozed, Archived, Spam };
enum class OutboxState { Queued, Sending, Sent, Failed, Check, Cancelled };
Q_ENUM_NS(Network)
Q_ENUM_NS(Kind)
Q_ENUM_NS(Direction)
Q_ENUM_NS(Status)
Q_ENUM_NS(OutboxState)

// Stable lowercase names used in the database, the command line and JSON output.
QString toString(Network v);
QString toString(Kind v);
QString toString(Direction v);
QString toString(Status v);
std::optional<Network> networkFromString(QStringView s);
std::optional<Kind> kindFromString(QStringView s);
std::optional<Direction> directionFromString(QStringView s);
std::optional<Status> statusFromString(QStringView s);

} // namespace baton::model
