#pragma once

#include "core/sandbox/SandboxClock.h"
#include "core/sandbox/SandboxOptions.h"
#include "core/sandbox/SandboxRandom.h"
#include "core/sandbox/mail/MailSeeder.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QStringList>
#include <optional>

namespace baton::sandbox {

// One message in a mailbox, as an IMAP server keeps it.
struct StoredMail {
    quint32 uid = 0;
    QByteArray raw;    // RFC 5322 bytes, CRLF line ends
    QStringList flags; // \Seen, \Answered, \Flagged, \Deleted, \Draft, keywords
    qint64 internalMs = 0;
};

// A mailbox's numbers at one moment (STATUS, SELECT).
struct MailboxState {
    QString name;
    quint32 uidValidity = 0;
    quint32 uidNext = 1;
    QList<quint32> uids; // ascending
    int unseen = 0;
};

struct MailboxListing {
    QString name;
    QString specialUse; // "\\Sent", "\\Junk", ... or empty
};

// A message the SMTP sandbox accepted (whatever its recipients).
struct OutgoingMail {
    int account = -1; // the demo account that authenticated
    QByteArray from;  // envelope
    QList<QByteArray> recipients;
    QByteArray raw;
};

// The mailboxes behind the mail sandbox: one per demo account (support@ of a demo brand), seeded with customer
// threads in English and French (plain, quoted-printable, base64, Latin-1, HTML, attachments), their answers in
// Sent, a little spam, and new mail arriving live. Mailbox names compare case-insensitively for INBOX only.
// Thread-safe: the IMAP and SMTP sessions run on the sandbox thread while tests call the hooks from theirs.
class MailStore final {
public:
    MailStore(const SandboxOptions& options, SandboxClock& clock);
    Q_DISABLE_COPY_MOVE(MailStore)

    // Demo accounts (network "email"): base URL imap://HOST:PORT, token JSON with user, password, smtp_url.
    QList<SandboxAccount> accounts(const QString& imapUrl, const QString& smtpUrl) const;
    int accountCount() const;
    QString address(int account) const;
    QString password(int account) const;

    // The account the user name and password belong to, or -1.
    int login(const QString& user, const QString& password) const;
    // SASL XOAUTH2: the account whose address is `user` when `token` is its OAuth access token, or -1.
    int loginWithToken(const QString& user, const QString& token) const;
    // The accounts as an OAuth server sees them (token = the access token XOAUTH2 accepts), for OAuthRoutes.
    QList<SandboxAccount> oauthAccounts() const;
    // The user and token of an XOAUTH2 initial response ("user=U\x01auth=Bearer T\x01\x01", decoded).
    static std::optional<std::pair<QString, QString>> parseXoauth2(const QByteArray& decoded);

    QList<MailboxListing> mailboxes(int account) const;
    std::optional<MailboxState> state(int account, const QString& mailbox) const;
    std::optional<StoredMail> message(int account, const QString& mailbox, quint32 uid) const;
    QList<StoredMail> messages(int account, const QString& mailbox, const QList<quint32>& uids) const;
    bool create(int account, const QString& mailbox);
    bool remove(int account, const QString& mailbox); // not INBOX

    enum class FlagMode { Replace, Add, Remove };
    // The flags after the change, or nullopt when the message is gone.
    std::optional<QStringList> setFlags(int account, const QString& mailbox, quint32 uid, FlagMode mode,
                                        const QStringList& flags);
    // Copies: pairs (source UID, new UID in the target), and the target's UIDVALIDITY; nullopt if no target.
    std::optional<std::pair<quint32, QList<std::pair<quint32, quint32>>>>
    copy(int account, const QString& from, const QList<quint32>& uids, const QString& to);
    // Removes the given UIDs that carry \Deleted (all of them when onlyDeleted is false); returns those removed.
    QList<quint32> expunge(int account, const QString& mailbox, const QList<quint32>& uids, bool onlyDeleted);
    // The new message's UID (and the mailbox's UIDVALIDITY), nullopt when there is no such mailbox.
    std::optional<std::pair<quint32, quint32>> append(int account, const QString& mailbox, const QByteArray& raw,
                                                      const QStringList& flags, qint64 internalMs = 0);

    // SMTP: records the message and delivers it to the INBOX of any demo account it is addressed to.
    void submit(OutgoingMail mail);

    // ---- live activity and test hooks ----
    // A new customer email in the account's INBOX, now: text empty = the customer writes it; inReplyTo = the
    // Message-ID of a message of the account to follow up on (empty = a new thread). Returns its Message-ID.
    QString addMessage(int account, const QString& text = {}, const QString& inReplyTo = {});
    void addLiveMessage(); // the live timer: a new thread or a follow-up in one of the accounts
    // A new UIDVALIDITY for the mailbox, every message renumbered from 1 (what a rebuilt server index does).
    bool renumber(int account, const QString& mailbox);
    bool changePassword(int account, const QString& password);
    // Message-IDs (without brackets) of the mailbox's messages, in UID order.
    QStringList messageIds(int account, const QString& mailbox) const;
    QList<OutgoingMail> outgoing() const;

    static QString messageIdOf(const QByteArray& raw); // without brackets, empty if none

private:
    struct Mailbox {
        QString name;
        QString specialUse;
        quint32 uidValidity = 0;
        quint32 uidNext = 1;
        QList<StoredMail> mail; // ascending UID
    };
    struct Account {
        QString name;    // display name, "Baton Support"
        QString address; // support@baton.example
        QString password;
        QString oauthToken; // what SASL XOAUTH2 accepts, as if issued by the mail provider's OAuth server
        QString brand;
        QString slug;
        QString language;
        QList<Mailbox> boxes;
        QList<MailCustomer> customers;
        QHash<QByteArray, MailThreadNote> threads; // by the Message-ID of each message of a thread
        QList<QByteArray> written;                 // the same ids in the order they were written
    };

    Mailbox* box(int account, const QString& name);
    const Mailbox* box(int account, const QString& name) const;
    quint32 appendLocked(Mailbox& b, const QByteArray& raw, const QStringList& flags, qint64 internalMs);
    void seed(Account& account, int index, SandboxRandom rng, int count);
    // A customer's message (a new thread when `thread` is null, else an answer quoting that message) or, with
    // fromTeam, the team's answer; its Message-ID is recorded in the account's threads.
    QByteArray writeMail(Account& account, SandboxRandom& rng, qint64 atMs, int customer, const QString& text,
                         const MailThreadNote* thread, bool fromTeam, MailBodyStyle style, QByteArray* messageId);
    QString addMessageLocked(int account, const QString& text, const QString& inReplyTo, SandboxRandom& rng);

    const SandboxOptions m_options;
    SandboxClock& m_clock;
    mutable QMutex m_mutex; // guards everything below
    SandboxRandom m_live;
    QList<Account> m_accounts;
    QList<OutgoingMail> m_outgoing;
    quint32 m_validitySerial = 0;
    int m_serial = 0;
};

} // namespace baton::sandbox
