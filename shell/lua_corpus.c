/*
** lua_corpus.c — the C mechanisms under the corpus module: the preloaded
** Lua module `tinsh.store`. Thin bindings over store.h (open, rows, search,
** full documents) plus the hot text loops the statistics need (tokens,
** phrase matching for KWIC, MinHash signatures). Policy — filters, result
** sets, frames, help texts — lives in stdlib/corpus*.lua.
**
** Ownership (STYLE.md): every C resource reachable from Lua is owned by a
** userdata whose __gc and __close are one function, safe to call twice.
** C memory that must live across a call that may raise (pushing into a
** table) is first put in a `box` userdata, so an error frees it.
**
**   local S = require("tinsh.store")
**   local db = assert(S.open(S.default_path()))
**   for row in db:rows("SELECT id, title FROM documents") do ... end
*/
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "interrupt.h"
#include "lua_host.h"
#include "store.h"

#define DB_MT   "tinsh.store.db"
#define STMT_MT "tinsh.store.stmt"
#define BOX_MT  "tinsh.store.box"

/* ---- boxes: C memory owned by a Lua value while we push ---- */

typedef struct box {
  void *p;              /* the resource, NULL once released */
  void (*free)(void *); /* how to release it */
} box;

static int box_gc(lua_State *L) {
  box *b = luaL_checkudata(L, 1, BOX_MT);
  if (b->p && b->free) b->free(b->p);
  b->p = NULL;
  return 0;
}

/* Push an empty box (closed state) and return it; fill p/free after. */
static box *box_push(lua_State *L) {
  box *b = lua_newuserdatauv(L, sizeof *b, 0);
  b->p = NULL;
  b->free = NULL;
  luaL_setmetatable(L, BOX_MT);
  return b;
}

/* Release the box's resource now (the box stays on the stack). */
static void box_release(box *b) {
  if (b->p && b->free) b->free(b->p);
  b->p = NULL;
}

/* ---- argument checks (luaL_argerror style, never a silent cast) ---- */

/*
** The integer argument at arg (or opt when absent/nil), which must lie in
** lo..hi: a float without an integer value, NaN, inf or a value out of
** range raises `bad argument #arg to 'fn' (what must be lo..hi)`.
*/
static lua_Integer arg_range(lua_State *L, int arg, lua_Integer opt,
                             lua_Integer lo, lua_Integer hi, const char *what) {
  lua_Integer v = luaL_optinteger(L, arg, opt);
  if (v < lo || v > hi)
    luaL_argerror(L, arg,
                  lua_pushfstring(L, "%s must be %I..%I", what, lo, hi));
  return v;
}

/* The string argument at arg with its length, which must fit an int (the
** tokenizer's lengths are ints). */
static const char *arg_text(lua_State *L, int arg, size_t *n) {
  const char *s = luaL_checklstring(L, arg, n);
  luaL_argcheck(L, *n <= INT_MAX, arg, "text longer than 2 GB");
  return s;
}

/* ---- the database handle ---- */

typedef struct ldb {
  store *s;      /* NULL once closed */
  int writable;  /* opened read-write */
  int sandboxed; /* opened inside --sandbox: the authorizer stays on */
} ldb;

static ldb *check_db(lua_State *L, int i) {
  ldb *d = luaL_checkudata(L, i, DB_MT);
  if (!d->s) luaL_error(L, "corpus database is closed");
  return d;
}

static void db_release(ldb *d) {
  if (!d->s) return;
  interrupt_unwatch(store_db(d->s));
  store_close(d->s);
  d->s = NULL;
}

/* __gc and __close and db:close(): safe twice */
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
static int sql_authorizer(void *ud, int op, const char *a, const char *b,
                          const char *c, const char *d);

static int s_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  int write = 0;
  if (lua_istable(L, 2)) {
    lua_getfield(L, 2, "write");
    write = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  if (write && sandbox_active(L)) {
    luaL_pushfail(L);
    lua_pushstring(L, "the corpus is read-only in --sandbox");
    return 2;
  }
  ldb *d = lua_newuserdatauv(L, sizeof *d, 0);
  d->s = NULL;
  d->writable = write;
  d->sandboxed = 0;
  luaL_setmetatable(L, DB_MT);
  char *err = NULL;
  store *s = NULL;
  if (store_open(path, write ? STORE_READWRITE : STORE_READONLY, &s, &err)) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, err ? err : "cannot open");
    free(err);
    return 2;
  }
  d->s = s;
  if (store_warning(s))
    fprintf(stderr, "tinsh: %s: warning: %s\n", path, store_warning(s));
  interrupt_watch(store_db(s));
  if (!write) sqlite3_exec(store_db(s), "PRAGMA query_only = 0", 0, 0, 0);
  if (sandbox_active(L)) { /* no ATTACH, no PRAGMA writes, ever */
    /* temp tables and sorts in memory, under the sandbox's heap limit:
    ** nothing spills to /tmp */
    sqlite3_exec(store_db(s), "PRAGMA temp_store = MEMORY", 0, 0, 0);
    d->sandboxed = 1;
    sqlite3_set_authorizer(store_db(s), sql_authorizer, NULL);
  }
  return 1;
}

/* S.default_path() -> path | fail, msg (--db, $TINSH_DB, ./tinsh.db, example)
 */
static int s_default_path(lua_State *L) {
  char *err = NULL;
  char *p = store_default_path(getenv("TINSH_DB_OPTION"), &err);
  if (!p) {
    luaL_pushfail(L);
    lua_pushstring(L, err ? err : "no corpus database");
    free(err);
    return 2;
  }
  box *b = box_push(L);
  b->p = p, b->free = free;
  lua_pushstring(L, p);
  box_release(b);
  return 1;
}

static int db_close(lua_State *L) {
  db_release(luaL_checkudata(L, 1, DB_MT));
  return 0;
}

static int db_path(lua_State *L) {
  lua_pushstring(L, store_path(check_db(L, 1)->s));
  return 1;
}

static int db_writable(lua_State *L) {
  lua_pushboolean(L, check_db(L, 1)->writable);
  return 1;
}

static int db_count(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)store_doc_count(check_db(L, 1)->s));
  return 1;
}

static int db_tostring(lua_State *L) {
  ldb *d = luaL_checkudata(L, 1, DB_MT);
  if (d->s)
    lua_pushfstring(L, "store (%s)", store_path(d->s));
  else
    lua_pushliteral(L, "store (closed)");
  return 1;
}

/* ---- statements ---- */

typedef struct lstmt {
  sqlite3_stmt *st; /* NULL once finalized */
  ldb *db;          /* owner; pinned by user value 1 */
  int ncol;
  int array; /* rows as arrays instead of records */
  int done;
} lstmt;

static int stmt_gc(lua_State *L) {
  lstmt *s = luaL_checkudata(L, 1, STMT_MT);
  if (s->st) sqlite3_finalize(s->st);
  s->st = NULL;
  return 0;
}

/* Push the value of column i of st as a Lua value (copied). */
static void push_column(lua_State *L, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
      lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(st, i));
      break;
    case SQLITE_FLOAT:
      lua_pushnumber(L, sqlite3_column_double(st, i));
      break;
    case SQLITE_TEXT:
      lua_pushlstring(L, (const char *)sqlite3_column_text(st, i),
                      (size_t)sqlite3_column_bytes(st, i));
      break;
    case SQLITE_BLOB: {
      const void *p = sqlite3_column_blob(st, i);
      lua_pushlstring(L, p ? p : "", (size_t)sqlite3_column_bytes(st, i));
      break;
    }
    default:
      lua_pushnil(L);
  }
}

