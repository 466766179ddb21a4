#include "core/store/InboxQuery.h"

#include "core/store/AccountRepository.h"
#include "core/store/CommunityRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/Store.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace baton;
using namespace baton::store;

Q_DECLARE_METATYPE(baton::store::InboxFilter)

class InboxQueryTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_a1 = 0;
    qint64 m_a2 = 0;

    // 300 items: created_at = i * 1000 (with deliberate ties every 50), alternating accounts, statuses,
    // kinds and sentiment; texts mention "refund" every 7th item.
    void seed() {
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            model::Account a;
            a.baseUrl = QStringLiteral("https://a.example");
            a.name = QStringLiteral("one");
            m_a1 = *AccountRepository::add(db, a, c);
            a.name = QStringLiteral("two");
            a.network = model::Network::Bluesky;
            m_a2 = *AccountRepository::add(db, a, c);
            for (int i = 0; i < 300; ++i) {
                model::Item it;
                it.remoteId = QString::number(i);
                it.createdAt = (i % 50 == 0 && i > 0) ? (i - 1) * 1000 : i * 1000;
                it.network = i % 2 ? model::Network::Bluesky : model::Network::Mastodon;
                it.kind = i % 3 ? model::Kind::Mention : model::Kind::DirectMessage;
                it.text = i % 7 == 0 ? QStringLiteral("I want a refund for order %1").arg(i)
                                     : QStringLiteral("Lovely café number %1").arg(i);
                it.sentiment = (i % 5) / 2.0 - 1.0; // -1, -0.5, 0, 0.5, 1
                it.author.handle = QStringLiteral("user%1@x").arg(i % 10);
                it.author.displayName = QStringLiteral("User %1").arg(i % 10);
                if (i % 3 != 2) {
                    it.communityRemoteId = i % 3 == 0 ? QStringLiteral("c1") : QStringLiteral("c2");
                }
                auto r = ItemRepository::upsert(db, i % 2 ? m_a2 : m_a1, {it}, 1, c);
                if (!r) {
                    return unexpected(r.error());
                }
                // Every 6th item is Sam's; every 6th from 3 was given back (an empty assignee).
                if (i % 6 == 0 || i % 6 == 3) {
                    const qint64 id = db.lastInsertId();
                    const QString who = i % 6 == 0 ? QStringLiteral("sam") : QStringLiteral("x");
                    if (auto s = ItemRepository::setAssignee(db, id, who, c); !s) {
                        return s;
                    }
                    if (i % 6 == 3) {
                        if (auto s = ItemRepository::setAssignee(db, id, QString(), c); !s) {
                            return s;
                        }
                    }
                }
                if (i % 4 == 0) {
                    const qint64 id = db.lastInsertId();
                    if (auto s = ItemRepository::setStatus(db, id, model::Status::Done, 0, c); !s) {
                        return s;
                    }
                }
            }
            return {};
        }));
    }

    // The first community with this remote id (c1 and c2 exist under both accounts).
    qint64 communityId(const QString& remoteId) {
        for (const auto& c : CommunityRepository::all(m_store->reader())) {
            if (c.remoteId == remoteId && c.accountId == m_a1) {
                return c.id;
            }
        }
        return -1;
    }

    // The same query answered by brute force over every row, to check the SQL.
    QList<qint64> expected(const InboxFilter& f) {
        Statement st(m_store->reader(), BATON_ITEM_SELECT "ORDER BY items.created_at DESC, items.id DESC");
        QList<qint64> out;
        while (st.next()) {
            const model::Item it = ItemRepository::readItem(st);
            if (!f.statuses.isEmpty() && !f.statuses.contains(it.status)) {
                continue;
            }
            if (!f.networks.isEmpty() && !f.networks.contains(it.network)) {
                continue;
            }
            if (!f.accountIds.isEmpty() && !f.accountIds.contains(it.accountId)) {
                continue;
            }
            if (!f.kinds.isEmpty() && !f.kinds.contains(it.kind)) {
                continue;
            }
            if (!f.communityIds.isEmpty() && !f.communityIds.contains(it.communityId)) {
                continue;
            }
            if (f.unassigned && !it.assignee.isEmpty()) {
                continue;
            }
            if (!f.unassigned && !f.assignee.isEmpty() && it.assignee != f.assignee) {
                continue;
            }
            if (f.sentimentMin && !(it.sentiment && *it.sentiment >= *f.sentimentMin)) {
                continue;
            }
            if (f.sentimentMax && !(it.sentiment && *it.sentiment <= *f.sentimentMax)) {
                continue;
            }
            if (f.from && it.createdAt < *f.from) {
                continue;
            }
            if (f.to && it.createdAt >= *f.to) {
                continue;
            }
            if (!f.spans.isEmpty() && std::none_of(f.spans.cbegin(), f.spans.cend(), [&](const auto& span) {
                    return it.createdAt >= span.first && it.createdAt < span.second;
                })) {
                continue;
            }
            if (!f.search.isEmpty() && !it.text.contains(f.search, Qt::CaseInsensitive) &&
                !it.author.displayName.contains(f.search, Qt::CaseInsensitive)) {
                continue;
            }
            out << it.id;
        }
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        auto s = Store::open(m_dir.filePath(QStringLiteral("q.db")));
        QVERIFY(s.hasValue());
        m_store = std::move(*s);
        seed();
    }

    void filters_data() {
        QTest::addColumn<InboxFilter>("filter");
        QTest::addColumn<QByteArray>("sqlFragment");
        QTest::addColumn<int>("bindCount"); // excluding LIMIT
        InboxFilter f;
        QTest::newRow("everything") << f << QByteArray("items.direction = ?") << 1;
        f = {};
        f.statuses = {model::Status::Done};
        QTest::newRow("status") << f << QByteArray("items.status IN (?)") << 2;
        f = {};
        f.statuses = {model::Status::New, model::Status::Done};
        QTest::newRow("two statuses") << f << QByteArray("items.status IN (?, ?)") << 3;
        f = {};
        f.networks = {model::Network::Bluesky};
        QTest::newRow("network") << f << QByteArray("FROM accounts WHERE 1 AND network IN (?)") << 2;
        f = {};
        f.kinds = {model::Kind::DirectMessage};
        QTest::newRow("kind") << f << QByteArray("items.kind IN (?)") << 2;
        f = {};
        f.sentimentMax = -0.5;
        QTest::newRow("negative") << f << QByteArray("coalesce(items.sentiment_override, items.sentiment) <= ?") << 2;
        f = {};
        f.sentimentMin = 0.5;
        f.sentimentMax = 1.0;
        QTest::newRow("sentiment range") << f << QByteArray(">= ?") << 3;
        f = {};
        f.from = 100000;
        f.to = 200000;
        QTest::newRow("date range") << f << QByteArray("items.created_at < ?") << 5;
        f = {};
        f.search = QStringLiteral("refund");
        QTest::newRow("search") << f << QByteArray("FROM items_fts JOIN items") << 2;
        f = {};
        f.search = QStringLiteral("cafe");
        QTest::newRow("search without accents") << f << QByteArray("items_fts MATCH ?") << 2;
        f = {};
        f.spans = {{10000, 20000}, {150000, 151000}, {290000, 400000}};
        QTest::newRow("spans") << f << QByteArray("OR (items.created_at >= ? AND items.created_at < ?)") << 7;
        f = {};
        f.assignee = QStringLiteral("sam");
        QTest::newRow("assignee") << f << QByteArray("items.assignee = ?") << 2;
        f = {};
        f.unassigned = true;
        f.assignee = QStringLiteral("sam"); // ignored
        QTest::newRow("unassigned") << f << QByteArray("items.assignee IS NULL OR items.assignee = ''") << 1;
        f = {};
        f.communityIds = {communityId(QStringLiteral("c1"))};
        QTest::newRow("community") << f << QByteArray("items.community_id IN (?)") << 2;
        f = {};
        f.communityIds = {communityId(QStringLiteral("c1")), communityId(QStringLiteral("c2"))};
        f.unassigned = true;
        QTest::newRow("communities, unassigned") << f << QByteArray("items.community_id IN (?, ?)") << 3;
        f = {};
        f.search = QStringLiteral("refund");
        f.statuses = {model::Status::New};
        f.networks = {model::Network::Mastodon};
        f.sentimentMax = 0.0;
        QTest::newRow("combined") << f << QByteArray("items_fts MATCH ?") << 5;
    }

    void filters() {
        QFETCH(InboxFilter, filter);
        QFETCH(QByteArray, sqlFragment);
        QFETCH(int, bindCount);
        const SqlQuery q = InboxQuery::build(filter, std::nullopt, 50);
        QVERIFY2(q.sql.contains(sqlFragment), q.sql.constData());
        QCOMPARE(q.binds.size(), bindCount + 1);
        // Values are bound, never spliced into the SQL.
        QVERIFY(!q.sql.contains("refund"));
        // Page through with the keyset cursor and compare with brute force; accents fold in search.
        InboxFilter bruteFilter = filter;
        if (bruteFilter.search == QLatin1String("cafe")) {
            bruteFilter.search = QStringLiteral("café");
        }
        const QList<qint64> want = expected(bruteFilter);
        QList<qint64> got;
        std::optional<InboxCursor> cursor;
        for (int guard = 0; guard < 100; ++guard) {
            const InboxPage page = InboxQuery::page(m_store->reader(), filter, cursor, 17);
            for (const auto& it : page.items) {
                got << it.id;
            }
            if (!page.next) {
                break;
            }
            cursor = page.next;
        }
        QCOMPARE(got, want);
        QVERIFY(!want.isEmpty());
        QCOMPARE(InboxQuery::count(m_store->reader(), filter), want.size());
    }

    void keysetOrderIsStableAcrossTies() {
        InboxFilter f;
        f.sort = InboxSort::Oldest;
        QList<QPair<qint64, qint64>> keys;
        std::optional<InboxCursor> cursor;
        do {
            const InboxPage page = InboxQuery::page(m_store->reader(), f, cursor, 13);
            for (const auto& it : page.items) {
                keys << qMakePair(it.createdAt, it.id);
            }
            cursor = page.next;
        } while (cursor);
        QCOMPARE(keys.size(), 300);
        for (qsizetype i = 1; i < keys.size(); ++i) {
            QVERIFY(keys[i - 1] < keys[i]);
        }
    }

    void mostNegativePagesThroughOverrides() {
        // A user correction moves an item in the "most negative" order, and paging still sees every row once.
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet&) -> Expected<void, Error> {
            return db.exec("UPDATE items SET sentiment_override = -2 WHERE id IN (SELECT id FROM items "
                           "ORDER BY id DESC LIMIT 7)");
        }));
        InboxFilter f;
        f.sort = InboxSort::MostNegative;
        QList<double> keys;
        QSet<qint64> ids;
        std::optional<InboxCursor> cursor;
        do {
            const InboxPage page = InboxQuery::page(m_store->reader(), f, cursor, 11);
            for (const auto& it : page.items) {
                keys << it.effectiveSentiment();
                ids.insert(it.id);
            }
            cursor = page.next;
        } while (cursor);
        QCOMPARE(ids.size(), 300);
        QCOMPARE(keys.size(), 300);
        QCOMPARE(keys.first(), -2.0);
        QVERIFY(std::is_sorted(keys.begin(), keys.end()));
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet&) -> Expected<void, Error> {
            return db.exec("UPDATE items SET sentiment_override = NULL");
        }));
    }

    void ftsExpressionQuotesUserText_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expression");
        QTest::newRow("words") << QStringLiteral("late delivery") << QStringLiteral("\"late\" \"delivery\"");
        QTest::newRow("operators are words") << QStringLiteral("NOT OR") << QStringLiteral("\"NOT\" \"OR\"");
        QTest::newRow("quotes") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say\" \"\"\"hi\"\"\"");
        QTest::newRow("prefix") << QStringLiteral("refun*") << QStringLiteral("\"refun\"*");
        QTest::newRow("empty") << QStringLiteral("   ") << QString();
        QTest::newRow("syntax chars") << QStringLiteral("a:b (c)") << QStringLiteral("\"a:b\" \"(c)\"");
    }

    void ftsExpressionQuotesUserText() {
        QFETCH(QString, input);
        QFETCH(QString, expression);
        QCOMPARE(InboxQuery::ftsExpression(input), expression);
        // Whatever the user types, the query runs.
        InboxFilter f;
        f.search = input;
        Statement st(m_store->reader(), InboxQuery::build(f, std::nullopt, 5).sql.constData());
        QVERIFY(st.isValid());
    }
};

QTEST_GUILESS_MAIN(InboxQueryTest)
#include "InboxQueryTest.moc"
