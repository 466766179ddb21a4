#include "core/sandbox/bluesky/BlueskyStore.h"

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/bluesky/BlueskyFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace baton::sandbox {

using namespace bluesky;

namespace {

const QString kPost = QStringLiteral("app.bsky.feed.post");
const QString kBlock = QStringLiteral("app.bsky.graph.block");

HttpResponse invalid(const QString& message) {
    return error(400, QStringLiteral("InvalidRequest"), message);
}

HttpResponse missingProperty(const QString& name) {
    return invalid(QStringLiteral("Input must have the property \"%1\"").arg(name));
}

QString stamp(qint64 ms) {
    return datetime(ms, DateStyle::Millis);
}

// Cursors are opaque to clients: the sort key (indexedAt, arrival) of the last notification served.
QString makeCursor(qint64 ms, quint64 seq) {
    const QByteArray raw = QByteArray::number(ms) + ':' + QByteArray::number(seq);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool readCursor(const QString& cursor, qint64* ms, quint64* seq) {
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                               QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return false;
    }
    const QList<QByteArray> parts = decoded.decoded.split(':');
    bool okMs = false;
    bool okSeq = false;
    if (parts.size() != 2) {
        return false;
    }
    *ms = parts.at(0).toLongLong(&okMs);
    *seq = parts.at(1).toULongLong(&okSeq);
    return okMs && okSeq;
}

bool olderThan(const BlueskyNotification& n, qint64 ms, quint64 seq) {
    return n.indexedMs < ms || (n.indexedMs == ms && n.seq < seq);
}

bool isStrongRef(const QJsonValue& value) {
    const QJsonObject o = value.toObject();
    return value.isObject() && o.value(QStringLiteral("uri")).isString() &&
           o.value(QStringLiteral("uri")).toString().startsWith(QLatin1String("at://")) &&
           o.value(QStringLiteral("cid")).isString() && !o.value(QStringLiteral("cid")).toString().isEmpty();
}

} // namespace

BlueskyStore::BlueskyStore(const SandboxOptions& options, const SandboxClock& clock)
    : m_clock(clock)
    , m_rng(SandboxRandom(options.seed).fork(0xB5C1)) {
    m_accessLifetimeMs = std::max<qint64>(1000, options.blueskyAccessLifetimeMs);
    m_tidClock = m_rng.below(1024);
    populate(options);
}

// ---- accounts and sessions ------------------------------------------------------------------------------------

QList<SandboxAccount> BlueskyStore::accounts(const QString& baseUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const BlueskyAccount& a : m_accounts) {
        const BlueskyActor& actor = m_actors.at(a.actor);
        SandboxAccount s;
        s.network = QStringLiteral("bluesky");
        s.name = a.name;
        s.baseUrl = baseUrl;
        s.remoteId = actor.did;
        s.acct = actor.handle;
        QJsonObject secret;
        secret.insert(QStringLiteral("identifier"), actor.handle);
        secret.insert(QStringLiteral("password"), a.password);
        s.token = QString::fromUtf8(QJsonDocument(secret).toJson(QJsonDocument::Compact));
        out.append(s);
    }
    return out;
}

int BlueskyStore::accountCount() const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_accounts.size());
}

QString BlueskyStore::accountName(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).name : QString();
}

QString BlueskyStore::accountDid(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_actors.at(m_accounts.at(account).actor).did : QString();
}

