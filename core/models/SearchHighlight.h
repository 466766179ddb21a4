#pragma once

#include <QList>
#include <QString>

namespace baton::models {

// Where the words of a search appear in a text, matched the way the full-text index matches them: whole words,
// or word starts for a word typed with a trailing *, without regard to case or accents ("cafe" finds "Café").
struct SearchTerm {
    QString folded; // lower case, accents removed
    bool prefix = false;
};

QList<SearchTerm> searchTerms(const QString& userText);

// [start, length) ranges in text, sorted and not overlapping.
struct TextRange {
    int start = 0;
    int length = 0;
    friend bool operator==(const TextRange&, const TextRange&) = default;
};
QList<TextRange> highlightRanges(const QString& text, const QList<SearchTerm>& terms);

// The same text folded character by character (same length and positions as text).
QString foldForSearch(const QString& text);

} // namespace baton::models
