#include "core/common/Html.h"

#include <QHash>

namespace baton {
namespace {

const QHash<QString, char32_t>& namedEntities() {
    static const QHash<QString, char32_t> map = {
        {QStringLiteral("amp"), U'&'},    {QStringLiteral("lt"), U'<'},     {QStringLiteral("gt"), U'>'},
        {QStringLiteral("quot"), U'"'},   {QStringLiteral("apos"), U'\''},  {QStringLiteral("nbsp"), U'\u00a0'},
        {QStringLiteral("hellip"), U'…'}, {QStringLiteral("mdash"), U'—'},  {QStringLiteral("ndash"), U'–'},
        {QStringLiteral("laquo"), U'«'},  {QStringLiteral("raquo"), U'»'},  {QStringLiteral("rsquo"), U'’'},
        {QStringLiteral("lsquo"), U'‘'},  {QStringLiteral("ldquo"), U'“'},  {QStringLiteral("rdquo"), U'”'},
        {QStringLiteral("eacute"), U'é'}, {QStringLiteral("egrave"), U'è'}, {QStringLiteral("agrave"), U'à'},
        {QStringLiteral("ccedil"), U'ç'}, {QStringLiteral("ecirc"), U'ê'},  {QStringLiteral("euro"), U'€'},
        {QStringLiteral("copy"), U'©'},   {QStringLiteral("reg"), U'®'},    {QStringLiteral("trade"), U'™'},
    };
    return map;
}

void appendCodePoint(QString& out, char32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out += QChar(0xFFFD);
        return;
    }
    out += QString::fromUcs4(&cp, 1);
}

QString escapeHtml(QStringView s) {
    QString out;
    out.reserve(s.size());
    for (QChar c : s) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case '\n':
            out += QLatin1String("<br>");
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Reads attribute name="value" pairs from the inside of a start tag.
QString attribute(QStringView tagBody, QLatin1String name) {
    qsizetype i = 0;
    const qsizetype n = tagBody.size();
    while (i < n) {
        while (i < n && (tagBody[i].isSpace() || tagBody[i] == u'/')) {
            ++i;
        }
        const qsizetype nameStart = i;
        while (i < n && !tagBody[i].isSpace() && tagBody[i] != u'=' && tagBody[i] != u'/') {
            ++i;
        }
        const QStringView attrName = tagBody.mid(nameStart, i - nameStart);
        while (i < n && tagBody[i].isSpace()) {
            ++i;
        }
        QStringView value;
        if (i < n && tagBody[i] == u'=') {
            ++i;
            while (i < n && tagBody[i].isSpace()) {
                ++i;
            }
            if (i < n && (tagBody[i] == u'"' || tagBody[i] == u'\'')) {
                const QChar quote = tagBody[i++];
                const qsizetype vs = i;
                while (i < n && tagBody[i] != quote) {
                    ++i;
                }
                value = tagBody.mid(vs, i - vs);
                ++i;
            } else {
                const qsizetype vs = i;
                while (i < n && !tagBody[i].isSpace()) {
                    ++i;
                }
                value = tagBody.mid(vs, i - vs);
            }
        }
        if (attrName.compare(name, Qt::CaseInsensitive) == 0) {
            return decodeEntities(value);
        }
        if (attrName.isEmpty()) {
            ++i;
        }
    }
    return {};
}

} // namespace

bool isSafeLinkUrl(QStringView url) {
    const QStringView u = url.trimmed();
    return u.startsWith(QLatin1String("https://"), Qt::CaseInsensitive) ||
           u.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           u.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive);
}

QString decodeEntities(QStringView text) {
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c != u'&') {
            out += c;
            continue;
        }
        const qsizetype semi = text.indexOf(u';', i + 1);
        if (semi < 0 || semi - i > 12) {
            out += c;
            continue;
        }
        const QStringView ref = text.mid(i + 1, semi - i - 1);
        bool ok = false;
        char32_t cp = 0;
        if (ref.startsWith(u'#')) {
            if (ref.size() > 1 && (ref[1] == u'x' || ref[1] == u'X')) {
                cp = static_cast<char32_t>(ref.mid(2).toUInt(&ok, 16));
            } else {
                cp = static_cast<char32_t>(ref.mid(1).toUInt(&ok, 10));
            }
        } else {
            const auto it = namedEntities().constFind(ref.toString());
            if (it != namedEntities().constEnd()) {
                cp = it.value();
                ok = true;
            }
        }
        if (!ok) {
            out += c;
            continue;
        }
        appendCodePoint(out, cp);
        i = semi;
    }
    return out;
}

