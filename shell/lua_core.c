/*
** lua_core.c — the tinsh Lua environment: the preloaded C modules
** (`tinsh.core` here, `tinsh.store`), the stdlib searcher installed in
** package.searchers before the path searcher (package.path is left
** exactly as lua5.4 sets it),
** and the prelude.
*/
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "lexicon.h"
#include "lua_host.h"
#include "lua_store_int.h"
#include "paths.h"
#include "text.h"
#include "util.h"
#include "width.h"

/* ---- tinsh.core: the C mechanisms the stdlib builds on ---- */

/* core.width(s) -> display columns of the UTF-8 string s */
static int core_width(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushinteger(L, (lua_Integer)width_of(s, n));
  return 1;
}

/* core.fit(s, cols) -> longest prefix of s within cols columns, its width */
static int core_fit(lua_State *L) {
  size_t n, used;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_Integer cols = luaL_checkinteger(L, 2);
  size_t k = width_fit(s, n, cols < 0 ? 0 : (size_t)cols, &used);
  lua_pushlstring(L, s, k);
  lua_pushinteger(L, (lua_Integer)used);
  return 2;
}

static int stream_fd(lua_State *L, int arg) {
  static const char *const names[] = {"stdin", "stdout", "stderr", NULL};
  return luaL_checkoption(L, arg, "stdout", names);
}

/*
** core.visible(s [, layout]) -> s with control characters, bidirectional
** overrides and invalid bytes shown as escapes (\x1b, \u{9b}), safe for
** a terminal; with layout, tabs and newlines are kept.
*/
static int core_visible(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  int layout = lua_toboolean(L, 2);
  lua_settop(L, 1);
  if (!width_invisible(s, n, layout)) return 1; /* s itself */
  luaL_Buffer b; /* Lua owns the memory before anything is written */
  char *out = luaL_buffinitsize(L, &b, WIDTH_VISIBLE_MAX(n));
  luaL_pushresultsize(&b, width_visible(s, n, layout, out));
  return 1;
}

/* core.isatty("stdin"|"stdout"|"stderr") -> boolean */
static int core_isatty(lua_State *L) {
  lua_pushboolean(L, isatty(stream_fd(L, 1)));
  return 1;
}

/* core.color([stream]) -> true when colour may be used on the stream */
static int core_color(lua_State *L) {
  const char *nc = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  int ok = isatty(stream_fd(L, 1)) && !(nc && *nc) &&
           !(term && strcmp(term, "dumb") == 0);
  lua_pushboolean(L, ok);
  return 1;
}

/* apply a utf8proc transformation, raising on invalid UTF-8 */
static int map_utf8(lua_State *L, utf8proc_option_t opts) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  utf8proc_uint8_t *out = NULL;
  xmem_expect(5 * n); /* utf8proc's code point buffer, then the result */
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
                                    (utf8proc_ssize_t)n, &out, opts);
  if (r < 0) {
    luaL_pushfail(L);
    lua_pushstring(L, utf8proc_errmsg(r));
    return 2;
  }
  ls_push_owned(L, NULL, (char *)out, (size_t)r, free, "");
  return 1;
}

/* core.normalize(s) -> NFC form of s (fail, msg on invalid UTF-8) */
static int core_normalize(lua_State *L) {
  return map_utf8(L, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* Push the case fold (or the accent fold) of argument 1 (text_fold_alloc);
** fail, msg on invalid UTF-8. */
static int push_fold(lua_State *L, int accents) {
  size_t n, m;
  const char *s = luaL_checklstring(L, 1, &n);
  char *t = text_fold_alloc(s, n, accents, &m);
  if (!t) {
    luaL_pushfail(L);
    lua_pushstring(L, utf8proc_errmsg(UTF8PROC_ERROR_INVALIDUTF8));
    return 2;
  }
  ls_push_owned(L, NULL, t, m, free, "");
  return 1;
}

/* core.lower(s) -> Unicode case-folded, NFC (the text layer's case fold) */
static int core_lower(lua_State *L) {
  return push_fold(L, TEXT_FOLD_CASE);
}

/* core.fold(s) -> case-folded with diacritics removed, đ -> d (the text
** layer's accent fold, the search index's accent-insensitive form) */
static int core_fold(lua_State *L) {
  return push_fold(L, TEXT_FOLD_ACCENTS);
}

/* core.termsize() -> columns, lines of the terminal on stdout, or nil */
static int core_termsize(lua_State *L) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) {
    luaL_pushfail(L);
    return 1;
  }
  lua_pushinteger(L, ws.ws_col);
  lua_pushinteger(L, ws.ws_row);
  return 2;
}

