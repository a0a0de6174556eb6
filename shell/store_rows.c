/*
** store_rows.c — the table-valued function tinsh_rows(?): an eponymous
** virtual table over a store_rows bound as a pointer (store_rows.h).
** SQL cannot make such a pointer (sqlite3_bind_pointer values carry a
** type name SQL never sees), so on any other argument it has no rows.
*/
#include "store_rows.h"

#include <string.h>

#define POINTER_TYPE "tinsh_rows"
#define SRC_COL      STORE_ROWS_MAXCOL /* the hidden argument column */

typedef struct rows_cursor {
  sqlite3_vtab_cursor base;
  const store_rows *r; /* NULL: no rows */
  size_t i;
} rows_cursor;

/* n zeroed bytes from SQLite's allocator (NULL when out of memory) */
static void *zalloc(size_t n) {
  void *p = sqlite3_malloc64(n);
  if (p) memset(p, 0, n);
  return p;
}

static int rows_connect(sqlite3 *db, void *aux, int argc,
                        const char *const *argv, sqlite3_vtab **out,
                        char **err) {
  (void)aux, (void)argc, (void)argv, (void)err;
  int rc = sqlite3_declare_vtab(
      db, "CREATE TABLE x(c0, c1, c2, c3, c4, c5, c6, c7, src HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  sqlite3_vtab *v = zalloc(sizeof *v);
  if (!v) return SQLITE_NOMEM;
  *out = v;
  return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *v) {
  sqlite3_free(v);
  return SQLITE_OK;
}

/* The one plan: src = ? given (without it there is no plan). */
static int rows_best_index(sqlite3_vtab *v, sqlite3_index_info *ix) {
  (void)v;
  for (int i = 0; i < ix->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &ix->aConstraint[i];
    if (c->iColumn != SRC_COL) continue;
    if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
      return SQLITE_CONSTRAINT;
    ix->aConstraintUsage[i].argvIndex = 1;
    ix->aConstraintUsage[i].omit = 1;
    ix->estimatedCost = 1.0;
    return SQLITE_OK;
  }
  return SQLITE_CONSTRAINT;
}

static int rows_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out) {
  (void)v;
  rows_cursor *c = zalloc(sizeof *c);
  if (!c) return SQLITE_NOMEM;
  *out = &c->base;
  return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *cur) {
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxs,
                       int argc, sqlite3_value **argv) {
  (void)idx, (void)idxs;
  rows_cursor *c = (rows_cursor *)cur;
  c->r = argc > 0 ? sqlite3_value_pointer(argv[0], POINTER_TYPE) : NULL;
  c->i = 0;
  return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *cur) {
  ((rows_cursor *)cur)->i++;
  return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *cur) {
  const rows_cursor *c = (const rows_cursor *)cur;
  return !c->r || c->i >= c->r->n;
}

static int rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                       int col) {
  const rows_cursor *c = (const rows_cursor *)cur;
  if (col < c->r->ncol && col < STORE_ROWS_MAXCOL)
    c->r->column(c->r->ctx, c->i, col, ctx);
  else
    sqlite3_result_null(ctx);
  return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out) {
  *out = (sqlite3_int64)((const rows_cursor *)cur)->i;
  return SQLITE_OK;
}

static const sqlite3_module rows_module = {
    .iVersion = 0,
    .xConnect = rows_connect, /* xCreate NULL: eponymous only */
    .xBestIndex = rows_best_index,
    .xDisconnect = rows_disconnect,
    .xOpen = rows_open,
    .xClose = rows_close,
    .xFilter = rows_filter,
    .xNext = rows_next,
    .xEof = rows_eof,
    .xColumn = rows_column,
    .xRowid = rows_rowid,
};

int store_rows_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st) {
  int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);
  if (rc == SQLITE_OK) return rc;
  /* not registered on this connection yet (or a real error, which the
  ** second attempt reports again) */
  if (sqlite3_create_module_v2(db, "tinsh_rows", &rows_module, NULL, NULL) !=
      SQLITE_OK)
    return rc;
  return sqlite3_prepare_v2(db, sql, -1, st, NULL);
}

int store_rows_bind(sqlite3_stmt *st, int idx, const store_rows *r) {
  return sqlite3_bind_pointer(st, idx, (void *)r, POINTER_TYPE, NULL);
}
