/*
** check.h — a minimal test harness for the C unit tests.
**   CHECK(cond)            record a pass or a failure (with file:line)
**   CHECK_STR(got, want)   string equality (NULL-safe)
**   return check_done();   prints "N passed, N failed", exit status
**   check_write_file(dir, name, text)  a fixture file dir/name (checked)
**   check_seed(i), check_each_seed(fn)  the five seed articles
**   check_pieces(b, want, max, pieces, np, rnd)  a random text of pieces
**   check_rnd(&state, n)   a xorshift64 draw in [0, n)
*/
#ifndef TINSH_CHECK_H
#define TINSH_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(c)                                                            \
  do {                                                                      \
    if (c)                                                                  \
      check_pass++;                                                         \
    else {                                                                  \
      check_fail++;                                                         \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
    }                                                                       \
  } while (0)

#define CHECK_STR(got, want)                                             \
  do {                                                                   \
    const char *g_ = (got), *w_ = (want);                                \
    if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0)) \
      check_pass++;                                                      \
    else {                                                               \
      check_fail++;                                                      \
      fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__,  \
              __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");   \
    }                                                                    \
  } while (0)

/* Write text to dir/name (name may hold a subfolder that exists); a
** file that cannot be opened is a failed check. */
static inline void check_write_file(const char *dir, const char *name,
                                    const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs(text, f);
  fclose(f);
}

/* The i-th seed article of examples/corpus/ (0..4) by its file name
** without ".txt", NULL past the last: the one list of them for every
** test that reads them. */
static inline const char *check_seed(int i) {
  static const char *const seeds[] = {
      "000_2fce505e32026a8d", "001_0255a5737a73828f", "002_a2d444cce03d6c51",
      "003_8096e837b46a1eab", "004_0b387ba625cc4086"};
  return i >= 0 && i < (int)(sizeof seeds / sizeof *seeds) ? seeds[i] : NULL;
}

/* fn(text, n) on the text of each seed article (examples/corpus/, read
** whole, NUL-terminated); a seed that cannot be read is a failed check. */
static inline void check_each_seed(void (*fn)(const char *, size_t)) {
  for (int i = 0; check_seed(i); i++) {
    char p[256];
    snprintf(p, sizeof p, "examples/corpus/%s.txt", check_seed(i));
    FILE *f = fopen(p, "rb");
    CHECK(f != NULL);
    if (!f) continue;
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    CHECK(feof(f) && !ferror(f)); /* read whole */
    fclose(f);
    text[n] = '\0';
    fn(text, n);
  }
}

/* One xorshift64 step of *state (not 0): a number in [0, n), n > 0.
** Each test keeps its own state, so its inputs are its own sequence. */
static inline unsigned check_rnd(uint64_t *state, unsigned n) {
  uint64_t r = *state;
  r ^= r << 13, r ^= r >> 7, r ^= r << 17;
  *state = r;
  return (unsigned)(r % n);
}

/* A random text into b: pieces drawn by rnd(np) appended while the text
** is shorter than want and the next piece leaves it under max bytes;
** NUL-terminated. Returns its length. (Each test keeps its own rnd, so
** its inputs are its own sequence.) */
static inline size_t check_pieces(char *b, size_t want, size_t max,
                                  const char *const *pieces, size_t np,
                                  unsigned (*rnd)(unsigned)) {
  size_t n = 0;
  while (n < want) {
    const char *p = pieces[rnd((unsigned)np)];
    size_t k = strlen(p);
    if (n + k >= max) break;
    memcpy(b + n, p, k);
    n += k;
  }
  b[n] = 0;
  return n;
}

static int check_done(void) {
  printf("%d passed, %d failed\n", check_pass, check_fail);
  return check_fail ? 1 : 0;
}

#endif
