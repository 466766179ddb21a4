#include "core/net/NetworkEngine.h"

#include "core/net/CurlTransfer.h"
#include "core/net/RateLimiter.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QLocale>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>
#include <QTest>
#include <QTimeZone>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

using namespace baton;
using namespace baton::net;
using baton::test::HttpHeaders;
using baton::test::ScriptedHttpServer;
using baton::test::ScriptedResponse;

namespace {

// Generous: the machine running the suite is shared and may be slow.
constexpr int kWaitMs = 30000;

QString describe(const Result& r) {
    return r.hasValue() ? QStringLiteral("HTTP %1").arg(r->status) : r.error().toString();
}

quint32 crc32(const QByteArray& data) {
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : data) {
        c ^= quint8(ch);
        for (int k = 0; k < 8; ++k) {
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
    }
    return ~c;
}

void appendLe32(QByteArray& out, quint32 v) {
    for (int i = 0; i < 4; ++i) {
        out += char((v >> (8 * i)) & 0xFF);
    }
}

// qCompress gives a 4-byte length and a zlib stream; gzip wants the raw deflate data between its own header and
// a CRC-32 + size trailer.
QByteArray gzip(const QByteArray& data) {
    const QByteArray z = qCompress(data, 9);
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out += z.mid(6, z.size() - 6 - 4);
    appendLe32(out, crc32(data));
    appendLe32(out, quint32(data.size()));
    return out;
}

qint64 utcMs(int y, int mo, int d, int h, int mi, int s, int ms = 0) {
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

QByteArray iso6(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
               .toLatin1() +
           "000Z";
}

QByteArray httpDate(qint64 ms) {
    return QLocale::c()
               .toString(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()),
                         QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"))
               .toLatin1() +
           " GMT";
}

// Waits without running the event loop, so that callbacks already posted to this thread stay queued.
template <typename Pred>
bool waitWithoutEvents(Pred pred) {
    const QDeadlineTimer deadline(kWaitMs);
    while (!pred()) {
        if (deadline.hasExpired()) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

QMutex g_logMutex;
QStringList g_log;

void captureMessage(QtMsgType, const QMessageLogContext&, const QString& message) {
    const QMutexLocker lock(&g_logMutex);
    g_log.append(message);
}

} // namespace

class NetworkEngineTest final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void getReturnsStatusHeadersAndBody();
    void gzipBodyIsDecoded();
    void bodyIsSent_data();
    void bodyIsSent();
    void transientFailuresAreRetried_data();
    void transientFailuresAreRetried();
    void serverErrorTwiceThenSuccess();
    void persistentTruncationFails();
    void unsafeRequestIsNotRetried_data();
    void unsafeRequestIsNotRetried();
    void httpErrorsAreTyped_data();
    void httpErrorsAreTyped();
    void mastodon429HoldsBucketUntilReset();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void repeated429GivesUp();
    void parseRateLimitHeaders_data();
    void parseRateLimitHeaders();
    void rateLimiterKeepsTheLimitAcrossWindows();
    void clientBudgetPacesABucketWithoutHeaders();
    void staleAnswerDoesNotRaiseTheBudget();
    void clientBudgetPacesRealRequests();
    void unsafeUrlsAreRejected_data();
    void unsafeUrlsAreRejected();
    void mailUrlsAreChecked();
    void loopbackNameIsAllowed();
    void redirectToPlainHttpIsRefused();
    void oversizedBodyIsRejected_data();
    void oversizedBodyIsRejected();
    void deadContextGetsNoCallback();
    void contextDestroyedWithCallbackPosted();
    void cancelDeliversCancelled();
    void engineDestroyedWithRequestsInFlight();
    void engineDestroyedWithCallbackPosted();
    void manyConcurrentRequests();
    void secretsStayOutOfLogsAndErrors();

private:
    Request request(const QString& pathAndQuery) const;
    std::function<void(Result)> recorder();
    std::optional<Result> fetch(const Request& request);
    // Runs the event loop until everything posted to this thread before the call has been delivered.
    bool flushPostedCallbacks();

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<NetworkEngine> m_engine;
    std::vector<Result> m_results;
};

void NetworkEngineTest::init() {
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->isListening());
    m_engine = std::make_unique<NetworkEngine>();
    m_results.clear();
}

void NetworkEngineTest::cleanup() {
    m_engine.reset();
    m_server.reset();
}

Request NetworkEngineTest::request(const QString& pathAndQuery) const {
    Request r;
    r.url = m_server->url(pathAndQuery);
    r.backoffBaseMs = 10;
    r.backoffCapMs = 200;
    return r;
}

std::function<void(Result)> NetworkEngineTest::recorder() {
    return [this](Result r) { m_results.push_back(std::move(r)); };
}

std::optional<Result> NetworkEngineTest::fetch(const Request& request) {
    const std::size_t before = m_results.size();
    m_engine->send(request, this, recorder());
    if (!QTest::qWaitFor([&] { return m_results.size() > before; }, kWaitMs)) {
        return std::nullopt;
    }
    return m_results.back();
}

bool NetworkEngineTest::flushPostedCallbacks() {
    bool flushed = false;
    QMetaObject::invokeMethod(
        this, [&flushed] { flushed = true; }, Qt::QueuedConnection);
    return QTest::qWaitFor([&] { return flushed; }, kWaitMs);
}

void NetworkEngineTest::getReturnsStatusHeadersAndBody() {
    m_server->enqueue(ScriptedResponse::ok("hello", {{"X-Custom", "Value"}, {"Content-Type", "text/plain"}}));
    Request r = request(QStringLiteral("/api/v1/thing?limit=5"));
    r.headers = {{"Authorization", "Bearer abc"}, {"Accept", "application/json"}};

    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
    QCOMPARE((*res)->status, 200);
    QCOMPARE((*res)->body, QByteArray("hello"));
    QCOMPARE((*res)->attempts, 1);
    QCOMPARE((*res)->header("x-custom"), QByteArray("Value"));
    QCOMPARE((*res)->header("Content-Type"), QByteArray("text/plain"));
    for (const auto& [name, value] : (*res)->headers) {
        QCOMPARE(name, name.toLower());
    }

    const QList<baton::test::RecordedRequest> seen = m_server->requests();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].method, QByteArray("GET"));
    QCOMPARE(seen[0].target, QByteArray("/api/v1/thing?limit=5"));
    QCOMPARE(seen[0].header("user-agent"), NetworkEngine::userAgent());
    QVERIFY(NetworkEngine::userAgent().startsWith("Baton/" BATON_VERSION " (+https://baton.community)"));
    QCOMPARE(seen[0].header("authorization"), QByteArray("Bearer abc"));
    QCOMPARE(seen[0].header("accept"), QByteArray("application/json"));
    QVERIFY(seen[0].header("accept-encoding").contains("gzip"));
}

