#pragma once

#include "core/connectors/Connector.h"
#include "core/connectors/discourse/DiscourseParser.h"
#include "core/net/NetworkEngine.h"

#include <QPointer>
#include <deque>
#include <memory>

namespace baton::connectors::discourse {

// Discourse API (api-contracts.md §4). The token is a user API key (sent as User-Api-Key), or "username:key" for
// an admin-created key (sent as Api-Username + Api-Key). Streams, each with a stored cursor:
//  - "notifications": mentions, replies, quotes and private messages via GET /notifications.json (newest first,
//    offset paging); each post is read from its topic (GET /t/{id}.json), one request per topic.
//  - "posts": GET /posts.json?before=<id> (latest posts, newest first), kept to the categories the account
//    watches (notification level watching or watching first post; every category when it watches none).
// Discourse has no idempotency key: a reply first looks in the topic for the same text already posted by the
// account (after a crash or timeout), and only posts when it finds none. Requests are paced under the key's
// per-minute limit (user keys 20, admin keys 60; settings "rate_limit" and "rate_window_ms" override it).
class DiscourseConnector final : public Connector {
public:
    DiscourseConnector(model::Account account, QString token, net::NetworkEngine& engine);

    QStringList streams() const override;
    void verify(QObject* context, Callback<AccountInfo> done) override;
    void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) override;
    void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) override;
    void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) override;
    QList<ModerationAction> moderationActions(const model::Item& item) const override;
    void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                  Callback<bool> done) override;
    int replyLengthLimit() const override { return 32000; } // max_post_length

    static constexpr int kDefaultHistoryDays = 14; // how far back the first sync reads latest posts

private:
    using Query = QList<QPair<QString, QString>>;
    net::Request request(const QByteArray& method, const QString& path, const Query& query = {}) const;
    // Sends once the pacing window allows it.
    void send(net::Request request, QObject* context, std::function<void(net::Result)> done);
    Error describe(const Error& e, const QString& endpoint) const;
    ParseContext parseContext() const;
    bool adminKey() const;
    bool staff() const;

    // Categories (names and watched set) and the current user, read once per connector.
    void withSite(QObject* context, std::function<void(std::optional<Error>)> done);
    void fetchPosts(const store::SyncState& state, QObject* context, Callback<Page> done);
    void fetchNotifications(const store::SyncState& state, QObject* context, Callback<Page> done);
    // Every post of the topic: /t/{id}.json, then /t/{id}/posts.json for the ids past the first chunk.
    // tail: also the last `tail` posts of the stream (-1: every post); wanted: these posts too.
    void loadTopic(int topicId, int tail, const QList<qint64>& wanted, QObject* context, Callback<TopicPage> done);
    void findPosted(const model::OutboxEntry& entry, const PostRef& parent, QObject* context,
                    Callback<std::optional<model::Item>> done);
    void createPost(const model::OutboxEntry& entry, const PostRef& parent, QObject* context,
                    Callback<model::Item> done);

    model::Account m_account;
    QString m_token;    // "username:key" (an admin key) or a user API key
    QString m_clientId; // a user API key's client id, sent as User-Api-Client-Id
    net::NetworkEngine& m_engine;
    QString m_site;
    int m_rateLimit = 20;
    qint64 m_rateWindowMs = 60000;
    // Scheduled send times within the last window, ascending; shared by every connector of the same account and
    // site (the sync engine builds a new one after verifying an account), and only touched on the GUI thread.
    std::shared_ptr<std::deque<qint64>> m_sendTimes;
    bool m_siteLoaded = false;
    QList<Category> m_categories;
    QSet<int> m_watched;
    std::optional<CurrentUser> m_me;
    QHash<int, Topic> m_topics; // topics seen, for category and kind
};

} // namespace baton::connectors::discourse
