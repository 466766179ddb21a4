#pragma once

#include "core/sandbox/HttpRequestParser.h"
#include "core/sandbox/HttpResponse.h"

#include <QObject>

class QTcpSocket;

namespace baton::sandbox {

class HttpServer;

// One client connection: parses requests as bytes arrive and answers them strictly in order (keep-alive and
// pipelining), one at a time, so a delayed response never lets a later one overtake it. Lives on the server thread
// and deletes itself when the socket closes.
class HttpConnection final : public QObject {
    Q_OBJECT

public:
    enum class Delivery {
        Normal,
        Truncate, // announce the full Content-Length, send half the body, close
        Reset,    // no response: abort the connection with a TCP reset
    };

    HttpConnection(QTcpSocket* socket, quint64 id, HttpServer& server);
    ~HttpConnection() override;
    Q_DISABLE_COPY_MOVE(HttpConnection)

    quint64 id() const { return m_id; }

    // Answers the request handed to HttpServer::dispatch, after delayMs; then takes the next buffered request.
    void respond(const HttpResponse& response, bool keepAlive, Delivery delivery, int delayMs, bool headRequest);

private:
    void onReadyRead();
    void processNext();
    void deliver(const HttpResponse& response, bool keepAlive, Delivery delivery, bool headRequest);
    void rejectMalformed();
    void resetNow();
    void closeAfterWrite();

    QTcpSocket* m_socket;
    HttpServer& m_server;
    HttpRequestParser m_parser;
    quint64 m_id;
    bool m_busy = false;
    bool m_closing = false;
};

} // namespace baton::sandbox
