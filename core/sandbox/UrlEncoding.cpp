#include "core/sandbox/UrlEncoding.h"

namespace baton::sandbox::url {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

QByteArray percentDecode(QByteArrayView in, bool plusAsSpace) {
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '%' && i + 2 < in.size()) {
            const int hi = hexValue(in.at(i + 1));
            const int lo = hexValue(in.at(i + 2));
            if (hi >= 0 && lo >= 0) {
                out.append(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.append(plusAsSpace && c == '+' ? ' ' : c);
    }
    return out;
}

QueryItems parseQuery(QByteArrayView raw) {
    QueryItems items;
    qsizetype start = 0;
    while (start <= raw.size()) {
        qsizetype end = raw.indexOf('&', start);
        if (end < 0) {
            end = raw.size();
        }
        const QByteArrayView part = raw.sliced(start, end - start);
        if (!part.isEmpty()) {
            const qsizetype eq = part.indexOf('=');
            const QByteArrayView name = eq < 0 ? part : part.first(eq);
            const QByteArrayView value = eq < 0 ? QByteArrayView() : part.sliced(eq + 1);
            items.append({QString::fromUtf8(percentDecode(name, true)), QString::fromUtf8(percentDecode(value, true))});
        }
        start = end + 1;
    }
    return items;
}

QByteArray formEncode(const QString& text) {
    static const char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '.' ||
            u == '_' || u == '~') {
            out.append(c);
        } else if (u == ' ') {
            out.append('+');
        } else {
            out.append('%');
            out.append(kHex[u >> 4]);
            out.append(kHex[u & 0x0F]);
        }
    }
    return out;
}

QStringList values(const QueryItems& items, const QString& name) {
    QStringList out;
    for (const auto& [key, value] : items) {
        if (key == name) {
            out.append(value);
        }
    }
    return out;
}

QString lastValue(const QueryItems& items, const QString& name) {
    for (auto it = items.crbegin(); it != items.crend(); ++it) {
        if (it->first == name) {
            return it->second;
        }
    }
    return {};
}

bool contains(const QueryItems& items, const QString& name) {
    for (const auto& item : items) {
        if (item.first == name) {
            return true;
        }
    }
    return false;
}

} // namespace baton::sandbox::url