/* Bind one Lua value (at idx) to parameter i; raises on unsupported types */
static void bind_value(lua_State *L, sqlite3_stmt *st, int i, int idx) {
  int rc;
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      rc = sqlite3_bind_null(st, i);
      break;
    case LUA_TBOOLEAN:
      rc = sqlite3_bind_int(st, i, lua_toboolean(L, idx));
      break;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx))
        rc = sqlite3_bind_int64(st, i, (sqlite3_int64)lua_tointeger(L, idx));
      else
        rc = sqlite3_bind_double(st, i, lua_tonumber(L, idx));
      break;
    case LUA_TSTRING: {
      size_t n;
      const char *s = lua_tolstring(L, idx, &n);
      if (n > INT_MAX) {
        luaL_error(L, "SQL parameter %d: string longer than 2 GB", i);
        return;
      }
      rc = sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
      break;
    }
    default:
      luaL_error(L, "cannot bind a %s to SQL parameter %d",
                 luaL_typename(L, idx), i);
      return;
  }
  if (rc != SQLITE_OK) luaL_error(L, "binding SQL parameter %d failed", i);
}

/*
** Bind params (a table at idx, or none): a list binds ?1..?n, string keys
** bind :name / @name / $name. The statement must already be owned by a
** Lua value (errors raise).
*/
static void bind_params(lua_State *L, sqlite3_stmt *st, int idx) {
  if (lua_isnoneornil(L, idx)) return;
  luaL_checktype(L, idx, LUA_TTABLE);
  int np = sqlite3_bind_parameter_count(st);
  for (int i = 1; i <= np; i++) {
    const char *name = sqlite3_bind_parameter_name(st, i);
    if (name && (name[0] == ':' || name[0] == '@' || name[0] == '$')) {
      lua_getfield(L, idx, name + 1);
    } else if (name && name[0] == '?' && name[1]) {
      lua_geti(L, idx, atoi(name + 1));
    } else {
      lua_geti(L, idx, i);
    }
    bind_value(L, st, i, -1);
    lua_pop(L, 1);
  }
}

/*
** Prepare sql on db into a new statement userdata (pushed). On an SQL
** error raises with SQLite's message (prefixed by what).
*/
static lstmt *prepare(lua_State *L, int dbi, const char *sql,
                      const char *what) {
  ldb *d = check_db(L, dbi);
  lstmt *s = lua_newuserdatauv(L, sizeof *s, 1);
  memset(s, 0, sizeof *s);
  luaL_setmetatable(L, STMT_MT);
  lua_pushvalue(L, dbi);
  lua_setiuservalue(L, -2, 1); /* the statement pins its database */
  s->db = d;
  if (sqlite3_prepare_v2(store_db(d->s), sql, -1, &s->st, NULL) != SQLITE_OK) {
    sqlite3_finalize(s->st);
    s->st = NULL;
    luaL_error(L, "%s: %s", what, sqlite3_errmsg(store_db(d->s)));
  }
  if (!s->st) luaL_error(L, "%s: empty statement", what);
  s->ncol = sqlite3_column_count(s->st);
  return s;
}

/* Push the column names of s as a list. */
static void push_names(lua_State *L, lstmt *s) {
  lua_createtable(L, s->ncol, 0);
  for (int i = 0; i < s->ncol; i++) {
    lua_pushstring(L, sqlite3_column_name(s->st, i));
    lua_rawseti(L, -2, i + 1);
  }
}

/*
** Step s and push the row as a table (record keyed by the names list at
** names_idx, or an array), or push nothing and return 0 at the end.
** Raises on an SQL error (the statement is owned by a userdata).
*/
static int step_row(lua_State *L, lstmt *s, int names_idx, int mt_idx) {
  if (!s->st || s->done) return 0;
  if (s->db && !s->db->s) luaL_error(L, "corpus database is closed");
  int rc = sqlite3_step(s->st);
  if (rc == SQLITE_DONE) {
    s->done = 1;
    sqlite3_finalize(s->st);
    s->st = NULL;
    return 0;
  }
  if (rc != SQLITE_ROW) {
    const char *msg = sqlite3_errmsg(sqlite3_db_handle(s->st));
    lua_pushstring(L, msg);
    sqlite3_finalize(s->st);
    s->st = NULL;
    return lua_error(L);
  }
  luaL_checkstack(L, 4, "row");
  if (s->array) {
    lua_createtable(L, s->ncol, 0);
    for (int i = 0; i < s->ncol; i++) {
      push_column(L, s->st, i);
      lua_rawseti(L, -2, i + 1);
    }
  } else {
    lua_createtable(L, 0, s->ncol);
    for (int i = 0; i < s->ncol; i++) {
      if (sqlite3_column_type(s->st, i) == SQLITE_NULL) continue;
      lua_rawgeti(L, names_idx, i + 1);
      push_column(L, s->st, i);
      lua_rawset(L, -3);
    }
  }
  if (mt_idx) {
    lua_pushvalue(L, mt_idx);
    lua_setmetatable(L, -2);
  }
  return 1;
}

/* the generic-for iterator: upvalues stmt, names, metatable|nil */
static int rows_iter(lua_State *L) {
  lstmt *s = lua_touserdata(L, lua_upvalueindex(1));
  int mt = lua_istable(L, lua_upvalueindex(3)) ? lua_upvalueindex(3) : 0;
  if (!step_row(L, s, lua_upvalueindex(2), mt)) return 0;
  return 1;
}

/* read options {array=, meta=} at idx into s; meta left on the stack */
static void row_opts(lua_State *L, int idx, lstmt *s) {
  if (lua_istable(L, idx)) {
    lua_getfield(L, idx, "array");
    s->array = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "meta") != LUA_TNIL && !lua_istable(L, -1))
      luaL_argerror(L, idx, "meta must be a table");
  } else {
    if (!lua_isnoneornil(L, idx)) luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
  }
}

/*
** db:rows(sql [, params [, {array =, meta =}]]) -> iterator, nil, nil,
** closer. Rows are records keyed by column name (NULL columns absent),
** or arrays; meta is set as each row's metatable. The closer is the
** statement: `break` finalizes it (to-be-closed 4th value).
*/
static int db_rows(lua_State *L) {
  lua_settop(L, 4);
  const char *sql = luaL_checkstring(L, 2);
  lstmt *s = prepare(L, 1, sql, "sql"); /* stack: ... stmt */
  int si = lua_gettop(L);
  bind_params(L, s->st, 3);
  lua_pushvalue(L, si);
  push_names(L, s);
  row_opts(L, 4, s);
  lua_pushcclosure(L, rows_iter, 3);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, si);
  return 4;
}

/* Collect every row of the statement at si into a list; push list, names */
static int all_rows(lua_State *L, lstmt *s, int si, int mt) {
  push_names(L, s);
  int names = lua_gettop(L);
  lua_newtable(L);
  lua_Integer n = 0;
  while (step_row(L, s, names, mt)) lua_rawseti(L, -2, ++n);
  lua_pushvalue(L, names);
  (void)si;
  return 2;
}

/* db:all(sql [, params [, opts]]) -> list of rows, column names */
static int db_all(lua_State *L) {
  lua_settop(L, 4);
  const char *sql = luaL_checkstring(L, 2);
  lstmt *s = prepare(L, 1, sql, "sql");
  int si = lua_gettop(L);
  bind_params(L, s->st, 3);
  row_opts(L, 4, s);
  int mt = lua_istable(L, -1) ? lua_gettop(L) : 0;
  return all_rows(L, s, si, mt);
}

/* db:exec(sql [, params]) -> number of changed rows. Several statements
** are allowed without params. Raises on errors (and on a read-only db). */
static int db_exec(lua_State *L) {
  lua_settop(L, 3);
  ldb *d = check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  if (!d->writable)
    return luaL_error(L, "the corpus database is open read-only");
  if (lua_isnoneornil(L, 3)) {
    char *e = NULL;
    if (sqlite3_exec(store_db(d->s), sql, NULL, NULL, &e) != SQLITE_OK) {
      lua_pushstring(L, e ? e : sqlite3_errmsg(store_db(d->s)));
      sqlite3_free(e);
      return lua_error(L);
    }
  } else {
    lstmt *s = prepare(L, 1, sql, "sql");
    bind_params(L, s->st, 3);
    int rc;
    while ((rc = sqlite3_step(s->st)) == SQLITE_ROW) continue;
    if (rc != SQLITE_DONE)
      return luaL_error(L, "sql: %s", sqlite3_errmsg(store_db(d->s)));
    sqlite3_finalize(s->st);
    s->st = NULL;
  }
  lua_pushinteger(L, sqlite3_changes(store_db(d->s)));
  return 1;
}

