#include "core/sandbox/mastodon/MastodonStore.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/mastodon/MastodonJson.h"
#include "core/sandbox/mastodon/MastodonPublisher.h"

#include <QJsonArray>

namespace baton::sandbox {

MastodonStore::MastodonStore(const SandboxOptions& options, const SandboxClock& clock)
    : m_clock(clock)
    , m_generator(options, clock.startMs()) {
    m_generator.populate(m_data);
}

HttpResponse MastodonStore::ok(const QJsonObject& object) {
    return HttpResponse::json(200, MastodonJson::serialize(object));
}

HttpResponse MastodonStore::notFound() {
    return HttpResponse::jsonError(404, QStringLiteral("Record not found"));
}

int MastodonStore::accountForToken(const QString& token) const {
    if (token.isEmpty()) {
        return -1;
    }
    const QMutexLocker lock(&m_mutex);
    for (const MastodonDemoAccount& account : m_data.accounts) {
        if (account.token == token) {
            return account.revoked ? -1 : account.index;
        }
    }
    return -1;
}

QString MastodonStore::accountName(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_data.accounts.size() ? m_data.accounts.at(account).name : QString();
}

int MastodonStore::accountCount() const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_data.accounts.size());
}

QList<SandboxAccount> MastodonStore::accounts(const QString& baseUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const MastodonDemoAccount& account : m_data.accounts) {
        const MastodonPerson* person = m_data.person(account.personId);
        SandboxAccount a;
        a.network = QStringLiteral("mastodon");
        a.name = account.name;
        a.baseUrl = baseUrl;
        a.token = account.token;
        a.remoteId = QString::number(account.personId);
        a.acct = person != nullptr ? m_data.acct(*person) : QString();
        out.append(a);
    }
    return out;
}

HttpResponse MastodonStore::credentials(int account) const {
    const QMutexLocker lock(&m_mutex);
    return ok(MastodonJson(m_data, account).credentialAccount());
}

HttpResponse MastodonStore::person(int account, qint64 personId) const {
    const QMutexLocker lock(&m_mutex);
    const MastodonPerson* person = m_data.person(personId);
    return person == nullptr ? notFound() : ok(MastodonJson(m_data, account).account(*person));
}

MastodonStore::Page MastodonStore::notifications(int account, const NotificationFilter& filter,
                                                 const PageRequest& page) const {
    const QMutexLocker lock(&m_mutex);
    const MastodonDemoAccount& demo = m_data.accounts.at(account);
    const auto accept = [&](qint64 id) {
        const MastodonNotification& n = demo.notifications.at(id);
        if (!filter.types.isEmpty() && !filter.types.contains(n.type)) {
            return false;
        }
        if (filter.excludeTypes.contains(n.type)) {
            return false;
        }
        return filter.fromAccountId == 0 || n.fromId == filter.fromAccountId;
    };
    const QList<qint64> ids = MastodonPaging::select(demo.notifications, page, accept);
    const MastodonJson json(m_data, account);
    QJsonArray items;
    for (const qint64 id : ids) {
        items.append(json.notification(demo.notifications.at(id)));
    }
    Page out;
    out.body = MastodonJson::serialize(items);
    out.count = ids.size();
    if (!ids.isEmpty()) {
        out.newestCursor = ids.constFirst();
        out.oldestCursor = ids.constLast();
    }
    return out;
}

HttpResponse MastodonStore::notification(int account, qint64 id) const {
    const QMutexLocker lock(&m_mutex);
    const MastodonDemoAccount& demo = m_data.accounts.at(account);
    const auto it = demo.notifications.find(id);
    return it == demo.notifications.end() ? notFound() : ok(MastodonJson(m_data, account).notification(it->second));
}

HttpResponse MastodonStore::dismissNotification(int account, qint64 id) {
    const QMutexLocker lock(&m_mutex);
    const bool erased = m_data.accounts[account].notifications.erase(id) > 0;
    return erased ? ok(QJsonObject()) : notFound();
}

HttpResponse MastodonStore::clearNotifications(int account) {
    const QMutexLocker lock(&m_mutex);
    m_data.accounts[account].notifications.clear();
    return ok(QJsonObject());
}

MastodonStore::Page MastodonStore::conversations(int account, const PageRequest& page) const {
    const QMutexLocker lock(&m_mutex);
    const MastodonDemoAccount& demo = m_data.accounts.at(account);
    // Paged by last status id, as AccountConversation is: the Link cursors are not conversation ids.
    const QList<qint64> cursors =
        MastodonPaging::select(demo.conversationByLastStatus, page, [](qint64) { return true; });
    const MastodonJson json(m_data, account);
    QJsonArray items;
    for (const qint64 cursor : cursors) {
        items.append(json.conversation(demo.conversations.value(demo.conversationByLastStatus.at(cursor))));
    }
    Page out;
    out.body = MastodonJson::serialize(items);
    out.count = cursors.size();
    if (!cursors.isEmpty()) {
        out.newestCursor = cursors.constFirst();
        out.oldestCursor = cursors.constLast();
    }
    return out;
}

