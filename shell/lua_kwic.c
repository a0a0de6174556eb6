/*
** lua_kwic.c — the concordance's C side for corpus.kwic:
**   db:kwic(sql, params, query, words, nwords, limit [, match]) -> lines,
**     number of blocks read from the token position maps
**   S.kwic_lines() -> an empty line store (for kwic.from_matches)
**   lines:get(i) -> {rowid, block, kind, title, date, s, e, left, match,
**     right}; #lines; lines:add(doc, seq, kind, title, published, text, s,
**     e [, nwords, words [, db]]) -> true, or false when s..e lies outside
**     text (with db: the words from the token position maps where they
**     hold the block); lines:mapped() -> how many lines did
** The lines stay in C (kwic.h's store) until one is asked for.
*/
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>

#include "kwic.h"
#include "kwic_map.h"
#include "lua_store_int.h"
#include "store_tokmap.h"
#include "store_words.h"

#define LINES_MT "tinsh.kwic.lines"

typedef struct lines_ud {
  kwic_lines l;
  buf scratch; /* a part of a line being read */
  /* lines:add's words from the token position maps: the last document's
  ** map (mok: decoded and segmented with the current lexicons) */
  tokmap map;
  int64_t mdoc;
  int mok;
  int lexok; /* the index's user lexicon is the database's (-1: unknown) */
  lua_Integer mapped; /* lines whose words came from a map */
} lines_ud;

static int lines_gc(lua_State *L) {
  lines_ud *u = luaL_checkudata(L, 1, LINES_MT);
  kwic_lines_free(&u->l);
  buf_free(&u->scratch);
  tokmap_free(&u->map);
  return 0;
}

static lines_ud *check_lines(lua_State *L, int i) {
  return luaL_checkudata(L, i, LINES_MT);
}

static int lines_len(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)check_lines(L, 1)->l.n);
  return 1;
}

