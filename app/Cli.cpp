#include "app/Cli.h"

#include "app/Profile.h"
#include "core/connectors/Connector.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "core/net/NetworkEngine.h"
#include "core/store/AccountRepository.h"
#include "core/sync/AccountSetup.h"
#include "core/sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <cstdio>

namespace baton::app {

QString cliUsage() {
    return QStringLiteral(
        "Usage: baton [--profile DIR] [--demo] [COMMAND ...]\n"
        "\n"
        "Without a command, opens the window. Commands:\n"
        "  account add NETWORK --name N --base-url URL --token-env VAR [--secret-store keychain|file]\n"
        "              (feed: the feed's URL; --token-env is optional, \"user:password\" for HTTP Basic)\n"
        "              (email: imaps://host[:993]; \"user:password\", or JSON {\"user\",\"password\"|\"oauth2\"\n"
        "               (or a renewable grant: \"access_token\",\"refresh_token\",\"client_id\",\"token_uri\"),\n"
        "               \"smtp_url\" (default smtps://host:465), \"from\"}; moderation: move --comment FOLDER, spam)\n"
        "              (reddit: https://oauth.reddit.com; JSON {\"client_id\",\"refresh_token\"} of an installed "
        "app's\n"
        "               permanent grant, or a bare access token; moderation: approve, remove, remove-spam, lock,\n"
        "               ignore-reports, block, delete)\n"
        "              (bluesky: https://bsky.social or the account's PDS; --handle NAME and an app password in\n"
        "               --token-env, or JSON {\"identifier\",\"password\"}; the session is kept and renewed;\n"
        "               moderation: mute, mute-thread, block, report, delete)\n"
        "              (discourse: the site URL; a user API key, or \"username:key\" for an admin API key)\n"
        "              (youtube, google-reviews: an access token, or the JSON grant of a browser sign-in\n"
        "               {\"access_token\",\"refresh_token\",\"client_id\",\"client_secret\",\"token_uri\"})\n"
        "  account login NETWORK --name N --base-url URL [--client-id ID] [--client-secret S] [--port P]\n"
        "                [--oob] [--user ADDRESS] [--auth-url URL] [--smtp-url URL] [--timeout SECONDS]\n"
        "                [--secret-store keychain|file]\n"
        "              sign in through the browser (OAuth with PKCE; prints the address to open and waits for\n"
        "              the browser on 127.0.0.1); mastodon: registers Baton on the server (--oob: paste the code);\n"
        "              discourse: asks the forum for a user API key (--oob: paste the text the forum shows, where\n"
        "              its admin has not allowed the 127.0.0.1 return address);\n"
        "              reddit: --client-id of your installed app, whose redirect URI is\n"
        "              http://127.0.0.1:65010/callback (else give its --port);\n"
        "              youtube, google-reviews: --client-id of a Google desktop client (or BATON_GOOGLE_CLIENT_ID)\n"
        "              email: Gmail (--base-url imaps://imap.gmail.com) with --user ADDRESS and a Google client id;\n"
        "              another OAuth mail server with --auth-url URL [--smtp-url URL]; mail then signs in with\n"
        "              SASL XOAUTH2 and the access token is renewed by itself\n"
        "  account list [--json]\n"
        "  account remove NAME\n"
        "  sync [--account NAME] [--once] [--interval SECONDS]\n"
        "  inbox [--status S] [--network N] [--account NAME] [--kind K] [--search TEXT] [--needs-reply]\n"
        "        [--sort newest|oldest|negative|waiting] [--json] [--limit N]\n"
        "  reply ITEM --text TEXT      queue a reply in the outbox and send it\n"
        "  outbox [--json]             replies queued, sent and failed\n"
        "  moderate ITEM ACTION [--comment TEXT]   dismiss, mute, block, report, mute-thread, delete\n"
        "  sandbox [--port N] [--seed S] [--live-ms MS]   run the protocol sandbox alone\n"
        "  sentiment [--lang en|fr|auto] [--explain]   score each stdin line, one JSON object per line\n"
        "  community list [--json]   communities (subreddits, categories, channels, locations...) and their hours\n"
        "  community hours COMMUNITY (--file FILE|- | --always-open)   business hours that response times count\n"
        "  report --week YYYY-Www --out DIR [--community C] [--format pdf,png,svg,csv] [--lang en|fr]\n"
        "         [--time-zone ZONE]   the weekly engagement report, headless\n"
        "\n"
        "The profile directory comes from --profile, else BATON_PROFILE, else the platform's data directory.\n");
}

Cli::Cli()
    : m_out(stdout)
    , m_err(stderr) {
}

Cli::~Cli() = default;

int Cli::fail(const QString& message, int code) {
    m_err << "baton: " << message << Qt::endl;
    return code;
}

bool Cli::openProfile() {
    if (m_profile) {
        return true;
    }
    auto p = Profile::open(m_profileDir);
    if (!p) {
        fail(QStringLiteral("cannot open the profile: %1").arg(p.error().toString()));
        return false;
    }
    m_profile = std::move(*p);
    return true;
}

int Cli::run(const QString& profileDir, const QStringList& args) {
    m_profileDir = profileDir;
    if (args.isEmpty()) {
        m_err << cliUsage();
        return Usage;
    }
    const QString verb = args.first();
    const QStringList rest = args.mid(1);
    if (verb == QLatin1String("account")) {
        return accountCmd(rest);
    }
    if (verb == QLatin1String("sync")) {
        return syncCmd(rest);
    }
    if (verb == QLatin1String("inbox")) {
        return inboxCmd(rest);
    }
    if (verb == QLatin1String("reply")) {
        return replyCmd(rest);
    }
    if (verb == QLatin1String("moderate")) {
        return moderateCmd(rest);
    }
    if (verb == QLatin1String("outbox")) {
        return outboxCmd(rest);
    }
    if (verb == QLatin1String("sandbox")) {
        return sandboxCmd(rest);
    }
    if (verb == QLatin1String("sentiment")) {
        return sentimentCmd(rest);
    }
    if (verb == QLatin1String("report")) {
        return reportCmd(rest);
    }
    if (verb == QLatin1String("community")) {
        return communityCmd(rest);
    }
    if (verb == QLatin1String("demo")) {
        return demoCmd(rest);
    }
    if (verb == QLatin1String("help")) {
        m_out << cliUsage();
        return Ok;
    }
    return fail(QStringLiteral("unknown command \"%1\" (see baton --help)").arg(verb), Usage);
}

int Cli::accountCmd(const QStringList& args) {
    const QString sub = args.value(0);
    if (sub == QLatin1String("add")) {
        return accountAdd(args.mid(1));
    }
    if (sub == QLatin1String("login")) {
        return accountLogin(args.mid(1));
    }
    if (sub == QLatin1String("list")) {
        return accountList(args.mid(1));
    }
    if (sub == QLatin1String("remove")) {
        if (args.size() != 2) {
            return fail(QStringLiteral("usage: baton account remove NAME"), Usage);
        }
        if (!openProfile()) {
            return Failure;
        }
        const auto account = store::AccountRepository::byName(m_profile->store().reader(), args[1]);
        if (!account) {
            return fail(QStringLiteral("no account named \"%1\"").arg(args[1]));
        }
        auto r = m_profile->store().writer().run([id = account->id](store::Database& db, store::ChangeSet& c) {
            return store::AccountRepository::remove(db, id, c);
        });
        if (!r) {
            return fail(r.error().toString());
        }
        QEventLoop loop;
        m_profile->secretsFor(*account)->remove(account->secretKey(), &loop, [&loop](auto) { loop.quit(); });
        loop.exec();
        m_out << "removed " << account->name << Qt::endl;
        return Ok;
    }
    return fail(QStringLiteral("usage: baton account add|login|list|remove ..."), Usage);
}

int Cli::accountAdd(const QStringList& args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("network"), QStringLiteral("mastodon"));
    p.addOption({QStringLiteral("name"), QStringLiteral("Label"), QStringLiteral("N")});
    p.addOption({QStringLiteral("base-url"), QStringLiteral("Server"), QStringLiteral("URL")});
    p.addOption({QStringLiteral("token-env"), QStringLiteral("Variable holding the token"), QStringLiteral("VAR")});
    p.addOption({QStringLiteral("secret-store"), QStringLiteral("keychain or file"), QStringLiteral("KIND"),
                 QStringLiteral("keychain")});
    p.addOption({QStringLiteral("handle"), QStringLiteral("Bluesky: the handle the app password belongs to"),
                 QStringLiteral("NAME")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args)) {
        return fail(p.errorText(), Usage);
    }
    const auto network = model::networkFromString(p.positionalArguments().value(0));
    if (p.positionalArguments().size() != 1 || !network) {
        return fail(QStringLiteral("usage: baton account add NETWORK --name N --base-url URL --token-env VAR"), Usage);
    }
    const QString name = p.value(QStringLiteral("name")).trimmed();
    const QString tokenVar = p.value(QStringLiteral("token-env"));
    const QString secretKind = p.value(QStringLiteral("secret-store"));
    if (name.isEmpty()) {
        return fail(QStringLiteral("--name is required"), Usage);
    }
    auto baseUrl = sync::AccountSetup::normalizeBaseUrl(p.value(QStringLiteral("base-url")));
    if (!baseUrl) {
        return fail(QStringLiteral("--base-url: %1").arg(baseUrl.error().detail), Usage);
    }
    const bool tokenOptional = *network == model::Network::Feed; // public feeds need no credentials
    if (tokenVar.isEmpty() && !tokenOptional) {
        return fail(
            QStringLiteral("--token-env VAR is required: the name of an environment variable holding the token"),
            Usage);
    }
    QString token = tokenVar.isEmpty() ? QString() : qEnvironmentVariable(tokenVar.toLocal8Bit().constData());
    if (token.isEmpty() && !tokenVar.isEmpty()) {
        return fail(QStringLiteral("the environment variable %1 is empty or unset").arg(tokenVar), Usage);
    }
    if (*network == model::Network::Bluesky && !token.trimmed().startsWith(u'{')) {
        QString handle = p.value(QStringLiteral("handle")).trimmed();
        if (handle.startsWith(u'@')) {
            handle.remove(0, 1);
        }
        if (handle.isEmpty()) {
            return fail(QStringLiteral("bluesky: --handle NAME is required with a bare app password"), Usage);
        }
        token = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("identifier"), handle},
                                                            {QStringLiteral("password"), token.trimmed()}})
                                      .toJson(QJsonDocument::Compact));
    }
    if (secretKind != QLatin1String("keychain") && secretKind != QLatin1String("file")) {
        return fail(QStringLiteral("--secret-store must be keychain or file"), Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    model::Account account;
    account.network = *network;
    account.name = name;
    account.baseUrl = *baseUrl;
    net::NetworkEngine engine;
    return storeAccount(account, token, secretKind, engine);
}

int Cli::storeAccount(const model::Account& account, const QString& secret, const QString& secretKind,
                      net::NetworkEngine& engine) {
    secrets::SecretStore& secrets = secretKind == QLatin1String("file")
                                        ? static_cast<secrets::SecretStore&>(m_profile->fileSecrets())
                                        : static_cast<secrets::SecretStore&>(m_profile->keychain());
    QEventLoop loop;
    std::optional<Expected<model::Account, Error>> added;
    sync::AccountSetup::add(m_profile->store(), engine, secrets, account, secret, &loop,
                            [&](Expected<model::Account, Error> r) {
                                added = std::move(r);
                                loop.quit();
                            });
    if (!added) {
        loop.exec();
    }
    if (!added->hasValue()) {
        const Error& e = added->error();
        if (secretKind == QLatin1String("keychain") && e.code == ErrorCode::SecretStore) {
            return fail(QStringLiteral("no system keychain is available (%1); to keep the token in an owner-only file "
                                       "in the profile instead, add --secret-store file")
                            .arg(e.detail));
        }
        return fail(e.detail.isEmpty() ? e.toString() : e.detail);
    }
    const model::Account& stored = added->value();
    m_out << "added " << stored.name << " (" << model::toString(stored.network) << ", " << stored.handle << ")"
          << Qt::endl;
    return Ok;
}

int Cli::accountList(const QStringList& args) {
    const bool json = args.contains(QLatin1String("--json"));
    if (!openProfile()) {
        return Failure;
    }
    const auto accounts = store::AccountRepository::list(m_profile->store().reader());
    if (json) {
        QJsonArray out;
        for (const auto& a : accounts) {
            out.append(QJsonObject{{QStringLiteral("id"), a.id},
                                   {QStringLiteral("name"), a.name},
                                   {QStringLiteral("network"), model::toString(a.network)},
                                   {QStringLiteral("base_url"), a.baseUrl},
                                   {QStringLiteral("handle"), a.handle},
                                   {QStringLiteral("secret_store"), a.settings.value(QLatin1String("secret_store"))},
                                   {QStringLiteral("last_error"), a.lastError.isEmpty() ? QJsonValue() : a.lastError},
                                   {QStringLiteral("sign_in_refused"), a.signInRefused()}});
            if (a.network == model::Network::YouTube) {
                const auto quota = connectors::youtube::YouTubeQuota::fromText(
                    store::SyncStateRepository::get(m_profile->store().reader(), a.id, QStringLiteral("quota")).cursor);
                QJsonObject o = out.last().toObject();
                o.insert(QStringLiteral("quota_remaining"), quota.remaining(QDateTime::currentMSecsSinceEpoch()));
                o.insert(QStringLiteral("quota_limit"), quota.limit());
                out.replace(out.size() - 1, o);
            }
        }
        m_out << QJsonDocument(out).toJson(QJsonDocument::Indented);
        return Ok;
    }
    if (accounts.isEmpty()) {
        m_out << "no accounts (add one with: baton account add mastodon --name N --base-url URL --token-env VAR)"
              << Qt::endl;
    }
    for (const auto& a : accounts) {
        m_out << a.name << "\t" << model::toString(a.network) << "\t" << a.handle << "\t" << a.baseUrl;
        if (a.network == model::Network::YouTube) { // the day's API budget, as the last sync left it
            m_out << "\t"
                  << connectors::youtube::YouTubeQuota::describe(
                         store::SyncStateRepository::get(m_profile->store().reader(), a.id, QStringLiteral("quota"))
                             .cursor,
                         QDateTime::currentMSecsSinceEpoch());
        }
        if (a.signInRefused()) {
            // Loud on purpose: nothing comes in from this account until it signs in again.
            m_out << "\tSIGN-IN REFUSED, sign in again (baton account login " << model::toString(a.network)
                  << ", or account add with a new token): " << a.lastError;
        } else if (!a.lastError.isEmpty()) {
            m_out << "\terror: " << a.lastError;
        }
        m_out << Qt::endl;
    }
    return Ok;
}

} // namespace baton::app
