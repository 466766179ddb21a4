#include "core/connectors/google/GoogleReviewsConnector.h"

#include "core/connectors/google/GoogleApiError.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace baton::connectors::google {
namespace {

const QString kReviews = QStringLiteral("reviews");

// "accounts/A/locations/L/reviews/R/reply" -> "accounts/A/locations/L/reviews/R"
QString reviewOf(const QString& remoteId) {
    return remoteId.endsWith(QLatin1String("/reply")) ? remoteId.chopped(6) : remoteId;
}

QString locationOf(const QString& reviewName) {
    const QStringList parts = reviewName.split(u'/');
    return parts.size() >= 4 ? parts.mid(0, 4).join(u'/') : QString();
}

} // namespace

GoogleReviewsConnector::GoogleReviewsConnector(model::Account account, QString token, net::NetworkEngine& engine)
    : m_account(std::move(account))
    , m_token(std::move(token))
    , m_engine(engine) {
}

QStringList GoogleReviewsConnector::streams() const {
    return {kReviews};
}

net::Request GoogleReviewsConnector::request(const QByteArray& method, const QString& path, const Query& query) const {
    // The API allows 300 requests a minute per project, and every account of this Baton signs in through the same
    // project: one shared bucket, paced by us since Google sends no rate-limit headers.
    net::Request r = bearerJsonRequest(m_account, m_token, method, path, query, QStringLiteral("google-business"));
    r.clientLimit = kRequestsPerMinute;
    r.clientWindowMs = 60000;
    r.clientErrorsAsResponses = true;
    return r;
}

Error GoogleReviewsConnector::describe(const Error& e, const QString& endpoint) const {
    Error out = e;
    out.detail = QStringLiteral("%1: %2: %3").arg(m_account.name, endpoint, e.detail);
    return out;
}

void GoogleReviewsConnector::call(net::Request req, QObject* context, Reply done) {
    const QString endpoint = QString::fromLatin1(req.method) + u' ' + req.url.path();
    m_engine.send(std::move(req), context, [this, endpoint, done = std::move(done)](net::Result r) {
        if (!r) {
            done(unexpected(describe(r.error(), endpoint)));
            return;
        }
        if (r->status >= 400) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            done(unexpected(
                describe(toError(parseGoogleError(r->status, r->body), now, nextPacificMidnight(now)), endpoint)));
            return;
        }
        done(std::move(*r));
    });
}

ReviewsContext GoogleReviewsConnector::contextFor(const QString& locationName) const {
    ReviewsContext ctx;
    ctx.accountId = m_account.id;
    ctx.locationName = locationName;
    for (const Location& l : m_locations) {
        if (l.name == locationName) {
            ctx.locationTitle = l.title;
        }
    }
    return ctx;
}

void GoogleReviewsConnector::verify(QObject* context, Callback<AccountInfo> done) {
    call(request("GET", QStringLiteral("/v4/accounts")), context, [this, done = std::move(done)](auto r) {
        if (!r) {
            done(unexpected(r.error()));
            return;
        }
        auto account = parseAccounts(r->body);
        if (!account) {
            done(unexpected(describe(account.error(), QStringLiteral("GET /v4/accounts"))));
            return;
        }
        done(AccountInfo{account->name, account->title, account->title});
    });
}

void GoogleReviewsConnector::withLocations(QObject* context,
                                           std::function<void(Expected<QList<Location>, Error>)> done) {
    if (!m_locations.isEmpty()) {
        done(m_locations);
        return;
    }
    if (m_account.remoteId.isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument,
                              QStringLiteral("%1: the account was never verified").arg(m_account.name)}));
        return;
    }
    const QString path = QStringLiteral("/v4/%1/locations").arg(m_account.remoteId);
    call(request("GET", path), context, [this, path, done = std::move(done)](auto r) {
        if (!r) {
            done(unexpected(r.error()));
            return;
        }
        auto locations = parseLocations(r->body);
        if (!locations) {
            done(unexpected(describe(locations.error(), QStringLiteral("GET ") + path)));
            return;
        }
        m_locations = *locations;
        done(m_locations);
    });
}

