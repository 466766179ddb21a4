// Engagement metrics against hand-computed expectations: a real SQLite store seeded row by row, a fake clock,
// Europe/Paris for weekends, holidays and both DST changes.
#include "core/insight/Metrics.h"

#include "core/store/ItemRepository.h"
#include "core/store/Migrations.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;
using namespace baton::insight;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

const QTimeZone& paris() {
    static const QTimeZone tz("Europe/Paris");
    return tz;
}

// Local Paris time, "2026-11-16 10:00".
qint64 at(const char* local, const QTimeZone& tz = paris()) {
    const QDateTime dt = QDateTime::fromString(QString::fromLatin1(local), QStringLiteral("yyyy-MM-dd HH:mm"));
    Q_ASSERT(dt.isValid());
    return QDateTime(dt.date(), dt.time(), tz).toMSecsSinceEpoch();
}

struct Seed {
    Seed(qint64 communityId, qint64 accountId, const char* createdAt, std::optional<double> computed = {},
         std::optional<double> corrected = {}, const char* state = "new", const char* answeredAt = nullptr,
         qint64 identityId = 0, bool isOutgoing = false, bool isDeleted = false)
        : community(communityId)
        , account(accountId)
        , created(createdAt)
        , score(computed)
        , correction(corrected)
        , status(state)
        , answered(answeredAt)
        , identity(identityId)
        , outgoing(isOutgoing)
        , deleted(isDeleted) {}
    qint64 community = 0;
    qint64 account = 0;
    const char* created = nullptr;
    std::optional<double> score;
    std::optional<double> correction;
    const char* status = "new";
    const char* answered = nullptr;
    qint64 identity = 0;
    bool outgoing = false;
    bool deleted = false;
    const QTimeZone* tz = nullptr;
};

} // namespace

class MetricsTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    store::Database m_db;
    QHash<qint64, int> m_slots;
    int m_serial = 0;

    qint64 exec(const QString& sql, const QList<QVariant>& binds = {}) {
        store::Statement st(m_db, sql.toUtf8().constData());
        for (qsizetype i = 0; i < binds.size(); ++i) {
            st.bindVariant(int(i + 1), binds[i]);
        }
        const auto r = st.exec();
        if (!r) {
            qFatal("%s: %s", qPrintable(sql), qPrintable(r.error().toString()));
        }
        return m_db.lastInsertId();
    }

    qint64 account(const char* network, const char* name) {
        return exec(QStringLiteral("INSERT INTO accounts(network, name, base_url, created_at) VALUES(?, ?, ?, 0)"),
                    {QString::fromLatin1(network), QString::fromLatin1(name), QStringLiteral("https://x.example")});
    }
    qint64 community(qint64 accountId, const char* name) {
        return exec(QStringLiteral("INSERT INTO communities(account_id, remote_id, name) VALUES(?, ?, ?)"),
                    {accountId, QString::fromLatin1(name), QString::fromLatin1(name)});
    }
    qint64 person(const char* handle) {
        return exec(QStringLiteral("INSERT INTO identities(network, handle, display_name, first_seen, last_seen) "
                                   "VALUES('mastodon', ?, ?, 0, 0)"),
                    {QString::fromLatin1(handle), QString::fromLatin1(handle).toUpper()});
    }

    // Ids are time keys, as the store writes them.
    qint64 item(const Seed& s) {
        const QTimeZone& tz = s.tz ? *s.tz : paris();
        const qint64 created = at(s.created, tz);
        const qint64 base = store::timeKeyBase(created);
        const qint64 id = base + m_slots[base]++;
        const QVariant none;
        exec(QStringLiteral("INSERT INTO items(id, account_id, community_id, network, remote_id, kind, direction, "
                            "identity_id, created_at, fetched_at, text, sentiment, sentiment_override, status, "
                            "first_response_at, deleted_at) "
                            "VALUES(?, ?, ?, (SELECT network FROM accounts WHERE id = ?), ?, 'mention', ?, ?, ?, ?, "
                            "'text', ?, ?, ?, ?, ?)"),
             {id, s.account, s.community ? QVariant(s.community) : none, s.account, QString::number(++m_serial),
              s.outgoing ? QStringLiteral("out") : QStringLiteral("in"), s.identity ? QVariant(s.identity) : none,
              created, created, s.score ? QVariant(*s.score) : none, s.correction ? QVariant(*s.correction) : none,
              QString::fromLatin1(s.status), s.answered ? QVariant(at(s.answered, tz)) : none,
              s.deleted ? QVariant(created) : none});
        return id;
    }

    // The week 2026-W47 (Mon 16 - Sun 22 November, Paris) in two communities; see each row's comment.
    struct Week {
        qint64 support = 0, forum = 0, mastodon = 0, discourse = 0;
        qint64 alice = 0, bob = 0, carol = 0, spammer = 0;
        Period period;
    };
    Week seedWeek() {
        Week w;
        w.mastodon = account("mastodon", "masto");
        w.discourse = account("discourse", "forum");
        w.support = community(w.mastodon, "Support");
        w.forum = community(w.discourse, "Forum");
        // Support is staffed Monday to Friday 09:00-17:00 in Paris, closed on Wednesday 18th.
        BusinessHours h = BusinessHours::weekdays(paris(), 9 * 60, 17 * 60);
        h.holidays.insert(QDate(2026, 11, 18));
        if (!setCommunityBusinessHours(m_db, w.support, h)) {
            qFatal("cannot store the business hours");
        }
        w.alice = person("alice");
        w.bob = person("bob");
        w.carol = person("carol");
        w.spammer = person("spammer");
        const qint64 s = w.support;
        const qint64 m = w.mastodon;
        // a1 negative, answered in 30 staffed minutes.
        item({s, m, "2026-11-16 10:00", -0.5, {}, "done", "2026-11-16 10:30", w.alice});
        // a2 neutral, answered Thursday 09:30: Mon 0.5 h + Tue 8 h + Wed holiday + Thu 0.5 h = 9 h.
        item({s, m, "2026-11-16 16:30", 0.1, {}, "done", "2026-11-19 09:30", w.alice});
        // a3 scored positive but corrected to negative; arrived before opening, answered at 09:15: 15 minutes.
        item({s, m, "2026-11-17 08:00", 0.6, -0.3, "done", "2026-11-17 09:15", w.bob});
        // a4 positive (0.3 is the boundary), still waiting.
        item({s, m, "2026-11-21 12:00", 0.3, {}, "new", nullptr, w.carol});
        // a5 unscored, closed without a reply: needs none.
        item({s, m, "2026-11-22 20:00", {}, {}, "done", nullptr, w.carol});
        // a6 spam: volume only.
        item({s, m, "2026-11-18 11:00", -0.2, {}, "spam", nullptr, w.spammer});
        // a7 our reply.
        item({s, m, "2026-11-19 12:00", {}, {}, "done", nullptr, 0, true});
        // a8 deleted upstream: nowhere.
        item({s, m, "2026-11-20 14:00", -0.9, {}, "new", nullptr, w.bob, false, true});
        // a9 the week before, still waiting: backlog only.
        item({s, m, "2026-11-15 23:30", 0.0, {}, "new", nullptr, w.bob});
        // Forum is 24/7.
        item({w.forum, w.discourse, "2026-11-17 23:00", 0.8, {}, "done", "2026-11-18 01:00", w.bob});
        item({w.forum, w.discourse, "2026-11-20 10:00", -0.6, {}, "done", "2026-11-20 10:10", w.alice});
        w.period = *parseIsoWeek(u"2026-W47", paris());
        return w;
    }

