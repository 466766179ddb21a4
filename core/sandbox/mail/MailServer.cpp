#include "core/sandbox/mail/MailServer.h"

#include "core/common/Logging.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/mail/ImapSession.h"
#include "core/sandbox/mail/SmtpSession.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

namespace baton::sandbox {
namespace {

// One socket and its protocol session; answers are written in order, each after the configured latency.
class MailConnection final : public QObject {
public:
    using Receive = std::function<MailOutput(const QByteArray&)>;

    MailConnection(QTcpSocket* socket, FaultSwitchboard& faults, QObject* parent)
        : QObject(parent)
        , m_socket(socket)
        , m_faults(faults) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &MailConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    }

    void start(const QByteArray& greeting, Receive receive) {
        m_receive = std::move(receive);
        deliver({greeting, false, false});
    }

private:
    void onReadyRead() {
        if (m_holding) {
            return; // read once the pending answer is out
        }
        const QByteArray bytes = m_socket->readAll();
        if (bytes.isEmpty() || !m_receive) {
            return;
        }
        deliver(m_receive(bytes));
    }

    void deliver(const MailOutput& out) {
        const int latency = m_faults.latencyMs();
        if (latency > 0 && !out.bytes.isEmpty()) {
            m_holding = true;
            QTimer::singleShot(latency, this, [this, out] {
                m_holding = false;
                write(out);
                if (m_socket->bytesAvailable() > 0) {
                    onReadyRead();
                }
            });
            return;
        }
        write(out);
    }

    void write(const MailOutput& out) {
        if (out.abort) {
            m_socket->abort();
            deleteLater();
            return;
        }
        if (!out.bytes.isEmpty()) {
            m_socket->write(out.bytes);
        }
        if (out.close) {
            m_socket->disconnectFromHost();
        }
    }

    QTcpSocket* m_socket;
    FaultSwitchboard& m_faults;
    Receive m_receive;
    bool m_holding = false;
};

MailFault toMailFault(const FaultSwitchboard::Decision& d) {
    if (d.fault) {
        switch (*d.fault) {
        case FaultKind::Reset:
        case FaultKind::Truncate:
            return MailFault::Reset;
        case FaultKind::ResetAfterHandling:
            return MailFault::ResetAfterHandling;
        case FaultKind::ServerError:
        case FaultKind::BadGateway:
        case FaultKind::BadJson:
            return MailFault::Unavailable;
        }
    }
    return d.rateLimitedUntilMs > 0 ? MailFault::RateLimited : MailFault::None;
}

} // namespace

MailServer::MailServer(MailStore& store, FaultSwitchboard& faults, Journal& journal, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_faults(faults)
    , m_journal(journal) {
}

MailServer::~MailServer() = default;

bool MailServer::listen(const QHostAddress& address, QString* error) {
    m_imap = new QTcpServer(this);
    m_smtp = new QTcpServer(this);
    for (QTcpServer* s : {m_imap, m_smtp}) {
        if (!s->listen(address, 0)) {
            if (error) {
                *error = s->errorString();
            }
            close();
            return false;
        }
    }
    connect(m_imap, &QTcpServer::newConnection, this, [this] { accept(m_imap, true); });
    connect(m_smtp, &QTcpServer::newConnection, this, [this] { accept(m_smtp, false); });
    return true;
}

void MailServer::close() {
    for (QTcpServer* s : {m_imap, m_smtp}) {
        if (s) {
            s->close();
        }
    }
    // Open sessions end with the server.
    const QObjectList sessions = children();
    for (QObject* child : sessions) {
        if (child != m_imap && child != m_smtp) {
            delete child;
        }
    }
}

quint16 MailServer::imapPort() const {
    return m_imap ? m_imap->serverPort() : 0;
}

quint16 MailServer::smtpPort() const {
    return m_smtp ? m_smtp->serverPort() : 0;
}

void MailServer::accept(QTcpServer* server, bool imap) {
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        const quint64 connectionId = ++m_nextConnection;
        const QString path = imap ? QStringLiteral("/mail/imap") : QStringLiteral("/mail/smtp");
        MailHooks hooks;
        hooks.fault = [this, path] { return toMailFault(m_faults.decide(path, SandboxClock::wallMs())); };
        hooks.journal = [this, path, connectionId](MailCommandRecord r) {
            JournalEntry e;
            e.receivedAtMs = SandboxClock::wallMs();
            e.connectionId = connectionId;
            e.method = r.command;
            e.path = path;
            e.body = r.body;
            e.status = r.status;
            e.routeSet = QStringLiteral("email");
            e.account = r.account;
            e.fault = r.fault;
            m_journal.append(std::move(e));
        };
        auto* connection = new MailConnection(socket, m_faults, this);
        if (imap) {
            auto session = std::make_shared<ImapSession>(m_store, hooks);
            connection->start(session->greeting(), [session](const QByteArray& b) { return session->receive(b); });
        } else {
            auto session = std::make_shared<SmtpSession>(m_store, hooks);
            connection->start(session->greeting(), [session](const QByteArray& b) { return session->receive(b); });
        }
    }
}

} // namespace baton::sandbox
