// Settings: accounts (add, re-authenticate, remove, health) against the in-process sandbox through real libcurl,
// and the preferences (sync interval, notifications, language switch that rebuilds the window).
#include "GuiTestSupport.h"
#include "app/Profile.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/AccountRepository.h"
#include "core/store/Store.h"
#include "core/store/SyncStateRepository.h"
#include "core/sync/SyncEngine.h"
#include "tests/support/StoreProbe.h"
#include "ui/DialogFacade.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>
#include <optional>

using namespace baton;

class SettingsTest : public QObject {
    Q_OBJECT
    test::DemoFixture m_demo;

    ui::MainWindow& window() { return m_demo.session->window(); }
    store::Store& store() { return m_demo.session->profile().store(); }
    sandbox::SandboxAccount mastodonAccount() {
        for (const auto& a : m_demo.session->sandbox()->accounts()) {
            if (a.network == QLatin1String("mastodon")) {
                return a;
            }
        }
        return {};
    }
    std::optional<model::Account> firstOf(model::Network network) {
        for (const model::Account& a : store::AccountRepository::list(store().reader())) {
            if (a.network == network) {
                return a;
            }
        }
        return std::nullopt;
    }
    QTreeWidgetItem* rowNamed(ui::SettingsDialog* s, const QString& name) {
        for (int i = 0; i < s->accountsList()->topLevelItemCount(); ++i) {
            if (s->accountsList()->topLevelItem(i)->text(0) == name) {
                return s->accountsList()->topLevelItem(i);
            }
        }
        return nullptr;
    }
    void select(ui::SettingsDialog* s, const QString& name) {
        QTreeWidgetItem* row = rowNamed(s, name);
        QVERIFY(row);
        s->accountsList()->setCurrentItem(row);
        row->setSelected(true);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_demo.start(10));
        window().show();
    }

    void opensFromTheKeyboardAndListsAccountsWithHealth() {
        QVERIFY(QTest::qWaitForWindowExposed(&window()));
        QTest::keyClick(&window(), Qt::Key_Comma, Qt::ControlModifier);
        auto* settings = window().findChild<ui::SettingsDialog*>();
        QVERIFY(settings);
        QVERIFY(settings->isVisible());
        const auto accounts = store::AccountRepository::list(store().reader());
        QCOMPARE(settings->accountsList()->topLevelItemCount(), accounts.size());
        for (const auto& a : accounts) {
            QTreeWidgetItem* row = rowNamed(settings, a.name);
            QVERIFY2(row, qPrintable(a.name));
            QVERIFY(row->text(2).startsWith(QLatin1String("up to date")));
        }
        // Nothing selected: only Add works.
        QVERIFY(settings->addButton()->isEnabled());
        QVERIFY(!settings->removeButton()->isEnabled());
        // Asking again raises the same dialog.
        QCOMPARE(window().openSettings(), settings);
        // For people to look at, beside the window's screenshots.
        const QString dir = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(dir));
        settings->tabs()->setCurrentIndex(0);
        QVERIFY(settings->grab().save(QDir(dir).filePath(QStringLiteral("settings-accounts-en.png"))));
        settings->tabs()->setCurrentIndex(1);
        QVERIFY(settings->grab().save(QDir(dir).filePath(QStringLiteral("settings-general-en.png"))));
        settings->tabs()->setCurrentIndex(0);
    }

    // The YouTube account's row shows what is left of the day's API quota after the demo's sync.
    void youtubeRowShowsTheDayQuota() {
        const auto youtube = firstOf(model::Network::YouTube);
        const auto mastodon = firstOf(model::Network::Mastodon);
        QVERIFY(youtube && mastodon);
        const auto quota = connectors::youtube::YouTubeQuota::fromText(
            store::SyncStateRepository::get(store().reader(), youtube->id, QStringLiteral("quota")).cursor);
        const int left = quota.remaining(QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(left < connectors::youtube::YouTubeQuota::kDailyLimit && left > 0, qPrintable(QString::number(left)));
        ui::SettingsDialog* settings = window().openSettings();
        QTreeWidgetItem* row = rowNamed(settings, youtube->name);
        QVERIFY(row);
        QVERIFY2(row->text(2).contains(QStringLiteral("%1 of %2 quota units left today")
                                           .arg(settings->locale().toString(left), settings->locale().toString(10000))),
                 qPrintable(row->text(2)));
        QVERIFY(row->text(2).startsWith(QLatin1String("up to date")));
        // Other networks have no such budget.
        QVERIFY(!rowNamed(settings, mastodon->name)->text(2).contains(QLatin1String("quota")));
    }

    void addingAnAccountChecksTheTokenFirst() {
        ui::SettingsDialog* settings = window().openSettings();
        const qint64 before = store::AccountRepository::list(store().reader()).size();
        settings->addButton()->click();
        ui::AccountDialog* dialog = settings->accountDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const auto sandboxAccount = mastodonAccount();
        QVERIFY(!sandboxAccount.token.isEmpty());
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(QStringLiteral("Mastodon")));
        dialog->nameField()->setText(QStringLiteral("Second desk"));
        dialog->serverField()->setText(sandboxAccount.baseUrl);
        dialog->secretStoreField()->setCurrentIndex(1); // the profile's file: no keychain here

        // An address that is not https is refused before anything goes out.
        dialog->serverField()->setText(QStringLiteral("http://example.com"));
        dialog->tokenField()->setText(sandboxAccount.token);
        dialog->okButton()->click();
        QVERIFY(dialog->messageLabel()->text().contains(QLatin1String("https://")));
        dialog->serverField()->setText(sandboxAccount.baseUrl);

        // A wrong token: the server says no, the dialog stays with what was typed, nothing is stored.
        dialog->tokenField()->setText(QStringLiteral("not-a-token"));
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("refused")),
                 qPrintable(dialog->messageLabel()->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->nameField()->text(), QStringLiteral("Second desk"));
        QCOMPARE(store::AccountRepository::list(store().reader()).size(), before);

        // The right token: stored with the handle the server reports, listed, and synced.
        dialog->tokenField()->setText(sandboxAccount.token);
        dialog->okButton()->click();
        QTRY_VERIFY(!settings->accountDialog());
        const auto added = store::AccountRepository::byName(store().reader(), QStringLiteral("Second desk"));
        QVERIFY(added);
        QCOMPARE(added->remoteId, sandboxAccount.remoteId);
        QVERIFY(!added->handle.isEmpty());
        QCOMPARE(added->settings.value(QStringLiteral("secret_store")).toString(), QStringLiteral("file"));
        QTRY_VERIFY(rowNamed(settings, QStringLiteral("Second desk")));
        QTRY_VERIFY(rowNamed(settings, QStringLiteral("Second desk"))->text(2).startsWith(QLatin1String("up to date")));
    }

    void addingABlueskyAccountAsksForTheHandleAndAnAppPassword() {
        ui::SettingsDialog* settings = window().openSettings();
        settings->addButton()->click();
        ui::AccountDialog* dialog = settings->accountDialog();
        QVERIFY(dialog);
        sandbox::SandboxAccount remote;
        for (const auto& a : m_demo.session->sandbox()->accounts()) {
            if (a.network == QLatin1String("bluesky")) {
                remote = a;
            }
        }
        const QJsonObject demoSecret = QJsonDocument::fromJson(remote.token.toUtf8()).object();
        QVERIFY(!demoSecret.value(QLatin1String("password")).toString().isEmpty());

        // Networks with tokens have no handle field; Bluesky asks for the handle and an app password.
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(QStringLiteral("Mastodon")));
        QVERIFY(!dialog->loginField()->isVisibleTo(dialog));
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(QStringLiteral("Bluesky")));
        QVERIFY(dialog->loginField()->isVisibleTo(dialog));
        QCOMPARE(dialog->serverField()->text(), QStringLiteral("https://bsky.social"));
        dialog->nameField()->setText(QStringLiteral("Brand on Bluesky"));
        dialog->loginField()->setText(QStringLiteral("@") + remote.acct);
        dialog->secretStoreField()->setCurrentIndex(1);
        const QString dir = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("settings-add-bluesky-en.png"))));
        dialog->serverField()->setText(remote.baseUrl);

        // A wrong app password: refused, nothing stored, the dialog keeps what was typed.
        dialog->tokenField()->setText(QStringLiteral("aaaa-bbbb-cccc-dddd"));
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("refused")),
                 qPrintable(dialog->messageLabel()->text()));
        QVERIFY(!store::AccountRepository::byName(store().reader(), QStringLiteral("Brand on Bluesky")));

        // The right one: the account is added with its DID, and the session it opened is kept with the password.
        dialog->tokenField()->setText(demoSecret.value(QLatin1String("password")).toString());
        dialog->okButton()->click();
        QTRY_VERIFY(!settings->accountDialog());
        const auto added = store::AccountRepository::byName(store().reader(), QStringLiteral("Brand on Bluesky"));
        QVERIFY(added);
        QCOMPARE(added->remoteId, remote.remoteId);
        QCOMPARE(added->handle, QStringLiteral("@") + remote.acct);
        const auto kept = m_demo.session->profile().fileSecrets().readNow(added->secretKey());
        QVERIFY(kept.hasValue());
        const QJsonObject secret = QJsonDocument::fromJson(kept->toUtf8()).object();
        QCOMPARE(secret.value(QLatin1String("identifier")).toString(), remote.acct);
        QVERIFY(!secret.value(QLatin1String("refreshJwt")).toString().isEmpty());
        QTRY_VERIFY(rowNamed(settings, QStringLiteral("Brand on Bluesky")));
    }

    // The networks whose secret is pasted (or, for a public feed, absent): the same dialog adds each of them,
    // checked against the sandbox's server first, then listed and synced.
    void addingAnAccountOfEachPastedTokenNetwork_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("label");
        QTest::newRow("discourse") << QStringLiteral("discourse") << QStringLiteral("Discourse");
        QTest::newRow("feed") << QStringLiteral("feed") << QStringLiteral("Feeds");
        QTest::newRow("reddit") << QStringLiteral("reddit") << QStringLiteral("Reddit");
        QTest::newRow("youtube") << QStringLiteral("youtube") << QStringLiteral("YouTube");
        QTest::newRow("google-reviews") << QStringLiteral("google-reviews") << QStringLiteral("Google reviews");
    }

    void addingAnAccountOfEachPastedTokenNetwork() {
        QFETCH(QString, network);
        QFETCH(QString, label);
        sandbox::SandboxAccount remote;
        for (const auto& a : m_demo.session->sandbox()->accounts()) {
            if (a.network == network) {
                remote = a; // the last one of the network
            }
        }
        QVERIFY2(!remote.baseUrl.isEmpty(), qPrintable(network));
        ui::SettingsDialog* settings = window().openSettings();
        settings->addButton()->click();
        ui::AccountDialog* dialog = settings->accountDialog();
        QVERIFY(dialog);
        const int index = dialog->networkField()->findText(label);
        QVERIFY2(index >= 0, qPrintable(label));
        dialog->networkField()->setCurrentIndex(index);
        QVERIFY(!dialog->loginField()->isVisibleTo(dialog));
        const QString name = QStringLiteral("Pasted %1").arg(network);
        dialog->nameField()->setText(name);
        dialog->serverField()->setText(remote.baseUrl);
        dialog->secretStoreField()->setCurrentIndex(1);

        if (!remote.token.isEmpty()) {
            // A wrong secret: refused by the server, nothing stored, the dialog keeps what was typed.
            dialog->tokenField()->setText(QStringLiteral("not-the-token"));
            dialog->okButton()->click();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->isChecking(), 30000);
            QVERIFY2(dialog->isVisible(), qPrintable(dialog->messageLabel()->text()));
            QVERIFY(!dialog->messageLabel()->text().isEmpty());
            QVERIFY(!store::AccountRepository::byName(store().reader(), name));
            QCOMPARE(dialog->nameField()->text(), name);
        }
        dialog->tokenField()->setText(remote.token);
        dialog->okButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!settings->accountDialog(), 30000);
        const auto added = store::AccountRepository::byName(store().reader(), name);
        QVERIFY(added);
        QCOMPARE(model::toString(added->network), network);
        QCOMPARE(added->baseUrl, remote.baseUrl);
        QVERIFY(!added->handle.isEmpty());
        QTRY_VERIFY(rowNamed(settings, name));
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(settings, name)->text(2).startsWith(QLatin1String("up to date")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(
            store::AccountRepository::byName(store().reader(), name)->lastError.isEmpty() &&
                testing::queryInt(store().reader(), "SELECT count(*) FROM items WHERE account_id = ?", {added->id}) > 0,
            60000);
    }

    void aRefusedTokenIsFlaggedAndReauthenticationClearsIt() {
        ui::SettingsDialog* settings = window().openSettings();
        const auto account = store::AccountRepository::byName(store().reader(), QStringLiteral("Second desk"));
        QVERIFY(account);
        // The token stored for it stops working upstream: the next sync flags the account.
        const QString good = mastodonAccount().token;
        QVERIFY(m_demo.session->profile().fileSecrets().writeNow(account->secretKey(), QStringLiteral("expired")));
        m_demo.session->syncEngine().forgetConnector(account->id);
        m_demo.session->syncEngine().syncAccount(account->id);
        QTRY_VERIFY2(rowNamed(settings, account->name)->text(2).contains(QLatin1String("re-authenticate")),
                     qPrintable(rowNamed(settings, account->name)->text(2)));
        QTRY_VERIFY(!store::AccountRepository::byId(store().reader(), account->id)->lastError.isEmpty());
        QVERIFY(store::AccountRepository::byId(store().reader(), account->id)->signInRefused());
        // The window says so above the list, by name, with the way out.
        QTRY_VERIFY(window().signInBanner()->isVisibleTo(&window()));
        const QString said = window().signInBanner()->findChild<QLabel*>(QStringLiteral("signInText"))->text();
        QVERIFY2(said.contains(account->name) && said.contains(QLatin1String("sign in again")), qPrintable(said));

        select(settings, account->name);
        QVERIFY(settings->reauthButton()->isEnabled());
        settings->accountsList()->clearSelection();
        window().signInAgainButton()->click(); // opens the account's re-authenticate dialog
        ui::AccountDialog* dialog = settings->accountDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->nameField()->text(), account->name);
        QVERIFY(!dialog->networkField()->isEnabled());
        QVERIFY(dialog->nameField()->isReadOnly());
        dialog->tokenField()->setText(QStringLiteral("still-wrong"));
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY(dialog->messageLabel()->text().contains(QLatin1String("refused")));
        dialog->tokenField()->setText(good);
        dialog->okButton()->click();
        QTRY_VERIFY(!settings->accountDialog());
        QTRY_VERIFY(store::AccountRepository::byId(store().reader(), account->id)->lastError.isEmpty());
        QTRY_VERIFY(rowNamed(settings, account->name)->text(2).startsWith(QLatin1String("up to date")));
        QTRY_VERIFY(!window().signInBanner()->isVisibleTo(&window()));
    }

    void removingAnAccountAsksFirst() {
        ui::SettingsDialog* settings = window().openSettings();
        select(settings, QStringLiteral("Second desk"));
        QVERIFY(settings->removeButton()->isEnabled());
        m_demo.session->dialogs().setNextAnswer(QMessageBox::No);
        settings->removeButton()->click();
        QVERIFY(store::AccountRepository::byName(store().reader(), QStringLiteral("Second desk")));
        select(settings, QStringLiteral("Second desk"));
        m_demo.session->dialogs().setNextAnswer(QMessageBox::Yes);
        settings->removeButton()->click();
        QTRY_VERIFY(!store::AccountRepository::byName(store().reader(), QStringLiteral("Second desk")));
        QTRY_VERIFY(!rowNamed(settings, QStringLiteral("Second desk")));
    }

    void preferencesAreKept() {
        ui::SettingsDialog* settings = window().openSettings();
        QSignalSpy interval(&window(), &ui::MainWindow::syncIntervalChanged);
        settings->syncIntervalField()->setValue(7);
        QCOMPARE(interval.count(), 1);
        QCOMPARE(interval.at(0).at(0).toInt(), 7);
        QCOMPARE(QSettings().value(QStringLiteral("sync/intervalMinutes")).toInt(), 7);
        QCOMPARE(ui::SettingsDialog::syncIntervalMinutes(), 7);
        settings->notificationsField()->setChecked(false);
        QVERIFY(!ui::SettingsDialog::notificationsEnabled());
        settings->notificationsField()->setChecked(true);
        QVERIFY(ui::SettingsDialog::notificationsEnabled());
    }

    void switchingTheLanguageRebuildsTheWindow() {
        window().selectView(QStringLiteral("needs-reply"));
        ui::SettingsDialog* settings = window().openSettings();
        QComboBox* language = settings->languageField();
        const int french = language->findData(QStringLiteral("fr"));
        QVERIFY(french > 0);
        language->setCurrentIndex(french);
        emit language->activated(french);
        // The window is replaced (queued), in French, on the same view, with the settings open on General.
        QTRY_VERIFY(window().windowTitle().contains(QStringLiteral("démo")));
        QCOMPARE(window().currentViewKey(), QStringLiteral("needs-reply"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("fr"));
        ui::SettingsDialog* again = window().findChild<ui::SettingsDialog*>();
        QVERIFY(again);
        QCOMPARE(again->tabs()->currentIndex(), 1);
        QCOMPARE(again->tabs()->tabText(0), QStringLiteral("Comptes"));
        // And back.
        const int english = again->languageField()->findData(QStringLiteral("en"));
        again->languageField()->setCurrentIndex(english);
        emit again->languageField()->activated(english);
        QTRY_VERIFY(!window().windowTitle().contains(QStringLiteral("démo")));
        QVERIFY(window().windowTitle().contains(QStringLiteral("demo")));
    }
};

QTEST_MAIN(SettingsTest)
#include "SettingsTest.moc"
