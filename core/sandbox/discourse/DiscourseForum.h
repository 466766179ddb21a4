#pragma once

#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <optional>

namespace baton::sandbox {

class SandboxClock;

struct DiscourseUser {
    int id = 0;
    QString username;
    QString name;
    QString avatarTemplate; // relative, with {size}
    QString language;
    bool staff = false;
    int trustLevel = 1;
};

struct DiscourseCategory {
    int id = 0;
    QString name;
    QString slug;
    QString color;
    QString description;
};

struct DiscoursePost {
    int id = 0;
    int topicId = 0;
    int postNumber = 0;
    int userId = 0;
    int postType = 1; // 1 regular, 2 moderator_action, 3 small_action, 4 whisper
    QString actionCode;
    QString raw;
    QString cooked;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    int version = 1;
    std::optional<int> replyToPostNumber;
    bool hidden = false;
    qint64 deletedMs = 0;
    bool userDeleted = false;
    int reviewableId = 0;
    QString editReason;
};

struct DiscourseTopic {
    int id = 0;
    QString title;
    QString slug;
    int categoryId = 0; // 0 for private messages
    int userId = 0;
    qint64 createdMs = 0;
    bool closed = false;
    bool privateMessage = false;
    QList<int> participants; // user ids allowed to see a private message
    QList<int> postIds;      // in post_number order
};

struct DiscourseNotification {
    int id = 0;
    int userId = 0; // recipient
    int type = 0;   // 1 mentioned, 2 replied, 3 quoted, 5 liked, 6 private_message, 12 granted_badge, ...
    bool read = false;
    qint64 createdMs = 0;
    int topicId = 0;
    int postNumber = 0;
    int postId = 0;
    int fromUserId = 0;
};

struct DiscourseReviewable {
    int id = 0;
    int postId = 0;
    int version = 0;
    QString status = QStringLiteral("pending");
};

// The demo accounts: each is a forum user with either a global admin key (Api-Key + Api-Username) or a user API
// key (User-Api-Key), and a set of categories it watches.
struct DiscourseAccount {
    int userId = 0;
    QString name;
    QString key;
    bool adminKey = false;
    bool revoked = false;
    QSet<int> watched;
};

// A Discourse site (api-contracts.md §4) behind one lock: users, categories, topics, posts, notifications,
// review queue. Every answer is Discourse's JSON rendered under the lock.
class DiscourseForum final {
public:
    struct NewPost {
        int topicId = 0;
        QString raw;
        std::optional<int> replyToPostNumber;
        QString title; // a new topic when topicId is 0
        int categoryId = 0;
    };

    DiscourseForum(const SandboxOptions& options, const SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(DiscourseForum)

    // -1 unknown or revoked. apiUsername is checked for admin keys.
    int accountForUserApiKey(const QString& key) const;
    int accountForAdminKey(const QString& key, const QString& apiUsername) const;
    QString accountName(int account) const;
    QList<SandboxAccount> accounts(const QString& baseUrl) const;

    HttpResponse currentSession(int account) const;
    HttpResponse categories(int account) const;
    HttpResponse latestPosts(int account, std::optional<int> before) const;
    HttpResponse notifications(int account, int offset) const;
    HttpResponse topic(int account, int topicId) const;
    HttpResponse topicPosts(int account, int topicId, const QList<int>& postIds) const;
    HttpResponse post(int account, int postId) const;
    HttpResponse createPost(int account, const NewPost& request);
    HttpResponse flag(int account, int postId, int typeId, const QString& message);
    HttpResponse reviewable(int account, int reviewableId) const;
    HttpResponse performReviewable(int account, int reviewableId, const QString& action, int version);
    HttpResponse deletePost(int account, int postId);
    HttpResponse setTopicStatus(int account, int topicId, const QString& status, bool enabled);

    // Test and demo hooks.
    int addPost(int account, const QString& raw, bool mention); // a community post in a watched category
    void addLiveActivity();
    bool editPost(int postId, const QString& raw);
    bool revokeKey(int account);
    int postsCreatedThroughApi() const;
    int postsWithRaw(const QString& raw) const; // not deleted

    // User API keys issued through /user-api-key/new: a new key for the forum's user-key account (the user
    // signed in to the forum in the browser), kept beside the account's own. Returns the key and that account.
    std::pair<QString, int> issueUserApiKey(const QString& clientId, const QString& scopes);
    int userApiKeysIssued() const;
    QString clientIdOfKey(const QString& key) const; // empty when the key was not issued that way
    bool postHidden(int postId) const;
    bool postDeleted(int postId) const;
    bool topicClosed(int topicId) const;
    int topicOfPost(int postId) const;
    int flagsOn(int postId) const;

private:
    // Seeding (DiscourseSeeder.cpp).
    void populate();
    void createUsers(SandboxRandom& rng);
    void createCategories();
    void createHistory(SandboxRandom& rng);
    int createTopic(SandboxRandom& rng, int categoryId, int authorId, qint64 atMs);
    int appendPost(int topicId, int userId, const QString& raw, qint64 atMs, std::optional<int> replyTo);
    void notifyFor(const DiscoursePost& post);
    int communityMember(SandboxRandom& rng) const;
    QString communityText(SandboxRandom& rng, const DiscourseUser& author) const;

    // Rendering and rules (DiscourseForum.cpp).
    QJsonObject postJson(const DiscoursePost& post, int account, bool withRaw, bool withTopic) const;
    QJsonObject notificationJson(const DiscourseNotification& n) const;
    bool canSee(int account, const DiscourseTopic& topic) const;
    bool isStaff(int account) const;
    const DiscourseUser* user(int id) const;
    const DiscourseUser* userByName(const QString& username) const;
    DiscourseUser* accountUser(int account);
    static HttpResponse error(int status, const QString& message, const QString& type);
    static HttpResponse notFound();
    static HttpResponse invalidAccess();

    mutable QMutex m_mutex;
    const SandboxClock& m_clock;
    SandboxOptions m_options;
    SandboxRandom m_live;
    QList<DiscourseAccount> m_accounts;
    QList<DiscourseUser> m_users; // index = id - 1
    QList<DiscourseCategory> m_categories;
    QMap<int, DiscourseTopic> m_topics;
    QMap<int, DiscoursePost> m_posts;
    struct IssuedKey {
        int account = -1;
        QString clientId;
        QString scopes;
    };
    QHash<QString, IssuedKey> m_issuedKeys;
    QList<DiscourseNotification> m_notifications; // ascending id
    QMap<int, DiscourseReviewable> m_reviewables;
    QHash<int, QList<int>> m_flags; // post id -> user ids that flagged it
    int m_nextTopicId = 100;
    int m_nextPostId = 1000;
    int m_nextNotificationId = 5000;
    int m_nextReviewableId = 1;
    int m_apiPosts = 0;
};

} // namespace baton::sandbox
