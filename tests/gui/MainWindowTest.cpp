#include "ui/MainWindow.h"

#include "GuiTestSupport.h"
#include "app/Profile.h"
#include "core/models/InboxModel.h"
#include "core/models/Roles.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"
#include "core/sync/SyncEngine.h"
#include "ui/Composer.h"
#include "ui/DialogFacade.h"
#include "ui/ItemPane.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace baton;

class MainWindowTest : public QObject {
    Q_OBJECT
    test::DemoFixture m_demo;

    ui::MainWindow& window() { return m_demo.session->window(); }
    store::Store& store() { return m_demo.session->profile().store(); }
    model::Status statusOf(qint64 id) { return store::ItemRepository::byId(store().reader(), id)->status; }

    void focusList() {
        window().inboxView()->setFocus();
        if (!window().inboxView()->currentIndex().isValid()) {
            window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(m_demo.start());
        window().show();
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
    }

    void opensOnDemoAndShowsItems() {
        window().selectView(QStringLiteral("all"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 10);
        QVERIFY(window().findChild<QWidget*>(QStringLiteral("demoBanner"))->isVisible());
        QVERIFY(!window().inboxModel().index(0).data(models::AuthorNameRole).toString().isEmpty());
        // Selecting a row opens it in the item pane with its thread.
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        QCOMPARE(window().itemPane()->itemId(), window().currentItemId());
        QVERIFY(!window().itemPane()->details()->thread.isEmpty());
    }

    void keyboardTriageChangesStatus() {
        window().selectView(QStringLiteral("all"));
        focusList();
        QListView* list = window().inboxView();
        list->setCurrentIndex(window().inboxModel().index(0));
        QTest::keyClick(list, Qt::Key_J);
        QCOMPARE(list->currentIndex().row(), 1);
        QTest::keyClick(list, Qt::Key_K);
        QCOMPARE(list->currentIndex().row(), 0);

        const qint64 first = window().currentItemId();
        const qint64 second = window().inboxModel().index(1).data(models::ItemIdRole).toLongLong();
        QTest::keyClick(list, Qt::Key_E);
        QTRY_VERIFY(statusOf(first) == model::Status::Done);
        // Done leaves the open list; the next item becomes current, ready for the next key.
        QTRY_COMPARE(window().inboxModel().rowOf(first), -1);
        QTRY_COMPARE(window().currentItemId(), second);

        QTest::keyClick(list, Qt::Key_S);
        QTRY_VERIFY(statusOf(second) == model::Status::Snoozed);
        QVERIFY(store::ItemRepository::byId(store().reader(), second)->snoozeUntil >
                QDateTime::currentMSecsSinceEpoch());

        // Ctrl+Z puts the snoozed one back.
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(statusOf(second) == model::Status::New);
    }

    void replyAppearsInSandboxExactlyOnce() {
        window().selectView(QStringLiteral("needs-reply"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 0);
        focusList();
        const qint64 id = window().currentItemId();
        QVERIFY(id > 0);
        sandbox::SandboxServer* sandbox = m_demo.session->sandbox();
        const int before = sandbox->statusesCreated();

        QTest::keyClick(window().inboxView(), Qt::Key_R);
        ui::Composer* composer = window().itemPane()->composer();
        QTRY_VERIFY(composer->editor()->hasFocus());
        QTest::keyClicks(composer->editor(), QStringLiteral("Thanks for telling us, we are on it."));
        QVERIFY(composer->sendButton()->isEnabled());
        QTest::keyClick(composer->editor(), Qt::Key_Return, Qt::ControlModifier);
        // A second press while it is queued must not send it again.
        QTest::keyClick(composer->editor(), Qt::Key_Return, Qt::ControlModifier);

        QTRY_COMPARE_WITH_TIMEOUT(sandbox->statusesCreated(), before + 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(store::ItemRepository::byId(store().reader(), id)->firstResponseAt > 0, 20000);
        const auto entries = store::OutboxRepository::list(store().reader());
        QCOMPARE(std::count_if(entries.cbegin(), entries.cend(), [&](const auto& e) { return e.itemId == id; }), 1);
        QTRY_VERIFY(composer->text().isEmpty());

        // Another sync (which flushes the outbox again) does not post it twice.
        QSignalSpy done(&m_demo.session->syncEngine(), &sync::SyncEngine::allFinished);
        m_demo.session->syncEngine().syncAll();
        QVERIFY(done.wait(20000));
        QCOMPARE(sandbox->statusesCreated(), before + 1);
    }

    void searchNarrowsTheList() {
        window().selectView(QStringLiteral("all"));
        window().searchField()->clear();
        QTRY_VERIFY(window().inboxModel().rowCount() > 3);
        const int all = window().inboxModel().rowCount();
        // A word from one item's text.
        QString word;
        for (int r = 0; r < all && word.isEmpty(); ++r) {
            const QString text = window().inboxModel().index(r).data(models::ExcerptRole).toString();
            for (const QString& w : text.split(QRegularExpression(QStringLiteral("\\W+")), Qt::SkipEmptyParts)) {
                if (w.size() >= 7) {
                    word = w;
                    break;
                }
            }
        }
        QVERIFY(!word.isEmpty());
        QTest::keyClick(window().inboxView(), Qt::Key_Slash);
        QTRY_VERIFY(window().searchField()->hasFocus());
        QTest::keyClicks(window().searchField(), word);
        QTRY_VERIFY(window().inboxModel().rowCount() < all);
        QVERIFY(window().inboxModel().rowCount() > 0);
        for (int r = 0; r < window().inboxModel().rowCount(); ++r) {
            const QModelIndex idx = window().inboxModel().index(r);
            const QString hay = idx.data(Qt::ToolTipRole).toString() + u' ' +
                                idx.data(models::AuthorNameRole).toString() + u' ' +
                                idx.data(models::AuthorHandleRole).toString();
            QVERIFY2(hay.contains(word, Qt::CaseInsensitive), qPrintable(hay));
        }
        window().searchField()->clear();
        QTRY_COMPARE(window().inboxModel().rowCount(), all);
    }

    void savedViewIsRestoredWithItsFilter() {
        window().selectView(QStringLiteral("negative"));
        QVERIFY(window().inboxModel().filter().sentimentMax.has_value());
        QVERIFY(window().inboxModel().filter().sort == store::InboxSort::MostNegative);
        window().close();
        // A new window on the same profile opens where the last one was.
        ui::DialogFacade dialogs;
        ui::MainWindow again({store(), nullptr, dialogs, true, {}});
        QCOMPARE(again.currentViewKey(), QStringLiteral("negative"));
        QVERIFY(again.inboxModel().filter().sentimentMax.has_value());
        QVERIFY(again.inboxModel().filter().statuses.contains(model::Status::New));
        window().show();
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
    }

    void questionMarkShowsShortcuts() {
        const int shown = m_demo.session->dialogs().shownCount();
        window().inboxView()->setFocus();
        QTest::keyClick(window().inboxView(), Qt::Key_Question, Qt::ShiftModifier);
        QCOMPARE(m_demo.session->dialogs().shownCount(), shown + 1);
        QVERIFY(m_demo.session->dialogs().lastText().contains(QStringLiteral("Snooze")));
    }

    void spamAsksFirst() {
        window().selectView(QStringLiteral("all"));
        focusList();
        const qint64 id = window().currentItemId();
        m_demo.session->dialogs().setNextAnswer(QMessageBox::No);
        window().setCurrentStatus(model::Status::Spam);
        QVERIFY(statusOf(id) != model::Status::Spam);
        m_demo.session->dialogs().setNextAnswer(QMessageBox::Yes);
        window().setCurrentStatus(model::Status::Spam);
        QTRY_VERIFY(statusOf(id) == model::Status::Spam);
    }

    void cleanupTestCase() { m_demo.session.reset(); }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
