#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/mastodon/MastodonParser.h"
#include "core/net/NetworkEngine.h"

namespace baton::connectors::mastodon {

// Mastodon client API (api-contracts.md §1). Streams:
//  - "notifications": mentions (and edits) via GET /api/v1/notifications?types[]=mention&types[]=update
//  - "statuses": the account's own statuses, i.e. its earlier replies, which give response times
//  - "conversations": direct messages
// Each id-ordered stream first walks history backwards (max_id), then polls forward (min_id).
class MastodonConnector final : public Connector {
public:
    MastodonConnector(model::Account account, QString token, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 500; }

    // Page sizes; the API caps notifications at 80 and statuses at 40.
    static constexpr int kNotificationPage = 80;
    static constexpr int kStatusPage = 40;
    static constexpr int kConversationPage = 40;

private:
    net::Request request(const QByteArray& method, const QString& path,
                         const QList<QPair<QString, QString>>& query = {}) const;
    ParseContext parseContext() const;
    Error describe(const Error& e, const QString& endpoint) const;

    model::Account m_account;
    QString m_token;
    net::NetworkEngine& m_engine;
};

} // namespace baton::connectors::mastodon
