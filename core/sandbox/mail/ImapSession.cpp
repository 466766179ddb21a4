#include "core/sandbox/mail/ImapSession.h"

#include "core/sandbox/mail/MailText.h"

#include <QDateTime>
#include <QRegularExpression>

namespace baton::sandbox {
namespace {

const QByteArray kCapabilities = "IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=XOAUTH2 UIDPLUS MOVE SPECIAL-USE";

QByteArray joinUids(const QList<quint32>& uids) {
    QByteArray out;
    for (const quint32 u : uids) {
        out += (out.isEmpty() ? "" : ",") + QByteArray::number(u);
    }
    return out;
}

QByteArray internalDate(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("dd-MMM-yyyy HH:mm:ss")).toLatin1() +
           " +0000";
}

QStringList flagList(const ImapToken& t) {
    QStringList out;
    if (t.type == ImapToken::Type::List) {
        for (const ImapToken& f : t.items) {
            out.append(QString::fromUtf8(f.text));
        }
    } else {
        out.append(QString::fromUtf8(t.text));
    }
    return out;
}

bool hasFlag(const QStringList& flags, const char* flag) {
    return flags.contains(QLatin1String(flag), Qt::CaseInsensitive);
}

bool containsCi(const QByteArray& haystack, const QByteArray& needle) {
    return needle.isEmpty() || haystack.toLower().contains(needle.toLower());
}

// A date of SEARCH (1-Feb-1994), as the UTC day it starts.
std::optional<QDate> searchDate(const QByteArray& text) {
    const QDate d = QDate::fromString(QString::fromLatin1(text), QStringLiteral("d-MMM-yyyy"));
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

struct MessageRef {
    quint32 seq = 0;
    quint32 uid = 0;
    const StoredMail* mail = nullptr;
};
using Predicate = std::function<bool(const MessageRef&)>;

std::optional<Predicate> parseKey(const QList<ImapToken>& args, qsizetype& i, quint32 maxSeq, quint32 maxUid);

std::optional<Predicate> parseAll(const QList<ImapToken>& args, quint32 maxSeq, quint32 maxUid) {
    QList<Predicate> all;
    qsizetype i = 0;
    while (i < args.size()) {
        auto p = parseKey(args, i, maxSeq, maxUid);
        if (!p) {
            return std::nullopt;
        }
        all.append(*p);
    }
    return Predicate([all](const MessageRef& m) {
        for (const Predicate& p : all) {
            if (!p(m)) {
                return false;
            }
        }
        return true;
    });
}

std::optional<Predicate> parseKey(const QList<ImapToken>& args, qsizetype& i, quint32 maxSeq, quint32 maxUid) {
    const ImapToken& t = args.at(i++);
    if (t.type == ImapToken::Type::List) {
        return parseAll(t.items, maxSeq, maxUid);
    }
    const QByteArray key = t.upper();
    auto nextText = [&](QByteArray* out) {
        if (i >= args.size() || args.at(i).type == ImapToken::Type::List) {
            return false;
        }
        *out = args.at(i++).text;
        return true;
    };
    auto flag = [](const char* f, bool want) {
        return Predicate([f, want](const MessageRef& m) { return hasFlag(m.mail->flags, f) == want; });
    };
    if (key == "ALL") {
        return Predicate([](const MessageRef&) { return true; });
    }
    static const QList<std::pair<QByteArray, const char*>> kFlagKeys = {{"ANSWERED", "\\Answered"},
                                                                        {"DELETED", "\\Deleted"},
                                                                        {"FLAGGED", "\\Flagged"},
                                                                        {"SEEN", "\\Seen"},
                                                                        {"DRAFT", "\\Draft"}};
    for (const auto& [name, f] : kFlagKeys) {
        if (key == name) {
            return flag(f, true);
        }
        if (key == "UN" + name) {
            return flag(f, false);
        }
    }
    if (key == "NEW" || key == "RECENT") {
        return Predicate([](const MessageRef&) { return false; }); // no session ever sees a message first here
    }
    if (key == "OLD") {
        return Predicate([](const MessageRef&) { return true; });
    }
    QByteArray a;
    QByteArray b;
    if (key == "KEYWORD" || key == "UNKEYWORD") {
        if (!nextText(&a)) {
            return std::nullopt;
        }
        const bool want = key == "KEYWORD";
        return Predicate([a, want](const MessageRef& m) {
            return m.mail->flags.contains(QString::fromUtf8(a), Qt::CaseInsensitive) == want;
        });
    }
    if (key == "FROM" || key == "TO" || key == "CC" || key == "BCC" || key == "SUBJECT") {
        if (!nextText(&a)) {
            return std::nullopt;
        }
        const QByteArray field = key == "SUBJECT" ? QByteArray("Subject") : key.left(1) + key.mid(1).toLower();
        return Predicate([field, a](const MessageRef& m) {
            for (const QByteArray& v : headerFields(m.mail->raw, field)) {
                if (containsCi(v, a)) {
                    return true;
                }
            }
            return false;
        });
    }
    if (key == "HEADER") {
        if (!nextText(&a) || !nextText(&b)) {
            return std::nullopt;
        }
        return Predicate([a, b](const MessageRef& m) {
            for (const QByteArray& v : headerFields(m.mail->raw, a)) {
                if (containsCi(v, b)) {
                    return true;
                }
            }
            return false;
        });
    }
    if (key == "BODY" || key == "TEXT") {
        if (!nextText(&a)) {
            return std::nullopt;
        }
        const bool whole = key == "TEXT";
        return Predicate(
            [a, whole](const MessageRef& m) { return containsCi(whole ? m.mail->raw : bodyText(m.mail->raw), a); });
    }
    if (key == "LARGER" || key == "SMALLER") {
        bool ok = false;
        if (!nextText(&a)) {
            return std::nullopt;
        }
        const qint64 n = a.toLongLong(&ok);
        if (!ok) {
            return std::nullopt;
        }
        const bool larger = key == "LARGER";
        return Predicate(
            [n, larger](const MessageRef& m) { return larger ? m.mail->raw.size() > n : m.mail->raw.size() < n; });
    }
    if (key == "SINCE" || key == "BEFORE" || key == "ON" || key == "SENTSINCE" || key == "SENTBEFORE" ||
        key == "SENTON") {
        if (!nextText(&a)) {
            return std::nullopt;
        }
        const auto day = searchDate(a);
        if (!day) {
            return std::nullopt;
        }
        const QByteArray op = key.startsWith("SENT") ? key.mid(4) : key;
        const QDate d = *day;
        return Predicate([op, d](const MessageRef& m) {
            const QDate own = QDateTime::fromMSecsSinceEpoch(m.mail->internalMs, Qt::UTC).date();
            return op == "SINCE" ? own >= d : (op == "BEFORE" ? own < d : own == d);
        });
    }
    if (key == "NOT") {
        if (i >= args.size()) {
            return std::nullopt;
        }
        auto p = parseKey(args, i, maxSeq, maxUid);
        if (!p) {
            return std::nullopt;
        }
        const Predicate inner = *p;
        return Predicate([inner](const MessageRef& m) { return !inner(m); });
    }
    if (key == "OR") {
        if (i + 1 >= args.size()) {
            return std::nullopt;
        }
        auto p1 = parseKey(args, i, maxSeq, maxUid);
        if (!p1 || i >= args.size()) {
            return std::nullopt;
        }
        auto p2 = parseKey(args, i, maxSeq, maxUid);
        if (!p2) {
            return std::nullopt;
        }
        const Predicate x = *p1;
        const Predicate y = *p2;
        return Predicate([x, y](const MessageRef& m) { return x(m) || y(m); });
    }
    if (key == "UID") {
        if (!nextText(&a)) {
            return std::nullopt;
        }
        const auto set = parseSequenceSet(a, maxUid);
        if (!set) {
            return std::nullopt;
        }
        const QList<ImapRange> s = *set;
        return Predicate([s](const MessageRef& m) { return inSequenceSet(s, m.uid); });
    }
    if (!key.isEmpty() && (std::isdigit(uchar(key.at(0))) || key.at(0) == '*')) {
        const auto set = parseSequenceSet(key, maxSeq);
        if (!set) {
            return std::nullopt;
        }
        const QList<ImapRange> s = *set;
        return Predicate([s](const MessageRef& m) { return inSequenceSet(s, m.seq); });
    }
    return std::nullopt;
}

// BODY[section]<partial>: the bytes, or nullopt for a section this server does not know.
std::optional<QByteArray> sectionBytes(const QByteArray& raw, const QByteArray& section) {
    const QByteArray upper = section.toUpper();
    if (upper.isEmpty()) {
        return raw;
    }
    if (upper == "HEADER") {
        return headerBlock(raw);
    }
    if (upper == "TEXT") {
        return bodyText(raw);
    }
    if (upper.startsWith("HEADER.FIELDS")) {
        const qsizetype open = section.indexOf('(');
        const qsizetype close = section.lastIndexOf(')');
        if (open < 0 || close < open) {
            return std::nullopt;
        }
        const QList<QByteArray> names = section.mid(open + 1, close - open - 1).simplified().split(' ');
        return selectHeaderFields(raw, names, upper.startsWith("HEADER.FIELDS.NOT"));
    }
    // Part numbers, optionally followed by HEADER, TEXT or MIME.
    QList<int> path;
    QByteArray rest;
    const QList<QByteArray> pieces = section.split('.');
    for (qsizetype k = 0; k < pieces.size(); ++k) {
        bool ok = false;
        const int n = pieces[k].toInt(&ok);
        if (!ok) {
            rest = pieces.mid(k).join('.').toUpper();
            break;
        }
        path.append(n);
    }
    QByteArray entity;
    if (path.isEmpty() || !mimePart(raw, path, &entity)) {
        return rest.isEmpty() && !path.isEmpty() ? std::optional<QByteArray>(QByteArray()) : std::nullopt;
    }
    if (rest.isEmpty()) {
        return bodyText(entity);
    }
    if (rest == "MIME" || rest == "HEADER") {
        return headerBlock(entity);
    }
    if (rest == "TEXT") {
        return bodyText(entity);
    }
    return std::nullopt;
}

} // namespace

ImapSession::ImapSession(MailStore& store, MailHooks hooks)
    : m_store(store)
    , m_hooks(std::move(hooks)) {
}

QByteArray ImapSession::greeting() const {
    return "* OK [CAPABILITY " + kCapabilities + "] Baton mail sandbox (IMAP4rev1) ready.\r\n";
}

MailOutput ImapSession::receive(const QByteArray& bytes) {
    MailOutput out;
    if (m_closed) {
        return out;
    }
    m_in += bytes;
    while (true) {
        if (m_literalNeeded >= 0) {
            const qsizetype take = qMin(m_literalNeeded, m_in.size());
            m_literals.last() += m_in.left(take);
            m_in.remove(0, take);
            m_literalNeeded -= take;
            if (m_literalNeeded > 0) {
                break;
            }
            m_literalNeeded = -1;
            continue;
        }
        const qsizetype eol = m_in.indexOf('\n');
        if (eol < 0) {
            if (m_in.size() + m_line.size() > kMaxLine) {
                out.bytes += "* BYE [TOOBIG] Command line too long\r\n";
                out.close = m_closed = true;
            }
            break;
        }
        QByteArray part = m_in.left(eol);
        m_in.remove(0, eol + 1);
        if (part.endsWith('\r')) {
            part.chop(1);
        }
        if (!m_authTag.isEmpty()) {
            const QByteArray tag = m_authTag;
            m_authTag.clear();
            const bool xoauth2 = m_authMechanism == "XOAUTH2";
            const Reply r =
                part == "*" ? bad("Authentication cancelled") : (xoauth2 ? finishXoauth2(part) : finishPlain(part));
            out.bytes += tag + ' ' + r.status + ' ' + r.text + "\r\n";
            if (m_hooks.journal) {
                m_hooks.journal({QStringLiteral("AUTHENTICATE"),
                                 m_authMechanism + " ****",
                                 r.status == "OK" ? 200 : (r.status == "NO" ? 403 : 400),
                                 m_user,
                                 {}});
            }
            continue;
        }
        static const QRegularExpression literalSpec(QStringLiteral("\\{(\\d{1,10})(\\+?)\\}$"));
        const QRegularExpressionMatch m = literalSpec.match(QString::fromLatin1(part));
        if (m.hasMatch()) {
            const qint64 size = m.captured(1).toLongLong();
            if (size > kMaxLiteral) {
                out.bytes += "* BYE [TOOBIG] Literal too large\r\n";
                out.close = m_closed = true;
                return out;
            }
            m_line +=
                part.left(m.capturedStart(0)) + kLiteralMark + QByteArray::number(m_literals.size()) + kLiteralMark;
            m_literals.append(QByteArray());
            m_literalNeeded = qsizetype(size);
            if (m.captured(2).isEmpty()) {
                out.bytes += "+ Ready for literal data\r\n";
            }
            continue;
        }
        m_line += part;
        const QByteArray line = m_line;
        m_line.clear();
        const qsizetype space = line.indexOf(' ');
        const QByteArray tag = space < 0 ? line : line.left(space);
        MailOutput r;
        if (tag.isEmpty() || space < 0 || tag.contains(kLiteralMark)) {
            r.bytes = "* BAD Missing tag or command\r\n";
        } else {
            r = execute(tag, line.mid(space + 1));
        }
        m_literals.clear();
        out.bytes += r.bytes;
        if (r.abort || r.close) {
            out.abort = r.abort;
            out.close = r.close;
            m_closed = true;
            return out;
        }
    }
    return out;
}

MailOutput ImapSession::execute(const QByteArray& tag, const QByteArray& line) {
    MailOutput out;
    QByteArray error;
    const auto tokens = tokenizeImap(line, m_literals, &error);
    if (!tokens || tokens->isEmpty() || tokens->first().type != ImapToken::Type::Atom) {
        out.bytes =
            tag + " BAD Error in IMAP command: " + (error.isEmpty() ? QByteArray("no command") : error) + "\r\n";
        return out;
    }
    QByteArray command = tokens->first().upper();
    Args args = tokens->mid(1);
    if (command == "UID" && !args.isEmpty()) {
        command += ' ' + args.first().upper();
        args.removeFirst();
    }
    // The journal's copy of the arguments: literals shown in place, credentials masked.
    QByteArray body = line.mid(line.indexOf(' ') + 1);
    if (command.startsWith("UID ")) {
        body = body.mid(body.indexOf(' ') + 1);
    }
    if (command == "LOGIN") {
        body = (args.isEmpty() ? QByteArray() : args.first().text) + " ****";
    } else if (command == "AUTHENTICATE") {
        body = (args.isEmpty() ? QByteArray() : args.first().text) + (args.size() > 1 ? " ****" : "");
    }
    for (qsizetype k = 0; k < m_literals.size(); ++k) {
        const QByteArray mark = kLiteralMark + QByteArray::number(k) + kLiteralMark;
        body.replace(mark, QByteArray('{' + QByteArray::number(m_literals[k].size()) + "}\r\n" + m_literals[k]));
    }
    const QString name = QString::fromLatin1(command);
    auto journal = [&](int status, const QString& fault) {
        if (m_hooks.journal) {
            m_hooks.journal({name, body, status, m_user, fault});
        }
    };

    const MailFault fault = m_hooks.fault ? m_hooks.fault() : MailFault::None;
    if (fault == MailFault::Reset) {
        journal(0, QStringLiteral("reset"));
        out.abort = true;
        return out;
    }
    if (fault == MailFault::Unavailable) {
        journal(0, QStringLiteral("server-error"));
        out.bytes = "* BYE [UNAVAILABLE] Temporary failure, try again later\r\n";
        out.close = true;
        return out;
    }
    if (fault == MailFault::RateLimited) {
        journal(403, QStringLiteral("rate-limit"));
        out.bytes = tag + " NO [LIMIT] Too many commands, slow down\r\n";
        return out;
    }
    if (command == "AUTHENTICATE" && args.size() == 1 && m_account < 0 &&
        (args.first().isAtom("PLAIN") || args.first().isAtom("XOAUTH2"))) {
        m_authTag = tag; // the response comes on the next line; journaled then
        m_authMechanism = args.first().isAtom("PLAIN") ? QByteArray("PLAIN") : QByteArray("XOAUTH2");
        out.bytes = "+ \r\n";
        return out;
    }
    const Reply reply = dispatch(command, args);
    const int status = reply.status == "OK" ? 200 : (reply.status == "NO" ? 403 : 400);
    if (fault == MailFault::ResetAfterHandling) {
        journal(0, QStringLiteral("reset-after-handling"));
        out.abort = true;
        return out;
    }
    out.bytes = reply.untagged + tag + ' ' + reply.status + ' ' + reply.text + "\r\n";
    out.close = reply.logout;
    journal(status, {});
    return out;
}

ImapSession::Reply ImapSession::dispatch(const QByteArray& command, const Args& args) {
    if (command == "CAPABILITY") {
        return ok("Pre-login capabilities listed", "* CAPABILITY " + kCapabilities + "\r\n");
    }
    if (command == "NOOP" || command == "CHECK") {
        return ok(command + " completed", m_selected.isEmpty() ? QByteArray() : sync());
    }
    if (command == "LOGOUT") {
        Reply r = ok("Logout completed", "* BYE Logging out\r\n");
        r.logout = true;
        return r;
    }
    if (command == "ID") {
        return ok("ID completed", "* ID (\"name\" \"Baton mail sandbox\")\r\n");
    }
    if (command == "LOGIN" || command == "AUTHENTICATE") {
        if (m_account >= 0) {
            return bad("Already logged in");
        }
        if (command == "AUTHENTICATE") {
            const bool xoauth2 = !args.isEmpty() && args.first().isAtom("XOAUTH2");
            if (args.isEmpty() || (!args.first().isAtom("PLAIN") && !xoauth2)) {
                return no("[CANNOT] Unsupported authentication mechanism");
            }
            if (args.size() != 2) {
                return bad("Error in IMAP command AUTHENTICATE");
            }
            const QByteArray response = args.at(1).text == "=" ? QByteArray() : args.at(1).text;
            return xoauth2 ? finishXoauth2(response) : finishPlain(response);
        }
        if (args.size() != 2 || args.at(0).type == ImapToken::Type::List || args.at(1).type == ImapToken::Type::List) {
            return bad("Error in IMAP command LOGIN: user and password expected");
        }
        return login(QString::fromUtf8(args.at(0).text), QString::fromUtf8(args.at(1).text));
    }
    if (m_account < 0) {
        return bad("Please log in first");
    }
    if (command == "LIST" || command == "LSUB") {
        return list(args);
    }
    if (command == "STATUS") {
        return status(args);
    }
    if (command == "SELECT" || command == "EXAMINE") {
        return select(args, command == "EXAMINE");
    }
    if (command == "CREATE" || command == "DELETE") {
        if (args.size() != 1) {
            return bad("Error in IMAP command " + command + ": one mailbox expected");
        }
        const QString box = QString::fromUtf8(mailboxArgument(args.first()));
        if (command == "CREATE") {
            return m_store.create(m_account, box) ? ok("Create completed")
                                                  : no("[ALREADYEXISTS] Mailbox already exists");
        }
        if (box == m_selected) {
            m_selected.clear();
        }
        return m_store.remove(m_account, box) ? ok("Delete completed") : no("[NONEXISTENT] Mailbox doesn't exist");
    }
    if (command == "SUBSCRIBE" || command == "UNSUBSCRIBE" || command == "ENABLE") {
        return ok(command + " completed");
    }
    if (command == "APPEND") {
        return append(args);
    }
    if (m_selected.isEmpty()) {
        return bad("No mailbox selected");
    }
    if (command == "CLOSE" || command == "UNSELECT") {
        if (command == "CLOSE" && !m_readOnly) {
            m_store.expunge(m_account, m_selected, m_view, true);
        }
        m_selected.clear();
        m_view.clear();
        return ok(command + " completed");
    }
    const bool uid = command.startsWith("UID ");
    const QByteArray verb = uid ? command.mid(4) : command;
    if (verb == "SEARCH") {
        return search(args, uid);
    }
    if (verb == "FETCH") {
        return fetch(args, uid);
    }
    if (verb == "STORE") {
        return store(args, uid);
    }
    if (verb == "COPY" || verb == "MOVE") {
        return copy(args, uid, verb == "MOVE");
    }
    if (verb == "EXPUNGE") {
        return expunge(args, uid);
    }
    return bad("Unknown command " + command);
}

ImapSession::Reply ImapSession::finishPlain(const QByteArray& base64) {
    const auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return bad("Invalid base64 data in continued response");
    }
    const QList<QByteArray> parts = decoded.decoded.split('\0');
    if (parts.size() != 3) {
        return no("[AUTHENTICATIONFAILED] Authentication failed.");
    }
    if (!parts[0].isEmpty() && parts[0] != parts[1]) {
        return no("[AUTHORIZATIONFAILED] Authorization failed.");
    }
    return login(QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2]));
}

