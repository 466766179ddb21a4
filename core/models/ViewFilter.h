#pragma once

#include "core/store/InboxQuery.h"

namespace baton::models {

// What a saved view or a source shows in the inbox.
struct ViewFilter {
    store::InboxFilter sql;
    // Items whose text asks a question. InboxFilter cannot say this yet, so InboxModel applies it to each page
    // it reads; pages stay keyset pages of the SQL above.
    bool questionsOnly = false;
};

} // namespace baton::models
