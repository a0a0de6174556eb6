/*
** test_wordstats_flush.c — writing a batch of word statistics
** (wstats_write_maps: words sorted by key, pairs keyed by their words'
** positions and sorted by their words' ranks with a radix sort) against
** the plain way: one upsert per row in any order.
** Plan:
**  1. a batch of more than 65536 words (random keys, multi-byte UTF-8 and
**     spaces among them, so that ranks take more than one radix digit)
**     and 120000 pairs, some naming words whose own counts are zero;
**     written into an empty database: word_stats and word_bigrams equal
**     the reference tables row for row.
**  2. a second batch over the first: counts added to existing rows, new
**     rows, and rows whose counts fall to zero deleted (negative deltas).
**  3. each batch's rows reach the tables in key order (a trigger logs
**     the order of the upserts): words by word, pairs by (w1, w2), as
**     SQLite compares them.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sql_check.h"
#include "store_wordstats.h"
#include "store_wordstats_int.h"

#define NWORDS 70000
#define NPAIRS 120000

static uint64_t rng = 88172645463325252ull;

static uint64_t next_rand(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return rng;
}

/* A unique random key for word i: random syllable-like bytes, "/", i. */
static char *make_key(size_t i) {
  static const char *const part[] = {"a",  "b",  "đ", "ă", "ệ", " ",
                                     "nh", "ng", "1", ",", "ư", "z"};
  char tmp[96];
  int n = 0, len = 1 + (int)(next_rand() % 6);
  for (int k = 0; k < len; k++)
    n += snprintf(tmp + n, sizeof tmp - (size_t)n, "%s",
                  part[next_rand() % (sizeof part / sizeof *part)]);
  snprintf(tmp + n, sizeof tmp - (size_t)n, "/%zu", i); /* "/": unique */
  return strdup(tmp);
}

/* A batch: nw words (counts in -2..3, some zero: unchanged words that
** pairs name), np distinct pairs of them (counts -1..3, never 0); nw a
** multiple of 4. */
static void make_batch(ws_map *m, ws_pmap *p, size_t nw, size_t np) {
  memset(m, 0, sizeof *m), memset(p, 0, sizeof *p);
  m->ents = calloc(nw, sizeof *m->ents);
  m->n = nw;
  for (size_t i = 0; i < nw; i++) {
    ws_ent *e = &m->ents[i];
    e->key = make_key(i);
    e->len = strlen(e->key);
    e->disp = e->key;
    e->cnt = (int64_t)(next_rand() % 6) - 2, e->df = e->cnt > 0 ? 1 : 0;
  }
  for (p->cap = 1; p->cap < np * 2; p->cap *= 2) {
  }
  p->slot = calloc(p->cap, sizeof *p->slot);
  for (size_t i = 0; i < np; i++) { /* distinct pairs (a = i / nw mod 4) */
    uint64_t b = i % nw, a = (i / nw + (next_rand() % (nw / 4)) * 4) % nw;
    int64_t cnt = (int64_t)(next_rand() % 4);
    size_t s = (size_t)(next_rand() % p->cap);
    while (p->slot[s].k) s = (s + 1) % p->cap;
    p->slot[s] =
        (ws_pent){(a + 1) << 32 | (b + 1), cnt ? cnt : -1, cnt ? 1 : -1};
    p->n++;
  }
}

static void free_batch(ws_map *m, ws_pmap *p) {
  for (size_t i = 0; i < m->n; i++) free(m->ents[i].key);
  free(m->ents);
  free(p->slot);
}

static int exec(sqlite3 *db, const char *sql) {
  char *err = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
  if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, err);
  sqlite3_free(err);
  return rc;
}

