#include "core/analysis/ItemScoring.h"

#include "core/analysis/LanguageDetector.h"
#include "core/analysis/SentimentAnalyzer.h"

namespace baton::analysis {

void scoreItems(QList<model::Item>& items) {
    const SentimentAnalyzer analyzer;
    for (model::Item& item : items) {
        if (item.text.isEmpty()) {
            continue;
        }
        const QString lang = LanguageDetector::resolve(item.text, item.lang);
        if (item.lang.isEmpty()) {
            item.lang = lang;
        }
        if (item.sentiment) {
            continue;
        }
        if (const auto language = languageFromCode(lang)) {
            item.sentiment = analyzer.score(item.text, *language).compound;
        }
    }
}

} // namespace baton::analysis
