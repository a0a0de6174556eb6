/*
** store_facts.c — the fact tables, driven by the schema descriptor
** (fact_schema.h): their CREATE statements, the loader that fills a
** document's fact lists, the prepared inserts the ingest writer uses,
** and the deletes. No column of a fact table is named anywhere else in
** the store.
*/
#include "store_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* Append "name TYPE" for every column of k (after doc and seq). */
static void create_kind(buf *b, const fact_kind *k) {
  buf_printf(b,
             "CREATE TABLE IF NOT EXISTS %s(doc INTEGER NOT NULL, seq "
             "INTEGER NOT NULL",
             k->table);
  for (size_t c = 0; c < k->ncols; c++)
    buf_printf(b, ", %s %s", k->cols[c].sql, fact_sql_type(k->cols[c].type));
  buf_adds(b, ", PRIMARY KEY(doc, seq));");
}

char *store_facts_schema(void) {
  buf b;
  buf_init(&b);
  for (size_t k = 0; k < FK__COUNT; k++) create_kind(&b, &fact_kinds[k]);
  return buf_detach(&b);
}

/* Every column of kind k's rows for document id, in seq order. The loader
** matches columns by name, so a database from an older tinsh opened
** read-only (a column missing) still loads, without that field. */
static sqlite3_stmt *select_kind(sqlite3 *db, const fact_kind *k, int64_t id) {
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE doc = ?1 ORDER BY seq",
           k->table);
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (st) sqlite3_bind_int64(st, 1, id);
  return st;
}

/* map[c] = the result column of st named as kind k's column c, or -1. */
static void map_columns(sqlite3_stmt *st, const fact_kind *k, int *map) {
  int n = sqlite3_column_count(st);
  for (size_t c = 0; c < k->ncols; c++) {
    map[c] = -1;
    for (int i = 0; i < n; i++)
      if (strcmp(sqlite3_column_name(st, i), k->cols[c].sql) == 0) map[c] = i;
  }
}

/* Copy column i of st into d's arena (NULL stays NULL). */
static char *col_str(doc *d, sqlite3_stmt *st, int i) {
  const char *t = (const char *)sqlite3_column_text(st, i);
  return t ? doc_str(d, t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* A stored block index (0-based) if it names a loaded block, else -1. */
static int block_index(const doc *d, sqlite3_stmt *st, int i) {
  int64_t b = sqlite3_column_int64(st, i);
  return sqlite3_column_type(st, i) != SQLITE_NULL && b >= 0 &&
                 (uint64_t)b < d->blocks.n
             ? (int)b
             : -1;
}

/* Set column c of item p from result column i of st. */
static void load_field(doc *d, void *p, const fact_column *c, sqlite3_stmt *st,
                       int i) {
  switch (c->type) {
    case FT_STR:
      *FACT_FIELD(p, c, char *) = col_str(d, st, i);
      break;
    case FT_OPTNUM:
      *(int *)(void *)((char *)p + c->flag) =
          sqlite3_column_type(st, i) != SQLITE_NULL;
      /* fall through */
    case FT_NUM:
      *FACT_FIELD(p, c, double) = sqlite3_column_double(st, i);
      break;
    case FT_INT:
    case FT_INT0:
      *FACT_FIELD(p, c, int) = sqlite3_column_int(st, i);
      break;
    case FT_BLOCK:
      *FACT_FIELD(p, c, int) = block_index(d, st, i);
      break;
    case FT_STRS: {
      const char *t = (const char *)sqlite3_column_text(st, i);
      if (t) json_strings(d, t, FACT_FIELD(p, c, doc_strs));
      break;
    }
  }
}

/* One row of st as a fact of kind fk appended to d. */
static void *load_row(doc *d, const fact_kind *fk, sqlite3_stmt *st,
                      const int *map) {
  void *p = fact_append(d, fk);
  for (size_t c = 0; c < fk->ncols; c++)
    if (map[c] >= 0)
      load_field(d, p, &fk->cols[c], st, map[c]);
    else if (fk->cols[c].type == FT_BLOCK)
      *FACT_FIELD(p, &fk->cols[c], int) = -1;
  return p;
}

void store_facts_load(store *s, doc *d, int64_t id) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    sqlite3_stmt *st = select_kind(s->db, fk, id);
    int map[FACT_MAX_COLUMNS];
    if (st) map_columns(st, fk, map);
    while (st && sqlite3_step(st) == SQLITE_ROW) load_row(d, fk, st, map);
    sqlite3_finalize(st);
  }
}

