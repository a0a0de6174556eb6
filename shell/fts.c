/*
** fts.c — the tinsh FTS5 tokenizer (v1 fts5_tokenizer API, SQLite 3.40),
** the tinsh_offsets() auxiliary function and plain-query escaping.
** See fts.h for the token rules.
*/
#include "fts.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "text.h"
#include "util.h"

/* ---- word tokens: the segmenter's words on top of fts_scan ---- */

/* A multi-syllable word found by the segmenter: bytes [from, to). */
typedef struct wspan {
  int from, to, nsyl;
} wspan;

/* fts_tokenize in document mode: the words, the caller's callback, and
** the word to emit once its first syllable's tokens are out. */
typedef struct wctx {
  const char *text;
  fts_token_fn cb;
  void *ctx;
  wspan *w;
  int nw, wi;
  const wspan *pending;
  const seg_spans *sp; /* the text's spans and their folds, or NULL */
  size_t si, psi;      /* the span at the current position, at pending's */
  int mode;            /* FTS_DOCUMENT or FTS_INDEX */
} wctx;

/* Keep key[0..n) in o's key buffer; its offset. */
static int keep_key(fts_words *o, const char *key, size_t n) {
  if (o->nkeys + n > o->capkeys) {
    o->capkeys = (o->capkeys + n) * 2;
    o->keys = xrealloc(o->keys, o->capkeys);
  }
  memcpy(o->keys + o->nkeys, key, n);
  o->nkeys += n;
  return (int)(o->nkeys - n);
}

/* seg_words_k callback: every word, in text order, with its key (but a
** number's). */
static int collect_word(void *ctx, size_t from, size_t to, int nsyl, int kind,
                        const char *key, size_t nkey) {
  fts_words *o = ctx;
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 256;
    o->w = xrealloc(o->w, (size_t)o->cap * sizeof *o->w);
  }
  int keyed = kind != SEG_NUMBER && nkey < (1u << 20);
  o->w[o->n++] = (fts_word){(int)from,
                            (int)to,
                            nsyl,
                            kind,
                            keyed ? keep_key(o, key, nkey) : 0,
                            keyed ? (int)nkey : 0};
  return 0;
}

void fts_segment(const seg_lex *lex, const char *text, int n, fts_words *out) {
  fts_segment_spans(lex, text, n, NULL, out);
}

void fts_segment_spans(const seg_lex *lex, const char *text, int n,
                       const seg_spans *sp, fts_words *out) {
  out->n = 0;
  out->nkeys = 0;
  if (!lex) lex = seg_lex_default();
  if (!lex || !text || n <= 0) return;
  if (sp)
    seg_words_spans(lex, text, (size_t)n, sp, collect_word, out);
  else
    seg_words_k(lex, text, (size_t)n, collect_word, out);
}

void fts_words_free(fts_words *w) {
  free(w->w);
  free(w->keys);
  memset(w, 0, sizeof *w);
}

/* The word tokens' spans of ws: its words of two or more syllables
** (malloc'd, *nw of them; NULL for none). */
static wspan *word_spans(const fts_words *ws, int *nw) {
  wspan *v = NULL;
  *nw = 0;
  for (int i = 0; i < ws->n; i++) {
    const fts_word *w = &ws->w[i];
    if (w->nsyl < 2 || w->kind == SEG_NUMBER) continue;
    if (!v) v = xmalloc((size_t)(ws->n - i) * sizeof *v);
    v[(*nw)++] = (wspan){w->from, w->to, w->nsyl};
  }
  return v;
}

/* Spaces of key k[0..n) turned into FTS_WORD_JOIN. */
static void join_key(char *k, int n) {
  for (int i = 0; i < n; i++)
    if (k[i] == ' ') k[i] = FTS_WORD_JOIN;
}

#define WORD_KEY_MAX 512 /* longer words (never seen) get no word token */

