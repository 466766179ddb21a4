#include "core/models/InboxModel.h"

#include "core/models/FilterChoice.h"
#include "core/models/Roles.h"
#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/Store.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::store;
using baton::models::InboxModel;

class InboxModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_account = 0;
    int m_next = 0; // next remote id

    static constexpr qint64 kBase = 1'700'000'000'000;

    model::Item makeItem(qint64 createdAt, const QString& text) {
        model::Item it;
        it.remoteId = QString::number(++m_next);
        it.createdAt = createdAt;
        it.text = text;
        it.author.handle = QStringLiteral("user%1@example.org").arg(m_next % 7);
        it.author.displayName = QStringLiteral("User %1").arg(m_next % 7);
        it.sentiment = (m_next % 3) - 1.0;
        return it;
    }

    void add(const QList<model::Item>& items) {
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            auto r = ItemRepository::upsert(db, m_account, items, kBase, c);
            if (!r) {
                return unexpected(r.error());
            }
            return {};
        }));
    }

    qint64 idOf(const QString& remoteId) {
        return ItemRepository::byRemoteId(m_store->reader(), m_account, remoteId)->id;
    }

    void setStatus(qint64 id, model::Status s) {
        QVERIFY(m_store->writer().run(
            [&](Database& db, ChangeSet& c) { return ItemRepository::setStatus(db, id, s, 0, c); }));
    }

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        auto s = Store::open(m_dir.filePath(QStringLiteral("t%1.db").arg(QDateTime::currentMSecsSinceEpoch())));
        QVERIFY(s);
        m_store = std::move(*s);
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            model::Account a;
            a.name = QStringLiteral("main");
            a.baseUrl = QStringLiteral("https://m.example");
            auto id = AccountRepository::add(db, a, c);
            if (!id) {
                return unexpected(id.error());
            }
            m_account = *id;
            return {};
        }));
        QList<model::Item> items;
        for (int i = 0; i < 450; ++i) {
            items.append(makeItem(kBase + i * 60'000, i % 10 == 0 ? QStringLiteral("Where is my parcel %1?").arg(i)
                                                                  : QStringLiteral("Lovely day number %1").arg(i)));
        }
        add(items);
    }

    void cleanup() { m_store.reset(); }

    void pagesByKeyset() {
        InboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(InboxFilter{});
        QCOMPARE(model.rowCount(), InboxModel::pageSize());
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 400);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        // Newest first, and the roles say what the row is.
        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(models::CreatedAtRole).toLongLong(), kBase + 449 * 60'000);
        QCOMPARE(first.data(models::ExcerptRole).toString(), QStringLiteral("Lovely day number 449"));
        QVERIFY(first.data(models::UnreadRole).toBool());
        QVERIFY(first.data(models::AuthorHandleRole).toString().startsWith(u'@'));
        QVERIFY(first.data(models::StatusRole).value<model::Status>() == model::Status::New);
        QVERIFY(model.index(1).data(models::CreatedAtRole).toLongLong() <
                first.data(models::CreatedAtRole).toLongLong());
    }

    void filterReissuesSql() {
        InboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InboxFilter f;
        f.search = QStringLiteral("parcel");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 45);
        QVERIFY(!model.canFetchMore({}));
        models::ViewFilter questions;
        questions.questionsOnly = true;
        model.setFilter(questions);
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        QCOMPARE(model.rowCount(), 45);
    }

    void newItemsInsertAtTopWhenAtTop() {
        InboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(InboxFilter{});
        const int rows = model.rowCount();
        add({makeItem(kBase + 1000 * 60'000, QStringLiteral("Fresh news"))});
        QTRY_COMPARE(model.rowCount(), rows + 1);
        QCOMPARE(model.index(0).data(models::ExcerptRole).toString(), QStringLiteral("Fresh news"));
        QCOMPARE(model.pendingCount(), 0);
    }

    void newItemsWaitWhileReading() {
        InboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(InboxFilter{});
        model.setAtTop(false);
        const int rows = model.rowCount();
        const qint64 reading = model.index(5).data(models::ItemIdRole).toLongLong();
        QSignalSpy pending(&model, &InboxModel::pendingCountChanged);
        add({makeItem(kBase + 1000 * 60'000, QStringLiteral("One")),
             makeItem(kBase + 1001 * 60'000, QStringLiteral("Two"))});
        QTRY_COMPARE(model.pendingCount(), 2);
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.index(5).data(models::ItemIdRole).toLongLong(), reading);
        QVERIFY(!pending.isEmpty());
        model.applyPending();
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(model.rowCount(), rows + 2);
        QCOMPARE(model.index(0).data(models::ExcerptRole).toString(), QStringLiteral("Two"));
        QCOMPARE(model.index(1).data(models::ExcerptRole).toString(), QStringLiteral("One"));
        QCOMPARE(model.rowOf(reading), 7);
    }

    void olderItemsWaitForPaging() {
        InboxModel model(*m_store);
        model.setFilter(InboxFilter{});
        add({makeItem(kBase - 60'000, QStringLiteral("Ancient"))});
        add({makeItem(kBase + 2000 * 60'000, QStringLiteral("Marker"))});
        QTRY_COMPARE(model.rowCount(), 201); // the marker arrived, the old one waits for its page
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        QCOMPARE(model.rowCount(), 452);
        QCOMPARE(model.index(451).data(models::ExcerptRole).toString(), QStringLiteral("Ancient"));
    }

    void updatesRefreshOrLeave() {
        InboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InboxFilter open;
        open.statuses = {model::Status::New, model::Status::InProgress};
        model.setFilter(open);
        const qint64 top = model.index(0).data(models::ItemIdRole).toLongLong();
        const qint64 second = model.index(1).data(models::ItemIdRole).toLongLong();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        setStatus(top, model::Status::InProgress);
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY(model.index(0).data(models::StatusRole).value<model::Status>() == model::Status::InProgress);
        QVERIFY(!model.index(0).data(models::UnreadRole).toBool());
        setStatus(top, model::Status::Done);
        QTRY_COMPARE(model.index(0).data(models::ItemIdRole).toLongLong(), second);
        QCOMPARE(model.rowOf(top), -1);
        setStatus(top, model::Status::New); // back in the open list, where it belongs
        QTRY_COMPARE(model.index(0).data(models::ItemIdRole).toLongLong(), top);
        Q_UNUSED(idOf(QStringLiteral("1")));
    }

    void filterBarNarrowsInSql_data() {
        QTest::addColumn<QString>("choice"); // FilterChoice JSON
        QTest::addColumn<int>("rows");
        // 450 items, one a minute from kBase; sentiment cycles 0, 1, -1 (by remote id 1, 2, 3...).
        QTest::newRow("nothing") << QStringLiteral("{}") << 450;
        QTest::newRow("negative") << QStringLiteral(R"({"sentiment":"negative"})") << 150;
        QTest::newRow("neutral") << QStringLiteral(R"({"sentiment":"neutral"})") << 150;
        QTest::newRow("positive") << QStringLiteral(R"({"sentiment":"positive"})") << 150;
        QTest::newRow("network") << QStringLiteral(R"({"networks":["mastodon"]})") << 450;
        QTest::newRow("other network") << QStringLiteral(R"({"networks":["reddit"]})") << 0;
        QTest::newRow("status") << QStringLiteral(R"({"statuses":["done"]})") << 0;
        QTest::newRow("kind") << QStringLiteral(R"({"kinds":["review"]})") << 0;
        QTest::newRow("kind mention") << QStringLiteral(R"({"kinds":["mention"]})") << 450;
        QTest::newRow("assignee") << QStringLiteral(R"({"assignee":"sam"})") << 0;
        QTest::newRow("tag") << QStringLiteral(R"({"tag":"billing"})") << 0;
        QTest::newRow("unassigned") << QStringLiteral(R"({"unassigned":true})") << 450;
        QTest::newRow("unassigned wins") << QStringLiteral(R"({"unassigned":true,"assignee":"sam"})") << 450;
        QTest::newRow("community") << QStringLiteral(R"({"communities":["999"]})") << 0;
        // From the tenth minute to the twentieth, both days whole: all items are on one or two local days.
        QTest::newRow("custom range") << QStringLiteral(R"({"dates":"custom","from":"%1","to":"%2"})")
                                             .arg(kBase + 10 * 60'000)
                                             .arg(kBase + 20 * 60'000)
                                      << 10;
        QTest::newRow("today, long after") << QStringLiteral(R"({"dates":"today"})") << 0;
    }

    void filterBarNarrowsInSql() {
        QFETCH(QString, choice);
        QFETCH(int, rows);
        const auto c = models::FilterChoice::fromJson(QJsonDocument::fromJson(choice.toUtf8()).object());
        // Round trip: what a saved view stores is what it restores.
        QVERIFY(models::FilterChoice::fromJson(c.toJson()) == c);
        InboxFilter f;
        c.applyTo(f, QDateTime::currentMSecsSinceEpoch());
        InboxModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(f);
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(InboxQuery::count(m_store->reader(), f), qint64(rows));
    }

    void filterBarRefinesAView() {
        models::FilterChoice c;
        c.statuses = {model::Status::Done};
        InboxFilter needsReply;
        needsReply.needsReply = true;
        c.applyTo(needsReply, kBase);
        // Done items never need a reply: asking for them drops the view's "needs reply".
        QVERIFY(!needsReply.needsReply.has_value());
        QVERIFY(needsReply.statuses == QList<model::Status>{model::Status::Done});
        models::FilterChoice week;
        week.dates = models::FilterChoice::Dates::Last7Days;
        InboxFilter f;
        const qint64 now = QDateTime(QDate(2024, 3, 20), QTime(15, 30)).toMSecsSinceEpoch();
        week.applyTo(f, now);
        QCOMPARE(*f.from, QDateTime(QDate(2024, 3, 14), QTime(0, 0)).toMSecsSinceEpoch());
        QVERIFY(!f.to.has_value());
        QCOMPARE(week.activeCount(), 1);
    }
};

QTEST_GUILESS_MAIN(InboxModelTest)
#include "InboxModelTest.moc"
