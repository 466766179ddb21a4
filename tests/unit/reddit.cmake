# Reddit's pure parser over the fixtures in tests/fixtures/reddit.
baton_add_test(RedditParserTest LABEL unit SOURCES RedditParserTest.cpp LIBS baton_connectors)
target_compile_definitions(RedditParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
