# Test registration. Every test prints a plan line and ends with
# "N passed, N failed" (CTest reads the exit status).
#
#   tests/c/test_*.c      C unit tests, linked with tinshcore
#   tests/lua/*.lua       Lua tests, run by tinsh itself
#   tests/cli/*.sh        CLI cases: arguments + stdin -> stdout/stderr/status
#   tests/repl/*.py       REPL tests through a pseudo-terminal
set(TINSH_BIN $<TARGET_FILE:tinsh>)
set(TEST_ENV "TINSH=${TINSH_BIN};TINSH_SRC=${CMAKE_SOURCE_DIR};NO_COLOR=1;TINSH_CACHE_DIR=${CMAKE_BINARY_DIR}/test-cache;HOME=${CMAKE_BINARY_DIR}/test-home")

file(GLOB C_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/c/test_*.c)
foreach(src ${C_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/c)
  target_link_libraries(${name} PRIVATE tinshcore)
  add_test(NAME c/${name} COMMAND ${name}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(c/${name} PROPERTIES ENVIRONMENT "${TEST_ENV}"
                       SKIP_RETURN_CODE 77)
endforeach()

file(GLOB LUA_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/lua/*.lua)
foreach(src ${LUA_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_test(NAME lua/${name} COMMAND tinsh ${src}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(lua/${name} PROPERTIES ENVIRONMENT "${TEST_ENV}"
                       SKIP_RETURN_CODE 77)
endforeach()

file(GLOB CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/*.sh)
list(FILTER CLI_TESTS EXCLUDE REGEX "/lib\\.sh$")
foreach(src ${CLI_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_test(NAME cli/${name} COMMAND bash ${src}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli/${name} PROPERTIES ENVIRONMENT "${TEST_ENV}"
                       SKIP_RETURN_CODE 77)
endforeach()

file(GLOB REPL_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/repl/test_*.py)
foreach(src ${REPL_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_test(NAME repl/${name} COMMAND python3 ${src}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(repl/${name} PROPERTIES ENVIRONMENT "${TEST_ENV}"
                       SKIP_RETURN_CODE 77 TIMEOUT 120)
endforeach()

# The word segmenter scored against the hand-segmented gold set
# (tests/gold/words/): prints precision, recall and F1, fails under a floor.
add_test(NAME gold/score_words
         COMMAND python3 ${CMAKE_SOURCE_DIR}/tests/gold/score_words.py
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(gold/score_words PROPERTIES ENVIRONMENT "${TEST_ENV}"
                     SKIP_RETURN_CODE 77)
