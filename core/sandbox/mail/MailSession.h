#pragma once

#include <QByteArray>
#include <QString>
#include <functional>

namespace baton::sandbox {

// What the fault switchboard makes a mail session do to one command.
enum class MailFault {
    None,
    Reset,              // the connection is dropped before the command is handled
    ResetAfterHandling, // the command takes effect, then the connection is dropped without an answer
    Unavailable,        // the server says it is unavailable (IMAP BYE, SMTP 421) and closes
    RateLimited,        // IMAP NO [LIMIT], SMTP 451 4.7.1; the connection stays
};

// One protocol command as the sandbox journal records it.
struct MailCommandRecord {
    QString command; // "LOGIN", "UID FETCH", "MAIL", ...
    QByteArray body; // the arguments (passwords masked), then any literal or DATA
    int status = 0;  // IMAP: 200 OK, 400 BAD, 403 NO; SMTP: the reply code; 0 = dropped
    QString account; // the demo address once logged in
    QString fault;   // faultName()-style, or empty
};

struct MailHooks {
    std::function<MailFault()> fault;                      // consulted once per command
    std::function<void(MailCommandRecord record)> journal; // every command, after it is answered
};

// What a session answers to the bytes it was given.
struct MailOutput {
    QByteArray bytes;
    bool close = false; // close once the bytes are written
    bool abort = false; // drop the connection at once (a reset), bytes unsent
};

} // namespace baton::sandbox