/* ---- corpus:sql — read-only user SQL ---- */

/* Deny whatever could write or reach other files: ATTACH/DETACH, PRAGMA
** with a value (writes), and every data/schema change. */
static int sql_authorizer(void *ud, int op, const char *a, const char *b,
                          const char *c, const char *d) {
  (void)ud, (void)c, (void)d;
  switch (op) {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      /* SQLite itself checks an UPDATE of sqlite_master when a virtual
      ** table (fts) connects; writes by the user are refused anyway
      ** (sqlite3_stmt_readonly, read-only connection) */
      return a && (strcmp(a, "sqlite_master") == 0 ||
                   strcmp(a, "sqlite_temp_master") == 0)
                 ? SQLITE_OK
                 : SQLITE_DENY;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_TRIGGER:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_VTABLE:
    case SQLITE_ALTER_TABLE:
    case SQLITE_REINDEX:
    case SQLITE_ANALYZE:
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      return SQLITE_DENY;
    case SQLITE_PRAGMA: {
      /* PRAGMA x reads; PRAGMA x = v / x(v) may write, except these */
      static const char *const readers[] = {"table_info",    "table_xinfo",
                                            "index_list",    "index_info",
                                            "index_xinfo",   "foreign_key_list",
                                            "database_list", "collation_list",
                                            "function_list", "module_list",
                                            "pragma_list",   "compile_options",
                                            "table_list",    "integrity_check",
                                            "quick_check",   NULL};
      if (!b) return SQLITE_OK;
      for (int i = 0; readers[i]; i++)
        if (a && sqlite3_stricmp(a, readers[i]) == 0) return SQLITE_OK;
      return SQLITE_DENY;
    }
    default:
      return SQLITE_OK;
  }
}

/*
** db:sql(sql [, params]) -> list of records, column names. Read-only
** whatever the handle: an authorizer denies writes, ATTACH/DETACH and
** PRAGMA assignments while the statement is prepared, and a statement
** that is not read-only is refused. Parameters are bound, never spliced.
*/
static int db_sql(lua_State *L) {
  lua_settop(L, 3);
  ldb *d = check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  sqlite3 *db = store_db(d->s);
  sqlite3_set_authorizer(db, sql_authorizer, NULL);
  lstmt *s = lua_newuserdatauv(L, sizeof *s, 1);
  memset(s, 0, sizeof *s);
  luaL_setmetatable(L, STMT_MT);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  s->db = d;
  const char *tail = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &s->st, &tail);
  sqlite3_set_authorizer(db, d->sandboxed ? sql_authorizer : NULL, NULL);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_AUTH)
      return luaL_error(L, "corpus:sql is read-only: %s", sqlite3_errmsg(db));
    return luaL_error(L, "sql: %s", sqlite3_errmsg(db));
  }
  if (!s->st) return luaL_error(L, "sql: empty statement");
  while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' ||
                  *tail == ';' || *tail == '\r'))
    tail++;
  if (tail && *tail) {
    lua_pushlstring(L, tail, strnlen(tail, 20));
    return luaL_error(L, "sql: one statement at a time (near \"%s\")",
                      lua_tostring(L, -1));
  }
  if (!sqlite3_stmt_readonly(s->st))
    return luaL_error(L, "corpus:sql is read-only");
  s->ncol = sqlite3_column_count(s->st);
  int si = lua_gettop(L);
  bind_params(L, s->st, 3);
  return all_rows(L, s, si, 0);
}

/* ---- search ---- */

static void search_free(void *p) {
  store_search_close(p);
}

