// The seeded part of BlueskyStore: the demo accounts (brands on one PDS), their communities, weeks of posts,
// mentions, replies, quotes, likes, reposts and follows with the brand answering; the live activity that keeps
// arriving; and the test hooks that add a mention or a reply now.
#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/bluesky/BlueskyFormat.h"
#include "core/sandbox/bluesky/BlueskyStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextBoundaryFinder>
#include <algorithm>
#include <cmath>
#include <iterator>

namespace baton::sandbox {

using namespace bluesky;

namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

struct BrandProfile {
    const char* name;
    const char* handle;
    const char* product;
    const char* language;
};

const BrandProfile kBrands[] = {{"Baton", "baton.bsky.sandbox", "Baton", "en"},
                                {"Atelier Lumière", "atelierlumiere.bsky.sandbox", "Atelier", "fr"},
                                {"Pixel Coop", "pixelcoop.bsky.sandbox", "Pixel", "en"}};

const char* const kCustomDomains[] = {"dev", "fr", "art", "social", "studio"};

const char* const kArabic[] = {"شكراً على التحديث الأخير، التطبيق أسرع بكثير الآن 👏",
                               "هل هناك دعم للغة العربية في الواجهة؟", "المزامنة لا تعمل منذ الصباح، هل من حل؟ 😕"};
const char* const kHebrew[] = {"תודה על העדכון! הכל עובד מצוין 🎉", "האם יש תמיכה בעברית בממשק?",
                               "הסנכרון נתקע שוב אצלי, מישהו עוד נתקל בזה?"};
const char* const kEmoji[] = {" 🎉", " 🙏", " 😅", " 🔥🔥", " 👀", " ❤️", " 🇫🇷", " 👩🏽‍💻"};
const char* const kLinkPaths[] = {"docs/sync", "blog/release-notes", "status", "help/import", "forum/t/4521"};

// Keeps a post within the 300 graphemes a Bluesky post may hold, cutting at a grapheme boundary.
QString fitPost(const QString& text, int maxGraphemes) {
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    qsizetype cut = -1;
    while (finder.toNextBoundary() != -1) {
        if (++count == maxGraphemes) {
            cut = finder.position();
        }
    }
    if (count <= maxGraphemes || cut < 0) {
        return text;
    }
    return text.left(cut - 1) + QStringLiteral("…");
}

DateStyle randomStyle(SandboxRandom& rng) {
    const double r = rng.unit();
    if (r < 0.55) {
        return DateStyle::Millis;
    }
    if (r < 0.70) {
        return DateStyle::Micros;
    }
    if (r < 0.82) {
        return DateStyle::PlusTwo;
    }
    if (r < 0.92) {
        return DateStyle::Seconds;
    }
    return DateStyle::MinusFive;
}

} // namespace

