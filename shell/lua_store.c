/*
** lua_store.c — the Lua module `tinsh.store`: the database handle (open,
** close, path, count) and the module's registration, which gathers the
** functions of the job files named in lua_store_int.h. Policy — filters,
** result sets, frames, help texts — lives in stdlib/corpus*.lua.
**
**   local S = require("tinsh.store")
**   local db = assert(S.open(S.default_path()))
**   for row in db:rows("SELECT id, title FROM documents") do ... end
*/
#include <stdio.h>
#include <stdlib.h>

#include "interrupt.h"
#include "lua_host.h"
#include "lua_store_int.h"

static void db_release(ldb *d) {
  if (!d->s) return;
  interrupt_unwatch(store_db(d->s));
  store_close(d->s);
  d->s = NULL;
}

/* __gc: safe twice */
static int db_gc(lua_State *L) {
  db_release(luaL_checkudata(L, 1, DB_MT));
  return 0;
}

/*
** S.open(path [, {write = true}]) -> db | fail, msg. Read-only unless
** write is asked; inside --sandbox write is refused. A read-only handle
** may still create TEMP objects (fts5vocab for statistics): the main
** database is protected by the read-only open itself.
*/

static int s_open(lua_State *L) {
  static const char *const known[] = {"write", NULL};
  const char *path = ls_arg_path(L, 1);
  ls_opts_known(L, 2, known);
  int write = ls_opt_bool(L, 2, "write", 0);
  if (write && sandbox_active(L)) {
    luaL_pushfail(L);
    lua_pushstring(L, "the corpus is read-only in --sandbox");
    return 2;
  }
  int may = sandbox_may_open_db(L, path);
  if (!may) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: not readable in --sandbox", path);
    return 2;
  }
  ldb *d = lua_newuserdatauv(L, sizeof *d, 0);
  d->s = NULL;
  d->writable = write;
  d->sandboxed = d->closed = 0;
  luaL_setmetatable(L, DB_MT);
  char *err = NULL;
  store *s = NULL;
  int mode = write      ? STORE_READWRITE
             : may == 2 ? STORE_UNTRUSTED
                        : STORE_READONLY;
  if (store_open(path, mode, &s, &err)) {
    luaL_pushfail(L);
    ls_push_owned(L, path, err, (size_t)-1, free, "cannot open");
    return 2;
  }
  d->s = s;
  /* every connection is interruptible (Ctrl-C, the sandbox's CPU and wall
  ** limits): past the watch table's 64, the next was not (red team 8). A
  ** full table is retried once after a collection frees closed handles. */
  if (interrupt_watch(store_db(s)) != 0 &&
      (lua_gc(L, LUA_GCCOLLECT, 0), interrupt_watch(store_db(s)) != 0)) {
    db_release(d);
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: too many databases open at once", path);
    return 2;
  }
  if (store_warning(s)) { /* through host_message: the path is the
                           ** script's, and in --sandbox its control
                           ** characters must not reach a terminal */
    host_message("tinsh",
                 lua_pushfstring(L, "%s: warning: %s", path, store_warning(s)));
    lua_pop(L, 1);
  }
  if (!write) sqlite3_exec(store_db(s), "PRAGMA query_only = 0", 0, 0, 0);
  if (sandbox_active(L)) { /* no ATTACH, no PRAGMA writes, ever */
    /* temp tables and sorts in memory, under the sandbox's heap limit:
    ** nothing spills to /tmp */
    sqlite3_exec(store_db(s), "PRAGMA temp_store = MEMORY", 0, 0, 0);
    d->sandboxed = 1;
    sqlite3_set_authorizer(store_db(s), ls_sql_authorizer, NULL);
  }
  return 1;
}

/* S.default_path() -> path | fail, msg (--db, $TINSH_DB, ./tinsh.db, example)
 */
