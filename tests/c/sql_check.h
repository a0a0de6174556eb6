/*
** sql_check.h — what the C tests that open SQLite share: the first
** column of the first row of a query as an integer.
*/
#ifndef TINSH_SQL_CHECK_H
#define TINSH_SQL_CHECK_H

#include <sqlite3.h>
#include <stdint.h>

/* The first column of the first row of sql on db; none when the query
** does not compile or has no row. */
static inline int64_t sql_int(sqlite3 *db, const char *sql, int64_t none) {
  sqlite3_stmt *st;
  int64_t v = none;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

#endif
