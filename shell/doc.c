/*
** doc.c — the parsed-document model: lifetime, warnings, JSON form.
*/
#include "doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[BK__COUNT] = {
    "banner",   "title",  "dateline", "lead",   "heading", "paragraph",
    "question", "answer", "caption",  "byline", "related", "boilerplate"};

const char *doc_kind_name(doc_kind k) {
  return (unsigned)k < BK__COUNT ? kind_names[k] : "paragraph";
}

int doc_kind_from_name(const char *name) {
  for (int i = 0; i < BK__COUNT; i++)
    if (strcmp(kind_names[i], name) == 0) return i;
  return -1;
}

doc *doc_new(const char *path) {
  doc *d = xcalloc(1, sizeof *d);
  arena_init(&d->arena);
  d->path = arena_strdup(&d->arena, path ? path : "");
  return d;
}

/* Free the lists of STRS columns inside kind k's items, then the items. */
static void free_kind(doc *d, const fact_kind *k) {
  for (size_t c = 0; c < k->ncols; c++) {
    if (k->cols[c].type != FT_STRS) continue;
    for (size_t i = 0; i < fact_count(d, k); i++)
      free(FACT_FIELD(fact_item(d, k, i), &k->cols[c], doc_strs)->items);
  }
  free(fact_items(d, k));
}

void doc_free(doc *d) {
  if (!d) return;
  for (size_t k = 0; k < FK__COUNT; k++) free_kind(d, &fact_kinds[k]);
  free(d->blocks.items);
  arena_free(&d->arena);
  free(d);
}

char *doc_str(doc *d, const char *s, size_t n) {
  return arena_strndup(&d->arena, s, n);
}

void doc_warn(doc *d, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  VEC_PUSH(d->warnings, arena_strdup(&d->arena, tmp));
}

/* ---- JSON ---- */

static void jstr(buf *b, const char *s) {
  if (s)
    buf_add_json_str(b, s, strlen(s));
  else
    buf_adds(b, "null");
}

/* jstr for s[0..n), without the UTF-8 check when utf8 (doc.h). */
static void jstr_n(buf *b, const char *s, size_t n, int utf8) {
  if (!s)
    buf_adds(b, "null");
  else if (utf8)
    buf_add_json_utf8(b, s, n);
  else
    buf_add_json_str(b, s, n);
}

/* `,"k":` (without the comma when first). Keys are the model's own
** names (ASCII letters and '_', checked by test_doc_json): written as
** they are, not escaped. */
static void jkey(buf *b, const char *k, int first) {
  size_t n = strlen(k);
  buf_reserve(b, n + 4);
  char *p = b->data + b->len;
  if (!first) *p++ = ',';
  *p++ = '"';
  memcpy(p, k, n);
  p += n;
  *p++ = '"';
  *p++ = ':';
  b->len = (size_t)(p - b->data);
  b->data[b->len] = '\0';
}

/* An integer in decimal, as "%lld" prints it (without printf). */
static void jint(buf *b, long long v) {
  char t[24], *e = t + sizeof t, *p = e;
  unsigned long long u =
      v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
  do *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0) *--p = '-';
  buf_add(b, p, (size_t)(e - p));
}

static void jnum(buf *b, double v) {
  if (!isfinite(v)) {
    buf_adds(b, "null");
  } else if (v == floor(v) && fabs(v) < 1e15) {
    if (v == 0 && signbit(v))
      buf_adds(b, "-0"); /* as "%.0f" prints it */
    else
      jint(b, (long long)v);
  } else {
    buf_printf(b, "%.15g", v);
  }
}

static void jkstr(buf *b, const char *k, const char *v) {
  jkey(b, k, 0);
  jstr(b, v);
}

static void jstrs(buf *b, char *const *items, size_t n) {
  buf_addc(b, '[');
  for (size_t i = 0; i < n; i++) {
    if (i) buf_addc(b, ',');
    jstr(b, items[i]);
  }
  buf_addc(b, ']');
}

static void json_blocks(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *k = &d->blocks.items[i];
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"kind\":");
    jstr(b, doc_kind_name(k->kind));
    jkey(b, "text", 0);
    jstr_n(b, k->text, k->text ? strlen(k->text) : 0, d->utf8);
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

#define JLAST_COLS 32 /* columns with a cache of their own (more: shared) */

/* The last string jstr_again wrote for one column: where its JSON form
** sits in b. */
typedef struct jlast {
  const char *s;
  size_t off, len;
} jlast;

/*
** jstr, but a string at the same address as the last one given for the
** column (the figures of one sentence share its arena copy) is copied
** from its escaped form in b rather than escaped again.
*/
static void jstr_again(buf *b, const char *s, jlast *last, int utf8) {
  if (s && s == last->s) {
    buf_reserve(b, last->len);
    buf_add(b, b->data + last->off, last->len);
    return;
  }
  size_t off = b->len;
  jstr_n(b, s, s ? strlen(s) : 0, utf8);
  if (s) last->s = s, last->off = off, last->len = b->len - off;
}

/* The JSON value of column c of item p. */
static void json_field(buf *b, const void *p, const fact_column *c, jlast *last,
                       int utf8) {
  switch (c->type) {
    case FT_STR:
      jstr_again(b, *FACT_FIELD(p, c, char *), last, utf8);
      break;
    case FT_NUM:
      jnum(b, *FACT_FIELD(p, c, double));
      break;
    case FT_OPTNUM:
      if (*(const int *)(const void *)((const char *)p + c->flag))
        jnum(b, *FACT_FIELD(p, c, double));
      else
        buf_adds(b, "null");
      break;
    case FT_INT0:
      if (*FACT_FIELD(p, c, int) == 0) {
        buf_adds(b, "null");
        break;
      }
      /* fall through */
    case FT_INT:
    case FT_BLOCK:
      jint(b, *FACT_FIELD(p, c, int));
      break;
    case FT_STRS: {
      const doc_strs *v = FACT_FIELD(p, c, doc_strs);
      jstrs(b, v->items, v->n);
      break;
    }
  }
}

/* The JSON list of kind k: objects of the columns that have a JSON key,
** or bare strings. */
static void json_kind(const doc *d, const fact_kind *k, buf *b) {
  jlast last[JLAST_COLS] = {{NULL, 0, 0}};
  buf_addc(b, '[');
  for (size_t i = 0; i < fact_count(d, k); i++) {
    const void *p = fact_item(d, k, i);
    if (i) buf_addc(b, ',');
    if (k->bare) {
      json_field(b, p, &k->cols[0], &last[0], d->utf8);
      continue;
    }
    int first = 1;
    buf_addc(b, '{');
    for (size_t c = 0; c < k->ncols; c++) {
      if (!k->cols[c].json) continue;
      jkey(b, k->cols[c].json, first), first = 0;
      json_field(b, p, &k->cols[c], &last[c % JLAST_COLS], d->utf8);
    }
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

void doc_to_json(const doc *d, buf *b) {
  buf_adds(b, "{\"id\":");
  jstr(b, d->id);
  jkstr(b, "path", d->path);
  jkstr(b, "title", d->title);
  jkstr(b, "published", d->published);
  jkstr(b, "author", d->author);
  jkstr(b, "site", d->site);
  jkstr(b, "lead", d->lead);
  jkey(b, "blocks", 0), json_blocks(d, b);
  for (size_t k = 0; k < FK__COUNT; k++) {
    jkey(b, fact_kinds[k].json, 0);
    json_kind(d, &fact_kinds[k], b);
  }
  buf_addc(b, '}');
}
