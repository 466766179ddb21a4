#include "core/sandbox/reddit/RedditStore.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/reddit/RedditGenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace baton::sandbox {

namespace {

constexpr qint64 kPacificOffsetSeconds = 28800; // the legacy `created` field: created_utc - 8 h
constexpr int kMaxReplyDepth = 8;
constexpr int kMaxChildren = 40;

// Reddit writes epoch seconds as floats ("1624000000.0"); QJsonDocument drops the ".0" of whole numbers, so the
// serialised document is patched for the fields that carry one.
QByteArray serialize(const QJsonObject& object) {
    static const QRegularExpression kWhole(QStringLiteral("\"(created|created_utc|edited)\":(\\d+)([,}])"));
    QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    text.replace(kWhole, QStringLiteral("\"\\1\":\\2.0\\3"));
    return text.toUtf8();
}

HttpResponse jsonResponse(int status, const QJsonObject& object) {
    return HttpResponse::json(status, serialize(object));
}

QString escapeHtml(const QString& text) {
    QString out = text;
    out.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    out.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    out.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return out;
}

QString slugOf(const QString& title) {
    QString slug;
    for (const QChar c : title.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            slug += c;
        } else if (!slug.endsWith(u'_')) {
            slug += u'_';
        }
        if (slug.size() >= 50) {
            break;
        }
    }
    while (slug.endsWith(u'_')) {
        slug.chop(1);
    }
    while (slug.startsWith(u'_')) {
        slug.remove(0, 1);
    }
    return slug.isEmpty() ? QStringLiteral("_") : slug;
}

// FNV-1a: a stable account id per username (qHash is seeded per process).
QString userFullname(const QString& name) {
    quint64 h = 1469598103934665603ULL;
    for (const char c : name.toLower().toUtf8()) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return QStringLiteral("t2_") + RedditData::base36(static_cast<qint64>(h % 2821109907456ULL));
}

QJsonValue nullable(const QString& s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue seconds(qint64 ms) {
    return static_cast<double>(ms / 1000);
}

} // namespace

RedditStore::RedditStore(const SandboxOptions& options, const SandboxClock& clock)
    : m_clock(clock)
    , m_live(SandboxRandom(options.seed).fork(0x5EDD17 + 1)) {
    RedditGenerator generator(options, clock.nowMs());
    generator.populate(m_data);
}

QJsonObject RedditStore::error(int status) {
    return QJsonObject{{QStringLiteral("message"), QString::fromLatin1(HttpResponse::reasonPhrase(status))},
                       {QStringLiteral("error"), status}};
}

RedditStore::Auth RedditStore::authenticate(const QString& accessToken, qint64 wallNowMs) const {
    const QMutexLocker lock(&m_mutex);
    Auth auth;
    const auto it = m_tokens.constFind(accessToken);
    if (accessToken.isEmpty() || it == m_tokens.cend()) {
        return auth;
    }
    auth.account = it->account;
    auth.expired = wallNowMs >= it->expiresWallMs;
    return auth;
}

QString RedditStore::accountName(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_data.accounts.size()
               ? QStringLiteral("u/") + m_data.accounts.at(account).username
               : QString();
}

bool RedditStore::clientKnown(const QString& clientId) const {
    const QMutexLocker lock(&m_mutex);
    return std::any_of(m_data.accounts.cbegin(), m_data.accounts.cend(),
                       [&](const RedditAccount& a) { return a.clientId == clientId; });
}

QList<SandboxAccount> RedditStore::accounts(const QString& baseUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const RedditAccount& a : m_data.accounts) {
        SandboxAccount s;
        s.network = QStringLiteral("reddit");
        s.name = QStringLiteral("u/") + a.username;
        s.baseUrl = baseUrl;
        // An installed app's permanent grant: the client id (no secret) and the refresh token.
        s.token = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("client_id"), a.clientId},
                                                              {QStringLiteral("refresh_token"), a.refreshToken}})
                                        .toJson(QJsonDocument::Compact));
        s.remoteId = userFullname(a.username);
        s.acct = QStringLiteral("u/") + a.username;
        out.append(s);
    }
    return out;
}

HttpResponse RedditStore::grant(const QString& grantType, const QString& refreshToken, qint64 wallNowMs) {
    const QMutexLocker lock(&m_mutex);
    // Token errors come back as HTTP 200 with an "error" member.
    if (grantType != QLatin1String("refresh_token")) {
        return jsonResponse(
            200, {{QStringLiteral("error"), grantType.isEmpty() ? QStringLiteral("invalid_request")
                                                                : QStringLiteral("unsupported_grant_type")}});
    }
    int account = -1;
    for (int i = 0; i < m_data.accounts.size(); ++i) {
        if (!refreshToken.isEmpty() && m_data.accounts.at(i).refreshToken == refreshToken &&
            !m_data.accounts.at(i).refreshRevoked) {
            account = i;
        }
    }
    if (account < 0) {
        return jsonResponse(200, {{QStringLiteral("error"), QStringLiteral("invalid_grant")}});
    }
    SandboxRandom rng = m_live.fork(0x70CE + ++m_tokenCounter);
    QByteArray bytes;
    for (int i = 0; i < 3; ++i) {
        const quint64 w = rng.next();
        bytes.append(reinterpret_cast<const char*>(&w), sizeof w);
    }
    const QString token =
        QString::number(rng.between(10000000, 99999999)) + QLatin1Char('-') +
        QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_tokens.insert(token, Token{account, wallNowMs + m_tokenLifetimeMs});
    return jsonResponse(200, {{QStringLiteral("access_token"), token},
                              {QStringLiteral("token_type"), QStringLiteral("bearer")},
                              {QStringLiteral("expires_in"), static_cast<int>(m_tokenLifetimeMs / 1000)},
                              {QStringLiteral("scope"), QStringLiteral("edit history identity modposts privatemessages "
                                                                       "read report submit")}});
}

