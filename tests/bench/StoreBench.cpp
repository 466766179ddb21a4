// Ingest: Mastodon-format notification pages parsed, normalised, upserted and indexed, against a raw SQLite
// insert of the same rows into the same schema (the limit). Query: first page per filter, search, next page.
// Prints one JSON object; asserts nothing about time.
#include "core/connectors/mastodon/MastodonParser.h"
#include "core/store/AccountRepository.h"
#include "core/store/InboxQuery.h"
#include "core/store/ItemRepository.h"
#include "core/store/Migrations.h"
#include "core/store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

using namespace baton;

namespace {

const char* const kWordsEn[] = {
    "the",    "app",     "crashed",  "again",  "when",    "I",       "open",     "settings",   "love",
    "new",    "update",  "thanks",   "team",   "how",     "do",      "export",   "my",         "data",
    "refund", "order",   "delivery", "late",   "great",   "support", "terrible", "experience", "please",
    "help",   "account", "login",    "broken", "amazing", "feature", "request",  "dark",       "mode"};
const char* const kWordsFr[] = {
    "merci",  "pour",    "la",     "mise",   "à",       "jour",     "mon",  "colis",   "est",           "arrivé",
    "en",     "retard",  "super",  "équipe", "comment", "exporter", "mes",  "données", "remboursement", "commande",
    "génial", "service", "client", "nul",    "déçu",    "bravo",    "aide", "compte"};

QString sentence(QRandomGenerator& rng) {
    const bool fr = rng.bounded(3) == 0;
    const int n = 8 + rng.bounded(22);
    QString s;
    for (int i = 0; i < n; ++i) {
        if (i) {
            s += u' ';
        }
        s += QString::fromUtf8(fr ? kWordsFr[rng.bounded(int(std::size(kWordsFr)))]
                                  : kWordsEn[rng.bounded(int(std::size(kWordsEn)))]);
    }
    return s;
}

// One page of notifications, newest first, in the server's JSON shape.
QByteArray makePage(QRandomGenerator& rng, qint64 firstIndex, int count, qint64 baseMs) {
    QJsonArray page;
    for (int k = count - 1; k >= 0; --k) {
        const qint64 i = firstIndex + k;
        const int person = rng.bounded(5000);
        const QString acct = person % 3 ? QStringLiteral("user%1").arg(person)
                                        : QStringLiteral("user%1@remote%2.example").arg(person).arg(person % 17);
        const QJsonObject account{
            {QStringLiteral("id"), QString::number(100000 + person)},
            {QStringLiteral("username"), QStringLiteral("user%1").arg(person)},
            {QStringLiteral("acct"), acct},
            {QStringLiteral("display_name"), QStringLiteral("Person %1").arg(person)},
            {QStringLiteral("url"), QStringLiteral("https://m.example/@user%1").arg(person)},
            {QStringLiteral("avatar"), QStringLiteral("https://f.example/%1.png").arg(person)},
            {QStringLiteral("avatar_static"), QStringLiteral("https://f.example/%1.png").arg(person)}};
        const QString created = QDateTime::fromMSecsSinceEpoch(baseMs + i * 3000, Qt::UTC).toString(Qt::ISODateWithMs);
        const QString statusId = QString::number(110000000000000000LL + i);
        const QJsonObject status{
            {QStringLiteral("id"), statusId},
            {QStringLiteral("uri"), QString(QStringLiteral("https://m.example/users/x/statuses/") + statusId)},
            {QStringLiteral("url"), QString(QStringLiteral("https://m.example/@x/") + statusId)},
            {QStringLiteral("created_at"), created},
            {QStringLiteral("edited_at"), QJsonValue()},
            {QStringLiteral("in_reply_to_id"), QJsonValue()},
            {QStringLiteral("in_reply_to_account_id"), QJsonValue()},
            {QStringLiteral("visibility"), QStringLiteral("public")},
            {QStringLiteral("language"), QStringLiteral("en")},
            {QStringLiteral("spoiler_text"), QString()},
            {QStringLiteral("content"),
             QString(QStringLiteral("<p><span class=\"h-card\"><a href=\"https://m.example/@baton\" "
                                    "class=\"u-url mention\">@<span>baton</span></a></span> ") +
                     sentence(rng) + QStringLiteral(" &amp; more</p>"))},
            {QStringLiteral("account"), account}};
        page.append(QJsonObject{{QStringLiteral("id"), QString::number(200000000000000000LL + i)},
                                {QStringLiteral("type"), QStringLiteral("mention")},
                                {QStringLiteral("created_at"), created},
                                {QStringLiteral("account"), account},
                                {QStringLiteral("status"), status}});
    }
    return QJsonDocument(page).toJson(QJsonDocument::Compact);
}

double median(QList<double> v) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

template <typename F>
double medianMs(int runs, F&& f) {
    QList<double> times;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        f();
        times << t.nsecsElapsed() / 1e6;
    }
    return median(times);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    qint64 items = 1000000;
    QString keepDb;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--items") && i + 1 < args.size()) {
            items = args[++i].toLongLong();
        } else if (args[i] == QLatin1String("--db") && i + 1 < args.size()) {
            keepDb = args[++i];
        }
    }
    constexpr int kPage = 80;
    constexpr int kPagesPerTransaction = 60; // what the writer thread's batching does with a backlog
    QTemporaryDir dir;
    const QString dbPath = keepDb.isEmpty() ? dir.filePath(QStringLiteral("bench.db")) : keepDb;
    QFile::remove(dbPath);
    const qint64 baseMs = QDateTime::currentMSecsSinceEpoch() - items * 3000;

    // Pages are generated up front so only parsing and storing is timed.
    QRandomGenerator rng(42);
    QList<QByteArray> pages;
    for (qint64 i = 0; i < items; i += kPage) {
        pages << makePage(rng, i, int(std::min<qint64>(kPage, items - i)), baseMs);
    }
    qint64 jsonBytes = 0;
    for (const auto& p : pages) {
        jsonBytes += p.size();
    }

    store::Database db;
    if (!db.open(dbPath) || !store::migrate(db)) {
        qFatal("cannot open the benchmark database");
    }
    store::ChangeSet changes;
    (void)db.exec("BEGIN");
    model::Account account;
    account.name = QStringLiteral("bench");
    account.baseUrl = QStringLiteral("https://m.example");
    const qint64 accountId = *store::AccountRepository::add(db, account, changes);
    (void)db.exec("COMMIT");

    connectors::mastodon::ParseContext ctx;
    ctx.accountId = accountId;
    ctx.ownAccountId = QStringLiteral("1");
    ctx.instanceHost = QStringLiteral("m.example");

    // ---- Baton's ingest: parse + normalise + upsert + index, on one thread.
    QList<model::Item> normalised; // kept for the raw run
    normalised.reserve(items);
    QElapsedTimer timer;
    timer.start();
    qint64 parseNs = 0;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        if (p % kPagesPerTransaction == 0) {
            (void)db.exec("BEGIN");
        }
        QElapsedTimer pt;
        pt.start();
        auto parsed = connectors::mastodon::parseNotifications(pages[p], ctx);
        parseNs += pt.nsecsElapsed();
        if (!parsed) {
            qFatal("parse failed: %s", qPrintable(parsed.error().toString()));
        }
        changes = {};
        auto r = store::ItemRepository::upsert(db, accountId, parsed->items, baseMs, changes);
        if (!r) {
            qFatal("upsert failed: %s", qPrintable(r.error().toString()));
        }
        if (p % kPagesPerTransaction == kPagesPerTransaction - 1 || p == pages.size() - 1) {
            (void)db.exec("COMMIT");
        }
    }
    const double ingestS = timer.nsecsElapsed() / 1e9;
    const qint64 stored = store::ItemRepository::count(db);

    // ---- The limit: the same rows inserted raw into the same schema (identities already known).
    for (const QByteArray& page : std::as_const(pages)) {
        normalised += connectors::mastodon::parseNotifications(page, ctx)->items; // untimed
    }
    const QString rawPath = dbPath + QStringLiteral(".raw");
    QFile::remove(rawPath);
    double rawS = 0;
    {
        store::Database raw;
        if (!raw.open(rawPath) || !store::migrate(raw)) {
            qFatal("cannot open the raw database");
        }
        (void)raw.exec(
            "INSERT INTO accounts(id, network, name, base_url, created_at) VALUES(1, 'mastodon', 'r', 'x', 0)");
        (void)raw.exec(
            "INSERT INTO identities(id, network, handle, first_seen, last_seen) VALUES(1, 'mastodon', 'h', 0, 0)");
        qint64 rawId = 0;
        store::Statement ins(raw,
                             "INSERT INTO items(account_id, network, remote_id, notification_id, kind, direction, "
                             "identity_id, thread_remote_id, created_at, fetched_at, text, html, url, lang, "
                             "visibility, status) VALUES(1, 'mastodon', ?, ?, 'mention', 'in', 1, ?, ?, 0, ?, ?, ?, "
                             "?, ?, 'new')");
        store::Statement fts(raw, "INSERT INTO items_fts(rowid, text, author) VALUES(?, ?, ?)");
        timer.restart();
        for (qsizetype i = 0; i < normalised.size(); ++i) {
            if (i % (kPage * kPagesPerTransaction) == 0) {
                (void)raw.exec("BEGIN");
            }
            const model::Item& it = normalised[i];
            ins.bind(1, it.remoteId).bind(2, it.notificationId).bind(3, it.remoteId).bind(4, it.createdAt);
            ins.bind(5, it.text).bind(6, it.html).bind(7, it.url).bind(8, it.lang).bind(9, it.visibility);
            ins.bind(10, ++rawId);
            (void)ins.exec();
            fts.bind(1, raw.lastInsertId()).bind(2, it.text).bind(3, it.author.displayName + u' ' + it.author.handle);
            (void)fts.exec();
            if (i % (kPage * kPagesPerTransaction) == kPage * kPagesPerTransaction - 1 || i == normalised.size() - 1) {
                (void)raw.exec("COMMIT");
            }
        }
        rawS = timer.nsecsElapsed() / 1e9;
    }
    QFile::remove(rawPath);
    QFile::remove(rawPath + QStringLiteral("-wal"));
    QFile::remove(rawPath + QStringLiteral("-shm"));
    normalised.clear();

    // ---- Queries on the ingested store, through a read-only connection like the GUI's.
    (void)db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    (void)db.exec("ANALYZE");
    store::Database reader;
    (void)reader.open(dbPath, store::Database::Mode::ReadOnly);
    struct Named {
        const char* name;
        store::InboxFilter filter;
    };
    QList<Named> filters;
    filters.append(Named{"all", {}});
    store::InboxFilter f;
    f.statuses = {model::Status::New};
    filters.append(Named{"status", f});
    f = {};
    f.networks = {model::Network::Mastodon};
    filters.append(Named{"network", f});
    f = {};
    f.accountIds = {accountId};
    filters.append(Named{"account", f});
    f = {};
    f.kinds = {model::Kind::Mention};
    filters.append(Named{"kind", f});
    f = {};
    f.needsReply = true;
    filters.append(Named{"needs_reply", f});
    f = {};
    f.from = baseMs + items * 3000 / 2;
    f.to = baseMs + items * 3000 / 2 + 86400000;
    filters.append(Named{"date_range", f});
    f = {};
    f.sort = store::InboxSort::Oldest;
    filters.append(Named{"oldest", f});
    QJsonObject firstPage;
    QJsonObject nextPage;
    for (const auto& [name, filter] : filters) {
        std::optional<store::InboxCursor> cursor;
        firstPage.insert(QLatin1String(name), medianMs(21, [&] {
                             auto page = store::InboxQuery::page(reader, filter, std::nullopt, 100);
                             cursor = page.next;
                         }));
        nextPage.insert(QLatin1String(name),
                        medianMs(21, [&] { (void)store::InboxQuery::page(reader, filter, cursor, 100); }));
    }
    QJsonObject search;
    for (const char* term : {"refund", "colis", "crashed settings", "person 1234"}) {
        store::InboxFilter s;
        s.search = QString::fromUtf8(term);
        const double ours = medianMs(11, [&] { (void)store::InboxQuery::page(reader, s, std::nullopt, 100); });
        const QByteArray peerSql = "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT 100";
        const QString expr = store::InboxQuery::ftsExpression(s.search);
        const double peer = medianMs(11, [&] {
            store::Statement st(reader, peerSql.constData());
            st.bind(1, expr);
            while (st.next()) {
            }
        });
        search.insert(QLatin1String(term), QJsonObject{{QStringLiteral("baton_ms"), ours},
                                                       {QStringLiteral("sqlite_fts5_ms"), peer},
                                                       {QStringLiteral("ratio"), peer > 0 ? ours / peer : 0}});
    }
    reader.close();
    db.close();
    const qint64 fileBytes = QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size();

    const QJsonObject out{
        {QStringLiteral("benchmark"), QStringLiteral("store")},
        {QStringLiteral("items"), items},
        {QStringLiteral("stored"), stored},
        {QStringLiteral("json_mb"), jsonBytes / 1e6},
        {QStringLiteral("ingest_items_per_s"), items / ingestS},
        {QStringLiteral("ingest_parse_share"), parseNs / 1e9 / ingestS},
        {QStringLiteral("raw_insert_items_per_s"), items / rawS},
        {QStringLiteral("ingest_vs_raw_ratio"), ingestS / rawS},
        {QStringLiteral("targets"), QStringLiteral("ingest >= 50000/s and ratio <= 3; first page <= 20 ms; "
                                                   "search <= 50 ms; next page <= 5 ms; <= 1.5 KB/item")},
        {QStringLiteral("first_page_median_ms"), firstPage},
        {QStringLiteral("next_page_median_ms"), nextPage},
        {QStringLiteral("search_median_ms"), search},
        {QStringLiteral("bytes_per_item"), double(fileBytes) / std::max<qint64>(1, stored)},
    };
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return stored == items ? 0 : 1;
}