int BlueskyStore::accountForIdentifier(const QString& identifier) const {
    const QMutexLocker lock(&m_mutex);
    const QString wanted = identifier.trimmed().toLower();
    for (qsizetype i = 0; i < m_accounts.size(); ++i) {
        const BlueskyActor& actor = m_actors.at(m_accounts.at(i).actor);
        if (wanted == actor.handle || wanted == actor.did || wanted == m_accounts.at(i).email) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void BlueskyStore::setAccessLifetimeMs(qint64 ms) {
    const QMutexLocker lock(&m_mutex);
    m_accessLifetimeMs = std::max<qint64>(1, ms);
}

QString BlueskyStore::issueToken(int account, bool refresh) {
    const qint64 lifetime = refresh ? m_refreshLifetimeMs : m_accessLifetimeMs;
    const qint64 wall = SandboxClock::wallMs();
    QJsonObject header{{QStringLiteral("typ"), refresh ? QStringLiteral("refresh+jwt") : QStringLiteral("at+jwt")},
                       {QStringLiteral("alg"), QStringLiteral("HS256K")}};
    // exp is on the wall clock, so a client comparing it with its own time sees the lifetime left.
    QJsonObject payload{{QStringLiteral("scope"),
                         refresh ? QStringLiteral("com.atproto.refresh") : QStringLiteral("com.atproto.appPass")},
                        {QStringLiteral("sub"), m_actors.at(m_accounts.at(account).actor).did},
                        {QStringLiteral("aud"), QStringLiteral("did:web:bsky.sandbox")},
                        {QStringLiteral("iat"), wall / 1000},
                        {QStringLiteral("exp"), (wall + lifetime) / 1000}};
    if (refresh) {
        payload.insert(QStringLiteral("jti"), QString::number(m_rng.next(), 36));
    }
    const QString token = jwtLike(header, payload, m_rng);
    m_sessions.insert(token, BlueskySession{account, refresh, m_clock.nowMs() + lifetime, false});
    return token;
}

QJsonObject BlueskyStore::sessionJson(int account, const QString& pdsUrl) const {
    const BlueskyAccount& a = m_accounts.at(account);
    const BlueskyActor& actor = m_actors.at(a.actor);
    QJsonObject service{{QStringLiteral("id"), QStringLiteral("#atproto_pds")},
                        {QStringLiteral("type"), QStringLiteral("AtprotoPersonalDataServer")},
                        {QStringLiteral("serviceEndpoint"), pdsUrl}};
    QJsonObject didDoc{{QStringLiteral("@context"), QJsonArray{QStringLiteral("https://www.w3.org/ns/did/v1")}},
                       {QStringLiteral("id"), actor.did},
                       {QStringLiteral("alsoKnownAs"), QJsonArray{QString(QStringLiteral("at://") + actor.handle)}},
                       {QStringLiteral("service"), QJsonArray{service}}};
    return QJsonObject{{QStringLiteral("handle"), actor.handle}, {QStringLiteral("did"), actor.did},
                       {QStringLiteral("didDoc"), didDoc},       {QStringLiteral("email"), a.email},
                       {QStringLiteral("emailConfirmed"), true}, {QStringLiteral("emailAuthFactor"), false},
                       {QStringLiteral("active"), true}};
}

HttpResponse BlueskyStore::createSession(int account, const QString& password, const QString& pdsUrl) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size() || password != m_accounts.at(account).password) {
        return error(401, QStringLiteral("AuthenticationRequired"), QStringLiteral("Invalid identifier or password"));
    }
    ++m_accounts[account].sessionsCreated;
    QJsonObject body = sessionJson(account, pdsUrl);
    body.insert(QStringLiteral("accessJwt"), issueToken(account, false));
    body.insert(QStringLiteral("refreshJwt"), issueToken(account, true));
    return ok(body);
}

BlueskyStore::Auth BlueskyStore::authenticate(const QString& token, bool refresh) const {
    const QMutexLocker lock(&m_mutex);
    Auth auth;
    const auto it = m_sessions.constFind(token);
    if (it == m_sessions.constEnd()) {
        auth.status = 401;
        auth.error = QStringLiteral("InvalidToken");
        auth.message = QStringLiteral("Token could not be verified");
        return auth;
    }
    const BlueskySession& s = *it;
    if (s.refresh != refresh) {
        auth.status = 400;
        auth.error = QStringLiteral("InvalidToken");
        auth.message = refresh ? QStringLiteral("Invalid token type") : QStringLiteral("Bad token scope");
    } else if (s.revoked) {
        auth.status = refresh ? 400 : 401;
        auth.error = refresh ? QStringLiteral("ExpiredToken") : QStringLiteral("InvalidToken");
        auth.message = QStringLiteral("Token has been revoked");
    } else if (m_clock.nowMs() >= s.expiresMs) {
        auth.status = 400;
        auth.error = QStringLiteral("ExpiredToken");
        auth.message = QStringLiteral("Token has expired");
    } else {
        auth.account = s.account;
    }
    return auth;
}

HttpResponse BlueskyStore::refreshSession(int account, const QString& refreshToken, const QString& pdsUrl) {
    const QMutexLocker lock(&m_mutex);
    auto it = m_sessions.find(refreshToken);
    if (it == m_sessions.end() || it->revoked || !it->refresh) {
        return error(400, QStringLiteral("ExpiredToken"), QStringLiteral("Token has been revoked"));
    }
    it->revoked = true; // rotation: the old refresh token is spent
    ++m_accounts[account].refreshes;
    QJsonObject body = sessionJson(account, pdsUrl);
    body.insert(QStringLiteral("accessJwt"), issueToken(account, false));
    body.insert(QStringLiteral("refreshJwt"), issueToken(account, true));
    return ok(body);
}

HttpResponse BlueskyStore::getSession(int account, const QString& pdsUrl) const {
    const QMutexLocker lock(&m_mutex);
    return ok(sessionJson(account, pdsUrl));
}

// ---- reading --------------------------------------------------------------------------------------------------

const BlueskyPost* BlueskyStore::findPost(const QString& uri) const {
    const auto it = m_postByUri.constFind(uri);
    return it == m_postByUri.constEnd() ? nullptr : &m_posts.at(*it);
}