void NetworkEngineTest::gzipBodyIsDecoded() {
    QByteArray text;
    for (int i = 0; i < 500; ++i) {
        text += "line " + QByteArray::number(i) + " of a compressible body\n";
    }
    m_server->enqueue(ScriptedResponse::ok(gzip(text), {{"Content-Encoding", "gzip"}}));
    const std::optional<Result> res = fetch(request(QStringLiteral("/gz")));
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
    QCOMPARE((*res)->body, text);
}

void NetworkEngineTest::bodyIsSent_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("POST json") << QByteArray("POST") << QByteArray(R"({"status":"hi","in_reply_to_id":"1"})");
    QTest::newRow("POST empty") << QByteArray("POST") << QByteArray();
    QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("comment=thanks");
    QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray("{}");
    QTest::newRow("DELETE with body") << QByteArray("DELETE") << QByteArray("reason=spam");
    QTest::newRow("large POST") << QByteArray("POST") << QByteArray(300000, 'b');
}

void NetworkEngineTest::bodyIsSent() {
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    Request r = request(QStringLiteral("/api/v1/statuses"));
    r.method = method;
    r.body = body;
    r.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", "k-1"}};
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));

    const QList<baton::test::RecordedRequest> seen = m_server->requests();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].method, method);
    QCOMPARE(seen[0].body, body);
    QCOMPARE(seen[0].header("content-length"), QByteArray::number(body.size()));
    QCOMPARE(seen[0].header("content-type"), QByteArray("application/json"));
    QCOMPARE(seen[0].header("idempotency-key"), QByteArray("k-1"));
    QVERIFY(seen[0].header("expect").isEmpty());
}

void NetworkEngineTest::transientFailuresAreRetried_data() {
    QTest::addColumn<ScriptedResponse>("failure");
    QTest::newRow("connection reset") << ScriptedResponse::reset();
    QTest::newRow("closed without response") << ScriptedResponse::close();
    QTest::newRow("truncated body") << ScriptedResponse::truncated("partial", 50);
    QTest::newRow("500") << ScriptedResponse::withStatus(500);
    QTest::newRow("502") << ScriptedResponse::withStatus(502);
    QTest::newRow("503") << ScriptedResponse::withStatus(503, "busy", {{"Retry-After", "0"}});
    QTest::newRow("504") << ScriptedResponse::withStatus(504);
}

