// `baton report` as cron runs it: the real binary, headless, on a seeded profile. Checks the files, that every
// CSV number equals the metrics API, the PDF's text against a golden file (pdftotext), and the exit codes.
#include "core/insight/Metrics.h"
#include "core/store/Migrations.h"
#include "tests/support/InsightSeed.h"

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace baton;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QList<QStringList> readCsv(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<QStringList> rows;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (!line.isEmpty()) {
            rows << QString::fromUtf8(line).split(u','); // the seeded names and handles have no commas
        }
    }
    return rows;
}

double cell(const QList<QStringList>& rows, int row, const QString& column) {
    const int c = int(rows.value(0).indexOf(column));
    return c < 0 ? -1e300 : rows.value(row).value(c).toDouble();
}

} // namespace

class ReportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_profile;
    const QTimeZone m_paris{"Europe/Paris"};
    // "Now" for the seeded history: the report is for a past week, so figures do not depend on the real clock.
    const qint64 m_now = QDateTime(QDate(2026, 11, 30), QTime(8, 0), QTimeZone("Europe/Paris")).toMSecsSinceEpoch();

    Run baton(const QStringList& args) {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("BATON_PROFILE"));
        e.remove(QStringLiteral("DISPLAY")); // headless, as from cron
        e.remove(QStringLiteral("WAYLAND_DISPLAY"));
        e.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(e);
        p.start(qEnvironmentVariable("BATON_TEST_BIN_DIR") + QStringLiteral("/baton"),
                QStringList{QStringLiteral("--profile"), m_profile} + args);
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString report(const QString& name, const QStringList& extra) {
        const QString out = m_dir.filePath(name);
        const Run r = baton(QStringList{QStringLiteral("report"), QStringLiteral("--week"), QStringLiteral("2026-W47"),
                                        QStringLiteral("--out"), out, QStringLiteral("--time-zone"),
                                        QStringLiteral("Europe/Paris")} +
                            extra);
        if (r.exitCode != 0) {
            qWarning("baton report failed (%d): %s", r.exitCode, r.err.constData());
            return {};
        }
        return out;
    }

    void checkGolden(const QString& pdf, const QString& golden) {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty()) {
            if (!qEnvironmentVariableIsEmpty("CI")) {
                QFAIL("pdftotext is not installed (Debian poppler-utils)");
            }
            QSKIP("pdftotext is not installed (Debian poppler-utils; ./dev installs it)");
        }
        QProcess p;
        p.start(pdftotext, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray text = p.readAllStandardOutput();
        QVERIFY(text.contains("Weekly engagement report") || QString::fromUtf8(text).contains(u"Rapport d’engagement"));
        QFile expected(QStringLiteral(BATON_FIXTURES "/report/") + golden);
        if (qEnvironmentVariableIsSet("BATON_UPDATE_GOLDEN")) {
            QVERIFY(expected.open(QIODevice::WriteOnly));
            expected.write(text);
            return;
        }
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(expected.fileName()));
        QCOMPARE(QString::fromUtf8(text), QString::fromUtf8(expected.readAll()));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_profile = m_dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(m_profile));
        store::Database db;
        QVERIFY(db.open(QDir(m_profile).filePath(QStringLiteral("baton.db"))).hasValue());
        QVERIFY(store::migrate(db).hasValue());
        testing::InsightSeedOptions o;
        o.nowMs = m_now;
        const auto seeded = testing::seedInsightProfile(db, o);
        QVERIFY(seeded.incoming > 1000);
    }

    void writesEveryFileHeadless() {
        const QString out =
            report(QStringLiteral("all"), {QStringLiteral("--format"), QStringLiteral("pdf,png,svg,csv")});
        QVERIFY(!out.isEmpty());
        const QDir dir(out);
        QVERIFY(dir.exists(QStringLiteral("report-2026-W47.pdf")));
        QVERIFY(dir.exists(QStringLiteral("summary.csv")));
        const QStringList sections{QStringLiteral("overall"), QStringLiteral("support"),
                                   QStringLiteral("product-feedback"), QStringLiteral("r-baton"),
                                   QStringLiteral("paris-store")};
        const QStringList charts{QStringLiteral("volume"), QStringLiteral("sentiment"), QStringLiteral("response"),
                                 QStringLiteral("hours"), QStringLiteral("contributors")};
        for (const QString& s : sections) {
            for (const QString& c : charts) {
                const QString stem = s + u'-' + c;
                QVERIFY2(dir.exists(stem + QStringLiteral(".csv")), qPrintable(stem));
                QImageReader png(dir.filePath(stem + QStringLiteral(".png")));
                QCOMPARE(png.size(), QSize(1280, 720));
                QFile svg(dir.filePath(stem + QStringLiteral(".svg")));
                QVERIFY(svg.open(QIODevice::ReadOnly));
                const QByteArray svgText = svg.readAll();
                QVERIFY(svgText.contains("<svg"));
                QVERIFY(svgText.contains("</svg>"));
            }
        }
        // 1 PDF, 5 sections x 5 charts x 3 formats, the summary.
        QCOMPARE(dir.entryList(QDir::Files).size(), 1 + 5 * 5 * 3 + 1);
        QFile pdf(dir.filePath(QStringLiteral("report-2026-W47.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
    }

    void csvNumbersEqualTheMetricsApi() {
        const QString out = report(QStringLiteral("numbers"), {QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY(!out.isEmpty());
        const QDir dir(out);
        QCOMPARE(dir.entryList({QStringLiteral("*.pdf"), QStringLiteral("*.png")}, QDir::Files).size(), 0);
        store::Database db;
        QVERIFY(
            db.open(QDir(m_profile).filePath(QStringLiteral("baton.db")), store::Database::Mode::ReadOnly).hasValue());
        const insight::Period week = *insight::parseIsoWeek(u"2026-W47", m_paris);
        const FakeClock clock(m_now);
        const QList<QStringList> summary = readCsv(dir.filePath(QStringLiteral("summary.csv")));
        QCOMPARE(summary.size(), 1 + 2 * 5);

        QList<std::pair<QString, insight::Scope>> scopes{{QStringLiteral("overall"), insight::Scope::overall()}};
        for (const insight::CommunityInfo& c : insight::communities(db)) {
            QString stem = c.name.toLower();
            stem.replace(QStringLiteral("/"), QStringLiteral("-")).replace(u' ', u'-');
            scopes.append({stem, insight::Scope::community(c.id)});
        }
        QCOMPARE(scopes.size(), 5);
        for (const auto& [stem, scope] : scopes) {
            const insight::Summary s = insight::summarize(db, scope, week, clock, {5});
            const insight::Summary before = insight::summarize(db, scope, insight::previous(week), clock, {5});
            // summary.csv: this week and the one before.
            int row = -1;
            for (int i = 1; i < summary.size(); ++i) {
                if (summary[i].value(0) == stem && summary[i].value(2) == QLatin1String("2026-W47")) {
                    row = i;
                }
            }
            QVERIFY2(row > 0, qPrintable(stem));
            QCOMPARE(summary[row + 1].value(2), QStringLiteral("2026-W46"));
            QCOMPARE(cell(summary, row, QStringLiteral("incoming")), double(s.volume.incoming));
            QCOMPARE(cell(summary, row, QStringLiteral("outgoing")), double(s.volume.outgoing));
            QCOMPARE(cell(summary, row, QStringLiteral("negative")), double(s.sentiment.negative));
            QCOMPARE(cell(summary, row, QStringLiteral("positive")), double(s.sentiment.positive));
            QCOMPARE(cell(summary, row, QStringLiteral("needing_reply")), double(s.response.needingReply));
            QCOMPARE(cell(summary, row, QStringLiteral("answered")), double(s.response.answered));
            QCOMPARE(cell(summary, row, QStringLiteral("backlog")), double(s.backlog.open));
            QVERIFY(qAbs(cell(summary, row, QStringLiteral("median_minutes")) - *s.response.medianMs / 60000.0) < 1e-3);
            QVERIFY(qAbs(cell(summary, row, QStringLiteral("p90_minutes")) - *s.response.p90Ms / 60000.0) < 1e-3);
            QCOMPARE(cell(summary, row + 1, QStringLiteral("incoming")), double(before.volume.incoming));
            QVERIFY(s.volume.incoming > 0);

            // The charts' CSV files, day by day and hour by hour.
            const auto volume = readCsv(dir.filePath(stem + QStringLiteral("-volume.csv")));
            const auto sentiment = readCsv(dir.filePath(stem + QStringLiteral("-sentiment.csv")));
            const auto response = readCsv(dir.filePath(stem + QStringLiteral("-response.csv")));
            QCOMPARE(volume.size(), 8);
            for (int d = 0; d < 7; ++d) {
                const insight::DayMetrics& day = s.days[d];
                QCOMPARE(volume[d + 1].value(0), day.day.date.toString(Qt::ISODate));
                double total = 0;
                for (int c = 1; c < volume[0].size(); ++c) {
                    const auto network = model::networkFromString(volume[0][c]);
                    QVERIFY(network.has_value());
                    QCOMPARE(volume[d + 1][c].toDouble(), double(day.volume.incomingByNetwork.value(*network)));
                    total += volume[d + 1][c].toDouble();
                }
                QCOMPARE(total, double(day.volume.incoming));
                QCOMPARE(cell(sentiment, d + 1, QStringLiteral("negative")), double(day.sentiment.negative));
                QCOMPARE(cell(sentiment, d + 1, QStringLiteral("neutral")), double(day.sentiment.neutral));
                QCOMPARE(cell(sentiment, d + 1, QStringLiteral("positive")), double(day.sentiment.positive));
                if (day.response.medianMs) {
                    QVERIFY(qAbs(cell(response, d + 1, QStringLiteral("median_hours")) -
                                 *day.response.medianMs / 3600000.0) < 1e-3);
                    QVERIFY(qAbs(cell(response, d + 1, QStringLiteral("p90_hours")) - *day.response.p90Ms / 3600000.0) <
                            1e-3);
                } else {
                    QVERIFY(response[d + 1].value(1).isEmpty());
                }
            }
            const auto hours = readCsv(dir.filePath(stem + QStringLiteral("-hours.csv")));
            QCOMPARE(hours.size(), 25);
            for (int h = 0; h < 24; ++h) {
                QCOMPARE(hours[h + 1][1].toDouble(), double(s.byHour[std::size_t(h)]));
            }
            const auto people = readCsv(dir.filePath(stem + QStringLiteral("-contributors.csv")));
            QCOMPARE(people.size(), 1 + s.topContributors.size());
            for (int i = 0; i < s.topContributors.size(); ++i) {
                QCOMPARE(people[i + 1][0], s.topContributors[i].handle);
                QCOMPARE(people[i + 1][1].toDouble(), double(s.topContributors[i].items));
            }
        }
    }

    void pdfTextMatchesGoldenEnglish() {
        const QString out = report(QStringLiteral("en"), {QStringLiteral("--format"), QStringLiteral("pdf"),
                                                          QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY(!out.isEmpty());
        checkGolden(QDir(out).filePath(QStringLiteral("report-2026-W47.pdf")),
                    QStringLiteral("report-2026-W47.en.txt"));
    }

    void pdfTextMatchesGoldenFrench() {
        const QString out = report(QStringLiteral("fr"), {QStringLiteral("--format"), QStringLiteral("pdf"),
                                                          QStringLiteral("--lang"), QStringLiteral("fr")});
        QVERIFY(!out.isEmpty());
        checkGolden(QDir(out).filePath(QStringLiteral("report-2026-W47.pdf")),
                    QStringLiteral("report-2026-W47.fr.txt"));
    }

    void oneCommunity() {
        const QString out = report(QStringLiteral("one"), {QStringLiteral("--community"), QStringLiteral("r/baton"),
                                                           QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY(!out.isEmpty());
        const QList<QStringList> summary = readCsv(QDir(out).filePath(QStringLiteral("summary.csv")));
        QCOMPARE(summary.size(), 1 + 2 * 2); // the community as the headline, and its section
        QCOMPARE(summary[3].value(0), QStringLiteral("r-baton"));
        QCOMPARE(summary[1].value(5), summary[3].value(5)); // same incoming count
    }

    void cronFriendlyExitCodes() {
        const QString out = m_dir.filePath(QStringLiteral("bad"));
        auto code = [&](const QStringList& args) {
            return baton(QStringList{QStringLiteral("report")} + args).exitCode;
        };
        QCOMPARE(code({QStringLiteral("--week"), QStringLiteral("2026-W47")}), 2); // no --out
        QCOMPARE(code({QStringLiteral("--week"), QStringLiteral("2025-W53"), QStringLiteral("--out"), out}), 2);
        QCOMPARE(code({QStringLiteral("--week"), QStringLiteral("2026-W47"), QStringLiteral("--out"), out,
                       QStringLiteral("--format"), QStringLiteral("pdf,docx")}),
                 2);
        QCOMPARE(code({QStringLiteral("--week"), QStringLiteral("2026-W47"), QStringLiteral("--out"), out,
                       QStringLiteral("--lang"), QStringLiteral("de")}),
                 2);
        QCOMPARE(code({QStringLiteral("--week"), QStringLiteral("2026-W47"), QStringLiteral("--out"), out,
                       QStringLiteral("--time-zone"), QStringLiteral("Mars/Olympus")}),
                 2);
        QCOMPARE(code({QStringLiteral("--week"), QStringLiteral("2026-W47"), QStringLiteral("--out"), out,
                       QStringLiteral("--community"), QStringLiteral("nowhere")}),
                 1);
        // The output path is a file, not a folder.
        QFile blocker(m_dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Run r =
            baton({QStringLiteral("report"), QStringLiteral("--week"), QStringLiteral("2026-W47"),
                   QStringLiteral("--out"), blocker.fileName(), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("baton: cannot write")); // one clear line (after any warning from Qt itself)
        QVERIFY(!QDir(out).exists());                   // nothing written by a refused command
    }
};

QTEST_GUILESS_MAIN(ReportTest)
#include "ReportTest.moc"
