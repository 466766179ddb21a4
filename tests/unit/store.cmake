baton_add_test(StoreTest LABEL unit SOURCES StoreTest.cpp LIBS baton_store)
baton_add_test(InboxQueryTest LABEL unit SOURCES InboxQueryTest.cpp LIBS baton_store)
baton_add_test(CommonTest LABEL unit SOURCES CommonTest.cpp LIBS baton_common baton_model)
baton_add_test(RepliesTest LABEL unit SOURCES RepliesTest.cpp LIBS baton_connectors baton_model)
