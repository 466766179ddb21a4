#include "core/analysis/SentimentAnalyzer.h"

#include "core/analysis/SocialTokenizer.h"

#include <cmath>

namespace baton::analysis {

namespace {

// VADER's empirically derived constants.
constexpr float kCapsIncrement = 0.733f; // a sentiment word in ALL CAPS among lower-case words
constexpr float kNegation = -0.74f;      // a negated word keeps about three quarters of its strength, flipped
constexpr float kElongation = 0.293f;    // "goooood": as much as a booster
constexpr double kExclamation = 0.292;   // per "!", up to four
constexpr double kNormalisationAlpha = 15.0;

struct Scratch {
    TokenBuffer buffer;
    std::vector<float> valences;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

inline quint32 flagsOf(const Token& t) {
    return t.flags;
}

inline bool isSentimentWord(const Token& t) {
    return (flagsOf(t) & Sentiment) != 0;
}

class Scorer {
public:
    Scorer(const TokenBuffer& b, Language language, std::vector<float>& valences)
        : m_t(b.tokens)
        , m_n(static_cast<int>(b.tokens.size()))
        , m_french(language == Language::French)
        , m_capsDiff(b.capsWords > 0 && b.capsWords < m_n)
        , m_v(valences) {}

    void run() {
        m_v.resize(static_cast<size_t>(m_n));
        int contrastAt = -1;
        for (int i = 0; i < m_n; ++i) {
            const quint32 f = m_t[static_cast<size_t>(i)].flags;
            if (contrastAt < 0 && (f & Contrast)) {
                contrastAt = i;
            }
            // Most words carry no valence: no call for them. Boosters modify, they do not count on their own.
            m_v[static_cast<size_t>(i)] = (f & Sentiment) && !(f & Booster) ? valenceAt(i) : 0.0f;
        }
        if (contrastAt >= 0) {
            contrast(contrastAt);
        }
    }

private:
    bool has(int i, quint32 flag) const { return i >= 0 && i < m_n && (flagsOf(m_t[static_cast<size_t>(i)]) & flag); }

    bool isNegator(int j) const {
        if (has(j, Negator)) {
            return !(has(j, ModalNegator) && enoughFollows(j));
        }
        // French "plus", "guère", "point" negate only after "ne": "n'est plus drôle" but "plus drôle".
        return m_french && has(j, NeededNe) && (has(j - 1, NeParticle) || has(j - 2, NeParticle));
    }

    // "I can't thank you enough", "cannot recommend it highly enough": the negation is an emphasis.
    bool enoughFollows(int j) const {
        for (int k = j + 1; k < m_n && k <= j + 6; ++k) {
            if (has(k, WordEnough)) {
                return true;
            }
            if (m_t[static_cast<size_t>(k)].boundaryAfter) {
                return false;
            }
        }
        return false;
    }

