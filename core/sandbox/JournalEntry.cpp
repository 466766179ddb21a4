#include "core/sandbox/JournalEntry.h"

namespace baton::sandbox {

QString JournalEntry::header(const QString& lowerName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerName) {
            return value;
        }
    }
    return {};
}

QStringList JournalEntry::queryValues(const QString& name) const {
    return url::values(query, name);
}

QString JournalEntry::queryValue(const QString& name) const {
    return url::lastValue(query, name);
}

} // namespace baton::sandbox
