/*
** test_syl_wide.c — text_bad_syllables_hash's 32-byte steps (AVX2, when
** the CPU has it) against its 16-byte steps (text_bad_syllables_hash16).
** Plan:
**  1. The 32-byte steps' first look (the class bits of the two bytes
**     before a space) lets through every pair of bytes fin_tab does not
**     rule out (text_syllables_filter_ok: all 65,536 pairs).
**  2. On random texts of words that break each spelling rule and words
**     that do not, with closing punctuation, stand-ins ("cơng", "phịng")
**     and runs without spaces longer than a step, at every alignment and
**     every length up to 700 bytes: the same count, example, words seen,
**     hash and stand-in verdict. Some texts must count impossible
**     syllables and reach the verdict, so the check cannot pass
**     vacuously.
**  3. The same on the seed articles after text_normalize, at every
**     offset 0..31 and cut at many lengths.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "text_int.h"
#include "util.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static const char *const pieces[] = {
    "cơng",
    "phịng",
    "hòc",
    "bănh",
    "người",
    "được",
    "khuynh",
    "Đăk",
    "công",
    "a",
    "xyzt",
    "Việt",
    "chứcc",
    "tớiii",
    "bằng",
    "cơng,",
    "bạn",
    "cám",
    "tiếp",
    "hợp",
    "mạnh",
    "sách",
    "xuống",
    "ăn",
    "lâm",
    "tâ",
    "tă",
    "ươc",
    "ịc",
    "ơnh",
    "ỏch",
    "ng",
    "(hòc)",
    "Ă",
    "ẬP",
    "ềng",
    "ynh",
    "ích",
    "ổt",
    "ơc",
    "ỹt",
    "ăm",
    "ĂNG",
    "ÂCH",
    "tm",
    "x",
    "\"ịt\"",
    "5ăc",
    "Hịn",
    "cịn",
    "hịm",
    "địi",
    "ỊN",
    "ịnh",
    "vịng",
    "ơNG",
    "thương",
    "ương",
    "phƯƠNG",
    "Smith",
    "ck",
    "nhịnga",
    "2024",
    "ịi",
    " ",
    " ",
    " ",
    " ",
    ", ",
    ".",
    "\n",
    "; ",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "đườngđườngđườngđườngđườngđường"};

/* A random text of up to max bytes into b (NUL-terminated). */
static size_t gen(char *b, size_t max) {
  return check_pieces(b, 1 + rnd((unsigned)max), max, pieces,
                      sizeof pieces / sizeof *pieces, rnd);
}

static int fired, dmg_seen;

/* Do the 32- and 16-byte steps agree on s[0..n)? */
static int agree(const char *s, size_t n) {
  char e1[32], e2[32];
  size_t w1 = 0, w2 = 0;
  uint64_t h1 = 0, h2 = 0;
  int d1 = -1, d2 = -1;
  memset(e1, 'x', sizeof e1), memset(e2, 'x', sizeof e2);
  size_t b1 = text_bad_syllables_hash(s, n, e1, sizeof e1, &w1, &h1, &d1);
  size_t b2 = text_bad_syllables_hash16(s, n, e2, sizeof e2, &w2, &h2, &d2);
  fired += b1 > 0, dmg_seen += d1 == 1;
  int ok = b1 == b2 && w1 == w2 && h1 == h2 && d1 == d2 &&
           h1 == util_hash64(s, n) && (b1 == 0 || strcmp(e1, e2) == 0);
  if (!ok)
    fprintf(stderr, "differ (%zu/%zu bad, %zu/%zu words) on: %.*s\n", b1, b2,
            w1, w2, (int)n, s);
  return ok;
}

static void test_random(void) {
  static char b[720], c[760];
  int bad = 0;
  for (int r = 0; r < 20000 && bad < 5; r++) {
    size_t n = gen(b, 700);
    size_t off = (size_t)rnd(32); /* every alignment */
    memcpy(c + off, b, n + 1);
    bad += !agree(c + off, n);
  }
  CHECK(bad == 0);
  CHECK(fired > 1000);
  CHECK(dmg_seen > 100);
}

static int seed_bad;

static void seed_text(const char *t, size_t n) {
  size_t m;
  char *out = text_normalize(t, n, &m, NULL);
  char *c = malloc(m + 64);
  for (size_t off = 0; off < 32; off++) {
    memcpy(c + off, out, m + 1);
    seed_bad += !agree(c + off, m);
    for (size_t cut = 1; cut < m; cut = cut * 3 / 2 + 1)
      seed_bad += !agree(c + off, cut);
  }
  free(c);
  free(out);
}

int main(void) {
  printf("test_syl_wide: 32-byte syllable steps against 16-byte ones\n");
  CHECK(text_syllables_filter_ok());
  test_random();
  check_each_seed(seed_text);
  CHECK(seed_bad == 0);
  return check_done();
}
