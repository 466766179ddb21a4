# Bluesky's pure parser (and the connector's record keys) over the fixtures in tests/fixtures/bluesky.
baton_add_test(BlueskyParserTest LABEL unit SOURCES BlueskyParserTest.cpp LIBS baton_connectors)
target_compile_definitions(BlueskyParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
