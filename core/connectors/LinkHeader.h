#pragma once

#include <QByteArray>
#include <QMap>
#include <QUrl>

namespace baton::connectors {

// Parses an RFC 8288 Link header into rel -> target URL (first target per rel).
QMap<QString, QUrl> parseLinkHeader(const QByteArray& value);

} // namespace baton::connectors
