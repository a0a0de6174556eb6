/*
** test_fuzz_replay.c — replays fuzz inputs through every fuzz target,
** built with the normal compiler (no libFuzzer needed).
**
** Test plan: each file of tests/fuzz/regressions/ (inputs that once
** crashed or broke an invariant: every crash the fuzzers find lands
** there), each .txt file of examples/corpus, and a few built-in edge cases
** (empty, NUL bytes, lone bytes 0x80..0xFF, a lone combining mark, a
** UTF-16 BOM with an odd length, JSON records) go through fuzz_text,
** fuzz_parse, fuzz_fts, fuzz_query, fuzz_json and fuzz_segment. Here a broken
** invariant (see the targets' plans) is a failed check naming the input
** and the invariant, and the replay goes on; each (file, target) pair
** also counts as one check.
** Files are listed on stdout before they run, so a crash names its input.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

static const char *replay_label; /* the input being replayed */
#define FUZZ_CHECK(c)                                             \
  do {                                                            \
    if (!(c)) {                                                   \
      check_fail++;                                               \
      fprintf(stderr, "%s: fuzz invariant failed at %s:%d: %s\n", \
              replay_label, __FILE__, __LINE__, #c);              \
    }                                                             \
  } while (0)

#define FUZZ_ENTRY fuzz_text_one
#include "../fuzz/fuzz_text.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_parse_one
#include "../fuzz/fuzz_parse.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_fts_one
#include "../fuzz/fuzz_fts.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_query_one
#include "../fuzz/fuzz_query.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_json_one
#include "../fuzz/fuzz_json.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_segment_one
#include "../fuzz/fuzz_segment.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_kwic_one
#include "../fuzz/fuzz_kwic.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_tokmap_one
#include "../fuzz/fuzz_tokmap.c"
#undef FUZZ_ENTRY

static const struct {
  const char *name;
  int (*fn)(const uint8_t *, size_t);
} targets[] = {{"text", fuzz_text_one}, {"parse", fuzz_parse_one},
               {"fts", fuzz_fts_one},   {"query", fuzz_query_one},
               {"json", fuzz_json_one}, {"segment", fuzz_segment_one},
               {"kwic", fuzz_kwic_one}, {"tokmap", fuzz_tokmap_one}};

static void replay(const char *label, const char *data, size_t n) {
  replay_label = label;
  for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
    printf("replay %s through %s (%zu bytes)\n", label, targets[t].name, n);
    fflush(stdout);
    CHECK(targets[t].fn((const uint8_t *)data, n) == 0);
  }
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every regular file of dir whose name ends in suffix ("" = all);
** returns how many. */
static int replay_dir(const char *dir, const char *suffix) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  char *names[4096];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 4096) {
    size_t l = strlen(e->d_name), sl = strlen(suffix);
    if (e->d_name[0] == '.' || l < sl || strcmp(e->d_name + l - sl, suffix))
      continue;
    names[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  for (int i = 0; i < n; i++) {
    char path[4096];
    char *text;
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    CHECK(util_read_file(path, 0, &text, &len) == 0);
    if (text) replay(path, text, len), free(text);
    free(names[i]);
  }
  return n;
}

int main(void) {
  const char *src = getenv("TINSH_SRC");
  char dir[4096];
  if (!src) src = ".";

  replay("empty", "", 0);
  replay("NUL bytes", "\0\0\0\0\0\0\0\0", 8);
  char hi[128];
  for (int i = 0; i < 128; i++) hi[i] = (char)(0x80 + i);
  replay("bytes 0x80..0xFF", hi, sizeof hi);
  replay("lone combining mark", "\xcc\x81\n\xcc\x81\xcc\x81", 7);
  replay("UTF-16LE BOM, odd length", "\xff\xfeT\x00i", 5);
  replay("UTF-16BE BOM, lone surrogate", "\xfe\xff\xd8\x00\x00\n", 6);
  replay("FTS5 syntax", "NEAR(\"a\" b*, 2) OR ^c:d AND -", 29);
  const char *rec =
      "{\"title\":\"\\ud800 x\",\"body\":[{\"a\":1e999}],"
      "\"text\":\"M\u00f3ng C\u00e1i\\u0000\"}";
  replay("JSON record", rec, strlen(rec));

  snprintf(dir, sizeof dir, "%s/tests/fuzz/regressions", src);
  int nreg = replay_dir(dir, "");
  snprintf(dir, sizeof dir, "%s/examples/corpus", src);
  int ncorpus = replay_dir(dir, ".txt");
  CHECK(ncorpus >= 5);
  printf("%d regression files, %d corpus files replayed\n", nreg, ncorpus);
  sqlite3_close(fuzz_fts_db()); /* the targets keep one database each */
  sqlite3_close(fuzz_query_db());
  return check_done();
}
