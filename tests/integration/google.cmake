# Google Business Profile reviews end to end through real libcurl and SQLite against the sandbox's /google routes.
baton_add_test(GoogleReviewsSyncTest LABEL integration SOURCES GoogleReviewsSyncTest.cpp
    LIBS baton_sync baton_sandbox baton_connectors baton_store baton_net baton_secrets baton_test_support
        Qt6::Network)
