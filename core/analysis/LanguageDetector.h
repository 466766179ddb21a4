#pragma once

#include <QString>
#include <QStringView>

namespace baton::analysis {

// Language identification with CLD2. The language an item declares (Mastodon's "language", a review's locale)
// wins when present; detection is for items that declare none.
class LanguageDetector final {
public:
    // An ISO 639-1 code ("en", "fr", "de"...), or an empty string when the text says too little to tell.
    static QString detect(QStringView text);
    // The declared language's primary code when there is one, else detect(text).
    static QString resolve(QStringView text, QStringView declared);
};

} // namespace baton::analysis
