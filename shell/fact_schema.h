/*
** fact_schema.h — the fact schema, declared once.
**
** Every kind of fact a document carries (questions and answers, people,
** figures, references, periods, places, quotes, abbreviations, warnings)
** is one X-macro list below: one row per field, naming its C member, its
** type, its SQL column, its JSON key and its Lua key. From these lists
** come the C structs (doc.h), the descriptor array fact_kinds[] (this
** module), and through the descriptor the CREATE, INSERT, DELETE and
** SELECT statements (store_facts.c), the JSON writer (doc.c), the Lua
** tables (lua_doc.c) and `tinsh.store.fact_schema()` for the stdlib.
** Adding a field is one row here plus the code that fills it; see
** docs/design.md, "Adding a fact field".
**
** Row form: X(member, TYPE, "sql", "json", "lua"); a NULL JSON key keeps
** the field out of the JSON form. Types:
**   STR    char *; NULL is SQL NULL, JSON null, absent in Lua
**   NUM    double; a non-finite value is JSON null
**   OPTNUM double plus an int has_<member>; unset: NULL / null / absent
**   INT    int, always written
**   INT0   int where 0 means none: NULL / null / absent
**   STRS   a list of strings (doc_strs): SQL a JSON array, JSON an
**          array, Lua a list
**   BLOCK  a 0-based block index or -1: SQL the index, Lua 1-based or
**          absent, loaded as -1 unless it names a loaded block
*/
#ifndef TINSH_FACT_SCHEMA_H
#define TINSH_FACT_SCHEMA_H

#include <stddef.h>

#include "util.h"

typedef VEC(char *) doc_strs;

#define FACT_QA(X)                                                  \
  X(q, STR, "q", "q", "q") /* the question, without its "- " */     \
  X(a, STR, "a", "a", "a") /* answer paragraphs joined by "\n\n" */ \
  X(qblock, BLOCK, "qblock", NULL, "block") /* the question block */

#define FACT_PERSON(X)                                         \
  X(name, STR, "name", "name", "name")                         \
  X(titles, STRS, "titles", "titles", "titles") /* distinct */ \
  X(mentions, INT, "mentions", "mentions", "mentions")

/* "gần 5.000 tỷ đồng": value 5000, unit "tỷ đồng", base 5e12, base_unit
** "đồng", qualifier "gần"; a ratio "21.923/23.394" has of = 23394; kind
** "duration" for "15 năm", "2 ngày" (units.txt class), else NULL */
#define FACT_FIGURE(X)                                     \
  X(text, STR, "text", "text", "text")                     \
  X(value, NUM, "value", "value", "value")                 \
  X(of, OPTNUM, "of", "of", "of")                          \
  X(unit, STR, "unit", "unit", "unit")                     \
  X(base, NUM, "base", "base", "base")                     \
  X(base_unit, STR, "base_unit", "base_unit", "base_unit") \
  X(qualifier, STR, "qualifier", "qualifier", "qualifier") \
  X(subject, STR, "subject", "subject", "subject")         \
  X(sentence, STR, "sentence", "sentence", "sentence")     \
  X(kind, STR, "kind", "kind", "kind")                     \
  X(block, BLOCK, "block", NULL, "block")

/* "Nghị quyết 20-NQ/TU ngày 27/11/2023 của Tỉnh ủy": kind "Nghị quyết",
** number "20-NQ/TU", date "2023-11-27" (ISO), issuer "Tỉnh ủy" */
#define FACT_REF(X)                            \
  X(text, STR, "text", "text", "text")         \
  X(kind, STR, "kind", "kind", "kind")         \
  X(number, STR, "number", "number", "number") \
  X(date, STR, "date", "date", "date")         \
  X(issuer, STR, "issuer", "issuer", "issuer")

/* "nhiệm kỳ 2020-2025": kind "nhiệm kỳ", from 2020, to 2025; from is 0
** for targets ("đến năm 2025"); ordinal: a congress number (XXIV: 24) */
#define FACT_PERIOD(X)                       \
  X(text, STR, "text", "text", "text")       \
  X(kind, STR, "kind", "kind", "kind")       \
  X(from, INT0, "from_year", "from", "from") \
  X(to, INT0, "to_year", "to", "to")         \
  X(ordinal, INT0, "ordinal", "ordinal", "ordinal")

/* kind: "thành phố", "huyện", "cửa khẩu", ... or NULL */
#define FACT_PLACE(X)                  \
  X(name, STR, "name", "name", "name") \
  X(kind, STR, "kind", "kind", "kind") \
  X(mentions, INT, "mentions", "mentions", "mentions")

