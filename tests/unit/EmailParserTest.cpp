// The email parser over data-driven fixtures (tests/fixtures/email: NAME.eml and NAME.json with what must come
// out), plus the MIME building blocks it rests on, including the encoders used when Baton composes a reply.
#include "core/connectors/email/EmailParser.h"

#include "core/common/Time.h"
#include "core/connectors/email/ImapResponse.h"
#include "core/connectors/email/Mime.h"
#include "core/connectors/email/ReplyComposer.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace baton;
using namespace baton::connectors::email;

namespace {

using baton::testing::readFixtureFile;

QString fixtureDir() {
    return baton::testing::fixturePath(QStringLiteral("email"));
}

QStringList toStrings(const QJsonValue& v) {
    QStringList out;
    for (const QJsonValue& x : v.toArray()) {
        out.append(x.toString());
    }
    return out;
}

QStringList addresses(const QList<Mailbox>& list) {
    QStringList out;
    for (const Mailbox& m : list) {
        out.append(m.address);
    }
    return out;
}

} // namespace

class EmailParserTest final : public QObject {
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void everyFixtureHasExpectations();
    void encodedWords_data();
    void encodedWords();
    void addressLists_data();
    void addressLists();
    void quotedPrintableRoundTrip_data();
    void quotedPrintableRoundTrip();
    void headerEncodingRoundTrip_data();
    void headerEncodingRoundTrip();
    void replyComposition();
    void imapResponses();
};

void EmailParserTest::fixtures_data() {
    QTest::addColumn<QString>("name");
    const QStringList files = QDir(fixtureDir()).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 10);
    for (const QString& f : files) {
        const QString name = f.chopped(4);
        QTest::newRow(qPrintable(name)) << name;
    }
}

