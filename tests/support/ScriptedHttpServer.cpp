#include "tests/support/ScriptedHttpServer.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QWaitCondition>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace baton::test {

ScriptedResponse ScriptedResponse::ok(QByteArray body, HttpHeaders headers) {
    return withStatus(200, std::move(body), std::move(headers));
}

ScriptedResponse ScriptedResponse::withStatus(int status, QByteArray body, HttpHeaders headers) {
    ScriptedResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

ScriptedResponse ScriptedResponse::close() {
    ScriptedResponse r;
    r.action = Action::Close;
    return r;
}

ScriptedResponse ScriptedResponse::reset() {
    ScriptedResponse r;
    r.action = Action::Reset;
    return r;
}

ScriptedResponse ScriptedResponse::truncated(QByteArray body, qint64 missingBytes) {
    ScriptedResponse r;
    r.action = Action::Truncate;
    r.body = std::move(body);
    r.missingBytes = missingBytes;
    return r;
}

ScriptedResponse ScriptedResponse::delayed(int ms) const {
    ScriptedResponse r = *this;
    r.delayMs = ms;
    return r;
}

QByteArray RecordedRequest::header(QByteArrayView name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

struct ScriptedHttpServer::State {
    mutable QMutex mutex;
    mutable QWaitCondition changed;
    QList<ScriptedResponse> script;
    ScriptedResponse fallback;
    QList<RecordedRequest> requests;
    int connections = 0;
    int actions = 0;
    quint16 port = 0;
};

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

bool hasHeader(const HttpHeaders& headers, QByteArrayView name) {
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

class ScriptedHttpServer::Worker final : public QObject {
public:
    explicit Worker(std::shared_ptr<State> state)
        : m_state(std::move(state)) {}

    bool listen() {
        m_server = new QTcpServer(this);
        QObject::connect(m_server, &QTcpServer::newConnection, this, [this] { acceptAll(); });
        if (!m_server->listen(QHostAddress::LocalHost, 0)) {
            return false;
        }
        const QMutexLocker lock(&m_state->mutex);
        m_state->port = m_server->serverPort();
        return true;
    }

    void stop() {
        delete m_server;
        m_server = nullptr;
        const QList<QTcpSocket*> sockets = m_connections.keys();
        m_connections.clear();
        for (QTcpSocket* s : sockets) {
            s->disconnect(this);
            s->abort();
            delete s;
        }
    }

private:
    struct Connection {
        QByteArray buffer;
        int index = 0;
        bool busy = false; // a delayed action is pending: later requests wait, as HTTP/1.1 requires
        bool continued = false;
    };

    void acceptAll() {
        while (QTcpSocket* s = m_server->nextPendingConnection()) {
            Connection c;
            {
                const QMutexLocker lock(&m_state->mutex);
                c.index = ++m_state->connections;
            }
            m_connections.insert(s, c);
            QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] {
                if (m_connections.contains(s)) {
                    m_connections[s].buffer += s->readAll();
                    process(s);
                }
            });
            QObject::connect(s, &QTcpSocket::disconnected, this, [this, s] {
                m_connections.remove(s);
                s->deleteLater();
            });
        }
    }

    void process(QTcpSocket* s) {
        while (m_connections.contains(s) && !m_connections[s].busy) {
            Connection& c = m_connections[s];
            const qsizetype headerEnd = c.buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                return;
            }
            RecordedRequest req;
            const QList<QByteArray> lines = c.buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            req.method = requestLine.value(0);
            req.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0) {
                    req.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
                }
            }
            const qint64 length = req.header("content-length").toLongLong();
            if (c.buffer.size() < headerEnd + 4 + length) {
                if (!c.continued && req.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
                    c.continued = true;
                    s->write("HTTP/1.1 100 Continue\r\n\r\n");
                }
                return;
            }
            req.body = c.buffer.mid(headerEnd + 4, length);
            c.buffer.remove(0, headerEnd + 4 + length);
            c.continued = false;
            req.arrivalMs = QDateTime::currentMSecsSinceEpoch();
            req.connection = c.index;
            const bool head = req.method == "HEAD";

            ScriptedResponse r;
            {
                const QMutexLocker lock(&m_state->mutex);
                r = m_state->script.isEmpty() ? m_state->fallback : m_state->script.takeFirst();
                m_state->requests.append(std::move(req));
                m_state->changed.wakeAll();
            }
            if (r.delayMs > 0) {
                c.busy = true;
                QTimer::singleShot(r.delayMs, this, [this, socket = QPointer<QTcpSocket>(s), r, head] {
                    if (!socket || !m_connections.contains(socket.data())) {
                        return;
                    }
                    m_connections[socket.data()].busy = false;
                    if (act(socket.data(), r, head)) {
                        process(socket.data());
                    }
                });
                return;
            }
            if (!act(s, r, head)) {
                return;
            }
        }
    }

    // Returns false when the connection is finished.
    bool act(QTcpSocket* s, const ScriptedResponse& r, bool head) {
        {
            const QMutexLocker lock(&m_state->mutex);
            ++m_state->actions;
            m_state->changed.wakeAll();
        }
        switch (r.action) {
        case ScriptedResponse::Action::Close:
            m_connections.remove(s);
            s->disconnectFromHost();
            return false;
        case ScriptedResponse::Action::Reset:
            m_connections.remove(s);
#ifdef Q_OS_UNIX
            {
                // A zero linger time makes close() send RST instead of FIN.
                const linger noLinger{1, 0};
                ::setsockopt(int(s->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
            }
#endif
            s->abort(); // emits disconnected(), whose handler deletes the socket
            return false;
        case ScriptedResponse::Action::Respond:
        case ScriptedResponse::Action::Truncate:
            break;
        }
        const bool truncate = r.action == ScriptedResponse::Action::Truncate;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
        for (const auto& [name, value] : r.headers) {
            out += name + ": " + value + "\r\n";
        }
        if (truncate) {
            out += "Content-Length: " + QByteArray::number(r.body.size() + r.missingBytes) + "\r\n";
        } else if (!r.contentLength) {
            out += "Connection: close\r\n";
        } else if (!hasHeader(r.headers, "content-length")) {
            out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
        }
        out += "\r\n";
        if (!head) {
            out += r.body;
        }
        s->write(out);
        if (truncate || !r.contentLength) {
            m_connections.remove(s);
            s->disconnectFromHost();
            return false;
        }
        return true;
    }

    std::shared_ptr<State> m_state;
    QTcpServer* m_server = nullptr;
    QHash<QTcpSocket*, Connection> m_connections;
};

ScriptedHttpServer::ScriptedHttpServer()
    : m_state(std::make_shared<State>())
    , m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(QStringLiteral("ScriptedHttpServer"));
    m_worker = new Worker(m_state);
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->listen(); }, Qt::BlockingQueuedConnection);
}

