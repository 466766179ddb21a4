# Google Business Profile reviews: the pure parser over tests/fixtures/google.
baton_add_test(GoogleReviewsParserTest LABEL unit SOURCES GoogleReviewsParserTest.cpp LIBS baton_connectors)
target_compile_definitions(GoogleReviewsParserTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
