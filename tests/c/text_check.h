/*
** text_check.h — slow references and generators the text-level tests
** share (test_text_fast.c, test_parse_speed.c, test_segment_keys.c,
** test_span_folds.c, test_norm_fix.c, test_norm_wide.c): the tokenizer's
** run flags one code point at a time, random texts glued from a test's own
** pieces, and two normalisers compared on a text and on its prefixes.
** Include after check.h.
*/
#ifndef TINSH_TEXT_CHECK_H
#define TINSH_TEXT_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "text_tok.h"

/* The tokenizer's flags for the run s[i..), one code point at a time;
** *end gets where the run ends. */
static inline unsigned ref_tok_flags(const char *s, size_t n, size_t i,
                                     size_t *end) {
  int32_t cp;
  int k = text_utf8_decode(s + i, n - i, &cp);
  unsigned c = text_class_slow(cp), f = 0;
  if (!(c & TEXT_WORD) || (c & TEXT_MARK)) return *end = i + (size_t)k, 0;
  if (c & TEXT_UPPER) f |= TEXT_TOKF_UPPER;
  int letters = 0, caps = 1;
  while (i < n) {
    k = text_utf8_decode(s + i, n - i, &cp);
    c = text_class_slow(cp);
    if (!(c & TEXT_WORD)) break;
    if (c & TEXT_DIGIT) f |= TEXT_TOKF_DIGITS;
    if (c & TEXT_LETTER) letters++, caps &= (c & TEXT_UPPER) != 0;
    i += (size_t)k;
  }
  if (letters) f |= TEXT_TOKF_LETTERS;
  if (letters >= 2 && caps) f |= TEXT_TOKF_CAPS;
  *end = i;
  return f;
}

/* Append w (a syllable of under 64 bytes) to buf at *o in a case drawn
** by rnd: lower (6 in 10), title (its first code point in upper case, 3
** in 10) or upper (1 in 10); as written when it has no upper case of the
** same length. */
static inline void check_put_recased(char *buf, size_t *o, const char *w,
                                     unsigned (*rnd)(unsigned)) {
  size_t n = strlen(w);
  char up[64];
  unsigned r = rnd(10);
  size_t m = r < 4 ? text_recase(w, n, TEXT_CASE_UPPER, up, sizeof up) : 0;
  if (m == n && r == 3) { /* all of it */
    memcpy(buf + *o, up, n);
  } else if (m == n) { /* the first code point */
    int32_t cp;
    size_t k = (size_t)text_decode(w, n, &cp);
    memcpy(buf + *o, up, k);
    memcpy(buf + *o + k, w + k, n - k);
  } else {
    memcpy(buf + *o, w, n);
  }
  *o += n;
}

/* A text of 1 to 40 of the np pieces, picked with seed, glued into out
** (cap bytes); its length. A piece "" stands for one NUL byte. */
static inline size_t glue_pieces(unsigned *seed, const char *const *pieces,
                                 size_t np, char *out, size_t cap) {
  size_t n = 0;
  int k = 1 + (int)(rand_r(seed) % 40);
  for (int i = 0; i < k; i++) {
    const char *p = pieces[rand_r(seed) % np];
    size_t l = *p ? strlen(p) : 1;
    if (n + l >= cap) break;
    memcpy(out + n, p, l);
    n += l;
  }
  return n;
}

/* A normaliser: text_normalize's signature (text_normalize_ref, or a
** test's wrapper that sets a mode first). */
typedef char *(*check_norm_fn)(const char *s, size_t n, size_t *outlen,
                               text_stats *st);

/* Do f and g give the same text and the same statistics for s[0..n)? The
** text (its first 200 bytes) goes to stderr when they differ. */
static inline int check_norm_agree(const char *s, size_t n, check_norm_fn f,
                                   check_norm_fn g) {
  text_stats a, b;
  size_t la, lb;
  char *x = f(s, n, &la, &a);
  char *y = g(s, n, &lb, &b);
  int ok = la == lb && memcmp(x, y, la) == 0 && memcmp(&a, &b, sizeof a) == 0;
  if (!ok) fprintf(stderr, "differ on: [%.*s]\n", (int)(n < 200 ? n : 200), s);
  free(x);
  free(y);
  return ok;
}

/* check_norm_agree on s[0..n) and on its prefixes, cut at lengths that
** grow by half from 1: how many of them differ. */
static inline int check_norm_cuts(const char *s, size_t n, check_norm_fn f,
                                  check_norm_fn g) {
  int bad = !check_norm_agree(s, n, f, g);
  for (size_t cut = 1; cut < n; cut = cut * 3 / 2 + 1)
    bad += !check_norm_agree(s, cut, f, g);
  return bad;
}

#endif
