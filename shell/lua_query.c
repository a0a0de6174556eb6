/*
** lua_query.c — the Lua binding of the pattern language (query.h,
** docs/query.md), two functions of `tinsh.store`:
**   query(db, pattern [, {limit =, lexicon =, docs =}])
**     -> { {rowid =, seq =, kind =, s =, e =, text =, tokens = {...},
**           parts = {name = {s =, e =, text =}}}, ... } | nil, msg
**   query_check(pattern) -> true | nil, "column N: why"
** s and e are 1-based inclusive byte positions in the block's text. The
** matches are gathered in C (in a box) before any Lua table is made.
*/
#include <stdlib.h>
#include <string.h>

#include "lua_store_int.h"
#include "segment.h"
#include "store_query.h"

typedef struct lhit {
  int64_t rowid;
  int seq;
  const char *kind;           /* static */
  size_t off, len;            /* the match's text in coll.text */
  size_t from;                /* its first byte in the block */
  size_t tok, ntok;           /* its tokens: pairs in coll.toks */
  long part[2 * Q_MAX_PARTS]; /* block bytes [s, e) of each part, or -1 */
} lhit;

typedef struct lcoll {
  VEC(lhit) h;
  VEC(size_t) toks; /* token byte ranges relative to the match's text */
  buf text;
  lua_Integer limit;
  int nparts;
} lcoll;

static void coll_free(void *p) {
  lcoll *c = p;
  free(c->h.items), free(c->toks.items);
  buf_free(&c->text);
  free(c);
}

/* Keep one match (its text, tokens and parts); 1 once the limit is met. */
static int on_hit(void *ud, const q_hit *h) {
  lcoll *c = ud;
  const q_token *t = h->st->tok;
  lhit x = {h->rowid,        h->seq,        h->kind, c->text.len, 0,
            t[h->m->s].from, c->toks.n / 2, 0,       {0}};
  x.len = t[h->m->e - 1].to - x.from;
  buf_add(&c->text, h->text + x.from, x.len);
  for (int i = h->m->s; i < h->m->e; i++) {
    VEC_PUSH(c->toks, t[i].from - x.from);
    VEC_PUSH(c->toks, t[i].to - x.from);
  }
  x.ntok = (size_t)(h->m->e - h->m->s);
  for (int i = 0; i < c->nparts; i++) {
    int a = h->m->part[2 * i], b = h->m->part[2 * i + 1];
    int ok = a >= 0 && b >= a;
    x.part[2 * i] = ok ? (long)(a < h->st->ntok ? t[a].from : h->st->len) : -1;
    x.part[2 * i + 1] =
        ok ? (long)(b > a ? t[b - 1].to : (size_t)x.part[2 * i]) : -1;
  }
  VEC_PUSH(c->h, x);
  return c->limit > 0 && (lua_Integer)c->h.n >= c->limit;
}

/* Push the match table of x. */
static void push_hit(lua_State *L, const lcoll *c, const lhit *x,
                     const q_pattern *p) {
  const char *mt = c->text.data + x->off;
  lua_createtable(L, 0, 8);
  lua_pushinteger(L, x->rowid), lua_setfield(L, -2, "rowid");
  lua_pushinteger(L, x->seq), lua_setfield(L, -2, "seq");
  lua_pushstring(L, x->kind), lua_setfield(L, -2, "kind");
  lua_pushinteger(L, (lua_Integer)x->from + 1), lua_setfield(L, -2, "s");
  lua_pushinteger(L, (lua_Integer)(x->from + x->len)), lua_setfield(L, -2, "e");
  lua_pushlstring(L, mt, x->len), lua_setfield(L, -2, "text");
  lua_createtable(L, (int)x->ntok, 0);
  for (size_t i = 0; i < x->ntok; i++) {
    size_t a = c->toks.items[2 * (x->tok + i)];
    size_t b = c->toks.items[2 * (x->tok + i) + 1];
    lua_pushlstring(L, mt + a, b - a);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "tokens");
  lua_createtable(L, 0, c->nparts);
  for (int i = 0; i < c->nparts; i++) {
    if (x->part[2 * i] < 0) continue;
    size_t a = (size_t)x->part[2 * i], b = (size_t)x->part[2 * i + 1];
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)a + 1), lua_setfield(L, -2, "s");
    lua_pushinteger(L, (lua_Integer)b), lua_setfield(L, -2, "e");
    lua_pushlstring(L, mt + (a - x->from), b - a), lua_setfield(L, -2, "text");
    lua_setfield(L, -2, q_part_name(p, i));
  }
  lua_setfield(L, -2, "parts");
}

/* opts.lexicon: absent or true the default lexicon, else a lexicon */
static const seg_lex *opt_lexicon(lua_State *L, int t) {
  if (!lua_istable(L, t)) return seg_lex_default();
  lua_getfield(L, t, "lexicon");
  const seg_lex *lex =
      lua_isnil(L, -1) ? seg_lex_default() : ls_opt_lex(L, lua_gettop(L));
  lua_pop(L, 1);
  if (!lex) lex = seg_lex_default();
  return lex;
}

/* opts.docs: a list of rowids into a box on the stack (NULL: absent) */
static int64_t *opt_docs(lua_State *L, int t, size_t *n) {
  *n = 0;
  if (!lua_istable(L, t)) return NULL;
  lua_getfield(L, t, "docs");
  if (lua_isnil(L, -1)) return lua_pop(L, 1), NULL;
  if (!lua_istable(L, -1)) luaL_argerror(L, t, "docs must be a list of rowids");
  size_t len = (size_t)luaL_len(L, -1);
  box *b = ls_box_push(L);
  int64_t *v = b->p = xmalloc((len + 1) * sizeof *v);
  b->free = free;
  for (size_t i = 0; i < len; i++) {
    lua_geti(L, -2, (lua_Integer)i + 1);
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
  luaL_checkstring(L, 2);
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  lua_Integer limit = ls_opt_int(L, 3, "limit", 0, 0, 0x7fffffff);
  q_run_opts o = {opt_lexicon(L, 3), NULL, 0, 0};
  o.docs = opt_docs(L, 3, &o.ndocs); /* a box at 4 when given */
  q_pattern *p = compile_arg(L, 2, o.lex);
  if (!p) return 2;
  box *cb = ls_box_push(L);
  lcoll *c = cb->p = xcalloc(1, sizeof *c);
  cb->free = coll_free;
  c->limit = limit, c->nparts = q_nparts(p);
  char *err = NULL;
  if (store_query_run(d->s, p, &o, on_hit, c, &err) < 0) {
    luaL_pushfail(L);
    lua_pushstring(L, err ? err : "query failed");
    free(err);
    return 2;
  }
  lua_createtable(L, (int)c->h.n, 0);
  for (size_t i = 0; i < c->h.n; i++) {
    push_hit(L, c, &c->h.items[i], p);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

int ls_s_query_check(lua_State *L) {
  if (!compile_arg(L, 1, seg_lex_default())) return 2;
  lua_pushboolean(L, 1);
  return 1;
}
