baton_add_test(CliTest LABEL integration SOURCES CliTest.cpp LIBS baton_sandbox baton_store Qt6::Network)
add_dependencies(CliTest baton)
