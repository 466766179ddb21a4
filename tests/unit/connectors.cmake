baton_add_test(MastodonParserTest LABEL unit SOURCES MastodonParserTest.cpp LIBS baton_connectors)
target_compile_definitions(MastodonParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
