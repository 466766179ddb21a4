// Every rule of the sentiment engine, in English and French: each row says which of two texts must score higher
// (a rule's effect, independent of exact lexicon values), or which label a text must get.
#include "core/analysis/ItemScoring.h"
#include "core/analysis/Lexicon.h"
#include "core/analysis/SentimentAnalyzer.h"

#include <QTest>

using namespace baton::analysis;

Q_DECLARE_METATYPE(baton::analysis::Language)
Q_DECLARE_METATYPE(baton::analysis::SentimentLabel)

namespace {

double compound(const QString& text, Language language) {
    return SentimentAnalyzer().score(text, language).compound;
}

} // namespace

class SentimentTest final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void labels_data();
    void labels();
    void ruleOrder_data();
    void ruleOrder();
    void explanationListsMovers();
    void scoresAreBounded_data();
    void scoresAreBounded();
    void emptyAndUnknown();
    void itemScoringUsesLanguage();
    void lexiconNotice();
};

void SentimentTest::initTestCase() {
    if (!Lexicon::haveBaseLexicons()) {
        QSKIP("built without the fetched sentiment lexicons (./dev build fetches them into build/lexicons)");
    }
}

void SentimentTest::labels_data() {
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<SentimentLabel>("label");
    const auto en = Language::English;
    const auto fr = Language::French;
    const auto pos = SentimentLabel::Positive;
    const auto neg = SentimentLabel::Negative;
    const auto neu = SentimentLabel::Neutral;
    QTest::newRow("en lexicon") << en << QStringLiteral("The book was good.") << pos;
    QTest::newRow("en negative word") << en << QStringLiteral("The service was terrible") << neg;
    QTest::newRow("en neutral") << en << QStringLiteral("The parcel arrives on Tuesday") << neu;
    QTest::newRow("en negation") << en << QStringLiteral("The book was not good.") << neg;
    QTest::newRow("en contraction") << en << QStringLiteral("I don't like it") << neg;
    QTest::newRow("en curly apostrophe") << en << QStringLiteral("I don\u2019t like it") << neg;
    QTest::newRow("en no + word") << en << QStringLiteral("no good reason") << neg;
    QTest::newRow("en but") << en << QStringLiteral("The food was good, but the service was awful") << neg;
    QTest::newRow("en idiom the shit") << en << QStringLiteral("Glee is the shit") << pos;
    QTest::newRow("en idiom not bad") << en << QStringLiteral("Not bad at all") << pos;
    QTest::newRow("en idiom under the weather") << en << QStringLiteral("feeling under the weather") << neg;
    QTest::newRow("en emoticon") << en << QStringLiteral("see you tomorrow :)") << pos;
    QTest::newRow("en emoticon case") << en << QStringLiteral("my phone died D:") << neg;
    QTest::newRow("en emoji") << en << QStringLiteral("new release \U0001F60D") << pos;
    QTest::newRow("en emoji glued") << en << QStringLiteral("delivery late again\U0001F621") << neg;
    QTest::newRow("en hashtag") << en << QStringLiteral("#love this") << pos;
    QTest::newRow("en elongation") << en << QStringLiteral("sooooo baaaad") << neg;
    QTest::newRow("en slang") << en << QStringLiteral("smh at this update") << neg;
    QTest::newRow("en without doubt") << en << QStringLiteral("without doubt the best") << pos;
    QTest::newRow("en least") << en << QStringLiteral("the least helpful answer") << neg;
    QTest::newRow("en sentence ends negation") << en << QStringLiteral("Nothing happened. Great day") << pos;
    QTest::newRow("en review idiom save your money") << en << QStringLiteral("save your money") << neg;
    QTest::newRow("en review idiom negated buy") << en << QStringLiteral("Don't buy this player") << neg;
    QTest::newRow("en review idiom piece of junk") << en << QStringLiteral("a piece of junk") << neg;
    QTest::newRow("en review idiom stopped working") << en << QStringLiteral("it stopped working") << neg;
    QTest::newRow("en review idiom couldn't be happier")
        << en << QStringLiteral("I couldn't be happier with it") << pos;
    QTest::newRow("en review idiom can't go wrong") << en << QStringLiteral("you can't go wrong") << pos;
    QTest::newRow("en review idiom doesn't get any better")
        << en << QStringLiteral("it doesn't get any better than this") << pos;
    QTest::newRow("en review idiom worth every penny") << en << QStringLiteral("worth every penny") << pos;
    QTest::newRow("en review idiom a steal") << en << QStringLiteral("at that price it was a steal") << pos;
    QTest::newRow("en rating five stars") << en << QStringLiteral("I give it 5 stars") << pos;
    QTest::newRow("en rating one star") << en << QStringLiteral("one star, sorry") << neg;
    QTest::newRow("en review word") << en << QStringLiteral("this thing is junk") << neg;
    QTest::newRow("en can't ... enough praises") << en << QStringLiteral("I can't recommend it enough") << pos;
    QTest::newRow("en not ... enough still negates") << en << QStringLiteral("it is not good enough") << neg;
    QTest::newRow("en can't without enough negates") << en << QStringLiteral("I can't recommend it") << neg;
    QTest::newRow("en negation does not flip an emoticon") << en << QStringLiteral("still no cheque :(") << neg;
    QTest::newRow("en negation does not flip a smiley") << en << QStringLiteral("not today :)") << pos;
    QTest::newRow("en negation does not flip an emoji") << en << QStringLiteral("never \U0001F621") << neg;
    QTest::newRow("en HTML-escaped heart") << en << QStringLiteral("see you soon &lt;3") << pos;
    QTest::newRow("en HTML-escaped heart drawn out") << en << QStringLiteral("see you soon &lt;3333") << pos;
    QTest::newRow("en HTML-escaped angry face") << en << QStringLiteral("monday again &gt;:(") << neg;
    QTest::newRow("en drawn-out emoticon") << en << QStringLiteral("missed the bus =(((") << neg;
    QTest::newRow("en dropped g") << en << QStringLiteral("lovin it") << pos;
    QTest::newRow("en dropped g at sentence start") << en << QStringLiteral("Lovin it") << pos;
    QTest::newRow("en capitalised -in is a name") << en << QStringLiteral("I met Robin") << neu;
    QTest::newRow("en superlative") << en << QStringLiteral("the coolest tool") << pos;
    QTest::newRow("en superlative -iest") << en << QStringLiteral("the scariest night") << neg;
    QTest::newRow("en superlative doubled consonant") << en << QStringLiteral("the saddest song") << neg;
    QTest::newRow("en not a superlative") << en << QStringLiteral("the forest") << neu;
    QTest::newRow("en slang ouch") << en << QStringLiteral("ouch") << neg;
    QTest::newRow("en freaking is a booster, not a swear") << en << QStringLiteral("that was freaking cool") << pos;
    QTest::newRow("fr lexique") << fr << QStringLiteral("Un film magnifique") << pos;
    QTest::newRow("fr négatif") << fr << QStringLiteral("Un film ennuyeux") << neg;
    QTest::newRow("fr ne...pas") << fr << QStringLiteral("Ce film n'est pas bon") << neg;
    QTest::newRow("fr apostrophe typographique") << fr << QStringLiteral("Ce film n\u2019est pas bon") << neg;
    QTest::newRow("fr pas familier") << fr << QStringLiteral("c'est pas top") << neg;
    QTest::newRow("fr pas après le verbe") << fr << QStringLiteral("j'aime pas ce produit") << neg;
    QTest::newRow("fr ne...pas autour du verbe") << fr << QStringLiteral("je ne l'aime pas") << neg;
    QTest::newRow("fr ne...jamais") << fr << QStringLiteral("je n'ai jamais été déçu") << pos;
    QTest::newRow("fr ne...plus") << fr << QStringLiteral("ce n'est plus drôle") << neg;
    QTest::newRow("fr plus comparatif") << fr << QStringLiteral("encore plus drôle") << pos;
    QTest::newRow("fr sans") << fr << QStringLiteral("un film sans intérêt") << neg;
    QTest::newRow("fr pas du tout") << fr << QStringLiteral("je ne suis pas du tout convaincu") << neg;
    QTest::newRow("fr pas mal") << fr << QStringLiteral("pas mal du tout") << pos;
    QTest::newRow("fr pas terrible") << fr << QStringLiteral("le service, pas terrible") << neg;
    QTest::newRow("fr mais") << fr << QStringLiteral("Le scénario est nul mais les acteurs sont excellents") << pos;
    QTest::newRow("fr pourtant") << fr << QStringLiteral("Des acteurs excellents, pourtant un film raté") << neg;
    QTest::newRow("fr élision") << fr << QStringLiteral("c'était génial") << pos;
    QTest::newRow("fr chef-d'œuvre") << fr << QStringLiteral("Un chef-d'œuvre") << pos;
    QTest::newRow("fr sans accents") << fr << QStringLiteral("tres decu par la livraison") << neg;
    QTest::newRow("fr argot") << fr << QStringLiteral("trop bien mdr") << pos;
    QTest::newRow("fr navet") << fr << QStringLiteral("quel navet") << neg;
    QTest::newRow("fr emoji") << fr << QStringLiteral("merci \U0001F64F") << pos;
    QTest::newRow("fr émoticône") << fr << QStringLiteral("à demain :(") << neg;
}

