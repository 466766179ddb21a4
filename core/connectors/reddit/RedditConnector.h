#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/reddit/RedditParser.h"
#include "core/net/NetworkEngine.h"

#include <QList>
#include <functional>

namespace baton::connectors::reddit {

// Reddit's OAuth API (api-contracts.md §3). The secret is the installed app's grant as JSON:
//   {"client_id": "...", "refresh_token": "..."}   (optional: "access_token", "client_secret", "token_url")
// or a bare access token (no refresh). Access tokens last an hour and are refreshed on expiry or on a 401
// (HTTP Basic "client_id:" on /api/v1/access_token); a refused refresh flags the account. Every request carries a
// descriptive User-Agent, and all accounts of one client id share one rate-limit bucket fed by the float
// X-Ratelimit-* headers (100 requests a minute per client id).
// Streams, each listing newest first with fullname cursors:
//  - "inbox": GET /message/inbox (comment replies, post replies, username mentions, private messages); history
//    is walked with after=, then new items are polled with before=<newest fullname seen>
//  - "comments": the account's own comments (its earlier replies, which give response times), same cursors
//  - "modqueue": GET /r/mod/about/modqueue, walked whole on each sync (a queue, not a timeline)
class RedditConnector final : public Connector {
public:
    RedditConnector(model::Account account, const QString& secret, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 10000; }

    static constexpr int kPage = 100; // Reddit's maximum limit
    static QByteArray userAgent(const QString& username);

private:
    using Form = QList<QPair<QString, QString>>;
    // Sends with a valid access token, refreshing it first when needed and once more after a 401.
    void call(const QByteArray& method, const QString& path, const Form& params, bool retrySafe, QObject* context,
              std::function<void(net::Result)> done, bool afterRefresh = false);
    void withToken(QObject* context, std::function<void(Expected<QString, Error>)> done);
    void refresh(QObject* context);
    void lookupReply(const model::OutboxEntry& entry, QObject* context,
                     std::function<void(Expected<std::optional<model::Item>, Error>)> done);
    void post(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done);
    // After an empty forward poll: whether the anchor (state.cursor) still exists; if not, reads the newest page.
    void checkAnchor(Page page, const QString& path, QObject* context, Callback<Page> done);
    ParseContext parseContext() const;
    QString username() const;
    Error describe(const Error& e, const QString& endpoint) const;

    model::Account m_account;
    net::NetworkEngine& m_engine;
    QString m_clientId;
    QString m_clientSecret;
    QString m_refreshToken;
    QString m_tokenUrl;
    QString m_accessToken;
    qint64 m_accessExpiresAtMs = 0; // 0 = unknown (a token given in the secret)
    QString m_username;
    QString m_secretError; // the secret could not be read
    bool m_refreshing = false;
    QList<std::function<void(Expected<QString, Error>)>> m_waiting;
};

} // namespace baton::connectors::reddit
