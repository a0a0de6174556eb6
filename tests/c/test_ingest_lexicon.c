/*
** test_ingest_lexicon.c — the user lexicon (table corpus_words) reaches
** the full-text index at `ingest --reparse`, and the index stays
** consistent (FTS5 integrity-check) while it changes.
** Plan:
**  1. a first ingest: "xoài cát" is two words (no word token xoai_cat),
**     "khó khăn" one (word token kho_khan).
**  2. the user teaches "xoài cát" and removes "khó khăn"; a plain ingest
**     keeps the index's lexicon (nothing changes in the index).
**  3. --reparse adopts it: the word tokens xoai_cat and xoài_cát are
**     found, kho_khan no longer; meta 'fts_lexicon' records the lexicon;
**     integrity-check passes with that lexicon.
**  4. a changed file in a plain ingest is removed and indexed again with
**     the index's lexicon (integrity-check still passes).
**  5. the taught word removed again, then --reparse: xoai_cat is gone.
**  6. an ingest into an empty database takes the user lexicon at once.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fts.h"
#include "segment.h"
#include "store.h"
#include "store_words.h"

static char dir[] = "/tmp/tinsh-ingest-lex-XXXXXX";

/* Documents matching MATCH expression m (a quoted token). */
static int hits(store *s, const char *m) {
  sqlite3_stmt *st;
  int n = -1;
  if (sqlite3_prepare_v2(store_db(s),
                         "SELECT count(*) FROM fts WHERE fts MATCH ?1", -1, &st,
                         NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

static int ingest(store *s, int reparse) {
  char c[300];
  snprintf(c, sizeof c, "%s/c", dir);
  const char *paths[] = {c};
  store_ingest_opts o = {.threads = 1, .reparse = reparse};
  store_ingest_stats st;
  char *err = NULL;
  int rc = store_ingest(s, paths, 1, &o, &st, &err);
  if (rc) fprintf(stderr, "ingest: %s\n", err ? err : "?");
  free(err);
  return rc;
}

/* FTS5's integrity-check, tokenizing with the index's user lexicon. */
static int integrity(store *s) {
  char *text = store_meta(s, "fts_lexicon");
  seg_lex *lex = store_words_overlay(text);
  fts_set_lexicon(store_db(s), lex);
  int rc = sqlite3_exec(store_db(s),
                        "INSERT INTO fts(fts) VALUES('integrity-check')", NULL,
                        NULL, NULL);
  fts_set_lexicon(store_db(s), NULL);
  seg_lex_free(lex);
  free(text);
  return rc;
}

static void teach(store *s, const char *sql) {
  CHECK(sqlite3_exec(store_db(s),
                     "CREATE TABLE IF NOT EXISTS corpus_words(word TEXT "
                     "PRIMARY KEY, action TEXT NOT NULL) WITHOUT ROWID",
                     NULL, NULL, NULL) == SQLITE_OK);
  CHECK(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) == SQLITE_OK);
}

static store *open_db(const char *name) {
  char p[300];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  store *s = NULL;
  char *err = NULL;
  CHECK(store_open(p, STORE_READWRITE, &s, &err) == 0);
  free(err);
  return s;
}

static void cleanup(void) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
}

/* 6: the user lexicon taught before the first ingest. */
static void empty_first(void) {
  store *s = open_db("e.db");
  teach(s, "INSERT INTO corpus_words VALUES('xoài cát', 'add')");
  CHECK(ingest(s, 0) == 0);
  CHECK(hits(s, "\"xoai_cat\"") == 2);
  CHECK(integrity(s) == SQLITE_OK);
  store_close(s);
}

int main(void) {
  CHECK(mkdtemp(dir) != NULL);
  char c[300];
  snprintf(c, sizeof c, "mkdir -p '%s/c'", dir);
  CHECK(system(c) == 0);
  check_write_file(dir, "c/a.txt",
                   "Vườn nhà\n\nBà con làm vườn xoài cát rất ngon.\n");
  check_write_file(
      dir, "c/b.txt",
      "Hỗ trợ\n\nGia đình khó khăn được hỗ trợ, xoài cát bán chạy.\n");
  store *s = open_db("t.db");
  /* 1 */
  CHECK(ingest(s, 0) == 0);
  CHECK(hits(s, "\"xoai_cat\"") == 0);
  CHECK(hits(s, "\"kho_khan\"") == 1);
  /* 2 */
  teach(s,
        "INSERT INTO corpus_words VALUES('xoài cát', 'add'), "
        "('khó khăn', 'remove')");
  CHECK(ingest(s, 0) == 0);
  CHECK(hits(s, "\"xoai_cat\"") == 0);
  CHECK(hits(s, "\"kho_khan\"") == 1);
  /* 3 */
  CHECK(ingest(s, 1) == 0);
  CHECK(hits(s, "\"xoai_cat\"") == 2);
  CHECK(hits(s, "\"xoài_cát\"") == 2);
  CHECK(hits(s, "\"kho_khan\"") == 0);
  CHECK(hits(s, "\"kho khan\"") == 1); /* the syllables stay */
  char *m = store_meta(s, "fts_lexicon");
  CHECK_STR(m ? m : "", "-khó khăn\n+xoài cát\n");
  free(m);
  CHECK(integrity(s) == SQLITE_OK);
  /* 4 */
  check_write_file(dir, "c/b.txt",
                   "Hỗ trợ\n\nKhó khăn qua, xoài cát lại bán chạy.\n");
  CHECK(ingest(s, 0) == 0);
  CHECK(hits(s, "\"xoai_cat\"") == 2);
  CHECK(integrity(s) == SQLITE_OK);
  /* 5 */
  teach(s, "DELETE FROM corpus_words WHERE word = 'xoài cát'");
  CHECK(ingest(s, 1) == 0);
  CHECK(hits(s, "\"xoai_cat\"") == 0);
  CHECK(hits(s, "\"kho_khan\"") == 0);
  CHECK(integrity(s) == SQLITE_OK);
  store_close(s);
  empty_first();
  cleanup();
  return check_done();
}
