#include "GuiTestSupport.h"

#include "app/Profile.h"
#include "core/store/InboxQuery.h"
#include "core/store/Store.h"
#include "core/sync/SyncEngine.h"
#include "ui/DialogFacade.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace baton::test {

void isolateSettings(const QString& dir) {
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

bool DemoFixture::start(int mentionsPerAccount) {
    if (!dir.isValid()) {
        return false;
    }
    isolateSettings(dir.filePath(QStringLiteral("settings")));
    app::GuiSession::Options o;
    o.profileDir = dir.filePath(QStringLiteral("profile"));
    o.demo = true;
    o.sandbox.seed = 7;
    o.sandbox.mentionsPerAccount = mentionsPerAccount;
    o.sandbox.people = 25;
    o.sandbox.historyDays = 5;
    // Every network, small: one forum account with the admin key (a user key is paced at 20 requests a minute).
    o.sandbox.discourseAccounts = 1;
    o.sandbox.discourseTopics = 24;
    o.sandbox.youtubeCommentsPerChannel = 40;
    o.sandbox.googleReviewsPerLocation = 8;
    o.syncIntervalMs = 3'600'000;
    o.syncAtStart = false;
    auto s = app::GuiSession::create(o);
    if (!s) {
        qWarning() << s.error().toString();
        return false;
    }
    session = std::move(*s);
    session->dialogs().setShowDialogs(false);
    QSignalSpy done(&session->syncEngine(), &sync::SyncEngine::allFinished);
    session->syncEngine().syncAll();
    if (!done.wait(30000)) {
        qWarning() << "the first sync did not finish";
        return false;
    }
    return store::InboxQuery::count(session->profile().store().reader(), {}) > 0;
}

} // namespace baton::test
