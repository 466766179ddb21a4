// MastodonGenerator, second half: direct messages, reactions, and the live mentions that arrive while it runs.
#include "core/sandbox/mastodon/MastodonData.h"
#include "core/sandbox/mastodon/MastodonGenerator.h"
#include "core/sandbox/mastodon/MastodonPublisher.h"

#include <algorithm>
#include <cmath>

namespace baton::sandbox {

namespace {

constexpr qint64 kMinute = 60000;

} // namespace

void MastodonGenerator::createDirectMessages(MastodonData& data, int index, SandboxRandom& rng) {
    MastodonDemoAccount& account = data.accounts[index];
    const PhraseBook::Topic about = topic(account);
    const int count = m_options.mentionsPerAccount > 0 ? qMax(2, m_options.mentionsPerAccount / 60) : 0;
    for (int c = 0; c < count; ++c) {
        const qint64 authorId = pickMember(account, rng);
        const MastodonPerson* author = data.person(authorId);
        if (author == nullptr) {
            return;
        }
        qint64 at = sampleTime(rng, {});
        qint64 parent = 0;
        const int messages = 1 + static_cast<int>(rng.below(4));
        for (int m = 0; m < messages && at < m_nowMs - kMinute; ++m) {
            MastodonStatus s;
            s.authorId = authorId;
            s.createdMs = at;
            s.inReplyToId = parent;
            s.inReplyToAccountId = parent != 0 ? account.personId : 0;
            s.visibility = QStringLiteral("direct");
            s.language = author->language;
            const QString body = m == 0 ? PhraseBook::directMessage(author->language, about, rng)
                                        : PhraseBook::message(Tone::Thanks, author->language, about, rng);
            s.text = mentionOf(data, account, authorId) + QLatin1Char(' ') + body;
            parent = MastodonPublisher::publish(data, s, qMin(at + rng.between(50, 1500), m_nowMs - 1));

            const qint64 answerAt = at + responseDelayMs(rng, at);
            if (!rng.chance(0.8) || answerAt >= m_nowMs - kMinute) {
                break;
            }
            MastodonStatus a;
            a.authorId = account.personId;
            a.createdMs = answerAt;
            a.inReplyToId = parent;
            a.inReplyToAccountId = authorId;
            a.visibility = QStringLiteral("direct");
            a.language = author->language;
            a.text = QLatin1Char('@') + data.acct(*author) + QLatin1Char(' ') +
                     PhraseBook::directAnswer(author->language, rng);
            a.application = QStringLiteral("Web");
            parent = MastodonPublisher::publish(data, a, answerAt);
            at = answerAt + responseDelayMs(rng, answerAt);
        }
    }
}

void MastodonGenerator::createInteractions(MastodonData& data, int index, SandboxRandom& rng) {
    MastodonDemoAccount& account = data.accounts[index];
    AccountState& state = m_state[index];
    std::sort(state.ownStatuses.begin(), state.ownStatuses.end());
    const int n = m_options.mentionsPerAccount;

    // Recent statuses collect more reactions than old ones.
    const auto targetBefore = [&](qint64 t) -> qint64 {
        const auto end =
            std::upper_bound(state.ownStatuses.cbegin(), state.ownStatuses.cend(), std::make_pair(t, qint64(0)));
        const auto before = static_cast<qsizetype>(end - state.ownStatuses.cbegin());
        if (before == 0) {
            return 0;
        }
        const auto back = static_cast<qsizetype>(std::pow(rng.unit(), 3.0) * static_cast<double>(before));
        return state.ownStatuses.at(qBound<qsizetype>(0, before - 1 - back, before - 1)).second;
    };
    const auto notify = [&](const QString& type, qint64 t, qint64 statusId) {
        MastodonNotification notification;
        notification.id = data.newId(t);
        notification.type = type;
        notification.createdMs = t;
        notification.fromId = pickMember(account, rng);
        notification.statusId = statusId;
        if (notification.fromId != 0) {
            data.addNotification(index, notification);
        }
        return notification.fromId;
    };

    for (int i = 0; i < n * 18 / 100; ++i) {
        const qint64 t = sampleTime(rng, {});
        if (const qint64 target = targetBefore(t); target != 0) {
            notify(QStringLiteral("favourite"), t, target);
            ++data.status(target)->favouritesCount;
        }
    }
    for (int i = 0; i < n * 7 / 100; ++i) {
        const qint64 t = sampleTime(rng, {});
        const qint64 target = targetBefore(t);
        MastodonStatus* status = data.status(target);
        if (status != nullptr &&
            (status->visibility == QLatin1String("public") || status->visibility == QLatin1String("unlisted"))) {
            ++status->reblogsCount;
            notify(QStringLiteral("reblog"), t, target);
        }
    }
    for (int i = 0; i < n * 6 / 100; ++i) {
        const qint64 from = notify(QStringLiteral("follow"), sampleTime(rng, {}), 0);
        account.relationships[from].followedBy = true;
    }
    for (int i = 0, unknown = n > 0 ? qMax(3, n / 400) : 0; i < unknown; ++i) {
        notify(unknownNotificationType(), sampleTime(rng, {}), 0);
    }
}

MastodonGenerator::Created MastodonGenerator::addMention(MastodonData& data, int accountIndex, qint64 nowMs,
                                                         const QString& text) {
    if (accountIndex < 0 || accountIndex >= data.accounts.size() || accountIndex >= m_state.size()) {
        return {};
    }
    MastodonDemoAccount& account = data.accounts[accountIndex];
    AccountState& state = m_state[accountIndex];
    const qint64 authorId = pickMember(account, m_live);
    const MastodonPerson* author = data.person(authorId);
    if (author == nullptr) {
        return {};
    }
    MastodonStatus s;
    s.authorId = authorId;
    s.createdMs = nowMs;
    s.language = author->language;
    s.application = author->domain.isEmpty() ? QStringLiteral("Web") : QString();
    QString body = text;
    if (body.isEmpty()) {
        Tone tone = PhraseBook::randomTone(m_live, false);
        const auto answered = state.lastAnswer.constFind(authorId);
        if (answered != state.lastAnswer.constEnd() && answered->answerMs < nowMs && m_live.chance(0.35) &&
            data.status(answered->answerId) != nullptr && !data.status(answered->answerId)->deleted) {
            s.inReplyToId = answered->answerId;
            s.inReplyToAccountId = account.personId;
            tone = Tone::Thanks;
        }
        body = PhraseBook::message(tone, author->language, topic(account), m_live);
    }
    s.text = mentionOf(data, account, authorId) + QLatin1Char(' ') + body;
    MastodonPublisher::Notified notified;
    Created created;
    created.statusId = MastodonPublisher::publish(data, s, nowMs, &notified);
    for (const auto& [index, notificationId] : std::as_const(notified)) {
        if (index == accountIndex) {
            created.notificationId = notificationId;
        }
    }
    state.recentMentions.append({created.statusId, authorId});
    if (state.recentMentions.size() > 40) {
        state.recentMentions.removeFirst();
    }
    return created;
}

void MastodonGenerator::recordAnswer(int accountIndex, qint64 personId, qint64 statusId, qint64 atMs) {
    if (accountIndex >= 0 && accountIndex < m_state.size()) {
        m_state[accountIndex].lastAnswer.insert(personId, {statusId, atMs});
    }
}

} // namespace baton::sandbox
