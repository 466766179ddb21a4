#include "core/secrets/FileSecretStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace baton::secrets {
namespace {

Expected<QJsonObject, Error> load(const QString& path) {
    QFile f(path);
    if (!f.exists()) {
        return QJsonObject{};
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return unexpected(
            Error{ErrorCode::SecretStore, QStringLiteral("cannot read %1: %2").arg(path, f.errorString())});
    }
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject()) {
        return unexpected(Error{ErrorCode::SecretStore, QStringLiteral("%1 is not a secrets file").arg(path)});
    }
    return doc.object();
}

Expected<void, Error> save(const QString& path, const QJsonObject& o) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return unexpected(
            Error{ErrorCode::SecretStore, QStringLiteral("cannot write %1: %2").arg(path, f.errorString())});
    }
    // Owner-only before any byte is written.
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        return unexpected(
            Error{ErrorCode::SecretStore, QStringLiteral("cannot write %1: %2").arg(path, f.errorString())});
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

template <typename T>
void deliver(QObject* context, std::function<void(T)> done, T value) {
    QMetaObject::invokeMethod(
        context, [done = std::move(done), value = std::move(value)] { done(value); }, Qt::QueuedConnection);
}

} // namespace

FileSecretStore::FileSecretStore(QString path)
    : m_path(std::move(path)) {
}

Expected<QString, Error> FileSecretStore::readNow(const QString& key) const {
    auto o = load(m_path);
    if (!o) {
        return unexpected(o.error());
    }
    const QJsonValue v = o->value(key);
    if (!v.isString()) {
        return unexpected(Error{ErrorCode::NotFound, QStringLiteral("no secret stored for %1").arg(key)});
    }
    return v.toString();
}

Expected<void, Error> FileSecretStore::writeNow(const QString& key, const QString& secret) {
    auto o = load(m_path);
    if (!o) {
        return unexpected(o.error());
    }
    o->insert(key, secret);
    return save(m_path, *o);
}

Expected<void, Error> FileSecretStore::removeNow(const QString& key) {
    auto o = load(m_path);
    if (!o) {
        return unexpected(o.error());
    }
    o->remove(key);
    return save(m_path, *o);
}

void FileSecretStore::read(const QString& key, QObject* context, std::function<void(Expected<QString, Error>)> done) {
    deliver(context, std::move(done), readNow(key));
}

void FileSecretStore::write(const QString& key, const QString& secret, QObject* context,
                            std::function<void(Expected<void, Error>)> done) {
    deliver(context, std::move(done), writeNow(key, secret));
}

void FileSecretStore::remove(const QString& key, QObject* context, std::function<void(Expected<void, Error>)> done) {
    deliver(context, std::move(done), removeNow(key));
}

} // namespace baton::secrets
