#include "ui/MainWindow.h"

#include "GuiTestSupport.h"
#include "app/Profile.h"
#include "core/models/InboxModel.h"
#include "core/models/OutboxModel.h"
#include "core/models/Roles.h"
#include "core/models/SourcesModel.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/ItemRepository.h"
#include "core/store/NoteRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/Store.h"
#include "core/store/TagRepository.h"
#include "core/sync/SyncEngine.h"
#include "tests/support/StoreProbe.h"
#include "ui/CommandPalette.h"
#include "ui/Composer.h"
#include "ui/DialogFacade.h"
#include "ui/FilterBar.h"
#include "ui/ItemPane.h"
#include "ui/OutboxPanel.h"
#include "ui/Toast.h"

#include <QApplication>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUuid>

using namespace baton;

class MainWindowTest : public QObject {
    Q_OBJECT
    test::DemoFixture m_demo;

    ui::MainWindow& window() { return m_demo.session->window(); }
    store::Store& store() { return m_demo.session->profile().store(); }
    model::Status statusOf(qint64 id) { return store::ItemRepository::byId(store().reader(), id)->status; }

    // Opens a filter chip's menu and picks the entry with this text.
    void pickFilter(const QString& chip, const QString& entry) {
        QMenu* menu = window().filterBar()->chip(chip)->menu();
        emit menu->aboutToShow();
        for (QAction* a : menu->actions()) {
            if (a->text() == entry) {
                a->trigger();
                return;
            }
        }
        QFAIL(qPrintable(u"no filter entry " + entry));
    }

    void focusList() {
        window().inboxView()->setFocus();
        if (!window().inboxView()->currentIndex().isValid()) {
            window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        }
    }

