#pragma once

#include "core/sandbox/HttpRequest.h"
#include "core/sandbox/RouteSet.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <memory>

class QTcpServer;

namespace baton::sandbox {

class FaultSwitchboard;
class HttpConnection;
class Journal;

// A small HTTP/1.1 server over QTcpServer that hands each request to the route set mounted at its path prefix,
// applies the fault switchboard and writes the request journal. Lives on one thread (the sandbox's); everything
// here runs there.
class HttpServer final : public QObject {
    Q_OBJECT

public:
    HttpServer(FaultSwitchboard& faults, Journal& journal, QObject* parent = nullptr);
    ~HttpServer() override;
    Q_DISABLE_COPY_MOVE(HttpServer)

    void addRouteSet(std::shared_ptr<RouteSet> routes);
    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    void close();

    // Called by a connection for each complete request; answers through HttpConnection::respond.
    void dispatch(HttpConnection& connection, HttpRequest request);
    // Records a request that could not be parsed (answered with 4xx/5xx and a closed connection).
    void journalMalformed(quint64 connectionId, int status, const QString& message);

private:
    void onNewConnection();
    RouteSet* routeFor(const QString& path, QString* localPath) const;

    QTcpServer* m_tcp;
    FaultSwitchboard& m_faults;
    Journal& m_journal;
    QList<std::shared_ptr<RouteSet>> m_routes;
    quint64 m_nextConnectionId = 0;
};

} // namespace baton::sandbox
