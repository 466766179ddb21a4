#include "core/sandbox/mastodon/MastodonGenerator.h"

#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/mastodon/MastodonData.h"
#include "core/sandbox/mastodon/MastodonHtml.h"
#include "core/sandbox/mastodon/MastodonPublisher.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace baton::sandbox {

namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// Activity by UTC hour (a mostly European community) and by weekday (Sunday first).
constexpr double kHourWeight[24] = {0.25, 0.18, 0.12, 0.10, 0.10, 0.15, 0.30, 0.55, 0.80, 0.95, 1.00, 0.95,
                                    0.85, 0.90, 0.95, 0.90, 0.85, 0.80, 0.75, 0.80, 0.85, 0.70, 0.50, 0.35};
constexpr double kDayWeight[7] = {0.55, 1.00, 0.95, 0.95, 0.90, 0.85, 0.60};

struct DemoProfile {
    const char* name;
    const char* username;
    const char* product;
    const char* slug;
    const char* language;
};

const DemoProfile kProfiles[] = {{"Baton Team", "baton", "Baton", "baton", "en"},
                                 {"Atelier Lumière", "atelier", "Atelier", "atelier", "fr"},
                                 {"Pixel Coop", "pixelcoop", "Pixel", "pixel", "en"},
                                 {"Vélo Libre", "velolibre", "Vélo Libre", "velolibre", "fr"}};

const char* const kApps[] = {"Web", "Tusky", "Ivory", "Elk", "Phanpy", "Mona"};

double answerProbability(Tone tone) {
    switch (tone) {
    case Tone::Question:
        return 0.80;
    case Tone::Complaint:
        return 0.78;
    case Tone::Praise:
        return 0.50;
    case Tone::BugReport:
        return 0.85;
    case Tone::Thanks:
        return 0.35;
    case Tone::SmallTalk:
        return 0.45;
    }
    return 0.5;
}

QString otherLanguage(const QString& language) {
    return language == QLatin1String("fr") ? QStringLiteral("en") : QStringLiteral("fr");
}

