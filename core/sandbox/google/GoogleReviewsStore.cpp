#include "core/sandbox/google/GoogleReviewsStore.h"

#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/google/GoogleApi.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <iterator>

namespace baton::sandbox {
namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;

const char* const kStars[] = {"STAR_RATING_UNSPECIFIED", "ONE", "TWO", "THREE", "FOUR", "FIVE"};

struct BusinessProfile {
    const char* name;
    const char* product;
    const char* locations[2];
    const char* languages[2];
};
const BusinessProfile kProfiles[] = {
    {"Baton Cafés", "Baton", {"Baton Café — Lyon Part-Dieu", "Baton Coffee, Camden"}, {"fr", "en"}},
    {"Vélo Libre", "Vélo Libre", {"Vélo Libre Nantes", "Vélo Libre Bordeaux"}, {"fr", "fr"}}};

// Business Profile times: RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits ("2014-10-02T15:01:23.045123456Z").
QString profileTime(qint64 ms, int variant) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    const QString base = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    const int millis = static_cast<int>(ms % 1000);
    switch (variant % 4) {
    case 0:
        return base + u'Z';
    case 1:
        return base + QStringLiteral(".%1Z").arg(millis, 3, 10, QLatin1Char('0'));
    case 2:
        return base + QStringLiteral(".%1000Z").arg(millis, 3, 10, QLatin1Char('0'));
    default:
        return base + QStringLiteral(".%1%2Z")
                          .arg(millis, 3, 10, QLatin1Char('0'))
                          .arg(variant % 1000000, 6, 10, QLatin1Char('0'));
    }
}

Tone toneFor(int stars, SandboxRandom& rng) {
    if (stars <= 2) {
        return rng.chance(0.7) ? Tone::Complaint : Tone::BugReport;
    }
    if (stars == 3) {
        return rng.chance(0.5) ? Tone::Question : Tone::SmallTalk;
    }
    return rng.chance(0.7) ? Tone::Praise : Tone::Thanks;
}

HttpResponse notFound() {
    return google::error(404, QStringLiteral("Requested entity was not found."), QString());
}

} // namespace

GoogleReviewsStore::GoogleReviewsStore(const SandboxOptions& options, const SandboxClock& clock)
    : m_clock(clock)
    , m_live(SandboxRandom(options.seed).fork(0x6B9)) {
    SandboxRandom root = SandboxRandom(options.seed).fork(0x6B00);
    for (int i = 0; i < std::clamp(options.googleBusinessAccounts, 0, 8); ++i) {
        SandboxRandom rng = root.fork(static_cast<quint64>(i) + 1);
        GoogleBusinessAccount a;
        a.index = i;
        const bool known = i < static_cast<int>(std::size(kProfiles));
        a.name = known ? QString::fromUtf8(kProfiles[i].name) : QStringLiteral("Demo Business %1").arg(i + 1);
        a.id = QString::number(rng.between(100000000000000000LL, 999999999999999999LL));
        a.token = QStringLiteral("ya29.a0") + google::randomChars(rng, 64);
        for (int l = 0; l < 2; ++l) {
            GoogleLocation loc;
            loc.id = QString::number(rng.between(1000000000000000000LL, 9000000000000000000LL));
            loc.title = known ? QString::fromUtf8(kProfiles[i].locations[l]) : QStringLiteral("Shop %1").arg(l + 1);
            loc.language = known ? QString::fromUtf8(kProfiles[i].languages[l]) : QStringLiteral("en");
            a.locations.append(loc);
        }
        m_accounts.append(a);
        generate(m_accounts.last(), std::clamp(options.googleReviewsPerLocation, 0, 20000),
                 std::clamp(options.historyDays, 1, 3650), rng);
    }
}

