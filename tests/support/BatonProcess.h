#pragma once

// Runs the real `baton` binary as a child process for the tests that kill it (crash safety): with a profile
// folder and extra environment, either to completion or until a deadline at which it gets SIGKILL.
#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace baton::testing {

struct Child {
    bool started = false;
    bool killed = false;   // SIGKILL sent before it finished by itself
    bool finished = false; // exited by itself, normally
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const {
        return QStringLiteral("exit %1, stdout: %2, stderr: %3")
            .arg(exitCode)
            .arg(QString::fromLocal8Bit(out).trimmed(), QString::fromLocal8Bit(err).trimmed());
    }
};

// killAfterMs < 0 waits up to timeoutMs for the child to finish by itself (and kills it after that, without
// counting it as killed on purpose).
inline Child runBaton(const QString& binary, const QString& profile, const QStringList& args,
                      const QProcessEnvironment& extraEnv, int killAfterMs = -1, int timeoutMs = 90000) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("BATON_PROFILE"));
    env.insert(extraEnv);
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary, QStringList{QStringLiteral("--profile"), profile} + args);
    Child child;
    child.started = process.waitForStarted(timeoutMs);
    if (!child.started) {
        child.err = process.errorString().toLocal8Bit();
        return child;
    }
    // The kill moment is the deadline of this wait: the child either finished by itself or is killed right here.
    child.finished = process.waitForFinished(killAfterMs < 0 ? timeoutMs : killAfterMs);
    if (!child.finished) {
        process.kill(); // SIGKILL: no handler, no flush, no destructor runs
        child.killed = killAfterMs >= 0;
        process.waitForFinished(timeoutMs);
    }
    if (child.finished && process.exitStatus() == QProcess::NormalExit) {
        child.exitCode = process.exitCode();
    } else if (child.finished) {
        child.finished = false; // crashed by itself: not a clean exit
    }
    child.out = process.readAllStandardOutput();
    child.err = process.readAllStandardError();
    return child;
}

} // namespace baton::testing