/*
** Both keys of w joined from the folds of its syllables, the spans
** x->sp->v[x->psi...] (one space between them, as fts_fold_pair would fold
** the word's bytes): 0, or -1 when a syllable was not folded. Lengths 0
** when a key does not fit WORD_KEY_MAX, as fts_fold_pair gives.
*/
static int join_folds(const wctx *x, const wspan *w, char *st, int *ns,
                      char *ex, int *ne) {
  const seg_spans *sp = x->sp;
  if (!sp || x->psi + (size_t)w->nsyl > sp->n ||
      (int)sp->v[x->psi].start != w->from)
    return -1;
  int a = 0, b = 0, over = 0;
  for (int k = 0; k < w->nsyl; k++) {
    const seg_span *v = &sp->v[x->psi + (size_t)k];
    if (v->nex < 0) return -1;
    over |=
        a + !!k + v->nex >= WORD_KEY_MAX || b + !!k + v->nst >= WORD_KEY_MAX;
    if (over) continue; /* no key, but every syllable must be folded */
    if (k) ex[a++] = st[b++] = FTS_WORD_JOIN;
    memcpy(ex + a, sp->fold + v->fex, (size_t)v->nex);
    memcpy(st + b, sp->fold + v->fex + v->nex, (size_t)v->nst);
    a += v->nex, b += v->nst;
  }
  *ne = over ? 0 : a, *ns = over ? 0 : b;
  return 0;
}

/* Emit the word tokens of w (fts_forms_emit's, of its stripped and exact
** keys), colocated with its first syllable. */
static int emit_word(wctx *x, const wspan *w) {
  char st[WORD_KEY_MAX], ex[WORD_KEY_MAX];
  int ns, ne; /* one pass for both keys; invalid UTF-8: no key */
  if (join_folds(x, w, st, &ns, ex, &ne) != 0) {
    fts_fold_pair(x->text + w->from, w->to - w->from, st, &ns, ex, &ne,
                  WORD_KEY_MAX);
    join_key(st, ns);
    join_key(ex, ne);
  }
  return fts_forms_emit(x->cb, x->ctx, x->mode, FTS_COLOCATED, ex, ne, st, ns,
                        w->from, w->to);
}

/* The word that starts at byte s, if any (words come in text order). */
static const wspan *word_at(wctx *x, int s) {
  while (x->wi < x->nw && x->w[x->wi].from < s) x->wi++;
  return x->wi < x->nw && x->w[x->wi].from == s ? &x->w[x->wi] : NULL;
}

/* fts_scan callback: a token at a new position first emits the word
** tokens of the position before, then notes the word starting here. */
static int word_token(void *ctx, int tflags, const char *tok, int ntok,
                      int start, int end) {
  wctx *x = ctx;
  if (!(tflags & FTS_COLOCATED)) {
    const wspan *p = x->pending;
    x->pending = NULL;
    int rc = p ? emit_word(x, p) : 0;
    if (rc) return rc;
    x->pending = word_at(x, start);
    if (x->pending && x->sp) { /* its first syllable's span */
      while (x->si < x->sp->n && (int)x->sp->v[x->si].start < start) x->si++;
      x->psi = x->si;
    }
  }
  return x->cb(x->ctx, tflags, tok, ntok, start, end);
}

/* Document-mode tokens of text[0..n): from the spans sp when given, else
** scanning the text. */
static int doc_scan(const char *text, int n, const seg_spans *sp, int mode,
                    fts_token_fn cb, void *ctx) {
  return sp ? fts_scan_spans(text, n, sp, mode, cb, ctx)
            : fts_scan(text, n, mode, cb, ctx);
}

/* fts_tokenize_seg in mode (FTS_DOCUMENT or FTS_INDEX), reading the spans
** sp when not NULL. */
static int tokenize_words(const char *text, int n, const seg_spans *sp,
                          const fts_words *ws, int mode, fts_token_fn cb,
                          void *ctx) {
  wctx x = {.text = text, .cb = cb, .ctx = ctx, .sp = sp, .mode = mode};
  x.w = word_spans(ws, &x.nw);
  if (x.nw == 0) return doc_scan(text, n, sp, mode, cb, ctx);
  int rc = doc_scan(text, n, sp, mode, word_token, &x);
  if (rc == 0 && x.pending) rc = emit_word(&x, x.pending);
  free(x.w);
  return rc;
}

