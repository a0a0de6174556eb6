/*
** fuzz_segment.c — libFuzzer target for the word segmenter
** (shell/segment.c, shell/segment_lex.c).
**
** Input: arbitrary bytes. The first line (up to 64 bytes) is taught to a
** user overlay of the bundled lexicon (added, or removed when it starts
** with '-'); the whole input is then segmented with the overlay.
** Invariants checked on every input:
**   - every word span is in range, non-empty, and after the previous one
**     (ordered, no overlap); nsyl is 1..SEG_MAX_SYL; kind is known;
**   - no span starts on a continuation byte, and decoding a span step by
**     step from its start lands exactly on its end: words never cut a
**     UTF-8 sequence, and every byte between them is kept as it is;
**   - every ASCII letter of the input lies inside a word;
**   - segmenting the same input again gives the same words (deterministic).
*/
#include <string.h>

#include "fuzz.h"
#include "segment.h"
#include "text.h"

#define FUZZ_SEG_MAX 4096

typedef struct fuzz_seg_run {
  size_t from[FUZZ_SEG_MAX], to[FUZZ_SEG_MAX];
  int nsyl[FUZZ_SEG_MAX], kind[FUZZ_SEG_MAX];
  size_t n;
} fuzz_seg_run;

static int fuzz_seg_collect(void *ctx, size_t from, size_t to, int nsyl,
                            int kind) {
  fuzz_seg_run *r = ctx;
  if (r->n < FUZZ_SEG_MAX) {
    r->from[r->n] = from, r->to[r->n] = to;
    r->nsyl[r->n] = nsyl, r->kind[r->n] = kind;
  }
  r->n++;
  return 0;
}

static int fuzz_seg_cont(const char *s, size_t n, size_t i) {
  return i < n && ((unsigned char)s[i] & 0xC0) == 0x80;
}

/* Does decoding s[from..n) step by step land exactly on to? */
static int fuzz_seg_whole(const char *s, size_t n, size_t from, size_t to) {
  size_t i = from;
  while (i < to) {
    int32_t cp;
    i += (size_t)text_utf8_decode(s + i, n - i, &cp);
  }
  return i == to;
}

static int fuzz_seg_letter(char c) {
  return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* The invariants of one run over s[0..n). */
static void fuzz_seg_check(const fuzz_seg_run *r, const char *s, size_t n) {
  size_t at = 0, m = r->n < FUZZ_SEG_MAX ? r->n : FUZZ_SEG_MAX;
  for (size_t i = 0; i < m; i++) {
    FUZZ_CHECK(r->from[i] >= at && r->from[i] < r->to[i] && r->to[i] <= n);
    FUZZ_CHECK(r->nsyl[i] >= 1 && r->nsyl[i] <= SEG_MAX_SYL);
    FUZZ_CHECK(r->kind[i] >= SEG_WORD && r->kind[i] <= SEG_USER);
    FUZZ_CHECK(!fuzz_seg_cont(s, n, r->from[i]));
    FUZZ_CHECK(fuzz_seg_whole(s, n, r->from[i], r->to[i]));
    for (size_t k = at; k < r->from[i]; k++) FUZZ_CHECK(!fuzz_seg_letter(s[k]));
    at = r->to[i];
  }
  if (r->n <= FUZZ_SEG_MAX)
    for (size_t k = at; k < n; k++) FUZZ_CHECK(!fuzz_seg_letter(s[k]));
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  static fuzz_seg_run a, b;
  const char *s = (const char *)data;
  const seg_lex *base = seg_lex_default();
  if (!base) return 0;
  seg_lex *user = seg_lex_overlay(base);
  const char *nl = memchr(s, '\n', size < 64 ? size : 64);
  if (nl && nl > s) {
    if (s[0] == '-')
      seg_lex_remove(user, s + 1, (size_t)(nl - s - 1));
    else
      seg_lex_add(user, s, (size_t)(nl - s));
  }
  a.n = b.n = 0;
  seg_words(user, s, size, fuzz_seg_collect, &a);
  seg_words(user, s, size, fuzz_seg_collect, &b);
  fuzz_seg_check(&a, s, size);
  FUZZ_CHECK(a.n == b.n);
  size_t m = a.n < FUZZ_SEG_MAX ? a.n : FUZZ_SEG_MAX;
  FUZZ_CHECK(memcmp(a.from, b.from, m * sizeof *a.from) == 0);
  FUZZ_CHECK(memcmp(a.to, b.to, m * sizeof *a.to) == 0);
  FUZZ_CHECK(memcmp(a.kind, b.kind, m * sizeof *a.kind) == 0);
  seg_lex_free(user);
  return 0;
}