/* Set field k to strs[off..off+n). */
static void set_piece(lua_State *L, const kwic_lines *l, const char *k,
                      size_t off, size_t n) {
  lua_pushlstring(L, l->strs.data ? l->strs.data + off : "", n);
  lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

/*
** lines:get(i) -> the line table of line i (1-based), or nil. The line is
** read by value: every allocation below may run a script's __gc, which
** may call lines:add and move the array of lines (red team 8: a pointer
** into it was read after the move, a heap use after free). The strings
** are read through u->l afresh for each piece, copied before any
** collection step.
*/
static int lines_get(lua_State *L) {
  lines_ud *u = check_lines(L, 1);
  lua_Integer i = luaL_checkinteger(L, 2);
  if (i < 1 || (size_t)i > u->l.n) return 0;
  const kwic_line line = u->l.v[i - 1], *x = &line;
  lua_createtable(L, 0, 10);
  set_int(L, "rowid", x->doc);
  set_int(L, "block", (lua_Integer)x->seq + 1);
  set_int(L, "s", (lua_Integer)x->s);
  set_int(L, "e", (lua_Integer)x->e);
  set_piece(L, &u->l, "kind", x->meta, x->mk);
  if (x->has_title) set_piece(L, &u->l, "title", x->meta + x->mk, x->mt);
  if (x->md) set_piece(L, &u->l, "date", x->meta + x->mk + x->mt, x->md);
  static const char *const parts[] = {"left", "match", "right"};
  for (int p = 0; p < 3; p++) {
    buf_reset(&u->scratch);
    kwic_line_part(&u->l, x, p, &u->scratch);
    lua_pushlstring(L, u->scratch.data ? u->scratch.data : "", u->scratch.len);
    lua_setfield(L, -2, parts[p]);
  }
  return 1;
}

static lines_ud *push_lines(lua_State *L) {
  lines_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
  kwic_lines_init(&u->l);
  buf_init(&u->scratch);
  tokmap_init(&u->map);
  u->mdoc = INT64_MIN, u->mok = 0, u->lexok = -1, u->mapped = 0;
  luaL_setmetatable(L, LINES_MT);
  return u;
}

/* The string at arg (NULL when nil) and its length. */
static const char *opt_str(lua_State *L, int arg, size_t *n) {
  *n = 0;
  return lua_isnoneornil(L, arg) ? NULL : luaL_checklstring(L, arg, n);
}

/* Make document doc's map u->map (u->mok: it has one with words of the
** bundled lexicon the run has). */
static void lines_map(lines_ud *u, store *s, int64_t doc) {
  sqlite3_stmt *st = NULL;
  u->mdoc = doc, u->mok = 0;
  if (sqlite3_prepare_v2(store_db(s),
                         "SELECT map FROM doc_tokmap WHERE doc = ?1", -1, &st,
                         NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64(st, 1, doc);
  if (sqlite3_step(st) == SQLITE_ROW &&
      tokmap_decode(&u->map, sqlite3_column_blob(st, 0),
                    (size_t)sqlite3_column_bytes(st, 0)) == 0 &&
      u->map.lexstamp == store_tokmap_lexstamp())
    u->mok = 1;
  sqlite3_finalize(st);
}

/*
** Cut hit k's context of nwords words from the words of block seq (text
** length n) in document doc's token position map: 1 when done, 0 when
** the map lacks the block, has another length for it, or was segmented
** with another lexicon than the database's (cut it from the text).
*/
static int map_context(lines_ud *u, store *s, int64_t doc, int seq, size_t n,
                       kwic_hit *k, int nwords) {
  if (!s) return 0;
  if (u->lexok < 0) u->lexok = store_words_index_current(s);
  if (!u->lexok) return 0;
  if (doc != u->mdoc) lines_map(u, s, doc);
  const tokmap_block *b = u->mok ? kwic_map_block(&u->map, seq) : NULL;
  if (!b || b->len != n) return 0;
  kwic_words_context_known(k, u->map.wf + b->w0, u->map.wt + b->w0, b->nw,
                           nwords);
  u->mapped++;
  return 1;
}

/* lines:mapped() -> the lines whose words came from a token map. */
static int lines_mapped(lua_State *L) {
  lua_pushinteger(L, check_lines(L, 1)->mapped);
  return 1;
}

/* lines:add(doc, seq, kind, title, published, text, s, e [, nwords,
** words [, db]]): s..e 1-based inclusive in text. With db (the corpus
** whose lexicon words is), the words come from the block's token
** position map where it has a current one. */
static int lines_add(lua_State *L) {
  lines_ud *u = check_lines(L, 1);
  lua_Integer doc = luaL_checkinteger(L, 2), seq = luaL_checkinteger(L, 3);
  size_t nk, nt, np, n;
  const char *kind = opt_str(L, 4, &nk), *title = opt_str(L, 5, &nt);
  const char *pub = opt_str(L, 6, &np), *text = luaL_checklstring(L, 7, &n);
  lua_Integer s = luaL_checkinteger(L, 8), e = luaL_checkinteger(L, 9);
  lua_Integer nwords = ls_arg_range(L, 10, -1, -1, KWIC_WORDS_MAX, "nwords");
  const seg_lex *lex = nwords >= 0 ? ls_opt_lex(L, 11) : NULL;
  if (s < 1 || e < s || (size_t)e > n || seq < INT_MIN || seq > INT_MAX) {
    lua_pushboolean(L, 0);
    return 1;
  }
  kwic_hit k = {(size_t)s - 1, (size_t)e, 0, 0};
  k.ls = k.s > KWIC_CONTEXT ? k.s - KWIC_CONTEXT : 0;
  k.re = k.e + KWIC_CONTEXT < n ? k.e + KWIC_CONTEXT : n;
  if (lex && !(lua_gettop(L) >= 12 && !lua_isnil(L, 12) &&
               map_context(u, ls_check_db(L, 12)->s, doc, (int)seq, n, &k,
                           (int)nwords)))
    kwic_words_context(&k, lex, text, n, (int)nwords);
  kwic_lines_meta(&u->l, kind, nk, title, nt, pub, np);
  kwic_lines_add(&u->l, doc, (int)seq, text, n, &k);
  lua_pushboolean(L, 1);
  return 1;
}

static int s_kwic_lines(lua_State *L) {
  push_lines(L);
  return 1;
}

/* ---- db:kwic ---- */

typedef struct scan {
  sqlite3_stmt *st, *dt; /* the block rows; one document's text */
  const char *dtext;     /* that text (dt's current row) */
  size_t dlen;
  int64_t dtid;
  kwic_query q;
  kwic_hits h;
  /* from the index: the match's instances, the current document's map
  ** (mok: it has one) and its hits */
  int use_map;
  uint32_t lexstamp;  /* with words: the bundled lexicon's stamp */
  lua_Integer mapped; /* blocks whose hits came from a map */
  kwic_mopts mo;
  tokmap_inst inst;
  sqlite3_stmt *mt;
  int64_t mdoc;
  int mok;
  tokmap map;
  kwic_mhits mh;
} scan;

static void scan_free(void *p) {
  scan *c = p;
  sqlite3_finalize(c->st);
  sqlite3_finalize(c->dt);
  kwic_query_free(&c->q);
  kwic_hits_free(&c->h);
  tokmap_inst_free(&c->inst);
  sqlite3_finalize(c->mt);
  tokmap_free(&c->map);
  kwic_mhits_free(&c->mh);
  free(c);
}

/* The span [off, off + len) of document doc's text, read once per
** document (the row of c->dt stays current: its text is not copied); ""
** when out of range (a damaged row) or on an SQL error. */
static const char *doc_span(scan *c, sqlite3 *db, int64_t doc, int64_t off,
                            int64_t len) {
  if (c->dtid != doc) {
    c->dtext = NULL, c->dlen = 0;
    c->dtid = doc;
    if (c->dt)
      sqlite3_reset(c->dt);
    else if (sqlite3_prepare_v2(db, "SELECT text FROM documents WHERE id = ?1",
                                -1, &c->dt, NULL) != SQLITE_OK)
      return "";
    sqlite3_bind_int64(c->dt, 1, doc);
    if (sqlite3_step(c->dt) == SQLITE_ROW) {
      c->dtext = (const char *)sqlite3_column_text(c->dt, 0);
      c->dlen = c->dtext ? (size_t)sqlite3_column_bytes(c->dt, 0) : 0;
    }
  }
  if (!util_span_ok(off, len, c->dlen) || len > INT_MAX) return "";
  return c->dtext ? c->dtext + off : "";
}

/* The text of the current row: its own, or its span of the document. */
static const char *row_text(scan *c, sqlite3 *db, size_t *n) {
  sqlite3_stmt *st = c->st;
  const char *t = (const char *)sqlite3_column_text(st, 3);
  *n = (size_t)sqlite3_column_bytes(st, 3);
  if (t || sqlite3_column_count(st) < 6) return t ? t : "";
  int64_t off = sqlite3_column_int64(st, 4), len = sqlite3_column_int64(st, 5);
  t = doc_span(c, db, sqlite3_column_int64(st, 0), off, len);
  *n = *t ? (size_t)len : 0;
  return t;
}

/* Add the lines of the current row's hits (from h->v[0..]). */
static void row_lines(scan *c, kwic_lines *l, const char *text, size_t n) {
  sqlite3_stmt *st = c->st;
  int tc = sqlite3_column_count(st) >= 8;
  kwic_lines_meta(l, (const char *)sqlite3_column_text(st, 2),
                  (size_t)sqlite3_column_bytes(st, 2),
                  tc ? (const char *)sqlite3_column_text(st, 6) : NULL,
                  tc ? (size_t)sqlite3_column_bytes(st, 6) : 0,
                  tc ? (const char *)sqlite3_column_text(st, 7) : NULL,
                  tc ? (size_t)sqlite3_column_bytes(st, 7) : 0);
  for (size_t i = 0; i < c->h.n; i++)
    kwic_lines_add(l, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
                   text, n, &c->h.v[i]);
}

static void hit_add(kwic_hits *h, const kwic_hit *k) {
  if (h->n == h->cap) {
    h->cap = h->cap ? h->cap * 2 : 16;
    h->v = xrealloc(h->v, h->cap * sizeof *h->v);
  }
  h->v[h->n++] = *k;
}

/* Load document doc's map and its hits (c->mok: it has a valid map). */
static void load_doc(scan *c, int64_t doc) {
  c->mdoc = doc, c->mok = 0;
  sqlite3_bind_int64(c->mt, 1, doc);
  if (sqlite3_step(c->mt) == SQLITE_ROW &&
      tokmap_decode(&c->map, sqlite3_column_blob(c->mt, 0),
                    (size_t)sqlite3_column_bytes(c->mt, 0)) == 0 &&
      (!c->mo.words || c->map.lexstamp == c->lexstamp))
    c->mok = 1;
  sqlite3_reset(c->mt);
  if (!c->mok) return;
  size_t n;
  const int32_t *p = tokmap_inst_of(&c->inst, doc, &n);
  kwic_map_hits(&c->map, p, n, &c->mo, &c->mh);
}

/*
** The current row's hits (into c->h) from its document's map, when the
** map covers its block and knows its text's length n, or none when the
** index has no instance of the phrase in the document's block columns;
** else 0 (find them in the text).
*/
static int map_hits(scan *c, size_t n) {
  int64_t doc = sqlite3_column_int64(c->st, 0);
  int seq = sqlite3_column_int(c->st, 1);
  const char *kind = (const char *)sqlite3_column_text(c->st, 2);
  if (store_tokmap_kind_column(kind) < 0) return 0; /* not in the maps */
  size_t ni;
  tokmap_inst_of(&c->inst, doc, &ni);
  if (ni == 0) { /* none of its block columns holds the phrase */
    c->mapped++;
    return 1;
  }
  if (doc != c->mdoc) load_doc(c, doc);
  const tokmap_block *b = c->mok ? kwic_map_block(&c->map, seq) : NULL;
  if (!b || b->len != n) return 0;
  size_t lo = 0, hi = c->mh.n;
  while (lo < hi) { /* the first hit of block seq */
    size_t mid = (lo + hi) / 2;
    if (c->mh.v[mid].seq < seq)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < c->mh.n && c->mh.v[lo].seq == seq; lo++)
    hit_add(&c->h, &c->mh.v[lo].k);
  c->mapped++;
  return 1;
}

/* Step through the block rows, adding the lines of their hits to l (at
** most limit, -1: all). Returns the last sqlite3_step status. */
static int scan_rows(scan *c, sqlite3 *db, const seg_lex *lex, int nwords,
                     lua_Integer limit, kwic_lines *l) {
  int rc = SQLITE_DONE;
  while ((limit < 0 || (lua_Integer)l->n < limit) &&
         (rc = sqlite3_step(c->st)) == SQLITE_ROW) {
    size_t n;
    const char *text = row_text(c, db, &n);
    c->h.n = 0;
    if (!c->use_map || !map_hits(c, n)) {
      kwic_find(&c->q, text, n, &c->h);
      if (c->h.n && lex)
        kwic_whole(&c->h, 0, lex, text, n, c->q.prefix, nwords);
    }
    if (limit >= 0 && c->h.n > (size_t)(limit - (lua_Integer)l->n))
      c->h.n = (size_t)(limit - (lua_Integer)l->n);
    if (c->h.n) row_lines(c, l, text, n);
  }
  return rc;
}

/*
** Take the hits from the maps where a document has one: the instances of
** MATCH expression match (the rows' own), the words of the maps when
** whole words are asked for and the maps were segmented with the current
** lexicon. Without the table, or on an error, c->use_map stays 0.
*/
static void use_maps(scan *c, store *s, const char *match, int words,
                     int nwords) {
  sqlite3 *db = store_db(s);
  if (c->q.n >= KWIC_MAXQ) return; /* kwic_query keeps only KWIC_MAXQ */
  for (int i = 0; i < c->q.n; i++)
    if (strchr(c->q.tok[i], FTS_WORD_JOIN)) return; /* a word token */
  if (words && !store_words_index_current(s)) return;
  if (sqlite3_prepare_v2(db, "SELECT map FROM doc_tokmap WHERE doc = ?1", -1,
                         &c->mt, NULL) != SQLITE_OK)
    return;
  if (store_tokmap_instances(db, match, &c->inst) != SQLITE_OK) return;
  c->mo = (kwic_mopts){c->q.n, c->q.prefix, words, words ? nwords : -1};
  c->mdoc = INT64_MIN;
  c->lexstamp = store_tokmap_lexstamp();
  c->use_map = 1;
}

/*
** db:kwic(sql, params, query, words, nwords, limit [, match]) -> lines,
** the number of blocks whose hits came from a map.
** sql yields
** block rows (doc, seq, kind, text, off, len [, title, published]) as
** corpus.sql's Q.blocks (a NULL text: the span of the document's text).
** words: nil for syllables, else the lexicon (true: the default) whose
** whole words matches must be; nwords: context in words (-1: bytes);
** limit: stop after that many lines (-1: all). match: the FTS5 MATCH
** expression of sql's rows; given, the hits of a block come from its
** document's token position map (doc_tokmap) where it has one.
*/
int ls_db_kwic(lua_State *L) {
  lua_settop(L, 8);
  ldb *d = ls_check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  size_t qn;
  const char *qs = luaL_checklstring(L, 4, &qn);
  const seg_lex *lex = ls_opt_lex(L, 5);
  int nwords = (int)ls_arg_range(L, 6, -1, -1, KWIC_WORDS_MAX, "nwords");
  lua_Integer limit = ls_arg_range(L, 7, -1, -1, LUA_MAXINTEGER, "limit");
  box *b = ls_box_push(L);
  scan *c = xcalloc(1, sizeof *c);
  b->p = c, b->free = scan_free;
  kwic_lines *l = &push_lines(L)->l;
  sqlite3 *db = store_db(d->s);
  if (kwic_query_init(&c->q, qs, qn) == 0) return 1;
  if (sqlite3_prepare_v2(db, sql, -1, &c->st, NULL) != SQLITE_OK)
    return luaL_error(L, "sql: %s", sqlite3_errmsg(db));
  ls_bind_params(L, c->st, 3);
  if (!lua_isnil(L, 8))
    use_maps(c, d->s, luaL_checkstring(L, 8), lex != NULL, nwords);
  int rc = scan_rows(c, db, lex, nwords, limit, l);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return luaL_error(L, "sql: %s", sqlite3_errmsg(db));
  lua_pushinteger(L, c->mapped);
  ls_box_release(b);
  return 2;
}

static const luaL_Reg lines_methods[] = {{"get", lines_get},
                                         {"add", lines_add},
                                         {"mapped", lines_mapped},
                                         {NULL, NULL}};

/* Register the lines metatable, db:kwic (in the database methods) and
** S.kwic_lines (in the module table on top of the stack). */
void ls_kwic_open(lua_State *L) {
  luaL_getmetatable(L, DB_MT);
  lua_getfield(L, -1, "__index");
  lua_pushcfunction(L, ls_db_kwic);
  lua_setfield(L, -2, "kwic");
  lua_pop(L, 2);
  if (ls_new_mt(L, LINES_MT)) {
    lua_pushcfunction(L, lines_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, lines_len);
    lua_setfield(L, -2, "__len");
    luaL_newlib(L, lines_methods);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, s_kwic_lines);
  lua_setfield(L, -2, "kwic_lines");
}
