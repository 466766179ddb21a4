#include "core/sandbox/mail/MailSeeder.h"

#include <QDateTime>
#include <QStringList>
#include <iterator>

namespace baton::sandbox {
namespace {

struct BrandRow {
    const char* team;
    const char* local;
    const char* domain;
    const char* product;
    const char* slug;
    const char* language;
};
const BrandRow kBrands[] = {{"Baton Support", "support", "baton.example", "Baton", "baton", "en"},
                            {"Atelier Lumière", "bonjour", "atelier-lumiere.example", "Atelier", "atelier", "fr"},
                            {"Pixel Coop Help", "help", "pixelcoop.example", "Pixel", "pixel", "en"}};

const char* const kDomainsEn[] = {"example.com", "example.net", "mail.example.org", "post.example.co.uk",
                                  "inbox.example"};
const char* const kDomainsFr[] = {"exemple.fr", "courriel.example", "laposte.example.fr", "free.example.fr"};
const char* const kAgents[] = {"",
                               "",
                               "Mozilla Thunderbird",
                               "Apple Mail (2.3774.500.171.1.1)",
                               "Roundcube Webmail/1.6.6",
                               "K-9 Mail for Android",
                               "Microsoft Outlook 16.0"};

template <std::size_t N>
QString pick(SandboxRandom& rng, const char* const (&items)[N]) {
    return QString::fromUtf8(items[rng.below(static_cast<quint32>(N))]);
}

const char* const kSubjectQuestionEn[] = {
    "Quick question",    "Question about my account", "How do I export my data?", "Need help with {p}",
    "Is this possible?", "Invoice question",          "Question about plans",     "Where is the setting?"};
const char* const kSubjectComplaintEn[] = {"Still not working",       "Very disappointed", "Problem with my order",
                                           "Sync keeps failing",      "Charged twice",     "Nobody answers",
                                           "Unhappy with the new {p}"};
const char* const kSubjectPraiseEn[] = {"Thank you!", "Love the new update", "Great job on {p}", "Kudos to the team"};
const char* const kSubjectBugEn[] = {"Bug report: crash on start", "Error when saving", "Broken since the update",
                                     "Login loop", "Error 500 on the dashboard"};
const char* const kSubjectThanksEn[] = {"Thanks for your help", "Problem solved", "That did it, thanks"};
const char* const kSubjectTalkEn[] = {"Hello from Leeds", "Just saying hi", "Feedback", "A suggestion"};
const char* const kSubjectQuestionFr[] = {
    "Petite question",        "Question sur mon compte", "Comment exporter mes données ?",
    "Besoin d'aide avec {p}", "Est-ce possible ?",       "Question sur ma facture"};
const char* const kSubjectComplaintFr[] = {"Toujours en panne",         "Très déçue",
                                           "Problème avec ma commande", "La synchro ne marche plus",
                                           "Prélevé deux fois",         "Aucune réponse"};
const char* const kSubjectPraiseFr[] = {"Merci !", "Bravo pour la mise à jour", "Super travail sur {p}"};
const char* const kSubjectBugFr[] = {"Bug : l'appli plante au démarrage", "Erreur à l'enregistrement",
                                     "Cassé depuis la mise à jour", "Impossible de me connecter"};
const char* const kSubjectThanksFr[] = {"Merci pour votre aide", "Problème résolu", "C'est réglé, merci"};
const char* const kSubjectTalkFr[] = {"Bonjour de Nantes", "Un petit mot", "Une suggestion", "Retour d'expérience"};

const char* const kGreetEn[] = {"Hello,", "Hi,", "Hi there,", "Dear support team,", "Hello {team},", "Good morning,"};
const char* const kGreetFr[] = {"Bonjour,", "Bonjour à l'équipe,", "Bonsoir,", "Madame, Monsieur,", "Salut,"};
const char* const kSignEn[] = {"Best regards,", "Thanks,", "Cheers,", "Kind regards,", "Best,"};
const char* const kSignFr[] = {"Cordialement,", "Merci d'avance,", "Bien à vous,", "Bonne journée,", "À bientôt,"};
const char* const kFollowEn[] = {
    "Thanks for the quick answer. I tried that but it still happens on my laptop. Any other idea?",
    "That worked, thank you so much!",
    "Sorry, one more thing: does this also apply to the mobile app?",
    "I followed the steps and now I get a different error message. I attached a log.",
    "Great, thanks. Could you confirm once the fix is released?",
    "Hmm, I don't see that option in my settings. Is it only on the paid plan?"};
const char* const kFollowFr[] = {
    "Merci pour la réponse rapide. J'ai essayé mais le problème revient sur mon portable. Une autre idée ?",
    "Ça marche, merci beaucoup !",
    "Pardon, encore une question : est-ce que ça vaut aussi pour l'application mobile ?",
    "J'ai suivi les étapes et maintenant j'ai un autre message d'erreur. Je joins le journal.",
    "Parfait, merci. Vous me prévenez quand le correctif sort ?",
    "Je ne trouve pas cette option dans mes réglages. C'est seulement pour l'offre payante ?"};
const char* const kSpamSubjects[] = {"Your parcel could not be delivered", "Congratulations! You have been selected",
                                     "Final notice: invoice #88213 overdue", "Increase your followers 10x today",
                                     "Urgent: verify your mailbox"};
const char* const kSpamTexts[] = {
    "Dear customer, your parcel is waiting. Pay the 1.99 EUR customs fee here: http://parcel-track.example.biz/p?id=88",
    "You have been chosen to receive an exclusive reward. Claim it within 24 hours: http://reward.example.biz/claim",
    "Your invoice is overdue. Open the attached document to avoid suspension: http://billing.example.biz/inv",
    "Grow your brand overnight! 10,000 real followers for only $9. Reply YES to start.",
    "Your mailbox will be closed today. Confirm your password here: http://mail-verify.example.biz/login"};

QString fillProduct(QString text, const QString& product) {
    return text.replace(QLatin1String("{p}"), product);
}

} // namespace

MailBrand mailBrand(int index) {
    const int known = int(std::size(kBrands));
    MailBrand b;
    if (index < known) {
        const BrandRow& r = kBrands[index];
        b.team = QString::fromUtf8(r.team);
        b.address = QString::fromUtf8(r.local) + u'@' + QString::fromUtf8(r.domain);
        b.product = QString::fromUtf8(r.product);
        b.slug = QString::fromUtf8(r.slug);
        b.language = QString::fromUtf8(r.language);
        return b;
    }
    const QString n = QString::number(index + 1);
    b.team = QStringLiteral("Demo %1 Support").arg(n);
    b.address = QStringLiteral("support@demo%1.example").arg(n);
    b.product = QStringLiteral("Demo ") + n;
    b.slug = QStringLiteral("demo") + n;
    b.language = QStringLiteral("en");
    return b;
}

MailCustomer makeCustomer(PeopleFactory& people, SandboxRandom& rng) {
    const PeopleFactory::Person p = people.next(0.0);
    MailCustomer c;
    const bool french = p.language == QLatin1String("fr");
    c.language = p.language;
    c.name = p.displayName;
    c.name = c.name.remove(QStringLiteral("✨")).trimmed();
    const QString domain = french ? pick(rng, kDomainsFr) : pick(rng, kDomainsEn);
    QString local = p.username.toLower();
    local.replace(u'_', u'.');
    c.address = local + u'@' + domain;
    c.utcOffsetMinutes = french ? (rng.chance(0.5) ? 60 : 120) : int(rng.pick(QList<int>{0, 60, -300, -480, 330}));
    c.userAgent = pick(rng, kAgents).toLatin1();
    return c;
}

QString mailSubject(Tone tone, const QString& language, const QString& product, SandboxRandom& rng) {
    const bool fr = language == QLatin1String("fr");
    switch (tone) {
    case Tone::Question:
        return fillProduct(fr ? pick(rng, kSubjectQuestionFr) : pick(rng, kSubjectQuestionEn), product);
    case Tone::Complaint:
        return fillProduct(fr ? pick(rng, kSubjectComplaintFr) : pick(rng, kSubjectComplaintEn), product);
    case Tone::Praise:
        return fillProduct(fr ? pick(rng, kSubjectPraiseFr) : pick(rng, kSubjectPraiseEn), product);
    case Tone::BugReport:
        return fillProduct(fr ? pick(rng, kSubjectBugFr) : pick(rng, kSubjectBugEn), product);
    case Tone::Thanks:
        return fillProduct(fr ? pick(rng, kSubjectThanksFr) : pick(rng, kSubjectThanksEn), product);
    case Tone::SmallTalk:
        break;
    }
    return fillProduct(fr ? pick(rng, kSubjectTalkFr) : pick(rng, kSubjectTalkEn), product);
}

namespace {

QString firstName(const MailCustomer& c) {
    const QString n = c.name.section(u' ', 0, 0);
    return n.isEmpty() ? c.address.section(u'@', 0, 0) : n;
}

QString signature(const MailCustomer& c) {
    return c.name.isEmpty() ? c.address.section(u'@', 0, 0) : c.name;
}

} // namespace

QString customerMailText(Tone tone, const QString& language, const PhraseBook::Topic& topic,
                         const MailCustomer& customer, SandboxRandom& rng) {
    const bool fr = language == QLatin1String("fr");
    QString greet = fr ? pick(rng, kGreetFr) : pick(rng, kGreetEn);
    greet.replace(QLatin1String("{team}"), topic.product);
    QString text = greet + QStringLiteral("\n\n") + PhraseBook::message(tone, language, topic, rng);
    if (rng.chance(0.4)) {
        text += QStringLiteral("\n\n") + PhraseBook::message(Tone::Question, language, topic, rng);
    }
    text += QStringLiteral("\n\n") + (fr ? pick(rng, kSignFr) : pick(rng, kSignEn)) + u'\n' + signature(customer);
    return text;
}

QString followUpText(const QString& language, const MailCustomer& customer, SandboxRandom& rng) {
    const bool fr = language == QLatin1String("fr");
    return (fr ? pick(rng, kFollowFr) : pick(rng, kFollowEn)) + QStringLiteral("\n\n") + signature(customer);
}

QString teamMailText(Tone tone, const QString& language, const MailCustomer& customer, const MailBrand& brand,
                     const PhraseBook::Topic& topic, SandboxRandom& rng) {
    const bool fr = language == QLatin1String("fr");
    const QString name = firstName(customer);
    QString text = (fr ? QStringLiteral("Bonjour %1,") : QStringLiteral("Hi %1,")).arg(name);
    text += QStringLiteral("\n\n") + PhraseBook::answer(tone, language, name, topic, rng);
    text += fr ? QStringLiteral("\n\nBelle journée,\n") : QStringLiteral("\n\nBest,\n");
    text += brand.team + u'\n' + QStringLiteral("https://%1.example/help").arg(brand.slug);
    return text;
}

QString quoteBlock(const QString& language, const QString& authorName, qint64 atMs, const QString& text) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    const bool fr = language == QLatin1String("fr");
    QString out =
        fr ? QStringLiteral("Le %1, %2 a écrit :").arg(t.toString(QStringLiteral("dd/MM/yyyy à HH:mm")), authorName)
           : QStringLiteral("On %1, %2 wrote:").arg(t.toString(QStringLiteral("d MMM yyyy, HH:mm")), authorName);
    for (const QString& line : text.split(u'\n')) {
        out += QStringLiteral("\n>") + (line.isEmpty() ? QString() : u' ' + line);
    }
    return out;
}

