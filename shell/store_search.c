/*
** store_search.c — full-text search over the fts table: plain queries
** escaped by fts_plain_query, raw FTS5 MATCH on request, ranked by the
** table's bm25 rank (weights in the FTS5 'rank' config), snippets and hit
** offsets computed only for the rows returned.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "store_int.h"
#include "text.h"

/* One form the hits matched: the hit's text, case-folded. */
struct form {
  char *text;
  int n;
};

struct store_search {
  sqlite3_stmt *st; /* NULL: empty result (query without a word) */
  int pending;      /* a row was stepped by store_search_open */
  int snippet, offsets;
  char *open, *close;  /* the highlight markers */
  char *spans;         /* token positions per phrase (tinsh_offsets) */
  buf words;           /* the query's word tokens (query_words) */
  sqlite3_stmt *texts; /* the hit's column texts, when counting forms */
  struct form *forms;  /* the forms the hits matched so far */
  int nforms, cforms;
  buf snip; /* the current row's snippet, hits merged */
  buf offs; /* the current row's offsets, each span once */
};

/*
** The word tokens of MATCH expression m (quoted strings "a_b" of
** syllables joined by FTS_WORD_JOIN), accent-folded, the joiners turned
** into spaces, each NUL-terminated, into out ("quang ninh\0...").
*/
static void query_words(const char *m, buf *out) {
  buf w;
  buf_init(&w);
  for (const char *p = m ? strchr(m, '"') : NULL; p; p = strchr(p + 1, '"')) {
    int join = 0, space = 0;
    w.len = 0;
    for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
      if (*p == '"') p++; /* "" inside a string */
      join |= *p == FTS_WORD_JOIN, space |= *p == ' ';
      buf_addc(&w, *p == FTS_WORD_JOIN ? ' ' : *p);
    }
    if (!*p) break;
    if (!join || space) continue;
    size_t n = 0;
    char *f = text_fold_alloc(w.data, w.len, TEXT_FOLD_ACCENTS, &n);
    if (f && n) buf_add(out, f, n + 1);
    free(f);
  }
  buf_free(&w);
}

/* Bytes of after (the text after a hit's closing mark) to take into the
** hit so that its last syllable hl[0..nhl) plus them is one of the
** query's words (FTS5 marks only a word token's first syllable). */
static size_t word_tail(const char *hl, size_t nhl, const char *after,
                        const buf *words) {
  size_t na = strlen(after);
  for (size_t i = 0; i < words->len; i += strlen(words->data + i) + 1) {
    const char *w = words->data + i;
    size_t j = 0;
    text_tok t;
    for (const char *sp = strchr(w, ' '); sp; sp = strchr(sp + 1, ' ')) {
      if (j >= na || after[j] != ' ') break;
      text_tok_at(after, na, j + 1, &t);
      if (t.kind == TEXT_TOK_PUNCT) break;
      j = t.off + t.len;
    }
    buf c;
    buf_init(&c);
    buf_add(&c, hl, nhl);
    buf_add(&c, after, j);
    size_t n = 0;
    char *f = text_fold_alloc(c.data, c.len, TEXT_FOLD_ACCENTS, &n);
    int same = f && n == strlen(w) && !memcmp(f, w, n);
    free(f);
    buf_free(&c);
    if (same && j) return j;
  }
  return 0;
}

/* The last syllable of the hit that starts at out[hl]. */
static size_t last_syllable(const buf *out, size_t hl) {
  size_t k = out->len;
  while (k > hl && out->data[k - 1] != ' ') k--;
  return k;
}

