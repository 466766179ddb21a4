#pragma once

#include <QString>

namespace baton::connectors::youtube {

// The project's YouTube Data API budget for the current Pacific day (api-contracts.md §5.7): 10,000 units,
// commentThreads.list / comments.list / channels.list 1 unit, comments.insert / setModerationStatus / delete 50.
// Baton counts what it spends and refuses a call that would pass the budget, instead of learning it from a
// 403 quotaExceeded. Stored as the cursor of the account's "quota" sync state (toText / fromText).
class YouTubeQuota final {
public:
    static constexpr int kDailyLimit = 10000;
    static constexpr int kListCost = 1;
    static constexpr int kWriteCost = 50;
    // Listing stops while fewer units than this remain, so replies and moderation still have room.
    static constexpr int kListingReserve = 500;

    explicit YouTubeQuota(int limit = kDailyLimit);

    int limit() const { return m_limit; }
    int used(qint64 nowMs) const;      // today's units (0 after the Pacific midnight)
    int remaining(qint64 nowMs) const; // limit - used
    bool canSpend(int cost, qint64 nowMs, int keep = 0) const;
    void spend(int cost, qint64 nowMs);
    void exhaust(qint64 nowMs); // the server said quotaExceeded: nothing left today
    qint64 resetAtMs(qint64 nowMs) const;

    // Keeps the larger count of the same day (units spent by another process count too).
    void merge(const YouTubeQuota& stored, qint64 nowMs);

    QString toText() const;                            // {"day":"2026-11-30","used":153,"limit":10000}
    static YouTubeQuota fromText(const QString& text); // empty or invalid: nothing spent
    // "9,847 of 10,000 units left today" for displays.
    static QString describe(const QString& text, qint64 nowMs);

private:
    void roll(qint64 nowMs); // a new Pacific day starts at 0

    int m_limit;
    QString m_day;
    int m_used = 0;
};

} // namespace baton::connectors::youtube