/*
** Option k of the options table at argument t (dflt when absent): an
** integer in lo..hi, else `bad argument #t (k must be an integer lo..hi)`.
*/
static int opt_int(lua_State *L, int t, const char *k, int dflt, int lo,
                   int hi) {
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

static int opt_bool(lua_State *L, int t, const char *k, int dflt) {
  if (!lua_istable(L, t)) return dflt;
  lua_getfield(L, t, k);
  int v = lua_isnil(L, -1) ? dflt : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

/* Option k (a string or absent) of the table at t, left on the stack. */
static const char *opt_str(lua_State *L, int t, const char *k) {
  lua_getfield(L, t, k);
  if (lua_isnil(L, -1)) return NULL;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_argerror(L, t, lua_pushfstring(L, "%s must be a string", k));
  return lua_tostring(L, -1);
}

static void set_str(lua_State *L, const char *k, const char *v) {
  if (!v) return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

/*
** db:search(query [, {limit =, offset =, raw =, snippet = tokens,
** offsets =, open =, close =}]) -> list of hits {rowid, id, path, title,
** published, score, snippet, offsets} | fail, msg (bad raw syntax).
** limit < 0 returns every hit. Score: bm25, lower is better.
*/
static int db_search(lua_State *L) {
  lua_settop(L, 3);
  ldb *d = check_db(L, 1);
  const char *q = luaL_checkstring(L, 2);
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  store_search_opts o = {0};
  o.limit = opt_int(L, 3, "limit", 20, -1, INT_MAX);
  o.offset = opt_int(L, 3, "offset", 0, 0, INT_MAX);
  o.raw = opt_bool(L, 3, "raw", 0);
  o.snippet_tokens = opt_int(L, 3, "snippet", 16, -1, 64);
  o.offsets = opt_bool(L, 3, "offsets", 0);
  if (lua_istable(L, 3)) { /* both stay on the stack */
    o.hl_open = opt_str(L, 3, "open");
    o.hl_close = opt_str(L, 3, "close");
  }
  if (o.snippet_tokens == 0) o.snippet_tokens = -1;
  box *b = box_push(L);
  char *err = NULL;
  store_search *ss = store_search_open(d->s, q, &o, &err);
  if (!ss) {
    luaL_pushfail(L);
    lua_pushstring(L, err ? err : "search failed");
    free(err);
    return 2;
  }
  b->p = ss, b->free = search_free;
  lua_newtable(L);
  store_hit h;
  lua_Integer n = 0;
  int rc;
  while ((rc = store_search_next(ss, &h)) == 1) {
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, (lua_Integer)h.id);
    lua_setfield(L, -2, "rowid");
    set_str(L, "id", h.doc_id);
    set_str(L, "path", h.path);
    set_str(L, "title", h.title);
    set_str(L, "published", h.published);
    lua_pushnumber(L, h.score);
    lua_setfield(L, -2, "score");
    set_str(L, "snippet", h.snippet);
    set_str(L, "offsets", h.offsets);
    lua_rawseti(L, -2, ++n);
  }
  if (rc < 0) {
    luaL_pushfail(L);
    lua_pushstring(L, store_errmsg(d->s));
    return 2;
  }
  box_release(b);
  return 1;
}

/* db:search_count(query [, raw]) -> n | fail, msg */
static int db_search_count(lua_State *L) {
  ldb *d = check_db(L, 1);
  char *err = NULL;
  int64_t n = store_search_count(d->s, luaL_checkstring(L, 2),
                                 lua_toboolean(L, 3), &err);
  if (n < 0) {
    luaL_pushfail(L);
    lua_pushstring(L, err ? err : "search failed");
    free(err);
    return 2;
  }
  lua_pushinteger(L, (lua_Integer)n);
  return 1;
}

/* ---- full documents ---- */

static void doc_free_v(void *p) {
  doc_free(p);
}

/* push a C string list as a Lua list */
static void push_strings(lua_State *L, char **items, size_t n) {
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_pushstring(L, items[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static void set_num(lua_State *L, const char *k, double v) {
  if (v == floor(v) && fabs(v) < 9e15)
    lua_pushinteger(L, (lua_Integer)v);
  else
    lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

static void push_blocks(lua_State *L, const doc *d) {
  lua_createtable(L, (int)d->blocks.n, 0);
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    lua_createtable(L, 0, 4);
    set_str(L, "kind", doc_kind_name(b->kind));
    set_str(L, "text", b->text ? b->text : "");
    lua_pushinteger(L, (lua_Integer)b->off);
    lua_setfield(L, -2, "off");
    lua_pushinteger(L, (lua_Integer)b->len);
    lua_setfield(L, -2, "len");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "blocks");
}

/* Set field c of item p in the table on top (absent when it has none). */
static void push_field(lua_State *L, const void *p, const fact_column *c) {
  int v;
  switch (c->type) {
    case FT_STR:
      set_str(L, c->lua, *FACT_FIELD(p, c, char *));
      return;
    case FT_OPTNUM:
      if (!*(const int *)(const void *)((const char *)p + c->flag)) return;
      /* fall through */
    case FT_NUM:
      set_num(L, c->lua, *FACT_FIELD(p, c, double));
      return;
    case FT_INT0:
    case FT_INT:
      v = *FACT_FIELD(p, c, int);
      if (v == 0 && c->type == FT_INT0) return;
      lua_pushinteger(L, v);
      break;
    case FT_BLOCK: /* -1: no block (or a damaged index) */
      if ((v = *FACT_FIELD(p, c, int)) < 0) return;
      lua_pushinteger(L, (lua_Integer)v + 1);
      break;
    case FT_STRS: {
      const doc_strs *l = FACT_FIELD(p, c, doc_strs);
      push_strings(L, l->items, l->n);
      break;
    }
  }
  lua_setfield(L, -2, c->lua);
}

/* Set d's fact lists in the table on top, one field per kind. */
static void push_facts(lua_State *L, const doc *d) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    size_t n = fact_count(d, fk);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
      const void *p = fact_item(d, fk, i);
      if (fk->bare) {
        lua_pushstring(L, *FACT_FIELD(p, &fk->cols[0], char *));
      } else {
        lua_createtable(L, 0, (int)fk->ncols);
        for (size_t c = 0; c < fk->ncols; c++) push_field(L, p, &fk->cols[c]);
      }
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, fk->lua);
  }
}

/* The Lua name of a column type in fact_schema(). */
static const char *type_name(fact_type t) {
  switch (t) {
    case FT_STR:
      return "text";
    case FT_NUM:
    case FT_OPTNUM:
      return "real";
    case FT_STRS:
      return "json";
    default:
      return "integer";
  }
}

/*
** store.fact_schema() -> the fact kinds in JSON order, each {kind, table,
** json, field, bare, columns = {{name (SQL), type, field (Lua key), json
** (or nil)}, ...}} (doc and seq excluded): fact_schema.h, for the stdlib.
*/
static int s_fact_schema(lua_State *L) {
  lua_createtable(L, FK__COUNT, 0);
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    lua_createtable(L, 0, 6);
    set_str(L, "kind", fk->kind), set_str(L, "table", fk->table);
    set_str(L, "json", fk->json), set_str(L, "field", fk->lua);
    lua_pushboolean(L, fk->bare), lua_setfield(L, -2, "bare");
    lua_createtable(L, (int)fk->ncols, 0);
    for (size_t c = 0; c < fk->ncols; c++) {
      lua_createtable(L, 0, 4);
      set_str(L, "name", fk->cols[c].sql);
      set_str(L, "type", type_name(fk->cols[c].type));
      set_str(L, "field", fk->cols[c].lua);
      set_str(L, "json", fk->cols[c].json);
      lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    lua_setfield(L, -2, "columns");
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/*
** db:load(rowid) -> the whole document as a table (DESIGN.md fields plus
** text and rowid; block indexes 1-based), or nil when there is none.
*/
static int db_load(lua_State *L) {
  ldb *d = check_db(L, 1);
  lua_Integer id = luaL_checkinteger(L, 2);
  box *b = box_push(L);
  doc *dc = store_doc_load(d->s, (int64_t)id);
  if (!dc) return 0;
  b->p = dc, b->free = doc_free_v;
  luaL_checkstack(L, 8, "document");
  lua_createtable(L, 0, 20);
  lua_pushinteger(L, id);
  lua_setfield(L, -2, "rowid");
  set_str(L, "id", dc->id);
  set_str(L, "path", dc->path);
  set_str(L, "title", dc->title);
  set_str(L, "published", dc->published);
  set_str(L, "author", dc->author);
  set_str(L, "site", dc->site);
  set_str(L, "lead", dc->lead);
  lua_pushlstring(L, dc->text ? dc->text : "", dc->text ? dc->text_len : 0);
  lua_setfield(L, -2, "text");
  push_blocks(L, dc);
  push_facts(L, dc);
  box_release(b);
  return 1;
}

/* ---- text mechanisms: tokens, phrase matching, MinHash ---- */

typedef struct tokv {
  buf b;    /* tokens, each followed by NUL */
  int *off; /* start offsets (n entries) */
  int n, cap;
  int last_end; /* end of the previous token */
  const char *text;
  int breaks; /* record sentence breaks as empty tokens */
} tokv;

static void tokv_free(void *p) {
  tokv *t = p;
  buf_free(&t->b);
  free(t->off);
  free(t);
}

static void tokv_add(tokv *t, const char *tok, int n, int start) {
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 256;
    t->off = xrealloc(t->off, (size_t)t->cap * sizeof *t->off);
  }
  t->off[t->n++] = start;
  buf_add(&t->b, tok, (size_t)n);
  buf_addc(&t->b, '\0');
}

/* is there a sentence/clause break between two tokens? */
static int has_break(const char *s, int from, int to) {
  for (int i = from; i < to; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n' ||
        c == '(' || c == ')' || c == ',' || c == '"')
      return 1;
    if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80) {
      unsigned char c3 = (unsigned char)s[i + 2];
      if (c3 == 0x9C || c3 == 0x9D || c3 == 0xA6 || c3 == 0x93 || c3 == 0x94)
        return 1; /* “ ” … – — */
    }
  }
  return 0;
}

static int tok_collect(void *ctx, int tflags, const char *tok, int ntok,
                       int start, int end) {
  tokv *t = ctx;
  if (tflags & FTS_COLOCATED) return 0;
  if (t->breaks && t->n > 0 && has_break(t->text, t->last_end, start))
    tokv_add(t, "", 0, t->last_end);
  tokv_add(t, tok, ntok, start);
  t->last_end = end;
  return 0;
}

/*
** S.tokens(text [, breaks]) -> list of syllable tokens (NFC, case folded,
** diacritics kept; numbers and document numbers whole), the same tokens
** a search query uses. With breaks, an empty string marks punctuation
** between two tokens (sentence and clause boundaries).
*/
static int s_tokens(lua_State *L) {
  size_t n;
  const char *text = arg_text(L, 1, &n);
  int breaks = lua_toboolean(L, 2);
  box *b = box_push(L);
  tokv *t = xcalloc(1, sizeof *t);
  b->p = t, b->free = tokv_free;
  t->text = text;
  t->breaks = breaks;
  fts_tokenize(text, (int)n, FTS_QUERY, tok_collect, t);
  lua_createtable(L, t->n, 0);
  const char *p = t->b.data;
  for (int i = 0; i < t->n; i++) {
    size_t len = strlen(p);
    lua_pushlstring(L, p, len);
    lua_rawseti(L, -2, i + 1);
    p += len + 1;
  }
  box_release(b);
  return 1;
}

/*
** S.count(text, counts [, breaks]) -> number of tokens; adds 1 to
** counts[token] for each token of text (a frequency list in one call).
*/
static int s_count(lua_State *L) {
  size_t n;
  const char *text = arg_text(L, 1, &n);
  luaL_checktype(L, 2, LUA_TTABLE);
  box *b = box_push(L);
  tokv *t = xcalloc(1, sizeof *t);
  b->p = t, b->free = tokv_free;
  t->text = text;
  fts_tokenize(text, (int)n, FTS_QUERY, tok_collect, t);
  const char *p = t->b.data;
  for (int i = 0; i < t->n; i++) {
    size_t len = strlen(p);
    lua_pushlstring(L, p, len);
    lua_pushvalue(L, -1);
    lua_Integer c = lua_rawget(L, 2) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    lua_pushinteger(L, c < LUA_MAXINTEGER ? c + 1 : c); /* saturating */
    lua_rawset(L, 2);
    p += len + 1;
  }
  lua_pushinteger(L, t->n);
  box_release(b);
  return 1;
}

/* ---- phrase matching ---- */

#define MAXQ 32

typedef struct matcher {
  char *q[MAXQ]; /* query tokens (folded exact forms) */
  int qn[MAXQ];
  int nq;
  int prefix; /* last query token is a prefix */
  /* ring of the last nq positions: start, end, bitmask of matching tokens */
  int rs[MAXQ], re[MAXQ];
  uint32_t rm[MAXQ];
  long pos;  /* current position index */
  int *hits; /* pairs start, end */
  int nhits, cap;
  int max; /* stop after this many (0 = all) */
} matcher;

static void matcher_free(void *p) {
  matcher *m = p;
  for (int i = 0; i < m->nq; i++) free(m->q[i]);
  free(m->hits);
  free(m);
}

static int qtok(void *ctx, int tflags, const char *tok, int ntok, int s,
                int e) {
  (void)tflags, (void)s, (void)e;
  matcher *m = ctx;
  if (m->nq >= MAXQ) return 0;
  m->q[m->nq] = xstrndup(tok, (size_t)ntok);
  m->qn[m->nq++] = ntok;
  return 0;
}

static uint32_t match_bits(const matcher *m, const char *tok, int ntok) {
  uint32_t bits = 0;
  for (int j = 0; j < m->nq; j++) {
    int last = j == m->nq - 1 && m->prefix;
    if (last ? (ntok >= m->qn[j] && memcmp(tok, m->q[j], m->qn[j]) == 0)
             : (ntok == m->qn[j] && memcmp(tok, m->q[j], ntok) == 0))
      bits |= 1u << j;
  }
  return bits;
}

/* check whether the phrase ends at the current position */
static void check_phrase(matcher *m) {
  if (m->pos + 1 < m->nq) return;
  for (int j = 0; j < m->nq; j++) {
    long p = m->pos - (m->nq - 1) + j;
    if (!(m->rm[p % MAXQ] & (1u << j))) return;
  }
  if (m->nhits == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 16;
    m->hits = xrealloc(m->hits, (size_t)m->cap * 2 * sizeof *m->hits);
  }
  m->hits[2 * m->nhits] = m->rs[(m->pos - (m->nq - 1)) % MAXQ];
  m->hits[2 * m->nhits + 1] = m->re[m->pos % MAXQ];
  m->nhits++;
}

static int dtok(void *ctx, int tflags, const char *tok, int ntok, int s,
                int e) {
  matcher *m = ctx;
  if (!(tflags & FTS_COLOCATED)) {
    if (m->pos >= 0) check_phrase(m);
    if (m->max && m->nhits >= m->max) return 1;
    m->pos++;
    m->rs[m->pos % MAXQ] = s;
    m->re[m->pos % MAXQ] = e;
    m->rm[m->pos % MAXQ] = 0;
  }
  m->rm[m->pos % MAXQ] |= match_bits(m, tok, ntok);
  return 0;
}

/*
** S.find(text, phrase [, max]) -> list {s1, e1, s2, e2, ...}: the
** occurrences of the phrase in text, as 1-based inclusive byte ranges
** (text:sub(s, e)). Matching follows search: a query word without
** diacritics matches with or without them, one with diacritics matches
** exactly; a trailing * makes the last word a prefix; quotes are ignored.
*/
static int s_find(lua_State *L) {
  size_t n, qlen;
  const char *text = arg_text(L, 1, &n);
  const char *q = arg_text(L, 2, &qlen);
  int max = (int)arg_range(L, 3, 0, 0, INT_MAX / 2, "max");
  box *b = box_push(L);
  matcher *m = xcalloc(1, sizeof *m);
  b->p = m, b->free = matcher_free;
  m->max = max;
  m->pos = -1;
  size_t ql = qlen;
  while (ql > 0 && (q[ql - 1] == ' ' || q[ql - 1] == '"')) ql--;
  if (ql > 0 && q[ql - 1] == '*') m->prefix = 1;
  fts_tokenize(q, (int)qlen, FTS_QUERY, qtok, m);
  if (m->nq > 0) {
    fts_tokenize(text, (int)n, FTS_DOCUMENT, dtok, m);
    if (m->pos >= 0 && !(m->max && m->nhits >= m->max)) check_phrase(m);
  }
  lua_createtable(L, m->nhits < INT_MAX / 2 ? 2 * m->nhits : 0, 0);
  for (int i = 0; i < m->nhits; i++) { /* spans widened before the + 1 */
    lua_pushinteger(L, (lua_Integer)m->hits[2 * i] + 1);
    lua_rawseti(L, -2, 2 * (lua_Integer)i + 1);
    lua_pushinteger(L, (lua_Integer)m->hits[2 * i + 1]);
    lua_rawseti(L, -2, 2 * (lua_Integer)i + 2);
  }
  box_release(b);
  return 1;
}

/* ---- MinHash (one-permutation hashing over word shingles) ---- */

#define MH_MAX  256
#define SHINGLE 3

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

typedef struct mh {
  uint32_t slot[MH_MAX];
  int k;
  uint64_t ring[SHINGLE];
  long ntok;
} mh;

static int mh_tok(void *ctx, int tflags, const char *tok, int ntok, int s,
                  int e) {
  (void)s, (void)e;
  mh *h = ctx;
  if (tflags & FTS_COLOCATED) return 0;
  h->ring[h->ntok % SHINGLE] = util_hash64(tok, (size_t)ntok);
  h->ntok++;
  if (h->ntok < SHINGLE) return 0;
  uint64_t x = 0;
  for (long i = h->ntok - SHINGLE; i < h->ntok; i++)
    x = mix64(x ^ h->ring[i % SHINGLE]);
  int b = (int)(x % (uint64_t)h->k);
  uint32_t v = (uint32_t)(x >> 32);
  if (v < h->slot[b]) h->slot[b] = v;
  return 0;
}

/*
** S.minhash(text [, k]) -> signature (a binary string of k 32-bit slots,
** k = 64 by default, at most 256) of the text's 3-syllable shingles, by
** one-permutation hashing with rotation densification; empty slots of a
** very short text are 0xffffffff. Texts with < 3 tokens get all-empty.
*/
static int s_minhash(lua_State *L) {
  size_t n;
  const char *text = arg_text(L, 1, &n);
  int k = (int)arg_range(L, 2, 64, 1, MH_MAX, "k");
  mh h;
  memset(&h, 0, sizeof h);
  h.k = k;
  for (int i = 0; i < k; i++) h.slot[i] = UINT32_MAX;
  fts_tokenize(text, (int)n, FTS_QUERY, mh_tok, &h);
  /* densify: an empty slot borrows the next filled one */
  int any = 0;
  for (int i = 0; i < k; i++) any |= h.slot[i] != UINT32_MAX;
  if (any) {
    uint32_t out[MH_MAX];
    for (int i = 0; i < k; i++) {
      int j = i, step = 0;
      while (h.slot[j] == UINT32_MAX) j = (j + 1) % k, step++;
      out[i] = h.slot[j] + (uint32_t)step * 0x9e3779b9u;
    }
    memcpy(h.slot, out, sizeof(uint32_t) * (size_t)k);
  }
  lua_pushlstring(L, (const char *)h.slot, sizeof(uint32_t) * (size_t)k);
  return 1;
}

/* S.similarity(sig_a, sig_b) -> estimated Jaccard similarity (0..1) */
static int s_similarity(lua_State *L) {
  size_t na, nb;
  const char *a = luaL_checklstring(L, 1, &na);
  const char *b = luaL_checklstring(L, 2, &nb);
  luaL_argcheck(L, na == nb && na % 4 == 0 && na > 0, 2,
                "signatures of the same size expected");
  int k = (int)(na / 4), same = 0, empty = 0;
  for (int i = 0; i < k; i++) {
    uint32_t x, y;
    memcpy(&x, a + 4 * i, 4);
    memcpy(&y, b + 4 * i, 4);
    if (x == UINT32_MAX && y == UINT32_MAX)
      empty++;
    else if (x == y)
      same++;
  }
  lua_pushnumber(L, k == empty ? 0.0 : (double)same / (k - empty));
  return 1;
}

/* ---- near-duplicate candidates (LSH over MinHash signatures) ---- */

typedef struct lsh {
  const char **sig; /* borrowed from Lua strings (anchored on the stack) */
  lua_Integer *id;
  size_t n;
  uint64_t *key; /* band hash << 0, index in idx */
  uint32_t *idx;
  uint64_t *seen; /* open-addressing set of pair keys (0 = empty) */
  size_t seencap, nseen;
  lua_Integer *out; /* triples a, b, permille */
  size_t nout, capout;
} lsh;

static void lsh_free(void *p) {
  lsh *h = p;
  free(h->sig), free(h->id), free(h->key), free(h->idx), free(h->seen);
  free(h->out);
  free(h);
}

static int lsh_seen(lsh *h, uint64_t k) {
  if ((h->nseen + 1) * 2 >= h->seencap) {
    size_t ncap = h->seencap ? h->seencap * 2 : 1024;
    uint64_t *ns = xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < h->seencap; i++) {
      if (!h->seen[i]) continue;
      size_t j = (size_t)mix64(h->seen[i]) & (ncap - 1);
      while (ns[j]) j = (j + 1) & (ncap - 1);
      ns[j] = h->seen[i];
    }
    free(h->seen);
    h->seen = ns, h->seencap = ncap;
  }
  size_t j = (size_t)mix64(k) & (h->seencap - 1);
  while (h->seen[j]) {
    if (h->seen[j] == k) return 1;
    j = (j + 1) & (h->seencap - 1);
  }
  h->seen[j] = k;
  h->nseen++;
  return 0;
}

