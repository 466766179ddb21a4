#pragma once

#include "core/sandbox/RouteSet.h"

#include <QStringList>

namespace baton::sandbox {

class YouTubeStore;

// The YouTube Data API v3 comment methods under /youtube (…/youtube/v3/commentThreads as on
// www.googleapis.com): OAuth bearer tokens, parameter checks with Google's error documents, pageToken paging and
// the project's daily quota (10,000 units by default; list 1, insert / setModerationStatus / delete 50), which
// answers 403 quotaExceeded once spent. State lives in YouTubeStore.
class YouTubeRoutes final : public RouteSet {
public:
    explicit YouTubeRoutes(YouTubeStore& store);
    Q_DISABLE_COPY_MOVE(YouTubeRoutes)

    QString name() const override { return QStringLiteral("youtube"); }
    QString basePath() const override { return QStringLiteral("/youtube"); }
    RouteResult handle(const HttpRequest& request, const QString& localPath) override;
    RouteResult rateLimited(const HttpRequest& request, qint64 untilWallMs) override;

    // Documented quota costs (determine_quota_cost).
    static constexpr int kListCost = 1;
    static constexpr int kWriteCost = 50;

private:
    enum class Method { ThreadsList, CommentsList, CommentsInsert, SetModerationStatus, CommentsDelete, ChannelsList };
    static std::optional<Method> match(const QByteArray& httpMethod, const QString& localPath);
    static int cost(Method method);
    HttpResponse dispatch(Method method, const HttpRequest& request, int channel);

    YouTubeStore& m_store;
};

} // namespace baton::sandbox
