/*
** test_fact_schema.c — the fact schema is declared once (fact_schema.h)
** and every output is driven by it.
** Plan:
**  1. the descriptor: every kind has columns, distinct SQL names, a Lua
**     key, offsets inside the item; bare kinds have one STR column.
**  2. a document with one item of every kind, every field set to a value
**     derived from its column: its JSON has every column that declares a
**     JSON key, in order, with that value, and no other key.
**  3. the store: a new database's fact tables have exactly the declared
**     columns (PRAGMA table_info), in order, after doc and seq.
**  4. round trip: the facts written with store_facts_write and loaded
**     back with store_facts_load equal the originals, field by field.
** A column added to fact_schema.h and not reaching the JSON, the tables
** or the loader fails 2, 3 or 4.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"
#include "store.h"
#include "store_facts.h"

/* A value for column c of kind k, item i, derived from their names. */
static void fill(doc *d, const fact_kind *k, const fact_column *c, void *p) {
  char s[96];
  snprintf(s, sizeof s, "%s.%s", k->kind, c->member);
  switch (c->type) {
    case FT_STR:
      *FACT_FIELD(p, c, char *) = doc_str(d, s, strlen(s));
      break;
    case FT_OPTNUM:
      *(int *)(void *)((char *)p + c->flag) = 1; /* fall through */
    case FT_NUM:
      *FACT_FIELD(p, c, double) = 1.5 + (double)c->off;
      break;
    case FT_INT:
    case FT_INT0:
      *FACT_FIELD(p, c, int) = 7 + (int)c->off;
      break;
    case FT_BLOCK:
      *FACT_FIELD(p, c, int) = 0;
      break;
    case FT_STRS: {
      doc_strs *l = FACT_FIELD(p, c, doc_strs);
      VEC_PUSH(*l, doc_str(d, s, strlen(s)));
      VEC_PUSH(*l, doc_str(d, "x", 1));
      break;
    }
  }
}

static doc *full_doc(void) {
  doc *d = doc_new("schema.txt");
  d->text = doc_str(d, "Một câu.", strlen("Một câu."));
  d->text_len = strlen(d->text);
  doc_block b = {BK_PARAGRAPH, d->text, 0, d->text_len};
  VEC_PUSH(d->blocks, b);
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    void *p = fact_append(d, fk);
    for (size_t c = 0; c < fk->ncols; c++) fill(d, fk, &fk->cols[c], p);
  }
  return d;
}

static void test_descriptor(void) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    CHECK(fk->ncols > 0 && fk->table && fk->json && fk->lua && fk->kind);
    CHECK(!fk->bare || (fk->ncols == 1 && fk->cols[0].type == FT_STR));
    CHECK(fact_kind_by_table(fk->table) == fk);
    for (size_t c = 0; c < fk->ncols; c++) {
      CHECK(fk->cols[c].off < fk->size && fk->cols[c].lua);
      for (size_t e = 0; e < c; e++)
        CHECK(strcmp(fk->cols[c].sql, fk->cols[e].sql) != 0);
    }
  }
  CHECK(fact_kind_by_table("documents") == NULL);
}

/* The JSON text of column c's value in item p of kind k, as expected. */
static void want_value(buf *w, const fact_kind *k, const fact_column *c) {
  switch (c->type) {
    case FT_STR:
      buf_printf(w, "\"%s.%s\"", k->kind, c->member);
      break;
    case FT_OPTNUM:
    case FT_NUM:
      buf_printf(w, "%.15g", 1.5 + (double)c->off);
      break;
    case FT_INT:
    case FT_INT0:
      buf_printf(w, "%d", 7 + (int)c->off);
      break;
    case FT_BLOCK:
      buf_adds(w, "0");
      break;
    case FT_STRS:
      buf_printf(w, "[\"%s.%s\",\"x\"]", k->kind, c->member);
      break;
  }
}

