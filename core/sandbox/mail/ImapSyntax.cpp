#include "core/sandbox/mail/ImapSyntax.h"

namespace baton::sandbox {

bool ImapToken::isAtom(const char* upperText) const {
    return type == Type::Atom && text.toUpper() == upperText;
}

namespace {

struct Cursor {
    const QByteArray& line;
    const QList<QByteArray>& literals;
    qsizetype pos = 0;
    QByteArray error;

    bool atEnd() const { return pos >= line.size(); }
    char peek() const { return line.at(pos); }
};

std::optional<ImapToken> readToken(Cursor& c);

std::optional<QList<ImapToken>> readList(Cursor& c, char close) {
    QList<ImapToken> out;
    while (true) {
        while (!c.atEnd() && c.peek() == ' ') {
            ++c.pos;
        }
        if (c.atEnd()) {
            if (close != 0) {
                c.error = "missing )";
                return std::nullopt;
            }
            return out;
        }
        if (c.peek() == ')') {
            if (close == 0) {
                c.error = "unexpected )";
                return std::nullopt;
            }
            ++c.pos;
            return out;
        }
        auto t = readToken(c);
        if (!t) {
            return std::nullopt;
        }
        out.append(*t);
    }
}

std::optional<ImapToken> readToken(Cursor& c) {
    ImapToken t;
    const char first = c.peek();
    if (first == '(') {
        ++c.pos;
        auto items = readList(c, ')');
        if (!items) {
            return std::nullopt;
        }
        t.type = ImapToken::Type::List;
        t.items = *items;
        return t;
    }
    if (first == '"') {
        ++c.pos;
        t.type = ImapToken::Type::String;
        while (true) {
            if (c.atEnd()) {
                c.error = "unterminated quoted string";
                return std::nullopt;
            }
            char ch = c.line.at(c.pos++);
            if (ch == '"') {
                return t;
            }
            if (ch == '\\') {
                if (c.atEnd() || (c.peek() != '"' && c.peek() != '\\')) {
                    c.error = "bad escape in quoted string";
                    return std::nullopt;
                }
                ch = c.line.at(c.pos++);
            }
            t.text += ch;
        }
    }
    if (first == kLiteralMark) {
        const qsizetype end = c.line.indexOf(kLiteralMark, c.pos + 1);
        bool ok = false;
        const int index = end < 0 ? -1 : c.line.mid(c.pos + 1, end - c.pos - 1).toInt(&ok);
        if (!ok || index < 0 || index >= c.literals.size()) {
            c.error = "bad literal";
            return std::nullopt;
        }
        c.pos = end + 1;
        t.type = ImapToken::Type::String;
        t.text = c.literals.at(index);
        return t;
    }
    int depth = 0; // inside [ ]: spaces and parentheses belong to the atom
    while (!c.atEnd()) {
        const char ch = c.peek();
        if (depth == 0 && (ch == ' ' || ch == '(' || ch == ')' || ch == '"')) {
            break;
        }
        if (ch == '[') {
            ++depth;
        } else if (ch == ']' && depth > 0) {
            --depth;
        }
        t.text += ch;
        ++c.pos;
    }
    if (t.text.isEmpty()) {
        c.error = "empty atom";
        return std::nullopt;
    }
    return t;
}

} // namespace

std::optional<QList<ImapToken>> tokenizeImap(const QByteArray& line, const QList<QByteArray>& literals,
                                             QByteArray* error) {
    Cursor c{line, literals, 0, {}};
    auto out = readList(c, 0);
    if (!out && error) {
        *error = c.error;
    }
    return out;
}

std::optional<QList<ImapRange>> parseSequenceSet(const QByteArray& text, quint32 star) {
    QList<ImapRange> out;
    if (text.isEmpty()) {
        return std::nullopt;
    }
    auto number = [star](const QByteArray& s, bool* ok) -> quint32 {
        if (s == "*") {
            *ok = true;
            return star;
        }
        const quint32 v = s.toUInt(ok);
        *ok = *ok && v > 0;
        return v;
    };
    for (const QByteArray& part : text.split(',')) {
        const qsizetype colon = part.indexOf(':');
        bool ok1 = false;
        bool ok2 = false;
        const quint32 a = number(colon < 0 ? part : part.left(colon), &ok1);
        const quint32 b = colon < 0 ? a : number(part.mid(colon + 1), &ok2);
        if (!ok1 || (colon >= 0 && !ok2)) {
            return std::nullopt;
        }
        out.append({qMin(a, b), qMax(a, b)});
    }
    return out;
}

bool inSequenceSet(const QList<ImapRange>& set, quint32 value) {
    for (const ImapRange& r : set) {
        if (value >= r.low && value <= r.high) {
            return true;
        }
    }
    return false;
}

QByteArray imapLiteral(const QByteArray& bytes) {
    return '{' + QByteArray::number(bytes.size()) + "}\r\n" + bytes;
}

QByteArray imapString(const QByteArray& bytes) {
    for (const char ch : bytes) {
        if (ch == '\r' || ch == '\n' || ch == '\0' || uchar(ch) >= 0x80) {
            return imapLiteral(bytes);
        }
    }
    QByteArray out = "\"";
    for (const char ch : bytes) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
        }
        out += ch;
    }
    return out + '"';
}

QByteArray mailboxArgument(const ImapToken& token) {
    if (token.text.compare("INBOX", Qt::CaseInsensitive) == 0) {
        return "INBOX";
    }
    return token.text;
}

} // namespace baton::sandbox
