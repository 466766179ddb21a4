// Seeding and live activity of the Discourse sandbox forum (see DiscourseForum.h).
#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/discourse/DiscourseCooker.h"
#include "core/sandbox/discourse/DiscourseForum.h"

#include <QRegularExpression>
#include <algorithm>

namespace baton::sandbox {

namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

const char* const kColors[] = {"0088CC", "25AAE2", "F7941D", "BF1E2E", "3AB54A", "652D90", "808281"};

struct CategorySeed {
    const char* name;
    const char* slug;
    const char* description;
    bool french;
};

const CategorySeed kCategories[] = {
    {"Announcements", "announcements", "News and releases from the Baton team.", false},
    {"Support", "support", "Ask for help with Baton: installing, syncing, replying.", false},
    {"Feature requests", "feature-requests", "Ideas for what Baton should do next.", false},
    {"Bugs", "bugs", "Something broken? Tell us how to reproduce it.", false},
    {"Français", "francais", "Entraide en français autour de l’Atelier.", true},
    {"Showcase", "showcase", "Show what you made with Atelier.", true},
    {"Lounge", "lounge", "Everything else.", false},
};

struct DemoSeed {
    const char* username;
    const char* name;
    const char* account;
    bool adminKey;
    QList<int> watched;
};

const DemoSeed kDemo[] = {{"baton", "Baton Team", "Baton Forum", true, {2, 3, 4}},
                          {"atelier", "Atelier Lumière", "Atelier Forum", false, {5, 6}}};

QString slugify(const QString& title) {
    QString s = title.normalized(QString::NormalizationForm_D).toLower();
    s.remove(QRegularExpression(QStringLiteral("[\\x{0300}-\\x{036f}]")));
    s.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    while (s.startsWith(u'-')) {
        s.remove(0, 1);
    }
    while (s.endsWith(u'-')) {
        s.chop(1);
    }
    return s.left(60).isEmpty() ? QStringLiteral("topic") : s.left(60);
}

QString titleFrom(const QString& text) {
    QString t = text.section(u'\n', 0, 0);
    const qsizetype stop = t.indexOf(QRegularExpression(QStringLiteral("[.!?](\\s|$)")));
    if (stop >= 15) {
        t = t.left(stop + 1);
    }
    if (t.size() > 80) {
        t = t.left(77).trimmed() + QStringLiteral("…");
    }
    return t.size() < 15 ? t + QStringLiteral(" (help wanted)") : t;
}

QString keyFor(SandboxRandom rng, int bytes) {
    QByteArray out;
    while (out.size() < bytes) {
        const quint64 word = rng.next();
        for (int b = 0; b < 8 && out.size() < bytes; ++b) {
            out.append(static_cast<char>((word >> (8 * b)) & 0xFF));
        }
    }
    return QString::fromLatin1(out.toHex());
}

const char* const kEmoji[] = {":slight_smile:", ":+1:", ":tada:", ":thinking:", ":heart:", ":sweat_smile:"};

} // namespace

void DiscourseForum::populate() {
    SandboxRandom root(m_options.seed);
    SandboxRandom users = root.fork(0xD1);
    createUsers(users);
    createCategories();
    SandboxRandom history = root.fork(0xD2);
    createHistory(history);
}

