/*
** test_parse_fast.c — the parse-speed shortcuts of this stop against the
** full computations they stand in for, on generated text.
** Plan:
**  1. text_damage_possible (the quick look before text_damage_scan, eight
**     bytes a step) equals its one-byte-a-step twin
**     text_damage_possible_ref at every alignment, and never rules out a
**     text on which text_damage_scan counts 3 or more stand-ins of a kind
**     (generated texts without "ô"/"ò", so that the scan counts the whole
**     text): stand-ins at word ends, glued to punctuation, upper case,
**     after "ư", and inside words cut by the scan's 12-code-point limit.
**     Some generated texts must reach 3 stand-ins, so the check cannot
**     pass vacuously.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "text_damage.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (unsigned)(rng % n);
}

/* Words and glue, with and without stand-ins (no "ô", no "ò"). */
static const char *const dmg_pieces[] = {"cơng",        "khơng",
                                         "CƠNG",        "Cơng",
                                         "ương",        "thương",
                                         "phƯƠNG",      "hơn",
                                         "Hịn",         "cịn",
                                         "phịng",       "hịm",
                                         "địi",         "ỊN",
                                         "định",        "thịnh",
                                         "nghịch",      "mịn",
                                         "ịnh",         "vịng",
                                         "nhịnga",      "abcdefghijịn",
                                         "abcdefghịnh", "xxxxxxxxxxơng",
                                         "ươngơng",     "a",
                                         "Nam",         "ơ",
                                         "ị",           "ịi",
                                         " ",           " ",
                                         " ",           ", ",
                                         ".",           "\n",
                                         "(",           "1",
                                         "ịN",          "ơNG",
                                         "ơnG",         "đẹp"};

/* A random text of up to max bytes into b (NUL-terminated). */
static size_t gen(char *b, size_t max) {
  size_t n = 0, np = sizeof dmg_pieces / sizeof *dmg_pieces;
  size_t want = 1 + rnd((unsigned)max - 16);
  while (n < want) {
    const char *p = dmg_pieces[rnd((unsigned)np)];
    size_t k = strlen(p);
    if (n + k >= max) break;
    memcpy(b + n, p, k);
    n += k;
  }
  b[n] = 0;
  return n;
}

static void test_damage_possible(void) {
  char b[600], c[620];
  int reached = 0, agree = 1, superset = 1;
  for (int r = 0; r < 20000; r++) {
    size_t n = gen(b, sizeof b - 8);
    size_t off = (size_t)rnd(8); /* every alignment */
    memcpy(c + off, b, n + 1);
    int fast = text_damage_possible(c + off, n);
    agree &= fast == text_damage_possible_ref(b, n);
    text_damage t;
    text_damage_scan(b, n, &t);
    if (t.standin_o >= TEXT_DAMAGE_MIN_STANDIN ||
        t.standin_og >= TEXT_DAMAGE_MIN_STANDIN) {
      reached++;
      superset &= fast;
      if (!fast) fprintf(stderr, "ruled out: %s\n", b);
    }
  }
  CHECK(agree);
  CHECK(superset);
  CHECK(reached > 100);
  /* and it does rule out plain text */
  const char *clean =
      "Phương án của chương trình được thương lượng ở địa "
      "phương, thịnh vượng, định hướng, nghịch lý.";
  CHECK(text_damage_possible(clean, strlen(clean)) == 0);
  const char *bad = "Hịn Gai cịn đẹp, chiếc hịm cịn đó.";
  CHECK(text_damage_possible(bad, strlen(bad)) == 1);
}

int main(void) {
  printf("test_parse_fast: quick looks against the full scans\n");
  test_damage_possible();
  return check_done();
}
