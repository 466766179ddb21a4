#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/model/Account.h"
#include "core/model/Item.h"
#include "core/model/OutboxEntry.h"
#include "core/net/NetworkEngine.h"
#include "core/store/SyncStateRepository.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace baton::net {
class NetworkEngine;
}

namespace baton::connectors {

// What the network says about the account itself (verify_credentials and the like).
struct AccountInfo {
    QString remoteId;
    QString handle;
    QString displayName;
};

// One page of one stream, and where the stream stands after it. Stored in one transaction.
struct Page {
    QList<model::Item> items;
    QList<model::Item> edits;     // new versions of items we may already have; never inserted
    QStringList deletedRemoteIds; // items removed upstream
    // The network's visibility now of items we may already have (remote id, visibility; empty = public): a YouTube
    // comment approved in YouTube Studio is published. Applied only to stored items.
    QList<std::pair<QString, QString>> visibility;
    store::SyncState state; // the cursor after this page
    bool more = false;      // another page is waiting
    QString endpoint;       // for messages
};

// Every moderation step any network offers; a connector lists the ones its network allows for an item.
// The comment passed to moderate() is the report reason (Report) or the target folder (MoveToFolder).
enum class ModerationAction {
    Dismiss,       // drop the notification (Mastodon)
    MuteAuthor,    // mute the author (Mastodon, Bluesky)
    BlockAuthor,   // block the author (Mastodon, Bluesky)
    Report,        // report to the network's moderators (Mastodon, Bluesky)
    MuteThread,    // mute the conversation (Mastodon)
    DeleteOwn,     // delete our own reply (every network that has replies)
    Approve,       // approve / publish (Reddit approve, YouTube published)
    Remove,        // remove someone else's item (Reddit remove with spam=false, Discourse delete post)
    RemoveAsSpam,  // remove and train the spam filter (Reddit remove with spam=true)
    Lock,          // no more replies (Reddit lock)
    IgnoreReports, // stop reports on the item (Reddit ignore_reports)
    Hide,          // hide behind a flag (Discourse)
    CloseTopic,    // close the whole topic (Discourse)
    HoldForReview, // back to the review queue (YouTube heldForReview)
    Reject,        // reject (YouTube rejected)
    BanAuthor,     // ban the author from the channel (YouTube rejected + banAuthor)
    MoveToFolder,  // move the message to a folder (email)
    MarkSpam,      // move to the spam folder (email)
};

template <typename T>
using Callback = std::function<void(Expected<T, Error>)>;

// The I/O side of a network. Methods return at once; callbacks run on the context's thread.
// Parsers stay pure and separate (bytes -> items) so they can be tested and fuzzed alone.
class Connector {
public:
    virtual ~Connector() = default;

    virtual QStringList streams() const = 0;
    virtual void verify(QObject* context, Callback<AccountInfo> done) = 0;
    virtual void fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) = 0;
    virtual void fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) = 0;
    // Posts a reply. Must be safe to call again for the same entry (idempotency key or a lookup first).
    virtual void postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) = 0;
    virtual QList<ModerationAction> moderationActions(const model::Item& item) const = 0;
    virtual void moderate(ModerationAction action, const model::Item& item, const QString& comment, QObject* context,
                          Callback<bool> done) = 0;
    virtual int replyLengthLimit() const = 0;

    // Where new credentials go when the connector replaces its own (a rotated refresh token, a new session), so
    // the owner can keep them in the secret store. The text has the same format as the secret the connector got.
    void setCredentialsSink(std::function<void(const QString&)> sink) { m_credentialsSink = std::move(sink); }

protected:
    void credentialsChanged(const QString& secret) const {
        if (m_credentialsSink) {
            m_credentialsSink(secret);
        }
    }

private:
    std::function<void(const QString&)> m_credentialsSink;
};

// Builds the connector for an account's network, or nullptr when the network is not supported yet.
std::unique_ptr<Connector> makeConnector(const model::Account& account, const QString& token,
                                         net::NetworkEngine& engine);

// A request to a JSON API with a bearer token: the account's base URL (trailing slashes dropped) + path, the query
// percent-encoded, Authorization and Accept set, and the rate-limit bucket named limiterKey.
net::Request bearerJsonRequest(const model::Account& account, const QString& token, const QByteArray& method,
                               const QString& path, const QList<QPair<QString, QString>>& query,
                               const QString& limiterKey);

QString moderationActionName(ModerationAction a);
// What a successful action changes on the item in Baton, at once: YouTube's moderation status (approve publishes,
// hold puts it back in review, reject and ban reject it); the triage status (an item removed, hidden, rejected or
// moved away is done; one removed as spam is spam); our own post deleted.
struct ModerationEffect {
    std::optional<QString> visibility;
    std::optional<model::Status> status;
    bool deleted = false;
};
ModerationEffect moderationEffect(model::Network network, ModerationAction action);
std::optional<ModerationAction> moderationActionFromName(QStringView name);

} // namespace baton::connectors
