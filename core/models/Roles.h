#pragma once

#include <Qt>

namespace baton::models {

// Every role the Baton models expose; delegates paint from these and never know the concrete model.
enum Role {
    // Inbox rows
    ItemIdRole = Qt::UserRole + 1,
    AccountIdRole,
    NetworkRole,      // model::Network
    NetworkNameRole,  // "mastodon"
    KindRole,         // model::Kind
    AuthorNameRole,   // display name, falls back to the handle
    AuthorHandleRole, // "@user@host"
    CreatedAtRole,    // UTC ms
    ExcerptRole,      // the text on one line
    StatusRole,       // model::Status
    UnreadRole,       // bool: status is new
    NeedsReplyRole,   // bool: incoming, unanswered and open
    SentimentRole,    // double, invalid when unknown
    RatingRole,       // int 1-5, invalid when not a review
    AssigneeRole,     // QString
    SnoozeUntilRole,  // UTC ms, 0 when not snoozed
    ThreadRemoteIdRole,
    RemoteIdRole,
    DirectionRole, // model::Direction

    // Sources tree
    SourceKindRole = Qt::UserRole + 100, // SourcesModel::NodeKind
    UnreadCountRole,                     // qint64, -1 when not counted
    NeedsReplyCountRole,                 // qint64, -1 when not counted
    ViewIdRole,                          // stable key of a saved view ("needs-reply", ...) or node
};

} // namespace baton::models
