#include "core/analysis/SocialTokenizer.h"

#include <array>

namespace baton::analysis {

namespace {

constexpr int kMaxWord = 64; // longer chunks (links, hashes) are never lexicon words
constexpr quint32 kEmptyHash = Lexicon::hashFinish(Lexicon::kHashSeed);

constexpr bool isSpace(char16_t c) {
    return c == u' ' || c == u'\n' || c == u'\t' || c == u'\r' || (c >= 0x80 && QChar::isSpace(c));
}

constexpr bool isWordChar(char16_t c) {
    if (c < 0x80) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    }
    return QChar::isLetterOrNumber(c) && c != 0x2019;
}

// ASCII classes, for the scan that splits the text into chunks.
enum : quint8 { kSpaceClass = 1, kWordClass = 2, kUpperClass = 4, kLowerClass = 8 };
constexpr auto kAsciiClass = [] {
    std::array<quint8, 128> t{};
    for (char16_t c = 0; c < 128; ++c) {
        t[c] = (isSpace(c) ? kSpaceClass : 0) | (isWordChar(c) ? kWordClass : 0) |
               (c >= u'A' && c <= u'Z' ? kUpperClass : 0) | (c >= u'a' && c <= u'z' ? kLowerClass : 0);
    }
    return t;
}();

inline bool isApostrophe(char16_t c) {
    return c == u'\'' || c == 0x2019;
}

// Emoji are words of their own even when glued to text ("merci🙏"). Returns their length in code units.
inline int emojiLength(const char16_t* p, int k, int end) {
    const char16_t c = p[k];
    if (c >= 0xd83c && c <= 0xd83e && k + 1 < end) {
        const char16_t low = p[k + 1];
        if (c == 0xd83c && low >= 0xdffb && low <= 0xdfff) {
            return 0; // a skin-tone modifier, skipped with its emoji
        }
        return 2;
    }
    if ((c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b50 && c <= 0x2b55)) {
        return 1;
    }
    return 0;
}

inline bool isEmojiModifier(const char16_t* p, int k, int end) {
    const char16_t c = p[k];
    return c == 0xfe0f || c == 0x200d || (c == 0xd83c && k + 1 < end && p[k + 1] >= 0xdffb && p[k + 1] <= 0xdfff);
}

inline bool isAllCaps(const char16_t* p, int a, int b) {
    bool upper = false;
    for (int k = a; k < b; ++k) {
        const char16_t c = p[k];
        if (c < 0x80) {
            if (c >= u'a' && c <= u'z') {
                return false;
            }
            upper |= (c >= u'A' && c <= u'Z');
        } else if (QChar::isLower(c)) {
            return false;
        } else {
            upper |= QChar::isUpper(c);
        }
    }
    return upper;
}

// Collapses runs of three or more identical letters to `keep` letters. Returns the new length, 0 if no run.
int collapseRuns(const char16_t* in, int n, char16_t* out, int keep) {
    int m = 0;
    bool changed = false;
    for (int k = 0; k < n;) {
        int run = 1;
        while (k + run < n && in[k + run] == in[k]) {
            ++run;
        }
        const int take = run >= 3 ? keep : run;
        changed |= run >= 3;
        for (int r = 0; r < take; ++r) {
            out[m++] = in[k];
        }
        k += run;
    }
    return changed ? m : 0;
}

class Tokenizer {
public:
    Tokenizer(QStringView text, Language language, const Lexicon& lexicon, TokenBuffer& out)
        : m_p(reinterpret_cast<const char16_t*>(text.utf16()))
        , m_n(static_cast<int>(text.size()))
        , m_french(language == Language::French)
        , m_lex(lexicon)
        , m_out(out) {}

