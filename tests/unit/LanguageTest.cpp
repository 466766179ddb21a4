// Language identification: CLD2 on short social texts, and the declared language preferred when present.
#include "core/analysis/LanguageDetector.h"

#include <QTest>

using baton::analysis::LanguageDetector;

class LanguageTest final : public QObject {
    Q_OBJECT

private slots:
    void detect_data();
    void detect();
    void declaredWins_data();
    void declaredWins();
};

void LanguageTest::detect_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("en") << QStringLiteral("Thanks for the quick reply, the new version works great")
                        << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("Merci pour la réponse rapide, la nouvelle version marche super bien")
                        << QStringLiteral("fr");
    QTest::newRow("fr slang") << QStringLiteral("jsp mdr trop bien") << QStringLiteral("fr");
    QTest::newRow("de") << QStringLiteral("Vielen Dank für die schnelle Antwort, die neue Version funktioniert")
                        << QStringLiteral("de");
    QTest::newRow("es") << QStringLiteral("Muchas gracias por la respuesta rápida, la nueva versión funciona muy bien")
                        << QStringLiteral("es");
    QTest::newRow("too little") << QStringLiteral("\U0001F44D") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void LanguageTest::detect() {
    QFETCH(QString, text);
    QFETCH(QString, code);
    QCOMPARE(LanguageDetector::detect(text), code);
}

void LanguageTest::declaredWins_data() {
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("code");
    QTest::newRow("declared fr") << QStringLiteral("fr") << QStringLiteral("fr");
    QTest::newRow("region stripped") << QStringLiteral("en-GB") << QStringLiteral("en");
    QTest::newRow("underscore, case") << QStringLiteral("FR_ca") << QStringLiteral("fr");
    QTest::newRow("undetermined") << QStringLiteral("und") << QStringLiteral("de");
    QTest::newRow("none") << QString() << QStringLiteral("de");
}

void LanguageTest::declaredWins() {
    QFETCH(QString, declared);
    QFETCH(QString, code);
    const QString german = QStringLiteral("Das ist wirklich ein sehr schlechter Kundendienst, ich bin enttäuscht");
    QCOMPARE(LanguageDetector::resolve(german, declared), code);
}

QTEST_GUILESS_MAIN(LanguageTest)
#include "LanguageTest.moc"
