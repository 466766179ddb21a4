#include "core/store/AccountRepository.h"

#include <QJsonDocument>

namespace baton::store::AccountRepository {
namespace {

#define ACCOUNT_SELECT                                                                                                 \
    "SELECT id, network, name, base_url, handle, remote_id, settings, last_error, created_at FROM accounts "

model::Account read(const Statement& st) {
    model::Account a;
    a.id = st.int64(0);
    a.network = model::networkFromString(st.text(1)).value_or(model::Network::Mastodon);
    a.name = st.text(2);
    a.baseUrl = st.text(3);
    a.handle = st.text(4);
    a.remoteId = st.text(5);
    a.settings = QJsonDocument::fromJson(st.text(6).toUtf8()).object();
    a.lastError = st.text(7);
    a.createdAt = st.int64(8);
    return a;
}

QString settingsJson(const model::Account& a) {
    return QString::fromUtf8(QJsonDocument(a.settings).toJson(QJsonDocument::Compact));
}

} // namespace

Expected<qint64, Error> add(Database& db, const model::Account& account, ChangeSet& changes) {
    if (byName(db, account.name)) {
        return unexpected(
            Error{ErrorCode::Conflict, QStringLiteral("an account named \"%1\" exists").arg(account.name)});
    }
    Statement st(db, "INSERT INTO accounts(network, name, base_url, handle, remote_id, settings, created_at) "
                     "VALUES(?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, model::toString(account.network)).bind(2, account.name).bind(3, account.baseUrl);
    st.bind(4, account.handle).bind(5, account.remoteId).bind(6, settingsJson(account)).bind(7, account.createdAt);
    if (auto r = st.exec(); !r) {
        return unexpected(r.error());
    }
    const qint64 id = db.lastInsertId();
    changes.accounts.insert(id);
    return id;
}

Expected<void, Error> update(Database& db, const model::Account& account, ChangeSet& changes) {
    Statement st(db, "UPDATE accounts SET name = ?, base_url = ?, handle = ?, remote_id = ?, settings = ?, "
                     "last_error = ? WHERE id = ?");
    st.bind(1, account.name).bind(2, account.baseUrl).bind(3, account.handle).bind(4, account.remoteId);
    st.bind(5, settingsJson(account)).bind(6, account.lastError).bind(7, account.id);
    if (auto r = st.exec(); !r) {
        return r;
    }
    changes.accounts.insert(account.id);
    return {};
}

Expected<void, Error> setLastError(Database& db, qint64 accountId, const QString& error, ChangeSet& changes) {
    Statement st(db, "UPDATE accounts SET last_error = ? WHERE id = ? AND last_error IS NOT ?1");
    st.bind(1, error.isEmpty() ? QString() : error).bind(2, accountId);
    if (auto r = st.exec(); !r) {
        return r;
    }
    if (db.changes() > 0) {
        changes.accounts.insert(accountId);
    }
    return {};
}

Expected<void, Error> remove(Database& db, qint64 accountId, ChangeSet& changes) {
    Statement st(db, "DELETE FROM accounts WHERE id = ?");
    st.bind(1, accountId);
    if (auto r = st.exec(); !r) {
        return r;
    }
    changes.accounts.insert(accountId);
    return {};
}

QList<model::Account> list(Database& db) {
    QList<model::Account> out;
    Statement st(db, ACCOUNT_SELECT "ORDER BY id");
    while (st.next()) {
        out.append(read(st));
    }
    return out;
}

std::optional<model::Account> byId(Database& db, qint64 id) {
    Statement st(db, ACCOUNT_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (st.next()) {
        return read(st);
    }
    return std::nullopt;
}

std::optional<model::Account> byName(Database& db, const QString& name) {
    Statement st(db, ACCOUNT_SELECT "WHERE name = ?");
    st.bind(1, name);
    if (st.next()) {
        return read(st);
    }
    return std::nullopt;
}

} // namespace baton::store::AccountRepository
