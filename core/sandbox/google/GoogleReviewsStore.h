#pragma once

#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>

namespace baton::sandbox {

class SandboxClock;

struct GoogleReview {
    QString reviewId;
    QString reviewer; // display name; empty with anonymous
    bool anonymous = false;
    int stars = 0;   // 1..5, 0 = STAR_RATING_UNSPECIFIED
    QString comment; // empty: a rating without text (no "comment" member)
    qint64 createMs = 0;
    qint64 updateMs = 0;
    QString reply; // the owner's reply, empty when none
    qint64 replyMs = 0;
};

struct GoogleLocation {
    QString id; // numeric, as a string
    QString title;
    QString language;
    QList<GoogleReview> reviews;
};

struct GoogleBusinessAccount {
    int index = 0;
    QString id; // numeric
    QString name;
    QString token;
    bool revoked = false;
    QList<GoogleLocation> locations;
    int replyWrites = 0; // PUT …/reply calls that changed something
};

// Business Profile accounts behind the sandbox's /google route set (My Business API v4 reviews): locations with
// seeded reviews (star ratings, rating-only reviews, anonymous reviewers, owner replies, edits, fraction digits
// from 0 to 9 in times). Every operation takes the lock.
class GoogleReviewsStore final {
public:
    GoogleReviewsStore(const SandboxOptions& options, const SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(GoogleReviewsStore)

    int accountForToken(const QString& token) const; // -1: unknown or revoked
    QString accountName(int account) const;
    QString accountId(int account) const;
    QList<SandboxAccount> accounts(const QString& baseUrl) const;

    HttpResponse listAccounts(int account) const;
    HttpResponse listLocations(int account, const QString& accountId) const;
    // pageSize 1..50 (checked by the routes); orderBy "updateTime desc" (default), "rating", "rating desc".
    HttpResponse listReviews(int account, const QString& accountId, const QString& locationId, int pageSize,
                             const QString& pageToken, const QString& orderBy) const;
    HttpResponse getReview(int account, const QString& accountId, const QString& locationId,
                           const QString& reviewId) const;
    HttpResponse putReply(int account, const QString& accountId, const QString& locationId, const QString& reviewId,
                          const QString& comment);
    HttpResponse deleteReply(int account, const QString& accountId, const QString& locationId, const QString& reviewId);

    // Test and demo hooks; location follows the order of listLocations.
    QString addReview(int account, int location, int stars, const QString& comment); // now; returns the name
    bool editReview(const QString& name, int stars, const QString& comment);
    void addLiveReview();
    bool revokeToken(int account);
    QString replyOf(const QString& name) const; // the owner's reply text, empty when none
    int replyWrites(int account) const;
    int reviewCount(int account, int location) const;
    QString locationName(int account, int location) const; // accounts/A/locations/L

private:
    void generate(GoogleBusinessAccount& account, int reviewsPerLocation, int historyDays, SandboxRandom rng);
    GoogleReview* findReview(const QString& accountId, const QString& locationId, const QString& reviewId, int account);
    const GoogleReview* findReview(const QString& accountId, const QString& locationId, const QString& reviewId,
                                   int account) const;
    QJsonObject reviewJson(const GoogleBusinessAccount& a, const GoogleLocation& l, const GoogleReview& r) const;

    mutable QMutex m_mutex;
    const SandboxClock& m_clock;
    QList<GoogleBusinessAccount> m_accounts;
    SandboxRandom m_live;
};

} // namespace baton::sandbox