void BlueskyStore::populate(const SandboxOptions& options) {
    SandboxRandom root = SandboxRandom(options.seed).fork(0xB5C0);
    const int accounts = std::clamp(options.blueskyAccounts, 0, 8);
    for (int i = 0; i < accounts; ++i) {
        SandboxRandom rng = root.fork(static_cast<quint64>(i) + 1);
        const bool known = i < static_cast<int>(std::size(kBrands));
        BlueskyActor actor;
        actor.did = randomDid(rng);
        actor.displayName = known ? QString::fromUtf8(kBrands[i].name) : QStringLiteral("Demo Brand %1").arg(i + 1);
        actor.handle = known ? QString::fromUtf8(kBrands[i].handle) : QStringLiteral("brand%1.bsky.sandbox").arg(i + 1);
        actor.language = known ? QString::fromUtf8(kBrands[i].language) : QStringLiteral("en");
        actor.avatar = QStringLiteral("https://cdn.bsky.sandbox/img/avatar/plain/%1/%2@jpeg")
                           .arg(actor.did, cidOf(actor.did.toUtf8()));
        actor.account = i;
        BlueskyAccount account;
        account.actor = static_cast<int>(m_actors.size());
        account.name = actor.displayName + QStringLiteral(" (Bluesky)");
        account.product = known ? QString::fromUtf8(kBrands[i].product) : QStringLiteral("Demo %1").arg(i + 1);
        account.password = appPassword(rng);
        account.email = actor.handle.section(QLatin1Char('.'), 0, 0) + QStringLiteral("@example.com");
        m_actorByDid.insert(actor.did, account.actor);
        m_didByHandle.insert(actor.handle, actor.did);
        m_actors.append(actor);
        m_accounts.append(account);
        m_community.append(QList<int>());
        m_brandPosts.append(QList<qsizetype>());
        m_conversation.append(QList<qsizetype>());
    }
    PeopleFactory factory(root.fork(0x100));
    const int people = std::clamp(options.people, 2, 400);
    for (int i = 0; i < accounts; ++i) {
        SandboxRandom rng = root.fork(0x200 + static_cast<quint64>(i));
        for (int p = 0; p < people; ++p) {
            const PeopleFactory::Person person = factory.next(0.0);
            BlueskyActor actor;
            actor.did = randomDid(rng);
            actor.handle = rng.chance(0.85)
                               ? QString(person.username + QStringLiteral(".bsky.social"))
                               : person.username + QLatin1Char('.') +
                                     QString::fromLatin1(kCustomDomains[rng.below(std::size(kCustomDomains))]);
            actor.displayName = person.displayName;
            actor.language = person.language;
            const double script = rng.unit();
            if (script < 0.04) {
                actor.language = QStringLiteral("ar");
            } else if (script < 0.07) {
                actor.language = QStringLiteral("he");
            }
            if (!rng.chance(0.12)) { // some people never set an avatar
                actor.avatar = QStringLiteral("https://cdn.bsky.sandbox/img/avatar/plain/%1/%2@jpeg")
                                   .arg(actor.did, cidOf(actor.handle.toUtf8()));
            }
            actor.community = i;
            m_community[i].append(static_cast<int>(m_actors.size()));
            m_actorByDid.insert(actor.did, static_cast<int>(m_actors.size()));
            m_didByHandle.insert(actor.handle, actor.did);
            m_actors.append(actor);
        }
    }
    for (int i = 0; i < accounts; ++i) {
        generateCommunity(i, std::clamp(options.blueskyNotificationsPerAccount, 0, 100000), people,
                          std::clamp(options.historyDays, 1, 3650), root.fork(0x300 + static_cast<quint64>(i)));
    }
}

int BlueskyStore::randomPerson(int account, SandboxRandom& rng) const {
    const QList<int>& people = m_community.at(account);
    // Heavy-tailed: the first people of the list say most.
    const double u = rng.unit();
    return people.at(static_cast<qsizetype>(u * u * static_cast<double>(people.size())));
}

QString BlueskyStore::communityText(int account, int author, SandboxRandom& rng) const {
    const BlueskyActor& person = m_actors.at(author);
    const QString product = m_accounts.at(account).product;
    QString text;
    if (person.language == QLatin1String("ar")) {
        text = QString::fromUtf8(kArabic[rng.below(std::size(kArabic))]);
    } else if (person.language == QLatin1String("he")) {
        text = QString::fromUtf8(kHebrew[rng.below(std::size(kHebrew))]);
    } else {
        text = PhraseBook::message(PhraseBook::randomTone(rng, false), person.language,
                                   PhraseBook::Topic{product, product.toLower()}, rng);
    }
    if (rng.chance(0.2)) {
        text += QString::fromUtf8(kEmoji[rng.below(std::size(kEmoji))]);
    }
    if (rng.chance(0.1)) {
        text += QStringLiteral(" https://%1.example/%2")
                    .arg(product.toLower(), QString::fromLatin1(kLinkPaths[rng.below(5)]));
    }
    if (rng.chance(0.1)) {
        text += QStringLiteral(" #") + product;
    }
    return fitPost(text, 260);
}

QJsonObject BlueskyStore::postRecord(const QString& text, const QString& language, qint64 createdMs,
                                     int dateStyle) const {
    QJsonObject record{{QStringLiteral("$type"), QStringLiteral("app.bsky.feed.post")},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("createdAt"), datetime(createdMs, static_cast<DateStyle>(dateStyle))},
                       {QStringLiteral("langs"), QJsonArray{language}}};
    const QJsonArray facets = facetsFor(text, m_didByHandle);
    if (!facets.isEmpty()) {
        record.insert(QStringLiteral("facets"), facets);
    }
    return record;
}

