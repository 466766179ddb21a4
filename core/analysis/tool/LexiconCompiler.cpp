// Build step: turns the registry lexicons fetched by `./dev` (never kept in the tree) into a compiled, sorted
// table. Output is a C++ source with one row per word form, sorted by UTF-8 bytes, plus the licence notices.
//
//   baton_lexicon_compiler OUT.cpp [--vader vader_lexicon.txt --vader-notice NOTICE]
//                                  [--pattern fr-sentiment.xml --pattern-notice copyright]
//
// Without inputs it writes empty tables, so Baton still builds (with only its own curated word lists) and the
// tests that need the base lexicons skip with a clear reason.
#include <QCoreApplication>
#include <QFile>
#include <QMap>
#include <QSaveFile>
#include <QStringList>
#include <QXmlStreamReader>
#include <cstdio>

namespace {

[[noreturn]] void die(const QString& message) {
    std::fprintf(stderr, "baton_lexicon_compiler: %s\n", qPrintable(message));
    std::exit(1);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        die(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    return f.readAll();
}

// VADER: "word<TAB>mean<TAB>stddev<TAB>[ratings]" per line.
QMap<QByteArray, double> readVader(const QString& path) {
    QMap<QByteArray, double> out;
    const QList<QByteArray> lines = readAll(path).split('\n');
    for (const QByteArray& raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QList<QByteArray> fields = line.split('\t');
        bool ok = false;
        const double v = fields.value(1).toDouble(&ok);
        if (fields.size() < 2 || !ok || fields[0].isEmpty()) {
            die(QStringLiteral("%1: malformed line \"%2\"").arg(path, QString::fromUtf8(line.left(80))));
        }
        // Kept as written. The file lists "d:" twice (-2.9, the "D:" of dismay, then 1.2): the first one stays.
        if (!out.contains(fields[0])) {
            out.insert(fields[0], v);
        }
    }
    if (out.size() < 5000) {
        die(QStringLiteral("%1: only %2 entries, expected the full VADER lexicon").arg(path).arg(out.size()));
    }
    return out;
}

// Pattern: <word form=".." pos="JJ" polarity=".." .../>. A form listed with several senses gets their mean, as
// Pattern itself does. Adverbs are left out: they are intensity modifiers, which Baton's own rules handle.
QMap<QByteArray, double> readPattern(const QString& path) {
    QMap<QByteArray, double> sum;
    QMap<QByteArray, int> count;
    QXmlStreamReader xml(readAll(path));
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != QLatin1String("word")) {
            continue;
        }
        const auto a = xml.attributes();
        const QString pos = a.value(QLatin1String("pos")).toString();
        if (pos == QLatin1String("RB") || pos.isEmpty()) {
            continue;
        }
        const QByteArray form = a.value(QLatin1String("form")).toString().toLower().toUtf8();
        sum[form] += a.value(QLatin1String("polarity")).toDouble();
        ++count[form];
    }
    if (xml.hasError()) {
        die(QStringLiteral("%1: %2").arg(path, xml.errorString()));
    }
    QMap<QByteArray, double> out;
    for (auto it = sum.cbegin(); it != sum.cend(); ++it) {
        const double mean = it.value() / count.value(it.key());
        if (mean != 0.0) {
            out.insert(it.key(), mean);
        }
    }
    if (out.size() < 3000) {
        die(QStringLiteral("%1: only %2 entries, expected Pattern's French lexicon").arg(path).arg(out.size()));
    }
    return out;
}

QByteArray cString(const QByteArray& bytes) {
    QByteArray out = "\"";
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\' && c != '?') {
            out += c;
        } else {
            out += '\\';
            out += QByteArray::number(u, 8).rightJustified(3, '0');
        }
    }
    return out + '"';
}

QByteArray table(const char* name, const QMap<QByteArray, double>& rows) {
    QByteArray out = "extern const LexiconRow " + QByteArray(name) + "[];\nconst LexiconRow " + name + "[] = {\n";
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        out += "    {" + cString(it.key()) + ", " + QByteArray::number(it.value(), 'f', 4) + "f},\n";
    }
    out += "    {nullptr, 0.0f}};\n";
    return out;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        die(QStringLiteral("usage: baton_lexicon_compiler OUT.cpp [--vader F --vader-notice F] "
                           "[--pattern F --pattern-notice F]"));
    }
    const QString outPath = args.takeFirst();
    QMap<QString, QString> opt;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        opt.insert(args[i], args[i + 1]);
    }
    QMap<QByteArray, double> english;
    QMap<QByteArray, double> french;
    QByteArray notice;
    if (opt.contains(QStringLiteral("--vader"))) {
        english = readVader(opt.value(QStringLiteral("--vader")));
        notice += "English lexicon: VADER (Hutto & Gilbert 2014) from the npm package vader-sentiment, "
                  "Apache License 2.0.\n";
        notice += readAll(opt.value(QStringLiteral("--vader-notice"))) + "\n";
    }
    if (opt.contains(QStringLiteral("--pattern"))) {
        french = readPattern(opt.value(QStringLiteral("--pattern")));
        notice += "French lexicon: Pattern's fr-sentiment.xml (Tom De Smedt, Walter Daelemans, fabelier.org; "
                  "lexicon PDDL) from Debian's python3-pattern, BSD-3-Clause:\n";
        const QByteArray copyright = readAll(opt.value(QStringLiteral("--pattern-notice")));
        const qsizetype end = copyright.indexOf("\nFiles:", copyright.indexOf("Files: *") + 1);
        notice += copyright.left(end < 0 ? copyright.size() : end) + "\n";
    }
    QByteArray src = "// Generated by baton_lexicon_compiler from the fetched lexicons. Do not edit.\n"
                     "#include \"core/analysis/LexiconData.h\"\n\nnamespace baton::analysis::data {\n\n";
    src += table("kEnglishRows", english);
    src += table("kFrenchRows", french);
    src += "extern const char kLexiconNotice[];\nconst char kLexiconNotice[] = " + cString(notice) + ";\n";
    src += "extern const bool kHaveBaseLexicons;\nconst bool kHaveBaseLexicons = " +
           QByteArray(!english.isEmpty() && !french.isEmpty() ? "true" : "false") + ";\n";
    src += "\n} // namespace baton::analysis::data\n";
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(src) != src.size() || !out.commit()) {
        die(QStringLiteral("cannot write %1").arg(outPath));
    }
    return 0;
}
