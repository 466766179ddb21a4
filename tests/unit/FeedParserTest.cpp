#include "core/connectors/feed/FeedParser.h"

#include "core/connectors/feed/FeedConnector.h"
#include "tests/support/Fixtures.h"

#include <QTest>

using namespace baton;
using namespace baton::connectors::feed;

namespace {

QByteArray fixture(const QString& name) {
    return baton::testing::fixture(QStringLiteral("feed"), name);
}

ParseContext ctx(const QString& feedUrl) {
    ParseContext c;
    c.accountId = 4;
    c.feedUrl = feedUrl;
    c.nowMs = 1800000000000;
    return c;
}

const QString kRssUrl = QStringLiteral("https://reviews.example/feed.rss");
const QString kAtomUrl = QStringLiteral("https://forum.example/feed.atom");
const QString kRdfUrl = QStringLiteral("https://old.example/rss");

Expected<ParsedFeed, Error> parseFixture(const QString& name) {
    const QString url = name.startsWith(u"atom") ? kAtomUrl : name.startsWith(u"rdf") ? kRdfUrl : kRssUrl;
    return parseFeed(fixture(name), ctx(url));
}

} // namespace

class FeedParserTest : public QObject {
    Q_OBJECT
private slots:
    void feedLevel_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("duplicates");
        QTest::newRow("rss2") << QStringLiteral("rss2.xml") << QStringLiteral("RSS 2.0")
                              << QStringLiteral("Trail Reviews & Forum") << QStringLiteral("https://reviews.example/")
                              << QStringLiteral("en-gb") << 5 << 1;
        QTest::newRow("atom") << QStringLiteral("atom.xml") << QStringLiteral("Atom 1.0")
                              << QStringLiteral("Forum Baton — derniers messages")
                              << QStringLiteral("https://forum.example/") << QStringLiteral("fr") << 3 << 1;
        QTest::newRow("rdf") << QStringLiteral("rdf.xml") << QStringLiteral("RSS 1.0")
                             << QStringLiteral("Old Forum (RDF)") << QStringLiteral("https://old.example/")
                             << QStringLiteral("de") << 3 << 0;
        QTest::newRow("empty channel") << QStringLiteral("empty_channel.xml") << QStringLiteral("RSS 2.0")
                                       << QStringLiteral("Nothing yet") << QStringLiteral("https://empty.example/")
                                       << QString() << 0 << 0;
    }
    void feedLevel() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, title);
        QFETCH(QString, link);
        QFETCH(QString, lang);
        QFETCH(int, items);
        QFETCH(int, duplicates);
        const auto feed = parseFixture(file);
        QVERIFY2(feed.hasValue(), qPrintable(feed ? QString() : feed.error().toString()));
        QCOMPARE(feedFormatName(feed->format), format);
        QCOMPARE(feed->title, title);
        QCOMPARE(feed->link, link);
        QCOMPARE(feed->lang, lang);
        QCOMPARE(feed->items.size(), items);
        QCOMPARE(feed->versions.size(), items);
        QCOMPARE(feed->duplicates, duplicates);
        for (const auto& it : feed->items) {
            QVERIFY(it.network == model::Network::Feed);
            QVERIFY(it.kind == model::Kind::Post);
            QVERIFY(it.direction == model::Direction::Incoming);
            QCOMPARE(it.accountId, qint64(4));
            QCOMPARE(it.communityName, title);
            QVERIFY(!it.communityRemoteId.isEmpty());
            QVERIFY(!it.remoteId.isEmpty());
            QVERIFY(it.createdAt > 0);
            QVERIFY(!it.author.handle.isEmpty());
            QVERIFY(!it.html.contains(u"<script", Qt::CaseInsensitive));
            QVERIFY(!it.html.contains(u"javascript:", Qt::CaseInsensitive));
        }
    }

    void entries_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("remoteId");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("authorHandle");
        QTest::addColumn<QString>("authorName");
        QTest::addColumn<qint64>("createdAt");
        QTest::addColumn<qint64>("updatedAt");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("text");

        QTest::newRow("rss escaped html, email author, offset date")
            << QStringLiteral("rss2.xml") << 0 << QStringLiteral("review-101")
            << QStringLiteral("https://reviews.example/r/101") << QStringLiteral("ana@example.org")
            << QStringLiteral("Ana Lima") << qint64(1796058900000) << qint64(0) << QString() << QStringLiteral("en-gb")
            << QStringLiteral("Great app, sync is <b>fast</b>\n\nWorks great & never crashed.\n\nFive stars \u2B50");
        QTest::newRow("rss CDATA content:encoded, relative link, 2-digit year EST, emoji")
            << QStringLiteral("rss2.xml") << 1 << QStringLiteral("https://reviews.example/r/102")
            << QStringLiteral("https://reviews.example/r/102") << QStringLiteral("Bjørn Ødegård")
            << QStringLiteral("Bjørn Ødegård") << qint64(1796076000000) << qint64(0) << QString()
            << QStringLiteral("en-gb")
            << QStringLiteral("CDATA and content:encoded\n\nLong review with emoji 😀🎉 and café bad link");
        QTest::newRow("rss RTL, permalink guid is the link, no author")
            << QStringLiteral("rss2.xml") << 2 << QStringLiteral("https://reviews.example/r/103")
            << QStringLiteral("https://reviews.example/r/103") << QStringLiteral("Trail Reviews & Forum")
            << QStringLiteral("Trail Reviews & Forum") << qint64(1796040000000) << qint64(0) << QString()
            << QStringLiteral("en-gb")
            << QStringLiteral("مراجعة باللغة العربية\n\nالتطبيق ممتاز \u200Fשלום\u200F mixed RTL");
        QTest::newRow("rss link as id, undated takes lastBuildDate, HTML entity")
            << QStringLiteral("rss2.xml") << 3 << QStringLiteral("https://reviews.example/r/104")
            << QStringLiteral("https://reviews.example/r/104") << QStringLiteral("Trail Reviews & Forum")
            << QStringLiteral("Trail Reviews & Forum") << qint64(1796104800000) << qint64(0) << QString()
            << QStringLiteral("en-gb") << QStringLiteral("No guid, link only\n\nCafé review without a date");
        QTest::newRow("rss no guid no link no title")
            << QStringLiteral("rss2.xml") << 4 << QString() << QString() << QStringLiteral("Trail Reviews & Forum")
            << QStringLiteral("Trail Reviews & Forum") << qint64(1795946400000) << qint64(0) << QString()
            << QStringLiteral("en-gb") << QStringLiteral("An untitled item with neither guid nor link");
        QTest::newRow("atom duplicate id keeps the newest version, text content, feed author")
            << QStringLiteral("atom.xml") << 0 << QStringLiteral("tag:forum.example,2026:post-7") << QString()
            << QStringLiteral("Équipe du forum") << QStringLiteral("Équipe du forum") << qint64(1796066130000)
            << qint64(1796101200000) << QString() << QStringLiteral("fr")
            << QStringLiteral("Version mise à jour\n\nTexte modifié\nsur deux lignes");
        QTest::newRow("atom xhtml content, relative link, in-reply-to, edit")
            << QStringLiteral("atom.xml") << 1 << QStringLiteral("tag:forum.example,2026:post-8")
            << QStringLiteral("https://forum.example/post/8") << QStringLiteral("Équipe du forum")
            << QStringLiteral("Équipe du forum") << qint64(1796068800000) << qint64(1796077800000)
            << QStringLiteral("tag:forum.example,2026:post-7") << QStringLiteral("fr")
            << QStringLiteral("Réponse : 1 < 2\n\nEssayez la FAQ 👍");
        QTest::newRow("atom summary only, updated as date, RTL, entry language")
            << QStringLiteral("atom.xml") << 2 << QStringLiteral("tag:forum.example,2026:post-9") << QString()
            << QStringLiteral("Équipe du forum") << QStringLiteral("Équipe du forum") << qint64(1796050800000)
            << qint64(0) << QString() << QStringLiteral("he") << QStringLiteral("שאלה\n\nטקסט בעברית בלבד");
        QTest::newRow("rdf about as id, dc:date without seconds, dc:creator")
            << QStringLiteral("rdf.xml") << 0 << QStringLiteral("https://old.example/p/1")
            << QStringLiteral("https://old.example/p/1") << QStringLiteral("Jürgen") << QStringLiteral("Jürgen")
            << qint64(1795851000000) << qint64(0) << QString() << QStringLiteral("de")
            << QStringLiteral("Erster Beitrag\n\nGrüße aus Berlin");
        QTest::newRow("rdf title cut from the text is not repeated")
            << QStringLiteral("rdf.xml") << 1 << QStringLiteral("https://old.example/p/3")
            << QStringLiteral("https://old.example/p/3") << QStringLiteral("Old Forum (RDF)")
            << QStringLiteral("Old Forum (RDF)") << qint64(1795953600000) << qint64(0) << QString()
            << QStringLiteral("de") << QStringLiteral("Kurze Frage zur neuen Version: wo ist der Export?");
        QTest::newRow("rdf content:encoded, date-only dc:date")
            << QStringLiteral("rdf.xml") << 2 << QStringLiteral("https://old.example/p/2")
            << QStringLiteral("https://old.example/p/2") << QStringLiteral("Old Forum (RDF)")
            << QStringLiteral("Old Forum (RDF)") << qint64(1795910400000) << qint64(0) << QString()
            << QStringLiteral("de") << QStringLiteral("Zweiter Beitrag\n\nMit HTML");
    }
    void entries() {
        QFETCH(QString, file);
        QFETCH(int, index);
        QFETCH(QString, remoteId);
        QFETCH(QString, url);
        QFETCH(QString, authorHandle);
        QFETCH(QString, authorName);
        QFETCH(qint64, createdAt);
        QFETCH(qint64, updatedAt);
        QFETCH(QString, parent);
        QFETCH(QString, lang);
        QFETCH(QString, text);
        const auto feed = parseFixture(file);
        QVERIFY2(feed.hasValue(), qPrintable(feed ? QString() : feed.error().toString()));
        QVERIFY(index < feed->items.size());
        const model::Item& it = feed->items[index];
        if (remoteId.isEmpty()) {
            QVERIFY2(it.remoteId.startsWith(u"sha1:"), qPrintable(it.remoteId)); // hash of what the entry says
        } else {
            QCOMPARE(it.remoteId, remoteId);
        }
        QCOMPARE(it.url, url);
        QCOMPARE(it.author.handle, authorHandle);
        QCOMPARE(it.author.displayName, authorName);
        QCOMPARE(it.createdAt, createdAt);
        QCOMPARE(it.updatedAt, updatedAt);
        QCOMPARE(it.parentRemoteId, parent);
        QCOMPARE(it.lang, lang);
        QCOMPARE(it.text, text);
    }

    void htmlIsSanitised() {
        const auto feed = parseFixture(QStringLiteral("rss2.xml"));
        QVERIFY(feed);
        const QString html = feed->items[1].html;
        QVERIFY2(html.contains(u"<a href=\"https://baton.example/docs\">review</a>"), qPrintable(html));
        QVERIFY2(!html.contains(u"alert"), qPrintable(html));
        QVERIFY2(html.startsWith(u"CDATA and content:encoded<br><br>"), qPrintable(html));
        // A title that looks like HTML is text: escaped in the rich form.
        QVERIFY2(feed->items[0].html.startsWith(u"Great app, sync is &lt;b&gt;fast&lt;/b&gt;<br><br>"),
                 qPrintable(feed->items[0].html));
        const auto atom = parseFixture(QStringLiteral("atom.xml"));
        QVERIFY(atom);
        QVERIFY2(atom->items[1].html.contains(u"<a href=\"https://forum.example/faq\">FAQ</a>"),
                 qPrintable(atom->items[1].html));
        QVERIFY2(atom->items[1].html.startsWith(u"Réponse : 1 &lt; 2<br><br>"), qPrintable(atom->items[1].html));
    }

    void communityIsTheFeed() {
        const auto feed = parseFixture(QStringLiteral("rss2.xml"));
        QVERIFY(feed);
        for (const auto& it : feed->items) {
            QCOMPARE(it.communityRemoteId, kRssUrl);
        }
    }

    void hashIdIsStable() {
        const auto a = parseFixture(QStringLiteral("rss2.xml"));
        const auto b = parseFixture(QStringLiteral("rss2.xml"));
        QVERIFY(a && b);
        QCOMPARE(a->items[4].remoteId, b->items[4].remoteId);
        QCOMPARE(a->versions, b->versions);
    }

    void editChangesVersionOnly() {
        QByteArray xml = fixture(QStringLiteral("rss2.xml"));
        const auto before = parseFeed(xml, ctx(kRssUrl));
        xml.replace("Works &lt;b&gt;great&lt;/b&gt;", "Works &lt;b&gt;well&lt;/b&gt;");
        const auto after = parseFeed(xml, ctx(kRssUrl));
        QVERIFY(before && after);
        QCOMPARE(after->items[0].remoteId, before->items[0].remoteId);
        QVERIFY(after->versions[0] != before->versions[0]);
        for (int i = 1; i < after->items.size(); ++i) {
            QCOMPARE(after->versions[i], before->versions[i]);
        }
    }

    void malformed_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << QStringLiteral("truncated.xml") << QStringLiteral("malformed feed XML at line");
        QTest::newRow("mismatched tags") << QStringLiteral("mismatched.xml")
                                         << QStringLiteral("malformed feed XML at line 2");
        QTest::newRow("html page") << QStringLiteral("not_a_feed.html")
                                   << QStringLiteral("not an RSS or Atom feed: the document is <html>");
        QTest::newRow("unknown entity") << QStringLiteral("unknown_entity.xml")
                                        << QStringLiteral("malformed feed XML at line 2");
        QTest::newRow("empty") << QStringLiteral("empty.xml") << QStringLiteral("empty feed document");
        QTest::newRow("json") << QStringLiteral("json.xml") << QStringLiteral("malformed feed XML at line 1");
    }
    void malformed() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const auto feed = parseFixture(file);
        QVERIFY(!feed);
        QVERIFY(feed.error().code == ErrorCode::BadResponse);
        QVERIFY2(feed.error().detail.startsWith(message), qPrintable(feed.error().detail));
    }

    void garbageNeverCrashes() {
        // Every prefix of a real feed is either a feed or a clean error.
        const QByteArray xml = fixture(QStringLiteral("atom.xml"));
        int errors = 0;
        for (qsizetype n = 0; n < xml.size(); n += 7) {
            const auto r = parseFeed(xml.left(n), ctx(kAtomUrl));
            if (!r) {
                ++errors;
                QVERIFY(!r.error().detail.isEmpty());
            }
        }
        QVERIFY(errors > 0);
    }

    void feedDates_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("rfc 822") << QStringLiteral("Sun, 29 Nov 2026 10:00:00 GMT") << qint64(1795946400000);
        QTest::newRow("rfc 3339") << QStringLiteral("2026-11-29T10:00:00Z") << qint64(1795946400000);
        QTest::newRow("rfc 3339 in pubDate") << QStringLiteral("2026-11-29T11:00:00.5+01:00") << qint64(1795946400500);
        QTest::newRow("w3c no seconds") << QStringLiteral("2026-11-29T10:00Z") << qint64(1795946400000);
        QTest::newRow("w3c date only") << QStringLiteral("2026-11-29") << qint64(1795910400000);
        QTest::newRow("nonsense") << QStringLiteral("last tuesday") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }
    void feedDates() {
        QFETCH(QString, input);
        QFETCH(qint64, ms);
        const auto r = parseFeedDate(input);
        if (ms < 0) {
            QVERIFY(!r);
        } else {
            QVERIFY(r);
            QCOMPARE(*r, ms);
        }
    }

    void encodings_data() {
        QTest::addColumn<QByteArray>("xml");
        const QByteArray rss = "<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><guid>1</guid>"
                               "<title>Cr\xe8"
                               "me br\xfb"
                               "l\xe9"
                               "e</title></item></channel></rss>";
        QTest::newRow("iso-8859-1 declared") << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>") + rss;
        const QString utf8 = QStringLiteral("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Café</title>"
                                            "<item><guid>1</guid><title>Crème brûlée</title></item></channel></rss>");
        QTest::newRow("utf-8 with BOM") << QByteArray("\xef\xbb\xbf") + utf8.toUtf8();
        QByteArray utf16;
        utf16.append("\xff\xfe");
        for (QChar c : QString(utf8).replace(QStringLiteral("<?xml version=\"1.0\"?>"),
                                             QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"))) {
            utf16.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        }
        QTest::newRow("utf-16le with BOM") << utf16;
    }
    void encodings() {
        QFETCH(QByteArray, xml);
        const auto feed = parseFeed(xml, ctx(kRssUrl));
        QVERIFY2(feed.hasValue(), qPrintable(feed ? QString() : feed.error().toString()));
        QCOMPARE(feed->title, QStringLiteral("Café"));
        QCOMPARE(feed->items.size(), 1);
        QCOMPARE(feed->items[0].text, QStringLiteral("Crème brûlée"));
    }

    void seenCursorRoundTrip() {
        QHash<QString, QString> seen{{QStringLiteral("tag:a,2026:1"), QStringLiteral("abc")},
                                     {QStringLiteral("https://x.example/?q=\"é\""), QStringLiteral("def")}};
        QCOMPARE(decodeSeen(encodeSeen(seen)), seen);
        QVERIFY(decodeSeen(QString()).isEmpty());
        QVERIFY(decodeSeen(QStringLiteral("not json")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(FeedParserTest)
#include "FeedParserTest.moc"
