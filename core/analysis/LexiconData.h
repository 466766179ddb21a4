#pragma once

// The tables baton_lexicon_compiler generates from the fetched registry lexicons (see core/analysis/CMakeLists.txt).
namespace baton::analysis::data {

struct LexiconRow {
    const char* word; // lower-case UTF-8; nullptr ends a table
    float value;      // English: VADER valence (-4..4); French: Pattern polarity (-1..1)
};

extern const LexiconRow kEnglishRows[];
extern const LexiconRow kFrenchRows[];
extern const char kLexiconNotice[];
extern const bool kHaveBaseLexicons; // false when the build found no fetched lexicons

} // namespace baton::analysis::data
