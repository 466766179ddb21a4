#include "core/models/SourcesModel.h"

#include "core/models/Roles.h"
#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/Store.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::store;
using baton::models::SourcesModel;

class SourcesModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QList<qint64> m_accounts;

    qint64 addAccount(const QString& name, model::Network n) {
        qint64 id = 0;
        [&] {
            QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
                model::Account a;
                a.name = name;
                a.network = n;
                a.baseUrl = QStringLiteral("https://x.example");
                auto r = AccountRepository::add(db, a, c);
                if (!r) {
                    return unexpected(r.error());
                }
                id = *r;
                return {};
            }));
        }();
        return id;
    }

    void addItems(qint64 account, int n, double sentiment, int offset, const QString& community = {}) {
        QVERIFY(m_store->writer().run([&](Database& db, ChangeSet& c) -> Expected<void, Error> {
            QList<model::Item> items;
            for (int i = 0; i < n; ++i) {
                model::Item it;
                it.communityRemoteId = community;
                it.communityName = community.toUpper();
                it.remoteId = QStringLiteral("r%1").arg(offset + i);
                it.createdAt = 1'700'000'000'000 + (offset + i) * 1000;
                it.text = QStringLiteral("text %1").arg(i);
                it.sentiment = sentiment;
                it.author.handle = QStringLiteral("a@b");
                items.append(it);
            }
            auto r = ItemRepository::upsert(db, account, items, 1, c);
            if (!r) {
                return unexpected(r.error());
            }
            return {};
        }));
    }

private slots:
    void init() {
        auto s = Store::open(m_dir.filePath(QStringLiteral("s%1.db").arg(QDateTime::currentMSecsSinceEpoch())));
        QVERIFY(s);
        m_store = std::move(*s);
    }
    void cleanup() { m_store.reset(); }

    void treeAndCounts() {
        const qint64 a1 = addAccount(QStringLiteral("Support"), model::Network::Mastodon);
        const qint64 a2 = addAccount(QStringLiteral("Brand"), model::Network::Mastodon);
        addItems(a1, 5, -0.8, 0);
        addItems(a2, 3, 0.9, 100);
        SourcesModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // All, 7 views, Mastodon
        QCOMPARE(model.rowCount(), 9);
        const QModelIndex all = model.indexOfKey(QStringLiteral("all"));
        QCOMPARE(all.row(), 0);
        QCOMPARE(all.data(models::UnreadCountRole).toLongLong(), 8);
        QCOMPARE(model.indexOfKey(QStringLiteral("negative")).data(models::UnreadCountRole).toLongLong(), 5);
        QCOMPARE(model.indexOfKey(QStringLiteral("say-thanks")).data(models::NeedsReplyCountRole).toLongLong(), 3);
        const QModelIndex mastodon = model.indexOfKey(QStringLiteral("network:mastodon"));
        QVERIFY(mastodon.isValid());
        QCOMPARE(model.rowCount(mastodon), 2);
        const QModelIndex support = model.index(0, 0, mastodon);
        QCOMPARE(support.data().toString(), QStringLiteral("Support"));
        QCOMPARE(support.parent(), mastodon);
        QCOMPARE(support.data(models::UnreadCountRole).toLongLong(), 5);
        QCOMPARE(model.filterFor(support).sql.accountIds, QList<qint64>{a1});
        QVERIFY(model.indexOfKey(QStringLiteral("questions")).isValid());
        QVERIFY(model.filterFor(model.indexOfKey(QStringLiteral("questions"))).questionsOnly);
        QVERIFY(model.filterFor(model.indexOfKey(QStringLiteral("snoozed"))).sql.statuses ==
                QList<model::Status>{model::Status::Snoozed});
        QCOMPARE(model.indexOfKey(QStringLiteral("assigned")).data(models::UnreadCountRole).toLongLong(), 0);

        // Counts follow the writer; a new account rebuilds the tree.
        addItems(a2, 2, 0.0, 200);
        addAccount(QStringLiteral("Forum"), model::Network::Discourse);
        QTRY_COMPARE(model.rowCount(), 10);
        QTRY_COMPARE(model.indexOfKey(QStringLiteral("all")).data(models::UnreadCountRole).toLongLong(), 10);
    }

    void communitiesUnderTheirAccount() {
        const qint64 forum = addAccount(QStringLiteral("Forum"), model::Network::Discourse);
        addItems(forum, 4, 0.0, 0, QStringLiteral("support"));
        addItems(forum, 2, 0.0, 10);
        SourcesModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex account = model.indexOfKey(QStringLiteral("account:%1").arg(forum));
        QVERIFY(account.isValid());
        QCOMPARE(model.rowCount(account), 1);
        const QModelIndex support = model.index(0, 0, account);
        QCOMPARE(support.data().toString(), QStringLiteral("SUPPORT"));
        QVERIFY(support.data(models::SourceKindRole).value<SourcesModel::NodeKind>() ==
                SourcesModel::NodeKind::Community);
        QCOMPARE(support.data(models::UnreadCountRole).toLongLong(), 4);
        QCOMPARE(model.filterFor(support).sql.communityIds.size(), 1);
        QCOMPARE(account.data(models::UnreadCountRole).toLongLong(), 6);
        // A new community appears by itself.
        addItems(forum, 1, 0.0, 20, QStringLiteral("bugs"));
        QTRY_COMPARE(model.rowCount(model.indexOfKey(QStringLiteral("account:%1").arg(forum))), 2);
    }
};

QTEST_GUILESS_MAIN(SourcesModelTest)
#include "SourcesModelTest.moc"
