/*
** store_ingest_lex.c — the lexicon an ingest segments with. The full-text
** index is built with one user lexicon, kept as text in meta
** 'fts_lexicon' (store_words_text's form; absent: none): FTS5 removes a
** document by tokenizing it again, so every row must be written and
** removed with the lexicon it was indexed with. An ingest therefore
** segments with the index's user lexicon; `--reparse` (and an ingest into
** an index without documents) adopts the database's current one (table
** corpus_words, written by corpus:words{}): when it differs, the index is
** emptied at once ('delete-all', with the new meta value, in one
** transaction) and every document is indexed again with it.
*/
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "segment.h"
#include "store_ingest_int.h"
#include "store_words.h"

/* Empty the index and record the lexicon it is rebuilt with (text cur). */
static int reset_index(ingest *g, const char *cur) {
  char *sql = sqlite3_mprintf(
      "BEGIN IMMEDIATE; INSERT INTO fts(fts) VALUES('delete-all');"
      "INSERT OR REPLACE INTO meta(key, value) VALUES('fts_lexicon', %Q);"
      "COMMIT",
      cur);
  int rc = ing_exec(g, sql);
  sqlite3_free(sql);
  if (rc) sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* Does the index hold no document? */
static int index_empty(ingest *g) {
  return store_int(g->s, "SELECT NOT EXISTS(SELECT 1 FROM fts_docsize)", NULL,
                   0) != 0;
}

int ing_lexicon_begin(ingest *g) {
  char *had = store_meta(g->s, "fts_lexicon");
  char *cur = store_words_text(g->s);
  int rc = 0;
  if (!cur) {
    *g->err = store_msg("user lexicon: %s", sqlite3_errmsg(g->s->db));
    rc = -1;
  } else if (strcmp(had ? had : "", cur) != 0 &&
             (g->o->reparse || index_empty(g))) {
    rc = reset_index(g, cur); /* the index takes the current lexicon */
    g->lex = store_words_overlay(cur);
    g->lex_text = xstrdup(cur);
  } else {
    g->lex = store_words_overlay(had);
    g->lex_text = xstrdup(had ? had : "");
  }
  free(had);
  free(cur);
  if (rc == 0 && fts_set_lexicon(g->s->db, g->lex) != SQLITE_OK) {
    *g->err = store_msg("cannot set the index's lexicon");
    rc = -1;
  }
  return rc;
}

void ing_lexicon_end(ingest *g) {
  fts_set_lexicon(g->s->db, NULL);
  seg_lex_free(g->lex);
  g->lex = NULL;
  free(g->lex_text);
  g->lex_text = NULL;
}