int store_facts_each(store *s, size_t k, store_fact_fn fn, void *ud) {
  const fact_kind *fk = &fact_kinds[k];
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY doc", fk->table);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
  int map[FACT_MAX_COLUMNS], dc = -1, rc = 0;
  map_columns(st, fk, map);
  for (int i = 0; i < sqlite3_column_count(st); i++)
    if (strcmp(sqlite3_column_name(st, i), "doc") == 0) dc = i;
  doc *d = doc_new("");
  for (size_t n = 0; rc == 0 && dc >= 0 && sqlite3_step(st) == SQLITE_ROW;
       n++) {
    if (n % 4096 == 4095) doc_free(d), d = doc_new(""); /* bound its arena */
    rc = fn(ud, sqlite3_column_int64(st, dc), load_row(d, fk, st, map));
  }
  doc_free(d);
  sqlite3_finalize(st);
  return dc < 0 ? -1 : rc;
}

/* Does table have a column named name? */
static int has_column(store *s, const char *table, const char *name) {
  char sql[160];
  snprintf(sql, sizeof sql,
           "SELECT 1 FROM pragma_table_info('%s') WHERE name = ?1", table);
  sqlite3_stmt *st = NULL;
  int yes = 0;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    yes = sqlite3_step(st) == SQLITE_ROW;
  }
  sqlite3_finalize(st);
  return yes;
}

int store_facts_missing(store *s) {
  int n = 0;
  for (size_t k = 0; k < FK__COUNT; k++)
    for (size_t c = 0; c < fact_kinds[k].ncols; c++)
      n += !has_column(s, fact_kinds[k].table, fact_kinds[k].cols[c].sql);
  return n;
}

int store_facts_add_columns(store *s, char **err) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    for (size_t c = 0; c < fk->ncols; c++) {
      if (has_column(s, fk->table, fk->cols[c].sql)) continue;
      char sql[200];
      snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", fk->table,
               fk->cols[c].sql, fact_sql_type(fk->cols[c].type));
      if (store_exec(s, sql, err) != 0) return -1;
    }
  }
  return 0;
}

int store_facts_prepare(sqlite3 *db, sqlite3_stmt *ins[FK__COUNT], char **err) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    buf b;
    buf_init(&b);
    buf_printf(&b, "INSERT INTO %s VALUES(?1, ?2", fact_kinds[k].table);
    for (size_t c = 0; c < fact_kinds[k].ncols; c++)
      buf_printf(&b, ", ?%zu", c + 3);
    buf_adds(&b, ")");
    int rc = sqlite3_prepare_v3(db, b.data, -1, SQLITE_PREPARE_PERSISTENT,
                                &ins[k], NULL);
    buf_free(&b);
    if (rc != SQLITE_OK) {
      *err = store_msg("%s", sqlite3_errmsg(db));
      return -1;
    }
  }
  return 0;
}

/* Bind column c of item p to parameter i; tmp holds a JSON list. */
static void bind_field(sqlite3_stmt *st, int i, const void *p,
                       const fact_column *c, buf *tmp) {
  int v;
  switch (c->type) {
    case FT_STR: {
      const char *s = *FACT_FIELD(p, c, char *);
      if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null(st, i);
      break;
    }
    case FT_OPTNUM:
      if (!*(const int *)(const void *)((const char *)p + c->flag)) {
        sqlite3_bind_null(st, i);
        break;
      }
      /* fall through */
    case FT_NUM:
      sqlite3_bind_double(st, i, *FACT_FIELD(p, c, double));
      break;
    case FT_INT0:
      if ((v = *FACT_FIELD(p, c, int)) == 0)
        sqlite3_bind_null(st, i);
      else
        sqlite3_bind_int(st, i, v);
      break;
    case FT_INT:
    case FT_BLOCK:
      sqlite3_bind_int(st, i, *FACT_FIELD(p, c, int));
      break;
    case FT_STRS: {
      const doc_strs *l = FACT_FIELD(p, c, doc_strs);
      buf_reset(tmp);
      json_add_strings(tmp, l->items, l->n);
      sqlite3_bind_text(st, i, tmp->data, (int)tmp->len, SQLITE_TRANSIENT);
      break;
    }
  }
}

int store_facts_write(sqlite3_stmt *ins[FK__COUNT], int64_t id, const doc *d,
                      store_facts_step step, void *ud) {
  buf tmp;
  buf_init(&tmp);
  int rc = 0;
  for (size_t k = 0; k < FK__COUNT && !rc; k++) {
    const fact_kind *fk = &fact_kinds[k];
    for (size_t i = 0; i < fact_count(d, fk) && !rc; i++) {
      const void *p = fact_item(d, fk, i);
      sqlite3_bind_int64(ins[k], 1, id);
      sqlite3_bind_int64(ins[k], 2, (int64_t)i);
      for (size_t c = 0; c < fk->ncols; c++)
        bind_field(ins[k], (int)c + 3, p, &fk->cols[c], &tmp);
      rc = step(ud, ins[k]);
    }
  }
  buf_free(&tmp);
  return rc;
}

void store_facts_delete_sql(size_t k, char *out, size_t cap) {
  snprintf(out, cap, "DELETE FROM %s WHERE doc = ?1", fact_kinds[k].table);
}
