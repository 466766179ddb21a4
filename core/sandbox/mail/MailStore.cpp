#include "core/sandbox/mail/MailStore.h"

#include "core/sandbox/mail/MailSeeder.h"
#include "core/sandbox/mail/MailText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace baton::sandbox {
namespace {

bool sameMailbox(const QString& a, const QString& b) {
    if (a.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0) {
        return b.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    }
    return a == b;
}

bool hasFlag(const QStringList& flags, const QString& flag) {
    return flags.contains(flag, Qt::CaseInsensitive);
}

} // namespace

MailStore::MailStore(const SandboxOptions& options, SandboxClock& clock)
    : m_options(options)
    , m_clock(clock)
    , m_live(SandboxRandom(options.seed).fork(0x6d61696c)) { // "mail"
    const SandboxRandom root = SandboxRandom(options.seed).fork(0x6d61696c + 1);
    for (int i = 0; i < options.emailAccounts; ++i) {
        const MailBrand brand = mailBrand(i);
        Account a;
        a.name = brand.team;
        a.address = brand.address;
        a.brand = brand.product;
        a.slug = brand.slug;
        a.language = brand.language;
        SandboxRandom passwordRng = root.fork(9000 + quint64(i));
        a.password = QStringLiteral("demo-%1").arg(passwordRng.next() % 1000000000ULL, 9, 10, QLatin1Char('0'));
        a.oauthToken = QStringLiteral("ya29.sandbox-mail-%1").arg(passwordRng.next(), 16, 16, QLatin1Char('0'));
        const QList<std::pair<const char*, const char*>> boxes = {{"INBOX", ""},          {"Archive", "\\Archive"},
                                                                  {"Drafts", "\\Drafts"}, {"Sent", "\\Sent"},
                                                                  {"Junk", "\\Junk"},     {"Trash", "\\Trash"}};
        for (const auto& [name, use] : boxes) {
            Mailbox b;
            b.name = QString::fromLatin1(name);
            b.specialUse = QString::fromLatin1(use);
            b.uidValidity = quint32(m_clock.startMs() / 1000) + (++m_validitySerial);
            a.boxes.append(b);
        }
        m_accounts.append(a);
    }
    for (int i = 0; i < m_accounts.size(); ++i) {
        seed(m_accounts[i], i, root.fork(quint64(i)), options.emailMessagesPerAccount);
    }
}

QList<SandboxAccount> MailStore::accounts(const QString& imapUrl, const QString& smtpUrl) const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const Account& a : m_accounts) {
        SandboxAccount s;
        s.network = QStringLiteral("email");
        s.name = a.name;
        s.baseUrl = imapUrl;
        s.remoteId = a.address;
        s.acct = a.address;
        QJsonObject secret;
        secret.insert(QStringLiteral("user"), a.address);
        secret.insert(QStringLiteral("password"), a.password);
        secret.insert(QStringLiteral("smtp_url"), smtpUrl);
        s.token = QString::fromUtf8(QJsonDocument(secret).toJson(QJsonDocument::Compact));
        out.append(s);
    }
    return out;
}

int MailStore::accountCount() const {
    const QMutexLocker lock(&m_mutex);
    return int(m_accounts.size());
}

QString MailStore::address(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts[account].address : QString();
}

QString MailStore::password(int account) const {
    const QMutexLocker lock(&m_mutex);
    return account >= 0 && account < m_accounts.size() ? m_accounts[account].password : QString();
}

int MailStore::login(const QString& user, const QString& password) const {
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const Account& a = m_accounts[i];
        if (a.address.compare(user, Qt::CaseInsensitive) == 0 && a.password == password && !password.isEmpty()) {
            return i;
        }
    }
    return -1;
}

int MailStore::loginWithToken(const QString& user, const QString& token) const {
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        const Account& a = m_accounts[i];
        if (a.address.compare(user, Qt::CaseInsensitive) == 0 && a.oauthToken == token && !token.isEmpty()) {
            return i;
        }
    }
    return -1;
}

QList<SandboxAccount> MailStore::oauthAccounts() const {
    const QMutexLocker lock(&m_mutex);
    QList<SandboxAccount> out;
    for (const Account& a : m_accounts) {
        SandboxAccount s;
        s.network = QStringLiteral("email");
        s.name = a.name;
        s.remoteId = a.address;
        s.acct = a.address;
        s.token = a.oauthToken;
        out.append(s);
    }
    return out;
}

