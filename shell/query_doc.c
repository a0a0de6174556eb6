/*
** query_doc.c — the token stream a pattern is matched on: the words of a
** text (the segmenter's, shell/segment.h) or its syllables (the FTS
** scanner's), with their byte spans; every non-space character between
** them is a punctuation token of its own. Then the fact spans: where a
** stored document's facts are written in one block, on token boundaries.
*/
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "query_int.h"
#include "segment.h"
#include "text.h"

typedef struct q_raw {
  size_t from, to;
  int punct;
} q_raw;

typedef VEC(q_raw) q_raws;

static int on_word(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)nsyl, (void)kind;
  q_raws *v = ctx;
  VEC_PUSH(*v, ((q_raw){from, to, 0}));
  return 0;
}

static int on_syl(void *ctx, int tflags, const char *tok, int ntok, int s,
                  int e) {
  (void)tflags, (void)tok, (void)ntok;
  q_raws *v = ctx;
  VEC_PUSH(*v, ((q_raw){(size_t)s, (size_t)e, 0}));
  return 0;
}

/* a white-space code point (no token) */
static int q_space(int32_t cp) {
  return (cp >= 0 && cp <= 0x20) || cp == 0x7F || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}

/* Punctuation tokens for text[from..to): one per non-space character. */
static void add_gap(q_raws *out, const char *text, size_t from, size_t to) {
  while (from < to) {
    int32_t cp;
    int l = text_decode(text + from, to - from, &cp);
    if (!q_space(cp)) VEC_PUSH(*out, ((q_raw){from, from + (size_t)l, 1}));
    from += (size_t)l;
  }
}

/* Append the fold of s[0..n) (NUL-terminated) to b; its offset. */
static size_t add_fold(buf *b, const char *s, size_t n, int accents) {
  size_t at = b->len, m;
  char *f = text_fold_alloc(s, n, accents, &m);
  if (f)
    buf_add(b, f, m);
  else
    buf_add(b, s, n);
  buf_addc(b, '\0');
  free(f);
  return at;
}

/*
** Append both folds of s[0..n) to b (case fold, NUL, accent fold, NUL):
** the index's forms of the token, in one pass (fts_fold_pair), or
** text_fold_alloc for a token too long for it or not valid UTF-8.
** Returns the case fold's offset; *strip gets the accent fold's.
*/
static size_t add_folds(buf *b, const char *s, size_t n, size_t *strip) {
  char f[256], a[256];
  int lf = 0, la = 0;
  if (n > 0 && n < sizeof f &&
      fts_fold_pair(s, (int)n, a, &la, f, &lf, (int)sizeof f) == 0 && lf) {
    size_t at = b->len;
    buf_add(b, f, (size_t)lf), buf_addc(b, '\0');
    *strip = b->len;
    buf_add(b, a, (size_t)la), buf_addc(b, '\0');
    return at;
  }
  size_t at = add_fold(b, s, n, TEXT_FOLD_CASE);
  *strip = add_fold(b, s, n, TEXT_FOLD_ACCENTS);
  return at;
}

static int is_sent_end(const char *s, size_t n) {
  return (n == 1 && (*s == '.' || *s == '!' || *s == '?')) ||
         (n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0);
}

/* Fill st->tok from the words and gaps in w (text order). */
static void fill_tokens(q_stream *st, const q_raws *w) {
  buf b;
  buf_init(&b);
  size_t *at = xcalloc(2 * w->n + 1, sizeof *at);
  st->tok = xcalloc(w->n + 1, sizeof *st->tok);
  for (size_t i = 0; i < w->n; i++) {
    const char *s = st->text + w->items[i].from;
    size_t n = w->items[i].to - w->items[i].from;
    at[2 * i] = add_folds(&b, s, n, &at[2 * i + 1]);
    st->tok[i] = (q_token){w->items[i].from,
                           w->items[i].to,
                           NULL,
                           NULL,
                           w->items[i].punct,
                           w->items[i].punct && is_sent_end(s, n)};
  }
  st->ntok = (int)w->n;
  st->nstrings = b.len;
  st->strings = buf_detach(&b);
  for (size_t i = 0; i < w->n; i++) {
    st->tok[i].fold = st->strings + at[2 * i];
    st->tok[i].strip = st->strings + at[2 * i + 1];
  }
  free(at);
}

