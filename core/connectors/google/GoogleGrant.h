#pragma once

#include "core/connectors/Connector.h"

#include <QJsonObject>
#include <QList>
#include <memory>
#include <optional>

namespace baton::connectors::google {

// A Google OAuth grant as Baton keeps it after a browser sign-in (YouTube, Business Profile):
//   {"access_token": "...", "refresh_token": "...", "client_id": "...", "client_secret": "...",
//    "token_uri": "https://oauth2.googleapis.com/token"}
// A secret that is not such a JSON object is a bare access token, as before.
struct GoogleGrant {
    QString accessToken;
    QString refreshToken;
    QString clientId;
    QString clientSecret; // desktop clients have one (not secret in practice); may be empty
    QString tokenUri;
    QJsonObject extra; // the secret's other members (an email account's "user", "smtp_url"...), kept as they are
};

std::optional<GoogleGrant> parseGrant(const QString& secret);
QString toSecret(const GoogleGrant& grant);

// The refresh request (POST tokenUri, form grant_type=refresh_token) and the new access token from its answer;
// {"error":"invalid_grant"} (a revoked or expired grant) is Unauthorized, so the account is flagged.
net::Request refreshRequest(const GoogleGrant& grant);
Expected<QString, Error> parseRefreshAnswer(int httpStatus, const QByteArray& body);

// A Google connector with a renewable token: the inner connector is built from the access token; when a call
// comes back Unauthorized (the hour is over), the access token is renewed once with the refresh token, the inner
// connector rebuilt, the call made again, and the new grant handed to the credentials sink. Calls that meet a
// renewal in progress wait for it. A refused renewal returns the Unauthorized error.
class RefreshingConnector final : public Connector {
public:
    using Factory = std::function<std::unique_ptr<Connector>(const QString& accessToken)>;

    RefreshingConnector(GoogleGrant grant, net::NetworkEngine& engine, Factory factory);

    QStringList streams() const override { return m_inner->streams(); }
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override {
        return m_inner->moderationActions(item);
    }
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return m_inner->replyLengthLimit(); }

private:
    template <typename T>
    void run(std::function<void(Connector&, Callback<T>)> op, QObject* context, Callback<T> done);
    // Renews the access token (or joins a renewal in progress); then() gets the outcome.
    void refresh(QObject* context, std::function<void(Expected<void, Error>)> then);

    GoogleGrant m_grant;
    net::NetworkEngine& m_engine;
    Factory m_factory;
    std::unique_ptr<Connector> m_inner;
    // Earlier inner connectors, kept while their requests may still answer.
    QList<std::shared_ptr<Connector>> m_retired;
    bool m_refreshing = false;
    QList<std::function<void(Expected<void, Error>)>> m_waiting;
};

} // namespace baton::connectors::google
