// Sync through real libcurl to the in-process sandbox into SQLite: every stored item with English or French text
// gets a language and a sentiment score, and the score is the one `baton sentiment` gives for the same text.
#include "core/analysis/Lexicon.h"
#include "core/analysis/SentimentAnalyzer.h"
#include "core/net/NetworkEngine.h"
#include "core/sandbox/SandboxServer.h"
#include "core/secrets/FileSecretStore.h"
#include "core/store/AccountRepository.h"
#include "core/store/Store.h"
#include "core/sync/SyncEngine.h"
#include "tests/support/StoreProbe.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <memory>
#include <sqlite3.h>

using namespace baton;
using baton::testing::failureText;
using baton::testing::queryInt;

class SentimentSyncTest final : public QObject {
    Q_OBJECT

private slots:
    void storedItemsAreScored();
};

void SentimentSyncTest::storedItemsAreScored() {
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.nowMs = 1717243200000; // 2024-06-01T12:00:00.000Z
    options.mastodonAccounts = 1;
    options.mentionsPerAccount = 60;
    options.people = 30;
    options.rateLimit = 1000000;
    sandbox::SandboxServer server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = store::Store::open(dir.filePath(QStringLiteral("baton.db")));
    QVERIFY2(opened.hasValue(), failureText(opened).constData());
    std::unique_ptr<store::Store> store = std::move(*opened);
    secrets::FileSecretStore secrets(dir.filePath(QStringLiteral("secrets.json")));
    net::NetworkEngine net;
    sync::SyncEngine engine(*store, net, [&](const model::Account&) -> secrets::SecretStore* { return &secrets; });

    const sandbox::SandboxAccount remote = server.accounts().value(0);
    model::Account account;
    account.network = model::Network::Mastodon;
    account.name = remote.name;
    account.baseUrl = remote.baseUrl;
    account.settings.insert(QStringLiteral("secret_store"), QStringLiteral("file"));
    account.createdAt = QDateTime::currentMSecsSinceEpoch();
    const auto added = store->writer().run([&](store::Database& d, store::ChangeSet& c) -> Expected<void, Error> {
        auto r = store::AccountRepository::add(d, account, c);
        if (!r) {
            return unexpected(r.error());
        }
        account.id = *r;
        return {};
    });
    QVERIFY2(added.hasValue(), failureText(added).constData());
    QVERIFY(secrets.writeNow(account.secretKey(), remote.token).hasValue());

    QSignalSpy all(&engine, &sync::SyncEngine::allFinished);
    engine.syncAll();
    QVERIFY(all.wait(60000));
    QCOMPARE(engine.status(account.id).state, sync::AccountSyncState::Idle);

    store::Database& db = store->reader();
    const qint64 withText = queryInt(db, "SELECT count(*) FROM items WHERE text <> ''", {});
    QVERIFY2(withText >= 50, qPrintable(QStringLiteral("only %1 items stored").arg(withText)));
    QCOMPARE(queryInt(db, "SELECT count(*) FROM items WHERE text <> '' AND (lang IS NULL OR lang = '')", {}), 0);
    // English and French items are scored; others keep no score rather than a wrong one.
    QCOMPARE(queryInt(db,
                      "SELECT count(*) FROM items WHERE text <> '' AND sentiment IS NULL AND "
                      "(lang = 'en' OR lang = 'fr')",
                      {}),
             0);
    QCOMPARE(queryInt(db, "SELECT count(*) FROM items WHERE sentiment IS NOT NULL AND lang NOT IN ('en', 'fr')", {}),
             0);
    QVERIFY(queryInt(db, "SELECT count(*) FROM items WHERE sentiment IS NOT NULL", {}) > 0);
    QCOMPARE(queryInt(db, "SELECT count(*) FROM items WHERE sentiment < -1 OR sentiment > 1", {}), 0);
    if (analysis::Lexicon::haveBaseLexicons()) {
        // A generated community has both moods.
        QVERIFY(queryInt(db, "SELECT count(*) FROM items WHERE sentiment >= 0.05", {}) > 0);
        QVERIFY(queryInt(db, "SELECT count(*) FROM items WHERE sentiment <= -0.05", {}) > 0);
    }

    // The stored score is the analyzer's own for that text and language.
    sqlite3_stmt* st = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db.handle(), "SELECT text, lang, sentiment FROM items WHERE sentiment IS NOT NULL", -1,
                                &st, nullptr),
             SQLITE_OK);
    const analysis::SentimentAnalyzer analyzer;
    int checked = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const QString text = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        const QString lang = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
        const double stored = sqlite3_column_double(st, 2);
        const auto language = analysis::languageFromCode(lang);
        QVERIFY(language.has_value());
        QVERIFY2(std::fabs(analyzer.score(text, *language).compound - stored) < 1e-9, qPrintable(text));
        ++checked;
    }
    sqlite3_finalize(st);
    QVERIFY(checked > 0);
}

QTEST_GUILESS_MAIN(SentimentSyncTest)
#include "SentimentSyncTest.moc"
