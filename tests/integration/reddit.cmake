# Reddit end to end through real libcurl and SQLite against the sandbox's Reddit route set.
baton_add_test(RedditSyncTest LABEL integration SOURCES RedditSyncTest.cpp
    LIBS baton_sync_harness baton_sandbox)
