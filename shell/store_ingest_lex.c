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
**
** The same holds for the index's form: an index of stripped and exact
** forms (FTS_DOCUMENT, before schema version 7; meta 'fts_exact' = 0) is
** rebuilt as one of exact forms (FTS_INDEX) at the next --reparse; until
** then ingests keep writing it as it is. An index of exact forms records
** each accented form it holds in fts_forms (ing_write_forms), which the
** tokenizer's query mode reads (fts.h).
*/
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "segment.h"
#include "store_ingest_int.h"
#include "store_words.h"
#include "util.h"

/* Empty the index and record how it is rebuilt: the lexicon (text cur),
** exact forms. */
static int reset_index(ingest *g, const char *cur) {
  char *sql = sqlite3_mprintf(
      "BEGIN IMMEDIATE; INSERT INTO fts(fts) VALUES('delete-all');"
      "DELETE FROM fts_forms;"
      "INSERT OR REPLACE INTO meta(key, value) VALUES('fts_lexicon', %Q);"
      "INSERT OR REPLACE INTO meta(key, value) VALUES('fts_exact', '1');"
      "COMMIT",
      cur);
  int rc = store_exec(g->s, sql, g->err);
  sqlite3_free(sql);
  if (rc) {
    g->failed = 1;
    sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
  }
  return rc;
}

/* Does the index hold no document? */
static int index_empty(ingest *g) {
  return store_int(g->s, "SELECT NOT EXISTS(SELECT 1 FROM fts_docsize)", NULL,
                   0) != 0;
}

/* Is the index one of exact forms (meta 'fts_exact' = 1)? */
static int index_exact(ingest *g) {
  return store_int(g->s, "SELECT value = '1' FROM meta WHERE key = 'fts_exact'",
                   NULL, 0) == 1;
}

int ing_lexicon_begin(ingest *g) {
  char *had = store_meta(g->s, "fts_lexicon");
  char *cur = store_words_text(g->s);
  int rc = 0;
  g->exact = index_exact(g);
  if (!cur) {
    *g->err = store_msg("user lexicon: %s", sqlite3_errmsg(g->s->db));
    rc = -1;
  } else if ((strcmp(had ? had : "", cur) != 0 || !g->exact) &&
             (g->o->reparse || index_empty(g))) {
    rc = reset_index(g, cur); /* the index takes the current lexicon */
    g->lex = store_words_overlay(cur);
    g->exact = 1;
  } else {
    g->lex = store_words_overlay(had);
  }
  free(had);
  free(cur);
  if (rc == 0 && fts_set_index(g->s->db, g->lex, g->exact) != SQLITE_OK) {
    *g->err = store_msg("cannot set the index's lexicon");
    rc = -1;
  }
  return rc;
}

void ing_lexicon_end(ingest *g) {
  fts_set_index(g->s->db, NULL, 0);
  seg_lex_free(g->lex);
  g->lex = NULL;
  free(g->forms_seen);
  g->forms_seen = NULL;
  sqlite3_finalize(g->ins_form);
  g->ins_form = NULL;
}

/* ---- the accented forms of an index of exact forms ---- */

/* Has this run written the form of hash h already? Records it when not. */
static int form_seen(ingest *g, uint64_t h) {
  if (2 * (g->nforms + 1) > g->forms_cap) {
    size_t oc = g->forms_cap;
    uint64_t *old = g->forms_seen;
    g->forms_cap = oc ? oc * 2 : 4096;
    g->forms_seen = xcalloc(g->forms_cap, sizeof *old);
    g->nforms = 0;
    for (size_t i = 0; i < oc; i++)
      if (old[i]) (void)form_seen(g, old[i]);
    free(old);
  }
  size_t i = (size_t)h & (g->forms_cap - 1);
  for (; g->forms_seen[i]; i = (i + 1) & (g->forms_cap - 1))
    if (g->forms_seen[i] == h) return 1;
  g->forms_seen[i] = h;
  g->nforms++;
  return 0;
}

/* fts_tokens_forms callback: write a form this run has not written. */
static int put_form(void *ctx, const char *st, int nst, const char *ex,
                    int nex) {
  ingest *g = ctx;
  uint64_t h = util_hash64(ex, (size_t)nex) ^ util_hash64(st, (size_t)nst);
  if (form_seen(g, h ? h : 1)) return 0;
  if (!g->ins_form &&
      sqlite3_prepare_v3(g->s->db,
                         "INSERT OR IGNORE INTO fts_forms(strip, exact) "
                         "VALUES(?1, ?2)",
                         -1, SQLITE_PREPARE_PERSISTENT, &g->ins_form,
                         NULL) != SQLITE_OK) {
    if (!g->failed) *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
    g->failed = 1;
    return -1;
  }
  sqlite3_bind_text(g->ins_form, 1, st, nst, SQLITE_STATIC);
  sqlite3_bind_text(g->ins_form, 2, ex, nex, SQLITE_STATIC);
  int rc = sqlite3_step(g->ins_form);
  sqlite3_reset(g->ins_form);
  if (rc == SQLITE_DONE) return 0;
  if (!g->failed) *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
  g->failed = 1;
  return -1;
}

int ing_write_forms(ingest *g, const fts_replay fts[5]) {
  int rc = 0;
  for (int c = 0; c < 5 && rc == 0; c++)
    rc = fts_tokens_forms(fts[c].tokens, put_form, g);
  return rc;
}
