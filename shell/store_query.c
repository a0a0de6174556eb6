/*
** store_query.c — running a pattern over the corpus: the candidate
** documents' SQL (FTS5 MATCH on the words every match needs, EXISTS on
** the facts it needs, the "::" conditions with bound parameters), then
** for each candidate the token stream of every searched block, its fact
** spans, and the matcher (per sentence under `within sentence`).
*/
#include "store_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fact_schema.h"
#include "interrupt.h"
#include "query_facts.h"
#include "query_maps.h"
#include "query_vocab.h"
#include "segment.h"
#include "store_facts.h"
#include "store_int.h"
#include "store_words.h"

/* SQL tinsh_query_re(re, text): 1 when the regex matches text anywhere
** (caseless), 0 when not, NULL for a NULL text. */
static void sql_re(sqlite3_context *c, int argc, sqlite3_value **v) {
  (void)argc;
  const char *re = (const char *)sqlite3_value_text(v[0]);
  const char *t = (const char *)sqlite3_value_text(v[1]);
  if (!re || !t) return;
  int r = q_regex_search(re, (size_t)sqlite3_value_bytes(v[0]), t,
                         (size_t)sqlite3_value_bytes(v[1]));
  if (r < 0)
    sqlite3_result_error(c, "bad regex", -1);
  else
    sqlite3_result_int(c, r);
}

/* The candidate documents' statement (parameters bound; fts the FTS5
** MATCH expression, or NULL). */
static sqlite3_stmt *cand_stmt(store *s, const q_pattern *p,
                               const char *fts_expr, char **err) {
  buf b;
  buf_init(&b);
  buf_adds(&b, "SELECT d.id FROM documents d WHERE 1");
  if (q_where(p)) buf_printf(&b, " AND %s", q_where(p));
  int fts = q_nparams(p) + 1;
  if (fts_expr)
    buf_printf(&b, " AND d.id IN (SELECT rowid FROM fts WHERE fts MATCH ?%d)",
               fts);
  for (int k = 0; k < FK__COUNT; k++)
    if (q_required_facts(p) & (1u << k))
      buf_printf(&b, " AND EXISTS(SELECT 1 FROM %s f WHERE f.doc = d.id)",
                 fact_kinds[k].table);
  buf_adds(&b, " ORDER BY d.id");
  sqlite3_create_function(s->db, "tinsh_query_re", 2,
                          SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_re,
                          NULL, NULL);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, b.data, -1, &st, NULL) != SQLITE_OK)
    *err = store_msg("%s", sqlite3_errmsg(s->db));
  buf_free(&b);
  for (int i = 0; st && i < q_nparams(p); i++) {
    const q_param *pa = q_param_at(p, i);
    if (pa->is_num)
      sqlite3_bind_double(st, i + 1, pa->num);
    else
      sqlite3_bind_text(st, i + 1, pa->str, -1, SQLITE_STATIC);
  }
  if (st && fts_expr) sqlite3_bind_text(st, fts, fts_expr, -1, SQLITE_STATIC);
  return st;
}

typedef struct qrun {
  const q_pattern *p;
  q_matcher *m;
  q_hit h;
  q_hit_fn cb;
  void *ud;
  long budget;
  unsigned interrupts;           /* interrupt_count() when the run began */
  sqlite3_stmt *doc_st, *blk_st; /* prepared once for every candidate */
  VEC(int) seqs;                 /* seq of each loaded block */
  q_run_stats *stats;            /* never NULL */
  q_maps maps;                   /* token positions from doc_tokmap */
  int use_maps;
} qrun;

/*
** Load what matching document id needs: path, title and text, the blocks
** of the searched kinds (their own text, else their span of the text),
** the facts only when the pattern tests facts. NULL when there is no
** such document.
*/
static doc *load_doc(store *s, qrun *r, int64_t id) {
  sqlite3_reset(r->doc_st), sqlite3_reset(r->blk_st);
  sqlite3_bind_int64(r->doc_st, 1, id), sqlite3_bind_int64(r->blk_st, 1, id);
  if (sqlite3_step(r->doc_st) != SQLITE_ROW) return NULL;
  const char *path = (const char *)sqlite3_column_text(r->doc_st, 0);
  doc *d = doc_new(path ? path : "");
  const char *t = (const char *)sqlite3_column_text(r->doc_st, 1);
  if (t) d->title = doc_str(d, t, strlen(t));
  const char *text = (const char *)sqlite3_column_text(r->doc_st, 2);
  size_t len = (size_t)sqlite3_column_bytes(r->doc_st, 2);
  r->seqs.n = 0;
  while (sqlite3_step(r->blk_st) == SQLITE_ROW) {
    const char *kn = (const char *)sqlite3_column_text(r->blk_st, 0);
    int k = kn ? doc_kind_from_name(kn) : -1;
    int64_t off = sqlite3_column_int64(r->blk_st, 1);
    int64_t n = sqlite3_column_int64(r->blk_st, 2);
    const char *own = (const char *)sqlite3_column_text(r->blk_st, 3);
    if (k < 0 || !(q_kinds(r->p) & (1u << k))) continue;
    if (!own && (!text || !util_span_ok(off, n, len))) continue;
    doc_block b = {
        (doc_kind)k,
        own ? doc_str(d, own, strlen(own)) : doc_str(d, text + off, (size_t)n),
        (size_t)off, (size_t)n};
    VEC_PUSH(d->blocks, b);
    VEC_PUSH(r->seqs, sqlite3_column_int(r->blk_st, 4));
  }
  if (q_fact_kinds(r->p)) store_facts_load(s, d, id);
  return d;
}

