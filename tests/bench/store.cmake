# Ingest and query benchmarks over the real parser and store. `StoreBench --items N` for a quick run.
add_executable(StoreBench StoreBench.cpp)
target_link_libraries(StoreBench PRIVATE baton_defaults baton_connectors baton_store)
add_test(NAME StoreBench COMMAND StoreBench --items 1000000)
set_tests_properties(StoreBench PROPERTIES LABELS bench TIMEOUT 1800)