int fts_tokenize_seg(const char *text, int n, const fts_words *ws,
                     fts_token_fn cb, void *ctx) {
  return tokenize_words(text, n, NULL, ws, FTS_DOCUMENT, cb, ctx);
}

int fts_tokenize_lex(const seg_lex *lex, const char *text, int n, int mode,
                     fts_token_fn cb, void *ctx) {
  if (mode != FTS_DOCUMENT && mode != FTS_INDEX)
    return fts_scan(text, n, mode, cb, ctx);
  fts_words ws = {0};
  fts_segment(lex, text, n, &ws);
  int rc = tokenize_words(text, n, NULL, &ws, mode, cb, ctx);
  fts_words_free(&ws);
  return rc;
}

int fts_tokenize(const char *text, int n, int mode, fts_token_fn cb,
                 void *ctx) {
  return fts_tokenize_lex(NULL, text, n, mode, cb, ctx);
}

/* ---- FTS5 glue ---- */

/* One connection's tokenizer: the lexicon of its document mode (NULL: the
** default one). The registration owns it (freed by conf_free). */
typedef struct fts_conf {
  const seg_lex *lex;
} fts_conf;

static void conf_free(void *p) {
  free(p);
}

typedef struct xtok_ctx {
  void *pctx;
  int (*xToken)(void *, int, const char *, int, int, int);
} xtok_ctx;

static int fwd_token(void *ctx, int tflags, const char *tok, int ntok,
                     int start, int end) {
  xtok_ctx *x = ctx;
  return x->xToken(x->pctx, tflags, tok, ntok, start, end);
}

/* One fts table's tokenizer: its connection's fts_conf, and the mode of
** its documents (FTS_INDEX for the argument FTS_FORMS_ARG). */
typedef struct fts_inst {
  const fts_conf *conf;
  int mode;
} fts_inst;

static int tok_create(void *ctx, const char **azArg, int nArg,
                      Fts5Tokenizer **ppOut) {
  int mode = FTS_DOCUMENT;
  if (nArg == 1 && strcmp(azArg[0], FTS_FORMS_ARG) == 0)
    mode = FTS_INDEX;
  else if (nArg > 0) /* an index of a newer tinsh: never read it wrongly */
    return SQLITE_ERROR;
  fts_inst *in = sqlite3_malloc(sizeof *in);
  if (!in) return SQLITE_NOMEM;
  in->conf = ctx, in->mode = mode;
  *ppOut = (Fts5Tokenizer *)(void *)in;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) {
  sqlite3_free(t);
}

/* A query token of an index with dominant forms (fts.h): one with
** diacritics, or of a fold the table does not hold, as it is; one without,
** of a fold of the table, as the fold's dominant form and its marker, and
** for a prefix the token itself, the marker and the table's accented
** beginnings of it. */
typedef struct qtok_ctx {
  xtok_ctx *x;
  int prefix; /* FTS5_TOKENIZE_PREFIX: the term ends with '*' */
} qtok_ctx;