    void run() {
        for (int i = 0; i < m_n;) {
            const char16_t c = m_p[i];
            if (isSpace(c)) {
                ++i;
                continue;
            }
            const int start = i;
            bool ascii = true;
            bool plain = true; // ASCII letters and digits only
            // For ASCII, the same pass folds, hashes (keeping every prefix's hash) and looks for ALL CAPS and
            // letter runs.
            char16_t* buf = m_fold.buf;
            int n = 0;
            quint32 h = Lexicon::kHashSeed;
            quint8 cases = 0;
            bool runs = false;
            while (i < m_n) {
                const char16_t d = m_p[i];
                if (d < 0x80) {
                    const quint8 k = kAsciiClass[d];
                    if (k & kSpaceClass) {
                        break;
                    }
                    if (!(k & kWordClass)) {
                        plain = false;
                        m_out.exclamations += d == u'!';
                        m_out.questions += d == u'?';
                    }
                    cases |= k;
                    const char16_t f = (k & kUpperClass) ? static_cast<char16_t>(d + 32) : d;
                    h = Lexicon::hashStep(h, f);
                    if (n < kMaxWord) {
                        runs |= n >= 2 && f == buf[n - 1] && f == buf[n - 2];
                        buf[n] = f;
                        m_fold.prefixHash[n] = h;
                    }
                    ++n;
                } else if (isSpace(d)) {
                    break;
                } else {
                    ascii = false;
                }
                ++i;
            }
            const bool caps = (cases & kUpperClass) && !(cases & kLowerClass);
            if (!ascii) {
                chunk(start, i);
            } else if (plain) {
                // The common case: nothing to strip, split or look up as written.
                if (n > kMaxWord) {
                    pushKey(start, n, {}, kEmptyHash, nullptr, caps, false);
                } else {
                    found(start, i, buf, n, Lexicon::hashFinish(h), caps, runs, false);
                }
            } else {
                m_fold.valid = n <= kMaxWord;
                m_fold.caps = caps;
                m_fold.upper = (cases & kUpperClass) != 0;
                m_fold.runs = runs;
                word(start, i, true); // no emoji in ASCII
            }
        }
        joinPhrases();
    }

private:
    void chunk(int s, int e) {
        int wordStart = s;
        for (int k = s; k < e;) {
            const int len = emojiLength(m_p, k, e);
            if (len == 0) {
                ++k;
                continue;
            }
            if (wordStart < k) {
                m_fold.valid = false;
                word(wordStart, k, false);
            }
            push(k, len, std::u16string_view(m_p + k, static_cast<size_t>(len)), false, false);
            k += len;
            while (k < e && isEmojiModifier(m_p, k, e)) {
                k += m_p[k] == 0xd83c ? 2 : 1;
            }
            wordStart = k;
        }
        if (wordStart < e) {
            m_fold.valid = false;
            word(wordStart, e, false);
        }
    }

    void word(int s, int e, bool ascii) {
        char16_t buf[kMaxWord];
        // Emoticons as written first ("D:" is not "d:"), then entries with punctuation (":-)", "ain't") folded.
        bool punctuated = false;
        for (int k = s; k < e && !punctuated; ++k) {
            punctuated = !isWordChar(m_p[k]);
        }
        const bool inFold = ascii && m_fold.valid; // m_fold holds the chunk, folded and hashed
        if (punctuated && m_lex.mayHaveKey(m_p[s], m_p[e - 1])) {
            if (inFold) {
                // ASCII folds only capitals: without any, as written and folded are one key.
                const std::u16string_view key(m_fold.buf, static_cast<size_t>(e - s));
                const quint32 h = Lexicon::hashFinish(m_fold.prefixHash[e - s - 1]);
                const std::u16string_view raw(m_p + s, static_cast<size_t>(e - s));
                const LexEntry* hit = m_fold.upper ? m_lex.find(raw) : m_lex.find(key, h);
                if (hit) {
                    pushKey(s, e - s, raw, m_fold.upper ? Lexicon::hashOf(raw) : h, hit, m_fold.caps, false);
                    return;
                }
                if (m_fold.upper) {
                    if (const LexEntry* byFold = m_lex.find(key, h)) {
                        pushKey(s, e - s, key, h, byFold, m_fold.caps, false);
                        return;
                    }
                }
            } else if (e - s <= kMaxWord) {
                const std::u16string_view raw(m_p + s, static_cast<size_t>(e - s));
                if (const LexEntry* hit = m_lex.find(raw)) {
                    pushKey(s, e - s, raw, Lexicon::hashOf(raw), hit, isAllCaps(m_p, s, e), false);
                    return;
                }
            }
            if (const int n = inFold ? 0 : foldKey(QStringView(m_p + s, e - s), buf, kMaxWord); n > 0) {
                const std::u16string_view folded(buf, static_cast<size_t>(n));
                const quint32 h = Lexicon::hashOf(folded);
                if (const LexEntry* hit = m_lex.find(folded, h)) {
                    pushKey(s, e - s, folded, h, hit, isAllCaps(m_p, s, e), false);
                    return;
                }
            }
            if (e - s <= kMaxWord && drawnOut(m_p + s, e - s, s, e)) {
                return;
            }
        }
        if (punctuated && e - s <= kMaxWord && m_p[s] == u'&' && escapedEmoticon(s, e)) {
            return;
        }
        int a = s;
        int b = e;
        while (a < b && !isWordChar(m_p[a])) {
            ++a;
        }
        while (b > a && !isWordChar(m_p[b - 1])) {
            --b;
        }
        bool boundary = false;
        bool sentence = false;
        for (int k = b; k < e; ++k) {
            const char16_t c = m_p[k];
            const bool end = c == u'.' || c == u';' || c == u'!' || c == u'?' || c == 0x2026;
            sentence |= end;
            boundary |= end || c == u',' || c == u':' || c == u')';
        }
        if (a == b) {
            // Punctuation alone still takes a place, and may end the sentence before it.
            pushKey(s, e - s, {}, kEmptyHash, nullptr, false, boundary);
            if (sentence && m_out.tokens.size() > 1) {
                m_out.tokens[m_out.tokens.size() - 2].sentenceEnd = true;
            }
            m_out.tokens.back().sentenceEnd = sentence;
            return;
        }
        if (m_french) {
            a = splitElisions(a, b);
        }
        if (inFold && a == s) {
            // A prefix of the folded chunk: its hash is already known.
            found(a, b, m_fold.buf, b - a, Lexicon::hashFinish(m_fold.prefixHash[b - a - 1]), m_fold.caps, m_fold.runs,
                  boundary);
        } else if (ascii) {
            lookupAscii(a, b, boundary);
        } else {
            lookup(a, b, boundary);
        }
        m_out.tokens.back().sentenceEnd = sentence;
    }

