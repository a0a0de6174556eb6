/*
** xtok_check.h — for the tests of the extractors' token layer: every
** sentence xt_tokenize cuts from a text, handed to a check.
*/
#ifndef TINSH_XTOK_CHECK_H
#define TINSH_XTOK_CHECK_H

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

#endif
