/*
** kwic_map.c — concordance hits from token position maps (kwic_map.h).
** The whole-word check and the word contexts follow kwic_whole's on the
** words of the whole block (the map's words are the segmenter's words of
** the block, which kwic_whole's fresh starts reproduce).
*/
#include "kwic_map.h"

#include <stdlib.h>
#include <string.h>

void kwic_mhits_free(kwic_mhits *h) {
  free(h->v);
  memset(h, 0, sizeof *h);
}

static kwic_mhit *mhits_push(kwic_mhits *h) {
  if (h->n == h->cap) {
    h->cap = h->cap ? h->cap * 2 : 64;
    h->v = xrealloc(h->v, h->cap * sizeof *h->v);
  }
  return &h->v[h->n++];
}

static const tokmap_col *col_of(const tokmap *m, int col) {
  for (int i = 0; i < m->ncol; i++)
    if (m->c[i].col == col) return &m->c[i];
  return NULL;
}

/* The index (from 0) of the word of v[0..n) whose bound is x, or -1. */
static long word_with(const uint32_t *v, size_t n, uint32_t x) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && v[lo] == x ? (long)lo : -1;
}

/*
** Keep hit k of block b when it is whole words (0: dropped), its context
** nwords words each side when nwords >= 0, as kwic_whole's cut_words
** with every word of the block known.
*/
static int whole_words(const tokmap *m, const tokmap_block *b, kwic_hit *k,
                       const kwic_mopts *o) {
  const uint32_t *wf = m->wf + b->w0, *wt = m->wt + b->w0;
  long a = word_with(wf, b->nw, (uint32_t)k->s);
  long z = word_with(wt, b->nw, (uint32_t)k->e);
  if (a < 0 || (z < 0 && !o->prefix)) return 0;
  if (o->nwords < 0) return 1;
  if (z < 0) z = a;
  long l = a - o->nwords, r = z + o->nwords, last = (long)b->nw - 1;
  if (l < 0) l = 0;
  if (r > last) r = last;
  k->ls = a > 0 ? wf[l] : k->s;
  k->re = z < last ? wt[r] : k->e;
  return 1;
}

/* The hit of the instance at position p of column c (0: none). */
static int one_hit(const tokmap *m, const tokmap_col *c, int32_t p,
                   const kwic_mopts *o, kwic_mhit *out) {
  if (p < 0 || (size_t)p + (size_t)o->nq > c->np) return 0;
  uint32_t s = c->ps[p], e = c->pe[p + o->nq - 1];
  long bi = tokmap_block_at(c, s);
  if (bi < 0 || e < s) return 0;
  const tokmap_block *b = &c->b[bi];
  if (e > b->cstart + b->len) return 0; /* across blocks */
  kwic_hit k = {s - b->cstart, e - b->cstart, 0, 0};
  k.ls = k.s > KWIC_CONTEXT ? k.s - KWIC_CONTEXT : 0;
  k.re = k.e + KWIC_CONTEXT < b->len ? k.e + KWIC_CONTEXT : b->len;
  if (o->words && !whole_words(m, b, &k, o)) return 0;
  out->seq = b->seq, out->k = k;
  return 1;
}

static int mhit_cmp(const void *x, const void *y) {
  const kwic_mhit *a = x, *b = y;
  if (a->seq != b->seq) return a->seq < b->seq ? -1 : 1;
  if (a->k.s != b->k.s) return a->k.s < b->k.s ? -1 : 1;
  return a->k.e < b->k.e ? -1 : a->k.e > b->k.e;
}

void kwic_map_hits(const tokmap *m, const int32_t *pairs, size_t n,
                   const kwic_mopts *o, kwic_mhits *out) {
  out->n = 0;
  if (o->nq < 1) return;
  for (size_t i = 0; i < n; i++) {
    const tokmap_col *c = col_of(m, pairs[2 * i]);
    kwic_mhit h;
    if (c && one_hit(m, c, pairs[2 * i + 1], o, &h)) *mhits_push(out) = h;
  }
  if (out->n < 2) return;
  qsort(out->v, out->n, sizeof *out->v, mhit_cmp);
  size_t k = 1;
  for (size_t i = 1; i < out->n; i++)
    if (mhit_cmp(&out->v[i], &out->v[k - 1]) != 0) out->v[k++] = out->v[i];
  out->n = k;
}

const tokmap_block *kwic_map_block(const tokmap *m, int seq) {
  return tokmap_find_block(m, seq, NULL);
}
