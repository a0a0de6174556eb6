/*
** check.h — a minimal test harness for the C unit tests.
**   CHECK(cond)            record a pass or a failure (with file:line)
**   CHECK_STR(got, want)   string equality (NULL-safe)
**   return check_done();   prints "N passed, N failed", exit status
**   check_write_file(dir, name, text)  a fixture file dir/name (checked)
*/
#ifndef TINSH_CHECK_H
#define TINSH_CHECK_H

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

static int check_done(void) {
  printf("%d passed, %d failed\n", check_pass, check_fail);
  return check_fail ? 1 : 0;
}

#endif