std::pair<QString, QString> spamMail(SandboxRandom& rng) {
    const quint32 i = rng.below(quint32(std::size(kSpamSubjects)));
    return {QString::fromUtf8(kSpamSubjects[i]), QString::fromUtf8(kSpamTexts[i])};
}

MailBodyStyle randomStyle(SandboxRandom& rng, bool french) {
    const double u = rng.unit();
    if (u < 0.34) {
        return MailBodyStyle::Utf8EightBit;
    }
    if (u < 0.50) {
        return MailBodyStyle::Utf8QuotedPrintable;
    }
    if (u < 0.58) {
        return MailBodyStyle::Utf8Base64;
    }
    if (u < 0.70) {
        return french ? MailBodyStyle::Latin1QuotedPrintable : MailBodyStyle::Utf8QuotedPrintable;
    }
    if (u < 0.75) {
        return french ? MailBodyStyle::Latin1EightBit : MailBodyStyle::Utf8EightBit;
    }
    if (u < 0.82) {
        return MailBodyStyle::HtmlOnly;
    }
    if (u < 0.96) {
        return MailBodyStyle::Alternative;
    }
    return MailBodyStyle::MixedWithAttachment;
}

MailAttachment makeAttachment(const QString& language, SandboxRandom& rng) {
    MailAttachment a;
    const bool fr = language == QLatin1String("fr");
    if (rng.chance(0.5)) {
        a.name = fr ? QStringLiteral("journal-synchro.txt") : QStringLiteral("sync-log.txt");
        a.type = "text/plain";
        QByteArray log;
        qint64 t = 1700000000 + qint64(rng.below(10000000));
        for (int i = 0; i < 12; ++i) {
            t += rng.between(1, 40);
            const bool bad = rng.chance(0.25);
            log += QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate).toLatin1() +
                   (bad ? QByteArray(" ERROR sync: connection reset by peer (retry " + QByteArray::number(i % 3 + 1) +
                                     "/3)")
                        : QByteArray(" INFO sync: " + QByteArray::number(rng.between(1, 80)) + " items up to date")) +
                   "\r\n";
        }
        a.bytes = log;
    } else {
        a.name = fr ? QStringLiteral("commande-%1.csv").arg(rng.between(1000, 9999))
                    : QStringLiteral("order-%1.csv").arg(rng.between(1000, 9999));
        a.type = "text/csv";
        QByteArray csv = fr ? "article;quantité;prix\r\n" : "item,quantity,price\r\n";
        for (int i = 0; i < 4; ++i) {
            csv += "SKU-" + QByteArray::number(rng.between(100, 999)) + (fr ? ";" : ",") +
                   QByteArray::number(rng.between(1, 5)) + (fr ? ";" : ",") + QByteArray::number(rng.between(5, 90)) +
                   (fr ? ",00" : ".00") + "\r\n";
        }
        a.bytes = fr ? QString::fromUtf8(csv).toLatin1() : csv;
    }
    return a;
}

} // namespace baton::sandbox
