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
    ScoringPhrase = 1u << 18, // a phrase that replaces the valence of its last word ("the shit", "pas mal")
    ModalNegator = 1u << 19,  // "can't", "cannot": with "enough" later, praise ("can't recommend it enough")
    WordEnough = 1u << 20,
    Emoticon = 1u << 21 // an emoticon or emoji: the writer's own feeling, which a negation before it does not flip
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

    const LexEntry* find(std::u16string_view key) const { return find(key, hashOf(key)); }
    // hash: hashOf(key), which the tokenizer computes while folding. Most words are misses, answered here.
    const LexEntry* find(std::u16string_view key, quint32 hash) const {
        if (key.empty() || !maybeKey(hash)) {
            return nullptr;
        }
        return m_frozen.empty() ? findBuilding(key, hash) : findFrozen(key, hash);
    }
    int size() const { return m_count; }

    // FNV-1a over UTF-16 code units; the tokenizer computes it while it folds a word.
    static constexpr quint32 kHashSeed = 2166136261u;
    static constexpr quint32 hashStep(quint32 h, char16_t c) { return (h ^ c) * 16777619u; }
    static constexpr quint32 hashFinish(quint32 h) { return h ^ (h >> 15); }
    static quint32 hashOf(std::u16string_view key) {
        quint32 h = kHashSeed;
        for (const char16_t c : key) {
            h = hashStep(h, c);
        }
        return hashFinish(h);
    }

    // Exact filters that let the tokenizer skip lookups that cannot hit. Whether some key starts with `first` and
    // ends with `last` (as written or folded; any non-ASCII character may match):
    bool mayHaveKey(char16_t first, char16_t last) const { return marked(m_firsts, first) && marked(m_lasts, last); }
    // Whether some phrase starts with the two words of these hashes:
    bool mayStartPhrase(quint32 first, quint32 second) const {
        const quint32 b = pairBit(first, second);
        return (m_phrasePairs[b >> 6] >> (b & 63)) & 1u;
    }

    Lexicon() = default;
    LexEntry& upsert(std::u16string_view key); // building only
    void setValence(QStringView word, float valence, bool overrideBase = true);
    void setExact(QStringView word, float valence); // a key kept as written (emoticons: "D:" is not "d:")
    void setBooster(QStringView word, float booster);
    void addFlags(QStringView word, quint32 flags);
    void addAccentFreeAliases(); // "decu" finds "déçu": social French often drops accents
    void freeze();               // done building: lays the table out for lookups (see FrozenSlot)

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
    // After freeze(): half a cache line holds a key's hash, its first code units and its entry, so that a hit on a
    // short word ("good", "not", "the") touches one line instead of a slot, an entry and the key text.
    static constexpr int kHeadLength = 5;
    struct FrozenSlot {
        quint32 hash = 0;
        quint16 length = 0; // 0: empty
        char16_t head[kHeadLength] = {};
        quint32 keyOffset = 0; // the whole key in m_keys
        LexEntry entry;
    };
    static_assert(sizeof(FrozenSlot) == 32);
    const LexEntry* findFrozen(std::u16string_view key, quint32 hash) const;
    const LexEntry* findBuilding(std::u16string_view key, quint32 hash) const;
    static constexpr int kPairBits = 1 << 16;
    // A Bloom filter over the keys (16 KB, two bits per key) answers most misses, the common case, from L1.
    static constexpr int kBloomBits = 1 << 17;
    static quint32 bloomBit1(quint32 h) { return h & (kBloomBits - 1); }
    static quint32 bloomBit2(quint32 h) { return (h * 0x9e3779b1u) >> 15; }
    bool maybeKey(quint32 h) const {
        const quint32 a = bloomBit1(h);
        const quint32 b = bloomBit2(h);
        return ((m_bloom[a >> 6] >> (a & 63)) & (m_bloom[b >> 6] >> (b & 63)) & 1u) != 0;
    }
    static quint32 pairBit(quint32 first, quint32 second) { return ((first * 0x9e3779b1u) ^ second) >> 16; }
    // Bit c for an ASCII c; bit 128 for any non-ASCII character, which folds in ways a bit cannot follow.
    static bool marked(const quint64 (&bits)[3], char16_t c) {
        if (c >= 0x80) {
            return true;
        }
        const char16_t lower = (c >= u'A' && c <= u'Z') ? static_cast<char16_t>(c + 32) : c;
        return ((bits[c >> 6] >> (c & 63)) & 1u) || ((bits[lower >> 6] >> (lower & 63)) & 1u);
    }
    static void mark(quint64 (&bits)[3], char16_t c) {
        const unsigned b = c >= 0x80 ? 128u : c;
        bits[b >> 6] |= quint64(1) << (b & 63);
    }
    void indexKey(std::u16string_view key);
    std::u16string_view keyAt(const Stored& s) const { return {m_keys.data() + s.keyOffset, s.keyLength}; }
    void rehash(size_t slotCount);
    std::u16string folded(QStringView word) const;

    std::vector<Slot> m_slots;
    std::vector<FrozenSlot> m_frozen;
    std::vector<Stored> m_entries;
    std::u16string m_keys;
    int m_count = 0;
    quint64 m_firsts[3] = {};
    quint64 m_lasts[3] = {};
    std::vector<quint64> m_phrasePairs = std::vector<quint64>(kPairBits / 64);
    std::vector<quint64> m_bloom = std::vector<quint64>(kBloomBits / 64);
};

} // namespace baton::analysis