ImapSession::Reply ImapSession::finishXoauth2(const QByteArray& base64) {
    const auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return bad("Invalid base64 data in continued response");
    }
    const auto userToken = MailStore::parseXoauth2(decoded.decoded);
    const int account = userToken ? m_store.loginWithToken(userToken->first, userToken->second) : -1;
    if (account < 0) {
        return no("[AUTHENTICATIONFAILED] Authentication failed.");
    }
    m_account = account;
    m_user = m_store.address(account);
    return ok("[CAPABILITY " + kCapabilities + "] Logged in");
}

ImapSession::Reply ImapSession::login(const QString& user, const QString& password) {
    const int account = m_store.login(user, password);
    if (account < 0) {
        return no("[AUTHENTICATIONFAILED] Authentication failed.");
    }
    m_account = account;
    m_user = m_store.address(account);
    return ok("[CAPABILITY " + kCapabilities + "] Logged in");
}

ImapSession::Reply ImapSession::list(const Args& args) {
    if (args.size() != 2 || args.at(1).type == ImapToken::Type::List) {
        return bad("Error in IMAP command LIST: reference and pattern expected");
    }
    const QByteArray pattern = args.at(0).text + args.at(1).text;
    if (pattern.isEmpty()) {
        return ok("List completed", "* LIST (\\Noselect) \"/\" \"\"\r\n");
    }
    QString re;
    for (const char ch : pattern) {
        re += ch == '*' ? QStringLiteral(".*")
                        : (ch == '%' ? QStringLiteral("[^/]*") : QRegularExpression::escape(QString(QLatin1Char(ch))));
    }
    const QRegularExpression matcher(QRegularExpression::anchoredPattern(re));
    QByteArray untagged;
    for (const MailboxListing& m : m_store.mailboxes(m_account)) {
        if (!matcher.match(m.name).hasMatch() &&
            !(m.name == QLatin1String("INBOX") && pattern.compare("INBOX", Qt::CaseInsensitive) == 0)) {
            continue;
        }
        QByteArray flags = "\\HasNoChildren";
        if (!m.specialUse.isEmpty()) {
            flags += ' ' + m.specialUse.toLatin1();
        }
        untagged += "* LIST (" + flags + ") \"/\" " + imapString(m.name.toUtf8()) + "\r\n";
    }
    return ok("List completed", untagged);
}