    // An emoticon drawn out with its last stroke, ":(((" or ":-)))" (p, n: the chunk [s, e) as written or
    // unescaped), is the emoticon, emphasised.
    bool drawnOut(const char16_t* p, int n, int s, int e) {
        int last = n - 1;
        while (last > 0 && p[last - 1] == p[n - 1]) {
            --last;
        }
        if (last == n - 1 || last == 0) {
            return false;
        }
        const std::u16string_view shorter(p, static_cast<size_t>(last + 1));
        const LexEntry* hit = m_lex.find(shorter);
        if (hit) {
            pushKey(s, e - s, shorter, Lexicon::hashOf(shorter), hit, false, false);
            m_out.tokens.back().elongated = true;
        }
        return hit != nullptr;
    }

    // Feeds and copied posts often keep HTML escapes: "&lt;3" is "<3", "&gt;:(" is ">:(".
    bool escapedEmoticon(int s, int e) {
        char16_t buf[kMaxWord];
        int n = 0;
        bool changed = false;
        for (int k = s; k < e;) {
            const std::u16string_view rest(m_p + k, static_cast<size_t>(e - k));
            if (rest.starts_with(u"&lt;") || rest.starts_with(u"&gt;")) {
                buf[n++] = rest[1] == u'l' ? u'<' : u'>';
                k += 4;
                changed = true;
            } else if (rest.starts_with(u"&amp;")) {
                buf[n++] = u'&';
                k += 5;
                changed = true;
            } else {
                buf[n++] = m_p[k++];
            }
        }
        if (!changed) {
            return false;
        }
        const std::u16string_view key(buf, static_cast<size_t>(n));
        if (const LexEntry* hit = m_lex.find(key)) {
            pushKey(s, e - s, key, Lexicon::hashOf(key), hit, false, false);
            return true;
        }
        return drawnOut(buf, n, s, e);
    }

    // "n'aime" -> "n" "aime"; "qu'il" -> "qu" "il"; "aujourd'hui" and "chef-d'œuvre" stay whole.
    int splitElisions(int a, int b) {
        for (;;) {
            int q = a;
            while (q < b && !isApostrophe(m_p[q])) {
                ++q;
            }
            const int prefix = q - a;
            if (q >= b - 1 || prefix < 1 || prefix > 7) {
                return a;
            }
            char16_t buf[kMaxWord];
            const int whole = foldKey(QStringView(m_p + a, b - a), buf, kMaxWord);
            if (whole > 0 && m_lex.find({buf, static_cast<size_t>(whole)})) {
                return a;
            }
            const int n = foldKey(QStringView(m_p + a, prefix), buf, kMaxWord);
            const std::u16string_view p(buf, static_cast<size_t>(n));
            if (!(p == u"l" || p == u"d" || p == u"j" || p == u"n" || p == u"m" || p == u"t" || p == u"s" ||
                  p == u"c" || p == u"qu" || p == u"jusqu" || p == u"lorsqu" || p == u"puisqu" || p == u"quoiqu")) {
                return a;
            }
            const quint32 h = Lexicon::hashOf(p);
            pushKey(a, prefix + 1, p, h, m_lex.find(p, h), false, false);
            a = q + 1;
        }
    }