/* an inline definition "khu kinh tế cửa khẩu (KKTCK)" */
#define FACT_ABBREV(X)                 \
  X(abbr, STR, "abbr", "abbr", "abbr") \
  X(expansion, STR, "expansion", "expansion", "expansion")

/* quotes and warnings are lists of bare strings: one STR column "text" */
#define FACT_TEXT(X) X(text, STR, "text", "text", "text")

/*
** The kinds, in the order of the JSON form:
** K(C type, doc member, kind name, SQL table, JSON key, Lua key, fields,
** bare) -- bare kinds are lists of strings in C, JSON and Lua.
*/
#define FACT_KINDS(K)                                                        \
  K(doc_qa, qa, "qa", "qa", "qa", "qa", FACT_QA, 0)                          \
  K(doc_person, people, "person", "people", "people", "people", FACT_PERSON, \
    0)                                                                       \
  K(doc_figure, figures, "figure", "figures", "figures", "figures",          \
    FACT_FIGURE, 0)                                                          \
  K(doc_ref, refs, "ref", "refs", "refs", "refs", FACT_REF, 0)               \
  K(doc_period, periods, "period", "periods", "periods", "periods",          \
    FACT_PERIOD, 0)                                                          \
  K(doc_place, places, "place", "places", "places", "places", FACT_PLACE, 0) \
  K(doc_quote, quotes, "quote", "quotes", "quotes", "quotes", FACT_TEXT, 1)  \
  K(doc_abbrev, abbrevs, "abbrev", "abbrevs", "abbreviations", "abbrevs",    \
    FACT_ABBREV, 0)                                                          \
  K(doc_warning, warnings, "warning", "warnings", "warnings", "warnings",    \
    FACT_TEXT, 1)

/* ---- the C members each type declares ---- */
#define FACT_MEMBER_STR(m) char *m;
#define FACT_MEMBER_NUM(m) double m;
#define FACT_MEMBER_OPTNUM(m) \
  int has_##m;                \
  double m;
#define FACT_MEMBER_INT(m)                   int m;
#define FACT_MEMBER_INT0(m)                  int m;
#define FACT_MEMBER_STRS(m)                  doc_strs m;
#define FACT_MEMBER_BLOCK(m)                 int m;
#define FACT_MEMBER(m, type, sql, json, lua) FACT_MEMBER_##type(m)

typedef enum fact_type {
  FT_STR,
  FT_NUM,
  FT_OPTNUM,
  FT_INT,
  FT_INT0,
  FT_STRS,
  FT_BLOCK
} fact_type;

typedef struct fact_column {
  const char *member; /* C member name (for messages and tests) */
  fact_type type;
  const char *sql;  /* SQL column */
  const char *json; /* JSON key, NULL when not in the JSON form */
  const char *lua;  /* Lua key */
  size_t off;       /* offsetof the member in the item */
  size_t flag;      /* OPTNUM: offsetof has_<member>; else 0 */
} fact_column;

typedef struct fact_kind {
  const char *kind;  /* "figure" */
  const char *table; /* "figures" */
  const char *json;  /* key of the list in the document's JSON */
  const char *lua;   /* key of the list in the Lua document table */
  size_t vec;        /* offsetof the VEC in struct doc */
  size_t size;       /* sizeof one item */
  int bare;          /* items are bare strings (one STR column) */
  const fact_column *cols;
  size_t ncols;
} fact_kind;

enum {
#define FACT_ENUM(T, m, ...) FK_##m,
  FACT_KINDS(FACT_ENUM)
#undef FACT_ENUM
      FK__COUNT
};

extern const fact_kind fact_kinds[FK__COUNT];
/* No kind has more columns than this (checked by test_fact_schema.c). */
#define FACT_MAX_COLUMNS 32

struct doc;
/* The number of items of kind k in d, the item array (NULL when none
** was ever added; the caller may free it), and item i (i < count). */
size_t fact_count(const struct doc *d, const fact_kind *k);
void *fact_items(const struct doc *d, const fact_kind *k);
void *fact_item(const struct doc *d, const fact_kind *k, size_t i);
/* Append a zeroed item of kind k to d; returns it (valid until the next
** append to the same kind). */
void *fact_append(struct doc *d, const fact_kind *k);
/* The kind whose SQL table is name, or NULL. */
const fact_kind *fact_kind_by_table(const char *name);
/* The SQL type of a column: "TEXT", "REAL" or "INTEGER". */
const char *fact_sql_type(fact_type t);

/* Typed access to one field of an item (p points at the item). */
#define FACT_FIELD(p, c, T) ((T *)(void *)((char *)(p) + (c)->off))

#endif