static int fwd_query(void *ctx, int tflags, const char *tok, int ntok,
                     int start, int end) {
  qtok_ctx *q = ctx;
  char st[FTS_FORMS_MAX + 1], ex[FTS_FORMS_MAX + 1];
  int nst, nex;
  if (fts_fold_pair(tok, ntok, st, &nst, ex, &nex, FTS_FORMS_MAX) != 0 ||
      nst != ntok || memcmp(st, tok, (size_t)ntok) != 0)
    return fwd_token(q->x, tflags, tok, ntok, start, end);
  int nd, rc;
  const char *d = fts_forms_dominant(st, nst, &nd, 0);
  if (!d && !q->prefix) /* both forms indexed: the fold finds them all */
    return fwd_token(q->x, tflags, tok, ntok, start, end);
  if (q->prefix) /* every token that starts with the fold's letters */
    rc = fwd_token(q->x, tflags, st, nst, start, end);
  else
    rc = fwd_token(q->x, tflags, d, nd, start, end);
  int nm = fts_forms_marker(st, nst, ex, (int)sizeof ex);
  if (rc == 0 && nm > 0)
    rc = fwd_token(q->x, FTS_COLOCATED, ex, nm, start, end);
  if (rc == 0 && q->prefix)
    rc = fts_forms_prefixes(st, nst, fwd_token, q->x, start, end);
  return rc;
}

/* ---- pre-tokenized replay ---- */

/* Tokens packed as records: flags (1 byte), token length (2), start (4),
** end (4), token bytes. */
struct fts_tokens {
  buf b;
  const seg_lex *lex; /* the lexicon they were made with */
  int mode;           /* and the mode: FTS_DOCUMENT or FTS_INDEX */
};

static int pack_token(void *ctx, int tflags, const char *tok, int ntok,
                      int start, int end) {
  buf *b = ctx;
  if (ntok > 0xFFFF) ntok = 0xFFFF; /* FTS5 keeps far shorter tokens */
  if (b->len + 11 + (size_t)ntok >= b->cap) buf_reserve(b, 11 + (size_t)ntok);
  unsigned char *h = (unsigned char *)b->data + b->len;
  h[0] = (unsigned char)tflags;
  h[1] = (unsigned char)(ntok & 0xFF), h[2] = (unsigned char)(ntok >> 8);
  memcpy(h + 3, &start, 4);
  memcpy(h + 7, &end, 4);
  memcpy(h + 11, tok, (size_t)ntok);
  b->len += 11 + (size_t)ntok;
  return 0;
}

/* Room for the tokens of a text of n bytes: about eight bytes of records
** per byte of text (two forms of a syllable, word tokens, 11-byte
** headers), so that packing rarely moves the buffer. */
static void pack_reserve(buf *b, int n) {
  buf_reserve(b, (size_t)n * 8 + 64);
}

fts_tokens *fts_pretokenize_lex(const seg_lex *lex, const char *text, int n) {
  fts_tokens *t = xcalloc(1, sizeof *t);
  t->lex = lex;
  if (text && n > 0) {
    pack_reserve(&t->b, n);
    fts_tokenize_lex(lex, text, n, FTS_DOCUMENT, pack_token, &t->b);
  }
  return t;
}

fts_tokens *fts_pretokenize_spans(const seg_lex *lex, const char *text, int n,
                                  const seg_spans *sp, const fts_words *ws,
                                  int mode) {
  fts_tokens *t = xcalloc(1, sizeof *t);
  t->lex = lex;
  t->mode = mode;
  if (text && n > 0) {
    pack_reserve(&t->b, n);
    tokenize_words(text, n, sp, ws, mode, pack_token, &t->b);
  }
  return t;
}

fts_tokens *fts_pretokenize_seg(const seg_lex *lex, const char *text, int n,
                                const fts_words *ws) {
  return fts_pretokenize_spans(lex, text, n, NULL, ws, FTS_DOCUMENT);
}

fts_tokens *fts_pretokenize(const char *text, int n) {
  return fts_pretokenize_lex(NULL, text, n);
}

int fts_tokens_each(const fts_tokens *t, fts_token_fn cb, void *ctx) {
  const unsigned char *p = t ? (const unsigned char *)t->b.data : NULL;
  const unsigned char *e = p ? p + t->b.len : NULL;
  while (p && p < e) {
    int ntok = p[1] | (p[2] << 8), start, end;
    memcpy(&start, p + 3, 4);
    memcpy(&end, p + 7, 4);
    int rc = cb(ctx, p[0], (const char *)p + 11, ntok, start, end);
    if (rc) return rc;
    p += 11 + ntok;
  }
  return 0;
}

