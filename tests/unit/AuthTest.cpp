// The pure parts of the OAuth sign-in (PKCE, authorize URL, callback, token request and answer) and the loopback
// listener, driven by a real TCP client.
#include "core/auth/LoopbackListener.h"
#include "core/auth/OAuth.h"
#include "core/auth/Pkce.h"
#include "core/auth/SignIn.h"
#include "core/auth/UserApiKey.h"
#include "core/connectors/google/GoogleGrant.h"
#include "core/sandbox/discourse/DiscourseUserApiKeys.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <atomic>
#include <optional>
#include <thread>

using namespace baton;
using namespace baton::auth;

Q_DECLARE_METATYPE(baton::ErrorCode)

namespace {

// Sends one raw request to the listener from another thread (the listener answers from this thread's event
// loop) and returns the whole answer.
QByteArray fetchBlocking(quint16 port, const QByteArray& request) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        return {};
    }
    socket.write(request);
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000)) {
        answer += socket.readAll();
    }
    return answer + socket.readAll();
}

QByteArray fetch(quint16 port, const QByteArray& request) {
    std::atomic<bool> done = false;
    QByteArray answer;
    std::thread client([&] {
        answer = fetchBlocking(port, request);
        done = true;
    });
    const bool finished = QTest::qWaitFor([&] { return done.load(); }, 15000);
    Q_UNUSED(finished) // join() below waits for the client in any case
    client.join();
    return answer;
}

} // namespace

class AuthTest : public QObject {
    Q_OBJECT
private slots:
    void rfc7636AppendixB() {
        // RFC 7636 Appendix B: its example code_verifier and the S256 code_challenge the RFC gives for it.
        QCOMPARE(pkce::challengeS256(QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
                 QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void verifierShape() {
        const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9._~-]+$"));
        QSet<QString> seen;
        for (int length : {1, 43, 64, 128, 500}) {
            const QString v = pkce::makeVerifier(length);
            QCOMPARE(v.size(), qBound(43, length, 128));
            QVERIFY2(unreserved.match(v).hasMatch(), qPrintable(v));
            seen.insert(v);
        }
        QCOMPARE(seen.size(), 5); // drawn at random each time
        const QString challenge = pkce::challengeS256(pkce::makeVerifier());
        QCOMPARE(challenge.size(), 43); // 32 bytes, base64url without '='
        QVERIFY(!challenge.contains(u'=') && !challenge.contains(u'+') && !challenge.contains(u'/'));
        const QString a = pkce::makeState();
        const QString b = pkce::makeState();
        QCOMPARE(a.size(), 43);
        QVERIFY(a != b);
    }

    void authorizeUrlEncodesEveryParameter() {
        AuthorizeRequest r;
        r.endpoint = QUrl(QStringLiteral("https://www.reddit.com/api/v1/authorize"));
        r.clientId = QStringLiteral("abc DEF");
        r.redirectUri = QStringLiteral("http://127.0.0.1:65010/callback");
        r.scope = QStringLiteral("identity read");
        r.state = QStringLiteral("s+t/a=te");
        r.codeChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        r.extra = {{QStringLiteral("duration"), QStringLiteral("permanent")}};
        const QUrl url = authorizeUrl(r);
        const QString encoded = url.toString(QUrl::FullyEncoded);
        QVERIFY2(encoded.startsWith(QLatin1String("https://www.reddit.com/api/v1/authorize?response_type=code&")),
                 qPrintable(encoded));
        QVERIFY2(encoded.contains(QLatin1String("redirect_uri=http%3A%2F%2F127.0.0.1%3A65010%2Fcallback")),
                 qPrintable(encoded));
        QVERIFY2(encoded.contains(QLatin1String("scope=identity%20read")), qPrintable(encoded));
        QVERIFY2(encoded.contains(QLatin1String("state=s%2Bt%2Fa%3Dte")), qPrintable(encoded));
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), QStringLiteral("abc DEF"));
        QCOMPARE(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("s+t/a=te"));
        QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(q.queryItemValue(QStringLiteral("duration")), QStringLiteral("permanent"));
        QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge")), r.codeChallenge);
    }

