/*
** xtok_check.h — for the tests of the extractors' token layer: every
** sentence xt_tokenize cuts from a text, handed to a check.
*/
#ifndef TINSH_XTOK_CHECK_H
#define TINSH_XTOK_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#include "xtok.h"

/* fn(text, a, e, tokens) for each sentence text[a..e) of text[0..n) as
** xt_tokenize cuts them one after the other (a step of at least one
** byte, so a scanner that stands still cannot loop). */
static inline void xtok_each_sentence(const char *text, size_t n,
                                      void (*fn)(const char *, size_t, size_t,
                                                 const tokvec *)) {
  tokvec tv = {0};
  for (size_t a = 0; a < n;) {
    unsigned feat;
    size_t e = xt_tokenize(text, a, n, &tv, &feat);
    fn(text, a, e, &tv);
    a = e > a ? e : a + 1;
  }
  free(tv.items);
}

/* xt_phrase and xt_phrase_ci against xt_phrase_ref (as written and case
** blind) for each of phrases[0..np) at every token of x: *said counts
** the asks, *matched those either form matched, *bad the differences
** (the first five printed). */
static inline void xtok_check_phrases(const xsent *x,
                                      const char *const *phrases, size_t np,
                                      long *said, long *matched, long *bad) {
  for (size_t i = 0; i < x->n; i++)
    for (size_t k = 0; k < np; k++) {
      int p1 = xt_phrase(x, i, phrases[k]),
          q1 = xt_phrase_ref(x, i, phrases[k], 0);
      int p2 = xt_phrase_ci(x, i, phrases[k]),
          q2 = xt_phrase_ref(x, i, phrases[k], 1);
      ++*said, *matched += p1 > 0 || p2 > 0;
      if ((p1 != q1 || p2 != q2) && (*bad)++ < 5)
        fprintf(stderr, "phrase %s: %d/%d %d/%d at %.40s\n", phrases[k], p1, q1,
                p2, q2, x->s + x->t[i].off);
    }
}

#endif
