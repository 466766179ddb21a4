# Bluesky end to end through real libcurl and SQLite against the sandbox's XRPC route set: paging, sessions,
# faults (429, 5xx, lost answers), reply and moderation, each checked in the sandbox journal.
baton_add_test(BlueskySyncTest LABEL integration SOURCES BlueskySyncTest.cpp LIBS baton_sync_harness baton_sandbox)
