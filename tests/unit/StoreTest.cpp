#include "core/store/Store.h"

#include "core/store/AccountRepository.h"
#include "core/store/CommunityRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/Migrations.h"
#include "core/store/OutboxRepository.h"
#include "core/store/SyncStateRepository.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::store;

namespace {

model::Item mention(const QString& remoteId, qint64 createdAt, const QString& text, const QString& handle = {}) {
    model::Item it;
    it.remoteId = remoteId;
    it.createdAt = createdAt;
    it.text = text;
    it.author.handle = handle.isEmpty() ? QStringLiteral("alice@example.social") : handle;
    it.author.displayName = QStringLiteral("Alice");
    it.author.remoteId = QStringLiteral("42");
    return it;
}

qint64 scalar(Database& db, const char* sql) {
    Statement st(db, sql);
    return st.next() ? st.int64(0) : -1;
}

} // namespace

class StoreTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_account = 0;

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("t%1.db").arg(QRandomGenerator::global()->generate()));
        auto s = Store::open(path);
        QVERIFY2(s.hasValue(), qPrintable(s ? QString() : s.error().toString()));
        m_store = std::move(*s);
        model::Account a;
        a.name = QStringLiteral("main");
        a.baseUrl = QStringLiteral("https://example.social");
        a.createdAt = 1;
        auto r = m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto id = AccountRepository::add(db, a, c);
            if (!id) {
                return unexpected(id.error());
            }
            m_account = *id;
            return {};
        });
        QVERIFY(r.hasValue());
    }
    void cleanup() { m_store.reset(); }

    void migratesEmptyFileToLatest() {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("empty.db"))).hasValue());
        QCOMPARE(db.userVersion(), 0);
        QVERIFY(migrate(db).hasValue());
        QCOMPARE(db.userVersion(), latestSchemaVersion());
        QVERIFY(migrate(db).hasValue()); // idempotent
        QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'items_fts'"), 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'items_assignee'"), 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM pragma_table_info('communities') WHERE name = 'settings'"), 1);
    }

    void refusesNewerSchema() {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("future.db"))).hasValue());
        QVERIFY(db.exec("PRAGMA user_version = 999").hasValue());
        auto r = migrate(db);
        QVERIFY(!r.hasValue());
        QCOMPARE(r.error().code, ErrorCode::Migration);
        QCOMPARE(db.userVersion(), 999); // untouched
    }

    void corruptFileIsReportedNotOverwritten() {
        const QString path = m_dir.filePath(QStringLiteral("corrupt.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray junk = QByteArray("this is not a database").repeated(200);
        f.write(junk);
        f.close();
        auto s = Store::open(path);
        QVERIFY(!s.hasValue());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), junk);
    }

    void databaseIsOwnerOnly() {
        const auto perms = QFile::permissions(m_store->path());
        QVERIFY(perms.testFlag(QFile::ReadOwner));
        QVERIFY(!perms.testFlag(QFile::ReadOther));
        QVERIFY(!perms.testFlag(QFile::ReadGroup));
    }

    void upsertIsIdempotent() {
        const QList<model::Item> page{mention(QStringLiteral("100"), 1000, QStringLiteral("hello")),
                                      mention(QStringLiteral("101"), 2000, QStringLiteral("world"))};
        UpsertStats first, second;
        auto r = m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto a = ItemRepository::upsert(db, m_account, page, 5, c);
            if (!a) {
                return unexpected(a.error());
            }
            first = *a;
            auto b = ItemRepository::upsert(db, m_account, page, 6, c);
            if (!b) {
                return unexpected(b.error());
            }
            second = *b;
            return {};
        });
        QVERIFY(r.hasValue());
        QCOMPARE(first.inserted, 2);
        QCOMPARE(second.inserted, 0);
        QCOMPARE(second.unchanged, 2);
        QCOMPARE(ItemRepository::count(m_store->reader()), 2);
        QCOMPARE(scalar(m_store->reader(), "SELECT count(*) FROM identities"), 1);
        QCOMPARE(scalar(m_store->reader(), "SELECT count(*) FROM items_fts"), 2);
    }

    void communitiesAreResolvedFromItems() {
        model::Item a = mention(QStringLiteral("200"), 1000, QStringLiteral("in support"));
        a.communityRemoteId = QStringLiteral("cat-7");
        a.communityName = QStringLiteral("Support");
        model::Item b = mention(QStringLiteral("201"), 2000, QStringLiteral("renamed"));
        b.communityRemoteId = QStringLiteral("cat-7");
        b.communityName = QStringLiteral("Help desk");
        model::Item c = mention(QStringLiteral("202"), 3000, QStringLiteral("elsewhere"));
        c.communityRemoteId = QStringLiteral("cat-9");
        model::Item none = mention(QStringLiteral("203"), 4000, QStringLiteral("no community"));
        auto r = m_store->writer().run([&](Database& db, ChangeSet& ch) -> Expected<void, Error> {
            auto u = ItemRepository::upsert(db, m_account, {a, b, c, none}, 5, ch);
            return u ? Expected<void, Error>{} : unexpected(u.error());
        });
        QVERIFY(r.hasValue());
        const auto all = CommunityRepository::all(m_store->reader());
        QCOMPARE(all.size(), 2);
        // Sorted by name; the later name wins; a community without a name is shown by its remote id.
        QCOMPARE(all[0].name, QStringLiteral("cat-9"));
        QCOMPARE(all[1].name, QStringLiteral("Help desk"));
        QCOMPARE(all[1].remoteId, QStringLiteral("cat-7"));
        const auto first = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("200"));
        const auto second = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("201"));
        const auto last = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("203"));
        QVERIFY(first && second && last);
        QCOMPARE(first->communityId, all[1].id);
        QCOMPARE(second->communityId, all[1].id);
        QCOMPARE(last->communityId, 0);
    }

    void editsReplaceTextAndIndex() {
        auto item = mention(QStringLiteral("200"), 1000, QStringLiteral("the croissant was stale"));
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::upsert(db, m_account, {item}, 1, c);
            return r ? Expected<void, Error>{} : unexpected(r.error());
        }));
        item.text = QStringLiteral("the baguette was perfect");
        item.updatedAt = 5000;
        item.sentiment = 0.7;
        ChangeSet seen;
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::applyEdits(db, m_account, {item, mention(QStringLiteral("never"), 1, {})}, 2, c);
            seen = c;
            return r ? Expected<void, Error>{} : unexpected(r.error());
        }));
        QCOMPARE(seen.updatedItems.size(), 1);
        QCOMPARE(ItemRepository::count(m_store->reader()), 1); // the unknown edit was not inserted
        const auto stored = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("200"));
        QVERIFY(stored);
        QCOMPARE(stored->text, QStringLiteral("the baguette was perfect"));
        QCOMPARE(stored->updatedAt, 5000);
        QCOMPARE(stored->sentiment.value_or(0), 0.7); // re-scored with the new text
        QCOMPARE(scalar(m_store->reader(), "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'croissant'"), 0);
        QCOMPARE(scalar(m_store->reader(), "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'baguette'"), 1);
    }

    void outgoingReplySetsFirstResponseWhicheverArrivesFirst() {
        model::Item reply = mention(QStringLiteral("r1"), 9000, QStringLiteral("thanks!"), QStringLiteral("us@x"));
        reply.direction = model::Direction::Outgoing;
        reply.kind = model::Kind::Reply;
        reply.parentRemoteId = QStringLiteral("p1");
        const model::Item parent = mention(QStringLiteral("p1"), 1000, QStringLiteral("question?"));
        model::Item late = reply;
        late.remoteId = QStringLiteral("r0");
        late.createdAt = 7000;
        // Our reply is stored before the message it answers, then an earlier reply arrives.
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            for (const auto& batch :
                 {QList<model::Item>{reply}, QList<model::Item>{parent}, QList<model::Item>{late}}) {
                auto r = ItemRepository::upsert(db, m_account, batch, 1, c);
                if (!r) {
                    return unexpected(r.error());
                }
            }
            return {};
        }));
        const auto p = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("p1"));
        QVERIFY(p);
        QCOMPARE(p->firstResponseAt, 7000);
        QCOMPARE(model::toString(p->status), QStringLiteral("done"));
        const auto r = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("r1"));
        QCOMPARE(r->threadRemoteId, QStringLiteral("p1"));
    }

    void writerBatchesQueuedJobsIntoOneTransaction() {
        QSignalSpy changed(&m_store->writer(), &StoreWriter::changed);
        const qint64 before = m_store->writer().transactionsCommitted();
        // Block the writer with a slow first job so the rest queue up behind it.
        std::atomic<bool> release{false};
        m_store->writer().submit([&](Database&, ChangeSet&) -> Expected<void, Error> {
            while (!release.load()) {
                QThread::msleep(1);
            }
            return {};
        });
        int done = 0;
        for (int i = 0; i < 50; ++i) {
            m_store->writer().submit(
                [i, this](Database& db, ChangeSet& c) -> Expected<void, Error> {
                    auto r = ItemRepository::upsert(
                        db, m_account, {mention(QStringLiteral("b%1").arg(i), i, QStringLiteral("x"))}, 1, c);
                    return r ? Expected<void, Error>{} : unexpected(r.error());
                },
                this, [&done](Expected<void, Error> r) { done += r ? 1 : 0; });
        }
        // One failing job rolls back alone.
        bool failed = false;
        m_store->writer().submit(
            [this](Database& db, ChangeSet& c) -> Expected<void, Error> {
                auto r = ItemRepository::upsert(db, m_account, {mention(QStringLiteral("bad"), 1, {})}, 1, c);
                Q_UNUSED(r);
                return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("refused")});
            },
            this, [&failed](Expected<void, Error> r) { failed = !r; });
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(done, 50, 10000);
        QTRY_VERIFY(failed);
        const qint64 transactions = m_store->writer().transactionsCommitted() - before;
        QVERIFY2(transactions <= 2, qPrintable(QString::number(transactions)));
        QCOMPARE(ItemRepository::count(m_store->reader()), 50);
        QVERIFY(!ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("bad")));
        QTRY_VERIFY(!changed.isEmpty());
        int inserted = 0;
        for (const auto& args : changed) {
            inserted += static_cast<int>(args.at(0).value<ChangeSet>().insertedItems.size());
        }
        QCOMPARE(inserted, 50);
    }

    void timeKeysOrderByTimeAndSurviveCrowdedSeconds() {
        // 1,100 items in the same second (more than its 1,024 slots), then one a second later.
        QList<model::Item> crowd;
        for (int i = 0; i < 1100; ++i) {
            crowd << mention(QStringLiteral("c%1").arg(i), 1'795'000'000'000 + i % 1000, QStringLiteral("x"));
        }
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::upsert(db, m_account, crowd, 1, c);
            if (!r) {
                return unexpected(r.error());
            }
            auto later = ItemRepository::upsert(
                db, m_account, {mention(QStringLiteral("later"), 1'795'000'001'500, QStringLiteral("y"))}, 1, c);
            return later ? Expected<void, Error>{} : unexpected(later.error());
        }));
        QCOMPARE(ItemRepository::count(m_store->reader()), 1101);
        Statement st(m_store->reader(), "SELECT id, created_at FROM items ORDER BY id");
        qint64 lastCreated = 0;
        qint64 maxId = 0;
        while (st.next()) {
            QVERIFY(st.int64(1) / 1000 >= lastCreated / 1000); // id order is time order, to the second
            lastCreated = st.int64(1);
            maxId = st.int64(0);
        }
        QVERIFY(maxId < (qint64(1) << 53)); // safe as a JSON number
        QCOMPARE(timeKeyBase(1'795'000'000'999), qint64(1'795'000'000) * kTimeKeySlots);
    }

    void triageFieldsAndSnoozeWakeUp() {
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::upsert(db, m_account,
                                            {mention(QStringLiteral("s1"), 1000, QStringLiteral("a")),
                                             mention(QStringLiteral("s2"), 9000, QStringLiteral("b"))},
                                            1, c);
            return r ? Expected<void, Error>{} : unexpected(r.error());
        }));
        const auto a = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("s1"));
        const auto b = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("s2"));
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            if (auto r = ItemRepository::setStatus(db, a->id, model::Status::Snoozed, 5000, c); !r) {
                return r;
            }
            if (auto r = ItemRepository::setStatus(db, b->id, model::Status::Snoozed, 50000, c); !r) {
                return r;
            }
            return ItemRepository::setAssignee(db, b->id, QStringLiteral("camille"), c);
        }));
        int woke = -1;
        ChangeSet seen;
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::wakeSnoozed(db, 10000, c);
            woke = r ? *r : -1;
            seen = c;
            return {};
        }));
        QCOMPARE(woke, 1); // only the one whose time has come
        QCOMPARE(seen.updatedItems, QList<qint64>{a->id});
        QCOMPARE(model::toString(ItemRepository::byId(m_store->reader(), a->id)->status), QStringLiteral("new"));
        QCOMPARE(model::toString(ItemRepository::byId(m_store->reader(), b->id)->status), QStringLiteral("snoozed"));
        QCOMPARE(ItemRepository::byId(m_store->reader(), b->id)->assignee, QStringLiteral("camille"));
        const auto history = ItemRepository::authorHistory(m_store->reader(), a->author.id);
        QCOMPARE(history.items, 2);
        QCOMPARE(history.firstSeen, 1000);
        QCOMPARE(history.lastSeen, 9000);
        QVERIFY(!OutboxRepository::latestForItem(m_store->reader(), a->id));
    }

    void rolledBackIdentityIsNotRemembered() {
        // A job creates a new author, then fails: its savepoint is rolled back, and a later item by the same
        // author must get a real identity row, not the id the failed job saw.
        auto r = m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto up = ItemRepository::upsert(
                db, m_account, {mention(QStringLiteral("f1"), 1000, QStringLiteral("x"), QStringLiteral("new@x"))}, 1,
                c);
            Q_UNUSED(up);
            return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("refused")});
        });
        QVERIFY(!r.hasValue());
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto up = ItemRepository::upsert(
                db, m_account, {mention(QStringLiteral("f2"), 2000, QStringLiteral("y"), QStringLiteral("new@x"))}, 1,
                c);
            return up ? Expected<void, Error>{} : unexpected(up.error());
        }));
        const auto item = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("f2"));
        QVERIFY(item);
        QCOMPARE(item->author.handle, QStringLiteral("new@x")); // the join found a real identity row
        QCOMPARE(scalar(m_store->reader(), "SELECT count(*) FROM items WHERE identity_id NOT IN "
                                           "(SELECT id FROM identities)"),
                 0);
    }

    void syncStateRoundTrip() {
        SyncState s;
        s.accountId = m_account;
        s.stream = QStringLiteral("notifications");
        s.cursor = QStringLiteral("109999999999999999999");
        s.backfillCursor = QStringLiteral("1000");
        s.lastOkAt = 77;
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) { return SyncStateRepository::save(db, s, c); }));
        const SyncState back = SyncStateRepository::get(m_store->reader(), m_account, s.stream);
        QCOMPARE(back.cursor, s.cursor);
        QCOMPARE(back.backfillCursor, s.backfillCursor);
        QCOMPARE(back.backfillDone, false);
        QCOMPARE(back.lastOkAt, 77);
    }

    void outboxKeepsTextAndRecordsSentReply() {
        const model::Item parent = mention(QStringLiteral("q1"), 1000, QStringLiteral("how do I export?"));
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::upsert(db, m_account, {parent}, 1, c);
            return r ? Expected<void, Error>{} : unexpected(r.error());
        }));
        model::OutboxEntry e;
        e.accountId = m_account;
        e.parentRemoteId = QStringLiteral("q1");
        e.text = QStringLiteral("File → Export");
        e.idempotencyKey = QStringLiteral("k1");
        e.createdAt = 10;
        qint64 id = 0;
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = OutboxRepository::enqueue(db, e, c);
            if (!r) {
                return unexpected(r.error());
            }
            id = *r;
            return OutboxRepository::markSending(db, id, c);
        }));
        QCOMPARE(OutboxRepository::due(m_store->reader(), 100).size(), 1); // a dead sender's entry is due again
        model::Item posted = mention(QStringLiteral("s9"), 5000, e.text, QStringLiteral("us@x"));
        posted.accountId = m_account;
        posted.direction = model::Direction::Outgoing;
        posted.parentRemoteId = QStringLiteral("q1");
        QVERIFY(m_store->writer().run(
            [&](Database& db, ChangeSet& c) { return OutboxRepository::markSent(db, id, posted, 6000, c); }));
        const auto sent = OutboxRepository::byId(m_store->reader(), id);
        QCOMPARE(model::toString(sent->state), QStringLiteral("sent"));
        QCOMPARE(sent->remoteId, QStringLiteral("s9"));
        QCOMPARE(sent->text, e.text);
        QVERIFY(OutboxRepository::due(m_store->reader(), 100000).isEmpty());
        QCOMPARE(ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("q1"))->firstResponseAt, 5000);
        // Empty replies are refused before anything is stored.
        model::OutboxEntry empty = e;
        empty.text = QStringLiteral("   ");
        empty.idempotencyKey = QStringLiteral("k2");
        auto r = m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto x = OutboxRepository::enqueue(db, empty, c);
            return x ? Expected<void, Error>{} : unexpected(x.error());
        });
        QVERIFY(!r.hasValue());
        QCOMPARE(OutboxRepository::list(m_store->reader()).size(), 1);
    }
};

QTEST_GUILESS_MAIN(StoreTest)
#include "StoreTest.moc"
