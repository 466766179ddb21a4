#include "core/common/Time.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTimeZone>
#include <cmath>

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

qint64 utcSeconds(const QDate& date, int h, int mi, int sec, int offsetSec) {
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return days * 86400 + h * 3600 + mi * 60 + qMin(sec, 59) - offsetSec;
}

// Copies the text with RFC 5322 comments (nested, with quoted pairs) replaced by a space.
// Returns false when a comment is not closed.
bool stripComments(QStringView in, QString& out) {
    out.reserve(in.size());
    int depth = 0;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const QChar c = in[i];
        if (depth > 0 && c == u'\\') {
            ++i; // quoted pair inside a comment
            continue;
        }
        if (c == u'(') {
            ++depth;
        } else if (c == u')' && depth > 0) {
            if (--depth == 0) {
                out += u' ';
            }
        } else if (depth == 0) {
            out += c;
        }
    }
    return depth == 0;
}

// Splits on white space and commas, keeping ',' as its own token only after the first word (weekday marker).
QList<QStringView> rfc822Tokens(QStringView s) {
    QList<QStringView> out;
    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u',') {
            out.append(s.mid(i, 1));
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < s.size() && !s[j].isSpace() && s[j] != u',') {
            ++j;
        }
        out.append(s.mid(i, j - i));
        i = j;
    }
    return out;
}

bool allDigits(QStringView s) {
    if (s.isEmpty()) {
        return false;
    }
    for (QChar c : s) {
        if (c < u'0' || c > u'9') {
            return false;
        }
    }
    return true;
}

int monthFromName(QStringView s) {
    static constexpr const char16_t* names[] = {u"jan", u"feb", u"mar", u"apr", u"may", u"jun",
                                                u"jul", u"aug", u"sep", u"oct", u"nov", u"dec"};
    static constexpr const char16_t* full[] = {u"january",   u"february", u"march",    u"april",
                                               u"may",       u"june",     u"july",     u"august",
                                               u"september", u"october",  u"november", u"december"};
    for (int k = 0; k < 12; ++k) {
        if (s.compare(QStringView(names[k]), Qt::CaseInsensitive) == 0 ||
            s.compare(QStringView(full[k]), Qt::CaseInsensitive) == 0 ||
            (k == 8 && s.compare(u"sept", Qt::CaseInsensitive) == 0)) {
            return k + 1;
        }
    }
    return 0;
}