int BlueskyStore::actorForIdentifier(const QString& didOrHandle) const {
    const QString key = didOrHandle.trimmed().toLower();
    if (key.startsWith(QLatin1String("did:"))) {
        return m_actorByDid.value(didOrHandle.trimmed(), -1);
    }
    const QString did = m_didByHandle.value(key);
    return did.isEmpty() ? -1 : m_actorByDid.value(did, -1);
}

bool BlueskyStore::hidden(const BlueskyAccount& account, const BlueskyNotification& n) const {
    const QString& did = m_actors.at(n.author).did;
    if (account.muted.contains(did) ||
        std::find(account.blocks.cbegin(), account.blocks.cend(), did) != account.blocks.cend()) {
        return true;
    }
    const BlueskyPost* post = findPost(n.uri);
    return post != nullptr && post->deleted;
}

QJsonObject BlueskyStore::profileJson(int actor, int viewer) const {
    const BlueskyActor& a = m_actors.at(actor);
    QJsonObject out{{QStringLiteral("did"), a.did}, {QStringLiteral("handle"), a.handle}};
    if (!a.displayName.isEmpty()) {
        out.insert(QStringLiteral("displayName"), a.displayName);
    }
    if (!a.avatar.isEmpty()) {
        out.insert(QStringLiteral("avatar"), a.avatar);
    }
    QJsonObject viewerState{{QStringLiteral("muted"), false}, {QStringLiteral("blockedBy"), false}};
    if (viewer >= 0) {
        const BlueskyAccount& v = m_accounts.at(viewer);
        viewerState.insert(QStringLiteral("muted"), v.muted.contains(a.did));
        for (auto it = v.blocks.cbegin(); it != v.blocks.cend(); ++it) {
            if (it.value() == a.did) {
                viewerState.insert(QStringLiteral("blocking"), atUri(m_actors.at(v.actor).did, kBlock, it.key()));
            }
        }
    }
    out.insert(QStringLiteral("viewer"), viewerState);
    out.insert(QStringLiteral("labels"), QJsonArray());
    return out;
}

QJsonObject BlueskyStore::notificationJson(int viewer, const BlueskyNotification& n) const {
    const BlueskyAccount& account = m_accounts.at(viewer);
    QJsonObject out{{QStringLiteral("uri"), n.uri},
                    {QStringLiteral("cid"), n.cid},
                    {QStringLiteral("author"), profileJson(n.author, viewer)},
                    {QStringLiteral("reason"), n.reason},
                    {QStringLiteral("record"), n.record},
                    {QStringLiteral("isRead"), n.indexedMs <= account.seenAtMs},
                    {QStringLiteral("indexedAt"), stamp(n.indexedMs)},
                    {QStringLiteral("labels"), QJsonArray()}};
    if (!n.reasonSubject.isEmpty()) {
        out.insert(QStringLiteral("reasonSubject"), n.reasonSubject);
    }
    return out;
}

HttpResponse BlueskyStore::listNotifications(int account, const NotificationQuery& query) const {
    const QMutexLocker lock(&m_mutex);
    const BlueskyAccount& a = m_accounts.at(account);
    qint64 cursorMs = 0;
    quint64 cursorSeq = 0;
    const bool paged = !query.cursor.isEmpty();
    if (paged && !readCursor(query.cursor, &cursorMs, &cursorSeq)) {
        return invalid(QStringLiteral("Malformed cursor"));
    }
    QJsonArray items;
    const BlueskyNotification* last = nullptr;
    for (auto it = a.notifications.crbegin(); it != a.notifications.crend() && items.size() < query.limit; ++it) {
        if ((paged && !olderThan(*it, cursorMs, cursorSeq)) || hidden(a, *it) ||
            (!query.reasons.isEmpty() && !query.reasons.contains(it->reason))) {
            continue;
        }
        items.append(notificationJson(account, *it));
        last = &*it;
    }
    QJsonObject body{{QStringLiteral("notifications"), items}, {QStringLiteral("priority"), false}};
    if (last != nullptr && items.size() == query.limit) {
        body.insert(QStringLiteral("cursor"), makeCursor(last->indexedMs, last->seq));
    }
    if (a.seenAtMs > 0) {
        body.insert(QStringLiteral("seenAt"), stamp(a.seenAtMs));
    }
    return ok(body);
}

HttpResponse BlueskyStore::unreadCount(int account) const {
    const QMutexLocker lock(&m_mutex);
    const BlueskyAccount& a = m_accounts.at(account);
    int count = 0;
    for (const BlueskyNotification& n : a.notifications) {
        count += n.indexedMs > a.seenAtMs && !hidden(a, n) ? 1 : 0;
    }
    return ok(QJsonObject{{QStringLiteral("count"), count}});
}

