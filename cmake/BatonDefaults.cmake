# One INTERFACE target carries the language level, warnings and Qt defines for every Baton target.
option(BATON_WERROR "Treat warnings as errors" OFF)
option(BATON_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

add_library(baton_defaults INTERFACE)
target_compile_features(baton_defaults INTERFACE cxx_std_20)
target_compile_definitions(baton_defaults INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    BATON_VERSION="${PROJECT_VERSION}")
target_compile_options(baton_defaults INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
if(BATON_WERROR)
    target_compile_options(baton_defaults INTERFACE -Werror)
endif()
if(BATON_SANITIZE)
    target_compile_options(baton_defaults INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(baton_defaults INTERFACE -fsanitize=address,undefined)
endif()

# Registers a Qt Test executable with CTest under a label.
function(baton_add_test name)
    cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS;ARGS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE baton_defaults Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABEL}" TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BATON_TEST_BIN_DIR=$<TARGET_FILE_DIR:baton>")
endfunction()