QString BlueskyStore::mentionLocked(int account, int author, const QString& text, qint64 atMs, SandboxRandom& rng) {
    const QString handle = QLatin1Char('@') + m_actors.at(m_accounts.at(account).actor).handle;
    QString body = text;
    if (!body.contains(handle)) {
        const double where = rng.unit();
        if (where < 0.5) {
            body = handle + QLatin1Char(' ') + body;
        } else if (where < 0.8 || !body.contains(QLatin1String(". "))) {
            body = body + QLatin1Char(' ') + handle;
        } else {
            const qsizetype dot = body.indexOf(QLatin1String(". "));
            body = body.left(dot + 2) + handle + QLatin1Char(' ') + body.mid(dot + 2);
        }
    }
    BlueskyPost post;
    post.author = author;
    post.rkey = nextTid(atMs);
    post.uri = atUri(m_actors.at(author).did, QStringLiteral("app.bsky.feed.post"), post.rkey);
    post.indexedMs = atMs;
    // createdAt is what the client declared: usually just before indexing, now and then hours off.
    const qint64 created = rng.chance(0.02) ? atMs - rng.between(kHour, 9 * kHour) : atMs - rng.between(150, 4000);
    post.record = postRecord(body, m_actors.at(author).language, created, static_cast<int>(randomStyle(rng)));
    return publish(post);
}

QString BlueskyStore::replyLocked(int author, const QString& parentUri, const QString& text, qint64 atMs,
                                  SandboxRandom& rng) {
    const BlueskyPost* parent = findPost(parentUri);
    if (parent == nullptr || parent->deleted) {
        return {};
    }
    const QString rootUri = parent->rootUri.isEmpty() ? parent->uri : parent->rootUri;
    const BlueskyPost* root = findPost(rootUri);
    const QJsonObject rootRef{{QStringLiteral("uri"), rootUri},
                              {QStringLiteral("cid"), root != nullptr ? root->cid : parent->cid}};
    const QJsonObject parentRef{{QStringLiteral("uri"), parent->uri}, {QStringLiteral("cid"), parent->cid}};
    BlueskyPost post;
    post.author = author;
    post.rkey = nextTid(atMs);
    post.uri = atUri(m_actors.at(author).did, QStringLiteral("app.bsky.feed.post"), post.rkey);
    post.indexedMs = atMs;
    post.parentUri = parent->uri;
    post.rootUri = rootUri;
    post.record = postRecord(text, m_actors.at(author).language, atMs - rng.between(150, 4000),
                             static_cast<int>(randomStyle(rng)));
    post.record.insert(QStringLiteral("reply"),
                       QJsonObject{{QStringLiteral("root"), rootRef}, {QStringLiteral("parent"), parentRef}});
    return publish(post);
}

void BlueskyStore::interactionLocked(int account, int author, const QString& reason, const QString& subjectUri,
                                     qint64 atMs, SandboxRandom& rng) {
    const QString brandDid = m_actors.at(m_accounts.at(account).actor).did;
    QString collection;
    QJsonObject record;
    const QString created = datetime(atMs - rng.between(100, 2000), randomStyle(rng));
    if (reason == QLatin1String("follow")) {
        collection = QStringLiteral("app.bsky.graph.follow");
        record = QJsonObject{{QStringLiteral("$type"), collection},
                             {QStringLiteral("subject"), brandDid},
                             {QStringLiteral("createdAt"), created}};
    } else {
        const auto it = m_postByUri.constFind(subjectUri);
        if (it == m_postByUri.constEnd()) {
            return;
        }
        BlueskyPost& subject = m_posts[*it];
        collection = reason == QLatin1String("like") ? QStringLiteral("app.bsky.feed.like")
                                                     : QStringLiteral("app.bsky.feed.repost");
        (reason == QLatin1String("like") ? subject.likes : subject.reposts) += 1;
        record = QJsonObject{{QStringLiteral("$type"), collection},
                             {QStringLiteral("subject"),
                              QJsonObject{{QStringLiteral("uri"), subject.uri}, {QStringLiteral("cid"), subject.cid}}},
                             {QStringLiteral("createdAt"), created}};
    }
    BlueskyNotification n;
    n.uri = atUri(m_actors.at(author).did, collection, nextTid(atMs));
    n.cid = cidOf(QJsonDocument(record).toJson(QJsonDocument::Compact));
    n.author = author;
    n.reason = reason;
    if (reason != QLatin1String("follow")) {
        n.reasonSubject = subjectUri;
    }
    n.record = record;
    n.indexedMs = atMs;
    notify(account, std::move(n));
}

