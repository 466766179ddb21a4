#include "GuiTestSupport.h"
#include "app/Profile.h"
#include "core/models/InboxModel.h"
#include "core/models/Roles.h"
#include "core/store/ItemRepository.h"
#include "core/store/NoteRepository.h"
#include "core/store/Store.h"
#include "core/store/TagRepository.h"
#include "ui/DashboardView.h"
#include "ui/DialogFacade.h"
#include "ui/MainWindow.h"
#include "ui/Toast.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QListView>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

using namespace baton;

namespace {

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x93));
    p.setColor(QPalette::Link, QColor(0x7a, 0xa7, 0xff));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x41));
    p.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7c, 0x80));
    }
    return p;
}

} // namespace

class ScreenshotTest : public QObject {
    Q_OBJECT
    test::DemoFixture m_demo;

private slots:
    void initTestCase() {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(m_demo.start(60));
        // The second newest open item carries what the team adds: an assignee, tags and a note.
        store::Store& st = m_demo.session->profile().store();
        store::InboxFilter open;
        open.statuses = {model::Status::New, model::Status::InProgress, model::Status::Waiting};
        const auto page = store::InboxQuery::page(st.reader(), open, std::nullopt, 2);
        QCOMPARE(page.items.size(), 2);
        const qint64 id = page.items.at(1).id;
        QVERIFY(st.writer().run([id](store::Database& db, store::ChangeSet& c) -> Expected<void, Error> {
            for (const char* tag : {"bug", "editor"}) {
                if (auto r = store::TagRepository::add(db, id, QString::fromLatin1(tag), c); !r) {
                    return r;
                }
            }
            if (auto r = store::ItemRepository::setAssignee(db, id, QStringLiteral("Camille"), c); !r) {
                return r;
            }
            auto n = store::NoteRepository::add(db,
                                                {0, id, QStringLiteral("Camille"),
                                                 QStringLiteral("Known issue in 4.2.1, fix ships Friday."),
                                                 QDateTime::currentMSecsSinceEpoch() - 20 * 60'000},
                                                c);
            if (!n) {
                return unexpected(n.error());
            }
            return {};
        }));
    }

    void screenshots_data() {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("bulk"); // three rows selected and the undo toast showing
        QTest::newRow("light-en") << false << QStringLiteral("en") << QSize(1280, 800) << false;
        QTest::newRow("dark-en") << true << QStringLiteral("en") << QSize(1280, 800) << false;
        QTest::newRow("light-fr") << false << QStringLiteral("fr") << QSize(1280, 800) << false;
        QTest::newRow("dark-fr") << true << QStringLiteral("fr") << QSize(1280, 800) << false;
        QTest::newRow("light-fr-small") << false << QStringLiteral("fr") << QSize(1024, 640) << false;
        QTest::newRow("light-en-bulk") << false << QStringLiteral("en") << QSize(1280, 800) << true;
        QTest::newRow("dark-fr-bulk") << true << QStringLiteral("fr") << QSize(1280, 800) << true;
    }

    void screenshots() {
        QFETCH(bool, dark);
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QFETCH(bool, bulk);
        QCOMPARE(ui::installTranslations(language), language);
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        // A fresh window per language: labels are built in the language in effect.
        ui::MainWindow w(
            {m_demo.session->profile().store(), &m_demo.session->syncEngine(), m_demo.session->dialogs(), true, {}});
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.selectView(QStringLiteral("all"));
        QTRY_VERIFY(w.inboxModel().rowCount() > 5);
        w.inboxView()->setCurrentIndex(w.inboxModel().index(1));
        w.inboxView()->setFocus();
        if (bulk) {
            auto* selection = w.inboxView()->selectionModel();
            selection->select(w.inboxModel().index(2), QItemSelectionModel::Select);
            selection->select(w.inboxModel().index(3), QItemSelectionModel::Select);
            // The window's own wording, in the language in effect.
            const char* ctx = "baton::ui::MainWindow";
            w.toast()->showMessage(QCoreApplication::translate(ctx, "%n item(s) moved to %1", nullptr, 3)
                                       .arg(QCoreApplication::translate("Formatting", "Done")),
                                   QCoreApplication::translate(ctx, "Undo"), 60'000);
        }
        QTest::qWait(100); // let layouts settle before grabbing
        const QString dir = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(dir));
        const QString file =
            QDir(dir).filePath(QStringLiteral("main-%1.png").arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(w.grab().save(file));
        qInfo("wrote %s", qPrintable(file));
        w.close();
    }

    void dashboard_data() {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::newRow("light-en") << false << QStringLiteral("en") << QSize(1280, 800);
        QTest::newRow("dark-en") << true << QStringLiteral("en") << QSize(1280, 800);
        QTest::newRow("light-fr") << false << QStringLiteral("fr") << QSize(1280, 800);
        QTest::newRow("dark-fr") << true << QStringLiteral("fr") << QSize(1280, 800);
        QTest::newRow("light-fr-small") << false << QStringLiteral("fr") << QSize(1024, 640);
        QTest::newRow("dark-en-large") << true << QStringLiteral("en") << QSize(2560, 1440);
    }

    void dashboard() {
        QFETCH(bool, dark);
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QCOMPARE(ui::installTranslations(language), language);
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        ui::MainWindow w(
            {m_demo.session->profile().store(), &m_demo.session->syncEngine(), m_demo.session->dialogs(), true, {}});
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showDashboard(true);
        // The demo's history: the last seven days.
        const QDate today = QDate::currentDate();
        w.dashboard()->setCustomDays(today.addDays(-6), today);
        QVERIFY(w.dashboard()->summary().volume.incoming > 0);
        QTest::qWait(100);
        const QString dir = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(dir));
        const QString file =
            QDir(dir).filePath(QStringLiteral("dashboard-%1.png").arg(QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(w.grab().save(file));
        qInfo("wrote %s", qPrintable(file));
        w.close();
    }

    void cleanupTestCase() { m_demo.session.reset(); }
};

QTEST_MAIN(ScreenshotTest)
#include "ScreenshotTest.moc"