HttpResponse BlueskyStore::updateSeen(int account, const QString& seenAt) {
    const std::optional<qint64> ms = parseDatetime(seenAt);
    if (!ms) {
        return invalid(QStringLiteral("Input/seenAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)"));
    }
    const QMutexLocker lock(&m_mutex);
    m_accounts[account].seenAtMs = *ms;
    return emptyOk();
}

QJsonObject BlueskyStore::postViewJson(const BlueskyPost& post, int viewer) const {
    int replies = 0;
    for (const qsizetype child : m_children.value(post.uri)) {
        replies += m_posts.at(child).deleted ? 0 : 1;
    }
    QJsonObject out{{QStringLiteral("uri"), post.uri},
                    {QStringLiteral("cid"), post.cid},
                    {QStringLiteral("author"), profileJson(post.author, viewer)},
                    {QStringLiteral("record"), post.record},
                    {QStringLiteral("replyCount"), replies},
                    {QStringLiteral("repostCount"), post.reposts},
                    {QStringLiteral("likeCount"), post.likes},
                    {QStringLiteral("quoteCount"), 0},
                    {QStringLiteral("indexedAt"), stamp(post.indexedMs)},
                    {QStringLiteral("viewer"), QJsonObject{{QStringLiteral("threadMuted"), false}}},
                    {QStringLiteral("labels"), QJsonArray()}};
    if (!post.quotedUri.isEmpty()) {
        const BlueskyPost* quoted = findPost(post.quotedUri);
        QJsonObject record;
        if (quoted == nullptr || quoted->deleted) {
            record = QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.embed.record#viewNotFound")},
                                 {QStringLiteral("uri"), post.quotedUri},
                                 {QStringLiteral("notFound"), true}};
        } else {
            record = QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.embed.record#viewRecord")},
                                 {QStringLiteral("uri"), quoted->uri},
                                 {QStringLiteral("cid"), quoted->cid},
                                 {QStringLiteral("author"), profileJson(quoted->author, viewer)},
                                 {QStringLiteral("value"), quoted->record},
                                 {QStringLiteral("indexedAt"), stamp(quoted->indexedMs)},
                                 {QStringLiteral("labels"), QJsonArray()}};
        }
        out.insert(QStringLiteral("embed"),
                   QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.embed.record#view")},
                               {QStringLiteral("record"), record}});
    }
    return out;
}

QJsonObject BlueskyStore::parentJson(const QString& uri, int viewer, int height) const {
    const BlueskyPost* post = findPost(uri);
    if (post == nullptr || post->deleted) {
        return QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.defs#notFoundPost")},
                           {QStringLiteral("uri"), uri},
                           {QStringLiteral("notFound"), true}};
    }
    if (viewer >= 0 && blocking(viewer, m_actors.at(post->author).did)) {
        const QJsonObject profile = profileJson(post->author, viewer);
        return QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.defs#blockedPost")},
                           {QStringLiteral("uri"), uri},
                           {QStringLiteral("blocked"), true},
                           {QStringLiteral("author"),
                            QJsonObject{{QStringLiteral("did"), profile.value(QStringLiteral("did"))},
                                        {QStringLiteral("viewer"), profile.value(QStringLiteral("viewer"))}}}};
    }
    QJsonObject out{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.defs#threadViewPost")},
                    {QStringLiteral("post"), postViewJson(*post, viewer)}};
    if (!post->parentUri.isEmpty() && height > 1) {
        out.insert(QStringLiteral("parent"), parentJson(post->parentUri, viewer, height - 1));
    }
    return out;
}

QJsonObject BlueskyStore::threadJson(const BlueskyPost& post, int viewer, int depth, int parentHeight) const {
    QJsonObject out{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.defs#threadViewPost")},
                    {QStringLiteral("post"), postViewJson(post, viewer)}};
    if (!post.parentUri.isEmpty() && parentHeight > 0) {
        out.insert(QStringLiteral("parent"), parentJson(post.parentUri, viewer, parentHeight));
    }
    if (depth > 0) {
        QJsonArray replies;
        for (const qsizetype child : m_children.value(post.uri)) {
            const BlueskyPost& reply = m_posts.at(child);
            if (!reply.deleted && !(viewer >= 0 && blocking(viewer, m_actors.at(reply.author).did))) {
                replies.append(threadJson(reply, viewer, depth - 1, 0));
            }
        }
        out.insert(QStringLiteral("replies"), replies);
    }
    return out;
}

HttpResponse BlueskyStore::postThread(int account, const QString& uri, int depth, int parentHeight) const {
    const QMutexLocker lock(&m_mutex);
    const BlueskyPost* post = findPost(uri);
    if (post == nullptr || post->deleted) {
        return error(400, QStringLiteral("NotFound"), QStringLiteral("Post not found: ") + uri);
    }
    return ok(QJsonObject{{QStringLiteral("thread"), threadJson(*post, account, depth, parentHeight)}});
}

