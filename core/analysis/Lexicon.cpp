#include "core/analysis/Lexicon.h"

#include "core/analysis/CuratedLexicon.h"
#include "core/analysis/LexiconData.h"

#include <algorithm>

namespace baton::analysis {

int foldKey(QStringView word, char16_t* out, int cap) {
    int n = 0;
    for (const QChar qc : word) {
        char16_t c = qc.unicode();
        if (c < 0x80) {
            if (c >= u'A' && c <= u'Z') {
                c = static_cast<char16_t>(c + 32);
            }
        } else if (c == 0x2019 || c == 0x2018 || c == 0x02bc || c == 0x00b4) {
            c = u'\'';
        } else if (c == 0x0153 || c == 0x0152 || c == 0x00e6 || c == 0x00c6) {
            if (n + 2 > cap) {
                return -1;
            }
            out[n++] = (c == 0x0153 || c == 0x0152) ? u'o' : u'a';
            out[n++] = u'e';
            continue;
        } else {
            c = QChar::toLower(c);
        }
        if (n >= cap) {
            return -1;
        }
        out[n++] = c;
    }
    return n;
}

const LexEntry* Lexicon::findBuilding(std::u16string_view key, quint32 h) const {
    if (m_slots.empty()) {
        return nullptr;
    }
    const size_t mask = m_slots.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot s = m_slots[i];
        if (s.index == 0) {
            return nullptr;
        }
        if (s.hash == h) {
            const Stored& e = m_entries[s.index - 1];
            if (keyAt(e) == key) {
                return &e.entry;
            }
        }
    }
}

const LexEntry* Lexicon::findFrozen(std::u16string_view key, quint32 h) const {
    const size_t mask = m_frozen.size() - 1;
    const size_t head = std::min<size_t>(key.size(), kHeadLength);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const FrozenSlot& s = m_frozen[i];
        if (s.length == 0) {
            return nullptr;
        }
        if (s.hash == h && s.length == key.size() &&
            std::char_traits<char16_t>::compare(s.head, key.data(), head) == 0 &&
            (key.size() <= kHeadLength ||
             std::char_traits<char16_t>::compare(m_keys.data() + s.keyOffset + head, key.data() + head,
                                                 key.size() - head) == 0)) {
            return &s.entry;
        }
    }
}

void Lexicon::freeze() {
    size_t size = 1024;
    while (size < m_entries.size() * 2) { // load factor at most 1/2: probes stay short, and misses rarely get here
        size *= 2;
    }
    m_frozen.assign(size, FrozenSlot{});
    for (const Stored& e : m_entries) {
        const std::u16string_view key = keyAt(e);
        Q_ASSERT(key.size() < 0xffff);
        const quint32 h = hashOf(key);
        size_t i = h & (size - 1);
        while (m_frozen[i].length != 0) {
            i = (i + 1) & (size - 1);
        }
        FrozenSlot& s = m_frozen[i];
        s.hash = h;
        s.length = static_cast<quint16>(key.size());
        std::copy_n(key.data(), std::min<size_t>(key.size(), kHeadLength), s.head);
        s.keyOffset = e.keyOffset;
        s.entry = e.entry;
    }
    m_slots = {};
    m_entries = {};
}

void Lexicon::rehash(size_t slotCount) {
    m_slots.assign(slotCount, Slot{});
    const size_t mask = slotCount - 1;
    for (size_t k = 0; k < m_entries.size(); ++k) {
        const quint32 h = hashOf(keyAt(m_entries[k]));
        size_t i = h & mask;
        while (m_slots[i].index != 0) {
            i = (i + 1) & mask;
        }
        m_slots[i] = {h, static_cast<quint32>(k + 1)};
    }
}

LexEntry& Lexicon::upsert(std::u16string_view key) {
    Q_ASSERT(!key.empty());
    Q_ASSERT(m_frozen.empty()); // a frozen lexicon is read-only
    if (const LexEntry* e = find(key)) {
        return *const_cast<LexEntry*>(e);
    }
    // A phrase is found from its first word.
    if (const size_t space = key.find(u' '); space != std::u16string_view::npos) {
        upsert(key.substr(0, space)).flags |= PhraseHead;
    }
    indexKey(key);
    Stored s;
    s.keyOffset = static_cast<quint32>(m_keys.size());
    s.keyLength = static_cast<quint32>(key.size());
    m_keys.append(key);
    m_entries.push_back(s);
    ++m_count;
    if (m_entries.size() * 4 > m_slots.size()) {
        rehash(std::max<size_t>(1024, m_slots.size() * 2)); // load factor at most 1/4 keeps misses short
    } else {
        const quint32 h = hashOf(key);
        const size_t mask = m_slots.size() - 1;
        size_t i = h & mask;
        while (m_slots[i].index != 0) {
            i = (i + 1) & mask;
        }
        m_slots[i] = {h, static_cast<quint32>(m_entries.size())};
    }
    return m_entries.back().entry;
}

