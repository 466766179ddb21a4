#include "core/sandbox/reddit/RedditGenerator.h"

#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/SandboxClock.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace baton::sandbox {

namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Comment ids on Reddit are seven base36 digits these days.
constexpr qint64 kFirstId = 2176782336LL * 5 + 123456789;

constexpr double kHourWeight[24] = {0.30, 0.25, 0.20, 0.15, 0.12, 0.15, 0.30, 0.50, 0.70, 0.85, 0.95, 1.00,
                                    0.95, 0.95, 1.00, 1.00, 0.95, 0.90, 0.90, 0.95, 0.90, 0.75, 0.55, 0.40};

struct Profile {
    const char* username;
    const char* name;
    const char* product;
    const char* slug;
    const char* language;
    const char* subreddit;
};

const Profile kProfiles[] = {{"baton_team", "Baton Team", "Baton", "baton", "en", "baton"},
                             {"atelier_lumiere", "Atelier Lumière", "Atelier", "atelier", "fr", "AtelierLumiere"},
                             {"pixel_coop", "Pixel Coop", "Pixel", "pixel", "en", "PixelCoop"},
                             {"velo_libre", "Vélo Libre", "Vélo Libre", "velolibre", "fr", "velolibre"}};

// Subreddits where the community also talks about the products, moderated by nobody we know.
const char* const kOtherSubreddits[] = {"selfhosted", "productivity", "france", "opensource", "CommunityManager"};

const char* const kReportReasons[] = {"Spam",       "This is misinformation", "Breaks r/{sub} rules",
                                      "Harassment", "Self-promotion",         "Off topic"};

QString randomToken(SandboxRandom rng, int bytes) {
    QByteArray out;
    while (out.size() < bytes) {
        const quint64 word = rng.next();
        for (int b = 0; b < 8 && out.size() < bytes; ++b) {
            out.append(static_cast<char>((word >> (8 * b)) & 0xFF));
        }
    }
    return QString::fromLatin1(out.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString redditName(const QString& handle) {
    QString out;
    for (const QChar c : handle) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c;
        } else if (c == u'_' || c == u'-' || c == u'.') {
            out += u'_';
        }
    }
    while (out.size() < 3) {
        out += u'_';
    }
    return out.left(20);
}

} // namespace

RedditGenerator::RedditGenerator(const SandboxOptions& options, qint64 nowMs)
    : m_options(options)
    , m_nowMs(nowMs)
    , m_root(SandboxRandom(options.seed).fork(0x5EDD17)) {
    m_options.mentionsPerAccount = std::clamp(m_options.mentionsPerAccount, 0, 500000);
    m_options.people = std::clamp(m_options.people, 2, 100000);
    m_options.historyDays = std::clamp(m_options.historyDays, 1, 3650);
    m_startMs = m_nowMs - static_cast<qint64>(m_options.historyDays) * kDay;
}

PhraseBook::Topic RedditGenerator::topic(const RedditAccount& account) {
    return PhraseBook::Topic{account.product, account.slug};
}

QString RedditGenerator::decorate(const QString& text, const PhraseBook::Topic& topic, SandboxRandom& rng) {
    const double u = rng.unit();
    if (u < 0.06) {
        return text + QStringLiteral("\n\nSee [the docs](https://docs.") + topic.slug + QStringLiteral(".example/faq)");
    }
    if (u < 0.10) {
        return QStringLiteral("> ") + topic.product + QStringLiteral(" is down again?\n\n") + text;
    }
    if (u < 0.13) {
        return QStringLiteral("**Edit:** ") + text;
    }
    if (u < 0.15) {
        return text + QStringLiteral(" & r/") + topic.slug + QStringLiteral(" agrees <3");
    }
    return text;
}

QString RedditGenerator::communityText(const RedditAccount& account, SandboxRandom& rng, bool mention) {
    const PhraseBook::Topic about = topic(account);
    const QString language =
        rng.chance(0.75) ? account.language
                         : (account.language == QLatin1String("fr") ? QStringLiteral("en") : QStringLiteral("fr"));
    QString text = PhraseBook::message(PhraseBook::randomTone(rng, false), language, about, rng);
    if (mention) {
        text = rng.chance(0.5) ? QString(QStringLiteral("u/") + account.username + QLatin1Char(' ') + text)
                               : QString(text + QStringLiteral(" (cc u/") + account.username + QLatin1Char(')'));
    }
    return decorate(text, about, rng);
}