void fts_tokens_free(fts_tokens *t) {
  if (!t) return;
  buf_free(&t->b);
  free(t);
}

#define REPLAY_MAX 8
static __thread fts_replay replay_q[REPLAY_MAX];
static __thread int replay_n, replay_next;

void fts_replay_set(const fts_replay *cols, int ncol) {
  replay_n = replay_next = 0;
  for (int i = 0; cols && i < ncol && i < REPLAY_MAX; i++)
    replay_q[replay_n++] = cols[i];
}

static int replay(const fts_tokens *t, xtok_ctx *x) {
  const unsigned char *p = (const unsigned char *)t->b.data;
  const unsigned char *e = p + t->b.len;
  while (p && p < e) {
    int ntok = p[1] | (p[2] << 8), start, end;
    memcpy(&start, p + 3, 4);
    memcpy(&end, p + 7, 4);
    int rc = x->xToken(x->pctx, p[0], (const char *)p + 11, ntok, start, end);
    if (rc) return rc;
    p += 11 + ntok;
  }
  return SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *t, void *pCtx, int flags,
                        const char *pText, int nText,
                        int (*xToken)(void *, int, const char *, int, int,
                                      int)) {
  const fts_inst *in = (const fts_inst *)(void *)t;
  const seg_lex *lex = in->conf->lex;
  xtok_ctx x = {pCtx, xToken};
  int mode = (flags & FTS5_TOKENIZE_QUERY) ? FTS_QUERY
             : (flags & FTS5_TOKENIZE_AUX) ? FTS_AUX
                                           : in->mode;
  if (nText <= 0) return SQLITE_OK; /* nothing to tokenize */
  if (mode == in->mode && (flags & FTS5_TOKENIZE_DOCUMENT)) {
    /* empty and NULL columns never reach the tokenizer: skip them */
    while (replay_next < replay_n && replay_q[replay_next].len == 0)
      replay_next++;
    if (replay_next < replay_n) {
      const fts_replay *r = &replay_q[replay_next++];
      if (r->len == nText && r->tokens && r->tokens->mode == mode && r->text &&
          (r->text == pText || memcmp(r->text, pText, (size_t)nText) == 0))
        return replay(r->tokens, &x);
      if (r->tokens) lex = r->tokens->lex; /* the insert's own lexicon */
      replay_n = replay_next = 0; /* out of step: tokenize from here on */
    }
  }
  if (mode == FTS_QUERY && in->mode == FTS_INDEX) {
    qtok_ctx q = {&x, (flags & FTS5_TOKENIZE_PREFIX) != 0};
    return fts_tokenize_lex(lex, pText, nText, mode, fwd_query, &q);
  }
  return fts_tokenize_lex(lex, pText, nText, mode, fwd_token, &x);
}

/* ---- tinsh_offsets(fts [, spans]): byte offsets of the hits ---- */

/*
** Token positions covered by phrase ph: the ph-th number of spans (text
** "2 1 ..." from fts_plain_query_words), else the phrase's size.
*/
static int phrase_span(const Fts5ExtensionApi *api, Fts5Context *fts,
                       const char *spans, int ph) {
  int sz = api->xPhraseSize(fts, ph);
  const char *p = spans;
  for (int i = 0; p && *p; i++) {
    char *e;
    long v = strtol(p, &e, 10);
    if (e == p) break;
    if (i == ph) return v > 0 && v <= 64 ? (int)v : sz;
    p = e;
  }
  return sz;
}

typedef struct inst {
  int first, last; /* token positions covered */
  int start, end;  /* byte offsets found */
} inst;

/* A hit's index in v under one of its positions (the sort key). */
typedef struct hit_ord {
  int pos, k;
} hit_ord;

/* The hits of one column, walked in token order: by_first and by_last
** list them sorted by first and by last position, and nf, nl count those
** already behind the current token. */
typedef struct off_ctx {
  inst *v;
  int n;
  int pos, maxlast;
  hit_ord *by_first, *by_last;
  int nf, nl;
} off_ctx;

