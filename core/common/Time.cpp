#include "core/common/Time.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace baton {
namespace {

bool readDigits(QStringView s, qsizetype& pos, int count, int& out) {
    if (pos + count > s.size()) {
        return false;
    }
    int v = 0;
    for (int k = 0; k < count; ++k) {
        const QChar c = s[pos + k];
        if (c < u'0' || c > u'9') {
            return false;
        }
        v = v * 10 + (c.unicode() - '0');
    }
    pos += count;
    out = v;
    return true;
}

bool expect(QStringView s, qsizetype& pos, char16_t c) {
    if (pos < s.size() && s[pos] == QChar(c)) {
        ++pos;
        return true;
    }
    return false;
}

} // namespace

std::optional<qint64> parseRfc3339(QStringView in) {
    const QStringView s = in.trimmed();
    qsizetype p = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!readDigits(s, p, 4, y) || !expect(s, p, u'-') || !readDigits(s, p, 2, mo) || !expect(s, p, u'-') ||
        !readDigits(s, p, 2, d)) {
        return std::nullopt;
    }
    if (p >= s.size() || !(s[p] == u'T' || s[p] == u't' || s[p] == u' ')) {
        return std::nullopt;
    }
    ++p;
    if (!readDigits(s, p, 2, h) || !expect(s, p, u':') || !readDigits(s, p, 2, mi) || !expect(s, p, u':') ||
        !readDigits(s, p, 2, sec)) {
        return std::nullopt;
    }
    int ms = 0;
    if (p < s.size() && (s[p] == u'.' || s[p] == u',')) {
        ++p;
        int digits = 0;
        while (p < s.size() && s[p].isDigit()) {
            if (digits < 3) {
                ms = ms * 10 + (s[p].unicode() - '0');
            }
            ++digits;
            ++p;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (int k = digits; k < 3; ++k) {
            ms *= 10;
        }
    }
    int offsetSec = 0;
    if (p < s.size() && (s[p] == u'Z' || s[p] == u'z')) {
        ++p;
    } else if (p < s.size() && (s[p] == u'+' || s[p] == u'-')) {
        const int sign = s[p] == u'-' ? -1 : 1;
        ++p;
        int oh = 0, om = 0;
        if (!readDigits(s, p, 2, oh)) {
            return std::nullopt;
        }
        expect(s, p, u':');
        if (!readDigits(s, p, 2, om) || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offsetSec = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt; // RFC 3339 requires an offset
    }
    if (p != s.size()) {
        return std::nullopt;
    }
    const QDate date(y, mo, d);
    if (!date.isValid() || h > 23 || mi > 59 || sec > 60) {
        return std::nullopt;
    }
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    const qint64 secs = days * 86400 + h * 3600 + mi * 60 + qMin(sec, 59) - offsetSec;
    return secs * 1000 + ms;
}

QString formatRfc3339(qint64 utcMs) {
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace baton
