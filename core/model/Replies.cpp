#include "core/model/Replies.h"

#include <QRegularExpression>
#include <QTextBoundaryFinder>

namespace baton::model {

namespace {

int codePoints(QStringView text) {
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate())) {
            ++n;
        }
    }
    return n;
}

int graphemes(const QString& text) {
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int n = 0;
    while (finder.toNextBoundary() > 0) {
        ++n;
    }
    return n;
}

} // namespace

int replyLimit(Network network) {
    switch (network) {
    case Network::Mastodon:
        return 500;
    case Network::Bluesky:
        return 300;
    case Network::Reddit:
        return 10000;
    case Network::YouTube:
        return 10000;
    case Network::GoogleReviews:
        return 4096;
    case Network::Discourse:
        return 32000;
    case Network::Email:
        return 100000;
    case Network::Feed:
        return 0;
    }
    return 0;
}

int replyLength(Network network, const QString& text) {
    if (network == Network::Bluesky) {
        return graphemes(text);
    }
    if (network != Network::Mastodon) {
        return codePoints(text);
    }
    // Mastodon's counter: a link is 23 characters whatever its length; a mention counts its local part only.
    static const QRegularExpression link(QStringLiteral(R"(https?://[^\s<>"]+)"));
    static const QRegularExpression mention(QStringLiteral(R"((@[\w.]+)@[\w.-]+\w)"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    QString counted = text;
    counted.replace(link, QString(23, u'x'));
    counted.replace(mention, QStringLiteral("\\1"));
    return codePoints(counted);
}

int replyByteLimit(Network network) {
    return network == Network::Bluesky ? 3000 : 0;
}

bool replyFits(Network network, const QString& text) {
    const int limit = replyLimit(network);
    const int bytes = replyByteLimit(network);
    return (limit == 0 || replyLength(network, text) <= limit) && (bytes == 0 || text.toUtf8().size() <= bytes);
}

ReplyRefusal replyRefusal(const Item& item) {
    if (replyLimit(item.network) == 0) {
        return ReplyRefusal::NoReplies;
    }
    if (item.network == Network::YouTube &&
        (item.visibility == QLatin1String("heldForReview") || item.visibility == QLatin1String("likelySpam") ||
         item.visibility == QLatin1String("rejected"))) {
        return ReplyRefusal::NotPublished;
    }
    return ReplyRefusal::None;
}

} // namespace baton::model