static int cmp_ord(const void *a, const void *b) {
  const hit_ord *x = a, *y = b;
  if (x->pos != y->pos) return (x->pos > y->pos) - (x->pos < y->pos);
  return (x->k > y->k) - (x->k < y->k);
}

/* Set up o over hits v[0..n) (ord: room for 2n): the two orders and the
** last position. */
static void off_init(off_ctx *o, inst *v, int n, hit_ord *ord) {
  *o =
      (off_ctx){.v = v, .n = n, .pos = -1, .by_first = ord, .by_last = ord + n};
  for (int k = 0; k < n; k++) {
    ord[k] = (hit_ord){v[k].first, k}, ord[n + k] = (hit_ord){v[k].last, k};
    if (v[k].last > o->maxlast) o->maxlast = v[k].last;
  }
  qsort(o->by_first, (size_t)n, sizeof *ord, cmp_ord);
  qsort(o->by_last, (size_t)n, sizeof *ord, cmp_ord);
}

static int off_token(void *ctx, int tflags, const char *tok, int ntok,
                     int start, int end) {
  off_ctx *o = ctx;
  if (!(tflags & FTS5_TOKEN_COLOCATED)) o->pos++;
  if (o->pos > o->maxlast) return SQLITE_DONE; /* past the last hit */
  if (memchr(tok, FTS_WORD_JOIN, (size_t)ntok) && (tflags & FTS_COLOCATED))
    return SQLITE_OK; /* a word token: its syllables give the offsets */
  while (o->nf < o->n && o->by_first[o->nf].pos < o->pos) o->nf++;
  for (int f = o->nf; f < o->n && o->by_first[f].pos == o->pos; f++)
    if (o->v[o->by_first[f].k].start < 0) o->v[o->by_first[f].k].start = start;
  while (o->nl < o->n && o->by_last[o->nl].pos < o->pos) o->nl++;
  for (int f = o->nl; f < o->n && o->by_last[f].pos == o->pos; f++)
    o->v[o->by_last[f].k].end = end;
  return SQLITE_OK;
}

/*
** Auxiliary function: for every hit of the current row, re-tokenize the
** column text up to its last hit to turn token positions into byte
** offsets (each token looks only at the hits that start or end there: a
** 1 MB text with 2,000 hits took 0.7 s when every token looked at every
** hit).
*/
static void offsets_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                       sqlite3_context *ctx, int nval, sqlite3_value **vals) {
  const char *spans =
      nval > 0 ? (const char *)sqlite3_value_text(vals[0]) : NULL;
  int ninst = 0, rc = api->xInstCount(fts, &ninst);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  inst *v = xcalloc((size_t)ninst + 1, sizeof *v);
  hit_ord *ord = xcalloc(2 * (size_t)ninst + 1, sizeof *ord);
  buf out;
  buf_init(&out);
  int ncol = api->xColumnCount(fts);
  for (int col = 0; col < ncol && rc == SQLITE_OK; col++) {
    int n = 0;
    for (int i = 0; i < ninst; i++) {
      int ph, c, off;
      if (api->xInst(fts, i, &ph, &c, &off) != SQLITE_OK || c != col) continue;
      int sz = phrase_span(api, fts, spans, ph);
      v[n].first = off;
      v[n].last = off + (sz > 0 ? sz - 1 : 0);
      v[n].start = v[n].end = -1;
      n++;
    }
    if (n == 0) continue;
    const char *z;
    int nz;
    rc = api->xColumnText(fts, col, &z, &nz);
    if (rc != SQLITE_OK || !z) continue;
    off_ctx o;
    off_init(&o, v, n, ord);
    rc = api->xTokenize(fts, z, nz, &o, off_token);
    if (rc == SQLITE_DONE) rc = SQLITE_OK; /* stopped after the last hit */
    for (int k = 0; k < n; k++)
      if (v[k].start >= 0 && v[k].end >= 0)
        buf_printf(&out, "%s%d %d %d", out.len ? " " : "", col, v[k].start,
                   v[k].end);
  }
  free(v);
  free(ord);
  if (rc != SQLITE_OK)
    sqlite3_result_error_code(ctx, rc);
  else
    sqlite3_result_text(ctx, out.data ? out.data : "", (int)out.len,
                        SQLITE_TRANSIENT);
  buf_free(&out);
}

