/*
** store_search.c — full-text search over the fts table: plain queries
** escaped by fts_plain_query, raw FTS5 MATCH on request, ranked by the
** table's bm25 rank (weights in the FTS5 'rank' config), snippets and hit
** offsets computed only for the rows returned.
*/
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "store_int.h"

struct store_search {
  sqlite3_stmt *st; /* NULL: empty result (query without a word) */
  int pending;      /* a row was stepped by store_search_open */
  int snippet, offsets;
  char *open, *close; /* the highlight markers */
  buf snip;           /* the current row's snippet, hits merged */
};

/* Copy snippet s into out, joining hits separated only by white space
** ("[Móng] [Cái]" -> "[Móng Cái]": the query's words side by side). */
static void merge_hits(const char *s, const char *open, const char *close,
                       buf *out) {
  size_t no = strlen(open), nc = strlen(close);
  out->len = 0;
  while (*s) {
    if (nc && !strncmp(s, close, nc)) {
      const char *e = s + nc;
      while (*e == ' ' || *e == '\t' || *e == '\n' || *e == '\r') e++;
      if (e > s + nc && no && !strncmp(e, open, no)) {
        buf_add(out, s + nc, (size_t)(e - s - nc)); /* the space only */
        s = e + no;
        continue;
      }
    }
    buf_addc(out, *s++);
  }
  buf_addc(out, 0);
}

/* The inner query runs on the fts cursor (rank order, LIMIT pushed down to
** FTS5); auxiliary functions only run for the rows it returns. Ranked by
** the table's configured rank (bm25), or by the rank function in ?4. */
#define SEARCH_SQL(RANK)                                                   \
  "SELECT d.id, d.doc_id, d.path, d.title, d.published, h.score, h.snip, " \
  "h.offs FROM (SELECT rowid AS id, rank AS score, "                       \
  "CASE WHEN ?5 THEN snippet(fts, -1, ?6, ?7, ?8, ?9) END AS snip, "       \
  "CASE WHEN ?10 THEN tinsh_offsets(fts) END AS offs "                     \
  "FROM fts WHERE fts MATCH ?1" RANK                                       \
  " ORDER BY rank LIMIT ?2 OFFSET ?3) "                                    \
  "h JOIN documents d ON d.id = h.id ORDER BY h.score, d.id"
static const char search_sql[] = SEARCH_SQL("");
static const char search_adjacent_sql[] = SEARCH_SQL(" AND rank MATCH ?4");

static char *match_expr(const char *query, int raw, char **run) {
  if (run) *run = NULL;
  if (raw) return xstrdup(query ? query : "");
  return fts_plain_query_ex(query, run);
}

/* Number of documents matching m, -1 on error (message in *err). */
static int64_t count_matches(store *s, const char *m, char **err) {
  sqlite3_stmt *st;
  int64_t n = -1;
  if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM fts WHERE fts MATCH ?1",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  if (n < 0) *err = store_msg("%s", sqlite3_errmsg(s->db));
  return n;
}

/* Plain queries of two or more words rank documents holding the words
** side by side higher: tinsh_rank (fts.c) with the number of documents
** that hold them so, and the weights of the configured bm25 rank. NULL
** when no document holds them side by side (bm25 ranks alone). */
static char *adjacent_rank(store *s, const char *run, char **err) {
  int64_t n = count_matches(s, run, err);
  if (n <= 0) return NULL;
  buf b;
  buf_init(&b);
  buf_printf(&b, "tinsh_rank(%lld, " STORE_RANK_WEIGHTS ")", (long long)n);
  return buf_detach(&b);
}

store_search *store_search_open(store *s, const char *query,
                                const store_search_opts *o, char **err) {
  static const store_search_opts defaults = {0};
  if (!o) o = &defaults;
  *err = NULL;
  store_search *q = xcalloc(1, sizeof *q);
  char *run = NULL, *rank = NULL;
  char *m = match_expr(query, o->raw, o->no_adjacent ? NULL : &run);
  if (!m || !*m) {
    free(m);
    free(run);
    return q; /* nothing to search for: no hits */
  }
  if (run) {
    rank = adjacent_rank(s, run, err);
    free(run);
    if (*err) {
      free(m);
      store_search_close(q);
      return NULL;
    }
  }
  if (sqlite3_prepare_v2(s->db, rank ? search_adjacent_sql : search_sql, -1,
                         &q->st, NULL) != SQLITE_OK) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    free(m);
    free(rank);
    store_search_close(q);
    return NULL;
  }
  int ntok = o->snippet_tokens == 0 ? 16 : o->snippet_tokens;
  q->snippet = ntok > 0;
  q->offsets = o->offsets;
  if (ntok > 64) ntok = 64; /* FTS5's maximum */
  sqlite3_bind_text(q->st, 1, m, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(q->st, 2, o->limit == 0 ? 20 : o->limit);
  sqlite3_bind_int64(q->st, 3, o->offset > 0 ? o->offset : 0);
  if (rank) sqlite3_bind_text(q->st, 4, rank, -1, free);
  sqlite3_bind_int(q->st, 5, q->snippet);
  q->open = xstrdup(o->hl_open ? o->hl_open : "\x02");
  q->close = xstrdup(o->hl_close ? o->hl_close : "\x03");
  sqlite3_bind_text(q->st, 6, q->open, -1, SQLITE_STATIC);
  sqlite3_bind_text(q->st, 7, q->close, -1, SQLITE_STATIC);
  sqlite3_bind_text(q->st, 8, o->ellipsis ? o->ellipsis : "…", -1,
                    SQLITE_TRANSIENT);
  sqlite3_bind_int(q->st, 9, ntok > 0 ? ntok : 1);
  sqlite3_bind_int(q->st, 10, o->offsets);
  free(m);
  int rc = sqlite3_step(q->st);
  if (rc == SQLITE_ROW) {
    q->pending = 1;
  } else if (rc != SQLITE_DONE) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    store_search_close(q);
    return NULL;
  }
  return q;
}

int store_search_next(store_search *q, store_hit *h) {
  if (!q->st) return 0;
  if (!q->pending) {
    int rc = sqlite3_step(q->st);
    if (rc == SQLITE_DONE) return 0;
    if (rc != SQLITE_ROW) return -1;
  }
  q->pending = 0;
  sqlite3_stmt *st = q->st;
  h->id = sqlite3_column_int64(st, 0);
  h->doc_id = (const char *)sqlite3_column_text(st, 1);
  h->path = (const char *)sqlite3_column_text(st, 2);
  h->title = (const char *)sqlite3_column_text(st, 3);
  h->published = (const char *)sqlite3_column_text(st, 4);
  h->score = sqlite3_column_double(st, 5);
  h->snippet = NULL;
  const char *snip = (const char *)sqlite3_column_text(st, 6);
  if (q->snippet && snip) {
    merge_hits(snip, q->open, q->close, &q->snip);
    h->snippet = q->snip.data;
  }
  h->offsets = q->offsets ? (const char *)sqlite3_column_text(st, 7) : NULL;
  return 1;
}

void store_search_close(store_search *q) {
  if (!q) return;
  sqlite3_finalize(q->st);
  free(q->open);
  free(q->close);
  buf_free(&q->snip);
  free(q);
}

int64_t store_search_count(store *s, const char *query, int raw, char **err) {
  *err = NULL;
  char *m = match_expr(query, raw, NULL);
  int64_t n = m && *m ? count_matches(s, m, err) : 0;
  free(m);
  return n;
}
