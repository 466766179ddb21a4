#pragma once

// A realistic, deterministic community history written straight into the schema (much faster than syncing it),
// for the report's integration test and benchmark: four accounts on four networks, four communities (two staffed
// in business hours), regular people and occasional ones, daily and hourly rhythms, English and French texts with
// sentiment, replies with first-response times, a backlog, and one negative spike on Thursday 19 November 2026.
#include "core/insight/Metrics.h"
#include "core/store/Database.h"
#include "core/store/ItemRepository.h"

#include <QDateTime>
#include <QHash>
#include <QRandomGenerator>
#include <cmath>

namespace baton::testing {

struct InsightSeedOptions {
    QDate first{2026, 10, 5};
    QDate last{2026, 11, 29};
    double itemsPerDay = 30; // incoming, all communities together, on an ordinary weekday
    int people = 180;
    quint32 seed = 47;
    qint64 nowMs = 0; // items after it are not written; answers after it are not either (0: no limit)
};

struct InsightSeedResult {
    qint64 incoming = 0;
    qint64 outgoing = 0;
    QList<qint64> communityIds;
};

namespace seed_detail {

inline const char* const kFirst[] = {"Léa",  "Hugo",  "Chloé", "Louis",   "Emma",  "Noah",  "Jade", "Arthur",
                                     "Maya", "Sam",   "Priya", "Tom",     "Nina",  "Omar",  "Zoé",  "Ethan",
                                     "Inès", "Lucas", "Ava",   "Gabriel", "Sofia", "Jules", "Mila", "Adam"};
inline const char* const kLast[] = {"Martin", "Bernard", "Dubois",   "Moreau", "Laurent", "Simon",  "Michel",
                                    "Garcia", "Roux",    "Fournier", "Kim",    "Patel",   "Nguyen", "Walker",
                                    "Silva",  "Meyer",   "Rossi",    "Novak",  "Haddad",  "Lopez"};
inline const char* const kNegative[] = {"The app crashed again when I opened settings, this is really frustrating",
                                        "Still no answer about my refund after two weeks. Terrible support.",
                                        "Sync broke after the update and I lost my drafts :(",
                                        "Encore un bug après la mise à jour, c'est vraiment nul",
                                        "Ma commande est arrivée en retard et abîmée, très déçu",
                                        "Why is the export so slow? It used to work fine",
                                        "Login fails every single time on my phone. Please fix this!",
                                        "Le service client ne répond pas, c'est inadmissible"};
inline const char* const kNeutral[] = {"How do I export my data to CSV?",
                                       "Is there a keyboard shortcut to archive a thread?",
                                       "Comment changer la langue de l'interface ?",
                                       "Does the new version support dark mode on Linux?",
                                       "Where can I find the changelog for 2.4?",
                                       "Quelqu'un sait si l'import marche avec Thunderbird ?"};
inline const char* const kPositive[] = {"Love the new update, the inbox feels so much faster. Thanks team!",
                                        "Great support today, my issue was solved in ten minutes :)",
                                        "Merci pour la réponse rapide, super équipe !",
                                        "The dark mode is beautiful, well done",
                                        "Génial, l'export PDF marche parfaitement",
                                        "Five stars, friendly staff and quick delivery"};

struct Community {
    const char* account;
    const char* network;
    const char* name;
    double share;    // of the daily volume
    double negative; // usual share of negative items
    double answered; // share of items that get a reply
    bool staffed;    // business hours (else 24/7)
};

inline const Community kCommunities[] = {
    {"Baton on Mastodon", "mastodon", "Support", 0.4, 0.22, 0.9, true},
    {"Community forum", "discourse", "Product feedback", 0.25, 0.12, 0.75, false},
    {"Reddit", "reddit", "r/baton", 0.2, 0.18, 0.6, false},
    {"Shop reviews", "google-reviews", "Paris store", 0.15, 0.15, 0.95, true},
};

// Relative volume by local hour: quiet nights, a morning and an evening peak.
inline double hourWeight(int h) {
    static const double w[24] = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.3, 1.6, 1.7, 1.6,
                                 1.3, 1.4, 1.5, 1.5, 1.4, 1.3, 1.2, 1.3, 1.4, 1.1, 0.7, 0.4};
    return w[h];
}

// Next staffed instant at or after t: Monday to Friday 09:00-18:00 Paris (Saturday 10:00-19:00 for the store).
inline QDateTime nextStaffed(QDateTime t, bool saturday) {
    for (int guard = 0; guard < 14; ++guard) {
        const int dow = t.date().dayOfWeek();
        const bool open = dow <= 5 || (saturday && dow == 6);
        const QTime start = dow == 6 ? QTime(10, 0) : QTime(9, 0);
        const QTime end = dow == 6 ? QTime(19, 0) : QTime(18, 0);
        if (open && t.time() < end) {
            return t.time() < start ? QDateTime(t.date(), start, t.timeZone()) : t;
        }
        t = QDateTime(t.date().addDays(1), QTime(0, 0), t.timeZone());
    }
    return t;
}

} // namespace seed_detail

