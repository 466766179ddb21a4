# The sentiment engine, rule by rule in English and French, and language identification.
baton_add_test(SentimentTest LABEL unit SOURCES SentimentTest.cpp LIBS baton_analysis)
baton_add_test(LanguageTest LABEL unit SOURCES LanguageTest.cpp LIBS baton_analysis)
