#include "core/sandbox/mastodon/MastodonJson.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/mastodon/MastodonData.h"

#include <QJsonDocument>

namespace baton::sandbox {

namespace {

const char* const kCustomEmoji[] = {"blobcat", "ablobcatheart", "baton"};

QByteArray escapeForHtmlSafety(QByteArray json) {
    json.replace('<', "\\u003c");
    json.replace('>', "\\u003e");
    json.replace('&', "\\u0026");
    return json;
}

QJsonValue timeOrNull(qint64 ms) {
    return ms == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(SandboxClock::rfc3339Millis(ms));
}

// Mastodon stores media under the account id split into groups of three digits.
QString idPath(qint64 id) {
    QString digits = QString::number(id);
    while (digits.size() % 3 != 0) {
        digits.prepend(QLatin1Char('0'));
    }
    QStringList groups;
    for (qsizetype i = 0; i < digits.size(); i += 3) {
        groups.append(digits.mid(i, 3));
    }
    return groups.join(QLatin1Char('/'));
}

} // namespace

MastodonJson::MastodonJson(const MastodonData& data, int viewerIndex)
    : m_data(data)
    , m_viewer(viewerIndex) {
}

QJsonValue MastodonJson::idOrNull(qint64 id) {
    return id == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::number(id));
}

QString MastodonJson::avatarUrl(const MastodonPerson& person) const {
    if (person.id % 11 == 3) { // some people never upload an avatar
        return QStringLiteral("https://") + MastodonData::localDomain() +
               QStringLiteral("/avatars/original/missing.png");
    }
    const QString host = person.domain.isEmpty() ? MastodonData::localDomain() : person.domain;
    return QStringLiteral("https://files.") + host + QStringLiteral("/accounts/avatars/") + idPath(person.id) +
           QStringLiteral("/original/") + QString::number(person.id % 0xFFFFFF, 16) + QStringLiteral(".png");
}

QJsonObject MastodonJson::account(const MastodonPerson& person) const {
    const QString host = person.domain.isEmpty() ? MastodonData::localDomain() : person.domain;
    const QString avatar = avatarUrl(person);
    const QString header =
        QStringLiteral("https://") + MastodonData::localDomain() + QStringLiteral("/headers/original/missing.png");
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(person.id));
    o.insert(QStringLiteral("username"), person.username);
    o.insert(QStringLiteral("acct"), m_data.acct(person));
    o.insert(QStringLiteral("display_name"), person.displayName);
    o.insert(QStringLiteral("locked"), person.locked);
    o.insert(QStringLiteral("bot"), person.bot);
    o.insert(QStringLiteral("discoverable"), !person.bot);
    o.insert(QStringLiteral("indexable"), !person.bot);
    o.insert(QStringLiteral("group"), false);
    o.insert(QStringLiteral("created_at"), SandboxClock::midnightRfc3339(person.createdMs));
    o.insert(QStringLiteral("note"), person.note);
    o.insert(QStringLiteral("url"), m_data.profileUrl(person));
    o.insert(QStringLiteral("uri"),
             QString(QStringLiteral("https://") + host + QStringLiteral("/users/") + person.username));
    o.insert(QStringLiteral("avatar"), avatar);
    o.insert(QStringLiteral("avatar_static"), avatar);
    o.insert(QStringLiteral("header"), header);
    o.insert(QStringLiteral("header_static"), header);
    o.insert(QStringLiteral("followers_count"), person.followers);
    o.insert(QStringLiteral("following_count"), person.following);
    o.insert(QStringLiteral("statuses_count"), person.statuses);
    o.insert(QStringLiteral("last_status_at"), person.lastStatusMs == 0
                                                   ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(SandboxClock::date(person.lastStatusMs)));
    o.insert(QStringLiteral("hide_collections"), false);
    o.insert(QStringLiteral("emojis"), QJsonArray());
    o.insert(QStringLiteral("fields"), QJsonArray());
    return o;
}