HttpResponse RedditStore::me(int account) const {
    const QMutexLocker lock(&m_mutex);
    const RedditAccount& a = m_data.accounts.at(account);
    return jsonResponse(200, {{QStringLiteral("name"), a.username},
                              {QStringLiteral("id"), userFullname(a.username).mid(3)},
                              {QStringLiteral("created_utc"), seconds(m_clock.startMs() - 900LL * 86400000)},
                              {QStringLiteral("is_mod"), !a.moderates.isEmpty()},
                              {QStringLiteral("has_verified_email"), true},
                              {QStringLiteral("link_karma"), 1200 + 37 * account},
                              {QStringLiteral("comment_karma"), 5400 + 91 * account},
                              {QStringLiteral("icon_img"), QString(QStringLiteral("https://styles.redditmedia.com/") +
                                                                   a.username + QStringLiteral(".png"))},
                              {QStringLiteral("subreddit"), QJsonObject{{QStringLiteral("display_name_prefixed"),
                                                                         QString(QStringLiteral("u/") + a.username)},
                                                                        {QStringLiteral("title"), a.displayName}}}});
}

// ---- rendering -------------------------------------------------------------------------------------------------

QString RedditStore::html(const QString& markdown, bool rawJson) {
    static const QRegularExpression kLink(QStringLiteral("\\[([^\\]]+)\\]\\((https?://[^\\s)]+)\\)"));
    static const QRegularExpression kBare(QStringLiteral("(?<![\"=>])(https?://[^\\s<)]+)"));
    static const QRegularExpression kBold(QStringLiteral("\\*\\*([^*]+)\\*\\*"));
    static const QRegularExpression kUser(QStringLiteral("(?<![\\w/])(u/[A-Za-z0-9_-]{3,20})"));
    static const QRegularExpression kSub(QStringLiteral("(?<![\\w/])(r/[A-Za-z0-9_]{2,21})"));
    QString out = QStringLiteral("<div class=\"md\">");
    for (QString paragraph : markdown.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        const bool quote = paragraph.startsWith(QLatin1String("> "));
        if (quote) {
            paragraph.remove(0, 2);
        }
        QString p = escapeHtml(paragraph);
        p.replace(kLink, QStringLiteral("<a href=\"\\2\">\\1</a>"));
        p.replace(kBare, QStringLiteral("<a href=\"\\1\">\\1</a>"));
        p.replace(kBold, QStringLiteral("<strong>\\1</strong>"));
        p.replace(kUser, QStringLiteral("<a href=\"/\\1\">\\1</a>"));
        p.replace(kSub, QStringLiteral("<a href=\"/\\1\">\\1</a>"));
        out += quote ? QStringLiteral("<blockquote>\n<p>") + p + QStringLiteral("</p>\n</blockquote>\n")
                     : QStringLiteral("<p>") + p + QStringLiteral("</p>\n");
    }
    out += QStringLiteral("</div>");
    // Without raw_json=1 Reddit escapes the markup once more inside the JSON string.
    return rawJson ? out : escapeHtml(out);
}

QString RedditStore::permalink(int index) const {
    const RedditThing& t = m_data.things.at(index);
    if (t.kind == '4') {
        return QStringLiteral("/message/messages/") + RedditData::base36(t.id);
    }
    const int post = t.kind == '3' ? index : t.link;
    const RedditThing& p = m_data.things.at(post);
    QString out = QStringLiteral("/r/") + m_data.subreddits.at(p.subreddit).name + QStringLiteral("/comments/") +
                  RedditData::base36(p.id) + QLatin1Char('/') + slugOf(p.title) + QLatin1Char('/');
    if (t.kind == '1') {
        out += RedditData::base36(t.id) + QLatin1Char('/');
    }
    return out;
}

QString RedditStore::context(int index) const {
    return m_data.things.at(index).kind == '1' ? permalink(index) + QStringLiteral("?context=3") : QString();
}

QString RedditStore::authorOf(int index) const {
    return m_data.things.at(index).author;
}

QString RedditStore::bodyOf(int index, int account) const {
    const RedditThing& t = m_data.things.at(index);
    if (t.deleted) {
        return QStringLiteral("[deleted]");
    }
    if (t.removed && !moderatesThing(account, t)) {
        return QStringLiteral("[removed]");
    }
    return t.body;
}

bool RedditStore::moderatesThing(int account, const RedditThing& t) const {
    return t.kind != '4' && t.subreddit >= 0 && m_data.accounts.at(account).moderates.contains(t.subreddit);
}

bool RedditStore::visibleTo(int account, const RedditThing& t) const {
    return !m_data.accounts.at(account).blocked.contains(t.author);
}

QJsonObject RedditStore::messageJson(int index, int account, const QString& type, bool unread, bool rawJson) const {
    const RedditThing& t = m_data.things.at(index);
    const QString body = bodyOf(index, account);
    QJsonObject o{{QStringLiteral("id"), RedditData::base36(t.id)},
                  {QStringLiteral("name"), m_data.fullname(index)},
                  {QStringLiteral("author"),
                   t.author == QLatin1String("[deleted]") ? QJsonValue(QJsonValue::Null) : QJsonValue(t.author)},
                  {QStringLiteral("author_fullname"),
                   t.deleted ? QJsonValue(QJsonValue::Null) : QJsonValue(userFullname(t.author))},
                  {QStringLiteral("new"), unread},
                  {QStringLiteral("body"), rawJson ? body : escapeHtml(body)},
                  {QStringLiteral("body_html"), html(body, rawJson)},
                  {QStringLiteral("created"), static_cast<double>(t.createdMs / 1000 - kPacificOffsetSeconds)},
                  {QStringLiteral("created_utc"), seconds(t.createdMs)},
                  {QStringLiteral("likes"), QJsonValue::Null},
                  {QStringLiteral("replies"), QString()},
                  {QStringLiteral("num_comments"), QJsonValue::Null},
                  {QStringLiteral("distinguished"), QJsonValue::Null},
                  {QStringLiteral("associated_awarding_id"), QJsonValue::Null}};
    if (t.kind == '1') {
        const RedditThing& post = m_data.things.at(t.link);
        const QString sub = m_data.subreddits.at(t.subreddit).name;
        o.insert(QStringLiteral("was_comment"), true);
        o.insert(QStringLiteral("type"), type);
        o.insert(QStringLiteral("subject"), type == QLatin1String("comment_reply") ? QStringLiteral("comment reply")
                                            : type == QLatin1String("post_reply")  ? QStringLiteral("post reply")
                                                                                  : QStringLiteral("username mention"));
        o.insert(QStringLiteral("dest"), m_data.accounts.at(account).username);
        o.insert(QStringLiteral("parent_id"), m_data.fullname(t.parent));
        o.insert(QStringLiteral("link_title"), rawJson ? post.title : escapeHtml(post.title));
        o.insert(QStringLiteral("subreddit"), sub);
        o.insert(QStringLiteral("subreddit_name_prefixed"), QString(QStringLiteral("r/") + sub));
        o.insert(QStringLiteral("context"), context(index));
        o.insert(QStringLiteral("first_message"), QJsonValue::Null);
        o.insert(QStringLiteral("first_message_name"), QJsonValue::Null);
        o.insert(QStringLiteral("score"), t.score);
    } else {
        const int first = t.firstMessage >= 0 && t.firstMessage != index ? t.firstMessage : -1;
        o.insert(QStringLiteral("was_comment"), false);
        o.insert(QStringLiteral("type"), QStringLiteral("unknown"));
        o.insert(QStringLiteral("subject"), t.title);
        o.insert(QStringLiteral("dest"), t.dest);
        o.insert(QStringLiteral("parent_id"), nullable(m_data.fullname(t.parent)));
        o.insert(QStringLiteral("subreddit"), QJsonValue::Null);
        o.insert(QStringLiteral("subreddit_name_prefixed"), QJsonValue::Null);
        o.insert(QStringLiteral("context"), QString());
        o.insert(QStringLiteral("first_message"), first >= 0
                                                      ? QJsonValue(static_cast<double>(m_data.things.at(first).id))
                                                      : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("first_message_name"), nullable(m_data.fullname(first)));
        o.insert(QStringLiteral("score"), 0);
    }
    return o;
}

