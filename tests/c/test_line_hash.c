/*
** test_line_hash.c — parse_ctx's line hash sixteen bytes a step against
** its byte loop (parse_ctx_line_hash, slow): on random lines of letters,
** UTF-8 letters, single spaces and runs of blanks (spaces, tabs, CRs, at
** the start, inside, at the end, at every offset of a 16-byte step and
** right after one), control bytes and digits, cut at every length up to
** 80 bytes: the same hash. Both must be the hash of the line's
** canonical form (runs as one space, none at the end: made here byte by
** byte), which must differ from the raw line often, so the test cannot
** pass on a fast path that never runs.
*/
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "parse_folder.h"
#include "util.h"

static uint64_t rng = 0x853C49E6748FEA9Bull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static const char *const pieces[] = {
    "a",  "Tin", "tức", "Việt", "Nam",  "đường", "2024",
    ",",  ".",   " ",   " ",    " ",    " ",     " ",
    "  ", "\t",  "\r",  " \t",  "\x01", "\x1f",  "!",
    "\"", "|",   "-",   "xyz",  "ĐT",   "\x7f",  "ab cd ef gh ij"};

/* b[0..n) with runs of blanks as one space, none at the end, in c. */
static size_t canonical(const char *b, size_t n, char *c) {
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
      c[k++] = b[i++];
      continue;
    }
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) i++;
    if (i < n) c[k++] = ' ';
  }
  return k;
}

int main(void) {
  printf("test_line_hash: the line hash 16 bytes a step against 1\n");
  char b[128], c[128];
  int bad = 0, runs_differ = 0, not_canon = 0;
  for (int r = 0; r < 40000; r++) {
    size_t n = 0, np = sizeof pieces / sizeof *pieces;
    while (n < 80) {
      const char *p = pieces[rnd((unsigned)np)];
      size_t k = strlen(p);
      if (n + k > 80) break;
      memcpy(b + n, p, k);
      n += k;
    }
    for (size_t m = 0; m <= n; m++) {
      uint64_t f = parse_ctx_line_hash(b, m, 0),
               s = parse_ctx_line_hash(b, m, 1);
      bad += f != s;
      if (f != s && bad < 5) fprintf(stderr, "differ on [%.*s]\n", (int)m, b);
      size_t k = canonical(b, m, c);
      not_canon += parse_ctx_line_hash(c, k, 1) != s;
      runs_differ += m == n && (k != m || memcmp(b, c, m) != 0);
    }
  }
  CHECK(bad == 0);
  CHECK(not_canon == 0);
  CHECK(runs_differ > 1000);
  return check_done();
}
