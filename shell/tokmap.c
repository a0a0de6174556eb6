/*
** tokmap.c — the token position map's building, codec and lookup (see
** tokmap.h).
**
** Blob: a version byte, the lexicon stamp, the number of columns, then
** per column: its FTS column index, its block count, per block its seq
** (the first one as is, then the step from the previous seq), its length
** and its word count, with per word its span (put_span: the gap from the
** previous word's end, the block's start first, and its length); then
** its position count and per position its span (the gap from the
** previous position's end). Numbers are unsigned LEB128 varints of at
** most 32 bits.
*/
#include "tokmap.h"

#include <stdlib.h>
#include <string.h>

void tokmap_init(tokmap *m) {
  memset(m, 0, sizeof *m);
}

int tokmap_same(const tokmap *a, const tokmap *b) {
  if (a->ncol != b->ncol || a->nw != b->nw || a->lexstamp != b->lexstamp)
    return 0;
  for (size_t i = 0; i < a->nw; i++)
    if (a->wf[i] != b->wf[i] || a->wt[i] != b->wt[i]) return 0;
  for (int k = 0; k < a->ncol; k++) {
    const tokmap_col *x = &a->c[k], *y = &b->c[k];
    if (x->col != y->col || x->nb != y->nb || x->np != y->np) return 0;
    for (size_t i = 0; i < x->nb; i++)
      if (memcmp(&x->b[i], &y->b[i], sizeof x->b[i]) != 0) return 0;
    for (size_t i = 0; i < x->np; i++)
      if (x->ps[i] != y->ps[i] || x->pe[i] != y->pe[i]) return 0;
  }
  return 1;
}

void tokmap_free(tokmap *m) {
  for (int i = 0; i < TOKMAP_MAXCOL; i++) {
    free(m->c[i].b);
    free(m->c[i].ps);
    free(m->c[i].pe);
  }
  free(m->wf);
  free(m->wt);
  memset(m, 0, sizeof *m);
}

tokmap_col *tokmap_add_col(tokmap *m, int col) {
  if (m->ncol >= TOKMAP_MAXCOL) return NULL;
  tokmap_col *c = &m->c[m->ncol++];
  c->col = col;
  c->nb = c->np = 0; /* its arrays are kept for reuse */
  return c;
}

void tokmap_reset(tokmap *m) {
  m->ncol = 0;
  m->nw = 0;
}

/* Make room for element n of *v (capacity *cap, doubled as needed). */
static void *grow(void *v, size_t n, size_t *cap, size_t sz) {
  if (n < *cap) return v;
  *cap = *cap ? *cap * 2 : 16;
  return xrealloc(v, *cap * sz);
}

void tokmap_add_block(tokmap *m, tokmap_col *c, int seq, uint32_t len) {
  c->b = grow(c->b, c->nb, &c->capb, sizeof *c->b);
  tokmap_block *b = &c->b[c->nb];
  b->cstart = 0;
  if (c->nb) b->cstart = c->b[c->nb - 1].cstart + c->b[c->nb - 1].len + 1;
  b->seq = seq, b->len = len, b->w0 = (uint32_t)m->nw, b->nw = 0;
  c->nb++;
}

void tokmap_add_word(tokmap *m, tokmap_col *c, uint32_t from, uint32_t to) {
  if (m->nw == m->capw) {
    m->capw = m->capw ? m->capw * 2 : 64;
    m->wf = xrealloc(m->wf, m->capw * sizeof *m->wf);
    m->wt = xrealloc(m->wt, m->capw * sizeof *m->wt);
  }
  m->wf[m->nw] = from, m->wt[m->nw++] = to;
  c->b[c->nb - 1].nw++;
}

void tokmap_add_pos(tokmap_col *c, uint32_t s, uint32_t e) {
  size_t cap = c->capp;
  c->ps = grow(c->ps, c->np, &cap, sizeof *c->ps);
  c->pe = grow(c->pe, c->np, &c->capp, sizeof *c->pe);
  c->ps[c->np] = s, c->pe[c->np++] = e;
}

/* ---- encoding ---- */