    float valenceAt(int i) const {
        const Token& t = m_t[static_cast<size_t>(i)];
        const quint32 f = flagsOf(t);
        if (!(f & Sentiment) || (f & Booster)) {
            return 0.0f; // boosters modify, they do not count on their own
        }
        if ((f & WordKind) && has(i + 1, WordOf)) {
            return 0.0f;
        }
        const float base = t.entry->valence;
        if (f & Emoticon) {
            // "no :(", "not today :)": a face says how the writer feels; nothing before it negates or scales it.
            return t.elongated ? base + (base > 0 ? kElongation : -kElongation) : base;
        }
        float v = base;
        if ((f & WordNo) && i + 1 < m_n && isSentimentWord(m_t[static_cast<size_t>(i + 1)])) {
            v = 0.0f; // "no" negates the next word instead of counting itself
        }
        if (!(f & WordNo) &&
            (has(i - 1, WordNo) || has(i - 2, WordNo) || (has(i - 3, WordNo) && has(i - 1, WordOrNor)))) {
            v = base * kNegation;
        }
        if (t.caps && m_capsDiff) {
            v += v > 0 ? kCapsIncrement : -kCapsIncrement;
        }
        if (t.elongated) {
            v += v > 0 ? kElongation : -kElongation;
        }
        bool negated = false; // one negation per word: "don't care don't care" is not a double negative
        for (int k = 0; k < 3; ++k) {
            const int j = i - k - 1;
            if (j < 0 || m_t[static_cast<size_t>(j)].sentenceEnd) {
                break; // modifiers and negations do not reach across a sentence
            }
            // As in VADER, an English word of the lexicon is not a modifier; French boosters that are also
            // adjectives ("grave", "super") modify what follows them.
            const quint32 fj = flagsOf(m_t[static_cast<size_t>(j)]);
            if ((fj & Sentiment) && !(m_french && (fj & Booster))) {
                continue;
            }
            float s = scalar(m_t[static_cast<size_t>(j)], v);
            if (k == 1) {
                s *= 0.95f;
            } else if (k == 2) {
                s *= 0.9f;
            }
            v += s;
            if (!negated) {
                const float before = v;
                v = negation(v, k, i);
                negated = v != before && std::signbit(v) != std::signbit(before);
            }
        }
        if (has(i - 1, WordLeast) && !isSentimentWord(m_t[static_cast<size_t>(i - 1)]) &&
            !(i > 1 && has(i - 2, WordAtVery))) {
            v *= kNegation; // "the least helpful"; not "at least"
        }
        if (m_french && negatedAfter(i)) {
            v *= kNegation;
        }
        return v;
    }

    float scalar(const Token& modifier, float valence) const {
        if (!(flagsOf(modifier) & Booster)) {
            return 0.0f;
        }
        float s = modifier.entry->booster;
        if (valence < 0) {
            s = -s;
        }
        if (modifier.caps && m_capsDiff) {
            s += valence > 0 ? kCapsIncrement : -kCapsIncrement;
        }
        return s;
    }

    // VADER's negation window, with its two exceptions: "never so good" emphasises; "without doubt" affirms.
    float negation(float v, int k, int i) const {
        if (k == 0) {
            return isNegator(i - 1) ? v * kNegation : v;
        }
        if (k == 1) {
            if (has(i - 2, WordNever) && has(i - 1, WordSoThis)) {
                return v * 1.25f;
            }
            if (has(i - 2, WordWithout) && has(i - 1, WordDoubt)) {
                return v;
            }
            return isNegator(i - 2) ? v * kNegation : v;
        }
        if ((has(i - 3, WordNever) && has(i - 2, WordSoThis)) || has(i - 1, WordSoThis)) {
            return v * 1.25f;
        }
        if (has(i - 3, WordWithout) && (has(i - 2, WordDoubt) || has(i - 1, WordDoubt))) {
            return v;
        }
        return isNegator(i - 3) ? v * kNegation : v;
    }

    // French negation after the word: "j'aime pas" (colloquial), "je ne l'aime pas", "n'aime vraiment pas".
    bool negatedAfter(int i) const {
        const Token& t = m_t[static_cast<size_t>(i)];
        if (t.boundaryAfter || i + 1 >= m_n) {
            return false;
        }
        const bool ne = has(i - 1, NeParticle) || has(i - 2, NeParticle) || has(i - 3, NeParticle);
        if (has(i + 1, PostNegator) && (ne || !has(i + 1, NeededNe))) {
            return true;
        }
        return ne && !m_t[static_cast<size_t>(i + 1)].boundaryAfter && has(i + 2, PostNegator);
    }

    // What follows "but" / "mais" weighs 1.5x, what precedes it half.
    void contrast(int c) {
        for (int k = 0; k < m_n; ++k) {
            if (k != c) {
                m_v[static_cast<size_t>(k)] *= k < c ? 0.5f : 1.5f;
            }
        }
    }