void NetworkEngineTest::transientFailuresAreRetried() {
    QFETCH(ScriptedResponse, failure);
    m_server->enqueue(failure);
    m_server->enqueue(ScriptedResponse::ok("after"));
    const std::optional<Result> res = fetch(request(QStringLiteral("/flaky")));
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
    QCOMPARE((*res)->body, QByteArray("after"));
    QCOMPARE((*res)->attempts, 2);
    QCOMPARE(m_server->requestCount(), 2);
}

void NetworkEngineTest::serverErrorTwiceThenSuccess() {
    m_server->enqueue(ScriptedResponse::withStatus(503));
    m_server->enqueue(ScriptedResponse::withStatus(503));
    m_server->enqueue(ScriptedResponse::ok("finally"));
    const std::optional<Result> res = fetch(request(QStringLiteral("/busy")));
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
    QCOMPARE((*res)->status, 200);
    QCOMPARE((*res)->attempts, 3);
    QCOMPARE(m_server->requestCount(), 3);
}

void NetworkEngineTest::persistentTruncationFails() {
    m_server->setFallback(ScriptedResponse::truncated("partial", 1000));
    Request r = request(QStringLiteral("/always-short"));
    r.maxRetries = 2;
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, ErrorCode::Truncated);
    QCOMPARE(m_server->requestCount(), 3);
}

void NetworkEngineTest::unsafeRequestIsNotRetried_data() {
    QTest::addColumn<ScriptedResponse>("failure");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<int>("httpStatus");
    QTest::newRow("503") << ScriptedResponse::withStatus(503) << ErrorCode::HttpServer << 503;
    QTest::newRow("reset") << ScriptedResponse::reset() << ErrorCode::Network << 0;
    QTest::newRow("truncated") << ScriptedResponse::truncated("x") << ErrorCode::Truncated << 0;
}

void NetworkEngineTest::unsafeRequestIsNotRetried() {
    QFETCH(ScriptedResponse, failure);
    QFETCH(ErrorCode, code);
    QFETCH(int, httpStatus);
    m_server->enqueue(failure);
    m_server->enqueue(ScriptedResponse::ok("must not be fetched"));
    Request r = request(QStringLiteral("/reply"));
    r.method = "POST";
    r.body = "status=hello";
    r.retrySafe = false;
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, code);
    QCOMPARE(res->error().httpStatus, httpStatus);
    QCOMPARE(m_server->requestCount(), 1);
}

void NetworkEngineTest::httpErrorsAreTyped_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("400") << 400 << ErrorCode::HttpClient;
    QTest::newRow("401") << 401 << ErrorCode::Unauthorized;
    QTest::newRow("403") << 403 << ErrorCode::Forbidden;
    QTest::newRow("404") << 404 << ErrorCode::NotFound;
    QTest::newRow("422") << 422 << ErrorCode::HttpClient;
    QTest::newRow("501 (not retried)") << 501 << ErrorCode::HttpServer;
}

void NetworkEngineTest::httpErrorsAreTyped() {
    QFETCH(int, status);
    QFETCH(ErrorCode, code);
    const QByteArray body = R"({"error":"Record not found"})" + QByteArray(1000, ' ') + "TAIL";
    m_server->enqueue(ScriptedResponse::withStatus(status, body));
    const std::optional<Result> res = fetch(request(QStringLiteral("/api/v1/statuses/1")));
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, code);
    QCOMPARE(res->error().httpStatus, status);
    QVERIFY2(res->error().detail.contains(QStringLiteral(R"({"error":"Record not found"})")),
             qPrintable(res->error().detail));
    QVERIFY(!res->error().detail.contains(QStringLiteral("TAIL")));
    QCOMPARE(m_server->requestCount(), 1);
}

void NetworkEngineTest::mastodon429HoldsBucketUntilReset() {
    const QString key = QStringLiteral("mastodon:1");
    const qint64 resetMs = QDateTime::currentMSecsSinceEpoch() + 1500;
    m_server->enqueue(ScriptedResponse::withStatus(429, R"({"error":"Too many requests"})",
                                                   {{"Content-Type", "application/json"},
                                                    {"X-RateLimit-Limit", "300"},
                                                    {"X-RateLimit-Remaining", "0"},
                                                    {"X-RateLimit-Reset", iso6(resetMs)}}));
    m_server->enqueue(ScriptedResponse::ok("later"));
    m_server->enqueue(ScriptedResponse::ok("later"));

    Request r = request(QStringLiteral("/api/v1/notifications"));
    r.limiterKey = key;
    m_engine->send(r, this, recorder());
    // On a badly stalled machine the reset may pass before the 429 is even seen; the checks below still hold.
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->blockedUntil(key) > 0 || QDateTime::currentMSecsSinceEpoch() >= resetMs,
                             kWaitMs);
    const qint64 blocked = m_engine->blockedUntil(key);
    QVERIFY(blocked == 0 || blocked >= resetMs);

    m_engine->send(r, this, recorder()); // issued during the hold
    QTRY_COMPARE_WITH_TIMEOUT(m_results.size(), std::size_t(2), kWaitMs);
    for (const Result& res : m_results) {
        QVERIFY2(res.hasValue(), qPrintable(describe(res)));
        QCOMPARE(res->status, 200);
        QCOMPARE(res->body, QByteArray("later"));
    }
    QVERIFY(m_results[0]->attempts == 2 || m_results[1]->attempts == 2);

    const QList<baton::test::RecordedRequest> seen = m_server->requests();
    QCOMPARE(seen.size(), 3);
    QVERIFY2(seen[1].arrivalMs >= resetMs, qPrintable(QString::number(resetMs - seen[1].arrivalMs)));
    QVERIFY2(seen[2].arrivalMs >= resetMs, qPrintable(QString::number(resetMs - seen[2].arrivalMs)));
    QCOMPARE(m_engine->blockedUntil(key), 0);
}

