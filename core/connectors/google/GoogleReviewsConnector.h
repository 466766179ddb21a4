#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/google/GoogleReviewsParser.h"
#include "core/net/NetworkEngine.h"

namespace baton::connectors::google {

// Google Business Profile reviews (My Business API v4, api-contracts.md §6). Base URL
// https://mybusiness.googleapis.com (the sandbox: http://127.0.0.1:PORT/google); the token is an OAuth access
// token (business.manage scope). Each location is a community. One stream, "reviews": every location in turn,
// orderBy=updateTime desc, pageSize=50, read until a review no newer than that location's watermark (so edited
// reviews come back); cursor = {"<location>": newest updateTime ms, ...}, backfill cursor = the location and page
// token of a walk in progress. Replies are PUT (an upsert: sending twice is harmless); DeleteOwn deletes it.
class GoogleReviewsConnector final : public Connector {
public:
    GoogleReviewsConnector(model::Account account, QString token, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 4096; } // bytes, per the API

    static constexpr int kRequestsPerMinute = 300; // the API's documented quota per project

    static constexpr int kPageSize = 50;

private:
    using Query = QList<QPair<QString, QString>>;
    using Reply = std::function<void(Expected<net::Response, Error> r)>;

    net::Request request(const QByteArray& method, const QString& path, const Query& query = {}) const;
    void call(net::Request request, QObject* context, Reply done);
    void withLocations(QObject* context, std::function<void(Expected<QList<Location>, Error>)> done);
    ReviewsContext contextFor(const QString& locationName) const;
    Error describe(const Error& e, const QString& endpoint) const;

    model::Account m_account;
    QString m_token;
    net::NetworkEngine& m_engine;
    QList<Location> m_locations; // learnt once per connector
};

} // namespace baton::connectors::google
