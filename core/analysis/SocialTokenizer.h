#pragma once

#include "core/analysis/Lexicon.h"

#include <QStringView>
#include <vector>

namespace baton::analysis {

struct Token {
    const LexEntry* entry = nullptr; // nullptr: a word the rules do not know
    quint32 flags = 0;               // entry->flags (0 without an entry), kept here for the scorer's many tests
    qint32 begin = 0;                // in the source text, for explanations; a phrase spans its words
    qint32 length = 0;
    quint32 keyOffset = 0; // the folded word in TokenBuffer::keys
    quint32 keyLength = 0;
    quint32 hash = 0;           // Lexicon::hashOf of the key
    bool caps = false;          // ALL CAPS
    bool elongated = false;     // "soooo", "goood"
    bool boundaryAfter = false; // a comma, full stop... closes the clause right after it
    bool sentenceEnd = false;   // a full stop, "!", "?", ";" or "..." right after it
};

// Reused between calls so that scoring does not allocate once warm.
struct TokenBuffer {
    std::vector<Token> tokens;
    std::u16string keys;
    int exclamations = 0;
    int questions = 0;
    int capsWords = 0;
    std::u16string scratch; // a collapsed elongation
    std::u16string phrase;  // a candidate multiword key
};

// Splits social text into words, emoticons and emoji, and looks each up: whole chunk first (":-)", "<3"), then
// without surrounding punctuation ("#love", "great!!!"), French elisions split ("n'aime" -> "n", "aime"), then
// elongations collapsed ("soooo" -> "so"). Multiword entries ("kind of", "pas mal") are joined onto their last word.
void tokenize(QStringView text, Language language, const Lexicon& lexicon, TokenBuffer& out);

} // namespace baton::analysis