void NetworkEngineTest::retryAfterIsHonoured_data() {
    QTest::addColumn<QString>("shape");
    QTest::newRow("Retry-After seconds") << QStringLiteral("seconds");
    QTest::newRow("Retry-After HTTP-date") << QStringLiteral("date");
    QTest::newRow("Bluesky RateLimit-Reset epoch") << QStringLiteral("bluesky");
}

void NetworkEngineTest::retryAfterIsHonoured() {
    QFETCH(QString, shape);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Whole seconds, as HTTP-dates and epoch values carry no fraction.
    const qint64 atSecond = (now / 1000 + 2) * 1000;
    HttpHeaders headers;
    qint64 earliest = 0;
    if (shape == QLatin1String("seconds")) {
        headers = {{"Retry-After", "1"}};
    } else if (shape == QLatin1String("date")) {
        headers = {{"Retry-After", httpDate(atSecond)}};
        earliest = atSecond;
    } else {
        headers = {{"RateLimit-Limit", "3000"},
                   {"RateLimit-Remaining", "0"},
                   {"RateLimit-Reset", QByteArray::number(atSecond / 1000)}};
        earliest = atSecond;
    }
    m_server->enqueue(ScriptedResponse::withStatus(429, R"({"error":"RateLimitExceeded"})", headers));
    m_server->enqueue(ScriptedResponse::ok("ok"));
    Request r = request(QStringLiteral("/xrpc/app.bsky.notification.listNotifications"));
    r.limiterKey = QStringLiteral("bsky");
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
    QCOMPARE((*res)->attempts, 2);

    const QList<baton::test::RecordedRequest> seen = m_server->requests();
    QCOMPARE(seen.size(), 2);
    if (shape == QLatin1String("seconds")) {
        earliest = seen[0].arrivalMs + 1000;
    }
    QVERIFY2(seen[1].arrivalMs >= earliest, qPrintable(QString::number(earliest - seen[1].arrivalMs)));
}

void NetworkEngineTest::repeated429GivesUp() {
    m_server->setFallback(ScriptedResponse::withStatus(429, "Slow down, too many requests from this IP address."));
    Request r = request(QStringLiteral("/latest.json"));
    r.max429Waits = 2;
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, ErrorCode::RateLimited);
    QCOMPARE(res->error().httpStatus, 429);
    QCOMPARE(m_server->requestCount(), 3);
}

