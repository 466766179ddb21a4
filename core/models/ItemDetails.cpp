#include "core/models/ItemDetails.h"

#include "core/store/AccountRepository.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/store/TagRepository.h"

#include <algorithm>

namespace baton::models {

std::optional<ItemDetails> loadItemDetails(store::Database& db, qint64 itemId) {
    auto item = store::ItemRepository::byId(db, itemId);
    if (!item) {
        return std::nullopt;
    }
    ItemDetails d;
    d.item = *item;
    const QString threadId = item->threadRemoteId.isEmpty() ? item->remoteId : item->threadRemoteId;
    d.thread = store::ItemRepository::thread(db, item->accountId, threadId);
    if (std::none_of(d.thread.cbegin(), d.thread.cend(), [&](const model::Item& t) { return t.id == itemId; })) {
        d.thread.append(*item);
    }
    std::sort(d.thread.begin(), d.thread.end(),
              [](const model::Item& a, const model::Item& b) { return a.createdAt < b.createdAt; });
    if (auto account = store::AccountRepository::byId(db, item->accountId)) {
        d.accountName = account->name;
    }
    if (item->author.id > 0) {
        // The author's history; identities are per network, merging people is the people module's job.
        store::Statement st(db, "SELECT count(*), min(created_at) FROM items WHERE identity_id = ? AND id <> ?");
        st.bind(1, item->author.id).bind(2, itemId);
        if (st.next()) {
            d.authorItems = st.int64(0);
            d.authorFirstSeen = st.isNull(1) ? 0 : std::min(st.int64(1), item->createdAt);
        }
    }
    d.lastReply = store::OutboxRepository::latestForItem(db, itemId);
    d.tags = store::TagRepository::forItem(db, itemId);
    d.notes = store::NoteRepository::forItem(db, itemId);
    return d;
}

} // namespace baton::models
