/*
** test_xt_fast.c — the fast forms of this stop's plc3 work against what
** they replace:
**   1. text_utf8_valid (ASCII eight bytes a step) gives the answer of
**      utf8_valid_ref (one character a turn, text_utf8_decode) on random texts
**      of ASCII, 2-, 3- and 4-byte sequences, stray continuation bytes,
**      refused leads, surrogates and sequences cut short, cut at every
**      length;
**   2. seg_hash (segment_lex.c: eight bytes a step, the tail read with
**      fixed-size loads), the hash of a document's maps, tells apart every
*distinct piece
**      of 1..48 bytes of the seed articles (as util_hash64 did), and reads
**      no byte past the end it is given.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lexicon.h"
#include "segment.h"
#include "text.h"
#include "util.h"
#include "xtok.h"

static const char *const pieces[] = {"a",
                                     "Z",
                                     " ",
                                     "0",
                                     "\n",
                                     "\x7f",
                                     "\xc3\xa0",
                                     "\xc4\x91",
                                     "\xe1\xbb\x87",
                                     "\xe2\x80\x9c",
                                     "\xf0\x9f\x98\x80",
                                     "\x80",
                                     "\xbf",
                                     "\xc0\xaf",
                                     "\xc1",
                                     "\xc3",
                                     "\xe1\xbb",
                                     "\xed\xa0\x80",
                                     "\xed\x9f\xbf",
                                     "\xe0\x9f\xbf",
                                     "\xf4\x90\x80\x80",
                                     "\xf5",
                                     "\xff",
                                     "\xf0\x9f\x98"};

static unsigned long long seed = 88172645463325252ull;

/* A pseudo-random number below n (xorshift64). */
static size_t rnd(size_t n) {
  seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
  return (size_t)(seed % n);
}

/* Is s[0..n) valid UTF-8? One character a turn: the reference. */
static int utf8_valid_ref(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp;
    int k = text_utf8_decode(s + i, n - i, &cp);
    if (cp < 0) return 0;
    i += (size_t)k;
  }
  return 1;
}

/* 1. text_utf8_valid == utf8_valid_ref, every cut of random texts. */
static void check_utf8(void) {
  static char t[4096];
  int bad = 0, valid = 0, invalid = 0;
  for (int r = 0; r < 20000; r++) {
    size_t n = 0, want = 1 + rnd(r % 50 == 0 ? 600 : 40);
    int clean = rnd(3) == 0; /* mostly text, a rare odd piece */
    while (n < want && n + 8 < sizeof t) {
      size_t k = rnd(sizeof pieces / sizeof *pieces);
      if (clean && k > 10 && rnd(20)) k = rnd(11);
      size_t m = strlen(pieces[k]);
      memcpy(t + n, pieces[k], m), n += m;
    }
    for (size_t cut = n; cut + 24 > n && cut > 0; cut--) {
      int f = text_utf8_valid(t, cut), s = utf8_valid_ref(t, cut);
      valid += s, invalid += !s;
      if (f != s && bad++ < 3)
        fprintf(stderr, "utf8 differs (fast %d) at %zu\n", f, cut);
    }
  }
  CHECK(bad == 0);
  CHECK(valid > 1000 && invalid > 1000); /* both answers reached */
  CHECK(text_utf8_valid("", 0) == utf8_valid_ref("", 0));
}

/* The distinct pieces of the seed articles, and their hashes. */
static struct piece {
  const char *s;
  size_t n;
  uint64_t h;
} * ps;
static size_t nps, cps;

static int by_text(const void *a, const void *b) {
  const struct piece *x = a, *y = b;
  size_t n = x->n < y->n ? x->n : y->n;
  int c = memcmp(x->s, y->s, n);
  return c ? c : (x->n > y->n) - (x->n < y->n);
}

static int by_hash(const void *a, const void *b) {
  const struct piece *x = a, *y = b;
  return (x->h > y->h) - (x->h < y->h);
}

/* Every piece of 1..48 bytes at every 3rd offset of a seed (kept: the
** seeds' text is copied, as check_each_seed reuses its buffer). */
static void gather(const char *text, size_t n) {
  char *own = xmalloc(n + 1);
  memcpy(own, text, n + 1);
  for (size_t i = 0; i < n; i += 3)
    for (size_t k = 1; k <= 48 && i + k <= n; k++) {
      if (nps == cps) ps = xrealloc(ps, (cps = cps * 2 + 1024) * sizeof *ps);
      ps[nps++] = (struct piece){own + i, k, 0};
    }
}

/* 2. seg_hash: no two distinct pieces alike; no byte past n read. */
static void check_hash(void) {
  check_each_seed(gather);
  CHECK(nps > 100000);
  qsort(ps, nps, sizeof *ps, by_text);
  size_t u = 0; /* distinct texts */
  for (size_t i = 0; i < nps; i++)
    if (!u || by_text(&ps[u - 1], &ps[i])) ps[u++] = ps[i];
  for (size_t i = 0; i < u; i++) ps[i].h = seg_hash(ps[i].s, ps[i].n);
  qsort(ps, u, sizeof *ps, by_hash);
  int same = 0;
  for (size_t i = 1; i < u; i++) same += ps[i].h == ps[i - 1].h;
  CHECK(same == 0);
  printf("%zu distinct pieces, %d hashes shared\n", u, same);
  /* the same bytes before other bytes hash alike, every length */
  char a[80], b[80];
  int moved = 0;
  for (size_t n = 0; n <= 64; n++)
    for (int r = 0; r < 50; r++) {
      for (size_t k = 0; k < sizeof a; k++) a[k] = b[k] = (char)rnd(256);
      for (size_t k = n; k < sizeof b; k++) b[k] = (char)(a[k] ^ 0x5a);
      moved += seg_hash(a, n) != seg_hash(b, n);
    }
  CHECK(moved == 0);
}

int main(void) {
  printf("plan: text_utf8_valid == its reference; seg_hash apart\n");
  check_utf8();
  check_hash();
  return check_done();
}
