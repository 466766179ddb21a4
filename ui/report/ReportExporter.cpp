#include "ui/report/ReportExporter.h"

#include "ui/report/ChartPainter.h"
#include "ui/report/ReportCharts.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QSvgGenerator>
#include <QtConcurrent/QtConcurrentMap>

namespace baton::ui::report {
namespace {

constexpr int kChartWidth = 640; // logical size of exported charts; PNGs at twice that
constexpr int kChartHeight = 360;

Error ioError(const QString& path, const QString& why) {
    return Error{ErrorCode::Io, ReportExporter::tr("cannot write %1: %2").arg(path, why)};
}

Expected<void, Error> saveBytes(const QString& path, const QByteArray& bytes) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        return unexpected(ioError(path, f.errorString()));
    }
    return {};
}

QByteArray pngBytes(const ChartSpec& chart) {
    QImage image(kChartWidth * 2, kChartHeight * 2, QImage::Format_RGB32);
    image.setDevicePixelRatio(2);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        ChartPainter::paint(p, QRectF(0, 0, kChartWidth, kChartHeight), chart, ChartTheme::light());
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG", 80); // a light zlib level: several times faster than the default, files a little larger
    return out;
}

QByteArray svgBytes(const ChartSpec& chart) {
    QByteArray out;
    QBuffer buffer(&out);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(kChartWidth, kChartHeight));
    svg.setViewBox(QRect(0, 0, kChartWidth, kChartHeight));
    svg.setResolution(96);
    svg.setTitle(chart.title);
    {
        QPainter p(&svg);
        ChartPainter::paint(p, QRectF(0, 0, kChartWidth, kChartHeight), chart, ChartTheme::light());
    }
    return out;
}

QString csvNumber(double v, int decimals) {
    return QString::number(v, 'f', decimals);
}

QString csvMs(const std::optional<qint64>& ms) {
    return ms ? csvNumber(double(*ms) / 60000.0, 3) : QString();
}

} // namespace

std::optional<ExportFormats> ExportFormats::parse(const QString& list, QString* unknown) {
    ExportFormats f{false, false, false, false};
    for (const QString& raw : list.split(u',', Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed().toLower();
        if (name == QLatin1String("pdf")) {
            f.pdf = true;
        } else if (name == QLatin1String("png")) {
            f.png = true;
        } else if (name == QLatin1String("svg")) {
            f.svg = true;
        } else if (name == QLatin1String("csv")) {
            f.csv = true;
        } else {
            if (unknown) {
                *unknown = raw.trimmed();
            }
            return std::nullopt;
        }
    }
    if (!f.pdf && !f.png && !f.svg && !f.csv) {
        if (unknown) {
            *unknown = list;
        }
        return std::nullopt;
    }
    return f;
}

QString ReportExporter::sectionStem(const insight::ReportSection& section) {
    if (section.scope.kind != insight::Scope::Kind::Community || section.name.isEmpty()) {
        return QStringLiteral("overall");
    }
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9]+"));
    QString stem = section.name.normalized(QString::NormalizationForm_KD).toLower();
    stem.replace(unsafe, QStringLiteral("-"));
    while (stem.startsWith(u'-')) {
        stem.remove(0, 1);
    }
    while (stem.endsWith(u'-')) {
        stem.chop(1);
    }
    return stem.isEmpty() || stem == QLatin1String("overall") ? QStringLiteral("community-%1").arg(section.scope.id)
                                                              : stem.left(48);
}