SanitizedHtml sanitizeHtml(QStringView html) {
    SanitizedHtml result;
    QString& text = result.text;
    QString& rich = result.html;
    text.reserve(html.size());
    rich.reserve(html.size());

    bool inLink = false;
    int skipDepth = 0; // inside <script>/<style>: content dropped
    bool pendingParagraph = false;

    auto flushParagraph = [&] {
        if (pendingParagraph && !text.isEmpty()) {
            text += QLatin1String("\n\n");
            rich += QLatin1String("<br><br>");
        }
        pendingParagraph = false;
    };

    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = html[i];
        if (c == u'<') {
            const qsizetype close = html.indexOf(u'>', i + 1);
            if (close < 0) {
                break; // an unterminated tag: drop the rest rather than show markup
            }
            QStringView tag = html.mid(i + 1, close - i - 1);
            i = close + 1;
            if (tag.startsWith(QLatin1String("!--"))) {
                const qsizetype end = html.indexOf(QLatin1String("-->"), i - 1 - tag.size() + 3);
                i = end < 0 ? n : end + 3;
                continue;
            }
            const bool closing = tag.startsWith(u'/');
            if (closing) {
                tag = tag.mid(1);
            }
            qsizetype nameEnd = 0;
            while (nameEnd < tag.size() && (tag[nameEnd].isLetterOrNumber())) {
                ++nameEnd;
            }
            const QString name = tag.left(nameEnd).toString().toLower();
            const QStringView body = tag.mid(nameEnd);
            if (name == QLatin1String("script") || name == QLatin1String("style")) {
                skipDepth = closing ? qMax(0, skipDepth - 1) : skipDepth + 1;
                continue;
            }
            if (skipDepth > 0) {
                continue;
            }
            if (name == QLatin1String("br")) {
                flushParagraph();
                text += u'\n';
                rich += QLatin1String("<br>");
            } else if (name == QLatin1String("p") || name == QLatin1String("div") ||
                       name == QLatin1String("blockquote") || name == QLatin1String("li")) {
                if (!text.isEmpty()) {
                    pendingParagraph = true;
                }
            } else if (name == QLatin1String("a")) {
                if (closing) {
                    if (inLink) {
                        rich += QLatin1String("</a>");
                        inLink = false;
                    }
                } else {
                    flushParagraph();
                    const QString href = attribute(body, QLatin1String("href"));
                    if (inLink) {
                        rich += QLatin1String("</a>");
                        inLink = false;
                    }
                    if (isSafeLinkUrl(href)) {
                        const QString cls = attribute(body, QLatin1String("class"));
                        rich += QLatin1String("<a href=\"") + escapeHtml(href.trimmed()) + u'"';
                        if (cls.contains(QLatin1String("mention")) && !cls.contains(QLatin1String("hashtag"))) {
                            rich += QLatin1String(" class=\"mention\"");
                        }
                        rich += u'>';
                        inLink = true;
                    }
                }
            }
            continue;
        }
        if (skipDepth > 0) {
            ++i;
            continue;
        }
        qsizetype next = html.indexOf(u'<', i);
        if (next < 0) {
            next = n;
        }
        QString chunk = decodeEntities(html.mid(i, next - i));
        // Source newlines inside HTML are just whitespace.
        chunk.replace(u'\n', u' ').replace(u'\r', u' ');
        if (!chunk.isEmpty()) {
            if (!(chunk.trimmed().isEmpty() && text.isEmpty())) {
                flushParagraph();
                text += chunk;
                rich += escapeHtml(chunk);
            }
        }
        i = next;
    }
    if (inLink) {
        rich += QLatin1String("</a>");
    }
    // Trim trailing whitespace lines.
    while (!text.isEmpty() && text.back().isSpace()) {
        text.chop(1);
    }
    return result;
}

} // namespace baton