QJsonObject MastodonJson::credentialAccount() const {
    const MastodonDemoAccount& demo = m_data.accounts.at(m_viewer);
    const MastodonPerson* person = m_data.person(demo.personId);
    QJsonObject o = account(*person);
    QJsonObject source;
    source.insert(QStringLiteral("privacy"), QStringLiteral("public"));
    source.insert(QStringLiteral("sensitive"), false);
    source.insert(QStringLiteral("language"), demo.language);
    source.insert(QStringLiteral("note"),
                  QString(QStringLiteral("Community team of ") + demo.product + QLatin1Char('.')));
    source.insert(QStringLiteral("fields"), QJsonArray());
    source.insert(QStringLiteral("follow_requests_count"), 0);
    o.insert(QStringLiteral("source"), source);
    QJsonObject role;
    role.insert(QStringLiteral("id"), QStringLiteral("-99"));
    role.insert(QStringLiteral("name"), QString());
    role.insert(QStringLiteral("permissions"), QStringLiteral("65536"));
    role.insert(QStringLiteral("color"), QString());
    role.insert(QStringLiteral("highlighted"), false);
    o.insert(QStringLiteral("role"), role);
    return o;
}

QJsonObject MastodonJson::status(const MastodonStatus& s, bool withSource) const {
    const MastodonPerson* author = m_data.person(s.authorId);
    const MastodonDemoAccount& viewer = m_data.accounts.at(m_viewer);
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(s.id));
    o.insert(QStringLiteral("created_at"), SandboxClock::rfc3339Millis(s.createdMs));
    o.insert(QStringLiteral("edited_at"), timeOrNull(s.editedMs));
    o.insert(QStringLiteral("in_reply_to_id"), idOrNull(s.inReplyToId));
    o.insert(QStringLiteral("in_reply_to_account_id"), idOrNull(s.inReplyToAccountId));
    o.insert(QStringLiteral("sensitive"), s.sensitive);
    o.insert(QStringLiteral("spoiler_text"), s.spoilerText);
    o.insert(QStringLiteral("visibility"), s.visibility);
    o.insert(QStringLiteral("language"), s.language.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.language));
    o.insert(QStringLiteral("uri"), m_data.statusUri(s));
    o.insert(QStringLiteral("url"), s.hasUrl ? QJsonValue(m_data.statusUrl(s)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("replies_count"), s.repliesCount);
    o.insert(QStringLiteral("reblogs_count"), s.reblogsCount);
    o.insert(QStringLiteral("favourites_count"), s.favouritesCount);
    o.insert(QStringLiteral("favourited"), false);
    o.insert(QStringLiteral("reblogged"), false);
    o.insert(QStringLiteral("muted"), viewer.mutedThreads.contains(m_data.threadRoot(s.id)));
    o.insert(QStringLiteral("bookmarked"), false);
    if (s.authorId == viewer.personId) {
        o.insert(QStringLiteral("pinned"), false);
    }
    o.insert(QStringLiteral("content"), s.html);
    o.insert(QStringLiteral("filtered"), QJsonArray());
    if (s.reblogOfId != 0) {
        const MastodonStatus* original = m_data.status(s.reblogOfId);
        o.insert(QStringLiteral("reblog"),
                 original != nullptr ? QJsonValue(status(*original)) : QJsonValue(QJsonValue::Null));
    } else {
        o.insert(QStringLiteral("reblog"), QJsonValue::Null);
    }
    if (!s.application.isEmpty()) {
        QJsonObject app;
        app.insert(QStringLiteral("name"), s.application);
        app.insert(QStringLiteral("website"), QJsonValue::Null);
        o.insert(QStringLiteral("application"), app);
    }
    o.insert(QStringLiteral("account"), author != nullptr ? account(*author) : QJsonObject());
    o.insert(QStringLiteral("media_attachments"), QJsonArray());
    QJsonArray mentions;
    for (const qint64 id : s.mentionIds) {
        if (const MastodonPerson* p = m_data.person(id)) {
            QJsonObject m;
            m.insert(QStringLiteral("id"), QString::number(p->id));
            m.insert(QStringLiteral("username"), p->username);
            m.insert(QStringLiteral("url"), m_data.profileUrl(*p));
            m.insert(QStringLiteral("acct"), m_data.acct(*p));
            mentions.append(m);
        }
    }
    o.insert(QStringLiteral("mentions"), mentions);
    QJsonArray tags;
    for (const QString& tag : s.tags) {
        QJsonObject t;
        t.insert(QStringLiteral("name"), tag);
        t.insert(QStringLiteral("url"),
                 QString(QStringLiteral("https://") + MastodonData::localDomain() + QStringLiteral("/tags/") + tag));
        tags.append(t);
    }
    o.insert(QStringLiteral("tags"), tags);
    QJsonArray emojis;
    for (const char* shortcode : kCustomEmoji) {
        const QString code = QLatin1Char(':') + QLatin1String(shortcode) + QLatin1Char(':');
        if (s.text.contains(code)) {
            const QString url = QStringLiteral("https://files.") + MastodonData::localDomain() +
                                QStringLiteral("/custom_emojis/images/original/") + QLatin1String(shortcode) +
                                QStringLiteral(".png");
            QJsonObject e;
            e.insert(QStringLiteral("shortcode"), QLatin1String(shortcode));
            e.insert(QStringLiteral("url"), url);
            e.insert(QStringLiteral("static_url"), url);
            e.insert(QStringLiteral("visible_in_picker"), true);
            emojis.append(e);
        }
    }
    o.insert(QStringLiteral("emojis"), emojis);
    o.insert(QStringLiteral("card"), QJsonValue::Null);
    o.insert(QStringLiteral("poll"), QJsonValue::Null);
    if (withSource) {
        o.insert(QStringLiteral("text"), s.text);
    }
    return o;
}

