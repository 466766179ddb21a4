// The seeded history of the demo mailboxes and the mail that arrives later.
#include "core/sandbox/mail/MailStore.h"

#include <algorithm>

namespace baton::sandbox {
namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

QByteArray hexId(SandboxRandom& rng) {
    return QByteArray::number(rng.next(), 16).rightJustified(16, '0');
}

} // namespace

QByteArray MailStore::writeMail(Account& account, SandboxRandom& rng, qint64 atMs, int customer, const QString& text,
                                const MailThreadNote* thread, bool fromTeam, MailBodyStyle style,
                                QByteArray* messageId) {
    const std::optional<MailThreadNote> parent = thread ? std::optional<MailThreadNote>(*thread) : std::nullopt;
    const MailCustomer c = account.customers.at(customer);
    const MailBrand brand{account.name, account.address, account.brand, account.slug, account.language};
    const PhraseBook::Topic topic{account.brand, account.slug};
    const QString language = c.language;

    MailThreadNote note;
    note.customer = customer;
    note.tone = parent ? parent->tone : PhraseBook::randomTone(rng, false);
    note.subject = parent ? parent->subject : mailSubject(note.tone, language, account.brand, rng);
    if (!text.isEmpty()) {
        note.text = text;
    } else if (fromTeam) {
        note.text = teamMailText(note.tone, language, c, brand, topic, rng);
    } else if (parent) {
        note.text = followUpText(language, c, rng);
    } else {
        note.text = customerMailText(note.tone, language, topic, c, rng);
    }
    note.authorName = fromTeam ? account.name : (c.name.isEmpty() ? c.address : c.name);
    note.atMs = atMs;

    MailDraft d;
    if (fromTeam) {
        d.fromName = account.name;
        d.fromAddress = account.address;
        d.toName = c.name;
        d.toAddress = c.address;
        d.messageId = hexId(rng) + '.' + account.address.toUtf8();
        d.utcOffsetMinutes = account.language == QLatin1String("fr") ? 60 : 0;
    } else {
        d.fromName = c.name;
        d.fromAddress = c.address;
        d.toName = account.name;
        d.toAddress = account.address;
        d.messageId = hexId(rng) + '@' + c.address.section(u'@', 1).toUtf8();
        d.utcOffsetMinutes = c.utcOffsetMinutes;
        d.userAgent = c.userAgent;
    }
    d.subject = parent ? QStringLiteral("Re: ") + parent->subject : note.subject;
    d.dateMs = atMs;
    d.text = note.text;
    if (parent) {
        d.text += QStringLiteral("\n\n") + quoteBlock(language, parent->authorName, parent->atMs, parent->text);
        d.references = parent->references;
        d.inReplyTo = parent->references.isEmpty() ? QByteArray() : parent->references.last();
    }
    d.style = style;
    d.boundarySeed = hexId(rng);
    if (style == MailBodyStyle::MixedWithAttachment) {
        const MailAttachment a = makeAttachment(language, rng);
        d.attachmentName = a.name;
        d.attachmentType = a.type;
        d.attachment = a.bytes;
    }
    note.references = d.references;
    note.references.append(d.messageId);
    account.threads.insert(d.messageId, note);
    account.written.append(d.messageId);
    *messageId = d.messageId;
    return composeMail(d);
}