/* Copy snippet s into out, joining hits separated only by white space
** ("[Móng] [Cái]" -> "[Móng Cái]": the query's words side by side) and
** widening a word token's hit over the word ("[Quảng] Ninh" -> "[Quảng
** Ninh]"; words from query_words). */
static void merge_hits(const char *s, const char *open, const char *close,
                       const buf *words, buf *out) {
  size_t no = strlen(open), nc = strlen(close), hl = 0;
  out->len = 0;
  while (*s) {
    if (no && !strncmp(s, open, no)) {
      buf_add(out, open, no);
      s += no, hl = out->len;
      continue;
    }
    if (nc && !strncmp(s, close, nc)) {
      size_t k = last_syllable(out, hl);
      size_t ext = words->len
                       ? word_tail(out->data + k, out->len - k, s + nc, words)
                       : 0;
      buf_add(out, s + nc, ext);
      const char *after = s + nc + ext, *e = after;
      while (*e == ' ' || *e == '\t' || *e == '\n' || *e == '\r') e++;
      if (e > after && no && !strncmp(e, open, no)) {
        buf_add(out, after, (size_t)(e - after)); /* the space only */
        s = e + no;
        continue;
      }
      buf_add(out, close, nc);
      s = after;
      continue;
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
  "CASE WHEN ?10 THEN tinsh_offsets(fts, ?11) END AS offs "                \
  "FROM fts WHERE fts MATCH ?1" RANK                                       \
  " ORDER BY rank LIMIT ?2 OFFSET ?3) "                                    \
  "h JOIN documents d ON d.id = h.id ORDER BY h.score, d.id"
static const char search_sql[] = SEARCH_SQL("");
static const char search_adjacent_sql[] = SEARCH_SQL(" AND rank MATCH ?4");

/* fts_word_fn: does any document hold word token tok (one FTS5 token,
** syllables joined by FTS_WORD_JOIN)? An index built before word tokens
** holds none, so its queries stay on syllables. */
static int has_word(void *ctx, const char *tok, int ntok) {
  store *s = ctx;
  sqlite3_stmt *st;
  int found = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return 0;
  buf q;
  buf_init(&q);
  buf_printf(&q, "\"%.*s\"", ntok, tok);
  sqlite3_bind_text(st, 1, q.data, (int)q.len, SQLITE_STATIC);
  found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  buf_free(&q);
  return found;
}

/* Append to out, one a line, the first column of st's rows (st bound). */
static void add_rows(sqlite3_stmt *st, buf *out) {
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *f = (const char *)sqlite3_column_text(st, 0);
    if (!f) continue;
    if (out->len) buf_addc(out, '\n');
    buf_adds(out, f);
  }
}

/*
** fts_forms_fn: the written forms of word token tok that documents may
** hold with the segmenter splitting them otherwise. An accented query
** word is its own form ("quảng_ninh": "quảng ninh"); an unaccented one
** has the accented forms the ingest counted as that word (word_stats,
** most frequent first, at most 4, each seen twice or more; "tham nhung": "tham
*nhũng", never
** "thăm những", which is no word). A form without diacritics would match
** every accented variant, so it is never one. NULL: no form.
*/
static char *known_forms(void *ctx, const char *tok, int ntok) {
  store *s = ctx;
  char *key = xmalloc((size_t)ntok + 1);
  for (int i = 0; i < ntok; i++)
    key[i] = tok[i] == FTS_WORD_JOIN ? ' ' : tok[i];
  key[ntok] = 0;
  size_t pn = 0;
  char *plain = text_fold_alloc(key, (size_t)ntok, TEXT_FOLD_ACCENTS, &pn);
  sqlite3_stmt *st = NULL;
  buf out;
  buf_init(&out);
  if (plain && (pn != (size_t)ntok || memcmp(plain, key, pn) != 0)) {
    buf_adds(&out, key); /* accented: exactly this form */
  } else if (plain &&
             sqlite3_prepare_v2(s->db,
                                "SELECT word FROM word_stats WHERE "
                                "plain = ?1 AND word <> ?1 AND count >= 2 "
                                "ORDER BY "
                                "count DESC, word LIMIT 4",
                                -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, plain, (int)pn, SQLITE_STATIC);
    add_rows(st, &out);
  }
  sqlite3_finalize(st);
  free(plain);
  free(key);
  return out.len ? buf_detach(&out) : (buf_free(&out), NULL);
}

/* The MATCH expression of a query; plain queries get their words joined
** (fts_plain_query_forms, with their known forms), the run and the
** phrases' spans. */
static char *match_expr(store *s, const char *query, int raw, char **run,
                        char **spans) {
  if (run) *run = NULL;
  if (spans) *spans = NULL;
  if (raw) return xstrdup(query ? query : "");
  int words = store_fts_words(s);
  return fts_plain_query_forms(query, words ? has_word : NULL,
                               words ? known_forms : NULL, s, run, spans);
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

/* Does any document match m? 1, 0, or -1 on error (message in *err). */
static int any_match(store *s, const char *m, char **err) {
  sqlite3_stmt *st;
  int rc = -1;
  if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT 1",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
  }
  if (rc < 0) *err = store_msg("%s", sqlite3_errmsg(s->db));
  return rc;
}

/* The number of query words in spans ("2 +2 1": 2; "+n" is another form
** of the word before it, not a word of its own). */
static int span_words(const char *spans) {
  int n = 0;
  for (const char *p = spans; p && *p; p++)
    if (*p != ' ' && *p != '+' && (p == spans || p[-1] == ' ')) n++;
  return n;
}

/*
** Plain queries of two or more words rank documents holding the words
** side by side higher: tinsh_rank (fts.c) with the number of documents
** that hold them so, and the weights of the configured bm25 rank. NULL
** when no document holds them side by side (bm25 ranks alone). When the
** words were joined into one word token (spans name one query word),
** tinsh_rank counts no run in any row, so the run's document count
** cannot change a score: whether one document holds the run is asked
** (LIMIT 1) instead of counting them all (an extra pass over the
** matching documents' positions).
*/
static char *adjacent_rank(store *s, const char *run, const char *spans,
                           char **err) {
  int64_t n = span_words(spans) >= 2 ? count_matches(s, run, err)
                                     : any_match(s, run, err);
  if (n <= 0) return NULL;
  buf b;
  buf_init(&b);
  buf_printf(&b, "tinsh_rank(%lld, '%s', " STORE_RANK_WEIGHTS ")", (long long)n,
             spans ? spans : "");
  return buf_detach(&b);
}

static int has_unaccented(const char *q);

store_search *store_search_open(store *s, const char *query,
                                const store_search_opts *o, char **err) {
  static const store_search_opts defaults = {0};
  if (!o) o = &defaults;
  *err = NULL;
  store_search *q = xcalloc(1, sizeof *q);
  char *run = NULL, *rank = NULL;
  char *m =
      match_expr(s, query, o->raw, o->no_adjacent ? NULL : &run, &q->spans);
  if (!m || !*m) {
    free(m);
    free(run);
    return q; /* nothing to search for: no hits */
  }
  if (run) {
    rank = adjacent_rank(s, run, q->spans, err);
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
  /* the forms are read at the hits' offsets: tinsh_offsets (which
  ** tokenizes each hit's columns again) runs when they are asked for or
  ** when forms will be counted, not for a query without forms to count */
  if (o->forms && !o->raw && query && has_unaccented(query))
    sqlite3_prepare_v2(s->db,
                       "SELECT title, lead, body, captions, answers FROM "
                       "fts_content WHERE id = ?1",
                       -1, &q->texts, NULL);
  q->offsets = o->offsets || q->texts;
  if (ntok > 64) ntok = 64; /* FTS5's maximum */
  sqlite3_bind_text(q->st, 1, m, -1, SQLITE_TRANSIENT);
  query_words(m, &q->words);
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
  sqlite3_bind_int(q->st, 10, q->offsets);
  sqlite3_bind_text(q->st, 11, q->spans, -1, SQLITE_STATIC);
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

/* Count form t[0..n) (case-folded, white space made single spaces). */
static void add_form(store_search *q, const char *t, size_t n) {
  size_t m = 0;
  char *f = text_fold_alloc(t, n, TEXT_FOLD_CASE, &m);
  if (!f) return;
  size_t k = 0;
  for (size_t i = 0; i < m; i++) {
    int sp = f[i] == ' ' || f[i] == '\n' || f[i] == '\t' || f[i] == '\r';
    if (!sp || (k && f[k - 1] != ' ')) f[k++] = sp ? ' ' : f[i];
  }
  f[k] = 0;
  for (int i = 0; i < q->nforms; i++)
    if (!strcmp(q->forms[i].text, f)) {
      q->forms[i].n++;
      free(f);
      return;
    }
  if (q->nforms == q->cforms) {
    q->cforms = q->cforms ? q->cforms * 2 : 8;
    q->forms = xrealloc(q->forms, (size_t)q->cforms * sizeof *q->forms);
  }
  q->forms[q->nforms].text = f;
  q->forms[q->nforms++].n = 1;
}

/* Count the forms of one hit: the text of its offsets ("col start end
** ..."), read from fts_content. */
static void count_forms(store_search *q, int64_t id, const char *offs) {
  sqlite3_reset(q->texts);
  sqlite3_bind_int64(q->texts, 1, id);
  if (sqlite3_step(q->texts) != SQLITE_ROW) return;
  int col, a, b, used;
  while (sscanf(offs, "%d %d %d%n", &col, &a, &b, &used) == 3) {
    offs += used;
    if (col < 0 || col >= sqlite3_column_count(q->texts)) continue;
    const char *t = (const char *)sqlite3_column_text(q->texts, col);
    int n = sqlite3_column_bytes(q->texts, col);
    if (t && a >= 0 && a < b && b <= n) add_form(q, t + a, (size_t)(b - a));
  }
}

static int form_cmp(const void *x, const void *y) {
  const struct form *a = x, *b = y;
  return a->n != b->n ? b->n - a->n : strcmp(a->text, b->text);
}

char *store_search_forms(store_search *q, int max) {
  if (!q || !q->texts || q->nforms == 0) return NULL;
  qsort(q->forms, (size_t)q->nforms, sizeof *q->forms, form_cmp);
  buf b;
  buf_init(&b);
  for (int i = 0; i < q->nforms && (max <= 0 || i < max); i++)
    buf_printf(&b, "%s%s %d", i ? " · " : "", q->forms[i].text, q->forms[i].n);
  return buf_detach(&b);
}

/* Does plain query q hold a word without diacritics ("tham nhũng": yes)? */
static int has_unaccented(const char *q) {
  int found = 0;
  for (const char *p = q; *p && !found;) {
    while (*p == ' ' || *p == '\t' || *p == '"') p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != '\t' && *e != '"') e++;
    size_t n1 = 0, n2 = 0;
    char *c = text_fold_alloc(p, (size_t)(e - p), TEXT_FOLD_CASE, &n1);
    char *a = text_fold_alloc(p, (size_t)(e - p), TEXT_FOLD_ACCENTS, &n2);
    found = c && a && n1 && n1 == n2 && !memcmp(c, a, n1);
    free(c), free(a);
    p = e;
  }
  return found;
}

/*
** Offsets offs ("col start end ...") into out with each span once, in
** order: a word and a form of it (`("a_b" OR "a b")`) both hit the same
** span of a document that holds the word.
*/
static const char *unique_offsets(const char *offs, buf *out) {
  int(*seen)[3] = NULL, n = 0, cap = 0, col, a, b, used;
  out->len = 0;
  while (sscanf(offs, "%d %d %d%n", &col, &a, &b, &used) == 3) {
    offs += used;
    int dup = 0;
    for (int i = 0; i < n && !dup; i++)
      dup = seen[i][0] == col && seen[i][1] == a && seen[i][2] == b;
    if (dup) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      seen = xrealloc(seen, (size_t)cap * sizeof *seen);
    }
    seen[n][0] = col, seen[n][1] = a, seen[n++][2] = b;
    buf_printf(out, "%s%d %d %d", out->len ? " " : "", col, a, b);
  }
  free(seen);
  buf_addc(out, 0);
  return out->data;
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
    merge_hits(snip, q->open, q->close, &q->words, &q->snip);
    h->snippet = q->snip.data;
  }
  const char *offs = (const char *)sqlite3_column_text(st, 7);
  h->offsets = q->offsets && offs ? unique_offsets(offs, &q->offs) : NULL;
  if (q->texts && h->offsets) count_forms(q, h->id, h->offsets);
  return 1;
}

void store_search_close(store_search *q) {
  if (!q) return;
  sqlite3_finalize(q->texts);
  for (int i = 0; i < q->nforms; i++) free(q->forms[i].text);
  free(q->forms);
  sqlite3_finalize(q->st);
  free(q->open);
  free(q->close);
  free(q->spans);
  buf_free(&q->words);
  buf_free(&q->snip);
  buf_free(&q->offs);
  free(q);
}

int64_t store_search_count(store *s, const char *query, int raw, char **err) {
  *err = NULL;
  char *m = match_expr(s, query, raw, NULL, NULL);
  int64_t n = m && *m ? count_matches(s, m, err) : 0;
  free(m);
  return n;
}
