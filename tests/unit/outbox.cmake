baton_add_test(OutboxModelTest LABEL unit SOURCES OutboxModelTest.cpp LIBS baton_models baton_store)