QJsonObject RedditStore::commentJson(int index, int account, bool rawJson, int depth, bool withReplies) const {
    const RedditThing& t = m_data.things.at(index);
    const RedditThing& post = m_data.things.at(t.link);
    const QString sub = m_data.subreddits.at(t.subreddit).name;
    const bool mod = moderatesThing(account, t);
    const QString body = bodyOf(index, account);
    QJsonArray reports;
    int reportCount = 0;
    for (const auto& [reason, count] : t.userReports) {
        reports.append(QJsonArray{reason, count});
        reportCount += count;
    }
    QJsonObject o{{QStringLiteral("id"), RedditData::base36(t.id)},
                  {QStringLiteral("name"), m_data.fullname(index)},
                  {QStringLiteral("author"), t.author},
                  {QStringLiteral("author_fullname"),
                   t.deleted ? QJsonValue(QJsonValue::Null) : QJsonValue(userFullname(t.author))},
                  {QStringLiteral("body"), rawJson ? body : escapeHtml(body)},
                  {QStringLiteral("body_html"), html(body, rawJson)},
                  {QStringLiteral("created"), static_cast<double>(t.createdMs / 1000 - kPacificOffsetSeconds)},
                  {QStringLiteral("created_utc"), seconds(t.createdMs)},
                  {QStringLiteral("edited"), t.editedMs > 0 ? seconds(t.editedMs) : QJsonValue(false)},
                  {QStringLiteral("parent_id"), m_data.fullname(t.parent)},
                  {QStringLiteral("link_id"), m_data.fullname(t.link)},
                  {QStringLiteral("subreddit"), sub},
                  {QStringLiteral("subreddit_id"),
                   QString(QStringLiteral("t5_") + RedditData::base36(m_data.subreddits.at(t.subreddit).id))},
                  {QStringLiteral("subreddit_name_prefixed"), QString(QStringLiteral("r/") + sub)},
                  {QStringLiteral("permalink"), permalink(index)},
                  {QStringLiteral("score"), t.score},
                  {QStringLiteral("ups"), t.score},
                  {QStringLiteral("downs"), 0},
                  {QStringLiteral("locked"), t.locked},
                  {QStringLiteral("stickied"), false},
                  {QStringLiteral("archived"), false},
                  {QStringLiteral("is_submitter"), t.author == post.author},
                  {QStringLiteral("distinguished"), QJsonValue::Null},
                  {QStringLiteral("likes"), QJsonValue::Null},
                  {QStringLiteral("saved"), false},
                  {QStringLiteral("controversiality"), 0},
                  {QStringLiteral("all_awardings"), QJsonArray()},
                  {QStringLiteral("mod_reports"), QJsonArray()},
                  {QStringLiteral("user_reports"), mod ? reports : QJsonArray()},
                  {QStringLiteral("num_reports"), mod ? QJsonValue(reportCount) : QJsonValue(QJsonValue::Null)},
                  {QStringLiteral("ignore_reports"), mod && t.ignoreReports},
                  {QStringLiteral("approved"), mod && t.approved},
                  {QStringLiteral("removed"), mod && t.removed},
                  {QStringLiteral("spam"), mod && t.spam},
                  {QStringLiteral("banned_by"),
                   mod && t.removed ? QJsonValue(QStringLiteral("AutoModerator")) : QJsonValue(QJsonValue::Null)},
                  {QStringLiteral("approved_by"), QJsonValue::Null},
                  {QStringLiteral("removal_reason"), QJsonValue::Null}};
    if (depth >= 0) {
        o.insert(QStringLiteral("depth"), depth);
    } else {
        o.insert(QStringLiteral("link_title"), rawJson ? post.title : escapeHtml(post.title));
        o.insert(QStringLiteral("link_permalink"),
                 QString(QStringLiteral("https://www.reddit.com") + permalink(t.link)));
    }
    if (!withReplies) {
        o.insert(QStringLiteral("replies"), QString());
        return o;
    }
    QList<int> children;
    for (int i = index + 1; i < m_data.things.size(); ++i) {
        if (m_data.things.at(i).parent == index && m_data.things.at(i).kind == '1') {
            children.append(i);
        }
    }
    if (children.isEmpty()) {
        o.insert(QStringLiteral("replies"), QString());
        return o;
    }
    QJsonArray out;
    for (int k = 0; k < children.size() && k < kMaxChildren; ++k) {
        const bool deeper = depth + 1 < kMaxReplyDepth;
        out.append(
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("t1")},
                        {QStringLiteral("data"), commentJson(children.at(k), account, rawJson, depth + 1, deeper)}});
    }
    if (children.size() > kMaxChildren) {
        QJsonArray rest;
        for (int k = kMaxChildren; k < children.size(); ++k) {
            rest.append(RedditData::base36(m_data.things.at(children.at(k)).id));
        }
        out.append(
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("more")},
                        {QStringLiteral("data"), QJsonObject{{QStringLiteral("count"), rest.size()},
                                                             {QStringLiteral("name"), QStringLiteral("t1__")},
                                                             {QStringLiteral("id"), QStringLiteral("_")},
                                                             {QStringLiteral("parent_id"), m_data.fullname(index)},
                                                             {QStringLiteral("depth"), depth + 1},
                                                             {QStringLiteral("children"), rest}}}});
    }
    o.insert(QStringLiteral("replies"),
             QJsonObject{{QStringLiteral("kind"), QStringLiteral("Listing")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("after"), QJsonValue::Null},
                                                              {QStringLiteral("before"), QJsonValue::Null},
                                                              {QStringLiteral("dist"), QJsonValue::Null},
                                                              {QStringLiteral("modhash"), QString()},
                                                              {QStringLiteral("children"), out}}}});
    return o;
}

