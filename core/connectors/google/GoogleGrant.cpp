#include "core/connectors/google/GoogleGrant.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace baton::connectors::google {

std::optional<GoogleGrant> parseGrant(const QString& secret) {
    if (!secret.trimmed().startsWith(u'{')) {
        return std::nullopt;
    }
    const QJsonObject o = QJsonDocument::fromJson(secret.toUtf8()).object();
    GoogleGrant g;
    g.accessToken = o.value(QLatin1String("access_token")).toString();
    g.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    g.clientId = o.value(QLatin1String("client_id")).toString();
    g.clientSecret = o.value(QLatin1String("client_secret")).toString();
    g.tokenUri = o.value(QLatin1String("token_uri")).toString();
    if (g.tokenUri.isEmpty()) {
        g.tokenUri = QStringLiteral("https://oauth2.googleapis.com/token");
    }
    g.extra = o;
    for (const char* key : {"access_token", "refresh_token", "client_id", "client_secret", "token_uri"}) {
        g.extra.remove(QLatin1String(key));
    }
    return g;
}

QString toSecret(const GoogleGrant& g) {
    QJsonObject o = g.extra;
    o.insert(QStringLiteral("access_token"), g.accessToken);
    o.insert(QStringLiteral("refresh_token"), g.refreshToken);
    o.insert(QStringLiteral("client_id"), g.clientId);
    o.insert(QStringLiteral("token_uri"), g.tokenUri);
    if (!g.clientSecret.isEmpty()) {
        o.insert(QStringLiteral("client_secret"), g.clientSecret);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

net::Request refreshRequest(const GoogleGrant& g) {
    net::Request r;
    r.method = QByteArrayLiteral("POST");
    r.url = QUrl(g.tokenUri);
    QByteArray form = "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(g.refreshToken) +
                      "&client_id=" + QUrl::toPercentEncoding(g.clientId);
    if (!g.clientSecret.isEmpty()) {
        form += "&client_secret=" + QUrl::toPercentEncoding(g.clientSecret);
    }
    r.body = form;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    r.retrySafe = true; // a refresh may be repeated
    r.clientErrorsAsResponses = true;
    return r;
}

Expected<QString, Error> parseRefreshAnswer(int httpStatus, const QByteArray& body) {
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QString error = o.value(QLatin1String("error")).toString();
    if (!error.isEmpty() || httpStatus >= 400) {
        const bool refused = error == QLatin1String("invalid_grant") || error == QLatin1String("invalid_client") ||
                             error == QLatin1String("unauthorized_client") || httpStatus == 401;
        return unexpected(
            Error{refused ? ErrorCode::Unauthorized : ErrorCode::HttpClient,
                  QStringLiteral("the token server refused to renew the access token (HTTP %1%2); sign in again")
                      .arg(httpStatus)
                      .arg(error.isEmpty() ? QString() : QStringLiteral(", ") + error),
                  httpStatus});
    }
    const QString token = o.value(QLatin1String("access_token")).toString();
    if (token.isEmpty()) {
        return unexpected(
            Error{ErrorCode::BadResponse, QStringLiteral("the token answer has no access_token"), httpStatus});
    }
    return token;
}

RefreshingConnector::RefreshingConnector(GoogleGrant grant, net::NetworkEngine& engine, Factory factory)
    : m_grant(std::move(grant))
    , m_engine(engine)
    , m_factory(std::move(factory))
    , m_inner(m_factory(m_grant.accessToken)) {
}

template <typename T>
void RefreshingConnector::run(std::function<void(Connector&, Callback<T>)> op, QObject* context, Callback<T> done) {
    op(*m_inner, [this, op, context, done](Expected<T, Error> r) {
        if (r || r.error().code != ErrorCode::Unauthorized || m_grant.refreshToken.isEmpty()) {
            done(std::move(r));
            return;
        }
        const Error first = r.error();
        refresh(context, [this, op, done, first](Expected<void, Error> renewed) {
            if (!renewed) {
                done(unexpected(renewed.error()));
                return;
            }
            op(*m_inner, done); // once: a second refusal is the answer
        });
    });
}

void RefreshingConnector::refresh(QObject* context, std::function<void(Expected<void, Error>)> then) {
    m_waiting.append(std::move(then));
    if (m_refreshing) {
        return;
    }
    m_refreshing = true;
    m_engine.send(refreshRequest(m_grant), context, [this](net::Result r) {
        m_refreshing = false;
        Expected<QString, Error> token =
            r ? parseRefreshAnswer(r->status, r->body) : Expected<QString, Error>(unexpected(r.error()));
        Expected<void, Error> outcome;
        if (token) {
            m_grant.accessToken = *token;
            m_retired.append(std::shared_ptr<Connector>(std::move(m_inner)));
            m_inner = m_factory(m_grant.accessToken);
            credentialsChanged(toSecret(m_grant));
        } else {
            outcome = unexpected(token.error());
        }
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto& w : waiting) {
            w(outcome);
        }
    });
}

void RefreshingConnector::verify(QObject* context, Callback<AccountInfo> done) {
    run<AccountInfo>([context](Connector& c, Callback<AccountInfo> d) { c.verify(context, std::move(d)); }, context,
                     std::move(done));
}

void RefreshingConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    run<Page>([state, context](Connector& c, Callback<Page> d) { c.fetchPage(state, context, std::move(d)); }, context,
              std::move(done));
}

void RefreshingConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    run<QList<model::Item>>(
        [item, context](Connector& c, Callback<QList<model::Item>> d) { c.fetchThread(item, context, std::move(d)); },
        context, std::move(done));
}

void RefreshingConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    // A 401 means nothing was posted, so asking again after the renewal cannot post twice.
    run<model::Item>(
        [entry, context](Connector& c, Callback<model::Item> d) { c.postReply(entry, context, std::move(d)); }, context,
        std::move(done));
}

void RefreshingConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                                   QObject* context, Callback<bool> done) {
    run<bool>([action, item, comment,
               context](Connector& c, Callback<bool> d) { c.moderate(action, item, comment, context, std::move(d)); },
              context, std::move(done));
}

} // namespace baton::connectors::google