static int s_default_path(lua_State *L) {
  char *err = NULL;
  char *p = store_default_path(host_db_option, &err);
  if (!p) {
    luaL_pushfail(L);
    ls_push_owned(L, NULL, err, (size_t)-1, free, "no corpus database");
    return 2;
  }
  box *b = ls_box_push(L);
  b->p = p, b->free = free;
  lua_pushstring(L, p);
  ls_box_release(b);
  return 1;
}

/*
** db:close() and __close: safe twice. Inside --sandbox the handle is only
** marked closed and the connection freed by __gc: a script's metamethod
** or __gc may close it while a C function of this handle is still
** running on its connection (the handle itself, on that function's
** stack, cannot be collected before it returns).
*/
static int db_close(lua_State *L) {
  ldb *d = luaL_checkudata(L, 1, DB_MT);
  if (d->sandboxed)
    d->closed = 1;
  else
    db_release(d);
  return 0;
}

static int db_path(lua_State *L) {
  lua_pushstring(L, store_path(ls_check_db(L, 1)->s));
  return 1;
}

static int db_writable(lua_State *L) {
  lua_pushboolean(L, ls_check_db(L, 1)->writable);
  return 1;
}

static int db_count(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)store_doc_count(ls_check_db(L, 1)->s));
  return 1;
}

static int db_tostring(lua_State *L) {
  ldb *d = luaL_checkudata(L, 1, DB_MT);
  if (d->s && !d->closed)
    lua_pushfstring(L, "store (%s)", store_path(d->s));
  else
    lua_pushliteral(L, "store (closed)");
  return 1;
}

/* ---- registration ---- */

static const luaL_Reg db_methods[] = {{"close", db_close},
                                      {"path", db_path},
                                      {"writable", db_writable},
                                      {"count", db_count},
                                      {"rows", ls_db_rows},
                                      {"all", ls_db_all},
                                      {"exec", ls_db_exec},
                                      {"sql", ls_db_sql},
                                      {"search", ls_db_search},
                                      {"search_count", ls_db_search_count},
                                      {"load", ls_db_load},
                                      {"terms", ls_db_terms},
                                      {"duplicates", ls_db_duplicates},
                                      {NULL, NULL}};

static const luaL_Reg funcs[] = {{"open", s_open},
                                 {"default_path", s_default_path},
                                 {"tokens", ls_s_tokens},
                                 {"count", ls_s_count},
                                 {"find", ls_s_find},
                                 {"lexicon", ls_s_lexicon},
                                 {"minhash", ls_s_minhash},
                                 {"similarity", ls_s_similarity},
                                 {"plain_query", ls_s_plain_query},
                                 {"lsh", ls_s_lsh},
                                 {"fact_schema", ls_s_fact_schema},
                                 {"query", ls_s_query},
                                 {"query_check", ls_s_query_check},
                                 {NULL, NULL}};

/*
** Create metatable `name` (if new) with gc serving __gc, close __close,
** and `methods` behind __index when given. Leaves it on the stack.
*/
static int new_closable_mt(lua_State *L, const char *name, lua_CFunction gc,
                           lua_CFunction close, const luaL_Reg *methods) {
  int fresh = ls_new_mt(L, name);
  if (fresh) {
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__close");
    if (methods) {
      lua_newtable(L);
      luaL_setfuncs(L, methods, 0);
      lua_setfield(L, -2, "__index");
    }
  }
  return fresh;
}

int luaopen_tinsh_store(lua_State *L) {
  new_closable_mt(L, BOX_MT, ls_box_gc, ls_box_gc, NULL);
  lua_pop(L, 1);
  new_closable_mt(L, STMT_MT, ls_stmt_gc, ls_stmt_gc, NULL);
  lua_pop(L, 1);
  if (new_closable_mt(L, DB_MT, db_gc, db_close, db_methods)) {
    lua_pushcfunction(L, db_tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pop(L, 1);
  luaL_newlib(L, funcs);
  ls_kwic_open(L);
  return 1;
}
