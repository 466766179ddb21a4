# Email end to end through real libcurl IMAP/SMTP and SQLite against a real Postfix + Dovecot on loopback, started
# by tests/integration/servers/mailserver.sh (skipped only when the server binaries are missing).
baton_add_test(EmailSyncTest LABEL integration TIMEOUT 300 SOURCES EmailSyncTest.cpp
    LIBS baton_sync_harness baton_sandbox)
target_compile_definitions(EmailSyncTest PRIVATE BATON_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
