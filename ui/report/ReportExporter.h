#pragma once

#include "core/common/Error.h"
#include "core/common/Expected.h"
#include "core/insight/WeeklyReport.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QPainter;
class QPagedPaintDevice;

namespace baton::ui::report {

struct ExportFormats {
    bool pdf = true;
    bool png = true;
    bool svg = true;
    bool csv = true;
    // "pdf,png,svg,csv" in any order and subset; nullopt names the first unknown format in `unknown`.
    static std::optional<ExportFormats> parse(const QString& list, QString* unknown = nullptr);
};

// Writes a weekly report: report-<week>.pdf (cover with the headline figures and their change, one section per
// community, notable items), <section>-<chart>.png/.svg/.csv per chart, and summary.csv with the headline
// figures of every section. Needs a QGuiApplication (fonts); works on the offscreen platform. Texts follow the
// installed translator and the default QLocale.
class ReportExporter final {
    Q_DECLARE_TR_FUNCTIONS(ReportExporter)

public:
    // The files written, in order. Creates outDir when needed. On error, files already written stay (each is
    // complete: written to a temporary name, then renamed).
    static Expected<QStringList, Error> write(const insight::WeeklyReport& report, const QString& outDir,
                                              const ExportFormats& formats);

    // The PDF's pages on any paged device (the GUI's print preview can use it too).
    static void paintPdf(const insight::WeeklyReport& report, QPagedPaintDevice& device);

    // File stem of a section: "overall", or the community's name made safe ("support", "r-baton").
    static QString sectionStem(const insight::ReportSection& section);
    // The numbers under the cover and section headers: one row per section and week.
    static QByteArray summaryCsv(const insight::WeeklyReport& report);
};

} // namespace baton::ui::report
