# YouTube end to end through real libcurl and SQLite against the sandbox's /youtube route set (quota included).
baton_add_test(YouTubeSyncTest LABEL integration SOURCES YouTubeSyncTest.cpp
    LIBS baton_sync_harness baton_sandbox)
