#include "core/sandbox/PhraseBook.h"

#include <QStringList>
#include <iterator>

namespace baton::sandbox {

namespace {

struct Table {
    const char* const* items;
    int count;
};

template <std::size_t N>
constexpr Table table(const char* const (&items)[N]) {
    return {items, static_cast<int>(N)};
}

QString pick(SandboxRandom& rng, const Table& t) {
    return QString::fromUtf8(t.items[rng.below(static_cast<quint32>(t.count))]);
}

bool isFrench(const QString& language) {
    return language == QLatin1String("fr");
}

// ---- English ----------------------------------------------------------------------------------------------------
const char* const kFeatureEn[] = {
    "dark mode",          "the CSV export",    "notifications",   "sync", "search", "the new editor", "shared inboxes",
    "keyboard shortcuts", "the calendar view", "two-factor login"};
const char* const kVerbEn[] = {
    "turn on dark mode",      "export to CSV",          "mute notifications", "sync two devices",
    "search old messages",    "use the new editor",     "share an inbox",     "change keyboard shortcuts",
    "open the calendar view", "set up two-factor login"};
const char* const kQuestionOpenEn[] = {
    "Hi!",      "Hey,", "Quick question:",   "Hello there,", "Morning!", "Sorry to bother you,",
    "Hi team,", "",     "Question for you:", "Hiya 👋"};
const char* const kQuestionCoreEn[] = {
    "is there a way to {fverb}?",        "how do I {fverb} in {product}?",
    "does {product} support {feature}?", "where did {feature} go after the last update?",
    "can I {fverb} from my phone?",      "will {feature} come to the free plan?",
    "what's the best way to {fverb}?",   "is {feature} available in French yet?",
    "any plans for {feature}?",          "can someone explain how {feature} works?"};
const char* const kQuestionDetailEn[] = {"I couldn't find it in the docs.",
                                         "I've looked everywhere.",
                                         "Asking for our Q&A session tomorrow.",
                                         "The FAQ at https://docs.{slug}.example/faq doesn't say.",
                                         "We're a team of 5 & growing.",
                                         "Tried the settings page, no luck.",
                                         "",
                                         ""};
const char* const kQuestionCloseEn[] = {"Thanks!",  "Cheers", "🙏", "Thanks in advance!", "", "Any pointers welcome.",
                                        ":blobcat:"};
const char* const kComplaintOpenEn[] = {
    "Honestly,", "Ugh.", "Not happy:", "Seriously?", "", "Third time this week:", "Come on,"};
const char* const kComplaintCoreEn[] = {"{product} keeps logging me out",
                                        "the new update broke {feature}",
                                        "sync has been painfully slow since Monday",
                                        "I lost an hour of work because {feature} didn't save",
                                        "your support never answers",
                                        "the app is unusable on my old laptop",
                                        "prices went up again & nothing improved",
                                        "the dark mode is still unreadable"};
const char* const kComplaintDetailEn[] = {"This is really frustrating.",
                                          "I'm about to switch to something else.",
                                          "Please fix this.",
                                          "Not what I'm paying for.",
                                          "😤",
                                          "It worked fine before.",
                                          ""};
const char* const kComplaintCloseEn[] = {"", "#fail", "Anyone else?", "😞", ""};
const char* const kPraiseOpenEn[] = {"Wow,", "", "Shout-out:", "Okay,", "Honestly,"};
const char* const kPraiseCoreEn[] = {"just wanted to say {product} is brilliant",
                                     "{feature} in the new release is exactly what we needed",
                                     "{product} saved our team so much time this week",
                                     "love the latest update",
                                     "you folks are doing great work",
                                     "{feature} is a joy to use"};
const char* const kPraiseDetailEn[] = {
    "🎉", "Keep it up!", "Best tool I've used this year.", "Recommended it to everyone at work.", "❤️", "10/10", ""};
const char* const kPraiseCloseEn[] = {"#opensource", "", "✨", ":ablobcatheart:", ""};
const char* const kBugOpenEn[] = {"Bug report:", "Found a bug:", "Heads up,", "Hi,", "", "Not sure if known, but"};
const char* const kBugCoreEn[] = {"{feature} crashes when I {fverb}",
                                  "the export button does nothing on Firefox",
                                  "I get \"Error 500\" when I open {feature}",
                                  "notifications arrive twice",
                                  "search returns nothing for words with accents like café",
                                  "the app freezes at 100% CPU after an hour",
                                  "dates show as 01/01/1970 in the report",
                                  "emoji in names break the layout 🙃"};
const char* const kBugDetailEn[] = {"Version {version} on Debian 12.",
                                    "Steps: open the app, go to settings, click export.",
                                    "Screenshot: https://files.example.net/shots/{hex}.png",
                                    "Happens every time.",
                                    "Only since {version}.",
                                    "Started after the update."};
const char* const kBugCloseEn[] = {"", "Happy to test a fix.", "Let me know if you need logs.", "#bug"};
const char* const kThanksOpenEn[] = {"", "Oh nice,", "Perfect,", "Great,", "Ah,"};
const char* const kThanksCoreEn[] = {
    "thanks for the quick answer", "that fixed it, thank you", "thank you for the help yesterday",
    "cheers for sorting that out", "thanks, it works now",     "many thanks for the tip about {feature}"};
const char* const kThanksDetailEn[] = {"🙏", "You're the best.", "Much appreciated.", "", "❤️"};
const char* const kTalkOpenEn[] = {"", "Hey all,", "Hi all,", "So,"};
const char* const kTalkCoreEn[] = {"happy Friday!",
                                   "who's coming to the meetup next week?",
                                   "what's everyone working on today?",
                                   "the coffee at your booth was great ☕",
                                   "any tips for a first-time user?",
                                   "nice to see you on the fediverse",
                                   "good luck with the launch!",
                                   "that blog post was a great read"};
const char* const kTalkCloseEn[] = {"😄", "", "🌞", "See you there!", ""};

// ---- French -----------------------------------------------------------------------------------------------------
const char* const kFeatureFr[] = {"le mode sombre",       "l'export CSV",
                                  "les notifications",    "la synchro",
                                  "la recherche",         "le nouvel éditeur",
                                  "les boîtes partagées", "les raccourcis clavier",
                                  "la vue calendrier",    "la double authentification"};
const char* const kVerbFr[] = {"activer le mode sombre",           "exporter en CSV",
                               "couper les notifications",         "synchroniser deux appareils",
                               "chercher dans les vieux messages", "utiliser le nouvel éditeur",
                               "partager une boîte de réception",  "changer les raccourcis clavier",
                               "ouvrir la vue calendrier",         "activer la double authentification"};
const char* const kQuestionOpenFr[] = {"Bonjour !",         "Salut,", "Petite question :", "Hello,",
                                       "Bonjour l'équipe,", "",       "Coucou 👋",          "Désolé de vous déranger,"};
const char* const kQuestionCoreFr[] = {"est-ce qu'on peut {fverb} ?",
                                       "comment on fait pour {fverb} dans {product} ?",
                                       "{product} gère {feature} ?",
                                       "où est passé {feature} depuis la mise à jour ?",
                                       "c'est possible de {fverb} depuis le téléphone ?",
                                       "{feature}, ça arrive bientôt dans l'offre gratuite ?",
                                       "quelle est la meilleure façon de {fverb} ?",
                                       "il y a une doc pour {feature} ?"};
const char* const kQuestionDetailFr[] = {"J'ai cherché dans la FAQ sans succès.",
                                         "La page https://docs.{slug}.example/fr/aide n'en parle pas.",
                                         "On est une asso de 12 personnes & on débute.",
                                         "J'ai fouillé les réglages, rien.",
                                         "",
                                         ""};
const char* const kQuestionCloseFr[] = {"Merci !", "Merci d'avance 🙏", "Bonne journée", "", "Des idées ?"};
const char* const kComplaintOpenFr[] = {
    "Franchement,", "Pfff.", "Pas content :", "Sérieusement ?", "", "Troisième fois cette semaine :"};
const char* const kComplaintCoreFr[] = {"{product} me déconnecte sans arrêt",
                                        "la dernière mise à jour a cassé {feature}",
                                        "la synchro est d'une lenteur depuis lundi",
                                        "j'ai perdu une heure de travail, rien n'a été enregistré",
                                        "le support ne répond jamais",
                                        "l'appli est inutilisable sur mon vieux portable",
                                        "les prix augmentent & rien ne s'améliore"};
const char* const kComplaintDetailFr[] = {"C'est vraiment pénible.",      "Je vais finir par changer d'outil.",
                                          "Merci de corriger ça.",        "😤",
                                          "Ça marchait très bien avant.", ""};
const char* const kComplaintCloseFr[] = {"", "Quelqu'un d'autre ?", "😞", ""};
const char* const kPraiseOpenFr[] = {"Waouh,", "", "Petit mot pour dire que", "Franchement,"};
const char* const kPraiseCoreFr[] = {"{product} c'est génial",
                                     "{feature}, c'est exactement ce qu'il nous fallait",
                                     "{product} nous a fait gagner un temps fou cette semaine",
                                     "j'adore la dernière mise à jour",
                                     "bravo pour le boulot",
                                     "{feature}, c'est un vrai plaisir à utiliser"};
const char* const kPraiseDetailFr[] = {
    "🎉", "Continuez comme ça !", "Je le recommande à tout le monde au bureau.", "❤️", "Top !", ""};
const char* const kPraiseCloseFr[] = {"#logiciellibre", "", "✨", ""};
const char* const kBugOpenFr[] = {"Bug :", "J'ai trouvé un bug :", "Pour info,", "Bonjour,", ""};
const char* const kBugCoreFr[] = {"ça plante quand je veux {fverb}",
                                  "le bouton d'export ne fait rien sous Firefox",
                                  "j'ai une « Erreur 500 » en ouvrant {feature}",
                                  "les notifications arrivent en double",
                                  "la recherche ne trouve rien avec les accents (« café », « été »)",
                                  "l'appli gèle à 100 % de CPU au bout d'une heure",
                                  "les dates s'affichent en 01/01/1970 dans le rapport"};
const char* const kBugDetailFr[] = {
    "Version {version} sous Debian 12.", "Capture : https://files.example.net/captures/{hex}.png",
    "Ça arrive à chaque fois.", "Seulement depuis la {version}.", "Ça a commencé après la mise à jour."};
const char* const kBugCloseFr[] = {"", "Je peux tester un correctif.", "Dites-moi s'il vous faut des logs.", "#bug"};
const char* const kThanksOpenFr[] = {"", "Ah super,", "Parfait,", "Génial,"};
const char* const kThanksCoreFr[] = {"merci pour la réponse rapide", "ça a réglé le problème, merci",
                                     "merci pour l'aide d'hier", "merci, ça marche maintenant",
                                     "merci beaucoup pour l'astuce sur {feature}"};
const char* const kThanksDetailFr[] = {"🙏", "Vous êtes au top.", "", "❤️"};
const char* const kTalkOpenFr[] = {"", "Salut tout le monde,", "Hello,", "Alors,"};
const char* const kTalkCoreFr[] = {"bon vendredi à tous !",
                                   "qui vient au meetup la semaine prochaine ?",
                                   "vous bossez sur quoi aujourd'hui ?",
                                   "le café à votre stand était excellent ☕",
                                   "des conseils pour une première utilisation ?",
                                   "content de vous voir sur le fediverse",
                                   "bonne chance pour le lancement !",
                                   "super article de blog"};
const char* const kTalkCloseFr[] = {"😄", "", "🌞", "À bientôt !"};

// ---- Answers, announcements, DMs, edits -------------------------------------------------------------------------
const char* const kAnswerQuestionEn[] = {
    "Hi {name}! You can do that under Settings → Workspace.",
    "Good question, {name}: yes, it's in the {version} release.",
    "Hey {name}, here's the guide: https://docs.{slug}.example/guides/getting-started-with-{slug}-in-five-minutes",
    "Not yet, but it's on our roadmap for next quarter.",
    "Thanks for asking! Short answer: yes. Long answer in our FAQ https://docs.{slug}.example/faq"};
const char* const kAnswerComplaintEn[] = {
    "Sorry about that, {name}. Could you DM us your account email so we can look into it?",
    "We hear you, {name}, and we're sorry. A fix is rolling out today.",
    "That's not the experience we want for you. Our team is on it.",
    "Apologies for the trouble! Can you tell us which version you're on?"};
const char* const kAnswerPraiseEn[] = {"Thank you so much, {name}! 💜", "This made our day, thanks {name}!",
                                       "Aww, thanks! We'll pass it on to the team 🎉"};
const char* const kAnswerBugEn[] = {"Thanks for the report, {name}! We've logged it as #{num}.",
                                    "Good catch! A fix is in {version}, out this week.",
                                    "Thanks {name}, we could reproduce it. Tracking here: "
                                    "https://git.{slug}.example/issues/{num}",
                                    "Could you send us the logs from Help → Export diagnostics?"};
const char* const kAnswerThanksEn[] = {"Anytime, {name}!", "Glad it's sorted 🙌", "You're welcome!"};
const char* const kAnswerTalkEn[] = {"Happy Friday to you too!", "We'll be there, come say hi ☕",
                                     "Thanks {name}, see you soon!"};
const char* const kAnswerQuestionFr[] = {
    "Bonjour {name} ! C'est dans Réglages → Espace de travail.",
    "Bonne question {name} : oui, c'est dans la {version}.",
    "Salut {name}, voici le guide : https://docs.{slug}.example/fr/guides/bien-demarrer-avec-{slug}-en-cinq-minutes",
    "Pas encore, mais c'est prévu pour le prochain trimestre.",
    "Merci pour la question ! Réponse courte : oui. Les détails sont dans la FAQ https://docs.{slug}.example/fr/faq"};
const char* const kAnswerComplaintFr[] = {"Désolés {name}. Vous pouvez nous écrire en privé avec l'e-mail du compte ?",
                                          "On vous entend {name}, et on est désolés. Un correctif part aujourd'hui.",
                                          "Ce n'est pas l'expérience qu'on veut pour vous. L'équipe s'en occupe.",
                                          "Désolés pour le souci ! Quelle version utilisez-vous ?"};
const char* const kAnswerPraiseFr[] = {"Merci beaucoup {name} ! 💜", "Ça nous fait super plaisir, merci {name} !",
                                       "Merci ! On transmet à toute l'équipe 🎉"};
const char* const kAnswerBugFr[] = {"Merci pour le signalement {name} ! C'est noté sous le n° {num}.",
                                    "Bien vu ! Le correctif est dans la {version}, cette semaine.",
                                    "Merci {name}, on a reproduit le problème. Suivi ici : "
                                    "https://git.{slug}.example/issues/{num}",
                                    "Vous pourriez nous envoyer les logs via Aide → Exporter le diagnostic ?"};
const char* const kAnswerThanksFr[] = {"Avec plaisir {name} !", "Content que ce soit réglé 🙌", "De rien !"};
const char* const kAnswerTalkFr[] = {"Bon vendredi à vous aussi !", "On y sera, passez nous voir ☕",
                                     "Merci {name}, à bientôt !"};
const char* const kAnnounceEn[] = {
    "{product} {version} is out! New: {feature}. Release notes: https://{slug}.example/blog/release-{num}",
    "We're hosting a Q&A on Thursday at 18:00 CET. Bring your questions! #{product}",
    "Scheduled maintenance tonight 22:00–23:00 UTC. Sync may be slow.",
    "Tip of the week: you can {fverb} from the command palette.",
    "We're hiring a community manager! https://{slug}.example/jobs"};
const char* const kAnnounceFr[] = {"{product} {version} est sortie ! Nouveau : {feature}. Notes de version : "
                                   "https://{slug}.example/blog/version-{num}",
                                   "Session questions/réponses jeudi à 18 h. Venez avec vos questions ! #{product}",
                                   "Maintenance prévue ce soir de 22 h à 23 h. La synchro pourra être lente.",
                                   "L'astuce de la semaine : on peut {fverb} depuis la palette de commandes.",
                                   "On recrute un·e community manager ! https://{slug}.example/emplois"};
const char* const kDirectEn[] = {"Hi, I'd rather not post this publicly: {product} charged me twice this month.",
                                 "Hello, can you check my account? Same username as here.",
                                 "Quick private question about invoices for our non-profit.",
                                 "Hey, I think I found a security issue in {feature}. Who should I talk to?"};
const char* const kDirectFr[] = {"Bonjour, je préfère ne pas en parler publiquement : j'ai été prélevé deux fois.",
                                 "Salut, vous pouvez regarder mon compte ? Même pseudo qu'ici.",
                                 "Question privée sur la facturation pour notre association.",
                                 "Bonjour, je crois avoir trouvé une faille dans {feature}. À qui en parler ?"};
const char* const kDirectAnswerEn[] = {"Thanks for reaching out, we're checking now.",
                                       "Sure, I've forwarded this to billing. You'll hear back today.",
                                       "Thanks! Please email security@example.org, we'll take it from there."};
const char* const kDirectAnswerFr[] = {"Merci du message, on regarde tout de suite.",
                                       "Bien sûr, je transmets au service facturation. Réponse aujourd'hui.",
                                       "Merci ! Écrivez à security@example.org, on s'en occupe."};
const char* const kEditEn[] = {"\n\nEdit: typo", " (edit: it was actually {version})",
                               "\n\nEdit: never mind, found it in the settings!",
                               "\n\nEDIT: still happening after a restart."};
const char* const kEditFr[] = {"\n\nÉdit : faute de frappe", " (édit : c'était la {version})",
                               "\n\nÉdit : c'est bon, trouvé dans les réglages !",
                               "\n\nÉDIT : toujours là après un redémarrage."};

const char* const kVersions[] = {"4.2.1", "4.3", "4.3.2", "5.0 beta", "5.0.1"};

struct ToneTables {
    Table open;
    Table core;
    Table detail;
    Table close;
};

ToneTables tablesFor(Tone tone, bool french) {
    switch (tone) {
    case Tone::Question:
        return french ? ToneTables{table(kQuestionOpenFr), table(kQuestionCoreFr), table(kQuestionDetailFr),
                                   table(kQuestionCloseFr)}
                      : ToneTables{table(kQuestionOpenEn), table(kQuestionCoreEn), table(kQuestionDetailEn),
                                   table(kQuestionCloseEn)};
    case Tone::Complaint:
        return french ? ToneTables{table(kComplaintOpenFr), table(kComplaintCoreFr), table(kComplaintDetailFr),
                                   table(kComplaintCloseFr)}
                      : ToneTables{table(kComplaintOpenEn), table(kComplaintCoreEn), table(kComplaintDetailEn),
                                   table(kComplaintCloseEn)};
    case Tone::Praise:
        return french ? ToneTables{table(kPraiseOpenFr), table(kPraiseCoreFr), table(kPraiseDetailFr),
                                   table(kPraiseCloseFr)}
                      : ToneTables{table(kPraiseOpenEn), table(kPraiseCoreEn), table(kPraiseDetailEn),
                                   table(kPraiseCloseEn)};
    case Tone::BugReport:
        return french ? ToneTables{table(kBugOpenFr), table(kBugCoreFr), table(kBugDetailFr), table(kBugCloseFr)}
                      : ToneTables{table(kBugOpenEn), table(kBugCoreEn), table(kBugDetailEn), table(kBugCloseEn)};
    case Tone::Thanks:
        return french ? ToneTables{table(kThanksOpenFr), table(kThanksCoreFr), table(kThanksDetailFr),
                                   table(kThanksDetailFr)}
                      : ToneTables{table(kThanksOpenEn), table(kThanksCoreEn), table(kThanksDetailEn),
                                   table(kThanksDetailEn)};
    case Tone::SmallTalk:
        break;
    }
    return french ? ToneTables{table(kTalkOpenFr), table(kTalkCoreFr), table(kTalkCloseFr), table(kTalkCloseFr)}
                  : ToneTables{table(kTalkOpenEn), table(kTalkCoreEn), table(kTalkCloseEn), table(kTalkCloseEn)};
}

QString fill(QString text, const QString& language, const PhraseBook::Topic& topic, const QString& name,
             SandboxRandom& rng) {
    if (!text.contains(QLatin1Char('{'))) {
        return text;
    }
    const bool french = isFrench(language);
    const quint32 feature = rng.below(static_cast<quint32>(std::size(kFeatureEn)));
    text.replace(QLatin1String("{product}"), topic.product);
    text.replace(QLatin1String("{slug}"), topic.slug);
    text.replace(QLatin1String("{name}"), name);
    text.replace(QLatin1String("{feature}"), QString::fromUtf8(french ? kFeatureFr[feature] : kFeatureEn[feature]));
    text.replace(QLatin1String("{fverb}"), QString::fromUtf8(french ? kVerbFr[feature] : kVerbEn[feature]));
    text.replace(QLatin1String("{version}"), pick(rng, table(kVersions)));
    text.replace(QLatin1String("{num}"), QString::number(rng.between(100, 2400)));
    text.replace(QLatin1String("{hex}"), QString::number(rng.next() & 0xFFFFFFFFULL, 16));
    return text;
}

// A closer after text that ends in a word needs a full stop first; after punctuation or an emoji it does not.
bool needsStop(const QString& text) {
    return !text.isEmpty() && text.back().isLetterOrNumber();
}

QString capitalised(QString text) {
    if (!text.isEmpty()) {
        text[0] = text.at(0).toUpper();
    }
    return text;
}

QString sentence(const QString& opener, QString core) {
    // Lower case only after an opener that leads into the sentence ("Hi team," "Quick question:" "Petit mot pour
    // dire que"); after "Hi!" "Ugh." or an emoji the core starts a sentence of its own.
    const bool leadsIn = !opener.isEmpty() && (opener.back() == QLatin1Char(',') || opener.back() == QLatin1Char(':') ||
                                               opener.back().isLetter());
    if (!leadsIn) {
        core = capitalised(core);
    }
    if (!core.endsWith(QLatin1Char('?')) && !core.endsWith(QLatin1Char('!')) && !core.endsWith(QLatin1Char('.'))) {
        core += QLatin1Char('.');
    }
    return opener.isEmpty() ? core : opener + QLatin1Char(' ') + core;
}

} // namespace

Tone PhraseBook::randomTone(SandboxRandom& rng, bool incidentDay) {
    const double u = rng.unit();
    if (incidentDay) {
        return u < 0.45 ? Tone::Complaint : (u < 0.8 ? Tone::BugReport : Tone::Question);
    }
    if (u < 0.26) {
        return Tone::Question;
    }
    if (u < 0.38) {
        return Tone::Complaint;
    }
    if (u < 0.53) {
        return Tone::Praise;
    }
    if (u < 0.65) {
        return Tone::BugReport;
    }
    if (u < 0.79) {
        return Tone::Thanks;
    }
    return Tone::SmallTalk;
}

QString PhraseBook::message(Tone tone, const QString& language, const Topic& topic, SandboxRandom& rng) {
    const ToneTables t = tablesFor(tone, isFrench(language));
    const auto draw = [&](const Table& from) { return fill(pick(rng, from), language, topic, QString(), rng); };
    QString text = sentence(draw(t.open), draw(t.core));
    const QString detail = draw(t.detail);
    if (!detail.isEmpty() && rng.chance(0.7)) {
        // Now and then the detail goes on its own line or paragraph.
        const double layout = rng.unit();
        text += layout < 0.12 ? QStringLiteral("\n\n") : (layout < 0.22 ? QStringLiteral("\n") : QStringLiteral(" "));
        text += detail;
    }
    const QString closer = draw(t.close);
    if (!closer.isEmpty() && closer != detail) {
        const bool stop = needsStop(text) && !closer.startsWith(QLatin1Char('#'));
        text += (stop ? QStringLiteral(". ") : QStringLiteral(" ")) + closer;
    }
    return text;
}

QString PhraseBook::answer(Tone tone, const QString& language, const QString& name, const Topic& topic,
                           SandboxRandom& rng) {
    const bool fr = isFrench(language);
    Table t = table(fr ? kAnswerTalkFr : kAnswerTalkEn);
    switch (tone) {
    case Tone::Question:
        t = fr ? table(kAnswerQuestionFr) : table(kAnswerQuestionEn);
        break;
    case Tone::Complaint:
        t = fr ? table(kAnswerComplaintFr) : table(kAnswerComplaintEn);
        break;
    case Tone::Praise:
        t = fr ? table(kAnswerPraiseFr) : table(kAnswerPraiseEn);
        break;
    case Tone::BugReport:
        t = fr ? table(kAnswerBugFr) : table(kAnswerBugEn);
        break;
    case Tone::Thanks:
        t = fr ? table(kAnswerThanksFr) : table(kAnswerThanksEn);
        break;
    case Tone::SmallTalk:
        break;
    }
    return fill(pick(rng, t), language, topic, name, rng);
}

QString PhraseBook::announcement(const QString& language, const Topic& topic, SandboxRandom& rng) {
    return fill(pick(rng, isFrench(language) ? table(kAnnounceFr) : table(kAnnounceEn)), language, topic, {}, rng);
}

QString PhraseBook::directMessage(const QString& language, const Topic& topic, SandboxRandom& rng) {
    return fill(pick(rng, isFrench(language) ? table(kDirectFr) : table(kDirectEn)), language, topic, {}, rng);
}

QString PhraseBook::directAnswer(const QString& language, SandboxRandom& rng) {
    return pick(rng, isFrench(language) ? table(kDirectAnswerFr) : table(kDirectAnswerEn));
}

QString PhraseBook::editNote(const QString& language, SandboxRandom& rng) {
    return fill(pick(rng, isFrench(language) ? table(kEditFr) : table(kEditEn)), language, {}, {}, rng);
}

} // namespace baton::sandbox