void SentimentTest::labels() {
    QFETCH(Language, language);
    QFETCH(QString, text);
    QFETCH(SentimentLabel, label);
    const SentimentScore s = SentimentAnalyzer().score(text, language);
    QVERIFY2(s.label == label,
             qPrintable(QStringLiteral("%1 -> %2 (%3)").arg(text, toString(s.label)).arg(s.compound)));
}

// `higher` must score strictly above `lower`: each row isolates one rule.
void SentimentTest::ruleOrder_data() {
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("higher");
    QTest::addColumn<QString>("lower");
    const auto en = Language::English;
    const auto fr = Language::French;
    QTest::newRow("en booster") << en << QStringLiteral("very good") << QStringLiteral("good");
    QTest::newRow("en booster on negative") << en << QStringLiteral("bad") << QStringLiteral("very bad");
    QTest::newRow("en dampener") << en << QStringLiteral("good") << QStringLiteral("kind of good");
    QTest::newRow("en dampener word") << en << QStringLiteral("good") << QStringLiteral("slightly good");
    QTest::newRow("en caps emphasis") << en << QStringLiteral("the food is GOOD") << QStringLiteral("the food is good");
    QTest::newRow("en caps: only among lower case")
        << en << QStringLiteral("the food is GOOD") << QStringLiteral("THE FOOD IS GOOD");
    QTest::newRow("en exclamation") << en << QStringLiteral("good!!!") << QStringLiteral("good");
    QTest::newRow("en exclamation capped at 4") << en << QStringLiteral("good!!!!!") << QStringLiteral("good!!!");
    QTest::newRow("en questions") << en << QStringLiteral("bad") << QStringLiteral("bad??");
    QTest::newRow("en elongation") << en << QStringLiteral("goooood") << QStringLiteral("good");
    QTest::newRow("en negation flips") << en << QStringLiteral("good") << QStringLiteral("not good");
    QTest::newRow("en negation window 3") << en << QStringLiteral("great") << QStringLiteral("not a very great");
    QTest::newRow("en never so") << en << QStringLiteral("never so good") << QStringLiteral("good");
    QTest::newRow("en but weighs after") << en << QStringLiteral("bad but good") << QStringLiteral("good but bad");
    QTest::newRow("en emoji adds") << en << QStringLiteral("thanks \U0001F60D") << QStringLiteral("thanks");
    QTest::newRow("en can't ... enough emphasises")
        << en << QStringLiteral("can't recommend it enough") << QStringLiteral("can't recommend it");
    QTest::newRow("en drawn-out emoticon emphasises")
        << en << QStringLiteral("missed it :(") << QStringLiteral("missed it :(((");
    QTest::newRow("en drawn-out smile") << en << QStringLiteral("see you :)))") << QStringLiteral("see you :)");
    QTest::newRow("en five stars above four") << en << QStringLiteral("5 stars") << QStringLiteral("4 stars");
    QTest::newRow("en idiom silences its negator")
        << en << QStringLiteral("could not be happier") << QStringLiteral("not happy");
    QTest::newRow("fr booster très") << fr << QStringLiteral("très bon") << QStringLiteral("bon");
    QTest::newRow("fr booster trop") << fr << QStringLiteral("trop bien") << QStringLiteral("bien");
    QTest::newRow("fr booster grave") << fr << QStringLiteral("grave bien") << QStringLiteral("bien");
    QTest::newRow("fr atténuation un peu") << fr << QStringLiteral("un peu décevant") << QStringLiteral("décevant");
    QTest::newRow("fr atténuation assez") << fr << QStringLiteral("bon") << QStringLiteral("assez bon");
    QTest::newRow("fr peu inverse") << fr << QStringLiteral("intéressant") << QStringLiteral("peu intéressant");
    QTest::newRow("fr majuscules") << fr << QStringLiteral("le film est GÉNIAL")
                                   << QStringLiteral("le film est génial");
    QTest::newRow("fr exclamation") << fr << QStringLiteral("génial !!!") << QStringLiteral("génial");
    QTest::newRow("fr allongement") << fr << QStringLiteral("géniaaaal") << QStringLiteral("génial");
    QTest::newRow("fr mais") << fr << QStringLiteral("nul mais beau") << QStringLiteral("beau mais nul");
    QTest::newRow("fr négation") << fr << QStringLiteral("c'est bon") << QStringLiteral("ce n'est pas bon");
}