/* core.dir(which) -> the stdlib/scripts/examples/data folder */
static int core_dir(lua_State *L) {
  const char *d = host_dir(luaL_checkstring(L, 1));
  if (!d)
    return luaL_argerror(L, 1, "expected stdlib, scripts, examples or data");
  lua_pushstring(L, d);
  return 1;
}

/* core.sandboxed() -> true inside --sandbox */
static int core_sandboxed(lua_State *L) {
  lua_pushboolean(L, sandbox_active(L));
  return 1;
}

/* core.outdir() -> the output folder of --sandbox, or nil outside it */
static int core_outdir(lua_State *L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY) != LUA_TSTRING)
    luaL_pushfail(L);
  return 1;
}

/* core.clock() -> wall-clock seconds (monotonic), for timings */
static int core_clock(lua_State *L) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  lua_pushnumber(L, (lua_Number)ts.tv_sec + ts.tv_nsec / 1e9);
  return 1;
}

/* core.stopwords() -> the words of data/stopwords-vi.txt, in file order,
** as lexicon.c read them (the one reader of that file) */
static int core_stopwords(lua_State *L) {
  const char *const *w = lexicon_get()->lists[LEX_STOPWORDS];
  lua_createtable(L, 256, 0);
  for (lua_Integer i = 1; *w; w++, i++) {
    lua_pushstring(L, *w);
    lua_rawseti(L, -2, i);
  }
  return 1;
}

int lua_words(lua_State *L);      /* lua_words.c */
int lua_parse(lua_State *L);      /* lua_parse.c */
void lua_parse_max(lua_State *L); /* lua_parse.c */

static const luaL_Reg core_funcs[] = {{"width", core_width},
                                      {"fit", core_fit},
                                      {"visible", core_visible},
                                      {"isatty", core_isatty},
                                      {"color", core_color},
                                      {"normalize", core_normalize},
                                      {"lower", core_lower},
                                      {"fold", core_fold},
                                      {"dir", core_dir},
                                      {"sandboxed", core_sandboxed},
                                      {"clock", core_clock},
                                      {"termsize", core_termsize},
                                      {"outdir", core_outdir},
                                      {"stopwords", core_stopwords},
                                      {NULL, NULL}};

int luaopen_tinsh_core(lua_State *L) {
  luaL_newlib(L, core_funcs);
  lua_pushcfunction(L, lua_words), lua_setfield(L, -2, "words");
  lua_pushcfunction(L, lua_parse), lua_setfield(L, -2, "parse");
  lua_parse_max(L), lua_setfield(L, -2, "parse_max");
  lua_pushliteral(L, TINSH_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}

/*
** Install tinsh's additions without changing anything lua5.4 shows:
** package.path/cpath stay as the environment set them; the stdlib is
** found by one extra searcher, second, right after the preload one:
** the stdlib's modules come from the stdlib folder before any file
** along package.path, whose "./?.lua" would let a folder unpacked from
** a shared bundle ("tinsh/prelude.lua", "export.lua") replace them and
** run with the user's rights at every start (red team 5). Other names
** fall through to the standard searchers as in lua5.4.
*/
void host_openlibs(lua_State *L) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_tinsh_core);
  lua_setfield(L, -2, "tinsh.core");
  lua_pushcfunction(L, luaopen_tinsh_store), lua_setfield(L, -2, "tinsh.store");
  lua_pop(L, 1);
  lua_getglobal(L, "package");
  if (lua_getfield(L, -1, "searchers") == LUA_TTABLE) {
    for (lua_Integer k = luaL_len(L, -1); k >= 2; k--) { /* shift up */
      lua_rawgeti(L, -1, k);
      lua_rawseti(L, -2, k + 1);
    }
    lua_pushcfunction(L, host_stdlib_searcher);
    lua_rawseti(L, -2, 2);
  }
  lua_pop(L, 2);
}

/*
** Load the prelude (stdlib/tinsh/prelude.lua) when the stdlib has one:
** it installs the analyst's globals (corpus, help, ...). A missing
** stdlib is not an error: tinsh is then a plain Lua interpreter.
*/
int host_prelude(lua_State *L) {
  char file[PATH_MAX];
  snprintf(file, sizeof file, "%s/tinsh/prelude.lua", host_dir("stdlib"));
  if (access(file, R_OK) != 0) return LUA_OK;
  lua_getglobal(L, "require");
  lua_pushliteral(L, "tinsh.prelude");
  int status = host_docall(L, 1, 0);
  return host_report(L, status);
}