void NetworkEngineTest::parseRateLimitHeaders_data() {
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<int>("remaining");
    QTest::addColumn<qint64>("resetAt");
    QTest::addColumn<qint64>("retryAfter");

    const qint64 now = utcMs(2024, 5, 1, 12, 30, 0);
    const qint64 reset = utcMs(2024, 5, 1, 12, 35, 0);
    QTest::newRow("none") << HttpHeaders{} << -1 << qint64(0) << qint64(0);
    QTest::newRow("Mastodon ISO, 6 fraction digits")
        << HttpHeaders{{"x-ratelimit-limit", "300"},
                       {"x-ratelimit-remaining", "0"},
                       {"x-ratelimit-reset", "2024-05-01T12:35:00.000000Z"}}
        << 0 << reset << qint64(0);
    QTest::newRow("ISO, 3 fraction digits")
        << HttpHeaders{{"x-ratelimit-remaining", "17"}, {"x-ratelimit-reset", "2024-05-01T12:35:00.250Z"}} << 17
        << reset + 250 << qint64(0);
    QTest::newRow("ISO, 9 fraction digits")
        << HttpHeaders{{"x-ratelimit-remaining", "1"}, {"x-ratelimit-reset", "2024-05-01T12:35:00.123456789Z"}} << 1
        << reset + 123 << qint64(0);
    QTest::newRow("ISO, no fraction") << HttpHeaders{{"x-ratelimit-remaining", "299"},
                                                     {"x-ratelimit-reset", "2024-05-01T12:35:00Z"}}
                                      << 299 << reset << qint64(0);
    QTest::newRow("Reddit float remaining, delta reset")
        << HttpHeaders{{"x-ratelimit-used", "2"}, {"x-ratelimit-remaining", "598.0"}, {"x-ratelimit-reset", "293"}}
        << 598 << now + 293000 << qint64(0);
    QTest::newRow("float delta reset") << HttpHeaders{{"x-ratelimit-remaining", "0.0"}, {"x-ratelimit-reset", "12.5"}}
                                       << 0 << now + 12500 << qint64(0);
    QTest::newRow("epoch seconds reset") << HttpHeaders{{"x-ratelimit-remaining", "4"},
                                                        {"x-ratelimit-reset", QByteArray::number(reset / 1000)}}
                                         << 4 << reset << qint64(0);
    QTest::newRow("Bluesky RateLimit-*") << HttpHeaders{{"ratelimit-limit", "3000"},
                                                        {"ratelimit-remaining", "2999"},
                                                        {"ratelimit-reset", QByteArray::number(reset / 1000)},
                                                        {"ratelimit-policy", "3000;w=300"}}
                                         << 2999 << reset << qint64(0);
    QTest::newRow("mixed-case names") << HttpHeaders{{"X-Ratelimit-Remaining", "598.0"}, {"X-Ratelimit-Reset", "293"}}
                                      << 598 << now + 293000 << qint64(0);
    QTest::newRow("Retry-After seconds") << HttpHeaders{{"retry-after", "120"}} << -1 << qint64(0) << now + 120000;
    QTest::newRow("Retry-After HTTP-date")
        << HttpHeaders{{"retry-after", "Wed, 01 May 2024 12:35:00 GMT"}} << -1 << qint64(0) << reset;
    QTest::newRow("Bluesky 429") << HttpHeaders{{"ratelimit-remaining", "0"},
                                                {"ratelimit-reset", QByteArray::number(reset / 1000)},
                                                {"retry-after", "300"}}
                                 << 0 << reset << now + 300000;
    QTest::newRow("garbage") << HttpHeaders{{"x-ratelimit-remaining", "lots"},
                                            {"x-ratelimit-reset", "soon"},
                                            {"retry-after", "later"}}
                             << -1 << qint64(0) << qint64(0);
    QTest::newRow("negative remaining") << HttpHeaders{{"x-ratelimit-remaining", "-3"}} << -1 << qint64(0) << qint64(0);
}

void NetworkEngineTest::parseRateLimitHeaders() {
    QFETCH(HttpHeaders, headers);
    QFETCH(int, remaining);
    QFETCH(qint64, resetAt);
    QFETCH(qint64, retryAfter);
    Response response;
    response.status = 200;
    response.headers = headers;
    const RateLimitInfo info = baton::net::parseRateLimitHeaders(response, utcMs(2024, 5, 1, 12, 30, 0));
    QCOMPARE(info.remaining, remaining);
    QCOMPARE(info.resetAtMs, resetAt);
    QCOMPARE(info.retryAfterMs, retryAfter);
    // The limit: a limit header, or Reddit's used + remaining.
    if (headers.contains({"x-ratelimit-limit", "300"})) {
        QCOMPARE(info.limit, 300);
    } else if (headers.contains({"x-ratelimit-used", "2"})) {
        QCOMPARE(info.limit, 600);
    } else if (headers.contains({"ratelimit-limit", "3000"})) {
        QCOMPARE(info.limit, 3000);
    } else {
        QCOMPARE(info.limit, -1);
    }
}

void NetworkEngineTest::rateLimiterKeepsTheLimitAcrossWindows() {
    baton::net::RateLimiter limiter;
    const QString key = QStringLiteral("reddit");
    const qint64 now = 1'000'000;
    QVERIFY(limiter.mayStart(key, now)); // nothing known yet
    limiter.started(key, now);
    RateLimitInfo info;
    info.remaining = 3;
    info.limit = 4;
    info.resetAtMs = now + 1000;
    limiter.finished(key, info, now);
    // In the window: at most what is left, counting what is in flight.
    for (int i = 0; i < 3; ++i) {
        QVERIFY(limiter.mayStart(key, now + 10));
        limiter.started(key, now);
    }
    QVERIFY(!limiter.mayStart(key, now + 10));
    // The window passed with three still in flight: the new window holds 4, so one more may start, not a burst.
    QVERIFY(limiter.mayStart(key, now + 2000));
    limiter.started(key, now);
    QVERIFY(!limiter.mayStart(key, now + 2000));
}

