#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Account.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Store.h"

#include <QObject>
#include <functional>

namespace baton::net {
class NetworkEngine;
}

// Adding an account and giving it a new token, the same way from the window and the command line: the network
// checks the token first, then the account and its secret are stored; a failure leaves nothing behind.
namespace baton::sync::AccountSetup {

// https:// or imaps://, or plain http:// / imap:// to a loopback address only (local servers and the sandbox).
// Without a trailing slash.
Expected<QString, Error> normalizeBaseUrl(const QString& text);

// Checks the token with the network (verify), stores the account with the handle and id the network reports,
// then writes the token to secrets. done gets the stored account. An existing name is refused.
void add(store::Store& store, net::NetworkEngine& engine, secrets::SecretStore& secrets, model::Account account,
         const QString& token, QObject* context, std::function<void(Expected<model::Account, Error>)> done);

// Checks a new token for an existing account, replaces the stored one and clears the account's error.
void reauthenticate(store::Store& store, net::NetworkEngine& engine, secrets::SecretStore& secrets,
                    const model::Account& account, const QString& token, QObject* context,
                    std::function<void(Expected<model::Account, Error>)> done);

// Removes the account, its items and its secret.
void remove(store::Store& store, secrets::SecretStore& secrets, const model::Account& account, QObject* context,
            std::function<void(Expected<void, Error>)> done);

} // namespace baton::sync::AccountSetup
