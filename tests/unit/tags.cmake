baton_add_test(TeamDataTest LABEL unit SOURCES TeamDataTest.cpp LIBS baton_store)