void BlueskyStore::generateCommunity(int account, int events, int people, int historyDays, SandboxRandom rng) {
    Q_UNUSED(people)
    const BlueskyAccount& brand = m_accounts.at(account);
    const BlueskyActor& brandActor = m_actors.at(brand.actor);
    const PhraseBook::Topic topic{brand.product, brand.product.toLower()};
    const qint64 nowMs = m_clock.startMs();
    const qint64 startMs = nowMs - historyDays * kDay;

    // The brand posts a few times a week; the community reacts in between.
    struct Slot {
        qint64 at;
        bool brandPost;
    };
    QList<Slot> timeline;
    const int brandPosts = std::max(3, historyDays * 2 / 3);
    for (int i = 0; i < brandPosts; ++i) {
        timeline.append({rng.between(startMs, nowMs - kHour), true});
    }
    for (int i = 0; i < events; ++i) {
        timeline.append({rng.between(startMs, nowMs - kMinute), false});
    }
    std::sort(timeline.begin(), timeline.end(), [](const Slot& a, const Slot& b) { return a.at < b.at; });
    // The first slot is always a brand post, so reactions have something to react to.
    if (!timeline.isEmpty()) {
        timeline.first().brandPost = true;
    }

    QList<std::pair<qint64, QString>> answersDue; // the brand answers later: (time, uri to answer)
    const auto recentBrandPost = [&]() -> QString {
        const QList<qsizetype>& posts = m_brandPosts.at(account);
        const qsizetype back = std::min<qsizetype>(posts.size(), 1 + rng.below(4));
        return m_posts.at(posts.at(posts.size() - back)).uri;
    };
    for (const Slot& slot : std::as_const(timeline)) {
        // Answers that have become due go out first, in time order.
        while (!answersDue.isEmpty() && answersDue.first().first <= slot.at) {
            const auto [at, uri] = answersDue.takeFirst();
            const BlueskyPost* asked = findPost(uri);
            if (asked != nullptr) {
                const BlueskyActor& asker = m_actors.at(asked->author);
                const QString answer =
                    QLatin1Char('@') + asker.handle + QLatin1Char(' ') +
                    PhraseBook::answer(PhraseBook::randomTone(rng, false),
                                       asker.language == QLatin1String("fr") ? asker.language : brandActor.language,
                                       asker.displayName.isEmpty() ? asker.handle : asker.displayName, topic, rng);
                replyLocked(brand.actor, uri, fitPost(answer, 280), at, rng);
            }
        }
        if (slot.brandPost) {
            BlueskyPost post;
            post.author = brand.actor;
            post.rkey = nextTid(slot.at);
            post.uri = atUri(brandActor.did, QStringLiteral("app.bsky.feed.post"), post.rkey);
            post.indexedMs = slot.at;
            QString text = PhraseBook::announcement(brandActor.language, topic, rng);
            if (rng.chance(0.4)) {
                text += QStringLiteral(" https://%1.example/%2")
                            .arg(topic.slug, QString::fromLatin1(kLinkPaths[rng.below(5)]));
            }
            post.record = postRecord(fitPost(text, 280), brandActor.language, slot.at - rng.between(100, 900),
                                     static_cast<int>(DateStyle::Millis));
            publish(post);
            m_brandPosts[account].append(m_posts.size() - 1);
            continue;
        }
        const int author = randomPerson(account, rng);
        const double kind = rng.unit();
        QString created;
        if (kind < 0.26) {
            created = mentionLocked(account, author, communityText(account, author, rng), slot.at, rng);
        } else if (kind < 0.52) {
            // A reply somewhere in a conversation the brand is part of, most often a recent one.
            const QList<qsizetype>& pool = m_conversation.at(account);
            const qsizetype back = std::min<qsizetype>(pool.size(), 1 + rng.below(30));
            const BlueskyPost& parent = m_posts.at(pool.at(pool.size() - back));
            if (parent.author != author && !parent.deleted) {
                created = replyLocked(author, parent.uri, communityText(account, author, rng), slot.at, rng);
            }
        } else if (kind < 0.58) {
            const BlueskyPost* quoted = findPost(recentBrandPost());
            BlueskyPost post;
            post.author = author;
            post.rkey = nextTid(slot.at);
            post.uri = atUri(m_actors.at(author).did, QStringLiteral("app.bsky.feed.post"), post.rkey);
            post.indexedMs = slot.at;
            post.quotedUri = quoted->uri;
            post.record = postRecord(communityText(account, author, rng), m_actors.at(author).language,
                                     slot.at - rng.between(150, 4000), static_cast<int>(randomStyle(rng)));
            post.record.insert(
                QStringLiteral("embed"),
                QJsonObject{{QStringLiteral("$type"), QStringLiteral("app.bsky.embed.record")},
                            {QStringLiteral("record"),
                             QJsonObject{{QStringLiteral("uri"), quoted->uri}, {QStringLiteral("cid"), quoted->cid}}}});
            created = publish(post);
        } else if (kind < 0.82) {
            interactionLocked(account, author, QStringLiteral("like"), recentBrandPost(), slot.at, rng);
        } else if (kind < 0.92) {
            interactionLocked(account, author, QStringLiteral("repost"), recentBrandPost(), slot.at, rng);
        } else {
            interactionLocked(account, author, QStringLiteral("follow"), {}, slot.at, rng);
        }
        if (!created.isEmpty() && rng.chance(0.3)) {
            const qint64 at = slot.at + rng.between(5 * kMinute, 20 * kHour);
            if (at < nowMs) {
                const auto pos = std::upper_bound(answersDue.begin(), answersDue.end(), at,
                                                  [](qint64 t, const auto& due) { return t < due.first; });
                answersDue.insert(pos, {at, created});
            }
        }
    }
    // Some people delete what they wrote: their notifications go, and replies below show a notFoundPost parent.
    for (const qsizetype index : std::as_const(m_conversation.at(account))) {
        BlueskyPost& post = m_posts[index];
        if (post.author != brand.actor && m_children.contains(post.uri) && rng.chance(0.06)) {
            post.deleted = true;
        }
    }
}

