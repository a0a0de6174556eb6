/*
** test_tokmap.c — the token position map (tokmap.c) and the concordance
** hits read from it (kwic_map.c).
**
** Plan: maps built at random (fixed seed) — empty columns, empty blocks,
** blocks without words, values at the varint byte boundaries (127, 128,
** 16383, 16384, 2^28, 2^32 - 1), spans of one byte and escaped ones (a
** gap over 3, a length over 31, a compound's part before its end) — encode and
*decode back to the same map,
** and encoding the decoded map gives the same bytes. Every truncation of
** a blob, every blob with one byte changed and some forged blobs (a count
** larger than the blob, a word outside its block, a position past its
** column, trailing bytes, a varint over 32 bits) decode to an error or to
** a map whose every span lies inside its block or column: never a crash
** (run under ASan). tokmap_block_at finds the block of each byte and none
** for the '\n' between blocks. kwic_map_hits: a phrase across two blocks
** is dropped, whole words and word contexts are cut as kwic_whole cuts
** them, hits come sorted by block and distinct.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kwic_map.h"
#include "tokmap.h"

static uint32_t rng = 12345;
static uint32_t rnd(uint32_t n) {
  rng = rng * 1103515245u + 12345u;
  return (rng >> 8) % (n ? n : 1);
}

static const uint32_t EDGES[] = {1, 127, 128, 16383, 16384, 1u << 28};

/* A random map: up to 3 columns of up to 5 blocks. */
static void random_map(tokmap *m) {
  tokmap_init(m);
  m->lexstamp = rnd(3) ? rnd(200000) : UINT32_MAX;
  int ncol = (int)rnd(4);
  for (int k = 0; k < ncol; k++) {
    tokmap_col *c = tokmap_add_col(m, 2 + k);
    int nb = (int)rnd(6), seq = (int)rnd(3);
    for (int i = 0; i < nb; i++) {
      uint32_t len = rnd(4) == 0 ? EDGES[rnd(6)] : rnd(200);
      seq += 1 + (int)rnd(128 + 16384 * (rnd(5) == 0));
      tokmap_add_block(m, c, seq, len);
      for (uint32_t at = 0; len > 0 && at + 1 < len && rnd(8) != 0;) {
        /* mostly one-byte spans, sometimes a gap or a length too long */
        uint32_t f = at + (rnd(10) ? rnd(3) : 4 + rnd(300));
        uint32_t t = f + 1 + (rnd(10) ? rnd(6) : 31 + rnd(200));
        if (t > len) break;
        tokmap_add_word(m, c, f, t);
        at = t;
      }
    }
    uint32_t end = nb ? c->b[nb - 1].cstart + c->b[nb - 1].len : 0;
    for (uint32_t s = 0; end > 0 && s < end && rnd(10) != 0;) {
      uint32_t e = s + 1 + rnd(5);
      if (e > end) break;
      tokmap_add_pos(c, s, e);
      s = rnd(4) == 0 && s > 0 ? s - 1 + rnd(2) : e + rnd(3);
      if (rnd(20) == 0) s += 16384;
    }
  }
}

/* Every span of a decoded map inside its block or column. */
static int spans_ok(const tokmap *m) {
  for (int k = 0; k < m->ncol; k++) {
    const tokmap_col *c = &m->c[k];
    uint32_t end = c->nb ? c->b[c->nb - 1].cstart + c->b[c->nb - 1].len : 0;
    for (size_t i = 0; i < c->nb; i++)
      for (uint32_t w = c->b[i].w0; w < c->b[i].w0 + c->b[i].nw; w++)
        if (w >= m->nw || m->wf[w] >= m->wt[w] || m->wt[w] > c->b[i].len)
          return 0;
    for (size_t i = 0; i < c->np; i++)
      if (c->ps[i] >= c->pe[i] || c->pe[i] > end) return 0;
  }
  return 1;
}

static void test_round_trip(void) {
  int ok = 1, bytes_same = 1;
  for (int r = 0; r < 2000; r++) {
    tokmap m, d;
    random_map(&m);
    tokmap_init(&d);
    buf a, b;
    buf_init(&a), buf_init(&b);
    tokmap_encode(&m, &a);
    ok &= tokmap_decode(&d, a.data, a.len) == 0 && tokmap_same(&m, &d);
    tokmap_encode(&d, &b);
    bytes_same &= a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
    tokmap_free(&m), tokmap_free(&d);
    buf_free(&a), buf_free(&b);
  }
  CHECK(ok);
  CHECK(bytes_same);
}

/* Decode p[0..n) from a heap copy of exactly n bytes (ASan sees any read
** past it); an accepted map must have its spans inside. */
static int decode_safe(const void *p, size_t n, int *accepted) {
  unsigned char *q = malloc(n ? n : 1);
  if (n) memcpy(q, p, n);
  static tokmap m; /* reused, as the concordance reuses its map */
  int rc = tokmap_decode(&m, q, n);
  int fine = rc != 0 || spans_ok(&m);
  *accepted = rc == 0;
  free(q);
  return fine;
}

