#include "core/sandbox/HttpServer.h"

#include "core/common/Logging.h"
#include "core/sandbox/FaultSwitchboard.h"
#include "core/sandbox/HttpConnection.h"
#include "core/sandbox/Journal.h"
#include "core/sandbox/SandboxClock.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace baton::sandbox {

namespace {

// What a reverse proxy in front of a Ruby app answers when the app is down: HTML, not the API's JSON.
const char kBadGatewayPage[] = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                               "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                               "</body>\r\n</html>\r\n";

// The first half of a JSON object or array followed by markup is never valid JSON.
QByteArray corruptJson(const QByteArray& body) {
    return body.left(body.size() / 2) + "<!-- upstream timed out -->";
}

JournalEntry entryFor(const HttpRequest& request) {
    JournalEntry entry;
    entry.receivedAtMs = request.receivedAtMs;
    entry.connectionId = request.connectionId;
    entry.method = QString::fromLatin1(request.method);
    entry.path = request.path;
    entry.rawQuery = request.rawQuery;
    entry.query = request.query;
    entry.headers.reserve(request.headers.size());
    for (const auto& [name, value] : request.headers) {
        entry.headers.append({QString::fromLatin1(name), QString::fromUtf8(value)});
    }
    entry.body = request.body;
    return entry;
}

} // namespace

HttpServer::HttpServer(FaultSwitchboard& faults, Journal& journal, QObject* parent)
    : QObject(parent)
    , m_tcp(new QTcpServer(this))
    , m_faults(faults)
    , m_journal(journal) {
    connect(m_tcp, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer() = default;

void HttpServer::addRouteSet(std::shared_ptr<RouteSet> routes) {
    m_routes.append(std::move(routes));
}

bool HttpServer::listen(const QHostAddress& address, quint16 port, QString* error) {
    if (!m_tcp->listen(address, port)) {
        if (error != nullptr) {
            *error = m_tcp->errorString();
        }
        return false;
    }
    qCInfo(lcSandbox) << "sandbox listening on" << address.toString() << m_tcp->serverPort();
    return true;
}

quint16 HttpServer::port() const {
    return m_tcp->serverPort();
}

void HttpServer::close() {
    m_tcp->close();
    const QList<HttpConnection*> connections = findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly);
    qDeleteAll(connections);
}

void HttpServer::onNewConnection() {
    while (QTcpSocket* socket = m_tcp->nextPendingConnection()) {
        new HttpConnection(socket, ++m_nextConnectionId, *this);
    }
}

RouteSet* HttpServer::routeFor(const QString& path, QString* localPath) const {
    for (const auto& routes : m_routes) {
        const QString base = routes->basePath();
        if (path == base || (path.startsWith(base) && path.at(base.size()) == QLatin1Char('/'))) {
            *localPath = path.size() == base.size() ? QStringLiteral("/") : path.mid(base.size());
            return routes.get();
        }
    }
    return nullptr;
}

void HttpServer::dispatch(HttpConnection& connection, HttpRequest request) {
    const FaultSwitchboard::Decision decision = m_faults.decide(request.path, request.receivedAtMs);
    QString localPath;
    RouteSet* routes = routeFor(request.path, &localPath);
    const bool head = request.method == "HEAD";

    JournalEntry entry = entryFor(request);
    entry.routeSet = routes != nullptr ? routes->name() : QString();
    entry.latencyMs = decision.latencyMs;
    if (decision.fault) {
        entry.fault = faultName(*decision.fault);
    }

    if (decision.fault == FaultKind::Reset) {
        m_journal.append(std::move(entry));
        connection.respond({}, false, HttpConnection::Delivery::Reset, decision.latencyMs, head);
        return;
    }

    RouteResult result;
    if (decision.fault == FaultKind::ServerError) {
        result.response = HttpResponse::jsonError(
            503, QStringLiteral("There was a temporary problem serving your request, please try again"));
    } else if (decision.fault == FaultKind::BadGateway) {
        result.response.status = 502;
        result.response.setHeader("Content-Type", "text/html");
        result.response.body = QByteArray(kBadGatewayPage);
    } else if (decision.rateLimitedUntilMs > 0) {
        entry.fault = QStringLiteral("rate-limit");
        if (routes != nullptr) {
            result = routes->rateLimited(request, decision.rateLimitedUntilMs);
        } else {
            result.response = HttpResponse::jsonError(429, QStringLiteral("Too many requests"));
        }
    } else if (routes != nullptr) {
        result = routes->handle(request, localPath);
    } else {
        result.response = HttpResponse::jsonError(404, QStringLiteral("Record not found"));
    }

    HttpConnection::Delivery delivery = HttpConnection::Delivery::Normal;
    if (decision.fault == FaultKind::BadJson) {
        result.response.body = corruptJson(result.response.body);
    } else if (decision.fault == FaultKind::Truncate) {
        delivery = HttpConnection::Delivery::Truncate;
    } else if (decision.fault == FaultKind::ResetAfterHandling) {
        delivery = HttpConnection::Delivery::Reset;
    }

    entry.status = result.response.status;
    entry.account = result.account;
    m_journal.append(std::move(entry));
    const bool keepAlive = request.keepAlive() && delivery == HttpConnection::Delivery::Normal;
    connection.respond(result.response, keepAlive, delivery, decision.latencyMs, head);
}

void HttpServer::journalMalformed(quint64 connectionId, int status, const QString& message) {
    JournalEntry entry;
    entry.receivedAtMs = SandboxClock::wallMs();
    entry.connectionId = connectionId;
    entry.status = status;
    entry.fault = QStringLiteral("malformed: ") + message;
    m_journal.append(std::move(entry));
}

} // namespace baton::sandbox