// 32 random bytes, base64url without padding: the shape of a Doorkeeper access token.
QString makeToken(SandboxRandom rng) {
    QByteArray bytes;
    for (int i = 0; i < 4; ++i) {
        const quint64 word = rng.next();
        for (int b = 0; b < 8; ++b) {
            bytes.append(static_cast<char>((word >> (8 * b)) & 0xFF));
        }
    }
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

MastodonGenerator::MastodonGenerator(const SandboxOptions& options, qint64 nowMs)
    : m_options(options)
    , m_nowMs(nowMs)
    , m_root(options.seed)
    , m_live(SandboxRandom(options.seed).fork(0x11FE)) {
    m_options.mastodonAccounts = std::clamp(m_options.mastodonAccounts, 0, 16);
    m_options.mentionsPerAccount = std::clamp(m_options.mentionsPerAccount, 0, 500000);
    m_options.people = std::clamp(m_options.people, 2, 100000);
    m_options.historyDays = std::clamp(m_options.historyDays, 1, 3650);
    m_startMs = m_nowMs - static_cast<qint64>(m_options.historyDays) * kDay;
}

void MastodonGenerator::populate(MastodonData& data) {
    createAccounts(data);
    createPeople(data);
    m_state.resize(data.accounts.size());
    for (int i = 0; i < data.accounts.size(); ++i) {
        SandboxRandom rng = m_root.fork(100 + static_cast<quint64>(i));
        createCommunity(data, i, rng);
        createMentions(data, i, rng);
        createDirectMessages(data, i, rng);
        createInteractions(data, i, rng);
    }
}

void MastodonGenerator::createAccounts(MastodonData& data) {
    SandboxRandom rng = m_root.fork(1);
    for (int i = 0; i < m_options.mastodonAccounts; ++i) {
        const bool known = i < static_cast<int>(std::size(kProfiles));
        const QString number = QString::number(i + 1);
        MastodonPerson person;
        person.createdMs = m_nowMs - rng.between(400, 900) * kDay - rng.between(0, kDay - 1);
        person.id = data.newId(person.createdMs);
        person.username = known ? QString::fromUtf8(kProfiles[i].username) : QStringLiteral("demo") + number;
        person.displayName = known ? QString::fromUtf8(kProfiles[i].name) : QStringLiteral("Demo Community ") + number;
        person.language = known ? QString::fromUtf8(kProfiles[i].language) : QStringLiteral("en");
        person.note = QStringLiteral("<p>Official account of ") + MastodonHtml::escape(person.displayName) +
                      QStringLiteral(". We answer within a day.</p>");
        person.followers = static_cast<int>(rng.between(1500, 12000));
        person.following = static_cast<int>(rng.between(50, 400));
        person.statuses = static_cast<int>(rng.between(200, 900));
        data.addPerson(person);

        MastodonDemoAccount account;
        account.index = i;
        account.name = person.displayName;
        account.token = makeToken(m_root.fork(7000 + static_cast<quint64>(i)));
        account.personId = person.id;
        account.product = known ? QString::fromUtf8(kProfiles[i].product) : QStringLiteral("Demo ") + number;
        account.slug = known ? QString::fromUtf8(kProfiles[i].slug) : QStringLiteral("demo") + number;
        account.language = person.language;
        data.accounts.append(account);
    }
}

void MastodonGenerator::createPeople(MastodonData& data) {
    PeopleFactory factory(m_root.fork(2));
    for (const MastodonDemoAccount& account : std::as_const(data.accounts)) {
        factory.reserve(data.person(account.personId)->username, QString());
    }
    SandboxRandom rng = m_root.fork(3);
    for (int i = 0; i < m_options.people; ++i) {
        const PeopleFactory::Person generated = factory.next(0.55);
        MastodonPerson person;
        person.createdMs = m_nowMs - rng.between(20, 2200) * kDay - rng.between(0, kDay - 1);
        person.id = data.newId(person.createdMs);
        person.username = generated.username;
        person.domain = generated.domain;
        person.displayName = generated.displayName;
        person.note = QStringLiteral("<p>") + MastodonHtml::escape(generated.note) + QStringLiteral("</p>");
        person.language = generated.language;
        person.activity = generated.activity;
        person.bot = generated.bot;
        person.locked = rng.chance(0.07);
        person.followers = static_cast<int>(std::exp(rng.unit() * 8.0));
        person.following = static_cast<int>(std::exp(rng.unit() * 6.5));
        person.statuses = static_cast<int>(rng.between(3, 4000));
        data.addPerson(person);
    }
}

void MastodonGenerator::createCommunity(MastodonData& data, int index, SandboxRandom& rng) {
    MastodonDemoAccount& account = data.accounts[index];
    double total = 0;
    for (const qint64 id : std::as_const(data.personOrder)) {
        if (data.accountIndexForPerson(id) >= 0 || !rng.chance(0.65)) {
            continue;
        }
        total += data.person(id)->activity;
        account.community.append(id);
        account.communityWeight.append(total);
        MastodonRelationship relation;
        relation.followedBy = rng.chance(0.45);
        relation.following = rng.chance(0.15);
        if (relation.followedBy || relation.following) {
            account.relationships.insert(id, relation);
        }
    }
}

void MastodonGenerator::createMentions(MastodonData& data, int index, SandboxRandom& rng) {
    MastodonDemoAccount& account = data.accounts[index];
    AccountState& state = m_state[index];
    const PhraseBook::Topic about = topic(account);
    const int days = m_options.historyDays;

    QList<int> incidents;
    if (days >= 7) {
        incidents = {static_cast<int>(rng.between(2, days - 3)), static_cast<int>(rng.between(2, days - 3))};
    }

    QList<qint64> announceTimes;
    for (int i = 0, n = qMax(2, days * 2 / 3); i < n; ++i) {
        announceTimes.append(sampleTime(rng, {}));
    }
    std::sort(announceTimes.begin(), announceTimes.end());
    QList<std::pair<qint64, qint64>> announcements;
    for (const qint64 t : std::as_const(announceTimes)) {
        MastodonStatus s;
        s.authorId = account.personId;
        s.createdMs = t;
        s.language = rng.chance(0.7) ? account.language : otherLanguage(account.language);
        s.text = PhraseBook::announcement(s.language, about, rng);
        s.application = QStringLiteral("Web");
        const qint64 id = MastodonPublisher::publish(data, s, t);
        announcements.append({t, id});
        state.ownStatuses.append({t, id});
    }

    QList<qint64> times;
    times.reserve(m_options.mentionsPerAccount);
    for (int i = 0; i < m_options.mentionsPerAccount; ++i) {
        times.append(sampleTime(rng, incidents));
    }
    std::sort(times.begin(), times.end());

    for (const qint64 t : std::as_const(times)) {
        const qint64 authorId = pickMember(account, rng);
        const MastodonPerson* author = data.person(authorId);
        if (author == nullptr) {
            break;
        }
        const QString language = rng.chance(0.04) ? otherLanguage(author->language) : author->language;
        Tone tone = PhraseBook::randomTone(rng, incidents.contains(static_cast<int>((t - m_startMs) / kDay)));
        MastodonStatus s;
        s.authorId = authorId;
        s.createdMs = t;
        QString prefix = mentionOf(data, account, authorId);
        qint64 alsoMentioned = 0;

        const double route = rng.unit();
        const auto answered = state.lastAnswer.constFind(authorId);
        if (answered != state.lastAnswer.constEnd() && answered->answerMs < t && t - answered->answerMs < 10 * kDay &&
            route < 0.3) {
            s.inReplyToId = answered->answerId; // the exchange goes on under the account's answer
            s.inReplyToAccountId = account.personId;
            const double u = rng.unit();
            tone = u < 0.5 ? Tone::Thanks : (u < 0.75 ? Tone::Question : Tone::Complaint);
        } else if (route < 0.14 && !announcements.isEmpty() && announcements.constFirst().first < t) {
            const auto end =
                std::upper_bound(announcements.cbegin(), announcements.cend(), std::make_pair(t, qint64(0)));
            const auto before = static_cast<quint32>(end - announcements.cbegin());
            const auto& chosen = announcements.at(before - 1 - rng.below(qMin<quint32>(3, before)));
            s.inReplyToId = chosen.second;
            s.inReplyToAccountId = account.personId;
        } else if (route < 0.21 && !state.recentMentions.isEmpty()) {
            const auto& joined = state.recentMentions.at(rng.below(static_cast<quint32>(state.recentMentions.size())));
            if (joined.second != authorId) {
                s.inReplyToId = joined.first;
                s.inReplyToAccountId = joined.second;
                alsoMentioned = joined.second;
            }
        } else if (rng.chance(0.06)) {
            const qint64 friendId = pickMember(account, rng);
            alsoMentioned = friendId != authorId ? friendId : 0;
        }
        if (alsoMentioned != 0) {
            prefix += QStringLiteral(" @") + data.acct(*data.person(alsoMentioned));
        }

        s.text = prefix + QLatin1Char(' ') + PhraseBook::message(tone, language, about, rng);
        const double visibility = rng.unit();
        s.visibility = visibility < 0.8 ? QStringLiteral("public")
                                        : (visibility < 0.97 ? QStringLiteral("unlisted") : QStringLiteral("private"));
        s.language = rng.chance(0.06) ? QString() : language;
        if (tone == Tone::Complaint && rng.chance(0.08)) {
            s.spoilerText = language == QLatin1String("fr") ? QStringLiteral("coup de gueule") : QStringLiteral("rant");
            s.sensitive = true;
        }
        s.hasUrl = author->domain.isEmpty() || !rng.chance(0.08);
        s.application = author->domain.isEmpty() ? QString::fromUtf8(kApps[rng.below(std::size(kApps))]) : QString();
        const qint64 mentionId = MastodonPublisher::publish(data, s, qMin(t + rng.between(50, 1500), m_nowMs - 1));
        state.recentMentions.append({mentionId, authorId});
        if (state.recentMentions.size() > 40) {
            state.recentMentions.removeFirst();
        }

        if (rng.chance(0.03)) {
            const qint64 editedAt = t + rng.between(2 * kMinute, 3 * kHour);
            if (editedAt < m_nowMs - 1) {
                MastodonPublisher::edit(data, mentionId, s.text + PhraseBook::editNote(language, rng), editedAt);
            }
        }

        if (rng.chance(answerProbability(tone))) {
            const qint64 answerAt = t + responseDelayMs(rng, t);
            if (answerAt < m_nowMs - kMinute) {
                MastodonStatus a;
                a.authorId = account.personId;
                a.createdMs = answerAt;
                a.inReplyToId = mentionId;
                a.inReplyToAccountId = authorId;
                a.language = s.language.isEmpty() ? account.language : s.language;
                QString to = QLatin1Char('@') + data.acct(*author);
                if (alsoMentioned != 0 && rng.chance(0.5)) {
                    to += QStringLiteral(" @") + data.acct(*data.person(alsoMentioned));
                }
                a.text = to + QLatin1Char(' ') + PhraseBook::answer(tone, a.language, firstName(*author), about, rng);
                a.visibility = s.visibility;
                a.application = QStringLiteral("Web");
                const qint64 answerId = MastodonPublisher::publish(data, a, answerAt);
                state.lastAnswer.insert(authorId, {answerId, answerAt});
                state.ownStatuses.append({answerAt, answerId});
            }
        }

        if (tone == Tone::Praise && s.visibility == QLatin1String("public") && rng.chance(0.08)) {
            const qint64 boostAt = t + rng.between(kMinute, 6 * kHour);
            if (boostAt < m_nowMs - 1) {
                MastodonStatus boost;
                boost.authorId = account.personId;
                boost.createdMs = boostAt;
                boost.reblogOfId = mentionId;
                MastodonPublisher::publish(data, boost, boostAt);
                ++data.status(mentionId)->reblogsCount;
            }
        }
    }
}

qint64 MastodonGenerator::sampleTime(SandboxRandom& rng, const QList<int>& incidentDays) const {
    const qint64 span = m_nowMs - m_startMs;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const qint64 t = m_startMs + rng.between(0, span - 2);
        const double progress = static_cast<double>(t - m_startMs) / static_cast<double>(span);
        double weight = kHourWeight[SandboxClock::hourOfDay(t)] * kDayWeight[SandboxClock::weekday(t)] *
                        (0.7 + 0.3 * progress); // a growing community
        if (incidentDays.contains(static_cast<int>((t - m_startMs) / kDay))) {
            weight *= 3.0;
        }
        if (rng.unit() * 3.0 < weight) {
            return t;
        }
    }
    return m_startMs + rng.between(0, span - 2);
}

