# Reddit end to end through real libcurl and SQLite against the sandbox's Reddit route set.
baton_add_test(RedditSyncTest LABEL integration SOURCES RedditSyncTest.cpp
    LIBS baton_sync baton_sandbox baton_connectors baton_store baton_net baton_secrets baton_test_support
        Qt6::Network)
