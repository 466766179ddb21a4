#pragma once

#include "core/sandbox/HttpResponse.h"
#include "core/sandbox/SandboxRandom.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace baton::sandbox::bluesky {

// XRPC answers: every error is {"error":"Name","message":"..."}; success bodies are compact JSON.
HttpResponse error(int status, const QString& name, const QString& message);
HttpResponse ok(const QJsonObject& body);
HttpResponse emptyOk(); // 200 with no body, as muteActor and updateSeen answer

// Identifiers as the AT Protocol writes them.
QString randomDid(SandboxRandom& rng);       // did:plc: + 24 base32 characters
QString tid(qint64 micros, quint32 clockId); // 13-character sortable record key
QString cidOf(const QByteArray& content);    // bafyrei… (CIDv1, dag-cbor, sha-256), from the bytes given
QString appPassword(SandboxRandom& rng);     // xxxx-xxxx-xxxx-xxxx
QString jwtLike(const QJsonObject& header, const QJsonObject& payload, SandboxRandom& rng);
QString atUri(const QString& did, const QString& collection, const QString& rkey);
bool validRecordKey(const QString& rkey);

// Datetimes: clients declare createdAt with every precision and offset RFC 3339 allows; the server writes
// indexedAt with milliseconds and Z.
enum class DateStyle { Millis, Micros, Seconds, PlusTwo, MinusFive };
QString datetime(qint64 ms, DateStyle style);
std::optional<qint64> parseDatetime(const QString& text); // needs a timezone, as the lexicon's datetime format

// Rich text: mention (@handle known in `dids`), link and tag facets with UTF-8 byte offsets into text.
QJsonArray facetsFor(const QString& text, const QHash<QString, QString>& didsByHandle);
int graphemeCount(const QString& text);

} // namespace baton::sandbox::bluesky
