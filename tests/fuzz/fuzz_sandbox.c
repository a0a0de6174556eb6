/*
** fuzz_sandbox.c — libFuzzer target for the sandboxed Lua surface: a
** random chunk run in a fresh state under sandbox_apply (the allow-list,
** the file policy, the limits of lua_sandbox_limits.c).
**
** Input: the bytes of a Lua chunk (loaded as text, as the sandbox does).
** Setup: a temporary folder is the current folder, its "out" the output
** folder; small limits (200,000 instructions, 64 MB); os.exit removed (it
** would end the fuzzer) and print silenced; stdin is /dev/null.
** Invariants on every input: sandbox_apply succeeds; the chunk ends with
** a result or a Lua error, never a crash (ASan, UBSan); nothing but the
** output folder appears in the current folder (no write escapes it).
*/
#include <dirent.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "lua_host.h"

/* lua_sandbox.c names the corpus of --db (lua_host.c, not linked here):
** none, so S.open's default is the example corpus, as without the option */
const char *host_db_option = NULL;

static char fuzz_sb_dir[64];

static void fuzz_sb_init(void) {
  if (fuzz_sb_dir[0]) return;
  snprintf(fuzz_sb_dir, sizeof fuzz_sb_dir, "/tmp/tinsh-fuzzsb-XXXXXX");
  FUZZ_CHECK(mkdtemp(fuzz_sb_dir) != NULL);
  FUZZ_CHECK(chdir(fuzz_sb_dir) == 0);
  FUZZ_CHECK(freopen("/dev/null", "r", stdin) != NULL);
  setenv("TINSH_SANDBOX_STEPS", "200000", 1);
  setenv("TINSH_SANDBOX_MEM", "67108864", 1);
  setenv("TINSH_SANDBOX_CPU", "100000", 1);
  setenv("TINSH_SANDBOX_WALL", "100000", 1);
}

/* only "out" (and "." "..") may be in the current folder */
static void fuzz_sb_check_folder(void) {
  DIR *d = opendir(".");
  FUZZ_CHECK(d != NULL);
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    FUZZ_CHECK(!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
               !strcmp(e->d_name, "out"));
  closedir(d);
}

static int fuzz_sb_quiet(lua_State *L) {
  (void)L;
  return 0;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  fuzz_sb_init();
  lua_State *L = luaL_newstate();
  FUZZ_CHECK(L != NULL);
  luaL_openlibs(L);
  FUZZ_CHECK(sandbox_apply(L, "out") == NULL);
  lua_getglobal(L, "os");
  lua_pushnil(L);
  lua_setfield(L, -2, "exit");
  lua_pop(L, 1);
  lua_pushcfunction(L, fuzz_sb_quiet);
  lua_setglobal(L, "print");
  if (luaL_loadbufferx(L, (const char *)data, size, "=fuzz", "t") == LUA_OK)
    lua_pcall(L, 0, 0, 0);
  lua_close(L);
  fuzz_sb_check_folder();
  return 0;
}
