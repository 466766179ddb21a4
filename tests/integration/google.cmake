# Google Business Profile reviews end to end through real libcurl and SQLite against the sandbox's /google routes.
baton_add_test(GoogleReviewsSyncTest LABEL integration SOURCES GoogleReviewsSyncTest.cpp
    LIBS baton_sync_harness baton_sandbox)
