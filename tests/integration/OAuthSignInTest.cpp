// Signing in through the browser, end to end: SignIn (PKCE, state, loopback listener, token request through
// real libcurl) against the sandbox's authorize and token endpoints for Mastodon, Reddit, YouTube and Google
// Business Profile. The test is the browser: it fetches the authorize URL with Qt's HTTP client and follows the
// 302 to the loopback listener. Then the account is added the way the window and `baton account login` do
// (AccountSetup::add) and synced into a real SQLite store.
#include "core/auth/Pkce.h"
#include "core/auth/SignIn.h"
#include "core/connectors/google/GoogleGrant.h"
#include "core/connectors/reddit/RedditConnector.h"
#include "core/sandbox/SandboxServer.h"
#include "core/sandbox/discourse/DiscourseUserApiKeys.h"
#include "core/sandbox/mail/MailStore.h"
#include "core/store/AccountRepository.h"
#include "core/sync/AccountSetup.h"
#include "tests/support/StoreProbe.h"
#include "tests/support/SyncHarness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>
#include <functional>
#include <memory>
#include <optional>

using namespace baton;
using baton::sandbox::JournalEntry;

namespace {

constexpr int kTimeoutMs = 30000;

// A browser that follows redirects one by one, so a test may look at (or tamper with) the way back.
class Browser final : public QObject {
public:
    std::function<QUrl(QUrl)> rewriteRedirect; // applied to each Location before following it
    QList<QUrl> visited;
    QList<int> statuses;
    QByteArray lastPage;
    bool done = false;

    bool open(const QUrl& url) {
        visited.append(url);
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_nam.get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            statuses.append(status);
            lastPage = reply->readAll();
            if (status == 302) {
                QUrl next = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
                if (rewriteRedirect) {
                    next = rewriteRedirect(next);
                }
                open(next);
                return;
            }
            done = true;
        });
        return true;
    }

private:
    QNetworkAccessManager m_nam;
};

QString formValue(const JournalEntry& e, const QString& key) {
    return QUrlQuery(QString::fromUtf8(e.body)).queryItemValue(key, QUrl::FullyDecoded);
}

QList<JournalEntry> entries(const QList<JournalEntry>& journal, const QString& method, const QString& path) {
    QList<JournalEntry> out;
    for (const JournalEntry& e : journal) {
        if (e.method == method && e.path == path) {
            out.append(e);
        }
    }
    return out;
}

} // namespace

class OAuthSignInTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void mastodonSignInThenSync();
    void mastodonOutOfBandCode();
    void redditInstalledAppThenSync();
    void youtubeSignInThenSync();
    void googleReviewsSignInThenSync();
    void googleGrantRenewsTheAccessToken_data();
    void googleGrantRenewsTheAccessToken();
    void emailSignInThenSyncAndReply();
    void discourseUserApiKeyThenSync();
    void refusedInTheBrowser();
    void wrongStateIsRejected();
    void timeoutWhenTheBrowserNeverComesBack();
    void cancelWhileWaiting();
    void codeWorksOnceAndNeedsItsVerifier();
    void unknownRedditClientStopsAtTheServer();

private:
    // Runs a sign-in to the end; the browser is this->m_browser unless opener is given.
    Expected<QString, Error> signIn(auth::SignInOptions options, auth::BrowserOpener opener = {});
    auth::SignInOptions options(model::Network network, const QString& path);
    sandbox::SandboxAccount demo(const QString& network, int index = 0) const;
    // Adds the account through AccountSetup (verify, store, secret) and syncs it; returns its id.
    qint64 addAndSync(model::Network network, const QString& path, const QString& secret);
    // The token request must carry the verifier of the authorize request's challenge and its redirect URI.
    void checkTokenRequest(const QString& authorizePath, const QString& tokenPath);

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<testing::SyncHarness> m_h;
    std::unique_ptr<Browser> m_browser;
    QString m_redirectUri;
};

void OAuthSignInTest::init() {
    sandbox::SandboxOptions o;
    o.seed = 11;
    o.mastodonAccounts = 1;
    o.mentionsPerAccount = 40;
    o.people = 40;
    o.discourseTopics = 12; // a user API key syncs at the forum's 20 requests a minute
    m_sandbox = std::make_unique<sandbox::SandboxServer>(o);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_h = std::make_unique<testing::SyncHarness>(kTimeoutMs);
    QVERIFY2(m_h->isValid(), qPrintable(m_h->error()));
    m_browser = std::make_unique<Browser>();
    m_redirectUri.clear();
}

void OAuthSignInTest::cleanup() {
    m_browser.reset();
    m_h.reset();
    m_sandbox.reset();
}

