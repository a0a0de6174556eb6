/*
** fuzz_query.c — libFuzzer target for the query-escaping path: a user's
** plain query (fts_plain_query) run as FTS5 MATCH against a small table
** tokenized by tinsh, with snippet() and tinsh_offsets() on the hits.
**
** Input: arbitrary bytes, cut at the first NUL, as a typed query.
** Invariants checked on every input:
**   - fts_plain_query returns NULL or a non-empty string, and the MATCH
**     it builds never raises an FTS5 syntax error (the contract: plain
**     queries never fail);
**   - every hit's tinsh_offsets are "col start end" triples inside the
**     column's text;
**   - fts_plain_query_ex's run (the words as one phrase) is valid MATCH
**     syntax too; tinsh_rank is finite and never worse than bm25;
**   - fts_fold returns -1 or a length < cap, NUL-terminated.
*/
#include <sqlite3.h>
#include <string.h>

#include "fts.h"
#include "fuzz.h"

static const char *const fuzz_query_rows[] = {
    "Đảng bộ tỉnh Quảng Ninh lãnh đạo thực hiện Nghị quyết 20-NQ/TU",
    "Thành phố Móng Cái tăng trưởng 57,7% với gần 5.000 tỷ đồng",
    "Nghị định 108/2014/NĐ-CP; tỷ lệ 21.923/23.394 hộ; nhiệm kỳ 2020-2025",
    "Hạ Long, Cẩm Phả, Uông Bí — \"KKTCK\" khu kinh tế cửa khẩu (KKT)",
    "dang bo mong cai ha long 2025 ÑAÛNG BOÄ",
};

static sqlite3 *fuzz_query_db(void) {
  static sqlite3 *db;
  if (db) return db;
  FUZZ_CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  FUZZ_CHECK(fts_register(db) == SQLITE_OK);
  FUZZ_CHECK(sqlite3_exec(db,
                          "CREATE VIRTUAL TABLE t USING fts5(title, body, "
                          "tokenize='tinsh')",
                          NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_stmt *st;
  FUZZ_CHECK(sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?, ?)", -1, &st,
                                NULL) == SQLITE_OK);
  size_t n = sizeof fuzz_query_rows / sizeof *fuzz_query_rows;
  for (size_t i = 0; i < n; i++) {
    sqlite3_bind_text(st, 1, fuzz_query_rows[(i + 1) % n], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fuzz_query_rows[i], -1, SQLITE_STATIC);
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return db;
}

/* "col start end ..." must be triples inside the row's columns. */
static void fuzz_query_offsets(sqlite3_stmt *st) {
  const char *p = (const char *)sqlite3_column_text(st, 0);
  int len[2] = {sqlite3_column_bytes(st, 2), sqlite3_column_bytes(st, 3)};
  FUZZ_CHECK(p != NULL);
  for (;;) {
    int col, a, b, used;
    if (sscanf(p, "%d %d %d%n", &col, &a, &b, &used) != 3) break;
    FUZZ_CHECK(col == 0 || col == 1);
    FUZZ_CHECK(a >= 0 && a <= b && b <= len[col]);
    p += used;
  }
  while (*p == ' ') p++;
  FUZZ_CHECK(*p == '\0');
}

/* Number of rows matching m; the MATCH must not fail. */
static long fuzz_query_count(const char *m) {
  sqlite3_stmt *st;
  FUZZ_CHECK(sqlite3_prepare_v2(fuzz_query_db(),
                                "SELECT count(*) FROM t WHERE t MATCH ?", -1,
                                &st, NULL) == SQLITE_OK);
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
  long n = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

/* nrun: rows holding the query's words side by side (-1: no run) */
static void fuzz_query_run(const char *match, long nrun) {
  sqlite3 *db = fuzz_query_db();
  sqlite3_stmt *st;
  FUZZ_CHECK(sqlite3_prepare_v2(
                 db,
                 "SELECT tinsh_offsets(t), snippet(t, -1, '[', ']', '…', 8), "
                 "title, body, tinsh_rank(t, ?2, 2.0, 1.0), bm25(t, 2.0, 1.0) "
                 "FROM t WHERE t MATCH ?1 ORDER BY bm25(t)",
                 -1, &st, NULL) == SQLITE_OK);
  sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
  if (nrun >= 0) sqlite3_bind_int64(st, 2, nrun);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    fuzz_query_offsets(st);
    /* the side-by-side term only ever adds to the score (lower = better) */
    double r = sqlite3_column_double(st, 4), b = sqlite3_column_double(st, 5);
    FUZZ_CHECK(r == r && b == b && r <= b + 1e-9);
  }
  if (rc != SQLITE_DONE)
    fprintf(stderr, "MATCH %s: %s\n", match, sqlite3_errmsg(db));
  FUZZ_CHECK(rc == SQLITE_DONE);
  sqlite3_finalize(st);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  if (size > 4096) return 0; /* a query, not a document */
  char *q = malloc(size + 1);
  memcpy(q, data, size);
  q[size] = '\0';

  char *run = NULL, *match = fts_plain_query_ex(q, &run);
  if (match) {
    FUZZ_CHECK(match[0] != '\0');
    fuzz_query_run(match, run ? fuzz_query_count(run) : -1);
    free(match);
  }
  FUZZ_CHECK(!run || match); /* a run only for a query with words */
  free(run);
  char out[32];
  int n = fts_fold(q, out, (int)sizeof out);
  FUZZ_CHECK(n == -1 || (n >= 0 && n < (int)sizeof out && out[n] == '\0'));
  free(q);
  return 0;
}
