#pragma once

// Filters over the sandbox's request journal that the sync tests share: the requests of one method and path, of
// one route set (optionally one demo account), under a path prefix, or carrying a header value. Each keeps arrival
// order. Header-only so that it adds nothing to baton_sync_harness; the tests that include it link baton_sandbox.
#include "core/sandbox/JournalEntry.h"

#include <QList>
#include <QString>

namespace baton::testing {

// The entries for which keep(entry) is true, in arrival order.
template <typename Predicate>
QList<sandbox::JournalEntry> journalWhere(const QList<sandbox::JournalEntry>& journal, Predicate keep) {
    QList<sandbox::JournalEntry> out;
    for (const sandbox::JournalEntry& e : journal) {
        if (keep(e)) {
            out.append(e);
        }
    }
    return out;
}

// The requests of one method and exact (percent-decoded) path.
inline QList<sandbox::JournalEntry> requestsTo(const QList<sandbox::JournalEntry>& journal, const QString& method,
                                               const QString& path) {
    return journalWhere(journal, [&](const sandbox::JournalEntry& e) { return e.method == method && e.path == path; });
}

// The requests a route set answered ("reddit", "discourse", ...), of one demo account when account is given.
inline QList<sandbox::JournalEntry> inRouteSet(const QList<sandbox::JournalEntry>& journal, const QString& routeSet,
                                               const QString& account = {}) {
    return journalWhere(journal, [&](const sandbox::JournalEntry& e) {
        return e.routeSet == routeSet && (account.isEmpty() || e.account == account);
    });
}

// The requests whose path starts with prefix.
inline QList<sandbox::JournalEntry> underPath(const QList<sandbox::JournalEntry>& journal, const QString& prefix) {
    return journalWhere(journal, [&](const sandbox::JournalEntry& e) { return e.path.startsWith(prefix); });
}

// The requests that carried header name (lower case) with exactly this value.
inline QList<sandbox::JournalEntry> withHeader(const QList<sandbox::JournalEntry>& journal, const QString& name,
                                               const QString& value) {
    return journalWhere(journal, [&](const sandbox::JournalEntry& e) { return e.header(name) == value; });
}

} // namespace baton::testing
