#pragma once

#include <QString>
#include <QStringView>

namespace baton {

struct SanitizedHtml {
    QString text; // plain text: entities decoded, paragraphs as blank lines, <br> as newlines
    QString html; // safe rich form: escaped text, <a href> (http/https/mailto only) and <br> only
};

// Turns network HTML (Mastodon statuses, Discourse cooked posts...) into plain text and a safe rich form.
// Everything not on the allow-list is dropped; script/style contents are dropped entirely. Never fails.
SanitizedHtml sanitizeHtml(QStringView html);

// Decodes the HTML character references in text (named, decimal and hex); unknown ones are kept verbatim.
QString decodeEntities(QStringView text);

// True when url uses a scheme that may be opened from the app (http, https, mailto).
bool isSafeLinkUrl(QStringView url);

} // namespace baton
