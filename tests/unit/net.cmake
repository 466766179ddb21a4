baton_add_test(NetworkEngineTest LABEL unit
    SOURCES NetworkEngineTest.cpp
    LIBS baton_net baton_test_support Qt6::Network)