qint64 MastodonGenerator::responseDelayMs(SandboxRandom& rng, qint64 fromMs) {
    // From a few minutes to three days, most answers within a few hours.
    const double minutes = std::exp(std::log(3.0) + std::pow(rng.unit(), 1.6) * (std::log(4320.0) - std::log(3.0)));
    qint64 delay = static_cast<qint64>(minutes * static_cast<double>(kMinute)) + rng.between(0, kMinute - 1);
    const int hour = SandboxClock::hourOfDay(fromMs + delay);
    if (hour < 7) { // the team sleeps
        delay += (7 - hour) * kHour + rng.between(0, 90 * kMinute);
    }
    return delay;
}

qint64 MastodonGenerator::pickMember(const MastodonDemoAccount& account, SandboxRandom& rng) const {
    const qsizetype index = rng.weighted(account.communityWeight);
    return index < 0 ? 0 : account.community.at(index);
}

QString MastodonGenerator::mentionOf(const MastodonData& data, const MastodonDemoAccount& account,
                                     qint64 authorId) const {
    const MastodonPerson* self = data.person(account.personId);
    const MastodonPerson* author = data.person(authorId);
    if (author != nullptr && author->domain.isEmpty()) {
        return QLatin1Char('@') + self->username;
    }
    return QLatin1Char('@') + self->username + QLatin1Char('@') + MastodonData::localDomain();
}

QString MastodonGenerator::firstName(const MastodonPerson& person) {
    const QStringList words = (person.displayName.isEmpty() ? person.username : person.displayName)
                                  .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (word != QLatin1String("Dr") && !word.isEmpty() && word.at(0).isLetter()) {
            return word;
        }
    }
    return person.username;
}

PhraseBook::Topic MastodonGenerator::topic(const MastodonDemoAccount& account) const {
    PhraseBook::Topic t;
    t.product = account.product;
    t.slug = account.slug;
    return t;
}

} // namespace baton::sandbox
