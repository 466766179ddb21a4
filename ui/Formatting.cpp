#include "ui/Formatting.h"

#include "core/models/OutboxModel.h"
#include "core/models/SourcesModel.h"
#include "core/sync/SyncEngine.h"

#include <QDateTime>
#include <QLocale>

namespace baton::ui {

QString Formatting::relativeTime(qint64 utcMs, qint64 nowMs) {
    const qint64 ago = nowMs - utcMs;
    if (ago < 60'000) {
        return tr("now");
    }
    if (ago < 3'600'000) {
        return tr("%n min", nullptr, static_cast<int>(ago / 60'000));
    }
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    const qint64 days = when.date().daysTo(now.date());
    if (days == 0) {
        return tr("%n h", nullptr, static_cast<int>(ago / 3'600'000));
    }
    if (days == 1) {
        return tr("yesterday");
    }
    const QLocale locale;
    if (days < 7) {
        return locale.dayName(when.date().dayOfWeek(), QLocale::ShortFormat);
    }
    if (when.date().year() == now.date().year()) {
        return locale.toString(when.date(), tr("d MMM", "date format, this year"));
    }
    return locale.toString(when.date(), tr("d MMM yyyy", "date format, another year"));
}

QString Formatting::status(model::Status s) {
    switch (s) {
    case model::Status::New:
        return tr("New");
    case model::Status::InProgress:
        return tr("In progress");
    case model::Status::Waiting:
        return tr("Waiting");
    case model::Status::Done:
        return tr("Done");
    case model::Status::Snoozed:
        return tr("Snoozed");
    case model::Status::Archived:
        return tr("Archived");
    case model::Status::Spam:
        return tr("Spam");
    }
    return {};
}

QString Formatting::network(model::Network n) {
    return models::networkLabel(n);
}

QString Formatting::kind(model::Kind k) {
    switch (k) {
    case model::Kind::Mention:
        return tr("mention");
    case model::Kind::Reply:
        return tr("reply");
    case model::Kind::Comment:
        return tr("comment");
    case model::Kind::DirectMessage:
        return tr("direct message");
    case model::Kind::Review:
        return tr("review");
    case model::Kind::Post:
        return tr("post");
    case model::Kind::Email:
        return tr("email");
    case model::Kind::Quote:
        return tr("quote");
    }
    return {};
}

QString Formatting::outboxState(model::OutboxState s) {
    return models::OutboxModel::stateLabel(s);
}

QString Formatting::syncState(const sync::AccountSyncStatus& s) {
    switch (s.state) {
    case sync::AccountSyncState::Idle:
        if (s.finishedAt > 0) {
            return tr("up to date (%1)")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.finishedAt).time(), QLocale::ShortFormat));
        }
        return tr("waiting to sync");
    case sync::AccountSyncState::Syncing:
        return tr("syncing…");
    case sync::AccountSyncState::RateLimited:
        return tr("rate limited until %1")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.rateLimitedUntil).time(), QLocale::ShortFormat));
    case sync::AccountSyncState::Error:
        return tr("error: %1").arg(s.error.detail.isEmpty() ? s.error.toString() : s.error.detail);
    }
    return {};
}

QString Formatting::sentiment(double score) {
    if (score <= -0.2) {
        return tr("negative");
    }
    if (score >= 0.3) {
        return tr("positive");
    }
    return tr("neutral");
}

QString Formatting::moderationAction(connectors::ModerationAction a) {
    switch (a) {
    case connectors::ModerationAction::Dismiss:
        return tr("Dismiss the notification");
    case connectors::ModerationAction::MuteAuthor:
        return tr("Mute the author");
    case connectors::ModerationAction::BlockAuthor:
        return tr("Block the author…");
    case connectors::ModerationAction::Report:
        return tr("Report to the moderators…");
    case connectors::ModerationAction::MuteThread:
        return tr("Mute the conversation");
    case connectors::ModerationAction::DeleteOwn:
        return tr("Delete our post…");
    case connectors::ModerationAction::Approve:
        return tr("Approve");
    case connectors::ModerationAction::Remove:
        return tr("Remove…");
    case connectors::ModerationAction::RemoveAsSpam:
        return tr("Remove as spam…");
    case connectors::ModerationAction::Lock:
        return tr("Lock (no more replies)");
    case connectors::ModerationAction::IgnoreReports:
        return tr("Ignore reports");
    case connectors::ModerationAction::Hide:
        return tr("Hide (flag)…");
    case connectors::ModerationAction::CloseTopic:
        return tr("Close the topic…");
    case connectors::ModerationAction::HoldForReview:
        return tr("Hold for review");
    case connectors::ModerationAction::Reject:
        return tr("Reject…");
    case connectors::ModerationAction::BanAuthor:
        return tr("Ban the author…");
    case connectors::ModerationAction::MoveToFolder:
        return tr("Move to a folder…");
    case connectors::ModerationAction::MarkSpam:
        return tr("Mark as spam");
    }
    return {};
}

bool Formatting::isDestructive(connectors::ModerationAction a) {
    switch (a) {
    case connectors::ModerationAction::BlockAuthor:
    case connectors::ModerationAction::Report:
    case connectors::ModerationAction::DeleteOwn:
    case connectors::ModerationAction::Remove:
    case connectors::ModerationAction::RemoveAsSpam:
    case connectors::ModerationAction::Hide:
    case connectors::ModerationAction::CloseTopic:
    case connectors::ModerationAction::Reject:
    case connectors::ModerationAction::BanAuthor:
        return true;
    default:
        return false;
    }
}

} // namespace baton::ui
