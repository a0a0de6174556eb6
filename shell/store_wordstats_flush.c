/*
** store_wordstats_flush.c — writing a batch's word statistics
** (store_wordstats.h): the changed words and pairs sorted into key
** order (pairs by their words' ranks, an integer sort) and upserted.
*/
#include <stdlib.h>
#include <string.h>

#include "store_rows.h"
#include "store_wordstats_int.h"
#include "text.h"

/* An entry to sort: its key's first 8 bytes as a big-endian number (zero
** padded; keys hold no NUL byte), so most comparisons are one integer
** compare. */
typedef struct ws_sortkey {
  uint64_t pre;
  ws_ent *e;
} ws_sortkey;

static int cmp_ent(const void *a, const void *b) {
  const ws_sortkey *p = a, *q = b;
  if (p->pre != q->pre) return p->pre < q->pre ? -1 : 1;
  const ws_ent *x = p->e, *y = q->e;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->key, y->key, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static uint64_t prefix8(const char *k, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; i++) v = v << 8 | (i < n ? (unsigned char)k[i] : 0);
  return v;
}

/* A word's key, where the flush reads it. */
typedef struct ws_key {
  const char *k;
  size_t n;
} ws_key;

/* Every word of m in key order (malloc'd, m->n of them: unchanged ones
** too, which a changed pair may name); *rank (malloc'd) gets each word's
** place in that order, by its position in m, and *keys (malloc'd) the
** keys in that order. */
static ws_ent **sorted_words(const ws_map *m, uint32_t **rank, ws_key **keys) {
  ws_sortkey *k = xmalloc((m->n + 1) * sizeof *k);
  for (size_t i = 0; i < m->n; i++)
    k[i] = (ws_sortkey){prefix8(m->ents[i].key, m->ents[i].len), &m->ents[i]};
  qsort(k, m->n, sizeof *k, cmp_ent);
  ws_ent **v = xmalloc((m->n + 1) * sizeof *v);
  uint32_t *r = xmalloc((m->n + 1) * sizeof *r);
  ws_key *kk = xmalloc((m->n + 1) * sizeof *kk);
  for (size_t i = 0; i < m->n; i++) {
    v[i] = k[i].e;
    r[k[i].e - m->ents] = (uint32_t)i;
    kk[i] = (ws_key){k[i].e->key, k[i].e->len};
  }
  free(k);
  *rank = r, *keys = kk;
  return v;
}

/* A changed pair to write: its words' ranks (w1's in the high 32 bits:
** the order of the pairs' keys (w1, w2)) and its counts. */
typedef struct ws_prow {
  uint64_t k;
  int64_t cnt, df;
} ws_prow;

/* Sort v[0..n) by k (LSD radix sort, 16 bits a pass over the bits that
** any k uses; tmp: room for n rows). */
static void radix_rows(ws_prow *v, ws_prow *tmp, size_t n, uint64_t all) {
  size_t *cnt = xmalloc(65536 * sizeof *cnt);
  for (int sh = 0; sh < 64 && (all >> sh); sh += 16) {
    memset(cnt, 0, 65536 * sizeof *cnt);
    for (size_t i = 0; i < n; i++) cnt[(v[i].k >> sh) & 0xFFFF]++;
    for (size_t i = 0, sum = 0; i < 65536; i++) {
      size_t c = cnt[i];
      cnt[i] = sum, sum += c;
    }
    for (size_t i = 0; i < n; i++) tmp[cnt[(v[i].k >> sh) & 0xFFFF]++] = v[i];
    memcpy(v, tmp, n * sizeof *v);
  }
  free(cnt);
}

/* The changed pairs of m in key order (malloc'd; *n of them). */
static ws_prow *sorted_pairs(const ws_pmap *m, const uint32_t *rank,
                             size_t *n) {
  ws_prow *v = xmalloc((m->n + 1) * sizeof *v);
  uint64_t all = 0;
  *n = 0;
  for (size_t i = 0; i < m->cap; i++) {
    const ws_pent *e = &m->slot[i];
    if (!e->k || !(e->cnt || e->df)) continue;
    uint64_t r1 = rank[(e->k >> 32) - 1], r2 = rank[(e->k & 0xFFFFFFFFu) - 1];
    v[(*n)++] = (ws_prow){r1 << 32 | r2, e->cnt, e->df};
    all |= r1 << 32 | r2;
  }
  ws_prow *tmp = xmalloc((*n + 1) * sizeof *tmp);
  radix_rows(v, tmp, *n, all);
  free(tmp);
  return v;
}

/* The upserts of the two tables (0: words, 1: pairs), each run once over
** all of a flush's rows (store_rows.h), and the deletes of a row whose
** count fell to zero, run for each row whose count fell. */
static const char *const up_sql[2] = {
    "INSERT INTO word_stats(word, display, plain, count, docs) SELECT c0, c1, "
    "c2, c3, c4 FROM tinsh_rows(?1) WHERE true ON CONFLICT(word) DO UPDATE "
    "SET count = count + excluded.count, docs = docs + excluded.docs",
    "INSERT INTO word_bigrams(w1, w2, count, docs) SELECT c0, c1, c2, c3 FROM "
    "tinsh_rows(?1) WHERE true ON CONFLICT(w1, w2) DO UPDATE SET count = "
    "count + excluded.count, docs = docs + excluded.docs"};
static const char *const del_sql[2] = {
    "DELETE FROM word_stats WHERE word = ?1 AND count <= 0",
    "DELETE FROM word_bigrams WHERE w1 = ?1 AND w2 = ?2 AND count <= 0"};

