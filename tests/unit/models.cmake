baton_add_test(InboxModelTest LABEL unit SOURCES InboxModelTest.cpp LIBS baton_models)
baton_add_test(SourcesModelTest LABEL unit SOURCES SourcesModelTest.cpp LIBS baton_models)
baton_add_test(SearchHighlightTest LABEL unit SOURCES SearchHighlightTest.cpp LIBS baton_models)
