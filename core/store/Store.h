#pragma once

#include "core/store/Database.h"
#include "core/store/StoreWriter.h"

#include <memory>

namespace baton::store {

// The local store of one profile: the writer thread and a read connection for the thread that opened it.
// Other threads open their own read connections with openReader().
class Store final {
public:
    // Opens or creates the database at path (0600, migrated to the latest schema).
    static Expected<std::unique_ptr<Store>, Error> open(const QString& path);
    ~Store();
    Q_DISABLE_COPY_MOVE(Store)

    StoreWriter& writer() { return *m_writer; }
    Database& reader() { return *m_reader; }
    const QString& path() const { return m_path; }
    Expected<std::unique_ptr<Database>, Error> openReader() const;

private:
    Store() = default;
    QString m_path;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<Database> m_reader;
};

} // namespace baton::store
