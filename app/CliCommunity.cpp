// `baton community`: the communities Baton knows (subreddits, forum categories, channels, locations, feeds, mail
// folders) and their business hours, which first-response times count in.
#include "app/Cli.h"
#include "app/Profile.h"
#include "core/insight/BusinessHours.h"
#include "core/insight/Metrics.h"
#include "core/store/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace baton::app {
namespace {

// "Mon–Fri 09:00–17:30, Europe/Paris, 3 holidays" or "24/7".
QString describe(const insight::BusinessHours& h) {
    if (h.alwaysOpen) {
        return QStringLiteral("24/7");
    }
    static const char* const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    QStringList parts;
    for (int d = 0; d < 7; ++d) {
        QStringList windows;
        for (const auto& w : h.week[static_cast<std::size_t>(d)]) {
            windows << QStringLiteral("%1:%2-%3:%4")
                           .arg(w.startMinute / 60, 2, 10, QLatin1Char('0'))
                           .arg(w.startMinute % 60, 2, 10, QLatin1Char('0'))
                           .arg(w.endMinute / 60, 2, 10, QLatin1Char('0'))
                           .arg(w.endMinute % 60, 2, 10, QLatin1Char('0'));
        }
        if (!windows.isEmpty()) {
            parts << QString::fromLatin1(days[d]) + u' ' + windows.join(u',');
        }
    }
    QString out = parts.isEmpty() ? QStringLiteral("closed every day") : parts.join(QStringLiteral("; "));
    out += QStringLiteral(" (%1)").arg(QString::fromUtf8(h.timeZone.id()));
    if (!h.holidays.isEmpty()) {
        out += QStringLiteral(", %1 holiday(s)").arg(h.holidays.size());
    }
    return out;
}

} // namespace

int Cli::communityCmd(const QStringList& args) {
    const QString usage = QStringLiteral(
        "usage: baton community list [--json]\n"
        "       baton community hours COMMUNITY (--file FILE|- | --always-open)   COMMUNITY: id or name");
    const QString sub = args.value(0);
    if (sub == QLatin1String("list")) {
        const bool json = args.contains(QLatin1String("--json"));
        if (args.size() > (json ? 2 : 1)) {
            return fail(usage, Usage);
        }
        if (!openProfile()) {
            return Failure;
        }
        store::Database& db = m_profile->store().reader();
        QJsonArray out;
        for (const auto& c : insight::communities(db)) {
            const insight::BusinessHours hours = insight::businessHoursFor(db, insight::Scope::community(c.id));
            if (json) {
                out.append(QJsonObject{{QStringLiteral("id"), c.id},
                                       {QStringLiteral("name"), c.name},
                                       {QStringLiteral("account"), c.accountName},
                                       {QStringLiteral("network"), model::toString(c.network)},
                                       {QStringLiteral("business_hours"), hours.toJson()}});
            } else {
                m_out << c.id << "\t" << c.name << "\t" << c.accountName << "\t" << describe(hours) << Qt::endl;
            }
        }
        if (json) {
            m_out << QJsonDocument(out).toJson(QJsonDocument::Indented);
        } else if (out.isEmpty() && insight::communities(db).isEmpty()) {
            m_out << "no communities yet (they appear as accounts sync)" << Qt::endl;
        }
        return Ok;
    }
    if (sub != QLatin1String("hours") || args.size() < 3) {
        return fail(usage, Usage);
    }
    const QString which = args.at(1);
    const QString option = args.at(2);
    insight::BusinessHours hours;
    if (option == QLatin1String("--always-open") && args.size() == 3) {
        hours = insight::BusinessHours::twentyFourSeven();
    } else if (option == QLatin1String("--file") && args.size() == 4) {
        QFile f;
        const QString path = args.at(3);
        const bool opened = path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                                       : (f.setFileName(path), f.open(QIODevice::ReadOnly));
        if (!opened) {
            return fail(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()), Usage);
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (!doc.isObject()) {
            return fail(QStringLiteral("%1 is not a JSON object: %2").arg(path, error.errorString()), Usage);
        }
        auto parsed = insight::BusinessHours::fromJson(doc.object());
        if (!parsed) {
            return fail(QStringLiteral("business hours in %1: %2").arg(path, parsed.error().detail), Usage);
        }
        hours = *parsed;
    } else {
        return fail(usage, Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    QList<insight::CommunityInfo> matches;
    bool isId = false;
    const qint64 id = which.toLongLong(&isId);
    for (const auto& c : insight::communities(m_profile->store().reader())) {
        if ((isId && c.id == id) || c.name.compare(which, Qt::CaseInsensitive) == 0) {
            matches.append(c);
        }
    }
    if (matches.isEmpty()) {
        return fail(QStringLiteral("no community \"%1\" (see baton community list)").arg(which));
    }
    if (matches.size() > 1) {
        return fail(
            QStringLiteral("several communities are named \"%1\": give its id (see baton community list)").arg(which));
    }
    const insight::CommunityInfo community = matches.first();
    auto r = m_profile->store().writer().run([&](store::Database& db, store::ChangeSet&) {
        return insight::setCommunityBusinessHours(db, community.id, hours);
    });
    if (!r) {
        return fail(r.error().toString());
    }
    m_out << "business hours of " << community.name << ": " << describe(hours) << Qt::endl;
    return Ok;
}

} // namespace baton::app
