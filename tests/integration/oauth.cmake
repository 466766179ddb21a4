# Browser sign-in end to end: the test plays the browser against the sandbox's authorize endpoints, the client
# goes through its loopback listener and real libcurl, and the stored secret syncs.
baton_add_test(OAuthSignInTest LABEL integration SOURCES OAuthSignInTest.cpp
    LIBS baton_auth baton_sync_harness baton_sandbox baton_sync baton_store Qt6::Network)
# `baton account login` as a user drives it: the real binary, the test as the browser.
baton_add_test(CliLoginTest LABEL integration SOURCES CliLoginTest.cpp LIBS baton_sandbox Qt6::Network)
add_dependencies(CliLoginTest baton)