void GoogleReviewsConnector::fetchPage(const store::SyncState& state, QObject* context, Callback<Page> done) {
    if (state.stream != kReviews) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("unknown stream %1").arg(state.stream)}));
        return;
    }
    withLocations(context, [this, state, context, done = std::move(done)](Expected<QList<Location>, Error> locs) {
        if (!locs) {
            done(unexpected(locs.error()));
            return;
        }
        Page page;
        page.state = state;
        page.state.backfillDone = true; // no separate history walk: a location without a watermark reads it all
        if (locs->isEmpty()) {
            done(std::move(page));
            return;
        }
        // Where the walk is: "<location index> <page token>".
        const qsizetype space = state.backfillCursor.indexOf(u' ');
        int index = space > 0 ? state.backfillCursor.left(space).toInt() : 0;
        QString token = space > 0 ? state.backfillCursor.mid(space + 1) : QString();
        if (index < 0 || index >= locs->size()) {
            index = 0;
            token.clear();
        }
        const Location location = locs->at(index);
        QJsonObject marks = QJsonDocument::fromJson(state.cursor.toUtf8()).object();
        const qint64 stopMs = static_cast<qint64>(marks.value(location.name).toDouble());
        Query query{{QStringLiteral("pageSize"), QString::number(kPageSize)},
                    {QStringLiteral("orderBy"), QStringLiteral("updateTime desc")}};
        if (!token.isEmpty()) {
            query.append({QStringLiteral("pageToken"), token});
        }
        const QString path = QStringLiteral("/v4/%1/reviews").arg(location.name);
        page.endpoint = QStringLiteral("GET ") + path;
        call(request("GET", path, query), context,
             [this, page, location, index, stopMs, marks, count = locs->size(),
              done = std::move(done)](Expected<net::Response, Error> r) mutable {
                 if (!r) {
                     done(unexpected(r.error()));
                     return;
                 }
                 auto parsed = parseReviews(r->body, contextFor(location.name));
                 if (!parsed) {
                     done(unexpected(describe(parsed.error(), page.endpoint)));
                     return;
                 }
                 // An edit moves a review up with a new updateTime: the store applies the newer version.
                 page.items = std::move(parsed->items);
                 qint64 newest = stopMs;
                 bool reachedKnown = parsed->updateTimes.isEmpty();
                 for (const qint64 t : std::as_const(parsed->updateTimes)) {
                     newest = std::max(newest, t);
                     reachedKnown = reachedKnown || t <= stopMs;
                 }
                 // The watermark moves once the location's walk is over, so a walk cut short starts again.
                 const bool locationDone = reachedKnown || parsed->nextPageToken.isEmpty();
                 const qint64 pending = std::max(
                     newest, static_cast<qint64>(marks.value(location.name + QStringLiteral("#pending")).toDouble()));
                 if (locationDone) {
                     marks.insert(location.name, static_cast<double>(pending));
                     marks.remove(location.name + QStringLiteral("#pending"));
                 } else {
                     marks.insert(location.name + QStringLiteral("#pending"), static_cast<double>(pending));
                 }
                 page.state.cursor = QString::fromUtf8(QJsonDocument(marks).toJson(QJsonDocument::Compact));
                 if (!locationDone) {
                     page.state.backfillCursor = QString::number(index) + u' ' + parsed->nextPageToken;
                     page.more = true;
                 } else if (index + 1 < count) {
                     page.state.backfillCursor = QString::number(index + 1) + u' ';
                     page.more = true;
                 } else {
                     page.state.backfillCursor.clear();
                     page.more = false;
                 }
                 done(std::move(page));
             });
    });
}

void GoogleReviewsConnector::fetchThread(const model::Item& item, QObject* context, Callback<QList<model::Item>> done) {
    const QString review = reviewOf(item.threadRemoteId.isEmpty() ? item.remoteId : item.threadRemoteId);
    const QString path = QStringLiteral("/v4/") + review;
    call(request("GET", path), context, [this, review, path, done = std::move(done)](auto r) {
        if (!r) {
            done(unexpected(r.error()));
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(r->body).object();
        auto items = reviewToItems(o, contextFor(locationOf(review)));
        if (!items) {
            done(unexpected(describe(items.error(), QStringLiteral("GET ") + path)));
            return;
        }
        done(*items);
    });
}

void GoogleReviewsConnector::postReply(const model::OutboxEntry& entry, QObject* context, Callback<model::Item> done) {
    const QString review = reviewOf(entry.parentRemoteId);
    if (review.isEmpty() || entry.text.trimmed().isEmpty()) {
        done(unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("a review reply needs a review and text")}));
        return;
    }
    net::Request req = request("PUT", QStringLiteral("/v4/%1/reply").arg(review));
    req.body = QJsonDocument(QJsonObject{{QStringLiteral("comment"), entry.text}}).toJson(QJsonDocument::Compact);
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    req.retrySafe = true; // an upsert: the same reply again leaves one reply
    call(std::move(req), context, [this, review, done = std::move(done)](Expected<net::Response, Error> r) {
        if (!r) {
            done(unexpected(r.error()));
            return;
        }
        auto item = parseReply(r->body, review, contextFor(locationOf(review)));
        if (!item) {
            done(unexpected(describe(item.error(), QStringLiteral("PUT …/reply"))));
            return;
        }
        done(std::move(*item));
    });
}

QList<ModerationAction> GoogleReviewsConnector::moderationActions(const model::Item& item) const {
    // The API cannot remove or flag a customer's review; only our own reply can go.
    if (item.direction == model::Direction::Outgoing) {
        return {ModerationAction::DeleteOwn};
    }
    return {};
}

void GoogleReviewsConnector::moderate(ModerationAction action, const model::Item& item, const QString& comment,
                                      QObject* context, Callback<bool> done) {
    Q_UNUSED(comment)
    if (action != ModerationAction::DeleteOwn || item.direction != model::Direction::Outgoing) {
        done(unexpected(
            Error{ErrorCode::InvalidArgument,
                  QStringLiteral("%1 is not possible on a Google review").arg(moderationActionName(action))}));
        return;
    }
    net::Request req = request("DELETE", QStringLiteral("/v4/%1/reply").arg(reviewOf(item.remoteId)));
    call(std::move(req), context, [done = std::move(done)](Expected<net::Response, Error> r) {
        if (!r && r.error().code != ErrorCode::NotFound) { // already gone is done too
            done(unexpected(r.error()));
            return;
        }
        done(true);
    });
}

} // namespace baton::connectors::google