static void put(buf *b, uint32_t v) {
  unsigned char t[5];
  int n = 0;
  do {
    t[n] = (unsigned char)(v & 0x7F);
    v >>= 7;
    if (v) t[n] |= 0x80;
    n++;
  } while (v);
  buf_add(b, t, (size_t)n);
}

static uint32_t zigzag(int64_t d) {
  return d >= 0 ? (uint32_t)(d * 2) : (uint32_t)(-d * 2 - 1);
}

/* A span as its gap from the previous span's end and its length: one
** byte (gap << 5 | length) for a gap of 0..3 and a length of 1..31 (most
** syllables and words), else a 0 byte, the gap (zigzag: a part of a
** compound starts inside the whole) and the length as varints. */
static void put_span(buf *b, int64_t gap, uint32_t len) {
  if (gap >= 0 && gap < 4 && len >= 1 && len <= 31) {
    buf_addc(b, (char)(gap << 5 | len));
    return;
  }
  buf_addc(b, 0);
  put(b, zigzag(gap));
  put(b, len);
}

static void encode_col(const tokmap *m, const tokmap_col *c, buf *out) {
  put(out, (uint32_t)c->col);
  put(out, (uint32_t)c->nb);
  for (size_t i = 0; i < c->nb; i++) {
    const tokmap_block *b = &c->b[i];
    put(out, i ? (uint32_t)(b->seq - c->b[i - 1].seq) : (uint32_t)b->seq);
    put(out, b->len);
    put(out, b->nw);
    uint32_t at = 0;
    for (uint32_t w = b->w0; w < b->w0 + b->nw; w++) {
      put_span(out, (int64_t)m->wf[w] - at, m->wt[w] - m->wf[w]);
      at = m->wt[w];
    }
  }
  put(out, (uint32_t)c->np);
  uint32_t at = 0;
  for (size_t i = 0; i < c->np; i++) {
    put_span(out, (int64_t)c->ps[i] - at, c->pe[i] - c->ps[i]);
    at = c->pe[i];
  }
}

void tokmap_encode(const tokmap *m, buf *out) {
  buf_addc(out, TOKMAP_VERSION);
  put(out, m->lexstamp);
  put(out, (uint32_t)m->ncol);
  for (int i = 0; i < m->ncol; i++) encode_col(m, &m->c[i], out);
}

/* ---- decoding ---- */

typedef struct rd {
  const unsigned char *p, *e;
  int bad;
} rd;

/* A varint of two bytes or more (or a bad one). */
static uint32_t get_slow(rd *r) {
  uint64_t v = 0;
  for (int sh = 0; sh < 35; sh += 7) {
    if (r->p >= r->e) break;
    unsigned char c = *r->p++;
    v |= (uint64_t)(c & 0x7F) << sh;
    if (!(c & 0x80)) {
      if (v > UINT32_MAX) break;
      return (uint32_t)v;
    }
  }
  r->bad = 1;
  return 0;
}

static inline uint32_t get(rd *r) {
  if (r->p < r->e && *r->p < 0x80) return *r->p++; /* one byte: most */
  return get_slow(r);
}

/* A span put_span wrote: its gap (returned) and its length. */
static inline int64_t get_span(rd *r, uint32_t *len) {
  if (r->p < r->e && *r->p != 0 && *r->p < 0x80) {
    unsigned char c = *r->p++;
    *len = c & 31;
    return c >> 5;
  }
  if (r->p >= r->e || *r->p != 0) { /* no byte, or not a span's */
    r->bad = 1;
    *len = 0;
    return 0;
  }
  r->p++;
  uint32_t z = get(r);
  *len = get(r);
  return (z & 1) ? -(int64_t)(z >> 1) - 1 : (int64_t)(z >> 1);
}

/* A count of items of at least `per` bytes each that the rest can hold. */
static size_t get_count(rd *r, size_t per) {
  uint32_t n = get(r);
  if ((size_t)(r->e - r->p) / per < n) r->bad = 1;
  return r->bad ? 0 : n;
}

