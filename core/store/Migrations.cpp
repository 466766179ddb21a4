#include "core/store/Migrations.h"

#include "core/common/Logging.h"

#include <array>

namespace baton::store {
namespace {

// Timestamps are UTC milliseconds. Enumerations are stored by their stable lowercase names (core/model/Enums).
constexpr const char* kV1 = R"sql(
CREATE TABLE accounts(
    id INTEGER PRIMARY KEY,
    network TEXT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    base_url TEXT NOT NULL,
    handle TEXT,
    remote_id TEXT,
    settings TEXT NOT NULL DEFAULT '{}',
    last_error TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE communities(
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    remote_id TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE(account_id, remote_id)
);
CREATE TABLE people(
    id INTEGER PRIMARY KEY,
    display_name TEXT,
    merged_into INTEGER REFERENCES people(id)
);
CREATE TABLE identities(
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people(id),
    network TEXT NOT NULL,
    remote_id TEXT,
    handle TEXT NOT NULL,
    display_name TEXT,
    avatar_url TEXT,
    profile_url TEXT,
    followers INTEGER,
    following INTEGER,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    UNIQUE(network, handle)
);
CREATE TABLE items(
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
    network TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    notification_id TEXT,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    identity_id INTEGER REFERENCES identities(id),
    parent_remote_id TEXT,
    thread_remote_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL DEFAULT 0,
    fetched_at INTEGER NOT NULL,
    text TEXT NOT NULL,
    html TEXT,
    url TEXT,
    lang TEXT,
    visibility TEXT,
    rating INTEGER,
    sentiment REAL,
    sentiment_label TEXT,
    sentiment_override REAL,
    status TEXT NOT NULL DEFAULT 'new',
    snooze_until INTEGER,
    assignee TEXT,
    first_response_at INTEGER,
    deleted_at INTEGER,
    UNIQUE(account_id, remote_id)
);
-- items.id is a time key (see ItemRepository::timeKey), so rowid order is time order: "newest first" walks the
-- table itself, every single-column index below is already sorted by time within its value, and the full-text
-- index (keyed by the same id) streams its matches newest first.
CREATE INDEX items_status ON items(status);
CREATE INDEX items_account ON items(account_id);
CREATE INDEX items_community ON items(community_id) WHERE community_id IS NOT NULL;
CREATE INDEX items_identity ON items(identity_id);
CREATE INDEX items_parent ON items(parent_remote_id, account_id) WHERE parent_remote_id IS NOT NULL;
CREATE INDEX items_thread ON items(thread_remote_id, account_id) WHERE thread_remote_id <> remote_id;

-- Full-text index keyed by items.id. It keeps its own copy of the text so edits and deletions are exact and
-- snippet()/highlight() work for search results.
CREATE VIRTUAL TABLE items_fts USING fts5(text, author, tokenize='unicode61 remove_diacritics 2');

CREATE TABLE tags(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, color TEXT);
CREATE TABLE item_tags(
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY(item_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags(tag_id, item_id);
CREATE TABLE notes(
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    author TEXT,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_item ON notes(item_id);
CREATE TABLE outbox(
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
    parent_remote_id TEXT,
    text TEXT NOT NULL,
    visibility TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    remote_id TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
CREATE INDEX outbox_item ON outbox(item_id);
CREATE TABLE sync_state(
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    stream TEXT NOT NULL,
    cursor TEXT,
    backfill_cursor TEXT,
    backfill_done INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_ok_at INTEGER,
    last_error TEXT,
    PRIMARY KEY(account_id, stream)
);
CREATE TABLE rules(id INTEGER PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL, definition TEXT NOT NULL,
                   enabled INTEGER NOT NULL DEFAULT 1);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    account_id INTEGER,
    item_id INTEGER,
    detail TEXT
);
CREATE INDEX events_at ON events(at);
)sql";

// Metrics (core/insight): per-community settings (business hours), and answered items by answer time so the
// backlog at a past instant does not scan the table.
constexpr const char* kV2 = R"sql(
ALTER TABLE communities ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
CREATE INDEX items_first_response ON items(first_response_at) WHERE first_response_at IS NOT NULL;
)sql";

// Metrics: the items still waiting for a reply, small and covering, so the backlog of any scope is read from the
// index alone. Its WHERE is the backlog's "open" rule word for word (core/insight/Metrics.cpp), as SQLite needs.
constexpr const char* kV3 = R"sql(
CREATE INDEX items_open ON items(created_at, community_id, account_id)
    WHERE first_response_at IS NULL AND direction = 'in' AND deleted_at IS NULL
      AND status IN ('new', 'in-progress', 'waiting', 'snoozed');
)sql";

// The "assigned to" filter and view: an index over the few assigned items.
constexpr const char* kV4 = R"sql(
CREATE INDEX items_assignee ON items(assignee) WHERE assignee IS NOT NULL AND assignee <> '';
)sql";

constexpr std::array<const char*, 4> kSteps{kV1, kV2, kV3, kV4};

} // namespace

int latestSchemaVersion() {
    return static_cast<int>(kSteps.size());
}

Expected<void, Error> migrate(Database& db) {
    const int current = db.userVersion();
    if (current < 0) {
        return unexpected(db.lastError(ErrorCode::DatabaseCorrupt));
    }
    if (current > latestSchemaVersion()) {
        return unexpected(
            Error{ErrorCode::Migration, QStringLiteral("the database has schema version %1, newer than this Baton (%2)")
                                            .arg(current)
                                            .arg(latestSchemaVersion())});
    }
    for (int v = current; v < latestSchemaVersion(); ++v) {
        Transaction tx(db);
        if (!tx.isActive()) {
            return unexpected(tx.error());
        }
        if (auto r = db.exec(kSteps[static_cast<std::size_t>(v)]); !r) {
            Error e{ErrorCode::Migration, QStringLiteral("step %1: %2").arg(v + 1).arg(r.error().detail)};
            return unexpected(e); // tx rolls back: the file stays at version v
        }
        const QByteArray setVersion = "PRAGMA user_version=" + QByteArray::number(v + 1);
        if (auto r = db.exec(setVersion.constData()); !r) {
            return unexpected(r.error());
        }
        if (auto r = tx.commit(); !r) {
            return unexpected(Error{ErrorCode::Migration, r.error().detail});
        }
        qCInfo(lcStore) << "migrated" << db.path() << "to schema version" << v + 1;
    }
    return {};
}

} // namespace baton::store
