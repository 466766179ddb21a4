// `baton sentiment`: scores each line of standard input and prints one JSON object per line. No profile needed.
#include "app/Cli.h"
#include "core/analysis/LanguageDetector.h"
#include "core/analysis/SentimentAnalyzer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace baton::app {

int Cli::sentimentCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addOption({QStringLiteral("lang"), QStringLiteral("en, fr or auto (detect per line)"), QStringLiteral("L"),
                 QStringLiteral("auto")});
    p.addOption({QStringLiteral("explain"), QStringLiteral("List the tokens that moved each score")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || !p.positionalArguments().isEmpty()) {
        return fail(p.errorText().isEmpty() ? QStringLiteral("usage: baton sentiment [--lang en|fr|auto] [--explain]")
                                            : p.errorText(),
                    Usage);
    }
    const QString langOption = p.value(QStringLiteral("lang"));
    const bool autoLang = langOption == QLatin1String("auto");
    const auto fixed = analysis::languageFromCode(langOption);
    if (!autoLang && (!fixed || langOption.size() != 2)) {
        return fail(QStringLiteral("--lang must be en, fr or auto"), Usage);
    }
    const bool explain = p.isSet(QStringLiteral("explain"));
    const analysis::SentimentAnalyzer analyzer;
    QTextStream in(stdin);
    in.setEncoding(QStringConverter::Utf8);
    QList<analysis::Contribution> contributions;
    QString line;
    while (in.readLineInto(&line)) {
        const QString lang = autoLang ? analysis::LanguageDetector::detect(line) : analysis::toCode(*fixed);
        const auto language = autoLang ? analysis::languageFromCode(lang) : fixed;
        QJsonObject o{{QStringLiteral("text"), line}, {QStringLiteral("lang"), lang}};
        if (!language) {
            // Other languages are not guessed at: no score rather than a wrong one.
            o.insert(QStringLiteral("score"), QJsonValue());
            o.insert(QStringLiteral("label"), QStringLiteral("unknown"));
        } else {
            const analysis::SentimentScore s =
                explain ? analyzer.explain(line, *language, contributions) : analyzer.score(line, *language);
            o.insert(QStringLiteral("score"), std::round(s.compound * 10000) / 10000);
            o.insert(QStringLiteral("label"), analysis::toString(s.label));
            o.insert(QStringLiteral("pos"), std::round(s.positive * 1000) / 1000);
            o.insert(QStringLiteral("neu"), std::round(s.neutral * 1000) / 1000);
            o.insert(QStringLiteral("neg"), std::round(s.negative * 1000) / 1000);
            if (explain) {
                QJsonArray tokens;
                for (const analysis::Contribution& c : std::as_const(contributions)) {
                    tokens.append(QJsonObject{{QStringLiteral("token"), c.token},
                                              {QStringLiteral("weight"), std::round(c.weight * 1000) / 1000}});
                }
                o.insert(QStringLiteral("explain"), tokens);
            }
        }
        m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    }
    m_out.flush();
    return Ok;
}

} // namespace baton::app
