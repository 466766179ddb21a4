// Adding an account by signing in through the browser, in the window (offscreen): the dialog opens the
// authorize page through its injectable opener, which here is a plain HTTP client following the sandbox's 302 to
// the dialog's loopback listener; the token field is filled and the normal check stores the account.
#include "GuiTestSupport.h"
#include "app/Profile.h"
#include "core/sandbox/SandboxServer.h"
#include "core/store/AccountRepository.h"
#include "core/store/Store.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

using namespace baton;

namespace {

class Browser final : public QObject {
public:
    int pagesLoaded = 0;
    QList<QUrl> opened;

    bool open(const QUrl& url) {
        opened.append(url);
        follow(url);
        return true;
    }

private:
    void follow(const QUrl& url) {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_nam.get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 302) {
                follow(reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location"))));
                return;
            }
            ++pagesLoaded;
        });
    }
    QNetworkAccessManager m_nam;
};

} // namespace

class BrowserSignInTest : public QObject {
    Q_OBJECT
    test::DemoFixture m_demo;
    Browser m_browser;

    ui::MainWindow& window() { return m_demo.session->window(); }
    store::Store& store() { return m_demo.session->profile().store(); }
    sandbox::SandboxServer& sandbox() { return *m_demo.session->sandbox(); }
    sandbox::SandboxAccount remote(const QString& network) {
        for (const auto& a : sandbox().accounts()) {
            if (a.network == network) {
                return a;
            }
        }
        return {};
    }
    // The browser only shows the page it opens: its body lands in `page`.
    static void showPageIn(QByteArray& page) {
        ui::AccountDialog::setBrowserOpener([&page](const QUrl& url) {
            auto* nam = new QNetworkAccessManager;
            QNetworkReply* reply = nam->get(QNetworkRequest(url));
            QObject::connect(reply, &QNetworkReply::finished, nam, [&page, reply, nam] {
                page = reply->readAll();
                nam->deleteLater();
            });
            return true;
        });
    }
    ui::AccountDialog* openAddDialog(const QString& network, const QString& name, const QString& server) {
        ui::SettingsDialog* settings = window().openSettings();
        settings->addButton()->click();
        ui::AccountDialog* dialog = settings->accountDialog();
        if (dialog == nullptr) {
            return nullptr;
        }
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(network));
        dialog->nameField()->setText(name);
        dialog->serverField()->setText(server);
        dialog->secretStoreField()->setCurrentIndex(1); // the profile's file: no keychain here
        return dialog;
    }

