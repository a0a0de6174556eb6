/*
** store_wordstats_flush.c — writing a batch's word statistics
** (store_wordstats.h): the changed words and pairs sorted into key
** order (pairs by their words' ranks, an integer sort) and upserted.
*/
#include <stdlib.h>
#include <string.h>

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

static const char *const up_sql[2] = {
    "INSERT INTO word_stats(word, display, plain, count, docs) "
    "VALUES(?1, ?3, ?4, ?5, ?6) ON CONFLICT(word) DO UPDATE SET "
    "count = count + excluded.count, docs = docs + excluded.docs",
    "INSERT INTO word_bigrams(w1, w2, count, docs) VALUES(?1, ?2, ?5, ?6) "
    "ON CONFLICT(w1, w2) DO UPDATE SET count = count + excluded.count, "
    "docs = docs + excluded.docs"};
static const char *const del_sql[2] = {
    "DELETE FROM word_stats WHERE word = ?1 AND count <= 0",
    "DELETE FROM word_bigrams WHERE w1 = ?1 AND w2 = ?2 AND count <= 0"};

/* The upsert and the delete of table which (0: words, 1: pairs). */
static int prepare_pair(sqlite3 *db, int which, sqlite3_stmt *st[2]) {
  st[0] = st[1] = NULL;
  if (sqlite3_prepare_v2(db, up_sql[which], -1, &st[0], NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, del_sql[which], -1, &st[1], NULL) == SQLITE_OK)
    return 0;
  sqlite3_finalize(st[0]);
  st[0] = NULL;
  return -1;
}

/* Run st once (bound); 0 or -1. */
static int step_once(sqlite3_stmt *st) {
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
  sqlite3_reset(st);
  return rc;
}

/* Write word e: its upsert (st[0]: ?1, ?3..?6), then, when its count
** fell, the delete of a row that reached zero (st[1]: ?1). */
static int write_word(sqlite3_stmt *st[2], const ws_ent *e) {
  sqlite3_bind_text(st[0], 1, e->key, (int)e->len, SQLITE_STATIC);
  sqlite3_bind_text(st[0], 3, e->disp, -1, SQLITE_STATIC);
  char *plain = NULL;
  size_t pn = 0;
  if (memchr(e->key, ' ', e->len))
    plain = text_fold_alloc(e->key, e->len, TEXT_FOLD_ACCENTS, &pn);
  if (plain)
    sqlite3_bind_text(st[0], 4, plain, (int)pn, free);
  else
    sqlite3_bind_null(st[0], 4);
  sqlite3_bind_int64(st[0], 5, e->cnt);
  sqlite3_bind_int64(st[0], 6, e->df);
  if (step_once(st[0]) != 0) return -1;
  if (e->cnt >= 0) return 0;
  sqlite3_bind_text(st[1], 1, e->key, (int)e->len, SQLITE_STATIC);
  return step_once(st[1]);
}

/* The same for the pair of words a, b with counts e (?1, ?2, ?5, ?6). */
static int write_pair(sqlite3_stmt *st[2], const ws_key *a, const ws_key *b,
                      const ws_prow *e) {
  for (int i = 0; i < 2; i++) {
    if (i && e->cnt >= 0) break;
    sqlite3_bind_text(st[i], 1, a->k, (int)a->n, SQLITE_STATIC);
    sqlite3_bind_text(st[i], 2, b->k, (int)b->n, SQLITE_STATIC);
    if (!i) sqlite3_bind_int64(st[0], 5, e->cnt);
    if (!i) sqlite3_bind_int64(st[0], 6, e->df);
    if (step_once(st[i]) != 0) return -1;
  }
  return 0;
}

/* Write the batch's changed words, v: all of them in key order. */
static int flush_words(sqlite3 *db, ws_ent *const *v, size_t n) {
  sqlite3_stmt *st[2];
  int rc = prepare_pair(db, 0, st);
  for (size_t i = 0; i < n && rc == 0; i++)
    if (v[i]->cnt || v[i]->df) rc = write_word(st, v[i]);
  sqlite3_finalize(st[0]);
  sqlite3_finalize(st[1]);
  return rc;
}

/* Write the batch's changed pairs (rank: their words' places in key
** order, keys: the words' keys in that order). */
static int flush_pairs(sqlite3 *db, const ws_pmap *m, const uint32_t *rank,
                       const ws_key *keys) {
  sqlite3_stmt *st[2];
  if (prepare_pair(db, 1, st) != 0) return -1;
  size_t n = 0;
  ws_prow *p = sorted_pairs(m, rank, &n);
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++)
    rc =
        write_pair(st, &keys[p[i].k >> 32], &keys[p[i].k & 0xFFFFFFFFu], &p[i]);
  free(p);
  sqlite3_finalize(st[0]);
  sqlite3_finalize(st[1]);
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
