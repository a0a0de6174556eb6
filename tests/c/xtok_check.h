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

/* The sentence text[a..end) with its tokens tv, as the extractors see
** it (no document, no fact lists: a caller sets x.x or x.d itself). */
static inline xsent xtok_check_sent(const char *text, size_t a, size_t end,
                                    const tokvec *tv) {
  xsent x = {0};
  x.s = text, x.start = a, x.end = end, x.t = tv->items, x.n = tv->n;
  return x;
}

/* The tables xtok_check_lookups compares, in this order. */
enum { XTOK_CHECK_TABLES = 8 };

/* xt_lookup against xt_lookup_ref (length and entry) at every token of x
** in each of the lexicon's eight tables (surnames, titles, degrees,
** monastic, units, issuers, places, glossary): *asked counts the asks,
** found[k] those table k answered, *bad the differences (the first five
** printed). */
static inline void xtok_check_lookups(const xsent *x, long *asked,
                                      long found[XTOK_CHECK_TABLES],
                                      long *bad) {
  const lexicon *lx = lexicon_get();
  const lex_table *tabs[XTOK_CHECK_TABLES] = {
      &lx->surnames, &lx->titles,  &lx->degrees, &lx->monastic,
      &lx->units,    &lx->issuers, &lx->places,  &lx->glossary};
  for (size_t i = 0; i < x->n; i++)
    for (size_t k = 0; k < XTOK_CHECK_TABLES; k++) {
      const lex_entry *e1 = NULL, *e2 = NULL;
      int n1 = xt_lookup(x, i, tabs[k], &e1);
      int n2 = xt_lookup_ref(x, i, tabs[k], &e2);
      ++*asked, found[k] += n1 > 0;
      if ((n1 != n2 || e1 != e2) && (*bad)++ < 5)
        fprintf(stderr, "table %zu: %d/%d at %.40s\n", k, n1, n2,
                x->s + x->t[i].off);
    }
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
