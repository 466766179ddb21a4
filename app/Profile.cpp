#include "app/Profile.h"

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

} // namespace baton::app
