#pragma once

#include <QString>

namespace baton::sandbox {

// Discourse's "cooking" of a post's raw markdown into the HTML its API serves as `cooked`, for the subset the
// sandbox writes: paragraphs and line breaks, @mentions, :emoji: shortcodes, bare links (a link alone on its
// line becomes a onebox), [quote] blocks, smart apostrophes, and entity-escaped text. Links stay relative where
// Discourse makes them relative (/u/..., /images/emoji/...).
namespace DiscourseCooker {
QString cook(const QString& raw);
QString escape(const QString& text);
} // namespace DiscourseCooker

} // namespace baton::sandbox