/* The reference: the same batch as one plain upsert per row, in the
** maps' own order, into ref_words and ref_pairs. */
static void reference(sqlite3 *db, const ws_map *m, const ws_pmap *p) {
  sqlite3_stmt *w, *q;
  sqlite3_prepare_v2(db,
                     "INSERT INTO ref_words VALUES(?1, ?2, ?3, ?4) ON "
                     "CONFLICT(word) DO UPDATE SET count = count + ?3, "
                     "docs = docs + ?4",
                     -1, &w, NULL);
  sqlite3_prepare_v2(db,
                     "INSERT INTO ref_pairs VALUES(?1, ?2, ?3, ?4) ON "
                     "CONFLICT(w1, w2) DO UPDATE SET count = count + ?3, "
                     "docs = docs + ?4",
                     -1, &q, NULL);
  for (size_t i = 0; i < m->n; i++) {
    const ws_ent *e = &m->ents[i];
    if (!e->cnt && !e->df) continue;
    sqlite3_bind_text(w, 1, e->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(w, 2, e->disp, -1, SQLITE_STATIC);
    sqlite3_bind_int64(w, 3, e->cnt), sqlite3_bind_int64(w, 4, e->df);
    CHECK(sqlite3_step(w) == SQLITE_DONE);
    sqlite3_reset(w);
  }
  for (size_t i = 0; i < p->cap; i++) {
    const ws_pent *e = &p->slot[i];
    if (!e->k || (!e->cnt && !e->df)) continue;
    sqlite3_bind_text(q, 1, m->ents[(e->k >> 32) - 1].key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, m->ents[(e->k & 0xFFFFFFFFu) - 1].key, -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, e->cnt), sqlite3_bind_int64(q, 4, e->df);
    CHECK(sqlite3_step(q) == SQLITE_DONE);
    sqlite3_reset(q);
  }
  sqlite3_finalize(w);
  sqlite3_finalize(q);
  CHECK(exec(db,
             "DELETE FROM ref_words WHERE count <= 0;"
             "DELETE FROM ref_pairs WHERE count <= 0") == SQLITE_OK);
}

/* The kept tables equal the reference ones, and neither is empty. */
static void same_tables(sqlite3 *db) {
  CHECK(sql_int(db, "SELECT count(*) FROM word_stats", -1) > 1000);
  CHECK(sql_int(db, "SELECT count(*) FROM word_bigrams", -1) > 1000);
  CHECK(sql_int(db, "SELECT count(*) FROM word_stats", -1) ==
        sql_int(db, "SELECT count(*) FROM ref_words", -1));
  CHECK(sql_int(db, "SELECT count(*) FROM word_bigrams", -1) ==
        sql_int(db, "SELECT count(*) FROM ref_pairs", -1));
  CHECK(sql_int(db,
                "SELECT count(*) FROM (SELECT word, display, count, "
                "docs FROM word_stats EXCEPT SELECT * FROM ref_words)",
                -1) == 0);
  CHECK(sql_int(db,
                "SELECT count(*) FROM (SELECT * FROM word_bigrams "
                "EXCEPT SELECT * FROM ref_pairs)",
                -1) == 0);
  CHECK(sql_int(db, "SELECT count(*) FROM word_stats WHERE count <= 0", -1) ==
        0);
}

/* Each batch's upserts came in key order (the log of the last batch). */
static void in_order(sqlite3 *db) {
  CHECK(sql_int(db, "SELECT count(*) FROM log", -1) > 1000);
  CHECK(sql_int(db,
                "SELECT count(*) FROM log a JOIN log b ON b.seq = "
                "a.seq + 1 AND a.t = b.t WHERE b.w1 < a.w1 OR (b.w1 = "
                "a.w1 AND b.w2 <= a.w2)",
                -1) == 0);
  CHECK(exec(db, "DELETE FROM log") == SQLITE_OK);
}

int main(void) {
  sqlite3 *db;
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  CHECK(exec(db, WSTATS_SCHEMA_SQL) == SQLITE_OK);
  CHECK(exec(db,
             "CREATE TABLE ref_words(word TEXT PRIMARY KEY, display, count, "
             "docs);"
             "CREATE TABLE ref_pairs(w1, w2, count, docs, PRIMARY KEY(w1, "
             "w2));"
             "CREATE TABLE log(seq INTEGER PRIMARY KEY, t, w1, w2);"
             "CREATE TRIGGER lw BEFORE INSERT ON word_stats BEGIN INSERT "
             "INTO log(t, w1, w2) VALUES(0, new.word, ''); END;"
             "CREATE TRIGGER lp BEFORE INSERT ON word_bigrams BEGIN INSERT "
             "INTO log(t, w1, w2) VALUES(1, new.w1, new.w2); END;") ==
        SQLITE_OK);
  for (int round = 0; round < 2; round++) {
    ws_map m;
    ws_pmap p;
    make_batch(&m, &p, NWORDS + (size_t)round * 100, NPAIRS);
    CHECK(exec(db, "BEGIN") == SQLITE_OK);
    CHECK(wstats_write_maps(db, &m, &p) == 0);
    CHECK(exec(db, "COMMIT") == SQLITE_OK);
    reference(db, &m, &p);
    same_tables(db);
    in_order(db);
    free_batch(&m, &p);
  }
  sqlite3_close(db);
  return check_done();
}
