#pragma once

#include <QString>

namespace baton::bench {

// A profile database with `items` realistic inbox items written straight into the schema (much faster than
// syncing them): 4 accounts on 3 networks, 12 communities, 5,000 authors, one item every 30 s ending now,
// English and French texts, sentiment, statuses (mostly done, the last weeks open), assignees, tags, replies.
// Reuses the file when it already holds that many items. Returns false with a message on stderr on failure.
bool buildProfileDatabase(const QString& path, qint64 items);

} // namespace baton::bench