void EmailParserTest::fixtures() {
    QFETCH(QString, name);
    const QByteArray raw = readFixtureFile(fixtureDir() + u'/' + name + QStringLiteral(".eml"));
    QJsonParseError jsonError;
    const QJsonObject want =
        QJsonDocument::fromJson(readFixtureFile(fixtureDir() + u'/' + name + QStringLiteral(".json")), &jsonError)
            .object();
    QVERIFY2(jsonError.error == QJsonParseError::NoError, qPrintable(jsonError.errorString()));

    const auto parsed = parseMessage(raw);
    if (want.contains(QLatin1String("error"))) {
        QVERIFY2(!parsed, "a broken message must be refused with an error");
        QVERIFY2(parsed.error().detail.contains(want.value(QLatin1String("error")).toString()),
                 qPrintable(parsed.error().detail));
        QVERIFY(parsed.error().code == ErrorCode::BadResponse);
    } else {
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().detail));
        const ParsedMessage& m = *parsed;
        auto str = [&](const char* key) { return want.value(QLatin1String(key)).toString(); };
        if (want.contains(QLatin1String("messageId"))) {
            QCOMPARE(m.messageId, str("messageId"));
        }
        if (want.contains(QLatin1String("inReplyTo"))) {
            QCOMPARE(m.inReplyTo, str("inReplyTo"));
        }
        if (want.contains(QLatin1String("references"))) {
            QCOMPARE(m.references, toStrings(want.value(QLatin1String("references"))));
        }
        if (want.contains(QLatin1String("subject"))) {
            QCOMPARE(m.subject, str("subject"));
        }
        if (want.contains(QLatin1String("fromName"))) {
            QCOMPARE(m.from.name, str("fromName"));
        }
        if (want.contains(QLatin1String("fromAddress"))) {
            QCOMPARE(m.from.address, str("fromAddress"));
        }
        if (want.contains(QLatin1String("to"))) {
            QCOMPARE(addresses(m.to), toStrings(want.value(QLatin1String("to"))));
        }
        if (want.contains(QLatin1String("date"))) {
            QVERIFY(m.date.has_value());
            QCOMPARE(formatRfc3339(*m.date), str("date"));
        }
        if (want.contains(QLatin1String("text"))) {
            QCOMPARE(m.text, str("text"));
        }
        for (const QString& s : toStrings(want.value(QLatin1String("textContains")))) {
            QVERIFY2(m.text.contains(s), qPrintable(m.text));
        }
        for (const QString& s : toStrings(want.value(QLatin1String("htmlContains")))) {
            QVERIFY2(m.html.contains(s), qPrintable(m.html));
        }
        for (const QString& s : toStrings(want.value(QLatin1String("htmlNotContains")))) {
            QVERIFY2(!m.html.contains(s, Qt::CaseInsensitive), qPrintable(m.html));
        }
        if (want.contains(QLatin1String("attachments"))) {
            QCOMPARE(m.attachments, toStrings(want.value(QLatin1String("attachments"))));
        }
        if (want.value(QLatin1String("noWarnings")).toBool()) {
            QVERIFY2(m.warnings.isEmpty(), qPrintable(m.warnings.join(u'|')));
        }
        for (const QString& s : toStrings(want.value(QLatin1String("warningsContain")))) {
            QVERIFY2(m.warnings.join(u'|').contains(s), qPrintable(m.warnings.join(u'|')));
        }
    }

    // Whatever the input, the item keeps the bytes' content and a usable identity.
    ItemContext ctx;
    ctx.accountId = 3;
    ctx.ownAddress = QStringLiteral("alice@example.test");
    ctx.folder = QStringLiteral("INBOX");
    ctx.url = QStringLiteral("imap://127.0.0.1:1143/INBOX;UIDVALIDITY=9/;UID=4");
    ctx.fallbackTime = 1700000000000;
    QString problem;
    const model::Item item = messageToItem(raw, ctx, &problem);
    QCOMPARE(problem.isEmpty(), parsed.hasValue());
    QVERIFY(!item.remoteId.isEmpty());
    QVERIFY(item.network == model::Network::Email);
    QVERIFY(item.kind == model::Kind::Email);
    QCOMPARE(item.accountId, qint64(3));
    QCOMPARE(item.url, ctx.url);
    QVERIFY(item.createdAt > 0);
    QVERIFY(!item.author.remoteId.isEmpty());
    QCOMPARE(messageToItem(raw, ctx).remoteId, item.remoteId); // stable
    if (parsed && !parsed->subject.isEmpty()) {
        QVERIFY(item.text.startsWith(parsed->subject));
    }
    if (want.contains(QLatin1String("item"))) {
        const QJsonObject wi = want.value(QLatin1String("item")).toObject();
        if (wi.contains(QLatin1String("remoteId"))) {
            QCOMPARE(item.remoteId, wi.value(QLatin1String("remoteId")).toString());
        }
        if (wi.contains(QLatin1String("remoteIdEndsWith"))) {
            QVERIFY2(item.remoteId.endsWith(wi.value(QLatin1String("remoteIdEndsWith")).toString()),
                     qPrintable(item.remoteId));
        }
        if (wi.contains(QLatin1String("parentRemoteId"))) {
            QCOMPARE(item.parentRemoteId, wi.value(QLatin1String("parentRemoteId")).toString());
        }
        if (wi.contains(QLatin1String("threadRemoteId"))) {
            QCOMPARE(item.threadRemoteId, wi.value(QLatin1String("threadRemoteId")).toString());
        }
        if (wi.contains(QLatin1String("textContains"))) {
            QVERIFY2(item.text.contains(wi.value(QLatin1String("textContains")).toString()), qPrintable(item.text));
        }
        if (wi.contains(QLatin1String("direction"))) {
            QCOMPARE(model::toString(item.direction) == QLatin1String("out"),
                     wi.value(QLatin1String("direction")).toString() == QLatin1String("out"));
        }
        QCOMPARE(item.communityRemoteId, wi.value(QLatin1String("community")).toString());
    }
    if (!parsed) {
        // Nothing lost: the unreadable bytes' text is in the item.
        const QString printable = QString::fromLatin1(raw).simplified();
        if (printable.contains(QLatin1String("garbage"))) {
            QVERIFY(item.text.contains(QLatin1String("garbage that is not mail")));
        }
    }
}

void EmailParserTest::everyFixtureHasExpectations() {
    const QStringList emls = QDir(fixtureDir()).entryList({QStringLiteral("*.eml")}, QDir::Files);
    for (const QString& f : emls) {
        QVERIFY2(QFile::exists(fixtureDir() + u'/' + f.chopped(4) + QStringLiteral(".json")), qPrintable(f));
    }
}

void EmailParserTest::encodedWords_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QByteArray("Hello  world") << QStringLiteral("Hello  world");
    QTest::newRow("q underscore") << QByteArray("=?utf-8?q?a_b=3Dc?=") << QStringLiteral("a b=c");
    QTest::newRow("adjacent joined") << QByteArray("=?utf-8?q?a?= =?utf-8?q?b?=") << QStringLiteral("ab");
    QTest::newRow("text between kept") << QByteArray("=?utf-8?q?a?= x =?utf-8?q?b?=") << QStringLiteral("a x b");
    // One character split over two words (a 4-byte emoji), as some senders do.
    QTest::newRow("split character") << QByteArray("=?UTF-8?B?8J+Y?= =?UTF-8?B?gA==?=") << QString::fromUtf8("😀");
    QTest::newRow("latin1 B") << QByteArray("=?ISO-8859-1?B?6Q==?=") << QString::fromUtf8("é");
    QTest::newRow("language suffix") << QByteArray("=?utf-8*fr?q?=C3=A9t=C3=A9?=") << QString::fromUtf8("été");
    QTest::newRow("not an encoded word") << QByteArray("=?broken") << QStringLiteral("=?broken");
    QTest::newRow("raw utf8") << QByteArray("caf\xc3\xa9") << QString::fromUtf8("café");
    QTest::newRow("raw latin1") << QByteArray("caf\xe9") << QString::fromUtf8("café");
}

