add_library(baton_test_support STATIC
    ScriptedHttpServer.cpp ScriptedHttpServer.h
    StoreProbe.h)
target_include_directories(baton_test_support PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(baton_test_support PUBLIC baton_defaults Qt6::Core Qt6::Network)

# A throwaway profile with a sync engine for the integration tests of every network.
add_library(baton_sync_harness STATIC SyncHarness.cpp SyncHarness.h)
target_link_libraries(baton_sync_harness PUBLIC baton_test_support baton_sync baton_connectors baton_store baton_net
    baton_secrets Qt6::Test)
