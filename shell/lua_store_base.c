/*
** lua_store_base.c — what every file of `tinsh.store` shares: boxes (C
** memory owned by a Lua value while we push), argument checks in the
** luaL_argerror style (never a silent cast), and small push helpers.
*/
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lua_store_int.h"

int ls_box_gc(lua_State *L) {
  box *b = luaL_checkudata(L, 1, BOX_MT);
  if (b->p && b->free) b->free(b->p);
  b->p = NULL;
  return 0;
}

int ls_new_mt(lua_State *L, const char *name) {
  if (!luaL_newmetatable(L, name)) return 0;
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  return 1;
}

/* Push an empty box (closed state) and return it; fill p/free after. */
box *ls_box_push(lua_State *L) {
  box *b = lua_newuserdatauv(L, sizeof *b, 0);
  b->p = NULL;
  b->free = NULL;
  luaL_setmetatable(L, BOX_MT);
  return b;
}

/* Release the box's resource now (the box stays on the stack). */
void ls_box_release(box *b) {
  if (b->p && b->free) b->free(b->p);
  b->p = NULL;
}

/* ls_push_owned's protected part: the string (1, 2: its light pointer and
** length), after the prefix 3 (a light pointer to a C string, or NULL):
** "pre: s". */
static int push_owned_str(lua_State *L) {
  const char *s = lua_touserdata(L, 1), *pre = lua_touserdata(L, 3);
  size_t n = (size_t)lua_tointeger(L, 2);
  if (pre)
    lua_pushfstring(L, "%s: %s", pre, s); /* s ends in a NUL here */
  else
    lua_pushlstring(L, s, n);
  return 1;
}

void ls_push_owned(lua_State *L, const char *pre, char *p, size_t n,
                   void (*release)(void *), const char *dflt) {
  const char *s = p ? p : dflt;
  if (n == (size_t)-1 || !p) n = strlen(s);
  /* pushing a light C function, light pointers and an integer allocates
  ** nothing (a C function has LUA_MINSTACK free slots) */
  lua_pushcfunction(L, push_owned_str);
  lua_pushlightuserdata(L, (void *)s);
  lua_pushinteger(L, (lua_Integer)n);
  lua_pushlightuserdata(L, (void *)pre);
  int rc = lua_pcall(L, 3, 1, 0);
  if (p && release) release(p);
  if (rc != LUA_OK) lua_error(L);
}

/*
** The integer argument at arg (or opt when absent/nil), which must lie in
** lo..hi: a float without an integer value, NaN, inf or a value out of
** range raises `bad argument #arg to 'fn' (what must be lo..hi)`.
*/
lua_Integer ls_arg_range(lua_State *L, int arg, lua_Integer opt, lua_Integer lo,
                         lua_Integer hi, const char *what) {
  lua_Integer v = luaL_optinteger(L, arg, opt);
  if (v < lo || v > hi)
    luaL_argerror(L, arg,
                  lua_pushfstring(L, "%s must be %I..%I", what, lo, hi));
  return v;
}

/* The string argument at arg with its length, which must fit an int (the
** tokenizer's lengths are ints). */
const char *ls_arg_text(lua_State *L, int arg, size_t *n) {
  const char *s = luaL_checklstring(L, arg, n);
  luaL_argcheck(L, *n <= INT_MAX, arg, "text longer than 2 GB");
  return s;
}

ldb *ls_check_db(lua_State *L, int i) {
  ldb *d = luaL_checkudata(L, i, DB_MT);
  if (!d->s || d->closed) luaL_error(L, "corpus database is closed");
  return d;
}

/*
** Option k of the options table at argument t (dflt when absent): an
** integer in lo..hi, else `bad argument #t (k must be an integer lo..hi)`.
*/
int ls_opt_int(lua_State *L, int t, const char *k, int dflt, int lo, int hi) {
  if (!lua_istable(L, t)) return dflt;
  lua_getfield(L, t, k);
  int isint = 0;
  lua_Integer v = lua_isnil(L, -1) ? dflt : lua_tointegerx(L, -1, &isint);
  if (!lua_isnil(L, -1) &&
      (!isint || lua_type(L, -1) != LUA_TNUMBER || v < lo || v > hi))
    luaL_argerror(
        L, t, lua_pushfstring(L, "%s must be an integer %d..%d", k, lo, hi));
  lua_pop(L, 1);
  return (int)v;
}

/* Option k (a boolean or absent: dflt) of the table at argument t. */
int ls_opt_bool(lua_State *L, int t, const char *k, int dflt) {
  if (!lua_istable(L, t)) return dflt;
  lua_getfield(L, t, k);
  if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
    luaL_argerror(L, t,
                  lua_pushfstring(L, "%s: boolean expected, got %s", k,
                                  luaL_typename(L, -1)));
  int v = lua_isnil(L, -1) ? dflt : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

void ls_opts_known(lua_State *L, int t, const char *const known[]) {
  if (lua_isnoneornil(L, t)) return;
  luaL_checktype(L, t, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1); /* the value; the key stays for lua_next */
    int ok = 0;
    if (lua_type(L, -1) == LUA_TSTRING)
      for (const char *const *k = known; *k && !ok; k++)
        ok = strcmp(*k, lua_tostring(L, -1)) == 0;
    if (!ok && lua_type(L, -1) == LUA_TSTRING)
      luaL_argerror(
          L, t, lua_pushfstring(L, "unknown option '%s'", lua_tostring(L, -1)));
    if (!ok)
      luaL_argerror(L, t,
                    lua_pushfstring(L, "unknown option (a %s key)",
                                    luaL_typename(L, -1)));
  }
  /* A plain copy in its place, always: no __index of the script's runs
  ** while the options are read (red team 7), and no finalizer the call's
  ** allocations run can take a value C code holds (a lexicon) out of the
  ** table for the collector to free: a table without a metatable was used
  ** as it was, and `opts.lexicon = nil` from a __gc freed the lexicon
  ** S.query was segmenting with (red team 10, a use after free). */
  t = lua_absindex(L, t);
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
  lua_replace(L, t);
}

const char *ls_arg_path(lua_State *L, int arg) {
  size_t n;
  const char *s = luaL_checklstring(L, arg, &n);
  luaL_argcheck(L, strlen(s) == n, arg, "path contains a NUL byte");
  return s;
}

/* Option k (a string or absent) of the table at t, left on the stack. */
const char *ls_opt_str(lua_State *L, int t, const char *k) {
  lua_getfield(L, t, k);
  if (lua_isnil(L, -1)) return NULL;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_argerror(L, t, lua_pushfstring(L, "%s must be a string", k));
  return lua_tostring(L, -1);
}

void ls_set_str(lua_State *L, const char *k, const char *v) {
  if (!v) return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

/* push a C string list as a Lua list */
void ls_push_strings(lua_State *L, char **items, size_t n) {
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_pushstring(L, items[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

void ls_set_num(lua_State *L, const char *k, double v) {
  if (v == floor(v) && fabs(v) < 9e15)
    lua_pushinteger(L, (lua_Integer)v);
  else
    lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

uint64_t ls_mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