QJsonObject RedditStore::postJson(int index, int account, bool rawJson) const {
    const RedditThing& t = m_data.things.at(index);
    const QString sub = m_data.subreddits.at(t.subreddit).name;
    const bool mod = moderatesThing(account, t);
    const QString body =
        t.deleted ? QStringLiteral("[deleted]") : (t.removed && !mod ? QStringLiteral("[removed]") : t.body);
    int comments = 0;
    for (int i = index + 1; i < m_data.things.size(); ++i) {
        comments += m_data.things.at(i).link == index ? 1 : 0;
    }
    QJsonArray reports;
    int reportCount = 0;
    for (const auto& [reason, count] : t.userReports) {
        reports.append(QJsonArray{reason, count});
        reportCount += count;
    }
    return QJsonObject{{QStringLiteral("id"), RedditData::base36(t.id)},
                       {QStringLiteral("name"), m_data.fullname(index)},
                       {QStringLiteral("author"), t.author},
                       {QStringLiteral("author_fullname"),
                        t.deleted ? QJsonValue(QJsonValue::Null) : QJsonValue(userFullname(t.author))},
                       {QStringLiteral("title"), rawJson ? t.title : escapeHtml(t.title)},
                       {QStringLiteral("selftext"), rawJson ? body : escapeHtml(body)},
                       {QStringLiteral("selftext_html"),
                        body.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(html(body, rawJson))},
                       {QStringLiteral("created"), static_cast<double>(t.createdMs / 1000 - kPacificOffsetSeconds)},
                       {QStringLiteral("created_utc"), seconds(t.createdMs)},
                       {QStringLiteral("edited"), t.editedMs > 0 ? seconds(t.editedMs) : QJsonValue(false)},
                       {QStringLiteral("subreddit"), sub},
                       {QStringLiteral("subreddit_id"),
                        QString(QStringLiteral("t5_") + RedditData::base36(m_data.subreddits.at(t.subreddit).id))},
                       {QStringLiteral("subreddit_name_prefixed"), QString(QStringLiteral("r/") + sub)},
                       {QStringLiteral("permalink"), permalink(index)},
                       {QStringLiteral("url"), QString(QStringLiteral("https://www.reddit.com") + permalink(index))},
                       {QStringLiteral("domain"), QString(QStringLiteral("self.") + sub)},
                       {QStringLiteral("is_self"), true},
                       {QStringLiteral("over_18"), false},
                       {QStringLiteral("num_comments"), comments},
                       {QStringLiteral("score"), t.score},
                       {QStringLiteral("ups"), t.score},
                       {QStringLiteral("locked"), t.locked},
                       {QStringLiteral("stickied"), false},
                       {QStringLiteral("link_flair_text"), QJsonValue::Null},
                       {QStringLiteral("distinguished"), QJsonValue::Null},
                       {QStringLiteral("mod_reports"), QJsonArray()},
                       {QStringLiteral("user_reports"), mod ? reports : QJsonArray()},
                       {QStringLiteral("num_reports"), mod ? QJsonValue(reportCount) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("ignore_reports"), mod && t.ignoreReports},
                       {QStringLiteral("approved"), mod && t.approved},
                       {QStringLiteral("removed"), mod && t.removed},
                       {QStringLiteral("spam"), mod && t.spam}};
}

QJsonObject RedditStore::thingJson(int index, int account, bool rawJson) const {
    const char kind = m_data.things.at(index).kind;
    const QJsonObject data = kind == '3'   ? postJson(index, account, rawJson)
                             : kind == '1' ? commentJson(index, account, rawJson, -1, false)
                                           : messageJson(index, account, QStringLiteral("unknown"), false, rawJson);
    return QJsonObject{{QStringLiteral("kind"), QString(QStringLiteral("t") + QLatin1Char(kind))},
                       {QStringLiteral("data"), data}};
}

QJsonObject RedditStore::listing(const QList<int>& ordered, const ListingRequest& page, int account, bool asMessage,
                                 const QHash<int, QString>& types) const {
    const int limit = std::clamp(page.limit, 1, 100);
    QList<int> slice;
    QString after;
    QString before;
    auto cursorId = [&](const QString& fullname) { return m_data.byFullname(fullname); };
    bool vanished = false;
    if (!page.after.isEmpty() || !page.before.isEmpty()) {
        const int cursor = cursorId(page.after.isEmpty() ? page.before : page.after);
        // A deleted thing is gone from listings: as on Reddit, a cursor naming it matches nothing.
        vanished = cursor < 0 || m_data.things.at(cursor).deleted;
        if (!vanished) {
            const qint64 id = m_data.things.at(cursor).id;
            QList<int> candidates;
            for (const int i : ordered) {
                const qint64 other = m_data.things.at(i).id;
                if (page.after.isEmpty() ? other > id : other < id) {
                    candidates.append(i);
                }
            }
            if (!page.after.isEmpty()) {
                slice = candidates.mid(0, limit);
                if (candidates.size() > limit) {
                    after = m_data.fullname(slice.constLast());
                }
                if (!slice.isEmpty()) {
                    before = m_data.fullname(slice.constFirst());
                }
            } else {
                // The page of newer items that touches the cursor, still newest first.
                slice = candidates.mid(qMax<qsizetype>(0, candidates.size() - limit));
                if (candidates.size() > limit) {
                    before = m_data.fullname(slice.constFirst());
                }
                if (!slice.isEmpty()) {
                    after = m_data.fullname(slice.constLast());
                }
            }
        }
    } else {
        slice = ordered.mid(0, limit);
        if (ordered.size() > limit) {
            after = m_data.fullname(slice.constLast());
        }
    }
    QJsonArray children;
    for (const int i : std::as_const(slice)) {
        // Hidden things are dropped after the page is cut: a page may be short and still not the last one.
        if (!visibleTo(account, m_data.things.at(i))) {
            continue;
        }
        if (asMessage) {
            bool unread = false;
            for (const RedditInboxEntry& e : m_data.accounts.at(account).inbox) {
                if (e.thing == i) {
                    unread = e.unread;
                }
            }
            children.append(QJsonObject{
                {QStringLiteral("kind"), QString(QStringLiteral("t") + QLatin1Char(m_data.things.at(i).kind))},
                {QStringLiteral("data"),
                 messageJson(i, account, types.value(i, QStringLiteral("unknown")), unread, page.rawJson)}});
        } else {
            children.append(thingJson(i, account, page.rawJson));
        }
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("Listing")},
                       {QStringLiteral("data"), QJsonObject{{QStringLiteral("after"), nullable(after)},
                                                            {QStringLiteral("before"), nullable(before)},
                                                            {QStringLiteral("dist"), children.size()},
                                                            {QStringLiteral("modhash"), QString()},
                                                            {QStringLiteral("geo_filter"), QString()},
                                                            {QStringLiteral("children"), children}}}};
}