static void test_corrupt(void) {
  int fine = 1, truncated_rejected = 1, acc;
  for (int r = 0; r < 300; r++) {
    tokmap m;
    random_map(&m);
    buf a;
    buf_init(&a);
    tokmap_encode(&m, &a);
    for (size_t cut = 0; cut < a.len; cut++) {
      fine &= decode_safe(a.data, cut, &acc);
      truncated_rejected &= !acc;
    }
    for (size_t i = 0; i < a.len; i++) {
      unsigned char save = (unsigned char)a.data[i];
      a.data[i] = (char)rnd(256);
      fine &= decode_safe(a.data, a.len, &acc);
      a.data[i] = (char)save;
    }
    buf_addc(&a, 0); /* trailing byte */
    fine &= decode_safe(a.data, a.len, &acc);
    CHECK(!acc);
    tokmap_free(&m);
    buf_free(&a);
  }
  CHECK(fine);
  CHECK(truncated_rejected);
  /* forged: version, stamp 0, 1 column (2), a count of 2^31 blocks */
  static const unsigned char huge[] = {1,    0,    1,    2,   0x80,
                                       0x80, 0x80, 0x80, 0x08};
  CHECK(decode_safe(huge, sizeof huge, &acc) && !acc);
  /* one block seq 0 of length 3 with a word [2, 5) (one byte: gap 2,
  ** length 3): outside it */
  static const unsigned char word[] = {1, 0, 1, 2, 1, 0, 3, 1, 2 << 5 | 3, 0};
  CHECK(decode_safe(word, sizeof word, &acc) && !acc);
  /* one block of length 3, no word, a position [2, 6) past the column,
  ** then [2, 3) inside it */
  static const unsigned char pos[] = {1, 0, 1, 2, 1, 0, 3, 0, 1, 2 << 5 | 4};
  CHECK(decode_safe(pos, sizeof pos, &acc) && !acc);
  static const unsigned char pos_ok[] = {1, 0, 1, 2, 1, 0, 3, 0, 1, 2 << 5 | 1};
  CHECK(decode_safe(pos_ok, sizeof pos_ok, &acc) && acc);
  /* a varint of more than 32 bits */
  static const unsigned char big[] = {1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F};
  CHECK(decode_safe(big, sizeof big, &acc) && !acc);
  static const unsigned char version[] = {2, 0, 0};
  CHECK(decode_safe(version, sizeof version, &acc) && !acc);
}

static void test_block_at(void) {
  tokmap m;
  tokmap_init(&m);
  tokmap_col *c = tokmap_add_col(&m, 2);
  tokmap_add_block(&m, c, 1, 3); /* bytes 0..2, '\n' at 3 */
  tokmap_add_block(&m, c, 4, 0); /* empty, '\n' at 4 */
  tokmap_add_block(&m, c, 6, 2); /* bytes 5..6 */
  CHECK(tokmap_block_at(c, 0) == 0 && tokmap_block_at(c, 2) == 0);
  CHECK(tokmap_block_at(c, 3) == -1 && tokmap_block_at(c, 4) == -1);
  CHECK(tokmap_block_at(c, 5) == 2 && tokmap_block_at(c, 6) == 2);
  CHECK(tokmap_block_at(c, 7) == -1);
  CHECK(kwic_map_block(&m, 4) == &c->b[1] && kwic_map_block(&m, 5) == NULL);
  tokmap_free(&m);
}

/*
** Column "ab cd\nef gh": blocks 0 ("ab cd") and 1 ("ef gh"), one word a
** syllable, positions ab cd ef gh.
*/
static void test_hits(void) {
  tokmap m;
  tokmap_init(&m);
  tokmap_col *c = tokmap_add_col(&m, 2);
  tokmap_add_block(&m, c, 0, 5);
  tokmap_add_word(&m, c, 0, 2), tokmap_add_word(&m, c, 3, 5);
  tokmap_add_block(&m, c, 1, 5);
  tokmap_add_word(&m, c, 0, 5); /* "ef gh" one word */
  uint32_t s[] = {0, 3, 6, 9};
  for (int i = 0; i < 4; i++) tokmap_add_pos(c, s[i], s[i] + 2);
  kwic_mhits h = {0};
  /* "cd ef" (1 → 2) crosses the blocks; "ab cd" twice; col 3 absent */
  int32_t p2[] = {2, 1, 2, 0, 2, 0, 3, 0, 2, 2};
  kwic_mopts o = {2, 0, 0, -1};
  kwic_map_hits(&m, p2, 5, &o, &h);
  CHECK(h.n == 2);
  CHECK(h.v[0].seq == 0 && h.v[0].k.s == 0 && h.v[0].k.e == 5);
  CHECK(h.v[1].seq == 1 && h.v[1].k.s == 0 && h.v[1].k.e == 5);
  /* one syllable, whole words: "ef" is inside the word "ef gh" */
  int32_t p1[] = {2, 2, 2, 1, 2, 0};
  kwic_mopts w = {1, 0, 1, 1};
  kwic_map_hits(&m, p1, 3, &w, &h);
  CHECK(h.n == 2 && h.v[0].k.s == 0 && h.v[1].k.s == 3);
  CHECK(h.v[0].k.ls == 0 && h.v[0].k.re == 5); /* 1 word right */
  CHECK(h.v[1].k.ls == 0 && h.v[1].k.re == 5); /* 1 word left, last */
  kwic_mopts pre = {1, 1, 1, 0};               /* a prefix starts on a word */
  kwic_map_hits(&m, p1, 3, &pre, &h);
  CHECK(h.n == 3 && h.v[2].seq == 1 && h.v[2].k.e == 2);
  int32_t past[] = {2, 3, 2, 4, 2, -1};
  kwic_map_hits(&m, past, 3, &o, &h);
  CHECK(h.n == 0);
  kwic_mhits_free(&h);
  tokmap_free(&m);
}

int main(void) {
  printf("plan: tokmap round trip, corrupt blobs, block lookup, map hits\n");
  test_round_trip();
  test_corrupt();
  test_block_at();
  test_hits();
  return check_done();
}
