#include "core/sandbox/youtube/YouTubeText.h"

#include <QDateTime>
#include <QRegularExpression>

namespace baton::sandbox::youtube {

QString displayHtml(const QString& text, const QString& videoId) {
    static const QRegularExpression token(QStringLiteral(R"((https?://[^\s<>"]+)|\b(\d{1,2}):([0-5]\d)\b)"));
    QString out;
    qsizetype at = 0;
    auto it = token.globalMatch(text);
    const auto escaped = [](QStringView s) {
        return s.toString().toHtmlEscaped().replace(QLatin1Char('\''), QStringLiteral("&#39;"));
    };
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += escaped(QStringView(text).mid(at, m.capturedStart() - at));
        if (m.capturedLength(1) > 0) {
            const QString link = m.captured(1);
            out += QStringLiteral("<a href=\"%1\">%2</a>").arg(link.toHtmlEscaped(), link.toHtmlEscaped());
        } else {
            const int seconds = m.captured(2).toInt() * 60 + m.captured(3).toInt();
            out += QStringLiteral("<a href=\"https://www.youtube.com/watch?v=%1&amp;t=%2\">%3</a>")
                       .arg(videoId)
                       .arg(seconds)
                       .arg(m.captured(0));
        }
        at = m.capturedEnd();
    }
    out += escaped(QStringView(text).mid(at));
    out.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return out;
}

QString timestamp(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace baton::sandbox::youtube
