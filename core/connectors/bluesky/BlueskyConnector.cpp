#include "core/connectors/bluesky/BlueskyConnector.h"

#include "core/common/Logging.h"
#include "core/common/Time.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <memory>

namespace baton::connectors::bluesky {
namespace {

const QString kNotifications = QStringLiteral("notifications");
const QString kPost = QStringLiteral("app.bsky.feed.post");
constexpr qint64 kTokenMarginMs = 60000; // refresh a minute before the access token runs out

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// Where polling stands: everything indexed up to seenMs is in the store. While a poll follows the cursor through a
// run of new pages, pendingMs is the newest it met; it becomes seenMs only once the run reaches seenMs, so a sync
// cut short goes on from the same place instead of skipping the middle.
struct PollMark {
    qint64 seenMs = 0;
    qint64 pendingMs = 0;
};

PollMark decodeMark(const QString& cursor) {
    PollMark m;
    const QStringList parts = cursor.split(u';');
    m.seenMs = parts.value(0).toLongLong();
    m.pendingMs = parts.value(1).toLongLong();
    return m;
}

QString encodeMark(const PollMark& m) {
    return m.pendingMs > 0 ? QStringLiteral("%1;%2").arg(m.seenMs).arg(m.pendingMs) : QString::number(m.seenMs);
}

bool isSessionError(const QString& name) {
    return name == QLatin1String("ExpiredToken") || name == QLatin1String("InvalidToken");
}

} // namespace

BlueskyConnector::BlueskyConnector(model::Account account, const QString& secret, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_engine(engine) {
    const QString trimmed = secret.trimmed();
    if (trimmed.startsWith(u'{')) {
        const QJsonObject o = QJsonDocument::fromJson(trimmed.toUtf8()).object();
        m_identifier = o.value(QLatin1String("identifier")).toString().trimmed();
        m_password = o.value(QLatin1String("password")).toString();
        m_did = o.value(QLatin1String("did")).toString();
        m_accessJwt = o.value(QLatin1String("accessJwt")).toString();
        m_refreshJwt = o.value(QLatin1String("refreshJwt")).toString();
        m_pdsUrl = o.value(QLatin1String("pds")).toString();
        if (o.isEmpty()) {
            m_secretError = QStringLiteral("the Bluesky credentials are not valid JSON");
        }
    } else {
        m_password = trimmed;
    }
    if (m_identifier.startsWith(u'@')) {
        m_identifier.remove(0, 1);
    }
    if (m_identifier.isEmpty()) {
        // A bare app password belongs to the account's own handle (or DID).
        m_identifier = m_account.handle.startsWith(u'@') ? m_account.handle.mid(1) : m_account.handle;
        if (m_identifier.isEmpty()) {
            m_identifier = m_account.remoteId;
        }
    }
    if (m_secretError.isEmpty() && m_password.isEmpty() && m_refreshJwt.isEmpty()) {
        m_secretError = QStringLiteral("no Bluesky app password");
    } else if (m_secretError.isEmpty() && m_identifier.isEmpty() && m_refreshJwt.isEmpty()) {
        m_secretError = QStringLiteral("the Bluesky credentials name no handle (\"identifier\")");
    }
    if (!m_accessJwt.isEmpty()) {
        m_accessExpiresAtMs = jwtExpiry(m_accessJwt).value_or(0);
        if (m_accessExpiresAtMs > 0) {
            m_accessExpiresAtMs -= kTokenMarginMs;
        }
    }
    if (m_did.isEmpty() && m_account.remoteId.startsWith(QLatin1String("did:"))) {
        m_did = m_account.remoteId;
    }
}

QStringList BlueskyConnector::streams() const {
    return {kNotifications};
}

QString BlueskyConnector::replyRecordKey(const model::OutboxEntry& entry) {
    // The entry's creation time gives a sortable key like any fresh post; its id and key make it this entry's own.
    const QByteArray seed = QByteArray::number(entry.id) + ':' + entry.idempotencyKey.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
    const int clockId =
        (static_cast<unsigned char>(digest.at(0)) << 2 | static_cast<unsigned char>(digest.at(1)) >> 6) & 0x3FF;
    const qint64 created = entry.createdAt > 0 ? entry.createdAt : 1;
    return makeTid(created * 1000 + entry.id % 1000, clockId);
}

ParseContext BlueskyConnector::parseContext() const {
    ParseContext ctx;
    ctx.accountId = m_account.id;
    ctx.ownDid = m_did.isEmpty() ? m_account.remoteId : m_did;
    return ctx;
}

Error BlueskyConnector::describe(const Error& e, const QString& endpoint) const {
    Error out = e;
    out.detail = QStringLiteral("%1: %2: %3").arg(m_account.name, endpoint, e.detail);
    return out;
}

QString BlueskyConnector::apiBase() const {
    QString base = m_account.baseUrl;
    // The entryway (bsky.social) logs in; the account's own PDS serves it afterwards.
    const QUrl pds(m_pdsUrl);
    if (QUrl(base).host() == QLatin1String("bsky.social") && pds.scheme() == QLatin1String("https") &&
        !pds.host().isEmpty()) {
        base = m_pdsUrl;
    }
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    return base;
}

net::Request BlueskyConnector::xrpcRequest(const QString& nsid, const Query& query, const QJsonObject& body) const {
    model::Account target = m_account;
    target.baseUrl = apiBase();
    const QUrl base(target.baseUrl);
    // The PDS limits per client address: every account on one server shares the budget.
    const QString limiter = QStringLiteral("bluesky:%1:%2").arg(base.host()).arg(base.port(443));
    net::Request r = bearerJsonRequest(target, QString(), body.isEmpty() ? "GET" : "POST",
                                       QStringLiteral("/xrpc/") + nsid, query, limiter);
    // bearerJsonRequest adds an empty bearer; the session's goes in per call.
    r.headers.removeIf([](const auto& h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; });
    if (!body.isEmpty()) {
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    }
    // XRPC names the reason of a refusal in the body ({"error": "ExpiredToken", ...}): the connector reads it.
    r.clientErrorsAsResponses = true;
    return r;
}

Error BlueskyConnector::xrpcError(const net::Response& r) const {
    const QString name = xrpcErrorName(r.body);
    const QString message = xrpcErrorMessage(r.body);
    Error e;
    e.httpStatus = r.status;
    e.detail = QStringLiteral("HTTP %1 %2: %3")
                   .arg(r.status)
                   .arg(name.isEmpty() ? QStringLiteral("(no error name)") : name,
                        message.isEmpty() ? QString::fromUtf8(r.body.left(200)).simplified() : message);
    if (r.status == 401 || isSessionError(name) || name == QLatin1String("AuthenticationRequired") ||
        name == QLatin1String("AuthMissing") || name == QLatin1String("AccountTakedown") ||
        name == QLatin1String("AuthFactorTokenRequired")) {
        e.code = ErrorCode::Unauthorized;
    } else if (r.status == 403) {
        e.code = ErrorCode::Forbidden;
    } else if (r.status == 404 || name == QLatin1String("NotFound") || name == QLatin1String("RecordNotFound")) {
        e.code = ErrorCode::NotFound;
    } else if (r.status == 409) {
        e.code = ErrorCode::Conflict;
    } else {
        e.code = ErrorCode::HttpClient;
    }
    return e;
}

QString BlueskyConnector::credentialsJson() const {
    QJsonObject o{{QStringLiteral("identifier"), m_identifier}, {QStringLiteral("password"), m_password}};
    if (!m_did.isEmpty()) {
        o.insert(QStringLiteral("did"), m_did);
    }
    if (!m_accessJwt.isEmpty()) {
        o.insert(QStringLiteral("accessJwt"), m_accessJwt);
    }
    if (!m_refreshJwt.isEmpty()) {
        o.insert(QStringLiteral("refreshJwt"), m_refreshJwt);
    }
    if (!m_pdsUrl.isEmpty()) {
        o.insert(QStringLiteral("pds"), m_pdsUrl);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void BlueskyConnector::withSession(QObject* context, std::function<void(Expected<QString, Error>)> done) {
    if (!m_secretError.isEmpty()) {
        done(unexpected(Error{ErrorCode::Unauthorized, m_secretError}));
        return;
    }
    if (!m_accessJwt.isEmpty() && (m_accessExpiresAtMs == 0 || nowMs() < m_accessExpiresAtMs)) {
        done(m_accessJwt);
        return;
    }
    m_waiting.append(std::move(done));
    if (!m_sessionBusy) {
        startSession(context);
    }
}

void BlueskyConnector::startSession(QObject* context) {
    m_sessionBusy = true;
    if (m_refreshJwt.isEmpty()) {
        login(context);
        return;
    }
    net::Request r = xrpcRequest(QStringLiteral("com.atproto.server.refreshSession"), {}, {});
    r.method = "POST";
    r.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + m_refreshJwt.toUtf8()});
    // The refresh token rotates: a repeat after a lost answer would be refused, and then the password logs in.
    r.retrySafe = false;
    m_engine.send(std::move(r), context, [this, context](net::Result res) {
        if (res && res->status < 400) {
            finishSession(parseSession(res->body));
            return;
        }
        if (res && (res->status == 401 || isSessionError(xrpcErrorName(res->body)))) {
            qCInfo(lcConnector) << "bluesky: the refresh token of" << m_account.name << "was refused; logging in";
            m_refreshJwt.clear();
            if (!m_password.isEmpty()) {
                login(context);
                return;
            }
            finishSession(unexpected(xrpcError(*res)));
            return;
        }
        finishSession(unexpected(res ? xrpcError(*res) : res.error()));
    });
}

void BlueskyConnector::login(QObject* context) {
    if (m_password.isEmpty() || m_identifier.isEmpty()) {
        finishSession(unexpected(
            Error{ErrorCode::Unauthorized, QStringLiteral("the session ended and no app password is kept"), 401}));
        return;
    }
    net::Request r = xrpcRequest(
        QStringLiteral("com.atproto.server.createSession"), {},
        QJsonObject{{QStringLiteral("identifier"), m_identifier}, {QStringLiteral("password"), m_password}});
    // createSession has its own small budget per account (30 per 5 minutes, 300 a day).
    r.limiterKey = QStringLiteral("bluesky-login:%1").arg(m_identifier.toLower());
    r.retrySafe = true;
    qCInfo(lcConnector) << "bluesky: opening a session for" << m_account.name;
    m_engine.send(std::move(r), context, [this](net::Result res) {
        if (!res) {
            finishSession(unexpected(res.error()));
            return;
        }
        if (res->status >= 400) {
            Error e = xrpcError(*res);
            const QString name = xrpcErrorName(res->body);
            if (name == QLatin1String("AuthFactorTokenRequired")) {
                e.detail = QStringLiteral("the account asks for a code sent by email; use an app password instead "
                                          "(Settings > Privacy and security > App passwords)");
            } else if (name == QLatin1String("AccountTakedown")) {
                e.detail = QStringLiteral("the account was taken down by Bluesky's moderators");
            } else if (e.code == ErrorCode::Unauthorized) {
                e.detail = QStringLiteral("Bluesky refused the handle or app password (%1)").arg(e.detail);
            }
            finishSession(unexpected(e));
            return;
        }
        finishSession(parseSession(res->body));
    });
}

void BlueskyConnector::finishSession(Expected<Session, Error> session) {
    m_sessionBusy = false;
    Expected<QString, Error> outcome = unexpected(Error{});
    if (!session) {
        Error e = session.error();
        e.detail = QStringLiteral("no session: ") + e.detail;
        outcome = unexpected(e);
    } else if (!session->active) {
        outcome = unexpected(Error{ErrorCode::Unauthorized,
                                   QStringLiteral("the Bluesky account is %1")
                                       .arg(session->status.isEmpty() ? QStringLiteral("inactive") : session->status),
                                   401});
    } else {
        if (!m_did.isEmpty() && m_did != session->did) {
            qCWarning(lcConnector) << "bluesky: the session of" << m_account.name << "is for another DID";
        }
        m_did = session->did;
        m_accessJwt = session->accessJwt;
        m_refreshJwt = session->refreshJwt;
        if (!session->pdsUrl.isEmpty()) {
            m_pdsUrl = session->pdsUrl;
        }
        const std::optional<qint64> expiry = jwtExpiry(m_accessJwt);
        m_accessExpiresAtMs = expiry ? *expiry - kTokenMarginMs : 0;
        credentialsChanged(credentialsJson());
        outcome = m_accessJwt;
    }
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& w : waiting) {
        w(outcome);
    }
}

void BlueskyConnector::call(const QString& nsid, const Query& query, const QJsonObject& body, bool retrySafe,
                            QObject* context, Done done, bool afterRefresh) {
    withSession(context, [=, this, done = std::move(done)](Expected<QString, Error> token) mutable {
        if (!token) {
            done(unexpected(token.error()));
            return;
        }
        net::Request r = xrpcRequest(nsid, query, body);
        r.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token->toUtf8()});
        r.retrySafe = retrySafe;
        const QString sent = *token;
        m_engine.send(std::move(r), context, [=, this, done = std::move(done)](net::Result res) mutable {
            if (!res) {
                done(unexpected(res.error()));
                return;
            }
            if (res->status < 400) {
                done(std::move(*res));
                return;
            }
            const QString name = xrpcErrorName(res->body);
            if (!afterRefresh && (isSessionError(name) || res->status == 401)) {
                // The access token expired (400 ExpiredToken) or was revoked: renew the session once.
                if (m_accessJwt == sent) {
                    m_accessJwt.clear();
                    m_accessExpiresAtMs = 0;
                }
                call(nsid, query, body, retrySafe, context, std::move(done), true);
                return;
            }
            done(unexpected(xrpcError(*res)));
        });
    });
}

