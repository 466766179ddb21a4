#include "core/sandbox/SandboxServer.h"

#include "core/common/Logging.h"
#include "core/sandbox/HttpServer.h"
#include "core/sandbox/Journal.h"
#include "core/sandbox/OAuthRoutes.h"
#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/bluesky/BlueskyRoutes.h"
#include "core/sandbox/bluesky/BlueskyStore.h"
#include "core/sandbox/discourse/DiscourseForum.h"
#include "core/sandbox/discourse/DiscourseRoutes.h"
#include "core/sandbox/feed/FeedRoutes.h"
#include "core/sandbox/google/GoogleReviewsRoutes.h"
#include "core/sandbox/google/GoogleReviewsStore.h"
#include "core/sandbox/mail/MailServer.h"
#include "core/sandbox/mail/MailStore.h"
#include "core/sandbox/mastodon/MastodonRoutes.h"
#include "core/sandbox/mastodon/MastodonStore.h"
#include "core/sandbox/reddit/RedditRoutes.h"
#include "core/sandbox/reddit/RedditStore.h"
#include "core/sandbox/youtube/YouTubeRoutes.h"
#include "core/sandbox/youtube/YouTubeStore.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QTimer>
#include <QUrl>

namespace baton::sandbox {
namespace {

// Where the mail provider's OAuth server lives (/mail/o/oauth2/v2/auth, /mail/token, as Google's for Gmail):
// OAuthRoutes answers those; nothing else is served over HTTP for mail.
class MailOAuthHome final : public RouteSet {
public:
    QString name() const override { return QStringLiteral("email"); }
    QString basePath() const override { return QStringLiteral("/mail"); }
    RouteResult handle(const HttpRequest&, const QString&) override {
        return {HttpResponse::jsonError(404, QStringLiteral("mail is served over IMAP and SMTP")), {}};
    }
    RouteResult rateLimited(const HttpRequest&, qint64) override {
        return {HttpResponse::jsonError(429, QStringLiteral("Too many requests")), {}};
    }
};

} // namespace

struct SandboxServer::Private {
    explicit Private(const SandboxOptions& o)
        : options(o)
        , clock(o.nowMs) {}

    SandboxOptions options;
    SandboxClock clock;
    FaultSwitchboard faults;
    Journal journal;
    std::unique_ptr<MastodonStore> mastodon;
    std::shared_ptr<MastodonRoutes> mastodonRoutes;
    std::shared_ptr<FeedRoutes> feedRoutes;
    std::unique_ptr<RedditStore> reddit;
    std::shared_ptr<RedditRoutes> redditRoutes;
    std::unique_ptr<YouTubeStore> youtube;
    std::shared_ptr<YouTubeRoutes> youtubeRoutes;
    std::unique_ptr<GoogleReviewsStore> googleReviews;
    std::shared_ptr<GoogleReviewsRoutes> googleReviewsRoutes;
    std::unique_ptr<DiscourseForum> discourse;
    std::shared_ptr<DiscourseRoutes> discourseRoutes;
    std::unique_ptr<BlueskyStore> bluesky;
    std::shared_ptr<BlueskyRoutes> blueskyRoutes;
    std::unique_ptr<MailStore> mail;
    // OAuth sign-in in front of the networks that use it
    std::shared_ptr<OAuthRoutes> mastodonOAuth;
    std::shared_ptr<OAuthRoutes> redditOAuth;
    std::shared_ptr<OAuthRoutes> youtubeOAuth;
    std::shared_ptr<OAuthRoutes> googleReviewsOAuth;
    std::shared_ptr<OAuthRoutes> mailOAuth;

