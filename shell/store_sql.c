/*
** store_sql.c — the SQL the command line needs, behind named functions:
** the user's own queries (tinsh sql) handed over row by row as plain C
** strings, the count of documents from another parser version, and the
** Ctrl-C watch on a store's connection. The cmd_*.c files call these
** and never SQLite itself.
*/
#include <stdlib.h>

#include "interrupt.h"
#include "store_int.h"

void store_watch_interrupts(store *s, int on) {
  if (!s) return;
  if (on)
    interrupt_watch(s->db);
  else
    interrupt_unwatch(s->db);
}

int64_t store_stale_docs(store *s, int version) {
  sqlite3_stmt *q;
  int64_t n = -1;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT count(*) FROM documents WHERE "
                         "parser_version <> ?1",
                         -1, &q, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_int(q, 1, version);
  if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return n;
}

/* the columns of one statement, as store_row hands them out */
typedef struct sql_cols {
  int ncol;
  const char **names, **values;
  int *lens, *types;
} sql_cols;

static void cols_init(sql_cols *c, sqlite3_stmt *st) {
  c->ncol = sqlite3_column_count(st);
  size_t n = (size_t)c->ncol + 1;
  c->names = xcalloc(n, sizeof *c->names);
  c->values = xcalloc(n, sizeof *c->values);
  c->lens = xcalloc(n, sizeof *c->lens);
  c->types = xcalloc(n, sizeof *c->types);
  for (int k = 0; k < c->ncol; k++) c->names[k] = sqlite3_column_name(st, k);
}

static void cols_free(sql_cols *c) {
  free(c->names), free(c->values), free(c->lens), free(c->types);
}

/* SQLITE_* column type -> STORE_* */
static int store_type(int t) {
  switch (t) {
    case SQLITE_INTEGER:
      return STORE_INTEGER;
    case SQLITE_FLOAT:
      return STORE_FLOAT;
    case SQLITE_TEXT:
      return STORE_TEXT;
    case SQLITE_BLOB:
      return STORE_BLOB;
    default:
      return STORE_NULL;
  }
}

/* hand one event of the statement to fn */
static void emit(sql_cols *c, int event, store_row_fn fn, void *ud) {
  store_row r = {event, c->ncol, c->names, NULL, NULL, NULL};
  if (event == STORE_SQL_ROW) r.values = c->values;
  if (event == STORE_SQL_ROW) r.lens = c->lens, r.types = c->types;
  fn(ud, &r);
}

/*
** Step st to its end, handing each row to fn between BEGIN and END.
** 0, or -1 with *err.
*/
static int run_stmt(store *s, sqlite3_stmt *st, store_row_fn fn, void *ud,
                    char **err) {
  sql_cols c;
  cols_init(&c, st);
  emit(&c, STORE_SQL_BEGIN, fn, ud);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int k = 0; k < c.ncol; k++) {
      c.types[k] = store_type(sqlite3_column_type(st, k));
      c.values[k] = (const char *)sqlite3_column_text(st, k);
      c.lens[k] = sqlite3_column_bytes(st, k);
    }
    emit(&c, STORE_SQL_ROW, fn, ud);
  }
  emit(&c, STORE_SQL_END, fn, ud);
  cols_free(&c);
  if (rc == SQLITE_DONE) return 0;
  *err = xstrdup(sqlite3_errmsg(s->db));
  return -1;
}

int store_run_sql(store *s, const char *sql, store_row_fn fn, void *ud,
                  char **err) {
  const char *tail = sql;
  int status = 0;
  *err = NULL;
  while (status == 0 && tail && *tail) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, tail, -1, &st, &tail) != SQLITE_OK) {
      *err = xstrdup(sqlite3_errmsg(s->db));
      return -1;
    }
    if (!st) break; /* only white space or comments left */
    if (!sqlite3_stmt_readonly(st))
      status = -2;
    else
      status = run_stmt(s, st, fn, ud, err);
    sqlite3_finalize(st);
  }
  return status;
}
