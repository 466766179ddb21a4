#include "core/connectors/feed/FeedConnector.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace baton::connectors::feed {

const QString FeedConnector::kStream = QStringLiteral("feed");

QHash<QString, QString> decodeSeen(const QString& cursor) {
    QHash<QString, QString> out;
    const QJsonObject seen = QJsonDocument::fromJson(cursor.toUtf8()).object().value(QStringLiteral("seen")).toObject();
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        out.insert(it.key(), it.value().toString());
    }
    return out;
}

QString encodeSeen(const QHash<QString, QString>& seen) {
    QJsonObject o;
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        o.insert(it.key(), it.value());
    }
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("v"), 1}, {QStringLiteral("seen"), o}})
                                 .toJson(QJsonDocument::Compact));
}

FeedConnector::FeedConnector(model::Account account, QString token, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_engine(engine) {
}

QStringList FeedConnector::streams() const {
    return {kStream};
}

ParseContext FeedConnector::parseContext() const {
    ParseContext ctx;
    ctx.accountId = m_account.id;
    ctx.feedUrl = m_account.baseUrl;
    ctx.nowMs = QDateTime::currentMSecsSinceEpoch();
    return ctx;
}

net::Request FeedConnector::request(const store::SyncState* state) const {
    net::Request r;
    r.method = "GET";
    r.url = QUrl(m_account.baseUrl);
    r.headers.append({QByteArrayLiteral("Accept"),
                      QByteArrayLiteral("application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
                                        "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")});
    if (!m_token.isEmpty()) {
        r.headers.append({QByteArrayLiteral("Authorization"), "Basic " + m_token.toUtf8().toBase64()});
    }
    if (state) {
        if (!state->etag.isEmpty()) {
            r.headers.append({QByteArrayLiteral("If-None-Match"), state->etag.toLatin1()});
        }
        if (!state->lastModified.isEmpty()) {
            r.headers.append({QByteArrayLiteral("If-Modified-Since"), state->lastModified.toLatin1()});
        }
    }
    r.limiterKey = QStringLiteral("feed:%1").arg(m_account.id);
    return r;
}

Error FeedConnector::describe(const Error& e) const {
    Error out = e;
    QString what = e.detail;
    // A site's error page says nothing a feed reader can use: name the status only.
    if (e.httpStatus == 401) {
        what = m_token.isEmpty() ? QStringLiteral("the feed needs a user name and password (HTTP 401)")
                                 : QStringLiteral("the server refused the user name or password (HTTP 401)");
    } else if (e.httpStatus == 404 || e.httpStatus == 410) {
        what = QStringLiteral("no feed at this address (HTTP %1)").arg(e.httpStatus);
    } else if (e.httpStatus >= 400 && e.code != ErrorCode::RateLimited) {
        what = QStringLiteral("the server answered HTTP %1").arg(e.httpStatus);
    }
    out.detail = QStringLiteral("%1: GET %2: %3").arg(m_account.name, m_account.baseUrl, what);
    return out;
}

void FeedConnector::verify(QObject* context, Callback<AccountInfo> done) {
    const QUrl url(m_account.baseUrl);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
        done(unexpected(describe(
            Error{ErrorCode::InvalidArgument, QStringLiteral("the feed address must be an http or https URL")})));
        return;
    }
    m_engine.send(request(nullptr), context, [this, done = std::move(done)](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error())));
            return;
        }
        auto feed = parseFeed(r->body, parseContext());
        if (!feed) {
            done(unexpected(describe(feed.error())));
            return;
        }
        done(AccountInfo{m_account.baseUrl, feed->title, feed->title});
    });
}

void FeedConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    if (state.stream != kStream) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    m_engine.send(request(&state), context, [this, state, done = std::move(done)](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error())));
            return;
        }
        Page page;
        page.endpoint = QStringLiteral("GET ") + m_account.baseUrl;
        page.state = state;
        page.more = false;
        if (r->status == 304) {
            done(std::move(page)); // not modified: nothing new, validators stay
            return;
        }
        if (r->status != 200) {
            done(unexpected(describe(Error{
                ErrorCode::BadResponse, QStringLiteral("unexpected HTTP %1 for a feed").arg(r->status), r->status})));
            return;
        }
        auto feed = parseFeed(r->body, parseContext());
        if (!feed) {
            // The validators are not stored: the next sync fetches the whole document again.
            done(unexpected(describe(feed.error())));
            return;
        }
        const QHash<QString, QString> before = decodeSeen(state.cursor);
        QHash<QString, QString> after;
        for (qsizetype i = 0; i < feed->items.size(); ++i) {
            model::Item& item = feed->items[i];
            const QString& version = feed->versions[i];
            after.insert(item.remoteId, version);
            const auto known = before.constFind(item.remoteId);
            if (known == before.constEnd()) {
                page.items.append(std::move(item));
            } else if (*known != version) {
                if (item.updatedAt == 0) {
                    item.updatedAt = QDateTime::currentMSecsSinceEpoch();
                }
                page.edits.append(std::move(item));
            }
        }
        page.state.cursor = encodeSeen(after);
        page.state.etag = QString::fromLatin1(r->header("etag"));
        page.state.lastModified = QString::fromLatin1(r->header("last-modified"));
        done(std::move(page));
    });
}

void FeedConnector::fetchThread(const model::Item&, QObject*, Callback<QList<model::Item>> done) {
    done(QList<model::Item>{}); // a feed entry stands alone; its discussion lives behind its link
}

void FeedConnector::postReply(const model::OutboxEntry&, QObject*, Callback<model::Item> done) {
    done(unexpected(
        Error{ErrorCode::InvalidArgument,
              QStringLiteral("%1: feeds take no replies; open the entry's link to answer").arg(m_account.name)}));
}

QList<ModerationAction> FeedConnector::moderationActions(const model::Item&) const {
    return {};
}

void FeedConnector::moderate(ModerationAction, const model::Item&, const QString&, QObject*, Callback<bool> done) {
    done(unexpected(
        Error{ErrorCode::InvalidArgument, QStringLiteral("%1: feeds have no moderation actions").arg(m_account.name)}));
}

} // namespace baton::connectors::feed
