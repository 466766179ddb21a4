#include "core/models/SearchHighlight.h"

#include <QRegularExpression>

namespace baton::models {
namespace {

// The full-text tokenizer (unicode61) keeps letters, numbers, marks and private-use characters in words;
// everything else (spaces, punctuation, symbols, emoji) separates them.
bool isWordCodePoint(char32_t c) {
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_PrivateUse:
        return true;
    default:
        return false;
    }
}

// Whether the code point at i is a word character; len is set to its length in UTF-16 units.
bool wordCharAt(QStringView s, qsizetype i, qsizetype& len) {
    const QChar c = s.at(i);
    if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
        len = 2;
        return isWordCodePoint(QChar::surrogateToUcs4(c, s.at(i + 1)));
    }
    len = 1;
    return isWordCodePoint(c.unicode());
}

// Splits s into words: calls f(start, end) for each.
template <typename F>
void forEachWord(QStringView s, F f) {
    qsizetype i = 0;
    qsizetype len = 1;
    while (i < s.size()) {
        while (i < s.size() && !wordCharAt(s, i, len)) {
            i += len;
        }
        const qsizetype start = i;
        while (i < s.size() && wordCharAt(s, i, len)) {
            i += len;
        }
        if (i > start) {
            f(start, i);
        }
    }
}

QChar foldChar(QChar c) {
    if (c.unicode() < 0x80) {
        return c.toLower();
    }
    if (c.decompositionTag() == QChar::Canonical) {
        const QString d = c.decomposition();
        if (!d.isEmpty()) {
            return d.at(0).toLower();
        }
    }
    return c.toLower();
}

} // namespace

QString foldForSearch(const QString& text) {
    QString out(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i) {
        out[i] = foldChar(text.at(i));
    }
    return out;
}

QList<SearchTerm> searchTerms(const QString& userText) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QList<SearchTerm> out;
    for (QString w : userText.split(space, Qt::SkipEmptyParts)) {
        const bool prefix = w.endsWith(u'*') && w.size() > 1;
        if (prefix) {
            w.chop(1);
        }
        w.remove(u'"');
        // The tokenizer splits "don't" into "don" and "t": a term is the words it contains.
        forEachWord(w, [&](qsizetype start, qsizetype end) {
            out.append({foldForSearch(w.mid(start, end - start)), prefix && end == w.size()});
        });
    }
    return out;
}

QList<TextRange> highlightRanges(const QString& text, const QList<SearchTerm>& terms) {
    QList<TextRange> out;
    if (terms.isEmpty()) {
        return out;
    }
    const QString folded = foldForSearch(text);
    forEachWord(folded, [&](qsizetype start, qsizetype end) {
        const QStringView word = QStringView(folded).mid(start, end - start);
        int best = 0;
        for (const SearchTerm& t : terms) {
            if (t.prefix ? word.startsWith(t.folded) : word == t.folded) {
                best = std::max(best, static_cast<int>(t.prefix ? t.folded.size() : word.size()));
            }
        }
        if (best > 0) {
            out.append({static_cast<int>(start), best});
        }
    });
    return out;
}

} // namespace baton::models
