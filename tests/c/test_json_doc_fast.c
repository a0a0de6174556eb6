/*
** test_json_doc_fast.c — doc_to_json's shortcuts (doc.c) write what
** doc_to_json_ref, the long way, does: the title and lead that are their
** blocks' texts (escaped without buf_add_json_str's check, their blocks
** copied from their JSON), and each kind's writer made from its fields
** (jw_<kind>: types and offsets fixed when compiled, strings at the
** address of the column's last one or of the item's string before copied
** from b). On the five seed articles parsed with facts, and on 3,000
** random documents: titles and leads equal to their blocks or one byte
** off, strings shared between items and columns, NULL strings, numbers
** of every form (integers, decimals, negatives, -0, infinities, NaN),
** unset optional numbers and zero INT0 columns, title lists; valid UTF-8
** with escapes when the document says so (d->utf8), bad bytes when not.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "pipeline.h"

static int differ; /* documents whose two JSON forms differ */

/* The two JSON forms of d, after `pre` bytes already in the buffer. */
static void compare(const doc *d, const char *pre) {
  buf a, b;
  buf_init(&a), buf_init(&b);
  buf_adds(&a, pre), buf_adds(&b, pre);
  doc_to_json(d, &a);
  doc_to_json_ref(d, &b);
  int same = a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
  if (!same && differ++ < 3)
    fprintf(stderr, "differ:\n  fast %s\n  ref  %s\n", a.data, b.data);
  CHECK(same);
  buf_free(&a), buf_free(&b);
}

static void seed_doc(const char *text, size_t n) {
  doc *d = pipeline_document("seed.txt", text, n, 0);
  CHECK(d != NULL);
  if (!d) return;
  CHECK(d->utf8);
  compare(d, "");
  compare(d, "{\"x\":1}\n");
  doc_free(d);
}

static uint64_t state = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n) {
  return check_rnd(&state, n);
}

/* pieces of valid UTF-8 (escapes among them) and, past NVALID, bad
** bytes */
static const char *const pieces[] = {
    "a",
    "Z",
    " ",
    "0",
    "\"",
    "\\",
    "\n",
    "\t",
    "\x01",
    "\x7f",
    "/",
    "đ",
    "ờ",
    "ạ",
    "“",
    "”",
    "Hà Nội",
    "Nguyễn Văn A",
    "😀",
    "\xef\xbb\xbf",
    "a long enough run of plain ASCII words here",
    "\xed\x9f\xbf",
    "\xe0\xa0\x80", /* valid, the leads the check refuses */
    "\xc0\xaf",
    "\x80",
    "\xff",
    "\xe1\xbb",
    "\xed\xa0\x80"};
#define NVALID 23

/* A random string in the document's arena (NULL at times when nul). */
static char *rstr(doc *d, int utf8, int nul) {
  if (nul && rnd(6) == 0) return NULL;
  char t[400];
  size_t np = utf8 ? NVALID : sizeof pieces / sizeof *pieces;
  size_t n =
      check_pieces(t, rnd(5) ? rnd(40) : rnd(300), sizeof t, pieces, np, rnd);
  return doc_str(d, t, n);
}

/* A number of one of the forms the writer tells apart. */
static double rnum(void) {
  switch (rnd(10)) {
    case 0:
      return 0;
    case 1:
      return -0.0;
    case 2:
      return (double)rnd(100000);
    case 3:
      return -(double)rnd(1000) * 1e6;
    case 4:
      return rnd(100000) / 100.0;
    case 5:
      return 1.0 / (rnd(7) + 3);
    case 6:
      return rnd(2) ? INFINITY : NAN;
    case 7:
      return 5e12 + rnd(10);
    case 8:
      return 1e17 * (rnd(9) + 1);
    default:
      return rnd(1000) * 1e-5;
  }
}

/* A string of the item before (p, at column before) or a new one. */
static char *again(doc *d, int utf8, char *p) {
  return p && rnd(2) ? p : rstr(d, utf8, 1);
}

