/*
** test_store_rows.c — the table-valued function tinsh_rows(?)
** (store_rows.h), which the word statistics' flush writes through.
**
** Test plan:
**   1. 10,000 rows of (text, integer, NULL) go into a table through one
**      INSERT ... SELECT: every value, in order; columns past ncol read
**      NULL; the same statement reset and run again over another source
**      (3 rows) adds exactly those.
**   2. An upsert over tinsh_rows adds counts to rows already there and
**      inserts the others (what the flush runs).
**   3. Zero rows insert nothing; text with an embedded NUL keeps its
**      length.
**   4. SQL cannot feed it: tinsh_rows(1), tinsh_rows('x') and a NULL
**      argument have no rows; without an argument the statement does not
**      compile ("no query solution"); store_rows_prepare reports a real
**      error (a missing table) as an error.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sql_check.h"
#include "store_rows.h"

/* rows i: c0 "w<i>", c1 i * 3, c2 NULL */
static void gen_column(void *ctx, size_t i, int col, sqlite3_context *c) {
  (void)ctx;
  char b[32];
  if (col == 0) {
    int n = snprintf(b, sizeof b, "w%zu", i);
    sqlite3_result_text(c, b, n, SQLITE_TRANSIENT);
  } else if (col == 1) {
    sqlite3_result_int64(c, (sqlite3_int64)i * 3);
  } else {
    sqlite3_result_null(c);
  }
}

static void test_insert(sqlite3 *db) {
  sqlite3_exec(db, "CREATE TABLE t(a TEXT, b INTEGER, c, d, e)", 0, 0, 0);
  sqlite3_stmt *st;
  CHECK(store_rows_prepare(db,
                           "INSERT INTO t SELECT c0, c1, c2, c3, c7 FROM "
                           "tinsh_rows(?1)",
                           &st) == SQLITE_OK);
  store_rows r = {10000, 3, NULL, gen_column};
  CHECK(store_rows_bind(st, 1, &r) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  CHECK(sql_int(db, "SELECT count(*) FROM t", -999) == 10000);
  CHECK(sql_int(db,
                "SELECT count(*) FROM t WHERE a = 'w' || (rowid - 1) "
                "AND b = (rowid - 1) * 3 AND c IS NULL AND d IS NULL "
                "AND e IS NULL",
                -999) == 10000);
  sqlite3_reset(st);
  store_rows r3 = {3, 2, NULL, gen_column};
  store_rows_bind(st, 1, &r3);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  CHECK(sql_int(db, "SELECT count(*) FROM t", -999) == 10003);
  CHECK(sql_int(db, "SELECT sum(b) FROM t WHERE rowid > 10000", -999) == 9);
  sqlite3_finalize(st);
}

/* rows of the upsert: ("w0", 1), ("w5", 1), ("new", 7) */
static void up_column(void *ctx, size_t i, int col, sqlite3_context *c) {
  static const char *const k[] = {"w0", "w5", "new"};
  (void)ctx;
  if (col == 0)
    sqlite3_result_text(c, k[i], -1, SQLITE_STATIC);
  else
    sqlite3_result_int(c, i == 2 ? 7 : 1);
}

static void test_upsert(sqlite3 *db) {
  sqlite3_exec(db,
               "CREATE TABLE u(k TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;"
               "INSERT INTO u SELECT a, b FROM t WHERE rowid <= 10000",
               0, 0, 0);
  sqlite3_stmt *st;
  CHECK(store_rows_prepare(db,
                           "INSERT INTO u(k, n) SELECT c0, c1 FROM "
                           "tinsh_rows(?1) WHERE true ON CONFLICT(k) DO "
                           "UPDATE SET n = n + excluded.n",
                           &st) == SQLITE_OK);
  store_rows r = {3, 2, NULL, up_column};
  store_rows_bind(st, 1, &r);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  sqlite3_finalize(st);
  CHECK(sql_int(db, "SELECT n FROM u WHERE k = 'w0'", -999) == 1);
  CHECK(sql_int(db, "SELECT n FROM u WHERE k = 'w5'", -999) == 16);
  CHECK(sql_int(db, "SELECT n FROM u WHERE k = 'new'", -999) == 7);
  CHECK(sql_int(db, "SELECT count(*) FROM u", -999) == 10001);
}

static void nul_column(void *ctx, size_t i, int col, sqlite3_context *c) {
  (void)ctx, (void)i, (void)col;
  sqlite3_result_text(c, "a\0b", 3, SQLITE_STATIC);
}

static void test_edges(sqlite3 *db) {
  sqlite3_exec(db, "CREATE TABLE z(a)", 0, 0, 0);
  sqlite3_stmt *st;
  CHECK(store_rows_prepare(db, "INSERT INTO z SELECT c0 FROM tinsh_rows(?1)",
                           &st) == SQLITE_OK);
  store_rows none = {0, 1, NULL, nul_column};
  store_rows_bind(st, 1, &none);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  CHECK(sql_int(db, "SELECT count(*) FROM z", -999) == 0);
  sqlite3_reset(st);
  store_rows one = {1, 1, NULL, nul_column};
  store_rows_bind(st, 1, &one);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  sqlite3_finalize(st);
  CHECK(sql_int(db, "SELECT length(CAST(a AS BLOB)) FROM z", -999) == 3);
}

static void test_sql_cannot_feed(sqlite3 *db) {
  CHECK(sql_int(db, "SELECT count(*) FROM tinsh_rows(1)", -999) == 0);
  CHECK(sql_int(db, "SELECT count(*) FROM tinsh_rows('x')", -999) == 0);
  CHECK(sql_int(db, "SELECT count(*) FROM tinsh_rows(NULL)", -999) == 0);
  sqlite3_stmt *st = NULL;
  CHECK(sqlite3_prepare_v2(db, "SELECT * FROM tinsh_rows", -1, &st, NULL) !=
        SQLITE_OK);
  CHECK(strstr(sqlite3_errmsg(db), "no query solution") != NULL);
  CHECK(store_rows_prepare(db,
                           "INSERT INTO nowhere SELECT c0 FROM "
                           "tinsh_rows(?1)",
                           &st) != SQLITE_OK);
  CHECK(strstr(sqlite3_errmsg(db), "no such table: nowhere") != NULL);
}

int main(void) {
  sqlite3 *db;
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  test_insert(db);
  test_upsert(db);
  test_edges(db);
  test_sql_cannot_feed(db);
  sqlite3_close(db);
  return check_done();
}