void EmailParserTest::encodedWords() {
    QFETCH(QByteArray, raw);
    QFETCH(QString, text);
    QCOMPARE(decodeHeaderText(raw), text);
}

void EmailParserTest::addressLists_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("addresses");
    QTest::newRow("simple") << QByteArray("a@b.c") << QStringList{QString()} << QStringList{QStringLiteral("a@b.c")};
    QTest::newRow("quoted comma") << QByteArray("\"Doe, Jane\" <jane@x.org>, bob@y.org")
                                  << QStringList{QStringLiteral("Doe, Jane"), QString()}
                                  << QStringList{QStringLiteral("jane@x.org"), QStringLiteral("bob@y.org")};
    QTest::newRow("comment name") << QByteArray("joe@x.org (Joe Bloggs)") << QStringList{QStringLiteral("Joe Bloggs")}
                                  << QStringList{QStringLiteral("joe@x.org")};
    QTest::newRow("group") << QByteArray("team: a@x.org, B <b@x.org>;, c@x.org")
                           << QStringList{QString(), QStringLiteral("B"), QString()}
                           << QStringList{QStringLiteral("a@x.org"), QStringLiteral("b@x.org"),
                                          QStringLiteral("c@x.org")};
    QTest::newRow("encoded name") << QByteArray("=?utf-8?q?Jos=C3=A9?= <jose@x.org>")
                                  << QStringList{QString::fromUtf8("José")}
                                  << QStringList{QStringLiteral("jose@x.org")};
}

void EmailParserTest::addressLists() {
    QFETCH(QByteArray, raw);
    QFETCH(QStringList, names);
    QFETCH(QStringList, addresses);
    const QList<Mailbox> list = parseAddressList(raw);
    QStringList gotNames;
    QStringList gotAddresses;
    for (const Mailbox& m : list) {
        gotNames.append(m.name);
        gotAddresses.append(m.address);
    }
    QCOMPARE(gotAddresses, addresses);
    QCOMPARE(gotNames, names);
}

void EmailParserTest::quotedPrintableRoundTrip_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << QStringLiteral("Thanks, fixed in 2.1");
    QTest::newRow("accents and emoji") << QString::fromUtf8("Merci René, c'est réglé 👍\nÀ bientôt");
    QTest::newRow("long line") << QString(200, u'x') + QStringLiteral(" = end");
    QTest::newRow("dot and From lines") << QStringLiteral(".\nFrom the team\n. leading dot");
    QTest::newRow("trailing spaces") << QStringLiteral("line with spaces   \nnext");
}

void EmailParserTest::quotedPrintableRoundTrip() {
    QFETCH(QString, text);
    const QByteArray encoded = encodeQuotedPrintable(text);
    for (const QByteArray& line : encoded.split('\n')) {
        QVERIFY2(line.size() <= 77, line.constData()); // 76 + the CR
        QVERIFY(!line.startsWith('.'));
        QVERIFY(!line.startsWith("From "));
    }
    QString back = QString::fromUtf8(decodeQuotedPrintable(encoded));
    back.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QCOMPARE(back, text);
}

void EmailParserTest::headerEncodingRoundTrip_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii stays") << QStringLiteral("Re: Your order");
    QTest::newRow("accents") << QString::fromUtf8("Re: Problème de facturation");
    QTest::newRow("long emoji") << QString::fromUtf8("Re: ") + QString::fromUtf8("Le café est froid ☕ 😀 ").repeated(6);
    QTest::newRow("line break injection") << QStringLiteral("Re: hi\r\nBcc: victim@example.org");
}

void EmailParserTest::headerEncodingRoundTrip() {
    QFETCH(QString, text);
    const QByteArray encoded = encodeHeaderText(text, 9);
    QVERIFY(!encoded.contains("\r\nBcc"));
    for (const QByteArray& line : encoded.split('\n')) {
        QVERIFY2(line.size() <= 78, line.constData());
    }
    // Unfolding then decoding gives the text back (line breaks in the input become spaces).
    QByteArray unfolded = encoded;
    unfolded.replace("\r\n", "");
    QCOMPARE(decodeHeaderText(unfolded), QString(text).replace(u'\r', u' ').replace(u'\n', u' '));
}