ImapSession::Reply ImapSession::status(const Args& args) {
    if (args.size() != 2 || args.at(1).type != ImapToken::Type::List) {
        return bad("Error in IMAP command STATUS: mailbox and item list expected");
    }
    const QString box = QString::fromUtf8(mailboxArgument(args.at(0)));
    const auto s = m_store.state(m_account, box);
    if (!s) {
        return no("[NONEXISTENT] Mailbox doesn't exist: " + box.toUtf8());
    }
    QByteArray items;
    for (const ImapToken& t : args.at(1).items) {
        const QByteArray item = t.upper();
        quint32 v = 0;
        if (item == "MESSAGES") {
            v = quint32(s->uids.size());
        } else if (item == "RECENT") {
            v = 0;
        } else if (item == "UIDNEXT") {
            v = s->uidNext;
        } else if (item == "UIDVALIDITY") {
            v = s->uidValidity;
        } else if (item == "UNSEEN") {
            v = quint32(s->unseen);
        } else {
            return bad("Error in IMAP command STATUS: unknown item " + item);
        }
        items += (items.isEmpty() ? "" : " ") + item + ' ' + QByteArray::number(v);
    }
    return ok("Status completed", "* STATUS " + imapString(s->name.toUtf8()) + " (" + items + ")\r\n");
}

