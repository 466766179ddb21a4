#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace baton::sandbox {

class MastodonData;

// Turns typed status text into the sanitised HTML Mastodon serves: escaped text (&amp; &lt; &gt; &quot; &#39;),
// <p> per paragraph and <br /> per line, h-card mentions for accounts it knows, hashtag links, and URLs split
// into invisible scheme / visible part / ellipsis spans.
class MastodonHtml final {
public:
    struct Rendered {
        QString html;
        QList<qint64> mentionIds;
        QStringList tags;
    };

    static Rendered render(const QString& text, const MastodonData& data);
    static QString escape(QStringView text);
};

} // namespace baton::sandbox
