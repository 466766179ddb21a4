# RSS / Atom end to end through real libcurl and SQLite against a private nginx the test starts itself
# (Debian's nginx-light, installed by ./dev); skipped only where the nginx binary is missing. The sandbox's
# feed route set gives the demo feeds and the faults (429, 5xx).
baton_add_test(FeedSyncTest LABEL integration SOURCES FeedSyncTest.cpp
    LIBS baton_sync baton_sandbox baton_connectors baton_store baton_net baton_secrets baton_test_support Qt6::Network)
target_compile_definitions(FeedSyncTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
