#include "core/sandbox/mail/SmtpSession.h"

namespace baton::sandbox {
namespace {

// The address inside "FROM:<a@b> SIZE=12" (empty for the null sender <>); ok false when malformed.
QByteArray pathArgument(const QByteArray& rest, bool* ok) {
    const qsizetype open = rest.indexOf('<');
    const qsizetype close = rest.indexOf('>', open + 1);
    *ok = open >= 0 && close > open && rest.left(open).trimmed().isEmpty();
    return *ok ? rest.mid(open + 1, close - open - 1).trimmed() : QByteArray();
}

int codeOf(const QByteArray& reply) {
    return reply.left(3).toInt();
}

} // namespace

SmtpSession::SmtpSession(MailStore& store, MailHooks hooks)
    : m_store(store)
    , m_hooks(std::move(hooks)) {
}

QByteArray SmtpSession::greeting() const {
    return "220 mail.sandbox.baton.invalid ESMTP Baton mail sandbox\r\n";
}

void SmtpSession::record(const QString& name, const QByteArray& body, const QByteArray& reply, const QString& fault) {
    if (m_hooks.journal) {
        m_hooks.journal({name, body, codeOf(reply), m_user, fault});
    }
}

MailOutput SmtpSession::receive(const QByteArray& bytes) {
    MailOutput out;
    if (m_closed) {
        return out;
    }
    m_in += bytes;
    while (!m_closed) {
        const qsizetype eol = m_in.indexOf('\n');
        if (eol < 0) {
            if (m_in.size() > 64 * 1024 && m_stage != Stage::Data) {
                out.bytes += "500 5.5.2 Line too long\r\n";
                out.close = m_closed = true;
            }
            break;
        }
        QByteArray line = m_in.left(eol);
        m_in.remove(0, eol + 1);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        out.bytes += m_stage == Stage::Data ? dataLine(line, &out) : command(line, &out);
        if (out.abort || out.close) {
            m_closed = true;
        }
    }
    return out;
}

QByteArray SmtpSession::dataLine(const QByteArray& line, MailOutput* out) {
    if (line != ".") {
        const QByteArray text = line.startsWith('.') ? line.mid(1) : line; // dot-unstuffing (RFC 5321 §4.5.2)
        if (m_data.size() + text.size() + 2 > kMaxMessage) {
            m_dataTooBig = true;
        } else {
            m_data += text + "\r\n";
        }
        return {};
    }
    m_stage = Stage::Command;
    const MailFault fault = m_hooks.fault ? m_hooks.fault() : MailFault::None;
    QByteArray reply;
    if (fault == MailFault::Reset) {
        record(QStringLiteral("DATA"), m_data, "000", QStringLiteral("reset"));
        out->abort = true;
        return {};
    }
    if (fault == MailFault::Unavailable) {
        reply = "421 4.3.0 Service not available, closing transmission channel\r\n";
        out->close = true;
        record(QStringLiteral("DATA"), m_data, reply, QStringLiteral("server-error"));
    } else if (fault == MailFault::RateLimited) {
        reply = "451 4.7.1 Rate limit exceeded, try again later\r\n";
        record(QStringLiteral("DATA"), m_data, reply, QStringLiteral("rate-limit"));
    } else if (m_dataTooBig) {
        reply = "552 5.3.4 Message size exceeds fixed limit\r\n";
        record(QStringLiteral("DATA"), {}, reply);
    } else {
        m_store.submit({m_account, m_from, m_recipients, m_data});
        reply = "250 2.0.0 Ok: queued as " + QByteArray::number(qHash(m_data), 16).toUpper() + "\r\n";
        if (fault == MailFault::ResetAfterHandling) {
            record(QStringLiteral("DATA"), m_data, "000", QStringLiteral("reset-after-handling"));
            out->abort = true;
            reply.clear();
        } else {
            record(QStringLiteral("DATA"), m_data, reply);
        }
    }
    m_data.clear();
    m_dataTooBig = false;
    m_haveFrom = false;
    m_from.clear();
    m_recipients.clear();
    return reply;
}

QByteArray SmtpSession::login(const QString& user, const QString& password) {
    const int account = m_store.login(user, password);
    if (account < 0) {
        return "535 5.7.8 Error: authentication failed\r\n";
    }
    m_account = account;
    m_user = m_store.address(account);
    return "235 2.7.0 Authentication successful\r\n";
}

QByteArray SmtpSession::loginXoauth2(const QByteArray& base64) {
    const auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return "501 5.5.2 Cannot decode response\r\n";
    }
    const auto userToken = MailStore::parseXoauth2(decoded.decoded);
    const int account = userToken ? m_store.loginWithToken(userToken->first, userToken->second) : -1;
    if (account < 0) {
        return "535 5.7.8 Error: authentication failed\r\n";
    }
    m_account = account;
    m_user = m_store.address(account);
    return "235 2.7.0 Authentication successful\r\n";
}

