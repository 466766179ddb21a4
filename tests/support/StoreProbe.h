#pragma once

// Read-only look-ups that integration tests run against a profile's database: one value, one column or whole rows
// from SQL with bound values, plus the checks every sync test repeats (integrity, duplicates). Header-only so that
// only the tests that include it need to link baton_store.
#include "core/store/Database.h"

#include <QList>
#include <QStringList>
#include <QVariant>
#include <initializer_list>

namespace baton::testing {

using SqlArgs = std::initializer_list<QVariant>;

inline store::Statement prepareProbe(store::Database& db, const char* sql, SqlArgs args) {
    store::Statement st(db, sql);
    int index = 1;
    for (const QVariant& arg : args) {
        st.bindVariant(index++, arg);
    }
    return st;
}

// The first column of the first row as an integer; -1 when there is no row or the statement fails.
inline qint64 queryInt(store::Database& db, const char* sql, SqlArgs args = {}) {
    store::Statement st = prepareProbe(db, sql, args);
    return st.next() ? st.int64(0) : -1;
}

// The first column of the first row as text; a null QString when there is no row or it is NULL.
inline QString queryText(store::Database& db, const char* sql, SqlArgs args = {}) {
    store::Statement st = prepareProbe(db, sql, args);
    return st.next() ? st.text(0) : QString();
}

// The first column of every row.
inline QStringList queryColumn(store::Database& db, const char* sql, SqlArgs args = {}) {
    store::Statement st = prepareProbe(db, sql, args);
    QStringList out;
    while (st.next()) {
        out.append(st.text(0));
    }
    return out;
}

// The columns of the first row as text (NULL as a null QString); empty when there is no row.
inline QStringList queryRow(store::Database& db, const char* sql, SqlArgs args = {}) {
    store::Statement st = prepareProbe(db, sql, args);
    QStringList row;
    if (st.next()) {
        for (int c = 0; c < st.columnCount(); ++c) {
            row.append(st.isNull(c) ? QString() : st.text(c));
        }
    }
    return row;
}

// Every row as one line ("a | b | NULL"), so whole tables can be compared before and after, and a difference
// reads well in a failure message.
inline QStringList queryTable(store::Database& db, const char* sql, SqlArgs args = {}) {
    store::Statement st = prepareProbe(db, sql, args);
    QStringList out;
    while (st.next()) {
        QStringList row;
        for (int c = 0; c < st.columnCount(); ++c) {
            row.append(st.isNull(c) ? QStringLiteral("NULL") : st.text(c));
        }
        out.append(row.join(QLatin1String(" | ")));
    }
    return out;
}

// The error of a failed Expected for a test message, empty on success (QVERIFY2 evaluates its message always).
template <typename T>
QByteArray failureText(const Expected<T, Error>& result) {
    return result.hasValue() ? QByteArray() : result.error().toString().toLocal8Bit();
}

inline qint64 itemCount(store::Database& db) {
    return queryInt(db, "SELECT count(*) FROM items");
}

// Remote ids stored more than once for one account (the schema forbids it; this checks that it still holds).
inline qint64 duplicateItems(store::Database& db) {
    return queryInt(db, "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT account_id, remote_id FROM items)) "
                        "FROM items");
}

} // namespace baton::testing