ImapSession::Reply ImapSession::select(const Args& args, bool readOnly) {
    if (args.size() != 1) {
        return bad("Error in IMAP command SELECT: one mailbox expected");
    }
    m_selected.clear();
    m_view.clear();
    const auto s = m_store.state(m_account, QString::fromUtf8(mailboxArgument(args.first())));
    if (!s) {
        return no("[NONEXISTENT] Mailbox doesn't exist: " + args.first().text);
    }
    m_selected = s->name;
    m_readOnly = readOnly;
    m_view = s->uids;
    m_viewValidity = s->uidValidity;
    QByteArray u = "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n";
    u += "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n";
    u += "* " + QByteArray::number(m_view.size()) + " EXISTS\r\n";
    u += "* 0 RECENT\r\n";
    u += "* OK [UIDVALIDITY " + QByteArray::number(s->uidValidity) + "] UIDs valid\r\n";
    u += "* OK [UIDNEXT " + QByteArray::number(s->uidNext) + "] Predicted next UID\r\n";
    return ok(readOnly ? "[READ-ONLY] Examine completed" : "[READ-WRITE] Select completed", u);
}

QByteArray ImapSession::sync() {
    const auto s = m_store.state(m_account, m_selected);
    if (!s) {
        return {};
    }
    QByteArray out;
    if (s->uidValidity != m_viewValidity) {
        m_view = s->uids;
        m_viewValidity = s->uidValidity;
        return "* OK [UIDVALIDITY " + QByteArray::number(s->uidValidity) + "] UIDs changed\r\n* " +
               QByteArray::number(m_view.size()) + " EXISTS\r\n";
    }
    for (qsizetype i = m_view.size() - 1; i >= 0; --i) {
        if (!s->uids.contains(m_view[i])) {
            out += "* " + QByteArray::number(i + 1) + " EXPUNGE\r\n";
            m_view.removeAt(i);
        }
    }
    const qsizetype before = m_view.size();
    const quint32 highest = m_view.isEmpty() ? 0 : m_view.last();
    for (const quint32 uid : s->uids) {
        if (uid > highest) {
            m_view.append(uid);
        }
    }
    if (m_view.size() != before) {
        out += "* " + QByteArray::number(m_view.size()) + " EXISTS\r\n";
    }
    return out;
}