std::optional<MastodonStore::Page> MastodonStore::accountStatuses(int account, qint64 personId,
                                                                  const StatusFilter& filter,
                                                                  const PageRequest& page) const {
    const QMutexLocker lock(&m_mutex);
    if (m_data.person(personId) == nullptr) {
        return std::nullopt;
    }
    Page out;
    if (filter.onlyMedia || filter.pinned) { // nothing in the sandbox has media or is pinned
        out.body = "[]";
        return out;
    }
    const auto accept = [&](qint64 id) {
        const MastodonStatus* s = m_data.status(id);
        if (s == nullptr || !m_data.visibleTo(*s, account)) {
            return false;
        }
        if (filter.excludeReblogs && s->reblogOfId != 0) {
            return false;
        }
        return !(filter.excludeReplies && s->inReplyToId != 0 && s->inReplyToAccountId != personId);
    };
    const QList<qint64> ids = MastodonPaging::select(m_data.statusesBy(personId), page, accept);
    const MastodonJson json(m_data, account);
    QJsonArray items;
    for (const qint64 id : ids) {
        items.append(json.status(*m_data.status(id)));
    }
    out.body = MastodonJson::serialize(items);
    out.count = ids.size();
    if (!ids.isEmpty()) {
        out.newestCursor = ids.constFirst();
        out.oldestCursor = ids.constLast();
    }
    return out;
}

HttpResponse MastodonStore::status(int account, qint64 id) const {
    const QMutexLocker lock(&m_mutex);
    const MastodonStatus* s = m_data.status(id);
    if (s == nullptr || !m_data.visibleTo(*s, account)) {
        return notFound();
    }
    return ok(MastodonJson(m_data, account).status(*s));
}

HttpResponse MastodonStore::context(int account, qint64 id) const {
    const QMutexLocker lock(&m_mutex);
    const MastodonStatus* s = m_data.status(id);
    if (s == nullptr || !m_data.visibleTo(*s, account)) {
        return notFound();
    }
    const MastodonJson json(m_data, account);
    QJsonArray ancestors;
    for (const qint64 ancestor : m_data.ancestors(id, account)) {
        ancestors.append(json.status(*m_data.status(ancestor)));
    }
    QJsonArray descendants;
    for (const qint64 descendant : m_data.descendants(id, account)) {
        descendants.append(json.status(*m_data.status(descendant)));
    }
    QJsonObject body;
    body.insert(QStringLiteral("ancestors"), ancestors);
    body.insert(QStringLiteral("descendants"), descendants);
    return ok(body);
}

MastodonGenerator::Created MastodonStore::addMention(int account, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    return m_generator.addMention(m_data, account, m_clock.nowMs(), text);
}

void MastodonStore::addLiveMention() {
    const QMutexLocker lock(&m_mutex);
    const auto count = static_cast<quint64>(m_data.accounts.size());
    if (count == 0) {
        return;
    }
    const quint64 tick = m_liveTicks++;
    const int account = count == 1 || tick % 2 == 0 ? 0 : static_cast<int>(1 + (tick / 2) % (count - 1));
    m_generator.addMention(m_data, account, m_clock.nowMs());
}

bool MastodonStore::editStatus(qint64 statusId, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    return MastodonPublisher::edit(m_data, statusId, text, m_clock.nowMs());
}

bool MastodonStore::revokeToken(int account) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_data.accounts.size()) {
        return false;
    }
    m_data.accounts[account].revoked = true;
    return true;
}

int MastodonStore::statusesCreatedWithKey(const QString& key) const {
    const QMutexLocker lock(&m_mutex);
    int total = 0;
    for (const MastodonDemoAccount& account : m_data.accounts) {
        total += account.createdPerKey.value(key);
    }
    return total;
}

int MastodonStore::statusesCreated() const {
    const QMutexLocker lock(&m_mutex);
    int total = 0;
    for (const MastodonDemoAccount& account : m_data.accounts) {
        total += account.createdCount;
    }
    return total;
}

int MastodonStore::mentionCount(int account) const {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_data.accounts.size()) {
        return 0;
    }
    int count = 0;
    for (const auto& entry : m_data.accounts.at(account).notifications) {
        count += entry.second.type == QLatin1String("mention") ? 1 : 0;
    }
    return count;
}

} // namespace baton::sandbox
