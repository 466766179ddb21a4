#pragma once

#include "app/GuiSession.h"

#include <QTemporaryDir>
#include <memory>

namespace baton::test {

// A demo session for a test: small sandbox community, throwaway profile and settings, no timer-driven sync.
struct DemoFixture {
    QTemporaryDir dir;
    std::unique_ptr<app::GuiSession> session;

    // Builds the session and waits until the first sync has stored items. Returns false on failure.
    bool start(int mentionsPerAccount = 30);
};

// Settings and data paths of the test process go to a temporary place, never the user's.
void isolateSettings(const QString& dir);

} // namespace baton::test