void BlueskyConnector::verify(QObject* context, Callback<AccountInfo> done) {
    const QString endpoint = QStringLiteral("GET com.atproto.server.getSession");
    call(QStringLiteral("com.atproto.server.getSession"), {}, {}, true, context,
         [this, context, done = std::move(done), endpoint](Expected<net::Response, Error> r) mutable {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             const QJsonObject o = QJsonDocument::fromJson(r->body).object();
             const QString did = o.value(QLatin1String("did")).toString();
             const QString handle = o.value(QLatin1String("handle")).toString();
             if (!did.startsWith(QLatin1String("did:"))) {
                 done(unexpected(
                     describe(Error{ErrorCode::BadResponse, QStringLiteral("no DID in the session")}, endpoint)));
                 return;
             }
             m_did = did;
             AccountInfo info{did, QStringLiteral("@") + handle, handle};
             // The display name is the AppView's; an account without a profile keeps its handle.
             call(QStringLiteral("app.bsky.actor.getProfile"), {{QStringLiteral("actor"), did}}, {}, true, context,
                  [info, done = std::move(done)](Expected<net::Response, Error> p) mutable {
                      if (p) {
                          const QString name = QJsonDocument::fromJson(p->body)
                                                   .object()
                                                   .value(QLatin1String("displayName"))
                                                   .toString()
                                                   .trimmed();
                          if (!name.isEmpty()) {
                              info.displayName = name;
                          }
                      }
                      done(info);
                  });
         });
}

void BlueskyConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    if (state.stream != kNotifications) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    Query query{{QStringLiteral("limit"), QString::number(kPage)},
                {QStringLiteral("reasons"), QStringLiteral("mention")},
                {QStringLiteral("reasons"), QStringLiteral("reply")},
                {QStringLiteral("reasons"), QStringLiteral("quote")}};
    // Walking history, and catching up through a run of new pages while polling, both follow the cursor.
    if (!state.backfillCursor.isEmpty()) {
        query.append({QStringLiteral("cursor"), state.backfillCursor});
    }
    const QString endpoint = QStringLiteral("GET app.bsky.notification.listNotifications");
    call(QStringLiteral("app.bsky.notification.listNotifications"), query, {}, true, context,
         [this, state, done = std::move(done), endpoint](Expected<net::Response, Error> r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto parsed = parseNotifications(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             Page page;
             page.endpoint = endpoint;
             page.state = state;
             page.items = std::move(parsed->items);
             PollMark mark = decodeMark(state.cursor);
             if (!state.backfillDone) {
                 if (state.cursor.isEmpty()) {
                     mark.seenMs = parsed->newestIndexedAt; // polling starts at the newest thing seen now
                     page.state.cursor = encodeMark(mark);
                 }
                 page.state.backfillCursor = parsed->cursor;
                 page.state.backfillDone = parsed->cursor.isEmpty() || parsed->entries == 0;
                 page.more = true; // once history ends, poll at once for what arrived meanwhile
                 done(std::move(page));
                 return;
             }
             mark.pendingMs = qMax(mark.pendingMs, parsed->newestIndexedAt);
             const bool gap = parsed->entries > 0 && parsed->oldestIndexedAt > mark.seenMs && !parsed->cursor.isEmpty();
             if (gap) {
                 page.state.backfillCursor = parsed->cursor;
                 page.more = true;
             } else {
                 page.state.backfillCursor.clear();
                 mark.seenMs = qMax(mark.seenMs, mark.pendingMs);
                 mark.pendingMs = 0;
                 page.more = false;
             }
             page.state.cursor = encodeMark(mark);
             done(std::move(page));
         });
}

void BlueskyConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    const QString endpoint = QStringLiteral("GET app.bsky.feed.getPostThread");
    call(QStringLiteral("app.bsky.feed.getPostThread"),
         {{QStringLiteral("uri"), item.remoteId},
          {QStringLiteral("depth"), QStringLiteral("10")},
          {QStringLiteral("parentHeight"), QStringLiteral("80")}},
         {}, true, context, [this, done = std::move(done), endpoint](Expected<net::Response, Error> r) {
             if (!r) {
                 Error e = r.error();
                 if (e.code == ErrorCode::NotFound || e.detail.contains(QLatin1String("NotFound"))) {
                     e.code = ErrorCode::NotFound;
                 }
                 done(unexpected(describe(e, endpoint)));
                 return;
             }
             auto parsed = parseThread(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             done(std::move(*parsed));
         });
}

void BlueskyConnector::withStrongRef(const model::Item& item, QObject* context,
                                     std::function<void(Expected<ReplyTarget, Error>)> done) {
    const QString endpoint = QStringLiteral("GET app.bsky.feed.getPostThread");
    call(QStringLiteral("app.bsky.feed.getPostThread"),
         {{QStringLiteral("uri"), item.remoteId},
          {QStringLiteral("depth"), QStringLiteral("0")},
          {QStringLiteral("parentHeight"), QStringLiteral("0")}},
         {}, true, context, [this, done = std::move(done), endpoint](Expected<net::Response, Error> r) {
             if (!r) {
                 Error e = r.error();
                 if (e.detail.contains(QLatin1String("NotFound"))) {
                     e.code = ErrorCode::NotFound;
                 }
                 done(unexpected(describe(e, endpoint)));
                 return;
             }
             auto target = parseReplyTarget(r->body);
             done(target ? std::move(target) : unexpected(describe(target.error(), endpoint)));
         });
}

