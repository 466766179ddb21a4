# Discourse end to end through real libcurl and SQLite against the in-process sandbox forum.
baton_add_test(DiscourseSyncTest LABEL integration SOURCES DiscourseSyncTest.cpp
    LIBS baton_sync_harness baton_sandbox)