/* Prepare the loader's statements; 0, or -1 with *err. */
static int prepare_loader(store *s, qrun *r, char **err) {
  if (sqlite3_prepare_v2(s->db,
                         "SELECT path, title, text FROM documents WHERE id "
                         "= ?1",
                         -1, &r->doc_st, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(s->db,
                         "SELECT kind, off, len, text, seq FROM block_rows "
                         "WHERE doc = ?1 ORDER BY seq",
                         -1, &r->blk_st, NULL) == SQLITE_OK)
    return 0;
  *err = store_msg("%s", sqlite3_errmsg(s->db));
  return -1;
}

/* The matcher's stop poll: Ctrl-C or a sandbox limit since the run began. */
static int stop_now(void *ctx) {
  const qrun *r = ctx;
  return interrupt_count() != r->interrupts;
}

static int on_match(void *ctx, const q_match *m) {
  qrun *r = ctx;
  r->h.m = m;
  return r->cb(r->ud, &r->h);
}

/* Match the stream whole, or sentence by sentence. */
static int match_stream(qrun *r, const q_stream *st) {
  long budget = r->budget;
  if (!q_in_sentence(r->p))
    return q_match_range(r->m, st, 0, st->ntok, &budget, on_match, r);
  int from = 0, rc = 0;
  for (int i = 0; i < st->ntok && rc == 0; i++)
    if (st->tok[i].sent_end || i == st->ntok - 1) {
      rc = q_match_range(r->m, st, from, i + 1, &budget, on_match, r);
      from = i + 1;
    }
  return rc;
}

/* Every searched block of d. */
static int run_doc(qrun *r, const doc *d, const q_run_opts *o) {
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    size_t n = strlen(b->text);
    if (!q_block_may_match(r->p, d, b->text, n, r->seqs.items[i])) continue;
    q_stream st;
    r->stats->blocks++;
    int m = r->use_maps
                ? q_maps_stream(&r->maps, &st, r->seqs.items[i], b->text, n)
                : 0;
    r->stats->mapped += m;
    if (!m && q_stream_build(&st, b->text, n, o->lex, q_syllables(r->p)))
      return -1;
    q_stream_facts(&st, d, r->seqs.items[i], q_fact_kinds(r->p));
    r->h.seq = r->seqs.items[i], r->h.kind = doc_kind_name(b->kind);
    r->h.text = b->text, r->h.st = &st;
    int rc = match_stream(r, &st);
    q_stream_free(&st);
    if (rc) return rc;
  }
  return 0;
}