QString BlueskyStore::addMention(int account, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size() || m_community.at(account).isEmpty()) {
        return {};
    }
    const int author = randomPerson(account, m_rng);
    return mentionLocked(account, author, text.isEmpty() ? communityText(account, author, m_rng) : text,
                         m_clock.nowMs(), m_rng);
}

QString BlueskyStore::addReply(int account, const QString& parentUri, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    const BlueskyPost* parent = findPost(parentUri);
    if (account < 0 || account >= m_accounts.size() || m_community.at(account).isEmpty() || parent == nullptr ||
        parent->deleted) {
        return {};
    }
    int author = randomPerson(account, m_rng);
    if (author == parent->author) {
        author = m_community.at(account).constFirst() == author ? m_community.at(account).constLast()
                                                                : m_community.at(account).constFirst();
    }
    return replyLocked(author, parentUri, text.isEmpty() ? communityText(account, author, m_rng) : text,
                       m_clock.nowMs(), m_rng);
}

void BlueskyStore::addLiveActivity() {
    const QMutexLocker lock(&m_mutex);
    if (m_accounts.isEmpty()) {
        return;
    }
    const quint64 tick = m_liveTicks++;
    const int account = static_cast<int>(tick % static_cast<quint64>(m_accounts.size()));
    if (m_community.at(account).isEmpty()) {
        return;
    }
    const int author = randomPerson(account, m_rng);
    const qint64 now = m_clock.nowMs();
    const double kind = m_rng.unit();
    const QList<qsizetype>& pool = m_conversation.at(account);
    if (kind < 0.3 && !pool.isEmpty()) {
        const BlueskyPost& parent = m_posts.at(
            pool.at(pool.size() - 1 - m_rng.below(std::min<quint32>(20, static_cast<quint32>(pool.size())))));
        if (parent.author != author && !parent.deleted) {
            replyLocked(author, parent.uri, communityText(account, author, m_rng), now, m_rng);
            return;
        }
    }
    if (kind > 0.8 && !m_brandPosts.at(account).isEmpty()) {
        interactionLocked(account, author, QStringLiteral("like"), m_posts.at(m_brandPosts.at(account).constLast()).uri,
                          now, m_rng);
        return;
    }
    mentionLocked(account, author, communityText(account, author, m_rng), now, m_rng);
}

} // namespace baton::sandbox
