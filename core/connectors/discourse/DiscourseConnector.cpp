#include "core/connectors/discourse/DiscourseConnector.h"

#include "core/common/Logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

namespace baton::connectors::discourse {
namespace {

const QString kNotifications = QStringLiteral("notifications");
const QString kPosts = QStringLiteral("posts");

constexpr int kLatestPage = 50;         // posts per /posts.json page
constexpr int kPostsPerRequest = 50;    // post_ids[] per /t/{id}/posts.json
constexpr int kReplyLookupTail = 40;    // newest posts of a topic searched for an earlier copy of a reply
constexpr qint64 kPacingMarginMs = 150; // request times differ a little between client and server
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// A forward cursor: "H" (the newest id stored) or, while catching up over several pages, "H:P:N" where P is
// the next page (a post id for before=, an offset for notifications) and N the newest id seen so far.
struct Cursor {
    qint64 high = 0;
    qint64 page = 0;
    qint64 newest = 0;
    bool catchingUp() const { return page > 0; }
};

Cursor parseCursor(const QString& s) {
    Cursor c;
    const QStringList parts = s.split(u':');
    c.high = parts.value(0).toLongLong();
    if (parts.size() == 3) {
        c.page = parts.at(1).toLongLong();
        c.newest = parts.at(2).toLongLong();
    }
    return c;
}

QString formatCursor(qint64 high, qint64 page = 0, qint64 newest = 0) {
    return page > 0 ? QStringLiteral("%1:%2:%3").arg(high).arg(page).arg(newest) : QString::number(high);
}

int topicIdOf(const model::Item& item) {
    const QString prefix = QStringLiteral("topic:");
    return item.threadRemoteId.startsWith(prefix) ? item.threadRemoteId.mid(prefix.size()).toInt() : 0;
}

QString normalised(QString text) {
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return text.trimmed();
}

// The response body the engine put into an HTTP error's detail ("HTTP 422 from POST url: {body}").
QByteArray bodyOf(const Error& e) {
    const qsizetype at = e.detail.indexOf(QStringLiteral(": "), e.detail.indexOf(QStringLiteral(" from ")));
    return at < 0 ? QByteArray() : e.detail.mid(at + 2).toUtf8();
}

void applyTopic(model::Item& item, const Topic& topic, const ParseContext& ctx) {
    if (item.communityRemoteId.isEmpty() && topic.categoryId > 0) {
        item.communityRemoteId = QString::number(topic.categoryId);
        item.communityName =
            ctx.categoryNames.value(topic.categoryId, QStringLiteral("Category %1").arg(topic.categoryId));
    }
    if (topic.privateMessage && item.direction == model::Direction::Incoming) {
        item.kind = model::Kind::DirectMessage;
    }
}

std::shared_ptr<std::deque<qint64>> sendTimesFor(const QString& key) {
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<std::deque<qint64>>> shared;
    const QMutexLocker lock(&mutex);
    std::shared_ptr<std::deque<qint64>> times = shared.value(key);
    if (!times) {
        times = std::make_shared<std::deque<qint64>>();
        shared.insert(key, times);
    }
    return times;
}

} // namespace

DiscourseConnector::DiscourseConnector(model::Account account, QString token, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_engine(engine) {
    m_site = m_account.baseUrl;
    while (m_site.endsWith(u'/')) {
        m_site.chop(1);
    }
    if (m_token.trimmed().startsWith(u'{')) {
        // A user API key from the browser sign-in: {"key","client_id"} (auth/UserApiKey.h).
        const QJsonObject o = QJsonDocument::fromJson(m_token.toUtf8()).object();
        m_token = o.value(QLatin1String("key")).toString();
        m_clientId = o.value(QLatin1String("client_id")).toString();
    }
    if (m_clientId.isEmpty()) {
        m_clientId = m_account.settings.value(QStringLiteral("client_id")).toString();
    }
    m_sendTimes = sendTimesFor(QStringLiteral("%1|%2").arg(m_account.id).arg(m_site));
    m_rateLimit = adminKey() ? 60 : 20; // max_admin_api_reqs_per_minute, max_user_api_reqs_per_minute
    const int limit = m_account.settings.value(QStringLiteral("rate_limit")).toInt();
    const qint64 window = m_account.settings.value(QStringLiteral("rate_window_ms")).toInteger();
    if (limit > 0) {
        m_rateLimit = limit;
    }
    if (window > 0) {
        m_rateWindowMs = window;
    }
}

QStringList DiscourseConnector::streams() const {
    // Notifications first: a post that is both a notification and a latest post is stored with its kind
    // (mention, reply...) rather than as a plain comment.
    return {kNotifications, kPosts};
}

bool DiscourseConnector::adminKey() const {
    return m_token.contains(u':');
}

bool DiscourseConnector::staff() const {
    return m_me ? m_me->staff : adminKey();
}

ParseContext DiscourseConnector::parseContext() const {
    ParseContext ctx;
    ctx.accountId = m_account.id;
    ctx.siteUrl = m_site;
    ctx.ownUsername = m_me ? m_me->username : m_account.handle;
    for (const Category& c : m_categories) {
        ctx.categoryNames.insert(c.id, c.name);
    }
    return ctx;
}

net::Request DiscourseConnector::request(const QByteArray& method, const QString& path, const Query& query) const {
    net::Request r;
    r.method = method;
    QUrl url(m_site + path);
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (const auto& [k, v] : query) {
            q.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(k)),
                           QString::fromLatin1(QUrl::toPercentEncoding(v)));
        }
        url.setQuery(q);
    }
    r.url = url;
    if (adminKey()) {
        const qsizetype colon = m_token.indexOf(u':');
        r.headers.append({QByteArrayLiteral("Api-Key"), m_token.mid(colon + 1).trimmed().toUtf8()});
        r.headers.append({QByteArrayLiteral("Api-Username"), m_token.left(colon).trimmed().toUtf8()});
    } else {
        r.headers.append({QByteArrayLiteral("User-Api-Key"), m_token.trimmed().toUtf8()});
        if (!m_clientId.isEmpty()) {
            r.headers.append({QByteArrayLiteral("User-Api-Client-Id"), m_clientId.toUtf8()});
        }
    }
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    r.limiterKey = QStringLiteral("discourse:%1").arg(m_account.id);
    return r;
}