void GoogleReviewsStore::generate(GoogleBusinessAccount& a, int perLocation, int historyDays, SandboxRandom rng) {
    const qint64 now = m_clock.startMs();
    PeopleFactory people(rng.fork(2));
    const PhraseBook::Topic topic{a.name, a.name.toLower()};
    for (GoogleLocation& loc : a.locations) {
        for (int i = 0; i < perLocation; ++i) {
            const PeopleFactory::Person p = people.next(0.0);
            GoogleReview r;
            r.reviewId = QStringLiteral("AbFvOq") + google::randomChars(rng, 40);
            r.anonymous = rng.chance(0.06);
            r.reviewer = r.anonymous ? QString() : p.displayName;
            const double u = rng.unit();
            r.stars = u < 0.12 ? 1 : u < 0.2 ? 2 : u < 0.32 ? 3 : u < 0.55 ? 4 : 5;
            if (rng.chance(0.01)) {
                r.stars = 0;
            }
            const QString language = rng.chance(0.8) ? loc.language : p.language;
            if (!rng.chance(0.15)) { // some reviews are a rating only
                r.comment = PhraseBook::message(toneFor(r.stars, rng), language, topic, rng);
            }
            r.createMs = rng.between(now - historyDays * kDay, now - 60000);
            r.updateMs = r.createMs;
            if (rng.chance(0.06)) {
                r.updateMs = std::min(now - 1000, r.createMs + rng.between(3600000, 5 * kDay));
                r.comment += language == QLatin1String("fr") ? QStringLiteral(" Mise à jour : toujours pareil.")
                                                             : QStringLiteral(" Update: still the same.");
            }
            if (rng.chance(r.stars <= 2 ? 0.6 : 0.35)) {
                r.reply = PhraseBook::answer(toneFor(r.stars, rng), language, r.reviewer, topic, rng);
                r.replyMs = std::min(now - 500, r.createMs + rng.between(1800000, 3 * kDay));
            }
            loc.reviews.append(r);
        }
    }
}

int GoogleReviewsStore::accountForToken(const QString& token) const {
    if (token.isEmpty()) {
        return -1;
    }
    const QMutexLocker lock(&m_mutex);
    for (const GoogleBusinessAccount& a : m_accounts) {
        if (a.token == token) {
            return a.revoked ? -1 : a.index;
        }
    }
    return -1;
}

QString GoogleReviewsStore::accountName(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).name : QString();
}

QString GoogleReviewsStore::accountId(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts.at(account).id : QString();
}

QList<SandboxAccount> GoogleReviewsStore::accounts(const QString& baseUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const GoogleBusinessAccount& a : m_accounts) {
        SandboxAccount s;
        s.network = QStringLiteral("google-reviews");
        s.name = a.name + QStringLiteral(" (Google reviews)");
        s.baseUrl = baseUrl;
        s.token = a.token;
        s.remoteId = QStringLiteral("accounts/") + a.id;
        s.acct = a.name;
        out.append(s);
    }
    return out;
}

QJsonObject GoogleReviewsStore::reviewJson(const GoogleBusinessAccount& a, const GoogleLocation& l,
                                           const GoogleReview& r) const {
    const int variant = static_cast<int>(qHash(r.reviewId) & 0x7FFFFFFF);
    QJsonObject reviewer{{QStringLiteral("isAnonymous"), r.anonymous}};
    if (!r.anonymous) {
        reviewer.insert(QStringLiteral("displayName"), r.reviewer);
        reviewer.insert(QStringLiteral("profilePhotoUrl"),
                        QString(QStringLiteral("https://lh3.googleusercontent.com/a-/") + r.reviewId.mid(6, 20)));
    }
    QJsonObject o{
        {QStringLiteral("name"), QStringLiteral("accounts/%1/locations/%2/reviews/%3").arg(a.id, l.id, r.reviewId)},
        {QStringLiteral("reviewId"), r.reviewId},
        {QStringLiteral("reviewer"), reviewer},
        {QStringLiteral("starRating"), QString::fromLatin1(kStars[std::clamp(r.stars, 0, 5)])},
        {QStringLiteral("createTime"), profileTime(r.createMs, variant)},
        {QStringLiteral("updateTime"), profileTime(r.updateMs, variant)}};
    if (!r.comment.isEmpty()) {
        o.insert(QStringLiteral("comment"), r.comment);
    }
    if (!r.reply.isEmpty()) {
        o.insert(QStringLiteral("reviewReply"),
                 QJsonObject{{QStringLiteral("comment"), r.reply},
                             {QStringLiteral("updateTime"), profileTime(r.replyMs, variant + 1)}});
    }
    return o;
}

HttpResponse GoogleReviewsStore::listAccounts(int account) const {
    const QMutexLocker lock(&m_mutex);
    const GoogleBusinessAccount& a = m_accounts.at(account);
    const QJsonObject item{{QStringLiteral("name"), QString(QStringLiteral("accounts/") + a.id)},
                           {QStringLiteral("accountName"), a.name},
                           {QStringLiteral("type"), QStringLiteral("LOCATION_GROUP")},
                           {QStringLiteral("role"), QStringLiteral("OWNER")}};
    return HttpResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("accounts"), QJsonArray{item}}}).toJson());
}

