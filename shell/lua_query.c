/*
** lua_query.c — the Lua binding of the pattern language (query.h,
** docs/query.md), two functions of `tinsh.store`:
**   query(db, pattern [, {limit =, lexicon =, docs =, corpus_lexicon =,
**                         index =, stats =, vocab_max =}])
**     -> { {rowid =, seq =, kind =, s =, e =, text =, tokens = {...},
**           parts = {name = {s =, e =, text =}}}, ... } | nil, msg
**   query_check(pattern) -> true | nil, "column N: why"
** s and e are 1-based inclusive byte positions in the block's text. Each
** match's table is made as the run finds it, under lua_pcall: a Lua error
** stops the run, which frees what it holds, and is raised after.
*/
#include <stdlib.h>
#include <string.h>

#include "lua_store_int.h"
#include "segment.h"
#include "store_query.h"

/* the run's state, seen by the hit callback */
typedef struct lrun {
  lua_State *L;
  const q_pattern *p;
  int result;        /* stack index of the result list */
  lua_Integer n;     /* matches pushed */
  lua_Integer limit; /* 0: none */
  int failed;        /* a Lua error is on the stack */
} lrun;

static void set_span(lua_State *L, size_t s, size_t e) {
  lua_pushinteger(L, (lua_Integer)s + 1), lua_setfield(L, -2, "s");
  lua_pushinteger(L, (lua_Integer)e), lua_setfield(L, -2, "e");
}

/* Push the parts table of h's match (parts the match went through). */
static void push_parts(lua_State *L, const q_hit *h, const q_pattern *p) {
  const q_token *t = h->st->tok;
  lua_createtable(L, 0, q_nparts(p));
  for (int i = 0; i < q_nparts(p); i++) {
    int a = h->m->part[2 * i], b = h->m->part[2 * i + 1];
    if (a < 0 || b < a) continue;
    size_t s = a < h->st->ntok ? t[a].from : h->st->len;
    size_t e = b > a ? t[b - 1].to : s;
    lua_createtable(L, 0, 3);
    set_span(L, s, e);
    lua_pushlstring(L, h->text + s, e - s), lua_setfield(L, -2, "text");
    lua_setfield(L, -2, q_part_name(p, i));
  }
}

/*
** push_hit(hit, run, list): append the match table of one hit to the result
** list. Called under lua_pcall, so that a Lua error (out of memory, the
** sandbox's heap limit) stops the run instead of jumping over it.
*/
static int push_hit(lua_State *L) {
  const q_hit *h = lua_touserdata(L, 1);
  lrun *r = lua_touserdata(L, 2);
  const q_token *t = h->st->tok;
  size_t s = t[h->m->s].from, e = t[h->m->e - 1].to;
  lua_createtable(L, 0, 8);
  lua_pushinteger(L, h->rowid), lua_setfield(L, -2, "rowid");
  lua_pushinteger(L, h->seq), lua_setfield(L, -2, "seq");
  lua_pushstring(L, h->kind), lua_setfield(L, -2, "kind");
  set_span(L, s, e);
  lua_pushlstring(L, h->text + s, e - s), lua_setfield(L, -2, "text");
  lua_createtable(L, h->m->e - h->m->s, 0);
  for (int i = h->m->s; i < h->m->e; i++) {
    lua_pushlstring(L, h->text + t[i].from, t[i].to - t[i].from);
    lua_rawseti(L, -2, i - h->m->s + 1);
  }
  lua_setfield(L, -2, "tokens");
  push_parts(L, h, r->p);
  lua_setfield(L, -2, "parts");
  lua_rawseti(L, 3, ++r->n); /* the result list */
  return 0;
}

/* The run's callback: 1 stops it (the limit met, or a Lua error). */
static int on_hit(void *ud, const q_hit *h) {
  lrun *r = ud;
  lua_State *L = r->L;
  lua_pushcfunction(L, push_hit);
  lua_pushlightuserdata(L, (void *)h);
  lua_pushlightuserdata(L, r);
  lua_pushvalue(L, r->result);
  if (lua_pcall(L, 3, 0, 0) != LUA_OK) return r->failed = 1;
  return r->limit > 0 && r->n >= r->limit;
}

/* opts.lexicon: absent or true the default lexicon, else a lexicon */
static const seg_lex *opt_lexicon(lua_State *L, int t) {
  if (!lua_istable(L, t)) return seg_lex_default();
  lua_getfield(L, t, "lexicon");
  if (!lua_isnil(L, -1) && !lua_isboolean(L, -1) && !ls_is_lex(L, -1))
    luaL_argerror(L, t,
                  lua_pushfstring(L, "lexicon: tinsh.lexicon expected, got %s",
                                  luaL_typename(L, -1)));
  const seg_lex *lex =
      lua_isnil(L, -1) ? seg_lex_default() : ls_opt_lex(L, lua_gettop(L));
  lua_pop(L, 1);
  if (!lex) lex = seg_lex_default();
  return lex;
}

