/*
** test_quote_scan.c — extract_quote_byte (extract.c: '"' and 0xE2 found
** in one pass, 64 and 32 bytes a step with AVX2 and the last 32 bytes
** overlapping) gives the answer of its two-memchr reference on random
** texts of quotes, curly quotes, dashes, ellipses, Vietnamese letters
** and ASCII, from every start of every text (every alignment and every
** distance to the end).
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "extract.h"

static uint64_t state = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n) {
  return check_rnd(&state, n);
}

static const char *const pieces[] = {
    "a",    "b c",    " ",
    "\n",   "\"",     "“",
    "”",    "–",      "…",
    "ạ",    "ờ",      "đ",
    "\xe2", "Hà Nội", "plain words without a stop, long enough to pass a step"};

int main(void) {
  printf("extract_quote_byte against two memchr calls on 4,000 texts\n");
  long differ = 0, asked = 0;
  for (int t = 0; t < 4000; t++) {
    char s[700];
    size_t want = rnd(4) ? rnd(120) : rnd(600);
    /* now and then a text of one piece only, so that a stop is far */
    const char *const *p = pieces;
    size_t np = sizeof pieces / sizeof *pieces;
    if (rnd(5) == 0) p = &pieces[np - 1], np = 1;
    size_t n = check_pieces(s, want, sizeof s, p, np, rnd);
    for (size_t i = 0; i <= n + 1; i++, asked++)
      if (extract_quote_byte(s, i, n, 0) != extract_quote_byte(s, i, n, 1))
        differ++;
  }
  CHECK(differ == 0);
  if (differ) fprintf(stderr, "%ld of %ld answers differ\n", differ, asked);
  return check_done();
}