void SentimentTest::ruleOrder() {
    QFETCH(Language, language);
    QFETCH(QString, higher);
    QFETCH(QString, lower);
    const double h = compound(higher, language);
    const double l = compound(lower, language);
    QVERIFY2(h > l, qPrintable(QStringLiteral("\"%1\" %2 <= \"%3\" %4").arg(higher).arg(h).arg(lower).arg(l)));
}

void SentimentTest::explanationListsMovers() {
    QList<Contribution> c;
    const SentimentScore s = SentimentAnalyzer().explain(
        QStringLiteral("The plot was not good, but the cast is great!!"), Language::English, c);
    QVERIFY(s.label == SentimentLabel::Positive);
    QCOMPARE(c.size(), 3);
    QCOMPARE(c[0].token, QStringLiteral("good"));
    QVERIFY(c[0].weight < 0); // negated, then halved by "but"
    QCOMPARE(c[1].token, QStringLiteral("great"));
    QVERIFY(c[1].weight > 0);
    QCOMPARE(c[2].token, QStringLiteral("!!"));
    QVERIFY(c[2].weight > 0);

    const SentimentScore fr =
        SentimentAnalyzer().explain(QStringLiteral("Franchement pas mal \U0001F60D"), Language::French, c);
    QVERIFY(fr.label == SentimentLabel::Positive);
    QCOMPARE(c.size(), 2);
    QCOMPARE(c[0].token, QStringLiteral("pas mal")); // a phrase is explained as one
    QCOMPARE(c[1].token, QStringLiteral("\U0001F60D"));
}

