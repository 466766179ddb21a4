#pragma once

#include "core/sandbox/mail/MailSession.h"
#include "core/sandbox/mail/MailStore.h"

namespace baton::sandbox {

// One ESMTP submission connection (RFC 5321, RFC 4954): EHLO/HELO, AUTH PLAIN (with or without an initial
// response) and AUTH LOGIN, MAIL FROM (SIZE and BODY parameters accepted), RCPT TO, DATA with dot-unstuffing,
// RSET, NOOP, VRFY, QUIT. Sending needs a login as a demo account; accepted messages go to MailStore::submit.
// Runs on one thread; no I/O of its own.
class SmtpSession final {
public:
    SmtpSession(MailStore& store, MailHooks hooks);

    QByteArray greeting() const;
    MailOutput receive(const QByteArray& bytes);

    static constexpr qsizetype kMaxMessage = 20 * 1024 * 1024;
    static constexpr int kMaxRecipients = 100;

private:
    enum class Stage { Command, AuthPlain, AuthXoauth2, AuthUser, AuthPassword, Data };

    QByteArray command(const QByteArray& line, MailOutput* out);
    QByteArray dataLine(const QByteArray& line, MailOutput* out);
    QByteArray login(const QString& user, const QString& password);
    QByteArray loginXoauth2(const QByteArray& base64); // SASL XOAUTH2's initial response
    void record(const QString& command, const QByteArray& body, const QByteArray& reply, const QString& fault = {});

    MailStore& m_store;
    MailHooks m_hooks;
    Stage m_stage = Stage::Command;
    bool m_greeted = false;
    int m_account = -1;
    QString m_user;
    QString m_pendingUser; // AUTH LOGIN
    QByteArray m_from;
    bool m_haveFrom = false;
    QList<QByteArray> m_recipients;
    QByteArray m_data;
    bool m_dataTooBig = false;
    QByteArray m_in;
    bool m_closed = false;
};

} // namespace baton::sandbox
