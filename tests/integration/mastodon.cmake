# Mastodon end to end through real libcurl and SQLite against the in-process sandbox, and the crash-safety run
# that kills the real `baton` binary mid-sync and mid-reply.
baton_add_test(MastodonSyncTest LABEL integration SOURCES MastodonSyncTest.cpp
    LIBS baton_sync_harness baton_sandbox)
baton_add_test(CrashSafetyTest LABEL integration SOURCES CrashSafetyTest.cpp
    LIBS baton_sandbox baton_store baton_test_support Qt6::Network)
# The child processes are the `baton` binary itself.
add_dependencies(CrashSafetyTest baton)