// ---- listings --------------------------------------------------------------------------------------------------

HttpResponse RedditStore::inbox(int account, const QString& where, const ListingRequest& page) const {
    const QMutexLocker lock(&m_mutex);
    const RedditAccount& a = m_data.accounts.at(account);
    QList<int> ordered;
    QHash<int, QString> types;
    if (where == QLatin1String("sent")) {
        for (int i = 0; i < m_data.things.size(); ++i) {
            if (m_data.things.at(i).kind == '4' && m_data.things.at(i).author == a.username) {
                ordered.append(i);
            }
        }
    } else {
        for (const RedditInboxEntry& e : a.inbox) {
            const char kind = m_data.things.at(e.thing).kind;
            const bool take = where == QLatin1String("inbox") || (where == QLatin1String("unread") && e.unread) ||
                              (where == QLatin1String("comments") && e.type == QLatin1String("comment_reply")) ||
                              (where == QLatin1String("selfreply") && e.type == QLatin1String("post_reply")) ||
                              (where == QLatin1String("mentions") && e.type == QLatin1String("username_mention")) ||
                              (where == QLatin1String("messages") && kind == '4');
            if (take) {
                ordered.append(e.thing);
                types.insert(e.thing, e.type);
            }
        }
    }
    std::sort(ordered.begin(), ordered.end(), [](int x, int y) { return x > y; });
    return jsonResponse(200, listing(ordered, page, account, true, types));
}

HttpResponse RedditStore::messageThread(int account, const QString& id36, bool rawJson) const {
    const QMutexLocker lock(&m_mutex);
    const int index = m_data.byFullname(QString(QStringLiteral("t4_") + id36));
    const QString me = m_data.accounts.at(account).username;
    if (index < 0) {
        return jsonResponse(404, error(404));
    }
    const RedditThing& t = m_data.things.at(index);
    if (t.author != me && t.dest != me) {
        return jsonResponse(403, error(403));
    }
    const int root = t.firstMessage >= 0 ? t.firstMessage : index;
    QJsonArray replies;
    for (int i = root + 1; i < m_data.things.size(); ++i) {
        if (m_data.things.at(i).kind == '4' && m_data.things.at(i).firstMessage == root) {
            replies.append(QJsonObject{
                {QStringLiteral("kind"), QStringLiteral("t4")},
                {QStringLiteral("data"), messageJson(i, account, QStringLiteral("unknown"), false, rawJson)}});
        }
    }
    QJsonObject rootJson = messageJson(root, account, QStringLiteral("unknown"), false, rawJson);
    if (!replies.isEmpty()) {
        rootJson.insert(QStringLiteral("replies"),
                        QJsonObject{{QStringLiteral("kind"), QStringLiteral("Listing")},
                                    {QStringLiteral("data"), QJsonObject{{QStringLiteral("after"), QJsonValue::Null},
                                                                         {QStringLiteral("before"), QJsonValue::Null},
                                                                         {QStringLiteral("children"), replies}}}});
    }
    return jsonResponse(200, {{QStringLiteral("kind"), QStringLiteral("Listing")},
                              {QStringLiteral("data"),
                               QJsonObject{{QStringLiteral("after"), QJsonValue::Null},
                                           {QStringLiteral("before"), QJsonValue::Null},
                                           {QStringLiteral("children"),
                                            QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("t4")},
                                                                   {QStringLiteral("data"), rootJson}}}}}}});
}

bool RedditStore::inModqueue(const RedditThing& t, const QString& location) const {
    if (t.deleted) {
        return false;
    }
    const bool reported = !t.userReports.isEmpty() && !t.ignoreReports;
    if (location == QLatin1String("modqueue")) {
        return reported && !t.approved && !t.removed;
    }
    if (location == QLatin1String("reports")) {
        return reported && !t.removed;
    }
    if (location == QLatin1String("spam")) {
        return t.removed;
    }
    if (location == QLatin1String("unmoderated")) {
        return t.kind == '3' && !t.approved && !t.removed;
    }
    if (location == QLatin1String("edited")) {
        return t.editedMs > 0;
    }
    return false;
}

HttpResponse RedditStore::about(int account, const QString& subreddits, const QString& location, const QString& only,
                                const ListingRequest& page) const {
    const QMutexLocker lock(&m_mutex);
    const RedditAccount& a = m_data.accounts.at(account);
    QList<int> subs;
    if (subreddits.compare(QLatin1String("mod"), Qt::CaseInsensitive) == 0) {
        subs = a.moderates;
    } else {
        for (const QString& name : subreddits.split(QLatin1Char('+'), Qt::SkipEmptyParts)) {
            int found = -1;
            for (int i = 0; i < m_data.subreddits.size(); ++i) {
                if (m_data.subreddits.at(i).name.compare(name, Qt::CaseInsensitive) == 0) {
                    found = i;
                }
            }
            if (found < 0) {
                return jsonResponse(404, error(404));
            }
            if (!a.moderates.contains(found)) {
                return jsonResponse(403, error(403));
            }
            subs.append(found);
        }
    }
    QList<int> ordered;
    for (int i = static_cast<int>(m_data.things.size()) - 1; i >= 0; --i) {
        const RedditThing& t = m_data.things.at(i);
        if (t.kind == '4' || !subs.contains(t.subreddit) || !inModqueue(t, location)) {
            continue;
        }
        if ((only == QLatin1String("links") && t.kind != '3') || (only == QLatin1String("comments") && t.kind != '1')) {
            continue;
        }
        ordered.append(i);
    }
    return jsonResponse(200, listing(ordered, page, account, false, {}));
}