bool isWeekday(QStringView s) {
    static constexpr const char16_t* names[] = {u"mon", u"tue", u"wed", u"thu", u"fri", u"sat", u"sun"};
    static constexpr const char16_t* full[] = {u"monday", u"tuesday",  u"wednesday", u"thursday",
                                               u"friday", u"saturday", u"sunday"};
    for (int k = 0; k < 7; ++k) {
        if (s.compare(QStringView(names[k]), Qt::CaseInsensitive) == 0 ||
            s.compare(QStringView(full[k]), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return s.compare(u"tues", Qt::CaseInsensitive) == 0 || s.compare(u"thur", Qt::CaseInsensitive) == 0 ||
           s.compare(u"thurs", Qt::CaseInsensitive) == 0;
}

// A zone token: numeric offset or a name. Unknown alphabetic names (military letters included) mean -0000,
// i.e. UTC with no information (RFC 5322 §4.3).
std::optional<int> zoneOffsetSeconds(QStringView z) {
    if (z.isEmpty()) {
        return 0;
    }
    if (z[0] == u'+' || z[0] == u'-') {
        const int sign = z[0] == u'-' ? -1 : 1;
        QStringView d = z.mid(1);
        int oh = 0, om = 0;
        qsizetype p = 0;
        if (d.size() == 4 && allDigits(d)) {
            readDigits(d, p, 2, oh);
            readDigits(d, p, 2, om);
        } else if (d.size() == 5 && d[2] == u':' && allDigits(d.left(2)) && allDigits(d.mid(3))) {
            readDigits(d, p, 2, oh);
            ++p;
            readDigits(d, p, 2, om);
        } else if (d.size() == 2 && allDigits(d)) {
            readDigits(d, p, 2, oh);
        } else {
            return std::nullopt;
        }
        if (oh > 23 || om > 59) {
            return std::nullopt;
        }
        return sign * (oh * 3600 + om * 60);
    }
    struct Named {
        const char16_t* name;
        int hours;
    };
    static constexpr Named named[] = {{u"UT", 0},   {u"UTC", 0},  {u"GMT", 0},  {u"Z", 0},
                                      {u"EST", -5}, {u"EDT", -4}, {u"CST", -6}, {u"CDT", -5},
                                      {u"MST", -7}, {u"MDT", -6}, {u"PST", -8}, {u"PDT", -7}};
    for (const Named& n : named) {
        if (z.compare(QStringView(n.name), Qt::CaseInsensitive) == 0) {
            return n.hours * 3600;
        }
    }
    for (QChar c : z) {
        if (!c.isLetter() || c.unicode() > 0x7f) {
            return std::nullopt;
        }
    }
    return z.size() <= 5 ? std::optional<int>(0) : std::nullopt;
}

} // namespace

std::optional<qint64> parseRfc822(QStringView in) {
    QString text;
    if (!stripComments(in, text)) {
        return std::nullopt;
    }
    QList<QStringView> t = rfc822Tokens(text);
    qsizetype i = 0;
    // Optional weekday, with or without its comma.
    if (i < t.size() && isWeekday(t[i])) {
        ++i;
        if (i < t.size() && t[i] == u",") {
            ++i;
        }
    }
    // Day, month and year: "2 Oct 2002" or "02-Oct-02" (RFC 850).
    QList<QStringView> dmy;
    if (i < t.size() && t[i].count(u'-') == 2) {
        const auto parts = t[i].split(u'-');
        for (QStringView part : parts) {
            dmy.append(part);
        }
        ++i;
    } else {
        while (dmy.size() < 3 && i < t.size()) {
            dmy.append(t[i++]);
        }
    }
    if (dmy.size() != 3 || !allDigits(dmy[0]) || dmy[0].size() > 2 || !allDigits(dmy[2])) {
        return std::nullopt;
    }
    const int day = dmy[0].toInt();
    const int month = monthFromName(dmy[1]);
    int year = dmy[2].toInt();
    if (month == 0) {
        return std::nullopt;
    }
    switch (dmy[2].size()) {
    case 2:
        year += year < 50 ? 2000 : 1900;
        break;
    case 3:
        year += 1900;
        break;
    case 4:
        break;
    default:
        return std::nullopt;
    }
    // Time: hh:mm or hh:mm:ss (1- or 2-digit hour accepted).
    if (i >= t.size()) {
        return std::nullopt;
    }
    const auto hms = t[i++].split(u':');
    if (hms.size() < 2 || hms.size() > 3) {
        return std::nullopt;
    }
    for (QStringView part : hms) {
        if (!allDigits(part) || part.size() > 2) {
            return std::nullopt;
        }
    }
    const int h = hms[0].toInt();
    const int mi = hms[1].toInt();
    const int sec = hms.size() == 3 ? hms[2].toInt() : 0;
    // Zone: optional; "GMT+0200" style is read as the numeric part.
    int offsetSec = 0;
    if (i < t.size()) {
        QStringView z = t[i++];
        if (z.size() > 3 && (z.startsWith(u"GMT", Qt::CaseInsensitive) || z.startsWith(u"UTC", Qt::CaseInsensitive)) &&
            (z[3] == u'+' || z[3] == u'-')) {
            z = z.mid(3);
        }
        const auto off = zoneOffsetSeconds(z);
        if (!off) {
            return std::nullopt;
        }
        offsetSec = *off;
    }
    if (i != t.size()) {
        return std::nullopt;
    }
    const QDate date(year, month, day);
    if (!date.isValid() || h > 23 || mi > 59 || sec > 60) {
        return std::nullopt;
    }
    return utcSeconds(date, h, mi, sec, offsetSec) * 1000;
}

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
    return utcSeconds(date, h, mi, sec, offsetSec) * 1000 + ms;
}

std::optional<qint64> epochSecondsToUtcMs(double seconds) {
    constexpr double kYear10000 = 253402300800.0;
    if (!std::isfinite(seconds) || seconds < 0 || seconds >= kYear10000) {
        return std::nullopt;
    }
    return static_cast<qint64>(std::llround(seconds * 1000.0));
}

QString formatRfc3339(qint64 utcMs) {
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace baton
