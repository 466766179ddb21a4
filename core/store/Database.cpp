#include "core/store/Database.h"

#include "core/common/Logging.h"

#include <QFile>
#include <sqlite3.h>
#include <unordered_map>

namespace baton::store {

struct Database::Cache {
    std::unordered_map<const char*, Statement> statements;
};

// ---- Statement ----

Statement::Statement(Database& db, const char* sql)
    : m_db(&db) {
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        m_error = db.lastError();
        m_error.detail += QStringLiteral(" [") + QString::fromUtf8(sql).left(120) + u']';
        qCWarning(lcStore) << "prepare failed:" << m_error.detail;
        m_stmt = nullptr;
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_error(std::move(other.m_error)) {
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_error = std::move(other.m_error);
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement& Statement::bind(int index, qint64 value) {
    if (m_stmt) {
        sqlite3_bind_int64(m_stmt, index, value);
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (m_stmt) {
        sqlite3_bind_double(m_stmt, index, value);
    }
    return *this;
}

Statement& Statement::bind(int index, const QString& value) {
    if (!m_stmt) {
        return *this;
    }
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
    } else {
        // UTF-16 binding avoids a conversion to UTF-8 in our code; SQLite converts once for storage.
        sqlite3_bind_text16(m_stmt, index, value.utf16(), static_cast<int>(value.size() * 2), SQLITE_TRANSIENT);
    }
    return *this;
}

Statement& Statement::bind(int index, const QByteArray& value) {
    if (m_stmt) {
        if (value.isNull()) {
            sqlite3_bind_null(m_stmt, index);
        } else {
            sqlite3_bind_blob(m_stmt, index, value.constData(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        }
    }
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (m_stmt) {
        sqlite3_bind_null(m_stmt, index);
    }
    return *this;
}

Statement& Statement::bindVariant(int index, const QVariant& value) {
    if (!value.isValid() || value.isNull()) {
        return bindNull(index);
    }
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Bool:
        return bind(index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return bind(index, value.toDouble());
    case QMetaType::QByteArray:
        return bind(index, value.toByteArray());
    default:
        return bind(index, value.toString());
    }
}

bool Statement::next() {
    if (!m_stmt) {
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_error = m_db->lastError(rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? ErrorCode::DatabaseCorrupt
                                                                              : ErrorCode::Database);
    }
    return false;
}

Expected<void, Error> Statement::exec() {
    if (!m_stmt) {
        return unexpected(m_error);
    }
    while (next()) {
    }
    const bool bad = failed();
    const Error err = m_error;
    reset();
    if (bad) {
        return unexpected(err);
    }
    return {};
}

void Statement::reset() {
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    if (m_error.code != ErrorCode::None && m_stmt) {
        m_error = {};
    }
}

qint64 Statement::int64(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::real(int col) const {
    return sqlite3_column_double(m_stmt, col);
}

QString Statement::text(int col) const {
    const auto* data = static_cast<const char16_t*>(sqlite3_column_text16(m_stmt, col));
    if (!data) {
        return {};
    }
    return QString::fromUtf16(data, sqlite3_column_bytes16(m_stmt, col) / 2);
}

QByteArray Statement::blob(int col) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, col));
}

bool Statement::isNull(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}
int Statement::columnCount() const {
    return m_stmt ? sqlite3_column_count(m_stmt) : 0;
}

// ---- Database ----

Database::~Database() {
    close();
}

Expected<void, Error> Database::open(const QString& path, Mode mode) {
    close();
    m_path = path;
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = lastError(ErrorCode::Io);
        e.detail = QStringLiteral("cannot open %1: %2").arg(path, e.detail);
        close();
        return unexpected(e);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 10000);
    m_cache = new Cache;
    // WAL lets readers run beside the single writer; NORMAL sync is durable across a killed process
    // (committed pages sit in the OS cache) and only a power cut could lose the last commits.
    const char* pragmas = mode == Mode::ReadOnly ? "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
                                                 : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                                   "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                                                   "PRAGMA cache_size=-32000;";
    if (auto r = exec(pragmas); !r) {
        Error e = r.error();
        close();
        if (e.detail.contains(QLatin1String("not a database")) || e.detail.contains(QLatin1String("malformed"))) {
            e.code = ErrorCode::DatabaseCorrupt;
        }
        return unexpected(e);
    }
    return {};
}

void Database::close() {
    delete m_cache;
    m_cache = nullptr;
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Expected<void, Error> Database::exec(const char* sql) {
    if (qstrncmp(sql, "ROLLBACK", 8) == 0) {
        ++m_rollbacks;
    }
    char* msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        Error e{rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? ErrorCode::DatabaseCorrupt : ErrorCode::Database,
                QString::fromUtf8(msg ? msg : sqlite3_errstr(rc))};
        sqlite3_free(msg);
        return unexpected(e);
    }
    return {};
}

Statement& Database::cached(const char* sql) {
    auto it = m_cache->statements.find(sql);
    if (it == m_cache->statements.end()) {
        it = m_cache->statements.emplace(sql, Statement(*this, sql)).first;
    } else {
        it->second.reset();
    }
    return it->second;
}

qint64 Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const {
    return sqlite3_changes(m_db);
}

Error Database::lastError(ErrorCode code) const {
    if (!m_db) {
        return {code, QStringLiteral("database not open")};
    }
    return {code, QString::fromUtf8(sqlite3_errmsg(m_db))};
}

int Database::userVersion() {
    Statement st(*this, "PRAGMA user_version");
    return st.next() ? static_cast<int>(st.int64(0)) : -1;
}

QString Database::integrityCheck() {
    Statement st(*this, "PRAGMA integrity_check");
    QStringList lines;
    while (st.next()) {
        lines << st.text(0);
    }
    if (st.failed()) {
        return st.error().detail;
    }
    return lines.join(u'\n');
}

// ---- Transaction ----

Transaction::Transaction(Database& db)
    : m_db(db) {
    auto r = m_db.exec("BEGIN IMMEDIATE");
    m_active = r.hasValue();
    if (!r) {
        m_error = r.error();
    }
}

Transaction::~Transaction() {
    if (m_active) {
        rollback();
    }
}

Expected<void, Error> Transaction::commit() {
    if (!m_active) {
        return unexpected(
            m_error.code != ErrorCode::None ? m_error : Error{ErrorCode::Database, QStringLiteral("no transaction")});
    }
    auto r = m_db.exec("COMMIT");
    if (!r) {
        rollback();
        return r;
    }
    m_active = false;
    return {};
}

void Transaction::rollback() {
    if (m_active) {
        (void)m_db.exec("ROLLBACK");
        m_active = false;
    }
}

} // namespace baton::store
