#pragma once

#include "core/insight/Metrics.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <optional>

namespace baton::ui::report {

// How a figure compares with the previous period: "▲ 12%", "▼ 3 pts", with a colour saying whether that is good.
struct Change {
    QString text;
    QColor color;
};

// The wording of report and dashboard figures, translated and in the default QLocale.
class ReportFormat final {
    Q_DECLARE_TR_FUNCTIONS(ReportFormat)

public:
    enum class Better { Higher, Lower, Neither };

    // "< 1 min", "45 min", "2 h 05 min", "3 d 4 h"; "—" for none.
    static QString duration(std::optional<qint64> ms);
    // "75%" / "75 %"
    static QString percent(double share);
    static QString count(qint64 n);
    // Relative change of a count or a duration.
    static Change relative(double now, double before, Better better);
    static Change relative(std::optional<qint64> now, std::optional<qint64> before, Better better);
    // Change of a share in percentage points.
    static Change points(double now, double before, Better better);
    // "Week 47, 16–22 November 2026"
    static QString weekTitle(const insight::Period& week);
    // "Mon–Fri 09:00–17:00 (Europe/Paris), 2 holidays" or "24/7".
    static QString businessHours(const insight::BusinessHours& h);
    static QString sentimentMark(std::optional<double> score); // "▼ negative", "● neutral", "▲ positive"
};

} // namespace baton::ui::report