static int id_cmp(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* Is id among the documents the caller asked for (sorted)? */
static int wanted(const int64_t *docs, size_t n, int64_t id) {
  return !docs || bsearch(&id, docs, n, sizeof id, id_cmp) != NULL;
}

/*
** The documents the run may read (sorted, distinct; NULL: all): the
** caller's, and unless o->no_index those holding a fact that passes each
** fact test with conditions every match passes (q_fact_docs).
*/
static int64_t *wanted_docs(store *s, const q_pattern *p, const q_run_opts *o,
                            size_t *n) {
  int64_t *docs = NULL, *fd = NULL;
  *n = 0;
  if (o->docs) {
    docs = xmalloc((o->ndocs + 1) * sizeof *docs);
    memcpy(docs, o->docs, o->ndocs * sizeof *docs);
    if (o->ndocs) qsort(docs, o->ndocs, sizeof *docs, id_cmp);
    for (size_t i = 0; i < o->ndocs; i++)
      if (*n == 0 || docs[*n - 1] != docs[i]) docs[(*n)++] = docs[i];
  }
  long nf = o->no_index ? -1 : q_fact_docs(s, p, &fd);
  if (nf < 0) return docs;
  size_t m = (size_t)nf;
  if (docs) q_ids_intersect(fd, &m, docs, *n);
  free(docs);
  *n = m;
  snprintf(o->stats->plan + strlen(o->stats->plan),
           sizeof o->stats->plan - strlen(o->stats->plan),
           "; fact tables: %zu documents", m);
  return fd ? fd : xmalloc(sizeof *fd);
}

static int run_id(store *s, qrun *r, const q_run_opts *o, int64_t id,
                  char **err) {
  doc *d = load_doc(s, r, id);
  if (!d) return 0;
  r->stats->candidates++;
  if (r->use_maps) q_maps_doc(&r->maps, id);
  r->h.rowid = id, r->h.title = d->title, r->h.path = d->path;
  int rc = run_doc(r, d, o);
  doc_free(d);
  if (rc == Q_STOPPED) {
    *err = store_msg("interrupted");
    return -1;
  }
  if (rc == Q_BUDGET_EXCEEDED || rc == -1) {
    *err = store_msg(rc == -1 ? "out of memory"
                              : "the pattern takes too many steps on document "
                                "%lld (simplify it)",
                     (long long)id);
    return -1;
  }
  return rc;
}

/* Has the database no user words (the default lexicon is its own)? */
static int no_user_words(store *s) {
  char *u = store_words_text(s);
  int none = u && !*u;
  free(u);
  return none;
}

/*
** The FTS5 expression of the candidates (malloc'd; NULL: none), with p's
** regex token tests turned into the vocabulary words they match unless
** o->no_index; *none: no document can match. The plan goes to o->stats (not
*NULL).
*/
static char *cand_fts(store *s, const q_pattern *p, const q_run_opts *o,
                      int *none) {
  *none = 0;
  if (o->no_index || q_fts_regexes(p) == 0) {
    snprintf(o->stats->plan, sizeof o->stats->plan, "%s",
             q_fts(p) ? "fts" : "all documents");
    return q_fts(p) ? xstrdup(q_fts(p)) : NULL;
  }
  q_vocab v;
  q_vocab_open(&v, s, p, o->corpus_lex);
  if (o->vocab_max > 0) v.max = o->vocab_max;
  char *f = q_fts_expand(p, q_vocab_terms, &v, none);
  snprintf(o->stats->plan, sizeof o->stats->plan, "%s (%s)",
           *none ? "none"
           : f   ? "fts"
                 : "all documents",
           v.note.len ? v.note.data : "");
  q_vocab_close(&v);
  return f;
}

/* Set r up for a run of p (its loader prepared: 0, or -1 with *err). */
static int run_init(qrun *r, store *s, const q_pattern *p, const q_run_opts *o,
                    char **err) {
  memset(r, 0, sizeof *r);
  r->p = p, r->m = q_matcher_new(p), r->stats = o->stats;
  r->budget = o->budget > 0 ? o->budget : Q_BLOCK_BUDGET;
  r->interrupts = interrupt_count();
  q_matcher_set_stop(r->m, stop_now, r);
  r->use_maps =
      !o->no_index && q_maps_open(&r->maps, s, q_syllables(p), o->corpus_lex);
  return prepare_loader(s, r, err);
}

static void run_free(qrun *r) {
  sqlite3_finalize(r->doc_st), sqlite3_finalize(r->blk_st);
  free(r->seqs.items);
  q_maps_close(&r->maps);
  q_matcher_free(r->m);
}

/* Run every candidate of st that docs[0..n) keeps (docs NULL: all). */
static int run_cands(store *s, qrun *r, const q_run_opts *o, sqlite3_stmt *st,
                     const int64_t *docs, size_t n, char **err) {
  int rc = 0, step = SQLITE_DONE;
  while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (wanted(docs, n, id)) rc = run_id(s, r, o, id, err);
  }
  if (rc == 0 && step != SQLITE_DONE) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    rc = -1;
  }
  return rc;
}

int store_query_run(store *s, const q_pattern *p, const q_run_opts *o,
                    q_hit_fn cb, void *ud, char **err) {
  *err = NULL;
  q_run_stats own;
  q_run_opts oo = *o;
  if (!oo.stats) oo.stats = &own;
  if (!oo.corpus_lex && (!oo.lex || oo.lex == seg_lex_default()))
    oo.corpus_lex = no_user_words(s);
  memset(oo.stats, 0, sizeof *oo.stats);
  int none;
  char *fts = cand_fts(s, p, &oo, &none);
  if (none) return 0;
  sqlite3_stmt *st = cand_stmt(s, p, fts, err);
  if (!st) return free(fts), -1;
  size_t ndocs;
  int64_t *docs = wanted_docs(s, p, &oo, &ndocs);
  qrun r;
  int rc = run_init(&r, s, p, &oo, err);
  r.cb = cb, r.ud = ud;
  if (rc == 0) rc = run_cands(s, &r, &oo, st, docs, ndocs, err);
  run_free(&r);
  sqlite3_finalize(st);
  free(fts), free(docs);
  return rc;
}
