# The window on a 1,000,000-item profile: cold start to a painted inbox with resident memory, scrolling 10,000
# rows, each filter applied and painted. `GuiBench --items N` for a quick run. Prints JSON; asserts nothing.
add_library(baton_bench_profile STATIC BenchProfile.cpp BenchProfile.h)
target_link_libraries(baton_bench_profile PUBLIC baton_defaults baton_store)
add_executable(GuiBench GuiBench.cpp)
target_link_libraries(GuiBench PRIVATE baton_defaults baton_bench_profile baton_ui Qt6::Test)
add_test(NAME GuiBench COMMAND GuiBench --items 1000000)
set_tests_properties(GuiBench PROPERTIES LABELS bench TIMEOUT 1800 ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
