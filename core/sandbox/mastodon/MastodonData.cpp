#include "core/sandbox/mastodon/MastodonData.h"

#include <algorithm>

namespace baton::sandbox {

qint64 MastodonData::newId(qint64 ms) {
    qint64 id = (ms << 16) | static_cast<qint64>(m_sequence++);
    while (m_usedIds.contains(id)) {
        ++id;
    }
    m_usedIds.insert(id);
    return id;
}

qint64 MastodonData::newSmallId() {
    m_smallId += 1 + (m_smallId % 7); // gaps, as in a real table shared with other users
    return m_smallId;
}

void MastodonData::addPerson(const MastodonPerson& person) {
    m_people.insert(person.id, person);
    personOrder.append(person.id);
    m_byAcct.insert(acct(person).toLower(), person.id);
    if (person.domain.isEmpty()) {
        m_byAcct.insert((person.username + QLatin1Char('@') + localDomain()).toLower(), person.id);
    }
}

MastodonStatus& MastodonData::addStatus(const MastodonStatus& status) {
    MastodonStatus& stored = m_statuses[status.id];
    stored = status;
    m_byAuthor[status.authorId].insert(status.id);
    if (status.inReplyToId != 0) {
        m_children[status.inReplyToId].insert(status.id);
        if (MastodonStatus* parent = this->status(status.inReplyToId)) {
            ++parent->repliesCount;
        }
    }
    if (MastodonPerson* author = person(status.authorId)) {
        ++author->statuses;
        author->lastStatusMs = qMax(author->lastStatusMs, status.createdMs);
    }
    return stored;
}

void MastodonData::addNotification(int accountIndex, const MastodonNotification& notification) {
    accounts[accountIndex].notifications.insert_or_assign(notification.id, notification);
}

void MastodonData::markDeleted(qint64 statusId) {
    MastodonStatus* target = status(statusId);
    if (target == nullptr || target->deleted) {
        return;
    }
    target->deleted = true;
    m_byAuthor[target->authorId].erase(statusId);
    if (target->inReplyToId != 0) {
        if (MastodonStatus* parent = status(target->inReplyToId)) {
            parent->repliesCount = qMax(0, parent->repliesCount - 1);
        }
    }
    if (MastodonPerson* author = person(target->authorId)) {
        author->statuses = qMax(0, author->statuses - 1);
    }
    // Mastodon removes the notifications that point at a deleted status.
    for (MastodonDemoAccount& account : accounts) {
        for (auto it = account.notifications.begin(); it != account.notifications.end();) {
            it = it->second.statusId == statusId ? account.notifications.erase(it) : std::next(it);
        }
    }
}

const MastodonPerson* MastodonData::person(qint64 id) const {
    const auto it = m_people.constFind(id);
    return it == m_people.constEnd() ? nullptr : &*it;
}

MastodonPerson* MastodonData::person(qint64 id) {
    const auto it = m_people.find(id);
    return it == m_people.end() ? nullptr : &*it;
}

const MastodonPerson* MastodonData::personByAcct(const QString& acct) const {
    const auto it = m_byAcct.constFind(acct.toLower());
    return it == m_byAcct.constEnd() ? nullptr : person(*it);
}

const MastodonStatus* MastodonData::status(qint64 id) const {
    const auto it = m_statuses.constFind(id);
    return it == m_statuses.constEnd() ? nullptr : &*it;
}

MastodonStatus* MastodonData::status(qint64 id) {
    const auto it = m_statuses.find(id);
    return it == m_statuses.end() ? nullptr : &*it;
}

int MastodonData::accountIndexForPerson(qint64 personId) const {
    for (const MastodonDemoAccount& account : accounts) {
        if (account.personId == personId) {
            return account.index;
        }
    }
    return -1;
}

QString MastodonData::acct(const MastodonPerson& person) const {
    return person.domain.isEmpty() ? person.username : person.username + QLatin1Char('@') + person.domain;
}

QString MastodonData::profileUrl(const MastodonPerson& person) const {
    const QString host = person.domain.isEmpty() ? localDomain() : person.domain;
    return QStringLiteral("https://") + host + QStringLiteral("/@") + person.username;
}

QString MastodonData::statusUri(const MastodonStatus& status) const {
    const MastodonPerson* author = person(status.authorId);
    const QString host = author == nullptr || author->domain.isEmpty() ? localDomain() : author->domain;
    const QString user = author == nullptr ? QString() : author->username;
    return QStringLiteral("https://") + host + QStringLiteral("/users/") + user + QStringLiteral("/statuses/") +
           QString::number(status.id);
}

QString MastodonData::statusUrl(const MastodonStatus& status) const {
    const MastodonPerson* author = person(status.authorId);
    return author == nullptr ? QString() : profileUrl(*author) + QLatin1Char('/') + QString::number(status.id);
}

bool MastodonData::visibleTo(const MastodonStatus& status, int accountIndex) const {
    if (status.deleted) {
        return false;
    }
    if (status.visibility != QLatin1String("direct") && status.visibility != QLatin1String("private")) {
        return true;
    }
    const qint64 viewer = accounts.at(accountIndex).personId;
    if (status.authorId == viewer || status.mentionIds.contains(viewer)) {
        return true;
    }
    // Followers-only posts are visible to followers.
    if (status.visibility == QLatin1String("private")) {
        return accounts.at(accountIndex).relationships.value(status.authorId).following;
    }
    return false;
}

qint64 MastodonData::threadRoot(qint64 statusId) const {
    qint64 current = statusId;
    for (int depth = 0; depth < 4096; ++depth) {
        const MastodonStatus* s = status(current);
        if (s == nullptr || s->inReplyToId == 0 || status(s->inReplyToId) == nullptr) {
            return current;
        }
        current = s->inReplyToId;
    }
    return current;
}

QList<qint64> MastodonData::ancestors(qint64 statusId, int accountIndex) const {
    QList<qint64> chain;
    const MastodonStatus* current = status(statusId);
    while (current != nullptr && current->inReplyToId != 0 && chain.size() < 4096) {
        const MastodonStatus* parent = status(current->inReplyToId);
        if (parent == nullptr || !visibleTo(*parent, accountIndex)) {
            break;
        }
        chain.append(parent->id);
        current = parent;
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

QList<qint64> MastodonData::descendants(qint64 statusId, int accountIndex) const {
    QList<qint64> out;
    QList<qint64> stack;
    const auto pushChildren = [&](qint64 parent) {
        const auto it = m_children.constFind(parent);
        if (it == m_children.constEnd()) {
            return;
        }
        for (auto child = it->crbegin(); child != it->crend(); ++child) { // reversed: oldest is popped first
            stack.append(*child);
        }
    };
    pushChildren(statusId);
    while (!stack.isEmpty() && out.size() < 4096) {
        const qint64 id = stack.takeLast();
        const MastodonStatus* s = status(id);
        if (s == nullptr || !visibleTo(*s, accountIndex)) {
            continue; // a deleted reply hides its branch, as the reply chain is broken there
        }
        out.append(id);
        pushChildren(id);
    }
    return out;
}

const std::set<qint64>& MastodonData::statusesBy(qint64 personId) const {
    static const std::set<qint64> kEmpty;
    const auto it = m_byAuthor.constFind(personId);
    return it == m_byAuthor.constEnd() ? kEmpty : *it;
}

} // namespace baton::sandbox