int q_stream_build(q_stream *st, const char *text, size_t n,
                   const struct seg_lex *lex, int syl) {
  memset(st, 0, sizeof *st);
  st->text = text, st->len = n;
  q_raws w = {0}, all = {0};
  if (syl)
    fts_scan(text, (int)n, FTS_QUERY, on_syl, &w);
  else if (seg_words(lex ? lex : seg_lex_default(), text, n, on_word, &w) < 0)
    return free(w.items), -1;
  size_t pos = 0;
  for (size_t i = 0; i < w.n; i++) {
    add_gap(&all, text, pos, w.items[i].from);
    VEC_PUSH(all, w.items[i]);
    pos = w.items[i].to;
  }
  add_gap(&all, text, pos, n);
  fill_tokens(st, &all);
  free(w.items), free(all.items);
  st->first = xcalloc((size_t)st->ntok + 2, sizeof *st->first);
  return 0;
}

int q_stream_spans(q_stream *st, const char *text, size_t n,
                   const uint32_t *from, const uint32_t *to, size_t nspan,
                   uint32_t base) {
  memset(st, 0, sizeof *st);
  q_raws all = {0};
  size_t pos = 0, prev = 0;
  for (size_t i = 0; i < nspan; i++) {
    size_t f = from[i] - base, t = to[i] - base;
    if (i > 0 && f >= prev && t <= pos) continue; /* a compound's part */
    if (from[i] < base || f < pos || t <= f || t > n)
      return free(all.items), -1;
    prev = f;
    add_gap(&all, text, pos, f);
    VEC_PUSH(all, ((q_raw){f, t, 0}));
    pos = t;
  }
  add_gap(&all, text, pos, n);
  st->text = text, st->len = n;
  fill_tokens(st, &all);
  free(all.items);
  st->first = xcalloc((size_t)st->ntok + 2, sizeof *st->first);
  return 0;
}

void q_stream_free(q_stream *st) {
  free(st->tok), free(st->span), free(st->first), free(st->strings);
  memset(st, 0, sizeof *st);
}

/* ---- fact spans ---- */

