baton_add_test(ReportTest LABEL integration SOURCES ReportTest.cpp LIBS baton_insight Qt6::Gui)
target_compile_definitions(ReportTest PRIVATE BATON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures")
add_dependencies(ReportTest baton)
