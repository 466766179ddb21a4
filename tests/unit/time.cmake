baton_add_test(TimeTest LABEL unit SOURCES TimeTest.cpp LIBS baton_common)
