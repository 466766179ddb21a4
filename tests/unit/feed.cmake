baton_add_test(FeedParserTest LABEL unit SOURCES FeedParserTest.cpp LIBS baton_connectors)
target_compile_definitions(FeedParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
