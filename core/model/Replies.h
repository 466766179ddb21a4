#pragma once

#include "core/model/Item.h"

#include <QString>

// What each network accepts as a reply, checked before anything is queued (the composer, `baton reply`).
namespace baton::model {

// The longest reply the network takes, as replyLength() counts (0: Baton cannot reply there: feeds).
int replyLimit(Network network);

// A reply's length as the network counts it: Bluesky in graphemes (an emoji with its modifiers is one);
// Mastodon in characters, every link as 23 and a mention @name@server as @name; elsewhere in characters
// (Unicode code points).
int replyLength(Network network, const QString& text);

// A second cap some networks put on the encoded text: Bluesky's 3000 bytes of UTF-8 (which 300 graphemes of long
// emoji sequences can pass). 0: none.
int replyByteLimit(Network network);
// Within both of the network's limits.
bool replyFits(Network network, const QString& text);

enum class ReplyRefusal {
    None,
    NoReplies,    // the network takes no replies from Baton (feeds: open the item's link)
    NotPublished, // YouTube takes replies only to published comments (held, likely spam or rejected ones: no)
};
ReplyRefusal replyRefusal(const Item& item);

} // namespace baton::model
