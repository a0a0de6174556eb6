/*
** query_maps.c — token streams from the token position maps (see
** query_maps.h). The map's words of a block are the segmenter's words of
** the block with the index's lexicon; its positions are the FTS tokens
** that are not colocated, one per syllable or figure, what the syllable
** stream reads.
*/
#include "query_maps.h"

#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "store_tokmap.h"
#include "store_words.h"

int q_maps_open(q_maps *q, store *s, int syl, int corpus_lex) {
  memset(q, 0, sizeof *q);
  tokmap_init(&q->m);
  q->syl = syl, q->doc = INT64_MIN;
  if (!syl && (!corpus_lex || !store_words_index_current(s))) return 0;
  if (sqlite3_prepare_v2(store_db(s),
                         "SELECT map FROM doc_tokmap WHERE doc = ?1", -1,
                         &q->st, NULL) != SQLITE_OK)
    q->st = NULL;
  return q->st != NULL;
}

void q_maps_close(q_maps *q) {
  sqlite3_finalize(q->st);
  tokmap_free(&q->m);
  memset(q, 0, sizeof *q);
}

void q_maps_doc(q_maps *q, int64_t doc) {
  if (!q->st || q->doc == doc) return;
  q->doc = doc, q->ok = 0;
  sqlite3_bind_int64(q->st, 1, doc);
  if (sqlite3_step(q->st) == SQLITE_ROW &&
      tokmap_decode(&q->m, sqlite3_column_blob(q->st, 0),
                    (size_t)sqlite3_column_bytes(q->st, 0)) == 0 &&
      (q->syl || q->m.lexstamp == store_tokmap_lexstamp()))
    q->ok = 1;
  sqlite3_reset(q->st);
}

/* The first position of c at or after column byte x. */
static size_t first_pos(const tokmap_col *c, uint32_t x) {
  size_t lo = 0, hi = c->np;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c->ps[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int q_maps_stream(q_maps *q, q_stream *st, int seq, const char *text,
                  size_t n) {
  if (!q->ok) return 0;
  const tokmap_col *c = NULL;
  const tokmap_block *b = tokmap_find_block(&q->m, seq, &c);
  if (!b || b->len != n) return 0;
  if (!q->syl)
    return q_stream_spans(st, text, n, q->m.wf + b->w0, q->m.wt + b->w0, b->nw,
                          0) == 0;
  /* the index reads '_' (FTS_WORD_JOIN) in a block's text otherwise than
  ** the syllable stream does: such a block is read from its text */
  if (memchr(text, FTS_WORD_JOIN, n)) return 0;
  size_t p0 = first_pos(c, b->cstart), p1 = first_pos(c, b->cstart + b->len);
  return q_stream_spans(st, text, n, c->ps + p0, c->pe + p0, p1 - p0,
                        b->cstart) == 0;
}