/* ---- tinsh_rank(fts, nrun, w...): bm25 plus words side by side ----
**
** FTS5's bm25 (the same k1 = 1.2, b = 0.75, IDF floor and column weights
** w...) over the query's phrases, plus one more term for the query's
** phrases standing side by side in query order ("mong" then "cai" at the
** next position in the same column): its frequency is the weighted count
** of such runs in the row, its IDF that of nrun documents, the number of
** documents that hold the run (the caller counts them with a phrase
** query). nrun NULL: the largest IDF of the phrases, the lowest the run's
** IDF can be (no more documents hold the run than hold its rarest word).
** This ranks as bm25 over `"w1 w2" OR (w1 w2)` does, without evaluating
** the phrase once more for every matching row.
*/

typedef struct rank_data {
  int nphrase;
  double avgdl, idf_run;
  double *idf, *freq; /* nphrase + 1: the last one is the run */
  int *size;          /* tokens per phrase */
  int *word;          /* the query word of each phrase (spans: "+n" is
                         another form of the word before) */
} rank_data;

static int count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
  (void)api, (void)fts;
  (*(sqlite3_int64 *)ctx)++;
  return SQLITE_OK;
}

static void rank_data_free(void *p) {
  rank_data *d = p;
  if (!d) return;
  free(d->idf);
  free(d->freq);
  free(d->size);
  free(d->word);
  free(d);
}

static double bm25_idf(sqlite3_int64 nrow, sqlite3_int64 nhit) {
  double idf = log(((double)nrow - (double)nhit + 0.5) / ((double)nhit + 0.5));
  return idf > 0 ? idf : 1e-6; /* bm25's floor */
}

static int rank_data_get(const Fts5ExtensionApi *api, Fts5Context *fts,
                         sqlite3_value *nrun, const char *spans,
                         rank_data **out) {
  rank_data *d = api->xGetAuxdata(fts, 0);
  if (d) {
    *out = d;
    return SQLITE_OK;
  }
  d = xcalloc(1, sizeof *d);
  d->nphrase = api->xPhraseCount(fts);
  d->idf = xcalloc((size_t)d->nphrase + 1, sizeof *d->idf);
  d->freq = xcalloc((size_t)d->nphrase + 1, sizeof *d->freq);
  d->size = xcalloc((size_t)d->nphrase + 1, sizeof *d->size);
  d->word = xcalloc((size_t)d->nphrase + 1, sizeof *d->word);
  const char *sp = spans;
  for (int i = 0, w = -1; i < d->nphrase; i++) { /* "2 +2 1": words 0 0 1 */
    while (sp && *sp == ' ') sp++;
    w += !(sp && *sp == '+') || w < 0;
    d->word[i] = w;
    while (sp && *sp && *sp != ' ') sp++;
  }
  sqlite3_int64 nrow = 0, ntok = 0;
  int rc = api->xRowCount(fts, &nrow);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &ntok);
  d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
  if (d->avgdl <= 0) d->avgdl = 1.0;
  for (int i = 0; rc == SQLITE_OK && i < d->nphrase; i++) {
    sqlite3_int64 nhit = 0;
    rc = api->xQueryPhrase(fts, i, &nhit, count_cb);
    d->idf[i] = bm25_idf(nrow, nhit);
    if (d->idf[i] > d->idf_run) d->idf_run = d->idf[i];
    d->size[i] = phrase_span(api, fts, spans, i);
  }
  if (nrun && sqlite3_value_type(nrun) != SQLITE_NULL)
    d->idf_run = bm25_idf(nrow, sqlite3_value_int64(nrun));
  if (rc != SQLITE_OK) {
    rank_data_free(d);
    return rc;
  }
  rc = api->xSetAuxdata(fts, d, rank_data_free); /* frees d on failure */
  if (rc != SQLITE_OK) return rc;
  *out = d;
  return SQLITE_OK;
}