static double sig_sim(const char *a, const char *b, size_t bytes) {
  int k = (int)(bytes / 4), same = 0, empty = 0;
  for (int i = 0; i < k; i++) {
    uint32_t x, y;
    memcpy(&x, a + 4 * i, 4);
    memcpy(&y, b + 4 * i, 4);
    if (x == UINT32_MAX && y == UINT32_MAX)
      empty++;
    else if (x == y)
      same++;
  }
  return k == empty ? 0.0 : (double)same / (k - empty);
}

static int cmp_u64pair(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/*
** S.lsh(ids, sigs, bands, threshold) -> flat list {a, b, sim, ...}: the
** pairs of documents whose signatures agree on at least one band (LSH)
** and whose estimated similarity is >= threshold (a < b, each pair once).
** Signatures must all have the same size, a multiple of 4 * bands bytes;
** all-empty ones are skipped. ids and sigs are read raw (no metamethod
** runs), so every signature pointer kept is a string stored in sigs,
** which the stack anchors for the whole call.
*/
static int s_lsh(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  int bands = (int)arg_range(L, 3, 0, 1, MH_MAX, "bands");
  double thr = luaL_checknumber(L, 4);
  luaL_argcheck(L, thr >= 0.0 && thr <= 1.0, 4, "threshold must be 0..1");
  lua_settop(L, 4);
  size_t n = (size_t)lua_rawlen(L, 1);
  luaL_argcheck(L, n == lua_rawlen(L, 2), 2, "as many signatures as ids");
  luaL_argcheck(L, n <= 0xFFFFF, 1, "more than 1048575 signatures");
  box *b = box_push(L); /* 5 */
  lsh *h = xcalloc(1, sizeof *h);
  b->p = h, b->free = lsh_free;
  h->sig = xcalloc(n + 1, sizeof *h->sig);
  h->id = xcalloc(n + 1, sizeof *h->id);
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++) {
    lua_rawgeti(L, 1, (lua_Integer)i + 1);
    lua_rawgeti(L, 2, (lua_Integer)i + 1);
    size_t len = 0;
    if (!lua_isinteger(L, -2))
      return luaL_argerror(
          L, 1,
          lua_pushfstring(L, "integer id expected at %I", (lua_Integer)i + 1));
    if (lua_type(L, -1) != LUA_TSTRING) /* no number-to-string conversion */
      return luaL_argerror(L, 2,
                           lua_pushfstring(L, "signature string expected at %I",
                                           (lua_Integer)i + 1));
    const char *sg = lua_tolstring(L, -1, &len);
    if (i == 0) bytes = len;
    if (len != bytes || len == 0 || len % (4 * (size_t)bands) != 0)
      return luaL_argerror(
          L, 2, "signatures of one size, a multiple of 4 * bands bytes");
    h->id[h->n] = lua_tointeger(L, -2);
    h->sig[h->n] = sg; /* anchored: the string stays in the table at 2 */
    int empty = 1;
    for (size_t k = 0; k < len && empty; k++)
      empty = (unsigned char)sg[k] == 0xFF;
    if (!empty) h->n++;
    lua_pop(L, 2);
  }
  size_t rb = bytes / (size_t)bands;
  h->key = xmalloc((h->n + 1) * sizeof *h->key);
  for (int band = 0; band < bands; band++) {
    for (size_t i = 0; i < h->n; i++) /* hash of the band, index in low bits */
      h->key[i] = (util_hash64(h->sig[i] + band * rb, rb) << 20 >> 20) |
                  ((uint64_t)i << 44);
    for (size_t i = 0; i < h->n; i++) /* sort by band hash: swap halves */
      h->key[i] = (h->key[i] << 20) | (h->key[i] >> 44);
    qsort(h->key, h->n, sizeof *h->key, cmp_u64pair);
    size_t i = 0;
    while (i < h->n) {
      size_t j = i + 1;
      while (j < h->n && (h->key[j] >> 20) == (h->key[i] >> 20)) j++;
      if (j - i > 1 && j - i <= 5000) {
        for (size_t x = i; x < j; x++)
          for (size_t y = x + 1; y < j; y++) {
            size_t p = (size_t)(h->key[x] & 0xFFFFF),
                   q = (size_t)(h->key[y] & 0xFFFFF);
            if (memcmp(h->sig[p] + band * rb, h->sig[q] + band * rb, rb))
              continue;
            lua_Integer a = h->id[p], c = h->id[q];
            if (a > c) {
              lua_Integer t = a;
              a = c;
              c = t;
            }
            uint64_t pk = ((uint64_t)a << 32) ^ (uint64_t)c;
            if (pk == 0) pk = UINT64_MAX; /* 0 marks an empty slot */
            if (lsh_seen(h, pk)) continue;
            double sim = sig_sim(h->sig[p], h->sig[q], bytes);
            if (sim < thr) continue;
            if (h->nout + 3 > h->capout) {
              h->capout = h->capout ? h->capout * 2 : 96;
              h->out = xrealloc(h->out, h->capout * sizeof *h->out);
            }
            h->out[h->nout++] = a;
            h->out[h->nout++] = c;
            h->out[h->nout++] = (lua_Integer)(sim * 1000 + 0.5);
          }
      }
      i = j;
    }
  }
  lua_createtable(L, (int)h->nout, 0);
  for (size_t i = 0; i < h->nout; i += 3) {
    lua_pushinteger(L, h->out[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
    lua_pushinteger(L, h->out[i + 1]);
    lua_rawseti(L, -2, (lua_Integer)i + 2);
    lua_pushnumber(L, (double)h->out[i + 2] / 1000.0);
    lua_rawseti(L, -2, (lua_Integer)i + 3);
  }
  box_release(b);
  return 1;
}

/* ---- term statistics (hot loop of frequency lists, idf) ---- */

typedef struct tc_entry {
  char *key; /* arena string, NULL = empty slot */
  size_t len;
  uint64_t h;   /* hash of key */
  int64_t cnt;  /* occurrences */
  int64_t df;   /* documents */
  int64_t last; /* last document counted in df */
} tc_entry;

typedef struct tcount {
  tc_entry *tab; /* open addressing, power-of-two capacity */
  size_t cap, n;
  tc_entry *stop; /* stopword set (same layout), may be NULL */
  size_t stopcap;
  arena a;
  buf gram; /* scratch: the current n-gram */
  tokv *tv; /* scratch: tokens of the current text */
  sqlite3_stmt *st;
  tc_entry **heap;  /* top-N selection */
  sqlite3_stmt *dt; /* the text of one document (spans mode) */
  buf doctext;      /* its copy */
  int64_t dtid;     /* whose text doctext holds, 0 = none */
} tcount;

static void tcount_free(void *p) {
  tcount *t = p;
  free(t->tab);
  free(t->stop);
  arena_free(&t->a);
  buf_free(&t->gram);
  if (t->tv) tokv_free(t->tv);
  sqlite3_finalize(t->st);
  sqlite3_finalize(t->dt);
  buf_free(&t->doctext);
  free(t->heap);
  free(t);
}

/*
** The span [off, off + len) of document doc's text (spans mode: block_rows
** keep a NULL text when it is exactly that span). NULL when out of range.
*/
static const char *tc_span(tcount *t, sqlite3 *db, int64_t doc, int64_t off,
                           int64_t len) {
  if (t->dtid != doc) {
    buf_reset(&t->doctext);
    t->dtid = doc;
    if (!t->dt &&
        sqlite3_prepare_v2(db, "SELECT text FROM documents WHERE id = ?1", -1,
                           &t->dt, NULL) != SQLITE_OK)
      return NULL;
    sqlite3_bind_int64(t->dt, 1, doc);
    if (sqlite3_step(t->dt) == SQLITE_ROW) {
      const char *x = (const char *)sqlite3_column_text(t->dt, 0);
      if (x) buf_add(&t->doctext, x, (size_t)sqlite3_column_bytes(t->dt, 0));
    }
    sqlite3_reset(t->dt);
  }
  if (!util_span_ok(off, len, t->doctext.len) || len > INT_MAX)
    return NULL; /* a damaged row: no read outside the text */
  return t->doctext.data ? t->doctext.data + off : ""; /* empty: no storage */
}

/* a ranks below b: fewer occurrences, or equal and later in byte order */
static int tc_below(const tc_entry *a, const tc_entry *b) {
  if (a->cnt != b->cnt) return a->cnt < b->cnt;
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->key, b->key, n);
  return c != 0 ? c > 0 : a->len > b->len;
}

static void heap_down(tc_entry **h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && tc_below(h[l], h[m])) m = l;
    if (r < n && tc_below(h[r], h[m])) m = r;
    if (m == i) return;
    tc_entry *x = h[i];
    h[i] = h[m], h[m] = x;
    i = m;
  }
}

