# Browser sign-in: PKCE, authorize URLs, the redirect's query, token answers and the loopback listener.
baton_add_test(AuthTest LABEL unit SOURCES AuthTest.cpp LIBS baton_auth baton_sandbox Qt6::Network)