/* One block's header and words (the words' bounds checked). */
static void decode_block(rd *r, tokmap *m, tokmap_col *c, size_t i) {
  uint32_t step = get(r), len = get(r);
  if (r->bad) return;
  int64_t seq = i ? (int64_t)c->b[i - 1].seq + step : (int64_t)step;
  if (seq > INT32_MAX || (i && step == 0)) r->bad = 1;
  uint64_t start = i ? (uint64_t)c->b[i - 1].cstart + c->b[i - 1].len + 1 : 0;
  if (start + len > UINT32_MAX) r->bad = 1;
  size_t nw = get_count(r, 1);
  if (r->bad) return;
  tokmap_add_block(m, c, (int)seq, len);
  if (nw == 0) return;
  if (m->nw + nw > m->capw) { /* room for them all at once */
    m->capw = (m->nw + nw) * 2;
    m->wf = xrealloc(m->wf, m->capw * sizeof *m->wf);
    m->wt = xrealloc(m->wt, m->capw * sizeof *m->wt);
  }
  uint64_t at = 0;
  uint32_t *wf = m->wf + m->nw, *wt = m->wt + m->nw;
  for (size_t w = 0; w < nw; w++) {
    uint32_t l;
    int64_t gap = get_span(r, &l);
    uint64_t f = at + (uint64_t)gap, t = f + l;
    if (gap < 0 || t > len || t <= f || r->bad) {
      r->bad = 1;
      return;
    }
    wf[w] = (uint32_t)f, wt[w] = (uint32_t)t;
    at = t;
  }
  m->nw += nw;
  c->b[c->nb - 1].nw = (uint32_t)nw;
}

static void decode_positions(rd *r, tokmap_col *c) {
  uint64_t end =
      c->nb ? (uint64_t)c->b[c->nb - 1].cstart + c->b[c->nb - 1].len : 0;
  size_t np = get_count(r, 1);
  if (np > c->capp) { /* room for them all at once */
    c->capp = np;
    c->ps = xrealloc(c->ps, np * sizeof *c->ps);
    c->pe = xrealloc(c->pe, np * sizeof *c->pe);
  }
  int64_t at = 0;
  for (size_t i = 0; i < np; i++) {
    uint32_t len;
    int64_t s = at + get_span(r, &len);
    if (s < 0 || (uint64_t)s + len > end || len == 0 || r->bad) {
      r->bad = 1;
      return;
    }
    c->ps[i] = (uint32_t)s, c->pe[i] = (uint32_t)s + len;
    at = c->pe[i];
  }
  c->np = np;
}

int tokmap_decode(tokmap *m, const void *p, size_t n) {
  tokmap_reset(m);
  rd r = {p, (const unsigned char *)p + n, 0};
  if (n < 3 || *r.p++ != TOKMAP_VERSION) return -1;
  m->lexstamp = get(&r);
  uint32_t ncol = get(&r);
  if (ncol > TOKMAP_MAXCOL) return -1;
  for (uint32_t k = 0; k < ncol && !r.bad; k++) {
    uint32_t col = get(&r);
    tokmap_col *c = tokmap_add_col(m, (int)(col > 64 ? 64 : col));
    size_t nb = get_count(&r, 3);
    for (size_t i = 0; i < nb && !r.bad; i++) decode_block(&r, m, c, i);
    if (!r.bad) decode_positions(&r, c);
  }
  return r.bad || r.p != r.e ? -1 : 0;
}

long tokmap_block_at(const tokmap_col *c, uint32_t x) {
  size_t lo = 0, hi = c->nb;
  while (lo < hi) { /* the first block starting after x */
    size_t mid = (lo + hi) / 2;
    if (c->b[mid].cstart <= x)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return -1;
  const tokmap_block *b = &c->b[lo - 1];
  return x < b->cstart + b->len ? (long)(lo - 1) : -1;
}

const tokmap_block *tokmap_find_block(const tokmap *m, int seq,
                                      const tokmap_col **col) {
  for (int i = 0; i < m->ncol; i++) {
    const tokmap_col *c = &m->c[i];
    size_t lo = 0, hi = c->nb;
    while (lo < hi) { /* the blocks of a column are in seq order */
      size_t mid = (lo + hi) / 2;
      if (c->b[mid].seq < seq)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < c->nb && c->b[lo].seq == seq) {
      if (col) *col = c;
      return &c->b[lo];
    }
  }
  return NULL;
}