void NetworkEngineTest::staleAnswerDoesNotRaiseTheBudget() {
    baton::net::RateLimiter limiter;
    const QString key = QStringLiteral("shared");
    const qint64 now = 2'000'000;
    for (int i = 0; i < 2; ++i) {
        limiter.started(key, now);
    }
    // Two answers of one window, read in the wrong order: 0 left, then the older "1 left".
    RateLimitInfo newer;
    newer.remaining = 0;
    newer.limit = 4;
    newer.resetAtMs = now + 1500;
    limiter.finished(key, newer, now + 20);
    RateLimitInfo older = newer;
    older.remaining = 1;
    older.resetAtMs = now + 1480; // the same reset, seen a little earlier
    limiter.finished(key, older, now + 25);
    QVERIFY(!limiter.mayStart(key, now + 30));
    QVERIFY(limiter.blockedUntil(key, now + 30) >= now + 1500);
    // The next window's first answer is taken as it is.
    RateLimitInfo next;
    next.remaining = 3;
    next.limit = 4;
    next.resetAtMs = now + 3000;
    limiter.started(key, now + 1600);
    limiter.finished(key, next, now + 1610);
    QVERIFY(limiter.mayStart(key, now + 1620));
}

void NetworkEngineTest::clientBudgetPacesABucketWithoutHeaders() {
    baton::net::RateLimiter limiter;
    const QString key = QStringLiteral("google");
    const qint64 now = 5'000'000;
    limiter.setClientBudget(key, 3, 1000);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(limiter.mayStart(key, now + i * 10));
        limiter.started(key, now + i * 10);
        limiter.finished(key, RateLimitInfo{}, now + i * 10 + 5); // answered at once, no headers
    }
    // Three started within the window: the fourth waits until the first leaves it, not longer.
    QVERIFY(!limiter.mayStart(key, now + 500));
    QCOMPARE(limiter.blockedUntil(key, now + 500), now + 1000);
    QVERIFY(limiter.mayStart(key, now + 1000));
    limiter.started(key, now + 1000);
    QCOMPARE(limiter.blockedUntil(key, now + 1000), now + 1010); // the second start leaves next
    // Another bucket is not held by it.
    QVERIFY(limiter.mayStart(QStringLiteral("other"), now + 1000));
    // Removing the budget frees the bucket.
    limiter.setClientBudget(key, 0, 1000);
    QVERIFY(limiter.mayStart(key, now + 1001));
}

void NetworkEngineTest::clientBudgetPacesRealRequests() {
    // Seven requests at once on a bucket allowed 3 per 600 ms: the server sees them in waves, never 4 in a window.
    constexpr int kCount = 7;
    constexpr qint64 kWindowMs = 600;
    for (int i = 0; i < kCount; ++i) {
        Request r = request(QStringLiteral("/paced/%1").arg(i));
        r.limiterKey = QStringLiteral("paced");
        r.clientLimit = 3;
        r.clientWindowMs = kWindowMs;
        m_engine->send(r, this, recorder());
    }
    QTRY_COMPARE_WITH_TIMEOUT(int(m_results.size()), kCount, kWaitMs);
    for (const Result& r : m_results) {
        QVERIFY(r.hasValue());
    }
    const QList<baton::test::RecordedRequest> seen = m_server->requests();
    QCOMPARE(seen.size(), kCount);
    for (int i = 3; i < kCount; ++i) {
        // The request three places earlier started at least a window before this one (a little slack for the
        // time between start and arrival).
        QVERIFY2(seen.at(i).arrivalMs - seen.at(i - 3).arrivalMs >= kWindowMs - 200,
                 qPrintable(QStringLiteral("request %1 came %2 ms after request %3")
                                .arg(i)
                                .arg(seen.at(i).arrivalMs - seen.at(i - 3).arrivalMs)
                                .arg(i - 3)));
    }
    // And it did not wait needlessly: the first three went out together.
    QVERIFY(seen.at(2).arrivalMs - seen.at(0).arrivalMs < kWindowMs);
}

void NetworkEngineTest::unsafeUrlsAreRejected_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::newRow("http to a public host") << QStringLiteral("http://example.com/feed") << HttpHeaders{};
    QTest::newRow("http to a private address") << QStringLiteral("http://10.0.0.1/") << HttpHeaders{};
    QTest::newRow("http to a name that only looks local")
        << QStringLiteral("http://127.0.0.1.nip.io:PORT/") << HttpHeaders{};
    QTest::newRow("http to a link-local IPv6 address") << QStringLiteral("http://[fe80::1]/") << HttpHeaders{};
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/") << HttpHeaders{};
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << HttpHeaders{};
    QTest::newRow("header injection") << QStringLiteral("http://127.0.0.1:PORT/")
                                      << HttpHeaders{{"X-Test", "a\r\nX-Injected: 1"}};
}

