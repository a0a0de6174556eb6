/*
** lua_parse.c — the parser and the extractors as a Lua function:
**   parse(text) -> the JSON record `tinsh parse` prints for a file holding
**   text (title, date, blocks, people, places, figures, ...);
**   parse_max: the longest text it takes, in bytes.
** The prelude's tinsh.parse decodes it; the stdlib reads names of places
** and people through it (corpus/names.lua: "TP.HCM" is "Hồ Chí Minh").
** Installed as tinsh.core's `parse` (lua_core.c).
*/
#include <lauxlib.h>
#include <lua.h>

#include "doc.h"
#include "pipeline.h"
#include "util.h"

#define PARSE_TEXT_MAX (4u << 20) /* bytes: a page, not a corpus */
#define BOX_MT         "tinsh.parse_box"

/* What the parse holds in C memory, owned by a userdata on the stack, so
** that a Lua error (out of memory while pushing the result) leaks
** nothing: its __gc frees what is left. */
typedef struct box {
  doc *d;
  buf json;
} box;

/* Free what x holds: safe twice. */
static void box_release(box *x) {
  if (x->d) doc_free(x->d);
  x->d = NULL;
  buf_free(&x->json);
}

/* __gc */
static int box_gc(lua_State *L) {
  box_release(luaL_checkudata(L, 1, BOX_MT));
  return 0;
}

/* parse(text): raises "bad argument #1" for a non-string or text over
** PARSE_TEXT_MAX bytes (the parse's C memory is outside the sandbox's
** Lua memory limit; a few times the text). */
int lua_parse(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  luaL_argcheck(L, n <= PARSE_TEXT_MAX, 1, "text longer than 4 MB");
  box *x = lua_newuserdatauv(L, sizeof *x, 0);
  x->d = NULL;
  buf_init(&x->json);
  if (luaL_newmetatable(L, BOX_MT)) {
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  x->d = pipeline_document("(text)", s, n, 0);
  doc_to_json(x->d, &x->json);
  lua_pushlstring(L, x->json.data ? x->json.data : "", x->json.len);
  box_release(x);
  return 1;
}

/* Push tinsh.core's parse_max: the longest text parse takes, in bytes
** (corpus/names.lua checks it to name its own function in the error). */
void lua_parse_max(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)PARSE_TEXT_MAX);
}