    const std::vector<Token>& m_t;
    int m_n;
    bool m_french;
    bool m_capsDiff;
    std::vector<float>& m_v;
};

double punctuationEmphasis(const TokenBuffer& b) {
    const double ep = std::min(b.exclamations, 4) * kExclamation;
    double qm = 0.0;
    if (b.questions > 1) {
        qm = b.questions <= 3 ? b.questions * 0.18 : 0.96;
    }
    return ep + qm;
}

} // namespace

QString toString(SentimentLabel label) {
    switch (label) {
    case SentimentLabel::Negative:
        return QStringLiteral("negative");
    case SentimentLabel::Neutral:
        return QStringLiteral("neutral");
    case SentimentLabel::Positive:
        return QStringLiteral("positive");
    }
    return {};
}

std::optional<Language> languageFromCode(QStringView code) {
    const QStringView primary = code.left(2);
    if (code.size() >= 2 && (code.size() == 2 || code[2] == u'-' || code[2] == u'_')) {
        if (primary.compare(u"en", Qt::CaseInsensitive) == 0) {
            return Language::English;
        }
        if (primary.compare(u"fr", Qt::CaseInsensitive) == 0) {
            return Language::French;
        }
    }
    return std::nullopt;
}

QString toCode(Language language) {
    return language == Language::French ? QStringLiteral("fr") : QStringLiteral("en");
}

SentimentLabel SentimentAnalyzer::labelFor(double compound) {
    if (compound >= kPositiveThreshold) {
        return SentimentLabel::Positive;
    }
    if (compound <= kNegativeThreshold) {
        return SentimentLabel::Negative;
    }
    return SentimentLabel::Neutral;
}

SentimentScore SentimentAnalyzer::score(QStringView text, Language language) const {
    return run(text, language, nullptr);
}

SentimentScore SentimentAnalyzer::explain(QStringView text, Language language,
                                          QList<Contribution>& contributions) const {
    contributions.clear();
    return run(text, language, &contributions);
}

SentimentScore SentimentAnalyzer::run(QStringView text, Language language, QList<Contribution>* out) const {
    Scratch& s = scratch();
    tokenize(text, language, Lexicon::forLanguage(language), s.buffer);
    SentimentScore r;
    if (s.buffer.tokens.empty()) {
        return r;
    }
    Scorer(s.buffer, language, s.valences).run();

    double sum = 0.0;
    double pos = 0.0;
    double neg = 0.0;
    int neutral = 0;
    for (const float v : s.valences) {
        sum += v;
        if (v > 0) {
            pos += v + 1.0; // VADER's compensation for neutral words counted as 1
        } else if (v < 0) {
            neg += v - 1.0;
        } else {
            ++neutral;
        }
    }
    const double emphasis = punctuationEmphasis(s.buffer);
    double total = sum;
    if (sum > 0) {
        total += emphasis;
    } else if (sum < 0) {
        total -= emphasis;
    }
    r.compound = std::clamp(total / std::sqrt(total * total + kNormalisationAlpha), -1.0, 1.0);
    if (pos > std::fabs(neg)) {
        pos += emphasis;
    } else if (pos < std::fabs(neg)) {
        neg -= emphasis;
    }
    const double all = pos + std::fabs(neg) + neutral;
    if (all > 0) {
        r.positive = std::fabs(pos / all);
        r.negative = std::fabs(neg / all);
        r.neutral = std::fabs(neutral / all);
    }
    r.label = labelFor(r.compound);

    if (out) {
        for (size_t i = 0; i < s.buffer.tokens.size(); ++i) {
            if (s.valences[i] != 0.0f) {
                const Token& t = s.buffer.tokens[i];
                out->append({text.mid(t.begin, t.length).toString(), s.valences[i]});
            }
        }
        if (sum != 0.0 && emphasis > 0.0) {
            QString marks;
            marks += QString(std::min(s.buffer.exclamations, 4), u'!');
            marks += QString(s.buffer.questions > 1 ? s.buffer.questions : 0, u'?');
            out->append({marks, sum > 0 ? emphasis : -emphasis});
        }
    }
    return r;
}

} // namespace baton::analysis