QList<quint32> ImapSession::resolve(const QByteArray& set, bool uid, bool* okOut) const {
    QList<quint32> out;
    const quint32 star = uid ? (m_view.isEmpty() ? 0 : m_view.last()) : quint32(m_view.size());
    const auto ranges = parseSequenceSet(set, star);
    *okOut = ranges.has_value();
    if (!ranges) {
        return out;
    }
    for (qsizetype i = 0; i < m_view.size(); ++i) {
        if (inSequenceSet(*ranges, uid ? m_view[i] : quint32(i + 1))) {
            out.append(m_view[i]);
        }
    }
    return out;
}

ImapSession::Reply ImapSession::append(const Args& args) {
    if (args.size() < 2 || args.last().type != ImapToken::Type::String) {
        return bad("Error in IMAP command APPEND: mailbox and message literal expected");
    }
    const QString box = QString::fromUtf8(mailboxArgument(args.first()));
    QStringList flags;
    qint64 internalMs = 0;
    for (qsizetype k = 1; k + 1 < args.size(); ++k) {
        if (args[k].type == ImapToken::Type::List) {
            flags = flagList(args[k]);
        } else {
            const QDateTime t = QDateTime::fromString(QString::fromLatin1(args[k].text.trimmed()),
                                                      QStringLiteral("d-MMM-yyyy HH:mm:ss t"));
            internalMs = t.isValid() ? t.toMSecsSinceEpoch() : 0;
        }
    }
    const auto added = m_store.append(m_account, box, args.last().text, flags, internalMs);
    if (!added) {
        return no("[TRYCREATE] Mailbox doesn't exist: " + box.toUtf8());
    }
    const QByteArray untagged = box == m_selected ? sync() : QByteArray();
    return ok("[APPENDUID " + QByteArray::number(added->second) + ' ' + QByteArray::number(added->first) +
                  "] Append completed",
              untagged);
}

