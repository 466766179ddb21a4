# Discourse end to end through real libcurl and SQLite against the in-process sandbox forum.
baton_add_test(DiscourseSyncTest LABEL integration SOURCES DiscourseSyncTest.cpp
    LIBS baton_sync baton_sandbox baton_connectors baton_store baton_net baton_secrets baton_test_support
        Qt6::Network)
