#include "core/auth/LoopbackListener.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace baton::auth {

namespace {

constexpr qsizetype kMaxHead = 16 * 1024;

void answer(QTcpSocket* socket, const QByteArray& status, const QByteArray& body) {
    QByteArray out = "HTTP/1.1 " + status + "\r\n";
    out += "Content-Type: text/html; charset=utf-8\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += "Referrer-Policy: no-referrer\r\n";
    out += "Connection: close\r\n\r\n";
    out += body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace

LoopbackListener::LoopbackListener(QObject* parent)
    : QObject(parent) {
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        Error e;
        e.code = ErrorCode::Timeout;
        e.detail = QStringLiteral("no answer came back from the browser in %1 minutes; nothing was stored")
                       .arg(qMax(1, m_options.timeoutMs / 60000));
        finish(unexpected(std::move(e)));
    });
}

LoopbackListener::~LoopbackListener() = default;

QByteArray LoopbackListener::page(const QString& title, const QString& text) {
    return QByteArrayLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>") +
           title.toHtmlEscaped().toUtf8() +
           QByteArrayLiteral("</title></head><body style=\"font-family:sans-serif;margin:3em;text-align:center\"><p>") +
           text.toHtmlEscaped().toUtf8() + QByteArrayLiteral("</p></body></html>");
}

Expected<QString, Error> LoopbackListener::start(const Options& options, Done done) {
    if (m_server != nullptr) {
        return unexpected(Error{ErrorCode::InvalidArgument, QStringLiteral("the sign-in is already waiting")});
    }
    m_options = options;
    if (!m_options.path.startsWith(u'/')) {
        m_options.path.prepend(u'/');
    }
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, options.port)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return unexpected(Error{ErrorCode::Io, QStringLiteral("cannot listen on 127.0.0.1:%1 for the browser's "
                                                              "answer: %2")
                                                   .arg(options.port)
                                                   .arg(why)});
    }
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackListener::onConnection);
    m_redirectUri = QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(m_options.path);
    m_done = std::move(done);
    m_timeout.start(qMax(1, options.timeoutMs));
    return m_redirectUri;
}

bool LoopbackListener::isListening() const {
    return m_server != nullptr && m_server->isListening();
}

void LoopbackListener::cancel() {
    finish(unexpected(Error{ErrorCode::Cancelled, QStringLiteral("the sign-in was cancelled")}));
}

void LoopbackListener::onConnection() {
    while (m_server != nullptr && m_server->hasPendingConnections()) {
        QTcpSocket* socket = m_server->nextPendingConnection();
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
    }
}

void LoopbackListener::onReadable(QTcpSocket* socket) {
    if (socket->property("baton_answered").toBool()) {
        socket->readAll();
        return;
    }
    QByteArray head = socket->property("baton_head").toByteArray() + socket->readAll();
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > kMaxHead) {
            socket->setProperty("baton_answered", true);
            answer(socket, "431 Request Header Fields Too Large", {});
        } else {
            socket->setProperty("baton_head", head);
        }
        return;
    }
    socket->setProperty("baton_answered", true);
    const QList<QByteArray> line = head.left(head.indexOf("\r\n")).split(' ');
    if (line.size() != 3 || !line.at(2).startsWith("HTTP/1.")) {
        answer(socket, "400 Bad Request", {});
        return;
    }
    const QByteArray target = line.at(1);
    const qsizetype q = target.indexOf('?');
    const QByteArray path = q < 0 ? target : target.left(q);
    if (path != m_options.path.toUtf8() || m_done == nullptr) {
        answer(socket, "404 Not Found", {});
        return;
    }
    if (line.at(0) != "GET") {
        answer(socket, "405 Method Not Allowed", {});
        return;
    }
    answer(socket, "200 OK", page(m_options.pageTitle, m_options.pageText));
    finish(parseCallback(q < 0 ? QByteArray() : target.mid(q + 1)));
}

void LoopbackListener::finish(Expected<Callback, Error> result) {
    m_timeout.stop();
    if (m_server != nullptr) {
        m_server->close(); // exactly one answer: later connections are refused
        m_server->deleteLater();
        m_server = nullptr;
    }
    if (Done done = std::exchange(m_done, nullptr)) {
        done(std::move(result));
    }
}

} // namespace baton::auth
