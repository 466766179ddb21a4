#pragma once

#include "core/sandbox/HttpRequest.h"

#include <QByteArray>

namespace baton::sandbox {

// Incremental HTTP/1.x request parser for one connection: feed bytes as they arrive, then take complete requests.
// Strict where a lenient server would hide client bugs (bare LF line ends are tolerated, folded headers, bad
// Content-Length, missing Host on 1.1 are not).
class HttpRequestParser final {
public:
    enum class Result { NeedMore, Ready, Error };

    void feed(const QByteArray& bytes);
    Result parse();
    HttpRequest takeRequest();

    // True once per request whose headers asked for "Expect: 100-continue" and whose body has not arrived yet.
    bool takeContinueRequest();

    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qint64 kMaxBodyBytes = 16 * 1024 * 1024;

private:
    enum class Phase { Head, Body, ChunkSize, ChunkData, ChunkTrailer, Done };

    Result fail(int status, const QString& message);
    Result parseHead();
    Result parseChunks();

    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    HttpRequest m_request;
    qint64 m_remaining = 0;
    bool m_continuePending = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace baton::sandbox
