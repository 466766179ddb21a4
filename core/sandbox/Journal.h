#pragma once

#include "core/sandbox/JournalEntry.h"

#include <QList>
#include <QMutex>
#include <deque>

namespace baton::sandbox {

// Every request the sandbox received, in arrival order; thread-safe. Entries are appended before the response
// goes out, so a client that has its answer always finds its request here. Bounded so a long demo run does not
// grow without limit: the oldest entries go first.
class Journal final {
public:
    explicit Journal(qsizetype capacity = 100000);
    Q_DISABLE_COPY_MOVE(Journal)

    void append(JournalEntry entry);
    QList<JournalEntry> snapshot() const;
    qsizetype size() const;
    void clear();

private:
    mutable QMutex m_mutex;
    std::deque<JournalEntry> m_entries;
    qsizetype m_capacity;
    quint64 m_sequence = 0;
};

} // namespace baton::sandbox