void DiscourseConnector::send(net::Request req, QObject* context, std::function<void(net::Result)> done) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 window = m_rateWindowMs + kPacingMarginMs;
    std::deque<qint64>& times = *m_sendTimes;
    while (!times.empty() && times.front() <= now - window) {
        times.pop_front();
    }
    qint64 at = now;
    if (static_cast<int>(times.size()) >= m_rateLimit) {
        at = qMax(now, times.at(times.size() - static_cast<std::size_t>(m_rateLimit)) + window);
    }
    times.insert(std::upper_bound(times.begin(), times.end(), at), at);
    if (at <= now) {
        m_engine.send(std::move(req), context, std::move(done));
        return;
    }
    qCDebug(lcNet) << "discourse: pacing" << req.url.path() << "by" << (at - now) << "ms";
    QTimer::singleShot(at - now, context,
                       [&engine = m_engine, req = std::move(req), context, done = std::move(done)]() mutable {
                           engine.send(std::move(req), context, std::move(done));
                       });
}

Error DiscourseConnector::describe(const Error& e, const QString& endpoint) const {
    Error out = e;
    const QByteArray body = bodyOf(e);
    const QString type = errorType(body);
    const bool read = endpoint.startsWith(QLatin1String("GET "));
    if (e.code == ErrorCode::Unauthorized ||
        (e.code == ErrorCode::Forbidden && read &&
         (type == QLatin1String("invalid_access") || type == QLatin1String("not_logged_in")))) {
        // Discourse answers a revoked, expired or unknown key with 403 invalid_access.
        out.code = ErrorCode::Unauthorized;
        out.detail = QStringLiteral("%1: %2: the API key was rejected (revoked, expired or without read access); "
                                    "add the account again with a new key: %3")
                         .arg(m_account.name, endpoint, errorMessage(body));
        return out;
    }
    if (e.code == ErrorCode::RateLimited) {
        const std::optional<int> wait = rateLimitWaitSeconds(body);
        if (out.retryAtMs == 0 && wait) {
            out.retryAtMs = QDateTime::currentMSecsSinceEpoch() + *wait * 1000LL;
        }
        out.detail =
            QStringLiteral("%1: %2: rate limited by the forum%3: %4")
                .arg(m_account.name, endpoint, wait ? QStringLiteral(" (wait %1 s)").arg(*wait) : QString(), e.detail);
        return out;
    }
    out.detail =
        QStringLiteral("%1: %2: %3").arg(m_account.name, endpoint, body.isEmpty() ? e.detail : errorMessage(body));
    return out;
}