static void heap_up(tc_entry **h, size_t i) {
  while (i > 0 && tc_below(h[i], h[(i - 1) / 2])) {
    tc_entry *x = h[i];
    h[i] = h[(i - 1) / 2], h[(i - 1) / 2] = x;
    i = (i - 1) / 2;
  }
}

static int cmp_rank(const void *a, const void *b) {
  const tc_entry *x = *(tc_entry *const *)a, *y = *(tc_entry *const *)b;
  return tc_below(x, y) ? 1 : tc_below(y, x) ? -1 : 0;
}

/* Keep the top entries with cnt >= min in t->heap, best first; count. */
static size_t tc_top(tcount *t, size_t top, int64_t min) {
  t->heap = xmalloc((top ? top : 1) * sizeof *t->heap);
  size_t n = 0;
  for (size_t i = 0; i < t->cap && top; i++) {
    tc_entry *e = &t->tab[i];
    if (!e->key || e->cnt < min) continue;
    if (n < top) {
      t->heap[n++] = e;
      heap_up(t->heap, n - 1);
    } else if (tc_below(t->heap[0], e)) {
      t->heap[0] = e;
      heap_down(t->heap, n, 0);
    }
  }
  qsort(t->heap, n, sizeof *t->heap, cmp_rank);
  return n;
}

