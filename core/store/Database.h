#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace baton::store {

class Database;

// A prepared statement, short-lived and owned by the caller. Columns and parameters are 0-based / 1-based
// exactly as in sqlite3 (bind index 1 is the first '?').
class Statement final {
public:
    Statement() = default;
    Statement(Database& db, const char* sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Q_DISABLE_COPY(Statement)

    bool isValid() const { return m_stmt != nullptr; }

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& value); // a null QString binds NULL
    Statement& bind(int index, const QByteArray& value);
    Statement& bindNull(int index);
    Statement& bindVariant(int index, const QVariant& value);

    // Steps once: true when a row is available, false when done. Errors are remembered (see error()).
    bool next();
    // Runs to completion; for statements that return no rows.
    Expected<void, Error> exec();
    void reset();
    const Error& error() const { return m_error; }
    bool failed() const { return m_error.code != ErrorCode::None; }

    qint64 int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    QByteArray blob(int col) const;
    bool isNull(int col) const;
    int columnCount() const;

private:
    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    Error m_error;
};

// An open sqlite3 connection. Not thread-safe: one per thread (the writer thread has the only writable one).
class Database final {
public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens (creating in ReadWrite mode) the file and applies the connection settings (WAL, foreign keys,
    // busy timeout). Does not migrate; see Migrations.
    Expected<void, Error> open(const QString& path, Mode mode = Mode::ReadWrite);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    const QString& path() const { return m_path; }

    Expected<void, Error> exec(const char* sql);
    Statement prepare(const char* sql) { return Statement(*this, sql); }
    // A cached prepared statement for hot paths (the SQL text must be a literal with static lifetime).
    Statement& cached(const char* sql);

    qint64 lastInsertId() const;
    int changes() const;
    Error lastError(ErrorCode code = ErrorCode::Database) const;
    sqlite3* handle() const { return m_db; }

    // Bumped by every ROLLBACK run through exec(): caches of rows written by this connection compare it to know
    // when what they remember may have been undone.
    quint64 rollbackGeneration() const { return m_rollbacks; }

    int userVersion();
    QString integrityCheck(); // "ok" when the file is sound

private:
    sqlite3* m_db = nullptr;
    QString m_path;
    quint64 m_rollbacks = 0;
    struct Cache;
    Cache* m_cache = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction final {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)
    bool isActive() const { return m_active; }
    const Error& error() const { return m_error; }
    Expected<void, Error> commit();
    void rollback();

private:
    Database& m_db;
    bool m_active = false;
    Error m_error;
};

} // namespace baton::store