HttpResponse RedditStore::comments(int account, const QString& link36, const QString& comment36, int contextLevels,
                                   bool rawJson) const {
    const QMutexLocker lock(&m_mutex);
    const int post = m_data.byFullname(QString(QStringLiteral("t3_") + link36));
    if (post < 0) {
        return jsonResponse(404, error(404));
    }
    QJsonArray top;
    if (!comment36.isEmpty()) {
        int focus = m_data.byFullname(QString(QStringLiteral("t1_") + comment36));
        if (focus < 0 || m_data.things.at(focus).link != post) {
            return jsonResponse(404, error(404));
        }
        for (int k = 0; k < std::clamp(contextLevels, 0, 8) && m_data.things.at(focus).parent != post; ++k) {
            focus = m_data.things.at(focus).parent;
        }
        top.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("t1")},
                               {QStringLiteral("data"), commentJson(focus, account, rawJson, 0, true)}});
    } else {
        for (int i = post + 1; i < m_data.things.size(); ++i) {
            if (m_data.things.at(i).parent == post && m_data.things.at(i).kind == '1') {
                top.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("t1")},
                                       {QStringLiteral("data"), commentJson(i, account, rawJson, 0, true)}});
            }
        }
    }
    auto wrap = [](const QJsonArray& children) {
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("Listing")},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("after"), QJsonValue::Null},
                                                                {QStringLiteral("before"), QJsonValue::Null},
                                                                {QStringLiteral("dist"), children.size()},
                                                                {QStringLiteral("modhash"), QString()},
                                                                {QStringLiteral("children"), children}}}};
    };
    const QJsonArray doc{wrap(QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("t3")},
                                                     {QStringLiteral("data"), postJson(post, account, rawJson)}}}),
                         wrap(top)};
    static const QRegularExpression kWhole(QStringLiteral("\"(created|created_utc|edited)\":(\\d+)([,}])"));
    QString text = QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact));
    text.replace(kWhole, QStringLiteral("\"\\1\":\\2.0\\3"));
    return HttpResponse::json(200, text.toUtf8());
}

HttpResponse RedditStore::info(int account, const QStringList& fullnames, bool rawJson) const {
    const QMutexLocker lock(&m_mutex);
    QList<int> found;
    for (const QString& name : fullnames) {
        const int i = m_data.byFullname(name.trimmed());
        if (i >= 0 && m_data.things.at(i).kind != '4' && !found.contains(i)) {
            found.append(i);
        }
    }
    ListingRequest page;
    page.limit = 100;
    page.rawJson = rawJson;
    return jsonResponse(200, listing(found, page, account, false, {}));
}

HttpResponse RedditStore::userComments(int account, const QString& username, const ListingRequest& page) const {
    const QMutexLocker lock(&m_mutex);
    QList<int> ordered;
    for (int i = static_cast<int>(m_data.things.size()) - 1; i >= 0; --i) {
        const RedditThing& t = m_data.things.at(i);
        if (t.kind == '1' && !t.deleted && t.author.compare(username, Qt::CaseInsensitive) == 0) {
            ordered.append(i);
        }
    }
    return jsonResponse(200, listing(ordered, page, account, false, {}));
}

// ---- writes ----------------------------------------------------------------------------------------------------

int RedditStore::newThing(RedditThing thing) {
    m_data.nextId += m_live.between(1, 60);
    thing.id = m_data.nextId;
    m_data.things.append(std::move(thing));
    const int index = static_cast<int>(m_data.things.size() - 1);
    m_data.byId.insert(m_data.things.at(index).id, index);
    return index;
}

void RedditStore::addToInbox(int account, int thing, const QString& type) {
    RedditInboxEntry e;
    e.thing = thing;
    e.type = type;
    m_data.accounts[account].inbox.append(e);
}

HttpResponse RedditStore::comment(int account, const QString& thingId, const std::optional<QString>& text, bool apiJson,
                                  bool rawJson) {
    const QMutexLocker lock(&m_mutex);
    auto failure = [&](const QString& code, const QString& message, const QString& field) {
        if (!apiJson) {
            return jsonResponse(200, {{QStringLiteral("jquery"),
                                       QJsonArray{QJsonArray{0, 1, QStringLiteral("call"), QJsonArray{message}}}},
                                      {QStringLiteral("success"), false}});
        }
        // Errors arrive inside an HTTP 200.
        return jsonResponse(200,
                            {{QStringLiteral("json"),
                              QJsonObject{{QStringLiteral("errors"), QJsonArray{QJsonArray{code, message, field}}}}}});
    };
    if (m_failComments > 0) {
        --m_failComments;
        const int wait = static_cast<int>(std::ceil(m_failRatelimit));
        QJsonObject json{{QStringLiteral("errors"),
                          QJsonArray{QJsonArray{QStringLiteral("RATELIMIT"),
                                                QStringLiteral("Looks like you've been doing that a lot. Take a break "
                                                               "for %1 seconds before trying again.")
                                                    .arg(wait),
                                                QStringLiteral("ratelimit")}}},
                         {QStringLiteral("ratelimit"), m_failRatelimit}};
        return jsonResponse(200, {{QStringLiteral("json"), json}});
    }
    const QString body = text.value_or(QString());
    if (body.trimmed().isEmpty()) {
        return failure(QStringLiteral("NO_TEXT"), QStringLiteral("we need something here"), QStringLiteral("text"));
    }
    if (body.size() > 10000) {
        return failure(QStringLiteral("TOO_LONG"), QStringLiteral("this is too long (max: 10000)"),
                       QStringLiteral("text"));
    }
    const int parent = m_data.byFullname(thingId);
    if (parent < 0 || m_data.things.at(parent).deleted || m_data.things.at(parent).removed) {
        return failure(QStringLiteral("DELETED_COMMENT"), QStringLiteral("that comment has been deleted"),
                       QStringLiteral("parent"));
    }
    const RedditThing p = m_data.things.at(parent);
    const RedditAccount& a = m_data.accounts.at(account);
    RedditThing t;
    t.author = a.username;
    t.body = body;
    t.createdMs = m_clock.nowMs();
    if (p.kind == '4') {
        if (p.author != a.username && p.dest != a.username) {
            return failure(QStringLiteral("DELETED_COMMENT"), QStringLiteral("that comment has been deleted"),
                           QStringLiteral("parent"));
        }
        t.kind = '4';
        t.parent = parent;
        t.firstMessage = p.firstMessage >= 0 ? p.firstMessage : parent;
        t.dest = p.author == a.username ? p.dest : p.author;
        t.title = QStringLiteral("re: ") + m_data.things.at(t.firstMessage).title;
    } else {
        const int link = p.kind == '3' ? parent : p.link;
        if ((p.locked || m_data.things.at(link).locked) && !moderatesThing(account, p)) {
            return failure(QStringLiteral("THREAD_LOCKED"), QStringLiteral("Comments are locked."),
                           QStringLiteral("parent"));
        }
        t.kind = '1';
        t.parent = parent;
        t.link = link;
        t.subreddit = p.subreddit;
    }
    const int created = newThing(t);
    ++m_commentsCreated;
    const QJsonObject data = t.kind == '1' ? commentJson(created, account, rawJson, -1, false)
                                           : messageJson(created, account, QStringLiteral("unknown"), false, rawJson);
    if (!apiJson) {
        return jsonResponse(200, {{QStringLiteral("jquery"), QJsonArray{}}, {QStringLiteral("success"), true}});
    }
    return jsonResponse(
        200, {{QStringLiteral("json"),
               QJsonObject{{QStringLiteral("errors"), QJsonArray()},
                           {QStringLiteral("data"),
                            QJsonObject{{QStringLiteral("things"),
                                         QJsonArray{QJsonObject{{QStringLiteral("kind"),
                                                                 QString(QStringLiteral("t") + QLatin1Char(t.kind))},
                                                                {QStringLiteral("data"), data}}}}}}}}});
}