HttpResponse GoogleReviewsStore::listLocations(int account, const QString& accountId) const {
    const QMutexLocker lock(&m_mutex);
    const GoogleBusinessAccount& a = m_accounts.at(account);
    if (accountId != a.id) {
        return google::error(403, QStringLiteral("The caller does not have permission"), QString());
    }
    QJsonArray list;
    for (const GoogleLocation& l : a.locations) {
        list.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("accounts/%1/locations/%2").arg(a.id, l.id)},
                                {QStringLiteral("locationName"), l.title},
                                {QStringLiteral("languageCode"), l.language}});
    }
    return HttpResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("locations"), list}, {QStringLiteral("totalSize"), list.size()}})
                 .toJson());
}

const GoogleReview* GoogleReviewsStore::findReview(const QString& accountId, const QString& locationId,
                                                   const QString& reviewId, int account) const {
    const GoogleBusinessAccount& a = m_accounts.at(account);
    if (a.id != accountId) {
        return nullptr;
    }
    for (const GoogleLocation& l : a.locations) {
        if (l.id == locationId) {
            for (const GoogleReview& r : l.reviews) {
                if (r.reviewId == reviewId) {
                    return &r;
                }
            }
        }
    }
    return nullptr;
}

GoogleReview* GoogleReviewsStore::findReview(const QString& accountId, const QString& locationId,
                                             const QString& reviewId, int account) {
    return const_cast<GoogleReview*>(std::as_const(*this).findReview(accountId, locationId, reviewId, account));
}

HttpResponse GoogleReviewsStore::listReviews(int account, const QString& accountId, const QString& locationId,
                                             int pageSize, const QString& pageToken, const QString& orderBy) const {
    const QMutexLocker lock(&m_mutex);
    const GoogleBusinessAccount& a = m_accounts.at(account);
    const GoogleLocation* location = nullptr;
    for (const GoogleLocation& l : a.locations) {
        if (a.id == accountId && l.id == locationId) {
            location = &l;
        }
    }
    if (location == nullptr) {
        return notFound();
    }
    QList<const GoogleReview*> sorted;
    double sum = 0;
    int rated = 0;
    for (const GoogleReview& r : location->reviews) {
        sorted.append(&r);
        if (r.stars > 0) {
            sum += r.stars;
            ++rated;
        }
    }
    const auto byTime = [](const GoogleReview* x, const GoogleReview* y) {
        return x->updateMs != y->updateMs ? x->updateMs > y->updateMs : x->reviewId > y->reviewId;
    };
    if (orderBy == QLatin1String("rating") || orderBy == QLatin1String("rating desc")) {
        const bool desc = orderBy.endsWith(QLatin1String("desc"));
        std::stable_sort(sorted.begin(), sorted.end(), [&](const GoogleReview* x, const GoogleReview* y) {
            return x->stars != y->stars ? (desc ? x->stars > y->stars : x->stars < y->stars) : byTime(x, y);
        });
    } else {
        std::sort(sorted.begin(), sorted.end(), byTime);
    }
    // Page tokens: the offset, opaque to clients.
    qsizetype start = 0;
    if (!pageToken.isEmpty()) {
        bool ok = false;
        start = QString::fromLatin1(QByteArray::fromBase64(pageToken.toLatin1(), QByteArray::Base64UrlEncoding))
                    .mid(2)
                    .toLongLong(&ok);
        if (!ok || !QByteArray::fromBase64(pageToken.toLatin1(), QByteArray::Base64UrlEncoding).startsWith("o:") ||
            start < 0 || start > sorted.size()) {
            return google::error(400, QStringLiteral("Invalid page token."), QString());
        }
    }
    QJsonArray reviews;
    qsizetype i = start;
    for (; i < sorted.size() && reviews.size() < pageSize; ++i) {
        reviews.append(reviewJson(a, *location, *sorted.at(i)));
    }
    QJsonObject out{{QStringLiteral("reviews"), reviews},
                    {QStringLiteral("averageRating"), rated > 0 ? std::round(sum / rated * 10) / 10 : 0.0},
                    {QStringLiteral("totalReviewCount"), location->reviews.size()}};
    if (i < sorted.size()) { // left out on the last page
        out.insert(
            QStringLiteral("nextPageToken"),
            QString::fromLatin1(QByteArray("o:" + QByteArray::number(i)).toBase64(QByteArray::Base64UrlEncoding)));
    }
    return HttpResponse::json(200, QJsonDocument(out).toJson());
}