// ---- writing --------------------------------------------------------------------------------------------------

QString BlueskyStore::nextTid(qint64 ms) {
    qint64 micros = ms * 1000;
    if (micros <= m_lastTidMicros) {
        micros = m_lastTidMicros + 1;
    }
    m_lastTidMicros = micros;
    return tid(micros, m_tidClock);
}

void BlueskyStore::notify(int account, BlueskyNotification n) {
    n.seq = m_nextSeq++;
    QList<BlueskyNotification>& list = m_accounts[account].notifications;
    const auto at = std::upper_bound(list.begin(), list.end(), n.indexedMs,
                                     [](qint64 ms, const BlueskyNotification& other) { return ms < other.indexedMs; });
    list.insert(at, std::move(n));
}

QString BlueskyStore::publish(BlueskyPost post) {
    if (post.cid.isEmpty()) {
        post.cid = cidOf(QJsonDocument(post.record).toJson(QJsonDocument::Compact));
    }
    const qsizetype index = m_posts.size();
    m_postByUri.insert(post.uri, index);
    if (!post.parentUri.isEmpty()) {
        m_children[post.parentUri].append(index);
    }
    m_posts.append(post);
    const BlueskyPost* parent = findPost(post.parentUri);
    const BlueskyPost* root = findPost(post.rootUri);
    const BlueskyPost* quoted = findPost(post.quotedUri);
    const QJsonArray facets = post.record.value(QStringLiteral("facets")).toArray();
    for (qsizetype i = 0; i < m_accounts.size(); ++i) {
        const int actor = m_accounts.at(i).actor;
        if (post.author == actor) {
            m_conversation[i].append(index);
            continue;
        }
        BlueskyNotification n{0, post.uri, post.cid, post.author, {}, {}, post.record, post.indexedMs};
        if (parent != nullptr && parent->author == actor) {
            n.reason = QStringLiteral("reply");
            n.reasonSubject = parent->uri;
        } else if (root != nullptr && root->author == actor) {
            n.reason = QStringLiteral("reply");
            n.reasonSubject = root->uri;
        } else if (quoted != nullptr && quoted->author == actor) {
            n.reason = QStringLiteral("quote");
            n.reasonSubject = quoted->uri;
        } else {
            const QString did = m_actors.at(actor).did;
            for (const QJsonValue& f : facets) {
                for (const QJsonValue& feature : f.toObject().value(QStringLiteral("features")).toArray()) {
                    if (feature.toObject().value(QStringLiteral("did")).toString() == did) {
                        n.reason = QStringLiteral("mention");
                    }
                }
            }
        }
        if (!n.reason.isEmpty()) {
            m_conversation[i].append(index);
            notify(static_cast<int>(i), std::move(n));
        }
    }
    return post.uri;
}

std::optional<HttpResponse> BlueskyStore::checkRepo(int account, const QJsonObject& body) const {
    const QString repo = body.value(QStringLiteral("repo")).toString();
    if (repo.isEmpty()) {
        return missingProperty(QStringLiteral("repo"));
    }
    const int actor = actorForIdentifier(repo);
    if (actor >= 0 && actor == m_accounts.at(account).actor) {
        return std::nullopt;
    }
    if (actor >= 0 && m_actors.at(actor).account >= 0) {
        return error(401, QStringLiteral("AuthenticationRequired"), QStringLiteral("Authentication Required"));
    }
    return invalid(QStringLiteral("Could not find repo: ") + repo);
}

