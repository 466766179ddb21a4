// The verbs that use the sync engine: sync, inbox, reply, outbox, moderate.
#include "app/Cli.h"
#include "app/Profile.h"
#include "core/common/Ids.h"
#include "core/common/Time.h"
#include "core/model/Replies.h"
#include "core/net/NetworkEngine.h"
#include "core/store/AccountRepository.h"
#include "core/store/InboxQuery.h"
#include "core/store/ItemRepository.h"
#include "core/store/OutboxRepository.h"
#include "core/sync/OutboxSender.h"
#include "core/sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>

namespace baton::app {
namespace {

QJsonObject itemJson(const model::Item& it, const QString& accountName) {
    QJsonObject o{{QStringLiteral("id"), it.id},
                  {QStringLiteral("account"), accountName},
                  {QStringLiteral("network"), model::toString(it.network)},
                  {QStringLiteral("remote_id"), it.remoteId},
                  {QStringLiteral("kind"), model::toString(it.kind)},
                  {QStringLiteral("direction"), model::toString(it.direction)},
                  {QStringLiteral("status"), model::toString(it.status)},
                  {QStringLiteral("created_at"), formatRfc3339(it.createdAt)},
                  {QStringLiteral("author"), QJsonObject{{QStringLiteral("handle"), it.author.handle},
                                                         {QStringLiteral("name"), it.author.displayName}}},
                  {QStringLiteral("text"), it.text},
                  {QStringLiteral("url"), it.url.isEmpty() ? QJsonValue() : QJsonValue(it.url)},
                  {QStringLiteral("lang"), it.lang.isEmpty() ? QJsonValue() : QJsonValue(it.lang)},
                  {QStringLiteral("visibility"), it.visibility.isEmpty() ? QJsonValue() : QJsonValue(it.visibility)},
                  {QStringLiteral("parent_remote_id"),
                   it.parentRemoteId.isEmpty() ? QJsonValue() : QJsonValue(it.parentRemoteId)},
                  {QStringLiteral("thread_remote_id"), it.threadRemoteId}};
    o.insert(QStringLiteral("first_response_at"),
             it.firstResponseAt > 0 ? QJsonValue(formatRfc3339(it.firstResponseAt)) : QJsonValue());
    o.insert(QStringLiteral("edited_at"), it.updatedAt > 0 ? QJsonValue(formatRfc3339(it.updatedAt)) : QJsonValue());
    o.insert(QStringLiteral("sentiment"), it.sentiment ? QJsonValue(*it.sentiment) : QJsonValue());
    return o;
}

QString excerpt(const QString& text, int width) {
    QString s = text.simplified();
    if (s.size() > width) {
        s = s.left(width - 1) + QChar(0x2026);
    }
    return s;
}

// Ends the event loop on SIGINT/SIGTERM for the long-running verbs (sync without --once, sandbox).
int g_signalPipe[2] = {-1, -1};
void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalPipe[1], &c, 1);
}

} // namespace

