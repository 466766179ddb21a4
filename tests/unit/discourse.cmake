baton_add_test(DiscourseParserTest LABEL unit SOURCES DiscourseParserTest.cpp LIBS baton_connectors)
target_compile_definitions(DiscourseParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
