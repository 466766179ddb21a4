#include "app/Cli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Baton"));
    QCoreApplication::setApplicationName(QStringLiteral("baton"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BATON_VERSION));

    // Global options come before the command; everything after the command belongs to it.
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Profile directory"),
                                     QStringLiteral("DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Run on the built-in sandbox"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version"));
    parser.addOptions({profile, demo, help, version});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do"));
    if (!parser.parse(QCoreApplication::arguments())) {
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
    QStringList command = parser.positionalArguments();
    if (parser.isSet(demo)) {
        command.prepend(QStringLiteral("demo"));
    }
    baton::app::Cli cli;
    return cli.run(parser.value(profile), command);
}