    // Earlier cases leave chips set (tag, assignee) whose one match may since have gone to spam: clear them the
    // way a user would, then show All.
    void showAllWithoutFilters() {
        auto* clear = window().filterBar()->findChild<QToolButton*>(QStringLiteral("clearFilters"));
        if (clear && clear->isVisible()) {
            clear->click();
        }
        window().selectView(QStringLiteral("done"));
        window().selectView(QStringLiteral("all"));
        QTRY_VERIFY(window().filterBar()->choice().isEmpty());
        QTRY_VERIFY(window().inboxModel().rowCount() > 1);
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

    void demoSyncsEveryNetworkAtOnce() {
        // The demo's first sync ran every account together: each of the eight networks has items, no sync stream
        // and no account is in error, and the window's list mixes them.
        const QStringList expected{QStringLiteral("bluesky"),        QStringLiteral("discourse"),
                                   QStringLiteral("email"),          QStringLiteral("feed"),
                                   QStringLiteral("google-reviews"), QStringLiteral("mastodon"),
                                   QStringLiteral("reddit"),         QStringLiteral("youtube")};
        QCOMPARE(testing::queryColumn(store().reader(), "SELECT DISTINCT a.network FROM items i JOIN accounts a ON "
                                                        "a.id = i.account_id ORDER BY a.network"),
                 expected);
        QCOMPARE(testing::queryColumn(store().reader(), "SELECT DISTINCT network FROM accounts ORDER BY network"),
                 expected);
        QCOMPARE(testing::queryColumn(store().reader(),
                                      "SELECT a.name || ': ' || s.last_error FROM sync_state s JOIN accounts a ON "
                                      "a.id = s.account_id WHERE coalesce(s.last_error, '') != ''"),
                 QStringList());
        QCOMPARE(testing::queryColumn(store().reader(),
                                      "SELECT name || ': ' || last_error FROM accounts WHERE coalesce(last_error, '') "
                                      "!= ''"),
                 QStringList());
        showAllWithoutFilters();
        auto& model = window().inboxModel();
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        QSet<QString> shown;
        for (int row = 0; row < model.rowCount(); ++row) {
            shown.insert(model.index(row).data(models::NetworkNameRole).toString());
        }
        QCOMPARE(shown, QSet<QString>(expected.cbegin(), expected.cend()));
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
        // The demo mixes every network; the journal counted here is Mastodon's.
        window().selectView(QStringLiteral("network:mastodon"));
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

    void filterBarNarrowsAndASavedViewRestoresIt() {
        window().selectView(QStringLiteral("all"));
        window().searchField()->clear();
        QTRY_VERIFY(window().inboxModel().rowCount() > 3);
        const int all = window().inboxModel().rowCount();
        pickFilter(QStringLiteral("sentiment"), QStringLiteral("▼ Negative"));
        QVERIFY(window().inboxModel().filter().sentimentMax.has_value());
        QVERIFY(window().inboxModel().rowCount() < all);
        for (int r = 0; r < window().inboxModel().rowCount(); ++r) {
            QVERIFY(window().inboxModel().index(r).data(models::SentimentRole).toDouble() <= -0.2);
        }
        pickFilter(QStringLiteral("network"), QStringLiteral("Mastodon"));
        QVERIFY(window().inboxModel().filter().networks == QList<model::Network>{model::Network::Mastodon});
        const int narrowed = window().inboxModel().rowCount();

        m_demo.session->dialogs().setNextText(QStringLiteral("Angry on Mastodon"));
        window().filterBar()->findChild<QToolButton*>(QStringLiteral("saveView"))->click();
        const QString key = window().currentViewKey();
        QVERIFY(key.startsWith(QStringLiteral("saved:")));
        QCOMPARE(window().sourcesView()->currentIndex().data().toString(), QStringLiteral("Angry on Mastodon"));

        // Another view starts with a clear bar; the saved one brings its filters back.
        window().selectView(QStringLiteral("all"));
        QVERIFY(window().filterBar()->choice().isEmpty());
        QCOMPARE(window().inboxModel().rowCount(), all);
        window().selectView(key);
        QVERIFY(window().filterBar()->choice().sentiment == models::FilterChoice::Sentiment::Negative);
        QCOMPARE(window().inboxModel().rowCount(), narrowed);

        // And so does the next window.
        window().close();
        ui::DialogFacade dialogs;
        {
            ui::MainWindow again({store(), nullptr, dialogs, true, {}});
            QCOMPARE(again.currentViewKey(), key);
            QVERIFY(again.inboxModel().filter().sentimentMax.has_value());
            QVERIFY(again.inboxModel().filter().networks == QList<model::Network>{model::Network::Mastodon});
            QCOMPARE(again.inboxModel().rowCount(), narrowed);
            again.deleteSavedView(key);
            QCOMPARE(again.currentViewKey(), QStringLiteral("all"));
            QVERIFY(!again.sourcesModel().indexOfKey(key).isValid());
            again.close();
        }
        window().show();
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        window().selectView(QStringLiteral("all"));
    }

    void bulkActionsAndUndoFromTheToast() {
        window().selectView(QStringLiteral("all"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 4);
        focusList();
        QListView* list = window().inboxView();
        list->setCurrentIndex(window().inboxModel().index(0));
        QTest::keyClick(list, Qt::Key_J, Qt::ShiftModifier);
        QTest::keyClick(list, Qt::Key_J, Qt::ShiftModifier);
        const QList<qint64> ids = window().selectedItemIds();
        QCOMPARE(ids.size(), 3);
        // The pane offers the bulk actions.
        QVERIFY(window().itemPane()->findChild<QWidget*>(QStringLiteral("selectionPage"))->isVisible());
        QTest::keyClick(list, Qt::Key_E);
        for (qint64 id : ids) {
            QTRY_VERIFY(statusOf(id) == model::Status::Done);
        }
        ui::Toast* toast = window().toast();
        QTRY_VERIFY2(toast->isVisible() && toast->text().contains(QStringLiteral("3")), qPrintable(toast->text()));
        QVERIFY(toast->actionButton()->isVisible());
        toast->actionButton()->click();
        for (qint64 id : ids) {
            QTRY_VERIFY(statusOf(id) == model::Status::New);
        }
        // x picks rows one by one; the pane follows.
        window().selectView(QStringLiteral("all"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 4);
        focusList();
        list->setCurrentIndex(window().inboxModel().index(0));
        QTest::keyClick(list, Qt::Key_X);
        QTest::keyClick(list, Qt::Key_J);
        QTest::keyClick(list, Qt::Key_J);
        QTest::keyClick(list, Qt::Key_X);
        QCOMPARE(window().selectedItemIds().size(), 2);
        QCOMPARE(list->currentIndex().row(), 2);
        window().selectView(QStringLiteral("all"));
    }

    void assignTagAndNote() {
        window().selectView(QStringLiteral("all"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 2);
        focusList();
        QListView* list = window().inboxView();
        list->setCurrentIndex(window().inboxModel().index(2));
        const qint64 id = window().currentItemId();
        ui::DialogFacade& dialogs = m_demo.session->dialogs();

        dialogs.setNextText(QStringLiteral("sam"));
        QTest::keyClick(list, Qt::Key_A);
        QTRY_COMPARE(store::ItemRepository::byId(store().reader(), id)->assignee, QStringLiteral("sam"));
        QTRY_VERIFY(window().itemPane()->assignButton()->text().contains(QStringLiteral("sam")));

        dialogs.setNextText(QStringLiteral("#billing"));
        QTest::keyClick(list, Qt::Key_NumberSign);
        QTRY_COMPARE(store::TagRepository::forItem(store().reader(), id), QStringList{QStringLiteral("billing")});
        QTRY_VERIFY(window().itemPane()->details()->tags.contains(QStringLiteral("billing")));

        // Both are filters now.
        pickFilter(QStringLiteral("tag"), QStringLiteral("#billing"));
        QTRY_COMPARE(window().inboxModel().rowCount(), 1);
        pickFilter(QStringLiteral("assignee"), QStringLiteral("sam"));
        QCOMPARE(window().inboxModel().rowCount(), 1);
        QCOMPARE(window().inboxModel().index(0).data(models::ItemIdRole).toLongLong(), id);
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));

        QLineEdit* note = window().itemPane()->noteField();
        QTest::keyClicks(note, QStringLiteral("Called them, refund on its way"));
        QTest::keyClick(note, Qt::Key_Return);
        QTRY_COMPARE(store::NoteRepository::forItem(store().reader(), id).size(), 1);
        QTRY_VERIFY(window()
                        .itemPane()
                        ->findChild<QLabel*>(QStringLiteral("notes"))
                        ->text()
                        .contains(QStringLiteral("refund on its way")));

        // Undo takes the tag back off.
        dialogs.setNextText(QStringLiteral("vip"));
        QTest::keyClick(list, Qt::Key_NumberSign);
        QTRY_VERIFY(store::TagRepository::forItem(store().reader(), id).contains(QStringLiteral("vip")));
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(!store::TagRepository::forItem(store().reader(), id).contains(QStringLiteral("vip")));
        window().selectView(QStringLiteral("all"));
    }

    // A YouTube comment held for review takes no reply until it is approved: the composer says so, and approving
    // it from the overflow menu opens the composer at once.
    void heldYouTubeCommentTakesRepliesOnceApproved() {
        window().selectView(QStringLiteral("network:youtube"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 0);
        auto& model = window().inboxModel();
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        int row = -1;
        for (const QString& id :
             testing::queryColumn(store().reader(), "SELECT id FROM items WHERE network = 'youtube' AND direction = "
                                                    "'in' AND visibility = 'heldForReview' ORDER BY id DESC")) {
            if ((row = model.rowOf(id.toLongLong())) >= 0) {
                break;
            }
        }
        QVERIFY(row >= 0);
        focusList();
        window().inboxView()->selectionModel()->setCurrentIndex(model.index(row), QItemSelectionModel::ClearAndSelect);
        ui::Composer* composer = window().itemPane()->composer();
        const qint64 heldId = model.index(row).data(models::ItemIdRole).toLongLong();
        QTRY_COMPARE(window().currentItemId(), heldId);
        QTRY_VERIFY(composer->isVisibleTo(window().itemPane()));
        QTRY_VERIFY(!composer->editor()->isEnabled());
        QVERIFY(!composer->sendButton()->isEnabled());
        const auto* state = composer->findChild<QLabel*>(QStringLiteral("outboxState"));
        QVERIFY2(state->text().contains(QLatin1String("approve this one first")), qPrintable(state->text()));
        const auto* meta = window().itemPane()->findChild<QLabel*>(QStringLiteral("itemMeta"));
        QVERIFY(meta);
        QVERIFY2(meta->text().endsWith(QStringLiteral(" · held for review")), qPrintable(meta->text()));

        QAction* approve = nullptr;
        QTRY_VERIFY((approve = window().itemPane()->moreMenu()->findChild<QAction*>(
                         QStringLiteral("moderate-approve"))) != nullptr);
        approve->trigger();
        QTRY_VERIFY(composer->editor()->isEnabled());
        QVERIFY(!state->text().contains(QLatin1String("approve this one first")));
        QVERIFY(!meta->text().contains(QLatin1String("held")));
        QCOMPARE(store::ItemRepository::byId(store().reader(), window().currentItemId())->visibility, QString());
        composer->editor()->setPlainText(QStringLiteral("Thanks, published and answered."));
        QVERIFY(composer->sendButton()->isEnabled());
        composer->editor()->clear();
        window().selectView(QStringLiteral("all"));
    }

    // The composer counts the way the network does and keeps Send off past either of its limits.
    void composerCountsAsTheNetworkDoes() {
        ui::Composer composer;
        composer.setNetwork(model::Network::Bluesky);
        const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");
        const auto* counter = composer.findChild<QLabel*>(QStringLiteral("replyCounter"));
        QVERIFY(counter);
        composer.editor()->setPlainText(family.repeated(100)); // 100 graphemes, 1800 bytes
        QCOMPARE(counter->text(), QStringLiteral("100 / 300"));
        QVERIFY(composer.sendButton()->isEnabled());
        composer.editor()->setPlainText(family.repeated(200)); // 200 graphemes, 3600 bytes
        QCOMPARE(counter->text(), QStringLiteral("200 / 300 (too long for Bluesky)"));
        QVERIFY(!composer.sendButton()->isEnabled());
        composer.editor()->setPlainText(QString(301, u'a'));
        QCOMPARE(counter->text(), QStringLiteral("301 / 300"));
        QVERIFY(!composer.sendButton()->isEnabled());
        composer.setNetwork(model::Network::Mastodon); // a link counts 23
        composer.editor()->setPlainText(QStringLiteral("see https://example.com/a/rather/long/path/indeed"));
        QCOMPARE(counter->text(), QStringLiteral("27 / 500"));
    }

    void moderationFromTheOverflowMenu() {
        window().selectView(QStringLiteral("network:mastodon"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 0);
        focusList();
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        QMenu* more = window().itemPane()->moreMenu();
        QAction* block = nullptr;
        QAction* mute = nullptr;
        QTRY_VERIFY((block = more->findChild<QAction*>(QStringLiteral("moderate-block"))) != nullptr);
        mute = more->findChild<QAction*>(QStringLiteral("moderate-mute"));
        QVERIFY(mute);
        // Blocking asks first; "No" does nothing.
        ui::DialogFacade& dialogs = m_demo.session->dialogs();
        const int asked = dialogs.shownCount();
        dialogs.setNextAnswer(QMessageBox::No);
        block->trigger();
        QCOMPARE(dialogs.shownCount(), asked + 1);
        QVERIFY(dialogs.lastText().contains(QStringLiteral("Block")));
        mute->trigger(); // not destructive: no question
        QTRY_VERIFY(window().toast()->isVisible() && window().toast()->text().contains(QStringLiteral("Mute")));
        QCOMPARE(dialogs.shownCount(), asked + 1);

        // A report carries the reason the user types to the network's moderators; cancelling the reason stops it.
        QAction* report = more->findChild<QAction*>(QStringLiteral("moderate-report"));
        QVERIFY(report);
        auto reports = [this] {
            int n = 0;
            for (const auto& e : m_demo.session->sandbox()->journal()) {
                n += e.method == QLatin1String("POST") && e.path.endsWith(QLatin1String("/api/v1/reports")) ? 1 : 0;
            }
            return n;
        };
        const int before = reports();
        dialogs.setNextText(QString()); // cancel
        report->trigger();
        QCOMPARE(dialogs.shownCount(), asked + 2);
        dialogs.setNextText(QStringLiteral("Spam links in every reply"));
        dialogs.setNextAnswer(QMessageBox::Yes);
        report->trigger();
        QTRY_COMPARE(reports(), before + 1);
        bool withComment = false;
        for (const auto& e : m_demo.session->sandbox()->journal()) {
            withComment = withComment || (e.path.endsWith(QLatin1String("/api/v1/reports")) &&
                                          e.body.contains("Spam links in every reply"));
        }
        QVERIFY(withComment);
    }

    void feedItemsOpenTheirLinkInsteadOfAReply() {
        showAllWithoutFilters();
        window().selectView(QStringLiteral("network:feed"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 0);
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        QTRY_VERIFY(window().itemPane()->details().has_value());
        QVERIFY(window().itemPane()->details()->item.network == model::Network::Feed);
        QVERIFY(window().itemPane()->composer()->isHidden());
        QVERIFY(!window().itemPane()->openLinkButton()->isHidden());
        QVERIFY(window().itemPane()->openLinkButton()->toolTip().startsWith(QLatin1String("http")));
        // A Mastodon mention has both.
        window().selectView(QStringLiteral("network:mastodon"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 0);
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        QTRY_VERIFY(window().itemPane()->details()->item.network == model::Network::Mastodon);
        QVERIFY(!window().itemPane()->composer()->isHidden());
    }

    void questionMarkShowsShortcuts() {
        const int shown = m_demo.session->dialogs().shownCount();
        window().inboxView()->setFocus();
        QTest::keyClick(window().inboxView(), Qt::Key_Question, Qt::ShiftModifier);
        QCOMPARE(m_demo.session->dialogs().shownCount(), shown + 1);
        QVERIFY(m_demo.session->dialogs().lastText().contains(QStringLiteral("Snooze")));
    }

    void commandPaletteRunsTheChosenAction() {
        showAllWithoutFilters();
        focusList();
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        const qint64 id = window().currentItemId();
        QVERIFY(id > 0);
        ui::CommandPalette* palette = window().commandPalette();
        QVERIFY(!palette->isVisible());
        QTest::keyClick(window().inboxView(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(palette->isVisible());
        QTRY_VERIFY(palette->input()->hasFocus());
        // Every action with a name is listed, with its keys.
        QVERIFY(palette->visibleActions().size() > 10);

        QTest::keyClicks(palette->input(), QStringLiteral("DONE"));
        const QList<QAction*> shown = palette->visibleActions();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first()->text(), QStringLiteral("Done"));
        QCOMPARE(palette->list()->currentIndex().row(), 0);
        // Accents do not matter either.
        palette->input()->setText(QStringLiteral("snòozé"));
        QCOMPARE(palette->visibleActions().size(), 2); // "Snooze until tomorrow", "Go to Snoozed"

        // Esc closes without doing anything (and is not the window's "back to the list").
        QTest::keyClick(palette->input(), Qt::Key_Escape);
        QVERIFY(!palette->isVisible());
        QVERIFY(statusOf(id) != model::Status::Done);

        QTest::keyClick(window().inboxView(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(palette->isVisible());
        QVERIFY(palette->input()->text().isEmpty());
        QTest::keyClicks(palette->input(), QStringLiteral("done"));
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QTRY_VERIFY(statusOf(id) == model::Status::Done);
        QTRY_VERIFY(window().inboxView()->hasFocus());
        window().undoLast();
        QTRY_VERIFY(statusOf(id) != model::Status::Done);
    }

    void gThenKeyJumpsToAView() {
        showAllWithoutFilters();
        focusList();
        QListView* list = window().inboxView();
        QTest::keyClick(list, Qt::Key_G);
        QTest::keyClick(list, Qt::Key_N);
        QCOMPARE(window().currentViewKey(), QStringLiteral("needs-reply"));
        QCOMPARE(window().sourcesView()->currentIndex(),
                 window().sourcesModel().indexOfKey(QStringLiteral("needs-reply")));
        QVERIFY(window().inboxModel().filter().needsReply.value_or(false));

        // g then s is the snoozed view, not "snooze the item".
        focusList();
        const qint64 id = window().currentItemId();
        QTest::keyClick(list, Qt::Key_G);
        QTest::keyClick(list, Qt::Key_S);
        QCOMPARE(window().currentViewKey(), QStringLiteral("snoozed"));
        if (id > 0) {
            QTest::qWait(100);
            QVERIFY(statusOf(id) != model::Status::Snoozed);
        }
        QTest::keyClick(list, Qt::Key_G);
        QTest::keyClick(list, Qt::Key_I);
        QCOMPARE(window().currentViewKey(), QStringLiteral("all"));

        // Too late: the jump is off and the key is itself again (j moves down).
        focusList();
        QTRY_VERIFY(window().inboxModel().rowCount() > 2);
        list->setCurrentIndex(window().inboxModel().index(0));
        QTest::keyClick(list, Qt::Key_G);
        QTest::qWait(1700);
        QTest::keyClick(list, Qt::Key_N);
        QCOMPARE(window().currentViewKey(), QStringLiteral("all"));
        // Another key after g does what it always does.
        const int row = list->currentIndex().row();
        QTest::keyClick(list, Qt::Key_G);
        QTest::keyClick(list, Qt::Key_J);
        QCOMPARE(list->currentIndex().row(), row + 1);
        QTest::keyClick(list, Qt::Key_N);
        QCOMPARE(window().currentViewKey(), QStringLiteral("all"));
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

    void failedReplyIsEditedAndRetriedFromTheOutbox() {
        showAllWithoutFilters();
        window().selectView(QStringLiteral("network:mastodon"));
        QTRY_VERIFY(window().inboxModel().rowCount() > 0);
        const qint64 itemId = window().inboxModel().index(0).data(models::ItemIdRole).toLongLong();
        QVERIFY(itemId > 0);
        const model::Item item = *store::ItemRepository::byId(store().reader(), itemId);
        model::OutboxEntry entry;
        entry.accountId = item.accountId;
        entry.itemId = item.id;
        entry.parentRemoteId = item.remoteId;
        entry.text = QStringLiteral("Sorry for the wait");
        entry.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        entry.createdAt = QDateTime::currentMSecsSinceEpoch();
        qint64 outboxId = 0;
        QVERIFY(store().writer().run([&](store::Database& db, store::ChangeSet& c) -> Expected<void, Error> {
            auto id = store::OutboxRepository::enqueue(db, entry, c);
            if (!id) {
                return unexpected(id.error());
            }
            outboxId = *id;
            return store::OutboxRepository::markFailed(db, outboxId, QStringLiteral("422 Validation failed"), c);
        }));

        // The toolbar counts it; its button opens the outbox, where it shows failed with the reason.
        QToolButton* button = window().outboxButton();
        QTRY_VERIFY(button->text().contains(QRegularExpression(QStringLiteral("\\(\\d+\\)"))));
        QVERIFY(!window().outboxDock()->isVisible());
        button->click();
        QTRY_VERIFY(window().outboxDock()->isVisible());
        ui::OutboxPanel* panel = window().outboxPanel();
        QTRY_VERIFY(panel->model().rowOf(outboxId) >= 0);
        QVERIFY(panel->selectEntry(outboxId));
        const QModelIndex row = panel->model().index(panel->model().rowOf(outboxId), models::OutboxModel::StateColumn);
        QVERIFY(row.data(models::OutboxModel::OutboxStateRole).value<model::OutboxState>() ==
                model::OutboxState::Failed);
        QVERIFY(row.data().toString().contains(QStringLiteral("422 Validation failed")));
        QVERIFY(panel->editButton()->isEnabled());
        QVERIFY(panel->retryButton()->isEnabled());

        // Edit: the facade's answer becomes the text.
        m_demo.session->dialogs().setNextText(QStringLiteral("Sorry for the wait, it is fixed now"));
        panel->editButton()->click();
        QTRY_COMPARE(store::OutboxRepository::byId(store().reader(), outboxId)->text,
                     QStringLiteral("Sorry for the wait, it is fixed now"));

        // Retry sends it, once.
        sandbox::SandboxServer* sandbox = m_demo.session->sandbox();
        const int before = sandbox->statusesCreated();
        QVERIFY(panel->selectEntry(outboxId));
        QTRY_VERIFY(panel->retryButton()->isEnabled());
        panel->retryButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(sandbox->statusesCreated(), before + 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            store::OutboxRepository::byId(store().reader(), outboxId)->state == model::OutboxState::Sent, 20000);
        QTRY_VERIFY(panel->model()
                        .index(panel->model().rowOf(outboxId), 0)
                        .data(models::OutboxModel::OutboxStateRole)
                        .value<model::OutboxState>() == model::OutboxState::Sent);
        QCOMPARE(panel->currentEntryId(), outboxId);
        QTRY_VERIFY(!panel->retryButton()->isEnabled());
        QCOMPARE(sandbox->statusesCreated(), before + 1);
        button->click();
        QTRY_VERIFY(!window().outboxDock()->isVisible());
    }

    void cleanupTestCase() { m_demo.session.reset(); }

    // Last: it stops the sandbox.
    void offlineWhenNoServerAnswers() {
        auto* offline = window().findChild<QLabel*>(QStringLiteral("offlineIndicator"));
        QVERIFY(offline);
        QVERIFY(offline->isHidden());
        m_demo.session->sandbox()->stop();
        QSignalSpy done(&m_demo.session->syncEngine(), &sync::SyncEngine::allFinished);
        m_demo.session->syncEngine().syncAll();
        QVERIFY(done.wait(60000));
        QTRY_VERIFY(!offline->isHidden());
        QVERIFY(offline->text().contains(QLatin1String("Offline")));
        // Triage still works on what is stored.
        showAllWithoutFilters();
        const qint64 id = window().inboxModel().index(0).data(models::ItemIdRole).toLongLong();
        window().inboxView()->setCurrentIndex(window().inboxModel().index(0));
        QTest::keyClick(window().inboxView(), Qt::Key_E);
        QTRY_VERIFY(statusOf(id) == model::Status::Done);
    }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
