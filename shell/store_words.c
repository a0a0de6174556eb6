/*
** store_words.c — read the user lexicon (table corpus_words) of a
** database, for the segmenter of an ingest (seg_lex_overlay + add/remove),
** and its text form, which meta 'fts_lexicon' keeps for the index.
*/
#include "store_words.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "util.h"

/* Is there a table corpus_words? */
static int has_words_table(sqlite3 *db) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                         "AND name = 'corpus_words'",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_user_words(store *s, store_word_fn cb, void *ctx) {
  sqlite3 *db = store_db(s);
  int have = has_words_table(db);
  if (have <= 0) return have;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT word, action FROM corpus_words ORDER BY word",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  int rc, ret = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *w = (const char *)sqlite3_column_text(st, 0);
    const char *a = (const char *)sqlite3_column_text(st, 1);
    if (!w || !a) continue;
    if ((ret = cb(ctx, w, strcmp(a, "add") == 0)) != 0) break;
  }
  if (ret == 0 && rc != SQLITE_DONE) ret = -1;
  sqlite3_finalize(st);
  return ret;
}

/* store_user_words callback: one line of the text form. */
static int text_line(void *ctx, const char *word, int add) {
  buf *b = ctx;
  buf_addc(b, add ? '+' : '-');
  buf_adds(b, word);
  buf_addc(b, '\n');
  return 0;
}

char *store_words_text(store *s) {
  buf b;
  buf_init(&b);
  if (store_user_words(s, text_line, &b) != 0) {
    buf_free(&b);
    return NULL;
  }
  return b.data ? b.data : xstrdup("");
}

seg_lex *store_words_overlay(const char *text) {
  const seg_lex *base = text && *text ? seg_lex_default() : NULL;
  if (!base) return NULL;
  seg_lex *lex = seg_lex_overlay(base);
  for (const char *p = text; lex && *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n > 1 && p[0] == '+') seg_lex_add(lex, p + 1, n - 1);
    if (n > 1 && p[0] == '-') seg_lex_remove(lex, p + 1, n - 1);
    p += n + (nl != NULL);
  }
  return lex;
}

int store_words_index_current(store *s) {
  char *had = store_meta(s, "fts_lexicon"), *cur = store_words_text(s);
  int same = cur && strcmp(had ? had : "", cur) == 0;
  free(had);
  free(cur);
  return same;
}