void DiscourseConnector::verify(QObject* context, Callback<AccountInfo> done) {
    const QString endpoint = QStringLiteral("GET /session/current.json");
    send(request("GET", QStringLiteral("/session/current.json")), context,
         [this, done = std::move(done), endpoint](net::Result r) {
             if (!r) {
                 Error e = r.error();
                 if (e.code == ErrorCode::NotFound) {
                     e.code = ErrorCode::Unauthorized; // no session: the key was not accepted
                 }
                 done(unexpected(describe(e, endpoint)));
                 return;
             }
             auto me = parseCurrentUser(r->body);
             if (!me) {
                 done(unexpected(describe(me.error(), endpoint)));
                 return;
             }
             m_me = *me;
             done(AccountInfo{me->id, me->username, me->name.isEmpty() ? me->username : me->name});
         });
}

void DiscourseConnector::withSite(QObject* context, std::function<void(std::optional<Error>)> done) {
    if (m_siteLoaded) {
        done(std::nullopt);
        return;
    }
    auto loadCategories = [this, context, done]() {
        const QString endpoint = QStringLiteral("GET /categories.json");
        send(request("GET", QStringLiteral("/categories.json")), context, [this, done, endpoint](net::Result r) {
            if (!r) {
                done(describe(r.error(), endpoint));
                return;
            }
            auto categories = parseCategories(r->body);
            if (!categories) {
                done(describe(categories.error(), endpoint));
                return;
            }
            m_categories = *categories;
            m_watched.clear();
            const QJsonArray chosen = m_account.settings.value(QStringLiteral("categories")).toArray();
            for (const Category& c : std::as_const(m_categories)) {
                const bool named = std::any_of(chosen.begin(), chosen.end(), [&c](const QJsonValue& v) {
                    return v.toInt() == c.id || v.toString() == c.slug || v.toString() == QString::number(c.id);
                });
                if (chosen.isEmpty() ? c.watched() : named) {
                    m_watched.insert(c.id);
                }
            }
            m_siteLoaded = true;
            done(std::nullopt);
        });
    };
    if (m_me) {
        loadCategories();
        return;
    }
    verify(context, [done, loadCategories](Expected<AccountInfo, Error> who) {
        if (!who) {
            done(who.error());
            return;
        }
        loadCategories();
    });
}

void DiscourseConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    if (state.stream != kPosts && state.stream != kNotifications) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    withSite(context, [this, state, context, done = std::move(done)](std::optional<Error> failed) {
        if (failed) {
            done(unexpected(*failed));
            return;
        }
        if (state.stream == kPosts) {
            fetchPosts(state, context, done);
        } else {
            fetchNotifications(state, context, done);
        }
    });
}