void DiscourseForum::createUsers(SandboxRandom& rng) {
    DiscourseUser system;
    system.id = 1;
    system.username = QStringLiteral("system");
    system.name = QStringLiteral("system");
    system.avatarTemplate = QStringLiteral("/images/discourse-logo-sketch-small.png");
    system.staff = true;
    system.trustLevel = 4;
    m_users.append(system);
    const int demo = std::clamp(m_options.discourseAccounts, 0, static_cast<int>(std::size(kDemo)));
    for (int i = 0; i < demo; ++i) {
        DiscourseUser u;
        u.id = static_cast<int>(m_users.size()) + 1;
        u.username = QString::fromUtf8(kDemo[i].username);
        u.name = QString::fromUtf8(kDemo[i].name);
        u.avatarTemplate = QStringLiteral("/user_avatar/forum.example/%1/{size}/%2_2.png").arg(u.username).arg(u.id);
        u.staff = kDemo[i].adminKey;
        u.trustLevel = u.staff ? 4 : 2;
        u.language = i == 1 ? QStringLiteral("fr") : QStringLiteral("en");
        m_users.append(u);
        DiscourseAccount a;
        a.userId = u.id;
        a.name = QString::fromUtf8(kDemo[i].account);
        a.adminKey = kDemo[i].adminKey;
        a.key = keyFor(rng.fork(100 + static_cast<quint64>(i)), a.adminKey ? 32 : 16);
        for (int c : kDemo[i].watched) {
            a.watched.insert(c);
        }
        m_accounts.append(a);
    }
    PeopleFactory factory(rng.fork(2));
    for (const DiscourseUser& u : std::as_const(m_users)) {
        factory.reserve(u.username, QString());
    }
    const int people = std::clamp(m_options.people / 3, 12, 400);
    for (int i = 0; i < people; ++i) {
        const PeopleFactory::Person p = factory.next(0.0);
        DiscourseUser u;
        u.id = static_cast<int>(m_users.size()) + 1;
        u.username = p.username;
        u.name = p.displayName; // may be empty, as on Discourse
        u.language = p.language;
        u.trustLevel = static_cast<int>(rng.between(0, 3));
        // Users without an upload get a letter avatar, served by the site itself.
        u.avatarTemplate =
            rng.chance(0.6)
                ? QStringLiteral("/letter_avatar_proxy/v4/letter/%1/%2/{size}.png")
                      .arg(p.username.left(1).toLower(), QString::fromLatin1(kColors[rng.below(7)]).toLower())
                : QStringLiteral("/user_avatar/forum.example/%1/{size}/%2_2.png").arg(p.username.toLower()).arg(u.id);
        m_users.append(u);
    }
}

void DiscourseForum::createCategories() {
    int i = 0;
    for (const CategorySeed& seed : kCategories) {
        DiscourseCategory c;
        c.id = ++i;
        c.name = QString::fromUtf8(seed.name);
        c.slug = QString::fromUtf8(seed.slug);
        c.color = QString::fromLatin1(kColors[(i - 1) % 7]);
        c.description = QString::fromUtf8(seed.description);
        m_categories.append(c);
    }
}

int DiscourseForum::communityMember(SandboxRandom& rng) const {
    const int first = 2 + static_cast<int>(m_accounts.size());
    const int count = static_cast<int>(m_users.size()) - first + 1;
    // Heavy-tailed: a few regulars write most posts.
    const double u = rng.unit();
    return first + static_cast<int>(u * u * count) % count;
}

QString DiscourseForum::communityText(SandboxRandom& rng, const DiscourseUser& author) const {
    const PhraseBook::Topic about{QStringLiteral("Baton"), QStringLiteral("baton")};
    QString text = PhraseBook::message(PhraseBook::randomTone(rng, false), author.language, about, rng);
    if (rng.chance(0.15)) {
        text += QLatin1Char(' ') + QString::fromLatin1(kEmoji[rng.below(std::size(kEmoji))]);
    }
    return text;
}

int DiscourseForum::appendPost(int topicId, int userId, const QString& raw, qint64 atMs, std::optional<int> replyTo) {
    DiscourseTopic& t = m_topics[topicId];
    DiscoursePost p;
    p.id = m_nextPostId++;
    p.topicId = topicId;
    p.postNumber = t.postIds.isEmpty() ? 1 : m_posts[t.postIds.constLast()].postNumber + 1;
    p.userId = userId;
    p.raw = raw;
    p.cooked = DiscourseCooker::cook(raw);
    p.createdMs = atMs;
    p.updatedMs = atMs;
    p.replyToPostNumber = replyTo;
    t.postIds.append(p.id);
    m_posts.insert(p.id, p);
    return p.id;
}

