#pragma once

#include "core/sandbox/SandboxRandom.h"

#include <QString>

namespace baton::sandbox {

enum class Tone { Question, Complaint, Praise, BugReport, Thanks, SmallTalk };

// What a community says and how its team answers, in English and French, assembled from fragments (opener,
// core, detail, closer) so no two messages need be alike. Text is plain: entities, links, hashtags, emoji and
// apostrophes are left for each network's formatter to encode its own way.
class PhraseBook final {
public:
    struct Topic {
        QString product; // "Baton"
        QString slug;    // "baton", for example URLs
    };

    static Tone randomTone(SandboxRandom& rng, bool incidentDay);
    static QString message(Tone tone, const QString& language, const Topic& topic, SandboxRandom& rng);
    static QString answer(Tone tone, const QString& language, const QString& name, const Topic& topic,
                          SandboxRandom& rng);
    static QString announcement(const QString& language, const Topic& topic, SandboxRandom& rng);
    static QString directMessage(const QString& language, const Topic& topic, SandboxRandom& rng);
    static QString directAnswer(const QString& language, SandboxRandom& rng);
    static QString editNote(const QString& language, SandboxRandom& rng);
};

} // namespace baton::sandbox
