#include "core/sandbox/discourse/DiscourseForum.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/discourse/DiscourseCooker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

namespace baton::sandbox {

namespace {

constexpr int kLatestPage = 50;                  // /posts.json
constexpr int kNotificationPage = 60;            // /notifications.json
constexpr int kChunkSize = 20;                   // post_stream.posts of /t/{id}.json
constexpr int kMinPostLength = 20;               // site setting min_post_length
constexpr qint64 kUniquePostsMs = 5 * 60 * 1000; // site setting unique_posts_mins
constexpr int kHideFlags = 3;                    // distinct flags that hide a post

QJsonValue dateOrNull(qint64 ms) {
    return ms > 0 ? QJsonValue(SandboxClock::rfc3339Millis(ms)) : QJsonValue(QJsonValue::Null);
}

HttpResponse jsonOk(const QJsonObject& object) {
    return HttpResponse::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

DiscourseForum::DiscourseForum(const SandboxOptions& options, const SandboxClock& clock)
    : m_clock(clock)
    , m_options(options)
    , m_live(SandboxRandom(options.seed).fork(0xD15C)) {
    populate();
}

HttpResponse DiscourseForum::error(int status, const QString& message, const QString& type) {
    const QJsonObject body{{QStringLiteral("errors"), QJsonArray{message}}, {QStringLiteral("error_type"), type}};
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse DiscourseForum::notFound() {
    return error(404, QStringLiteral("The requested URL or resource could not be found."), QStringLiteral("not_found"));
}

HttpResponse DiscourseForum::invalidAccess() {
    return error(403, QStringLiteral("You are not permitted to view the requested resource."),
                 QStringLiteral("invalid_access"));
}

const DiscourseUser* DiscourseForum::user(int id) const {
    return id >= 1 && id <= m_users.size() ? &m_users.at(id - 1) : nullptr;
}

const DiscourseUser* DiscourseForum::userByName(const QString& username) const {
    for (const DiscourseUser& u : m_users) {
        if (u.username.compare(username, Qt::CaseInsensitive) == 0) {
            return &u;
        }
    }
    return nullptr;
}

DiscourseUser* DiscourseForum::accountUser(int account) {
    return &m_users[m_accounts.at(account).userId - 1];
}

bool DiscourseForum::isStaff(int account) const {
    const DiscourseUser* u = user(m_accounts.at(account).userId);
    return u != nullptr && u->staff;
}

bool DiscourseForum::canSee(int account, const DiscourseTopic& topic) const {
    return !topic.privateMessage || topic.participants.contains(m_accounts.at(account).userId);
}

int DiscourseForum::accountForUserApiKey(const QString& key) const {
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const DiscourseAccount& a = m_accounts.at(i);
        if (!a.adminKey && !a.revoked && !key.isEmpty() && a.key == key) {
            return i;
        }
    }
    const auto issued = m_issuedKeys.constFind(key); // the account's own user, whatever its other key is
    if (issued != m_issuedKeys.cend() && !m_accounts.at(issued->account).revoked) {
        return issued->account;
    }
    return -1;
}

int DiscourseForum::accountForAdminKey(const QString& key, const QString& apiUsername) const {
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const DiscourseAccount& a = m_accounts.at(i);
        const DiscourseUser* u = user(a.userId);
        if (a.adminKey && !a.revoked && !key.isEmpty() && a.key == key && u != nullptr &&
            u->username.compare(apiUsername, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return -1;
}

QString DiscourseForum::accountName(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).name : QString();
}

QList<SandboxAccount> DiscourseForum::accounts(const QString& baseUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const DiscourseAccount& a : m_accounts) {
        const DiscourseUser* u = user(a.userId);
        SandboxAccount s;
        s.network = QStringLiteral("discourse");
        s.name = a.name;
        s.baseUrl = baseUrl;
        // An admin key is given as "username:key" (Api-Username + Api-Key), a user API key as the key alone.
        s.token = a.adminKey ? u->username + u':' + a.key : a.key;
        s.remoteId = QString::number(a.userId);
        s.acct = u->username;
        out.append(s);
    }
    return out;
}

QJsonObject DiscourseForum::postJson(const DiscoursePost& p, int account, bool withRaw, bool withTopic) const {
    const DiscourseUser* author = user(p.userId);
    const DiscourseTopic& topic = m_topics[p.topicId];
    const bool staff = isStaff(account);
    const bool own = p.userId == m_accounts.at(account).userId;
    const bool cookedHidden = p.hidden && !staff && !own;
    QJsonObject o{
        {QStringLiteral("id"), p.id},
        {QStringLiteral("name"), author->name.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(author->name)},
        {QStringLiteral("username"), author->username},
        {QStringLiteral("avatar_template"), author->avatarTemplate},
        {QStringLiteral("created_at"), SandboxClock::rfc3339Millis(p.createdMs)},
        {QStringLiteral("cooked"), cookedHidden ? QString() : p.cooked},
        {QStringLiteral("post_number"), p.postNumber},
        {QStringLiteral("post_type"), p.postType},
        {QStringLiteral("updated_at"), SandboxClock::rfc3339Millis(p.updatedMs)},
        {QStringLiteral("reply_count"), 0},
        {QStringLiteral("reply_to_post_number"),
         p.replyToPostNumber ? QJsonValue(*p.replyToPostNumber) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("quote_count"), p.raw.contains(QStringLiteral("[quote=")) ? 1 : 0},
        {QStringLiteral("incoming_link_count"), 0},
        {QStringLiteral("reads"), 3},
        {QStringLiteral("score"), 0.4},
        {QStringLiteral("yours"), own},
        {QStringLiteral("topic_id"), p.topicId},
        {QStringLiteral("topic_slug"), topic.slug},
        {QStringLiteral("display_username"), author->name},
        {QStringLiteral("primary_group_name"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("version"), p.version},
        {QStringLiteral("can_edit"), own || staff},
        {QStringLiteral("can_delete"), own || staff},
        {QStringLiteral("can_recover"), staff && p.deletedMs > 0},
        {QStringLiteral("user_title"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("actions_summary"), QJsonArray{}},
        {QStringLiteral("moderator"), author->staff},
        {QStringLiteral("admin"), author->staff},
        {QStringLiteral("staff"), author->staff},
        {QStringLiteral("user_id"), p.userId},
        {QStringLiteral("hidden"), p.hidden},
        {QStringLiteral("trust_level"), author->trustLevel},
        {QStringLiteral("deleted_at"), dateOrNull(p.deletedMs)},
        {QStringLiteral("user_deleted"), p.userDeleted},
        {QStringLiteral("edit_reason"), p.editReason.isEmpty() ? QJsonValue(QJsonValue::Null) : p.editReason},
        {QStringLiteral("can_view_edit_history"), true},
        {QStringLiteral("wiki"), false},
        {QStringLiteral("reviewable_id"), p.reviewableId > 0 ? QJsonValue(p.reviewableId) : QJsonValue(0)},
        {QStringLiteral("post_url"), QStringLiteral("/t/%1/%2/%3").arg(topic.slug).arg(p.topicId).arg(p.postNumber)},
    };
    if (p.replyToPostNumber) {
        for (int id : topic.postIds) {
            const DiscoursePost& parent = m_posts[id];
            if (parent.postNumber == *p.replyToPostNumber) {
                const DiscourseUser* to = user(parent.userId);
                o.insert(QStringLiteral("reply_to_user"),
                         QJsonObject{{QStringLiteral("username"), to->username},
                                     {QStringLiteral("name"), to->name},
                                     {QStringLiteral("avatar_template"), to->avatarTemplate}});
            }
        }
    }
    if (!p.actionCode.isEmpty()) {
        o.insert(QStringLiteral("action_code"), p.actionCode);
    }
    if (cookedHidden) {
        o.insert(QStringLiteral("cooked_hidden"), true);
    }
    if (const auto flags = m_flags.value(p.id); !flags.isEmpty()) {
        o.insert(QStringLiteral("actions_summary"),
                 QJsonArray{QJsonObject{{QStringLiteral("id"), 4},
                                        {QStringLiteral("count"), staff ? QJsonValue(flags.size()) : QJsonValue(0)},
                                        {QStringLiteral("acted"), flags.contains(m_accounts.at(account).userId)}}});
    }
    if (withRaw) {
        o.insert(QStringLiteral("raw"), cookedHidden ? QString() : p.raw);
    }
    if (withTopic) {
        o.insert(QStringLiteral("topic_title"), topic.title);
        o.insert(QStringLiteral("topic_html_title"), DiscourseCooker::escape(topic.title));
        o.insert(QStringLiteral("category_id"),
                 topic.categoryId > 0 ? QJsonValue(topic.categoryId) : QJsonValue(QJsonValue::Null));
    }
    return o;
}

QJsonObject DiscourseForum::notificationJson(const DiscourseNotification& n) const {
    QJsonObject o{{QStringLiteral("id"), n.id},
                  {QStringLiteral("user_id"), n.userId},
                  {QStringLiteral("external_id"), QJsonValue(QJsonValue::Null)},
                  {QStringLiteral("notification_type"), n.type},
                  {QStringLiteral("read"), n.read},
                  {QStringLiteral("high_priority"), n.type == 6},
                  {QStringLiteral("created_at"), SandboxClock::rfc3339Millis(n.createdMs)}};
    const DiscourseUser* from = user(n.fromUserId);
    if (n.type == 12) {
        o.insert(QStringLiteral("post_number"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("topic_id"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("slug"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("badge_id"), 5},
                                                     {QStringLiteral("badge_name"), QStringLiteral("Welcome")},
                                                     {QStringLiteral("badge_slug"), QStringLiteral("welcome")},
                                                     {QStringLiteral("badge_title"), false},
                                                     {QStringLiteral("username"), user(n.userId)->username}});
        return o;
    }
    const DiscourseTopic& topic = m_topics[n.topicId];
    o.insert(QStringLiteral("post_number"), n.postNumber);
    o.insert(QStringLiteral("topic_id"), n.topicId);
    o.insert(QStringLiteral("fancy_title"), DiscourseCooker::escape(topic.title));
    o.insert(QStringLiteral("slug"), topic.slug);
    QJsonObject data{{QStringLiteral("topic_title"), topic.title},
                     {QStringLiteral("original_post_id"), n.postId},
                     {QStringLiteral("original_post_type"), 1},
                     {QStringLiteral("original_username"), from != nullptr ? from->username : QString()},
                     {QStringLiteral("revision_number"), QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("display_username"), from != nullptr ? from->username : QString()}};
    if (n.type == 5) {
        data.insert(QStringLiteral("count"), 1);
    }
    o.insert(QStringLiteral("data"), data);
    return o;
}

HttpResponse DiscourseForum::currentSession(int account) const {
    const QMutexLocker lock(&m_mutex);
    const DiscourseUser* u = user(m_accounts.at(account).userId);
    return jsonOk(
        QJsonObject{{QStringLiteral("current_user"), QJsonObject{{QStringLiteral("id"), u->id},
                                                                 {QStringLiteral("username"), u->username},
                                                                 {QStringLiteral("name"), u->name},
                                                                 {QStringLiteral("avatar_template"), u->avatarTemplate},
                                                                 {QStringLiteral("admin"), u->staff},
                                                                 {QStringLiteral("moderator"), u->staff},
                                                                 {QStringLiteral("staff"), u->staff},
                                                                 {QStringLiteral("trust_level"), u->trustLevel},
                                                                 {QStringLiteral("can_create_topic"), true},
                                                                 {QStringLiteral("unread_notifications"), 0}}}});
}

HttpResponse DiscourseForum::categories(int account) const {
    const QMutexLocker lock(&m_mutex);
    const DiscourseAccount& a = m_accounts.at(account);
    QJsonArray list;
    int position = 0;
    for (const DiscourseCategory& c : m_categories) {
        int topics = 0;
        int posts = 0;
        for (const DiscourseTopic& t : m_topics) {
            if (t.categoryId == c.id) {
                ++topics;
                posts += static_cast<int>(t.postIds.size());
            }
        }
        list.append(QJsonObject{{QStringLiteral("id"), c.id},
                                {QStringLiteral("name"), c.name},
                                {QStringLiteral("color"), c.color},
                                {QStringLiteral("text_color"), QStringLiteral("FFFFFF")},
                                {QStringLiteral("slug"), c.slug},
                                {QStringLiteral("topic_count"), topics},
                                {QStringLiteral("post_count"), posts},
                                {QStringLiteral("position"), position++},
                                {QStringLiteral("description"), DiscourseCooker::escape(c.description)},
                                {QStringLiteral("description_text"), c.description},
                                {QStringLiteral("topic_url"), QStringLiteral("/t/about-the-%1-category").arg(c.slug)},
                                {QStringLiteral("read_restricted"), false},
                                {QStringLiteral("permission"), 1},
                                // 3 watching, 1 regular (CategoryUser.notification_levels)
                                {QStringLiteral("notification_level"), a.watched.contains(c.id) ? 3 : 1}});
    }
    return jsonOk(QJsonObject{
        {QStringLiteral("category_list"), QJsonObject{{QStringLiteral("can_create_category"), isStaff(account)},
                                                      {QStringLiteral("can_create_topic"), true},
                                                      {QStringLiteral("categories"), list}}}});
}

HttpResponse DiscourseForum::latestPosts(int account, std::optional<int> before) const {
    const QMutexLocker lock(&m_mutex);
    const bool staff = isStaff(account);
    QJsonArray out;
    auto it = before ? m_posts.lowerBound(*before) : m_posts.end();
    while (it != m_posts.begin() && out.size() < kLatestPage) {
        --it;
        const DiscoursePost& p = it.value();
        const DiscourseTopic& t = m_topics[p.topicId];
        if (t.privateMessage || p.deletedMs > 0 || p.postType == 3 || (p.hidden && !staff)) {
            continue;
        }
        out.append(postJson(p, account, true, true));
    }
    return jsonOk(QJsonObject{{QStringLiteral("latest_posts"), out}});
}

HttpResponse DiscourseForum::notifications(int account, int offset) const {
    const QMutexLocker lock(&m_mutex);
    const int userId = m_accounts.at(account).userId;
    const DiscourseUser* u = user(userId);
    QList<const DiscourseNotification*> mine;
    for (auto it = m_notifications.crbegin(); it != m_notifications.crend(); ++it) {
        if (it->userId == userId) {
            mine.append(&*it);
        }
    }
    QJsonArray out;
    int seen = 0;
    for (qsizetype i = qMax(0, offset); i < mine.size() && out.size() < kNotificationPage; ++i) {
        out.append(notificationJson(*mine.at(i)));
    }
    for (const DiscourseNotification* n : mine) {
        if (n->read) {
            seen = qMax(seen, n->id);
        }
    }
    QJsonObject body{{QStringLiteral("notifications"), out},
                     {QStringLiteral("total_rows_notifications"), static_cast<int>(mine.size())},
                     {QStringLiteral("seen_notification_id"), seen}};
    if (offset + kNotificationPage < mine.size()) {
        body.insert(
            QStringLiteral("load_more_notifications"),
            QStringLiteral("/notifications?offset=%1&username=%2").arg(offset + kNotificationPage).arg(u->username));
    }
    return jsonOk(body);
}

HttpResponse DiscourseForum::topic(int account, int topicId) const {
    const QMutexLocker lock(&m_mutex);
    const auto found = m_topics.constFind(topicId);
    if (found == m_topics.constEnd() || !canSee(account, *found)) {
        return found == m_topics.constEnd() ? notFound() : invalidAccess();
    }
    const DiscourseTopic& t = *found;
    const bool staff = isStaff(account);
    QJsonArray stream;
    QJsonArray posts;
    int highest = 0;
    qint64 last = t.createdMs;
    QSet<int> participants;
    for (int id : t.postIds) {
        const DiscoursePost& p = m_posts[id];
        highest = qMax(highest, p.postNumber);
        if (p.deletedMs > 0 && !staff && !p.userDeleted) {
            continue; // a deleted post keeps its post_number, but only staff see it
        }
        stream.append(id);
        last = qMax(last, p.createdMs);
        participants.insert(p.userId);
        if (posts.size() < kChunkSize) {
            posts.append(postJson(p, account, false, false));
        }
    }
    const DiscourseUser* creator = user(t.userId);
    const QJsonObject createdBy{{QStringLiteral("id"), creator->id},
                                {QStringLiteral("username"), creator->username},
                                {QStringLiteral("name"), creator->name},
                                {QStringLiteral("avatar_template"), creator->avatarTemplate}};
    QJsonObject details{{QStringLiteral("can_edit"), staff},
                        {QStringLiteral("notification_level"), 1},
                        {QStringLiteral("can_create_post"), !t.closed || staff},
                        {QStringLiteral("can_reply_as_new_topic"), true},
                        {QStringLiteral("can_flag_topic"), true},
                        {QStringLiteral("can_close_topic"), staff},
                        {QStringLiteral("can_delete"), staff},
                        {QStringLiteral("created_by"), createdBy},
                        {QStringLiteral("last_poster"), createdBy},
                        {QStringLiteral("participants"), QJsonArray{}}};
    QJsonObject body{
        {QStringLiteral("post_stream"),
         QJsonObject{{QStringLiteral("posts"), posts}, {QStringLiteral("stream"), stream}}},
        {QStringLiteral("timeline_lookup"), QJsonArray{}},
        {QStringLiteral("suggested_topics"), QJsonArray{}},
        {QStringLiteral("tags"), QJsonArray{}},
        {QStringLiteral("id"), t.id},
        {QStringLiteral("title"), t.title},
        {QStringLiteral("fancy_title"), DiscourseCooker::escape(t.title)},
        {QStringLiteral("posts_count"), static_cast<int>(stream.size())},
        {QStringLiteral("created_at"), SandboxClock::rfc3339Millis(t.createdMs)},
        {QStringLiteral("views"), 40 + 7 * static_cast<int>(t.postIds.size())},
        {QStringLiteral("reply_count"), qMax(0, static_cast<int>(stream.size()) - 1)},
        {QStringLiteral("like_count"), 0},
        {QStringLiteral("last_posted_at"), SandboxClock::rfc3339Millis(last)},
        {QStringLiteral("visible"), true},
        {QStringLiteral("closed"), t.closed},
        {QStringLiteral("archived"), false},
        {QStringLiteral("has_summary"), false},
        {QStringLiteral("archetype"), t.privateMessage ? QStringLiteral("private_message") : QStringLiteral("regular")},
        {QStringLiteral("slug"), t.slug},
        {QStringLiteral("category_id"), t.categoryId > 0 ? QJsonValue(t.categoryId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("word_count"), 0},
        {QStringLiteral("deleted_at"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("user_id"), t.userId},
        {QStringLiteral("draft_key"), QStringLiteral("topic_%1").arg(t.id)},
        {QStringLiteral("highest_post_number"), highest},
        {QStringLiteral("chunk_size"), kChunkSize},
        {QStringLiteral("participant_count"), static_cast<int>(participants.size())},
        {QStringLiteral("details"), details},
    };
    return jsonOk(body);
}

HttpResponse DiscourseForum::topicPosts(int account, int topicId, const QList<int>& postIds) const {
    const QMutexLocker lock(&m_mutex);
    const auto found = m_topics.constFind(topicId);
    if (found == m_topics.constEnd() || !canSee(account, *found)) {
        return found == m_topics.constEnd() ? notFound() : invalidAccess();
    }
    const bool staff = isStaff(account);
    QJsonArray posts;
    for (int id : found->postIds) {
        const DiscoursePost& p = m_posts[id];
        if (postIds.contains(id) && (p.deletedMs == 0 || staff || p.userDeleted)) {
            posts.append(postJson(p, account, false, false));
        }
    }
    return jsonOk(QJsonObject{{QStringLiteral("post_stream"), QJsonObject{{QStringLiteral("posts"), posts}}},
                              {QStringLiteral("id"), topicId}});
}

HttpResponse DiscourseForum::post(int account, int postId) const {
    const QMutexLocker lock(&m_mutex);
    const auto found = m_posts.constFind(postId);
    if (found == m_posts.constEnd() || (found->deletedMs > 0 && !isStaff(account) && !found->userDeleted)) {
        return notFound();
    }
    if (!canSee(account, m_topics[found->topicId])) {
        return invalidAccess();
    }
    return jsonOk(postJson(*found, account, true, false));
}

HttpResponse DiscourseForum::createPost(int account, const NewPost& request) {
    const QMutexLocker lock(&m_mutex);
    const bool staff = isStaff(account);
    const int userId = m_accounts.at(account).userId;
    const QString raw = request.raw.trimmed();
    if (raw.isEmpty()) {
        return error(400, QStringLiteral("param is missing or the value is empty: raw"),
                     QStringLiteral("invalid_parameters"));
    }
    int topicId = request.topicId;
    if (topicId == 0 && request.title.trimmed().isEmpty()) {
        return error(422, QStringLiteral("Title can’t be blank"), QStringLiteral("record_invalid"));
    }
    if (topicId != 0) {
        const auto found = m_topics.constFind(topicId);
        if (found == m_topics.constEnd()) {
            return notFound();
        }
        if (!canSee(account, *found) || (found->closed && !staff)) {
            return invalidAccess();
        }
    }
    if (raw.size() < kMinPostLength) {
        return error(422, QStringLiteral("Body is too short (minimum is %1 characters)").arg(kMinPostLength),
                     QStringLiteral("record_invalid"));
    }
    const qint64 now = m_clock.nowMs();
    if (!staff) {
        // unique_posts_mins: staff bypass the duplicate check, everyone else gets a validation error.
        for (auto it = m_posts.cend(); it != m_posts.cbegin();) {
            --it;
            if (now - it->createdMs > kUniquePostsMs) {
                break;
            }
            if (it->userId == userId && it->raw.trimmed() == raw) {
                return error(422, QStringLiteral("Body is too similar to what you recently posted"),
                             QStringLiteral("record_invalid"));
            }
        }
    }
    if (topicId == 0) {
        DiscourseTopic t;
        t.id = m_nextTopicId++;
        t.title = request.title.trimmed();
        t.slug = t.title.toLower().replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        t.categoryId = request.categoryId > 0 ? request.categoryId : m_categories.constFirst().id;
        t.userId = userId;
        t.createdMs = now;
        m_topics.insert(t.id, t);
        topicId = t.id;
    }
    std::optional<int> replyTo = request.replyToPostNumber;
    if (replyTo) {
        bool exists = false;
        for (int id : m_topics[topicId].postIds) {
            exists = exists || m_posts[id].postNumber == *replyTo;
        }
        if (!exists) {
            replyTo.reset(); // Discourse drops a reply_to_post_number that names no post
        }
    }
    const int id = appendPost(topicId, userId, raw, now, replyTo);
    ++m_apiPosts;
    notifyFor(m_posts[id]);
    return jsonOk(postJson(m_posts[id], account, true, false));
}

HttpResponse DiscourseForum::flag(int account, int postId, int typeId, const QString& message) {
    Q_UNUSED(message)
    const QMutexLocker lock(&m_mutex);
    const auto found = m_posts.find(postId);
    if (found == m_posts.end() || found->deletedMs > 0) {
        return notFound();
    }
    static const QList<int> kTypes{2, 3, 4, 6, 7, 8, 10};
    if (!kTypes.contains(typeId)) {
        return error(400, QStringLiteral("param is missing or the value is empty: post_action_type_id"),
                     QStringLiteral("invalid_parameters"));
    }
    const int userId = m_accounts.at(account).userId;
    if (typeId != 2) {
        QList<int>& flags = m_flags[postId];
        if (flags.contains(userId)) {
            return error(403, QStringLiteral("You are not permitted to view the requested resource."),
                         QStringLiteral("invalid_access"));
        }
        flags.append(userId);
        if (found->reviewableId == 0 || m_reviewables.value(found->reviewableId).status != QLatin1String("pending")) {
            DiscourseReviewable r;
            r.id = m_nextReviewableId++;
            r.postId = postId;
            m_reviewables.insert(r.id, r);
            found->reviewableId = r.id;
        }
        if (flags.size() >= kHideFlags) {
            found->hidden = true;
        }
    }
    return jsonOk(postJson(*found, account, false, false));
}

HttpResponse DiscourseForum::performReviewable(int account, int reviewableId, const QString& action, int version) {
    const QMutexLocker lock(&m_mutex);
    if (!isStaff(account)) {
        return invalidAccess();
    }
    const auto found = m_reviewables.find(reviewableId);
    if (found == m_reviewables.end()) {
        return notFound();
    }
    if (version != found->version) {
        return error(409, QStringLiteral("The item was changed by someone else. Reload and try again."),
                     QStringLiteral("conflict"));
    }
    static const QStringList kActions{QStringLiteral("agree_and_hide"), QStringLiteral("agree_and_keep"),
                                      QStringLiteral("disagree"), QStringLiteral("ignore")};
    if (!kActions.contains(action) || found->status != QLatin1String("pending")) {
        return error(403, QStringLiteral("You can’t perform that action on this item."),
                     QStringLiteral("invalid_access"));
    }
    DiscoursePost& p = m_posts[found->postId];
    QString to = QStringLiteral("approved");
    if (action == QLatin1String("agree_and_hide")) {
        p.hidden = true;
    } else if (action == QLatin1String("disagree")) {
        p.hidden = false;
        to = QStringLiteral("rejected");
    } else if (action == QLatin1String("ignore")) {
        to = QStringLiteral("ignored");
    }
    found->status = to;
    ++found->version;
    return jsonOk(QJsonObject{{QStringLiteral("reviewable_perform_result"),
                               QJsonObject{{QStringLiteral("success"), true},
                                           {QStringLiteral("transition_to"), to},
                                           {QStringLiteral("created_post_id"), QJsonValue(QJsonValue::Null)},
                                           {QStringLiteral("created_post_topic_id"), QJsonValue(QJsonValue::Null)},
                                           {QStringLiteral("remove_reviewable_ids"), QJsonArray{reviewableId}},
                                           {QStringLiteral("version"), found->version},
                                           {QStringLiteral("reviewable_count"), 0}}}});
}

HttpResponse DiscourseForum::reviewable(int account, int reviewableId) const {
    const QMutexLocker lock(&m_mutex);
    if (!isStaff(account)) {
        return invalidAccess();
    }
    const auto found = m_reviewables.constFind(reviewableId);
    if (found == m_reviewables.constEnd()) {
        return notFound();
    }
    const DiscoursePost& p = m_posts[found->postId];
    return jsonOk(
        QJsonObject{{QStringLiteral("reviewable"),
                     QJsonObject{{QStringLiteral("id"), found->id},
                                 {QStringLiteral("type"), QStringLiteral("ReviewableFlaggedPost")},
                                 {QStringLiteral("status"), found->status == QLatin1String("pending") ? 0 : 1},
                                 {QStringLiteral("topic_id"), p.topicId},
                                 {QStringLiteral("target_id"), p.id},
                                 {QStringLiteral("version"), found->version},
                                 {QStringLiteral("score"), static_cast<double>(m_flags.value(p.id).size())}}}});
}

HttpResponse DiscourseForum::deletePost(int account, int postId) {
    const QMutexLocker lock(&m_mutex);
    const auto found = m_posts.find(postId);
    if (found == m_posts.end() || found->deletedMs > 0) {
        return notFound();
    }
    const bool staff = isStaff(account);
    const bool own = found->userId == m_accounts.at(account).userId;
    if (!staff && !own) {
        return invalidAccess();
    }
    found->deletedMs = m_clock.nowMs();
    if (!staff) {
        // An author's own delete leaves a placeholder in the topic.
        found->userDeleted = true;
        found->raw = QStringLiteral("(post deleted by author)");
        found->cooked = QStringLiteral("<p>(post deleted by author)</p>");
    }
    HttpResponse r;
    r.status = 200;
    r.setHeader("Content-Type", "text/html");
    return r;
}

HttpResponse DiscourseForum::setTopicStatus(int account, int topicId, const QString& status, bool enabled) {
    const QMutexLocker lock(&m_mutex);
    const auto found = m_topics.find(topicId);
    if (found == m_topics.end()) {
        return notFound();
    }
    if (!isStaff(account)) {
        return invalidAccess();
    }
    static const QStringList kStatuses{QStringLiteral("closed"), QStringLiteral("archived"), QStringLiteral("visible"),
                                       QStringLiteral("pinned"), QStringLiteral("pinned_globally")};
    if (!kStatuses.contains(status)) {
        return error(400, QStringLiteral("param is missing or the value is empty: status"),
                     QStringLiteral("invalid_parameters"));
    }
    if (status == QLatin1String("closed") && found->closed != enabled) {
        found->closed = enabled;
        const int id = appendPost(topicId, m_accounts.at(account).userId, QString(), m_clock.nowMs(), std::nullopt);
        m_posts[id].postType = 3;
        m_posts[id].actionCode = enabled ? QStringLiteral("closed.enabled") : QStringLiteral("closed.disabled");
        m_posts[id].cooked.clear();
    }
    return jsonOk(QJsonObject{{QStringLiteral("success"), QStringLiteral("OK")},
                              {QStringLiteral("topic_status_update"), QJsonValue(QJsonValue::Null)}});
}

bool DiscourseForum::editPost(int postId, const QString& raw) {
    const QMutexLocker lock(&m_mutex);
    const auto found = m_posts.find(postId);
    if (found == m_posts.end() || found->deletedMs > 0) {
        return false;
    }
    found->raw = raw;
    found->cooked = DiscourseCooker::cook(raw);
    found->updatedMs = qMax(found->createdMs + 1, m_clock.nowMs());
    ++found->version;
    return true;
}

bool DiscourseForum::revokeKey(int account) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size()) {
        return false;
    }
    m_accounts[account].revoked = true;
    return true;
}

int DiscourseForum::postsCreatedThroughApi() const {
    const QMutexLocker lock(&m_mutex);
    return m_apiPosts;
}

std::pair<QString, int> DiscourseForum::issueUserApiKey(const QString& clientId, const QString& scopes) {
    const QMutexLocker lock(&m_mutex);
    // The forum's user-key account when there is one, else its first user (an admin may hold user keys too).
    int account = m_accounts.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_accounts.size(); ++i) {
        if (!m_accounts.at(i).adminKey) {
            account = i;
            break;
        }
    }
    if (account < 0) {
        return {QString(), -1};
    }
    const QString key = QStringLiteral("%1%2")
                            .arg(m_issuedKeys.size() + 1, 4, 10, QLatin1Char('0'))
                            .arg(QString::fromLatin1(m_accounts.at(account).key.toLatin1().toHex().left(28)));
    m_issuedKeys.insert(key, IssuedKey{account, clientId, scopes});
    return {key, account};
}

int DiscourseForum::userApiKeysIssued() const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_issuedKeys.size());
}

QString DiscourseForum::clientIdOfKey(const QString& key) const {
    const QMutexLocker lock(&m_mutex);
    return m_issuedKeys.value(key).clientId;
}

int DiscourseForum::postsWithRaw(const QString& raw) const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(std::count_if(m_posts.cbegin(), m_posts.cend(),
                                          [&](const DiscoursePost& p) { return p.deletedMs == 0 && p.raw == raw; }));
}

bool DiscourseForum::postHidden(int postId) const {
    const QMutexLocker lock(&m_mutex);
    return m_posts.value(postId).hidden;
}

bool DiscourseForum::postDeleted(int postId) const {
    const QMutexLocker lock(&m_mutex);
    return m_posts.value(postId).deletedMs > 0;
}

bool DiscourseForum::topicClosed(int topicId) const {
    const QMutexLocker lock(&m_mutex);
    return m_topics.value(topicId).closed;
}

int DiscourseForum::topicOfPost(int postId) const {
    const QMutexLocker lock(&m_mutex);
    return m_posts.value(postId).topicId;
}

int DiscourseForum::flagsOn(int postId) const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_flags.value(postId).size());
}

} // namespace baton::sandbox
