#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/email/EmailParser.h"
#include "core/connectors/email/ImapResponse.h"
#include "core/net/NetworkEngine.h"

#include <memory>

namespace baton::connectors::email {

// How the account logs in. The stored token is either "user:password" or a JSON object
// {"user": "...", "password": "..."} or {"user": "...", "oauth2": "<access token>"} (SASL XOAUTH2), or a renewable
// grant {"user": "...", "access_token", "refresh_token", "client_id", "token_uri"} (makeConnector renews the access
// token with the refresh token when the server refuses it, as for Google's other APIs), optionally
// with "smtp_url" (else derived from the IMAP URL: imaps -> smtps:465, imap -> smtp:587 on the same host) and
// "from" (the address replies are sent from; else the user name when it is an address).
struct Credentials {
    QString user;
    QString password;
    QString oauthBearer;
    QString smtpUrl;
    QString from;
};
Expected<Credentials, Error> parseCredentials(const QString& token);

// Email over IMAP and SMTP (api-contracts.md §8), through libcurl. The account's base URL is the IMAP server
// (imaps://host[:port], or imap:// to a loopback host). Settings: "folders" (the mailboxes to sync, default
// ["INBOX"]), "smtp_url" and "address" override the token's. Each folder is one stream; its cursor is
// "UIDVALIDITY:last UID": only UIDs above it are fetched, and a changed UIDVALIDITY starts the folder again
// (items are keyed by Message-ID, so nothing is stored twice). Replies go out by SMTP with In-Reply-To and
// References and a Message-ID derived from the outbox entry's idempotency key; before sending, the Sent folder is
// searched for that id, and after sending the message is appended there, so a retried entry is not sent twice.
class EmailConnector final : public Connector {
public:
    EmailConnector(model::Account account, QString token, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 100000; }

    static constexpr int kPageSize = 50; // messages fetched per page

    // The cursor text for a folder position, and back.
    static QString cursorText(quint32 uidValidity, quint32 lastUid);
    static bool parseCursor(const QString& cursor, quint32* uidValidity, quint32* lastUid);

private:
    using BytesCallback = std::function<void(Expected<QByteArray, Error>)>;
    using MessagesCallback = std::function<void(Expected<QList<QPair<quint32, QByteArray>>, Error>)>;

    net::Request mailRequest(const QString& url) const;
    QString folderUrl(const QString& folder) const;
    QString messageUrl(const QString& folder, quint32 uidValidity, quint32 uid) const;
    void imap(const QString& folder, const QByteArray& command, bool retrySafe, QObject* context, BytesCallback done);
    void imapSynced(const QString& folder, const QByteArray& command, QObject* context, BytesCallback done);
    void fetchMessages(const QString& folder, quint32 uidValidity, QList<quint32> uids, QObject* context,
                       MessagesCallback done);
    void searchMessageId(const QString& folder, const QString& messageId, QObject* context,
                         std::function<void(Expected<QList<quint32>, Error>)> done);
    void withFolders(QObject* context, std::function<void(Expected<QList<MailboxInfo>, Error>)> done);
    void findMessage(const QStringList& folders, const QString& messageId, QObject* context,
                     std::function<void(Expected<std::pair<QString, QByteArray>, Error>)> done);
    void moveMessage(const model::Item& item, const QString& target, QObject* context, Callback<bool> done);
    ItemContext itemContext(const QString& folder, const QString& url) const;
    QString sentFolder() const;
    QString ownAddress() const;
    Error describe(const Error& e, const QString& what) const;
    Error credentialsError() const;

    model::Account m_account;
    Expected<Credentials, Error> m_credentials;
    net::NetworkEngine& m_engine;
    std::shared_ptr<QList<MailboxInfo>> m_folders; // from LIST, once known
};

} // namespace baton::connectors::email