HttpResponse BlueskyStore::createRecord(int account, const QJsonObject& body) {
    const QMutexLocker lock(&m_mutex);
    if (auto bad = checkRepo(account, body)) {
        return *bad;
    }
    const QString collection = body.value(QStringLiteral("collection")).toString();
    if (collection.isEmpty()) {
        return missingProperty(QStringLiteral("collection"));
    }
    if (!body.value(QStringLiteral("record")).isObject()) {
        return missingProperty(QStringLiteral("record"));
    }
    const QJsonObject record = body.value(QStringLiteral("record")).toObject();
    const QString type = record.value(QStringLiteral("$type")).toString();
    if (type != collection) {
        return invalid(QStringLiteral("Invalid $type: expected %1, got %2").arg(collection, type));
    }
    const BlueskyAccount& a = m_accounts.at(account);
    const QString did = m_actors.at(a.actor).did;
    QString rkey = body.value(QStringLiteral("rkey")).toString();
    if (body.contains(QStringLiteral("rkey")) && !validRecordKey(rkey)) {
        return invalid(QStringLiteral("Invalid rkey: ") + rkey);
    }
    const qint64 now = m_clock.nowMs();
    if (rkey.isEmpty()) {
        rkey = nextTid(now);
    }
    const QString uri = atUri(did, collection, rkey);
    const BlueskyPost* existing = findPost(uri);
    if ((existing != nullptr && !existing->deleted) || m_records.contains(uri)) {
        // The reference PDS fails deep in its repository code here: a bare 500 with no error name (measured on
        // @atproto/pds 0.4), so a client has to look the record up instead of reading the answer.
        return error(500, QStringLiteral("InternalServerError"), QStringLiteral("Internal Server Error"));
    }
    const QString prefix = QStringLiteral("Invalid %1 record: ").arg(collection);
    if (!record.value(QStringLiteral("createdAt")).isString() ||
        !parseDatetime(record.value(QStringLiteral("createdAt")).toString())) {
        return invalid(
            prefix + QStringLiteral("Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)"));
    }
    QString cid = cidOf(QJsonDocument(record).toJson(QJsonDocument::Compact));
    QString validation = QStringLiteral("valid");
    if (collection == kPost) {
        if (!record.value(QStringLiteral("text")).isString()) {
            return invalid(prefix + QStringLiteral("Record must have the property \"text\""));
        }
        const QString text = record.value(QStringLiteral("text")).toString();
        if (graphemeCount(text) > 300) {
            return invalid(prefix + QStringLiteral("Record/text must not be longer than 300 graphemes"));
        }
        if (text.toUtf8().size() > 3000) {
            return invalid(prefix + QStringLiteral("Record/text must not be longer than 3000 characters"));
        }
        BlueskyPost post;
        if (record.contains(QStringLiteral("reply"))) {
            const QJsonObject reply = record.value(QStringLiteral("reply")).toObject();
            for (const QString& which : {QStringLiteral("root"), QStringLiteral("parent")}) {
                if (!isStrongRef(reply.value(which))) {
                    return invalid(prefix +
                                   QStringLiteral("Record/reply/%1 must be a strong ref with uri and cid").arg(which));
                }
                const QJsonObject ref = reply.value(which).toObject();
                const BlueskyPost* target = findPost(ref.value(QStringLiteral("uri")).toString());
                if (target == nullptr || target->deleted) {
                    return invalid(QStringLiteral("Reply %1 not found: %2")
                                       .arg(which, ref.value(QStringLiteral("uri")).toString()));
                }
                if (target->cid != ref.value(QStringLiteral("cid")).toString()) {
                    return invalid(QStringLiteral("Reply %1 cid does not match the record at %2")
                                       .arg(which, ref.value(QStringLiteral("uri")).toString()));
                }
            }
            post.rootUri = reply.value(QStringLiteral("root")).toObject().value(QStringLiteral("uri")).toString();
            post.parentUri = reply.value(QStringLiteral("parent")).toObject().value(QStringLiteral("uri")).toString();
        }
        const QJsonObject embed = record.value(QStringLiteral("embed")).toObject();
        if (embed.value(QStringLiteral("$type")).toString() == QLatin1String("app.bsky.embed.record")) {
            post.quotedUri = embed.value(QStringLiteral("record")).toObject().value(QStringLiteral("uri")).toString();
        }
        post.uri = uri;
        post.cid = cid;
        post.rkey = rkey;
        post.author = a.actor;
        post.record = record;
        post.indexedMs = now;
        publish(post);
        ++m_accounts[account].postsCreated;
    } else if (collection == kBlock) {
        const QString subject = record.value(QStringLiteral("subject")).toString();
        if (!subject.startsWith(QLatin1String("did:"))) {
            return invalid(prefix + QStringLiteral("Record/subject must be a valid did"));
        }
        m_records.insert(uri, record);
        m_accounts[account].blocks.insert(rkey, subject);
    } else {
        m_records.insert(uri, record);
        if (!collection.startsWith(QLatin1String("app.bsky."))) {
            validation = QStringLiteral("unknown");
        }
    }
    const QJsonObject commit{{QStringLiteral("cid"), cidOf((uri + QString::number(now)).toUtf8())},
                             {QStringLiteral("rev"), nextTid(now)}};
    return ok(QJsonObject{{QStringLiteral("uri"), uri},
                          {QStringLiteral("cid"), cid},
                          {QStringLiteral("commit"), commit},
                          {QStringLiteral("validationStatus"), validation}});
}

