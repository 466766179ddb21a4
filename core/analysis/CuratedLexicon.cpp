#include "core/analysis/CuratedLexicon.h"

#include "core/analysis/Lexicon.h"

namespace baton::analysis::curated {

namespace {

struct Word {
    const char16_t* word;
    float value;
};

// The scalar of a booster word, as in VADER: it adds about a third of a point to the word it modifies.
constexpr float kUp = 0.293f;
constexpr float kDown = -0.293f;

template <size_t N>
void valences(Lexicon& lex, const Word (&words)[N], bool overrideBase) {
    for (const Word& w : words) {
        lex.setValence(QStringView(w.word), w.value, overrideBase);
    }
}

template <size_t N>
void boosters(Lexicon& lex, const Word (&words)[N]) {
    for (const Word& w : words) {
        lex.setBooster(QStringView(w.word), w.value);
    }
}

template <size_t N>
void flags(Lexicon& lex, const char16_t* const (&words)[N], quint32 f) {
    for (const char16_t* w : words) {
        lex.addFlags(QStringView(w), f);
    }
}

// ---- English ----
const Word kEnglishBoosters[] = {
    {u"absolutely", kUp},    {u"amazingly", kUp},
    {u"awfully", kUp},       {u"completely", kUp},
    {u"considerable", kUp},  {u"considerably", kUp},
    {u"decidedly", kUp},     {u"deeply", kUp},
    {u"effing", kUp},        {u"enormous", kUp},
    {u"enormously", kUp},    {u"entirely", kUp},
    {u"especially", kUp},    {u"exceptional", kUp},
    {u"exceptionally", kUp}, {u"extreme", kUp},
    {u"extremely", kUp},     {u"fabulously", kUp},
    {u"flipping", kUp},      {u"flippin", kUp},
    {u"frackin", kUp},       {u"fracking", kUp},
    {u"fricking", kUp},      {u"frickin", kUp},
    {u"frigging", kUp},      {u"friggin", kUp},
    {u"fully", kUp},         {u"fuckin", kUp},
    {u"fucking", kUp},       {u"fuggin", kUp},
    {u"fugging", kUp},       {u"freakin", kUp},
    {u"freaking", kUp},      {u"greatly", kUp},
    {u"hella", kUp},         {u"highly", kUp},
    {u"hugely", kUp},        {u"incredible", kUp},
    {u"incredibly", kUp},    {u"intensely", kUp},
    {u"major", kUp},         {u"majorly", kUp},
    {u"more", kUp},          {u"most", kUp},
    {u"particularly", kUp},  {u"purely", kUp},
    {u"quite", kUp},         {u"really", kUp},
    {u"remarkably", kUp},    {u"so", kUp},
    {u"substantially", kUp}, {u"thoroughly", kUp},
    {u"total", kUp},         {u"totally", kUp},
    {u"tremendous", kUp},    {u"tremendously", kUp},
    {u"uber", kUp},          {u"unbelievably", kUp},
    {u"unusually", kUp},     {u"utter", kUp},
    {u"utterly", kUp},       {u"very", kUp},
    {u"soo", kUp},           {u"sooo", kUp},
    {u"almost", kDown},      {u"barely", kDown},
    {u"hardly", kDown},      {u"just enough", kDown},
    {u"kind of", kDown},     {u"kinda", kDown},
    {u"kindof", kDown},      {u"kind-of", kDown},
    {u"less", kDown},        {u"little", kDown},
    {u"marginal", kDown},    {u"marginally", kDown},
    {u"occasional", kDown},  {u"occasionally", kDown},
    {u"partly", kDown},      {u"scarce", kDown},
    {u"scarcely", kDown},    {u"slight", kDown},
    {u"slightly", kDown},    {u"somewhat", kDown},
    {u"sort of", kDown},     {u"sorta", kDown},
    {u"sortof", kDown},      {u"sort-of", kDown},
    {u"a bit", kDown},       {u"a little", kDown},
};

const char16_t* const kEnglishNegators[] = {
    u"aint",   u"arent",    u"cannot",  u"cant",     u"couldnt",  u"darent",   u"didnt",   u"doesnt",
    u"ain't",  u"aren't",   u"can't",   u"couldn't", u"daren't",  u"didn't",   u"doesn't", u"dont",
    u"hadnt",  u"hasnt",    u"havent",  u"isnt",     u"mightnt",  u"mustnt",   u"neither", u"don't",
    u"hadn't", u"hasn't",   u"haven't", u"isn't",    u"mightn't", u"mustn't",  u"neednt",  u"needn't",
    u"never",  u"none",     u"nope",    u"nor",      u"not",      u"nothing",  u"nowhere", u"oughtnt",
    u"shant",  u"shouldnt", u"uhuh",    u"wasnt",    u"werent",   u"oughtn't", u"shan't",  u"shouldn't",
    u"uh-uh",  u"wasn't",   u"weren't", u"without",  u"wont",     u"wouldnt",  u"won't",   u"wouldn't",
    u"rarely", u"seldom",   u"despite", u"isnt",     u"wasnt",    u"aint",     u"dnt",     u"didnt",
};

// Phrases that mean something their words do not (VADER's special cases and idioms, and a few more).
const Word kEnglishPhrases[] = {
    {u"the shit", 3.0f},      {u"the bomb", 3.0f},           {u"bad ass", 1.5f},         {u"badass", 1.5f},
    {u"bus stop", 0.0f},      {u"yeah right", -2.0f},        {u"kiss of death", -1.5f},  {u"to die for", 3.0f},
    {u"beating heart", 3.1f}, {u"broken heart", -2.9f},      {u"cut the mustard", 2.0f}, {u"hand to mouth", -2.0f},
    {u"back handed", -2.0f},  {u"blow smoke", -2.0f},        {u"blowing smoke", -2.0f},  {u"upper hand", 1.0f},
    {u"break a leg", 2.0f},   {u"cooking with gas", 2.0f},   {u"in the black", 2.0f},    {u"in the red", -2.0f},
    {u"on the ball", 2.0f},   {u"under the weather", -2.0f}, {u"not bad", 1.5f},         {u"no problem", 1.5f},
    {u"no worries", 1.5f},    {u"waste of time", -2.5f},     {u"waste of money", -2.5f},
};

// Product and service reviews: idioms whose words say something else ("save your money", "can't go wrong"), and
// star ratings. A phrase replaces the valence of its last word and silences the words before it, so a negator
// inside one ("don't buy", "couldn't be happier") does not flip it.
const Word kEnglishReviewIdioms[] = {
    {u"piece of junk", -3.0f},
    {u"piece of crap", -3.0f},
    {u"piece of garbage", -3.0f},
    {u"piece of shit", -3.2f},
    {u"save your money", -2.5f},
    {u"save your cash", -2.3f},
    {u"save yourself", -1.8f},
    {u"don't buy", -2.5f},
    {u"dont buy", -2.5f},
    {u"do not buy", -2.5f},
    {u"never buy", -2.3f},
    {u"never purchase", -2.3f},
    {u"never again", -2.0f},
    {u"don't waste your", -2.2f},
    {u"dont waste your", -2.2f},
    {u"do not waste your", -2.2f},
    {u"stopped working", -2.3f},
    {u"stops working", -2.2f},
    {u"quit working", -2.3f},
    {u"fell apart", -2.2f},
    {u"falls apart", -2.2f},
    {u"returned it", -1.6f},
    {u"sent it back", -1.6f},
    {u"thanks for nothing", -2.5f},
    {u"is a joke", -2.0f},
    {u"buyer beware", -2.2f},
    {u"rip off", -2.5f},
    {u"ripoff", -2.5f},
    {u"rip-off", -2.5f},
    {u"can't go wrong", 2.5f},
    {u"cannot go wrong", 2.5f},
    {u"can't beat", 2.3f},
    {u"cannot beat", 2.3f},
    {u"hard to beat", 2.3f},
    {u"couldn't be happier", 3.0f},
    {u"could not be happier", 3.0f},
    {u"couldn't be better", 2.8f},
    {u"could not be better", 2.8f},
    {u"doesn't get any better", 2.8f},
    {u"don't get any better", 2.8f},
    {u"can't complain", 1.5f},
    {u"cannot complain", 1.5f},
    {u"never fails", 2.0f},
    {u"worth every penny", 2.8f},
    {u"well worth", 2.2f},
    {u"worth it", 1.8f},
    {u"money well spent", 2.5f},
    {u"what a joke", -2.0f},
    {u"must-have", 2.0f},
    {u"a steal", 2.0f},
    {u"kicks butt", 2.5f},
    {u"kicks ass", 2.5f},
    {u"like a charm", 2.5f},
    {u"top notch", 2.6f},
    {u"top-notch", 2.6f},
    {u"second to none", 2.8f},
    {u"blown away", 2.5f},
    {u"in awe", 2.5f},
    {u"five stars", 2.8f},
    {u"5 stars", 2.8f},
    {u"4 stars", 1.8f},
    {u"four stars", 1.8f},
    {u"4.5 stars", 2.3f},
    {u"10 stars", 3.0f},
    {u"ten stars", 3.0f},
    {u"one star", -2.3f},
    {u"1 star", -2.3f},
    {u"zero stars", -2.8f},
    {u"0 stars", -2.8f},
    {u"two stars", -1.5f},
    {u"2 stars", -1.5f},
    {u"can't wait", 2.0f},
    {u"cant wait", 2.0f},
    {u"cannot wait", 2.0f},
    {u"fuck off", -3.0f},
};

// Review words the base lexicon lacks; never replaces a base entry.
const Word kEnglishReviewWords[] = {
    {u"junk", -2.2f},   {u"junky", -2.0f},       {u"garbage", -1.8f}, {u"trash", -1.6f},       {u"nightmare", -2.5f},
    {u"flaw", -1.2f},   {u"flaws", -1.2f},       {u"flawed", -0.8f},  {u"defect", -1.8f},      {u"defects", -1.8f},
    {u"glitch", -1.4f}, {u"glitches", -1.4f},    {u"glitchy", -1.6f}, {u"malfunction", -2.0f}, {u"overpriced", -1.8f},
    {u"flimsy", -1.6f}, {u"nonexistent", -1.2f},
};

// Social-media words the base lexicon lacks; never replaces a base entry.
const Word kEnglishSlang[] = {
    {u"thx", 1.5f},       {u"ty", 1.5f},        {u"tysm", 2.2f},   {u"tyvm", 2.2f},   {u"smh", -1.3f},
    {u"fml", -2.2f},      {u"ffs", -1.8f},      {u"meh", -0.8f},   {u"ftw", 2.0f},    {u"kudos", 2.0f},
    {u"yay", 2.0f},       {u"woohoo", 2.2f},    {u"ugh", -1.8f},   {u"scam", -2.5f},  {u"refund", -0.8f},
    {u"broken", -1.5f},   {u"unusable", -2.5f}, {u"buggy", -1.8f}, {u"laggy", -1.5f}, {u"crashes", -1.8f},
    {u"ouch", -1.6f},     {u"dang", -1.0f},     {u"yikes", -1.2f}, {u"argh", -1.5f},  {u"grr", -1.5f},
    {u"yuck", -2.0f},     {u"ew", -1.5f},       {u"eww", -1.8f},   {u"huzzah", 2.0f}, {u"hangover", -1.4f},
    {u"hungover", -1.4f}, {u"headache", -1.6f},
};

// ---- French ----
const Word kFrenchBoosters[] = {
    {u"très", kUp},
    {u"trop", kUp},
    {u"vraiment", kUp},
    {u"tellement", kUp},
    {u"vachement", kUp},
    {u"hyper", kUp},
    {u"ultra", kUp},
    {u"extrêmement", kUp},
    {u"absolument", kUp},
    {u"complètement", kUp},
    {u"totalement", kUp},
    {u"carrément", kUp},
    {u"franchement", kUp},
    {u"particulièrement", kUp},
    {u"profondément", kUp},
    {u"parfaitement", kUp},
    {u"incroyablement", kUp},
    {u"terriblement", kUp},
    {u"énormément", kUp},
    {u"beaucoup", kUp},
    {u"si", kUp},
    {u"tout à fait", kUp},
    {u"grave", kUp},
    {u"méga", kUp},
    {u"sacrément", kUp},
    {u"follement", kUp},
    {u"tres", kUp},
    {u"trés", kUp},
    {u"un peu", kDown},
    {u"assez", kDown},
    {u"plutôt", kDown},
    {u"légèrement", kDown},
    {u"moyennement", kDown},
    {u"à peine", kDown},
    {u"presque", kDown},
    {u"quasi", kDown},
    {u"relativement", kDown},
    {u"un brin", kDown},
    {u"un poil", kDown},
    {u"pas très", kDown},
};

const char16_t* const kFrenchNegators[] = {u"pas",  u"jamais", u"rien", u"aucun",     u"aucune",
                                           u"sans", u"ni",     u"peu",  u"nullement", u"pa"};
const char16_t* const kFrenchPostNegators[] = {u"pas", u"plus", u"jamais", u"rien", u"guère", u"point", u"pa"};
const char16_t* const kFrenchNeededNe[] = {u"plus", u"guère", u"point"};
const char16_t* const kFrenchNe[] = {u"ne", u"n"};
const char16_t* const kFrenchContrast[] = {u"mais", u"pourtant", u"cependant", u"toutefois", u"néanmoins"};

// Nouns, verbs, slang and phrases that carry sentiment in French reviews and social posts; these replace
// Pattern's entry when both exist (Pattern rates "nul" close to neutral, for one).
const Word kFrench[] = {
    // positive
    {u"adore", 2.9f},
    {u"adoré", 2.9f},
    {u"adorer", 2.6f},
    {u"adorable", 2.4f},
    {u"aime", 2.0f},
    {u"aimé", 2.0f},
    {u"aimer", 1.6f},
    {u"kiffe", 2.4f},
    {u"kiffé", 2.4f},
    {u"kif", 2.0f},
    {u"recommande", 2.2f},
    {u"recommandé", 2.0f},
    {u"recommander", 1.8f},
    {u"bravo", 2.6f},
    {u"merci", 1.8f},
    {u"mercii", 2.0f},
    {u"chef-d'oeuvre", 3.3f},
    {u"chef d'oeuvre", 3.3f},
    {u"chefs-d'oeuvre", 3.3f},
    {u"bijou", 2.5f},
    {u"pépite", 2.5f},
    {u"régal", 2.8f},
    {u"plaisir", 2.0f},
    {u"bonheur", 2.8f},
    {u"rire", 1.4f},
    {u"rires", 1.5f},
    {u"rigolé", 1.8f},
    {u"rigolo", 1.6f},
    {u"coup de coeur", 3.0f},
    {u"à voir", 1.8f},
    {u"a voir", 1.8f},
    {u"top", 2.2f},
    {u"cool", 1.6f},
    {u"génialissime", 3.4f},
    {u"chapeau", 1.6f},
    {u"émotion", 1.4f},
    {u"émotions", 1.4f},
    {u"réussite", 2.5f},
    {u"perfection", 3.0f},
    {u"merveille", 3.0f},
    {u"merveilles", 2.8f},
    {u"magique", 2.5f},
    {u"magistral", 3.0f},
    {u"magistrale", 3.0f},
    {u"incontournable", 2.4f},
    {u"culte", 2.0f},
    {u"jubilatoire", 2.8f},
    {u"succès", 2.0f},
    {u"félicitations", 2.8f},
    {u"mdr", 1.5f},
    {u"ptdr", 1.6f},
    {u"lol", 1.5f},
    {u"pas mal", 1.6f},
    {u"bien", 1.3f},
    {u"mieux", 1.2f},
    {u"meilleur", 2.2f},
    {u"meilleure", 2.2f},
    {u"excellent", 2.9f},
    {u"excellente", 2.9f},
    {u"génial", 3.0f},
    {u"géniale", 3.0f},
    {u"super", 2.4f},
    {u"bon", 1.8f},
    {u"bonne", 1.8f},
    {u"beau", 2.0f},
    {u"belle", 2.0f},
    {u"parfait", 2.9f},
    {u"parfaite", 2.9f},
    {u"efficace", 1.6f},
    {u"drôle", 2.0f},
    {u"drole", 2.0f},
    {u"hilarant", 2.6f},
    {u"captivant", 2.4f},
    {u"passionnant", 2.5f},
    {u"touchant", 2.0f},
    {u"émouvant", 2.2f},
    {u"sublime", 3.0f},
    {u"superbe", 2.9f},
    {u"splendide", 3.0f},
    {u"formidable", 2.9f},
    {u"réussi", 2.3f},
    {u"réussie", 2.3f},
    {u"intelligent", 1.8f},
    {u"agréable", 2.0f},
    {u"sympa", 1.8f},
    {u"chouette", 2.0f},
    {u"ouf", 1.5f},
    {u"de ouf", 2.4f},
    {u"bluffant", 2.5f},
    {u"époustouflant", 3.0f},
    {u"grandiose", 3.0f},
    {u"intérêt", 1.2f},
    {u"qualité", 1.2f},
    {u"qualités", 1.2f},
    {u"talent", 1.8f},
    {u"talentueux", 2.2f},
    {u"fun", 1.8f},
    {u"love", 2.6f},
    {u"bisous", 1.6f},
    {u"enfin", 0.4f},
    {u"vivement", 1.2f},
    {u"rapide", 1.0f},
    {u"rapidement", 0.8f},
    {u"réactif", 1.6f},
    {u"résolu", 1.4f},
    {u"fonctionne", 0.8f},
    {u"marche", 0.6f},
    {u"nickel", 2.2f},
    {u"excellents", 2.9f},
    {u"excellentes", 2.9f},
    {u"géniaux", 3.0f},
    {u"géniales", 3.0f},
    {u"bons", 1.8f},
    {u"bonnes", 1.8f},
    {u"beaux", 2.0f},
    {u"belles", 2.0f},
    {u"parfaits", 2.9f},
    {u"parfaites", 2.9f},
    {u"drôles", 2.0f},
    {u"superbes", 2.9f},
    {u"convaincu", 1.6f},
    {u"convaincue", 1.6f},
    {u"convaincant", 1.9f},
    {u"convaincante", 1.9f},
    {u"convaincants", 1.9f},
    {u"réussis", 2.3f},
    {u"réussies", 2.3f},
    {u"sublimes", 3.0f},
    // negative
    {u"mauvaises", -2.3f},
    {u"ennuyeuses", -2.4f},
    {u"décevants", -2.5f},
    {u"décevantes", -2.5f},
    {u"ratés", -2.2f},
    {u"ratées", -2.2f},
    {u"médiocres", -2.3f},
    {u"ridicules", -2.2f},
    {u"navet", -3.0f},
    {u"navets", -3.0f},
    {u"nanar", -2.2f},
    {u"daube", -3.0f},
    {u"bouse", -3.0f},
    {u"à chier", -3.2f},
    {u"a chier", -3.2f},
    {u"de merde", -3.0f},
    {u"merde", -2.4f},
    {u"chiant", -2.6f},
    {u"chiante", -2.6f},
    {u"ennui", -2.2f},
    {u"ennuie", -2.0f},
    {u"ennuyé", -2.0f},
    {u"ennuyeux", -2.4f},
    {u"ennuyeuse", -2.4f},
    {u"endormi", -1.5f},
    {u"déception", -2.5f},
    {u"décevant", -2.5f},
    {u"décevante", -2.5f},
    {u"déçu", -2.5f},
    {u"déçue", -2.5f},
    {u"déçus", -2.5f},
    {u"perte de temps", -2.8f},
    {u"arnaque", -2.8f},
    {u"catastrophe", -2.8f},
    {u"catastrophique", -3.0f},
    {u"fiasco", -2.8f},
    {u"nul", -2.6f},
    {u"nulle", -2.6f},
    {u"nuls", -2.6f},
    {u"nulles", -2.6f},
    {u"nullissime", -3.2f},
    {u"naze", -2.4f},
    {u"pourri", -2.8f},
    {u"pourrie", -2.8f},
    {u"déteste", -2.8f},
    {u"détesté", -2.8f},
    {u"détester", -2.5f},
    {u"hais", -3.0f},
    {u"raté", -2.2f},
    {u"ratée", -2.2f},
    {u"ratage", -2.5f},
    {u"bof", -1.5f},
    {u"pas terrible", -1.6f},
    {u"à éviter", -2.6f},
    {u"a eviter", -2.6f},
    {u"fuyez", -2.6f},
    {u"honte", -2.5f},
    {u"honteux", -2.6f},
    {u"dommage", -1.5f},
    {u"problème", -1.5f},
    {u"problèmes", -1.5f},
    {u"bug", -1.5f},
    {u"bugs", -1.5f},
    {u"panne", -1.8f},
    {u"inadmissible", -2.8f},
    {u"scandale", -2.6f},
    {u"scandaleux", -2.8f},
    {u"inacceptable", -2.7f},
    {u"lamentable", -2.8f},
    {u"gâché", -2.0f},
    {u"gâcher", -1.8f},
    {u"gâchis", -2.4f},
    {u"longueurs", -1.6f},
    {u"longuet", -1.5f},
    {u"lourd", -1.2f},
    {u"lourdeur", -1.6f},
    {u"mauvais", -2.3f},
    {u"mauvaise", -2.3f},
    {u"médiocre", -2.3f},
    {u"pire", -2.6f},
    {u"horrible", -2.9f},
    {u"affreux", -2.7f},
    {u"insupportable", -2.6f},
    {u"ridicule", -2.2f},
    {u"pathétique", -2.5f},
    {u"grotesque", -2.0f},
    {u"stupide", -2.2f},
    {u"bête", -1.6f},
    {u"inutile", -1.8f},
    {u"vide", -1.4f},
    {u"creux", -1.4f},
    {u"prévisible", -1.5f},
    {u"lent", -1.2f},
    {u"lente", -1.2f},
    {u"soporifique", -2.5f},
    {u"poubelle", -2.4f},
    {u"remboursement", -0.8f},
    {u"rembourser", -0.8f},
    {u"attente", -0.8f},
    {u"retard", -1.3f},
    {u"galère", -2.0f},
    {u"énervé", -2.0f},
    {u"énervant", -2.2f},
    {u"marre", -2.2f},
    {u"ras le bol", -2.5f},
    {u"relou", -1.8f},
    {u"chiottes", -2.2f},
    {u"beurk", -2.2f},
    {u"cher", -0.6f},
    {u"arnaqueur", -2.8f},
    {u"dégoûté", -2.4f},
    {u"dégueulasse", -2.8f},
    {u"déplorable", -2.7f},
    {u"pitoyable", -2.7f},
    {u"désastre", -2.8f},
    {u"désastreux", -2.9f},
};

// ---- Emoji, any language (VADER scale) ----
const Word kEmoji[] = {
    {u"😀", 2.0f},    {u"😃", 2.0f},    {u"😄", 2.2f},  {u"😁", 2.0f},     {u"😆", 2.0f},     {u"😅", 1.0f},
    {u"😂", 1.8f},    {u"🤣", 1.8f}, {u"😊", 2.2f},  {u"🙂", 1.2f},  {u"😉", 1.2f},     {u"😍", 2.8f},
    {u"🥰", 2.8f}, {u"😘", 2.0f},    {u"😎", 1.5f},  {u"🤩", 2.8f},  {u"🥳", 2.5f},  {u"👍", 1.8f},
    {u"👏", 1.8f},    {u"🙏", 1.2f},    {u"💪", 1.5f},  {u"🎉", 2.2f},     {u"❤", 2.6f},     {u"♥", 2.3f},
    {u"💕", 2.5f},    {u"💖", 2.5f},    {u"💗", 2.4f},  {u"💙", 2.2f},     {u"💚", 2.2f},     {u"💜", 2.2f},
    {u"🧡", 2.2f}, {u"💛", 2.2f},    {u"💯", 2.0f},  {u"🔥", 1.5f},     {u"✨", 1.0f},     {u"⭐", 1.5f},
    {u"🌟", 1.8f},    {u"👌", 1.5f},    {u"✅", 1.0f},  {u"🙌", 2.0f},     {u"😇", 1.8f},     {u"🤗", 2.0f},
    {u"😐", -0.3f},   {u"😑", -0.5f},   {u"😒", -1.5f}, {u"🙄", -1.5f}, {u"😕", -1.2f},    {u"🙁", -1.5f},
    {u"☹", -1.8f},   {u"😞", -2.0f},   {u"😔", -1.8f}, {u"😟", -1.8f},    {u"😢", -2.2f},    {u"😭", -2.2f},
    {u"😤", -1.8f},   {u"😠", -2.5f},   {u"😡", -2.8f}, {u"🤬", -3.0f}, {u"😱", -1.5f},    {u"😨", -1.8f},
    {u"😰", -1.8f},   {u"😩", -2.0f},   {u"😫", -2.0f}, {u"🤮", -2.8f}, {u"🤢", -2.3f}, {u"💩", -2.0f},
    {u"👎", -2.0f},   {u"💔", -2.5f},   {u"😬", -0.8f}, {u"😴", -0.5f},    {u"🤡", -1.5f}, {u"❌", -1.2f},
    {u"😣", -1.8f},   {u"😖", -2.0f},   {u"😓", -1.4f}, {u"😥", -1.5f},    {u"🥺", -0.5f}, {u"😪", -1.0f},
};

} // namespace

void addEnglish(Lexicon& lex) {
    boosters(lex, kEnglishBoosters);
    flags(lex, kEnglishNegators, Negator);
    valences(lex, kEnglishPhrases, true);
    valences(lex, kEnglishSlang, false);
    valences(lex, kEnglishReviewIdioms, true);
    valences(lex, kEnglishReviewWords, false);
    lex.addFlags(u"but", Contrast);
    lex.addFlags(u"no", WordNo);
    lex.addFlags(u"never", WordNever);
    const char16_t* const soThis[] = {u"so", u"this"};
    flags(lex, soThis, WordSoThis);
    lex.addFlags(u"without", WordWithout);
    lex.addFlags(u"doubt", WordDoubt);
    lex.addFlags(u"least", WordLeast);
    const char16_t* const atVery[] = {u"at", u"very"};
    flags(lex, atVery, WordAtVery);
    const char16_t* const orNor[] = {u"or", u"nor"};
    flags(lex, orNor, WordOrNor);
    const char16_t* const modal[] = {u"can't", u"cant", u"cannot", u"couldn't", u"couldnt"};
    flags(lex, modal, ModalNegator);
    lex.addFlags(u"enough", WordEnough);
    lex.addFlags(u"kind", WordKind);
    lex.addFlags(u"of", WordOf);
}

void addFrench(Lexicon& lex) {
    valences(lex, kFrench, true);
    boosters(lex, kFrenchBoosters);
    flags(lex, kFrenchNegators, Negator);
    flags(lex, kFrenchPostNegators, PostNegator);
    flags(lex, kFrenchNeededNe, NeededNe);
    flags(lex, kFrenchNe, NeParticle);
    flags(lex, kFrenchContrast, Contrast);
    // "pas du tout" negates like "pas"; the phrase keeps "du tout" from pushing the word out of the window.
    lex.addFlags(u"pas du tout", Negator);
    lex.addFlags(u"par contre", Contrast);
}

void addShared(Lexicon& lex) {
    valences(lex, kEmoji, false);
    for (const Word& w : kEmoji) {
        lex.addFlags(QStringView(w.word), Emoticon);
    }
}

} // namespace baton::analysis::curated
