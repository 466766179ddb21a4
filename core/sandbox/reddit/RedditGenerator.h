#pragma once

#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"
#include "core/sandbox/reddit/RedditData.h"

namespace baton::sandbox {

// Seeded Reddit community for the demo accounts: each moderates its own subreddit, posts announcements and
// answers; the community replies to its posts and comments, mentions it as u/name in other subreddits, writes
// private messages, and reports a share of what it posts (the mod queue). Weeks of history with a daily rhythm;
// the same seed and start time give the same data.
class RedditGenerator final {
public:
    RedditGenerator(const SandboxOptions& options, qint64 nowMs);

    void populate(RedditData& data);

    // Text for live activity: a community member writes to the account.
    static QString communityText(const RedditAccount& account, SandboxRandom& rng, bool mention);
    static PhraseBook::Topic topic(const RedditAccount& account);
    // Reddit markdown flavour added to plain text now and then: a link, bold, a quote.
    static QString decorate(const QString& text, const PhraseBook::Topic& topic, SandboxRandom& rng);

private:
    void createAccounts(RedditData& data);
    void createPeople(RedditData& data);
    void createHistory(RedditData& data, int account, SandboxRandom& rng);
    qint64 sampleTime(SandboxRandom& rng) const;
    static qint64 responseDelayMs(SandboxRandom& rng);
    static void assignIds(RedditData& data, SandboxRandom& rng);

    SandboxOptions m_options;
    qint64 m_nowMs;
    qint64 m_startMs;
    SandboxRandom m_root;
};

} // namespace baton::sandbox
