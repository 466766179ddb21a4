#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Account.h"
#include "core/secrets/FileSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/store/Store.h"

#include <memory>

namespace baton::sandbox {
struct SandboxAccount;
}

namespace baton::app {

// One profile directory: the database, the opt-in secrets file, settings. Owner-only (0700).
class Profile final {
public:
    // dir empty: BATON_PROFILE, else the platform's application data directory.
    static Expected<std::unique_ptr<Profile>, Error> open(const QString& dir);
    static QString resolveDir(const QString& dir);

    const QString& dir() const { return m_dir; }
    store::Store& store() { return *m_store; }
    secrets::FileSecretStore& fileSecrets() { return m_fileSecrets; }
    secrets::KeychainSecretStore& keychain() { return m_keychain; }
    // The store an account's token lives in (its "secret_store" setting).
    secrets::SecretStore* secretsFor(const model::Account& account);
    // Adds accounts pointing at the in-process sandbox (the demo). Their tokens go to the profile's own 0600 file,
    // which is right for a throwaway demo profile.
    Expected<void, Error> addSandboxAccounts(const QList<sandbox::SandboxAccount>& accounts);

private:
    explicit Profile(const QString& dir);
    QString m_dir;
    std::unique_ptr<store::Store> m_store;
    secrets::FileSecretStore m_fileSecrets;
    secrets::KeychainSecretStore m_keychain;
};

} // namespace baton::app
