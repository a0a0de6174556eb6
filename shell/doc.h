/*
** doc.h — the parsed document: the one data model shared by the parser
** (parse.c), the fact extractors (extract.c), the store (store.c) and the
** Lua bindings. Field meanings follow DESIGN.md "The parsed document".
**
** Ownership: a doc owns everything reachable from it. Strings live in
** d->arena; arrays are VECs freed by doc_free. A NULL char* is JSON null.
*/
#ifndef TINSH_DOC_H
#define TINSH_DOC_H

#include "util.h"

typedef enum doc_kind {
  BK_BANNER,
  BK_TITLE,
  BK_DATELINE,
  BK_LEAD,
  BK_HEADING,
  BK_PARAGRAPH,
  BK_QUESTION,
  BK_ANSWER,
  BK_CAPTION,
  BK_BYLINE,
  BK_RELATED,
  BK_BOILERPLATE,
  BK__COUNT
} doc_kind;

const char *doc_kind_name(doc_kind k);    /* "paragraph", ... */
int doc_kind_from_name(const char *name); /* -1 when unknown */

typedef struct doc_block {
  doc_kind kind;
  char *text; /* normalised text of the block (lines joined with '\n') */
  size_t off; /* byte offset of the block in doc->text */
  size_t len; /* byte length of the block in doc->text */
} doc_block;

typedef struct doc_qa {
  char *q;    /* question text (without the leading "- ") */
  char *a;    /* answer paragraphs joined with "\n\n"; NULL when none */
  int qblock; /* index of the question block */
} doc_qa;

typedef struct doc_figure {
  char *text;   /* as written: "gần 5.000 tỷ đồng", "57,7%" */
  double value; /* 5000, 57.7 */
  int has_of;   /* ratio "21.923/23.394": value=21923, of=23394 */
  double of;
  char *unit;      /* as written, multiplier included: "tỷ đồng", "%" */
  double base;     /* value with the multiplier applied: 5e12 */
  char *base_unit; /* unit without multiplier: "đồng" */
  char *qualifier; /* "gần", "trên", "tăng ... so với cùng kỳ"; NULL if none */
  char *subject;  /* noun phrase the figure is about; NULL if unknown */
  char *sentence; /* the sentence it stands in */
  int block;      /* index of the block it came from */
} doc_figure;

typedef struct doc_person {
  char *name;
  VEC(char *) titles; /* distinct, in order of first appearance */
  int mentions;
} doc_person;

typedef struct doc_ref {
  char *text; /* "Nghị quyết 20-NQ/TU ngày 27/11/2023 của Tỉnh ủy" */
  char *kind; /* "Nghị quyết", "Kết luận", ... */
  char *number; /* "20-NQ/TU" or NULL */
  char *date;   /* ISO "2023-11-27" or NULL */
  char *issuer; /* "Tỉnh ủy" or NULL */
} doc_ref;

typedef struct doc_period {
  char *text; /* "nhiệm kỳ 2020-2025", "đến năm 2025" */
  char
      *kind; /* "nhiệm kỳ", "giai đoạn", "tầm nhìn", "đến năm", "đại hội" ... */
  int from;  /* 0 when open (targets) */
  int to;
  int ordinal; /* congress number from Roman numeral (XXIV -> 24), else 0 */
} doc_period;

typedef struct doc_place {
  char *name;
  char *kind; /* "thành phố", "huyện", "xã", "cửa khẩu", ... or NULL */
  int mentions;
} doc_place;

typedef struct doc_abbrev {
  char *abbr;      /* "KKTCK" */
  char *expansion; /* "khu kinh tế cửa khẩu" */
} doc_abbrev;

typedef struct doc {
  arena arena;
  char id[17]; /* 16 hex digits: hash of the normalised text */
  char *path;  /* as given */
  char *text;  /* the whole normalised text */
  size_t text_len;
  char *title;     /* NULL when none */
  char *published; /* ISO 8601 or NULL */
  char *author;
  char *site;
  char *lead;
  VEC(doc_block) blocks;
  VEC(doc_qa) qa;
  VEC(doc_person) people;
  VEC(doc_figure) figures;
  VEC(doc_ref) refs;
  VEC(doc_period) periods;
  VEC(doc_place) places;
  VEC(char *) quotes;
  VEC(doc_abbrev) abbrevs; /* inline definitions "khu kinh tế (KKT)" */
  VEC(char *) warnings;
} doc;

doc *doc_new(const char *path);
void doc_free(doc *d);
char *doc_str(doc *d, const char *s, size_t n); /* copy into d's arena */
void doc_warn(doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append the DESIGN.md JSON object of d (one line, no newline) to b. */
void doc_to_json(const doc *d, buf *b);

#endif
