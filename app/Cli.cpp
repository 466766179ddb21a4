#include "app/Cli.h"

#include "app/Profile.h"
#include "core/connectors/Connector.h"
#include "core/connectors/youtube/YouTubeQuota.h"
#include "core/net/NetworkEngine.h"
#include "core/store/AccountRepository.h"
#include "core/sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QHostAddress>
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
        "              (discourse: the site URL; a user API key, or \"username:key\" for an admin API key)\n"
        "              (email: imaps://host[:993]; \"user:password\", or JSON {\"user\",\"password\"|\"oauth2\",\n"
        "               \"smtp_url\" (default smtps://host:465), \"from\"}; moderation: move --comment FOLDER, spam)\n"
        "              (reddit: https://oauth.reddit.com; JSON {\"client_id\",\"refresh_token\"} of an installed app's\n"
        "               permanent grant, or a bare access token; moderation: approve, remove, remove-spam, lock,\n"
        "               ignore-reports, block, delete)\n"
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
    return fail(QStringLiteral("usage: baton account add|list|remove ..."), Usage);
}

namespace {

bool isLoopbackHost(const QString& host) {
    if (host == QLatin1String("localhost")) {
        return true;
    }
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

} // namespace

int Cli::accountAdd(const QStringList& args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("network"), QStringLiteral("mastodon"));
    p.addOption({QStringLiteral("name"), QStringLiteral("Label"), QStringLiteral("N")});
    p.addOption({QStringLiteral("base-url"), QStringLiteral("Server"), QStringLiteral("URL")});
    p.addOption({QStringLiteral("token-env"), QStringLiteral("Variable holding the token"), QStringLiteral("VAR")});
    p.addOption({QStringLiteral("secret-store"), QStringLiteral("keychain or file"), QStringLiteral("KIND"),
                 QStringLiteral("keychain")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args)) {
        return fail(p.errorText(), Usage);
    }
    const auto network = model::networkFromString(p.positionalArguments().value(0));
    if (p.positionalArguments().size() != 1 || !network) {
        return fail(QStringLiteral("usage: baton account add NETWORK --name N --base-url URL --token-env VAR"), Usage);
    }
    const QString name = p.value(QStringLiteral("name")).trimmed();
    const QUrl url(p.value(QStringLiteral("base-url")), QUrl::StrictMode);
    const QString tokenVar = p.value(QStringLiteral("token-env"));
    const QString secretKind = p.value(QStringLiteral("secret-store"));
    if (name.isEmpty()) {
        return fail(QStringLiteral("--name is required"), Usage);
    }
    if (!url.isValid() || url.host().isEmpty() ||
        !(url.scheme() == QLatin1String("https") ||
          (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host())))) {
        return fail(QStringLiteral("--base-url must be an https:// URL (plain http only for loopback): \"%1\"")
                        .arg(p.value(QStringLiteral("base-url"))),
                    Usage);
    }
    const bool tokenOptional = *network == model::Network::Feed; // public feeds need no credentials
    if (tokenVar.isEmpty() && !tokenOptional) {
        return fail(
            QStringLiteral("--token-env VAR is required: the name of an environment variable holding the token"),
            Usage);
    }
    const QString token = tokenVar.isEmpty() ? QString() : qEnvironmentVariable(tokenVar.toLocal8Bit().constData());
    if (token.isEmpty() && !tokenVar.isEmpty()) {
        return fail(QStringLiteral("the environment variable %1 is empty or unset").arg(tokenVar), Usage);
    }
    if (secretKind != QLatin1String("keychain") && secretKind != QLatin1String("file")) {
        return fail(QStringLiteral("--secret-store must be keychain or file"), Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    if (store::AccountRepository::byName(m_profile->store().reader(), name)) {
        return fail(QStringLiteral("an account named \"%1\" already exists").arg(name));
    }
    model::Account account;
    account.network = *network;
    account.name = name;
    account.baseUrl = url.toString(QUrl::StripTrailingSlash);
    account.settings.insert(QStringLiteral("secret_store"), secretKind);
    account.createdAt = QDateTime::currentMSecsSinceEpoch();

    net::NetworkEngine engine;
    auto connector = connectors::makeConnector(account, token, engine);
    if (!connector) {
        return fail(QStringLiteral("%1 accounts are not supported yet").arg(model::toString(*network)));
    }
    QEventLoop loop;
    std::optional<Expected<connectors::AccountInfo, Error>> verified;
    connector->verify(&loop, [&](Expected<connectors::AccountInfo, Error> r) {
        verified = std::move(r);
        loop.quit();
    });
    loop.exec();
    if (!verified->hasValue()) {
        const Error& e = verified->error();
        if (e.code == ErrorCode::Unauthorized) {
            return fail(QStringLiteral("the server refused the token (%1)").arg(e.toString()));
        }
        return fail(QStringLiteral("cannot verify the account: %1").arg(e.toString()));
    }
    account.remoteId = verified->value().remoteId;
    account.handle = verified->value().handle;

    qint64 id = 0;
    auto added =
        m_profile->store().writer().run([&](store::Database& db, store::ChangeSet& c) -> Expected<void, Error> {
            auto r = store::AccountRepository::add(db, account, c);
            if (!r) {
                return unexpected(r.error());
            }
            id = *r;
            return {};
        });
    if (!added) {
        return fail(added.error().toString());
    }
    account.id = id;
    std::optional<Expected<void, Error>> saved;
    m_profile->secretsFor(account)->write(account.secretKey(), token, &loop, [&](Expected<void, Error> r) {
        saved = std::move(r);
        loop.quit();
    });
    loop.exec();
    if (!saved->hasValue()) {
        // Nothing may stay behind from a failed command.
        (void)m_profile->store().writer().run(
            [id](store::Database& db, store::ChangeSet& c) { return store::AccountRepository::remove(db, id, c); });
        if (secretKind == QLatin1String("keychain")) {
            return fail(QStringLiteral("no system keychain is available (%1); to keep the token in an owner-only file "
                                       "in the profile instead, add --secret-store file")
                            .arg(saved->error().detail));
        }
        return fail(saved->error().toString());
    }
    m_out << "added " << account.name << " (" << model::toString(account.network) << ", " << account.handle << ")"
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
                                   {QStringLiteral("last_error"), a.lastError.isEmpty() ? QJsonValue() : a.lastError}});
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
        if (!a.lastError.isEmpty()) {
            m_out << "\terror: " << a.lastError;
        }
        m_out << Qt::endl;
    }
    return Ok;
}

} // namespace baton::app
