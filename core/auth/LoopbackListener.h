#pragma once

#include "core/auth/OAuth.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace baton::auth {

// The loopback redirect of a desktop OAuth flow (RFC 8252 §7.3): a listener on 127.0.0.1 that accepts exactly
// one GET to its path, answers a small self-contained page and hands the query to its owner. Other paths
// (a browser's /favicon.ico) get 404 and the wait goes on. Gives up after a timeout, or when cancelled.
class LoopbackListener final : public QObject {
    Q_OBJECT
public:
    struct Options {
        quint16 port = 0; // 0: the system picks one; else the exact port a provider has registered
        QString path = QStringLiteral("/callback");
        int timeoutMs = 5 * 60 * 1000;
        QString pageTitle = QStringLiteral("Baton");
        QString pageText = QStringLiteral("You can close this tab and go back to Baton.");
    };
    using Done = std::function<void(Expected<Callback, Error>)>;

    explicit LoopbackListener(QObject* parent = nullptr);
    ~LoopbackListener() override;

    // Listens; the redirect URI is http://127.0.0.1:PORT/path. done is called once: with the callback, a
    // Timeout, or Cancelled.
    Expected<QString, Error> start(const Options& options, Done done);
    QString redirectUri() const { return m_redirectUri; }
    bool isListening() const;
    void cancel();

    // The page answered to the browser (HTML-escaped title and text), for tests.
    static QByteArray page(const QString& title, const QString& text);

private:
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void finish(Expected<Callback, Error> result);

    QTcpServer* m_server = nullptr;
    QTimer m_timeout;
    Options m_options;
    QString m_redirectUri;
    Done m_done;
};

} // namespace baton::auth
