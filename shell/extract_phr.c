/*
** extract_phr.c — phrase lists (xtok.h's xphrases) indexed by the hash of
** their first word, for the people extractor's hot lookups: one probe
** finds the few phrases a token may start (or, with their word count,
** end before a token), where xt_phrase_in, xt_phrase_in_ci and
** xt_phrase_before try every phrase of the list in turn. The answers are
** theirs exactly: the first phrase in file order that matches.
*/
#include <string.h>

#include "extract_int.h"

/* The slot of key (h, w) in ix's table s (w: 0 for the first-word table),
** or the empty slot where it would go. */
static size_t slot_of(const xpi_table *s, uint32_t h, unsigned w) {
  size_t k = (h ^ w * 0x9E3779B1u) & (XPI_SLOTS - 1);
  while (s->h[k] && (s->h[k] != h || s->w[k] != w))
    k = (k + 1) & (XPI_SLOTS - 1);
  return k;
}

/* Add phrase m (first-word hash h) under key (h, w) of table s. */
static void table_add(xpi_table *s, uint32_t h, unsigned w, int m) {
  size_t k = slot_of(s, h, w);
  s->h[k] = h, s->w[k] = (uint8_t)w;
  s->next[m] = XPI_NONE;
  if (s->cnt[k]++ == 0)
    s->first[k] = (uint16_t)m;
  else
    s->next[s->last[k]] = (uint16_t)m;
  s->last[k] = (uint16_t)m;
}

void xpi_set(xpindex *ix, const xphrases *ph) {
  memset(ix, 0, sizeof *ix);
  ix->ph = ph;
  ix->exact = ph->p != NULL;
  for (int m = 0; ph->p && ph->p[m] && m < XT_PHRASES_MAX; m++) {
    if (ph->words[m] > ix->maxw) ix->maxw = ph->words[m];
    if (!ph->first[m]) ix->exact = 0; /* a number may start it */
  }
  for (int m = 0; ix->exact && ph->p[m] && m < XT_PHRASES_MAX; m++) {
    unsigned w = ph->words[m];
    table_add(&ix->in, ph->first[m], 0, m);
    table_add(&ix->end, ph->first[m], w, m);
  }
}

size_t xpi_in(const xsent *x, size_t j, const xpindex *ix, int ci) {
  if (!ix->exact)
    return ci ? xt_phrase_in_ci(x, j, ix->ph) : xt_phrase_in(x, j, ix->ph);
  if (j >= x->n || (ci && x->t[j].type == T_PUNCT)) return 0;
  uint32_t h = x->t[j].h;
  if (!h || !(ix->ph->mask >> (h & 63) & 1)) return 0; /* none starts here */
  size_t k = slot_of(&ix->in, h, 0);
  if (!ix->in.h[k]) return 0;
  for (unsigned m = ix->in.first[k]; m != XPI_NONE; m = ix->in.next[m])
    if (xt_phrase_m(x, j, ix->ph, (int)m, ci)) return ix->ph->words[m];
  return 0;
}

size_t xpi_before(const xsent *x, size_t i, const xpindex *ix, int ci) {
  if (!ix->exact) return xt_phrase_before(x, i, ix->ph, ci);
  unsigned best = XPI_NONE; /* the first phrase in file order that ends here */
  for (unsigned w = 1; w <= ix->maxw && w <= i; w++) {
    uint32_t h = i - w < x->n ? x->t[i - w].h : 0;
    if (!h || (w < 4 && !(ix->ph->by_words[w] >> (h & 63) & 1))) continue;
    size_t k = slot_of(&ix->end, h, w);
    if (!ix->end.h[k]) continue;
    for (unsigned m = ix->end.first[k]; m != XPI_NONE && m < best;
         m = ix->end.next[m])
      if (xt_phrase_m(x, i - w, ix->ph, (int)m, ci)) {
        best = m;
        break;
      }
  }
  return best == XPI_NONE ? 0 : ix->ph->words[best];
}

int xpi_at_w(const xsent *x, size_t j, const xpindex *ix, unsigned w, int ci) {
  const xphrases *ph = ix->ph;
  if (!ix->exact) {
    for (int m = 0; ph->p && ph->p[m] && m < XT_PHRASES_MAX; m++)
      if (ph->words[m] == w && xt_phrase_m(x, j, ph, m, ci)) return 1;
    return 0;
  }
  uint32_t h = j < x->n ? x->t[j].h : 0;
  if (!h || (w < 4 && !(ph->by_words[w] >> (h & 63) & 1))) return 0;
  size_t k = slot_of(&ix->end, h, w);
  if (!ix->end.h[k]) return 0;
  for (unsigned m = ix->end.first[k]; m != XPI_NONE; m = ix->end.next[m])
    if (xt_phrase_m(x, j, ph, (int)m, ci)) return 1;
  return 0;
}
