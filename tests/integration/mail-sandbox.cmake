# Email end to end through real libcurl IMAP/SMTP and SQLite against the sandbox's own mail servers (the demo
# mailbox): sync, new mail, UIDVALIDITY, reply, move and spam, a wrong password, a dropped connection.
baton_add_test(MailSandboxTest LABEL integration SOURCES MailSandboxTest.cpp
    LIBS baton_sync_harness baton_sandbox baton_connectors)