void NetworkEngineTest::unsafeUrlsAreRejected() {
    QFETCH(QString, url);
    QFETCH(HttpHeaders, headers);
    Request r;
    r.url = QUrl(url.replace(QStringLiteral("PORT"), QString::number(m_server->port())));
    r.headers = headers;
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, ErrorCode::InvalidArgument);
    QCOMPARE(res->error().httpStatus, 0);
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(m_server->connectionCount(), 0);
}

void NetworkEngineTest::mailUrlsAreChecked() {
    auto check = [](const char* url, const QByteArray& command = {}, const QByteArray& rcpt = {}) {
        Request r;
        r.url = QUrl(QString::fromLatin1(url));
        r.mailCommand = command;
        if (!rcpt.isEmpty()) {
            r.mailRecipients = {rcpt};
        }
        return baton::net::validateRequest(r);
    };
    QVERIFY(!check("imap://127.0.0.1:1143/INBOX", "UID SEARCH UID 5:*"));
    QVERIFY(!check("smtp://localhost:2525", {}, "<bob@example.test>"));
    QVERIFY(!check("imaps://mail.example.org/INBOX"));
    QVERIFY(!check("smtps://mail.example.org:465"));
    // Plain IMAP and SMTP only to loopback hosts, like plain http.
    QVERIFY(check("imap://mail.example.org/INBOX"));
    QVERIFY(check("smtp://10.0.0.1:25"));
    QVERIFY(check("imap://mail.example.org/")->code == ErrorCode::InvalidArgument);
    // No command or address may smuggle another protocol line.
    QVERIFY(check("imap://127.0.0.1/INBOX", "NOOP\r\nA2 DELETE INBOX"));
    QVERIFY(check("smtp://127.0.0.1:25", {}, "<a@b.example>\r\nDATA"));
    QVERIFY(check("pop3://127.0.0.1/"));
}

void NetworkEngineTest::loopbackNameIsAllowed() {
    m_server->enqueue(ScriptedResponse::ok("local"));
    Request r = request(QStringLiteral("/"));
    r.url.setHost(QStringLiteral("localhost"));
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
    QCOMPARE((*res)->body, QByteArray("local"));
}

void NetworkEngineTest::redirectToPlainHttpIsRefused() {
    m_server->enqueue(
        ScriptedResponse::withStatus(302, {}, {{"Location", m_server->url(QStringLiteral("/other")).toEncoded()}}));
    m_server->enqueue(ScriptedResponse::ok("must not be fetched"));
    const std::optional<Result> res = fetch(request(QStringLiteral("/moved")));
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, ErrorCode::InvalidArgument);
    QCOMPARE(m_server->requestCount(), 1);
}

void NetworkEngineTest::oversizedBodyIsRejected_data() {
    QTest::addColumn<ScriptedResponse>("response");
    QTest::newRow("Content-Length over the limit") << ScriptedResponse::ok(QByteArray(5000, 'x'));
    ScriptedResponse unannounced = ScriptedResponse::ok(QByteArray(5000, 'x'));
    unannounced.contentLength = false;
    QTest::newRow("no Content-Length") << unannounced;
    QTest::newRow("gzip expanding past the limit")
        << ScriptedResponse::ok(gzip(QByteArray(200000, '\0')), {{"Content-Encoding", "gzip"}});
}

void NetworkEngineTest::oversizedBodyIsRejected() {
    QFETCH(ScriptedResponse, response);
    m_server->setFallback(response);
    Request r = request(QStringLiteral("/big"));
    r.maxBodyBytes = 1000;
    const std::optional<Result> res = fetch(r);
    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, ErrorCode::BadResponse);
    QVERIFY2(res->error().detail.contains(QStringLiteral("1000 bytes")), qPrintable(res->error().detail));
    QCOMPARE(m_server->requestCount(), 1);
}

void NetworkEngineTest::deadContextGetsNoCallback() {
    m_server->enqueue(ScriptedResponse::ok("too late").delayed(300));
    int calls = 0;
    auto* context = new QObject;
    m_engine->send(request(QStringLiteral("/slow")), context, [&calls](Result) { ++calls; });
    QVERIFY(m_server->waitForRequests(1));
    delete context;
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->pendingRequests(), std::size_t(0), kWaitMs);
    QVERIFY(flushPostedCallbacks());
    QCOMPARE(calls, 0);

    // The engine is still usable afterwards.
    m_server->enqueue(ScriptedResponse::ok("fine"));
    const std::optional<Result> res = fetch(request(QStringLiteral("/next")));
    QVERIFY(res);
    QVERIFY2(res->hasValue(), qPrintable(describe(*res)));
}