ImapSession::Reply ImapSession::search(const Args& argsIn, bool uid) {
    Args args = argsIn;
    if (args.size() >= 2 && args.first().isAtom("CHARSET")) {
        const QByteArray charset = args.at(1).upper();
        if (charset != "UTF-8" && charset != "US-ASCII") {
            return no("[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
        }
        args = args.mid(2);
    }
    if (args.isEmpty()) {
        return bad("Error in IMAP command SEARCH: missing criteria");
    }
    const auto predicate = parseAll(args, quint32(m_view.size()), m_view.isEmpty() ? 0 : m_view.last());
    if (!predicate) {
        return bad("Error in IMAP command SEARCH: unknown or incomplete criteria");
    }
    const QList<StoredMail> mails = m_store.messages(m_account, m_selected, m_view);
    QByteArray found;
    for (qsizetype i = 0; i < m_view.size(); ++i) {
        for (const StoredMail& m : mails) {
            if (m.uid == m_view[i]) {
                if ((*predicate)(MessageRef{quint32(i + 1), m.uid, &m})) {
                    found += ' ' + QByteArray::number(uid ? m.uid : quint32(i + 1));
                }
                break;
            }
        }
    }
    return ok("Search completed", "* SEARCH" + found + "\r\n");
}

ImapSession::Reply ImapSession::fetch(const Args& args, bool uid) {
    if (args.size() != 2) {
        return bad("Error in IMAP command FETCH: sequence set and items expected");
    }
    bool setOk = false;
    const QList<quint32> uids = resolve(args.at(0).text, uid, &setOk);
    if (!setOk) {
        return bad("Error in IMAP command FETCH: invalid sequence set");
    }
    QList<QByteArray> items;
    const QList<ImapToken> requested =
        args.at(1).type == ImapToken::Type::List ? args.at(1).items : QList<ImapToken>{args.at(1)};
    for (const ImapToken& t : requested) {
        const QByteArray item = t.upper();
        if (item == "FAST") {
            items += {"FLAGS", "INTERNALDATE", "RFC822.SIZE"};
        } else if (item == "ALL" || item == "FULL" || item == "ENVELOPE" || item == "BODYSTRUCTURE" || item == "BODY") {
            return bad("Error in IMAP command FETCH: " + item + " is not served by the sandbox");
        } else {
            items.append(t.text);
        }
    }
    if (uid && !items.contains("UID")) {
        items.prepend("UID");
    }
    QByteArray untagged;
    for (const quint32 u : uids) {
        auto mail = m_store.message(m_account, m_selected, u);
        if (!mail) {
            continue; // expunged by another session: nothing to show
        }
        const quint32 seq = quint32(m_view.indexOf(u) + 1);
        bool marksSeen = false;
        for (const QByteArray& it : std::as_const(items)) {
            const QByteArray up = it.toUpper();
            if ((up.startsWith("BODY[") || up == "RFC822" || up == "RFC822.TEXT") && !m_readOnly) {
                marksSeen = true;
            }
        }
        bool flagsShown = false;
        if (marksSeen && !hasFlag(mail->flags, "\\Seen")) {
            if (auto f =
                    m_store.setFlags(m_account, m_selected, u, MailStore::FlagMode::Add, {QStringLiteral("\\Seen")})) {
                mail->flags = *f;
            }
            flagsShown = !items.contains("FLAGS"); // a changed flag is always reported
        }
        QByteArray parts;
        auto add = [&parts](const QByteArray& p) { parts += (parts.isEmpty() ? "" : " ") + p; };
        for (const QByteArray& it : std::as_const(items)) {
            const QByteArray up = it.toUpper();
            if (up == "UID") {
                add("UID " + QByteArray::number(u));
                if (flagsShown) {
                    add("FLAGS (" + mail->flags.join(u' ').toUtf8() + ')');
                    flagsShown = false;
                }
            } else if (up == "FLAGS") {
                add("FLAGS (" + mail->flags.join(u' ').toUtf8() + ')');
            } else if (up == "INTERNALDATE") {
                add("INTERNALDATE \"" + internalDate(mail->internalMs) + '"');
            } else if (up == "RFC822.SIZE") {
                add("RFC822.SIZE " + QByteArray::number(mail->raw.size()));
            } else if (up == "RFC822") {
                add("RFC822 " + imapLiteral(mail->raw));
            } else if (up == "RFC822.HEADER") {
                add("RFC822.HEADER " + imapLiteral(headerBlock(mail->raw)));
            } else if (up == "RFC822.TEXT") {
                add("RFC822.TEXT " + imapLiteral(bodyText(mail->raw)));
            } else if (up.startsWith("BODY[") || up.startsWith("BODY.PEEK[")) {
                const qsizetype open = it.indexOf('[');
                const qsizetype close = it.lastIndexOf(']');
                if (close < open) {
                    return bad("Error in IMAP command FETCH: bad section " + it);
                }
                const QByteArray section = it.mid(open + 1, close - open - 1);
                auto data = sectionBytes(mail->raw, section);
                if (!data) {
                    return bad("Error in IMAP command FETCH: unknown section " + section);
                }
                QByteArray label = "BODY[" + section + ']';
                const QByteArray partial = it.mid(close + 1);
                if (!partial.isEmpty()) {
                    static const QRegularExpression re(QStringLiteral("^<(\\d+)\\.(\\d+)>$"));
                    const QRegularExpressionMatch pm = re.match(QString::fromLatin1(partial));
                    if (!pm.hasMatch() || pm.captured(2).toLongLong() == 0) {
                        return bad("Error in IMAP command FETCH: bad partial " + partial);
                    }
                    const qsizetype origin = qsizetype(pm.captured(1).toLongLong());
                    *data = data->mid(origin, qsizetype(pm.captured(2).toLongLong()));
                    label += '<' + QByteArray::number(origin) + '>';
                }
                add(label + ' ' + imapLiteral(*data));
            } else {
                return bad("Error in IMAP command FETCH: unknown item " + it);
            }
        }
        untagged += "* " + QByteArray::number(seq) + " FETCH (" + parts + ")\r\n";
    }
    return ok("Fetch completed", untagged);
}

ImapSession::Reply ImapSession::store(const Args& args, bool uid) {
    if (args.size() != 3) {
        return bad("Error in IMAP command STORE: sequence set, item and flags expected");
    }
    if (m_readOnly) {
        return no("[READ-ONLY] Mailbox is read-only");
    }
    bool setOk = false;
    const QList<quint32> uids = resolve(args.at(0).text, uid, &setOk);
    QByteArray item = args.at(1).upper();
    const bool silent = item.endsWith(".SILENT");
    if (silent) {
        item.chop(7);
    }
    MailStore::FlagMode mode = MailStore::FlagMode::Replace;
    if (item == "+FLAGS") {
        mode = MailStore::FlagMode::Add;
    } else if (item == "-FLAGS") {
        mode = MailStore::FlagMode::Remove;
    } else if (item != "FLAGS") {
        return bad("Error in IMAP command STORE: unknown item " + args.at(1).text);
    }
    if (!setOk) {
        return bad("Error in IMAP command STORE: invalid sequence set");
    }
    QByteArray untagged;
    for (const quint32 u : uids) {
        const auto flags = m_store.setFlags(m_account, m_selected, u, mode, flagList(args.at(2)));
        if (flags && !silent) {
            untagged += "* " + QByteArray::number(m_view.indexOf(u) + 1) + " FETCH (UID " + QByteArray::number(u) +
                        " FLAGS (" + flags->join(u' ').toUtf8() + "))\r\n";
        }
    }
    return ok("Store completed", untagged);
}

ImapSession::Reply ImapSession::copy(const Args& args, bool uid, bool move) {
    if (args.size() != 2) {
        return bad("Error in IMAP command COPY: sequence set and mailbox expected");
    }
    bool setOk = false;
    const QList<quint32> uids = resolve(args.at(0).text, uid, &setOk);
    if (!setOk) {
        return bad("Error in IMAP command COPY: invalid sequence set");
    }
    const QString target = QString::fromUtf8(mailboxArgument(args.at(1)));
    if (move && m_readOnly) {
        return no("[READ-ONLY] Mailbox is read-only");
    }
    const auto copied = m_store.copy(m_account, m_selected, uids, target);
    if (!copied) {
        return no("[TRYCREATE] Mailbox doesn't exist: " + target.toUtf8());
    }
    QList<quint32> from;
    QList<quint32> to;
    for (const auto& [a, b] : copied->second) {
        from.append(a);
        to.append(b);
    }
    const QByteArray copyUid = from.isEmpty() ? QByteArray()
                                              : "[COPYUID " + QByteArray::number(copied->first) + ' ' + joinUids(from) +
                                                    ' ' + joinUids(to) + "] ";
    if (!move) {
        return ok(copyUid + "Copy completed");
    }
    QByteArray untagged = from.isEmpty() ? QByteArray() : "* OK " + copyUid + "Moved UIDs.\r\n";
    if (target != m_selected) {
        m_store.expunge(m_account, m_selected, from, false);
        for (qsizetype i = m_view.size() - 1; i >= 0; --i) {
            if (from.contains(m_view[i])) {
                untagged += "* " + QByteArray::number(i + 1) + " EXPUNGE\r\n";
                m_view.removeAt(i);
            }
        }
    }
    return ok("Move completed", untagged);
}

ImapSession::Reply ImapSession::expunge(const Args& args, bool uid) {
    if (m_readOnly) {
        return no("[READ-ONLY] Mailbox is read-only");
    }
    QList<quint32> candidates = m_view;
    if (uid) {
        if (args.size() != 1) {
            return bad("Error in IMAP command UID EXPUNGE: sequence set expected");
        }
        bool setOk = false;
        candidates = resolve(args.at(0).text, true, &setOk);
        if (!setOk) {
            return bad("Error in IMAP command UID EXPUNGE: invalid sequence set");
        }
    }
    const QList<quint32> removed = m_store.expunge(m_account, m_selected, candidates, true);
    QByteArray untagged;
    for (qsizetype i = m_view.size() - 1; i >= 0; --i) {
        if (removed.contains(m_view[i])) {
            untagged += "* " + QByteArray::number(i + 1) + " EXPUNGE\r\n";
            m_view.removeAt(i);
        }
    }
    return ok("Expunge completed", untagged);
}

} // namespace baton::sandbox