/* The token that starts (end = 0) or ends (end = 1) at byte b, or -1. */
static int tok_at(const q_stream *st, size_t b, int end) {
  int lo = 0, hi = st->ntok - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    size_t v = end ? st->tok[mid].to : st->tok[mid].from;
    if (v == b) return mid;
    if (v < b)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

static void add_span(q_stream *st, int from, int to, int kind,
                     const void *item) {
  if (st->nspan == st->capspan) {
    st->capspan = st->capspan ? 2 * st->capspan : 16;
    st->span = xrealloc(st->span, (size_t)st->capspan * sizeof *st->span);
  }
  st->span[st->nspan++] = (q_span){from, to, kind, item};
}

/*
** The token where one of the strings of titles ends just before byte o
** (white space between), the longest such title: its first token, or -1.
*/
static int title_before(const q_stream *st, const doc_strs *titles, size_t o) {
  while (o > 0 && (st->text[o - 1] == ' ' || st->text[o - 1] == '\n')) o--;
  int best = -1;
  for (size_t i = 0; titles && i < titles->n; i++) {
    size_t n = strlen(titles->items[i]);
    if (n == 0 || n > o || memcmp(st->text + o - n, titles->items[i], n))
      continue;
    int t = tok_at(st, o - n, 0);
    if (t >= 0 && (best < 0 || t < best)) best = t;
  }
  return best;
}

/* Every occurrence of s on token boundaries: a span (extended over a
** title written just before it when titles is given). */
static void locate(q_stream *st, const char *s, int kind, const void *item,
                   const doc_strs *titles) {
  size_t n = s ? strlen(s) : 0;
  if (n == 0) return;
  const char *p = st->text, *end = st->text + st->len;
  while ((p = memmem(p, (size_t)(end - p), s, n)) != NULL) {
    size_t o = (size_t)(p - st->text);
    int i = tok_at(st, o, 0), j = tok_at(st, o + n, 1);
    if (i >= 0 && j >= i) {
      int t = titles ? title_before(st, titles, o) : -1;
      add_span(st, t >= 0 ? t : i, j + 1, kind, item);
    }
    p += 1;
  }
}

/* the column of kind k of type t (first one), or NULL */
static const fact_column *col_of_type(const fact_kind *k, fact_type t) {
  for (size_t c = 0; c < k->ncols; c++)
    if (k->cols[c].type == t) return &k->cols[c];
  return NULL;
}

/* The column holding kind k's surface text: "text", else "name". */
static const fact_column *surface_col(const fact_kind *k) {
  for (size_t c = 0; c < k->ncols; c++)
    if (strcmp(k->cols[c].sql, "text") == 0) return &k->cols[c];
  for (size_t c = 0; c < k->ncols; c++)
    if (strcmp(k->cols[c].sql, "name") == 0) return &k->cols[c];
  return NULL;
}

/* The spans of kind kk's items in block b. */
static void kind_spans(q_stream *st, const doc *d, int b, int kk) {
  const fact_kind *k = &fact_kinds[kk];
  const fact_column *sc = surface_col(k), *bc = col_of_type(k, FT_BLOCK);
  const fact_column *tc = col_of_type(k, FT_STRS);
  if (!sc || sc->type != FT_STR) return;
  size_t n = fact_count(d, k);
  for (size_t i = 0; i < n; i++) {
    const void *it = fact_item(d, k, i);
    if (bc && *FACT_FIELD(it, bc, const int) >= 0 &&
        *FACT_FIELD(it, bc, const int) != b)
      continue;
    locate(st, *FACT_FIELD(it, sc, char *const), kk, it,
           tc ? FACT_FIELD(it, tc, const doc_strs) : NULL);
  }
}

/* Is some item of kind kk (for block b; passing t when t is not NULL)
** written in text[0..n)? */
static int kind_written(const doc *d, const char *text, size_t n, int b, int kk,
                        const struct q_test *t) {
  const fact_kind *k = &fact_kinds[kk];
  const fact_column *sc = surface_col(k), *bc = col_of_type(k, FT_BLOCK);
  if (!sc || sc->type != FT_STR) return 0;
  for (size_t i = 0, m = fact_count(d, k); i < m; i++) {
    const void *it = fact_item(d, k, i);
    const char *s = *FACT_FIELD(it, sc, char *const);
    if (bc && *FACT_FIELD(it, bc, const int) >= 0 &&
        *FACT_FIELD(it, bc, const int) != b)
      continue;
    if (t && !q_fact_item_ok(t, it)) continue;
    if (s && *s && memmem(text, n, s, strlen(s))) return 1;
  }
  return 0;
}

int q_facts_written(const doc *d, const char *text, size_t n, int b,
                    unsigned kinds) {
  for (int k = 0; k < FK__COUNT; k++)
    if ((kinds & (1u << k)) && !kind_written(d, text, n, b, k, NULL)) return 0;
  return 1;
}

int q_block_may_match(const q_pattern *p, const doc *d, const char *text,
                      size_t n, int b) {
  for (int i = 0; i < p->nreq; i++)
    if (!kind_written(d, text, n, b, p->req[i]->kind, p->req[i])) return 0;
  return q_facts_written(d, text, n, b, p->req_facts);
}

static int span_order(const void *x, const void *y) {
  const q_span *a = x, *b = y;
  if (a->from != b->from) return a->from < b->from ? -1 : 1;
  if (a->to != b->to) return a->to < b->to ? -1 : 1;
  return 0;
}

void q_stream_facts(q_stream *st, const doc *d, int b, unsigned kinds) {
  for (int k = 0; k < FK__COUNT; k++)
    if (kinds & (1u << k)) kind_spans(st, d, b, k);
  if (st->nspan)
    qsort(st->span, (size_t)st->nspan, sizeof *st->span, span_order);
  int s = 0;
  for (int i = 0; i <= st->ntok; i++) {
    while (s < st->nspan && st->span[s].from < i) s++;
    st->first[i] = s;
  }
  st->maxspan = 0;
  for (int i = 0; i < st->nspan; i++)
    if (st->span[i].to - st->span[i].from > st->maxspan)
      st->maxspan = st->span[i].to - st->span[i].from;
}
