#pragma once

#include "core/analysis/Lexicon.h"

#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace baton::analysis {

enum class SentimentLabel { Negative, Neutral, Positive };

QString toString(SentimentLabel label);
std::optional<Language> languageFromCode(QStringView code); // "en", "en-GB", "fr_CA"... others: nullopt
QString toCode(Language language);

struct SentimentScore {
    double compound = 0.0; // -1..1
    double positive = 0.0; // proportions of the text, summing to 1 (all 0 for a text with no words)
    double neutral = 0.0;
    double negative = 0.0;
    SentimentLabel label = SentimentLabel::Neutral;
};

// A word (or phrase, emoji, "!!!") that moved the score, and by how much, in valence units before normalisation.
struct Contribution {
    QString token;
    double weight = 0.0;
};

// A rule-based scorer in the family of VADER (Hutto & Gilbert 2014): lexicon valences, boosters and dampeners,
// ALL-CAPS emphasis, elongations, negation within three words (and French "ne ... pas", "j'aime pas"), contrast
// ("but", "mais"), ! and ? amplification, emoji and emoticons, normalised to a compound score in -1..1.
// Cheap to construct; thread-safe (the lexicons are immutable and the scratch space is per thread).
class SentimentAnalyzer final {
public:
    static constexpr double kPositiveThreshold = 0.05;
    static constexpr double kNegativeThreshold = -0.05;

    SentimentScore score(QStringView text, Language language) const;
    // Also lists what moved the score, in text order.
    SentimentScore explain(QStringView text, Language language, QList<Contribution>& contributions) const;

    static SentimentLabel labelFor(double compound);

private:
    SentimentScore run(QStringView text, Language language, QList<Contribution>* contributions) const;
};

} // namespace baton::analysis
