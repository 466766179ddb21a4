# The sandbox's Bluesky (AT Protocol XRPC) route set, checked with Qt's own HTTP client (no libcurl, no connector).
baton_add_test(BlueskySandboxTest LABEL integration SOURCES BlueskySandboxTest.cpp LIBS baton_sandbox Qt6::Network)