QByteArray ReportExporter::summaryCsv(const insight::WeeklyReport& report) {
    QString out = QStringLiteral("section,community_id,week,from,to,incoming,outgoing,negative,neutral,positive,"
                                 "unscored,needing_reply,answered,response_rate,median_minutes,p90_minutes,backlog,"
                                 "oldest_waiting_minutes\n");
    auto row = [&](const QString& stem, const insight::ReportSection& s, const insight::Summary& m,
                   const QString& week) {
        const QStringList cells{stem,
                                s.scope.kind == insight::Scope::Kind::Community ? QString::number(s.scope.id)
                                                                                : QString(),
                                week,
                                QDateTime::fromMSecsSinceEpoch(m.period.from, m.period.timeZone).toString(Qt::ISODate),
                                QDateTime::fromMSecsSinceEpoch(m.period.to, m.period.timeZone).toString(Qt::ISODate),
                                QString::number(m.volume.incoming),
                                QString::number(m.volume.outgoing),
                                QString::number(m.sentiment.negative),
                                QString::number(m.sentiment.neutral),
                                QString::number(m.sentiment.positive),
                                QString::number(m.sentiment.unscored),
                                QString::number(m.response.needingReply),
                                QString::number(m.response.answered),
                                csvNumber(m.response.rate(), 4),
                                csvMs(m.response.medianMs),
                                csvMs(m.response.p90Ms),
                                QString::number(m.backlog.open),
                                csvMs(m.backlog.oldestAgeMs)};
        out += cells.join(u',') + u'\n';
    };
    const QString previousName = insight::isoWeekName(
        QDateTime::fromMSecsSinceEpoch(report.previousWeek.from, report.previousWeek.timeZone).date());
    QList<const insight::ReportSection*> sections{&report.overall};
    for (const insight::ReportSection& s : report.communities) {
        sections << &s;
    }
    for (const insight::ReportSection* s : std::as_const(sections)) {
        const QString stem = s == &report.overall ? QStringLiteral("overall") : sectionStem(*s);
        row(stem, *s, s->current, report.weekName);
        row(stem, *s, s->previous, previousName);
    }
    return out.toUtf8();
}

Expected<QStringList, Error> ReportExporter::write(const insight::WeeklyReport& report, const QString& outDir,
                                                   const ExportFormats& formats) {
    QDir dir(outDir);
    if (!dir.mkpath(QStringLiteral("."))) {
        return unexpected(ioError(outDir, tr("cannot create the folder")));
    }
    QStringList written;
    auto save = [&](const QString& name, const QByteArray& bytes) -> Expected<void, Error> {
        const QString path = dir.filePath(name);
        if (auto r = saveBytes(path, bytes); !r) {
            return r;
        }
        written << path;
        return {};
    };
    if (formats.pdf) {
        const QString path = dir.filePath(QStringLiteral("report-%1.pdf").arg(report.weekName));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return unexpected(ioError(path, file.errorString()));
        }
        {
            QPdfWriter pdf(&file);
            pdf.setPageSize(QPageSize(QPageSize::A4));
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            pdf.setResolution(96);
            pdf.setTitle(tr("Weekly engagement report %1").arg(report.weekName));
            pdf.setCreator(QStringLiteral("Baton"));
            paintPdf(report, pdf);
        }
        if (!file.commit()) {
            return unexpected(ioError(path, file.errorString()));
        }
        written << path;
    }
    if (formats.png || formats.svg || formats.csv) {
        QList<const insight::ReportSection*> sections{&report.overall};
        for (const insight::ReportSection& s : report.communities) {
            sections << &s;
        }
        QSet<QString> stems;
        struct Job {
            enum class Kind { Png, Svg, Csv };
            QString name;
            ChartSpec chart;
            Kind kind;
        };
        QList<Job> jobs;
        for (const insight::ReportSection* s : std::as_const(sections)) {
            QString stem = s == &report.overall ? QStringLiteral("overall") : sectionStem(*s);
            if (stems.contains(stem)) {
                stem += QStringLiteral("-%1").arg(s->scope.id);
            }
            stems.insert(stem);
            for (const ChartSpec& chart : ReportCharts::all(s->current)) {
                const QString base = stem + u'-' + chart.key;
                if (formats.png) {
                    jobs.append({base + QStringLiteral(".png"), chart, Job::Kind::Png});
                }
                if (formats.svg) {
                    jobs.append({base + QStringLiteral(".svg"), chart, Job::Kind::Svg});
                }
                if (formats.csv) {
                    jobs.append({base + QStringLiteral(".csv"), chart, Job::Kind::Csv});
                }
            }
        }
        // Painting and compressing are independent per file: spread over the cores, then written in order.
        const QList<QByteArray> bytes = QtConcurrent::blockingMapped(jobs, [](const Job& job) {
            switch (job.kind) {
            case Job::Kind::Png:
                return pngBytes(job.chart);
            case Job::Kind::Svg:
                return svgBytes(job.chart);
            case Job::Kind::Csv:
                break;
            }
            return ReportCharts::toCsv(job.chart);
        });
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            if (auto r = save(jobs[i].name, bytes[i]); !r) {
                return unexpected(r.error());
            }
        }
        if (formats.csv) {
            if (auto r = save(QStringLiteral("summary.csv"), summaryCsv(report)); !r) {
                return unexpected(r.error());
            }
        }
    }
    return written;
}

} // namespace baton::ui::report