    // The common case, a word of ASCII letters and digits: folds, hashes and looks for ALL CAPS and letter runs
    // in one pass.
    void lookupAscii(int a, int b, bool boundary) {
        if (b - a > kMaxWord) {
            pushKey(a, b - a, {}, kEmptyHash, nullptr, isAllCaps(m_p, a, b), boundary);
            return;
        }
        char16_t buf[kMaxWord];
        quint32 h = Lexicon::kHashSeed;
        bool lower = false;
        bool upper = false;
        bool runs = false;
        const int n = b - a;
        for (int k = 0; k < n; ++k) {
            char16_t c = m_p[a + k];
            const bool isUpper = c >= u'A' && c <= u'Z';
            lower |= c >= u'a' && c <= u'z';
            upper |= isUpper;
            c = isUpper ? static_cast<char16_t>(c + 32) : c;
            runs |= k >= 2 && c == buf[k - 1] && c == buf[k - 2];
            buf[k] = c;
            h = Lexicon::hashStep(h, c);
        }
        found(a, b, buf, n, Lexicon::hashFinish(h), upper && !lower, runs, boundary);
    }

    void lookup(int a, int b, bool boundary) {
        char16_t buf[kMaxWord];
        const int n = foldKey(QStringView(m_p + a, b - a), buf, kMaxWord);
        const bool caps = isAllCaps(m_p, a, b);
        if (n <= 0) {
            pushKey(a, b - a, {}, kEmptyHash, nullptr, caps, boundary);
            return;
        }
        found(a, b, buf, n, Lexicon::hashOf({buf, static_cast<size_t>(n)}), caps, true, boundary);
    }

    // `runs`: whether the folded word may have three equal letters in a row (an elongation to collapse).
    void found(int a, int b, char16_t* buf, int n, quint32 h, bool caps, bool runs, bool boundary) {
        std::u16string_view key(buf, static_cast<size_t>(n));
        const LexEntry* hit = m_lex.find(key, h);
        bool elongated = false;
        char16_t shorter[kMaxWord];
        for (int keep = 2; !hit && runs && keep >= 1; --keep) {
            const int m = collapseRuns(buf, n, shorter, keep);
            if (m == 0) {
                break;
            }
            const std::u16string_view collapsed(shorter, static_cast<size_t>(m));
            const quint32 hc = Lexicon::hashOf(collapsed);
            if (const LexEntry* e = m_lex.find(collapsed, hc)) {
                hit = e;
                elongated = true;
                m_out.scratch.assign(collapsed); // the spelling that phrases know
                key = m_out.scratch;
                h = hc;
            }
        }
        if (!hit && !m_french && n >= 4 && n < kMaxWord && buf[n - 2] == u'i' && buf[n - 1] == u'n' &&
            (caps || !QChar::isUpper(m_p[a]) || m_out.tokens.empty() || m_out.tokens.back().sentenceEnd)) {
            // English dropped g: "lovin", "freakin'" (the apostrophe is already stripped) -> "loving". Not in a
            // capitalised word inside a sentence, which is more likely a name ("Robin").
            buf[n] = u'g';
            const std::u16string_view full(buf, static_cast<size_t>(n + 1));
            const quint32 hf = Lexicon::hashOf(full);
            if (const LexEntry* e = m_lex.find(full, hf)) {
                hit = e;
                key = full;
                h = hf;
            }
        }
        if (!hit && !m_french && n >= 6 && buf[n - 3] == u'e' && buf[n - 2] == u's' && buf[n - 1] == u't') {
            hit = superlativeBase(buf, n - 3, key, h);
        }
        pushKey(a, b - a, key, h, hit, caps, boundary);
        m_out.tokens.back().elongated = elongated;
    }