void BlueskyConnector::resolveMentions(const QString& text, QObject* context,
                                       std::function<void(QHash<QString, QString>)> done) {
    const QStringList handles = findMentions(text);
    if (handles.isEmpty()) {
        done({});
        return;
    }
    struct Pending {
        QHash<QString, QString> dids;
        int left = 0;
        std::function<void(QHash<QString, QString>)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = static_cast<int>(handles.size());
    pending->done = std::move(done);
    for (const QString& handle : handles) {
        call(QStringLiteral("com.atproto.identity.resolveHandle"), {{QStringLiteral("handle"), handle}}, {}, true,
             context, [pending, handle](Expected<net::Response, Error> r) {
                 if (r) {
                     if (auto did = parseResolvedHandle(r->body)) {
                         pending->dids.insert(handle, *did);
                     }
                 }
                 // A handle that does not resolve stays plain text in the reply.
                 if (--pending->left == 0) {
                     pending->done(std::move(pending->dids));
                 }
             });
    }
}

void BlueskyConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    const QString rkey = replyRecordKey(entry);
    auto post = [this, entry, context, done](const QString& parentUri) mutable {
        model::Item parent;
        parent.remoteId = parentUri;
        withStrongRef(parent, context, [this, entry, context, done](Expected<ReplyTarget, Error> target) mutable {
            if (!target) {
                done(unexpected(target.error()));
                return;
            }
            createReply(entry, *target, context, std::move(done));
        });
    };
    if (entry.attempts == 0 && entry.state != model::OutboxState::Sending) {
        post(entry.parentRemoteId);
        return;
    }
    // An attempt before may have reached the PDS: the reply's own record key tells.
    withSession(context, [this, entry, rkey, context, done, post](Expected<QString, Error> token) mutable {
        if (!token) {
            done(unexpected(token.error()));
            return;
        }
        call(QStringLiteral("com.atproto.repo.getRecord"),
             {{QStringLiteral("repo"), m_did}, {QStringLiteral("collection"), kPost}, {QStringLiteral("rkey"), rkey}},
             {}, true, context, [this, entry, rkey, context, done, post](Expected<net::Response, Error> r) mutable {
                 if (r) {
                     adoptExisting(entry, rkey, context, std::move(done));
                 } else if (r.error().code == ErrorCode::NotFound || r.error().httpStatus == 400) {
                     post(entry.parentRemoteId);
                 } else {
                     done(unexpected(describe(r.error(), QStringLiteral("GET com.atproto.repo.getRecord"))));
                 }
             });
    });
}