void quitOnSignals(QEventLoop& loop) {
    if (g_signalPipe[0] < 0 && ::pipe(g_signalPipe) != 0) {
        return;
    }
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &loop);
    QObject::connect(notifier, &QSocketNotifier::activated, &loop, [&loop] { loop.quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

int Cli::syncCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addOption({QStringLiteral("account"), QStringLiteral("Only this account"), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("once"), QStringLiteral("One pass, then exit")});
    p.addOption({QStringLiteral("interval"), QStringLiteral("Seconds between passes"), QStringLiteral("S"),
                 QStringLiteral("60")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || !p.positionalArguments().isEmpty()) {
        return fail(p.errorText().isEmpty() ? QStringLiteral("usage: baton sync [--account NAME] [--once]")
                                            : p.errorText(),
                    Usage);
    }
    bool okInterval = false;
    const int interval = p.value(QStringLiteral("interval")).toInt(&okInterval);
    if (!okInterval || interval < 5) {
        return fail(QStringLiteral("--interval must be a number of seconds, at least 5"), Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    std::optional<qint64> only;
    if (p.isSet(QStringLiteral("account"))) {
        const auto a =
            store::AccountRepository::byName(m_profile->store().reader(), p.value(QStringLiteral("account")));
        if (!a) {
            return fail(QStringLiteral("no account named \"%1\"").arg(p.value(QStringLiteral("account"))));
        }
        only = a->id;
    }
    if (store::AccountRepository::list(m_profile->store().reader()).isEmpty()) {
        return fail(QStringLiteral("no accounts to sync (add one with baton account add)"));
    }
    net::NetworkEngine engine;
    sync::SyncEngine syncEngine(m_profile->store(), engine,
                                [this](const model::Account& a) { return m_profile->secretsFor(a); });
    QEventLoop loop;
    int failures = 0;
    QObject::connect(&syncEngine, &sync::SyncEngine::accountFinished, &loop, [&](qint64 id, bool ok) {
        const auto a = store::AccountRepository::byId(m_profile->store().reader(), id);
        const auto st = syncEngine.status(id);
        const QString name = a ? a->name : QString::number(id);
        if (ok) {
            m_out << name << ": " << st.inserted << " new, " << st.updated << " updated (" << st.pages << " pages)"
                  << Qt::endl;
        } else {
            ++failures;
            m_err << "baton: " << name << ": sync failed: " << st.error.toString() << Qt::endl;
        }
    });
    auto start = [&] {
        if (only) {
            syncEngine.syncAccount(*only);
        } else {
            syncEngine.syncAll();
        }
    };
    QTimer timer;
    if (p.isSet(QStringLiteral("once"))) {
        QObject::connect(&syncEngine, &sync::SyncEngine::allFinished, &loop, &QEventLoop::quit);
    } else {
        timer.setInterval(interval * 1000);
        QObject::connect(&timer, &QTimer::timeout, &loop, start);
        timer.start();
        quitOnSignals(loop);
    }
    QTimer::singleShot(0, &loop, start);
    loop.exec();
    return failures == 0 ? Ok : Partial;
}

int Cli::inboxCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addOption({QStringLiteral("status"), QStringLiteral("Status"), QStringLiteral("S")});
    p.addOption({QStringLiteral("network"), QStringLiteral("Network"), QStringLiteral("N")});
    p.addOption({QStringLiteral("account"), QStringLiteral("Account name"), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("kind"), QStringLiteral("Kind"), QStringLiteral("K")});
    p.addOption({QStringLiteral("search"), QStringLiteral("Full-text search"), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("needs-reply"), QStringLiteral("Only items nobody answered")});
    p.addOption({QStringLiteral("sort"), QStringLiteral("newest, oldest, negative, waiting"), QStringLiteral("S"),
                 QStringLiteral("newest")});
    p.addOption({QStringLiteral("json"), QStringLiteral("JSON output")});
    p.addOption(
        {QStringLiteral("limit"), QStringLiteral("At most N items"), QStringLiteral("N"), QStringLiteral("50")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || !p.positionalArguments().isEmpty()) {
        return fail(p.errorText().isEmpty() ? QStringLiteral("inbox takes no positional argument") : p.errorText(),
                    Usage);
    }
    store::InboxFilter f;
    for (const QString& s : p.values(QStringLiteral("status"))) {
        const auto v = model::statusFromString(s);
        if (!v) {
            return fail(
                QStringLiteral("unknown status \"%1\" (new, in-progress, waiting, done, snoozed, archived, spam)")
                    .arg(s),
                Usage);
        }
        f.statuses << *v;
    }
    for (const QString& s : p.values(QStringLiteral("network"))) {
        const auto v = model::networkFromString(s);
        if (!v) {
            return fail(QStringLiteral("unknown network \"%1\"").arg(s), Usage);
        }
        f.networks << *v;
    }
    for (const QString& s : p.values(QStringLiteral("kind"))) {
        const auto v = model::kindFromString(s);
        if (!v) {
            return fail(QStringLiteral("unknown kind \"%1\"").arg(s), Usage);
        }
        f.kinds << *v;
    }
    const QString sort = p.value(QStringLiteral("sort"));
    if (sort == QLatin1String("oldest")) {
        f.sort = store::InboxSort::Oldest;
    } else if (sort == QLatin1String("negative")) {
        f.sort = store::InboxSort::MostNegative;
    } else if (sort == QLatin1String("waiting")) {
        f.sort = store::InboxSort::WaitingLongest;
        f.needsReply = true;
    } else if (sort != QLatin1String("newest")) {
        return fail(QStringLiteral("unknown sort \"%1\"").arg(sort), Usage);
    }
    if (p.isSet(QStringLiteral("needs-reply"))) {
        f.needsReply = true;
    }
    f.search = p.value(QStringLiteral("search"));
    bool okLimit = false;
    const int limit = p.value(QStringLiteral("limit")).toInt(&okLimit);
    if (!okLimit || limit < 1 || limit > 100000) {
        return fail(QStringLiteral("--limit must be between 1 and 100000"), Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    store::Database& db = m_profile->store().reader();
    QHash<qint64, QString> names;
    for (const auto& a : store::AccountRepository::list(db)) {
        names.insert(a.id, a.name);
    }
    for (const QString& n : p.values(QStringLiteral("account"))) {
        const qint64 id = names.key(n, 0);
        if (id == 0) {
            return fail(QStringLiteral("no account named \"%1\"").arg(n));
        }
        f.accountIds << id;
    }
    const store::InboxPage page = store::InboxQuery::page(db, f, std::nullopt, limit);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const auto& it : page.items) {
            out.append(itemJson(it, names.value(it.accountId)));
        }
        m_out << QJsonDocument(out).toJson(QJsonDocument::Indented);
        return Ok;
    }
    for (const auto& it : page.items) {
        m_out << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(it.id, 7)
                     .arg(QDateTime::fromMSecsSinceEpoch(it.createdAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                     .arg(it.author.handle.left(28), -28)
                     .arg(model::toString(it.status), -11)
                     .arg(excerpt(it.text, 70))
              << Qt::endl;
    }
    if (page.items.isEmpty()) {
        m_out << "no items" << Qt::endl;
    }
    return Ok;
}

int Cli::replyCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("item"), QStringLiteral("Item id (from baton inbox)"));
    p.addOption({QStringLiteral("text"), QStringLiteral("The reply"), QStringLiteral("TEXT")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || p.positionalArguments().size() != 1) {
        return fail(QStringLiteral("usage: baton reply ITEM --text TEXT"), Usage);
    }
    bool okId = false;
    const qint64 itemId = p.positionalArguments().first().toLongLong(&okId);
    const QString text = p.value(QStringLiteral("text"));
    if (!okId) {
        return fail(QStringLiteral("ITEM must be an item id as shown by baton inbox"), Usage);
    }
    if (text.trimmed().isEmpty()) {
        return fail(QStringLiteral("--text must not be empty"), Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    const auto item = store::ItemRepository::byId(m_profile->store().reader(), itemId);
    if (!item) {
        return fail(QStringLiteral("no item %1").arg(itemId));
    }
    // Refused here rather than by the network later: nothing is queued that cannot go out.
    switch (model::replyRefusal(*item)) {
    case model::ReplyRefusal::NoReplies:
        return fail(QStringLiteral("%1 items take no replies from Baton; answer on the site: %2")
                        .arg(model::toString(item->network), item->url));
    case model::ReplyRefusal::NotPublished:
        return fail(QStringLiteral("YouTube takes replies only to published comments; approve it first: "
                                   "baton moderate %1 approve")
                        .arg(itemId));
    case model::ReplyRefusal::None:
        break;
    }
    if (const int length = model::replyLength(item->network, text); length > model::replyLimit(item->network)) {
        return fail(QStringLiteral("the reply is %1 characters long as %2 counts them; it takes %3 at most")
                        .arg(length)
                        .arg(model::toString(item->network))
                        .arg(model::replyLimit(item->network)),
                    Usage);
    }
    if (!model::replyFits(item->network, text)) { // within the count, over the network's byte cap
        return fail(QStringLiteral("the reply is %1 bytes long in UTF-8; %2 takes %3 at most")
                        .arg(text.toUtf8().size())
                        .arg(model::toString(item->network))
                        .arg(model::replyByteLimit(item->network)),
                    Usage);
    }
    model::OutboxEntry entry;
    entry.accountId = item->accountId;
    entry.itemId = item->id;
    entry.parentRemoteId = item->remoteId;
    entry.text = text;
    entry.visibility = item->kind == model::Kind::DirectMessage ? QStringLiteral("direct") : QString();
    entry.idempotencyKey = newUuid();
    entry.createdAt = QDateTime::currentMSecsSinceEpoch();
    qint64 outboxId = 0;
    auto queued =
        m_profile->store().writer().run([&](store::Database& db, store::ChangeSet& c) -> Expected<void, Error> {
            auto r = store::OutboxRepository::enqueue(db, entry, c);
            if (!r) {
                return unexpected(r.error());
            }
            outboxId = *r;
            return {};
        });
    if (!queued) {
        return fail(queued.error().toString());
    }
    net::NetworkEngine engine;
    sync::SyncEngine syncEngine(m_profile->store(), engine,
                                [this](const model::Account& a) { return m_profile->secretsFor(a); });
    QEventLoop loop;
    syncEngine.outbox().flush(item->accountId, [&](int, int) { loop.quit(); });
    if (syncEngine.outbox().isBusy()) {
        loop.exec();
    }
    const auto after = store::OutboxRepository::byId(m_profile->store().reader(), outboxId);
    if (after && after->state == model::OutboxState::Sent) {
        m_out << "sent (outbox " << outboxId << ", remote id " << after->remoteId << ")" << Qt::endl;
        return Ok;
    }
    if (after && after->state == model::OutboxState::Queued) {
        return fail(QStringLiteral("not sent yet, kept in the outbox (%1) and retried by the next sync: %2")
                        .arg(outboxId)
                        .arg(after->lastError),
                    Partial);
    }
    return fail(QStringLiteral("not sent (outbox %1): %2").arg(outboxId).arg(after ? after->lastError : QString()));
}

int Cli::outboxCmd(const QStringList& args) {
    const bool json = args.contains(QLatin1String("--json"));
    if (!openProfile()) {
        return Failure;
    }
    const auto entries = store::OutboxRepository::list(m_profile->store().reader());
    QJsonArray out;
    for (const auto& e : entries) {
        if (json) {
            out.append(QJsonObject{{QStringLiteral("id"), e.id},
                                   {QStringLiteral("item_id"), e.itemId},
                                   {QStringLiteral("state"), model::toString(e.state)},
                                   {QStringLiteral("attempts"), e.attempts},
                                   {QStringLiteral("text"), e.text},
                                   {QStringLiteral("remote_id"), e.remoteId},
                                   {QStringLiteral("last_error"), e.lastError}});
        } else {
            m_out << e.id << "\t" << model::toString(e.state) << "\titem " << e.itemId << "\t" << excerpt(e.text, 60);
            if (!e.lastError.isEmpty()) {
                m_out << "\t" << e.lastError;
            }
            m_out << Qt::endl;
        }
    }
    if (json) {
        m_out << QJsonDocument(out).toJson(QJsonDocument::Indented);
    }
    return Ok;
}

int Cli::moderateCmd(const QStringList& args) {
    QCommandLineParser p;
    p.addOption({QStringLiteral("comment"), QStringLiteral("Report comment"), QStringLiteral("TEXT")});
    if (!p.parse(QStringList{QStringLiteral("baton")} + args) || p.positionalArguments().size() != 2) {
        return fail(QStringLiteral("usage: baton moderate ITEM dismiss|mute|block|report|mute-thread|delete"), Usage);
    }
    bool okId = false;
    const qint64 itemId = p.positionalArguments()[0].toLongLong(&okId);
    const auto action = connectors::moderationActionFromName(p.positionalArguments()[1]);
    if (!okId || !action) {
        return fail(QStringLiteral("usage: baton moderate ITEM dismiss|mute|block|report|mute-thread|delete"), Usage);
    }
    if (!openProfile()) {
        return Failure;
    }
    const auto item = store::ItemRepository::byId(m_profile->store().reader(), itemId);
    if (!item) {
        return fail(QStringLiteral("no item %1").arg(itemId));
    }
    net::NetworkEngine engine;
    sync::SyncEngine syncEngine(m_profile->store(), engine,
                                [this](const model::Account& a) { return m_profile->secretsFor(a); });
    QEventLoop loop;
    std::optional<Error> error;
    bool finished = false;
    syncEngine.moderate(*item, *action, p.value(QStringLiteral("comment")), &loop, [&](Expected<void, Error> r) {
        if (!r) {
            error = r.error();
        }
        finished = true;
        loop.quit();
    });
    if (!finished) {
        loop.exec();
    }
    if (error) {
        return fail(error->toString());
    }
    m_out << connectors::moderationActionName(*action) << ": done" << Qt::endl;
    return Ok;
}

} // namespace baton::app
