#pragma once

#include "core/secrets/SecretStore.h"

namespace baton::secrets {

// The opt-in fallback where no keychain service runs: a JSON file readable by the owner only (0600).
class FileSecretStore final : public SecretStore {
public:
    explicit FileSecretStore(QString path);
    QString kind() const override { return QStringLiteral("file"); }
    void read(const QString& key, QObject* context, std::function<void(Expected<QString, Error>)> done) override;
    void write(const QString& key, const QString& secret, QObject* context,
               std::function<void(Expected<void, Error>)> done) override;
    void remove(const QString& key, QObject* context, std::function<void(Expected<void, Error>)> done) override;

    Expected<QString, Error> readNow(const QString& key) const;
    Expected<void, Error> writeNow(const QString& key, const QString& secret);
    Expected<void, Error> removeNow(const QString& key);

private:
    QString m_path;
};

} // namespace baton::secrets
