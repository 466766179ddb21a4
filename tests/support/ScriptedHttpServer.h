#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <memory>

class QThread;

namespace baton::test {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One scripted reply; each request the server receives consumes the next one.
struct ScriptedResponse {
    enum class Action {
        Respond,  // status line, headers, body
        Close,    // close the connection without answering
        Reset,    // abort the connection with a TCP reset
        Truncate, // announce missingBytes more than the body, send the body, then close
    };
    Action action = Action::Respond;
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    int delayMs = 0;           // wait this long after the request has arrived before acting
    bool contentLength = true; // false: no Content-Length and "Connection: close"; the body ends with the connection
    qint64 missingBytes = 0;

    static ScriptedResponse ok(QByteArray body = {}, HttpHeaders headers = {});
    static ScriptedResponse withStatus(int status, QByteArray body = {}, HttpHeaders headers = {});
    static ScriptedResponse close();
    static ScriptedResponse reset();
    static ScriptedResponse truncated(QByteArray body, qint64 missingBytes = 100);
    ScriptedResponse delayed(int ms) const;
};

struct RecordedRequest {
    QByteArray method;
    QByteArray target;   // path and query, as sent
    HttpHeaders headers; // names lower-cased, in the order received
    QByteArray body;
    qint64 arrivalMs = 0; // wall clock (QDateTime::currentMSecsSinceEpoch) when the request was complete
    int connection = 0;   // which TCP connection it came on, counting from 1

    QByteArray header(QByteArrayView name) const; // first match, empty if absent
};

// An HTTP/1.1 server on 127.0.0.1 (port chosen by the system) that answers from a script and records what it
// was sent. It runs on its own thread, so a test may block on it while the client under test works elsewhere.
// Persistent connections are kept; request bodies must carry a Content-Length.
class ScriptedHttpServer final {
public:
    ScriptedHttpServer();
    ~ScriptedHttpServer();
    ScriptedHttpServer(const ScriptedHttpServer&) = delete;
    ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

    bool isListening() const;
    quint16 port() const;
    QUrl url(const QString& pathAndQuery = QStringLiteral("/")) const;

    void enqueue(ScriptedResponse response);
    // Used once the script is exhausted; the default is 200 with an empty body.
    void setFallback(ScriptedResponse response);

    QList<RecordedRequest> requests() const;
    int requestCount() const;
    int connectionCount() const;
    int actionsDone() const; // responses written plus connections closed or reset by the script
    // Blocks the calling thread until at least count requests have arrived; false on timeout.
    bool waitForRequests(int count, int timeoutMs = 30000) const;

private:
    class Worker;
    struct State;
    std::shared_ptr<State> m_state;
    std::unique_ptr<QThread> m_thread;
    Worker* m_worker = nullptr;
};

} // namespace baton::test