void EmailParserTest::replyComposition() {
    ParsedMessage parent;
    parent.messageId = QStringLiteral("reply-1@example.test");
    parent.references = {QStringLiteral("root-0@example.org")};
    parent.subject = QString::fromUtf8("Le café");
    parent.from = {QStringLiteral("Bob"), QStringLiteral("bob@example.test")};
    ReplyDraft draft;
    draft.from = {QStringLiteral("Alice"), QStringLiteral("alice@example.test")};
    draft.text = QString::fromUtf8("Merci, c'est réparé.\n.\nFrom now on it works.");
    draft.messageId = replyMessageId(QStringLiteral("0f0e-key"), QStringLiteral("alice@example.test"));
    draft.dateMs = 1764570000000;
    QCOMPARE(draft.messageId, replyMessageId(QStringLiteral("0f0e-key"), QStringLiteral("alice@example.test")));
    QVERIFY(draft.messageId != replyMessageId(QStringLiteral("other"), QStringLiteral("alice@example.test")));
    QVERIFY(draft.messageId.endsWith(QLatin1String("@example.test")));

    const ComposedReply reply = composeReply(parent, draft);
    QCOMPARE(reply.recipients, QList<QByteArray>{QByteArrayLiteral("<bob@example.test>")});
    QCOMPARE(reply.sender, QByteArrayLiteral("<alice@example.test>"));
    QVERIFY(!reply.message.contains("\n\n")); // CRLF only
    // Read back by our own parser, the reply threads under its parent.
    const auto back = parseMessage(reply.message);
    QVERIFY(back);
    QCOMPARE(back->messageId, draft.messageId);
    QCOMPARE(back->inReplyTo, parent.messageId);
    QCOMPARE(back->references, (QStringList{QStringLiteral("root-0@example.org"), parent.messageId}));
    QCOMPARE(back->subject, QString::fromUtf8("Re: Le café"));
    QCOMPARE(back->text, draft.text);
    QCOMPARE(back->to.size(), 1);
    QCOMPARE(back->to.first().address, QStringLiteral("bob@example.test"));
    QVERIFY(back->warnings.isEmpty());
    QVERIFY(back->date.has_value());

    // Reply-To wins over From, and an existing "Re:" is not doubled.
    parent.replyTo = {{QString(), QStringLiteral("help@example.test")}};
    parent.subject = QStringLiteral("RE: again");
    const ComposedReply second = composeReply(parent, draft);
    QCOMPARE(second.recipients, QList<QByteArray>{QByteArrayLiteral("<help@example.test>")});
    QCOMPARE(parseMessage(second.message)->subject, QStringLiteral("RE: again"));
}

void EmailParserTest::imapResponses() {
    const auto status =
        parseStatus(QByteArrayLiteral("* STATUS INBOX (MESSAGES 3 UIDNEXT 42 UIDVALIDITY 1796106269)\r\n"));
    QVERIFY(status);
    QCOMPARE(status->uidValidity, quint32(1796106269));
    QCOMPARE(status->uidNext, quint32(42));
    QVERIFY(!parseStatus(QByteArrayLiteral("* OK nothing\r\n")));

    QCOMPARE(parseSearch(QByteArrayLiteral("* SEARCH 2 84 882\r\n")), (QList<quint32>{2, 84, 882}));
    QCOMPARE(parseSearch(QByteArrayLiteral("* SEARCH\r\n")), QList<quint32>{});
    QCOMPARE(parseSearch(QByteArrayLiteral("* SEARCH 5 x 7\r\n* SEARCH 9\r\n")), (QList<quint32>{5, 7, 9}));

    const QList<MailboxInfo> list =
        parseList(QByteArrayLiteral("* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
                                    "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk Mail\"\r\n"
                                    "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"));
    QCOMPARE(list.size(), 3);
    QCOMPARE(list[1].name, QStringLiteral("Junk Mail"));
    QVERIFY(list[1].flags.contains(QStringLiteral("\\junk")));
    QCOMPARE(specialFolder(list, QStringLiteral("\\sent")), QStringLiteral("Sent"));
    QCOMPARE(specialFolder(list, QStringLiteral("\\junk")), QStringLiteral("Junk Mail"));

    QCOMPARE(quoteMailbox(QStringLiteral("Junk Mail")), QByteArrayLiteral("\"Junk Mail\""));
    QCOMPARE(quoteMailbox(QStringLiteral("a\"b\\c")), QByteArrayLiteral("\"a\\\"b\\\\c\""));
    QCOMPARE(quoteMailbox(QString::fromUtf8("Réclamations")), QByteArrayLiteral("\"R&AOk-clamations\""));
    QCOMPARE(decodeMailboxName(QByteArrayLiteral("R&AOk-clamations")), QString::fromUtf8("Réclamations"));
    QCOMPARE(decodeMailboxName(QByteArrayLiteral("a&-b")), QStringLiteral("a&b"));
}

QTEST_GUILESS_MAIN(EmailParserTest)
#include "EmailParserTest.moc"
