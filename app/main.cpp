#include "app/Cli.h"
#include "app/GuiSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QTextStream>

namespace {

void setNames() {
    QCoreApplication::setOrganizationName(QStringLiteral("Baton"));
    QCoreApplication::setApplicationName(QStringLiteral("baton"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BATON_VERSION));
}

} // namespace

int main(int argc, char** argv) {
    QStringList args;
    for (int i = 0; i < argc; ++i) {
        args << QString::fromLocal8Bit(argv[i]);
    }
    // Global options come before the command; everything after the command belongs to it. Parsed before any
    // application object exists: a command runs headless (QCoreApplication), no command opens the window.
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Profile directory"),
                                     QStringLiteral("DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Run on the built-in sandbox"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version"));
    parser.addOptions({profile, demo, help, version});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do"));
    if (!parser.parse(args)) {
        QTextStream(stderr) << "baton: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << baton::app::cliUsage();
        return 0;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << "baton " << BATON_VERSION << "\n";
        return 0;
    }
    const QStringList command = parser.positionalArguments();
    if (!command.isEmpty() && command.first() == QLatin1String("report")) {
        // The report paints (fonts, PDF, PNG, SVG) but never needs a display: the offscreen platform keeps it
        // working from cron and over ssh.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        QGuiApplication app(argc, argv);
        setNames();
        baton::app::Cli cli;
        return cli.run(parser.value(profile), command);
    }
    if (!command.isEmpty()) {
        QCoreApplication app(argc, argv);
        setNames();
        baton::app::Cli cli;
        return cli.run(parser.value(profile), command);
    }
    QApplication app(argc, argv);
    setNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Baton"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/baton.svg")));
    return baton::app::runGui(parser.value(profile), parser.isSet(demo));
}
