add_library(baton_test_support STATIC
    ScriptedHttpServer.cpp ScriptedHttpServer.h
    StoreProbe.h)
target_include_directories(baton_test_support PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(baton_test_support PUBLIC baton_defaults Qt6::Core Qt6::Network)