/*
** opts.corpus_lexicon (true: opts.lexicon is the corpus's lexicon, the
** default one with the database's user words), opts.index (false: no
** vocabulary prefilter, no position maps) and opts.vocab_max (most
** vocabulary words a regex may become, for tests) into o.
*/
static void opt_index(lua_State *L, int t, q_run_opts *o) {
  if (!lua_istable(L, t)) return;
  lua_getfield(L, t, "corpus_lexicon");
  o->corpus_lex = lua_toboolean(L, -1);
  lua_getfield(L, t, "index");
  o->no_index = !lua_isnil(L, -1) && !lua_toboolean(L, -1);
  lua_pop(L, 2);
  o->vocab_max = ls_opt_int(L, t, "vocab_max", 0, 0, 0x7fffffff);
}

/* opts.stats, a table: set its plan, candidates, blocks and mapped. */
static void put_stats(lua_State *L, int t, const q_run_stats *s) {
  if (!lua_istable(L, t) || lua_getfield(L, t, "stats") != LUA_TTABLE) return;
  lua_pushstring(L, s->plan), lua_setfield(L, -2, "plan");
  lua_pushinteger(L, s->candidates), lua_setfield(L, -2, "candidates");
  lua_pushinteger(L, s->blocks), lua_setfield(L, -2, "blocks");
  lua_pushinteger(L, s->mapped), lua_setfield(L, -2, "mapped");
}

/* opts.docs: a list of rowids into a box on the stack (NULL: absent) */
static int64_t *opt_docs(lua_State *L, int t, size_t *n) {
  *n = 0;
  if (!lua_istable(L, t)) return NULL;
  lua_getfield(L, t, "docs");
  if (lua_isnil(L, -1)) return lua_pop(L, 1), NULL;
  if (!lua_istable(L, -1)) luaL_argerror(L, t, "docs must be a list of rowids");
  /* raw length and raw reads: a __len or __index of the script's never
  ** sizes the buffer or runs in the middle of filling it */
  size_t len = (size_t)lua_rawlen(L, -1);
  if (len > ((size_t)1 << 28)) luaL_argerror(L, t, "docs: too many rowids");
  box *b = ls_box_push(L);
  int64_t *v = b->p = xmalloc((len + 1) * sizeof *v);
  b->free = free;
  for (size_t i = 0; i < len; i++) {
    lua_rawgeti(L, -2, (lua_Integer)i + 1);
    int ok;
    v[i] = lua_tointegerx(L, -1, &ok);
    if (!ok) luaL_argerror(L, t, "docs must be a list of rowids");
    lua_pop(L, 1);
  }
  lua_remove(L, -2);
  *n = len;
  return v;
}

/* Compile arg 2 into a box on the stack; NULL with the message pushed. */
static q_pattern *compile_arg(lua_State *L, int arg, const seg_lex *lex) {
  size_t n;
  const char *src = luaL_checklstring(L, arg, &n);
  char err[Q_ERR_SIZE];
  box *b = ls_box_push(L);
  q_pattern *p = q_compile(src, n, lex, err);
  if (!p) {
    lua_pop(L, 1);
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return NULL;
  }
  b->p = p, b->free = (void (*)(void *))q_free;
  return p;
}

int ls_s_query(lua_State *L) {
  ldb *d = ls_check_db(L, 1);
  static const char *const known[] = {"limit", "lexicon",   "corpus_lexicon",
                                      "index", "vocab_max", "stats",
                                      "docs",  NULL};
  luaL_checkstring(L, 2);
  ls_opts_known(L, 3, known);
  lua_settop(L, 3);
  lua_Integer limit = ls_opt_int(L, 3, "limit", 0, 0, 0x7fffffff);
  q_run_stats stats;
  q_run_opts o = {opt_lexicon(L, 3), NULL, 0, 0, 0, 0, &stats, 0};
  opt_index(L, 3, &o);
  o.docs = opt_docs(L, 3, &o.ndocs); /* a box at 4 when given */
  q_pattern *p = compile_arg(L, 2, o.lex);
  if (!p) return 2;
  lua_newtable(L);
  lrun r = {L, p, lua_gettop(L), 0, limit, 0};
  char *err = NULL;
  if (store_query_run(d->s, p, &o, on_hit, &r, &err) < 0) {
    luaL_pushfail(L);
    ls_push_owned(L, NULL, err, (size_t)-1, free, "query failed");
    return 2;
  }
  if (r.failed) return lua_error(L); /* the pcall's error, on top */
  put_stats(L, 3, &stats);
  lua_settop(L, r.result);
  return 1;
}

int ls_s_query_check(lua_State *L) {
  if (!compile_arg(L, 1, seg_lex_default())) return 2;
  lua_pushboolean(L, 1);
  return 1;
}