void Lexicon::indexKey(std::u16string_view key) {
    const quint32 h = hashOf(key);
    for (const quint32 b : {bloomBit1(h), bloomBit2(h)}) {
        m_bloom[b >> 6] |= quint64(1) << (b & 63);
    }
    mark(m_firsts, key.front());
    mark(m_lasts, key.back());
    if (const size_t space = key.find(u' '); space != std::u16string_view::npos) {
        const std::u16string_view rest = key.substr(space + 1);
        const quint32 b = pairBit(hashOf(key.substr(0, space)), hashOf(rest.substr(0, rest.find(u' '))));
        m_phrasePairs[b >> 6] |= quint64(1) << (b & 63);
    }
}

std::u16string Lexicon::folded(QStringView word) const {
    std::u16string out(static_cast<size_t>(word.size()) * 2, u'\0');
    const int n = foldKey(word, out.data(), static_cast<int>(out.size()));
    out.resize(static_cast<size_t>(qMax(n, 0)));
    return out;
}

void Lexicon::setValence(QStringView word, float valence, bool overrideBase) {
    const std::u16string key = folded(word);
    if (!overrideBase) {
        if (const LexEntry* e = find(key); e && (e->flags & Sentiment)) {
            return;
        }
    }
    LexEntry& e = upsert(key);
    e.valence = valence;
    e.flags |= Sentiment;
    if (key.find(u' ') != std::u16string::npos) {
        e.flags |= ScoringPhrase;
    }
}

void Lexicon::setExact(QStringView word, float valence) {
    LexEntry& e =
        upsert(std::u16string_view(reinterpret_cast<const char16_t*>(word.utf16()), static_cast<size_t>(word.size())));
    e.valence = valence;
    e.flags |= Sentiment;
    // ":-)", "<3", "^_^", ":(": drawn with face strokes, or with no letter at all.
    const bool strokes =
        std::any_of(word.begin(), word.end(), [](QChar c) { return QStringView(u":;=<>()[]{}^|\\/*").contains(c); });
    const bool letters = std::any_of(word.begin(), word.end(), [](QChar c) { return c.isLetterOrNumber(); });
    if ((strokes || !letters) && !word.contains(u' ')) {
        e.flags |= Emoticon;
    }
}

void Lexicon::setBooster(QStringView word, float booster) {
    LexEntry& e = upsert(folded(word));
    e.booster = booster;
    e.flags |= Booster;
}

void Lexicon::addFlags(QStringView word, quint32 flags) {
    upsert(folded(word)).flags |= flags;
}

void Lexicon::addAccentFreeAliases() {
    std::vector<std::pair<std::u16string, LexEntry>> aliases;
    for (const Stored& s : m_entries) {
        const std::u16string_view key = keyAt(s);
        QString plain =
            QString::fromUtf16(key.data(), static_cast<qsizetype>(key.size())).normalized(QString::NormalizationForm_D);
        plain.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
        const std::u16string alias = folded(plain);
        if (!alias.empty() && alias != key) {
            aliases.emplace_back(alias, s.entry);
        }
    }
    for (const auto& [key, entry] : aliases) {
        if (!find(key)) {
            upsert(key) = entry;
        }
    }
}

namespace {

Lexicon buildEnglish() {
    Lexicon lex;
    for (const data::LexiconRow* r = data::kEnglishRows; r->word; ++r) {
        lex.setExact(QString::fromUtf8(r->word), r->value);
    }
    curated::addEnglish(lex);
    curated::addShared(lex);
    lex.freeze();
    return lex;
}

Lexicon buildFrench() {
    Lexicon lex;
    for (const data::LexiconRow* r = data::kFrenchRows; r->word; ++r) {
        lex.setValence(QString::fromUtf8(r->word), r->value * curated::kFrenchPolarityScale);
    }
    // VADER's emoticons and emoji-like entries ( ":)", "<3" ) hold in any language.
    for (const data::LexiconRow* r = data::kEnglishRows; r->word; ++r) {
        const QString w = QString::fromUtf8(r->word);
        if (std::any_of(w.cbegin(), w.cend(), [](QChar c) { return !c.isLetter(); }) && !lex.find(w.toStdU16String())) {
            lex.setExact(w, r->value);
        }
    }
    curated::addFrench(lex);
    curated::addShared(lex);
    lex.addAccentFreeAliases();
    lex.freeze();
    return lex;
}

} // namespace

const Lexicon& Lexicon::forLanguage(Language language) {
    static const Lexicon english = buildEnglish();
    static const Lexicon french = buildFrench();
    return language == Language::French ? french : english;
}

bool Lexicon::haveBaseLexicons() {
    return data::kHaveBaseLexicons;
}

QString Lexicon::notice() {
    return QString::fromUtf8(data::kLexiconNotice);
}

} // namespace baton::analysis
