#include "core/store/Store.h"

#include <QFile>
#include <QFileInfo>

namespace baton::store {

Expected<std::unique_ptr<Store>, Error> Store::open(const QString& path) {
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    const bool existed = QFileInfo::exists(path);
    if (!existed) {
        // Create the file owner-only before SQLite writes anything into it.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) {
            return unexpected(Error{ErrorCode::Io, QStringLiteral("cannot create %1: %2").arg(path, f.errorString())});
        }
        f.close();
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    store->m_writer = std::make_unique<StoreWriter>();
    if (auto r = store->m_writer->open(path); !r) {
        return unexpected(r.error());
    }
    auto reader = store->openReader();
    if (!reader) {
        return unexpected(reader.error());
    }
    store->m_reader = std::move(*reader);
    return store;
}

Store::~Store() {
    m_reader.reset();
    m_writer.reset();
}

Expected<std::unique_ptr<Database>, Error> Store::openReader() const {
    auto db = std::make_unique<Database>();
    if (auto r = db->open(m_path, Database::Mode::ReadOnly); !r) {
        return unexpected(r.error());
    }
    return db;
}

} // namespace baton::store
