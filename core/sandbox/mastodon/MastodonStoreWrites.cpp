// The write half of MastodonStore: statuses, moderation and reports.
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/mastodon/MastodonJson.h"
#include "core/sandbox/mastodon/MastodonPublisher.h"
#include "core/sandbox/mastodon/MastodonStore.h"

namespace baton::sandbox {

namespace {

constexpr qint64 kIdempotencyWindowMs = 3600 * 1000;
constexpr int kMaxStatusCharacters = 500;
constexpr int kMaxReportComment = 1000;

HttpResponse unprocessable(const QString& message) {
    return HttpResponse::jsonError(422, QStringLiteral("Validation failed: ") + message);
}

qsizetype codePoints(const QString& text) {
    return text.toUcs4().size();
}

} // namespace

HttpResponse MastodonStore::postStatus(int account, const NewStatus& request) {
    const QMutexLocker lock(&m_mutex);
    MastodonDemoAccount& demo = m_data.accounts[account];
    const qint64 wallNow = SandboxClock::wallMs();

    // A replayed Idempotency-Key answers with the original status before anything is validated.
    if (!request.idempotencyKey.isEmpty()) {
        const auto it = demo.idempotency.constFind(request.idempotencyKey);
        if (it != demo.idempotency.constEnd() && wallNow - it->wallMs < kIdempotencyWindowMs) {
            const MastodonStatus* original = m_data.status(it->statusId);
            if (original != nullptr && !original->deleted) {
                return ok(MastodonJson(m_data, account).status(*original));
            }
        }
    }

    const QString text = request.text.value_or(QString());
    if (text.trimmed().isEmpty()) {
        return unprocessable(QStringLiteral("Text can't be blank"));
    }
    if (codePoints(text) > kMaxStatusCharacters) {
        return unprocessable(QStringLiteral("Text character limit of %1 exceeded").arg(kMaxStatusCharacters));
    }
    const MastodonStatus* parent = nullptr;
    if (request.inReplyToId && !request.inReplyToId->isEmpty()) {
        parent = m_data.status(MastodonPaging::idParam(request.inReplyToId));
        if (parent == nullptr || !m_data.visibleTo(*parent, account)) {
            return HttpResponse::jsonError(
                404, QStringLiteral("The post you are trying to reply to does not appear to exist."));
        }
    }
    static const QStringList kVisibilities = {QStringLiteral("public"), QStringLiteral("unlisted"),
                                              QStringLiteral("private"), QStringLiteral("direct")};
    const QString visibility = request.visibility.value_or(QStringLiteral("public"));
    if (!kVisibilities.contains(visibility)) {
        return unprocessable(QStringLiteral("Visibility is not included in the list"));
    }

    MastodonStatus status;
    status.authorId = demo.personId;
    status.createdMs = m_clock.nowMs();
    status.text = text;
    status.visibility = visibility;
    status.language = request.language && !request.language->isEmpty() ? *request.language : demo.language;
    status.spoilerText = request.spoilerText;
    status.sensitive = request.sensitive || !request.spoilerText.isEmpty();
    status.application = QStringLiteral("Baton");
    qint64 parentAuthor = 0;
    if (parent != nullptr) {
        status.inReplyToId = parent->id;
        status.inReplyToAccountId = parent->authorId;
        parentAuthor = parent->authorId;
    }
    const qint64 id = MastodonPublisher::publish(m_data, status, status.createdMs);
    if (parentAuthor != 0 && parentAuthor != demo.personId) {
        m_generator.recordAnswer(account, parentAuthor, id, status.createdMs);
    }

    MastodonDemoAccount& author = m_data.accounts[account]; // publish may have touched the list's elements
    ++author.createdCount;
    if (!request.idempotencyKey.isEmpty()) {
        ++author.createdPerKey[request.idempotencyKey];
        author.idempotency.insert(request.idempotencyKey, {id, wallNow});
    }
    return ok(MastodonJson(m_data, account).status(*m_data.status(id)));
}

HttpResponse MastodonStore::deleteStatus(int account, qint64 id) {
    const QMutexLocker lock(&m_mutex);
    const MastodonStatus* s = m_data.status(id);
    if (s == nullptr || s->deleted || s->authorId != m_data.accounts.at(account).personId) {
        return notFound();
    }
    const QJsonObject body = MastodonJson(m_data, account).status(*s, true); // with `text`, for redrafting
    m_data.markDeleted(id);
    return ok(body);
}

HttpResponse MastodonStore::muteThread(int account, qint64 id, bool mute) {
    const QMutexLocker lock(&m_mutex);
    const MastodonStatus* s = m_data.status(id);
    if (s == nullptr || !m_data.visibleTo(*s, account)) {
        return notFound();
    }
    const qint64 root = m_data.threadRoot(id);
    if (mute) {
        m_data.accounts[account].mutedThreads.insert(root);
    } else {
        m_data.accounts[account].mutedThreads.remove(root);
    }
    return ok(MastodonJson(m_data, account).status(*m_data.status(id)));
}

HttpResponse MastodonStore::relationship(int account, qint64 personId, RelationAction action, bool notifications) {
    const QMutexLocker lock(&m_mutex);
    if (m_data.person(personId) == nullptr) {
        return notFound();
    }
    MastodonDemoAccount& demo = m_data.accounts[account];
    MastodonRelationship& relation = demo.relationships[personId];
    switch (action) {
    case RelationAction::Block:
        relation.blocking = true;
        relation.following = false;
        relation.followedBy = false;
        // Mastodon's AfterBlockService clears the blocked account's notifications.
        for (auto it = demo.notifications.begin(); it != demo.notifications.end();) {
            it = it->second.fromId == personId ? demo.notifications.erase(it) : std::next(it);
        }
        break;
    case RelationAction::Unblock:
        relation.blocking = false;
        break;
    case RelationAction::Mute:
        relation.muting = true;
        relation.mutingNotifications = notifications;
        break;
    case RelationAction::Unmute:
        relation.muting = false;
        relation.mutingNotifications = false;
        break;
    }
    return ok(MastodonJson(m_data, account).relationship(personId));
}

HttpResponse MastodonStore::report(int account, const NewReport& request) {
    const QMutexLocker lock(&m_mutex);
    const qint64 targetId = MastodonPaging::idParam(request.accountId);
    if (m_data.person(targetId) == nullptr) {
        return notFound(); // Account.find(params[:account_id])
    }
    if (codePoints(request.comment) > kMaxReportComment) {
        return unprocessable(QStringLiteral("Comment is too long (maximum is %1 characters)").arg(kMaxReportComment));
    }
    static const QStringList kCategories = {QStringLiteral("spam"), QStringLiteral("legal"),
                                            QStringLiteral("violation"), QStringLiteral("other")};
    QString category = request.category.value_or(QString());
    if (category.isEmpty()) {
        category = request.ruleIds.isEmpty() ? QStringLiteral("other") : QStringLiteral("violation");
    } else if (!kCategories.contains(category)) {
        return unprocessable(QStringLiteral("Category is not included in the list"));
    }
    MastodonReport report;
    for (const QString& raw : request.statusIds) {
        const qint64 id = MastodonPaging::idParam(raw);
        const MastodonStatus* s = m_data.status(id);
        if (s == nullptr || s->authorId != targetId) {
            return notFound(); // the target's statuses are looked up with find(ids)
        }
        if (!report.statusIds.contains(id)) {
            report.statusIds.append(id);
        }
    }
    report.id = m_data.newSmallId();
    report.targetId = targetId;
    report.comment = request.comment;
    report.category = category;
    report.ruleIds = category == QLatin1String("violation") ? request.ruleIds : QStringList();
    report.createdMs = m_clock.nowMs();
    m_data.accounts[account].reports.append(report);
    return ok(MastodonJson(m_data, account).report(report));
}

} // namespace baton::sandbox