void DiscourseConnector::fetchPosts(const store::SyncState& state, QObject* context, Callback<Page> done) {
    const bool backfilling = !state.backfillDone;
    const Cursor cursor = parseCursor(state.cursor);
    Query query;
    if (backfilling && !state.backfillCursor.isEmpty()) {
        query.append({QStringLiteral("before"), state.backfillCursor});
    } else if (!backfilling && cursor.catchingUp()) {
        query.append({QStringLiteral("before"), QString::number(cursor.page)});
    }
    const QString endpoint = QStringLiteral("GET /posts.json");
    send(request("GET", QStringLiteral("/posts.json"), query), context,
         [this, state, cursor, backfilling, done = std::move(done), endpoint](net::Result r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto parsed = parseLatestPosts(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             Page page;
             page.endpoint = endpoint;
             page.state = state;
             for (model::Item& item : parsed->items) {
                 const bool own = item.direction == model::Direction::Outgoing;
                 if (own || m_watched.isEmpty() || m_watched.contains(item.communityRemoteId.toInt())) {
                     page.items.append(std::move(item));
                 }
             }
             page.deletedRemoteIds = parsed->deletedRemoteIds;
             const QList<qint64>& ids = parsed->ids;
             const qint64 newest = ids.isEmpty() ? 0 : *std::max_element(ids.begin(), ids.end());
             const qint64 oldest = ids.isEmpty() ? 0 : *std::min_element(ids.begin(), ids.end());
             if (backfilling) {
                 page.state.cursor = formatCursor(qMax(cursor.high, newest));
                 page.state.backfillCursor = oldest > 0 ? QString::number(oldest) : state.backfillCursor;
                 const int days = m_account.settings.value(QStringLiteral("history_days")).toInt(kDefaultHistoryDays);
                 const qint64 horizon = QDateTime::currentMSecsSinceEpoch() - qMax(1, days) * kDayMs;
                 bool pastHorizon = false;
                 for (const model::Item& item : std::as_const(parsed->items)) {
                     pastHorizon = pastHorizon || item.createdAt < horizon;
                 }
                 page.state.backfillDone = ids.size() < kLatestPage || pastHorizon;
                 page.more = true; // history, then at once a forward poll for what arrived meanwhile
                 done(std::move(page));
                 return;
             }
             // Forward: keep what is newer than the stored cursor; a full page of new posts means more below it.
             // Older posts on the page that were edited (version > 1) are new versions of what we may have.
             QList<model::Item> fresh;
             for (model::Item& item : page.items) {
                 if (item.remoteId.toLongLong() > cursor.high) {
                     fresh.append(std::move(item));
                 } else if (item.updatedAt > 0) {
                     page.edits.append(std::move(item));
                 }
             }
             page.items = std::move(fresh);
             const qint64 seen = qMax(cursor.newest, newest);
             if (ids.size() >= kLatestPage && oldest > cursor.high + 1) {
                 page.state.cursor = formatCursor(cursor.high, oldest, seen);
                 page.more = true;
             } else {
                 page.state.cursor = formatCursor(qMax(cursor.high, seen));
                 page.more = false;
             }
             done(std::move(page));
         });
}

void DiscourseConnector::fetchNotifications(const store::SyncState& state, QObject* context, Callback<Page> done) {
    const bool backfilling = !state.backfillDone;
    const Cursor cursor = parseCursor(state.cursor);
    Query query;
    if (!backfilling && cursor.catchingUp()) {
        query.append({QStringLiteral("offset"), QString::number(cursor.page)});
    }
    const QString endpoint = QStringLiteral("GET /notifications.json");
    send(request("GET", QStringLiteral("/notifications.json"), query), context,
         [this, state, cursor, backfilling, context, done = std::move(done), endpoint](net::Result r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto parsed = parseNotifications(r->body);
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             const QList<qint64>& ids = parsed->ids;
             const qint64 newest = ids.isEmpty() ? 0 : *std::max_element(ids.begin(), ids.end());
             const qint64 oldest = ids.isEmpty() ? 0 : *std::min_element(ids.begin(), ids.end());
             auto page = std::make_shared<Page>();
             page->endpoint = endpoint;
             page->state = state;
             QList<Notification> wanted;
             if (backfilling) {
                 // Only the newest page: older notifications are old news, and the posts stream has the posts.
                 wanted = parsed->relevant;
                 page->state.cursor = formatCursor(qMax(cursor.high, newest));
                 page->state.backfillDone = true;
                 page->more = false;
             } else {
                 for (const Notification& n : std::as_const(parsed->relevant)) {
                     if (n.id > cursor.high) {
                         wanted.append(n);
                     }
                 }
                 const qint64 seen = qMax(cursor.newest, newest);
                 if (!parsed->loadMore.isEmpty() && !ids.isEmpty() && oldest > cursor.high + 1) {
                     page->state.cursor = formatCursor(cursor.high, cursor.page + ids.size(), seen);
                     page->more = true;
                 } else {
                     page->state.cursor = formatCursor(qMax(cursor.high, seen));
                     page->more = false;
                 }
             }
             // Read the posts, one topic at a time.
             QMap<int, QList<Notification>> byTopic;
             for (const Notification& n : std::as_const(wanted)) {
                 byTopic[n.topicId].append(n);
             }
             auto topics = std::make_shared<QList<int>>(byTopic.keys());
             auto next = std::make_shared<std::function<void()>>();
             *next = [this, page, topics, byTopic, context, done, next]() {
                 if (topics->isEmpty()) {
                     done(std::move(*page));
                     *next = nullptr; // breaks the cycle
                     return;
                 }
                 const int topicId = topics->takeFirst();
                 QList<qint64> postIds;
                 for (const Notification& n : byTopic.value(topicId)) {
                     postIds.append(n.postId);
                 }
                 loadTopic(topicId, 0, postIds, context,
                           [this, page, topicId, byTopic, next, done](Expected<TopicPage, Error> topic) {
                               if (!topic) {
                                   const ErrorCode code = topic.error().code;
                                   if (code != ErrorCode::NotFound && code != ErrorCode::Forbidden) {
                                       done(unexpected(topic.error()));
                                       *next = nullptr;
                                       return;
                                   }
                                   // The topic is gone or closed to us: its notifications have nothing to show.
                                   (*next)();
                                   return;
                               }
                               for (const Notification& n : byTopic.value(topicId)) {
                                   for (const model::Item& post : std::as_const(topic->posts.items)) {
                                       if (post.remoteId != QString::number(n.postId) ||
                                           post.direction == model::Direction::Outgoing) {
                                           continue;
                                       }
                                       model::Item item = post;
                                       item.notificationId = QString::number(n.id);
                                       item.kind = n.type == 2   ? model::Kind::Reply
                                                   : n.type == 3 ? model::Kind::Quote
                                                   : n.type == 6 ? model::Kind::DirectMessage
                                                                 : model::Kind::Mention;
                                       page->items.append(item);
                                   }
                               }
                               (*next)();
                           });
             };
             (*next)();
         });
}

void DiscourseConnector::loadTopic(int topicId, int tail, const QList<qint64>& wanted, QObject* context,
                                   Callback<TopicPage> done) {
    const QString path = QStringLiteral("/t/%1.json").arg(topicId);
    const QString endpoint = QStringLiteral("GET ") + path;
    send(request("GET", path), context,
         [this, topicId, tail, wanted, context, done = std::move(done), endpoint](net::Result r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             const ParseContext ctx = parseContext();
             auto parsed = parseTopic(r->body, ctx);
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             m_topics.insert(topicId, parsed->topic);
             for (model::Item& item : parsed->posts.items) {
                 applyTopic(item, parsed->topic, ctx);
             }
             const QList<qint64>& stream = parsed->topic.stream;
             QList<qint64> missing;
             const qsizetype from = tail < 0 ? 0 : qMax<qsizetype>(0, stream.size() - tail);
             for (qsizetype i = 0; i < stream.size(); ++i) {
                 const qint64 id = stream.at(i);
                 if (!parsed->posts.ids.contains(id) && (i >= from && tail != 0 ? true : wanted.contains(id))) {
                     missing.append(id);
                 }
             }
             auto result = std::make_shared<TopicPage>(std::move(*parsed));
             if (missing.isEmpty()) {
                 done(std::move(*result));
                 return;
             }
             // The rest in chunks, one after the other.
             auto chunks = std::make_shared<QList<QList<qint64>>>();
             for (qsizetype i = 0; i < missing.size(); i += kPostsPerRequest) {
                 chunks->append(missing.mid(i, kPostsPerRequest));
             }
             auto next = std::make_shared<std::function<void()>>();
             *next = [this, topicId, chunks, result, context, done, next]() {
                 if (chunks->isEmpty()) {
                     resolveParents(result->posts, result->posts.byNumber);
                     done(std::move(*result));
                     *next = nullptr;
                     return;
                 }
                 Query query;
                 for (const qint64 id : chunks->takeFirst()) {
                     query.append({QStringLiteral("post_ids[]"), QString::number(id)});
                 }
                 const QString postsPath = QStringLiteral("/t/%1/posts.json").arg(topicId);
                 const QString postsEndpoint = QStringLiteral("GET ") + postsPath;
                 send(request("GET", postsPath, query), context,
                      [this, result, done, next, postsEndpoint](net::Result more) {
                          if (!more) {
                              done(unexpected(describe(more.error(), postsEndpoint)));
                              *next = nullptr;
                              return;
                          }
                          const ParseContext chunkCtx = parseContext();
                          auto page = parseTopic(more->body, chunkCtx);
                          if (!page) {
                              done(unexpected(describe(page.error(), postsEndpoint)));
                              *next = nullptr;
                              return;
                          }
                          for (model::Item& item : page->posts.items) {
                              applyTopic(item, result->topic, chunkCtx);
                              result->posts.items.append(std::move(item));
                          }
                          result->posts.parentKeys += page->posts.parentKeys;
                          result->posts.ids += page->posts.ids;
                          result->posts.deletedRemoteIds += page->posts.deletedRemoteIds;
                          result->posts.byNumber.insert(page->posts.byNumber);
                          (*next)();
                      });
             };
             (*next)();
         });
}

void DiscourseConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    const int topicId = topicIdOf(item);
    if (topicId <= 0) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("post %1 has no topic").arg(item.remoteId)}));
        return;
    }
    withSite(context, [this, topicId, context, done = std::move(done)](std::optional<Error> failed) {
        if (failed) {
            done(unexpected(*failed));
            return;
        }
        loadTopic(topicId, -1, {}, context, [done](Expected<TopicPage, Error> topic) {
            if (!topic) {
                done(unexpected(topic.error()));
                return;
            }
            done(std::move(topic->posts.items));
        });
    });
}

void DiscourseConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    if (entry.parentRemoteId.isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("%1: a Discourse reply needs the post it answers").arg(m_account.name)}));
        return;
    }
    withSite(context, [this, entry, context, done = std::move(done)](std::optional<Error> failed) {
        if (failed) {
            done(unexpected(*failed));
            return;
        }
        const QString path = QStringLiteral("/posts/%1.json").arg(entry.parentRemoteId);
        const QString endpoint = QStringLiteral("GET ") + path;
        send(request("GET", path), context, [this, entry, context, done, endpoint](net::Result r) {
            if (!r) {
                done(unexpected(describe(r.error(), endpoint)));
                return;
            }
            auto parent = parsePostRef(r->body);
            if (!parent) {
                done(unexpected(describe(parent.error(), endpoint)));
                return;
            }
            // No idempotency key on Discourse: look among the topic's newest posts for one of ours answering the
            // same post with the same text (server clocks differ from ours, so times are not compared).
            findPosted(
                entry, *parent, context,
                [this, entry, parent = *parent, context, done](Expected<std::optional<model::Item>, Error> found) {
                    if (!found) {
                        done(unexpected(found.error()));
                        return;
                    }
                    if (found->has_value()) {
                        qCInfo(lcNet) << "discourse: reply" << entry.id << "was already posted as"
                                      << (*found)->remoteId;
                        done(std::move(**found));
                        return;
                    }
                    createPost(entry, parent, context, done);
                });
        });
    });
}

