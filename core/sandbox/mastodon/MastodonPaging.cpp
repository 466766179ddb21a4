#include "core/sandbox/mastodon/MastodonPaging.h"

#include "core/sandbox/UrlEncoding.h"

namespace baton::sandbox {

qint64 MastodonPaging::rubyToI(QStringView text) {
    text = text.trimmed();
    bool negative = false;
    if (!text.isEmpty() && (text.front() == QLatin1Char('-') || text.front() == QLatin1Char('+'))) {
        negative = text.front() == QLatin1Char('-');
        text = text.sliced(1);
    }
    qint64 value = 0;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9') || value > 100000000000000000LL) {
            break;
        }
        value = value * 10 + (c.unicode() - '0');
    }
    return negative ? -value : value;
}

qint64 MastodonPaging::idParam(const std::optional<QString>& value) {
    if (!value || value->isEmpty() || value->size() > 18) {
        return 0;
    }
    bool ok = false;
    const qint64 id = value->toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

PageRequest MastodonPaging::parse(const HttpRequest& request, int defaultLimit) {
    PageRequest page;
    const std::optional<QString> limit = request.param(QStringLiteral("limit"));
    page.limit = limit ? static_cast<int>(std::min<qint64>(qAbs(rubyToI(*limit)), defaultLimit * 2)) : defaultLimit;
    page.maxId = idParam(request.param(QStringLiteral("max_id")));
    page.sinceId = idParam(request.param(QStringLiteral("since_id")));
    page.minId = idParam(request.param(QStringLiteral("min_id")));
    return page;
}

QByteArray MastodonPaging::linkHeader(const HttpRequest& request, const QString& path, const QStringList& keptParams,
                                      qint64 nextMaxId, qint64 prevMinId) {
    QByteArray authority = request.header("host");
    if (authority.isEmpty()) {
        authority = request.localAuthority.toLatin1();
    }
    const QByteArray base = "http://" + authority + url::formEncode(path).replace("%2F", "/");

    // Rails' Hash#to_query: one fragment per key (an array's values stay together), fragments sorted.
    QList<QByteArray> kept;
    for (const QString& name : keptParams) {
        if (name.endsWith(QLatin1String("[]"))) {
            const QStringList values = url::values(request.query, name);
            QList<QByteArray> parts;
            for (const QString& v : values) {
                parts.append(url::formEncode(name) + '=' + url::formEncode(v));
            }
            if (!parts.isEmpty()) {
                kept.append(parts.join('&'));
            }
        } else if (url::contains(request.query, name)) {
            kept.append(url::formEncode(name) + '=' + url::formEncode(url::lastValue(request.query, name)));
        }
    }
    const auto urlWith = [&](const char* cursor, qint64 id) -> QByteArray {
        QList<QByteArray> fragments = kept;
        fragments.append(QByteArray(cursor) + '=' + QByteArray::number(id));
        std::sort(fragments.begin(), fragments.end());
        return base + '?' + fragments.join('&');
    };
    QList<QByteArray> links;
    if (nextMaxId > 0) {
        links.append('<' + urlWith("max_id", nextMaxId) + ">; rel=\"next\"");
    }
    if (prevMinId > 0) {
        links.append('<' + urlWith("min_id", prevMinId) + ">; rel=\"prev\"");
    }
    return links.join(", ");
}

} // namespace baton::sandbox
