/*
** test_extract_data.c — the extractors read their word lists from the
** data folder (lexicon.c), not from lists compiled into C.
** Plan: copy the .txt and .tsv files of data/ into a temporary folder, add one
** line to three of the extractors' lists, point TINSH_DATA at it, and
** check each line takes effect:
**   1. multipliers.tsv + "chục<TAB>10": "3 chục người" is 30 people
**      (base 30, base unit "người");
**   2. place-prefixes.tsv + "ấp<TAB>ấp": "ấp Cây Gáo Xanh" is a place of
**      kind "ấp" (the first word also becomes a place trigger);
**   3. ref-codes.tsv + "ĐCg<TAB>Đề cương": "văn bản số 15-ĐCg/TU" is a
**      reference of kind "Đề cương".
** Without the lines none of this is found (the default data has no
** "chục", "ấp" or "ĐCg").
** Skips (77) when data/ cannot be read (run from the source folder).
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "data_check.h"
#include "pipeline.h"
#include "util.h"

static char dir[] = "/tmp/tinsh-data-XXXXXX";

/* The extra line for data file `name`, or NULL. */
static const char *extra_for(const char *name) {
  if (strcmp(name, "multipliers.tsv") == 0) return "chục\t10\n";
  if (strcmp(name, "place-prefixes.tsv") == 0) return "ấp\tấp\n";
  if (strcmp(name, "ref-codes.tsv") == 0) return "ĐCg\tĐề cương\n";
  return NULL;
}

int main(void) {
  printf("# the extractors' word lists come from the data folder\n");
  if (data_check_make(dir, extra_for) != 0) {
    printf("skip: data/ not readable here\n");
    return 77;
  }
  setenv("TINSH_DATA", dir, 1);
  const char *s =
      "Tiêu đề\n\nXã có 3 chục người tham gia. Đoàn về ấp Cây Gáo Xanh. "
      "Thực hiện văn bản số 15-ĐCg/TU của Tỉnh ủy.\n";
  doc *d = pipeline_document("t.txt", s, strlen(s), 0);
  int fig = 0, place = 0, ref = 0;
  for (size_t i = 0; i < d->figures.n; i++) {
    doc_figure *f = &d->figures.items[i];
    if (f->base == 30 && f->base_unit && !strcmp(f->base_unit, "người")) fig++;
  }
  for (size_t i = 0; i < d->places.n; i++)
    if (!strcmp(d->places.items[i].name, "Cây Gáo Xanh") &&
        d->places.items[i].kind && !strcmp(d->places.items[i].kind, "ấp"))
      place++;
  for (size_t i = 0; i < d->refs.n; i++)
    if (d->refs.items[i].kind && !strcmp(d->refs.items[i].kind, "Đề cương"))
      ref++;
  CHECK(fig == 1);
  CHECK(place == 1);
  CHECK(ref == 1);
  doc_free(d);
  data_check_remove(dir);
  return check_done();
}
