#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace baton::ui {

QString installTranslations(const QString& language) {
    static QTranslator* baton = nullptr; // one set per process, replaced on a language switch
    static QTranslator* qt = nullptr;
    for (QTranslator** t : {&baton, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    const QString lang = locale.name().section(u'_', 0, 0);
    baton = new QTranslator;
    // English too: baton_en carries the plural forms ("1 item", "3 items") of the %n source texts.
    if (lang == QLatin1String("en")) {
        if (baton->load(QStringLiteral(":/i18n/baton_en.qm"))) {
            QCoreApplication::installTranslator(baton);
        } else {
            delete baton;
            baton = nullptr;
        }
        return lang;
    }
    if (baton->load(QStringLiteral(":/i18n/baton_%1.qm").arg(lang))) {
        QCoreApplication::installTranslator(baton);
    } else {
        delete baton;
        baton = nullptr;
        return QStringLiteral("en");
    }
    qt = new QTranslator;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
        qt = nullptr;
    }
    return lang;
}

} // namespace baton::ui
