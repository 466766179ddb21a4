// What each network takes as a reply: its limit, its way of counting, and the items that take none.
#include "core/model/Replies.h"

#include "core/connectors/Connector.h"

#include <QTest>

using namespace baton;
using model::Network;

class RepliesTest : public QObject {
    Q_OBJECT

private slots:
    void length_data() {
        QTest::addColumn<Network>("network");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467"); // one grapheme, 8 units
        const QString flag = QStringLiteral("\U0001F1EB\U0001F1F7");                         // FR flag
        QTest::newRow("plain") << Network::Mastodon << QStringLiteral("Thanks!") << 7;
        QTest::newRow("empty") << Network::Reddit << QString() << 0;
        QTest::newRow("accents are one each") << Network::Discourse << QStringLiteral("Merci, à bientôt") << 16;
        QTest::newRow("emoji is one code point") << Network::YouTube << QStringLiteral("ok \U0001F600") << 4;
        QTest::newRow("bluesky: a family is one") << Network::Bluesky << (QStringLiteral("hi ") + family) << 4;
        QTest::newRow("bluesky: a flag is one") << Network::Bluesky << flag << 1;
        QTest::newRow("bluesky: combining accent") << Network::Bluesky << QStringLiteral("e\u0301") << 1;
        QTest::newRow("elsewhere: the family is five") << Network::Reddit << family << 5;
        QTest::newRow("mastodon: a link is 23")
            << Network::Mastodon << QStringLiteral("see https://example.com/a/very/long/path?with=query&and=more")
            << 27;
        QTest::newRow("mastodon: a short link is 23 too") << Network::Mastodon << QStringLiteral("http://a.b") << 23;
        QTest::newRow("mastodon: a remote mention counts its name")
            << Network::Mastodon << QStringLiteral("@alice@mastodon.social hello") << 12;
        QTest::newRow("mastodon: a local mention as it is") << Network::Mastodon << QStringLiteral("@bob hi") << 7;
        QTest::newRow("mastodon: an address is not a mention")
            << Network::Mastodon << QStringLiteral("write to me@example.com") << 23;
    }

    void length() {
        QFETCH(Network, network);
        QFETCH(QString, text);
        QFETCH(int, expected);
        QCOMPARE(model::replyLength(network, text), expected);
    }

    void fits() {
        const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467"); // 18 bytes of UTF-8
        QVERIFY(model::replyFits(Network::Bluesky, QString(300, u'a')));
        QVERIFY(!model::replyFits(Network::Bluesky, QString(301, u'a')));
        QVERIFY(model::replyFits(Network::Bluesky, family.repeated(166)));  // 2988 bytes
        QVERIFY(!model::replyFits(Network::Bluesky, family.repeated(167))); // 3006 bytes, 167 graphemes
        QVERIFY(model::replyFits(Network::Reddit, family.repeated(300)));
        const QString link = QStringLiteral("https://example.com/a/long/path/that/counts/as/23 ");
        QVERIFY(model::replyFits(Network::Mastodon, link + QString(476, u'a')));
        QVERIFY(!model::replyFits(Network::Mastodon, link + QString(477, u'a')));
        QVERIFY(model::replyFits(Network::Feed, QStringLiteral("anything"))); // no limit: refused elsewhere
    }

    void limits() {
        QCOMPARE(model::replyLimit(Network::Mastodon), 500);
        QCOMPARE(model::replyLimit(Network::Bluesky), 300);
        QCOMPARE(model::replyLimit(Network::Feed), 0);
        QVERIFY(model::replyLimit(Network::Email) > 10000);
    }

    void refusals() {
        model::Item item;
        item.network = Network::Feed;
        QVERIFY(model::replyRefusal(item) == model::ReplyRefusal::NoReplies);
        item.network = Network::YouTube;
        QVERIFY(model::replyRefusal(item) == model::ReplyRefusal::None);
        for (const char* held : {"heldForReview", "likelySpam", "rejected"}) {
            item.visibility = QString::fromLatin1(held);
            QVERIFY2(model::replyRefusal(item) == model::ReplyRefusal::NotPublished, held);
        }
        item.network = Network::Mastodon; // Mastodon's visibilities (direct, private...) take replies
        item.visibility = QStringLiteral("direct");
        QVERIFY(model::replyRefusal(item) == model::ReplyRefusal::None);
    }

    void moderationEffects() {
        using connectors::ModerationAction;
        using connectors::moderationEffect;
        QCOMPARE(moderationEffect(Network::YouTube, ModerationAction::Approve).visibility, std::optional(QString()));
        QVERIFY(!moderationEffect(Network::YouTube, ModerationAction::Approve).status);
        QCOMPARE(moderationEffect(Network::YouTube, ModerationAction::HoldForReview).visibility,
                 std::optional(QStringLiteral("heldForReview")));
        const auto ban = moderationEffect(Network::YouTube, ModerationAction::BanAuthor);
        QCOMPARE(ban.visibility, std::optional(QStringLiteral("rejected")));
        QVERIFY(ban.status == model::Status::Done);
        // Reddit's approve leaves the item as it is; its removals settle it.
        const auto approve = moderationEffect(Network::Reddit, ModerationAction::Approve);
        QVERIFY(!approve.visibility && !approve.status && !approve.deleted);
        QVERIFY(moderationEffect(Network::Reddit, ModerationAction::Remove).status == model::Status::Done);
        QVERIFY(moderationEffect(Network::Reddit, ModerationAction::RemoveAsSpam).status == model::Status::Spam);
        QVERIFY(moderationEffect(Network::Email, ModerationAction::MarkSpam).status == model::Status::Spam);
        QVERIFY(moderationEffect(Network::Discourse, ModerationAction::Hide).status == model::Status::Done);
        QVERIFY(moderationEffect(Network::Mastodon, ModerationAction::DeleteOwn).deleted);
        const auto mute = moderationEffect(Network::Mastodon, ModerationAction::MuteAuthor);
        QVERIFY(!mute.visibility && !mute.status && !mute.deleted);
    }
};

QTEST_GUILESS_MAIN(RepliesTest)
#include "RepliesTest.moc"
