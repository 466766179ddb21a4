#include "core/sandbox/mastodon/MastodonPublisher.h"

#include "core/sandbox/mastodon/MastodonData.h"
#include "core/sandbox/mastodon/MastodonHtml.h"

namespace baton::sandbox {

bool MastodonPublisher::wantsNotification(const MastodonData& data, int accountIndex, const MastodonStatus& status) {
    const MastodonDemoAccount& account = data.accounts.at(accountIndex);
    const MastodonRelationship relation = account.relationships.value(status.authorId);
    if (relation.blocking || (relation.muting && relation.mutingNotifications)) {
        return false;
    }
    return !account.mutedThreads.contains(data.threadRoot(status.id));
}

void MastodonPublisher::updateConversation(MastodonData& data, int accountIndex, const MastodonStatus& status) {
    MastodonDemoAccount& account = data.accounts[accountIndex];
    qint64 conversationId = account.conversationOfStatus.value(status.inReplyToId);
    if (conversationId == 0 || !account.conversations.contains(conversationId)) {
        MastodonConversation conversation;
        conversationId = data.newSmallId();
        conversation.id = conversationId;
        QList<qint64> participants = status.mentionIds;
        participants.prepend(status.authorId);
        for (const qint64 id : std::as_const(participants)) {
            if (id != account.personId && !conversation.participantIds.contains(id)) {
                conversation.participantIds.append(id);
            }
        }
        account.conversations.insert(conversationId, conversation);
    }
    MastodonConversation& conversation = account.conversations[conversationId];
    if (status.id > conversation.lastStatusId) {
        account.conversationByLastStatus.erase(conversation.lastStatusId);
        conversation.lastStatusId = status.id;
        conversation.unread = status.authorId != account.personId;
        account.conversationByLastStatus[status.id] = conversationId;
    }
    account.conversationOfStatus.insert(status.id, conversationId);
}

qint64 MastodonPublisher::publish(MastodonData& data, MastodonStatus status, qint64 notifyAtMs, Notified* notified) {
    const MastodonHtml::Rendered rendered = MastodonHtml::render(status.text, data);
    status.html = rendered.html;
    status.mentionIds = rendered.mentionIds;
    status.tags = rendered.tags;
    if (status.id == 0) {
        status.id = data.newId(status.createdMs);
    }
    const MastodonStatus& stored = data.addStatus(status);
    const qint64 id = stored.id;
    const MastodonStatus snapshot = stored; // addNotification never touches statuses, but stay independent of it

    if (snapshot.visibility == QLatin1String("direct")) {
        const int authorAccount = data.accountIndexForPerson(snapshot.authorId);
        if (authorAccount >= 0) {
            updateConversation(data, authorAccount, snapshot);
        }
    }
    for (const qint64 mentioned : snapshot.mentionIds) {
        const int index = data.accountIndexForPerson(mentioned);
        if (index < 0 || mentioned == snapshot.authorId) {
            continue;
        }
        if (snapshot.visibility == QLatin1String("direct")) {
            updateConversation(data, index, snapshot);
        }
        if (!wantsNotification(data, index, snapshot)) {
            continue;
        }
        MastodonNotification notification;
        notification.id = data.newId(notifyAtMs);
        notification.type = QStringLiteral("mention");
        notification.createdMs = notifyAtMs;
        notification.fromId = snapshot.authorId;
        notification.statusId = id;
        data.addNotification(index, notification);
        if (notified != nullptr) {
            notified->append({index, notification.id});
        }
    }
    return id;
}

bool MastodonPublisher::edit(MastodonData& data, qint64 statusId, const QString& text, qint64 atMs) {
    MastodonStatus* status = data.status(statusId);
    if (status == nullptr || status->deleted || status->reblogOfId != 0) {
        return false;
    }
    const MastodonHtml::Rendered rendered = MastodonHtml::render(text, data);
    status->text = text;
    status->html = rendered.html;
    status->tags = rendered.tags;
    status->editedMs = atMs;
    // Mentions added by an edit do not notify in Mastodon; the original mentions stay.
    const MastodonStatus snapshot = *status;
    for (const qint64 mentioned : snapshot.mentionIds) {
        const int index = data.accountIndexForPerson(mentioned);
        if (index < 0 || mentioned == snapshot.authorId || !wantsNotification(data, index, snapshot)) {
            continue;
        }
        MastodonNotification notification;
        notification.id = data.newId(atMs);
        notification.type = QStringLiteral("update");
        notification.createdMs = atMs;
        notification.fromId = snapshot.authorId;
        notification.statusId = statusId;
        data.addNotification(index, notification);
    }
    return true;
}

} // namespace baton::sandbox