void BlueskyConnector::createReply(const model::OutboxEntry& entry, const ReplyTarget& target, QObject* context,
                                   Callback<model::Item> done) {
    resolveMentions(entry.text, context, [this, entry, target, context, done](QHash<QString, QString> dids) mutable {
        const QString rkey = replyRecordKey(entry);
        const auto ref = [](const StrongRef& r) {
            return QJsonObject{{QStringLiteral("uri"), r.uri}, {QStringLiteral("cid"), r.cid}};
        };
        QJsonObject record{{QStringLiteral("$type"), kPost},
                           {QStringLiteral("text"), entry.text},
                           {QStringLiteral("createdAt"), formatRfc3339(nowMs())},
                           {QStringLiteral("reply"), QJsonObject{{QStringLiteral("root"), ref(target.root)},
                                                                 {QStringLiteral("parent"), ref(target.post)}}}};
        const QJsonArray facets = buildFacets(entry.text, dids);
        if (!facets.isEmpty()) {
            record.insert(QStringLiteral("facets"), facets);
        }
        const QJsonObject body{{QStringLiteral("repo"), m_did},
                               {QStringLiteral("collection"), kPost},
                               {QStringLiteral("rkey"), rkey},
                               {QStringLiteral("record"), record}};
        const QString endpoint = QStringLiteral("POST com.atproto.repo.createRecord");
        // Not repeated blindly: a second createRecord with the same key fails (the reference PDS answers 500), so
        // after any failure that may have reached the server the record key is looked up instead.
        call(QStringLiteral("com.atproto.repo.createRecord"), {}, body, false, context,
             [this, entry, rkey, record, context, done, endpoint](Expected<net::Response, Error> r) mutable {
                 if (!r) {
                     const ErrorCode c = r.error().code;
                     const bool maybePosted = c == ErrorCode::HttpServer || c == ErrorCode::Network ||
                                              c == ErrorCode::Timeout || c == ErrorCode::Truncated ||
                                              c == ErrorCode::BadResponse ||
                                              r.error().detail.contains(QLatin1String("already exist"));
                     if (!maybePosted) {
                         done(unexpected(describe(r.error(), endpoint)));
                         return;
                     }
                     const Error failure = describe(r.error(), endpoint);
                     adoptExisting(entry, rkey, context, [done, failure](Expected<model::Item, Error> found) {
                         // Not there: the first failure is what the outbox retries on.
                         done(found || found.error().code != ErrorCode::NotFound ? std::move(found)
                                                                                 : unexpected(failure));
                     });
                     return;
                 }
                 auto created = parseRecordRef(r->body);
                 if (!created) {
                     done(unexpected(describe(created.error(), endpoint)));
                     return;
                 }
                 auto item =
                     postToItem(created->uri,
                                QJsonObject{{QStringLiteral("did"), m_did}, {QStringLiteral("handle"), m_identifier}},
                                record, formatRfc3339(nowMs()), parseContext());
                 if (!item) {
                     done(unexpected(describe(item.error(), endpoint)));
                     return;
                 }
                 item->kind = model::Kind::Reply;
                 item->direction = model::Direction::Outgoing;
                 done(std::move(*item));
             });
    });
}

