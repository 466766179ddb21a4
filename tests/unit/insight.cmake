baton_add_test(MetricsTest LABEL unit SOURCES MetricsTest.cpp LIBS baton_insight)
