#include "core/sandbox/PeopleFactory.h"

#include <QStringList>
#include <cmath>
#include <iterator>

namespace baton::sandbox {

namespace {

const char* const kFirstEn[] = {"Alice",  "Ben",     "Charlotte", "Dev",   "Ella",   "Finn",   "Grace",  "Harper",
                                "Isaac",  "Jade",    "Kai",       "Liam",  "Maya",   "Noah",   "Olivia", "Priya",
                                "Quinn",  "Rosa",    "Sam",       "Tariq", "Uma",    "Victor", "Wren",   "Yusuf",
                                "Zara",   "Siobhán", "Søren",     "Björn", "Jürgen", "Łukasz", "Zoë",    "Ólafur",
                                "Nguyễn", "Mónica",  "José",      "İlkay", "Chiara", "Aiko",   "Ngozi",  "Dvořák"};
const char* const kFirstFr[] = {
    "Zoé",      "Élodie",   "François", "Amélie",  "Hélène", "Jérôme",   "Loïc",    "Maël",   "Noémie", "Chloé",
    "Inès",     "Gaëlle",   "Benoît",   "Anaïs",   "Léa",    "Théo",     "Camille", "Mathis", "Océane", "Raphaël",
    "Ségolène", "Aurélien", "Yannick",  "Margaux", "Céline", "Thibault", "Solène",  "Hugo",   "Manon",  "Étienne"};
const char* const kLast[] = {"Martin", "Bernard",  "Dubois",  "Lefèvre",   "Girard",    "Rousseau",
                             "Faure",  "Mercier",  "Smith",   "Okafor",    "Nakamura",  "García",
                             "Müller", "Kowalski", "O'Brien", "Fernández", "Johansson", "Chen",
                             "Haddad", "Novák",    "Le Gall", "N'Diaye",   "Moreau",    "Lambert"};
const char* const kOrganisations[] = {
    "Café Lumière ☕",  "Bibliothèque de Lyon 📚", "Open Data Club",  "Les Amis du Vélo 🚲", "Repair Café Nantes 🔧",
    "Tiny Dev Studio", "Fab Lab Montréal",       "Coop des Libres", "Green Mornings 🌱",   "Linux User Group"};
const char* const kEmoji[] = {"🌻", "✨", "🐧", "🎨", "☕", "🌈", "🦊", "📷", "🎧", "🌿"};
const char* const kNotesEn[] = {"Developer, cyclist, coffee snob.", "Teacher. Opinions my own.",
                                "Making things with code & clay.",  "Accessibility advocate.",
                                "Product designer in Berlin.",      "Here for the community."};
const char* const kNotesFr[] = {
    "Développeuse, cycliste et fan de café.", "Prof de maths. Avis perso.", "Je bricole du code & de la céramique.",
    "Militant pour l'accessibilité.",         "Designer produit à Lyon.",   "Là pour la communauté."};
const char* const kDomainsEn[] = {"mastodon.example", "fosstodon.example", "hachyderm.example", "social.example.org",
                                  "toot.example.net"};
const char* const kDomainsFr[] = {"piaille.example", "mamot.example", "framapiaf.example", "mastodon.example"};

template <std::size_t N>
QString pick(SandboxRandom& rng, const char* const (&items)[N]) {
    return QString::fromUtf8(items[rng.below(static_cast<quint32>(N))]);
}

// Lower-case ASCII for a handle: accents dropped, anything else left out.
QString asciiFold(const QString& text) {
    const QString decomposed = text.toLower().normalized(QString::NormalizationForm_KD);
    QString out;
    for (const QChar c : decomposed) {
        if (c.unicode() < 128 && c.isLetterOrNumber()) {
            out += c;
        } else if (c.unicode() == 0x00F8) { // ø does not decompose
            out += QLatin1Char('o');
        } else if (c.unicode() == 0x0142) { // nor does ł
            out += QLatin1Char('l');
        }
    }
    return out;
}

} // namespace

PeopleFactory::PeopleFactory(SandboxRandom rng)
    : m_rng(rng) {
}

void PeopleFactory::reserve(const QString& username, const QString& domain) {
    m_taken.insert(username.toLower() + QLatin1Char('@') + domain);
}

QString PeopleFactory::uniqueHandle(const QString& base, const QString& domain) {
    QString candidate = base.isEmpty() ? QStringLiteral("user") : base.left(24);
    for (int attempt = 0;; ++attempt) {
        const QString key = candidate + QLatin1Char('@') + domain;
        if (!m_taken.contains(key)) {
            m_taken.insert(key);
            return candidate;
        }
        candidate = base.left(20) + (attempt % 2 == 0 ? QStringLiteral("_") : QString()) +
                    QString::number(m_rng.between(2, 999));
    }
}

PeopleFactory::Person PeopleFactory::next(double remoteShare) {
    Person p;
    p.language = m_rng.chance(0.38) ? QStringLiteral("fr") : QStringLiteral("en");
    const bool french = p.language == QLatin1String("fr");
    const bool organisation = m_rng.chance(0.05);
    const QString first = french && m_rng.chance(0.85) ? pick(m_rng, kFirstFr) : pick(m_rng, kFirstEn);
    const QString last = pick(m_rng, kLast);

    QString handleBase;
    if (organisation) {
        p.displayName = pick(m_rng, kOrganisations);
        handleBase = asciiFold(p.displayName).left(16);
    } else {
        const double style = m_rng.unit();
        if (style < 0.30) {
            p.displayName = first + QLatin1Char(' ') + last;
        } else if (style < 0.48) {
            p.displayName = first;
        } else if (style < 0.58) {
            p.displayName = first + QLatin1Char(' ') + pick(m_rng, kEmoji);
        } else if (style < 0.63) {
            p.displayName = QStringLiteral("✨ ") + first + QStringLiteral(" ✨");
        } else if (style < 0.70) {
            p.displayName = first + QLatin1Char(' ') + last +
                            (m_rng.chance(0.5) ? QStringLiteral(" (she/her)") : QStringLiteral(" (il/lui)"));
        } else if (style < 0.76) {
            p.displayName = first.toLower();
        } else if (style < 0.80) {
            p.displayName = first.toUpper();
        } else if (style < 0.85) {
            p.displayName = first + QStringLiteral(" | ") + (french ? QStringLiteral("Dév") : QStringLiteral("Dev"));
        } else if (style < 0.88) {
            p.displayName = QStringLiteral("Dr ") + first + QLatin1Char(' ') + last;
        } else if (style < 0.90) {
            p.displayName.clear(); // Mastodon allows it: clients must fall back to the handle
        } else {
            p.displayName = first + QLatin1Char(' ') + last.left(1) + QLatin1Char('.');
        }
        const QString f = asciiFold(first);
        const QString l = asciiFold(last);
        const double handle = m_rng.unit();
        if (handle < 0.3) {
            handleBase = f;
        } else if (handle < 0.5) {
            handleBase = f + QLatin1Char('_') + l.left(1);
        } else if (handle < 0.7) {
            handleBase = f + l;
        } else if (handle < 0.85) {
            handleBase = f.left(1) + l;
        } else {
            handleBase = f + QString::number(m_rng.between(1, 99));
        }
    }
    if (m_rng.chance(remoteShare)) {
        p.domain = french ? pick(m_rng, kDomainsFr) : pick(m_rng, kDomainsEn);
    }
    p.username = uniqueHandle(handleBase, p.domain);
    p.bot = !organisation && m_rng.chance(0.02);
    p.note = french ? pick(m_rng, kNotesFr) : pick(m_rng, kNotesEn);
    // Heavy tail: most people post now and then, a handful post a lot.
    p.activity = std::exp(m_rng.unit() * m_rng.unit() * 4.5);
    return p;
}

} // namespace baton::sandbox
