/*
** fuzz_kwic.c — libFuzzer target for the concordance's C core
** (shell/kwic.c).
**
** Input: arbitrary bytes. The first line (up to 64 bytes) is the query,
** the rest the text. Invariants checked on every input:
**   - the byte prefilter and its windows find exactly the hits that
**     tokenizing the whole text finds (kwic_find with and without it);
**   - hits are in range, non-empty, sorted and distinct;
**   - the whole-word hits (kwic_whole, segmenting from a punctuation mark
**     before each hit) are hits, each with its context around it and
**     inside the text, and the same for 0, 2 and no context words;
**   - every line cut from them flattens without reading past the text.
*/
#include <string.h>

#include "fuzz.h"
#include "kwic.h"
#include "segment.h"

static int fuzz_kwic_same(const kwic_hits *a, const kwic_hits *b) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->n; i++)
    if (a->v[i].s != b->v[i].s || a->v[i].e != b->v[i].e) return 0;
  return 1;
}

/* Whole words of hits h (copied) with nwords; checks their spans. */
static void fuzz_kwic_whole(const kwic_hits *h, const char *t, size_t n,
                            int prefix, int nwords) {
  const seg_lex *lex = seg_lex_default();
  if (!lex) return;
  kwic_hits w = {0};
  w.v = xmalloc((h->n + 1) * sizeof *w.v);
  if (h->n) memcpy(w.v, h->v, h->n * sizeof *w.v);
  w.n = w.cap = h->n;
  kwic_whole(&w, 0, lex, t, n, prefix, nwords);
  FUZZ_CHECK(w.n <= h->n);
  kwic_lines l;
  kwic_lines_init(&l);
  buf b;
  buf_init(&b);
  for (size_t i = 0; i < w.n; i++) {
    FUZZ_CHECK(w.v[i].ls <= w.v[i].s && w.v[i].e <= w.v[i].re);
    FUZZ_CHECK(w.v[i].re <= n);
    kwic_lines_add(&l, 1, 0, t, n, &w.v[i]);
    for (int p = 0; p < 3; p++) kwic_line_part(&l, &l.v[i], p, &b);
  }
  buf_free(&b);
  kwic_lines_free(&l);
  kwic_hits_free(&w);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t ql = 0;
  while (ql < size && ql < 64 && s[ql] != '\n') ql++;
  const char *t = s + (ql < size ? ql + 1 : ql);
  size_t n = size - (size_t)(t - s);
  kwic_query q;
  kwic_query_init(&q, s, ql);
  kwic_hits fast = {0}, slow = {0};
  kwic_find(&q, t, n, &fast);
  int slen = q.slen;
  q.slen = 0;
  kwic_find(&q, t, n, &slow);
  q.slen = slen;
  FUZZ_CHECK(fuzz_kwic_same(&fast, &slow));
  for (size_t i = 0; i < fast.n; i++) {
    FUZZ_CHECK(fast.v[i].s < fast.v[i].e && fast.v[i].e <= n);
    FUZZ_CHECK(
        i == 0 || fast.v[i - 1].s < fast.v[i].s ||
        (fast.v[i - 1].s == fast.v[i].s && fast.v[i - 1].e < fast.v[i].e));
  }
  fuzz_kwic_whole(&fast, t, n, q.prefix, -1);
  fuzz_kwic_whole(&fast, t, n, q.prefix, 0);
  fuzz_kwic_whole(&fast, t, n, q.prefix, 2);
  kwic_hits_free(&fast);
  kwic_hits_free(&slow);
  kwic_query_free(&q);
  return 0;
}
