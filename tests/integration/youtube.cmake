# YouTube end to end through real libcurl and SQLite against the sandbox's /youtube route set (quota included).
baton_add_test(YouTubeSyncTest LABEL integration SOURCES YouTubeSyncTest.cpp
    LIBS baton_sync baton_sandbox baton_connectors baton_store baton_net baton_secrets baton_test_support
        Qt6::Network)