QJsonObject MastodonJson::notification(const MastodonNotification& n) const {
    QJsonObject o;
    const QString id = QString::number(n.id);
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("type"), n.type);
    o.insert(QStringLiteral("created_at"), SandboxClock::rfc3339Millis(n.createdMs));
    o.insert(QStringLiteral("group_key"), QString(QStringLiteral("ungrouped-") + id));
    if (const MastodonPerson* from = m_data.person(n.fromId)) {
        o.insert(QStringLiteral("account"), account(*from));
    }
    if (n.statusId != 0) {
        if (const MastodonStatus* s = m_data.status(n.statusId)) {
            o.insert(QStringLiteral("status"), status(*s));
        }
    }
    return o;
}

QJsonObject MastodonJson::conversation(const MastodonConversation& c) const {
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(c.id));
    o.insert(QStringLiteral("unread"), c.unread);
    QJsonArray accounts;
    for (const qint64 id : c.participantIds) {
        if (const MastodonPerson* p = m_data.person(id)) {
            accounts.append(account(*p));
        }
    }
    o.insert(QStringLiteral("accounts"), accounts);
    const MastodonStatus* last = m_data.status(c.lastStatusId);
    o.insert(QStringLiteral("last_status"), last != nullptr ? QJsonValue(status(*last)) : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject MastodonJson::relationship(qint64 personId) const {
    const MastodonRelationship r = m_data.accounts.at(m_viewer).relationships.value(personId);
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(personId));
    o.insert(QStringLiteral("following"), r.following);
    o.insert(QStringLiteral("showing_reblogs"), r.following);
    o.insert(QStringLiteral("notifying"), false);
    o.insert(QStringLiteral("languages"), QJsonValue::Null);
    o.insert(QStringLiteral("followed_by"), r.followedBy);
    o.insert(QStringLiteral("blocking"), r.blocking);
    o.insert(QStringLiteral("blocked_by"), false);
    o.insert(QStringLiteral("muting"), r.muting);
    o.insert(QStringLiteral("muting_notifications"), r.mutingNotifications);
    o.insert(QStringLiteral("requested"), false);
    o.insert(QStringLiteral("requested_by"), false);
    o.insert(QStringLiteral("domain_blocking"), false);
    o.insert(QStringLiteral("endorsed"), false);
    o.insert(QStringLiteral("note"), QString());
    return o;
}

QJsonObject MastodonJson::report(const MastodonReport& r) const {
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(r.id));
    o.insert(QStringLiteral("action_taken"), false);
    o.insert(QStringLiteral("action_taken_at"), QJsonValue::Null);
    o.insert(QStringLiteral("category"), r.category);
    o.insert(QStringLiteral("comment"), r.comment);
    o.insert(QStringLiteral("forwarded"), false);
    o.insert(QStringLiteral("created_at"), SandboxClock::rfc3339Millis(r.createdMs));
    if (r.statusIds.isEmpty()) {
        o.insert(QStringLiteral("status_ids"), QJsonValue::Null);
    } else {
        QJsonArray ids;
        for (const qint64 id : r.statusIds) {
            ids.append(QString::number(id));
        }
        o.insert(QStringLiteral("status_ids"), ids);
    }
    o.insert(QStringLiteral("rule_ids"),
             r.ruleIds.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(r.ruleIds)));
    if (const MastodonPerson* target = m_data.person(r.targetId)) {
        o.insert(QStringLiteral("target_account"), account(*target));
    }
    return o;
}

QByteArray MastodonJson::serialize(const QJsonObject& object) {
    return escapeForHtmlSafety(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray MastodonJson::serialize(const QJsonArray& array) {
    return escapeForHtmlSafety(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

} // namespace baton::sandbox
