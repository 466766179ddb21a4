#pragma once

#include "core/sandbox/mail/ImapSyntax.h"
#include "core/sandbox/mail/MailSession.h"
#include "core/sandbox/mail/MailStore.h"

namespace baton::sandbox {

// One IMAP4rev1 connection (RFC 3501) over the mail store: the subset libcurl and mail clients use. Capabilities
// IMAP4rev1 SASL-IR AUTH=PLAIN UIDPLUS MOVE SPECIAL-USE; LOGIN, AUTHENTICATE PLAIN (with or without an initial
// response), CAPABILITY, NOOP, CHECK, LOGOUT, LIST/LSUB (with special-use flags), STATUS, SELECT/EXAMINE (FLAGS,
// EXISTS, RECENT, UIDVALIDITY, UIDNEXT), CREATE, DELETE, SUBSCRIBE, APPEND (synchronising and non-synchronising
// literals), CLOSE, UNSELECT, EXPUNGE, and SEARCH, FETCH, STORE, COPY, MOVE with and without UID (UID EXPUNGE too).
// FETCH serves UID, FLAGS, INTERNALDATE, RFC822.SIZE, RFC822(.HEADER/.TEXT) and BODY[...]/BODY.PEEK[...] with
// HEADER, TEXT, HEADER.FIELDS(.NOT), MIME part numbers and partial ranges; ENVELOPE and BODYSTRUCTURE are not
// served (BAD). The selected mailbox is a snapshot that NOOP, CHECK, SELECT and the session's own changes bring
// up to date, with EXISTS and EXPUNGE, as a real server reports them. Runs on one thread; no I/O of its own.
class ImapSession final {
public:
    ImapSession(MailStore& store, MailHooks hooks);

    QByteArray greeting() const;
    MailOutput receive(const QByteArray& bytes);

    static constexpr qsizetype kMaxLine = 64 * 1024;
    static constexpr qsizetype kMaxLiteral = 25 * 1024 * 1024;

private:
    struct Reply {
        QByteArray untagged; // "* ..." lines, CRLF-terminated
        QByteArray status;   // "OK", "NO", "BAD"
        QByteArray text;     // after the status, e.g. "[READ-WRITE] SELECT completed"
        bool logout = false;
    };
    using Args = QList<ImapToken>;

    MailOutput execute(const QByteArray& tag, const QByteArray& line);
    Reply dispatch(const QByteArray& command, const Args& args);
    Reply finishXoauth2(const QByteArray& base64);
    Reply finishPlain(const QByteArray& base64);
    Reply login(const QString& user, const QString& password);
    Reply list(const Args& args);
    Reply status(const Args& args);
    Reply select(const Args& args, bool readOnly);
    Reply append(const Args& args);
    Reply search(const Args& args, bool uid);
    Reply fetch(const Args& args, bool uid);
    Reply store(const Args& args, bool uid);
    Reply copy(const Args& args, bool uid, bool move);
    Reply expunge(const Args& args, bool uid);
    QByteArray sync(); // EXPUNGE / EXISTS lines bringing the selected view up to the store
    QList<quint32> resolve(const QByteArray& set, bool uid, bool* ok) const;
    static Reply bad(const QByteArray& text) { return {{}, "BAD", text, false}; }
    static Reply no(const QByteArray& text) { return {{}, "NO", text, false}; }
    static Reply ok(const QByteArray& text, QByteArray untagged = {}) { return {untagged, "OK", text, false}; }

    MailStore& m_store;
    MailHooks m_hooks;
    int m_account = -1; // logged in as
    QString m_user;
    QString m_selected; // empty = not selected
    bool m_readOnly = false;
    QList<quint32> m_view; // UIDs of the selected mailbox as this session knows them; sequence number = index + 1
    quint32 m_viewValidity = 0;

    // Input assembly: a command line, its literals, and AUTHENTICATE's continuation.
    QByteArray m_in;
    QByteArray m_line;
    QList<QByteArray> m_literals;
    qsizetype m_literalNeeded = -1; // bytes still to read into m_literals.last(), -1 = reading a line
    QByteArray m_authTag;           // set while waiting for AUTHENTICATE PLAIN's response line
    QByteArray m_authMechanism;     // PLAIN or XOAUTH2, while m_authTag waits for the response
    bool m_closed = false;
};

} // namespace baton::sandbox