    // An English superlative the lexicon lacks takes its adjective's entry: "coolest" -> "cool", "nicest" -> "nice",
    // "saddest" -> "sad", "scariest" -> "scary". `stem` is the word without "est" (buf has room after it).
    const LexEntry* superlativeBase(char16_t* buf, int stem, std::u16string_view& key, quint32& h) {
        const auto tryKey = [&](int length) -> const LexEntry* {
            const std::u16string_view k(buf, static_cast<size_t>(length));
            const quint32 hk = Lexicon::hashOf(k);
            const LexEntry* e = m_lex.find(k, hk);
            if (e && (e->flags & Sentiment)) {
                key = k;
                h = hk;
                return e;
            }
            return nullptr;
        };
        if (const LexEntry* e = tryKey(stem)) {
            return e;
        }
        const char16_t last = buf[stem - 1];
        buf[stem] = u'e';
        if (const LexEntry* e = tryKey(stem + 1)) {
            return e;
        }
        if (stem >= 3 && last == buf[stem - 2]) {
            if (const LexEntry* e = tryKey(stem - 1)) {
                return e;
            }
        }
        if (last == u'i') {
            buf[stem - 1] = u'y';
            if (const LexEntry* e = tryKey(stem)) {
                return e;
            }
            buf[stem - 1] = u'i';
        }
        return nullptr;
    }

    void push(int begin, int length, std::u16string_view key, bool caps, bool boundary) {
        const quint32 h = Lexicon::hashOf(key);
        pushKey(begin, length, key, h, m_lex.find(key, h), caps, boundary);
    }

    void pushKey(int begin, int length, std::u16string_view key, quint32 hash, const LexEntry* entry, bool caps,
                 bool boundary) {
        // Written in place: a Token built on the stack and copied costs a store-forwarding stall per word.
        Token& t = m_out.tokens.emplace_back();
        t.entry = entry;
        t.flags = entry ? entry->flags : 0u;
        t.hash = hash;
        t.begin = begin;
        t.length = length;
        t.keyOffset = static_cast<quint32>(m_out.keys.size());
        t.keyLength = static_cast<quint32>(key.size());
        t.caps = caps;
        t.boundaryAfter = boundary;
        m_out.keys.append(key);
        m_out.capsWords += caps;
    }

    std::u16string_view keyOf(const Token& t) const {
        return std::u16string_view(m_out.keys).substr(t.keyOffset, t.keyLength);
    }

    // A phrase's entry moves onto its last word; the words before it stop counting on their own.
    void joinPhrases() {
        auto& toks = m_out.tokens;
        const size_t n = toks.size();
        for (size_t i = 0; i + 1 < n; ++i) {
            if (!(toks[i].flags & PhraseHead) || toks[i].boundaryAfter ||
                !m_lex.mayStartPhrase(toks[i].hash, toks[i + 1].hash)) {
                continue;
            }
            for (size_t len = 4; len >= 2; --len) {
                if (i + len > n) {
                    continue;
                }
                m_out.phrase.assign(keyOf(toks[i]));
                bool ok = !toks[i].boundaryAfter;
                for (size_t k = 1; k < len && ok; ++k) {
                    m_out.phrase += u' ';
                    m_out.phrase.append(keyOf(toks[i + k]));
                    ok = k == len - 1 || !toks[i + k].boundaryAfter;
                }
                const LexEntry* hit = ok ? m_lex.find(m_out.phrase) : nullptr;
                if (!hit) {
                    continue;
                }
                Token& last = toks[i + len - 1];
                last.entry = hit;
                last.flags = hit->flags;
                last.length = last.begin + last.length - toks[i].begin;
                last.begin = toks[i].begin;
                for (size_t k = 0; k + 1 < len; ++k) {
                    toks[i + k].entry = nullptr;
                    toks[i + k].flags = 0;
                }
                i += len - 1;
                break;
            }
        }
    }

    // The current ASCII chunk, folded in the scan (valid when it fits kMaxWord).
    struct Fold {
        char16_t buf[kMaxWord + 1];   // one spare unit for found()'s "-in" -> "-ing"
        quint32 prefixHash[kMaxWord]; // [k]: the FNV state after k + 1 units
        bool valid = false;
        bool caps = false;
        bool upper = false;
        bool runs = false;
    };

    Fold m_fold;
    const char16_t* m_p;
    int m_n;
    bool m_french;
    const Lexicon& m_lex;
    TokenBuffer& m_out;
};

} // namespace

void tokenize(QStringView text, Language language, const Lexicon& lexicon, TokenBuffer& out) {
    out.tokens.clear();
    out.keys.clear();
    out.exclamations = 0;
    out.questions = 0;
    out.capsWords = 0;
    Tokenizer(text, language, lexicon, out).run();
}

} // namespace baton::analysis