void DiscourseForum::notifyFor(const DiscoursePost& post) {
    const DiscourseTopic& t = m_topics[post.topicId];
    for (const DiscourseAccount& a : std::as_const(m_accounts)) {
        if (a.userId == post.userId) {
            continue;
        }
        const DiscourseUser* u = user(a.userId);
        int type = 0;
        const QRegularExpression mention(
            QStringLiteral("(^|[^\\w@])@%1\\b").arg(QRegularExpression::escape(u->username)),
            QRegularExpression::CaseInsensitiveOption);
        if (t.privateMessage && t.participants.contains(a.userId)) {
            type = 6;
        } else if (mention.match(post.raw).hasMatch()) {
            type = 1;
        } else if (post.raw.contains(QStringLiteral("[quote=\"%1,").arg(u->username))) {
            type = 3;
        } else if (post.replyToPostNumber) {
            for (int id : t.postIds) {
                const DiscoursePost& parent = m_posts[id];
                if (parent.postNumber == *post.replyToPostNumber && parent.userId == a.userId) {
                    type = 2;
                }
            }
        }
        if (type == 0 && a.watched.contains(t.categoryId)) {
            type = 9; // posted: the account watches the category
        }
        if (type == 0) {
            continue;
        }
        DiscourseNotification n;
        n.id = m_nextNotificationId++;
        n.userId = a.userId;
        n.type = type;
        n.createdMs = post.createdMs;
        n.topicId = post.topicId;
        n.postNumber = post.postNumber;
        n.postId = post.id;
        n.fromUserId = post.userId;
        n.read = post.createdMs < m_clock.nowMs() - 2 * kDay;
        m_notifications.append(n);
    }
}

