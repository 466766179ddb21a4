#pragma once

#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/mastodon/MastodonData.h"
#include "core/sandbox/mastodon/MastodonGenerator.h"
#include "core/sandbox/mastodon/MastodonPaging.h"

#include <QList>
#include <QMutex>
#include <optional>

namespace baton::sandbox {

class SandboxClock;

// The Mastodon instance's state behind one lock: every operation the routes and the test hooks need, each
// answering with Mastodon's JSON (rendered under the lock, so a response is a consistent snapshot).
// Account arguments are demo account indexes that the caller has authenticated.
class MastodonStore final {
public:
    struct Page {
        QByteArray body;         // JSON array
        qint64 newestCursor = 0; // for rel="prev" (min_id)
        qint64 oldestCursor = 0; // for rel="next" (max_id)
        qsizetype count = 0;
    };
    struct NotificationFilter {
        QStringList types;
        QStringList excludeTypes;
        qint64 fromAccountId = 0;
    };
    struct StatusFilter {
        bool excludeReplies = false;
        bool excludeReblogs = false;
        bool onlyMedia = false;
        bool pinned = false;
    };
    struct NewStatus {
        std::optional<QString> text;
        std::optional<QString> inReplyToId;
        std::optional<QString> visibility;
        std::optional<QString> language;
        QString spoilerText;
        bool sensitive = false;
        QString idempotencyKey;
    };
    struct NewReport {
        std::optional<QString> accountId;
        QStringList statusIds;
        QString comment;
        std::optional<QString> category;
        QStringList ruleIds;
    };
    enum class RelationAction { Block, Unblock, Mute, Unmute };

    MastodonStore(const SandboxOptions& options, const SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(MastodonStore)

    int accountForToken(const QString& token) const; // -1: unknown or revoked
    QString accountName(int account) const;
    int accountCount() const;
    QList<SandboxAccount> accounts(const QString& baseUrl) const;

    HttpResponse credentials(int account) const;
    HttpResponse person(int account, qint64 personId) const;
    Page notifications(int account, const NotificationFilter& filter, const PageRequest& page) const;
    HttpResponse notification(int account, qint64 id) const;
    HttpResponse dismissNotification(int account, qint64 id);
    HttpResponse clearNotifications(int account);
    Page conversations(int account, const PageRequest& page) const;
    std::optional<Page> accountStatuses(int account, qint64 personId, const StatusFilter& filter,
                                        const PageRequest& page) const;
    HttpResponse status(int account, qint64 id) const;
    HttpResponse context(int account, qint64 id) const;
    HttpResponse postStatus(int account, const NewStatus& request);
    HttpResponse deleteStatus(int account, qint64 id);
    HttpResponse muteThread(int account, qint64 id, bool mute);
    HttpResponse relationship(int account, qint64 personId, RelationAction action, bool notifications);
    HttpResponse report(int account, const NewReport& request);

    // Test and demo hooks.
    MastodonGenerator::Created addMention(int account, const QString& text);
    void addLiveMention(); // the live timer: mostly the first account, sometimes the others
    bool editStatus(qint64 statusId, const QString& text);
    bool revokeToken(int account);
    int statusesCreatedWithKey(const QString& key) const;
    int statusesCreated() const;
    int mentionCount(int account) const;

private:
    static HttpResponse ok(const QJsonObject& object);
    static HttpResponse notFound();

    mutable QMutex m_mutex;
    const SandboxClock& m_clock;
    MastodonData m_data;
    MastodonGenerator m_generator;
    quint64 m_liveTicks = 0;
};

} // namespace baton::sandbox