void RedditGenerator::populate(RedditData& data) {
    createAccounts(data);
    createPeople(data);
    for (int i = 0; i < data.accounts.size(); ++i) {
        SandboxRandom rng = m_root.fork(200 + static_cast<quint64>(i));
        createHistory(data, i, rng);
    }
    SandboxRandom ids = m_root.fork(9);
    assignIds(data, ids);
}

void RedditGenerator::createAccounts(RedditData& data) {
    // One installed app (one client id), used by every demo account: Reddit's budget is per client id.
    const QString clientId = randomToken(m_root.fork(11), 16);
    const int count = std::clamp(m_options.mastodonAccounts, 1, static_cast<int>(std::size(kProfiles)));
    for (int i = 0; i < count; ++i) {
        const Profile& p = kProfiles[i];
        RedditAccount account;
        account.username = QString::fromUtf8(p.username);
        account.displayName = QString::fromUtf8(p.name);
        account.product = QString::fromUtf8(p.product);
        account.slug = QString::fromUtf8(p.slug);
        account.language = QString::fromUtf8(p.language);
        account.clientId = clientId;
        SandboxRandom rng = m_root.fork(300 + static_cast<quint64>(i));
        account.refreshToken =
            QString::number(rng.between(10000000, 99999999)) + QLatin1Char('-') + randomToken(rng, 20);
        RedditSubreddit sub;
        sub.name = QString::fromUtf8(p.subreddit);
        sub.id = rng.between(2176782336LL / 36, 2176782336LL / 6);
        account.moderates.append(static_cast<int>(data.subreddits.size()));
        data.subreddits.append(sub);
        data.accounts.append(account);
    }
    SandboxRandom rng = m_root.fork(12);
    for (const char* name : kOtherSubreddits) {
        RedditSubreddit sub;
        sub.name = QString::fromUtf8(name);
        sub.id = rng.between(2176782336LL / 36, 2176782336LL / 6);
        data.subreddits.append(sub);
    }
}

void RedditGenerator::createPeople(RedditData& data) {
    PeopleFactory factory(m_root.fork(2));
    for (const RedditAccount& a : std::as_const(data.accounts)) {
        factory.reserve(a.username, QString());
    }
    QSet<QString> seen;
    for (int i = 0; i < m_options.people; ++i) {
        const PeopleFactory::Person p = factory.next(0.0);
        QString name = redditName(p.username);
        if (i % 7 == 3) {
            name += QLatin1Char('_') + QString::number(1970 + i % 50);
        }
        if (seen.contains(name.toLower())) {
            continue;
        }
        seen.insert(name.toLower());
        data.people.append(name);
    }
}

qint64 RedditGenerator::sampleTime(SandboxRandom& rng) const {
    const qint64 span = m_nowMs - m_startMs;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const qint64 t = m_startMs + rng.between(0, span - kMinute);
        const double weight = kHourWeight[SandboxClock::hourOfDay(t)] * (SandboxClock::weekday(t) % 6 == 0 ? 0.7 : 1.0);
        if (rng.unit() < weight) {
            return t;
        }
    }
    return m_startMs + rng.between(0, span - kMinute);
}

qint64 RedditGenerator::responseDelayMs(SandboxRandom& rng) {
    const double minutes = std::exp(std::log(4.0) + std::pow(rng.unit(), 1.5) * (std::log(2880.0) - std::log(4.0)));
    return static_cast<qint64>(minutes * static_cast<double>(kMinute)) + rng.between(0, kMinute - 1);
}

