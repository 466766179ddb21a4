#include "core/models/OutboxModel.h"

#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxActions.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::store;
using baton::models::OutboxModel;

class OutboxModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_account = 0;
    qint64 m_item = 0;
    int m_next = 0;

    static constexpr qint64 kBase = 1'700'000'000'000;

    qint64 enqueue(const QString& text) {
        model::OutboxEntry e;
        e.accountId = m_account;
        e.itemId = m_item;
        e.parentRemoteId = QStringLiteral("r1");
        e.text = text;
        e.idempotencyKey = QStringLiteral("key-%1").arg(++m_next);
        e.createdAt = kBase + m_next * 1000;
        qint64 id = 0;
        const auto r = m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto added = OutboxRepository::enqueue(db, e, c);
            if (!added) {
                return unexpected(added.error());
            }
            id = *added;
            return {};
        });
        return r ? id : 0;
    }

    bool write(const StoreWriter::Job& job) { return bool(m_store->writer().run(job)); }

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        auto s = Store::open(m_dir.filePath(QStringLiteral("o%1.db").arg(QDateTime::currentMSecsSinceEpoch())));
        QVERIFY(s);
        m_store = std::move(*s);
        QVERIFY(write([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            model::Account a;
            a.name = QStringLiteral("main");
            a.baseUrl = QStringLiteral("https://m.example");
            auto id = AccountRepository::add(db, a, c);
            if (!id) {
                return unexpected(id.error());
            }
            m_account = *id;
            model::Item it;
            it.remoteId = QStringLiteral("r1");
            it.createdAt = kBase;
            it.text = QStringLiteral("Where is my parcel?");
            it.author.handle = QStringLiteral("alice@example.org");
            it.author.displayName = QStringLiteral("Alice");
            auto up = ItemRepository::upsert(db, m_account, {it}, kBase, c);
            if (!up) {
                return unexpected(up.error());
            }
            return {};
        }));
        m_item = ItemRepository::byRemoteId(m_store->reader(), m_account, QStringLiteral("r1"))->id;
    }

    void cleanup() { m_store.reset(); }

    void listsEntriesNewestFirstWithTheirState() {
        const qint64 first = enqueue(QStringLiteral("First answer"));
        const qint64 second = enqueue(QStringLiteral("Second   answer\non two lines"));
        QVERIFY(first > 0 && second > 0);
        QVERIFY(write([&](Database& db, ChangeSet& c) {
            return OutboxRepository::markFailed(db, first, QStringLiteral("422 text too long"), c);
        }));

        OutboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(OutboxModel::ColumnCount));
        QCOMPARE(model.index(0, 0).data(OutboxModel::OutboxIdRole).toLongLong(), second);
        QCOMPARE(model.rowOf(first), 1);
        QCOMPARE(model.rowOf(9999), -1);
        QCOMPARE(model.index(0, OutboxModel::RecipientColumn).data().toString(), QStringLiteral("alice@example.org"));
        QCOMPARE(model.index(0, OutboxModel::TextColumn).data().toString(),
                 QStringLiteral("Second answer on two lines"));
        QVERIFY(model.index(0, 0).data(OutboxModel::OutboxStateRole).value<model::OutboxState>() ==
                model::OutboxState::Queued);
        QVERIFY(model.index(1, 0).data(OutboxModel::OutboxStateRole).value<model::OutboxState>() ==
                model::OutboxState::Failed);
        QVERIFY(model.index(1, OutboxModel::StateColumn).data().toString().contains(QStringLiteral("422")));
        QCOMPARE(model.index(1, 0).data(OutboxModel::OutboxErrorRole).toString(), QStringLiteral("422 text too long"));
        QCOMPARE(model.index(1, 0).data(OutboxModel::OutboxItemIdRole).toLongLong(), m_item);
        QVERIFY(model.index(1, 0).data(OutboxModel::OutboxCanEditRole).toBool());
        QVERIFY(model.index(1, 0).data(OutboxModel::OutboxCanRetryRole).toBool());
        QCOMPARE(model.pendingCount(), 2);
        QVERIFY(!model.headerData(OutboxModel::StateColumn, Qt::Horizontal).toString().isEmpty());
    }

    void followsTheWriter() {
        OutboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy pending(&model, &OutboxModel::pendingCountChanged);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 0);

        const qint64 id = enqueue(QStringLiteral("On our way"));
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.pendingCount(), 1);
        QCOMPARE(pending.size(), 1);

        // Editing keeps the row and changes its text.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(write([&](Database& db, ChangeSet& c) {
            return OutboxActions::editText(db, id, QStringLiteral("On our way, sorry"), c);
        }));
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(model.index(0, 0).data(OutboxModel::OutboxTextRole).toString(), QStringLiteral("On our way, sorry"));

        // Cancelled: still listed, no longer waiting nor actionable.
        QVERIFY(write([&](Database& db, ChangeSet& c) { return OutboxRepository::cancel(db, id, c); }));
        QTRY_COMPARE(model.pendingCount(), 0);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.index(0, 0).data(OutboxModel::OutboxStateRole).value<model::OutboxState>() ==
                model::OutboxState::Cancelled);
        QVERIFY(!model.index(0, 0).data(OutboxModel::OutboxCanCancelRole).toBool());
        QVERIFY(!model.index(0, 0).data(OutboxModel::OutboxCanEditRole).toBool());
        QCOMPARE(model.index(0, OutboxModel::StateColumn).data().toString(),
                 OutboxModel::stateLabel(model::OutboxState::Cancelled));
    }
};

QTEST_GUILESS_MAIN(OutboxModelTest)
#include "OutboxModelTest.moc"
