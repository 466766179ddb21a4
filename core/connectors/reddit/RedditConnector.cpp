#include "core/connectors/reddit/RedditConnector.h"

#include "core/common/Logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace baton::connectors::reddit {
namespace {

const QString kInbox = QStringLiteral("inbox");
const QString kComments = QStringLiteral("comments");
const QString kModqueue = QStringLiteral("modqueue");
constexpr qint64 kTokenMarginMs = 60000; // refresh a minute before the hour is over

#ifndef BATON_VERSION
#define BATON_VERSION "0"
#endif

QByteArray formEncode(const QList<QPair<QString, QString>>& params) {
    QByteArray out;
    for (const auto& [k, v] : params) {
        if (!out.isEmpty()) {
            out += '&';
        }
        out += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    }
    return out;
}

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QString id36(const QString& fullname) {
    const qsizetype underscore = fullname.indexOf(u'_');
    return underscore < 0 ? fullname : fullname.mid(underscore + 1);
}

bool maybePosted(ErrorCode c) {
    // The request may have reached Reddit before the failure: look before posting again.
    return c == ErrorCode::Network || c == ErrorCode::Timeout || c == ErrorCode::Truncated ||
           c == ErrorCode::HttpServer || c == ErrorCode::BadResponse;
}

} // namespace

RedditConnector::RedditConnector(model::Account account, const QString& secret, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_engine(engine) {
    const QString trimmed = secret.trimmed();
    if (trimmed.startsWith(u'{')) {
        const QJsonObject o = QJsonDocument::fromJson(trimmed.toUtf8()).object();
        m_clientId = o.value(QLatin1String("client_id")).toString();
        m_clientSecret = o.value(QLatin1String("client_secret")).toString();
        m_refreshToken = o.value(QLatin1String("refresh_token")).toString();
        m_accessToken = o.value(QLatin1String("access_token")).toString();
        m_tokenUrl = o.value(QLatin1String("token_url")).toString();
        if (m_refreshToken.isEmpty() && m_accessToken.isEmpty()) {
            m_secretError = QStringLiteral("the Reddit credentials hold neither a refresh_token nor an access_token");
        } else if (!m_refreshToken.isEmpty() && m_clientId.isEmpty()) {
            m_secretError = QStringLiteral("the Reddit credentials hold a refresh_token but no client_id");
        }
    } else {
        m_accessToken = trimmed;
        if (m_accessToken.isEmpty()) {
            m_secretError = QStringLiteral("no Reddit token");
        }
    }
    if (m_tokenUrl.isEmpty()) {
        // oauth.reddit.com serves the API, www.reddit.com the tokens; a test server serves both.
        QUrl base(m_account.baseUrl);
        if (base.host() == QLatin1String("oauth.reddit.com")) {
            base.setHost(QStringLiteral("www.reddit.com"));
        }
        QString url = base.toString();
        while (url.endsWith(u'/')) {
            url.chop(1);
        }
        m_tokenUrl = url + QStringLiteral("/api/v1/access_token");
    }
    m_username = m_account.handle.startsWith(QLatin1String("u/")) ? m_account.handle.mid(2) : m_account.handle;
}

QByteArray RedditConnector::userAgent(const QString& username) {
    // Reddit's required shape: <platform>:<app ID>:<version string> (by /u/<reddit username>).
    QByteArray ua = QByteArrayLiteral("desktop:community.baton:v" BATON_VERSION);
    if (!username.isEmpty()) {
        ua += " (by /u/" + username.toUtf8() + ')';
    }
    return ua;
}

QStringList RedditConnector::streams() const {
    return {kInbox, kComments, kModqueue};
}

QString RedditConnector::username() const {
    return m_username;
}

ParseContext RedditConnector::parseContext() const {
    ParseContext ctx;
    ctx.accountId = m_account.id;
    ctx.username = m_username;
    return ctx;
}

Error RedditConnector::describe(const Error& e, const QString& endpoint) const {
    Error out = e;
    out.detail = QStringLiteral("%1: %2: %3").arg(m_account.name, endpoint, e.detail);
    return out;
}

void RedditConnector::withToken(QObject* context, std::function<void(Expected<QString, Error>)> done) {
    if (!m_secretError.isEmpty()) {
        done(unexpected(Error{ErrorCode::Unauthorized, m_secretError}));
        return;
    }
    const bool expired = m_accessExpiresAtMs > 0 && nowMs() >= m_accessExpiresAtMs;
    if (!m_accessToken.isEmpty() && !expired) {
        done(m_accessToken);
        return;
    }
    if (m_refreshToken.isEmpty()) {
        done(unexpected(Error{ErrorCode::Unauthorized,
                              QStringLiteral("the access token expired and there is no "
                                             "refresh token"),
                              401}));
        return;
    }
    m_waiting.append(std::move(done));
    if (!m_refreshing) {
        refresh(context);
    }
}

void RedditConnector::refresh(QObject* context) {
    m_refreshing = true;
    net::Request r;
    r.method = "POST";
    r.url = QUrl(m_tokenUrl);
    // Installed apps authenticate with their client id and an empty password.
    r.headers.append({QByteArrayLiteral("Authorization"),
                      "Basic " + QByteArray(m_clientId.toUtf8() + ':' + m_clientSecret.toUtf8()).toBase64()});
    r.headers.append({QByteArrayLiteral("User-Agent"), userAgent(username())});
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    r.body = formEncode({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                         {QStringLiteral("refresh_token"), m_refreshToken}});
    r.limiterKey = QStringLiteral("reddit-auth:%1").arg(m_clientId);
    r.retrySafe = true; // a refresh grant may be repeated
    const QString endpoint = QStringLiteral("POST /api/v1/access_token");
    m_engine.send(std::move(r), context, [this, endpoint](net::Result res) {
        m_refreshing = false;
        Expected<QString, Error> outcome = unexpected(Error{});
        if (!res) {
            Error e = res.error();
            if (e.httpStatus == 400 || e.httpStatus == 401 || e.httpStatus == 403) {
                e.code = ErrorCode::Unauthorized;
            }
            outcome = unexpected(describe(e, endpoint));
        } else if (auto grant = parseTokenResponse(res->body); !grant) {
            outcome = unexpected(describe(grant.error(), endpoint));
        } else {
            m_accessToken = grant->accessToken;
            m_accessExpiresAtMs = nowMs() + qMax<qint64>(grant->expiresInMs - kTokenMarginMs, grant->expiresInMs / 2);
            qCInfo(lcNet) << "reddit: access token refreshed for" << m_account.name;
            outcome = m_accessToken;
        }
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto& w : waiting) {
            w(outcome);
        }
    });
}