sandbox::SandboxAccount OAuthSignInTest::demo(const QString& network, int index) const {
    int seen = 0;
    for (const sandbox::SandboxAccount& a : m_sandbox->accounts()) {
        if (a.network == network && seen++ == index) {
            return a;
        }
    }
    return {};
}

auth::SignInOptions OAuthSignInTest::options(model::Network network, const QString& path) {
    auth::SignInOptions o;
    o.network = network;
    o.baseUrl = m_sandbox->baseUrl() + path;
    o.listen.timeoutMs = kTimeoutMs;
    return o;
}

Expected<QString, Error> OAuthSignInTest::signIn(auth::SignInOptions o, auth::BrowserOpener opener) {
    auth::SignIn signIn(m_h->network());
    std::optional<Expected<QString, Error>> result;
    if (!opener) {
        opener = [this](const QUrl& url) { return m_browser->open(url); };
    }
    signIn.start(o, opener, [&](Expected<QString, Error> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kTimeoutMs)) {
        return unexpected(Error{ErrorCode::Timeout, QStringLiteral("the sign-in never finished")});
    }
    m_redirectUri = signIn.redirectUri();
    if (!m_browser->visited.isEmpty()) {
        // The browser gets its page from the listener once the code arrived, whatever came of it.
        (void)QTest::qWaitFor([&] { return m_browser->done; }, kTimeoutMs);
    }
    return *result;
}

