#pragma once

#include "core/model/Enums.h"

#include <QJsonObject>
#include <QString>

namespace baton::model {

// A connected account. The secret (token) is never part of it: it lives in the secret store under secretKey().
struct Account {
    qint64 id = 0;
    Network network = Network::Mastodon;
    QString name;     // the user's label, unique
    QString baseUrl;  // e.g. https://mastodon.social
    QString handle;   // e.g. @baton@mastodon.social, filled by verify_credentials
    QString remoteId; // the account's own id on the network
    QJsonObject settings;
    QString lastError; // the last sync's error as Error::toString() wrote it; empty when it went through
    qint64 createdAt = 0;

    QString secretKey() const { return QStringLiteral("account-%1").arg(id); }
    // The last sync failed because the network refused the account's token or password (ErrorCode::Unauthorized):
    // nothing more comes in until the user signs in again.
    bool signInRefused() const { return lastError.startsWith(QLatin1String("unauthorized")); }
};

} // namespace baton::model