std::optional<std::pair<QString, QString>> MailStore::parseXoauth2(const QByteArray& decoded) {
    QString user;
    QString token;
    for (const QByteArray& field : decoded.split('\x01')) {
        if (field.startsWith("user=")) {
            user = QString::fromUtf8(field.mid(5));
        } else if (field.startsWith("auth=Bearer ")) {
            token = QString::fromUtf8(field.mid(12));
        }
    }
    if (user.isEmpty() || token.isEmpty()) {
        return std::nullopt;
    }
    return std::make_pair(user, token);
}

MailStore::Mailbox* MailStore::box(int account, const QString& name) {
    if (account < 0 || account >= m_accounts.size()) {
        return nullptr;
    }
    for (Mailbox& b : m_accounts[account].boxes) {
        if (sameMailbox(b.name, name)) {
            return &b;
        }
    }
    return nullptr;
}

const MailStore::Mailbox* MailStore::box(int account, const QString& name) const {
    return const_cast<MailStore*>(this)->box(account, name);
}

QList<MailboxListing> MailStore::mailboxes(int account) const {
    const QMutexLocker lock(&m_mutex);
    QList<MailboxListing> out;
    if (account >= 0 && account < m_accounts.size()) {
        for (const Mailbox& b : m_accounts[account].boxes) {
            out.append({b.name, b.specialUse});
        }
    }
    return out;
}

std::optional<MailboxState> MailStore::state(int account, const QString& mailbox) const {
    const QMutexLocker lock(&m_mutex);
    const Mailbox* b = box(account, mailbox);
    if (!b) {
        return std::nullopt;
    }
    MailboxState s;
    s.name = b->name;
    s.uidValidity = b->uidValidity;
    s.uidNext = b->uidNext;
    for (const StoredMail& m : b->mail) {
        s.uids.append(m.uid);
        if (!hasFlag(m.flags, QStringLiteral("\\Seen"))) {
            ++s.unseen;
        }
    }
    return s;
}

std::optional<StoredMail> MailStore::message(int account, const QString& mailbox, quint32 uid) const {
    const QMutexLocker lock(&m_mutex);
    const Mailbox* b = box(account, mailbox);
    if (!b) {
        return std::nullopt;
    }
    for (const StoredMail& m : b->mail) {
        if (m.uid == uid) {
            return m;
        }
    }
    return std::nullopt;
}

QList<StoredMail> MailStore::messages(int account, const QString& mailbox, const QList<quint32>& uids) const {
    const QMutexLocker lock(&m_mutex);
    QList<StoredMail> out;
    const Mailbox* b = box(account, mailbox);
    if (!b) {
        return out;
    }
    for (const StoredMail& m : b->mail) {
        if (uids.contains(m.uid)) {
            out.append(m);
        }
    }
    return out;
}

bool MailStore::create(int account, const QString& mailbox) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size() || mailbox.isEmpty() || box(account, mailbox)) {
        return false;
    }
    Mailbox b;
    b.name = mailbox;
    b.uidValidity = quint32(m_clock.startMs() / 1000) + (++m_validitySerial);
    m_accounts[account].boxes.append(b);
    return true;
}

bool MailStore::remove(int account, const QString& mailbox) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size() || sameMailbox(mailbox, QStringLiteral("INBOX"))) {
        return false;
    }
    QList<Mailbox>& boxes = m_accounts[account].boxes;
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        if (boxes[i].name == mailbox) {
            boxes.removeAt(i);
            return true;
        }
    }
    return false;
}

std::optional<QStringList> MailStore::setFlags(int account, const QString& mailbox, quint32 uid, FlagMode mode,
                                               const QStringList& flags) {
    const QMutexLocker lock(&m_mutex);
    Mailbox* b = box(account, mailbox);
    if (!b) {
        return std::nullopt;
    }
    for (StoredMail& m : b->mail) {
        if (m.uid != uid) {
            continue;
        }
        if (mode == FlagMode::Replace) {
            m.flags.clear();
        }
        for (const QString& f : flags) {
            if (mode == FlagMode::Remove) {
                m.flags.removeIf([&](const QString& x) { return x.compare(f, Qt::CaseInsensitive) == 0; });
            } else if (!hasFlag(m.flags, f)) {
                m.flags.append(f);
            }
        }
        return m.flags;
    }
    return std::nullopt;
}

