# The add-account dialog's "Sign in with the browser…" path, offscreen, the test following the redirect itself.
baton_add_test(BrowserSignInTest LABEL gui SOURCES BrowserSignInTest.cpp LIBS baton_gui_test_support Qt6::Network)
