#include "core/models/SearchHighlight.h"

#include <QTest>

using baton::models::highlightRanges;
using baton::models::searchTerms;
using baton::models::TextRange;

Q_DECLARE_METATYPE(QList<TextRange>)

class SearchHighlightTest : public QObject {
    Q_OBJECT
private slots:
    void ranges_data() {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<TextRange>>("expected");
        QTest::newRow("whole word, any case") << "refund"
                                              << "Refund please, no refunds" << QList<TextRange>{{0, 6}};
        QTest::newRow("prefix") << "refund*"
                                << "Refund please, no refunds" << QList<TextRange>{{0, 6}, {18, 6}};
        QTest::newRow("accents either way") << "cafe"
                                            << "Le café était froid" << QList<TextRange>{{3, 4}};
        QTest::newRow("accent typed") << "CAFÉ"
                                      << "cafe, café" << QList<TextRange>{{0, 4}, {6, 4}};
        QTest::newRow("two words") << "late order"
                                   << "Order 12 is late. Ordered?" << QList<TextRange>{{0, 5}, {12, 4}};
        QTest::newRow("inside a word is no match") << "pay"
                                                   << "repay payment pay" << QList<TextRange>{{14, 3}};
        QTest::newRow("apostrophe splits words") << "don't"
                                                 << "I don't know" << QList<TextRange>{{2, 3}, {6, 1}};
        QTest::newRow("quotes and stars alone") << "\" *"
                                                << "anything" << QList<TextRange>{};
        QTest::newRow("emoji around") << "great"
                                      << "😀great😀" << QList<TextRange>{{2, 5}};
        QTest::newRow("empty search") << ""
                                      << "text" << QList<TextRange>{};
    }
    void ranges() {
        QFETCH(QString, search);
        QFETCH(QString, text);
        QFETCH(QList<TextRange>, expected);
        const QList<TextRange> got = highlightRanges(text, searchTerms(search));
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].start, expected[i].start);
            QCOMPARE(got[i].length, expected[i].length);
        }
    }
};

QTEST_APPLESS_MAIN(SearchHighlightTest)
#include "SearchHighlightTest.moc"
