# The weekly report (metrics, PDF, PNG, SVG, CSV) over a 1,000,000-item profile. `ReportBench --items N` for a
# quick run; `--db FILE` keeps the seeded profile between runs.
add_executable(ReportBench ReportBench.cpp)
target_link_libraries(ReportBench PRIVATE baton_defaults baton_report)
add_test(NAME ReportBench COMMAND ReportBench --items 1000000)
set_tests_properties(ReportBench PROPERTIES LABELS bench TIMEOUT 1800)
