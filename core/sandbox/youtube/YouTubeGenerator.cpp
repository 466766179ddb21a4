// The seeded part of YouTubeStore: channels, videos, viewers, weeks of comment threads with replies, the
// channel's own answers, held and likely-spam comments, edits; and the live comments that keep arriving.
#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/google/GoogleApi.h"
#include "core/sandbox/youtube/YouTubeStore.h"

#include <algorithm>
#include <iterator>

namespace baton::sandbox {
namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

struct ChannelProfile {
    const char* name;
    const char* handle;
    const char* product;
    const char* language;
};

const ChannelProfile kProfiles[] = {{"Baton Team", "@batonhq", "Baton", "en"},
                                    {"Atelier Lumière", "@atelierlumiere", "Atelier", "fr"},
                                    {"Pixel Coop", "@pixelcoop", "Pixel", "en"}};

const char* const kTitlesEn[] = {"What's new in %1 — autumn release",     "%1 in 5 minutes: a quick tour",
                                 "Live Q&A: your questions about %1",     "How we fixed sync in %1 (deep dive)",
                                 "%1 keyboard shortcuts you didn't know", "Setting up %1 for a team of 10",
                                 "Behind the scenes: building %1",        "%1 vs spreadsheets — an honest comparison"};
const char* const kTitlesFr[] = {"Les nouveautés de %1 cet automne",
                                 "%1 en 5 minutes : la visite guidée",
                                 "Questions-réponses en direct sur %1",
                                 "Comment nous avons réparé la synchro de %1",
                                 "Raccourcis clavier de %1 à connaître",
                                 "Installer %1 pour une équipe de 10",
                                 "Dans les coulisses de %1",
                                 "%1 ou un tableur ? Comparaison honnête"};

// What lands in "likely spam" and in the held queue: links, money, channel promotion.
const char* const kSpam[] = {"Check my channel for FREE gift cards 🎁🎁 https://bit.ly/3xFreeGift",
                             "I made $5,000 last week working from home!!! WhatsApp +1 555 0100 💰",
                             "Sub4sub?? I subscribe back instantly 🔥🔥🔥",
                             "Crypto signals that actually work → https://t.me/moonpump_signals",
                             "Who's watching in 2026? 👇 visit my page for a surprise"};

const char* const kTimestamped[] = {"At %1 the sound cuts out for me", "The part at %1 is exactly what I needed 👏",
                                    "%1 wait, how did you do that?", "Le passage à %1 est génial"};

} // namespace

QString YouTubeStore::newTopLevelId(SandboxRandom& rng) const {
    static const QString kPrefixes[] = {QStringLiteral("Ugz"), QStringLiteral("Ugw"), QStringLiteral("Ugx"),
                                        QStringLiteral("Ugy")};
    return kPrefixes[rng.below(4)] + google::randomChars(rng, 19) + QStringLiteral("4AaABAg");
}

void YouTubeStore::populate(const SandboxOptions& options) {
    SandboxRandom root = SandboxRandom(options.seed).fork(0x7000);
    const int channels = std::clamp(options.youtubeChannels, 0, 8);
    for (int i = 0; i < channels; ++i) {
        SandboxRandom rng = root.fork(static_cast<quint64>(i) + 1);
        YouTubeChannel c;
        c.index = i;
        const bool known = i < static_cast<int>(std::size(kProfiles));
        c.name = known ? QString::fromUtf8(kProfiles[i].name) : QStringLiteral("Demo Channel %1").arg(i + 1);
        c.handle = known ? QString::fromUtf8(kProfiles[i].handle) : QStringLiteral("@demochannel%1").arg(i + 1);
        c.product = known ? QString::fromUtf8(kProfiles[i].product) : QStringLiteral("Demo %1").arg(i + 1);
        c.language = known ? QString::fromUtf8(kProfiles[i].language) : QStringLiteral("en");
        c.channelId = QStringLiteral("UC") + google::randomChars(rng, 22);
        c.token = QStringLiteral("ya29.a0") + google::randomChars(rng, 60);
        m_channels.append(c);
        generateChannel(m_channels.last(), std::clamp(options.youtubeCommentsPerChannel, 0, 100000),
                        std::clamp(options.people, 2, 5000), std::clamp(options.historyDays, 1, 3650), rng);
    }
}

