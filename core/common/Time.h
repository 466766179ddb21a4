#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace baton {

// Parses RFC 3339 / ISO 8601 date-times: any number of fraction digits, 'Z' or a numeric offset, 'T' or space
// separator, upper or lower case. Returns UTC milliseconds since the epoch, or nullopt when the text is not one.
std::optional<qint64> parseRfc3339(QStringView s);

// Parses RFC 822 / RFC 2822 / RFC 5322 date-times as found in RSS <pubDate> and mail Date: headers, and the
// RFC 850 / RFC 1123 HTTP variants: optional (full or short) weekday, 1- or 2-digit day, month names in any case,
// 2-digit (00-49 -> 20xx, 50-99 -> 19xx), 3-digit (+1900) or 4-digit years, ' ' or '-' between day, month and
// year, missing seconds, numeric offsets (+hhmm, +hh:mm), named zones UT/UTC/GMT/Z/EST/EDT/CST/CDT/MST/MDT/PST/PDT,
// military letters and unknown or missing zones (taken as UTC, RFC 5322 §4.3), and (nested) comments anywhere.
// Returns UTC milliseconds since the epoch, or nullopt when the text is not such a date.
std::optional<qint64> parseRfc822(QStringView s);

// Converts epoch seconds as JSON numbers carry them (Reddit's created_utc: a float, usually whole) to UTC
// milliseconds, rounding to the nearest millisecond. Returns nullopt for NaN, infinities, negative values and
// anything past the year 9999.
std::optional<qint64> epochSecondsToUtcMs(double seconds);

// Formats UTC milliseconds as RFC 3339 with milliseconds and 'Z', e.g. 2026-11-23T07:49:02.064Z.
QString formatRfc3339(qint64 utcMs);

} // namespace baton