static uint64_t tc_hash(const char *k, size_t n) {
  return mix64(util_hash64(k, n));
}

static tc_entry *tc_slot(tc_entry *tab, size_t cap, const char *k, size_t n,
                         uint64_t h) {
  size_t i = (size_t)h & (cap - 1);
  while (tab[i].key &&
         (tab[i].h != h || tab[i].len != n || memcmp(tab[i].key, k, n) != 0))
    i = (i + 1) & (cap - 1);
  return &tab[i];
}

static void tc_grow(tcount *t) {
  size_t ncap = t->cap ? t->cap * 2 : 4096;
  tc_entry *nt = xcalloc(ncap, sizeof *nt);
  for (size_t i = 0; i < t->cap; i++)
    if (t->tab[i].key)
      *tc_slot(nt, ncap, t->tab[i].key, t->tab[i].len, t->tab[i].h) = t->tab[i];
  free(t->tab);
  t->tab = nt;
  t->cap = ncap;
}

static void tc_add(tcount *t, const char *k, size_t n, int64_t doc) {
  if ((t->n + 1) * 2 >= t->cap) tc_grow(t);
  uint64_t h = tc_hash(k, n);
  tc_entry *e = tc_slot(t->tab, t->cap, k, n, h);
  if (!e->key) {
    e->key = arena_strndup(&t->a, k, n);
    e->len = n;
    e->h = h;
    e->last = -1;
    t->n++;
  }
  e->cnt++;
  if (e->last != doc) e->df++, e->last = doc;
}

static int is_number_tok(const char *k, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!((k[i] >= '0' && k[i] <= '9') || k[i] == '.' || k[i] == ',' ||
          k[i] == '/' || k[i] == '-'))
      return 0;
  return n > 0;
}

static int tc_is_stop(const tcount *t, const char *k, size_t n) {
  if (is_number_tok(k, n)) return 1;
  if (!t->stop) return 0;
  return tc_slot(t->stop, t->stopcap, k, n, tc_hash(k, n))->key != NULL;
}

/* Count the n-grams of the tokens in t->tv (breaks are "" tokens). */
static void tc_text(tcount *t, int n, int64_t doc, int64_t *total) {
  tokv *tv = t->tv;
  const char **tok = xmalloc(((size_t)tv->n + 1) * sizeof *tok);
  size_t *len = xmalloc(((size_t)tv->n + 1) * sizeof *len);
  const char *p = tv->b.data;
  for (int i = 0; i < tv->n; i++) {
    tok[i] = p;
    len[i] = strlen(p);
    p += len[i] + 1;
  }
  int start = 0;
  for (int i = 0; i <= tv->n; i++) {
    if (i < tv->n && len[i] > 0) {
      (*total)++;
      continue;
    }
    for (int j = start; j + n <= i; j++) {
      if (t->stop && (tc_is_stop(t, tok[j], len[j]) ||
                      tc_is_stop(t, tok[j + n - 1], len[j + n - 1])))
        continue;
      buf_reset(&t->gram);
      for (int k = j; k < j + n; k++) {
        if (k > j) buf_addc(&t->gram, ' ');
        buf_add(&t->gram, tok[k], len[k]);
      }
      tc_add(t, t->gram.data, t->gram.len, doc);
    }
    start = i + 1;
  }
  free(tok);
  free(len);
}

