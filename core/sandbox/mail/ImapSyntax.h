#pragma once

#include <QByteArray>
#include <QList>
#include <optional>

namespace baton::sandbox {

// The parts of an IMAP4rev1 command line (RFC 3501 §9): atoms (a bracketed section such as
// BODY[HEADER.FIELDS (FROM)]<0.100> stays one atom), quoted strings, literals, NIL and parenthesised lists.
struct ImapToken {
    enum class Type { Atom, String, List };
    Type type = Type::Atom;
    QByteArray text; // atom text or the string's bytes
    QList<ImapToken> items;

    bool isAtom(const char* upper) const;
    QByteArray upper() const { return text.toUpper(); }
};

// A command line whose literals were read separately: kLiteralMark + index + kLiteralMark stands for literal
// `index`. Returns nullopt (with the reason) for unbalanced parentheses, unterminated strings, bad escapes.
constexpr char kLiteralMark = '\x01';
std::optional<QList<ImapToken>> tokenizeImap(const QByteArray& line, const QList<QByteArray>& literals,
                                             QByteArray* error);

// Sequence sets ("1:4,7,9:*"); star = the value "*" stands for. nullopt when malformed.
struct ImapRange {
    quint32 low = 0;
    quint32 high = 0;
};
std::optional<QList<ImapRange>> parseSequenceSet(const QByteArray& text, quint32 star);
bool inSequenceSet(const QList<ImapRange>& set, quint32 value);

// A string as an IMAP quoted string, or a literal when it cannot be quoted (line breaks, 8-bit, NUL).
QByteArray imapString(const QByteArray& bytes);
QByteArray imapLiteral(const QByteArray& bytes);
// The mailbox name an astring names (modified UTF-7 left as is; INBOX in any case becomes "INBOX").
QByteArray mailboxArgument(const ImapToken& token);

} // namespace baton::sandbox