void DiscourseForum::createHistory(SandboxRandom& rng) {
    struct Planned {
        qint64 at = 0;
        int topic = 0; // index into the planned topics
        int userId = 0;
        QString raw;
        std::optional<int> replyTo;
        int postNumber = 0;
        enum { None, Edit, AuthorDelete, StaffDelete, Hide } fate = None;
    };
    struct PlannedTopic {
        QString title;
        int categoryId = 0;
        bool closed = false;
        bool privateMessage = false;
        QList<int> participants;
        int realId = 0;
    };
    const qint64 now = m_clock.nowMs();
    const int days = std::clamp(m_options.historyDays, 1, 30);
    const qint64 start = now - days * kDay;
    QList<PlannedTopic> topics;
    QList<Planned> plan;
    const int topicCount = std::clamp(m_options.discourseTopics, 0, 5000);
    for (int i = 0; i < topicCount; ++i) {
        PlannedTopic topic;
        const double c = rng.unit();
        topic.categoryId = c < 0.05 ? 1 : c < 0.40 ? 2 : c < 0.55 ? 3 : c < 0.70 ? 4 : c < 0.82 ? 5 : c < 0.92 ? 6 : 7;
        const bool french = kCategories[topic.categoryId - 1].french;
        const int author =
            topic.categoryId == 1 && !m_accounts.isEmpty() ? m_accounts.constFirst().userId : communityMember(rng);
        DiscourseUser writer = *user(author);
        if (french) {
            writer.language = QStringLiteral("fr");
        }
        qint64 at = start + static_cast<qint64>(rng.unit() * static_cast<double>(now - start - kHour));
        const QString first = topic.categoryId == 1
                                  ? PhraseBook::announcement(QStringLiteral("en"),
                                                             {QStringLiteral("Baton"), QStringLiteral("baton")}, rng)
                                  : communityText(rng, writer);
        topic.title = titleFrom(first);
        topics.append(topic);
        const int index = static_cast<int>(topics.size()) - 1;
        plan.append(Planned{at, index, author, first, std::nullopt, 1});
        const int replies = static_cast<int>(rng.between(0, 8));
        int number = 1;
        QList<int> authors{author};
        for (int r = 0; r < replies; ++r) {
            at += rng.between(3 * kMinute, 20 * kHour);
            if (at >= now - kMinute) {
                break;
            }
            Planned p;
            p.at = at;
            p.topic = index;
            p.postNumber = ++number;
            int demoAccount = -1;
            for (int a = 0; a < m_accounts.size(); ++a) {
                if (m_accounts.at(a).watched.contains(topic.categoryId)) {
                    demoAccount = a;
                }
            }
            if (demoAccount >= 0 && rng.chance(0.3)) {
                // The team answers someone in the thread.
                const DiscourseUser* asked = user(authors.at(rng.below(static_cast<quint32>(authors.size()))));
                p.userId = m_accounts.at(demoAccount).userId;
                const QString name = asked->name.isEmpty() ? asked->username : asked->name.section(u' ', 0, 0);
                p.raw = PhraseBook::answer(Tone::Question, french ? QStringLiteral("fr") : QStringLiteral("en"), name,
                                           {QStringLiteral("Baton"), QStringLiteral("baton")}, rng);
                p.replyTo = rng.chance(0.7) ? std::optional<int>(number - 1) : std::nullopt;
            } else {
                p.userId = communityMember(rng);
                DiscourseUser w = *user(p.userId);
                if (french) {
                    w.language = QStringLiteral("fr");
                }
                p.raw = communityText(rng, w);
                if (demoAccount >= 0 && rng.chance(0.2)) {
                    p.raw =
                        QLatin1Char('@') + user(m_accounts.at(demoAccount).userId)->username + QLatin1Char(' ') + p.raw;
                }
                if (rng.chance(0.08) && number > 2) {
                    const Planned& quoted = plan.constLast();
                    if (quoted.topic == index) {
                        p.raw = QStringLiteral("[quote=\"%1, post:%2, topic:TOPIC\"]\n%3\n[/quote]\n\n%4")
                                    .arg(user(quoted.userId)->username)
                                    .arg(quoted.postNumber)
                                    .arg(quoted.raw.section(u'\n', 0, 0), p.raw);
                    }
                }
                if (rng.chance(0.5)) {
                    p.replyTo = static_cast<int>(rng.between(1, number - 1));
                }
                const double fate = rng.unit();
                p.fate = fate < 0.06   ? Planned::Edit
                         : fate < 0.08 ? Planned::AuthorDelete
                         : fate < 0.09 ? Planned::StaffDelete
                         : fate < 0.10 ? Planned::Hide
                                       : Planned::None;
            }
            authors.append(p.userId);
            plan.append(p);
        }
        topics[index].closed = rng.chance(0.04);
    }
    // A private message to the user-key account.
    if (m_accounts.size() > 1) {
        PlannedTopic pm;
        pm.privateMessage = true;
        const int from = communityMember(rng);
        pm.participants = {from, m_accounts.at(1).userId};
        pm.title = QStringLiteral("Question privée sur ma commande");
        topics.append(pm);
        DiscourseUser w = *user(from);
        w.language = QStringLiteral("fr");
        plan.append(Planned{now - 3 * kHour, static_cast<int>(topics.size()) - 1, from, communityText(rng, w),
                            std::nullopt, 1});
    }
    std::stable_sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) { return a.at < b.at; });

    for (const Planned& p : std::as_const(plan)) {
        PlannedTopic& pt = topics[p.topic];
        if (pt.realId == 0) {
            DiscourseTopic t;
            t.id = m_nextTopicId++;
            t.title = pt.title;
            t.slug = slugify(pt.title);
            t.categoryId = pt.privateMessage ? 0 : pt.categoryId;
            t.privateMessage = pt.privateMessage;
            t.participants = pt.participants;
            t.userId = p.userId;
            t.createdMs = p.at;
            m_topics.insert(t.id, t);
            pt.realId = t.id;
        }
        QString raw = p.raw;
        raw.replace(QStringLiteral("topic:TOPIC"), QStringLiteral("topic:%1").arg(pt.realId));
        const int id = appendPost(pt.realId, p.userId, raw, p.at, p.replyTo);
        DiscoursePost& post = m_posts[id];
        notifyFor(post);
        switch (p.fate) {
        case Planned::Edit:
            post.raw += QStringLiteral("\n\nEdit: never mind, found it in the settings.");
            post.cooked = DiscourseCooker::cook(post.raw);
            post.updatedMs = qMin(now - 1, p.at + 25 * kMinute);
            post.version = 2;
            post.editReason = QStringLiteral("typo");
            break;
        case Planned::AuthorDelete:
            post.userDeleted = true;
            post.deletedMs = qMin(now - 1, p.at + 10 * kMinute);
            post.raw = QStringLiteral("(post deleted by author)");
            post.cooked = QStringLiteral("<p>(post deleted by author)</p>");
            break;
        case Planned::StaffDelete:
            post.deletedMs = qMin(now - 1, p.at + 2 * kHour);
            break;
        case Planned::Hide:
            post.hidden = true;
            break;
        case Planned::None:
            break;
        }
    }
    for (const PlannedTopic& pt : std::as_const(topics)) {
        if (pt.closed && pt.realId != 0) {
            m_topics[pt.realId].closed = true;
            const qint64 at = qMin(now - 1, m_posts[m_topics[pt.realId].postIds.constLast()].createdMs + kDay);
            const int id = appendPost(pt.realId, 1, QString(), at, std::nullopt);
            m_posts[id].postType = 3;
            m_posts[id].actionCode = QStringLiteral("autoclosed.enabled");
        }
    }
    // Notification types a client does not turn into items: a badge and a like.
    for (const DiscourseAccount& a : std::as_const(m_accounts)) {
        DiscourseNotification badge;
        badge.id = m_nextNotificationId++;
        badge.userId = a.userId;
        badge.type = 12;
        badge.createdMs = now - kHour;
        badge.fromUserId = a.userId;
        m_notifications.append(badge);
        for (auto it = m_posts.cend(); it != m_posts.cbegin();) {
            --it;
            if (it->userId == a.userId) {
                DiscourseNotification like;
                like.id = m_nextNotificationId++;
                like.userId = a.userId;
                like.type = 5;
                like.createdMs = now - 30 * kMinute;
                like.topicId = it->topicId;
                like.postNumber = it->postNumber;
                like.postId = it->id;
                like.fromUserId = communityMember(m_live);
                m_notifications.append(like);
                break;
            }
        }
    }
}

