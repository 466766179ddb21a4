#include "core/sandbox/discourse/DiscourseCooker.h"

#include <QRegularExpression>
#include <QStringList>

namespace baton::sandbox {

namespace {

const QRegularExpression& inlinePattern() {
    // @mention, :emoji:, or an http(s) link.
    static const QRegularExpression re(QStringLiteral(
        R"((?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9_])|:([a-z0-9_+-]+):|(https?://[^\s<>"]+))"));
    return re;
}

QString smartApostrophes(QString text) {
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        if (text.at(i) == u'\'' && text.at(i - 1).isLetter() && text.at(i + 1).isLetter()) {
            text[i] = QChar(0x2019);
        }
    }
    return text;
}

QString cookInline(const QString& text) {
    QString out;
    qsizetype last = 0;
    auto it = inlinePattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += DiscourseCooker::escape(smartApostrophes(text.mid(last, m.capturedStart() - last)));
        if (m.capturedLength(1) > 0) {
            const QString name = m.captured(1);
            out += QStringLiteral("<a class=\"mention\" href=\"/u/%1\">@%2</a>").arg(name.toLower(), name);
        } else if (m.capturedLength(2) > 0) {
            const QString code = m.captured(2);
            out += QStringLiteral("<img src=\"/images/emoji/twitter/%1.png?v=12\" title=\":%1:\" class=\"emoji\" "
                                  "alt=\":%1:\" loading=\"lazy\" width=\"20\" height=\"20\">")
                       .arg(code);
        } else {
            QString url = m.captured(3);
            while (url.endsWith(u'.') || url.endsWith(u',') || url.endsWith(u')')) {
                url.chop(1);
            }
            const QString escaped = DiscourseCooker::escape(url);
            out += QStringLiteral("<a href=\"%1\" rel=\"noopener nofollow ugc\">%1</a>").arg(escaped);
            out += DiscourseCooker::escape(m.captured(3).mid(url.size()));
        }
        last = m.capturedEnd();
    }
    out += DiscourseCooker::escape(smartApostrophes(text.mid(last)));
    return out;
}

QString cookParagraph(const QString& paragraph) {
    QStringList lines = paragraph.split(u'\n');
    for (QString& line : lines) {
        line = cookInline(line);
    }
    return QStringLiteral("<p>") + lines.join(QStringLiteral("<br>\n")) + QStringLiteral("</p>");
}

QString onebox(const QString& url) {
    const QString e = DiscourseCooker::escape(url);
    QString host = url.section(u'/', 2, 2);
    return QStringLiteral("<aside class=\"onebox allowlistedgeneric\" data-onebox-src=\"%1\">\n"
                          "  <header class=\"source\"><a href=\"%1\" target=\"_blank\" rel=\"noopener nofollow ugc\">"
                          "%2</a></header>\n"
                          "  <article class=\"onebox-body\"><h3><a href=\"%1\" target=\"_blank\" "
                          "rel=\"noopener nofollow ugc\">%2</a></h3></article>\n</aside>")
        .arg(e, DiscourseCooker::escape(host));
}

} // namespace

QString DiscourseCooker::escape(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '"':
            out += QStringLiteral("&quot;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString DiscourseCooker::cook(const QString& raw) {
    static const QRegularExpression quote(
        QStringLiteral(R"re(\[quote="([^,"]+), post:(\d+), topic:(\d+)"\]\s*(.*?)\s*\[/quote\])re"),
        QRegularExpression::DotMatchesEverythingOption);
    QStringList blocks;
    QString rest = raw;
    rest.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    qsizetype pos = 0;
    auto cookPlain = [&blocks](const QString& text) {
        const QStringList paragraphs = text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
        for (const QString& p : paragraphs) {
            const QString trimmed = p.trimmed();
            if (trimmed.isEmpty()) {
                continue;
            }
            static const QRegularExpression lone(QStringLiteral(R"(^https?://\S+$)"));
            blocks << (lone.match(trimmed).hasMatch() ? onebox(trimmed) : cookParagraph(trimmed));
        }
    };
    auto it = quote.globalMatch(rest);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        cookPlain(rest.mid(pos, m.capturedStart() - pos));
        const QString user = m.captured(1).trimmed();
        blocks << QStringLiteral("<aside class=\"quote no-group\" data-username=\"%1\" data-post=\"%2\" "
                                 "data-topic=\"%3\">\n<div class=\"title\">\n<div class=\"quote-controls\"></div>\n"
                                 "<img loading=\"lazy\" alt=\"\" width=\"24\" height=\"24\" "
                                 "src=\"/letter_avatar_proxy/v4/letter/%4/b5ac83/48.png\" class=\"avatar\"> %1:</div>\n"
                                 "<blockquote>\n%5\n</blockquote>\n</aside>")
                      .arg(escape(user), m.captured(2), m.captured(3), user.left(1).toLower(),
                           cookParagraph(m.captured(4)));
        pos = m.capturedEnd();
    }
    cookPlain(rest.mid(pos));
    return blocks.join(u'\n');
}

} // namespace baton::sandbox
