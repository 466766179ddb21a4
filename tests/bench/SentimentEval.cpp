// Sentiment evaluation (label bench): quality against public human ratings and speed against the npm
// vader-sentiment port, in the same run. Prints one JSON document; asserts nothing (quality.md has the targets).
//   SentimentEval EVAL_DIR [--peer-script vader_peer.cjs --peer-package DIR] [--seconds S] [--scores FILE]
#include "core/analysis/LanguageDetector.h"
#include "core/analysis/Lexicon.h"
#include "core/analysis/SentimentAnalyzer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace baton::analysis;

namespace {

struct Row {
    QString id;
    double gold = 0.0;
    QString text;
};

QList<Row> readRows(const QString& path) {
    QList<Row> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return rows;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        const qsizetype a = line.indexOf('\t');
        const qsizetype b = a < 0 ? -1 : line.indexOf('\t', a + 1);
        if (b < 0) {
            continue;
        }
        rows.append({QString::fromUtf8(line.left(a)), line.mid(a + 1, b - a - 1).toDouble(),
                     QString::fromUtf8(line.mid(b + 1))});
    }
    return rows;
}

double pearson(const QList<double>& x, const QList<double>& y) {
    const auto n = static_cast<double>(x.size());
    double mx = 0;
    double my = 0;
    for (qsizetype i = 0; i < x.size(); ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (qsizetype i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

double round4(double v) {
    return std::round(v * 10000) / 10000;
}

QJsonObject englishSet(const QString& path, const SentimentAnalyzer& analyzer) {
    const QList<Row> rows = readRows(path);
    QList<double> gold;
    QList<double> predicted;
    int agree = 0;
    int polar = 0;
    for (const Row& r : rows) {
        const double c = analyzer.score(r.text, Language::English).compound;
        gold.append(r.gold);
        predicted.append(c);
        if (r.gold != 0.0) {
            ++polar;
            agree += (r.gold > 0) == (c > 0) && c != 0.0;
        }
    }
    return QJsonObject{{QStringLiteral("texts"), rows.size()},
                       {QStringLiteral("pearson_r"), round4(pearson(predicted, gold))},
                       {QStringLiteral("sign_accuracy"), round4(double(agree) / std::max(polar, 1))}};
}

// Binary accuracy: positive when compound > 0, negative when < 0; a zero score counts as wrong.
QJsonObject frenchSplit(const QList<Row>& rows, const QString& prefix, const SentimentAnalyzer& analyzer) {
    int n = 0;
    int correct = 0;
    int labelCorrect = 0;
    int detected = 0;
    for (const Row& r : rows) {
        if (!r.id.startsWith(prefix)) {
            continue;
        }
        ++n;
        const SentimentScore s = analyzer.score(r.text, Language::French);
        correct += (r.gold > 0 && s.compound > 0) || (r.gold < 0 && s.compound < 0);
        labelCorrect +=
            (r.gold > 0 && s.label == SentimentLabel::Positive) || (r.gold < 0 && s.label == SentimentLabel::Negative);
        detected += LanguageDetector::detect(r.text) == QLatin1String("fr");
    }
    return QJsonObject{
        {QStringLiteral("texts"), n},
        {QStringLiteral("accuracy"), round4(double(correct) / std::max(n, 1))},
        {QStringLiteral("accuracy_neutral_counted_wrong"), round4(double(labelCorrect) / std::max(n, 1))},
        {QStringLiteral("cld2_detected_fr"), round4(double(detected) / std::max(n, 1))}};
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Texts per second of this thread's CPU time (the machine is shared: wall time would measure the neighbours),
// best of several passes over the corpus. `wall` gets the same over wall-clock time.
double throughput(const QStringList& texts, const SentimentAnalyzer& analyzer, double seconds, double& wall) {
    double best = 0;
    wall = 0;
    double sink = 0;
    QElapsedTimer total;
    total.start();
    do {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuSeconds();
        qint64 done = 0;
        while (t.nsecsElapsed() < qint64(seconds * 2e8)) {
            for (const QString& text : texts) {
                sink += analyzer.score(text, Language::English).compound;
            }
            done += texts.size();
        }
        best = std::max(best, done / (threadCpuSeconds() - cpu0));
        wall = std::max(wall, done / (t.nsecsElapsed() / 1e9));
    } while (total.nsecsElapsed() < qint64(seconds * 1e9));
    if (sink == 12345.678) {
        std::fputs("", stderr);
    }
    return best;
}

// Every score at full precision (compound, pos, neu, neg per text), to check that a speed change keeps them.
void writeScores(const QString& path, const QDir& eval, const QStringList& sets, const QList<Row>& french,
                 const SentimentAnalyzer& analyzer) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "SentimentEval: cannot write %s\n", qPrintable(path));
        return;
    }
    const auto write = [&](const QString& id, const QString& text, Language language) {
        const SentimentScore s = analyzer.score(text, language);
        char line[160];
        std::snprintf(line, sizeof line, "\t%.17g\t%.17g\t%.17g\t%.17g\n", s.compound, s.positive, s.neutral,
                      s.negative);
        f.write(id.toUtf8() + line);
    };
    for (const QString& set : sets) {
        for (const Row& r : readRows(eval.filePath(QStringLiteral("en/%1_GroundTruth.txt").arg(set)))) {
            write(set + QLatin1Char(':') + r.id, r.text, Language::English);
        }
    }
    for (const Row& r : french) {
        write(QStringLiteral("fr:") + r.id, r.text, Language::French);
    }
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const QString dir = args.value(0);
    const auto option = [&](const QString& name) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 ? args.value(i + 1) : QString();
    };
    const double seconds =
        option(QStringLiteral("--seconds")).isEmpty() ? 5.0 : option(QStringLiteral("--seconds")).toDouble();
    const QDir eval(dir);
    if (dir.isEmpty() || !eval.exists(QStringLiteral("en/tweets_GroundTruth.txt"))) {
        std::printf("SentimentEval: skipped, no evaluation data in \"%s\" (expected ../shared/eval/sentiment)\n",
                    qPrintable(dir));
        return 77;
    }
    if (!Lexicon::haveBaseLexicons()) {
        std::printf("SentimentEval: skipped, Baton was built without the fetched lexicons (run ./dev build)\n");
        return 77;
    }
    const SentimentAnalyzer analyzer;
    QJsonObject out;
    QJsonObject english;
    const QStringList sets = {QStringLiteral("tweets"), QStringLiteral("amazonReviewSnippets"),
                              QStringLiteral("movieReviewSnippets"), QStringLiteral("nytEditorialSnippets")};
    for (const QString& set : sets) {
        english.insert(set, englishSet(eval.filePath(QStringLiteral("en/%1_GroundTruth.txt").arg(set)), analyzer));
    }
    out.insert(QStringLiteral("english"), english);
    const QList<Row> french = readRows(eval.filePath(QStringLiteral("fr/allocine_test_sample.tsv")));
    out.insert(QStringLiteral("french"),
               QJsonObject{{QStringLiteral("s1000_test"), frenchSplit(french, QStringLiteral("s1000_"), analyzer)},
                           {QStringLiteral("s400_dev"), frenchSplit(french, QStringLiteral("s400_"), analyzer)}});
    if (const QString path = option(QStringLiteral("--scores")); !path.isEmpty()) {
        writeScores(path, eval, sets, french, analyzer);
    }

    // Speed on the tweets (short social texts), then the npm port on the very same texts.
    QStringList texts;
    for (const Row& r : readRows(eval.filePath(QStringLiteral("en/tweets_GroundTruth.txt")))) {
        texts.append(r.text);
    }
    double oursWall = 0;
    const double ours = throughput(texts, analyzer, seconds, oursWall);
    QJsonObject speed{{QStringLiteral("corpus"), QStringLiteral("tweets (%1 texts)").arg(texts.size())},
                      {QStringLiteral("baton_texts_per_cpu_s"), std::round(ours)},
                      {QStringLiteral("baton_texts_per_wall_s"), std::round(oursWall)}};
    const QString script = option(QStringLiteral("--peer-script"));
    const QString package = option(QStringLiteral("--peer-package"));
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty() || !QFile::exists(package + QStringLiteral("/package.json")) || !QFile::exists(script)) {
        speed.insert(QStringLiteral("peer"), QStringLiteral("not measured: node or the fetched vader-sentiment "
                                                            "package is missing"));
    } else {
        QTemporaryFile corpus;
        corpus.open();
        corpus.write(texts.join(QLatin1Char('\n')).toUtf8());
        corpus.flush();
        QProcess p;
        p.start(node, {script, package, corpus.fileName(), QString::number(seconds)});
        p.waitForFinished(600000);
        const QJsonObject peer = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const double theirs = peer.value(QStringLiteral("texts_per_s")).toDouble();
        if (theirs > 0) {
            QList<double> scores;
            QList<double> gold;
            const QJsonArray a = peer.value(QStringLiteral("scores")).toArray();
            const QList<Row> rows = readRows(eval.filePath(QStringLiteral("en/tweets_GroundTruth.txt")));
            for (qsizetype i = 0; i < a.size() && i < rows.size(); ++i) {
                scores.append(a[i].toDouble());
                gold.append(rows[i].gold);
            }
            if (const QString dump = option(QStringLiteral("--dump")); !dump.isEmpty()) {
                // For looking into disagreements: gold, Baton, npm port, text.
                QFile f(dump);
                if (f.open(QIODevice::WriteOnly)) {
                    for (qsizetype i = 0; i < scores.size(); ++i) {
                        f.write(QStringLiteral("%1\t%2\t%3\t%4\n")
                                    .arg(gold[i])
                                    .arg(analyzer.score(rows[i].text, Language::English).compound)
                                    .arg(scores[i])
                                    .arg(rows[i].text)
                                    .toUtf8());
                    }
                }
            }
            speed.insert(QStringLiteral("npm_vader_texts_per_s"), std::round(theirs));
            // The peer's figure is wall time, so the ratio is taken on wall time too.
            speed.insert(QStringLiteral("ratio_wall"), std::round(oursWall / theirs * 10) / 10);
            english.insert(QStringLiteral("npm_vader_tweets_pearson_r"), round4(pearson(scores, gold)));
            out.insert(QStringLiteral("english"), english);
        } else {
            speed.insert(QStringLiteral("peer"),
                         QStringLiteral("node failed: %1").arg(QString::fromUtf8(p.readAllStandardError().left(300))));
        }
    }
    out.insert(QStringLiteral("speed"), speed);
    out.insert(QStringLiteral("targets"),
               QStringLiteral("tweets r >= 0.88, amazon r >= 0.60, french s1000 accuracy >= 0.78, "
                              ">= 1,000,000 texts/s and >= 100x the npm port"));
    std::printf("%s", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
