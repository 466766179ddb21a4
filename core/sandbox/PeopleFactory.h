#pragma once

#include "core/sandbox/SandboxRandom.h"

#include <QSet>
#include <QString>

namespace baton::sandbox {

// Invents community members: display names with accents, emoji, pronouns, organisations and the odd empty one;
// ASCII handles unique per domain; a usual language; how active they are (heavy-tailed, a few people say most).
class PeopleFactory final {
public:
    struct Person {
        QString username;
        QString domain; // empty = local to the network
        QString displayName;
        QString language; // "en" or "fr"
        QString note;     // one-line bio, plain text
        bool bot = false;
        double activity = 1.0;
    };

    explicit PeopleFactory(SandboxRandom rng);

    // remoteShare: probability that the person lives on another server (Mastodon-style federation).
    Person next(double remoteShare);
    // Reserves a handle (e.g. a demo account's) so no generated person takes it.
    void reserve(const QString& username, const QString& domain);

private:
    QString uniqueHandle(const QString& base, const QString& domain);

    SandboxRandom m_rng;
    QSet<QString> m_taken;
};

} // namespace baton::sandbox
