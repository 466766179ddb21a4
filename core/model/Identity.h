#pragma once

#include "core/model/Enums.h"

#include <QString>

namespace baton::model {

// Somebody's handle on one network, as the network describes it.
struct Identity {
    qint64 id = 0;
    Network network = Network::Mastodon;
    QString remoteId;
    QString handle; // acct form: user or user@domain
    QString displayName;
    QString avatarUrl;
    QString profileUrl;
};

} // namespace baton::model
