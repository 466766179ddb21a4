#include "core/analysis/LanguageDetector.h"

// CLD2's public header uses these without including them.
#include <cld2/public/compact_lang_det.h>
#include <cstdio>
#include <vector>

namespace baton::analysis {

QString LanguageDetector::detect(QStringView text) {
    const QByteArray utf8 = text.toUtf8();
    bool reliable = false;
    CLD2::Language top3[3];
    int percent3[3];
    int textBytes = 0;
    const CLD2::Language lang = CLD2::ExtDetectLanguageSummary(utf8.constData(), static_cast<int>(utf8.size()), true,
                                                               top3, percent3, &textBytes, &reliable);
    if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) {
        return {};
    }
    return QString::fromLatin1(CLD2::LanguageCode(lang));
}

QString LanguageDetector::resolve(QStringView text, QStringView declared) {
    const QStringView d = declared.trimmed();
    if (!d.isEmpty() && d != u"und") {
        qsizetype end = 0;
        while (end < d.size() && d[end] != u'-' && d[end] != u'_') {
            ++end;
        }
        return d.left(end).toString().toLower();
    }
    return detect(text);
}

} // namespace baton::analysis
