# fuzz.cmake — libFuzzer targets (included by CMakeLists.txt when
# -DTINSH_FUZZ=ON; needs clang and libclang-rt-14-dev).
#
#   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTINSH_FUZZ=ON
#   cmake --build build-fuzz --target fuzz_all
#   sh tests/fuzz/run.sh build-fuzz 60
#
# The core sources are compiled a second time into tinshcore_fuzz with the
# fuzzer's instrumentation and ASan + UBSan, so every comparison the parser
# makes guides the fuzzer; tinshcore keeps the flags of the normal build.
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "TINSH_FUZZ needs clang: configure with "
                      "-DCMAKE_C_COMPILER=clang")
endif()

set(FUZZ_SAN -fsanitize=address,undefined -fno-sanitize-recover=undefined
             -fno-omit-frame-pointer)

add_library(tinshcore_fuzz STATIC ${CORE_SOURCES})
target_compile_options(tinshcore_fuzz PRIVATE -fsanitize=fuzzer-no-link
                       ${FUZZ_SAN})
target_include_directories(tinshcore_fuzz PUBLIC ${CMAKE_SOURCE_DIR}/shell
  ${SQLITE_INCLUDE_DIRS} ${UTF8PROC_INCLUDE_DIRS} ${PCRE2_INCLUDE_DIRS})
get_target_property(FUZZ_CORE_DEFS tinshcore INTERFACE_COMPILE_DEFINITIONS)
target_compile_definitions(tinshcore_fuzz PUBLIC ${FUZZ_CORE_DEFS})
target_link_libraries(tinshcore_fuzz PUBLIC ${SQLITE_LINK_LIBRARIES}
  ${UTF8PROC_LINK_LIBRARIES} ${PCRE2_LINK_LIBRARIES} Threads::Threads m)

set(FUZZ_TARGETS fuzz_text fuzz_parse fuzz_fts fuzz_query fuzz_json
                 fuzz_segment fuzz_pattern fuzz_kwic fuzz_tokmap)
foreach(name ${FUZZ_TARGETS})
  add_executable(${name} ${CMAKE_SOURCE_DIR}/tests/fuzz/${name}.c)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer ${FUZZ_SAN})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer ${FUZZ_SAN})
  target_link_libraries(${name} PRIVATE tinshcore_fuzz)
endforeach()
# the sandboxed Lua surface: the sandbox's own files with Lua, not the host
add_executable(fuzz_sandbox ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_sandbox.c
  ${CMAKE_SOURCE_DIR}/shell/lua_sandbox.c
  ${CMAKE_SOURCE_DIR}/shell/lua_sandbox_limits.c
  ${CMAKE_SOURCE_DIR}/shell/lua_sandbox_tty.c)
target_compile_options(fuzz_sandbox PRIVATE -fsanitize=fuzzer ${FUZZ_SAN})
target_link_options(fuzz_sandbox PRIVATE -fsanitize=fuzzer ${FUZZ_SAN})
target_include_directories(fuzz_sandbox PRIVATE ${LUA_INCLUDE_DIRS})
target_link_libraries(fuzz_sandbox PRIVATE tinshcore_fuzz ${LUA_STATIC}
  ${CMAKE_DL_LIBS} m)
# fuzz_db: the database reader (store.c loader + the tinsh.store module's
# db:load and db:terms), so it also compiles the module's files and links Lua.
# Every lua_*.c but the host's own (start-up, interpreter, sandbox, REPL
# glue, tinsh.core), so a new binding file of the module is compiled here
# without a second list to keep.
file(GLOB LUA_STORE_SOURCES ${CMAKE_SOURCE_DIR}/shell/lua_*.c)
list(FILTER LUA_STORE_SOURCES EXCLUDE REGEX
  "/lua_(core|host|interp|run|sandbox[^/]*|words)\\.c$")
add_executable(fuzz_db ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_db.c
  ${LUA_STORE_SOURCES})
# lua_store.c reads --db from the host module (host_db_option)
target_sources(fuzz_db PRIVATE ${CMAKE_SOURCE_DIR}/shell/lua_host.c)
target_compile_options(fuzz_db PRIVATE -fsanitize=fuzzer ${FUZZ_SAN})
target_link_options(fuzz_db PRIVATE -fsanitize=fuzzer ${FUZZ_SAN})
target_include_directories(fuzz_db PRIVATE ${LUA_INCLUDE_DIRS})
target_link_libraries(fuzz_db PRIVATE tinshcore_fuzz ${LUA_STATIC} ${CMAKE_DL_LIBS} m)
list(APPEND FUZZ_TARGETS fuzz_db)
add_custom_target(fuzz_all DEPENDS ${FUZZ_TARGETS} fuzz_sandbox)
