# The protocol sandbox, checked with Qt's own HTTP client (no libcurl, no connectors) and raw sockets.
baton_add_test(SandboxTest LABEL integration SOURCES SandboxTest.cpp LIBS baton_sandbox Qt6::Network)
