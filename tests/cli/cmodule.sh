#!/usr/bin/env bash
# Test plan: a C module loaded with require() resolves the Lua C API from
# the tinsh binary itself (Lua is linked in whole and its symbols are
# exported): build a module WITHOUT linking liblua, require it through
# LUA_CPATH, call it; the same module through package.loadlib.
. "$(dirname "$0")/lib.sh"
command -v gcc >/dev/null || { echo "no gcc: skipped"; exit 77; }
cd "$TMP"
cat >hello.c <<'C'
#include <lua.h>
#include <lauxlib.h>
static int twice(lua_State *L) {
  lua_pushinteger(L, 2 * luaL_checkinteger(L, 1));
  return 1;
}
int luaopen_hello(lua_State *L) {
  lua_newtable(L);
  lua_pushcfunction(L, twice);
  lua_setfield(L, -2, "twice");
  lua_pushstring(L, LUA_RELEASE);
  lua_setfield(L, -2, "release");
  return 1;
}
C
gcc -shared -fPIC $(pkg-config --cflags lua5.4) -o hello.so hello.c
is "module built without liblua" "$?" 0
LUA_CPATH="./?.so" run "$TINSH" -e 'local h = require "hello"; print(h.twice(21), h.release)'
is "require of a C module" "$OUT" "42	Lua 5.4.4"
is "status" "$RC" 0
run "$TINSH" -e 'local f = assert(package.loadlib("./hello.so", "luaopen_hello")); print(f().twice(5))'
is "package.loadlib" "$OUT" "10"
finish
