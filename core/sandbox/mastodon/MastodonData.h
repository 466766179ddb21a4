#pragma once

#include "core/sandbox/mastodon/MastodonEntities.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <set>

namespace baton::sandbox {

// The sandbox instance's whole state with the indexes the listings need. Not thread-safe by itself:
// MastodonStore guards it.
class MastodonData final {
public:
    static QString localDomain() { return QStringLiteral("sandbox.example"); }

    // A snowflake-like id (ms << 16 | sequence) that is unique here; such ids exceed 2^53.
    qint64 newId(qint64 ms);
    // Small sequential ids, as Mastodon uses for conversations and reports.
    qint64 newSmallId();

    void addPerson(const MastodonPerson& person);
    MastodonStatus& addStatus(const MastodonStatus& status);
    void addNotification(int accountIndex, const MastodonNotification& notification);
    void markDeleted(qint64 statusId);

    const MastodonPerson* person(qint64 id) const;
    MastodonPerson* person(qint64 id);
    const MastodonPerson* personByAcct(const QString& acct) const; // "user", "user@domain"
    const MastodonStatus* status(qint64 id) const;                 // deleted ones too
    MastodonStatus* status(qint64 id);
    int accountIndexForPerson(qint64 personId) const; // -1 if not a demo account

    QString acct(const MastodonPerson& person) const;
    QString profileUrl(const MastodonPerson& person) const;
    QString statusUri(const MastodonStatus& status) const;
    QString statusUrl(const MastodonStatus& status) const;

    bool visibleTo(const MastodonStatus& status, int accountIndex) const;
    qint64 threadRoot(qint64 statusId) const;
    QList<qint64> ancestors(qint64 statusId, int accountIndex) const;   // oldest first
    QList<qint64> descendants(qint64 statusId, int accountIndex) const; // depth-first, oldest branch first
    const std::set<qint64>& statusesBy(qint64 personId) const;

    QList<MastodonDemoAccount> accounts;
    QList<qint64> personOrder; // creation order, for deterministic iteration

private:
    QHash<qint64, MastodonPerson> m_people;
    QHash<QString, qint64> m_byAcct; // lower-case acct -> id
    QHash<qint64, MastodonStatus> m_statuses;
    QHash<qint64, std::set<qint64>> m_byAuthor;
    QHash<qint64, std::set<qint64>> m_children;
    QSet<qint64> m_usedIds;
    quint16 m_sequence = 0;
    qint64 m_smallId = 4200;
};

} // namespace baton::sandbox
