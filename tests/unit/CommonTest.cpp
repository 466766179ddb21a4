#include "core/common/Html.h"
#include "core/common/Ids.h"
#include "core/common/Time.h"
#include "core/model/Enums.h"

#include <QTest>

using namespace baton;

class CommonTest : public QObject {
    Q_OBJECT
private slots:
    void sanitize_data() {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("rich");
        QTest::newRow("paragraphs") << QStringLiteral("<p>one</p><p>two</p>") << QStringLiteral("one\n\ntwo")
                                    << QStringLiteral("one<br><br>two");
        QTest::newRow("br") << QStringLiteral("<p>a<br>b<br/>c</p>") << QStringLiteral("a\nb\nc")
                            << QStringLiteral("a<br>b<br>c");
        QTest::newRow("entities") << QStringLiteral("<p>Tom &amp; Jerry &lt;3 &#39;hi&#39; &#x1F600; &eacute;</p>")
                                  << QStringLiteral("Tom & Jerry <3 'hi' \U0001F600 é")
                                  << QStringLiteral("Tom &amp; Jerry &lt;3 'hi' \U0001F600 é");
        QTest::newRow("mention") << QStringLiteral("<p><span class=\"h-card\"><a href=\"https://m.example/@bob\" "
                                                   "class=\"u-url mention\">@<span>bob</span></a></span> hi</p>")
                                 << QStringLiteral("@bob hi")
                                 << QStringLiteral("<a href=\"https://m.example/@bob\" class=\"mention\">@bob</a> hi");
        QTest::newRow("split link") << QStringLiteral(
                                           "<a href=\"https://ex.com/a/b\"><span class=\"invisible\">https://"
                                           "</span><span class=\"ellipsis\">ex.com/a</span><span "
                                           "class=\"invisible\">/b</span></a>")
                                    << QStringLiteral("https://ex.com/a/b")
                                    << QStringLiteral("<a href=\"https://ex.com/a/b\">https://ex.com/a/b</a>");
        QTest::newRow("script dropped") << QStringLiteral("<p>ok<script>alert(1)</script></p>") << QStringLiteral("ok")
                                        << QStringLiteral("ok");
        QTest::newRow("javascript link") << QStringLiteral("<a href=\"javascript:alert(1)\">x</a>")
                                         << QStringLiteral("x") << QStringLiteral("x");
        QTest::newRow("attribute injection")
            << QStringLiteral("<a href='https://e.com/\"onmouseover=x'>y</a>") << QStringLiteral("y")
            << QStringLiteral("<a href=\"https://e.com/&quot;onmouseover=x\">y</a>");
        QTest::newRow("img dropped") << QStringLiteral("<img src=\"https://t.example/p.gif\">hi")
                                     << QStringLiteral("hi") << QStringLiteral("hi");
        QTest::newRow("unterminated") << QStringLiteral("ok <b") << QStringLiteral("ok") << QStringLiteral("ok ");
        QTest::newRow("empty") << QString() << QString() << QString();
    }
    void sanitize() {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QFETCH(QString, rich);
        const SanitizedHtml s = sanitizeHtml(html);
        QCOMPARE(s.text, text);
        QCOMPARE(s.html, rich);
    }

    void rfc3339_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::newRow("mastodon ms") << QStringLiteral("2019-11-23T07:49:02.064Z") << qint64(1574495342064);
        QTest::newRow("no fraction") << QStringLiteral("2019-11-23T07:49:02Z") << qint64(1574495342000);
        QTest::newRow("one digit") << QStringLiteral("2019-11-23T07:49:02.5Z") << qint64(1574495342500);
        QTest::newRow("nine digits") << QStringLiteral("2019-11-23T07:49:02.123456789Z") << qint64(1574495342123);
        QTest::newRow("offset") << QStringLiteral("2019-11-23T09:49:02.064+02:00") << qint64(1574495342064);
        QTest::newRow("negative offset") << QStringLiteral("2019-11-23T02:49:02-0500") << qint64(1574495342000);
        QTest::newRow("lowercase") << QStringLiteral("2019-11-23t07:49:02z") << qint64(1574495342000);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29T00:00:00Z") << qint64(1709164800000);
        QTest::newRow("no offset") << QStringLiteral("2019-11-23T07:49:02") << qint64(-1);
        QTest::newRow("bad month") << QStringLiteral("2019-13-23T07:49:02Z") << qint64(-1);
        QTest::newRow("garbage") << QStringLiteral("yesterday") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("trailing") << QStringLiteral("2019-11-23T07:49:02Zx") << qint64(-1);
    }
    void rfc3339() {
        QFETCH(QString, input);
        QFETCH(qint64, ms);
        const auto r = parseRfc3339(input);
        if (ms < 0) {
            QVERIFY(!r);
        } else {
            QVERIFY(r);
            QCOMPARE(*r, ms);
        }
    }

    void formatRoundTrip() {
        QCOMPARE(formatRfc3339(1574495342064), QStringLiteral("2019-11-23T07:49:02.064Z"));
        QCOMPARE(*parseRfc3339(formatRfc3339(1700000000123)), qint64(1700000000123));
    }

    void numericIds() {
        QVERIFY(compareNumericIds(QStringLiteral("9"), QStringLiteral("10")) < 0);
        QVERIFY(compareNumericIds(QStringLiteral("109999999999999999999"), QStringLiteral("99999999999999999999")) > 0);
        QCOMPARE(compareNumericIds(QStringLiteral("123"), QStringLiteral("123")), 0);
        QVERIFY(newUuid() != newUuid());
        QCOMPARE(newUuid().size(), 36);
    }

    void enumNamesRoundTrip() {
        for (auto s : {model::Status::New, model::Status::InProgress, model::Status::Waiting, model::Status::Done,
                       model::Status::Snoozed, model::Status::Archived, model::Status::Spam}) {
            QVERIFY(model::statusFromString(model::toString(s)) == s);
        }
        for (auto n :
             {model::Network::Mastodon, model::Network::Bluesky, model::Network::Reddit, model::Network::Discourse,
              model::Network::YouTube, model::Network::GoogleReviews, model::Network::Feed, model::Network::Email}) {
            QVERIFY(model::networkFromString(model::toString(n)) == n);
        }
        QVERIFY(!model::statusFromString(u"bogus"));
    }
};

QTEST_GUILESS_MAIN(CommonTest)
#include "CommonTest.moc"