void OAuthSignInTest::checkTokenRequest(const QString& authorizePath, const QString& tokenPath) {
    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> authorize = entries(journal, QStringLiteral("GET"), authorizePath);
    const QList<JournalEntry> token = entries(journal, QStringLiteral("POST"), tokenPath);
    QCOMPARE(authorize.size(), 1);
    QCOMPARE(token.size(), 1);
    const JournalEntry& a = authorize.constFirst();
    const JournalEntry& t = token.constFirst();
    QCOMPARE(a.queryValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(a.queryValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(a.queryValue(QStringLiteral("redirect_uri")), m_redirectUri);
    QVERIFY(m_redirectUri.startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(a.queryValue(QStringLiteral("state")).size() >= 43);
    const QString verifier = formValue(t, QStringLiteral("code_verifier"));
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    QCOMPARE(auth::pkce::challengeS256(verifier), a.queryValue(QStringLiteral("code_challenge")));
    QCOMPARE(formValue(t, QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QCOMPARE(formValue(t, QStringLiteral("redirect_uri")), m_redirectUri);
    QCOMPARE(formValue(t, QStringLiteral("client_id")), a.queryValue(QStringLiteral("client_id")));
    QCOMPARE(t.status, 200);
    // The browser landed on the listener's page, after the sandbox's 302.
    QVERIFY(m_browser->statuses.contains(302));
    QCOMPARE(m_browser->statuses.constLast(), 200);
    QVERIFY(m_browser->lastPage.contains("You can close this tab"));
}

qint64 OAuthSignInTest::addAndSync(model::Network network, const QString& path, const QString& secret) {
    model::Account account;
    account.network = network;
    account.name = model::toString(network) + QStringLiteral(" via the browser");
    account.baseUrl = m_sandbox->baseUrl() + path;
    account.settings.insert(QStringLiteral("secret_store"), QStringLiteral("file"));
    std::optional<Expected<model::Account, Error>> added;
    QObject context;
    sync::AccountSetup::add(m_h->store(), m_h->network(), m_h->secrets(), account, secret, &context,
                            [&](Expected<model::Account, Error> r) { added = std::move(r); });
    if (!QTest::qWaitFor([&] { return added.has_value(); }, kTimeoutMs) || !added->hasValue()) {
        qWarning() << "add failed:" << (added && !added->hasValue() ? added->error().toString() : QString());
        return 0;
    }
    const qint64 id = added->value().id;
    const testing::SyncRun run = m_h->runSync({id});
    if (!run.allOk()) {
        qWarning() << "sync failed:" << run.finished << run.ok << m_h->lastError(id);
        return 0;
    }
    return id;
}

void OAuthSignInTest::mastodonSignInThenSync() {
    const auto secret = signIn(options(model::Network::Mastodon, QStringLiteral("/mastodon")));
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    QCOMPARE(*secret, demo(QStringLiteral("mastodon")).token);

    // The app was registered with the listener's redirect URI, then used its client id and secret.
    const QList<JournalEntry> journal = m_sandbox->journal();
    const QList<JournalEntry> apps = entries(journal, QStringLiteral("POST"), QStringLiteral("/mastodon/api/v1/apps"));
    QCOMPARE(apps.size(), 1);
    QCOMPARE(formValue(apps.constFirst(), QStringLiteral("redirect_uris")), m_redirectUri);
    QCOMPARE(formValue(apps.constFirst(), QStringLiteral("scopes")), QStringLiteral("read write"));
    checkTokenRequest(QStringLiteral("/mastodon/oauth/authorize"), QStringLiteral("/mastodon/oauth/token"));
    const JournalEntry token =
        entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/mastodon/oauth/token")).constFirst();
    QVERIFY(!formValue(token, QStringLiteral("client_secret")).isEmpty());
    QCOMPARE(m_sandbox->oauthTokensIssued(QStringLiteral("mastodon")), 1);

    const qint64 id = addAndSync(model::Network::Mastodon, QStringLiteral("/mastodon"), *secret);
    QVERIFY(id > 0);
    QVERIFY(testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > 0);
    QCOMPARE(m_h->secretOf(id), *secret);
}

void OAuthSignInTest::mastodonOutOfBandCode() {
    auth::SignInOptions o = options(model::Network::Mastodon, QStringLiteral("/mastodon"));
    o.outOfBand = true;
    auth::SignIn signIn(m_h->network());
    std::optional<Expected<QString, Error>> result;
    signIn.start(
        o, [this](const QUrl& url) { return m_browser->open(url); },
        [&](Expected<QString, Error> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->done, kTimeoutMs);
    QCOMPARE(m_browser->statuses.constLast(), 200); // the server shows the code instead of redirecting
    const QRegularExpressionMatch shown =
        QRegularExpression(QStringLiteral("class=\"oauth-code\"[^>]*value=\"([^\"]+)\""))
            .match(QString::fromUtf8(m_browser->lastPage));
    QVERIFY2(shown.hasMatch(), m_browser->lastPage.constData());
    QVERIFY(!result.has_value());
    signIn.submitCode(QStringLiteral("  ") + shown.captured(1) + QStringLiteral("\n")); // as pasted
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY2(result->hasValue(), qPrintable(result->hasValue() ? QString() : result->error().toString()));
    QCOMPARE(result->value(), demo(QStringLiteral("mastodon")).token);
    const JournalEntry apps =
        entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/mastodon/api/v1/apps")).constFirst();
    QCOMPARE(formValue(apps, QStringLiteral("redirect_uris")), QStringLiteral("urn:ietf:wg:oauth:2.0:oob"));
    const JournalEntry token =
        entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/mastodon/oauth/token")).constFirst();
    QCOMPARE(formValue(token, QStringLiteral("redirect_uri")), QStringLiteral("urn:ietf:wg:oauth:2.0:oob"));
    QCOMPARE(formValue(token, QStringLiteral("code")), shown.captured(1));
}

void OAuthSignInTest::redditInstalledAppThenSync() {
    const sandbox::SandboxAccount account = demo(QStringLiteral("reddit"));
    const QString clientId =
        QJsonDocument::fromJson(account.token.toUtf8()).object().value(QLatin1String("client_id")).toString();
    QVERIFY(!clientId.isEmpty());
    auth::SignInOptions o = options(model::Network::Reddit, QStringLiteral("/reddit"));
    o.clientId = clientId;
    const auto secret = signIn(o);
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    const QJsonObject grant = QJsonDocument::fromJson(secret->toUtf8()).object();
    QCOMPARE(grant.value(QLatin1String("client_id")).toString(), clientId);
    QCOMPARE(grant.value(QLatin1String("refresh_token")).toString(),
             QJsonDocument::fromJson(account.token.toUtf8()).object().value(QLatin1String("refresh_token")).toString());

    checkTokenRequest(QStringLiteral("/reddit/api/v1/authorize"), QStringLiteral("/reddit/api/v1/access_token"));
    const JournalEntry authorize =
        entries(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/reddit/api/v1/authorize")).constFirst();
    QCOMPARE(authorize.queryValue(QStringLiteral("duration")), QStringLiteral("permanent"));
    QVERIFY(authorize.queryValue(QStringLiteral("scope")).split(u' ').contains(QStringLiteral("privatemessages")));
    const JournalEntry token =
        entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/reddit/api/v1/access_token"))
            .constFirst();
    QCOMPARE(token.header(QStringLiteral("authorization")),
             QStringLiteral("Basic ") + QString::fromLatin1((clientId + QStringLiteral(":")).toUtf8().toBase64()));
    QCOMPARE(token.header(QStringLiteral("user-agent")),
             QString::fromLatin1(connectors::reddit::RedditConnector::userAgent({})));
    QVERIFY(formValue(token, QStringLiteral("client_secret")).isEmpty());

    const qint64 id = addAndSync(model::Network::Reddit, QStringLiteral("/reddit"), *secret);
    QVERIFY(id > 0);
    QVERIFY(testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > 0);
}

void OAuthSignInTest::youtubeSignInThenSync() {
    auth::SignInOptions o = options(model::Network::YouTube, QStringLiteral("/youtube"));
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    o.clientSecret = QStringLiteral("GOCSPX-desktop");
    const auto secret = signIn(o);
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    QCOMPARE(connectors::google::parseGrant(*secret).value_or(connectors::google::GoogleGrant{}).accessToken,
             demo(QStringLiteral("youtube")).token);
    checkTokenRequest(QStringLiteral("/youtube/o/oauth2/v2/auth"), QStringLiteral("/youtube/token"));
    const JournalEntry authorize =
        entries(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/youtube/o/oauth2/v2/auth")).constFirst();
    QCOMPARE(authorize.queryValue(QStringLiteral("access_type")), QStringLiteral("offline"));
    QCOMPARE(authorize.queryValue(QStringLiteral("scope")),
             QStringLiteral("https://www.googleapis.com/auth/youtube.force-ssl"));
    const JournalEntry token =
        entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/youtube/token")).constFirst();
    QCOMPARE(formValue(token, QStringLiteral("client_secret")), QStringLiteral("GOCSPX-desktop"));

    const qint64 id = addAndSync(model::Network::YouTube, QStringLiteral("/youtube"), *secret);
    QVERIFY(id > 0);
    QVERIFY(testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > 0);
}

void OAuthSignInTest::googleReviewsSignInThenSync() {
    auth::SignInOptions o = options(model::Network::GoogleReviews, QStringLiteral("/google"));
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    const auto secret = signIn(o);
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    QCOMPARE(connectors::google::parseGrant(*secret).value_or(connectors::google::GoogleGrant{}).accessToken,
             demo(QStringLiteral("google-reviews")).token);
    checkTokenRequest(QStringLiteral("/google/o/oauth2/v2/auth"), QStringLiteral("/google/token"));
    const JournalEntry authorize =
        entries(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/google/o/oauth2/v2/auth")).constFirst();
    QCOMPARE(authorize.queryValue(QStringLiteral("scope")),
             QStringLiteral("https://www.googleapis.com/auth/business.manage"));

    const qint64 id = addAndSync(model::Network::GoogleReviews, QStringLiteral("/google"), *secret);
    QVERIFY(id > 0);
    QVERIFY(testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > 0);
}

void OAuthSignInTest::googleGrantRenewsTheAccessToken_data() {
    QTest::addColumn<model::Network>("network");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("demoNetwork");
    QTest::newRow("youtube") << model::Network::YouTube << QStringLiteral("/youtube") << QStringLiteral("youtube");
    QTest::newRow("google-reviews") << model::Network::GoogleReviews << QStringLiteral("/google")
                                    << QStringLiteral("google-reviews");
}

void OAuthSignInTest::googleGrantRenewsTheAccessToken() {
    QFETCH(model::Network, network);
    QFETCH(QString, path);
    QFETCH(QString, demoNetwork);
    auth::SignInOptions o = options(network, path);
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    o.clientSecret = QStringLiteral("GOCSPX-desktop");
    const auto secret = signIn(o);
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    auto grant = connectors::google::parseGrant(*secret);
    QVERIFY(grant.has_value());
    QCOMPARE(grant->accessToken, demo(demoNetwork).token);
    QVERIFY(grant->refreshToken.startsWith(QLatin1String("1//")));
    QCOMPARE(grant->tokenUri, m_sandbox->baseUrl() + path + QStringLiteral("/token"));

    // An hour later the access token is refused: the connector renews it once and goes on.
    grant->accessToken = QStringLiteral("ya29.expired-an-hour-ago");
    const qint64 id = addAndSync(network, path, connectors::google::toSecret(*grant));
    QVERIFY(id > 0);
    QVERIFY(testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > 0);
    QList<JournalEntry> renewals;
    for (const JournalEntry& e :
         entries(m_sandbox->journal(), QStringLiteral("POST"), path + QStringLiteral("/token"))) {
        if (formValue(e, QStringLiteral("grant_type")) == QLatin1String("refresh_token")) {
            renewals.append(e);
        }
    }
    QCOMPARE(renewals.size(), 1); // verify renewed it; the sync used the new token
    QCOMPARE(formValue(renewals.constFirst(), QStringLiteral("refresh_token")), grant->refreshToken);
    QCOMPARE(formValue(renewals.constFirst(), QStringLiteral("client_id")), o.clientId);
    QCOMPARE(formValue(renewals.constFirst(), QStringLiteral("client_secret")), o.clientSecret);
    QCOMPARE(renewals.constFirst().status, 200);
    const auto kept = connectors::google::parseGrant(m_h->secretOf(id));
    QVERIFY(kept.has_value());
    QCOMPARE(kept->accessToken, demo(demoNetwork).token); // the renewed token was kept
    QCOMPARE(kept->refreshToken, grant->refreshToken);

    // A grant Google no longer honours: the account is refused and nothing is stored.
    grant->refreshToken = QStringLiteral("1//revoked");
    model::Account account;
    account.network = network;
    account.name = QStringLiteral("revoked grant");
    account.baseUrl = m_sandbox->baseUrl() + path;
    std::optional<Expected<model::Account, Error>> added;
    QObject context;
    sync::AccountSetup::add(m_h->store(), m_h->network(), m_h->secrets(), account, connectors::google::toSecret(*grant),
                            &context, [&](Expected<model::Account, Error> r) { added = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(added.has_value(), kTimeoutMs);
    QVERIFY(!added->hasValue());
    QVERIFY(added->error().code == ErrorCode::Unauthorized);
    QVERIFY(!store::AccountRepository::byName(m_h->db(), QStringLiteral("revoked grant")));
}

void OAuthSignInTest::discourseUserApiKeyThenSync() {
    const auth::SignInOptions o = options(model::Network::Discourse, QStringLiteral("/discourse"));
    const auto secret = signIn(o);
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    const QJsonObject parsed = QJsonDocument::fromJson(secret->toUtf8()).object();
    const QString key = parsed.value(QLatin1String("key")).toString();
    const QString clientId = parsed.value(QLatin1String("client_id")).toString();
    QVERIFY(!key.isEmpty());
    QCOMPARE(m_sandbox->discourseClientIdOfKey(key), clientId);

    // What was asked: our public key, our scopes, a fresh nonce, and the loopback address to come back to.
    const QList<JournalEntry> asked =
        entries(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/discourse/user-api-key/new"));
    QCOMPARE(asked.size(), 1);
    const JournalEntry& a = asked.constFirst();
    QVERIFY(a.queryValue(QStringLiteral("public_key")).startsWith(QLatin1String("-----BEGIN PUBLIC KEY-----\n")));
    QCOMPARE(a.queryValue(QStringLiteral("scopes")), QStringLiteral("read,write,notifications,session_info"));
    QCOMPARE(a.queryValue(QStringLiteral("client_id")), clientId);
    QCOMPARE(a.queryValue(QStringLiteral("application_name")), QStringLiteral("Baton"));
    QCOMPARE(a.queryValue(QStringLiteral("nonce")).size(), 32);
    QCOMPARE(a.queryValue(QStringLiteral("auth_redirect")), m_redirectUri);
    QVERIFY(m_redirectUri.startsWith(QLatin1String("http://127.0.0.1:")));
    QCOMPARE(a.status, 302);
    QCOMPARE(m_browser->statuses.constLast(), 200);

    // The key signs the account in: every request of the sync carries it and its client id.
    m_sandbox->clearJournal();
    const qint64 id = addAndSync(model::Network::Discourse, QStringLiteral("/discourse"), *secret);
    QVERIFY(id > 0);
    QVERIFY(testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ?", {id}) > 0);
    int calls = 0;
    for (const JournalEntry& e : m_sandbox->journal()) {
        if (e.path.startsWith(QLatin1String("/discourse/"))) {
            ++calls;
            QCOMPARE(e.header(QStringLiteral("user-api-key")), key);
            QCOMPARE(e.header(QStringLiteral("user-api-client-id")), clientId);
            QCOMPARE(e.status, 200);
        }
    }
    QVERIFY(calls > 3);

    // An answer made for another sign-in (another nonce) is refused, and nothing comes of it.
    m_browser = std::make_unique<Browser>();
    const auto forged = signIn(o, [this](const QUrl& url) {
        const QUrlQuery q(url);
        const QByteArray payload = sandbox::encryptUserApiKeyPayload(
            q.queryItemValue(QStringLiteral("public_key"), QUrl::FullyDecoded).toLatin1(),
            R"({"key":"stolen","nonce":"someone-else","push":false,"api":4})");
        QUrl back(q.queryItemValue(QStringLiteral("auth_redirect"), QUrl::FullyDecoded));
        back.setQuery(QStringLiteral("payload=") +
                      QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(payload))));
        return m_browser->open(back);
    });
    QVERIFY(!forged.hasValue());
    QVERIFY(forged.error().code == ErrorCode::BadResponse);
    QVERIFY2(forged.error().detail.contains(QLatin1String("nonce")), qPrintable(forged.error().detail));

    // Out of band (a forum whose admin has not allowed the loopback address): the page shows the key to paste.
    const int issued = m_sandbox->discourseUserApiKeysIssued();
    m_browser = std::make_unique<Browser>();
    auth::SignIn pasted(m_h->network());
    std::optional<Expected<QString, Error>> result;
    auth::SignInOptions oob = o;
    oob.outOfBand = true;
    pasted.start(
        oob, [this](const QUrl& url) { return m_browser->open(url); },
        [&](Expected<QString, Error> r) { result = std::move(r); });
    QVERIFY(pasted.outOfBand());
    QVERIFY(!pasted.authorizeUrl().query().contains(QLatin1String("auth_redirect")));
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->done, kTimeoutMs);
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("<pre id=\"payload\">([^<]+)</pre>"))
                                          .match(QString::fromUtf8(m_browser->lastPage));
    QVERIFY(m.hasMatch());
    pasted.submitCode(m.captured(1));
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kTimeoutMs);
    QVERIFY2(result->hasValue(), qPrintable(result->hasValue() ? QString() : result->error().toString()));
    QCOMPARE(m_sandbox->discourseUserApiKeysIssued(), issued + 1);
}

void OAuthSignInTest::emailSignInThenSyncAndReply() {
    const sandbox::SandboxAccount mailbox = demo(QStringLiteral("email"));
    QVERIFY(mailbox.acct.contains(u'@'));
    const QString smtpUrl = QStringLiteral("smtp://127.0.0.1:%1").arg(m_sandbox->smtpPort());
    auth::SignInOptions o;
    o.network = model::Network::Email;
    o.baseUrl = mailbox.baseUrl; // imap://127.0.0.1:port
    o.authBaseUrl = m_sandbox->baseUrl() + QStringLiteral("/mail");
    o.smtpUrl = smtpUrl;
    o.mailUser = mailbox.acct;
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    o.listen.timeoutMs = kTimeoutMs;
    const auto secret = signIn(o);
    QVERIFY2(secret.hasValue(), qPrintable(secret.hasValue() ? QString() : secret.error().toString()));
    checkTokenRequest(QStringLiteral("/mail/o/oauth2/v2/auth"), QStringLiteral("/mail/token"));
    const JournalEntry authorize =
        entries(m_sandbox->journal(), QStringLiteral("GET"), QStringLiteral("/mail/o/oauth2/v2/auth")).constFirst();
    QCOMPARE(authorize.queryValue(QStringLiteral("scope")), QStringLiteral("https://mail.google.com/"));
    QCOMPARE(authorize.queryValue(QStringLiteral("login_hint")), mailbox.acct);
    QCOMPARE(authorize.queryValue(QStringLiteral("access_type")), QStringLiteral("offline"));

    // The stored secret: the renewable grant with the mailbox's address and SMTP server, no password.
    const QJsonObject stored = QJsonDocument::fromJson(secret->toUtf8()).object();
    QCOMPARE(stored.value(QLatin1String("user")).toString(), mailbox.acct);
    QCOMPARE(stored.value(QLatin1String("smtp_url")).toString(), smtpUrl);
    QVERIFY(!stored.contains(QLatin1String("password")));
    const auto grant = connectors::google::parseGrant(*secret);
    QVERIFY(grant.has_value());
    QVERIFY(grant->accessToken.startsWith(QLatin1String("ya29.sandbox-mail-")));
    QCOMPARE(grant->tokenUri, m_sandbox->baseUrl() + QStringLiteral("/mail/token"));

    // Added and synced over IMAP with SASL XOAUTH2.
    m_sandbox->clearJournal();
    model::Account account;
    account.network = model::Network::Email;
    account.name = QStringLiteral("Support mailbox via the browser");
    account.baseUrl = mailbox.baseUrl;
    account.settings.insert(QStringLiteral("secret_store"), QStringLiteral("file"));
    const qint64 id = m_h->addAccount(account, *secret);
    QVERIFY2(id > 0, qPrintable(m_h->error()));
    QVERIFY2(m_h->runSync({id}).allOk(), qPrintable(m_h->lastError(id)));
    const qint64 items =
        testing::queryInt(m_h->db(), "SELECT count(*) FROM items WHERE account_id = ? AND direction = 'in'", {id});
    QCOMPARE(items, qint64(m_sandbox->mail().messageIds(0, QStringLiteral("INBOX")).size()));
    QList<JournalEntry> imapAuth;
    for (const JournalEntry& e : m_sandbox->journal()) {
        if (e.path == QLatin1String("/mail/imap") && e.method == QLatin1String("AUTHENTICATE")) {
            imapAuth.append(e);
        }
    }
    QVERIFY(!imapAuth.isEmpty());
    for (const JournalEntry& e : imapAuth) {
        QCOMPARE(e.body, QByteArray("XOAUTH2 ****")); // never PLAIN, the token never written down
        QCOMPARE(e.status, 200);
    }

    // A reply goes out by SMTP, signed in the same way.
    const QString parentId =
        testing::queryText(m_h->db(),
                           "SELECT remote_id FROM items WHERE account_id = ? AND direction = 'in' ORDER BY created_at "
                           "DESC LIMIT 1",
                           {id});
    const auto parent = m_h->item(id, parentId);
    QVERIFY(parent.has_value());
    m_h->enqueueReply(id, parent->id, parent->remoteId, QStringLiteral("Thanks, it is fixed in 2.4."));
    QCOMPARE(m_h->flushOutbox(id), std::make_pair(1, 0));
    QCOMPARE(m_sandbox->mail().outgoing().size(), 1);
    QList<JournalEntry> smtpAuth;
    for (const JournalEntry& e : m_sandbox->journal()) {
        if (e.path == QLatin1String("/mail/smtp") && e.method == QLatin1String("AUTH")) {
            smtpAuth.append(e);
        }
    }
    QCOMPARE(smtpAuth.size(), 1);
    QCOMPARE(smtpAuth.constFirst().body, QByteArray("XOAUTH2 ****"));
    QCOMPARE(smtpAuth.constFirst().status, 235);
}

void OAuthSignInTest::refusedInTheBrowser() {
    QVERIFY(m_sandbox->oauthRefuseNext(QStringLiteral("mastodon")));
    const auto secret = signIn(options(model::Network::Mastodon, QStringLiteral("/mastodon")));
    QVERIFY(!secret.hasValue());
    QVERIFY(secret.error().code == ErrorCode::Forbidden);
    QVERIFY2(secret.error().detail.contains(QLatin1String("access_denied")), qPrintable(secret.error().detail));
    QVERIFY(entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/mastodon/oauth/token")).isEmpty());
    QCOMPARE(m_sandbox->oauthTokensIssued(QStringLiteral("mastodon")), 0);
    QCOMPARE(m_browser->statuses.constLast(), 200); // the listener still told the browser to go back to Baton

    // Reddit the same way; the next sign-in goes through again.
    const sandbox::SandboxAccount account = demo(QStringLiteral("reddit"));
    auth::SignInOptions o = options(model::Network::Reddit, QStringLiteral("/reddit"));
    o.clientId = QJsonDocument::fromJson(account.token.toUtf8()).object().value(QLatin1String("client_id")).toString();
    QVERIFY(m_sandbox->oauthRefuseNext(QStringLiteral("reddit")));
    m_browser = std::make_unique<Browser>();
    const auto refused = signIn(o);
    QVERIFY(!refused.hasValue() && refused.error().code == ErrorCode::Forbidden);
    m_browser = std::make_unique<Browser>();
    QVERIFY(signIn(o).hasValue());
    QCOMPARE(testing::queryInt(m_h->db(), "SELECT count(*) FROM accounts"), 0); // nothing stored by a sign-in
}

void OAuthSignInTest::wrongStateIsRejected() {
    m_browser->rewriteRedirect = [](QUrl url) {
        QUrlQuery q(url);
        if (q.hasQueryItem(QStringLiteral("state"))) {
            q.removeAllQueryItems(QStringLiteral("state"));
            q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
            url.setQuery(q);
        }
        return url;
    };
    auth::SignInOptions o = options(model::Network::GoogleReviews, QStringLiteral("/google"));
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    const auto secret = signIn(o);
    QVERIFY(!secret.hasValue());
    QVERIFY(secret.error().code == ErrorCode::BadResponse);
    QVERIFY2(secret.error().detail.contains(QLatin1String("state mismatch")), qPrintable(secret.error().detail));
    QVERIFY(entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/google/token")).isEmpty());
    QCOMPARE(m_sandbox->oauthTokensIssued(QStringLiteral("google")), 0);
}

void OAuthSignInTest::timeoutWhenTheBrowserNeverComesBack() {
    auth::SignInOptions o = options(model::Network::YouTube, QStringLiteral("/youtube"));
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    o.listen.timeoutMs = 300;
    QUrl opened;
    const auto secret = signIn(o, [&](const QUrl& url) {
        opened = url; // the user closed the tab
        return true;
    });
    QVERIFY(opened.isValid());
    QVERIFY(!secret.hasValue());
    QVERIFY(secret.error().code == ErrorCode::Timeout);
    QVERIFY(secret.error().detail.contains(QLatin1String("nothing was stored")));
    QVERIFY(entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/youtube/token")).isEmpty());
}

void OAuthSignInTest::cancelWhileWaiting() {
    auth::SignIn signIn(m_h->network());
    std::optional<Expected<QString, Error>> result;
    QUrl announced;
    connect(&signIn, &auth::SignIn::authorizeUrlReady, this, [&](const QUrl& url) { announced = url; });
    signIn.start(options(model::Network::Mastodon, QStringLiteral("/mastodon")), {},
                 [&](Expected<QString, Error> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(announced.isValid(), kTimeoutMs); // after the app registration
    QCOMPARE(announced, signIn.authorizeUrl());
    const quint16 port = QUrl(signIn.redirectUri()).port();
    signIn.cancel();
    QVERIFY(result.has_value() && !result->hasValue());
    QVERIFY(result->error().code == ErrorCode::Cancelled);
    // Nothing listens any more.
    m_browser->open(QUrl(QStringLiteral("http://127.0.0.1:%1/callback?code=x&state=y").arg(port)));
    QTRY_VERIFY_WITH_TIMEOUT(m_browser->done, kTimeoutMs);
    QCOMPARE(m_browser->statuses.constLast(), 0);
}

void OAuthSignInTest::codeWorksOnceAndNeedsItsVerifier() {
    // Catch the code on its way back, keep it, and let the sign-in go on.
    QString code;
    m_browser->rewriteRedirect = [&](QUrl url) {
        code = QUrlQuery(url).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        return url;
    };
    auth::SignInOptions o = options(model::Network::GoogleReviews, QStringLiteral("/google"));
    o.clientId = QStringLiteral("1234-baton.apps.googleusercontent.com");
    QVERIFY(signIn(o).hasValue());
    QVERIFY(!code.isEmpty());
    const JournalEntry first =
        entries(m_sandbox->journal(), QStringLiteral("POST"), QStringLiteral("/google/token")).constFirst();

    // The same exchange again: the code is spent.
    net::Request replay;
    replay.method = "POST";
    replay.url = QUrl(m_sandbox->baseUrl() + QStringLiteral("/google/token"));
    replay.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    replay.body = first.body;
    replay.clientErrorsAsResponses = true;
    const net::Result again = m_h->send(replay);
    QVERIFY(again.hasValue());
    QCOMPARE(again->status, 400);
    QCOMPARE(QJsonDocument::fromJson(again->body).object().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));

    // A fresh code with someone else's verifier is refused too (and then spent).
    m_browser = std::make_unique<Browser>();
    QString second;
    m_browser->rewriteRedirect = [&](QUrl url) {
        second = QUrlQuery(url).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QUrlQuery q(url);
        q.removeAllQueryItems(QStringLiteral("code"));
        q.addQueryItem(QStringLiteral("code"), QStringLiteral("not-this-one"));
        url.setQuery(q);
        return url;
    };
    const auto failed = signIn(o);
    QVERIFY(!failed.hasValue());
    QVERIFY(failed.error().code == ErrorCode::Unauthorized);
    QVERIFY2(failed.error().detail.contains(QLatin1String("invalid_grant")), qPrintable(failed.error().detail));
    QVERIFY(!second.isEmpty());
    QUrlQuery form(QString::fromUtf8(first.body));
    form.removeAllQueryItems(QStringLiteral("code"));
    form.addQueryItem(QStringLiteral("code"), second);
    form.removeAllQueryItems(QStringLiteral("redirect_uri"));
    form.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri);
    replay.body = form.toString(QUrl::FullyEncoded).toUtf8();
    const net::Result wrongVerifier = m_h->send(replay);
    QVERIFY(wrongVerifier.hasValue());
    QCOMPARE(wrongVerifier->status, 400);
    QCOMPARE(QJsonDocument::fromJson(wrongVerifier->body).object().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(m_sandbox->oauthTokensIssued(QStringLiteral("google")), 1);
}

void OAuthSignInTest::unknownRedditClientStopsAtTheServer() {
    auth::SignInOptions o = options(model::Network::Reddit, QStringLiteral("/reddit"));
    o.clientId = QStringLiteral("nobody-registered-this");
    o.listen.timeoutMs = 1500;
    const auto secret = signIn(o);
    // The server shows an error page instead of redirecting to an unknown client: the listener times out.
    QVERIFY(!secret.hasValue());
    QVERIFY(secret.error().code == ErrorCode::Timeout);
    QCOMPARE(m_browser->statuses.constLast(), 400);
    QVERIFY(m_browser->lastPage.contains("unknown client"));
}

QTEST_GUILESS_MAIN(OAuthSignInTest)
#include "OAuthSignInTest.moc"
