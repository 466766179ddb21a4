#pragma once

#include <QString>

namespace baton::sandbox::youtube {

// textDisplay as YouTube renders a comment's textOriginal: HTML-escaped, newlines as <br>, links and video
// timestamps ("1:23") as anchors.
QString displayHtml(const QString& text, const QString& videoId);
// "2024-05-01T12:00:00Z": YouTube's publishedAt has whole seconds.
QString timestamp(qint64 ms);

} // namespace baton::sandbox::youtube
