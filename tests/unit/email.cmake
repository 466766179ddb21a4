# The email parser over data-driven fixtures (tests/fixtures/email), MIME pieces, reply composition, IMAP lines.
baton_add_test(EmailParserTest LABEL unit SOURCES EmailParserTest.cpp LIBS baton_connectors)
target_compile_definitions(EmailParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
