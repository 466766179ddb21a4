#include "core/connectors/mastodon/MastodonConnector.h"

#include "core/common/Ids.h"
#include "core/common/Logging.h"
#include "core/connectors/LinkHeader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace baton::connectors::mastodon {
namespace {

const QString kNotifications = QStringLiteral("notifications");
const QString kStatuses = QStringLiteral("statuses");
const QString kConversations = QStringLiteral("conversations");

QString maxOf(const QStringList& ids, QString current) {
    for (const QString& id : ids) {
        if (current.isEmpty() || compareNumericIds(id, current) > 0) {
            current = id;
        }
    }
    return current;
}

QString minOf(const QStringList& ids) {
    QString out;
    for (const QString& id : ids) {
        if (out.isEmpty() || compareNumericIds(id, out) < 0) {
            out = id;
        }
    }
    return out;
}

QString queryValue(const QUrl& url, const QString& key) {
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

MastodonConnector::MastodonConnector(model::Account account, QString token, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_engine(engine) {
}

QStringList MastodonConnector::streams() const {
    return {kNotifications, kStatuses, kConversations};
}

ParseContext MastodonConnector::parseContext() const {
    ParseContext ctx;
    ctx.accountId = m_account.id;
    ctx.ownAccountId = m_account.remoteId;
    ctx.instanceHost = QUrl(m_account.baseUrl).host();
    return ctx;
}

net::Request MastodonConnector::request(const QByteArray& method, const QString& path,
                                        const QList<QPair<QString, QString>>& query) const {
    net::Request r =
        bearerJsonRequest(m_account, m_token, method, path, query, QStringLiteral("mastodon:%1").arg(m_account.id));
    return r;
}

Error MastodonConnector::describe(const Error& e, const QString& endpoint) const {
    Error out = e;
    out.detail = QStringLiteral("%1: %2: %3").arg(m_account.name, endpoint, e.detail);
    return out;
}

void MastodonConnector::verify(QObject* context, Callback<AccountInfo> done) {
    const QString endpoint = QStringLiteral("GET /api/v1/accounts/verify_credentials");
    m_engine.send(request("GET", QStringLiteral("/api/v1/accounts/verify_credentials")), context,
                  [this, done = std::move(done), endpoint](net::Result r) {
                      if (!r) {
                          done(unexpected(describe(r.error(), endpoint)));
                          return;
                      }
                      auto who = parseAccountDocument(r->body, parseContext());
                      if (!who) {
                          done(unexpected(describe(who.error(), endpoint)));
                          return;
                      }
                      done(AccountInfo{who->remoteId, who->handle, who->displayName});
                  });
}

void MastodonConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    QString path;
    QList<QPair<QString, QString>> query;
    int limit = kStatusPage;
    if (state.stream == kNotifications) {
        path = QStringLiteral("/api/v1/notifications");
        query = {{QStringLiteral("types[]"), QStringLiteral("mention")},
                 {QStringLiteral("types[]"), QStringLiteral("update")}};
        limit = kNotificationPage;
    } else if (state.stream == kStatuses) {
        if (m_account.remoteId.isEmpty()) {
            done(unexpected(Error{ErrorCode::InvalidArgument,
                                  QStringLiteral("%1: the account was never verified").arg(m_account.name)}));
            return;
        }
        path = QStringLiteral("/api/v1/accounts/%1/statuses").arg(m_account.remoteId);
        query = {{QStringLiteral("exclude_reblogs"), QStringLiteral("true")}};
    } else if (state.stream == kConversations) {
        path = QStringLiteral("/api/v1/conversations");
        limit = kConversationPage;
    } else {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    const bool backfilling = !state.backfillDone;
    if (backfilling && !state.backfillCursor.isEmpty()) {
        query.append({QStringLiteral("max_id"), state.backfillCursor});
    } else if (!backfilling && !state.cursor.isEmpty()) {
        query.append({QStringLiteral("min_id"), state.cursor});
    }
    query.append({QStringLiteral("limit"), QString::number(limit)});
    net::Request req = request("GET", path, query);
    const QString endpoint = QStringLiteral("GET ") + path;

    m_engine.send(
        std::move(req), context, [this, state, done = std::move(done), endpoint, backfilling, limit](net::Result r) {
            if (!r) {
                done(unexpected(describe(r.error(), endpoint)));
                return;
            }
            const ParseContext ctx = parseContext();
            Page page;
            page.endpoint = endpoint;
            page.state = state;
            QStringList ids;
            if (state.stream == kNotifications) {
                auto parsed = parseNotifications(r->body, ctx);
                if (!parsed) {
                    done(unexpected(describe(parsed.error(), endpoint)));
                    return;
                }
                page.items = std::move(parsed->items);
                page.edits = std::move(parsed->edits);
                ids = parsed->ids;
            } else {
                auto parsed =
                    state.stream == kStatuses ? parseStatuses(r->body, ctx) : parseConversations(r->body, ctx);
                if (!parsed) {
                    done(unexpected(describe(parsed.error(), endpoint)));
                    return;
                }
                page.items = std::move(parsed->items);
                ids = parsed->ids;
            }
            const auto links = parseLinkHeader(r->header("link"));
            if (state.stream == kConversations) {
                // Conversation ids are not ordered by time: follow the server's Link cursors only.
                if (backfilling) {
                    const QString next = queryValue(links.value(QStringLiteral("next")), QStringLiteral("max_id"));
                    page.state.backfillCursor = next;
                    page.state.backfillDone = ids.isEmpty() || next.isEmpty();
                    if (page.state.cursor.isEmpty()) {
                        page.state.cursor = queryValue(links.value(QStringLiteral("prev")), QStringLiteral("min_id"));
                    }
                    page.more = !page.state.backfillDone;
                } else {
                    const QString prev = queryValue(links.value(QStringLiteral("prev")), QStringLiteral("min_id"));
                    if (!prev.isEmpty()) {
                        page.state.cursor = prev;
                    }
                    page.more = ids.size() >= limit;
                }
                done(std::move(page));
                return;
            }
            page.state.cursor = maxOf(ids, state.cursor);
            if (backfilling) {
                if (ids.isEmpty()) {
                    page.state.backfillDone = true;
                } else {
                    const QString next = queryValue(links.value(QStringLiteral("next")), QStringLiteral("max_id"));
                    page.state.backfillCursor = next.isEmpty() ? minOf(ids) : next;
                }
                // When history ends, go on at once with a forward poll for what arrived meanwhile.
                page.more = true;
            } else {
                page.more = !ids.isEmpty();
            }
            done(std::move(page));
        });
}

void MastodonConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    const QString path = QStringLiteral("/api/v1/statuses/%1/context").arg(item.remoteId);
    const QString endpoint = QStringLiteral("GET ") + path;
    m_engine.send(request("GET", path), context, [this, done = std::move(done), endpoint](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        auto parsed = mastodon::parseContext(r->body, parseContext());
        if (!parsed) {
            done(unexpected(describe(parsed.error(), endpoint)));
            return;
        }
        done(std::move(parsed->items));
    });
}

void MastodonConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    net::Request req = request("POST", QStringLiteral("/api/v1/statuses"));
    QJsonObject body{{QStringLiteral("status"), entry.text}};
    if (!entry.parentRemoteId.isEmpty()) {
        body.insert(QStringLiteral("in_reply_to_id"), entry.parentRemoteId);
    }
    if (!entry.visibility.isEmpty()) {
        body.insert(QStringLiteral("visibility"), entry.visibility);
    }
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    // The key makes a repeat of this POST return the first status instead of posting twice (1 h window).
    req.headers.append({QByteArrayLiteral("Idempotency-Key"), entry.idempotencyKey.toUtf8()});
    req.retrySafe = true;
    const QString endpoint = QStringLiteral("POST /api/v1/statuses");
    m_engine.send(std::move(req), context, [this, done = std::move(done), endpoint](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        auto item = parseStatusDocument(r->body, parseContext());
        if (!item) {
            done(unexpected(describe(item.error(), endpoint)));
            return;
        }
        item->direction = model::Direction::Outgoing;
        item->kind = model::Kind::Reply;
        done(std::move(*item));
    });
}

QList<ModerationAction> MastodonConnector::moderationActions(const model::Item& item) const {
    if (item.direction == model::Direction::Outgoing) {
        return {ModerationAction::DeleteOwn};
    }
    QList<ModerationAction> out;
    if (!item.notificationId.isEmpty()) {
        out << ModerationAction::Dismiss;
    }
    out << ModerationAction::MuteThread << ModerationAction::MuteAuthor << ModerationAction::BlockAuthor
        << ModerationAction::Report;
    return out;
}

void MastodonConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                                 QObject* context, Callback<bool> done) {
    net::Request req;
    const QString author = item.author.remoteId;
    auto needsAuthor = [&]() {
        if (author.isEmpty()) {
            done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the author's account id is unknown")}));
            return false;
        }
        return true;
    };
    switch (action) {
    case ModerationAction::Dismiss:
        if (item.notificationId.isEmpty()) {
            done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("no notification to dismiss")}));
            return;
        }
        req = request("POST", QStringLiteral("/api/v1/notifications/%1/dismiss").arg(item.notificationId));
        break;
    case ModerationAction::MuteThread:
        req = request("POST", QStringLiteral("/api/v1/statuses/%1/mute").arg(item.remoteId));
        break;
    case ModerationAction::MuteAuthor:
        if (!needsAuthor()) {
            return;
        }
        req = request("POST", QStringLiteral("/api/v1/accounts/%1/mute").arg(author));
        break;
    case ModerationAction::BlockAuthor:
        if (!needsAuthor()) {
            return;
        }
        req = request("POST", QStringLiteral("/api/v1/accounts/%1/block").arg(author));
        break;
    case ModerationAction::Report: {
        if (!needsAuthor()) {
            return;
        }
        req = request("POST", QStringLiteral("/api/v1/reports"));
        QJsonObject body{{QStringLiteral("account_id"), author},
                         {QStringLiteral("status_ids"), QJsonArray{item.remoteId}},
                         {QStringLiteral("comment"), comment.left(1000)},
                         {QStringLiteral("category"), QStringLiteral("other")}};
        req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        req.retrySafe = false; // a second report is not harmless
        break;
    }
    case ModerationAction::DeleteOwn:
        req = request("DELETE", QStringLiteral("/api/v1/statuses/%1").arg(item.remoteId));
        break;
    default:
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("Mastodon has no \"%1\" action").arg(moderationActionName(action))}));
        return;
    }
    const QString endpoint = QString::fromLatin1(req.method) + u' ' + req.url.path();
    m_engine.send(std::move(req), context, [this, done = std::move(done), endpoint](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        done(true);
    });
}

} // namespace baton::connectors::mastodon