    mutable QMutex mutex; // guards the lifecycle members below
    QThread thread;
    HttpServer* server = nullptr;     // lives on `thread` while running
    MailServer* mailServer = nullptr; // idem
    quint16 port = 0;
};

SandboxServer::SandboxServer(SandboxOptions options)
    : d(std::make_unique<Private>(options)) {
    QElapsedTimer timer;
    timer.start();
    d->mastodon = std::make_unique<MastodonStore>(d->options, d->clock);
    d->mastodonRoutes = std::make_shared<MastodonRoutes>(*d->mastodon, d->options.rateLimit, d->options.rateWindowMs);
    d->feedRoutes = std::make_shared<FeedRoutes>(d->options, d->clock);
    d->reddit = std::make_unique<RedditStore>(d->options, d->clock);
    d->redditRoutes = std::make_shared<RedditRoutes>(*d->reddit, 600, 600000); // 100 QPM per client id
    d->youtube = std::make_unique<YouTubeStore>(d->options, d->clock);
    d->youtubeRoutes = std::make_shared<YouTubeRoutes>(*d->youtube);
    d->googleReviews = std::make_unique<GoogleReviewsStore>(d->options, d->clock);
    d->googleReviewsRoutes = std::make_shared<GoogleReviewsRoutes>(*d->googleReviews);
    d->discourse = std::make_unique<DiscourseForum>(d->options, d->clock);
    d->discourseRoutes = std::make_shared<DiscourseRoutes>(
        *d->discourse, DiscourseLimits{d->options.discourseAdminRateLimit, d->options.discourseUserRateLimit,
                                       d->options.discourseUserDailyLimit, d->options.discourseRateWindowMs});
    d->bluesky = std::make_unique<BlueskyStore>(d->options, d->clock);
    d->blueskyRoutes = std::make_shared<BlueskyRoutes>(*d->bluesky, d->options.blueskyRateLimit,
                                                       d->options.blueskyRateWindowMs); // per IP, as on a PDS
    d->mail = std::make_unique<MailStore>(d->options, d->clock);
    d->mastodonOAuth = OAuthRoutes::mastodon(d->mastodonRoutes, *d->mastodon);
    d->redditOAuth = OAuthRoutes::reddit(d->redditRoutes, *d->reddit);
    d->youtubeOAuth = OAuthRoutes::google(d->youtubeRoutes, [store = d->youtube.get()] { return store->accounts({}); });
    d->googleReviewsOAuth =
        OAuthRoutes::google(d->googleReviewsRoutes, [store = d->googleReviews.get()] { return store->accounts({}); });
    d->mailOAuth = OAuthRoutes::google(std::make_shared<MailOAuthHome>(),
                                       [store = d->mail.get()] { return store->oauthAccounts(); });
    qCDebug(lcSandbox) << "sandbox community generated in" << timer.elapsed() << "ms";
    d->thread.setObjectName(QStringLiteral("baton-sandbox"));
}

SandboxServer::~SandboxServer() {
    stop();
}

bool SandboxServer::start(QString* error) {
    const QMutexLocker lock(&d->mutex);
    if (d->server != nullptr) {
        return true;
    }
    auto* server = new HttpServer(d->faults, d->journal);
    server->addRouteSet(d->mastodonOAuth);
    server->addRouteSet(d->feedRoutes);
    server->addRouteSet(d->redditOAuth);
    server->addRouteSet(d->youtubeOAuth);
    server->addRouteSet(d->googleReviewsOAuth);
    server->addRouteSet(d->mailOAuth);
    server->addRouteSet(d->discourseRoutes);
    server->addRouteSet(d->blueskyRoutes);
    server->moveToThread(&d->thread);
    d->thread.start();

    bool listening = false;
    QString failure;
    quint16 port = 0;
    MastodonStore* store = d->mastodon.get();
    FeedRoutes* feeds = d->feedRoutes.get();
    RedditStore* reddit = d->reddit.get();
    YouTubeStore* youtube = d->youtube.get();
    GoogleReviewsStore* reviews = d->googleReviews.get();
    DiscourseForum* forum = d->discourse.get();
    BlueskyStore* bluesky = d->bluesky.get();
    MailStore* mailStore = d->mail.get();
    const SandboxOptions options = d->options;
    QMetaObject::invokeMethod(
        server,
        [&] {
            listening = server->listen(options.address, options.port, &failure);
            port = server->port();
            if (listening && options.liveIntervalMs > 0) {
                auto* live = new QTimer(server);
                QObject::connect(live, &QTimer::timeout, server, [store] { store->addLiveMention(); });
                QObject::connect(live, &QTimer::timeout, server, [feeds] { feeds->addLiveEntry(); });
                QObject::connect(live, &QTimer::timeout, server, [reddit] { reddit->addLiveActivity(); });
                QObject::connect(live, &QTimer::timeout, server, [youtube] { youtube->addLiveComment(); });
                QObject::connect(live, &QTimer::timeout, server, [reviews] { reviews->addLiveReview(); });
                QObject::connect(live, &QTimer::timeout, server, [bluesky] { bluesky->addLiveActivity(); });
                QObject::connect(live, &QTimer::timeout, server, [mailStore] { mailStore->addLiveMessage(); });
                live->start(options.liveIntervalMs);
                auto* forumLive = new QTimer(server);
                QObject::connect(forumLive, &QTimer::timeout, server, [forum] { forum->addLiveActivity(); });
                forumLive->start(options.liveIntervalMs);
            }
        },
        Qt::BlockingQueuedConnection);

    if (!listening) {
        d->thread.quit();
        d->thread.wait();
        delete server;
        if (error != nullptr) {
            *error = failure;
        }
        qCWarning(lcSandbox) << "sandbox could not listen:" << failure;
        return false;
    }
    // IMAP and SMTP on the same thread, each on a port of its own.
    auto* mail = new MailServer(*d->mail, d->faults, d->journal);
    mail->moveToThread(&d->thread);
    bool mailListening = false;
    QMetaObject::invokeMethod(
        mail, [&] { mailListening = mail->listen(options.address, &failure); }, Qt::BlockingQueuedConnection);
    if (!mailListening) {
        QMetaObject::invokeMethod(
            server, [server] { server->close(); }, Qt::BlockingQueuedConnection);
        d->thread.quit();
        d->thread.wait();
        delete server;
        delete mail;
        if (error != nullptr) {
            *error = failure;
        }
        qCWarning(lcSandbox) << "sandbox mail servers could not listen:" << failure;
        return false;
    }
    d->mailServer = mail;
    d->server = server;
    d->port = port;
    return true;
}

void SandboxServer::stop() {
    const QMutexLocker lock(&d->mutex);
    if (d->server == nullptr) {
        return;
    }
    HttpServer* server = d->server;
    // Sockets and timers are closed on their own thread; the object itself is deleted once that thread is gone.
    QMetaObject::invokeMethod(
        server,
        [server] {
            server->close();
            qDeleteAll(server->findChildren<QTimer*>(Qt::FindDirectChildrenOnly));
        },
        Qt::BlockingQueuedConnection);
    if (MailServer* mail = d->mailServer) {
        QMetaObject::invokeMethod(
            mail, [mail] { mail->close(); }, Qt::BlockingQueuedConnection);
    }
    d->thread.quit();
    d->thread.wait();
    delete server;
    d->server = nullptr;
    delete d->mailServer;
    d->mailServer = nullptr;
    d->port = 0;
}

bool SandboxServer::isRunning() const {
    const QMutexLocker lock(&d->mutex);
    return d->server != nullptr;
}

quint16 SandboxServer::port() const {
    const QMutexLocker lock(&d->mutex);
    return d->port;
}

QString SandboxServer::baseUrl() const {
    const QHostAddress& address = d->options.address;
    QString host;
    if (address == QHostAddress::LocalHostIPv6) {
        host = QStringLiteral("[::1]");
    } else if (address == QHostAddress::LocalHost || address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ||
               address.isNull()) {
        host = QStringLiteral("127.0.0.1");
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        host = QLatin1Char('[') + address.toString() + QLatin1Char(']');
    } else {
        host = address.toString();
    }
    return QStringLiteral("http://") + host + QLatin1Char(':') + QString::number(port());
}

QList<SandboxAccount> SandboxServer::accounts() const {
    QList<SandboxAccount> out = d->mastodon->accounts(baseUrl() + d->mastodonRoutes->basePath());
    out += d->discourse->accounts(baseUrl() + d->discourseRoutes->basePath());
    out += d->youtube->accounts(baseUrl() + d->youtubeRoutes->basePath());
    out += d->googleReviews->accounts(baseUrl() + d->googleReviewsRoutes->basePath());
    out += d->reddit->accounts(baseUrl() + d->redditRoutes->basePath());
    out += d->feedRoutes->accounts(baseUrl() + d->feedRoutes->basePath());
    out += d->bluesky->accounts(baseUrl() + d->blueskyRoutes->basePath());
    // Plain imap:// and smtp:// are accepted for loopback hosts only, which the sandbox always is.
    const QString host = QUrl(baseUrl()).host();
    const QString mailHost = host.contains(u':') ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    out += d->mail->accounts(QStringLiteral("imap://%1:%2").arg(mailHost).arg(imapPort()),
                             QStringLiteral("smtp://%1:%2").arg(mailHost).arg(smtpPort()));
    return out;
}

const SandboxOptions& SandboxServer::options() const {
    return d->options;
}

qint64 SandboxServer::nowMs() const {
    return d->clock.nowMs();
}

FaultSwitchboard& SandboxServer::faults() {
    return d->faults;
}

QList<JournalEntry> SandboxServer::journal() const {
    return d->journal.snapshot();
}

void SandboxServer::clearJournal() {
    d->journal.clear();
}

SandboxMention SandboxServer::addMention(int accountIndex, const QString& text) {
    const MastodonGenerator::Created created = d->mastodon->addMention(accountIndex, text);
    SandboxMention mention;
    if (created.statusId != 0) {
        mention.statusId = QString::number(created.statusId);
    }
    if (created.notificationId != 0) {
        mention.notificationId = QString::number(created.notificationId);
    }
    return mention;
}

bool SandboxServer::editStatus(const QString& statusId, const QString& newText) {
    bool ok = false;
    const qint64 id = statusId.toLongLong(&ok);
    return ok && d->mastodon->editStatus(id, newText);
}

bool SandboxServer::revokeToken(int accountIndex) {
    return d->mastodon->revokeToken(accountIndex);
}

int SandboxServer::statusesCreatedWithKey(const QString& idempotencyKey) const {
    return d->mastodon->statusesCreatedWithKey(idempotencyKey);
}

int SandboxServer::statusesCreated() const {
    return d->mastodon->statusesCreated();
}

int SandboxServer::mentionCount(int accountIndex) const {
    return d->mastodon->mentionCount(accountIndex);
}

YouTubeStore& SandboxServer::youtube() {
    return *d->youtube;
}

GoogleReviewsStore& SandboxServer::googleReviews() {
    return *d->googleReviews;
}

int SandboxServer::discourseAddPost(int accountIndex, const QString& raw, bool mention) {
    return d->discourse->addPost(accountIndex, raw, mention);
}

bool SandboxServer::discourseEditPost(int postId, const QString& raw) {
    return d->discourse->editPost(postId, raw);
}

bool SandboxServer::discourseRevokeKey(int accountIndex) {
    return d->discourse->revokeKey(accountIndex);
}

int SandboxServer::discoursePostsCreated() const {
    return d->discourse->postsCreatedThroughApi();
}

int SandboxServer::discoursePostsWithText(const QString& raw) const {
    return d->discourse->postsWithRaw(raw);
}

int SandboxServer::discourseUserApiKeysIssued() const {
    return d->discourse->userApiKeysIssued();
}

QString SandboxServer::discourseClientIdOfKey(const QString& key) const {
    return d->discourse->clientIdOfKey(key);
}

bool SandboxServer::discoursePostHidden(int postId) const {
    return d->discourse->postHidden(postId);
}

bool SandboxServer::discoursePostDeleted(int postId) const {
    return d->discourse->postDeleted(postId);
}

bool SandboxServer::discourseTopicClosed(int topicId) const {
    return d->discourse->topicClosed(topicId);
}

int SandboxServer::discourseTopicOfPost(int postId) const {
    return d->discourse->topicOfPost(postId);
}

int SandboxServer::discourseFlags(int postId) const {
    return d->discourse->flagsOn(postId);
}

RedditStore& SandboxServer::reddit() {
    return *d->reddit;
}

void SandboxServer::redditSetRateLimit(int limit, qint64 windowMs) {
    d->redditRoutes->setRateLimit(limit, windowMs);
}

QString SandboxServer::feedAddEntry(int feed, const QString& text) {
    return d->feedRoutes->addEntry(feed, text);
}

int SandboxServer::feedEntryCount(int feed) const {
    return d->feedRoutes->entryCount(feed);
}

QString SandboxServer::blueskyAddMention(int accountIndex, const QString& text) {
    return d->bluesky->addMention(accountIndex, text);
}

QString SandboxServer::blueskyAddReply(int accountIndex, const QString& parentUri, const QString& text) {
    return d->bluesky->addReply(accountIndex, parentUri, text);
}

bool SandboxServer::blueskyDeletePost(const QString& uri) {
    return d->bluesky->deletePost(uri);
}

void SandboxServer::blueskyExpireAccessTokens() {
    d->bluesky->expireAccessTokens();
}

void SandboxServer::blueskySetAccessTokenLifetime(qint64 ms) {
    d->bluesky->setAccessLifetimeMs(ms);
}

bool SandboxServer::blueskyRevokeSessions(int accountIndex) {
    return d->bluesky->revokeSessions(accountIndex);
}

bool SandboxServer::blueskyChangePassword(int accountIndex, const QString& password) {
    return d->bluesky->changePassword(accountIndex, password);
}

int SandboxServer::blueskySessionsCreated(int accountIndex) const {
    return d->bluesky->sessionsCreated(accountIndex);
}

int SandboxServer::blueskyRefreshes(int accountIndex) const {
    return d->bluesky->refreshes(accountIndex);
}

bool SandboxServer::blueskyPostExists(const QString& uri) const {
    return d->bluesky->postExists(uri);
}

int SandboxServer::blueskyPostsCreatedBy(int accountIndex) const {
    return d->bluesky->postsCreatedBy(accountIndex);
}

int SandboxServer::blueskyRepliesWithText(const QString& parentUri, const QString& text) const {
    return d->bluesky->repliesWithText(parentUri, text);
}

bool SandboxServer::blueskyIsMuted(int accountIndex, const QString& did) const {
    return d->bluesky->isMuted(accountIndex, did);
}

bool SandboxServer::blueskyIsThreadMuted(int accountIndex, const QString& rootUri) const {
    return d->bluesky->isThreadMuted(accountIndex, rootUri);
}

bool SandboxServer::blueskyIsBlocked(int accountIndex, const QString& did) const {
    return d->bluesky->isBlocked(accountIndex, did);
}

int SandboxServer::blueskyReports(int accountIndex) const {
    return d->bluesky->reports(accountIndex);
}

int SandboxServer::blueskyNotificationCount(int accountIndex) const {
    return d->bluesky->notificationCount(accountIndex);
}

quint16 SandboxServer::imapPort() const {
    const QMutexLocker lock(&d->mutex);
    return d->mailServer != nullptr ? d->mailServer->imapPort() : 0;
}

quint16 SandboxServer::smtpPort() const {
    const QMutexLocker lock(&d->mutex);
    return d->mailServer != nullptr ? d->mailServer->smtpPort() : 0;
}

MailStore& SandboxServer::mail() {
    return *d->mail;
}

OAuthRoutes* SandboxServer::oauth(const QString& network) const {
    if (network == QLatin1String("mastodon")) {
        return d->mastodonOAuth.get();
    }
    if (network == QLatin1String("reddit")) {
        return d->redditOAuth.get();
    }
    if (network == QLatin1String("youtube")) {
        return d->youtubeOAuth.get();
    }
    if (network == QLatin1String("google")) {
        return d->googleReviewsOAuth.get();
    }
    if (network == QLatin1String("email")) {
        return d->mailOAuth.get();
    }
    return nullptr;
}

bool SandboxServer::oauthRefuseNext(const QString& network) {
    OAuthRoutes* routes = oauth(network);
    if (routes != nullptr) {
        routes->refuseNext();
    }
    return routes != nullptr;
}

int SandboxServer::oauthTokensIssued(const QString& network) const {
    const OAuthRoutes* routes = oauth(network);
    return routes != nullptr ? routes->tokensIssued() : 0;
}

} // namespace baton::sandbox
