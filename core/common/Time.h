#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace baton {

// Parses RFC 3339 / ISO 8601 date-times: any number of fraction digits, 'Z' or a numeric offset, 'T' or space
// separator, upper or lower case. Returns UTC milliseconds since the epoch, or nullopt when the text is not one.
std::optional<qint64> parseRfc3339(QStringView s);

// Formats UTC milliseconds as RFC 3339 with milliseconds and 'Z', e.g. 2026-11-23T07:49:02.064Z.
QString formatRfc3339(qint64 utcMs);

} // namespace baton
