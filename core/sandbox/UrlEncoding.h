#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace baton::sandbox {

// Decoded name/value pairs in arrival order; repeated keys (types[]=a&types[]=b) are all kept.
using QueryItems = QList<std::pair<QString, QString>>;

namespace url {

// %XX sequences become bytes (an invalid sequence is kept literally); '+' becomes a space when asked.
QByteArray percentDecode(QByteArrayView in, bool plusAsSpace);

// application/x-www-form-urlencoded, which is also what a query string holds.
QueryItems parseQuery(QByteArrayView raw);

// Encodes like Ruby's CGI.escape (what Rails uses for the URLs it generates): unreserved characters stay,
// a space becomes '+', everything else %XX in upper case, so "types[]" becomes "types%5B%5D".
QByteArray formEncode(const QString& text);

QStringList values(const QueryItems& items, const QString& name);
QString lastValue(const QueryItems& items, const QString& name);
bool contains(const QueryItems& items, const QString& name);

} // namespace url
} // namespace baton::sandbox
