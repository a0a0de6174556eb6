/*
** test_extract_tokens.c — the extractors' tokens (xtok.c) and the search
** index's tokens (fts.c) come from one tokenizer and agree; the pipeline.
** Plan:
**   1. On a tricky text (superscripts, fractions, Roman numerals, a stray
**      combining mark, full-width digits, document numbers, decimals,
**      glued punctuation, NBSP, zero-width space, an invalid byte), for
**      every sentence of xt_tokenize and every query-mode token of
**      fts_tokenize: each FTS token starts and ends on an extractor token
**      boundary; each extractor word or number lies inside one FTS
**      token; no extractor punctuation token lies inside an FTS token but
**      the connectors of a compound ("20-NQ/TU").
**      (The old extractor scanner cut "m²" into "m" + "²" and let a
**      stray mark start a word: both broke this.)
**   2. A figure glued to a superscript unit keeps it ("30m³" -> unit m³;
**      the old scanner gave "m").
**   3. The pipeline: parse_document no longer extracts facts;
**      pipeline_document does, and PIPELINE_NO_FACTS stops before.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fts.h"
#include "parse.h"
#include "pipeline.h"
#include "xtok.h"

typedef struct span {
  size_t a, b;
  int type; /* extractor: tok_type; FTS: -1 */
} span;

typedef struct spans {
  span s[512];
  int n;
} spans;

static int add_fts(void *ctx, int tflags, const char *tok, int ntok, int start,
                   int end) {
  (void)tflags, (void)tok, (void)ntok;
  spans *v = ctx;
  if (v->n < 512) v->s[v->n++] = (span){(size_t)start, (size_t)end, -1};
  return 0;
}

/* every extractor token of text (all sentences) */
static void xt_all(const char *text, spans *v) {
  tokvec tv = {0};
  size_t n = strlen(text);
  v->n = 0;
  for (size_t a = 0; a < n;) {
    unsigned feat;
    size_t e = xt_tokenize(text, a, n, &tv, &feat);
    for (size_t i = 0; i < tv.n && v->n < 512; i++)
      v->s[v->n++] = (span){tv.items[i].off, tv.items[i].off + tv.items[i].len,
                            tv.items[i].type};
    a = e;
  }
  free(tv.items);
}

/* Is offset o the start or the end of an extractor token? */
static int boundary(const spans *x, size_t o) {
  for (int i = 0; i < x->n; i++)
    if (x->s[i].a == o || x->s[i].b == o) return 1;
  return 0;
}

/* The FTS token holding [a, b), or -1. */
static int inside(const spans *f, size_t a, size_t b) {
  for (int i = 0; i < f->n; i++)
    if (f->s[i].a <= a && b <= f->s[i].b) return i;
  return -1;
}

static void test_agree(void) {
  const char *text =
      "Căn hộ 55m² giá 2,5 tỷ; 4x4² và ½ muỗng, chươngⅦ. "
      "Theo Nghị quyết 20-NQ/TU (ngày 5.000ha) \xCC\x81"
      "ánh xã\xC2\xA0Hải\xE2\x80\x8BHà, １２ người\xFF"
      "nữa... HĐND/UBND 57,7%–3km";
  spans x, f = {.n = 0};
  xt_all(text, &x);
  fts_tokenize(text, (int)strlen(text), FTS_QUERY, add_fts, &f);
  CHECK(x.n > 30 && f.n > 20);
  for (int i = 0; i < f.n; i++) {
    CHECK(boundary(&x, f.s[i].a));
    CHECK(boundary(&x, f.s[i].b));
  }
  for (int i = 0; i < x.n; i++) {
    int in = inside(&f, x.s[i].a, x.s[i].b);
    if (x.s[i].type == T_PUNCT) {
      /* only a compound's connector sits inside an FTS token */
      CHECK(in < 0 ||
            (x.s[i].b == x.s[i].a + 1 && strchr(".,/-", text[x.s[i].a])));
    } else {
      CHECK(in >= 0);
    }
  }
}

static void test_superscript_unit(void) {
  const char *s = "Tiêu đề\n\nĐo được gần 30m³ gỗ và căn hộ 55m² ở đây.\n";
  doc *d = pipeline_document("t.txt", s, strlen(s), 0);
  int m3 = 0, m2 = 0;
  for (size_t i = 0; i < d->figures.n; i++) {
    const char *u = d->figures.items[i].unit;
    if (u && strcmp(u, "m³") == 0) m3++;
    if (u && strcmp(u, "m²") == 0) m2++;
  }
  CHECK(m3 == 1 && m2 == 1);
  doc_free(d);
}

static void test_pipeline(void) {
  const char *s =
      "Tiêu đề\n\nTheo Nghị quyết 20-NQ/TU, tỷ lệ đạt 57,7%. Ông Nguyễn "
      "Văn An nói “đây là một câu trích dẫn dài”.\n";
  doc *p = parse_document("t.txt", s, strlen(s), 0);
  CHECK(p->blocks.n > 0);
  CHECK(p->figures.n == 0 && p->refs.n == 0 && p->quotes.n == 0);
  doc *q = pipeline_document("t.txt", s, strlen(s), 0);
  CHECK(q->figures.n > 0 && q->refs.n > 0 && q->quotes.n > 0);
  CHECK(q->blocks.n == p->blocks.n);
  doc *r = pipeline_document("t.txt", s, strlen(s), PIPELINE_NO_FACTS);
  CHECK(r->figures.n == 0 && r->refs.n == 0 && r->blocks.n == p->blocks.n);
  doc_free(p);
  doc_free(q);
  doc_free(r);
}

int main(void) {
  printf("# extractor and search tokens agree; the pipeline\n");
  test_agree();
  test_superscript_unit();
  test_pipeline();
  return check_done();
}
