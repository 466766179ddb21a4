#pragma once

#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"
#include "core/sandbox/mastodon/MastodonEntities.h"

#include <QHash>
#include <QList>

namespace baton::sandbox {

class MastodonData;

// Seeded community for the demo accounts: people, weeks of mentions with a daily and weekly rhythm and a couple
// of incident days, threads, the accounts' own answers after realistic delays (so response times exist),
// announcements, favourites, reblogs, follows, edits, DMs and a few notifications of a type clients do not know.
// The same seed and start time give the same data; live mentions continue from a separate random stream.
class MastodonGenerator final {
public:
    struct Created {
        qint64 notificationId = 0; // 0 when the account muted or blocked the author
        qint64 statusId = 0;
    };

    MastodonGenerator(const SandboxOptions& options, qint64 nowMs);

    void populate(MastodonData& data);
    // A new mention of the account at nowMs; with empty text the community writes it (sometimes continuing an
    // exchange), otherwise text follows the mention.
    Created addMention(MastodonData& data, int accountIndex, qint64 nowMs, const QString& text = {});
    // The account answered personId (through the API): live mentions may continue that exchange.
    void recordAnswer(int accountIndex, qint64 personId, qint64 statusId, qint64 atMs);

    static QString unknownNotificationType() { return QStringLiteral("added_to_collection"); }

private:
    struct Exchange {
        qint64 answerId = 0;
        qint64 answerMs = 0;
    };
    struct AccountState {
        QHash<qint64, Exchange> lastAnswer;              // community person -> the account's latest answer to them
        QList<std::pair<qint64, qint64>> recentMentions; // (status id, author id), newest last
        QList<std::pair<qint64, qint64>> ownStatuses;    // (created ms, id) of the account's statuses
    };

    void createAccounts(MastodonData& data);
    void createPeople(MastodonData& data);
    void createCommunity(MastodonData& data, int index, SandboxRandom& rng);
    void createMentions(MastodonData& data, int index, SandboxRandom& rng);
    void createDirectMessages(MastodonData& data, int index, SandboxRandom& rng);
    void createInteractions(MastodonData& data, int index, SandboxRandom& rng);

    qint64 sampleTime(SandboxRandom& rng, const QList<int>& incidentDays) const;
    static qint64 responseDelayMs(SandboxRandom& rng, qint64 fromMs);
    qint64 pickMember(const MastodonDemoAccount& account, SandboxRandom& rng) const;
    QString mentionOf(const MastodonData& data, const MastodonDemoAccount& account, qint64 authorId) const;
    static QString firstName(const MastodonPerson& person);
    PhraseBook::Topic topic(const MastodonDemoAccount& account) const;

    SandboxOptions m_options;
    qint64 m_nowMs;
    qint64 m_startMs;
    SandboxRandom m_root;
    SandboxRandom m_live;
    QList<AccountState> m_state;
};

} // namespace baton::sandbox