void MailStore::seed(Account& account, int index, SandboxRandom rng, int count) {
    struct Planned {
        qint64 at = 0;
        QString box;
        QByteArray raw;
        QStringList flags;
    };
    PeopleFactory people(rng.fork(1));
    people.reserve(account.address.section(u'@', 0, 0), QString());
    SandboxRandom r = rng.fork(2);
    const int customers = std::clamp(count / 2, 8, qMax(8, m_options.people));
    for (int i = 0; i < customers; ++i) {
        account.customers.append(makeCustomer(people, r));
    }
    const qint64 now = m_clock.nowMs();
    const qint64 start = now - qMax(1, m_options.historyDays) * kDay;
    QList<Planned> plan;
    int styleCycle = 0; // the first threads show every way of sending text, so each is always present
    auto seen = [&](qint64 at) {
        return at < now - 2 * kDay && r.chance(0.85) ? QStringList{QStringLiteral("\\Seen")} : QStringList{};
    };
    while (plan.size() < count) {
        if (r.chance(0.04)) {
            const auto [subject, text] = spamMail(r);
            MailDraft d;
            d.fromName = QStringLiteral("Service Client");
            d.fromAddress = QStringLiteral("no-reply@%1.example.biz").arg(QString::number(r.next() % 100000, 36));
            d.toAddress = account.address;
            d.subject = subject;
            d.dateMs = r.between(start, now - kHour);
            d.messageId = hexId(r) + "@bulk.example.biz";
            d.text = text;
            d.style = r.chance(0.5) ? MailBodyStyle::HtmlOnly : MailBodyStyle::Utf8EightBit;
            d.boundarySeed = hexId(r);
            plan.append(
                {d.dateMs, r.chance(0.5) ? QStringLiteral("Junk") : QStringLiteral("INBOX"), composeMail(d), {}});
            continue;
        }
        const int customer = int(r.below(quint32(account.customers.size())));
        const bool french = account.customers.at(customer).language == QLatin1String("fr");
        const MailBodyStyle style = styleCycle < 8 ? MailBodyStyle(styleCycle++) : randomStyle(r, french);
        const qint64 at = r.between(start, now - 2 * kHour);
        QByteArray id;
        const QByteArray first = writeMail(account, r, at, customer, {}, nullptr, false, style, &id);
        Planned asked{at, QStringLiteral("INBOX"), first, seen(at)};
        const qsizetype askedAt = plan.size();
        plan.append(asked);
        if (!r.chance(0.6) || plan.size() >= count) {
            continue;
        }
        const qint64 answerAt = qMin(at + r.between(10 * kMinute, 20 * kHour), now - kMinute);
        QByteArray answerId;
        const MailThreadNote asking = account.threads.value(id);
        const QByteArray answer =
            writeMail(account, r, answerAt, customer, {}, &asking, true,
                      r.chance(0.7) ? MailBodyStyle::Utf8QuotedPrintable : MailBodyStyle::Alternative, &answerId);
        plan.append({answerAt, QStringLiteral("Sent"), answer, {QStringLiteral("\\Seen")}});
        plan[askedAt].flags = QStringList{QStringLiteral("\\Seen"), QStringLiteral("\\Answered")};
        const qint64 followAt = answerAt + r.between(kHour, 30 * kHour);
        if (!r.chance(0.45) || followAt >= now || plan.size() >= count) {
            continue;
        }
        QByteArray followId;
        const MailThreadNote answered = account.threads.value(answerId);
        const QByteArray follow =
            writeMail(account, r, followAt, customer, {}, &answered, false, randomStyle(r, french), &followId);
        plan.append({followAt, QStringLiteral("INBOX"), follow, seen(followAt)});
    }
    std::stable_sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) { return a.at < b.at; });
    for (const Planned& p : std::as_const(plan)) {
        appendLocked(*box(index, p.box), p.raw, p.flags, p.at);
    }
}

QString MailStore::addMessageLocked(int account, const QString& text, const QString& inReplyTo, SandboxRandom& rng) {
    if (account < 0 || account >= m_accounts.size()) {
        return {};
    }
    Account& a = m_accounts[account];
    if (a.customers.isEmpty()) {
        return {};
    }
    const qint64 now = m_clock.nowMs();
    QByteArray id;
    QByteArray raw;
    const auto parent = a.threads.constFind(inReplyTo.toUtf8());
    if (!inReplyTo.isEmpty() && parent != a.threads.constEnd()) {
        const MailThreadNote note = *parent;
        const bool french = a.customers.at(note.customer).language == QLatin1String("fr");
        raw = writeMail(a, rng, now, note.customer, text, &note, false, randomStyle(rng, french), &id);
    } else {
        const int customer = int(rng.below(quint32(a.customers.size())));
        const bool french = a.customers.at(customer).language == QLatin1String("fr");
        raw = writeMail(a, rng, now, customer, text, nullptr, false, randomStyle(rng, french), &id);
    }
    appendLocked(*box(account, QStringLiteral("INBOX")), raw, {}, now);
    return QString::fromUtf8(id);
}

QString MailStore::addMessage(int account, const QString& text, const QString& inReplyTo) {
    const QMutexLocker lock(&m_mutex);
    return addMessageLocked(account, text, inReplyTo, m_live);
}

void MailStore::addLiveMessage() {
    const QMutexLocker lock(&m_mutex);
    if (m_accounts.isEmpty() || !m_live.chance(0.5)) { // mail is slower than social networks
        return;
    }
    const int account = int(m_live.below(quint32(m_accounts.size())));
    const Account& a = m_accounts[account];
    QString inReplyTo;
    if (!a.written.isEmpty() && m_live.chance(0.35)) {
        // A follow-up in one of the newer threads.
        const qsizetype recent = qMin<qsizetype>(20, a.written.size());
        inReplyTo = QString::fromUtf8(a.written.at(a.written.size() - 1 - qsizetype(m_live.below(quint32(recent)))));
    }
    addMessageLocked(account, {}, inReplyTo, m_live);
}

} // namespace baton::sandbox