int DiscourseForum::addPost(int account, const QString& raw, bool mention) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size() || m_accounts.at(account).watched.isEmpty()) {
        return 0;
    }
    const DiscourseAccount& a = m_accounts.at(account);
    // The newest open topic of a watched category.
    int topicId = 0;
    for (auto it = m_topics.cend(); it != m_topics.cbegin() && topicId == 0;) {
        --it;
        if (a.watched.contains(it->categoryId) && !it->closed) {
            topicId = it->id;
        }
    }
    if (topicId == 0) {
        return 0;
    }
    const int author = communityMember(m_live);
    QString text = raw.isEmpty() ? communityText(m_live, *user(author)) : raw;
    if (mention) {
        text = QLatin1Char('@') + user(a.userId)->username + QLatin1Char(' ') + text;
    }
    const int id = appendPost(topicId, author, text, m_clock.nowMs(), std::nullopt);
    notifyFor(m_posts[id]);
    return id;
}

void DiscourseForum::addLiveActivity() {
    int account = 0;
    bool mention = false;
    {
        const QMutexLocker lock(&m_mutex);
        if (m_accounts.isEmpty()) {
            return;
        }
        account = m_live.chance(0.7) ? 0 : static_cast<int>(m_live.below(static_cast<quint32>(m_accounts.size())));
        mention = m_live.chance(0.3);
    }
    addPost(account, QString(), mention);
}

} // namespace baton::sandbox
