/*
** fuzz_fts.c — libFuzzer target for the tinsh FTS5 tokenizer (shell/fts.c).
**
** Input: arbitrary bytes as a document's text.
** Invariants checked on every input:
**   - fts_tokenize in document and query mode: every token is non-empty
**     valid UTF-8, 0 <= start < end <= n, starts never go backwards, the
**     first token is never colocated; tokenizing twice gives the same
**     tokens (FTS5 relies on it to delete rows);
**   - through SQLite: the text indexes into an FTS5 table with
**     tokenize='tinsh' and into one with dominant forms ('tinsh forms1'),
**     FTS5's own integrity-check passes on both, the text's own plain
**     query (fts_plain_query) matches the row in both or in neither, the
**     rows can be deleted again and the tables are then empty;
**   - fts_tokenize in FTS_INDEX mode keeps the invariants above.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "fuzz.h"
#include "text.h"

typedef struct fuzz_fts_ctx {
  int n, count, last_start;
  uint64_t hash; /* over tokens and offsets, to compare two runs */
} fuzz_fts_ctx;

static int fuzz_fts_token(void *p, int tflags, const char *tok, int ntok,
                          int start, int end) {
  fuzz_fts_ctx *c = p;
  FUZZ_CHECK(ntok > 0 && tok != NULL);
  FUZZ_CHECK(text_utf8_valid(tok, (size_t)ntok));
  FUZZ_CHECK(start >= 0 && start < end && end <= c->n);
  FUZZ_CHECK(start >= c->last_start);
  FUZZ_CHECK(c->count > 0 || !(tflags & FTS_COLOCATED));
  c->last_start = start;
  c->count++;
  for (int i = 0; i < ntok; i++)
    c->hash = (c->hash ^ (unsigned char)tok[i]) * 1099511628211ull;
  c->hash =
      (c->hash ^ (uint64_t)(start * 31 + end + tflags)) * 1099511628211ull;
  return 0;
}

static void fuzz_fts_twice(const char *s, int n, int mode) {
  fuzz_fts_ctx a = {n, 0, 0, 14695981039346656037ull}, b = a;
  FUZZ_CHECK(fts_tokenize(s, n, mode, fuzz_fts_token, &a) == 0);
  FUZZ_CHECK(fts_tokenize(s, n, mode, fuzz_fts_token, &b) == 0);
  FUZZ_CHECK(a.count == b.count && a.hash == b.hash);
}

static sqlite3 *fuzz_fts_db(void) {
  static sqlite3 *db;
  if (db) return db;
  FUZZ_CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  FUZZ_CHECK(fts_register(db) == SQLITE_OK);
  FUZZ_CHECK(sqlite3_exec(db,
                          "CREATE VIRTUAL TABLE t USING fts5(body, "
                          "tokenize='tinsh');"
                          "CREATE VIRTUAL TABLE u USING fts5(body, "
                          "tokenize='tinsh " FTS_FORMS_ARG "')",
                          NULL, NULL, NULL) == SQLITE_OK);
  return db;
}

static void fuzz_fts_exec(sqlite3 *db, const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "%s: %s\n", sql, err ? err : "?");
    FUZZ_CHECK(!"SQL failed");
  }
}

/* Rows of table tab (t or u) matching the text's own plain query m. */
static int fuzz_fts_hits(sqlite3 *db, const char *tab, const char *m) {
  sqlite3_stmt *st;
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s MATCH ?", tab,
           tab);
  FUZZ_CHECK(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st),
      n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  return n;
}

/* Index the text in both tables, check FTS5's integrity, match the text's
** own query in both, delete it again. */
static void fuzz_fts_sqlite(const char *s, int n) {
  sqlite3 *db = fuzz_fts_db();
  sqlite3_stmt *st;
  for (int k = 0; k < 2; k++) {
    FUZZ_CHECK(sqlite3_prepare_v2(db,
                                  k ? "INSERT INTO u(rowid, body) VALUES(1, ?)"
                                    : "INSERT INTO t(rowid, body) VALUES(1, ?)",
                                  -1, &st, NULL) == SQLITE_OK);
    sqlite3_bind_text(st, 1, s, n, SQLITE_STATIC);
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
  }
  fuzz_fts_exec(db, "INSERT INTO t(t) VALUES('integrity-check')");
  fuzz_fts_exec(db, "INSERT INTO u(u) VALUES('integrity-check')");
  char *text = sqlite3_mprintf("%.*s", n, s); /* up to a NUL, as SQL reads */
  char *m = text ? fts_plain_query(text) : NULL;
  if (m) FUZZ_CHECK(fuzz_fts_hits(db, "t", m) == fuzz_fts_hits(db, "u", m));
  free(m);
  sqlite3_free(text);
  fuzz_fts_exec(db, "DELETE FROM t; DELETE FROM u");
  fuzz_fts_exec(db, "INSERT INTO t(t) VALUES('integrity-check')");
  fuzz_fts_exec(db, "INSERT INTO u(u) VALUES('integrity-check')");
  FUZZ_CHECK(sqlite3_prepare_v2(db,
                                "SELECT (SELECT count(*) FROM t_docsize) + "
                                "(SELECT count(*) FROM u_docsize)",
                                -1, &st, NULL) == SQLITE_OK);
  FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
  FUZZ_CHECK(sqlite3_column_int(st, 0) == 0);
  sqlite3_finalize(st);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return 0; /* int offsets; 1 MB is plenty */
  const char *s = (const char *)data;
  fuzz_fts_twice(s, (int)size, FTS_DOCUMENT);
  fuzz_fts_twice(s, (int)size, FTS_QUERY);
  fuzz_fts_twice(s, (int)size, FTS_INDEX);
  fuzz_fts_sqlite(s, (int)size);
  return 0;
}
