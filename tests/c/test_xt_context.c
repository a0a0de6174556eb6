/*
** test_xt_context.c — xt_context (xtok.c: the window grown over the
** tokens' ends read in place, written through a stack buffer) against the
** window it grew before (context_ref below: one token a side a turn with
** xt_end, written through a buf), for every span of one to three tokens
** of every sentence of random texts and limits from 1 to 600 bytes.
** Fails when the window or its marks differ.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"
#include "xtok.h"
#include "xtok_check.h"

static long asked, windows, bad;
static doc *d;

/* xt_context as it was written before. */
static char *context_ref(xsent *x, size_t i, size_t j, size_t max) {
  if (x->end - x->start <= max || i >= x->n) return xt_context(x, i, j, max);
  if (j > x->n) j = x->n;
  if (j <= i) j = i + 1;
  size_t lo = i, hi = j;
  for (int grew = 1; grew;) {
    grew = 0;
    if (lo > 0 && xt_end(x, hi) - x->t[lo - 1].off <= max) lo--, grew = 1;
    if (hi < x->n && xt_end(x, hi + 1) - x->t[lo].off <= max) hi++, grew = 1;
  }
  size_t a = x->t[lo].off, b = xt_end(x, hi);
  buf out;
  buf_init(&out);
  if (lo > 0) buf_adds(&out, "… ");
  buf_add(&out, x->s + a, b - a);
  if (hi < x->n) buf_adds(&out, " …");
  char *r = doc_str(x->d, out.data, out.len);
  buf_free(&out);
  return r;
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  xsent x = xtok_check_sent(s, a, end, tv);
  x.d = d;
  for (size_t i = 0; i < x.n; i++)
    for (size_t j = i; j <= i + 3; j++) {
      size_t max = 1 + rnd(600);
      const char *g = xt_context(&x, i, j, max);
      const char *w = context_ref(&x, i, j, max);
      asked++, windows += end - a > max;
      if (strcmp(g, w) != 0 && bad++ < 5)
        fprintf(stderr, "context %zu %zu %zu:\n %s\n %s\n", i, j, max, g, w);
    }
}

static void check_text(const char *text, size_t n) {
  xtok_each_sentence(text, n, check_sentence);
}

int main(void) {
  printf("plan: xt_context == its former window\n");
  xtok_init();
  d = doc_new("test");
  static const char *const w[] = {"người", "dân",  "Hà",   "Nội",  "57,7%",
                                  "tỷ",    "đồng", "năm",  "2023", "của",
                                  "và",    "được", "“nói", "”",    "xyzxyzxyz"};
  static char buf[8192];
  for (int t = 0; t < 300; t++) {
    size_t o = 0, len = 1 + rnd(3000);
    while (o < len && o + 40 < sizeof buf) {
      const char *p = w[rnd(sizeof w / sizeof *w)];
      memcpy(buf + o, p, strlen(p)), o += strlen(p);
      buf[o++] = rnd(30) ? ' ' : (rnd(2) ? ',' : '.');
    }
    buf[o] = 0;
    check_text(buf, o);
  }
  doc_free(d);
  printf("%ld asked, %ld windows, %ld differ\n", asked, windows, bad);
  CHECK(windows > 10000 && bad == 0);
  return check_done();
}
