#include "core/sandbox/reddit/RedditData.h"

namespace baton::sandbox {

QString RedditData::base36(qint64 v) {
    return QString::number(v, 36);
}

qint64 RedditData::fromBase36(QStringView s) {
    if (s.isEmpty() || s.size() > 12) {
        return -1;
    }
    bool ok = false;
    const qint64 v = s.toString().toLongLong(&ok, 36);
    return ok && v >= 0 ? v : -1;
}

QString RedditData::fullname(int index) const {
    if (index < 0 || index >= things.size()) {
        return {};
    }
    const RedditThing& t = things.at(index);
    return QStringLiteral("t") + QLatin1Char(t.kind) + QLatin1Char('_') + base36(t.id);
}

int RedditData::byFullname(QStringView fullname) const {
    if (fullname.size() < 4 || fullname.at(0) != u't' || fullname.at(2) != u'_') {
        return -1;
    }
    const qint64 id = fromBase36(fullname.mid(3));
    const int index = byId.value(id, -1);
    if (index < 0 || QChar(QLatin1Char(things.at(index).kind)) != fullname.at(1)) {
        return -1;
    }
    return index;
}

void RedditData::reindex() {
    byId.clear();
    for (int i = 0; i < things.size(); ++i) {
        byId.insert(things.at(i).id, i);
    }
}

} // namespace baton::sandbox
