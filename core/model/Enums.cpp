#include "core/model/Enums.h"

#include <array>
#include <utility>

namespace baton::model {
namespace {

template <typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char*>, N>& table, E v) {
    for (const auto& [e, name] : table) {
        if (e == v) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char*>, N>& table, QStringView s) {
    for (const auto& [e, name] : table) {
        if (s.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            return e;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Network, const char*>, 8> kNetworks{{
    {Network::Mastodon, "mastodon"},
    {Network::Bluesky, "bluesky"},
    {Network::Reddit, "reddit"},
    {Network::Discourse, "discourse"},
    {Network::YouTube, "youtube"},
    {Network::GoogleReviews, "google-reviews"},
    {Network::Feed, "feed"},
    {Network::Email, "email"},
}};
constexpr std::array<std::pair<Kind, const char*>, 8> kKinds{{
    {Kind::Mention, "mention"},
    {Kind::Reply, "reply"},
    {Kind::Comment, "comment"},
    {Kind::DirectMessage, "dm"},
    {Kind::Review, "review"},
    {Kind::Post, "post"},
    {Kind::Email, "email"},
    {Kind::Quote, "quote"},
}};
constexpr std::array<std::pair<Direction, const char*>, 2> kDirections{{
    {Direction::Incoming, "in"},
    {Direction::Outgoing, "out"},
}};
constexpr std::array<std::pair<Status, const char*>, 7> kStatuses{{
    {Status::New, "new"},
    {Status::InProgress, "in-progress"},
    {Status::Waiting, "waiting"},
    {Status::Done, "done"},
    {Status::Snoozed, "snoozed"},
    {Status::Archived, "archived"},
    {Status::Spam, "spam"},
}};

} // namespace

QString toString(Network v) {
    return nameOf(kNetworks, v);
}
QString toString(Kind v) {
    return nameOf(kKinds, v);
}
QString toString(Direction v) {
    return nameOf(kDirections, v);
}
QString toString(Status v) {
    return nameOf(kStatuses, v);
}
std::optional<Network> networkFromString(QStringView s) {
    return valueOf(kNetworks, s);
}
std::optional<Kind> kindFromString(QStringView s) {
    return valueOf(kKinds, s);
}
std::optional<Direction> directionFromString(QStringView s) {
    return valueOf(kDirections, s);
}
std::optional<Status> statusFromString(QStringView s) {
    return valueOf(kStatuses, s);
}

} // namespace baton::model
