# Bluesky end to end through real libcurl and SQLite against a real local AT Protocol network (PLC, PDS, AppView,
# Ozone and PostgreSQL) that the test starts itself with tests/integration/servers/atproto/atproto.sh (./dev
# installs it; skipped only on a machine without it, never in CI).
baton_add_test(BlueskyRealTest LABEL integration TIMEOUT 600 SOURCES BlueskyRealTest.cpp LIBS baton_sync_harness)
target_compile_definitions(BlueskyRealTest PRIVATE BATON_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
set_tests_properties(BlueskyRealTest PROPERTIES RESOURCE_LOCK atproto-network)
