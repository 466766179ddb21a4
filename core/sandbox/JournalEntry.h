#pragma once

#include "core/sandbox/UrlEncoding.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace baton::sandbox {

// One request as the sandbox saw it, and what it answered.
struct JournalEntry {
    quint64 sequence = 0;     // arrival order, from 1
    qint64 receivedAtMs = 0;  // wall clock, ms since the epoch
    quint64 connectionId = 0; // same id = same TCP connection (keep-alive)
    QString method;
    QString path;                               // percent-decoded, e.g. /mastodon/api/v1/notifications
    QByteArray rawQuery;                        // as sent, without '?'
    QueryItems query;                           // decoded, repeated keys kept
    QList<std::pair<QString, QString>> headers; // lower-case names, in arrival order
    QByteArray body;
    int status = 0;   // 0 = no response (connection reset, or dropped before answering)
    QString routeSet; // "mastodon", or empty when no route set matched
    QString account;  // demo account name the bearer token belongs to, if any
    QString fault;    // faultName() of an applied fault, "rate-limit" for a forced 429, "malformed: <reason>" for
                      // a request that could not be parsed (no method or path then), or empty
    int latencyMs = 0;

    QString header(const QString& lowerName) const;
    QStringList queryValues(const QString& name) const;
    QString queryValue(const QString& name) const; // last occurrence
};

} // namespace baton::sandbox