void DiscourseConnector::findPosted(const model::OutboxEntry& entry, const PostRef& parent, QObject* context,
                                    Callback<std::optional<model::Item>> done) {
    loadTopic(parent.topicId, kReplyLookupTail, {}, context,
              [this, entry, context, done = std::move(done)](Expected<TopicPage, Error> topic) {
                  if (!topic) {
                      done(unexpected(topic.error()));
                      return;
                  }
                  auto candidates = std::make_shared<QList<model::Item>>();
                  for (const model::Item& item : std::as_const(topic->posts.items)) {
                      if (item.direction == model::Direction::Outgoing && item.parentRemoteId == entry.parentRemoteId) {
                          candidates->append(item);
                      }
                  }
                  auto next = std::make_shared<std::function<void()>>();
                  *next = [this, entry, candidates, context, done, next]() {
                      if (candidates->isEmpty()) {
                          done(std::optional<model::Item>());
                          *next = nullptr;
                          return;
                      }
                      model::Item candidate = candidates->takeFirst();
                      const QString path = QStringLiteral("/posts/%1.json").arg(candidate.remoteId);
                      const QString endpoint = QStringLiteral("GET ") + path;
                      send(request("GET", path), context,
                           [this, entry, candidate, done, next, endpoint](net::Result r) {
                               if (!r) {
                                   done(unexpected(describe(r.error(), endpoint)));
                                   *next = nullptr;
                                   return;
                               }
                               auto ref = parsePostRef(r->body);
                               if (ref && normalised(ref->raw) == normalised(entry.text)) {
                                   model::Item item = candidate;
                                   item.kind = model::Kind::Reply;
                                   done(std::optional<model::Item>(std::move(item)));
                                   *next = nullptr;
                                   return;
                               }
                               (*next)();
                           });
                  };
                  (*next)();
              });
}