void BlueskyConnector::adoptExisting(const model::OutboxEntry& entry, const QString& rkey, QObject* context,
                                     Callback<model::Item> done) {
    const QString endpoint = QStringLiteral("GET com.atproto.repo.getRecord");
    call(QStringLiteral("com.atproto.repo.getRecord"),
         {{QStringLiteral("repo"), m_did}, {QStringLiteral("collection"), kPost}, {QStringLiteral("rkey"), rkey}}, {},
         true, context, [this, entry, done = std::move(done), endpoint](Expected<net::Response, Error> r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto ref = parseRecordRef(r->body);
             auto value = parseRecordValue(r->body);
             if (!ref || !value) {
                 done(unexpected(describe(ref ? value.error() : ref.error(), endpoint)));
                 return;
             }
             if (value->value(QLatin1String("text")).toString() != entry.text) {
                 done(unexpected(
                     describe(Error{ErrorCode::Conflict, QStringLiteral("another post holds this reply's record key")},
                              endpoint)));
                 return;
             }
             auto item = postToItem(
                 ref->uri, QJsonObject{{QStringLiteral("did"), m_did}, {QStringLiteral("handle"), m_identifier}},
                 *value, QString(), parseContext());
             if (!item) {
                 done(unexpected(describe(item.error(), endpoint)));
                 return;
             }
             item->kind = model::Kind::Reply;
             item->direction = model::Direction::Outgoing;
             qCInfo(lcConnector) << "bluesky: a reply sent before was found, not posted again:" << ref->uri;
             done(std::move(*item));
         });
}

QList<ModerationAction> BlueskyConnector::moderationActions(const model::Item& item) const {
    if (item.direction == model::Direction::Outgoing) {
        return {ModerationAction::DeleteOwn};
    }
    return {ModerationAction::MuteThread, ModerationAction::MuteAuthor, ModerationAction::BlockAuthor,
            ModerationAction::Report};
}

void BlueskyConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                                QObject* context, Callback<bool> done) {
    const QString author = item.author.remoteId;
    auto finish = [this, done](const QString& endpoint) {
        return [this, done, endpoint](Expected<net::Response, Error> r) {
            if (!r) {
                done(unexpected(describe(r.error(), endpoint)));
                return;
            }
            done(true);
        };
    };
    if ((action == ModerationAction::MuteAuthor || action == ModerationAction::BlockAuthor ||
         action == ModerationAction::Report) &&
        !author.startsWith(QLatin1String("did:"))) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the author's DID is unknown")}));
        return;
    }
    switch (action) {
    case ModerationAction::MuteAuthor:
        call(QStringLiteral("app.bsky.graph.muteActor"), {}, QJsonObject{{QStringLiteral("actor"), author}}, true,
             context, finish(QStringLiteral("POST app.bsky.graph.muteActor")));
        return;
    case ModerationAction::MuteThread:
        call(QStringLiteral("app.bsky.graph.muteThread"), {},
             QJsonObject{{QStringLiteral("root"), item.threadRemoteId.isEmpty() ? item.remoteId : item.threadRemoteId}},
             true, context, finish(QStringLiteral("POST app.bsky.graph.muteThread")));
        return;
    case ModerationAction::BlockAuthor: {
        withSession(context, [this, author, context, finish](Expected<QString, Error> token) {
            const QString endpoint = QStringLiteral("POST com.atproto.repo.createRecord");
            if (!token) {
                finish(endpoint)(unexpected(token.error()));
                return;
            }
            const QJsonObject block{{QStringLiteral("$type"), QStringLiteral("app.bsky.graph.block")},
                                    {QStringLiteral("subject"), author},
                                    {QStringLiteral("createdAt"), formatRfc3339(nowMs())}};
            call(QStringLiteral("com.atproto.repo.createRecord"), {},
                 QJsonObject{{QStringLiteral("repo"), m_did},
                             {QStringLiteral("collection"), QStringLiteral("app.bsky.graph.block")},
                             {QStringLiteral("record"), block}},
                 false, context, finish(endpoint));
        });
        return;
    }
    case ModerationAction::Report:
        withStrongRef(item, context, [this, author, comment, context, finish](Expected<ReplyTarget, Error> target) {
            QJsonObject subject;
            if (target) {
                subject = {{QStringLiteral("$type"), QStringLiteral("com.atproto.repo.strongRef")},
                           {QStringLiteral("uri"), target->post.uri},
                           {QStringLiteral("cid"), target->post.cid}};
            } else if (target.error().code == ErrorCode::NotFound) {
                // The post is gone: the report is about its author.
                subject = {{QStringLiteral("$type"), QStringLiteral("com.atproto.admin.defs#repoRef")},
                           {QStringLiteral("did"), author}};
            } else {
                finish(QStringLiteral("GET app.bsky.feed.getPostThread"))(unexpected(target.error()));
                return;
            }
            QJsonObject body{{QStringLiteral("reasonType"), QStringLiteral("com.atproto.moderation.defs#reasonOther")},
                             {QStringLiteral("subject"), subject}};
            if (!comment.trimmed().isEmpty()) {
                body.insert(QStringLiteral("reason"), comment.trimmed().left(2000));
            }
            // A second report is not harmless: never repeated blindly.
            call(QStringLiteral("com.atproto.moderation.createReport"), {}, body, false, context,
                 finish(QStringLiteral("POST com.atproto.moderation.createReport")));
        });
        return;
    case ModerationAction::DeleteOwn: {
        const AtUri at = splitAtUri(item.remoteId);
        if (at.rkey.isEmpty() || (!m_did.isEmpty() && at.repo != m_did)) {
            done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("only our own posts can be deleted")}));
            return;
        }
        call(QStringLiteral("com.atproto.repo.deleteRecord"), {},
             QJsonObject{{QStringLiteral("repo"), at.repo},
                         {QStringLiteral("collection"), at.collection},
                         {QStringLiteral("rkey"), at.rkey}},
             true, context, finish(QStringLiteral("POST com.atproto.repo.deleteRecord")));
        return;
    }
    default:
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("Bluesky has no \"%1\" action").arg(moderationActionName(action))}));
        return;
    }
}

} // namespace baton::connectors::bluesky