/*
** db:terms(sql, params, n [, stop [, top [, min]]]) -> counts, docfreqs,
** tokens, documents; with top: a list of the top records {term, count,
** docs} (count >= min, by count then term) instead of the two maps.
** sql yields (doc, text) rows, or (doc, text, off, len) rows of
** block_rows where a NULL text is the span [off, off + len) of the
** document's text (read once per document).
** sql yields rows (document id, text) in document order; every text is
** tokenized (breaks at punctuation, n-grams never cross them) and its
** n-grams counted. With a stop set {word = true}, n-grams that begin or
** end with a stopword or a number are skipped. counts and docfreqs map
** each n-gram to its number of occurrences and of documents.
*/
static int db_terms(lua_State *L) {
  lua_settop(L, 7);
  lua_Integer top = arg_range(L, 6, -1, -1, LUA_MAXINTEGER, "top");
  lua_Integer min = luaL_optinteger(L, 7, 1);
  ldb *d = check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  int n = (int)arg_range(L, 4, 0, 1, 8, "n");
  if (!lua_isnil(L, 5)) luaL_checktype(L, 5, LUA_TTABLE);
  box *b = box_push(L); /* index 8 */
  tcount *t = xcalloc(1, sizeof *t);
  b->p = t, b->free = tcount_free;
  arena_init(&t->a);
  if (lua_istable(L, 5)) { /* the stop set, copied into C */
    size_t cnt = 0;
    lua_pushnil(L);
    while (lua_next(L, 5)) cnt++, lua_pop(L, 1);
    t->stopcap = 64;
    while (t->stopcap < cnt * 2 + 2) t->stopcap *= 2;
    t->stop = xcalloc(t->stopcap, sizeof *t->stop);
    lua_pushnil(L);
    while (lua_next(L, 5)) {
      size_t kl;
      const char *k =
          lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &kl) : NULL;
      if (k && lua_toboolean(L, -1)) {
        uint64_t h = tc_hash(k, kl);
        tc_entry *e = tc_slot(t->stop, t->stopcap, k, kl, h);
        if (!e->key)
          e->key = arena_strndup(&t->a, k, kl), e->len = kl, e->h = h;
      }
      lua_pop(L, 1);
    }
  }
  if (sqlite3_prepare_v2(store_db(d->s), sql, -1, &t->st, NULL) != SQLITE_OK)
    return luaL_error(L, "sql: %s", sqlite3_errmsg(store_db(d->s)));
  bind_params(L, t->st, 3);
  int64_t total = 0, ndocs = 0, cur = INT64_MIN;
  int rc;
  int spans = sqlite3_column_count(t->st) >= 4;
  while ((rc = sqlite3_step(t->st)) == SQLITE_ROW) {
    int64_t doc = sqlite3_column_int64(t->st, 0);
    const char *text = (const char *)sqlite3_column_text(t->st, 1);
    int len = sqlite3_column_bytes(t->st, 1);
    if (doc != cur) cur = doc, ndocs++;
    if (!text && spans) {
      int64_t off = sqlite3_column_int64(t->st, 2);
      int64_t n64 = sqlite3_column_int64(t->st, 3);
      text = tc_span(t, store_db(d->s), doc, off, n64);
      len = (int)n64;
    }
    if (!text) continue;
    t->tv = xcalloc(1, sizeof *t->tv);
    t->tv->text = text;
    t->tv->breaks = 1;
    fts_tokenize(text, len, FTS_QUERY, tok_collect, t->tv);
    tc_text(t, n, doc, &total);
    tokv_free(t->tv);
    t->tv = NULL;
  }
  if (rc != SQLITE_DONE)
    return luaL_error(L, "sql: %s", sqlite3_errmsg(store_db(d->s)));
  if (top >= 0) { /* never more room than there are terms */
    size_t k = tc_top(t, (uint64_t)top < t->n ? (size_t)top : t->n, min);
    lua_createtable(L, (int)k, 0);
    for (size_t i = 0; i < k; i++) {
      lua_createtable(L, 0, 3);
      lua_pushlstring(L, t->heap[i]->key, t->heap[i]->len);
      lua_setfield(L, -2, "term");
      lua_pushinteger(L, (lua_Integer)t->heap[i]->cnt);
      lua_setfield(L, -2, "count");
      lua_pushinteger(L, (lua_Integer)t->heap[i]->df);
      lua_setfield(L, -2, "docs");
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushinteger(L, (lua_Integer)total);
    lua_pushinteger(L, (lua_Integer)ndocs);
    box_release(b);
    return 3;
  }
  lua_createtable(L, 0, (int)t->n);
  lua_createtable(L, 0, (int)t->n);
  for (size_t i = 0; i < t->cap; i++) {
    tc_entry *e = &t->tab[i];
    if (!e->key) continue;
    lua_pushlstring(L, e->key, e->len);
    lua_pushvalue(L, -1);
    lua_pushinteger(L, (lua_Integer)e->cnt);
    lua_rawset(L, -5);
    lua_pushinteger(L, (lua_Integer)e->df);
    lua_rawset(L, -3);
  }
  lua_pushinteger(L, (lua_Integer)total);
  lua_pushinteger(L, (lua_Integer)ndocs);
  box_release(b);
  return 4;
}

/* S.plain_query(q) -> the FTS5 MATCH expression of a plain query, or nil
** when it has no searchable word (for filters inside SQL). */
static int s_plain_query(lua_State *L) {
  box *b = box_push(L);
  char *m = fts_plain_query(luaL_checkstring(L, 1));
  if (!m || !*m) {
    free(m);
    return 0;
  }
  b->p = m, b->free = free;
  lua_pushstring(L, m);
  box_release(b);
  return 1;
}

/* ---- registration ---- */

static const luaL_Reg db_methods[] = {{"close", db_close},
                                      {"path", db_path},
                                      {"writable", db_writable},
                                      {"count", db_count},
                                      {"rows", db_rows},
                                      {"all", db_all},
                                      {"exec", db_exec},
                                      {"sql", db_sql},
                                      {"search", db_search},
                                      {"search_count", db_search_count},
                                      {"load", db_load},
                                      {"terms", db_terms},
                                      {NULL, NULL}};

static const luaL_Reg funcs[] = {{"open", s_open},
                                 {"default_path", s_default_path},
                                 {"tokens", s_tokens},
                                 {"count", s_count},
                                 {"find", s_find},
                                 {"minhash", s_minhash},
                                 {"similarity", s_similarity},
                                 {"plain_query", s_plain_query},
                                 {"lsh", s_lsh},
                                 {"fact_schema", s_fact_schema},
                                 {NULL, NULL}};

/*
** Create metatable `name` (if new) with one function serving __gc and
** __close, and `methods` behind __index when given. Leaves it on the stack.
*/
static int new_closable_mt(lua_State *L, const char *name, lua_CFunction gc,
                           const luaL_Reg *methods) {
  int fresh = luaL_newmetatable(L, name);
  if (fresh) {
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, gc);
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
  new_closable_mt(L, BOX_MT, box_gc, NULL);
  lua_pop(L, 1);
  new_closable_mt(L, STMT_MT, stmt_gc, NULL);
  lua_pop(L, 1);
  if (new_closable_mt(L, DB_MT, db_gc, db_methods)) {
    lua_pushcfunction(L, db_tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pop(L, 1);
  luaL_newlib(L, funcs);
  return 1;
}
