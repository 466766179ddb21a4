#include "core/connectors/LinkHeader.h"

namespace baton::connectors {

QMap<QString, QUrl> parseLinkHeader(const QByteArray& value) {
    QMap<QString, QUrl> out;
    const QString text = QString::fromLatin1(value);
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf(u'<', i);
        if (open < 0) {
            break;
        }
        const qsizetype close = text.indexOf(u'>', open + 1);
        if (close < 0) {
            break;
        }
        const QUrl target(text.mid(open + 1, close - open - 1));
        // Parameters run until the next link, i.e. the next '<' (a ',' may also appear inside quotes).
        qsizetype end = text.indexOf(u'<', close + 1);
        if (end < 0) {
            end = text.size();
        }
        const QString params = text.mid(close + 1, end - close - 1);
        for (const QString& raw : params.split(u';')) {
            const QString p = raw.trimmed();
            if (!p.startsWith(QLatin1String("rel"), Qt::CaseInsensitive)) {
                continue;
            }
            const qsizetype eq = p.indexOf(u'=');
            if (eq < 0) {
                continue;
            }
            QString rels = p.mid(eq + 1).trimmed();
            if (rels.endsWith(u',')) {
                rels.chop(1);
            }
            rels.remove(u'"');
            for (const QString& rel : rels.split(u' ', Qt::SkipEmptyParts)) {
                if (!out.contains(rel.toLower()) && target.isValid()) {
                    out.insert(rel.toLower(), target);
                }
            }
        }
        i = close + 1;
    }
    return out;
}

} // namespace baton::connectors