    void callback_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("expectedState");
        QTest::addColumn<QString>("code");           // empty: an error
        QTest::addColumn<baton::ErrorCode>("error"); // when code is empty
        QTest::addColumn<QString>("detailHas");
        const QString state = QStringLiteral("st8");
        QTest::newRow("code") << QByteArray("code=abc%2Bdef&state=st8") << state << QStringLiteral("abc+def")
                              << ErrorCode::None << QString();
        QTest::newRow("plus is a space") << QByteArray("state=st8&code=a+b") << state << QStringLiteral("a b")
                                         << ErrorCode::None << QString();
        QTest::newRow("refused") << QByteArray("error=access_denied&state=st8") << state << QString()
                                 << ErrorCode::Forbidden << QStringLiteral("refused");
        QTest::newRow("other error") << QByteArray("error=invalid_scope&error_description=Bad+scope&state=st8") << state
                                     << QString() << ErrorCode::Unauthorized << QStringLiteral("Bad scope");
        QTest::newRow("state mismatch") << QByteArray("code=abc&state=other") << state << QString()
                                        << ErrorCode::BadResponse << QStringLiteral("state mismatch");
        QTest::newRow("no state") << QByteArray("code=abc") << state << QString() << ErrorCode::BadResponse
                                  << QStringLiteral("state mismatch");
        QTest::newRow("refusal with a foreign state") << QByteArray("error=access_denied&state=x") << state << QString()
                                                      << ErrorCode::BadResponse << QStringLiteral("state mismatch");
        QTest::newRow("no code") << QByteArray("state=st8") << state << QString() << ErrorCode::BadResponse
                                 << QStringLiteral("without an authorization code");
        QTest::newRow("nothing expected") << QByteArray("code=abc&state=") << QString() << QString()
                                          << ErrorCode::BadResponse << QStringLiteral("state mismatch");
    }

    void callback() {
        QFETCH(QByteArray, query);
        QFETCH(QString, expectedState);
        QFETCH(QString, code);
        QFETCH(baton::ErrorCode, error);
        QFETCH(QString, detailHas);
        const auto r = checkCallback(parseCallback(query), expectedState);
        if (!code.isEmpty()) {
            QVERIFY2(r.hasValue(), qPrintable(r.hasValue() ? QString() : r.error().detail));
            QCOMPARE(r.value(), code);
        } else {
            QVERIFY(!r.hasValue());
            QVERIFY(r.error().code == error);
            QVERIFY2(r.error().detail.contains(detailHas), qPrintable(r.error().detail));
        }
    }

    void tokenRequestForm() {
        TokenRequest t;
        t.endpoint = QUrl(QStringLiteral("https://www.reddit.com/api/v1/access_token"));
        t.clientId = QStringLiteral("cl1ent");
        t.code = QStringLiteral("c&de");
        t.redirectUri = QStringLiteral("http://127.0.0.1:65010/callback");
        t.codeVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        t.basicAuth = true;
        t.userAgent = "desktop:community.baton:v1";
        const net::Request r = tokenRequest(t);
        QCOMPARE(r.method, QByteArray("POST"));
        QVERIFY(!r.retrySafe);
        QVERIFY(r.clientErrorsAsResponses);
        const QUrlQuery form(QString::fromLatin1(r.body));
        QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
        QCOMPARE(form.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded), QStringLiteral("c&de"));
        QCOMPARE(form.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), t.redirectUri);
        QCOMPARE(form.queryItemValue(QStringLiteral("code_verifier")), t.codeVerifier);
        QVERIFY(!form.hasQueryItem(QStringLiteral("client_secret")));
        QByteArray authorization;
        QByteArray agent;
        for (const auto& [name, value] : r.headers) {
            if (name == "Authorization") {
                authorization = value;
            } else if (name == "User-Agent") {
                agent = value;
            }
        }
        QCOMPARE(authorization, QByteArray("Basic ") + QByteArray("cl1ent:").toBase64());
        QCOMPARE(agent, QByteArray("desktop:community.baton:v1"));

        t.basicAuth = false;
        t.clientSecret = QStringLiteral("s3cret");
        const QUrlQuery withSecret(QString::fromLatin1(tokenRequest(t).body));
        QCOMPARE(withSecret.queryItemValue(QStringLiteral("client_secret")), QStringLiteral("s3cret"));
        QCOMPARE(withSecret.queryItemValue(QStringLiteral("client_id")), QStringLiteral("cl1ent"));
    }

    void tokenAnswers() {
        auto ok = parseTokenAnswer(200, R"({"access_token":"at","token_type":"bearer","expires_in":3600,)"
                                        R"("refresh_token":"rt","scope":"read"})");
        QVERIFY(ok.hasValue());
        QCOMPARE(ok->accessToken, QStringLiteral("at"));
        QCOMPARE(ok->refreshToken, QStringLiteral("rt"));
        QCOMPARE(ok->expiresInSeconds, 3600);
        QCOMPARE(ok->scope, QStringLiteral("read"));

        auto grant = parseTokenAnswer(400, R"({"error":"invalid_grant","error_description":"The provided grant"})");
        QVERIFY(!grant.hasValue());
        QVERIFY(grant.error().code == ErrorCode::Unauthorized);
        QVERIFY(grant.error().detail.contains(QLatin1String("invalid_grant")));
        QCOMPARE(grant.error().httpStatus, 400);

        auto inside200 = parseTokenAnswer(200, R"({"error":"invalid_grant"})"); // Reddit
        QVERIFY(!inside200.hasValue());
        QVERIFY(inside200.error().code == ErrorCode::Unauthorized);

        auto scope = parseTokenAnswer(400, R"({"error":"invalid_scope"})");
        QVERIFY(!scope.hasValue());
        QVERIFY(scope.error().code == ErrorCode::HttpClient);

        auto html = parseTokenAnswer(502, "<html>Bad gateway</html>");
        QVERIFY(!html.hasValue());
        QVERIFY(html.error().code == ErrorCode::HttpClient);

        auto noToken = parseTokenAnswer(200, R"({"token_type":"bearer"})");
        QVERIFY(!noToken.hasValue());
        QVERIFY(noToken.error().code == ErrorCode::BadResponse);
    }

    void providers() {
        SignInOptions o;
        o.network = model::Network::Reddit;
        o.baseUrl = QStringLiteral("https://oauth.reddit.com");
        QVERIFY(!providerFor(o).hasValue()); // no client id
        o.clientId = QStringLiteral("appid");
        auto reddit = providerFor(o);
        QVERIFY(reddit.hasValue());
        QCOMPARE(reddit->authorizeEndpoint.toString(), QStringLiteral("https://www.reddit.com/api/v1/authorize"));
        QCOMPARE(reddit->tokenEndpoint.toString(), QStringLiteral("https://www.reddit.com/api/v1/access_token"));
        QVERIFY(reddit->basicAuth);
        QVERIFY(reddit->userAgent.startsWith("desktop:community.baton:v"));
        QVERIFY(reddit->extraAuthorizeParams.contains({QStringLiteral("duration"), QStringLiteral("permanent")}));

        o.network = model::Network::YouTube;
        o.baseUrl = QStringLiteral("https://www.googleapis.com/youtube");
        o.clientId = QStringLiteral("1.apps.googleusercontent.com");
        auto youtube = providerFor(o);
        QVERIFY(youtube.hasValue());
        QCOMPARE(youtube->authorizeEndpoint.toString(), QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
        QCOMPARE(youtube->tokenEndpoint.toString(), QStringLiteral("https://oauth2.googleapis.com/token"));
        QCOMPARE(youtube->scope, QStringLiteral("https://www.googleapis.com/auth/youtube.force-ssl"));
        QVERIFY(youtube->extraAuthorizeParams.contains({QStringLiteral("access_type"), QStringLiteral("offline")}));

        o.network = model::Network::GoogleReviews;
        o.baseUrl = QStringLiteral("http://127.0.0.1:8080/google");
        auto local = providerFor(o);
        QVERIFY(local.hasValue());
        QCOMPARE(local->tokenEndpoint.toString(), QStringLiteral("http://127.0.0.1:8080/google/token"));
        QCOMPARE(local->scope, QStringLiteral("https://www.googleapis.com/auth/business.manage"));

        o.network = model::Network::Mastodon;
        o.baseUrl = QStringLiteral("https://mastodon.example/");
        auto mastodon = providerFor(o);
        QVERIFY(mastodon.hasValue());
        QCOMPARE(mastodon->authorizeEndpoint.toString(), QStringLiteral("https://mastodon.example/oauth/authorize"));
        QCOMPARE(mastodon->scope, QStringLiteral("read write"));

        // Reddit's registered redirect: a fixed port unless the environment names another.
        qunsetenv("BATON_REDDIT_REDIRECT_PORT");
        QCOMPARE(redditRedirectUri(), QStringLiteral("http://127.0.0.1:65010/callback"));
        qputenv("BATON_REDDIT_REDIRECT_PORT", "8080");
        QCOMPARE(redditRedirectPort(), quint16(8080));
        qputenv("BATON_REDDIT_REDIRECT_PORT", "99999");
        QCOMPARE(redditRedirectPort(), quint16(65010));
        qunsetenv("BATON_REDDIT_REDIRECT_PORT");

        o.network = model::Network::Bluesky;
        QVERIFY(!providerFor(o).hasValue());
        QVERIFY(!supportsBrowserSignIn(model::Network::Bluesky));
        QVERIFY(!supportsBrowserSignIn(model::Network::Feed));
        // Discourse: a user API key request, not OAuth; no client id to give.
        QVERIFY(supportsBrowserSignIn(model::Network::Discourse));
        o.network = model::Network::Discourse;
        o.clientId.clear();
        o.baseUrl = QStringLiteral("https://forum.example.com");
        QCOMPARE(providerFor(o).value().authorizeEndpoint,
                 QUrl(QStringLiteral("https://forum.example.com/user-api-key/new")));
    }

    void secrets() {
        TokenAnswer a;
        a.accessToken = QStringLiteral("at");
        a.refreshToken = QStringLiteral("rt");
        Provider p;
        p.clientId = QStringLiteral("id");
        p.clientSecret = QStringLiteral("cs");
        p.tokenEndpoint = QUrl(QStringLiteral("https://oauth2.googleapis.com/token"));
        QCOMPARE(secretFor(model::Network::Mastodon, a, p).value(), QStringLiteral("at"));
        const QJsonObject google =
            QJsonDocument::fromJson(secretFor(model::Network::YouTube, a, p).value().toUtf8()).object();
        QCOMPARE(google.value(QLatin1String("access_token")).toString(), QStringLiteral("at"));
        QCOMPARE(google.value(QLatin1String("refresh_token")).toString(), QStringLiteral("rt"));
        QCOMPARE(google.value(QLatin1String("client_id")).toString(), QStringLiteral("id"));
        QCOMPARE(google.value(QLatin1String("client_secret")).toString(), QStringLiteral("cs"));
        QCOMPARE(google.value(QLatin1String("token_uri")).toString(), p.tokenEndpoint.toString());
        const QJsonObject reddit =
            QJsonDocument::fromJson(secretFor(model::Network::Reddit, a, p).value().toUtf8()).object();
        QCOMPARE(reddit.value(QLatin1String("client_id")).toString(), QStringLiteral("id"));
        QCOMPARE(reddit.value(QLatin1String("refresh_token")).toString(), QStringLiteral("rt"));
        a.refreshToken.clear();
        QVERIFY(!secretFor(model::Network::Reddit, a, p).hasValue());
        QCOMPARE(secretFor(model::Network::GoogleReviews, a, p).value(), QStringLiteral("at")); // no refresh: bare

        auto app = parseMastodonApp(200, R"({"client_id":"cid","client_secret":"cs"})");
        QVERIFY(app.hasValue());
        QCOMPARE(app->first, QStringLiteral("cid"));
        QVERIFY(!parseMastodonApp(422, R"({"error":"Validation failed"})").hasValue());
        QVERIFY(!parseMastodonApp(200, R"({"client_id":"cid"})").hasValue());
    }

    void mailProviders() {
        SignInOptions o;
        o.network = model::Network::Email;
        o.baseUrl = QStringLiteral("imaps://imap.gmail.com");
        o.clientId = QStringLiteral("1.apps.googleusercontent.com");
        QVERIFY(supportsBrowserSignIn(model::Network::Email));
        auto noAddress = providerFor(o);
        QVERIFY(!noAddress.hasValue());
        QVERIFY(noAddress.error().detail.contains(QLatin1String("address")));

        o.mailUser = QStringLiteral(" ada@gmail.com ");
        auto gmail = providerFor(o);
        QVERIFY(gmail.hasValue());
        QCOMPARE(gmail->authorizeEndpoint.toString(), QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
        QCOMPARE(gmail->tokenEndpoint.toString(), QStringLiteral("https://oauth2.googleapis.com/token"));
        QCOMPARE(gmail->scope, QStringLiteral("https://mail.google.com/"));
        QVERIFY(gmail->extraAuthorizeParams.contains({QStringLiteral("login_hint"), QStringLiteral("ada@gmail.com")}));
        QVERIFY(gmail->extraAuthorizeParams.contains({QStringLiteral("access_type"), QStringLiteral("offline")}));

        // Another mail server: only with its OAuth server named, https (or loopback http for a local test server).
        o.baseUrl = QStringLiteral("imaps://mail.example.org");
        auto unknown = providerFor(o);
        QVERIFY(!unknown.hasValue());
        QVERIFY(unknown.error().detail.contains(QLatin1String("Gmail")));
        o.authBaseUrl = QStringLiteral("http://auth.example.org");
        QVERIFY(!providerFor(o).hasValue());
        o.authBaseUrl = QStringLiteral("not a url at all");
        QVERIFY(!providerFor(o).hasValue());
        o.authBaseUrl = QStringLiteral("https://auth.example.org/");
        auto other = providerFor(o);
        QVERIFY(other.hasValue());
        QCOMPARE(other->authorizeEndpoint.toString(), QStringLiteral("https://auth.example.org/o/oauth2/v2/auth"));
        QCOMPARE(other->tokenEndpoint.toString(), QStringLiteral("https://auth.example.org/token"));
        o.authBaseUrl = QStringLiteral("http://127.0.0.1:8080/mail");
        QCOMPARE(providerFor(o)->tokenEndpoint.toString(), QStringLiteral("http://127.0.0.1:8080/mail/token"));
    }

    void mailSecrets() {
        SignInOptions o;
        o.network = model::Network::Email;
        o.baseUrl = QStringLiteral("imaps://imap.gmail.com");
        o.mailUser = QStringLiteral("ada@gmail.com");
        TokenAnswer a;
        a.accessToken = QStringLiteral("at");
        a.refreshToken = QStringLiteral("rt");
        Provider p;
        p.clientId = QStringLiteral("id");
        p.tokenEndpoint = QUrl(QStringLiteral("https://oauth2.googleapis.com/token"));
        const auto gmail = secretFor(o, a, p);
        QVERIFY(gmail.hasValue());
        const QJsonObject g = QJsonDocument::fromJson(gmail->toUtf8()).object();
        QCOMPARE(g.value(QLatin1String("access_token")).toString(), QStringLiteral("at"));
        QCOMPARE(g.value(QLatin1String("refresh_token")).toString(), QStringLiteral("rt"));
        QCOMPARE(g.value(QLatin1String("client_id")).toString(), QStringLiteral("id"));
        QCOMPARE(g.value(QLatin1String("user")).toString(), QStringLiteral("ada@gmail.com"));
        QCOMPARE(g.value(QLatin1String("smtp_url")).toString(), QStringLiteral("smtps://smtp.gmail.com:465"));
        // The grant reads back with the email fields kept beside it.
        const auto back = connectors::google::parseGrant(*gmail);
        QVERIFY(back.has_value());
        QCOMPARE(back->extra.value(QLatin1String("user")).toString(), QStringLiteral("ada@gmail.com"));

        o.baseUrl = QStringLiteral("imaps://mail.example.org");
        o.smtpUrl = QStringLiteral("smtp://mail.example.org:587");
        const QJsonObject other = QJsonDocument::fromJson(secretFor(o, a, p)->toUtf8()).object();
        QCOMPARE(other.value(QLatin1String("smtp_url")).toString(), QStringLiteral("smtp://mail.example.org:587"));
        o.smtpUrl.clear();
        QVERIFY(!QJsonDocument::fromJson(secretFor(o, a, p)->toUtf8()).object().contains(QLatin1String("smtp_url")));

        // Mail keeps working only with a refresh token: an access token alone lasts an hour.
        a.refreshToken.clear();
        const auto bare = secretFor(o, a, p);
        QVERIFY(!bare.hasValue());
        QVERIFY(bare.error().detail.contains(QLatin1String("refresh token")));
        // Other networks go through the per-network rules.
        o.network = model::Network::GoogleReviews;
        QCOMPARE(secretFor(o, a, p).value(), QStringLiteral("at"));
    }

    void googleGrant() {
        using namespace baton::connectors::google;
        QVERIFY(!parseGrant(QStringLiteral("ya29.bare-token")).has_value()); // a bare access token, as before
        const auto g = parseGrant(QStringLiteral(R"({"access_token":"a","refresh_token":"r","client_id":"c"})"));
        QVERIFY(g.has_value());
        QCOMPARE(g->tokenUri, QStringLiteral("https://oauth2.googleapis.com/token")); // Google's when not said
        const net::Request r = refreshRequest(*g);
        const QUrlQuery form(QString::fromLatin1(r.body));
        QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
        QCOMPARE(form.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("r"));
        QVERIFY(!form.hasQueryItem(QStringLiteral("client_secret")));
        QCOMPARE(parseGrant(toSecret(*g))->refreshToken, QStringLiteral("r"));
        QCOMPARE(parseRefreshAnswer(200, R"({"access_token":"new","expires_in":3599})").value(), QStringLiteral("new"));
        const auto refused = parseRefreshAnswer(400, R"({"error":"invalid_grant","error_description":"Bad Request"})");
        QVERIFY(!refused.hasValue() && refused.error().code == ErrorCode::Unauthorized);
        const auto broken = parseRefreshAnswer(200, "{}");
        QVERIFY(!broken.hasValue() && broken.error().code == ErrorCode::BadResponse);
    }

    void listenerAnswersOnceAndKeepsWaitingForItsPath() {
        LoopbackListener listener;
        std::optional<Expected<Callback, Error>> got;
        LoopbackListener::Options o;
        o.path = QStringLiteral("/cb");
        o.pageText = QStringLiteral("Vous pouvez fermer cet onglet <ok>");
        auto uri = listener.start(o, [&](Expected<Callback, Error> r) { got = std::move(r); });
        QVERIFY(uri.hasValue());
        const quint16 port = QUrl(*uri).port();
        QVERIFY(uri->startsWith(QLatin1String("http://127.0.0.1:")) && uri->endsWith(QLatin1String("/cb")));

        const QByteArray favicon = fetch(port, "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(favicon.startsWith("HTTP/1.1 404"));
        QVERIFY(!got.has_value());
        const QByteArray page = fetch(port, "GET /cb?code=abc&state=xyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(page.startsWith("HTTP/1.1 200"));
        QVERIFY(page.contains("Vous pouvez fermer cet onglet &lt;ok&gt;"));
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->hasValue());
        QCOMPARE(got->value().code, QStringLiteral("abc"));
        QCOMPARE(got->value().state, QStringLiteral("xyz"));
        QVERIFY(!listener.isListening());                                                    // one answer only
        QTRY_VERIFY(fetch(port, "GET /cb?code=again&state=xyz HTTP/1.1\r\n\r\n").isEmpty()); // refused
    }

    void listenerTimesOutAndCancels() {
        LoopbackListener listener;
        std::optional<Expected<Callback, Error>> got;
        LoopbackListener::Options o;
        o.timeoutMs = 200;
        QVERIFY(listener.start(o, [&](Expected<Callback, Error> r) { got = std::move(r); }).hasValue());
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->hasValue());
        QVERIFY(got->error().code == ErrorCode::Timeout);
        QVERIFY(!listener.isListening());

        LoopbackListener second;
        std::optional<Expected<Callback, Error>> cancelled;
        QVERIFY(second.start({}, [&](Expected<Callback, Error> r) { cancelled = std::move(r); }).hasValue());
        second.cancel();
        QVERIFY(cancelled.has_value() && !cancelled->hasValue());
        QVERIFY(cancelled->error().code == ErrorCode::Cancelled);
    }

    void listenerOnABusyPortFails() {
        LoopbackListener first;
        auto uri = first.start({}, [](Expected<Callback, Error>) {});
        QVERIFY(uri.hasValue());
        LoopbackListener second;
        LoopbackListener::Options o;
        o.port = QUrl(*uri).port();
        auto busy = second.start(o, [](Expected<Callback, Error>) {});
        QVERIFY(!busy.hasValue());
        QVERIFY(busy.error().code == ErrorCode::Io);
        QVERIFY(busy.error().detail.contains(QString::number(o.port)));
    }

    // Discourse user API keys: the request carries the public half, the answer opens only with the private half
    // and only for our nonce; the forum's line-broken base64 opens, also when a paste made the breaks spaces.
    void userApiKeyRequest() {
        const auto keys = userapikey::makeKeyPair();
        QVERIFY2(keys.hasValue(), qPrintable(keys.hasValue() ? QString() : keys.error().toString()));
        QVERIFY(keys->publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
        QVERIFY(keys->privatePem.startsWith("-----BEGIN PRIVATE KEY-----"));
        userapikey::Request r;
        r.baseUrl = QStringLiteral("https://forum.example.com/");
        r.clientId = userapikey::makeClientId();
        r.nonce = userapikey::makeNonce();
        r.publicPem = keys->publicPem;
        r.authRedirect = QStringLiteral("http://127.0.0.1:4567/callback");
        QCOMPARE(r.clientId.size(), 32);
        QVERIFY(r.nonce != userapikey::makeNonce());
        const QUrl url = userapikey::authorizeUrl(r);
        QCOMPARE(url.host(), QStringLiteral("forum.example.com"));
        QCOMPARE(url.path(), QStringLiteral("/user-api-key/new"));
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue(QStringLiteral("public_key"), QUrl::FullyDecoded),
                 QString::fromLatin1(keys->publicPem));
        QCOMPARE(q.queryItemValue(QStringLiteral("scopes"), QUrl::FullyDecoded),
                 QStringLiteral("read,write,notifications,session_info"));
        QCOMPARE(q.queryItemValue(QStringLiteral("nonce"), QUrl::FullyDecoded), r.nonce);
        QCOMPARE(q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), r.clientId);
        QCOMPARE(q.queryItemValue(QStringLiteral("application_name"), QUrl::FullyDecoded), QStringLiteral("Baton"));
        QCOMPARE(q.queryItemValue(QStringLiteral("auth_redirect"), QUrl::FullyDecoded), r.authRedirect);
        // The raw query keeps the PEM's '+' and '/' encoded, so no server reads them as spaces or separators.
        QVERIFY(!url.query(QUrl::FullyEncoded).contains(u'+'));
        r.authRedirect.clear();
        QVERIFY(!QUrlQuery(userapikey::authorizeUrl(r)).hasQueryItem(QStringLiteral("auth_redirect")));
    }

    void userApiKeyPayload() {
        const auto keys = userapikey::makeKeyPair();
        const auto other = userapikey::makeKeyPair();
        QVERIFY(keys.hasValue() && other.hasValue());
        const QByteArray json = R"({"key":"abc123","nonce":"n-1","push":false,"api":4})";
        const QByteArray payload = sandbox::encryptUserApiKeyPayload(keys->publicPem, json);
        QVERIFY(payload.contains('\n')); // as the forum writes it
        QCOMPARE(userapikey::openPayload(keys->privatePem, QString::fromLatin1(payload), QStringLiteral("n-1")).value(),
                 QStringLiteral("abc123"));
        QString spaced = QString::fromLatin1(payload); // line breaks a paste turned into spaces
        spaced.replace(u'\n', u' ');
        QCOMPARE(userapikey::openPayload(keys->privatePem, spaced, QStringLiteral("n-1")).value(),
                 QStringLiteral("abc123"));

        auto refused = userapikey::openPayload(keys->privatePem, QString::fromLatin1(payload), QStringLiteral("n-2"));
        QVERIFY(!refused && refused.error().code == ErrorCode::BadResponse);
        QVERIFY2(refused.error().detail.contains(QLatin1String("nonce")), qPrintable(refused.error().detail));
        refused = userapikey::openPayload(other->privatePem, QString::fromLatin1(payload), QStringLiteral("n-1"));
        QVERIFY(!refused && refused.error().code == ErrorCode::BadResponse);
        refused =
            userapikey::openPayload(keys->privatePem, QStringLiteral("not base64 at all!"), QStringLiteral("n-1"));
        QVERIFY(!refused && refused.error().detail.contains(QLatin1String("base64")));
        refused = userapikey::openPayload(keys->privatePem, QStringLiteral("  \n"), QStringLiteral("n-1"));
        QVERIFY(!refused && refused.error().detail.contains(QLatin1String("empty")));
        const QByteArray noKey = sandbox::encryptUserApiKeyPayload(keys->publicPem, R"({"nonce":"n-1"})");
        refused = userapikey::openPayload(keys->privatePem, QString::fromLatin1(noKey), QStringLiteral("n-1"));
        QVERIFY(!refused && refused.error().detail.contains(QLatin1String("no key")));

        const QJsonObject secret =
            QJsonDocument::fromJson(userapikey::secretFor(QStringLiteral("abc123"), QStringLiteral("cid")).toUtf8())
                .object();
        QCOMPARE(secret.value(QLatin1String("key")).toString(), QStringLiteral("abc123"));
        QCOMPARE(secret.value(QLatin1String("client_id")).toString(), QStringLiteral("cid"));
        // The browser's redirect brings the payload in the query, percent-encoded.
        const Callback back = parseCallback("payload=" + QUrl::toPercentEncoding(QString::fromLatin1(payload)));
        QCOMPARE(back.payload, QString::fromLatin1(payload));
        QCOMPARE(parseCallback("payload=ab+c%2Bd%0A").payload, QStringLiteral("ab+c+d\n")); // '+' is base64 here
    }
};

QTEST_GUILESS_MAIN(AuthTest)
#include "AuthTest.moc"
