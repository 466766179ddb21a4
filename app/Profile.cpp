#include "app/Profile.h"

#include "core/sandbox/SandboxOptions.h"
#include "core/store/AccountRepository.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace baton::app {

Profile::Profile(const QString& dir)
    : m_dir(dir)
    , m_fileSecrets(QDir(dir).filePath(QStringLiteral("secrets.json"))) {
}

QString Profile::resolveDir(const QString& dir) {
    if (!dir.isEmpty()) {
        return QDir(dir).absolutePath();
    }
    const QString env = qEnvironmentVariable("BATON_PROFILE");
    if (!env.isEmpty()) {
        return QDir(env).absolutePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

Expected<std::unique_ptr<Profile>, Error> Profile::open(const QString& requested) {
    const QString dir = resolveDir(requested);
    if (!QDir().mkpath(dir)) {
        return unexpected(Error{ErrorCode::Io, QStringLiteral("cannot create the profile directory %1").arg(dir)});
    }
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    std::unique_ptr<Profile> p(new Profile(dir));
    auto store = store::Store::open(QDir(dir).filePath(QStringLiteral("baton.db")));
    if (!store) {
        return unexpected(store.error());
    }
    p->m_store = std::move(*store);
    return p;
}

secrets::SecretStore* Profile::secretsFor(const model::Account& account) {
    if (account.settings.value(QLatin1String("secret_store")).toString() == QLatin1String("file")) {
        return &m_fileSecrets;
    }
    return &m_keychain;
}

Expected<void, Error> Profile::addSandboxAccounts(const QList<sandbox::SandboxAccount>& accounts) {
    for (const sandbox::SandboxAccount& s : accounts) {
        model::Account a;
        a.network = model::networkFromString(s.network).value_or(model::Network::Mastodon);
        a.name = s.name;
        a.baseUrl = s.baseUrl;
        a.handle = s.acct;
        a.remoteId = s.remoteId;
        // A throwaway demo profile: its sandbox tokens are kept in the profile's own 0600 file.
        a.settings.insert(QStringLiteral("secret_store"), QStringLiteral("file"));
        a.settings.insert(QStringLiteral("demo"), true);
        a.createdAt = QDateTime::currentMSecsSinceEpoch();
        qint64 id = 0;
        auto r = store().writer().run([&](store::Database& db, store::ChangeSet& c) -> Expected<void, Error> {
            auto added = store::AccountRepository::add(db, a, c);
            if (!added) {
                return unexpected(added.error());
            }
            id = *added;
            return {};
        });
        if (!r) {
            return r;
        }
        a.id = id;
        if (auto w = fileSecrets().writeNow(a.secretKey(), s.token); !w) {
            return w;
        }
    }
    return {};
}

} // namespace baton::app
