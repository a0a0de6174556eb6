/*
** store_tokmap.c — building a document's token position map at ingest
** (the words of each block from the segmenter, the token positions from
** the FTS tokens the worker already made), and reading a match's phrase
** instances out of FTS5 (see store_tokmap.h).
*/
#include "store_tokmap.h"

#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "store_int.h"
#include "tokmap.h"

/* ---- building ---- */

typedef struct build {
  tokmap *m;
  tokmap_col *c;
} build;

static int on_word(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)nsyl, (void)kind;
  build *b = ctx;
  if (to > from) tokmap_add_word(b->m, b->c, (uint32_t)from, (uint32_t)to);
  return 0;
}

/* A token that is not colocated with the previous one is a position. */
static int on_token(void *ctx, int tflags, const char *tok, int ntok, int s,
                    int e) {
  (void)tok, (void)ntok;
  build *b = ctx;
  if (!(tflags & FTS_COLOCATED) && s >= 0 && e > s)
    tokmap_add_pos(b->c, (uint32_t)s, (uint32_t)e);
  return 0;
}

/* The words of ws (the column's, in order; *next the first not yet
** used) inside the block at column bytes [from, to), relative to it. */
static void words_of_span(build *b, const fts_words *ws, int *next, int from,
                          int to) {
  while (*next < ws->n && ws->w[*next].to <= from) (*next)++;
  for (; *next < ws->n && ws->w[*next].from < to; (*next)++) {
    const fts_word *w = &ws->w[*next];
    if (w->from >= from && w->to <= to)
      on_word(b, (size_t)(w->from - from), (size_t)(w->to - from), w->nsyl,
              w->kind);
  }
}

/* Column col of d: its blocks with their words (from ws, the column's
** words, when given: blocks are joined by one newline, which no word
** crosses; else segmenting each block), then its positions. */
static void build_col(tokmap *m, const doc *d, const fts_replay *fr, int col,
                      const seg_lex *lex, const fts_words *ws) {
  build b = {m, tokmap_add_col(m, col)};
  int off = 0, used = 0, next = 0;
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *k = &d->blocks.items[i];
    if (store_block_in_column(k->kind) != col) continue;
    const char *t = k->text ? k->text : "";
    size_t n = strlen(t);
    int from = off + used;
    used = 1, off = from + (int)n;
    tokmap_add_block(m, b.c, (int)i, (uint32_t)n);
    if (ws)
      words_of_span(&b, ws, &next, from, from + (int)n);
    else if (lex)
      seg_words(lex, t, n, on_word, &b);
  }
  fts_tokens_each(fr->tokens, on_token, &b);
}

void store_tokmap_build(const doc *d, const fts_replay cols[5],
                        const struct seg_lex *lex, const fts_words *ws,
                        buf *out) {
  tokmap m;
  tokmap_init(&m);
  m.lexstamp = store_tokmap_lexstamp();
  if (!lex) lex = seg_lex_default();
  for (int col = 2; col <= 4; col++)
    if (cols[col].text && cols[col].len < (1 << 30))
      build_col(&m, d, &cols[col], col, lex, ws ? &ws[col] : NULL);
  tokmap_encode(&m, out);
  tokmap_free(&m);
}

uint32_t store_tokmap_lexstamp(void) {
  const seg_lex *base = seg_lex_default();
  return base ? (uint32_t)seg_lex_size(base) : 0;
}

int store_tokmap_kind_column(const char *kind) {
  int k = kind ? doc_kind_from_name(kind) : -1;
  return k < 0 ? -1 : store_block_in_column((doc_kind)k);
}

/* ---- instances ---- */

/* tinsh_kwic_inst(fts): phrase 0's instances as int32 (column, offset). */
static void inst_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *cx, int nv, sqlite3_value **v) {
  (void)nv, (void)v;
  int n = 0, rc = api->xInstCount(fts, &n);
  buf b;
  buf_init(&b);
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    int ph, col, off;
    rc = api->xInst(fts, i, &ph, &col, &off);
    int32_t pair[2] = {col, off};
    if (rc == SQLITE_OK && ph == 0) buf_add(&b, pair, sizeof pair);
  }
  if (rc != SQLITE_OK)
    sqlite3_result_error_code(cx, rc);
  else
    sqlite3_result_blob(cx, b.data ? b.data : "", (int)b.len, SQLITE_TRANSIENT);
  buf_free(&b);
}

int store_tokmap_register(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
    return SQLITE_ERROR;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (!api) return SQLITE_ERROR;
  return api->xCreateFunction(api, "tinsh_kwic_inst", NULL, inst_fn, NULL);
}

/* Append row doc with its pairs p[0..n) (n int32 values). */
static void inst_push(tokmap_inst *t, int64_t doc, const void *p, size_t n) {
  if (t->n + 2 > t->capd) {
    t->capd = t->capd ? t->capd * 2 : 256;
    t->doc = xrealloc(t->doc, t->capd * sizeof *t->doc);
    t->at = xrealloc(t->at, (t->capd + 1) * sizeof *t->at);
  }
  while (t->np + n > t->capp) {
    t->capp = t->capp ? t->capp * 2 : 1024;
    t->pairs = xrealloc(t->pairs, t->capp * sizeof *t->pairs);
  }
  if (n) memcpy(t->pairs + t->np, p, n * sizeof *t->pairs);
  t->doc[t->n] = doc;
  t->at[t->n++] = t->np / 2;
  t->np += n;
  t->at[t->n] = t->np / 2;
}

int store_tokmap_instances(sqlite3 *db, const char *match, tokmap_inst *out) {
  sqlite3_stmt *st;
  memset(out, 0, sizeof *out);
  int rc = store_tokmap_register(db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(db,
                            "SELECT rowid, tinsh_kwic_inst(fts) FROM fts "
                            "WHERE fts MATCH ?1 ORDER BY rowid",
                            -1, &st, NULL);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    size_t n = (size_t)sqlite3_column_bytes(st, 1) / (2 * sizeof(int32_t));
    inst_push(out, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
              2 * n);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void tokmap_inst_free(tokmap_inst *t) {
  free(t->doc);
  free(t->at);
  free(t->pairs);
  memset(t, 0, sizeof *t);
}

const int32_t *tokmap_inst_of(const tokmap_inst *t, int64_t doc, size_t *n) {
  size_t lo = 0, hi = t->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t->doc[mid] < doc)
      lo = mid + 1;
    else
      hi = mid;
  }
  *n = 0;
  if (lo == t->n || t->doc[lo] != doc) return NULL;
  *n = t->at[lo + 1] - t->at[lo];
  return t->pairs + 2 * t->at[lo];
}