static void rnd_figures(doc *d, int utf8) {
  char *sentence = NULL, *unit = NULL;
  for (unsigned i = rnd(8); i > 0; i--) {
    doc_figure f = {0};
    f.text = rstr(d, utf8, 1);
    f.value = rnum(), f.base = rnum();
    f.has_of = (int)rnd(2), f.of = rnum();
    f.unit = unit = again(d, utf8, unit);
    f.base_unit = rnd(2) ? f.unit : rstr(d, utf8, 1);
    f.qualifier = rstr(d, utf8, 1), f.subject = rstr(d, utf8, 1);
    f.sentence = sentence = again(d, utf8, sentence);
    f.kind = rnd(3) ? NULL : "duration";
    f.block = (int)rnd(5) - 1;
    VEC_PUSH(d->figures, f);
  }
}

static void rnd_people_places(doc *d, int utf8) {
  for (unsigned i = rnd(4); i > 0; i--) {
    doc_person p = {0};
    p.name = rstr(d, utf8, 0);
    for (unsigned k = rnd(3); k > 0; k--) VEC_PUSH(p.titles, rstr(d, utf8, 0));
    p.mentions = (int)rnd(5);
    VEC_PUSH(d->people, p);
  }
  for (unsigned i = rnd(4); i > 0; i--) {
    doc_place p = {rstr(d, utf8, 0), again(d, utf8, NULL), (int)rnd(9)};
    VEC_PUSH(d->places, p);
  }
}

static void rnd_others(doc *d, int utf8) {
  for (unsigned i = rnd(3); i > 0; i--) {
    doc_ref r = {rstr(d, utf8, 0), rstr(d, utf8, 1), rstr(d, utf8, 1),
                 rstr(d, utf8, 1), rstr(d, utf8, 1)};
    VEC_PUSH(d->refs, r);
  }
  for (unsigned i = rnd(3); i > 0; i--) {
    doc_period p = {rstr(d, utf8, 0), rstr(d, utf8, 1), (int)rnd(3) * 2020,
                    (int)rnd(3) * 2025, (int)rnd(3)};
    VEC_PUSH(d->periods, p);
  }
  for (unsigned i = rnd(3); i > 0; i--) {
    doc_abbrev a = {rstr(d, utf8, 0), rstr(d, utf8, 1)};
    VEC_PUSH(d->abbrevs, a);
  }
  for (unsigned i = rnd(3); i > 0; i--) VEC_PUSH(d->quotes, rstr(d, utf8, 0));
}

/* A block of kind k holding s (or, at times, s one byte longer or
** shorter, or another string). */
static void add_block(doc *d, doc_kind k, const char *s, int utf8) {
  const char *t = s ? s : "x";
  size_t n = strlen(t);
  switch (rnd(6)) {
    case 0:
      n = n ? n - 1 : 0;
      break;
    case 1:
      t = rstr(d, utf8, 0), n = strlen(t);
      break;
    default:
      break;
  }
  char *c = doc_str(d, t, n);
  if (rnd(8) == 0 && n) c[n - 1] = 'q'; /* same length, other text */
  doc_block b = {k, c, 0, n};
  VEC_PUSH(d->blocks, b);
}

static void random_doc(int utf8) {
  doc *d = doc_new(rnd(2) ? "data/x.txt" : "d\xff/\"q\".txt");
  d->utf8 = utf8;
  memcpy(d->id, "0123456789abcdef", 17);
  d->title = rstr(d, utf8, 1), d->lead = rstr(d, utf8, 1);
  d->published = rnd(2) ? NULL : "2024-01-02";
  d->author = rstr(d, utf8, 1), d->site = rstr(d, utf8, 1);
  for (unsigned i = rnd(6); i > 0; i--) {
    unsigned r = rnd(4);
    if (r == 0)
      add_block(d, BK_TITLE, d->title, utf8);
    else if (r == 1)
      add_block(d, BK_LEAD, d->lead, utf8);
    else
      add_block(d, BK_PARAGRAPH, rstr(d, utf8, 0), utf8);
  }
  rnd_figures(d, utf8);
  rnd_people_places(d, utf8);
  rnd_others(d, utf8);
  compare(d, rnd(2) ? "" : "[1,2,3]");
  doc_free(d);
}

int main(void) {
  printf("doc_to_json against doc_to_json_ref: seeds, 3,000 random docs\n");
  check_each_seed(seed_doc);
  for (int i = 0; i < 3000; i++) random_doc(i % 3 != 0);
  if (differ) fprintf(stderr, "%d documents differ\n", differ);
  return check_done();
}