HttpResponse RedditStore::moderate(int account, ModAction action, const QString& fullname, bool spam) {
    const QMutexLocker lock(&m_mutex);
    const int index = m_data.byFullname(fullname);
    if (index < 0) {
        return jsonResponse(404, error(404));
    }
    RedditThing& t = m_data.things[index];
    if (!moderatesThing(account, t)) {
        return jsonResponse(403, error(403));
    }
    switch (action) {
    case ModAction::Remove:
        t.removed = true;
        t.spam = spam;
        t.approved = false;
        break;
    case ModAction::Approve:
        t.approved = true;
        t.removed = false;
        t.spam = false;
        t.userReports.clear(); // approving discards the reports
        break;
    case ModAction::Lock:
        t.locked = true;
        break;
    case ModAction::Unlock:
        t.locked = false;
        break;
    case ModAction::IgnoreReports:
        t.ignoreReports = true;
        break;
    case ModAction::UnignoreReports:
        t.ignoreReports = false;
        break;
    }
    return HttpResponse::json(200, "{}");
}

HttpResponse RedditStore::deleteOwn(int account, const QString& fullname) {
    const QMutexLocker lock(&m_mutex);
    const int index = m_data.byFullname(fullname);
    if (index < 0) {
        return jsonResponse(404, error(404));
    }
    RedditThing& t = m_data.things[index];
    if (t.author != m_data.accounts.at(account).username) {
        return jsonResponse(403, error(403));
    }
    t.deleted = true;
    t.author = QStringLiteral("[deleted]");
    HttpResponse response;
    response.status = 200;
    response.setHeader("Content-Type", "application/json; charset=UTF-8");
    return response; // no body
}

HttpResponse RedditStore::block(int account, const QString& fullname) {
    const QMutexLocker lock(&m_mutex);
    const int index = m_data.byFullname(fullname);
    if (index < 0) {
        return jsonResponse(404, error(404));
    }
    const QString author = m_data.things.at(index).author;
    QStringList& blocked = m_data.accounts[account].blocked;
    if (!author.isEmpty() && author != QLatin1String("[deleted]") && !blocked.contains(author)) {
        blocked.append(author);
    }
    return HttpResponse::json(200, "{}");
}

HttpResponse RedditStore::readMessages(int account, const QStringList& fullnames) {
    const QMutexLocker lock(&m_mutex);
    for (RedditInboxEntry& e : m_data.accounts[account].inbox) {
        if (fullnames.contains(m_data.fullname(e.thing))) {
            e.unread = false;
        }
    }
    return HttpResponse::json(200, "{}");
}

// ---- hooks -----------------------------------------------------------------------------------------------------

QString RedditStore::addLive(int account, LiveKind kind, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_data.accounts.size()) {
        return {};
    }
    const RedditAccount a = m_data.accounts.at(account);
    const int sub = a.moderates.constFirst();
    const qint64 now = m_clock.nowMs();
    const QString author =
        m_data.people.at(static_cast<qsizetype>(m_live.below(static_cast<quint32>(m_data.people.size()))));
    const bool mention = kind == LiveKind::Mention;
    QString body = text.isEmpty() ? RedditGenerator::communityText(a, m_live, mention) : text;
    if (mention && !text.isEmpty() && !body.contains(QStringLiteral("u/") + a.username)) {
        body = QStringLiteral("u/") + a.username + QLatin1Char(' ') + body;
    }
    auto latest = [&](auto predicate) {
        for (int i = static_cast<int>(m_data.things.size()) - 1; i >= 0; --i) {
            if (predicate(m_data.things.at(i))) {
                return i;
            }
        }
        return -1;
    };
    RedditThing c;
    c.kind = '1';
    c.author = author;
    c.body = body;
    c.createdMs = now;
    QString type;
    switch (kind) {
    case LiveKind::Mention: {
        RedditThing p;
        p.kind = '3';
        p.author = m_data.people.at(static_cast<qsizetype>(m_live.below(static_cast<quint32>(m_data.people.size()))));
        p.subreddit = sub;
        p.createdMs = now - 3600000;
        p.title = QStringLiteral("Anyone from the ") + a.product + QStringLiteral(" team around?");
        const int post = newThing(p);
        c.subreddit = sub;
        c.link = post;
        c.parent = post;
        type = QStringLiteral("username_mention");
        break;
    }
    case LiveKind::PostReply:
    case LiveKind::Report: {
        const int post = latest([&](const RedditThing& t) {
            return t.kind == '3' && t.subreddit == sub && !t.deleted && !t.locked &&
                   (kind == LiveKind::Report || t.author == a.username);
        });
        if (post < 0) {
            return {};
        }
        c.subreddit = sub;
        c.link = post;
        c.parent = post;
        if (kind == LiveKind::Report) {
            c.userReports.append({QStringLiteral("Spam"), 1});
        } else {
            type = QStringLiteral("post_reply");
        }
        break;
    }
    case LiveKind::CommentReply: {
        const int own = latest([&](const RedditThing& t) { return t.kind == '1' && t.author == a.username; });
        if (own < 0) {
            return {};
        }
        c.subreddit = m_data.things.at(own).subreddit;
        c.link = m_data.things.at(own).link;
        c.parent = own;
        type = QStringLiteral("comment_reply");
        break;
    }
    case LiveKind::Message:
        c.kind = '4';
        c.dest = a.username;
        c.title = text.isEmpty() ? QStringLiteral("Question about ") + a.product : text.left(60);
        type = QStringLiteral("unknown");
        break;
    }
    const int thing = newThing(c);
    if (c.kind == '4') {
        m_data.things[thing].firstMessage = thing;
    }
    if (!type.isEmpty()) {
        addToInbox(account, thing, type);
    }
    return m_data.fullname(thing);
}

