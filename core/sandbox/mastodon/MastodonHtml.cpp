#include "core/sandbox/mastodon/MastodonHtml.h"

#include "core/sandbox/mastodon/MastodonData.h"

namespace baton::sandbox {

namespace {

bool isTrailingPunctuation(QChar c) {
    return QStringView(u".,;:!?)\"'»").contains(c);
}

bool isHandleChar(QChar c) {
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
}

// "user" or "user@host.name": handle characters, at most one '@', host with dots and dashes.
bool isAcct(QStringView acct) {
    const qsizetype at = acct.indexOf(QLatin1Char('@'));
    const QStringView user = at < 0 ? acct : acct.first(at);
    if (user.isEmpty()) {
        return false;
    }
    for (const QChar c : user) {
        if (!isHandleChar(c)) {
            return false;
        }
    }
    if (at < 0) {
        return true;
    }
    const QStringView host = acct.sliced(at + 1);
    if (host.isEmpty() || !host.contains(QLatin1Char('.'))) {
        return false;
    }
    for (const QChar c : host) {
        if (!isHandleChar(c) && c != QLatin1Char('.') && c != QLatin1Char('-')) {
            return false;
        }
    }
    return true;
}

QString renderLink(QStringView url) {
    qsizetype prefixLength = url.startsWith(u"https://") ? 8 : 7;
    if (url.sliced(prefixLength).startsWith(u"www.")) {
        prefixLength += 4;
    }
    const QStringView prefix = url.first(prefixLength);
    const QStringView rest = url.sliced(prefixLength);
    QString html = QStringLiteral("<a href=\"") + MastodonHtml::escape(url) +
                   QStringLiteral("\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" translate=\"no\">"
                                  "<span class=\"invisible\">") +
                   MastodonHtml::escape(prefix) + QStringLiteral("</span>");
    if (rest.size() > 30) {
        html += QStringLiteral("<span class=\"ellipsis\">") + MastodonHtml::escape(rest.first(30)) +
                QStringLiteral("</span><span class=\"invisible\">") + MastodonHtml::escape(rest.sliced(30)) +
                QStringLiteral("</span></a>");
    } else {
        html += QStringLiteral("<span class=\"\">") + MastodonHtml::escape(rest) +
                QStringLiteral("</span><span class=\"invisible\"></span></a>");
    }
    return html;
}

class LineRenderer {
public:
    LineRenderer(const MastodonData& data, MastodonHtml::Rendered& out)
        : m_data(data)
        , m_out(out) {}

    void renderToken(QStringView token) {
        qsizetype end = token.size();
        while (end > 0 && isTrailingPunctuation(token.at(end - 1))) {
            --end;
        }
        const QStringView core = token.first(end);
        const QStringView tail = token.sliced(end);
        if (!renderSpecial(core)) {
            m_out.html += MastodonHtml::escape(core);
        }
        m_out.html += MastodonHtml::escape(tail);
    }

private:
    bool renderSpecial(QStringView core) {
        if ((core.startsWith(u"https://") && core.size() > 8) || (core.startsWith(u"http://") && core.size() > 7)) {
            m_out.html += renderLink(core);
            return true;
        }
        if (core.startsWith(QLatin1Char('@')) && isAcct(core.sliced(1))) {
            const MastodonPerson* person = m_data.personByAcct(core.sliced(1).toString());
            if (person == nullptr) {
                return false;
            }
            if (!m_out.mentionIds.contains(person->id)) {
                m_out.mentionIds.append(person->id);
            }
            m_out.html += QStringLiteral("<span class=\"h-card\"><a href=\"") +
                          MastodonHtml::escape(m_data.profileUrl(*person)) +
                          QStringLiteral("\" class=\"u-url mention\">@<span>") +
                          MastodonHtml::escape(person->username) + QStringLiteral("</span></a></span>");
            return true;
        }
        if (core.startsWith(QLatin1Char('#')) && core.size() > 1) {
            const QStringView tag = core.sliced(1);
            for (const QChar c : tag) {
                if (!c.isLetterOrNumber() && c != QLatin1Char('_')) {
                    return false;
                }
            }
            const QString name = tag.toString();
            if (!m_out.tags.contains(name.toLower())) {
                m_out.tags.append(name.toLower());
            }
            m_out.html += QStringLiteral("<a href=\"https://") + MastodonData::localDomain() +
                          QStringLiteral("/tags/") + MastodonHtml::escape(name.toLower()) +
                          QStringLiteral("\" class=\"mention hashtag\" rel=\"tag\">#<span>") +
                          MastodonHtml::escape(tag) + QStringLiteral("</span></a>");
            return true;
        }
        return false;
    }

    const MastodonData& m_data;
    MastodonHtml::Rendered& m_out;
};

} // namespace

QString MastodonHtml::escape(QStringView text) {
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
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
        case '\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

MastodonHtml::Rendered MastodonHtml::render(const QString& text, const MastodonData& data) {
    Rendered out;
    out.html.reserve(text.size() * 2 + 32);
    LineRenderer renderer(data, out);
    QString normalised = text;
    normalised.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    const QStringList paragraphs = normalised.split(QLatin1String("\n\n"), Qt::SkipEmptyParts);
    for (const QString& paragraph : paragraphs) {
        const QString trimmed = paragraph.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        out.html += QLatin1String("<p>");
        const QStringList lines = trimmed.split(QLatin1Char('\n'));
        for (qsizetype l = 0; l < lines.size(); ++l) {
            if (l > 0) {
                out.html += QLatin1String("<br />");
            }
            const QString& line = lines.at(l);
            qsizetype i = 0;
            while (i < line.size()) {
                if (line.at(i).isSpace()) {
                    out.html += line.at(i);
                    ++i;
                    continue;
                }
                qsizetype j = i;
                while (j < line.size() && !line.at(j).isSpace()) {
                    ++j;
                }
                renderer.renderToken(QStringView(line).sliced(i, j - i));
                i = j;
            }
        }
        out.html += QLatin1String("</p>");
    }
    return out;
}

} // namespace baton::sandbox
