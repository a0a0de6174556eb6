/*
** doc.h — the parsed document: the one data model shared by the parser
** (parse.c), the fact extractors (extract.c), the store (store.c) and the
** Lua bindings. The facts' fields are declared once, in
** fact_schema.h.
**
** Ownership: a doc owns everything reachable from it. Strings live in
** d->arena; arrays are VECs freed by doc_free. A NULL char* is JSON null.
*/
#ifndef TINSH_DOC_H
#define TINSH_DOC_H

#include "fact_schema.h"
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

/* One struct per fact kind, generated from the schema (fact_schema.h):
** doc_qa, doc_person, doc_figure, doc_ref, doc_period, doc_place,
** doc_quote, doc_abbrev, doc_warning. */
#define DOC_FACT_STRUCT(T, m, kind, table, json, lua, FIELDS, bare) \
  typedef struct T {                                                \
    FIELDS(FACT_MEMBER)                                             \
  } T;
FACT_KINDS(DOC_FACT_STRUCT)
#undef DOC_FACT_STRUCT

/* a document's list of facts of one kind; bare kinds are string lists */
#define DOC_FACT_VEC_0(T) VEC(T)
#define DOC_FACT_VEC_1(T) doc_strs
#define DOC_FACT_LIST(T, m, kind, table, json, lua, FIELDS, bare) \
  DOC_FACT_VEC_##bare(T) m;

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
  int utf8; /* 1: the blocks' and facts' strings are valid UTF-8 (the
            ** parser sets it: they are cut from its normalised text or
            ** come from data/), so doc_to_json does not check them */
  FACT_KINDS(DOC_FACT_LIST) /* qa, people, figures, ..., warnings */
  char *text_heap; /* d->text when malloc'd, not in the arena (the parser
                   ** keeps text_normalize's buffer): doc_free frees it */
} doc;

doc *doc_new(const char *path);
void doc_free(doc *d);
char *doc_str(doc *d, const char *s, size_t n); /* copy into d's arena */
void doc_warn(doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append the JSON object of d (docs/design.md, one line, no newline) to b. */
void doc_to_json(const doc *d, buf *b);
/* doc_to_json the long way (no shortcut: every string checked and escaped,
** every fact by its column descriptors): the same bytes, for the tests. */
void doc_to_json_ref(const doc *d, buf *b);

#endif
