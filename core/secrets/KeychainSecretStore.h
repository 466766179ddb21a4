#pragma once

#include "core/secrets/SecretStore.h"

namespace baton::secrets {

// The system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential Manager) via QtKeychain.
class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Baton"));
    QString kind() const override { return QStringLiteral("keychain"); }
    void read(const QString& key, QObject* context, std::function<void(Expected<QString, Error>)> done) override;
    void write(const QString& key, const QString& secret, QObject* context,
               std::function<void(Expected<void, Error>)> done) override;
    void remove(const QString& key, QObject* context, std::function<void(Expected<void, Error>)> done) override;

private:
    QString m_service;
};

} // namespace baton::secrets