HttpResponse GoogleReviewsStore::getReview(int account, const QString& accountId, const QString& locationId,
                                           const QString& reviewId) const {
    const QMutexLocker lock(&m_mutex);
    const GoogleReview* r = findReview(accountId, locationId, reviewId, account);
    if (r == nullptr) {
        return notFound();
    }
    const GoogleBusinessAccount& a = m_accounts.at(account);
    for (const GoogleLocation& l : a.locations) {
        if (l.id == locationId) {
            return HttpResponse::json(200, QJsonDocument(reviewJson(a, l, *r)).toJson());
        }
    }
    return notFound();
}

HttpResponse GoogleReviewsStore::putReply(int account, const QString& accountId, const QString& locationId,
                                          const QString& reviewId, const QString& comment) {
    const QMutexLocker lock(&m_mutex);
    GoogleReview* r = findReview(accountId, locationId, reviewId, account);
    if (r == nullptr) {
        return notFound();
    }
    // An upsert: the same text again changes nothing but the answer's time.
    if (r->reply != comment) {
        ++m_accounts[account].replyWrites;
    }
    r->reply = comment;
    r->replyMs = m_clock.nowMs();
    return HttpResponse::json(200,
                              QJsonDocument(QJsonObject{{QStringLiteral("comment"), r->reply},
                                                        {QStringLiteral("updateTime"), profileTime(r->replyMs, 1)}})
                                  .toJson());
}

HttpResponse GoogleReviewsStore::deleteReply(int account, const QString& accountId, const QString& locationId,
                                             const QString& reviewId) {
    const QMutexLocker lock(&m_mutex);
    GoogleReview* r = findReview(accountId, locationId, reviewId, account);
    if (r == nullptr) {
        return notFound();
    }
    r->reply.clear();
    r->replyMs = 0;
    return HttpResponse::json(200, "{}\n");
}

QString GoogleReviewsStore::addReview(int account, int location, int stars, const QString& comment) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size() || location < 0 ||
        location >= m_accounts.at(account).locations.size()) {
        return {};
    }
    GoogleBusinessAccount& a = m_accounts[account];
    GoogleLocation& l = a.locations[location];
    GoogleReview r;
    r.reviewId = QStringLiteral("AbFvOq") + google::randomChars(m_live, 40);
    r.reviewer = QStringLiteral("Camille R.");
    r.stars = stars;
    r.comment = comment;
    r.createMs = m_clock.nowMs();
    r.updateMs = r.createMs;
    l.reviews.append(r);
    return QStringLiteral("accounts/%1/locations/%2/reviews/%3").arg(a.id, l.id, r.reviewId);
}

bool GoogleReviewsStore::editReview(const QString& name, int stars, const QString& comment) {
    const QStringList parts = name.split(u'/');
    if (parts.size() != 6) {
        return false;
    }
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        if (GoogleReview* r = findReview(parts[1], parts[3], parts[5], i)) {
            r->stars = stars;
            r->comment = comment;
            r->updateMs = m_clock.nowMs();
            return true;
        }
    }
    return false;
}

void GoogleReviewsStore::addLiveReview() {
    int location = 0;
    int stars = 5;
    {
        const QMutexLocker lock(&m_mutex);
        if (m_accounts.isEmpty() || !m_live.chance(0.3)) {
            return; // reviews come slower than comments
        }
        location = static_cast<int>(m_live.below(2));
        stars = static_cast<int>(m_live.between(1, 5));
    }
    SandboxRandom rng = m_live.fork(static_cast<quint64>(stars));
    addReview(0, location, stars,
              PhraseBook::message(stars <= 2 ? Tone::Complaint : Tone::Praise, QStringLiteral("fr"),
                                  PhraseBook::Topic{accountName(0), accountName(0).toLower()}, rng));
}

bool GoogleReviewsStore::revokeToken(int account) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size()) {
        return false;
    }
    m_accounts[account].revoked = true;
    return true;
}

QString GoogleReviewsStore::replyOf(const QString& name) const {
    const QStringList parts = name.split(u'/');
    if (parts.size() != 6) {
        return {};
    }
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        if (const GoogleReview* r = findReview(parts[1], parts[3], parts[5], i)) {
            return r->reply;
        }
    }
    return {};
}

int GoogleReviewsStore::replyWrites(int account) const {
    const QMutexLocker lock(&m_mutex);
    return m_accounts.at(account).replyWrites;
}

int GoogleReviewsStore::reviewCount(int account, int location) const {
    const QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_accounts.at(account).locations.at(location).reviews.size());
}

QString GoogleReviewsStore::locationName(int account, int location) const {
    const QMutexLocker lock(&m_mutex);
    const GoogleBusinessAccount& a = m_accounts.at(account);
    return QStringLiteral("accounts/%1/locations/%2").arg(a.id, a.locations.at(location).id);
}

} // namespace baton::sandbox
