#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"

#include <QObject>
#include <functional>

namespace baton::secrets {

// Where tokens live. Never SQLite, settings or logs. Calls return at once; callbacks run on context's thread.
class SecretStore {
public:
    virtual ~SecretStore() = default;
    virtual QString kind() const = 0; // "keychain" or "file"
    virtual void read(const QString& key, QObject* context, std::function<void(Expected<QString, Error>)> done) = 0;
    virtual void write(const QString& key, const QString& secret, QObject* context,
                       std::function<void(Expected<void, Error>)> done) = 0;
    virtual void remove(const QString& key, QObject* context, std::function<void(Expected<void, Error>)> done) = 0;
};

} // namespace baton::secrets
