/*
** fuzz_tokmap.c — libFuzzer target for the token position maps
** (shell/tokmap.c) and the concordance hits read from them
** (shell/kwic_map.c).
**
** Input: arbitrary bytes. Checked on every input:
**   - the bytes decoded as a map blob: rejected, or a map whose words lie
**     in their blocks and positions in their columns, which encodes to a
**     blob that decodes to the same map; hits read from it for instance
**     pairs taken from the input stay inside their blocks;
**   - the bytes as a query (first line, up to 64 bytes) and a text (the
**     rest): the map built from the text (its FTS tokens' positions, its
**     words) round-trips, and the hits read from it at the positions
**     where kwic_find's hits start are exactly kwic_find's hits cut by
**     kwic_whole (whole words, 0 / 2 / no context words) or in bytes.
*/
#include <string.h>

#include "fts.h"
#include "fuzz.h"
#include "kwic_map.h"
#include "segment.h"
#include "tokmap.h"

/* Encode m, decode it back: the same map. */
static void fuzz_tokmap_round(const tokmap *m) {
  buf b;
  buf_init(&b);
  tokmap_encode(m, &b);
  tokmap d;
  tokmap_init(&d);
  FUZZ_CHECK(tokmap_decode(&d, b.data, b.len) == 0);
  FUZZ_CHECK(tokmap_same(m, &d));
  tokmap_free(&d);
  buf_free(&b);
}

/* The input as a blob. */
static void fuzz_tokmap_blob(const uint8_t *data, size_t size) {
  tokmap m;
  tokmap_init(&m);
  if (tokmap_decode(&m, data, size) == 0) {
    fuzz_tokmap_round(&m);
    int32_t pairs[16];
    size_t np = size / 8 < 8 ? size / 8 : 8;
    memcpy(pairs, data, np * 8);
    kwic_mhits h = {0};
    kwic_mopts o = {1 + (int)(size % 3), (int)(size & 1), 1, 2};
    kwic_map_hits(&m, pairs, np, &o, &h);
    for (size_t i = 0; i < h.n; i++) {
      const tokmap_block *b = kwic_map_block(&m, h.v[i].seq);
      FUZZ_CHECK(b && h.v[i].k.ls <= h.v[i].k.s && h.v[i].k.s < h.v[i].k.e);
      FUZZ_CHECK(h.v[i].k.e <= h.v[i].k.re && h.v[i].k.re <= b->len);
    }
    kwic_mhits_free(&h);
  }
  tokmap_free(&m);
}

typedef struct fuzz_tokmap_b {
  tokmap *m;
  tokmap_col *c;
} fuzz_tokmap_b;

static int fuzz_tokmap_word(void *ctx, size_t from, size_t to, int nsyl,
                            int kind) {
  (void)nsyl, (void)kind;
  fuzz_tokmap_b *b = ctx;
  if (to > from) tokmap_add_word(b->m, b->c, (uint32_t)from, (uint32_t)to);
  return 0;
}

static int fuzz_tokmap_tok(void *ctx, int tflags, const char *tok, int ntok,
                           int s, int e) {
  (void)tok, (void)ntok;
  fuzz_tokmap_b *b = ctx;
  if (!(tflags & FTS_COLOCATED) && e > s)
    tokmap_add_pos(b->c, (uint32_t)s, (uint32_t)e);
  return 0;
}

/* Hits from the map at kwic_find's hits' positions == kwic_whole's. */
static void fuzz_tokmap_hits(const tokmap *m, const kwic_query *q,
                             const kwic_hits *found, const char *t, size_t n,
                             int words, int nwords) {
  const tokmap_col *c = &m->c[0];
  int32_t *pairs = xmalloc((found->n + 1) * 2 * sizeof *pairs);
  for (size_t i = 0; i < found->n; i++) {
    long p = -1; /* the position where the phrase of hit i starts */
    for (size_t j = 0; j + (size_t)q->n <= c->np && p < 0; j++)
      if (c->ps[j] == found->v[i].s && c->pe[j + q->n - 1] == found->v[i].e)
        p = (long)j;
    FUZZ_CHECK(p >= 0);
    pairs[2 * i] = 2, pairs[2 * i + 1] = (int32_t)p;
  }
  kwic_hits w = {0};
  w.v = xmalloc((found->n + 1) * sizeof *w.v);
  if (found->n) memcpy(w.v, found->v, found->n * sizeof *w.v);
  w.n = w.cap = found->n;
  if (words) kwic_whole(&w, 0, seg_lex_default(), t, n, q->prefix, nwords);
  kwic_mhits h = {0};
  kwic_mopts o = {q->n, q->prefix, words, nwords};
  kwic_map_hits(m, pairs, found->n, &o, &h);
  FUZZ_CHECK(h.n == w.n);
  for (size_t i = 0; i < h.n && i < w.n; i++)
    FUZZ_CHECK(memcmp(&h.v[i].k, &w.v[i], sizeof w.v[i]) == 0);
  kwic_mhits_free(&h);
  kwic_hits_free(&w);
  free(pairs);
}

/* The input as a query and a text. */
static void fuzz_tokmap_text(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t ql = 0;
  while (ql < size && ql < 64 && s[ql] != '\n') ql++;
  const char *t = s + (ql < size ? ql + 1 : ql);
  size_t n = size - (size_t)(t - s);
  const seg_lex *lex = seg_lex_default();
  if (!lex || n == 0) return;
  tokmap m;
  tokmap_init(&m);
  fuzz_tokmap_b b = {&m, tokmap_add_col(&m, 2)};
  tokmap_add_block(&m, b.c, 0, (uint32_t)n);
  seg_words(lex, t, n, fuzz_tokmap_word, &b);
  fts_tokens *tk = fts_pretokenize(t, (int)n);
  fts_tokens_each(tk, fuzz_tokmap_tok, &b);
  fts_tokens_free(tk);
  fuzz_tokmap_round(&m);
  kwic_query q;
  if (kwic_query_init(&q, s, ql) > 0) {
    kwic_hits found = {0};
    kwic_find(&q, t, n, &found);
    fuzz_tokmap_hits(&m, &q, &found, t, n, 0, -1);
    fuzz_tokmap_hits(&m, &q, &found, t, n, 1, -1);
    fuzz_tokmap_hits(&m, &q, &found, t, n, 1, 0);
    fuzz_tokmap_hits(&m, &q, &found, t, n, 1, 2);
    kwic_hits_free(&found);
  }
  kwic_query_free(&q);
  tokmap_free(&m);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  fuzz_tokmap_blob(data, size);
  fuzz_tokmap_text(data, size);
  return 0;
}