private slots:
    void initTestCase() {
        qputenv("BATON_REDDIT_REDIRECT_PORT", "0"); // any free port: tests may run side by side
        QVERIFY(m_demo.start(10));
        ui::AccountDialog::setBrowserOpener([this](const QUrl& url) { return m_browser.open(url); });
        window().show();
    }

    void cleanupTestCase() { ui::AccountDialog::setBrowserOpener({}); }

    void buttonOnlyWhereTheNetworkSignsInThroughTheBrowser() {
        ui::AccountDialog* dialog = openAddDialog(QStringLiteral("Mastodon"), {}, {});
        QVERIFY(dialog);
        QVERIFY(dialog->browserSignInButton()->isVisibleTo(dialog));
        QVERIFY(!dialog->clientIdField()->isVisibleTo(dialog));
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(QStringLiteral("Reddit")));
        QVERIFY(dialog->browserSignInButton()->isVisibleTo(dialog));
        QVERIFY(dialog->clientIdField()->isVisibleTo(dialog));
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(QStringLiteral("Bluesky")));
        QVERIFY(!dialog->browserSignInButton()->isVisibleTo(dialog));
        QVERIFY(!dialog->clientIdField()->isVisibleTo(dialog));
        // Reddit without its client id: said at once, nothing opened.
        dialog->networkField()->setCurrentIndex(dialog->networkField()->findText(QStringLiteral("Reddit")));
        dialog->serverField()->setText(remote(QStringLiteral("reddit")).baseUrl);
        const qsizetype opened = m_browser.opened.size();
        dialog->browserSignInButton()->click();
        QVERIFY(dialog->messageLabel()->text().contains(QLatin1String("client id")));
        QCOMPARE(m_browser.opened.size(), opened);
        dialog->reject();
    }

    void mastodonSignInAddsTheAccount() {
        const sandbox::SandboxAccount account = remote(QStringLiteral("mastodon"));
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("Mastodon"), QStringLiteral("Signed in on Mastodon"), account.baseUrl);
        QVERIFY(dialog);
        const int issued = sandbox().oauthTokensIssued(QStringLiteral("mastodon"));
        dialog->browserSignInButton()->click();
        QVERIFY(dialog->isWaitingForBrowser() || !m_browser.opened.isEmpty());
        QTRY_VERIFY(!window().openSettings()->accountDialog());
        const auto added = store::AccountRepository::byName(store().reader(), QStringLiteral("Signed in on Mastodon"));
        QVERIFY(added);
        QCOMPARE(added->remoteId, account.remoteId);
        QVERIFY(!added->handle.isEmpty());
        QCOMPARE(sandbox().oauthTokensIssued(QStringLiteral("mastodon")), issued + 1);
        QVERIFY(m_browser.opened.constLast().path().endsWith(QLatin1String("/oauth/authorize")));
    }

    void mastodonOutOfBandCodeIsPasted() {
        QByteArray page;
        showPageIn(page); // the server shows the code in its page instead of redirecting
        const sandbox::SandboxAccount account = remote(QStringLiteral("mastodon"));
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("Mastodon"), QStringLiteral("Pasted code"), account.baseUrl);
        QVERIFY(dialog);
        QVERIFY(dialog->outOfBandField()->isVisibleTo(dialog));
        QVERIFY(!dialog->codeField()->isVisibleTo(dialog));
        dialog->outOfBandField()->setChecked(true);
        dialog->browserSignInButton()->click();
        QVERIFY(dialog->isWaitingForBrowser());
        QVERIFY(dialog->codeField()->isVisibleTo(dialog));
        QVERIFY(dialog->messageLabel()->text().contains(QLatin1String("paste")));
        QTRY_VERIFY(page.contains("oauth-code"));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("value=\"([^\"]+)\"")).match(QString::fromUtf8(page));
        QVERIFY(m.hasMatch());
        dialog->codeField()->setText(m.captured(1));
        dialog->useCodeButton()->click();
        QTRY_VERIFY(!window().openSettings()->accountDialog());
        QVERIFY(store::AccountRepository::byName(store().reader(), QStringLiteral("Pasted code")));
        ui::AccountDialog::setBrowserOpener([this](const QUrl& url) { return m_browser.open(url); });
    }

    // Discourse: a user API key, brought back to the loopback address, or pasted where the forum shows it.
    void discourseUserApiKeyComesBackOrIsPasted() {
        const sandbox::SandboxAccount forum = remote(QStringLiteral("discourse"));
        const int issued = sandbox().discourseUserApiKeysIssued();
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("Discourse"), QStringLiteral("Forum by browser"), forum.baseUrl);
        QVERIFY(dialog);
        QVERIFY(dialog->browserSignInButton()->isVisibleTo(dialog));
        QVERIFY(!dialog->clientIdField()->isVisibleTo(dialog));
        QVERIFY(dialog->outOfBandField()->isVisibleTo(dialog));
        dialog->browserSignInButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window().openSettings()->accountDialog(), 20000); // the dialog is gone once added
        QCOMPARE(sandbox().discourseUserApiKeysIssued(), issued + 1);
        const QUrl asked = m_browser.opened.constLast();
        QCOMPARE(asked.path(), QUrl(forum.baseUrl).path() + QStringLiteral("/user-api-key/new"));
        QVERIFY(QUrlQuery(asked)
                    .queryItemValue(QStringLiteral("auth_redirect"), QUrl::FullyDecoded)
                    .startsWith(QLatin1String("http://127.0.0.1:")));
        const auto added = store::AccountRepository::byName(store().reader(), QStringLiteral("Forum by browser"));
        QVERIFY(added);
        QVERIFY(!added->handle.isEmpty());
        // The secret is the key with its client id, which the forum knows it by.
        const auto kept = m_demo.session->profile().fileSecrets().readNow(added->secretKey());
        QVERIFY(kept.hasValue());
        const QJsonObject secret = QJsonDocument::fromJson(kept->toUtf8()).object();
        const QString clientId = secret.value(QLatin1String("client_id")).toString();
        QCOMPARE(sandbox().discourseClientIdOfKey(secret.value(QLatin1String("key")).toString()), clientId);
        QCOMPARE(QUrlQuery(asked).queryItemValue(QStringLiteral("client_id")), clientId);

        // Where the forum does not come back: the page shows the key, which is pasted (line breaks and all).
        QByteArray page;
        showPageIn(page);
        dialog = openAddDialog(QStringLiteral("Discourse"), QStringLiteral("Forum by paste"), forum.baseUrl);
        QVERIFY(dialog);
        dialog->outOfBandField()->setChecked(true);
        dialog->browserSignInButton()->click();
        QVERIFY(dialog->isWaitingForBrowser());
        QVERIFY(dialog->codeField()->isVisibleTo(dialog));
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("forum shows")),
                 qPrintable(dialog->messageLabel()->text()));
        QTRY_VERIFY(page.contains("id=\"payload\""));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("<pre id=\"payload\">([^<]+)</pre>")).match(QString::fromUtf8(page));
        QVERIFY(m.hasMatch());
        QVERIFY(m.captured(1).contains(u'\n'));
        dialog->codeField()->setText(m.captured(1));
        dialog->useCodeButton()->click();
        QTRY_VERIFY(!window().openSettings()->accountDialog());
        QVERIFY(store::AccountRepository::byName(store().reader(), QStringLiteral("Forum by paste")));
        QCOMPARE(sandbox().discourseUserApiKeysIssued(), issued + 2);
        ui::AccountDialog::setBrowserOpener([this](const QUrl& url) { return m_browser.open(url); });
    }

    void redditSignInWithTheClientId() {
        const sandbox::SandboxAccount account = remote(QStringLiteral("reddit"));
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("Reddit"), QStringLiteral("Signed in on Reddit"), account.baseUrl);
        QVERIFY(dialog);
        dialog->clientIdField()->setText(
            QJsonDocument::fromJson(account.token.toUtf8()).object().value(QLatin1String("client_id")).toString());
        dialog->browserSignInButton()->click();
        QTRY_VERIFY(!window().openSettings()->accountDialog());
        const auto added = store::AccountRepository::byName(store().reader(), QStringLiteral("Signed in on Reddit"));
        QVERIFY(added);
        QCOMPARE(added->remoteId, account.remoteId);
    }

    void emailTakesTheAddressAndOffersTheBrowserForGmail() {
        const sandbox::SandboxAccount account = remote(QStringLiteral("email"));
        const QJsonObject secret = QJsonDocument::fromJson(account.token.toUtf8()).object();
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("Email"), QStringLiteral("Mailbox by password"), account.baseUrl);
        QVERIFY(dialog);
        QVERIFY(dialog->loginField()->isVisibleTo(dialog));
        QVERIFY(dialog->clientIdField()->isVisibleTo(dialog));
        QVERIFY(dialog->browserSignInButton()->isVisibleTo(dialog));
        auto* formLayout = dialog->findChild<QFormLayout*>();
        QVERIFY(formLayout);
        QCOMPARE(qobject_cast<QLabel*>(formLayout->labelForField(dialog->loginField()))->text(),
                 QStringLiteral("Address:"));
        QCOMPARE(qobject_cast<QLabel*>(formLayout->labelForField(dialog->tokenField()))->text(),
                 QStringLiteral("Password:"));

        // The browser needs the address, and is for Gmail: both said at once, nothing opened.
        const qsizetype opened = m_browser.opened.size();
        dialog->browserSignInButton()->click();
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("address")),
                 qPrintable(dialog->messageLabel()->text()));
        dialog->loginField()->setText(account.acct);
        dialog->clientIdField()->setText(QStringLiteral("1.apps.googleusercontent.com"));
        dialog->browserSignInButton()->click();
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("Gmail")),
                 qPrintable(dialog->messageLabel()->text()));
        QCOMPARE(m_browser.opened.size(), opened);
        QVERIFY(!dialog->isWaitingForBrowser());

        // Address and password in their own fields: no password is refused before any connection.
        dialog->okButton()->click();
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("password")),
                 qPrintable(dialog->messageLabel()->text()));
        QVERIFY(!store::AccountRepository::byName(store().reader(), QStringLiteral("Mailbox by password")));
        dialog->tokenField()->setText(secret.value(QLatin1String("password")).toString());
        dialog->okButton()->click();
        QTRY_VERIFY(!window().openSettings()->accountDialog());
        const auto added = store::AccountRepository::byName(store().reader(), QStringLiteral("Mailbox by password"));
        QVERIFY(added);
        QVERIFY(added->network == model::Network::Email);
        QVERIFY2(added->handle.contains(account.acct), qPrintable(added->handle));
    }

    void refusalKeepsTheDialogAndStoresNothing() {
        const sandbox::SandboxAccount account = remote(QStringLiteral("youtube"));
        const qsizetype before = store::AccountRepository::list(store().reader()).size();
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("YouTube"), QStringLiteral("Refused channel"), account.baseUrl);
        QVERIFY(dialog);
        QVERIFY(dialog->clientIdField()->isVisibleTo(dialog));
        dialog->clientIdField()->setText(QStringLiteral("42-baton.apps.googleusercontent.com"));
        QVERIFY(sandbox().oauthRefuseNext(QStringLiteral("youtube")));
        dialog->browserSignInButton()->click();
        QTRY_VERIFY(!dialog->isWaitingForBrowser());
        QVERIFY2(dialog->messageLabel()->text().contains(QLatin1String("refused")),
                 qPrintable(dialog->messageLabel()->text()));
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->tokenField()->text().isEmpty());
        QCOMPARE(store::AccountRepository::list(store().reader()).size(), before);

        // Then it goes through.
        dialog->browserSignInButton()->click();
        QTRY_VERIFY(!window().openSettings()->accountDialog());
        QVERIFY(store::AccountRepository::byName(store().reader(), QStringLiteral("Refused channel")));
    }

    void cancelWhileTheBrowserIsOut() {
        ui::AccountDialog::setBrowserOpener([](const QUrl&) { return true; }); // the user never comes back
        const sandbox::SandboxAccount account = remote(QStringLiteral("google-reviews"));
        ui::AccountDialog* dialog =
            openAddDialog(QStringLiteral("Google reviews"), QStringLiteral("Never finished"), account.baseUrl);
        QVERIFY(dialog);
        if (dialog->networkField()->currentText() != QLatin1String("Google reviews")) {
            dialog->networkField()->setCurrentIndex(dialog->networkField()->count() - 1);
        }
        dialog->clientIdField()->setText(QStringLiteral("42-baton.apps.googleusercontent.com"));
        dialog->browserSignInButton()->click();
        QVERIFY(dialog->isWaitingForBrowser());
        QVERIFY(dialog->messageLabel()->text().contains(QLatin1String("Waiting for the browser")));
        QVERIFY(dialog->cancelSignInButton()->isVisibleTo(dialog));
        QVERIFY(!dialog->okButton()->isEnabled());
        dialog->cancelSignInButton()->click();
        QTRY_VERIFY(!dialog->isWaitingForBrowser());
        QVERIFY(dialog->messageLabel()->text().contains(QLatin1String("cancelled")));
        QVERIFY(dialog->browserSignInButton()->isEnabled());
        QVERIFY(!dialog->cancelSignInButton()->isVisibleTo(dialog));
        QVERIFY(!store::AccountRepository::byName(store().reader(), QStringLiteral("Never finished")));
        ui::AccountDialog::setBrowserOpener([this](const QUrl& url) { return m_browser.open(url); });
        dialog->reject();
    }
};

QTEST_MAIN(BrowserSignInTest)
#include "BrowserSignInTest.moc"
