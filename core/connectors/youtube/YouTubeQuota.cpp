#include "core/connectors/youtube/YouTubeQuota.h"

#include "core/connectors/google/GoogleApiError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace baton::connectors::youtube {

YouTubeQuota::YouTubeQuota(int limit)
    : m_limit(limit > 0 ? limit : kDailyLimit) {
}

void YouTubeQuota::roll(qint64 nowMs) {
    const QString today = google::pacificDay(nowMs);
    if (m_day != today) {
        m_day = today;
        m_used = 0;
    }
}

int YouTubeQuota::used(qint64 nowMs) const {
    return m_day == google::pacificDay(nowMs) ? m_used : 0;
}

int YouTubeQuota::remaining(qint64 nowMs) const {
    return std::max(0, m_limit - used(nowMs));
}

bool YouTubeQuota::canSpend(int cost, qint64 nowMs, int keep) const {
    return used(nowMs) + cost + keep <= m_limit;
}

void YouTubeQuota::spend(int cost, qint64 nowMs) {
    roll(nowMs);
    m_used += cost;
}

void YouTubeQuota::exhaust(qint64 nowMs) {
    roll(nowMs);
    m_used = std::max(m_used, m_limit);
}

qint64 YouTubeQuota::resetAtMs(qint64 nowMs) const {
    return google::nextPacificMidnight(nowMs);
}

void YouTubeQuota::merge(const YouTubeQuota& stored, qint64 nowMs) {
    roll(nowMs);
    if (stored.m_day == m_day) {
        m_used = std::max(m_used, stored.m_used);
    }
}

QString YouTubeQuota::toText() const {
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("day"), m_day},
                                                       {QStringLiteral("used"), m_used},
                                                       {QStringLiteral("limit"), m_limit}})
                                 .toJson(QJsonDocument::Compact));
}

YouTubeQuota YouTubeQuota::fromText(const QString& text) {
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    YouTubeQuota q(o.value(QLatin1String("limit")).toInt(kDailyLimit));
    q.m_day = o.value(QLatin1String("day")).toString();
    q.m_used = std::max(0, o.value(QLatin1String("used")).toInt());
    return q;
}

QString YouTubeQuota::describe(const QString& text, qint64 nowMs) {
    const YouTubeQuota q = fromText(text);
    const QLocale c(QLocale::English);
    return QStringLiteral("%1 of %2 quota units left today").arg(c.toString(q.remaining(nowMs)), c.toString(q.limit()));
}

} // namespace baton::connectors::youtube
