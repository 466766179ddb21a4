#include "core/store/CommunityRepository.h"

namespace baton::store::CommunityRepository {

Expected<qint64, Error> resolve(Database& db, qint64 accountId, const QString& remoteId, const QString& name) {
    if (remoteId.isEmpty()) {
        return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("a community without a remote id")});
    }
    const QString shown = name.trimmed().isEmpty() ? remoteId : name.trimmed();
    Statement& find = db.cached("SELECT id, name FROM communities WHERE account_id = ? AND remote_id = ?");
    find.bind(1, accountId).bind(2, remoteId);
    if (find.next()) {
        const qint64 id = find.int64(0);
        const bool renamed = find.text(1) != shown && !name.trimmed().isEmpty();
        find.reset();
        if (renamed) {
            Statement& rename = db.cached("UPDATE communities SET name = ? WHERE id = ?");
            rename.bind(1, shown).bind(2, id);
            if (auto r = rename.exec(); !r) {
                return unexpected(r.error());
            }
        }
        return id;
    }
    find.reset();
    Statement& ins = db.cached("INSERT INTO communities(account_id, remote_id, name) VALUES(?, ?, ?)");
    ins.bind(1, accountId).bind(2, remoteId).bind(3, shown);
    if (auto r = ins.exec(); !r) {
        return unexpected(r.error());
    }
    return db.lastInsertId();
}

QList<Community> all(Database& db) {
    Statement st(db,
                 "SELECT id, account_id, remote_id, name FROM communities ORDER BY account_id, name COLLATE NOCASE");
    QList<Community> out;
    while (st.next()) {
        out.append({st.int64(0), st.int64(1), st.text(2), st.text(3)});
    }
    return out;
}

} // namespace baton::store::CommunityRepository
