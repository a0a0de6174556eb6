/*
** parse_check.h — helpers the parser's tests share (test_parse.c,
** test_parse_pages.c, test_parse_pages15.c): parse a string without
** facts, checking that its blocks are lossless, list the blocks' kinds,
** and check a person's titles. Include after check.h.
*/
#ifndef TINSH_PARSE_CHECK_H
#define TINSH_PARSE_CHECK_H

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "extract.h"
#include "parse.h"

/* The blocks reproduce d->text up to whitespace, and off/len are right. */
static inline int lossless(const doc *d) {
  size_t i = 0, last = 0;
  for (size_t b = 0; b < d->blocks.n; b++) {
    const doc_block *k = &d->blocks.items[b];
    if (k->off < last || k->off + k->len > d->text_len) return 0;
    if (memcmp(d->text + k->off, k->text, k->len) != 0) return 0;
    if (strlen(k->text) != k->len) return 0;
    /* the text between blocks is whitespace only */
    for (size_t j = last; j < k->off; j++)
      if (!isspace((unsigned char)d->text[j])) return 0;
    last = k->off + k->len;
    i = last;
  }
  for (; i < d->text_len; i++)
    if (!isspace((unsigned char)d->text[i])) return 0;
  return 1;
}

static inline doc *parse_str(const char *s) {
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(lossless(d));
  return d;
}

/* The title of text s (parsed without facts, checked lossless) is want
** (NULL: no title); a macro, so that a failure names the caller's line. */
#define CHECK_TITLE(s, want)     \
  do {                           \
    doc *dt_ = parse_str(s);     \
    CHECK_STR(dt_->title, want); \
    doc_free(dt_);               \
  } while (0)

/* Comma-separated kinds of all blocks, e.g. "title,dateline,lead". */
static inline const char *kinds(const doc *d) {
  static char out[8192];
  size_t o = 0;
  out[0] = 0;
  for (size_t i = 0; i < d->blocks.n && o + 16 < sizeof out; i++)
    o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? "," : "",
                          doc_kind_name(d->blocks.items[i].kind));
  return out;
}

/* s parsed, then its facts extracted (which must succeed). */
static inline doc *parse_facts(const char *s) {
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  return d;
}

/* The person `name` of d, or NULL. */
static inline const doc_person *person(const doc *d, const char *name) {
  for (size_t i = 0; i < d->people.n; i++)
    if (strcmp(d->people.items[i].name, name) == 0) return &d->people.items[i];
  return NULL;
}

/* The figure of d whose text is `text` (NULL: none). */
static inline const doc_figure *fig_is(const doc *d, const char *text) {
  for (size_t i = 0; i < d->figures.n; i++)
    if (d->figures.items[i].text && strcmp(d->figures.items[i].text, text) == 0)
      return &d->figures.items[i];
  return NULL;
}

/* The person `name` has exactly the titles `want` ("; " between them);
** a missing person is named on stderr. */
static inline void check_person(const doc *d, const char *name,
                                const char *want) {
  const doc_person *p = person(d, name);
  CHECK(p != NULL);
  if (!p) {
    fprintf(stderr, "  no person %s\n", name);
    return;
  }
  char got[1024] = "";
  for (size_t i = 0; i < p->titles.n; i++)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "; " : "",
             p->titles.items[i]);
  CHECK_STR(got, want);
}

#endif