/* Instance i (of phrase ph0, a form of query word 0) starts a run when a
** form of word 1 follows it, one of word 2 follows that, ...; instances
** come sorted by column, then offset. */
static int starts_run(const Fts5ExtensionApi *api, Fts5Context *fts,
                      const rank_data *d, int i, int ninst, int col, int off,
                      int ph0) {
  int want = off + d->size[ph0];
  for (int p = 1; p <= d->word[d->nphrase - 1]; p++) {
    int found = -1;
    for (int j = i + 1; j < ninst && found < 0; j++) {
      int ph, c, o;
      if (api->xInst(fts, j, &ph, &c, &o) != SQLITE_OK) return 0;
      if (c > col || (c == col && o > want)) break;
      if (c == col && o == want && d->word[ph] == p) found = ph;
    }
    if (found < 0) return 0;
    want += d->size[found];
  }
  return 1;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int nval, sqlite3_value **vals) {
  const double k1 = 1.2, b = 0.75;
  rank_data *d = NULL;
  sqlite3_value *nrun = nval > 0 ? vals[0] : NULL;
  const char *spans = NULL;
  if (nval > 0) vals++, nval--; /* then the spans, the column weights */
  if (nval > 0 && sqlite3_value_type(vals[0]) == SQLITE_TEXT)
    spans = (const char *)sqlite3_value_text(vals[0]), vals++, nval--;
  int rc = rank_data_get(api, fts, nrun, spans, &d), ninst = 0;
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &ninst);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  int np = d->nphrase;
  memset(d->freq, 0, sizeof *d->freq * ((size_t)np + 1));
  for (int i = 0; i < ninst; i++) {
    int ph, c, o;
    if ((rc = api->xInst(fts, i, &ph, &c, &o)) != SQLITE_OK) break;
    double w = c < nval ? sqlite3_value_double(vals[c]) : 1.0;
    d->freq[ph] += w;
    if (d->word[ph] == 0 && d->word[np - 1] >= 1 &&
        starts_run(api, fts, d, i, ninst, c, o, ph))
      d->freq[np] += w;
  }
  int ntok = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &ntok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double norm = k1 * (1 - b + b * (double)ntok / d->avgdl), score = 0;
  for (int i = 0; i <= np; i++) {
    double idf = i < np ? d->idf[i] : d->idf_run;
    score += idf * (d->freq[i] * (k1 + 1.0)) / (d->freq[i] + norm);
  }
  sqlite3_result_double(ctx, -score);
}

static fts5_api *get_fts5_api(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

int fts_register(sqlite3 *db) {
  fts5_api *api = get_fts5_api(db);
  if (!api) return SQLITE_ERROR;
  fts5_tokenizer t = {tok_create, tok_delete, tok_tokenize};
  fts_conf *conf = xcalloc(1, sizeof *conf);
  int rc = api->xCreateTokenizer(api, FTS_TOKENIZER_NAME, conf, &t, conf_free);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, "tinsh_offsets", NULL, offsets_fn, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, "tinsh_rank", NULL, rank_fn, NULL);
  return rc;
}

int fts_set_lexicon(sqlite3 *db, const seg_lex *lex) {
  fts5_api *api = get_fts5_api(db);
  void *ud = NULL;
  fts5_tokenizer t;
  if (!api ||
      api->xFindTokenizer(api, FTS_TOKENIZER_NAME, &ud, &t) != SQLITE_OK || !ud)
    return SQLITE_ERROR;
  ((fts_conf *)ud)->lex = lex;
  return SQLITE_OK;
}