HttpResponse BlueskyStore::deleteRecord(int account, const QJsonObject& body) {
    const QMutexLocker lock(&m_mutex);
    if (auto bad = checkRepo(account, body)) {
        return *bad;
    }
    const QString collection = body.value(QStringLiteral("collection")).toString();
    const QString rkey = body.value(QStringLiteral("rkey")).toString();
    if (collection.isEmpty()) {
        return missingProperty(QStringLiteral("collection"));
    }
    if (rkey.isEmpty()) {
        return missingProperty(QStringLiteral("rkey"));
    }
    const QString uri = atUri(m_actors.at(m_accounts.at(account).actor).did, collection, rkey);
    bool deleted = false;
    if (const auto it = m_postByUri.constFind(uri); it != m_postByUri.constEnd() && !m_posts.at(*it).deleted) {
        m_posts[*it].deleted = true;
        deleted = true;
    } else if (m_records.remove(uri) > 0) {
        deleted = true;
        if (collection == kBlock) {
            m_accounts[account].blocks.remove(rkey);
        }
    }
    if (!deleted) {
        return ok(QJsonObject());
    }
    const qint64 now = m_clock.nowMs();
    return ok(QJsonObject{{QStringLiteral("commit"),
                           QJsonObject{{QStringLiteral("cid"), cidOf((uri + QStringLiteral("#delete")).toUtf8())},
                                       {QStringLiteral("rev"), nextTid(now)}}}});
}

HttpResponse BlueskyStore::mute(int account, const QString& actor, bool mute) {
    const QMutexLocker lock(&m_mutex);
    if (actor.isEmpty()) {
        return missingProperty(QStringLiteral("actor"));
    }
    const int target = actorForIdentifier(actor);
    if (target < 0) {
        return invalid(QStringLiteral("Actor not found: ") + actor);
    }
    if (target == m_accounts.at(account).actor) {
        return invalid(QStringLiteral("Cannot mute oneself"));
    }
    if (mute) {
        m_accounts[account].muted.insert(m_actors.at(target).did);
    } else {
        m_accounts[account].muted.remove(m_actors.at(target).did);
    }
    return emptyOk();
}

HttpResponse BlueskyStore::muteThread(int account, const QString& rootUri, bool mute) {
    const QMutexLocker lock(&m_mutex);
    if (rootUri.isEmpty()) {
        return missingProperty(QStringLiteral("root"));
    }
    const BlueskyPost* root = findPost(rootUri);
    if (root == nullptr || root->deleted) {
        return invalid(QStringLiteral("Post not found: ") + rootUri);
    }
    if (mute) {
        m_accounts[account].mutedThreads.insert(rootUri);
    } else {
        m_accounts[account].mutedThreads.remove(rootUri);
    }
    return emptyOk();
}

HttpResponse BlueskyStore::getRecord(const QString& repo, const QString& collection, const QString& rkey) const {
    const QMutexLocker lock(&m_mutex);
    const int actor = actorForIdentifier(repo);
    if (actor < 0) {
        return invalid(QStringLiteral("Could not find repo: ") + repo);
    }
    const QString uri = atUri(m_actors.at(actor).did, collection, rkey);
    if (const BlueskyPost* post = findPost(uri); post != nullptr && !post->deleted) {
        return ok(QJsonObject{
            {QStringLiteral("uri"), uri}, {QStringLiteral("cid"), post->cid}, {QStringLiteral("value"), post->record}});
    }
    if (const auto it = m_records.constFind(uri); it != m_records.constEnd()) {
        return ok(QJsonObject{{QStringLiteral("uri"), uri},
                              {QStringLiteral("cid"), cidOf(QJsonDocument(*it).toJson(QJsonDocument::Compact))},
                              {QStringLiteral("value"), *it}});
    }
    return error(400, QStringLiteral("RecordNotFound"), QStringLiteral("Could not locate record: ") + uri);
}

HttpResponse BlueskyStore::getProfile(int viewer, const QString& actor) const {
    const QMutexLocker lock(&m_mutex);
    const int target = actorForIdentifier(actor);
    if (target < 0) {
        return invalid(QStringLiteral("Profile not found"));
    }
    return ok(profileJson(target, viewer));
}

HttpResponse BlueskyStore::resolveHandle(const QString& handle) const {
    const QMutexLocker lock(&m_mutex);
    const int actor = handle.startsWith(QLatin1String("did:")) ? -1 : actorForIdentifier(handle);
    if (actor < 0) {
        return invalid(QStringLiteral("Unable to resolve handle"));
    }
    return ok(QJsonObject{{QStringLiteral("did"), m_actors.at(actor).did}});
}

