#include "core/connectors/Connector.h"

#include "core/connectors/bluesky/BlueskyConnector.h"
#include "core/connectors/discourse/DiscourseConnector.h"
#include "core/connectors/email/EmailConnector.h"
#include "core/connectors/feed/FeedConnector.h"
#include "core/connectors/google/GoogleGrant.h"
#include "core/connectors/google/GoogleReviewsConnector.h"
#include "core/connectors/mastodon/MastodonConnector.h"
#include "core/connectors/reddit/RedditConnector.h"
#include "core/connectors/youtube/YouTubeConnector.h"

#include <QUrl>
#include <QUrlQuery>
#include <array>

namespace baton::connectors {
namespace {

constexpr std::array<std::pair<ModerationAction, const char*>, 18> kActions{{
    {ModerationAction::Dismiss, "dismiss"},
    {ModerationAction::MuteAuthor, "mute"},
    {ModerationAction::BlockAuthor, "block"},
    {ModerationAction::Report, "report"},
    {ModerationAction::MuteThread, "mute-thread"},
    {ModerationAction::DeleteOwn, "delete"},
    {ModerationAction::Approve, "approve"},
    {ModerationAction::Remove, "remove"},
    {ModerationAction::RemoveAsSpam, "remove-spam"},
    {ModerationAction::Lock, "lock"},
    {ModerationAction::IgnoreReports, "ignore-reports"},
    {ModerationAction::Hide, "hide"},
    {ModerationAction::CloseTopic, "close-topic"},
    {ModerationAction::HoldForReview, "hold"},
    {ModerationAction::Reject, "reject"},
    {ModerationAction::BanAuthor, "ban"},
    {ModerationAction::MoveToFolder, "move"},
    {ModerationAction::MarkSpam, "spam"},
}};

} // namespace

std::unique_ptr<Connector> makeConnector(const model::Account& account, const QString& token,
                                         net::NetworkEngine& engine) {
    switch (account.network) {
    case model::Network::Mastodon:
        return std::make_unique<mastodon::MastodonConnector>(account, token, engine);
    case model::Network::Bluesky:
        return std::make_unique<bluesky::BlueskyConnector>(account, token, engine);
    case model::Network::Reddit:
        return std::make_unique<reddit::RedditConnector>(account, token, engine);
    case model::Network::Email:
        if (auto grant = google::parseGrant(token); grant && !grant->refreshToken.isEmpty()) {
            // XOAUTH2 with a renewable grant (Gmail and other OAuth mail servers).
            return std::make_unique<google::RefreshingConnector>(
                *grant, engine, [account, &engine, grant = *grant](const QString& t) mutable {
                    grant.accessToken = t;
                    return std::make_unique<email::EmailConnector>(account, google::toSecret(grant), engine);
                });
        }
        return std::make_unique<email::EmailConnector>(account, token, engine);
    case model::Network::Discourse:
        return std::make_unique<discourse::DiscourseConnector>(account, token, engine);
    case model::Network::Feed:
        return std::make_unique<feed::FeedConnector>(account, token, engine);
    case model::Network::YouTube:
        if (auto grant = google::parseGrant(token)) { // a browser sign-in's renewable grant
            return std::make_unique<google::RefreshingConnector>(*grant, engine, [account, &engine](const QString& t) {
                return std::make_unique<youtube::YouTubeConnector>(account, t, engine);
            });
        }
        return std::make_unique<youtube::YouTubeConnector>(account, token, engine);
    case model::Network::GoogleReviews:
        if (auto grant = google::parseGrant(token)) {
            return std::make_unique<google::RefreshingConnector>(*grant, engine, [account, &engine](const QString& t) {
                return std::make_unique<google::GoogleReviewsConnector>(account, t, engine);
            });
        }
        return std::make_unique<google::GoogleReviewsConnector>(account, token, engine);
    default:
        return nullptr;
    }
}

net::Request bearerJsonRequest(const model::Account& account, const QString& token, const QByteArray& method,
                               const QString& path, const QList<QPair<QString, QString>>& query,
                               const QString& limiterKey) {
    net::Request r;
    r.method = method;
    QString base = account.baseUrl;
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    QUrl url(base + path);
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (const auto& [k, v] : query) {
            q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
        }
        url.setQuery(q);
    }
    r.url = url;
    r.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8()});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    r.limiterKey = limiterKey;
    return r;
}

ModerationEffect moderationEffect(model::Network network, ModerationAction action) {
    ModerationEffect effect;
    const bool youtube = network == model::Network::YouTube;
    switch (action) {
    case ModerationAction::Approve:
        if (youtube) {
            effect.visibility = QString(); // published
        }
        break;
    case ModerationAction::HoldForReview:
        effect.visibility = QStringLiteral("heldForReview");
        break;
    case ModerationAction::Reject:
    case ModerationAction::BanAuthor:
        effect.visibility = QStringLiteral("rejected");
        effect.status = model::Status::Done;
        break;
    case ModerationAction::Remove:
    case ModerationAction::Hide:
    case ModerationAction::MoveToFolder:
        effect.status = model::Status::Done;
        break;
    case ModerationAction::RemoveAsSpam:
    case ModerationAction::MarkSpam:
        effect.status = model::Status::Spam;
        break;
    case ModerationAction::DeleteOwn:
        effect.deleted = true;
        break;
    default:
        break;
    }
    return effect;
}

QString moderationActionName(ModerationAction a) {
    for (const auto& [action, name] : kActions) {
        if (action == a) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

std::optional<ModerationAction> moderationActionFromName(QStringView name) {
    for (const auto& [action, n] : kActions) {
        if (name == QLatin1String(n)) {
            return action;
        }
    }
    return std::nullopt;
}

} // namespace baton::connectors
