/*
** test_parse_json.c — metadata fields of JSON article records
** (store_json.c, parse_meta_key in parse_meta.c), on invented records.
** Plan:
**  1. author and site from the usual keys: "author", "byline", "source",
**     "publisher", "site_name"; key case and '-' do not matter.
**  2. values in other shapes: a list of authors (strings or {"name": …}
**     objects) joined by ", ", a publisher object's "name", a source given
**     as a URL (its host), a bare "url" giving the site as its host only
**     when no key names the site.
**  3. the record's fields win over what the parser finds in the body (a
**     "©" footer), and a date under a key the record layout does not use
**     ("pubDate") still gives the published date.
**  4. a malformed list is still a syntax error; an unknown key is ignored.
**  5. end to end: a .jsonl file ingested into a store has author and site
**     in its documents rows, and --reparse keeps them.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "parse.h"
#include "pipeline.h"
#include "store.h"
#include "store_int.h"

/* Parse one record the way the ingest lays it out, then feed its
** metadata; returns the document (NULL on a syntax error). */
static doc *record(const char *json) {
  json_rec r;
  const char *why = NULL;
  if (json_object(json, strlen(json), &r, &why) < 0) return NULL;
  buf t;
  buf_init(&t);
  if (r.title) buf_adds(&t, r.title), buf_adds(&t, "\n\n");
  if (r.body) buf_adds(&t, r.body);
  doc *d = pipeline_document("r.jsonl#1", t.data ? t.data : "", t.len,
                             PARSE_NO_FACTS);
  buf_free(&t);
  json_rec_meta(&r, d);
  json_rec_free(&r);
  return d;
}

static void check_fields(const char *json, const char *author,
                         const char *site) {
  doc *d = record(json);
  CHECK(d != NULL);
  if (!d) return;
  CHECK_STR(d->author, author);
  CHECK_STR(d->site, site);
  doc_free(d);
}

static void usual_keys(void) {
  check_fields(
      "{\"title\":\"Tin A\",\"author\":\"Thu Hà\","
      "\"source\":\"Báo Biển Đông\",\"body\":\"Nội dung.\"}",
      "Thu Hà", "Báo Biển Đông");
  check_fields("{\"Byline\":\"Quang Minh\",\"Site-Name\":\"Cổng tin X\"}",
               "Quang Minh", "Cổng tin X");
  check_fields("{\"publisher\":\"Tạp chí Y\",\"body\":\"Một câu.\"}", NULL,
               "Tạp chí Y");
}

static void other_shapes(void) {
  check_fields("{\"authors\":[\"Lan Anh\",{\"name\":\"Minh Đức\"},7]}",
               "Lan Anh, Minh Đức", NULL);
  check_fields("{\"publisher\":{\"@type\":\"Org\",\"name\":\"Báo Z\"}}", NULL,
               "Báo Z");
  check_fields("{\"source\":\"https://www.tinbien.vn/a/b.html\"}", NULL,
               "tinbien.vn");
  check_fields("{\"url\":\"https://tinnui.vn/x?id=1\",\"body\":\"Câu.\"}", NULL,
               "tinnui.vn");
  check_fields("{\"url\":\"https://tinnui.vn/x\",\"newspaper\":\"Báo Núi\"}",
               NULL, "Báo Núi");
}

static void record_wins(void) {
  check_fields(
      "{\"title\":\"Tin B\",\"site\":\"Báo Đồng Bằng\",\"body\":"
      "\"Câu một của bài.\\n\\n© Bản quyền Báo Khác\"}",
      NULL, "Báo Đồng Bằng");
  doc *d = record(
      "{\"title\":\"Tin C\",\"pubDate\":\"04/03/2024 15:18\","
      "\"body\":\"Nội dung bài.\"}");
  CHECK(d && d->published &&
        strcmp(d->published, "2024-03-04T15:18:00+07:00") == 0);
  if (d) doc_free(d);
}

static void errors(void) {
  CHECK(record("{\"authors\":[\"A\",}") == NULL);
  CHECK(record("{\"author\":{\"name\":}") == NULL);
  check_fields("{\"editor_note\":\"x\",\"views\":12}", NULL, NULL);
}

static char dir[] = "/tmp/tinsh-pjson-XXXXXX";

static int ingest(const char *db, int reparse) {
  store *s;
  char *err = NULL;
  if (store_open(db, STORE_READWRITE, &s, &err) != 0) return free(err), -1;
  const char *paths[] = {dir};
  store_ingest_opts o = {0};
  o.threads = 1, o.reparse = reparse;
  store_ingest_stats st;
  int rc = store_ingest(s, paths, 1, &o, &st, &err);
  free(err);
  store_close(s);
  return rc;
}

/* "author|site" of the stored record #n, or "" */
static const char *stored(const char *db, int n) {
  static char out[256];
  sqlite3 *q;
  sqlite3_stmt *st;
  out[0] = 0;
  if (sqlite3_open(db, &q) != SQLITE_OK) return out;
  sqlite3_prepare_v2(q,
                     "SELECT coalesce(author,'') || '|' || coalesce(site,'') "
                     "FROM documents WHERE record = ?",
                     -1, &st, NULL);
  sqlite3_bind_int(st, 1, n);
  if (sqlite3_step(st) == SQLITE_ROW)
    snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(q);
  return out;
}

static void end_to_end(void) {
  CHECK(mkdtemp(dir) != NULL);
  if (!dir[0]) return;
  char in[300], db[300];
  snprintf(in, sizeof in, "%s/a.jsonl", dir);
  snprintf(db, sizeof db, "%s.db", dir);
  FILE *f = fopen(in, "w");
  fputs(
      "{\"title\":\"Tin một\",\"author\":\"Thu Hà\",\"source\":\"Báo Một\","
      "\"body\":\"Câu của bài một.\"}\n"
      "{\"title\":\"Tin hai\",\"authors\":[\"A B\",\"C D\"],"
      "\"url\":\"https://www.hai.vn/t\",\"body\":\"Câu của bài hai.\"}\n",
      f);
  fclose(f);
  CHECK(ingest(db, 0) == 0);
  CHECK_STR(stored(db, 1), "Thu Hà|Báo Một");
  CHECK_STR(stored(db, 2), "A B, C D|hai.vn");
  CHECK(ingest(db, 1) == 0);
  CHECK_STR(stored(db, 2), "A B, C D|hai.vn");
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", dir, db, db,
           db);
  if (system(cmd) != 0) fprintf(stderr, "note: cleanup failed\n");
}

int main(void) {
  printf("plan: JSON record metadata -> author, site, published\n");
  usual_keys();
  other_shapes();
  record_wins();
  errors();
  end_to_end();
  return check_done();
}
