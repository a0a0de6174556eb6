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

void doc_free(doc *d) {
  if (!d) return;
  for (size_t i = 0; i < d->people.n; i++)
    free(d->people.items[i].titles.items);
  free(d->blocks.items);
  free(d->qa.items);
  free(d->people.items);
  free(d->figures.items);
  free(d->refs.items);
  free(d->periods.items);
  free(d->places.items);
  free(d->quotes.items);
  free(d->abbrevs.items);
  free(d->warnings.items);
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

static void jkey(buf *b, const char *k, int first) {
  if (!first) buf_addc(b, ',');
  buf_add_json_str(b, k, strlen(k));
  buf_addc(b, ':');
}

static void jnum(buf *b, double v) {
  if (!isfinite(v)) {
    buf_adds(b, "null");
  } else if (v == floor(v) && fabs(v) < 1e15) {
    buf_printf(b, "%.0f", v);
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
    jkstr(b, "text", k->text);
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

static void json_qa(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->qa.n; i++) {
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"q\":");
    jstr(b, d->qa.items[i].q);
    jkstr(b, "a", d->qa.items[i].a);
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

static void json_people(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->people.n; i++) {
    const doc_person *p = &d->people.items[i];
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"name\":");
    jstr(b, p->name);
    jkey(b, "titles", 0);
    jstrs(b, p->titles.items, p->titles.n);
    buf_printf(b, ",\"mentions\":%d}", p->mentions);
  }
  buf_addc(b, ']');
}

static void json_figures(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->figures.n; i++) {
    const doc_figure *f = &d->figures.items[i];
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"text\":");
    jstr(b, f->text);
    jkey(b, "value", 0);
    jnum(b, f->value);
    jkey(b, "of", 0);
    if (f->has_of)
      jnum(b, f->of);
    else
      buf_adds(b, "null");
    jkstr(b, "unit", f->unit);
    jkey(b, "base", 0);
    jnum(b, f->base);
    jkstr(b, "base_unit", f->base_unit);
    jkstr(b, "qualifier", f->qualifier);
    jkstr(b, "subject", f->subject);
    jkstr(b, "sentence", f->sentence);
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

static void json_refs(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->refs.n; i++) {
    const doc_ref *r = &d->refs.items[i];
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"text\":");
    jstr(b, r->text);
    jkstr(b, "kind", r->kind);
    jkstr(b, "number", r->number);
    jkstr(b, "date", r->date);
    jkstr(b, "issuer", r->issuer);
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

static void json_periods(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->periods.n; i++) {
    const doc_period *p = &d->periods.items[i];
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"text\":");
    jstr(b, p->text);
    jkstr(b, "kind", p->kind);
    jkey(b, "from", 0);
    if (p->from)
      buf_printf(b, "%d", p->from);
    else
      buf_adds(b, "null");
    jkey(b, "to", 0);
    if (p->to)
      buf_printf(b, "%d", p->to);
    else
      buf_adds(b, "null");
    jkey(b, "ordinal", 0);
    if (p->ordinal)
      buf_printf(b, "%d", p->ordinal);
    else
      buf_adds(b, "null");
    buf_addc(b, '}');
  }
  buf_addc(b, ']');
}

static void json_places(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->places.n; i++) {
    const doc_place *p = &d->places.items[i];
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"name\":");
    jstr(b, p->name);
    jkstr(b, "kind", p->kind);
    buf_printf(b, ",\"mentions\":%d}", p->mentions);
  }
  buf_addc(b, ']');
}

static void json_abbrevs(const doc *d, buf *b) {
  buf_addc(b, '[');
  for (size_t i = 0; i < d->abbrevs.n; i++) {
    if (i) buf_addc(b, ',');
    buf_adds(b, "{\"abbr\":");
    jstr(b, d->abbrevs.items[i].abbr);
    jkstr(b, "expansion", d->abbrevs.items[i].expansion);
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
  jkey(b, "qa", 0), json_qa(d, b);
  jkey(b, "people", 0), json_people(d, b);
  jkey(b, "figures", 0), json_figures(d, b);
  jkey(b, "refs", 0), json_refs(d, b);
  jkey(b, "periods", 0), json_periods(d, b);
  jkey(b, "places", 0), json_places(d, b);
  jkey(b, "quotes", 0), jstrs(b, d->quotes.items, d->quotes.n);
  jkey(b, "abbreviations", 0), json_abbrevs(d, b);
  jkey(b, "warnings", 0), jstrs(b, d->warnings.items, d->warnings.n);
  buf_addc(b, '}');
}