void NetworkEngineTest::contextDestroyedWithCallbackPosted() {
    int calls = 0;
    auto* context = new QObject;
    m_engine->send(request(QStringLiteral("/fast")), context, [&calls](Result) { ++calls; });
    // The result is posted to this thread but, without an event loop running, not delivered yet.
    QVERIFY(waitWithoutEvents([this] { return m_engine->pendingRequests() == 0; }));
    delete context;
    QVERIFY(flushPostedCallbacks());
    QCOMPARE(calls, 0);
}

void NetworkEngineTest::cancelDeliversCancelled() {
    m_server->setFallback(ScriptedResponse::ok("never").delayed(20000));
    const RequestId id = m_engine->send(request(QStringLiteral("/hanging")), this, recorder());
    QVERIFY(m_server->waitForRequests(1));
    m_engine->cancel(id);
    QTRY_COMPARE_WITH_TIMEOUT(m_results.size(), std::size_t(1), kWaitMs);
    QVERIFY(!m_results[0].hasValue());
    QCOMPARE(m_results[0].error().code, ErrorCode::Cancelled);

    m_engine->cancel(id); // already delivered: nothing more happens
    m_engine->cancel(id + 1000);
    QVERIFY(flushPostedCallbacks());
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->pendingRequests(), std::size_t(0), kWaitMs);
    QVERIFY(flushPostedCallbacks());
    QCOMPARE(m_results.size(), std::size_t(1));
}

void NetworkEngineTest::engineDestroyedWithRequestsInFlight() {
    m_server->setFallback(ScriptedResponse::ok("never").delayed(20000));
    for (int i = 0; i < 20; ++i) {
        Request r = request(QStringLiteral("/hanging/%1").arg(i));
        if (i % 2 == 1) {
            r.limiterKey = QStringLiteral("held");
        }
        m_engine->send(r, this, recorder());
    }
    QVERIFY(m_server->waitForRequests(2));
    m_engine.reset();
    QVERIFY(flushPostedCallbacks());
    QCOMPARE(m_results.size(), std::size_t(0));
}

void NetworkEngineTest::engineDestroyedWithCallbackPosted() {
    m_engine->send(request(QStringLiteral("/fast")), this, recorder());
    QVERIFY(waitWithoutEvents([this] { return m_engine->pendingRequests() == 0; }));
    m_engine.reset();
    QVERIFY(flushPostedCallbacks());
    QCOMPARE(m_results.size(), std::size_t(0));
}

void NetworkEngineTest::manyConcurrentRequests() {
    constexpr int kCount = 200;
    m_server->setFallback(ScriptedResponse::ok("same for all"));
    for (int i = 0; i < kCount; ++i) {
        m_engine->send(request(QStringLiteral("/item/%1").arg(i)), this, recorder());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_results.size(), std::size_t(kCount), 120000);
    for (const Result& res : m_results) {
        QVERIFY2(res.hasValue(), qPrintable(describe(res)));
        QCOMPARE(res->status, 200);
    }
    QSet<QByteArray> targets;
    for (const baton::test::RecordedRequest& seen : m_server->requests()) {
        targets.insert(seen.target);
    }
    QCOMPARE(targets.size(), kCount);
    QCOMPARE(m_engine->pendingRequests(), std::size_t(0));
}

void NetworkEngineTest::secretsStayOutOfLogsAndErrors() {
    m_server->enqueue(ScriptedResponse::withStatus(401, R"({"error":"The access token is invalid"})"));
    Request r = request(QStringLiteral("/api/v1/notifications?max_id=5&access_token=QUERYSECRET"));
    r.headers = {{"Authorization", "Bearer HEADERSECRET"}};
    r.url.setUserName(QStringLiteral("USERSECRET"));

    {
        const QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    QLoggingCategory::setFilterRules(QStringLiteral("baton.net.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const std::optional<Result> res = fetch(r);
    m_engine.reset(); // no more log lines from the network thread
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(res);
    QVERIFY(!res->hasValue());
    QCOMPARE(res->error().code, ErrorCode::Unauthorized);
    const QMutexLocker lock(&g_logMutex);
    const QString everything = g_log.join(u'\n') + u'\n' + res->error().detail;
    QVERIFY2(everything.contains(QStringLiteral("max_id=5")), qPrintable(everything));
    for (const QString& secret :
         {QStringLiteral("QUERYSECRET"), QStringLiteral("HEADERSECRET"), QStringLiteral("USERSECRET")}) {
        QVERIFY2(!everything.contains(secret), qPrintable(secret));
    }
    QCOMPARE(m_server->requests().value(0).header("authorization"), QByteArray("Bearer HEADERSECRET"));
}

QTEST_GUILESS_MAIN(NetworkEngineTest)
#include "NetworkEngineTest.moc"
