#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/bluesky/BlueskyParser.h"
#include "core/net/NetworkEngine.h"

#include <QJsonObject>
#include <functional>

namespace baton::connectors::bluesky {

// The AT Protocol through the account's PDS (api-contracts.md §2). The secret is JSON:
//   {"identifier": "<handle or DID>", "password": "<app password>"}
// to which the connector adds the session it holds ("did", "accessJwt", "refreshJwt", "pds") and hands the whole
// back through credentialsChanged() whenever it changes, so a restart refreshes the session instead of logging in
// (createSession is limited to 30 per 5 minutes and 300 a day per account). A bare string is taken as the app
// password of the account's handle. An expired access token (400 ExpiredToken) is refreshed once; a refused
// refresh logs in again; a refused login flags the account.
// Streams:
//  - "notifications": mentions, replies and quotes (app.bsky.notification.listNotifications, newest first with an
//    opaque cursor towards older ones). History is walked once; then each poll reads from the newest until it
//    reaches what it had seen, following the cursor as long as a whole page is new.
class BlueskyConnector final : public Connector {
public:
    BlueskyConnector(model::Account account, const QString& secret, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 300; }

    static constexpr int kPage = 100; // listNotifications' maximum limit

    // The record key a reply from this outbox entry gets: the same for every attempt, so a repeated createRecord
    // is refused instead of posting twice.
    static QString replyRecordKey(const model::OutboxEntry& entry);

private:
    using Query = QList<QPair<QString, QString>>;
    using Done = std::function<void(Expected<net::Response, Error>)>;
    // An XRPC call with a valid session: a query (GET) when body is empty, else a procedure (POST).
    void call(const QString& nsid, const Query& query, const QJsonObject& body, bool retrySafe, QObject* context,
              Done done, bool afterRefresh = false);
    void withSession(QObject* context, std::function<void(Expected<QString, Error>)> done);
    void startSession(QObject* context);
    void login(QObject* context);
    void finishSession(Expected<Session, Error> session);
    Error xrpcError(const net::Response& r) const;
    QString credentialsJson() const;
    net::Request xrpcRequest(const QString& nsid, const Query& query, const QJsonObject& body) const;
    QString apiBase() const;
    ParseContext parseContext() const;
    Error describe(const Error& e, const QString& endpoint) const;

    void resolveMentions(const QString& text, QObject* context, std::function<void(QHash<QString, QString>)> done);
    void createReply(const model::OutboxEntry& entry, const ReplyTarget& target, QObject* context,
                     Callback<model::Item> done);
    void adoptExisting(const model::OutboxEntry& entry, const QString& rkey, QObject* context,
                       Callback<model::Item> done);
    void withStrongRef(const model::Item& item, QObject* context,
                       std::function<void(Expected<ReplyTarget, Error>)> done);

    model::Account m_account;
    net::NetworkEngine& m_engine;
    QString m_identifier;
    QString m_password;
    QString m_did;
    QString m_accessJwt;
    QString m_refreshJwt;
    QString m_pdsUrl;
    qint64 m_accessExpiresAtMs = 0; // 0 = unknown
    QString m_secretError;
    bool m_sessionBusy = false;
    QList<std::function<void(Expected<QString, Error>)>> m_waiting;
};

} // namespace baton::connectors::bluesky