void SentimentTest::scoresAreBounded_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("many positives") << QStringLiteral("good great excellent amazing wonderful love best!!!!!!");
    QTest::newRow("many negatives") << QStringLiteral(
        "BAD awful terrible horrible worst hate!!!! \U0001F621\U0001F621");
    QTest::newRow("long word") << QString(500, u'a');
    QTest::newRow("only punctuation") << QStringLiteral("!!! ??? ...");
    QTest::newRow("lone surrogate") << QString(QChar(0xd83d)) + QStringLiteral(" good");
    QTest::newRow("longest word ending in -in") << QString(62, u'x') + QStringLiteral("in good");
    QTest::newRow("longest word ending in -est") << QString(61, u'z') + QStringLiteral("est good");
    QTest::newRow("lone escape") << QStringLiteral("&lt; &gt; &amp; & good");
    QTest::newRow("long escaped run") << QStringLiteral("&gt;") + QString(70, u'(') + QStringLiteral(" :(((((((((");
    QTest::newRow("escapes only") << QString(20, u'&') + QStringLiteral("lt;lt;&amp;&amp;&amp;");
}

void SentimentTest::scoresAreBounded() {
    QFETCH(QString, text);
    for (const Language l : {Language::English, Language::French}) {
        const SentimentScore s = SentimentAnalyzer().score(text, l);
        QVERIFY(s.compound >= -1.0 && s.compound <= 1.0);
        const double sum = s.positive + s.neutral + s.negative;
        QVERIFY(sum == 0.0 || std::abs(sum - 1.0) < 1e-9);
    }
}

void SentimentTest::emptyAndUnknown() {
    const SentimentScore s = SentimentAnalyzer().score(QString(), Language::English);
    QCOMPARE(s.compound, 0.0);
    QVERIFY(s.label == SentimentLabel::Neutral);
    QVERIFY(languageFromCode(u"en-GB") == Language::English);
    QVERIFY(languageFromCode(u"fr_CA") == Language::French);
    QVERIFY(!languageFromCode(u"de"));
    QVERIFY(!languageFromCode(u"english"));
}

void SentimentTest::itemScoringUsesLanguage() {
    QList<baton::model::Item> items(4);
    items[0].text = QStringLiteral("This update is wonderful, thank you so much for the quick fix!");
    items[1].text = QStringLiteral("Franchement, ce service client est nul, je suis très déçu de la réponse.");
    items[2].text = QStringLiteral("Das ist wirklich ein sehr schlechter Kundendienst, ich bin enttäuscht.");
    items[3].text = QStringLiteral("Great");
    items[3].lang = QStringLiteral("en-US"); // declared wins, and is kept as declared
    scoreItems(items);
    QCOMPARE(items[0].lang, QStringLiteral("en"));
    QVERIFY(items[0].sentiment && *items[0].sentiment > 0.05);
    QCOMPARE(items[1].lang, QStringLiteral("fr"));
    QVERIFY(items[1].sentiment && *items[1].sentiment < -0.05);
    QCOMPARE(items[2].lang, QStringLiteral("de"));
    QVERIFY(!items[2].sentiment); // unknown rather than a wrong score
    QCOMPARE(items[3].lang, QStringLiteral("en-US"));
    QVERIFY(items[3].sentiment && *items[3].sentiment > 0.05);
}

void SentimentTest::lexiconNotice() {
    const QString notice = Lexicon::notice();
    QVERIFY(notice.contains(QLatin1String("Apache")));
    QVERIFY(notice.contains(QLatin1String("Pattern")));
}

QTEST_GUILESS_MAIN(SentimentTest)
#include "SentimentTest.moc"
