/*
** lua_terms.c — db:terms — n-gram term counts over documents (the hot loop of
*frequency
** lists and idf).
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
#include "segment.h"
#include "text.h"

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
  if (t->tv) ls_tokv_free(t->tv);
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
  return util_slot(util_hash64(k, n));
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

static int tc_is_stop(const tcount *t, const char *k, size_t n) {
  if (text_is_number(k, n)) return 1;
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
** db:terms(sql, params, n [, stop [, top [, min [, words]]]]) -> counts,
** docfreqs,
** tokens, documents; with top: a list of the top records {term, count,
** docs} (count >= min, by count then term) instead of the two maps.
** sql yields (doc, text) rows, or (doc, text, off, len) rows of
** block_rows where a NULL text is the span [off, off + len) of the
** document's text (read once per document).
** sql yields rows (document id, text) in document order; every text is
** tokenized (breaks at punctuation, n-grams never cross them) and its
** n-grams counted. With a stop set {word = true}, n-grams that begin or
** end with a stopword or a number are skipped. counts and docfreqs map
** each n-gram to its number of occurrences and of documents. With words
** (true or a lexicon, see ls_opt_lex) the tokens are words, not
** syllables.
*/
int ls_db_terms(lua_State *L) {
  lua_settop(L, 8);
  const seg_lex *lex = ls_opt_lex(L, 8);
  lua_Integer top = ls_arg_range(L, 6, -1, -1, LUA_MAXINTEGER, "top");
  lua_Integer min = luaL_optinteger(L, 7, 1);
  ldb *d = ls_check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  int n = (int)ls_arg_range(L, 4, 0, 1, 8, "n");
  if (!lua_isnil(L, 5)) luaL_checktype(L, 5, LUA_TTABLE);
  box *b = ls_box_push(L); /* index 9 */
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
  ls_bind_params(L, t->st, 3);
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
    ls_tokenize(t->tv, lex, (size_t)len);
    tc_text(t, n, doc, &total);
    ls_tokv_free(t->tv);
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
    ls_box_release(b);
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
  ls_box_release(b);
  return 4;
}
