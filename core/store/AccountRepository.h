#pragma once

#include "core/model/Account.h"
#include "core/store/ChangeSet.h"
#include "core/store/Database.h"

#include <QList>
#include <optional>

namespace baton::store::AccountRepository {

Expected<qint64, Error> add(Database& db, const model::Account& account, ChangeSet& changes);
Expected<void, Error> update(Database& db, const model::Account& account, ChangeSet& changes);
Expected<void, Error> setLastError(Database& db, qint64 accountId, const QString& error, ChangeSet& changes);
Expected<void, Error> remove(Database& db, qint64 accountId, ChangeSet& changes);

QList<model::Account> list(Database& db);
std::optional<model::Account> byId(Database& db, qint64 id);
std::optional<model::Account> byName(Database& db, const QString& name);

} // namespace baton::store::AccountRepository
