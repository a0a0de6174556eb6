/*
** fact_schema.c — the descriptor of every fact kind, built from the
** X-macro lists of fact_schema.h, and generic access to a document's
** fact lists through it.
*/
#include "fact_schema.h"

#include <string.h>

#include "doc.h"

#define COL_FLAG_OPTNUM(T, m) offsetof(T, has_##m)
#define COL_FLAG_STR(T, m)    0
#define COL_FLAG_NUM(T, m)    0
#define COL_FLAG_INT(T, m)    0
#define COL_FLAG_INT0(T, m)   0
#define COL_FLAG_STRS(T, m)   0
#define COL_FLAG_BLOCK(T, m)  0

/* one column array per kind: cols_<doc member>[] */
#define COLUMN(T, m, type, sql, json, lua) \
  {#m, FT_##type, sql, json, lua, offsetof(T, m), COL_FLAG_##type(T, m)},
#define KIND_COLUMNS(T, m, kind, table, json, lua, FIELDS, bare) \
  static const fact_column cols_##m[] = {FIELDS(COLUMN_OF_##T)};
/* FIELDS rows carry no type name, so bind T through one macro per kind */
#define COLUMN_OF_doc_qa(...)      COLUMN(doc_qa, __VA_ARGS__)
#define COLUMN_OF_doc_person(...)  COLUMN(doc_person, __VA_ARGS__)
#define COLUMN_OF_doc_figure(...)  COLUMN(doc_figure, __VA_ARGS__)
#define COLUMN_OF_doc_ref(...)     COLUMN(doc_ref, __VA_ARGS__)
#define COLUMN_OF_doc_period(...)  COLUMN(doc_period, __VA_ARGS__)
#define COLUMN_OF_doc_place(...)   COLUMN(doc_place, __VA_ARGS__)
#define COLUMN_OF_doc_quote(...)   COLUMN(doc_quote, __VA_ARGS__)
#define COLUMN_OF_doc_abbrev(...)  COLUMN(doc_abbrev, __VA_ARGS__)
#define COLUMN_OF_doc_warning(...) COLUMN(doc_warning, __VA_ARGS__)
FACT_KINDS(KIND_COLUMNS)

#define KIND(T, m, kind, table, json, lua, FIELDS, bare) \
  {kind,                                                 \
   table,                                                \
   json,                                                 \
   lua,                                                  \
   offsetof(doc, m),                                     \
   sizeof(T),                                            \
   bare,                                                 \
   cols_##m,                                             \
   sizeof cols_##m / sizeof *cols_##m},
const fact_kind fact_kinds[FK__COUNT] = {FACT_KINDS(KIND)};

/* Every fact list in doc is a VEC: {T *items; size_t n, cap;}. These
** read and write it through its bytes, whatever T is. */
typedef struct raw_vec {
  void *items;
  size_t n, cap;
} raw_vec;

static raw_vec vec_get(const doc *d, const fact_kind *k) {
  raw_vec v;
  memcpy(&v, (const char *)d + k->vec, sizeof v);
  return v;
}

size_t fact_count(const doc *d, const fact_kind *k) {
  return vec_get(d, k).n;
}

void *fact_items(const doc *d, const fact_kind *k) {
  return vec_get(d, k).items;
}

void *fact_item(const doc *d, const fact_kind *k, size_t i) {
  return (char *)vec_get(d, k).items + i * k->size;
}

void *fact_append(doc *d, const fact_kind *k) {
  raw_vec v = vec_get(d, k);
  if (v.n == v.cap) {
    v.cap = v.cap ? v.cap * 2 : 8;
    v.items = xrealloc(v.items, v.cap * k->size);
  }
  void *p = (char *)v.items + v.n++ * k->size;
  memset(p, 0, k->size);
  memcpy((char *)d + k->vec, &v, sizeof v);
  return p;
}

const fact_kind *fact_kind_by_table(const char *name) {
  for (size_t i = 0; i < FK__COUNT; i++)
    if (strcmp(fact_kinds[i].table, name) == 0) return &fact_kinds[i];
  return NULL;
}

const char *fact_sql_type(fact_type t) {
  switch (t) {
    case FT_NUM:
    case FT_OPTNUM:
      return "REAL";
    case FT_INT:
    case FT_INT0:
    case FT_BLOCK:
      return "INTEGER";
    default:
      return "TEXT";
  }
}
