// Tags, internal notes and the user's outbox actions: what the team adds to an item, in the store.
#include "core/store/AccountRepository.h"
#include "core/store/InboxQuery.h"
#include "core/store/ItemRepository.h"
#include "core/store/NoteRepository.h"
#include "core/store/OutboxActions.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"
#include "core/store/TagRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::store;

class TeamDataTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_account = 0;
    QList<qint64> m_items;
    int m_db = 0;

    static constexpr qint64 kBase = 1'700'000'000'000;

    template <typename F>
    ChangeSet write(F job) {
        ChangeSet seen;
        const auto r = m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto out = job(db, c);
            seen = c;
            if (!out) {
                return unexpected(out.error());
            }
            return {};
        });
        if (!r) {
            qWarning() << r.error().toString();
        }
        return seen;
    }

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        auto s = Store::open(m_dir.filePath(QStringLiteral("team%1.db").arg(++m_db)));
        QVERIFY(s);
        m_store = std::move(*s);
        write([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            model::Account a;
            a.name = QStringLiteral("main");
            a.baseUrl = QStringLiteral("https://m.example");
            auto id = AccountRepository::add(db, a, c);
            if (!id) {
                return unexpected(id.error());
            }
            m_account = *id;
            QList<model::Item> items;
            for (int i = 0; i < 5; ++i) {
                model::Item it;
                it.remoteId = QString::number(i + 1);
                it.createdAt = kBase + i * 60'000;
                it.text = QStringLiteral("item %1").arg(i);
                it.author.handle = QStringLiteral("ann@example.org");
                items.append(it);
            }
            auto r = ItemRepository::upsert(db, m_account, items, kBase, c);
            if (!r) {
                return unexpected(r.error());
            }
            return {};
        });
        m_items.clear();
        for (int i = 0; i < 5; ++i) {
            m_items.append(ItemRepository::byRemoteId(m_store->reader(), m_account, QString::number(i + 1))->id);
        }
    }

    void cleanup() { m_store.reset(); }

    void tagsAddListRemoveAndFilter() {
        const ChangeSet c = write([&](Database& db, ChangeSet& ch) {
            return TagRepository::add(db, m_items[0], QStringLiteral("billing"), ch);
        });
        QVERIFY(c.updatedItems.contains(m_items[0])); // open views refresh the row
        write([&](Database& db, ChangeSet& ch) {
            return TagRepository::add(db, m_items[1], QStringLiteral(" Billing "), ch); // same tag, any case
        });
        write(
            [&](Database& db, ChangeSet& ch) { return TagRepository::add(db, m_items[1], QStringLiteral("bug"), ch); });
        write(
            [&](Database& db, ChangeSet& ch) { return TagRepository::add(db, m_items[1], QStringLiteral("bug"), ch); });
        QCOMPARE(TagRepository::forItem(m_store->reader(), m_items[1]),
                 (QStringList{QStringLiteral("billing"), QStringLiteral("bug")}));
        const auto all = TagRepository::all(m_store->reader());
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, QStringLiteral("billing"));
        QCOMPARE(all[0].items, 2);
        QCOMPARE(all[1].items, 1);

        InboxFilter f;
        f.tag = QStringLiteral("billing");
        QCOMPARE(InboxQuery::count(m_store->reader(), f), 2);
        write([&](Database& db, ChangeSet& ch) {
            return TagRepository::remove(db, m_items[0], QStringLiteral("BILLING"), ch);
        });
        QCOMPARE(InboxQuery::count(m_store->reader(), f), 1);
        QVERIFY(TagRepository::forItem(m_store->reader(), m_items[0]).isEmpty());

        // An empty tag or an unknown item is refused.
        bool failed = false;
        QVERIFY(!m_store->writer().run([&](Database& db, ChangeSet& ch) {
            auto r = TagRepository::add(db, m_items[0], QStringLiteral("  "), ch);
            failed = !r;
            return r;
        }));
        QVERIFY(failed);
        QVERIFY(!m_store->writer().run(
            [&](Database& db, ChangeSet& ch) { return TagRepository::add(db, 42, QStringLiteral("x"), ch); }));
    }

    void notesAddListRemove() {
        qint64 first = 0;
        write([&](Database& db, ChangeSet& ch) -> Expected<void, Error> {
            auto id = NoteRepository::add(
                db, {0, m_items[2], QStringLiteral("sam"), QStringLiteral(" Called them "), kBase}, ch);
            if (!id) {
                return unexpected(id.error());
            }
            first = *id;
            auto second = NoteRepository::add(
                db, {0, m_items[2], QStringLiteral("kim"), QStringLiteral("Refund sent"), kBase + 1}, ch);
            if (!second) {
                return unexpected(second.error());
            }
            return {};
        });
        const auto notes = NoteRepository::forItem(m_store->reader(), m_items[2]);
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes[0].text, QStringLiteral("Called them"));
        QCOMPARE(notes[0].author, QStringLiteral("sam"));
        QCOMPARE(notes[1].createdAt, kBase + 1);
        const ChangeSet c = write([&](Database& db, ChangeSet& ch) { return NoteRepository::remove(db, first, ch); });
        QVERIFY(c.updatedItems.contains(m_items[2]));
        QCOMPARE(NoteRepository::forItem(m_store->reader(), m_items[2]).size(), 1);
        QVERIFY(
            !m_store->writer().run([&](Database& db, ChangeSet& ch) { return NoteRepository::remove(db, first, ch); }));
    }

    void outboxRetryEditAndRows() {
        qint64 id = 0;
        write([&](Database& db, ChangeSet& ch) -> Expected<void, Error> {
            model::OutboxEntry e;
            e.accountId = m_account;
            e.itemId = m_items[3];
            e.text = QStringLiteral("Thanks!");
            e.idempotencyKey = QStringLiteral("k1");
            e.createdAt = kBase;
            auto r = OutboxRepository::enqueue(db, e, ch);
            if (!r) {
                return unexpected(r.error());
            }
            id = *r;
            return OutboxRepository::markFailed(db, id, QStringLiteral("422 text too long"), ch);
        });
        auto rows = OutboxActions::rows(m_store->reader());
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].state, QStringLiteral("failed"));
        QCOMPARE(rows[0].lastError, QStringLiteral("422 text too long"));
        QCOMPARE(rows[0].recipient, QStringLiteral("ann@example.org"));

        const ChangeSet c = write([&](Database& db, ChangeSet& ch) {
            return OutboxActions::editText(db, id, QStringLiteral("Thanks."), ch);
        });
        QVERIFY(c.outboxChanged);
        auto e = OutboxRepository::byId(m_store->reader(), id);
        QCOMPARE(e->text, QStringLiteral("Thanks."));
        QVERIFY(e->state == model::OutboxState::Queued);
        QVERIFY(e->lastError.isEmpty());

        write([&](Database& db, ChangeSet& ch) {
            return OutboxRepository::markFailed(db, id, QStringLiteral("503"), ch);
        });
        write([&](Database& db, ChangeSet& ch) { return OutboxActions::retryNow(db, id, ch); });
        e = OutboxRepository::byId(m_store->reader(), id);
        QVERIFY(e->state == model::OutboxState::Queued);
        QCOMPARE(e->nextAttemptAt, 0);
        QCOMPARE(OutboxRepository::due(m_store->reader(), kBase).size(), 1);

        // Once it is on its way, neither edit nor retry touches it.
        write([&](Database& db, ChangeSet& ch) { return OutboxRepository::markSending(db, id, ch); });
        QVERIFY(!m_store->writer().run(
            [&](Database& db, ChangeSet& ch) { return OutboxActions::editText(db, id, QStringLiteral("x"), ch); }));
        QVERIFY(
            !m_store->writer().run([&](Database& db, ChangeSet& ch) { return OutboxActions::retryNow(db, id, ch); }));

        // Cancelled entries are hidden unless asked for.
        write([&](Database& db, ChangeSet& ch) -> Expected<void, Error> {
            model::OutboxEntry e2;
            e2.accountId = m_account;
            e2.text = QStringLiteral("Never mind");
            e2.idempotencyKey = QStringLiteral("k2");
            auto r = OutboxRepository::enqueue(db, e2, ch);
            if (!r) {
                return unexpected(r.error());
            }
            return OutboxRepository::cancel(db, *r, ch);
        });
        QCOMPARE(OutboxActions::rows(m_store->reader()).size(), 1);
        QCOMPARE(OutboxActions::rows(m_store->reader(), 200, true).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TeamDataTest)
#include "TeamDataTest.moc"
