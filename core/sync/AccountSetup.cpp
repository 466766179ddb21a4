#include "core/sync/AccountSetup.h"

#include "core/connectors/Connector.h"
#include "core/store/AccountRepository.h"

#include <QDateTime>
#include <QUrl>
#include <memory>

namespace baton::sync::AccountSetup {
namespace {

// localhost, 127.0.0.0/8 or ::1 (QUrl gives IPv6 hosts without brackets).
bool isLoopbackHost(const QString& host) {
    if (host == QLatin1String("localhost") || host == QLatin1String("::1")) {
        return true;
    }
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4 || parts.first() != QLatin1String("127")) {
        return false;
    }
    for (const QString& part : parts) {
        bool ok = false;
        const int v = part.toInt(&ok);
        if (!ok || v < 0 || v > 255) {
            return false;
        }
    }
    return true;
}

using Done = std::function<void(Expected<model::Account, Error>)>;

// Runs verify() with the token, keeping the connector alive until it answers. done also gets the secret to keep:
// the token, or what the connector made of it (a session it opened while verifying).
void verifyToken(net::NetworkEngine& engine, const model::Account& account, const QString& token, QObject* context,
                 std::function<void(Expected<connectors::AccountInfo, Error>, const QString&)> done) {
    std::shared_ptr<connectors::Connector> connector = connectors::makeConnector(account, token, engine);
    if (!connector) {
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("%1 accounts are not supported").arg(model::toString(account.network))}),
             token);
        return;
    }
    auto secret = std::make_shared<QString>(token);
    connector->setCredentialsSink([secret](const QString& s) { *secret = s; });
    connector->verify(context, [connector, secret, done = std::move(done)](Expected<connectors::AccountInfo, Error> r) {
        if (!r && r.error().code == ErrorCode::Unauthorized) {
            done(unexpected(Error{ErrorCode::Unauthorized,
                                  QStringLiteral("the server refused the token (%1)").arg(r.error().toString())}),
                 *secret);
            return;
        }
        if (!r) {
            done(unexpected(
                     Error{r.error().code, QStringLiteral("cannot verify the account: %1").arg(r.error().toString())}),
                 *secret);
            return;
        }
        done(std::move(r), *secret);
    });
}

} // namespace

Expected<QString, Error> normalizeBaseUrl(const QString& text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    // Encrypted schemes anywhere (imaps for mailboxes); the plain ones only to this computer.
    const QString scheme = url.scheme();
    const bool secure = scheme == QLatin1String("https") || scheme == QLatin1String("imaps");
    const bool plain = scheme == QLatin1String("http") || scheme == QLatin1String("imap");
    if (!url.isValid() || url.host().isEmpty() || !(secure || (plain && isLoopbackHost(url.host())))) {
        return unexpected(
            Error{ErrorCode::InvalidArgument,
                  QStringLiteral("the server address must be an https:// (or imaps://) URL; plain http:// and "
                                 "imap:// only for loopback: \"%1\"")
                      .arg(text.trimmed())});
    }
    return url.toString(QUrl::StripTrailingSlash);
}

void add(store::Store& store, net::NetworkEngine& engine, secrets::SecretStore& secrets, model::Account account,
         const QString& token, QObject* context, Done done) {
    account.name = account.name.trimmed();
    if (account.name.isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the account needs a name")}));
        return;
    }
    if (token.isEmpty() && account.network != model::Network::Feed) { // public feeds need none
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the token is empty")}));
        return;
    }
    auto base = normalizeBaseUrl(account.baseUrl);
    if (!base) {
        done(unexpected(base.error()));
        return;
    }
    account.baseUrl = *base;
    if (store::AccountRepository::byName(store.reader(), account.name)) {
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("an account named \"%1\" already exists").arg(account.name)}));
        return;
    }
    account.settings.insert(QStringLiteral("secret_store"), secrets.kind());
    if (account.createdAt == 0) {
        account.createdAt = QDateTime::currentMSecsSinceEpoch();
    }
    verifyToken(
        engine, account, token, context,
        [&store, &secrets, account, context, done](Expected<connectors::AccountInfo, Error> info,
                                                   const QString& secret) mutable {
            if (!info) {
                done(unexpected(info.error()));
                return;
            }
            account.remoteId = info->remoteId;
            account.handle = info->handle;
            qint64 id = 0;
            auto added = store.writer().run([&](store::Database& db, store::ChangeSet& c) -> Expected<void, Error> {
                auto r = store::AccountRepository::add(db, account, c);
                if (!r) {
                    return unexpected(r.error());
                }
                id = *r;
                return {};
            });
            if (!added) {
                done(unexpected(added.error()));
                return;
            }
            account.id = id;
            secrets.write(account.secretKey(), secret, context, [&store, account, done](Expected<void, Error> saved) {
                if (saved) {
                    done(account);
                    return;
                }
                // Nothing may stay behind from a failed add.
                (void)store.writer().run([id = account.id](store::Database& db, store::ChangeSet& c) {
                    return store::AccountRepository::remove(db, id, c);
                });
                done(unexpected(saved.error()));
            });
        });
}

void reauthenticate(store::Store& store, net::NetworkEngine& engine, secrets::SecretStore& secrets,
                    const model::Account& account, const QString& token, QObject* context, Done done) {
    if (token.isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the token is empty")}));
        return;
    }
    verifyToken(
        engine, account, token, context,
        [&store, &secrets, account, context, done](Expected<connectors::AccountInfo, Error> info,
                                                   const QString& secret) {
            if (!info) {
                done(unexpected(info.error()));
                return;
            }
            if (!account.remoteId.isEmpty() && !info->remoteId.isEmpty() && info->remoteId != account.remoteId) {
                done(unexpected(Error{ErrorCode::InvalidArgument,
                                      QStringLiteral("this token belongs to another account (%1), not %2")
                                          .arg(info->handle, account.handle)}));
                return;
            }
            secrets.write(account.secretKey(), secret, context, [&store, account, done](Expected<void, Error> saved) {
                if (!saved) {
                    done(unexpected(saved.error()));
                    return;
                }
                auto cleared = store.writer().run([&](store::Database& db, store::ChangeSet& c) {
                    return store::AccountRepository::setLastError(db, account.id, {}, c);
                });
                if (!cleared) {
                    done(unexpected(cleared.error()));
                    return;
                }
                model::Account updated = account;
                updated.lastError.clear();
                done(updated);
            });
        });
}

void remove(store::Store& store, secrets::SecretStore& secrets, const model::Account& account, QObject* context,
            std::function<void(Expected<void, Error>)> done) {
    auto removed = store.writer().run([id = account.id](store::Database& db, store::ChangeSet& c) {
        return store::AccountRepository::remove(db, id, c);
    });
    if (!removed) {
        done(removed);
        return;
    }
    // The account is gone either way; a secret that cannot be removed is reported, not fatal.
    secrets.remove(account.secretKey(), context, [done](Expected<void, Error> r) { done(r); });
}

} // namespace baton::sync::AccountSetup
