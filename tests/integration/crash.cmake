# The real `baton` binary killed mid-sync on every other network of the sandbox, and mid-reply on each network that
# takes replies.
baton_add_test(NetworkCrashSafetyTest LABEL integration TIMEOUT 1200 SOURCES NetworkCrashSafetyTest.cpp
    LIBS baton_sandbox baton_store baton_test_support Qt6::Network)
add_dependencies(NetworkCrashSafetyTest baton)