HttpResponse BlueskyStore::createReport(int account, const QJsonObject& body) {
    static const QStringList kReasons = {QStringLiteral("com.atproto.moderation.defs#reasonSpam"),
                                         QStringLiteral("com.atproto.moderation.defs#reasonViolation"),
                                         QStringLiteral("com.atproto.moderation.defs#reasonMisleading"),
                                         QStringLiteral("com.atproto.moderation.defs#reasonSexual"),
                                         QStringLiteral("com.atproto.moderation.defs#reasonRude"),
                                         QStringLiteral("com.atproto.moderation.defs#reasonOther"),
                                         QStringLiteral("com.atproto.moderation.defs#reasonAppeal")};
    const QString reasonType = body.value(QStringLiteral("reasonType")).toString();
    if (reasonType.isEmpty()) {
        return missingProperty(QStringLiteral("reasonType"));
    }
    if (!kReasons.contains(reasonType)) {
        return invalid(QStringLiteral("Invalid reasonType: ") + reasonType);
    }
    if (!body.value(QStringLiteral("subject")).isObject()) {
        return missingProperty(QStringLiteral("subject"));
    }
    const QJsonObject subject = body.value(QStringLiteral("subject")).toObject();
    const QString subjectType = subject.value(QStringLiteral("$type")).toString();
    if (subjectType == QLatin1String("com.atproto.admin.defs#repoRef")) {
        if (!subject.value(QStringLiteral("did")).toString().startsWith(QLatin1String("did:"))) {
            return invalid(QStringLiteral("Input/subject/did must be a valid did"));
        }
    } else if (!(subjectType.isEmpty() || subjectType == QLatin1String("com.atproto.repo.strongRef")) ||
               !isStrongRef(subject)) {
        return invalid(QStringLiteral("Input/subject must be a com.atproto.admin.defs#repoRef or a "
                                      "com.atproto.repo.strongRef"));
    }
    const QMutexLocker lock(&m_mutex);
    QJsonObject report{{QStringLiteral("id"), m_nextReport++},
                       {QStringLiteral("reasonType"), reasonType},
                       {QStringLiteral("subject"), subject},
                       {QStringLiteral("reportedBy"), m_actors.at(m_accounts.at(account).actor).did},
                       {QStringLiteral("createdAt"), stamp(m_clock.nowMs())}};
    if (body.value(QStringLiteral("reason")).isString()) {
        report.insert(QStringLiteral("reason"), body.value(QStringLiteral("reason")));
    }
    m_accounts[account].reports.append(report);
    return ok(report);
}

// ---- hooks ----------------------------------------------------------------------------------------------------

bool BlueskyStore::deletePost(const QString& uri) {
    const QMutexLocker lock(&m_mutex);
    const auto it = m_postByUri.constFind(uri);
    if (it == m_postByUri.constEnd() || m_posts.at(*it).deleted) {
        return false;
    }
    m_posts[*it].deleted = true;
    return true;
}

void BlueskyStore::expireAccessTokens() {
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.nowMs();
    for (BlueskySession& s : m_sessions) {
        if (!s.refresh) {
            s.expiresMs = std::min(s.expiresMs, now - 1);
        }
    }
}

bool BlueskyStore::revokeSessions(int account) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size()) {
        return false;
    }
    for (BlueskySession& s : m_sessions) {
        s.revoked = s.revoked || s.account == account;
    }
    return true;
}

bool BlueskyStore::changePassword(int account, const QString& password) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size()) {
        return false;
    }
    m_accounts[account].password = password;
    return true;
}

int BlueskyStore::sessionsCreated(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).sessionsCreated : 0;
}

int BlueskyStore::refreshes(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).refreshes : 0;
}

bool BlueskyStore::postExists(const QString& uri) const {
    const QMutexLocker lock(&m_mutex);
    const BlueskyPost* post = findPost(uri);
    return post != nullptr && !post->deleted;
}

int BlueskyStore::postsCreatedBy(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).postsCreated : 0;
}

int BlueskyStore::repliesWithText(const QString& parentUri, const QString& text) const {
    const QMutexLocker lock(&m_mutex);
    int count = 0;
    for (const qsizetype child : m_children.value(parentUri)) {
        const BlueskyPost& p = m_posts.at(child);
        count += !p.deleted && p.record.value(QStringLiteral("text")).toString() == text ? 1 : 0;
    }
    return count;
}

bool BlueskyStore::isThreadMuted(int account, const QString& rootUri) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() && m_accounts.at(account).mutedThreads.contains(rootUri);
}

bool BlueskyStore::isMuted(int account, const QString& did) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() && m_accounts.at(account).muted.contains(did);
}

bool BlueskyStore::isBlocked(int account, const QString& did) const {
    const QMutexLocker lock(&m_mutex);
    return blocking(account, did);
}

bool BlueskyStore::blocking(int account, const QString& did) const {
    if (account < 0 || account >= m_accounts.size()) {
        return false;
    }
    const QHash<QString, QString>& blocks = m_accounts.at(account).blocks;
    return std::find(blocks.cbegin(), blocks.cend(), did) != blocks.cend();
}

int BlueskyStore::reports(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? static_cast<int>(m_accounts.at(account).reports.size()) : 0;
}

int BlueskyStore::notificationCount(int account) const {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size()) {
        return 0;
    }
    const BlueskyAccount& a = m_accounts.at(account);
    return static_cast<int>(std::count_if(a.notifications.cbegin(), a.notifications.cend(),
                                          [this, &a](const BlueskyNotification& n) { return !hidden(a, n); }));
}

} // namespace baton::sandbox
