/*
** lua_sql.c — statements (db:rows, db:all, db:exec) and corpus:sql, read-only
*user SQL
** under an authorizer.
*/
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "interrupt.h"
#include "lua_host.h"
#include "lua_store_int.h"

/* ---- statements ---- */

typedef struct lstmt {
  sqlite3_stmt *st; /* NULL once finalized */
  ldb *db;          /* owner; pinned by user value 1 */
  int ncol;
  int array; /* rows as arrays instead of records */
  int done;
} lstmt;

int ls_stmt_gc(lua_State *L) {
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
void ls_bind_params(lua_State *L, sqlite3_stmt *st, int idx) {
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
  ldb *d = ls_check_db(L, dbi);
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
int ls_db_rows(lua_State *L) {
  lua_settop(L, 4);
  const char *sql = luaL_checkstring(L, 2);
  lstmt *s = prepare(L, 1, sql, "sql"); /* stack: ... stmt */
  int si = lua_gettop(L);
  ls_bind_params(L, s->st, 3);
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
int ls_db_all(lua_State *L) {
  lua_settop(L, 4);
  const char *sql = luaL_checkstring(L, 2);
  lstmt *s = prepare(L, 1, sql, "sql");
  int si = lua_gettop(L);
  ls_bind_params(L, s->st, 3);
  row_opts(L, 4, s);
  int mt = lua_istable(L, -1) ? lua_gettop(L) : 0;
  return all_rows(L, s, si, mt);
}

/* db:exec(sql [, params]) -> number of changed rows. Several statements
** are allowed without params. Raises on errors (and on a read-only db). */
int ls_db_exec(lua_State *L) {
  lua_settop(L, 3);
  ldb *d = ls_check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  if (!d->writable)
    return luaL_error(L, "the corpus database is open read-only");
  if (lua_isnoneornil(L, 3)) {
    char *e = NULL;
    if (sqlite3_exec(store_db(d->s), sql, NULL, NULL, &e) != SQLITE_OK) {
      ls_push_owned(L, NULL, e, (size_t)-1, sqlite3_free,
                    sqlite3_errmsg(store_db(d->s)));
      return lua_error(L);
    }
  } else {
    lstmt *s = prepare(L, 1, sql, "sql");
    ls_bind_params(L, s->st, 3);
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
int ls_sql_authorizer(void *ud, int op, const char *a, const char *b,
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
    case SQLITE_FUNCTION:
      /* fts3_tokenizer: with one argument it tells the address of a
      ** module (an ASLR leak), with two it registers a tokenizer at any
      ** address (off in store_open too) */
      return b && sqlite3_stricmp(b, "fts3_tokenizer") == 0 ? SQLITE_DENY
                                                            : SQLITE_OK;
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
int ls_db_sql(lua_State *L) {
  lua_settop(L, 3);
  ldb *d = ls_check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  sqlite3 *db = store_db(d->s);
  sqlite3_set_authorizer(db, ls_sql_authorizer, NULL);
  lstmt *s = lua_newuserdatauv(L, sizeof *s, 1);
  memset(s, 0, sizeof *s);
  luaL_setmetatable(L, STMT_MT);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  s->db = d;
  const char *tail = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &s->st, &tail);
  sqlite3_set_authorizer(db, d->sandboxed ? ls_sql_authorizer : NULL, NULL);
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
  ls_bind_params(L, s->st, 3);
  return all_rows(L, s, si, 0);
}