ScriptedHttpServer::~ScriptedHttpServer() {
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->stop(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker; // its thread has finished and it owns nothing bound to that thread any more
}

bool ScriptedHttpServer::isListening() const {
    return port() != 0;
}

quint16 ScriptedHttpServer::port() const {
    const QMutexLocker lock(&m_state->mutex);
    return m_state->port;
}

QUrl ScriptedHttpServer::url(const QString& pathAndQuery) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery));
}

void ScriptedHttpServer::enqueue(ScriptedResponse response) {
    const QMutexLocker lock(&m_state->mutex);
    m_state->script.append(std::move(response));
}

void ScriptedHttpServer::setFallback(ScriptedResponse response) {
    const QMutexLocker lock(&m_state->mutex);
    m_state->fallback = std::move(response);
}

QList<RecordedRequest> ScriptedHttpServer::requests() const {
    const QMutexLocker lock(&m_state->mutex);
    return m_state->requests;
}

int ScriptedHttpServer::requestCount() const {
    const QMutexLocker lock(&m_state->mutex);
    return int(m_state->requests.size());
}

int ScriptedHttpServer::connectionCount() const {
    const QMutexLocker lock(&m_state->mutex);
    return m_state->connections;
}

int ScriptedHttpServer::actionsDone() const {
    const QMutexLocker lock(&m_state->mutex);
    return m_state->actions;
}

bool ScriptedHttpServer::waitForRequests(int count, int timeoutMs) const {
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_state->mutex);
    while (m_state->requests.size() < count) {
        if (!m_state->changed.wait(&m_state->mutex, deadline)) {
            return m_state->requests.size() >= count;
        }
    }
    return true;
}

} // namespace baton::test
