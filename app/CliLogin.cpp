// baton account login: signs in through the browser (OAuth 2 with PKCE and a loopback redirect, or the
// out-of-band code; Discourse's user API key the same two ways), then stores the account exactly as `account add`
// does.
#include "app/Cli.h"
#include "app/Profile.h"
#include "core/auth/SignIn.h"
#include "core/net/NetworkEngine.h"
#include "core/sync/AccountSetup.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QProcess>
#include <QSocketNotifier>
#include <QTextStream>
#include <cstdio>
#include <optional>

namespace baton::app {

namespace {

// A desktop session can show the page; a terminal without one prints the address only.
bool openInBrowser(const QUrl& url) {
    if (qEnvironmentVariableIsSet("BATON_NO_BROWSER") ||
        (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))) {
        return false;
    }
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
}

} // namespace

int Cli::accountLogin(const QStringList& args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("network"),
                            QStringLiteral("mastodon, reddit, discourse, youtube, google-reviews, email"));
    p.addOption({QStringLiteral("name"), QStringLiteral("Label"), QStringLiteral("N")});
    p.addOption({QStringLiteral("base-url"), QStringLiteral("Server"), QStringLiteral("URL")});
    p.addOption({QStringLiteral("client-id"), QStringLiteral("OAuth client id (Reddit installed app, Google)"),
                 QStringLiteral("ID")});
    p.addOption(
        {QStringLiteral("client-secret"), QStringLiteral("Google desktop client secret"), QStringLiteral("SECRET")});
    p.addOption({QStringLiteral("port"), QStringLiteral("Loopback port of the registered redirect URI"),
                 QStringLiteral("PORT")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds to wait for the browser"),
                 QStringLiteral("SECONDS"), QStringLiteral("300")});
    p.addOption({QStringLiteral("oob"),
                 QStringLiteral("Mastodon: paste the code the server shows; Discourse: the key the forum shows")});
    p.addOption({QStringLiteral("user"), QStringLiteral("Email: the mailbox's address"), QStringLiteral("ADDRESS")});
    p.addOption({QStringLiteral("auth-url"), QStringLiteral("Email: the OAuth server, when not Gmail's"),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("smtp-url"), QStringLiteral("Email: the SMTP server, when not Gmail's"),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("secret-store"), QStringLiteral("keychain or file"), QStringLiteral("KIND"),
                 QStringLiteral("keychain")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args)) {
        return fail(p.errorText(), Usage);
    }
    const QString usage = QStringLiteral("usage: baton account login NETWORK --name N --base-url URL [--client-id ID]");
    const auto network = model::networkFromString(p.positionalArguments().value(0));
    if (p.positionalArguments().size() != 1 || !network) {
        return fail(usage, Usage);
    }
    if (!auth::supportsBrowserSignIn(*network)) {
        return fail(QStringLiteral("%1 accounts are not added through the browser; use baton account add")
                        .arg(model::toString(*network)),
                    Usage);
    }
    const QString name = p.value(QStringLiteral("name")).trimmed();
    if (name.isEmpty()) {
        return fail(QStringLiteral("--name is required"), Usage);
    }
    auto baseUrl = sync::AccountSetup::normalizeBaseUrl(p.value(QStringLiteral("base-url")));
    if (!baseUrl) {
        return fail(QStringLiteral("--base-url: %1").arg(baseUrl.error().detail), Usage);
    }
    bool portOk = true;
    // Reddit redirects only to the URI registered with the app; the others take any loopback port.
    const uint port = p.isSet(QStringLiteral("port"))      ? p.value(QStringLiteral("port")).toUInt(&portOk)
                      : *network == model::Network::Reddit ? auth::redditRedirectPort()
                                                           : 0;
    if (!portOk || port > 65535) {
        return fail(QStringLiteral("--port must be a port number (0: any free port)"), Usage);
    }
    bool timeoutOk = false;
    const int timeout = p.value(QStringLiteral("timeout")).toInt(&timeoutOk);
    if (!timeoutOk || timeout < 1 || timeout > 3600) {
        return fail(QStringLiteral("--timeout must be between 1 and 3600 seconds"), Usage);
    }
    const QString secretKind = p.value(QStringLiteral("secret-store"));
    if (secretKind != QLatin1String("keychain") && secretKind != QLatin1String("file")) {
        return fail(QStringLiteral("--secret-store must be keychain or file"), Usage);
    }
    if (p.isSet(QStringLiteral("oob")) && *network != model::Network::Mastodon &&
        *network != model::Network::Discourse) {
        return fail(QStringLiteral("--oob is for Mastodon servers and Discourse forums only"), Usage);
    }
    if (*network != model::Network::Email && (p.isSet(QStringLiteral("user")) || p.isSet(QStringLiteral("auth-url")) ||
                                              p.isSet(QStringLiteral("smtp-url")))) {
        return fail(QStringLiteral("--user, --auth-url and --smtp-url are for email accounts only"), Usage);
    }
    if (*network == model::Network::Email && !p.value(QStringLiteral("user")).contains(u'@')) {
        return fail(QStringLiteral("email: --user ADDRESS (the mailbox's address) is required"), Usage);
    }
    auth::SignInOptions options;
    options.network = *network;
    options.baseUrl = *baseUrl;
    options.clientId = p.value(QStringLiteral("client-id"));
    options.clientSecret = p.value(QStringLiteral("client-secret"));
    options.outOfBand = p.isSet(QStringLiteral("oob"));
    options.mailUser = p.value(QStringLiteral("user"));
    options.authBaseUrl = p.value(QStringLiteral("auth-url"));
    options.smtpUrl = p.value(QStringLiteral("smtp-url"));
    options.listen.port = static_cast<quint16>(port);
    options.listen.timeoutMs = timeout * 1000;
    if (auto provider = auth::providerFor(options); !provider) {
        return fail(provider.error().detail, Usage);
    }
    if (!openProfile()) {
        return Failure;
    }

    net::NetworkEngine engine;
    QEventLoop loop;
    auth::SignIn signIn(engine);
    std::optional<Expected<QString, Error>> signedIn;
    QSocketNotifier stdinReady(fileno(stdin), QSocketNotifier::Read);
    stdinReady.setEnabled(false);
    QObject::connect(&stdinReady, &QSocketNotifier::activated, &loop, [&] {
        stdinReady.setEnabled(false);
        QTextStream in(stdin);
        QString code = in.readLine();
        if (*network == model::Network::Discourse) {
            // The forum's text spans lines (base64 broken every 60 characters): up to an empty line or the end.
            for (QString line = in.readLine(); !line.trimmed().isEmpty(); line = in.readLine()) {
                code += u'\n' + line;
            }
        }
        signIn.submitCode(code);
    });
    QObject::connect(&signIn, &auth::SignIn::authorizeUrlReady, &loop, [&](const QUrl& url) {
        m_out << "Open this address in your browser to sign in:" << Qt::endl
              << url.toString(QUrl::FullyEncoded) << Qt::endl;
        if (signIn.outOfBand() && *network == model::Network::Discourse) {
            m_out << "Then paste the whole text the forum shows, followed by an empty line:" << Qt::endl;
            stdinReady.setEnabled(true);
        } else if (signIn.outOfBand()) {
            m_out << "Then paste the code the server shows and press Enter: " << Qt::flush;
            stdinReady.setEnabled(true);
        } else {
            m_out << "Waiting for the browser to come back to " << signIn.redirectUri() << " (up to " << timeout
                  << " s)..." << Qt::endl;
        }
    });
    signIn.start(options, openInBrowser, [&](Expected<QString, Error> r) {
        signedIn = std::move(r);
        loop.quit();
    });
    if (!signedIn) {
        loop.exec();
    }
    if (!signedIn->hasValue()) {
        return fail(QStringLiteral("sign-in failed: %1").arg(signedIn->error().detail));
    }

    model::Account account;
    account.network = *network;
    account.name = name;
    account.baseUrl = *baseUrl;
    return storeAccount(account, signedIn->value(), secretKind, engine);
}

} // namespace baton::app
