#pragma once

#include "core/sandbox/FaultSwitchboard.h"
#include "core/sandbox/Journal.h"
#include "core/sandbox/mail/MailStore.h"

#include <QHostAddress>
#include <QObject>

class QTcpServer;
class QTcpSocket;

namespace baton::sandbox {

// The mail half of the sandbox: an IMAP server and an SMTP server on loopback (ports chosen by the OS) over one
// MailStore. Every command goes to the sandbox journal (path /mail/imap or /mail/smtp, method = the command,
// passwords masked) and consults the fault switchboard under the same paths: Reset and Truncate drop the
// connection, ResetAfterHandling drops it once the command took effect, ServerError, BadGateway and BadJson make
// the server unavailable (IMAP BYE, SMTP 421), a rate-limit window answers IMAP NO [LIMIT] / SMTP 451, and latency
// holds every answer back. Lives on the sandbox thread.
class MailServer final : public QObject {
public:
    MailServer(MailStore& store, FaultSwitchboard& faults, Journal& journal, QObject* parent = nullptr);
    ~MailServer() override;
    Q_DISABLE_COPY_MOVE(MailServer)

    bool listen(const QHostAddress& address, QString* error);
    void close();
    quint16 imapPort() const;
    quint16 smtpPort() const;

    static constexpr quint64 kConnectionIdBase = 1ULL << 40; // apart from the HTTP server's connection ids

private:
    void accept(QTcpServer* server, bool imap);

    MailStore& m_store;
    FaultSwitchboard& m_faults;
    Journal& m_journal;
    QTcpServer* m_imap = nullptr;
    QTcpServer* m_smtp = nullptr;
    quint64 m_nextConnection = kConnectionIdBase;
};

} // namespace baton::sandbox
