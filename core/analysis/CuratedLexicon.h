#pragma once

namespace baton::analysis {
class Lexicon;
}

// Baton's own layers over the registry lexicons: the rule words (boosters, negators, contrast), idioms, emoji,
// social-media slang, and French words that Pattern's adjective list lacks. Written for Baton, not derived from
// any evaluation set.
namespace baton::analysis::curated {

// Pattern rates French adjectives in -1..1, VADER words in about -4..4. Pattern is kept at its own scale: with
// Baton's curated French words weighing more, this did best on the tuning rows (s400) of the Allociné sample.
inline constexpr float kFrenchPolarityScale = 1.0f;

void addEnglish(Lexicon& lex);
void addFrench(Lexicon& lex);
void addShared(Lexicon& lex); // emoji, in every language

} // namespace baton::analysis::curated