void RedditConnector::call(const QByteArray& method, const QString& path, const Form& params, bool retrySafe,
                           QObject* context, std::function<void(net::Result)> done, bool afterRefresh) {
    withToken(context, [=, this, done = std::move(done)](Expected<QString, Error> token) mutable {
        if (!token) {
            done(unexpected(token.error()));
            return;
        }
        net::Request r;
        r.method = method;
        QString base = m_account.baseUrl;
        while (base.endsWith(u'/')) {
            base.chop(1);
        }
        QUrl url(base + path);
        if (method == "GET" && !params.isEmpty()) {
            url.setQuery(QString::fromLatin1(formEncode(params)));
        } else if (!params.isEmpty()) {
            r.body = formEncode(params);
            r.headers.append(
                {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
        }
        r.url = url;
        r.headers.append({QByteArrayLiteral("Authorization"), "bearer " + token->toUtf8()});
        r.headers.append({QByteArrayLiteral("User-Agent"), userAgent(username())});
        r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
        // One budget per OAuth client id, shared by every account of the app.
        r.limiterKey =
            QStringLiteral("reddit:%1").arg(m_clientId.isEmpty() ? QString::number(m_account.id) : m_clientId);
        r.retrySafe = retrySafe;
        const QString sentToken = *token;
        m_engine.send(std::move(r), context, [=, this, done = std::move(done)](net::Result res) mutable {
            if (!res && res.error().code == ErrorCode::Unauthorized && !afterRefresh && !m_refreshToken.isEmpty()) {
                // Expired or revoked access token: refresh once and try again.
                if (m_accessToken == sentToken) {
                    m_accessToken.clear();
                }
                call(method, path, params, retrySafe, context, std::move(done), true);
                return;
            }
            done(std::move(res));
        });
    });
}

void RedditConnector::verify(QObject* context, Callback<AccountInfo> done) {
    const QString endpoint = QStringLiteral("GET /api/v1/me");
    call("GET", QStringLiteral("/api/v1/me"), {}, true, context,
         [this, done = std::move(done), endpoint](net::Result r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto who = parseMe(r->body, parseContext());
             if (!who) {
                 done(unexpected(describe(who.error(), endpoint)));
                 return;
             }
             m_username = who->handle.mid(2);
             done(AccountInfo{who->remoteId, who->handle, who->displayName});
         });
}

void RedditConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    QString path;
    if (state.stream == kInbox) {
        path = QStringLiteral("/message/inbox");
    } else if (state.stream == kComments) {
        if (username().isEmpty()) {
            done(unexpected(Error{ErrorCode::InvalidArgument,
                                  QStringLiteral("%1: the account was never verified").arg(m_account.name)}));
            return;
        }
        path = QStringLiteral("/user/%1/comments").arg(username());
    } else if (state.stream == kModqueue) {
        path = QStringLiteral("/r/mod/about/modqueue"); // every subreddit the account moderates
    } else {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    Form query{{QStringLiteral("limit"), QString::number(kPage)}, {QStringLiteral("raw_json"), QStringLiteral("1")}};
    const bool queue = state.stream == kModqueue;
    const bool backfilling = queue || !state.backfillDone;
    if (backfilling && !state.backfillCursor.isEmpty()) {
        query.append({QStringLiteral("after"), state.backfillCursor});
    } else if (!backfilling && !state.cursor.isEmpty()) {
        query.append({QStringLiteral("before"), state.cursor});
    }
    if (state.stream == kInbox) {
        query.append({QStringLiteral("mark"), QStringLiteral("false")}); // reading is not the user's reading
    }
    const QString endpoint = QStringLiteral("GET ") + path;
    call("GET", path, query, true, context,
         [this, state, done = std::move(done), endpoint, backfilling, queue, path, context](net::Result r) mutable {
             Page page;
             page.endpoint = endpoint;
             page.state = state;
             if (!r) {
                 if (queue && (r.error().httpStatus == 403 || r.error().httpStatus == 404)) {
                     // Not a moderator anywhere: nothing to moderate.
                     page.state.backfillCursor.clear();
                     page.state.backfillDone = true;
                     done(std::move(page));
                     return;
                 }
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto parsed = parseListing(r->body, parseContext());
             if (!parsed) {
                 done(unexpected(describe(parsed.error(), endpoint)));
                 return;
             }
             page.items = std::move(parsed->items);
             if (queue) {
                 // The queue is walked whole each time; items leave it when they are handled.
                 page.state.backfillCursor = parsed->after;
                 page.state.backfillDone = true;
                 if (!parsed->names.isEmpty() && state.backfillCursor.isEmpty()) {
                     page.state.cursor = parsed->names.constFirst();
                 }
                 page.more = !parsed->after.isEmpty();
             } else if (backfilling) {
                 if (page.state.cursor.isEmpty() && !parsed->names.isEmpty()) {
                     page.state.cursor = parsed->names.constFirst(); // the newest thing: polling starts there
                 }
                 // A short page is not the end; only after == null is (hidden things are dropped after paging).
                 page.state.backfillCursor = parsed->after;
                 page.state.backfillDone = parsed->after.isEmpty();
                 page.more = true; // once history ends, poll at once for what arrived meanwhile
             } else {
                 if (!parsed->names.isEmpty()) {
                     page.state.cursor = parsed->names.constFirst();
                 } else if (!state.cursor.isEmpty()) {
                     // Nothing newer than the anchor, or the anchor itself was deleted or removed: Reddit answers
                     // both with an empty listing, and the second would stall the stream for good.
                     checkAnchor(std::move(page), path, context, std::move(done));
                     return;
                 }
                 page.more = !parsed->names.isEmpty() && !parsed->before.isEmpty();
             }
             done(std::move(page));
         });
}

void RedditConnector::checkAnchor(Page page, const QString& path, QObject* context, Callback<Page> done) {
    const auto query = [&](int limit) {
        Form q{{QStringLiteral("limit"), QString::number(limit)}, {QStringLiteral("raw_json"), QStringLiteral("1")}};
        if (page.state.stream == kInbox) {
            q.append({QStringLiteral("mark"), QStringLiteral("false")});
        }
        return q;
    };
    const QString endpoint = QStringLiteral("GET ") + path;
    const Form probe = query(1);
    const Form full = query(kPage);
    // The newest thing alone tells whether anything is above the anchor.
    call("GET", path, probe, true, context,
         [this, page = std::move(page), path, context, done = std::move(done), endpoint, full](net::Result r) mutable {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             auto top = parseListing(r->body, parseContext());
             if (!top) {
                 done(unexpected(describe(top.error(), endpoint)));
                 return;
             }
             if (top->names.isEmpty() || top->names.constFirst() == page.state.cursor) {
                 done(std::move(page)); // really nothing new
                 return;
             }
             qCInfo(lcConnector) << "reddit:" << m_account.name << page.state.stream << "anchor" << page.state.cursor
                                 << "is gone; reading from the top";
             // The anchor vanished: the newest page holds what arrived since (stored items are skipped).
             call("GET", path, full, true, context,
                  [this, page = std::move(page), done = std::move(done), endpoint](net::Result newest) mutable {
                      if (!newest) {
                          done(unexpected(describe(newest.error(), endpoint)));
                          return;
                      }
                      auto parsed = parseListing(newest->body, parseContext());
                      if (!parsed) {
                          done(unexpected(describe(parsed.error(), endpoint)));
                          return;
                      }
                      page.items = std::move(parsed->items);
                      if (!parsed->names.isEmpty()) {
                          page.state.cursor = parsed->names.constFirst();
                      }
                      page.more = false;
                      done(std::move(page));
                  });
         });
}

void RedditConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    QString path;
    Form query{{QStringLiteral("raw_json"), QStringLiteral("1")}};
    const bool message = item.remoteId.startsWith(QLatin1String("t4_"));
    if (message) {
        path = QStringLiteral("/message/messages/%1")
                   .arg(id36(item.threadRemoteId.isEmpty() ? item.remoteId : item.threadRemoteId));
    } else if (item.remoteId.startsWith(QLatin1String("t3_"))) {
        path = QStringLiteral("/comments/%1").arg(id36(item.remoteId));
        query.append({QStringLiteral("limit"), QStringLiteral("200")});
    } else if (item.remoteId.startsWith(QLatin1String("t1_")) && item.threadRemoteId.startsWith(QLatin1String("t3_"))) {
        path = QStringLiteral("/comments/%1/_/%2").arg(id36(item.threadRemoteId), id36(item.remoteId));
        query.append({QStringLiteral("context"), QStringLiteral("8")});
    } else {
        done(unexpected(
            Error{ErrorCode::InvalidArgument, QStringLiteral("no Reddit thread for %1").arg(item.remoteId)}));
        return;
    }
    const QString endpoint = QStringLiteral("GET ") + path;
    call("GET", path, query, true, context, [this, done = std::move(done), endpoint, message](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        if (message) {
            auto parsed = parseListing(r->body, parseContext());
            if (!parsed) {
                done(unexpected(describe(parsed.error(), endpoint)));
                return;
            }
            done(std::move(parsed->items));
            return;
        }
        auto parsed = parseCommentTree(r->body, parseContext());
        if (!parsed) {
            done(unexpected(describe(parsed.error(), endpoint)));
            return;
        }
        done(std::move(*parsed));
    });
}

void RedditConnector::lookupReply(const model::OutboxEntry& entry, QObject* context,
                                  std::function<void(Expected<std::optional<model::Item>, Error>)> done) {
    const bool message = entry.parentRemoteId.startsWith(QLatin1String("t4_"));
    if (!message && username().isEmpty()) {
        done(std::optional<model::Item>());
        return;
    }
    const QString path =
        message ? QStringLiteral("/message/sent") : QStringLiteral("/user/%1/comments").arg(username());
    const QString endpoint = QStringLiteral("GET ") + path;
    call("GET", path,
         {{QStringLiteral("limit"), QString::number(kPage)}, {QStringLiteral("raw_json"), QStringLiteral("1")}}, true,
         context, [this, entry, done = std::move(done), endpoint](net::Result r) {
             if (!r) {
                 done(unexpected(describe(r.error(), endpoint)));
                 return;
             }
             done(findReply(r->body, entry.parentRemoteId, entry.text, parseContext()));
         });
}

void RedditConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    if (entry.attempts == 0 && entry.state != model::OutboxState::Sending) {
        post(entry, context, std::move(done));
        return;
    }
    // Reddit has no idempotency key: a reply that may have gone out before is looked for first.
    lookupReply(entry, context, [this, entry, context, done = std::move(done)](auto found) mutable {
        if (!found) {
            done(unexpected(found.error()));
        } else if (found->has_value()) {
            done(std::move(**found));
        } else {
            post(entry, context, std::move(done));
        }
    });
}

void RedditConnector::post(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    const QString endpoint = QStringLiteral("POST /api/comment");
    const Form form{{QStringLiteral("api_type"), QStringLiteral("json")},
                    {QStringLiteral("raw_json"), QStringLiteral("1")},
                    {QStringLiteral("thing_id"), entry.parentRemoteId},
                    {QStringLiteral("text"), entry.text}};
    // Not repeated blindly: without an idempotency key a repeat could post twice.
    call("POST", QStringLiteral("/api/comment"), form, false, context,
         [this, entry, context, done = std::move(done), endpoint](net::Result r) mutable {
             if (!r) {
                 const Error failure = describe(r.error(), endpoint);
                 if (!maybePosted(failure.code)) {
                     done(unexpected(failure));
                     return;
                 }
                 // The answer was lost: did the comment land? If so this is success, else the error stands.
                 lookupReply(entry, context, [done = std::move(done), failure](auto found) {
                     if (found && found->has_value()) {
                         done(std::move(**found));
                     } else {
                         done(unexpected(failure));
                     }
                 });
                 return;
             }
             auto item = parseCommentResponse(r->body, parseContext());
             if (!item) {
                 Error e = describe(item.error(), endpoint);
                 if (e.code == ErrorCode::RateLimited) {
                     e.retryAtMs += nowMs(); // the parser gives the delay Reddit asked for
                 }
                 done(unexpected(e));
                 return;
             }
             done(std::move(*item));
         });
}

QList<ModerationAction> RedditConnector::moderationActions(const model::Item& item) const {
    if (item.direction == model::Direction::Outgoing) {
        return {ModerationAction::DeleteOwn};
    }
    if (item.remoteId.startsWith(QLatin1String("t4_"))) {
        return {ModerationAction::BlockAuthor};
    }
    if (!item.remoteId.startsWith(QLatin1String("t1_")) && !item.remoteId.startsWith(QLatin1String("t3_"))) {
        return {};
    }
    // Comments and posts. Allowed where the account moderates the subreddit; elsewhere Reddit answers 403.
    return {ModerationAction::Approve, ModerationAction::Remove, ModerationAction::RemoveAsSpam, ModerationAction::Lock,
            ModerationAction::IgnoreReports};
}

void RedditConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                               QObject* context, Callback<bool> done) {
    Q_UNUSED(comment)
    QString path;
    Form form{{QStringLiteral("id"), item.remoteId}};
    switch (action) {
    case ModerationAction::Approve:
        path = QStringLiteral("/api/approve");
        break;
    case ModerationAction::Remove:
    case ModerationAction::RemoveAsSpam:
        path = QStringLiteral("/api/remove");
        // spam defaults to true on Reddit: a plain removal must say so.
        form.append({QStringLiteral("spam"),
                     action == ModerationAction::RemoveAsSpam ? QStringLiteral("true") : QStringLiteral("false")});
        break;
    case ModerationAction::Lock:
        path = QStringLiteral("/api/lock");
        break;
    case ModerationAction::IgnoreReports:
        path = QStringLiteral("/api/ignore_reports");
        break;
    case ModerationAction::DeleteOwn:
        path = QStringLiteral("/api/del");
        break;
    case ModerationAction::BlockAuthor:
        path = QStringLiteral("/api/block");
        break;
    default:
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("Reddit has no \"%1\" action").arg(moderationActionName(action))}));
        return;
    }
    const QString endpoint = QStringLiteral("POST ") + path;
    call("POST", path, form, true, context, [this, done = std::move(done), endpoint](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        done(true);
    });
}

} // namespace baton::connectors::reddit
