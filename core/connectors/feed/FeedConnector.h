#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/feed/FeedParser.h"
#include "core/net/NetworkEngine.h"

#include <QHash>

namespace baton::connectors::feed {

// RSS / Atom (api-contracts.md §7). One account is one feed URL (account.baseUrl); the feed is the community.
// One stream, "feed": the whole document each time, fetched with a conditional GET (If-None-Match with the
// stored ETag, If-Modified-Since with the stored Last-Modified). 304 means nothing new. The cursor remembers
// the entries of the last document with a fingerprint each, so only unseen entries become items and a changed
// fingerprint becomes an edit. Entries that leave the feed are not deletions. Feeds take no replies and no
// moderation: the window opens the entry's link instead. The token, when given, is "user:password" (Basic).
class FeedConnector final : public Connector {
public:
    FeedConnector(model::Account account, QString token, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 0; }

    static const QString kStream;

private:
    net::Request request(const store::SyncState* state) const;
    ParseContext parseContext() const;
    Error describe(const Error& e) const;

    model::Account m_account;
    QString m_token;
    net::NetworkEngine& m_engine;
};

// The cursor: each entry id of the last document with its content fingerprint, as compact JSON.
QHash<QString, QString> decodeSeen(const QString& cursor);
QString encodeSeen(const QHash<QString, QString>& seen);

} // namespace baton::connectors::feed
