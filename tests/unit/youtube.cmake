# YouTube: the pure parser over tests/fixtures/youtube, Google error documents and the daily quota ledger.
baton_add_test(YouTubeParserTest LABEL unit SOURCES YouTubeParserTest.cpp LIBS baton_connectors)
target_compile_definitions(YouTubeParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
