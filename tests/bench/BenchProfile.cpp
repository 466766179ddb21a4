#include "BenchProfile.h"

#include "core/store/Database.h"
#include "core/store/ItemRepository.h"
#include "core/store/Migrations.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <iterator>

namespace baton::bench {
namespace {

const char* const kEn[] = {"the",      "app",     "crashed", "again",    "when",    "I",          "open",
                           "settings", "love",    "new",     "update",   "thanks",  "team",       "how",
                           "do",       "export",  "my",      "data",     "refund",  "order",      "delivery",
                           "late",     "great",   "support", "terrible", "awful",   "experience", "please",
                           "help",     "account", "login",   "broken",   "amazing", "feature",    "request",
                           "dark",     "mode",    "why",     "is",       "it",      "so",         "slow"};
const char* const kFr[] = {
    "merci",  "pour",    "la",     "mise",   "à",       "jour",     "mon",  "colis",   "est",           "arrivé",
    "en",     "retard",  "super",  "équipe", "comment", "exporter", "mes",  "données", "remboursement", "commande",
    "génial", "service", "client", "nul",    "déçu",    "bravo",    "aide", "compte"};

QString sentence(QRandomGenerator& rng) {
    const bool fr = rng.bounded(4) == 0;
    const int n = 6 + rng.bounded(26);
    QString s;
    for (int i = 0; i < n; ++i) {
        if (i) {
            s += u' ';
        }
        s += QString::fromUtf8(fr ? kFr[rng.bounded(int(std::size(kFr)))] : kEn[rng.bounded(int(std::size(kEn)))]);
    }
    if (rng.bounded(4) == 0) {
        s += u'?';
    }
    return s;
}

qint64 scalar(store::Database& db, const char* sql) {
    store::Statement st(db, sql);
    return st.next() ? st.int64(0) : -1;
}

bool check(const Expected<void, Error>& r, const char* what) {
    if (!r) {
        QTextStream(stderr) << "bench profile: " << what << ": " << r.error().toString() << Qt::endl;
        return false;
    }
    return true;
}

} // namespace

bool buildProfileDatabase(const QString& path, qint64 items) {
    {
        store::Database existing;
        if (QFile::exists(path) && existing.open(path) && existing.userVersion() == store::latestSchemaVersion() &&
            scalar(existing, "SELECT count(*) FROM items") == items) {
            return true;
        }
    }
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    store::Database db;
    if (!check(db.open(path), "open") || !check(store::migrate(db), "migrate")) {
        return false;
    }
    QRandomGenerator rng(20261201);
    if (!check(db.exec("BEGIN"), "begin")) {
        return false;
    }
    const char* accounts[][3] = {{"mastodon", "Support (Mastodon)", "support@m.example"},
                                 {"mastodon", "Brand (Mastodon)", "brand@m.example"},
                                 {"reddit", "r/baton moderators", "baton_mod"},
                                 {"discourse", "Community forum", "team"}};
    for (int a = 0; a < 4; ++a) {
        store::Statement st(db, "INSERT INTO accounts(id, network, name, base_url, handle, created_at) "
                                "VALUES(?, ?, ?, 'https://example.net', ?, 0)");
        st.bind(1, a + 1).bind(2, QString::fromLatin1(accounts[a][0]));
        st.bind(3, QString::fromUtf8(accounts[a][1])).bind(4, QString::fromLatin1(accounts[a][2]));
        if (!check(st.exec(), "account")) {
            return false;
        }
        for (int c = 0; c < 3; ++c) {
            store::Statement com(db, "INSERT INTO communities(id, account_id, remote_id, name) VALUES(?, ?, ?, ?)");
            com.bind(1, a * 3 + c + 1).bind(2, a + 1).bind(3, QStringLiteral("c%1").arg(c));
            com.bind(4, QStringLiteral("%1 #%2").arg(QString::fromLatin1(accounts[a][0])).arg(c + 1));
            if (!check(com.exec(), "community")) {
                return false;
            }
        }
    }
    const int people = 5000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 first = now - items * 30'000;
    for (int p = 1; p <= people; ++p) {
        store::Statement st(db, "INSERT INTO identities(id, network, remote_id, handle, display_name, first_seen, "
                                "last_seen) VALUES(?, 'mastodon', ?, ?, ?, ?, ?)");
        st.bind(1, p).bind(2, QString::number(p)).bind(3, QStringLiteral("person%1@remote.example").arg(p));
        st.bind(4, QStringLiteral("Person %1").arg(p)).bind(5, first).bind(6, now);
        if (!check(st.exec(), "identity")) {
            return false;
        }
    }
    (void)db.exec("INSERT INTO tags(id, name) VALUES(1, 'billing'), (2, 'bug'), (3, 'vip')");
    store::Statement ins(db, "INSERT INTO items(id, account_id, community_id, network, remote_id, kind, direction, "
                             "identity_id, thread_remote_id, created_at, fetched_at, text, lang, sentiment, status, "
                             "assignee, first_response_at) "
                             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'in', ?7, ?5, ?8, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    store::Statement fts(db, "INSERT INTO items_fts(rowid, text, author) VALUES(?, ?, ?)");
    store::Statement tag(db, "INSERT INTO item_tags(item_id, tag_id) VALUES(?, ?)");
    const char* kinds[] = {"mention", "reply", "comment", "dm", "post"};
    const char* team[] = {"alex", "sam", "kim"};
    for (qint64 i = 0; i < items; ++i) {
        const qint64 created = first + i * 30'000;
        const qint64 id = store::timeKeyBase(created);
        const int account = 1 + int(i % 4);
        const int person = 1 + rng.bounded(people);
        const QString text = sentence(rng);
        const bool recent = i > items - 20'000;
        const int roll = rng.bounded(100);
        const QString status = recent ? (roll < 70 ? QStringLiteral("new") : QStringLiteral("in-progress"))
                                      : (roll < 90 ? QStringLiteral("done") : QStringLiteral("archived"));
        ins.bind(1, id).bind(2, account).bind(3, (account - 1) * 3 + 1 + rng.bounded(3));
        ins.bind(4, QString::fromLatin1(accounts[account - 1][0])).bind(5, QString::number(i));
        ins.bind(6, QString::fromLatin1(kinds[rng.bounded(5)])).bind(7, person).bind(8, created).bind(9, text);
        ins.bind(10, text.contains(u'é') || text.contains(QLatin1String("merci")) ? QStringLiteral("fr")
                                                                                  : QStringLiteral("en"));
        ins.bind(11, rng.bounded(200) / 100.0 - 1.0).bind(12, status);
        if (roll % 10 == 0) {
            ins.bind(13, QString::fromLatin1(team[roll % 3]));
        }
        if (!recent || roll < 30) {
            ins.bind(14, created + 60'000 * (1 + rng.bounded(600)));
        }
        if (!check(ins.exec(), "item")) {
            return false;
        }
        fts.bind(1, id).bind(2, text).bind(3, QStringLiteral("Person %1 person%1@remote.example").arg(person));
        if (!check(fts.exec(), "fts")) {
            return false;
        }
        if (roll == 7) {
            tag.bind(1, id).bind(2, 1 + rng.bounded(3));
            if (!check(tag.exec(), "tag")) {
                return false;
            }
        }
    }
    return check(db.exec("COMMIT"), "commit");
}

} // namespace baton::bench