void RedditGenerator::createHistory(RedditData& data, int index, SandboxRandom& rng) {
    RedditAccount& account = data.accounts[index];
    const PhraseBook::Topic about = topic(account);
    const int sub = account.moderates.constFirst();
    const int events = m_options.mentionsPerAccount / 3;
    auto someone = [&] {
        return data.people.at(static_cast<qsizetype>(rng.below(static_cast<quint32>(data.people.size()))));
    };
    auto add = [&](RedditThing t) {
        data.things.append(std::move(t));
        return static_cast<int>(data.things.size() - 1);
    };
    auto inbox = [&](int thing, const QString& type, qint64 at) {
        RedditInboxEntry e;
        e.thing = thing;
        e.type = type;
        e.unread = at > m_nowMs - 2 * kDay;
        account.inbox.append(e);
    };
    auto post = [&](const QString& author, int subreddit, qint64 at, bool own) {
        RedditThing p;
        p.kind = '3';
        p.author = author;
        p.subreddit = subreddit;
        p.createdMs = at;
        const QString text =
            own ? PhraseBook::announcement(account.language, about, rng)
                : PhraseBook::message(PhraseBook::randomTone(rng, false), account.language, about, rng);
        const qsizetype cut = text.indexOf(QRegularExpression(QStringLiteral("[.!?\\n]")));
        p.title = (cut > 20 && cut < 140 ? text.left(cut + 1) : text.left(120)).trimmed();
        p.body = text.size() > p.title.size() ? text : QString();
        p.score = static_cast<int>(rng.between(1, own ? 400 : 80));
        return add(p);
    };
    auto report = [&](RedditThing& t) {
        const int n = static_cast<int>(rng.between(1, 2));
        for (int k = 0; k < n; ++k) {
            QString reason = QString::fromUtf8(kReportReasons[rng.below(std::size(kReportReasons))]);
            reason.replace(QLatin1String("{sub}"), data.subreddits.at(sub).name);
            t.userReports.append({reason, static_cast<int>(rng.between(1, 4))});
        }
    };

    QList<qint64> times;
    for (int i = 0; i < events; ++i) {
        times.append(sampleTime(rng));
    }
    std::sort(times.begin(), times.end());

    QList<int> ownPosts;
    QList<int> communityPosts;
    QList<std::pair<qint64, int>> ownComments; // (created, index), answers in the future included
    ownPosts.append(post(account.username, sub, m_startMs + rng.between(kHour, 6 * kHour), true));
    for (int k = 0; k < 4; ++k) {
        communityPosts.append(post(someone(), sub, m_startMs + rng.between(kHour, 12 * kHour), false));
    }

    for (int i = 0; i < times.size(); ++i) {
        const qint64 t = times.at(i);
        if (i % 35 == 17) {
            ownPosts.append(post(account.username, sub, t - rng.between(kMinute, kHour), true));
        }
        const double kind = rng.unit();
        RedditThing c;
        c.kind = '1';
        c.author = someone();
        c.createdMs = t;
        c.score = static_cast<int>(rng.between(-3, 40));
        QList<int> answerable;
        for (const auto& [at, own] : std::as_const(ownComments)) {
            if (at < t - kMinute) {
                answerable.append(own);
            }
        }
        QString type;
        if (kind < 0.30 || (kind < 0.50 && answerable.isEmpty())) {
            const int parent = ownPosts.at(
                static_cast<qsizetype>(rng.below(static_cast<quint32>(qMin<qsizetype>(ownPosts.size(), 4))) +
                                       qMax<qsizetype>(0, ownPosts.size() - 4)));
            c.subreddit = sub;
            c.link = parent;
            c.parent = parent;
            c.body = communityText(account, rng, false);
            type = QStringLiteral("post_reply");
        } else if (kind < 0.50) {
            const int parent = answerable.at(
                answerable.size() - 1 -
                static_cast<qsizetype>(rng.below(static_cast<quint32>(qMin<qsizetype>(answerable.size(), 10)))));
            c.subreddit = data.things.at(parent).subreddit;
            c.link = data.things.at(parent).link;
            c.parent = parent;
            c.body = communityText(account, rng, false);
            type = QStringLiteral("comment_reply");
        } else if (kind < 0.68) {
            const bool elsewhere = rng.chance(0.5);
            const int where =
                elsewhere ? static_cast<int>(data.accounts.size() + rng.below(std::size(kOtherSubreddits))) : sub;
            const int thread = post(someone(), where < data.subreddits.size() ? where : sub,
                                    t - rng.between(kMinute, 20 * kHour), false);
            if (!elsewhere) {
                communityPosts.append(thread);
            }
            c.subreddit = data.things.at(thread).subreddit;
            c.link = thread;
            c.parent = thread;
            c.body = communityText(account, rng, true);
            type = QStringLiteral("username_mention");
        } else if (kind < 0.83) {
            c.kind = '4';
            c.dest = account.username;
            c.body = decorate(PhraseBook::directMessage(account.language, about, rng), about, rng);
            const qsizetype cut = c.body.indexOf(QRegularExpression(QStringLiteral("[.!?\\n]")));
            c.title = (cut > 8 && cut < 90 ? c.body.left(cut) : c.body.left(60)).trimmed();
            type = QStringLiteral("unknown");
        } else {
            // Subreddit life that does not reach the inbox; a share of it is reported into the mod queue.
            if (rng.chance(0.3)) {
                const int p = post(someone(), sub, t, false);
                communityPosts.append(p);
                if (rng.chance(0.35)) {
                    report(data.things[p]);
                }
                continue;
            }
            const int thread = communityPosts.at(
                communityPosts.size() - 1 -
                static_cast<qsizetype>(rng.below(static_cast<quint32>(qMin<qsizetype>(communityPosts.size(), 6)))));
            c.subreddit = sub;
            c.link = thread;
            c.parent = thread;
            c.body = communityText(account, rng, false);
            if (rng.chance(0.4)) {
                report(c);
            }
            add(c);
            continue;
        }
        if (c.kind == '1' && c.subreddit == sub && rng.chance(0.08)) {
            report(c);
        }
        if (rng.chance(0.05)) {
            c.editedMs = qMin(m_nowMs - 1, t + rng.between(kMinute, 3 * kHour));
            c.body += QStringLiteral("\n\nEdit: ") + PhraseBook::editNote(account.language, rng);
        }
        const bool deleted = c.kind == '1' && rng.chance(0.02);
        if (deleted) {
            c.deleted = true;
            c.author = QStringLiteral("[deleted]");
            c.body = QStringLiteral("[deleted]");
        }
        const QString author = c.author;
        const int thing = add(c);
        data.things[thing].firstMessage = c.kind == '4' ? thing : -1;
        inbox(thing, type, t);

        // The team answers most of it, after a while.
        if (deleted || !rng.chance(0.62)) {
            continue;
        }
        const qint64 answerAt = t + responseDelayMs(rng);
        if (answerAt >= m_nowMs - kMinute) {
            continue;
        }
        RedditThing a;
        a.kind = c.kind;
        a.author = account.username;
        a.createdMs = answerAt;
        a.parent = thing;
        a.body = PhraseBook::answer(PhraseBook::randomTone(rng, false), account.language, author, about, rng);
        if (c.kind == '4') {
            a.dest = author;
            a.title = QStringLiteral("re: ") + c.title;
            a.firstMessage = thing;
        } else {
            a.subreddit = c.subreddit;
            a.link = c.link;
        }
        const int answer = add(a);
        if (a.kind == '1') {
            ownComments.append({answerAt, answer});
        }
    }
}

void RedditGenerator::assignIds(RedditData& data, SandboxRandom& rng) {
    QList<int> order(data.things.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return data.things.at(a).createdMs < data.things.at(b).createdMs; });
    QList<int> position(data.things.size());
    for (int i = 0; i < order.size(); ++i) {
        position[order.at(i)] = i;
    }
    auto remap = [&](int old) { return old < 0 ? -1 : position.at(old); };
    QList<RedditThing> sorted;
    sorted.reserve(order.size());
    qint64 id = kFirstId;
    for (const int old : std::as_const(order)) {
        RedditThing t = data.things.at(old);
        t.link = remap(t.link);
        t.parent = remap(t.parent);
        t.firstMessage = remap(t.firstMessage);
        id += rng.between(1, 60);
        t.id = id;
        sorted.append(t);
    }
    data.things = sorted;
    data.nextId = id + 1;
    for (RedditAccount& account : data.accounts) {
        for (RedditInboxEntry& e : account.inbox) {
            e.thing = remap(e.thing);
        }
    }
    data.reindex();
}

} // namespace baton::sandbox
