// `baton report`: the weekly engagement report as PDF, PNG, SVG and CSV files, headless.
#include "app/Cli.h"
#include "app/Profile.h"
#include "core/insight/WeeklyReport.h"
#include "ui/report/ReportExporter.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QLocale>
#include <QTranslator>

namespace baton::app {
namespace {

const char* const kReportUsage = "usage: baton report --week YYYY-Www --out DIR [--community ID|NAME] "
                                 "[--format pdf,png,svg,csv] [--lang en|fr] [--time-zone ZONE]";

// The report's language for this process: Baton's strings and the locale's dates and numbers.
bool useLanguage(const QString& lang) {
    static QTranslator translator;
    QLocale::setDefault(QLocale(lang == QLatin1String("fr") ? QLocale::French : QLocale::English,
                                lang == QLatin1String("fr") ? QLocale::France : QLocale::UnitedStates));
    // baton_en carries the English plural forms; both are compiled into the binary.
    if (!translator.load(QStringLiteral(":/i18n/baton_%1.qm").arg(lang))) {
        return lang == QLatin1String("en");
    }
    QCoreApplication::installTranslator(&translator);
    return true;
}

} // namespace

int Cli::reportCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addOption({QStringLiteral("week"), QStringLiteral("ISO week, e.g. 2026-W47"), QStringLiteral("WEEK")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Output folder"), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("community"), QStringLiteral("Only this community"), QStringLiteral("C")});
    p.addOption({QStringLiteral("format"), QStringLiteral("pdf,png,svg,csv"), QStringLiteral("LIST"),
                 QStringLiteral("pdf,png,svg,csv")});
    p.addOption({QStringLiteral("lang"), QStringLiteral("en or fr"), QStringLiteral("L"), QStringLiteral("en")});
    p.addOption({QStringLiteral("time-zone"), QStringLiteral("IANA zone for days and hours"), QStringLiteral("ZONE")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || !p.positionalArguments().isEmpty()) {
        return fail(p.errorText().isEmpty() ? QString::fromLatin1(kReportUsage) : p.errorText(), Usage);
    }
    if (!p.isSet(QStringLiteral("week")) || !p.isSet(QStringLiteral("out"))) {
        return fail(QString::fromLatin1(kReportUsage), Usage);
    }
    const QString zoneName = p.value(QStringLiteral("time-zone"));
    const QTimeZone zone = zoneName.isEmpty() ? QTimeZone::systemTimeZone() : QTimeZone(zoneName.toUtf8());
    if (!zone.isValid()) {
        return fail(QStringLiteral("unknown time zone \"%1\" (use an IANA name such as Europe/Paris)").arg(zoneName),
                    Usage);
    }
    const auto week = insight::parseIsoWeek(p.value(QStringLiteral("week")), zone);
    if (!week) {
        return fail(QStringLiteral("--week must be an ISO week such as 2026-W47, not \"%1\"")
                        .arg(p.value(QStringLiteral("week"))),
                    Usage);
    }
    QString unknown;
    const auto formats = ui::report::ExportFormats::parse(p.value(QStringLiteral("format")), &unknown);
    if (!formats) {
        return fail(QStringLiteral("unknown format \"%1\" (use pdf, png, svg, csv)").arg(unknown), Usage);
    }
    const QString lang = p.value(QStringLiteral("lang"));
    if (lang != QLatin1String("en") && lang != QLatin1String("fr")) {
        return fail(QStringLiteral("--lang must be en or fr"), Usage);
    }
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        return fail(QStringLiteral("the report needs a GUI application object (start it through baton report)"));
    }
    if (!useLanguage(lang)) {
        return fail(QStringLiteral("the %1 translation is missing from this build").arg(lang));
    }
    if (!openProfile()) {
        return Failure;
    }
    store::Database& db = m_profile->store().reader();
    insight::WeeklyReportOptions options;
    if (p.isSet(QStringLiteral("community"))) {
        const auto c = insight::findCommunity(db, p.value(QStringLiteral("community")));
        if (!c) {
            return fail(QStringLiteral("no single community matches \"%1\" (give its id, its name, or "
                                       "account/name)")
                            .arg(p.value(QStringLiteral("community"))));
        }
        options.communityId = c->id;
    }
    const insight::WeeklyReport report = insight::buildWeeklyReport(db, *week, SystemClock::instance(), options);
    const auto written = ui::report::ReportExporter::write(report, p.value(QStringLiteral("out")), *formats);
    if (!written) {
        return fail(written.error().detail);
    }
    m_out << "wrote " << written->size() << " files for " << report.weekName << " to " << p.value(QStringLiteral("out"))
          << Qt::endl;
    return Ok;
}

} // namespace baton::app
