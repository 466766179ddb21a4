#include "core/sandbox/HttpConnection.h"

#include "core/common/Logging.h"
#include "core/sandbox/HttpServer.h"
#include "core/sandbox/SandboxClock.h"

#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace baton::sandbox {

HttpConnection::HttpConnection(QTcpSocket* socket, quint64 id, HttpServer& server)
    : QObject(&server)
    , m_socket(socket)
    , m_server(server)
    , m_id(id) {
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_closing = true;
        deleteLater();
    });
    if (m_socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::onReadyRead() {
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    m_parser.feed(m_socket->readAll());
    processNext();
}

void HttpConnection::processNext() {
    if (m_busy || m_closing) {
        return;
    }
    const HttpRequestParser::Result result = m_parser.parse();
    if (m_parser.takeContinueRequest()) {
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (result == HttpRequestParser::Result::NeedMore) {
        return;
    }
    if (result == HttpRequestParser::Result::Error) {
        rejectMalformed();
        return;
    }
    HttpRequest request = m_parser.takeRequest();
    request.connectionId = m_id;
    request.receivedAtMs = SandboxClock::wallMs();
    request.peer = m_socket->peerAddress().toString();
    const QHostAddress local = m_socket->localAddress();
    const QString host = local.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + local.toString() + QLatin1Char(']')
                             : local.toString();
    request.localAuthority = host + QLatin1Char(':') + QString::number(m_socket->localPort());
    m_busy = true;
    m_server.dispatch(*this, std::move(request));
}

void HttpConnection::rejectMalformed() {
    qCDebug(lcSandbox) << "connection" << m_id << "malformed request:" << m_parser.errorMessage();
    m_server.journalMalformed(m_id, m_parser.errorStatus(), m_parser.errorMessage());
    HttpResponse response = HttpResponse::jsonError(m_parser.errorStatus(), m_parser.errorMessage());
    m_busy = true;
    deliver(response, false, Delivery::Normal, false);
}

void HttpConnection::respond(const HttpResponse& response, bool keepAlive, Delivery delivery, int delayMs,
                             bool headRequest) {
    if (delayMs > 0) {
        QTimer::singleShot(delayMs, this, [this, response, keepAlive, delivery, headRequest] {
            deliver(response, keepAlive, delivery, headRequest);
        });
        return;
    }
    deliver(response, keepAlive, delivery, headRequest);
}

void HttpConnection::deliver(const HttpResponse& response, bool keepAlive, Delivery delivery, bool headRequest) {
    if (m_closing) {
        return;
    }
    const qint64 now = SandboxClock::wallMs();
    switch (delivery) {
    case Delivery::Reset:
        resetNow();
        return;
    case Delivery::Truncate: {
        m_socket->write(response.serializeHead(response.body.size(), false, now));
        m_socket->write(response.body.left(response.body.size() / 2));
        closeAfterWrite();
        return;
    }
    case Delivery::Normal:
        break;
    }
    m_socket->write(response.serializeHead(response.body.size(), keepAlive, now));
    if (!headRequest) {
        m_socket->write(response.body);
    }
    if (!keepAlive) {
        closeAfterWrite();
        return;
    }
    m_busy = false;
    if (m_parser.hasBufferedBytes()) {
        QMetaObject::invokeMethod(this, &HttpConnection::processNext, Qt::QueuedConnection);
    }
}

void HttpConnection::resetNow() {
    m_closing = true;
#ifdef Q_OS_UNIX
    // Linger with a zero timeout makes close() send RST instead of FIN: the client sees "connection reset".
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0) {
        struct linger option {};
        option.l_onoff = 1;
        option.l_linger = 0;
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
#endif
    m_socket->abort();
    deleteLater();
}

void HttpConnection::closeAfterWrite() {
    m_closing = true;
    m_socket->disconnectFromHost(); // flushes what was written, then closes
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        deleteLater();
    }
}

} // namespace baton::sandbox