static void test_json(void) {
  doc *d = full_doc();
  buf b, w;
  buf_init(&b), buf_init(&w);
  doc_to_json(d, &b);
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    buf_reset(&w);
    buf_printf(&w, "\"%s\":[%s", fk->json, fk->bare ? "" : "{");
    for (size_t c = 0, first = 1; c < fk->ncols; c++) {
      if (!fk->cols[c].json) continue;
      if (!fk->bare)
        buf_printf(&w, "%s\"%s\":", first ? "" : ",", fk->cols[c].json);
      want_value(&w, fk, &fk->cols[c]);
      first = 0;
    }
    buf_adds(&w, fk->bare ? "]" : "}]");
    CHECK(strstr(b.data, w.data) != NULL);
    if (!strstr(b.data, w.data)) fprintf(stderr, "missing %s\n", w.data);
  }
  buf_free(&b), buf_free(&w);
  doc_free(d);
}

static void test_tables(sqlite3 *db) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", fk->table);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
    int i = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      const char *name = (const char *)sqlite3_column_text(st, 1);
      const char *type = (const char *)sqlite3_column_text(st, 2);
      if (i < 2) {
        CHECK_STR(name, i ? "seq" : "doc");
      } else if ((size_t)i - 2 < fk->ncols) {
        CHECK_STR(name, fk->cols[i - 2].sql);
        CHECK_STR(type, fact_sql_type(fk->cols[i - 2].type));
      }
      i++;
    }
    CHECK((size_t)i == fk->ncols + 2);
    sqlite3_finalize(st);
  }
}

/* Column c of items a and b are equal. */
static int same_field(const void *a, const void *b, const fact_column *c) {
  switch (c->type) {
    case FT_STR:
      return strcmp(*FACT_FIELD(a, c, char *), *FACT_FIELD(b, c, char *)) == 0;
    case FT_OPTNUM:
      if (*(const int *)(const void *)((const char *)a + c->flag) !=
          *(const int *)(const void *)((const char *)b + c->flag))
        return 0;
      /* fall through */
    case FT_NUM:
      return *FACT_FIELD(a, c, double) == *FACT_FIELD(b, c, double);
    case FT_STRS: {
      const doc_strs *x = FACT_FIELD(a, c, doc_strs),
                     *y = FACT_FIELD(b, c, doc_strs);
      if (x->n != y->n) return 0;
      for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->items[i], y->items[i]) != 0) return 0;
      return 1;
    }
    default:
      return *FACT_FIELD(a, c, int) == *FACT_FIELD(b, c, int);
  }
}

static int step_fn(void *ud, sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  (void)ud;
  return rc == SQLITE_DONE ? 0 : -1;
}

static void test_round_trip(store *s) {
  sqlite3 *db = store_db(s);
  sqlite3_stmt *ins[FK__COUNT] = {0};
  char *err = NULL;
  doc *d = full_doc();
  CHECK(store_facts_prepare(db, ins, &err) == 0);
  CHECK(store_facts_write(ins, 42, d, step_fn, NULL) == 0);
  for (size_t k = 0; k < FK__COUNT; k++) sqlite3_finalize(ins[k]);
  doc *e = doc_new("back.txt");
  VEC_PUSH(e->blocks, d->blocks.items[0]);
  store_facts_load(s, e, 42);
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    CHECK(fact_count(e, fk) == 1);
    if (fact_count(e, fk) != 1) continue;
    for (size_t c = 0; c < fk->ncols; c++) {
      int same =
          same_field(fact_item(d, fk, 0), fact_item(e, fk, 0), &fk->cols[c]);
      CHECK(same);
      if (!same)
        fprintf(stderr, "round trip: %s.%s\n", fk->kind, fk->cols[c].member);
    }
  }
  free(err);
  doc_free(d), doc_free(e);
}

int main(void) {
  test_descriptor();
  test_json();
  char dir[] = "/tmp/tinsh-schema-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  char path[128];
  snprintf(path, sizeof path, "%s/t.db", dir);
  char *err = NULL;
  store *s = NULL;
  CHECK(store_open(path, STORE_READWRITE, &s, &err) == 0);
  if (s) {
    test_tables(store_db(s));
    test_round_trip(s);
    store_close(s);
  }
  free(err);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) return 1;
  return check_done();
}