quint32 MailStore::appendLocked(Mailbox& b, const QByteArray& raw, const QStringList& flags, qint64 internalMs) {
    StoredMail m;
    m.uid = b.uidNext++;
    m.raw = raw;
    m.flags = flags;
    m.internalMs = internalMs > 0 ? internalMs : m_clock.nowMs();
    b.mail.append(m);
    return m.uid;
}

std::optional<std::pair<quint32, QList<std::pair<quint32, quint32>>>>
MailStore::copy(int account, const QString& from, const QList<quint32>& uids, const QString& to) {
    const QMutexLocker lock(&m_mutex);
    Mailbox* source = box(account, from);
    Mailbox* target = box(account, to);
    if (!source || !target) {
        return std::nullopt;
    }
    QList<StoredMail> picked;
    for (const StoredMail& m : source->mail) {
        if (uids.contains(m.uid)) {
            picked.append(m);
        }
    }
    QList<std::pair<quint32, quint32>> mapping;
    for (const StoredMail& m : std::as_const(picked)) {
        mapping.append({m.uid, appendLocked(*target, m.raw, m.flags, m.internalMs)});
    }
    return std::make_pair(target->uidValidity, mapping);
}

QList<quint32> MailStore::expunge(int account, const QString& mailbox, const QList<quint32>& uids, bool onlyDeleted) {
    const QMutexLocker lock(&m_mutex);
    QList<quint32> removed;
    Mailbox* b = box(account, mailbox);
    if (!b) {
        return removed;
    }
    b->mail.removeIf([&](const StoredMail& m) {
        const bool gone = uids.contains(m.uid) && (!onlyDeleted || hasFlag(m.flags, QStringLiteral("\\Deleted")));
        if (gone) {
            removed.append(m.uid);
        }
        return gone;
    });
    return removed;
}

std::optional<std::pair<quint32, quint32>> MailStore::append(int account, const QString& mailbox, const QByteArray& raw,
                                                             const QStringList& flags, qint64 internalMs) {
    const QMutexLocker lock(&m_mutex);
    Mailbox* b = box(account, mailbox);
    if (!b) {
        return std::nullopt;
    }
    const quint32 uid = appendLocked(*b, raw, flags, internalMs);
    return std::make_pair(uid, b->uidValidity);
}

void MailStore::submit(OutgoingMail mail) {
    const QMutexLocker lock(&m_mutex);
    for (int i = 0; i < m_accounts.size(); ++i) {
        for (const QByteArray& rcpt : std::as_const(mail.recipients)) {
            if (QString::fromUtf8(rcpt).compare(m_accounts[i].address, Qt::CaseInsensitive) == 0) {
                const QByteArray delivered = "Delivered-To: " + rcpt + "\r\n" + mail.raw;
                appendLocked(*box(i, QStringLiteral("INBOX")), delivered, {}, 0);
                break;
            }
        }
    }
    m_outgoing.append(std::move(mail));
}

bool MailStore::renumber(int account, const QString& mailbox) {
    const QMutexLocker lock(&m_mutex);
    Mailbox* b = box(account, mailbox);
    if (!b) {
        return false;
    }
    b->uidValidity = quint32(m_clock.startMs() / 1000) + 100000 + (++m_validitySerial);
    b->uidNext = 1;
    for (StoredMail& m : b->mail) {
        m.uid = b->uidNext++;
    }
    return true;
}

bool MailStore::changePassword(int account, const QString& password) {
    const QMutexLocker lock(&m_mutex);
    if (account < 0 || account >= m_accounts.size()) {
        return false;
    }
    m_accounts[account].password = password;
    return true;
}

QStringList MailStore::messageIds(int account, const QString& mailbox) const {
    const QMutexLocker lock(&m_mutex);
    QStringList out;
    if (const Mailbox* b = box(account, mailbox)) {
        for (const StoredMail& m : b->mail) {
            out.append(messageIdOf(m.raw));
        }
    }
    return out;
}

QList<OutgoingMail> MailStore::outgoing() const {
    const QMutexLocker lock(&m_mutex);
    return m_outgoing;
}

QString MailStore::messageIdOf(const QByteArray& raw) {
    QString id = QString::fromUtf8(headerField(raw, "Message-ID")).trimmed();
    if (id.startsWith(u'<') && id.endsWith(u'>')) {
        id = id.mid(1, id.size() - 2);
    }
    return id;
}

} // namespace baton::sandbox
