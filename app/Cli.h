#pragma once

#include <QStringList>
#include <QTextStream>
#include <memory>

namespace baton::model {
struct Account;
}
namespace baton::net {
class NetworkEngine;
}

namespace baton::app {

class Profile;

// The headless command line: same engine as the GUI. Each verb prints one clear line on stderr on failure and
// returns non-zero; a failed command leaves the store as it was.
class Cli final {
public:
    enum Exit { Ok = 0, Failure = 1, Usage = 2, Partial = 3 };

    Cli();
    ~Cli();
    // args excludes the program name and the global options already consumed.
    int run(const QString& profileDir, const QStringList& args);

private:
    int accountCmd(const QStringList& args);
    int accountAdd(const QStringList& args);
    int accountLogin(const QStringList& args); // CliLogin.cpp
    // Checks the secret with the network and stores the account (AccountSetup::add); prints the outcome.
    int storeAccount(const model::Account& account, const QString& secret, const QString& secretKind,
                     net::NetworkEngine& engine);
    int accountList(const QStringList& args);
    int syncCmd(const QStringList& args);
    int inboxCmd(const QStringList& args);
    int replyCmd(const QStringList& args);
    int moderateCmd(const QStringList& args);
    int outboxCmd(const QStringList& args);
    int sandboxCmd(const QStringList& args);
    int demoCmd(const QStringList& args);
    int sentimentCmd(const QStringList& args);
    int reportCmd(const QStringList& args);
    int communityCmd(const QStringList& args);

    int fail(const QString& message, int code = Failure);
    bool openProfile();

    QString m_profileDir;
    std::unique_ptr<Profile> m_profile;
    QTextStream m_out;
    QTextStream m_err;
};

QString cliUsage();

} // namespace baton::app
