#pragma once

#include "core/sandbox/HttpRequest.h"

#include <QList>
#include <QStringList>
#include <algorithm>

namespace baton::sandbox {

// max_id / since_id / min_id as Mastodon reads them; 0 means "not given".
struct PageRequest {
    int limit = 0;
    qint64 maxId = 0;
    qint64 sinceId = 0;
    qint64 minId = 0;
};

// Mastodon's id-cursor pagination over ordered id collections, and the RFC 8288 Link header Rails writes for it.
class MastodonPaging final {
public:
    // limit: absent -> default; else min(|to_i|, 2 * default), as Api::BaseController#limit_param does.
    static PageRequest parse(const HttpRequest& request, int defaultLimit);

    // Newest-first page of keys of an ordered container (std::map or std::set keyed by id). With min_id the page
    // is the oldest-first slice just above it, returned newest-first.
    template <typename Container, typename Accept>
    static QList<qint64> select(const Container& container, const PageRequest& page, Accept accept) {
        QList<qint64> out;
        if (page.limit <= 0) {
            return out;
        }
        const qint64 lower = std::max(page.sinceId, page.minId);
        if (page.minId > 0) {
            for (auto it = container.upper_bound(lower); it != container.end() && out.size() < page.limit; ++it) {
                const qint64 id = keyOf(it);
                if (page.maxId > 0 && id >= page.maxId) {
                    break;
                }
                if (accept(id)) {
                    out.append(id);
                }
            }
            std::reverse(out.begin(), out.end());
            return out;
        }
        auto it = page.maxId > 0 ? container.lower_bound(page.maxId) : container.end();
        while (it != container.begin() && out.size() < page.limit) {
            --it;
            const qint64 id = keyOf(it);
            if (lower > 0 && id <= lower) {
                break;
            }
            if (accept(id)) {
                out.append(id);
            }
        }
        return out;
    }

    // `<url?...max_id=N>; rel="next", <url?...min_id=M>; rel="prev"`; a cursor of 0 leaves that link out.
    // keptParams are the request parameters Rails carries over (names of arrays end in "[]").
    static QByteArray linkHeader(const HttpRequest& request, const QString& path, const QStringList& keptParams,
                                 qint64 nextMaxId, qint64 prevMinId);

    // Ruby's String#to_i: optional sign and leading digits, 0 when there are none.
    static qint64 rubyToI(QStringView text);
    // An id parameter: digits only, else 0.
    static qint64 idParam(const std::optional<QString>& value);

private:
    template <typename It>
    static qint64 keyOf(const It& it) {
        if constexpr (requires { it->first; }) {
            return it->first;
        } else {
            return *it;
        }
    }
};

} // namespace baton::sandbox