void RedditStore::addLiveActivity() {
    int accountCount = 0;
    quint64 tick = 0;
    {
        const QMutexLocker lock(&m_mutex);
        accountCount = static_cast<int>(m_data.accounts.size());
        tick = m_liveTicks++;
    }
    if (accountCount == 0) {
        return;
    }
    static const LiveKind kCycle[] = {LiveKind::Mention, LiveKind::PostReply, LiveKind::Message, LiveKind::CommentReply,
                                      LiveKind::Report};
    const int account = tick % 4 == 3 ? static_cast<int>(tick / 4 % static_cast<quint64>(accountCount)) : 0;
    addLive(account, kCycle[tick % std::size(kCycle)], {});
}

bool RedditStore::expireAccessTokens(int account) {
    const QMutexLocker lock(&m_mutex);
    bool any = false;
    for (Token& t : m_tokens) {
        if (t.account == account) {
            t.expiresWallMs = 0;
            any = true;
        }
    }
    return any;
}

bool RedditStore::revokeRefreshToken(int account) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_data.accounts.size()) {
        return false;
    }
    m_data.accounts[account].refreshRevoked = true;
    for (Token& t : m_tokens) {
        if (t.account == account) {
            t.expiresWallMs = 0;
        }
    }
    return true;
}

void RedditStore::failNextComments(int count, double ratelimitSeconds) {
    const QMutexLocker lock(&m_mutex);
    m_failComments = count;
    m_failRatelimit = ratelimitSeconds;
}

void RedditStore::setTokenLifetimeMs(qint64 ms) {
    const QMutexLocker lock(&m_mutex);
    m_tokenLifetimeMs = qMax<qint64>(1000, ms);
}

int RedditStore::commentsCreated() const {
    const QMutexLocker lock(&m_mutex);
    return m_commentsCreated;
}

int RedditStore::commentsWithText(const QString& text) const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(std::count_if(m_data.things.cbegin(), m_data.things.cend(),
                                          [&](const RedditThing& t) { return !t.deleted && t.body == text; }));
}

int RedditStore::inboxCount(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_data.accounts.size() ? static_cast<int>(m_data.accounts.at(account).inbox.size())
                                                            : 0;
}

QStringList RedditStore::inboxFullnames(int account) const {
    const QMutexLocker lock(&m_mutex);
    QList<int> things;
    if (account >= 0 && account < m_data.accounts.size()) {
        for (const RedditInboxEntry& e : m_data.accounts.at(account).inbox) {
            things.append(e.thing);
        }
    }
    std::sort(things.begin(), things.end(), [](int x, int y) { return x > y; });
    QStringList out;
    for (const int t : std::as_const(things)) {
        out.append(m_data.fullname(t));
    }
    return out;
}

QStringList RedditStore::modqueueFullnames(int account) const {
    const QMutexLocker lock(&m_mutex);
    QStringList out;
    for (int i = static_cast<int>(m_data.things.size()) - 1; i >= 0; --i) {
        const RedditThing& t = m_data.things.at(i);
        if (t.kind != '4' && m_data.accounts.at(account).moderates.contains(t.subreddit) &&
            inModqueue(t, QStringLiteral("modqueue"))) {
            out.append(m_data.fullname(i));
        }
    }
    return out;
}

int RedditStore::accountCount() const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_data.accounts.size());
}

int RedditStore::modqueueCount(int account) const {
    const QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const RedditThing& t : m_data.things) {
        n += t.kind != '4' && m_data.accounts.at(account).moderates.contains(t.subreddit) &&
                     inModqueue(t, QStringLiteral("modqueue"))
                 ? 1
                 : 0;
    }
    return n;
}

RedditStore::ThingState RedditStore::thingState(const QString& fullname) const {
    const QMutexLocker lock(&m_mutex);
    ThingState s;
    const int index = m_data.byFullname(fullname);
    if (index < 0) {
        return s;
    }
    const RedditThing& t = m_data.things.at(index);
    s.exists = true;
    s.removed = t.removed;
    s.spam = t.spam;
    s.approved = t.approved;
    s.locked = t.locked;
    s.ignoreReports = t.ignoreReports;
    s.deleted = t.deleted;
    for (const auto& r : t.userReports) {
        s.reports += r.second;
    }
    return s;
}

bool RedditStore::editThing(const QString& fullname, const QString& body) {
    const QMutexLocker lock(&m_mutex);
    const int index = m_data.byFullname(fullname);
    if (index < 0 || m_data.things.at(index).deleted) {
        return false;
    }
    m_data.things[index].body = body;
    m_data.things[index].editedMs = m_clock.nowMs();
    return true;
}

bool RedditStore::deleteThing(const QString& fullname) {
    const QMutexLocker lock(&m_mutex);
    const int index = m_data.byFullname(fullname);
    if (index < 0) {
        return false;
    }
    m_data.things[index].deleted = true;
    m_data.things[index].author = QStringLiteral("[deleted]");
    return true;
}

} // namespace baton::sandbox
