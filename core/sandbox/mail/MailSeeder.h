#pragma once

#include "core/sandbox/PeopleFactory.h"
#include "core/sandbox/PhraseBook.h"
#include "core/sandbox/SandboxRandom.h"
#include "core/sandbox/mail/MailComposer.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace baton::sandbox {

// The demo brands whose support@ mailboxes the mail sandbox holds (index 0: Baton, 1: Atelier Lumière, ...).
struct MailBrand {
    QString team;    // "Baton Support": the account's display name
    QString address; // support@baton.example
    QString product; // "Baton"
    QString slug;    // "baton"
    QString language;
};
MailBrand mailBrand(int index);

// Someone who writes to support.
struct MailCustomer {
    QString name; // may be empty: the address alone
    QString address;
    QString language;
    int utcOffsetMinutes = 0;
    QByteArray userAgent; // empty for clients that send none
};
MailCustomer makeCustomer(PeopleFactory& people, SandboxRandom& rng);

// What a thread is about, kept for every message of it so that follow-ups can be written.
struct MailThreadNote {
    QString subject; // without "Re: "
    int customer = 0;
    Tone tone = Tone::Question;
    QList<QByteArray> references; // Message-IDs of the thread up to and including this message, oldest first
    QString text;                 // this message's text, for quoting
    QString authorName;
    qint64 atMs = 0;
};

// Content of the mailbox, in the customer's language.
QString mailSubject(Tone tone, const QString& language, const QString& product, SandboxRandom& rng);
QString customerMailText(Tone tone, const QString& language, const PhraseBook::Topic& topic,
                         const MailCustomer& customer, SandboxRandom& rng);
QString followUpText(const QString& language, const MailCustomer& customer, SandboxRandom& rng);
QString teamMailText(Tone tone, const QString& language, const MailCustomer& customer, const MailBrand& brand,
                     const PhraseBook::Topic& topic, SandboxRandom& rng);
// "> "-quoted text under an attribution line, in the writer's language.
QString quoteBlock(const QString& language, const QString& authorName, qint64 atMs, const QString& text);
// A spam message's subject and text.
std::pair<QString, QString> spamMail(SandboxRandom& rng);
MailBodyStyle randomStyle(SandboxRandom& rng, bool french);
// A small attachment a customer might send (a log, a CSV export, a screenshot description): name, type, bytes.
struct MailAttachment {
    QString name;
    QByteArray type;
    QByteArray bytes;
};
MailAttachment makeAttachment(const QString& language, SandboxRandom& rng);

} // namespace baton::sandbox