QByteArray SmtpSession::command(const QByteArray& line, MailOutput* out) {
    if (m_stage == Stage::AuthXoauth2) {
        m_stage = Stage::Command;
        const QByteArray reply = line == "*" ? QByteArray("501 5.7.0 Authentication aborted\r\n") : loginXoauth2(line);
        record(QStringLiteral("AUTH"), "XOAUTH2 ****", reply);
        return reply;
    }
    if (m_stage == Stage::AuthPlain || m_stage == Stage::AuthUser || m_stage == Stage::AuthPassword) {
        const Stage stage = m_stage;
        m_stage = Stage::Command;
        QByteArray reply;
        if (line == "*") {
            reply = "501 5.7.0 Authentication aborted\r\n";
        } else {
            const auto decoded = QByteArray::fromBase64Encoding(line, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                reply = "501 5.5.2 Cannot decode response\r\n";
            } else if (stage == Stage::AuthUser) {
                m_pendingUser = QString::fromUtf8(decoded.decoded);
                m_stage = Stage::AuthPassword;
                return "334 UGFzc3dvcmQ6\r\n"; // "Password:"
            } else if (stage == Stage::AuthPassword) {
                reply = login(m_pendingUser, QString::fromUtf8(decoded.decoded));
            } else {
                const QList<QByteArray> parts = decoded.decoded.split('\0');
                reply = parts.size() == 3 ? login(QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2]))
                                          : QByteArray("535 5.7.8 Error: authentication failed\r\n");
            }
        }
        record(QStringLiteral("AUTH"), stage == Stage::AuthPlain ? "PLAIN ****" : "LOGIN ****", reply);
        return reply;
    }

    const qsizetype space = line.indexOf(' ');
    const QByteArray verb = (space < 0 ? line : line.left(space)).toUpper();
    const QByteArray rest = space < 0 ? QByteArray() : line.mid(space + 1);
    const QString name = QString::fromLatin1(verb);
    QByteArray body = rest;
    if (verb == "AUTH") {
        const qsizetype sp = rest.indexOf(' ');
        body = (sp < 0 ? rest : rest.left(sp)) + (sp < 0 ? "" : " ****");
    }
    const MailFault fault = m_hooks.fault ? m_hooks.fault() : MailFault::None;
    if (fault == MailFault::Reset) {
        record(name, body, "000", QStringLiteral("reset"));
        out->abort = true;
        return {};
    }
    if (fault == MailFault::Unavailable) {
        const QByteArray reply = "421 4.3.0 Service not available, closing transmission channel\r\n";
        record(name, body, reply, QStringLiteral("server-error"));
        out->close = true;
        return reply;
    }
    if (fault == MailFault::RateLimited) {
        const QByteArray reply = "451 4.7.1 Rate limit exceeded, try again later\r\n";
        record(name, body, reply, QStringLiteral("rate-limit"));
        return reply;
    }

    QByteArray reply;
    if (verb == "EHLO" || verb == "HELO") {
        m_greeted = true;
        m_haveFrom = false;
        m_recipients.clear();
        reply = verb == "HELO" ? QByteArray("250 mail.sandbox.baton.invalid\r\n")
                               : "250-mail.sandbox.baton.invalid\r\n250-SIZE " + QByteArray::number(kMaxMessage) +
                                     "\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN XOAUTH2\r\n250-ENHANCEDSTATUSCODES\r\n"
                                     "250 HELP\r\n";
    } else if (verb == "QUIT") {
        reply = "221 2.0.0 Bye\r\n";
        out->close = true;
    } else if (verb == "NOOP") {
        reply = "250 2.0.0 Ok\r\n";
    } else if (verb == "RSET") {
        m_haveFrom = false;
        m_from.clear();
        m_recipients.clear();
        reply = "250 2.0.0 Ok\r\n";
    } else if (verb == "VRFY") {
        reply = "252 2.0.0 Cannot VRFY user, but will accept message\r\n";
    } else if (!m_greeted) {
        reply = "503 5.5.1 Error: send HELO/EHLO first\r\n";
    } else if (verb == "AUTH") {
        const QList<QByteArray> words = rest.split(' ');
        const QByteArray mechanism = words.value(0).toUpper();
        if (m_account >= 0) {
            reply = "503 5.5.1 Error: already authenticated\r\n";
        } else if (mechanism == "XOAUTH2" && words.size() == 1) {
            m_stage = Stage::AuthXoauth2;
            return "334 \r\n"; // journaled with the response
        } else if (mechanism == "XOAUTH2") {
            reply = loginXoauth2(words.value(1));
        } else if (mechanism == "PLAIN" && words.size() == 1) {
            m_stage = Stage::AuthPlain;
            return "334 \r\n"; // journaled with the response
        } else if (mechanism == "PLAIN") {
            const auto decoded =
                QByteArray::fromBase64Encoding(words.value(1), QByteArray::AbortOnBase64DecodingErrors);
            const QList<QByteArray> parts = decoded ? decoded.decoded.split('\0') : QList<QByteArray>{};
            reply = parts.size() == 3 ? login(QString::fromUtf8(parts[1]), QString::fromUtf8(parts[2]))
                                      : QByteArray("535 5.7.8 Error: authentication failed\r\n");
        } else if (mechanism == "LOGIN") {
            if (words.size() > 1) {
                const auto decoded =
                    QByteArray::fromBase64Encoding(words.value(1), QByteArray::AbortOnBase64DecodingErrors);
                m_pendingUser = decoded ? QString::fromUtf8(decoded.decoded) : QString();
                m_stage = Stage::AuthPassword;
                return "334 UGFzc3dvcmQ6\r\n";
            }
            m_stage = Stage::AuthUser;
            return "334 VXNlcm5hbWU6\r\n"; // "Username:"
        } else {
            reply = "504 5.5.4 Unrecognized authentication type\r\n";
        }
    } else if (verb == "MAIL") {
        bool ok = false;
        const QByteArray path = rest.toUpper().startsWith("FROM:") ? pathArgument(rest.mid(5), &ok) : QByteArray();
        if (m_account < 0) {
            reply = "530 5.7.0 Authentication required\r\n";
        } else if (!ok) {
            reply = "501 5.5.4 Syntax: MAIL FROM:<address>\r\n";
        } else if (m_haveFrom) {
            reply = "503 5.5.1 Error: nested MAIL command\r\n";
        } else {
            m_from = path;
            m_haveFrom = true;
            m_recipients.clear();
            reply = "250 2.1.0 Ok\r\n";
        }
    } else if (verb == "RCPT") {
        bool ok = false;
        const QByteArray path = rest.toUpper().startsWith("TO:") ? pathArgument(rest.mid(3), &ok) : QByteArray();
        if (!m_haveFrom) {
            reply = "503 5.5.1 Error: need MAIL command\r\n";
        } else if (!ok || path.isEmpty() || !path.contains('@')) {
            reply = "501 5.1.3 Bad recipient address syntax\r\n";
        } else if (path.toLower().endsWith(".invalid")) {
            reply = "550 5.1.1 <" + path + ">: Recipient address rejected: domain does not exist\r\n";
        } else if (m_recipients.size() >= kMaxRecipients) {
            reply = "452 4.5.3 Error: too many recipients\r\n";
        } else {
            m_recipients.append(path);
            reply = "250 2.1.5 Ok\r\n";
        }
    } else if (verb == "DATA") {
        if (!m_haveFrom || m_recipients.isEmpty()) {
            reply = "503 5.5.1 Error: need RCPT command\r\n";
        } else {
            m_stage = Stage::Data;
            m_data.clear();
            m_dataTooBig = false;
            return "354 End data with <CR><LF>.<CR><LF>\r\n"; // journaled once the message is in
        }
    } else {
        reply = "502 5.5.2 Error: command not recognized\r\n";
    }
    if (fault == MailFault::ResetAfterHandling) {
        record(name, body, "000", QStringLiteral("reset-after-handling"));
        out->abort = true;
        return {};
    }
    record(name, body, reply);
    return reply;
}

} // namespace baton::sandbox
