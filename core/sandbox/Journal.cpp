#include "core/sandbox/Journal.h"

namespace baton::sandbox {

Journal::Journal(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(1, capacity)) {
}

void Journal::append(JournalEntry entry) {
    const QMutexLocker lock(&m_mutex);
    entry.sequence = ++m_sequence;
    m_entries.push_back(std::move(entry));
    while (static_cast<qsizetype>(m_entries.size()) > m_capacity) {
        m_entries.pop_front();
    }
}

QList<JournalEntry> Journal::snapshot() const {
    const QMutexLocker lock(&m_mutex);
    return QList<JournalEntry>(m_entries.cbegin(), m_entries.cend());
}

qsizetype Journal::size() const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<qsizetype>(m_entries.size());
}

void Journal::clear() {
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace baton::sandbox
