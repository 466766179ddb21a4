# Sentiment evaluation against the public ground truth in ../shared/eval/sentiment (never copied into the tree):
# Pearson r on the four English VADER sets, accuracy on the French s1000_* rows, throughput and the ratio to the
# npm vader-sentiment port (when node and the fetched package are there). Prints JSON; asserts nothing.
set(BATON_SENTIMENT_EVAL_DIR "${PROJECT_SOURCE_DIR}/../shared/eval/sentiment" CACHE PATH
    "Sentiment evaluation sets (VADER ground truth, Allocine sample)")
add_executable(SentimentEval SentimentEval.cpp)
target_link_libraries(SentimentEval PRIVATE baton_defaults baton_analysis)
add_test(NAME SentimentEval COMMAND SentimentEval "${BATON_SENTIMENT_EVAL_DIR}"
    --peer-script "${CMAKE_CURRENT_SOURCE_DIR}/vader_peer.cjs"
    --peer-package "${BATON_LEXICON_DIR}/npm/vader-sentiment")
# 77: the evaluation data is absent on this machine.
set_tests_properties(SentimentEval PROPERTIES LABELS bench TIMEOUT 900 SKIP_RETURN_CODE 77)
