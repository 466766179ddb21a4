#include "core/common/Time.h"

#include <QTest>
#include <limits>

using namespace baton;

namespace {
constexpr qint64 kInvalid = std::numeric_limits<qint64>::min();
}

// Feed and mail dates: RFC 822 / 2822 / 5322 (RSS pubDate, mail Date:, HTTP Last-Modified) and RFC 3339 (Atom).
class TimeTest : public QObject {
    Q_OBJECT
private slots:
    void rfc822_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<qint64>("ms"); // kInvalid: not a date
        // 2002-10-02T13:00:00Z = 1033563600000
        QTest::newRow("rss spec GMT") << QStringLiteral("Wed, 02 Oct 2002 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("rss spec +0200") << QStringLiteral("Wed, 02 Oct 2002 15:00:00 +0200") << qint64(1033563600000);
        QTest::newRow("rss spec EST") << QStringLiteral("Wed, 02 Oct 2002 08:00:00 EST") << qint64(1033563600000);
        QTest::newRow("EDT") << QStringLiteral("Wed, 02 Oct 2002 09:00:00 EDT") << qint64(1033563600000);
        QTest::newRow("CST") << QStringLiteral("Wed, 02 Oct 2002 07:00:00 CST") << qint64(1033563600000);
        QTest::newRow("CDT") << QStringLiteral("Wed, 02 Oct 2002 08:00:00 CDT") << qint64(1033563600000);
        QTest::newRow("MST") << QStringLiteral("Wed, 02 Oct 2002 06:00:00 MST") << qint64(1033563600000);
        QTest::newRow("MDT") << QStringLiteral("Wed, 02 Oct 2002 07:00:00 MDT") << qint64(1033563600000);
        QTest::newRow("PST") << QStringLiteral("Wed, 02 Oct 2002 05:00:00 PST") << qint64(1033563600000);
        QTest::newRow("PDT") << QStringLiteral("Wed, 02 Oct 2002 06:00:00 PDT") << qint64(1033563600000);
        QTest::newRow("UT") << QStringLiteral("Wed, 02 Oct 2002 13:00:00 UT") << qint64(1033563600000);
        QTest::newRow("UTC") << QStringLiteral("Wed, 02 Oct 2002 13:00:00 UTC") << qint64(1033563600000);
        QTest::newRow("Z") << QStringLiteral("Wed, 02 Oct 2002 13:00:00 Z") << qint64(1033563600000);
        QTest::newRow("lower-case zone and month")
            << QStringLiteral("wed, 02 oct 2002 13:00:00 gmt") << qint64(1033563600000);
        QTest::newRow("no weekday") << QStringLiteral("02 Oct 2002 13:00:00 +0000") << qint64(1033563600000);
        QTest::newRow("weekday without comma")
            << QStringLiteral("Wed 02 Oct 2002 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("full weekday and month")
            << QStringLiteral("Wednesday, 2 October 2002 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("one-digit day") << QStringLiteral("Wed, 2 Oct 2002 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("missing seconds") << QStringLiteral("Wed, 02 Oct 2002 13:00 GMT") << qint64(1033563600000);
        QTest::newRow("two-digit year 02") << QStringLiteral("Wed, 02 Oct 02 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("two-digit year 49") << QStringLiteral("1 Jan 49 00:00:00 GMT") << qint64(2493072000000);
        QTest::newRow("two-digit year 50") << QStringLiteral("1 Jan 50 00:00:00 GMT") << qint64(-631152000000);
        QTest::newRow("three-digit year") << QStringLiteral("Wed, 02 Oct 102 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("negative offset") << QStringLiteral("Wed, 02 Oct 2002 09:30:00 -0330") << qint64(1033563600000);
        QTest::newRow("offset with colon")
            << QStringLiteral("Wed, 02 Oct 2002 15:00:00 +02:00") << qint64(1033563600000);
        QTest::newRow("GMT+0200") << QStringLiteral("Wed, 02 Oct 2002 15:00:00 GMT+0200") << qint64(1033563600000);
        QTest::newRow("-0000 unknown") << QStringLiteral("Wed, 02 Oct 2002 13:00:00 -0000") << qint64(1033563600000);
        QTest::newRow("military letter is -0000")
            << QStringLiteral("Wed, 02 Oct 2002 13:00:00 A") << qint64(1033563600000);
        QTest::newRow("unknown zone name is -0000")
            << QStringLiteral("Wed, 02 Oct 2002 13:00:00 CEST") << qint64(1033563600000);
        QTest::newRow("missing zone is UTC") << QStringLiteral("Wed, 02 Oct 2002 13:00:00") << qint64(1033563600000);
        QTest::newRow("comment after zone")
            << QStringLiteral("Tue, 1 Jul 2003 10:52:37 +0200 (CEST)") << qint64(1057049557000);
        QTest::newRow("nested comments anywhere")
            << QStringLiteral("Tue,(day) 1 Jul (a (nested \\) one)) 2003 10:52:37 +0200") << qint64(1057049557000);
        QTest::newRow("folding white space")
            << QStringLiteral("  Tue,\r\n 1   Jul\t2003 10:52:37\r\n +0200  ") << qint64(1057049557000);
        QTest::newRow("rfc 850") << QStringLiteral("Sunday, 06-Nov-94 08:49:37 GMT") << qint64(784111777000);
        QTest::newRow("rfc 1123") << QStringLiteral("Sun, 06 Nov 1994 08:49:37 GMT") << qint64(784111777000);
        QTest::newRow("leap day") << QStringLiteral("Thu, 29 Feb 2024 23:59:59 +0000") << qint64(1709251199000);
        QTest::newRow("leap second") << QStringLiteral("Sat, 31 Dec 2016 23:59:60 GMT") << qint64(1483228799000);
        QTest::newRow("before epoch") << QStringLiteral("31 Dec 1969 23:59:59 GMT") << qint64(-1000);
        QTest::newRow("wrong weekday ignored")
            << QStringLiteral("Mon, 02 Oct 2002 13:00:00 GMT") << qint64(1033563600000);
        QTest::newRow("Sept") << QStringLiteral("02 Sept 2002 13:00:00 GMT") << qint64(1030971600000);
        // Invalid
        QTest::newRow("empty") << QString() << kInvalid;
        QTest::newRow("garbage") << QStringLiteral("yesterday evening") << kInvalid;
        QTest::newRow("rfc 3339 is not rfc 822") << QStringLiteral("2002-10-02T13:00:00Z") << kInvalid;
        QTest::newRow("bad month") << QStringLiteral("Wed, 02 Foo 2002 13:00:00 GMT") << kInvalid;
        QTest::newRow("day 31 in a 30-day month") << QStringLiteral("31 Sep 2002 13:00:00 GMT") << kInvalid;
        QTest::newRow("Feb 29 not leap") << QStringLiteral("29 Feb 2023 13:00:00 GMT") << kInvalid;
        QTest::newRow("hour 24") << QStringLiteral("02 Oct 2002 24:00:00 GMT") << kInvalid;
        QTest::newRow("minute 60") << QStringLiteral("02 Oct 2002 13:60:00 GMT") << kInvalid;
        QTest::newRow("no time") << QStringLiteral("Wed, 02 Oct 2002") << kInvalid;
        QTest::newRow("five-digit year") << QStringLiteral("02 Oct 20022 13:00:00 GMT") << kInvalid;
        QTest::newRow("bad offset") << QStringLiteral("02 Oct 2002 13:00:00 +2500") << kInvalid;
        QTest::newRow("offset digits") << QStringLiteral("02 Oct 2002 13:00:00 +020") << kInvalid;
        QTest::newRow("unclosed comment") << QStringLiteral("02 Oct 2002 13:00:00 GMT (oops") << kInvalid;
        QTest::newRow("trailing words") << QStringLiteral("02 Oct 2002 13:00:00 GMT and more") << kInvalid;
        QTest::newRow("non-ascii zone") << QStringLiteral("02 Oct 2002 13:00:00 ÉTÉ") << kInvalid;
    }
    void rfc822() {
        QFETCH(QString, input);
        QFETCH(qint64, ms);
        const auto r = parseRfc822(input);
        if (ms == kInvalid) {
            QVERIFY2(!r, qPrintable(r ? formatRfc3339(*r) : QString()));
        } else {
            QVERIFY(r);
            QCOMPARE(*r, ms);
        }
    }

    void rfc3339_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<qint64>("ms"); // kInvalid: not a date
        // 2019-11-23T07:49:02Z = 1574495342000
        QTest::newRow("atom Z") << QStringLiteral("2019-11-23T07:49:02Z") << qint64(1574495342000);
        QTest::newRow("deciseconds") << QStringLiteral("2019-11-23T07:49:02.1Z") << qint64(1574495342100);
        QTest::newRow("centiseconds") << QStringLiteral("2019-11-23T07:49:02.12Z") << qint64(1574495342120);
        QTest::newRow("milliseconds") << QStringLiteral("2019-11-23T07:49:02.123Z") << qint64(1574495342123);
        QTest::newRow("microseconds") << QStringLiteral("2019-11-23T07:49:02.123456Z") << qint64(1574495342123);
        QTest::newRow("nanoseconds") << QStringLiteral("2019-11-23T07:49:02.123999999Z") << qint64(1574495342123);
        QTest::newRow("twelve digits") << QStringLiteral("2019-11-23T07:49:02.999999999999Z") << qint64(1574495342999);
        QTest::newRow("comma fraction") << QStringLiteral("2019-11-23T07:49:02,5Z") << qint64(1574495342500);
        QTest::newRow("+05:30") << QStringLiteral("2019-11-23T13:19:02+05:30") << qint64(1574495342000);
        QTest::newRow("-03:30 with fraction")
            << QStringLiteral("2019-11-23T04:19:02.250-03:30") << qint64(1574495342250);
        QTest::newRow("+0100 without colon") << QStringLiteral("2019-11-23T08:49:02+0100") << qint64(1574495342000);
        QTest::newRow("-00:00 unknown local") << QStringLiteral("2019-11-23T07:49:02-00:00") << qint64(1574495342000);
        QTest::newRow("+14:00") << QStringLiteral("2019-11-23T21:49:02+14:00") << qint64(1574495342000);
        QTest::newRow("-12:00") << QStringLiteral("2019-11-22T19:49:02-12:00") << qint64(1574495342000);
        QTest::newRow("offset crosses midnight")
            << QStringLiteral("2019-11-24T00:49:02+17:00") << qint64(1574495342000);
        QTest::newRow("space separator") << QStringLiteral("2019-11-23 07:49:02Z") << qint64(1574495342000);
        QTest::newRow("lower case") << QStringLiteral("2019-11-23t07:49:02z") << qint64(1574495342000);
        QTest::newRow("surrounding space") << QStringLiteral("\n  2019-11-23T07:49:02Z \n") << qint64(1574495342000);
        QTest::newRow("leap second") << QStringLiteral("2016-12-31T23:59:60Z") << qint64(1483228799000);
        QTest::newRow("before epoch") << QStringLiteral("1969-12-31T23:59:59Z") << qint64(-1000);
        QTest::newRow("no offset") << QStringLiteral("2019-11-23T07:49:02") << kInvalid;
        QTest::newRow("no seconds") << QStringLiteral("2019-11-23T07:49Z") << kInvalid;
        QTest::newRow("empty fraction") << QStringLiteral("2019-11-23T07:49:02.Z") << kInvalid;
        QTest::newRow("hour 24") << QStringLiteral("2019-11-23T24:00:00Z") << kInvalid;
        QTest::newRow("offset hour 24") << QStringLiteral("2019-11-23T07:49:02+24:00") << kInvalid;
        QTest::newRow("offset minute 60") << QStringLiteral("2019-11-23T07:49:02+01:60") << kInvalid;
        QTest::newRow("date only") << QStringLiteral("2019-11-23") << kInvalid;
        QTest::newRow("rfc 822 is not rfc 3339") << QStringLiteral("Sat, 23 Nov 2019 07:49:02 GMT") << kInvalid;
    }
    void rfc3339() {
        QFETCH(QString, input);
        QFETCH(qint64, ms);
        const auto r = parseRfc3339(input);
        if (ms == kInvalid) {
            QVERIFY2(!r, qPrintable(r ? formatRfc3339(*r) : QString()));
        } else {
            QVERIFY(r);
            QCOMPARE(*r, ms);
        }
    }
};

QTEST_GUILESS_MAIN(TimeTest)
#include "TimeTest.moc"
