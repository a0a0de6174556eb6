/*
** test_search_forms.c — store_search's forms and offsets options
** (store_search.c) on a small corpus ingested into a temporary folder.
** Plan:
**  1. forms asked for without offsets (what `tinsh search` asks), a query
**     with a word without diacritics: the forms the hits matched are
**     counted (the offsets they need are computed all the same).
**  2. the same for a query of accented words: no forms, and no offsets
**     filled in (tinsh_offsets is not run for nothing).
**  3. offsets asked for: every hit carries them, accented query or not.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "store.h"

/* Run query with the forms/offsets options; *nhits hits, *with_offs of
** them with offsets; the forms line (malloc'd) or NULL. */
static char *run(store *s, const char *query, int forms, int offsets,
                 int *nhits, int *with_offs) {
  store_search_opts o = {0};
  o.forms = forms, o.offsets = offsets;
  char *err = NULL;
  store_search *q = store_search_open(s, query, &o, &err);
  CHECK(q != NULL && err == NULL);
  store_hit h;
  *nhits = *with_offs = 0;
  while (q && store_search_next(q, &h) == 1) {
    (*nhits)++;
    if (h.offsets && *h.offsets) (*with_offs)++;
  }
  char *line = q ? store_search_forms(q, 8) : NULL;
  store_search_close(q);
  free(err);
  return line;
}

int main(void) {
  printf("plan: forms without offsets, accented queries, offsets\n");
  char dir[] = "/tmp/tinsh-search-forms-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  check_write_file(
      dir, "a.txt",
      "Vụ tham nhũng ở tỉnh\n\nCơ quan điều tra làm rõ vụ tham nhũng "
      "lớn.\n");
  check_write_file(dir, "b.txt",
                   "Phòng chống tham nhũng\n\nHội nghị bàn về tham nhũng và "
                   "lãng phí.\n");
  char db[600];
  snprintf(db, sizeof db, "%s/t.db", dir);
  store *s = NULL;
  char *err = NULL;
  CHECK(store_open(db, STORE_READWRITE, &s, &err) == 0);
  const char *paths[] = {dir};
  store_ingest_stats st;
  CHECK(store_ingest(s, paths, 1, NULL, &st, &err) == 0);
  store_close(s);
  CHECK(store_open(db, STORE_READONLY, &s, &err) == 0);
  int n, offs;
  char *line = run(s, "tham nhung", 1, 0, &n, &offs);
  CHECK(n == 2);
  CHECK(line && strstr(line, "tham nhũng") != NULL);
  free(line);
  line = run(s, "nhũng", 1, 0, &n, &offs);
  CHECK(n == 2 && offs == 0);
  CHECK(line == NULL);
  free(line);
  line = run(s, "nhũng", 0, 1, &n, &offs);
  CHECK(n == 2 && offs == 2);
  free(line);
  line = run(s, "tham nhung", 1, 1, &n, &offs);
  CHECK(n == 2 && offs == 2);
  CHECK(line && strstr(line, "tham nhũng") != NULL);
  free(line);
  store_close(s);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
  return check_done();
}
