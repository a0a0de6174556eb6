/*
** lua_search.c — full-text search (db:search, db:search_count) and plain-query
*building.
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

/* ---- search ---- */

static void search_free(void *p) {
  store_search_close(p);
}

/*
** db:search(query [, {limit =, offset =, raw =, snippet = tokens,
** offsets =, open =, close =}]) -> list of hits {rowid, id, path, title,
** published, score, snippet, offsets} | fail, msg (bad raw syntax).
** limit < 0 returns every hit. Score: bm25, lower is better.
*/
int ls_db_search(lua_State *L) {
  lua_settop(L, 3);
  ldb *d = ls_check_db(L, 1);
  static const char *const known[] = {"limit",   "offset", "raw",   "snippet",
                                      "offsets", "open",   "close", NULL};
  const char *q = luaL_checkstring(L, 2);
  ls_opts_known(L, 3, known);
  store_search_opts o = {0};
  o.limit = ls_opt_int(L, 3, "limit", 20, -1, INT_MAX);
  o.offset = ls_opt_int(L, 3, "offset", 0, 0, INT_MAX);
  o.raw = ls_opt_bool(L, 3, "raw", 0);
  o.snippet_tokens = ls_opt_int(L, 3, "snippet", 16, -1, 64);
  o.offsets = ls_opt_bool(L, 3, "offsets", 0);
  if (lua_istable(L, 3)) { /* both stay on the stack */
    o.hl_open = ls_opt_str(L, 3, "open");
    o.hl_close = ls_opt_str(L, 3, "close");
  }
  if (o.snippet_tokens == 0) o.snippet_tokens = -1;
  box *b = ls_box_push(L);
  char *err = NULL;
  store_search *ss = store_search_open(d->s, q, &o, &err);
  if (!ss) {
    luaL_pushfail(L);
    ls_push_owned(L, NULL, err, (size_t)-1, free, "search failed");
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
    ls_set_str(L, "id", h.doc_id);
    ls_set_str(L, "path", h.path);
    ls_set_str(L, "title", h.title);
    ls_set_str(L, "published", h.published);
    lua_pushnumber(L, h.score);
    lua_setfield(L, -2, "score");
    ls_set_str(L, "snippet", h.snippet);
    ls_set_str(L, "offsets", h.offsets);
    lua_rawseti(L, -2, ++n);
  }
  if (rc < 0) {
    luaL_pushfail(L);
    lua_pushstring(L, store_errmsg(d->s));
    return 2;
  }
  ls_box_release(b);
  return 1;
}

/* db:search_count(query [, raw]) -> n | fail, msg */
int ls_db_search_count(lua_State *L) {
  ldb *d = ls_check_db(L, 1);
  char *err = NULL;
  int64_t n = store_search_count(d->s, luaL_checkstring(L, 2),
                                 lua_toboolean(L, 3), &err);
  if (n < 0) {
    luaL_pushfail(L);
    ls_push_owned(L, NULL, err, (size_t)-1, free, "search failed");
    return 2;
  }
  lua_pushinteger(L, (lua_Integer)n);
  return 1;
}

/* S.plain_query(q) -> the FTS5 MATCH expression of a plain query, or nil
** when it has no searchable word (for filters inside SQL). */
int ls_s_plain_query(lua_State *L) {
  box *b = ls_box_push(L);
  char *m = fts_plain_query(luaL_checkstring(L, 1));
  if (!m || !*m) {
    free(m);
    return 0;
  }
  b->p = m, b->free = free;
  lua_pushstring(L, m);
  ls_box_release(b);
  return 1;
}