/* Run the upsert of table which over rows r, then its delete for each row
** i that fell(ctx, i) says fell (binding ?1, ?2 with bind(ctx, i, st)).
** 0 or -1. */
static int write_rows(sqlite3 *db, int which, const store_rows *r,
                      int (*fell)(void *ctx, size_t i),
                      void (*bind)(void *ctx, size_t i, sqlite3_stmt *st)) {
  sqlite3_stmt *up = NULL, *del = NULL;
  int rc = -1;
  if (store_rows_prepare(db, up_sql[which], &up) == SQLITE_OK &&
      sqlite3_prepare_v2(db, del_sql[which], -1, &del, NULL) == SQLITE_OK) {
    store_rows_bind(up, 1, r);
    rc = sqlite3_step(up) == SQLITE_DONE ? 0 : -1;
    for (size_t i = 0; i < r->n && rc == 0; i++) {
      if (!fell(r->ctx, i)) continue;
      bind(r->ctx, i, del);
      rc = sqlite3_step(del) == SQLITE_DONE ? 0 : -1;
      sqlite3_reset(del);
    }
  }
  sqlite3_finalize(up);
  sqlite3_finalize(del);
  return rc;
}

/* ---- words: rows of the changed entries, in key order ---- */

typedef struct word_rows {
  ws_ent **v; /* the changed words */
} word_rows;

/* c0 the key, c1 as first written, c2 the accent-stripped key of a
** multi-syllable word (else NULL), c3 occurrences, c4 documents */
static void word_column(void *ctx, size_t i, int col, sqlite3_context *c) {
  const ws_ent *e = ((word_rows *)ctx)->v[i];
  switch (col) {
    case 0:
      sqlite3_result_text(c, e->key, (int)e->len, SQLITE_STATIC);
      break;
    case 1:
      sqlite3_result_text(c, e->disp, -1, SQLITE_STATIC);
      break;
    case 2: {
      char *plain = NULL;
      size_t pn = 0;
      if (memchr(e->key, ' ', e->len))
        plain = text_fold_alloc(e->key, e->len, TEXT_FOLD_ACCENTS, &pn);
      if (plain)
        sqlite3_result_text(c, plain, (int)pn, free);
      else
        sqlite3_result_null(c);
      break;
    }
    case 3:
      sqlite3_result_int64(c, e->cnt);
      break;
    default:
      sqlite3_result_int64(c, e->df);
  }
}

static int word_fell(void *ctx, size_t i) {
  return ((word_rows *)ctx)->v[i]->cnt < 0;
}

static void word_bind(void *ctx, size_t i, sqlite3_stmt *st) {
  const ws_ent *e = ((word_rows *)ctx)->v[i];
  sqlite3_bind_text(st, 1, e->key, (int)e->len, SQLITE_STATIC);
}

/* Write the batch's changed words, v: all of them in key order (v is
** compacted to the changed ones). */
static int flush_words(sqlite3 *db, ws_ent **v, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (v[i]->cnt || v[i]->df) v[k++] = v[i];
  word_rows w = {v};
  store_rows r = {k, 5, &w, word_column};
  return write_rows(db, 0, &r, word_fell, word_bind);
}

/* ---- pairs ---- */

typedef struct pair_rows {
  const ws_prow *p;   /* the changed pairs in key order */
  const ws_key *keys; /* the words' keys by rank */
} pair_rows;

/* c0, c1 the two words' keys, c2 occurrences, c3 documents */
static void pair_column(void *ctx, size_t i, int col, sqlite3_context *c) {
  const pair_rows *pr = ctx;
  const ws_prow *e = &pr->p[i];
  if (col < 2) {
    const ws_key *k = &pr->keys[col == 0 ? e->k >> 32 : e->k & 0xFFFFFFFFu];
    sqlite3_result_text(c, k->k, (int)k->n, SQLITE_STATIC);
  } else {
    sqlite3_result_int64(c, col == 2 ? e->cnt : e->df);
  }
}

static int pair_fell(void *ctx, size_t i) {
  return ((pair_rows *)ctx)->p[i].cnt < 0;
}

static void pair_bind(void *ctx, size_t i, sqlite3_stmt *st) {
  const pair_rows *pr = ctx;
  const ws_prow *e = &pr->p[i];
  const ws_key *a = &pr->keys[e->k >> 32], *b = &pr->keys[e->k & 0xFFFFFFFFu];
  sqlite3_bind_text(st, 1, a->k, (int)a->n, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, b->k, (int)b->n, SQLITE_STATIC);
}

/* Write the batch's changed pairs (rank: their words' places in key
** order, keys: the words' keys in that order). */
static int flush_pairs(sqlite3 *db, const ws_pmap *m, const uint32_t *rank,
                       const ws_key *keys) {
  size_t n = 0;
  ws_prow *p = sorted_pairs(m, rank, &n);
  pair_rows pr = {p, keys};
  store_rows r = {n, 4, &pr, pair_column};
  int rc = write_rows(db, 1, &r, pair_fell, pair_bind);
  free(p);
  return rc;
}

int wstats_write_maps(sqlite3 *db, const ws_map *uni, const ws_pmap *bi) {
  uint32_t *rank;
  ws_key *keys;
  ws_ent **v = sorted_words(uni, &rank, &keys);
  int rc = flush_words(db, v, uni->n) || flush_pairs(db, bi, rank, keys);
  free(v), free(rank), free(keys);
  return rc ? -1 : 0;
}