void DiscourseConnector::createPost(const model::OutboxEntry& entry, const PostRef& parent, QObject* context,
                                    Callback<model::Item> done) {
    net::Request req = request("POST", QStringLiteral("/posts.json"));
    const QJsonObject body{{QStringLiteral("topic_id"), parent.topicId},
                           {QStringLiteral("raw"), entry.text},
                           {QStringLiteral("reply_to_post_number"), parent.postNumber}};
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    // Not repeated by the engine: a timeout may hide a post that went through. The outbox calls again later,
    // and the lookup above finds it.
    req.retrySafe = false;
    const QString endpoint = QStringLiteral("POST /posts.json");
    send(std::move(req), context, [this, entry, parent, context, done = std::move(done), endpoint](net::Result r) {
        if (!r) {
            const QByteArray errorBody = bodyOf(r.error());
            if (r.error().httpStatus == 422 && errorMessage(errorBody).contains(QStringLiteral("too similar"))) {
                // just_posted_that: the same text is already there (an earlier attempt got through).
                findPosted(
                    entry, parent, context,
                    [this, done, endpoint, error = r.error()](Expected<std::optional<model::Item>, Error> found) {
                        if (found && found->has_value()) {
                            done(std::move(**found));
                            return;
                        }
                        done(unexpected(describe(error, endpoint)));
                    });
                return;
            }
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        const ParseContext ctx = parseContext();
        auto item = parsePostDocument(r->body, ctx);
        if (!item) {
            done(unexpected(describe(item.error(), endpoint)));
            return;
        }
        if (const auto topic = m_topics.constFind(parent.topicId); topic != m_topics.constEnd()) {
            applyTopic(*item, *topic, ctx);
        }
        item->direction = model::Direction::Outgoing;
        item->kind = model::Kind::Reply;
        item->parentRemoteId = entry.parentRemoteId;
        done(std::move(*item));
    });
}

QList<ModerationAction> DiscourseConnector::moderationActions(const model::Item& item) const {
    QList<ModerationAction> out;
    if (item.direction == model::Direction::Outgoing) {
        out << ModerationAction::DeleteOwn;
    } else {
        out << ModerationAction::Hide << ModerationAction::Report;
        if (staff()) {
            out << ModerationAction::Remove;
        }
    }
    if (staff() && topicIdOf(item) > 0) {
        out << ModerationAction::CloseTopic;
    }
    return out;
}

void DiscourseConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                                  QObject* context, Callback<bool> done) {
    auto finish = [this, done](const QString& endpoint) {
        return [this, done, endpoint](net::Result r) {
            if (!r) {
                done(unexpected(describe(r.error(), endpoint)));
                return;
            }
            done(true);
        };
    };
    auto jsonRequest = [this](const QByteArray& method, const QString& path, const QJsonObject& body) {
        net::Request req = request(method, path);
        req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        return req;
    };
    const qint64 postId = item.remoteId.toLongLong();
    switch (action) {
    case ModerationAction::Remove:
    case ModerationAction::DeleteOwn: {
        const QString path = QStringLiteral("/posts/%1.json").arg(postId);
        send(request("DELETE", path), context, finish(QStringLiteral("DELETE ") + path));
        return;
    }
    case ModerationAction::CloseTopic: {
        const int topicId = topicIdOf(item);
        if (topicId <= 0) {
            done(unexpected(
                Error{ErrorCode::InvalidArgument, QStringLiteral("post %1 has no topic").arg(item.remoteId)}));
            return;
        }
        const QString path = QStringLiteral("/t/%1/status.json").arg(topicId);
        send(jsonRequest("PUT", path,
                         {{QStringLiteral("status"), QStringLiteral("closed")},
                          {QStringLiteral("enabled"), QStringLiteral("true")}}),
             context, finish(QStringLiteral("PUT ") + path));
        return;
    }
    case ModerationAction::Report: {
        net::Request req = jsonRequest("POST", QStringLiteral("/post_actions.json"),
                                       {{QStringLiteral("id"), postId},
                                        {QStringLiteral("post_action_type_id"), 7}, // notify_moderators
                                        {QStringLiteral("message"), comment.left(1000)},
                                        {QStringLiteral("flag_topic"), false}});
        req.retrySafe = false;
        send(std::move(req), context, finish(QStringLiteral("POST /post_actions.json")));
        return;
    }
    case ModerationAction::Hide: {
        // Flag as inappropriate; staff then agree with the flag in the review queue, which hides the post.
        net::Request req = jsonRequest("POST", QStringLiteral("/post_actions.json"),
                                       {{QStringLiteral("id"), postId},
                                        {QStringLiteral("post_action_type_id"), 4}, // inappropriate
                                        {QStringLiteral("flag_topic"), false}});
        req.retrySafe = false;
        const QString endpoint = QStringLiteral("POST /post_actions.json");
        send(std::move(req), context, [this, context, done, endpoint](net::Result r) {
            if (!r) {
                done(unexpected(describe(r.error(), endpoint)));
                return;
            }
            auto flagged = parsePostRef(r->body);
            if (!staff() || !flagged || flagged->reviewableId <= 0) {
                done(true); // flagged; enough flags hide it
                return;
            }
            const int reviewable = flagged->reviewableId;
            const QString reviewPath = QStringLiteral("/review/%1.json").arg(reviewable);
            send(request("GET", reviewPath), context,
                 [this, reviewable, context, done, reviewPath](net::Result review) {
                     if (!review) {
                         done(unexpected(describe(review.error(), QStringLiteral("GET ") + reviewPath)));
                         return;
                     }
                     auto version = parseReviewableVersion(review->body);
                     if (!version) {
                         done(unexpected(describe(version.error(), QStringLiteral("GET ") + reviewPath)));
                         return;
                     }
                     const QString perform = QStringLiteral("/review/%1/perform/agree_and_hide.json").arg(reviewable);
                     net::Request put =
                         request("PUT", perform, {{QStringLiteral("version"), QString::number(*version)}});
                     send(std::move(put), context, [this, done, perform](net::Result performed) {
                         if (!performed) {
                             done(unexpected(describe(performed.error(), QStringLiteral("PUT ") + perform)));
                             return;
                         }
                         done(true);
                     });
                 });
        });
        return;
    }
    default:
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("%1 is not available on Discourse").arg(moderationActionName(action))}));
        return;
    }
}

} // namespace baton::connectors::discourse
