#include "core/secrets/KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

namespace baton::secrets {
namespace {

Error keychainError(const QKeychain::Job& job) {
    const ErrorCode code = job.error() == QKeychain::EntryNotFound ? ErrorCode::NotFound : ErrorCode::SecretStore;
    return Error{code, QStringLiteral("system keychain: %1").arg(job.errorString())};
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service)) {
}

void KeychainSecretStore::read(const QString& key, QObject* context,
                               std::function<void(Expected<QString, Error>)> done) {
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError) {
            done(unexpected(keychainError(*j)));
            return;
        }
        done(static_cast<QKeychain::ReadPasswordJob*>(j)->textData());
    });
    job->start();
}

void KeychainSecretStore::write(const QString& key, const QString& secret, QObject* context,
                                std::function<void(Expected<void, Error>)> done) {
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(secret);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError) {
            done(unexpected(keychainError(*j)));
            return;
        }
        done({});
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& key, QObject* context,
                                 std::function<void(Expected<void, Error>)> done) {
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            done(unexpected(keychainError(*j)));
            return;
        }
        done({});
    });
    job->start();
}

} // namespace baton::secrets
