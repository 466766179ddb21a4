# Sync scores what it stores: language and sentiment land with the items, through the real connector and store.
baton_add_test(SentimentSyncTest LABEL integration SOURCES SentimentSyncTest.cpp
    LIBS baton_sync baton_sandbox baton_connectors baton_store baton_net baton_secrets baton_analysis
        baton_test_support Qt6::Network)