private slots:
    void init() {
        m_db.close();
        m_slots.clear();
        const QString path = m_dir.filePath(QStringLiteral("m%1.db").arg(++m_serial));
        QVERIFY(m_db.open(path).hasValue());
        QVERIFY(store::migrate(m_db).hasValue());
    }

    void isoWeeks() {
        const auto w47 = parseIsoWeek(u"2026-W47", paris());
        QVERIFY(w47.has_value());
        QCOMPARE(w47->from, at("2026-11-16 00:00"));
        QCOMPARE(w47->to, at("2026-11-23 00:00"));
        QCOMPARE(parseIsoWeek(u"2026w47", paris())->from, w47->from);
        // 2026 starts on a Thursday, so it has a week 53 (reaching into 2027); 2025 does not.
        QCOMPARE(parseIsoWeek(u"2026-W53", paris())->to, at("2027-01-04 00:00"));
        QVERIFY(!parseIsoWeek(u"2025-W53", paris()));
        QVERIFY(!parseIsoWeek(u"2026-W00", paris()));
        QVERIFY(!parseIsoWeek(u"next week", paris()));
        QCOMPARE(isoWeekName(QDate(2027, 1, 3)), QStringLiteral("2026-W53"));
        QCOMPARE(isoWeekName(QDate(2026, 11, 16)), QStringLiteral("2026-W47"));
        // The week before W44 is W43, which ends with the autumn change: 7 days and one hour long.
        const Period w44 = *parseIsoWeek(u"2026-W44", paris());
        const Period w43 = previous(w44);
        QCOMPARE(w43.from, at("2026-10-19 00:00"));
        QCOMPARE(w43.to, w44.from);
        QCOMPARE(w43.lengthMs(), 7 * kDay + kHour);
        const QList<DaySpan> days = daySpans(w43);
        QCOMPARE(days.size(), 7);
        QCOMPARE(days.last().date, QDate(2026, 10, 25));
        QCOMPARE(days.last().to - days.last().from, 25 * kHour);
    }

    void businessHoursAcrossAWeekend() {
        const BusinessHours h = BusinessHours::weekdays(paris(), 9 * 60, 17 * 60);
        // Friday 16:00 to Monday 10:00: one hour each side of the weekend.
        QCOMPARE(businessMsBetween(h, at("2026-11-20 16:00"), at("2026-11-23 10:00")), 2 * kHour);
        // Entirely inside the weekend, and backwards.
        QCOMPARE(businessMsBetween(h, at("2026-11-21 09:00"), at("2026-11-22 18:00")), 0);
        QCOMPARE(businessMsBetween(h, at("2026-11-23 10:00"), at("2026-11-20 16:00")), 0);
        // A whole week: 5 x 8 hours.
        QCOMPARE(businessMsBetween(h, at("2026-11-16 00:00"), at("2026-11-23 00:00")), 40 * kHour);
        QCOMPARE(businessMsBetween(BusinessHours::twentyFourSeven(), at("2026-11-20 16:00"), at("2026-11-23 10:00")),
                 66 * kHour);
    }

    void businessHoursAcrossDstChanges() {
        const BusinessHours h = BusinessHours::weekdays(paris(), 9 * 60, 17 * 60);
        // Autumn: clocks go back on Sunday 25 October. Friday 16:30 (UTC+2) to Monday 09:30 (UTC+1): half an hour
        // each side, though 66 real hours passed.
        QCOMPARE(businessMsBetween(h, at("2026-10-23 16:30"), at("2026-10-26 09:30")), kHour);
        QCOMPARE(at("2026-10-26 09:30") - at("2026-10-23 16:30"), 66 * kHour);
        // Spring: clocks go forward on Sunday 29 March; Friday 16:00 to Monday 10:00 is still 2 staffed hours.
        QCOMPARE(businessMsBetween(h, at("2026-03-27 16:00"), at("2026-03-30 10:00")), 2 * kHour);
        // A round-the-clock Sunday lasts 23 hours in spring and 25 in autumn.
        BusinessHours sundays;
        sundays.alwaysOpen = false;
        sundays.timeZone = paris();
        sundays.week[6] = {BusinessHours::Window{0, 24 * 60}};
        QCOMPARE(businessMsBetween(sundays, at("2026-03-28 12:00"), at("2026-03-30 12:00")), 23 * kHour);
        QCOMPARE(businessMsBetween(sundays, at("2026-10-24 12:00"), at("2026-10-26 12:00")), 25 * kHour);
    }

    void businessHoursWithHolidaysAndBreaks() {
        auto parsed = BusinessHours::fromJson(QJsonObject{
            {QStringLiteral("time_zone"), QStringLiteral("Europe/Paris")},
            {QStringLiteral("week"), QJsonObject{{QStringLiteral("mon"), QJsonArray{QStringLiteral("09:00-12:00"),
                                                                                    QStringLiteral("13:00-17:00")}},
                                                 {QStringLiteral("thu"), QJsonArray{QStringLiteral("09:00-17:00")}},
                                                 {QStringLiteral("fri"), QJsonArray{QStringLiteral("09:00-17:00")}}}},
            {QStringLiteral("holidays"), QJsonArray{QStringLiteral("2026-12-25")}}});
        QVERIFY2(parsed.hasValue(), qPrintable(parsed ? QString() : parsed.error().toString()));
        const BusinessHours h = *parsed;
        // Christmas Friday is closed: Thursday 16:00 to Monday 10:00 is 1 + 1 hours.
        QCOMPARE(businessMsBetween(h, at("2026-12-24 16:00"), at("2026-12-28 10:00")), 2 * kHour);
        // The lunch break does not count.
        QCOMPARE(businessMsBetween(h, at("2026-12-28 11:30"), at("2026-12-28 13:30")), kHour);
        // Round trip through the stored form.
        const auto again = BusinessHours::fromJson(h.toJson());
        QVERIFY(again.hasValue());
        QCOMPARE(again->week[0].size(), 2);
        QVERIFY(again->holidays.contains(QDate(2026, 12, 25)));
        QCOMPARE(again->timeZone.id(), QByteArray("Europe/Paris"));
        // Mistakes are reported, not guessed at.
        QVERIFY(!BusinessHours::fromJson(QJsonObject{{QStringLiteral("time_zone"), QStringLiteral("Mars/Olympus")}}));
        QVERIFY(!BusinessHours::fromJson(QJsonObject{
            {QStringLiteral("week"), QJsonObject{{QStringLiteral("mon"), QStringLiteral("17:00-09:00")}}}}));
        QVERIFY(!BusinessHours::fromJson(
            QJsonObject{{QStringLiteral("week"), QJsonObject{}}, {QStringLiteral("holidays"), QJsonArray{1}}}));
    }

    void percentilesOnSmallSets() {
        QVERIFY(!median({}));
        QVERIFY(!percentileNearestRank({}, 0.9));
        QCOMPARE(*median({7}), 7);
        QCOMPARE(*percentileNearestRank({7}, 0.9), 7);
        QCOMPARE(*median({100, 1, 3, 2, 4}), 3);
        QCOMPARE(*percentileNearestRank({100, 1, 3, 2, 4}, 0.9), 100); // rank ceil(4.5) = 5
        QCOMPARE(*median({10, 40, 20, 30}), 25);
        QCOMPARE(*percentileNearestRank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 9);      // rank 9
        QCOMPARE(*percentileNearestRank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10); // rank ceil(9.9) = 10
    }

    void sentimentLabelsFollowTheInboxThresholds() {
        QVERIFY(sentimentLabel(-0.2) == SentimentLabel::Negative);
        QVERIFY(sentimentLabel(-0.19) == SentimentLabel::Neutral);
        QVERIFY(sentimentLabel(0.29) == SentimentLabel::Neutral);
        QVERIFY(sentimentLabel(0.3) == SentimentLabel::Positive);
        QVERIFY(sentimentLabel(std::nullopt) == SentimentLabel::Unscored);
    }

    void communityWeek() {
        const Week w = seedWeek();
        const FakeClock clock(at("2026-12-01 08:00"));
        const Summary s = summarize(m_db, Scope::community(w.support), w.period, clock);
        QCOMPARE(s.volume.incoming, 6); // a1..a6; spam counts as volume
        QCOMPARE(s.volume.outgoing, 1);
        QCOMPARE(s.volume.incomingByNetwork.value(model::Network::Mastodon), 6);
        QCOMPARE(s.sentiment.negative, 2); // a1, a3 (corrected)
        QCOMPARE(s.sentiment.neutral, 1);
        QCOMPARE(s.sentiment.positive, 1);
        QCOMPARE(s.sentiment.unscored, 1);
        QCOMPARE(s.sentiment.meanScore, (-0.5 + 0.1 - 0.3 + 0.3) / 4);
        QCOMPARE(s.response.needingReply, 4); // a1..a4
        QCOMPARE(s.response.answered, 3);
        QCOMPARE(s.response.rate(), 0.75);
        QCOMPARE(*s.response.medianMs, 30 * kMinute); // of 15 min, 30 min, 9 h
        QCOMPARE(*s.response.p90Ms, 9 * kHour);
        QVERIFY(!s.hours.alwaysOpen);

        // Backlog at the end of the week: a4 (1.5 days) and a9 (7 days 30 min).
        QCOMPARE(s.backlog.asOf, w.period.to);
        QCOMPARE(s.backlog.open, 2);
        QCOMPARE(*s.backlog.oldestAgeMs, 7 * kDay + 30 * kMinute);
        QCOMPARE(s.backlog.byAge, (std::array<qint64, 4>{0, 1, 0, 1}));

        QCOMPARE(s.days.size(), 7);
        const QList<qint64> incoming{2, 1, 1, 0, 0, 1, 1};
        for (int d = 0; d < 7; ++d) {
            QCOMPARE(s.days[d].day.date, QDate(2026, 11, 16).addDays(d));
            QCOMPARE(s.days[d].volume.incoming, incoming[d]);
        }
        QCOMPARE(s.days[3].volume.outgoing, 1);
        QCOMPARE(s.days[0].sentiment.negative, 1);
        QCOMPARE(s.days[0].response.answered, 2);
        QCOMPARE(*s.days[0].response.medianMs, (30 * kMinute + 9 * kHour) / 2);
        QCOMPARE(*s.days[0].response.p90Ms, 9 * kHour);
        QVERIFY(!s.days[5].response.medianMs);

        std::array<qint64, 24> hours{};
        hours[10] = hours[16] = hours[8] = hours[12] = hours[20] = 1;
        QCOMPARE(s.byHour, hours);

        QCOMPARE(s.topContributors.size(), 3);
        QCOMPARE(s.topContributors[0].identityId, w.alice);
        QCOMPARE(s.topContributors[0].items, 2);
        QCOMPARE(s.topContributors[0].handle, QStringLiteral("alice"));
        QCOMPARE(*s.topContributors[0].meanSentiment, (-0.5 + 0.1) / 2);
        QCOMPARE(s.topContributors[1].identityId, w.carol);
        QCOMPARE(*s.topContributors[1].meanSentiment, 0.3);
        QCOMPARE(s.topContributors[2].identityId, w.bob);

        // The single-figure functions agree with the summary.
        QCOMPARE(volume(m_db, Scope::community(w.support), w.period).incoming, s.volume.incoming);
        QCOMPARE(sentimentMix(m_db, Scope::community(w.support), w.period).negative, s.sentiment.negative);
        QCOMPARE(responseStats(m_db, Scope::community(w.support), w.period).p90Ms, s.response.p90Ms);
        QCOMPARE(busiestHours(m_db, Scope::community(w.support), w.period), s.byHour);
        QCOMPARE(byDay(m_db, Scope::community(w.support), w.period).size(), 7);
        QCOMPARE(topContributors(m_db, Scope::community(w.support), w.period, 1).size(), 1);
        QCOMPARE(backlog(m_db, Scope::community(w.support), w.period, clock).open, 2);
    }

    void overallMeasuresEachItemOnItsCommunityClock() {
        const Week w = seedWeek();
        const FakeClock clock(at("2026-12-01 08:00"));
        const Summary all = summarize(m_db, Scope::overall(), w.period, clock);
        QCOMPARE(all.volume.incoming, 8);
        QCOMPARE(all.volume.incomingByNetwork.value(model::Network::Discourse), 2);
        QCOMPARE(all.response.needingReply, 6);
        QCOMPARE(all.response.answered, 5);
        // 10 min, 15 min, 30 min, 2 h (24/7 forum), 9 h (staffed support time, not the 65 h on the wall).
        QCOMPARE(*all.response.medianMs, 30 * kMinute);
        QCOMPARE(*all.response.p90Ms, 9 * kHour);
        QVERIFY(all.hours.alwaysOpen);

        const Summary forum = summarize(m_db, Scope::ofNetwork(model::Network::Discourse), w.period, clock);
        QCOMPARE(forum.volume.incoming, 2);
        QCOMPARE(*forum.response.medianMs, (10 * kMinute + 2 * kHour) / 2);
        const Summary masto = summarize(m_db, Scope::account(w.mastodon), w.period, clock);
        QCOMPARE(masto.volume.incoming, 6);
        QCOMPARE(masto.backlog.open, 2);
        // Account hours fall back to 24/7 when the account has none.
        QVERIFY(businessHoursFor(m_db, Scope::account(w.mastodon)).alwaysOpen);
        QVERIFY(!businessHoursFor(m_db, Scope::community(w.support)).alwaysOpen);

        // Before the week ended the backlog is counted at "now", and answers after that instant still count as
        // waiting: on Tuesday 17 at 09:00, a2 (answered Thursday) and a9 wait; a3 was not answered yet either.
        const FakeClock tuesday(at("2026-11-17 09:00"));
        const BacklogStats early = backlog(m_db, Scope::community(w.support), w.period, tuesday);
        QCOMPARE(early.asOf, at("2026-11-17 09:00"));
        QCOMPARE(early.open, 3);
        QCOMPARE(*early.oldestAgeMs, kDay + 9 * kHour + 30 * kMinute);

        // The drill-down filter shows exactly the counted incoming items of a day.
        const auto f = inboxFilter(Scope::community(w.support), all.days[0].day.from, all.days[0].day.to);
        QCOMPARE(store::InboxQuery::count(m_db, f), 2);

        const auto list = communities(m_db);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].name, QStringLiteral("Forum"));
        QVERIFY(list[0].network == model::Network::Discourse);
        QCOMPARE(list[1].accountName, QStringLiteral("masto"));
    }

    void previousWeekChangesAcrossDst() {
        // A reply that takes exactly one staffed hour on each side of the autumn change.
        const qint64 acc = account("mastodon", "m");
        const qint64 c = community(acc, "C");
        QVERIFY(setCommunityBusinessHours(m_db, c, BusinessHours::weekdays(paris(), 9 * 60, 17 * 60)).hasValue());
        item({c, acc, "2026-10-23 16:00", 0.5, {}, "done", "2026-10-26 10:00"});
        const FakeClock clock(at("2026-12-01 08:00"));
        const Summary w44 = summarize(m_db, Scope::community(c), *parseIsoWeek(u"2026-W44", paris()), clock);
        const Summary w43 = summarize(m_db, Scope::community(c), previous(w44.period), clock);
        QCOMPARE(w44.volume.incoming, 0);
        QCOMPARE(w43.volume.incoming, 1);
        QCOMPARE(*w43.response.medianMs, 2 * kHour);
        QVERIFY(!setCommunityBusinessHours(m_db, 999, BusinessHours::twentyFourSeven()));
    }

    void spikesAgainstTheCommunitysOwnBaseline() {
        const QTimeZone utc = QTimeZone::utc();
        const qint64 acc = account("mastodon", "m");
        const qint64 c = community(acc, "S");
        const qint64 quiet = community(acc, "Quiet");
        QList<QByteArray> keep; // item() takes C strings
        auto add = [&](const QDate& d, int hour, double score, qint64 comm) {
            keep << QStringLiteral("%1 %2:00")
                        .arg(d.toString(Qt::ISODate))
                        .arg(hour, 2, 10, QLatin1Char('0'))
                        .toLatin1();
            Seed s{comm, acc, keep.last().constData(), score};
            s.tz = &utc;
            return item(s);
        };
        // Baseline: 28 days from 5 October alternating 1 and 3 positive items (mean about 2, deviation about 1).
        for (int k = 0; k < 28; ++k) {
            for (int i = 0; i < (k % 2 ? 3 : 1); ++i) {
                add(QDate(2026, 10, 5).addDays(k), 12, 0.5, c);
            }
        }
        const QDate nov2(2026, 11, 2);
        add(nov2, 10, 0.5, c);
        add(nov2, 11, 0.5, c);
        // 3 November: 12 items (>= the threshold of max(mean + 3 sd, 2 mean, 10) = 10) of which 5 negative (share 5/12
        // >= 0.2 over a 0 baseline).
        QList<qint64> nov3, nov3Negative;
        for (int i = 0; i < 12; ++i) {
            nov3.prepend(add(nov2.addDays(1), 8 + i, i < 5 ? -0.6 : 0.5, c));
            if (i < 5) {
                nov3Negative.prepend(nov3.first());
            }
        }
        for (int i = 0; i < 9; ++i) { // 4 November: 9 items, under the minimum of 10
            add(nov2.addDays(2), 8 + i, 0.5, c);
        }
        for (int i = 0; i < 4; ++i) { // 5 November: all 4 negative, under the minimum of 5
            add(nov2.addDays(3), 8 + i, -0.6, c);
        }
        // 6 November: 5 of 6 negative against a baseline of 9 negative out of 75 (0.12): threshold 0.32.
        for (int i = 0; i < 6; ++i) {
            add(nov2.addDays(4), 8 + i, i < 5 ? -0.6 : 0.5, c);
        }
        // Another community's flood is not this one's spike, and a community without history has none.
        for (int i = 0; i < 30; ++i) {
            add(nov2.addDays(1), 8 + i % 12, -0.6, quiet);
        }

        const Period week = days(nov2, nov2.addDays(6), utc);
        const QList<Spike> found = spikes(m_db, Scope::community(c), week);
        QCOMPARE(found.size(), 3);
        QVERIFY(found[0].kind == Spike::Kind::Volume);
        QCOMPARE(found[0].day.date, nov2.addDays(1));
        QCOMPARE(found[0].value, 12.0);
        QCOMPARE(found[0].baseline, 57.0 / 28.0); // 27 pattern days and 2 November
        QCOMPARE(found[0].threshold, 10.0);
        QCOMPARE(found[0].itemIds, nov3);
        QVERIFY(found[1].kind == Spike::Kind::NegativeShare);
        QCOMPARE(found[1].day.date, nov2.addDays(1));
        QCOMPARE(found[1].value, 5.0 / 12.0);
        QCOMPARE(found[1].baseline, 0.0);
        QCOMPARE(found[1].threshold, 0.2);
        QCOMPARE(found[1].itemIds, nov3Negative);
        QVERIFY(found[2].kind == Spike::Kind::NegativeShare);
        QCOMPARE(found[2].day.date, nov2.addDays(4));
        QCOMPARE(found[2].value, 5.0 / 6.0);
        QCOMPARE(found[2].baseline, 9.0 / 75.0);
        QCOMPARE(found[2].threshold, 9.0 / 75.0 + 0.2);
        QCOMPARE(found[2].itemIds.size(), 5);

        QVERIFY(spikes(m_db, Scope::community(quiet), week).isEmpty());
    }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "MetricsTest.moc"
