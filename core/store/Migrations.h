#pragma once

#include "core/store/Database.h"

namespace baton::store {

// The schema as a list of steps; step N takes the file from user_version N-1 to N, each in one transaction,
// so a failed step leaves the file exactly as it was.
int latestSchemaVersion();
Expected<void, Error> migrate(Database& db);

} // namespace baton::store
