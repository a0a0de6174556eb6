/*
** store_rows.h — rows held in C memory read by one SQL statement: the
** table-valued function tinsh_rows(?), so that many rows go into a table
** through one execution of one statement
**
**   INSERT INTO t(a, b) SELECT c0, c1 FROM tinsh_rows(?1) WHERE true
**     ON CONFLICT(a) DO UPDATE SET ...
**
** instead of one execution (bind, step, halt, reset) per row: an upserted
** row then costs SQLite about 6,400 instructions instead of 8,600 (the
** word statistics' flush, docs/schema.md "Ingest cost"). Pure C, no Lua.
*/
#ifndef TINSH_STORE_ROWS_H
#define TINSH_STORE_ROWS_H

#include <sqlite3.h>
#include <stddef.h>

/* Columns c0 .. c7 of tinsh_rows; a column at or past ncol is NULL. */
#define STORE_ROWS_MAXCOL 8

/*
** A source of n rows: column(ctx, i, col, c) sets column col (< ncol) of
** row i (< n) on c with sqlite3_result_*. Rows are read in order 0 .. n-1,
** each column once per row read.
*/
typedef struct store_rows {
  size_t n;
  int ncol;
  void *ctx;
  void (*column)(void *ctx, size_t i, int col, sqlite3_context *c);
} store_rows;

/*
** Prepare sql, which may name tinsh_rows, on db (the module registered on
** db first when needed). SQLITE_OK or SQLite's error code; *st as
** sqlite3_prepare_v2 leaves it.
*/
int store_rows_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st);

/* Bind r (not copied: it must outlive the statement's run) to parameter
** idx of st, the argument of tinsh_rows. */
int store_rows_bind(sqlite3_stmt *st, int idx, const store_rows *r);

#endif