void YouTubeStore::generateChannel(YouTubeChannel& c, int commentCount, int people, int historyDays,
                                   SandboxRandom rng) {
    const bool fr = c.language == QLatin1String("fr");
    const PhraseBook::Topic topic{c.product, c.product.toLower()};
    const qint64 nowMs = m_clock.startMs();
    const qint64 startMs = nowMs - historyDays * kDay;

    for (int v = 0; v < 8; ++v) {
        YouTubeVideo video;
        video.id = google::randomChars(rng, 11);
        video.title = QString::fromUtf8(fr ? kTitlesFr[v] : kTitlesEn[v]).arg(c.product);
        c.videos.append(video);
    }
    PeopleFactory factory(rng.fork(2));
    for (int p = 0; p < std::min(people, 400); ++p) {
        const PeopleFactory::Person generated = factory.next(0.0);
        c.people.append(YouTubePerson{QStringLiteral("UC") + google::randomChars(rng, 22),
                                      QLatin1Char('@') + generated.username, generated.language});
    }

    const auto add = [&c](YouTubeComment comment) {
        c.byId.insert(comment.id, c.comments.size());
        c.comments.append(std::move(comment));
    };
    QList<qint64> times;
    const int threads = commentCount * 7 / 10;
    for (int i = 0; i < threads; ++i) {
        times.append(rng.between(startMs, nowMs - kMinute));
    }
    std::sort(times.begin(), times.end());
    int made = 0;
    for (const qint64 t : std::as_const(times)) {
        YouTubeComment top;
        top.id = newTopLevelId(rng);
        // Newer videos collect more comments.
        const qint64 video = std::min<qint64>(7, static_cast<qint64>((t - startMs) * 8 / (nowMs - startMs + 1)));
        top.videoId = c.videos.at(static_cast<qsizetype>(std::max<qint64>(0, video - rng.below(3)))).id;
        top.author = static_cast<int>(rng.below(static_cast<quint32>(c.people.size())));
        const YouTubePerson& author = c.people.at(top.author);
        const Tone tone = PhraseBook::randomTone(rng, false);
        top.publishedMs = t;
        top.updatedMs = t;
        const double kind = rng.unit();
        if (kind < 0.03) {
            top.text = QString::fromUtf8(kSpam[rng.below(std::size(kSpam))]);
            top.status = QStringLiteral("likelySpam");
        } else if (kind < 0.10) {
            top.text = PhraseBook::message(Tone::Complaint, author.language, topic, rng) +
                       QStringLiteral(" https://example.com/") + google::randomChars(rng, 6);
            top.status = QStringLiteral("heldForReview");
        } else if (kind < 0.16) {
            const QString at = QStringLiteral("%1:%2").arg(rng.below(9)).arg(rng.below(60), 2, 10, QLatin1Char('0'));
            top.text = QString::fromUtf8(kTimestamped[rng.below(std::size(kTimestamped))]).arg(at);
        } else {
            top.text = PhraseBook::message(tone, author.language, topic, rng);
        }
        if (rng.chance(0.05)) {
            top.updatedMs = t + rng.between(kMinute, 3 * kHour);
            top.text += fr ? QStringLiteral(" (modifié)") : QStringLiteral(" (edit: typo)");
        }
        top.likes = static_cast<int>(rng.below(4) == 0 ? rng.between(5, 300) : rng.below(4));
        const QString topId = top.id;
        const bool published = top.status == QLatin1String("published");
        add(top);
        ++made;
        if (!published) {
            continue;
        }
        // Replies: other viewers, and the channel answering after a while.
        qint64 at = t;
        const int replies = rng.chance(0.35) ? static_cast<int>(rng.between(1, 6)) : 0;
        const bool answer = rng.chance(tone == Tone::Question || tone == Tone::BugReport ? 0.7 : 0.3);
        for (int r = 0; r < replies + (answer ? 1 : 0) && made < commentCount; ++r) {
            at += rng.between(5 * kMinute, 30 * kHour);
            if (at >= nowMs) {
                break;
            }
            YouTubeComment reply;
            reply.id = topId + u'.' + google::randomChars(rng, 22);
            reply.videoId = c.comments.constLast().videoId;
            reply.parentId = topId;
            reply.publishedMs = at;
            reply.updatedMs = at;
            if (answer && r == 0) {
                reply.author = -1;
                reply.text = PhraseBook::answer(tone, author.language, author.handle, topic, rng);
            } else {
                reply.author = static_cast<int>(rng.below(static_cast<quint32>(c.people.size())));
                reply.text = PhraseBook::message(Tone::SmallTalk, c.people.at(reply.author).language, topic, rng);
            }
            add(reply);
            ++made;
        }
    }
}

QString YouTubeStore::addComment(int channel, const QString& text, const QString& status) {
    const QMutexLocker lock(&m_mutex);
    if (channel < 0 || channel >= m_channels.size()) {
        return {};
    }
    YouTubeChannel& c = m_channels[channel];
    YouTubeComment top;
    top.id = newTopLevelId(m_live);
    top.videoId = c.videos.constLast().id;
    top.author = static_cast<int>(m_live.below(static_cast<quint32>(c.people.size())));
    const YouTubePerson& author = c.people.at(top.author);
    top.text = text.isEmpty() ? PhraseBook::message(PhraseBook::randomTone(m_live, false), author.language,
                                                    PhraseBook::Topic{c.product, c.product.toLower()}, m_live)
                              : text;
    top.publishedMs = m_clock.nowMs();
    top.updatedMs = top.publishedMs;
    top.status = c.banned.contains(author.channelId) ? QStringLiteral("rejected") : status;
    c.byId.insert(top.id, c.comments.size());
    c.comments.append(top);
    return top.id;
}

QString YouTubeStore::addReply(int channel, const QString& parentId, const QString& text) {
    const QMutexLocker lock(&m_mutex);
    if (channel < 0 || channel >= m_channels.size() || find(m_channels.at(channel), parentId) == nullptr) {
        return {};
    }
    YouTubeChannel& c = m_channels[channel];
    YouTubeComment reply;
    reply.id = parentId + u'.' + google::randomChars(m_live, 22);
    reply.videoId = find(c, parentId)->videoId;
    reply.parentId = parentId;
    reply.author = static_cast<int>(m_live.below(static_cast<quint32>(c.people.size())));
    reply.text = text;
    reply.publishedMs = m_clock.nowMs();
    reply.updatedMs = reply.publishedMs;
    c.byId.insert(reply.id, c.comments.size());
    c.comments.append(reply);
    return reply.id;
}

void YouTubeStore::addLiveComment() {
    QString status = QStringLiteral("published");
    int channel = 0;
    {
        const QMutexLocker lock(&m_mutex);
        if (m_channels.isEmpty()) {
            return;
        }
        ++m_liveTicks;
        if (m_live.chance(0.12)) {
            status = QStringLiteral("heldForReview");
        }
        // Mostly the first channel, every fourth tick another one.
        if (m_liveTicks % 4 == 0) {
            channel = static_cast<int>(m_liveTicks / 4 % static_cast<quint64>(m_channels.size()));
        }
    }
    addComment(channel, QString(), status);
}

} // namespace baton::sandbox
