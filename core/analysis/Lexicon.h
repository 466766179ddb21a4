#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>
#include <string_view>
#include <vector>

namespace baton::analysis {

enum class Language : quint8 { English, French };

// What a word does in the rules. A word can be several things ("no" is negative and negates what follows).
enum LexFlag : quint32 {
    Sentiment = 1u << 0,    // carries a valence (VADER's "in the lexicon")
    Booster = 1u << 1,      // scales the next sentiment words by `booster` (negative: dampener)
    Negator = 1u << 2,      // flips sentiment words up to three tokens after it
    PostNegator = 1u << 3,  // French "pas", "jamais"... right after a verb: "j'aime pas"
    NeParticle = 1u << 4,   // French "ne" / "n'"
    NeededNe = 1u << 5,     // French "plus", "guère", "point": a negator only after "ne"
    Contrast = 1u << 6,     // "but", "mais": what follows weighs more, what precedes less
    PhraseHead = 1u << 7,   // first word of a multiword entry
    WordNo = 1u << 8,       // English "no": negates the next sentiment word instead of counting itself
    WordNever = 1u << 9,    // "never so good" emphasises instead of negating
    WordSoThis = 1u << 10,  // "so", "this" after "never"
    WordWithout = 1u << 11, // "without doubt" is not a negation
    WordDoubt = 1u << 12,
    WordLeast = 1u << 13,  // "the least good" negates, "at least" does not
    WordAtVery = 1u << 14, // "at", "very" before "least"
    WordOrNor = 1u << 15,  // "no X or Y" negates Y
    WordKind = 1u << 16,   // "kind of" is a dampener, not a word
    WordOf = 1u << 17,
    ScoringPhrase = 1u << 18 // a phrase that replaces the valence of its last word ("the shit", "pas mal")
};

struct LexEntry {
    float valence = 0.0f; // VADER scale, about -4..4
    float booster = 0.0f;
    quint32 flags = 0;
};

// Keys are folded: lower case, typographic apostrophes as ', and French ligatures spelled out (œ -> oe).
// Writes at most cap code units and returns the length, or -1 when the word is longer than cap.
int foldKey(QStringView word, char16_t* out, int cap);

// An immutable open-addressing hash table from folded words (and space-joined phrases) to entries. Lookups do
// no allocation. One table per language, built once from the compiled registry lexicon plus Baton's own layers.
class Lexicon final {
public:
    static const Lexicon& forLanguage(Language language);
    static bool haveBaseLexicons(); // false when the build found no fetched lexicons: only Baton's own layers
    static QString notice();        // licence notices of the base lexicons, for the About box

    const LexEntry* find(std::u16string_view key) const;
    int size() const { return m_count; }

    Lexicon() = default;
    LexEntry& upsert(std::u16string_view key); // building only
    void setValence(QStringView word, float valence, bool overrideBase = true);
    void setExact(QStringView word, float valence); // a key kept as written (emoticons: "D:" is not "d:")
    void setBooster(QStringView word, float booster);
    void addFlags(QStringView word, quint32 flags);
    void addAccentFreeAliases(); // "decu" finds "déçu": social French often drops accents

private:
    // Slots are 8 bytes so that a miss, the common case, probes within one cache line without touching a key.
    struct Slot {
        quint32 hash = 0;
        quint32 index = 0; // into m_entries, plus one; 0: empty
    };
    struct Stored {
        quint32 keyOffset = 0;
        quint32 keyLength = 0;
        LexEntry entry;
    };
    static quint32 hashOf(std::u16string_view key);
    std::u16string_view keyAt(const Stored& s) const { return {m_keys.data() + s.keyOffset, s.keyLength}; }
    void rehash(size_t slotCount);
    std::u16string folded(QStringView word) const;

    std::vector<Slot> m_slots;
    std::vector<Stored> m_entries;
    std::u16string m_keys;
    int m_count = 0;
};

} // namespace baton::analysis