inline InsightSeedResult seedInsightProfile(store::Database& db, const InsightSeedOptions& o = {}) {
    using namespace seed_detail;
    InsightSeedResult result;
    const QTimeZone paris("Europe/Paris");
    QRandomGenerator rng(o.seed);
    auto check = [](const Expected<void, Error>& r) {
        if (!r) {
            qFatal("seeding failed: %s", qPrintable(r.error().toString()));
        }
    };
    check(db.exec("BEGIN"));
    QList<qint64> accounts;
    for (const Community& c : kCommunities) {
        store::Statement a(db, "INSERT INTO accounts(network, name, base_url, created_at) VALUES(?, ?, ?, 0)");
        a.bind(1, QString::fromLatin1(c.network))
            .bind(2, QString::fromUtf8(c.account))
            .bind(3, QStringLiteral("https://%1.example").arg(QLatin1String(c.network)));
        check(a.exec());
        accounts << db.lastInsertId();
        store::Statement k(db, "INSERT INTO communities(account_id, remote_id, name) VALUES(?, ?, ?)");
        k.bind(1, accounts.last()).bind(2, QString::fromUtf8(c.name)).bind(3, QString::fromUtf8(c.name));
        check(k.exec());
        result.communityIds << db.lastInsertId();
    }
    // Support: weekdays 09:00-18:00, closed on Armistice Day; the store: Monday to Saturday.
    insight::BusinessHours support = insight::BusinessHours::weekdays(paris, 9 * 60, 18 * 60);
    support.holidays.insert(QDate(2026, 11, 11));
    check(insight::setCommunityBusinessHours(db, result.communityIds[0], support));
    insight::BusinessHours store = insight::BusinessHours::weekdays(paris, 10 * 60, 19 * 60);
    store.week[5] = {insight::BusinessHours::Window{10 * 60, 19 * 60}};
    check(insight::setCommunityBusinessHours(db, result.communityIds[3], store));

    QList<qint64> people;
    for (int i = 0; i < o.people; ++i) {
        const QString first = QString::fromUtf8(kFirst[i % std::size(kFirst)]);
        const QString last = QString::fromUtf8(kLast[(i / std::size(kFirst) + i) % std::size(kLast)]);
        const QString handle = QStringLiteral("%1.%2%3").arg(first.toLower(), last.toLower()).arg(i);
        store::Statement st(db, "INSERT INTO identities(network, handle, display_name, first_seen, last_seen) "
                                "VALUES('mastodon', ?, ?, 0, 0)");
        st.bind(1, handle).bind(2, first + u' ' + last);
        check(st.exec());
        people << db.lastInsertId();
    }

    store::Statement ins(db, "INSERT INTO items(id, account_id, community_id, network, remote_id, kind, direction, "
                             "identity_id, parent_remote_id, created_at, fetched_at, text, lang, sentiment, status, "
                             "first_response_at) VALUES(?, ?, ?, ?, ?, 'mention', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    QHash<qint64, int> usedSlots;
    qint64 serial = 0;
    auto insert = [&](int c, bool incoming, qint64 identity, const QString& parent, qint64 created, const QString& text,
                      const QString& lang, std::optional<double> score, const char* status, qint64 answered) {
        const qint64 base = store::timeKeyBase(created);
        const qint64 id = base + usedSlots[base]++;
        const QString remote = QString::number(++serial);
        ins.reset();
        ins.bind(1, id).bind(2, accounts[c]).bind(3, result.communityIds[c]);
        ins.bind(4, QString::fromLatin1(kCommunities[c].network)).bind(5, remote);
        ins.bind(6, incoming ? QStringLiteral("in") : QStringLiteral("out"));
        identity ? ins.bind(7, identity) : ins.bindNull(7);
        ins.bind(8, parent).bind(9, created).bind(10, created).bind(11, text).bind(12, lang);
        score ? ins.bind(13, *score) : ins.bindNull(13);
        ins.bind(14, QString::fromLatin1(status));
        answered ? ins.bind(15, answered) : ins.bindNull(15);
        check(ins.exec());
        return remote;
    };

    const qint64 now = o.nowMs ? o.nowMs : std::numeric_limits<qint64>::max();
    double hourTotal = 0;
    for (int h = 0; h < 24; ++h) {
        hourTotal += hourWeight(h);
    }
    for (QDate d = o.first; d <= o.last; d = d.addDays(1)) {
        const int dow = d.dayOfWeek();
        const double dayFactor = dow >= 6 ? 0.55 : 1.0;
        const bool spikeDay = d == QDate(2026, 11, 19);
        for (int c = 0; c < int(std::size(kCommunities)); ++c) {
            const Community& com = kCommunities[c];
            const bool spike = spikeDay && c == 2; // r/baton: an outage thread
            for (int h = 0; h < 24; ++h) {
                const double mean = o.itemsPerDay * com.share * dayFactor * hourWeight(h) / hourTotal *
                                    (spike && h >= 9 && h <= 20 ? 6.0 : 1.0);
                // Deterministic rounding of the mean with a random remainder.
                int n = int(mean);
                if (rng.generateDouble() < mean - n) {
                    ++n;
                }
                for (int k = 0; k < n; ++k) {
                    const QDateTime local(d, QTime(h, rng.bounded(60), rng.bounded(60)), paris);
                    const qint64 created = local.toMSecsSinceEpoch();
                    if (created >= now) {
                        continue;
                    }
                    const double negativeShare = spike ? 0.7 : com.negative;
                    const double roll = rng.generateDouble();
                    const bool french = rng.bounded(3) == 0;
                    QString text;
                    double score;
                    if (roll < negativeShare) {
                        text = QString::fromUtf8(kNegative[rng.bounded(int(std::size(kNegative)))]);
                        score = -0.25 - 0.7 * rng.generateDouble();
                    } else if (roll < negativeShare + 0.45) {
                        text = QString::fromUtf8(kNeutral[rng.bounded(int(std::size(kNeutral)))]);
                        score = -0.15 + 0.4 * rng.generateDouble();
                    } else {
                        text = QString::fromUtf8(kPositive[rng.bounded(int(std::size(kPositive)))]);
                        score = 0.35 + 0.6 * rng.generateDouble();
                    }
                    // A few regulars write most; everyone else now and then.
                    const int who = rng.bounded(4) == 0 ? rng.bounded(std::min(12, o.people)) : rng.bounded(o.people);
                    qint64 answered = 0;
                    if (rng.generateDouble() < com.answered) {
                        const double minutes = std::exp(2.0 + 5.0 * rng.generateDouble());
                        QDateTime at = local.addSecs(qint64(minutes * 60));
                        if (com.staffed) {
                            const QDateTime open = seed_detail::nextStaffed(at, c == 3);
                            // Answers to what came in overnight spread over the first half hour.
                            at = open == at ? at : open.addSecs(rng.bounded(1800));
                        }
                        answered = at.toMSecsSinceEpoch();
                        if (answered >= now) {
                            answered = 0;
                        }
                    }
                    const bool recent = o.last.daysTo(d) > -8;
                    const char* status = answered ? "done" : (recent || rng.bounded(10) == 0 ? "new" : "done");
                    const QString parent =
                        insert(c, true, people[who], QString(), created, text,
                               french ? QStringLiteral("fr") : QStringLiteral("en"),
                               rng.bounded(25) == 0 ? std::optional<double>() : score, status, answered);
                    ++result.incoming;
                    if (answered) {
                        insert(c, false, 0, parent, answered, QStringLiteral("Thanks for writing, we are on it."),
                               QStringLiteral("en"), std::nullopt, "done", 0);
                        ++result.outgoing;
                    }
                }
            }
        }
    }
    check(db.exec("COMMIT"));
    return result;
}

} // namespace baton::testing
