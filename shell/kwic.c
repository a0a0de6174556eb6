/*
** kwic.c — the concordance's hot loop (see kwic.h): phrase finding on the
** FTS tokenizer's tokens, whole words from the segmenter, contexts cut
** in bytes or words, and the compact line store.
*/
#include "kwic.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"

static int is_space_c(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/* ---- the query ---- */

static int q_token(void *ctx, int tflags, const char *tok, int ntok, int s,
                   int e) {
  (void)tflags, (void)s, (void)e;
  kwic_query *q = ctx;
  if (q->n >= KWIC_MAXQ) return 0;
  q->tok[q->n] = xstrndup(tok, (size_t)ntok);
  q->len[q->n++] = ntok;
  return 0;
}

/* fts_scan callback: the first token (the stripped form) into a buf. */
static int first_token(void *ctx, int tflags, const char *tok, int ntok, int s,
                       int e) {
  (void)tflags, (void)s, (void)e;
  buf_add(ctx, tok, (size_t)ntok);
  return 1;
}

static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* Set up the prefilter on the query token whose stripped form is the
** longest run of ASCII letters and digits (the last token of a prefix
** query is never used). */
static void prefilter_init(kwic_query *q) {
  buf b;
  buf_init(&b);
  for (int j = 0; j < q->n - (q->prefix ? 1 : 0); j++) {
    buf_reset(&b);
    fts_scan(q->tok[j], q->len[j], FTS_AUX, first_token, &b);
    int ok = b.len > (size_t)q->slen && b.len <= 60;
    for (size_t i = 0; ok && i < b.len; i++)
      ok = is_alnum((unsigned char)b.data[i]);
    if (!ok) continue;
    q->slen = (int)b.len;
    memset(q->step, 0, sizeof q->step);
    for (int c = 0; c < 128; c++)
      if (is_alnum((unsigned char)c)) q->step[c] = KWIC_ALNUM;
    for (size_t i = 0; i < b.len; i++) {
      unsigned char c = (unsigned char)b.data[i];
      q->step[c] |= (uint64_t)1 << i;
      if (c >= 'a' && c <= 'z') q->step[c - 32] |= (uint64_t)1 << i;
    }
  }
  buf_free(&b);
}

int kwic_query_init(kwic_query *q, const char *s, size_t n) {
  memset(q, 0, sizeof *q);
  size_t ql = n;
  while (ql > 0 && (s[ql - 1] == ' ' || s[ql - 1] == '"')) ql--;
  if (ql > 0 && s[ql - 1] == '*') q->prefix = 1;
  if (n < (size_t)1 << 30) fts_tokenize(s, (int)n, FTS_QUERY, q_token, q);
  prefilter_init(q);
  return q->n;
}

void kwic_query_free(kwic_query *q) {
  for (int i = 0; i < q->n; i++) free(q->tok[i]);
  q->n = 0;
}

void kwic_hits_free(kwic_hits *h) {
  free(h->v);
  h->v = NULL, h->n = h->cap = 0;
}

static kwic_hit *hits_push(kwic_hits *h) {
  if (h->n == h->cap) {
    h->cap = h->cap ? h->cap * 2 : 16;
    h->v = xrealloc(h->v, h->cap * sizeof *h->v);
  }
  return &h->v[h->n++];
}

/* ---- finding: a ring of the last q->n token positions ---- */

typedef struct finder {
  const kwic_query *q;
  size_t at; /* count the positions before and from this byte */
  long before, after;
  size_t rs[KWIC_MAXQ], re[KWIC_MAXQ]; /* spans of the last positions */
  uint32_t rm[KWIC_MAXQ];              /* query tokens matching there */
  long pos;                            /* current position */
  size_t n;                            /* text length */
  kwic_hits *out;
} finder;

/* The query tokens that tok[0..ntok) matches, as a bit set. */
static uint32_t match_bits(const kwic_query *q, const char *tok, int ntok) {
  uint32_t bits = 0;
  for (int j = 0; j < q->n; j++) {
    int last = j == q->n - 1 && q->prefix;
    if (last ? (ntok >= q->len[j] && memcmp(tok, q->tok[j], q->len[j]) == 0)
             : (ntok == q->len[j] && memcmp(tok, q->tok[j], ntok) == 0))
      bits |= 1u << j;
  }
  return bits;
}

/* Record a hit when the phrase ends at the current position. */
static void check_phrase(finder *f) {
  int nq = f->q->n;
  if (f->pos + 1 < nq) return;
  for (int j = 0; j < nq; j++) {
    long p = f->pos - (nq - 1) + j;
    if (!(f->rm[p % KWIC_MAXQ] & (1u << j))) return;
  }
  kwic_hit *k = hits_push(f->out);
  k->s = f->rs[(f->pos - (nq - 1)) % KWIC_MAXQ];
  k->e = f->re[f->pos % KWIC_MAXQ];
  k->ls = k->s > KWIC_CONTEXT ? k->s - KWIC_CONTEXT : 0;
  k->re = k->e + KWIC_CONTEXT < f->n ? k->e + KWIC_CONTEXT : f->n;
}

static int f_token(void *ctx, int tflags, const char *tok, int ntok, int s,
                   int e) {
  finder *f = ctx;
  if (!(tflags & FTS_COLOCATED)) {
    if ((size_t)s < f->at)
      f->before++;
    else
      f->after++;
    if (f->pos >= 0) check_phrase(f);
    f->pos++;
    f->rs[f->pos % KWIC_MAXQ] = (size_t)s;
    f->re[f->pos % KWIC_MAXQ] = (size_t)e;
    f->rm[f->pos % KWIC_MAXQ] = 0;
  }
  f->rm[f->pos % KWIC_MAXQ] |= match_bits(f->q, tok, ntok);
  return 0;
}

/*
** Find the phrase in text[a..b) (a and b at white space or the text's
** ends, so its tokens are the text's), hits appended to out. With at in
** a..b: 0 (and nothing appended) unless the window holds q->n token
** positions before `at` and from it on, or reaches the text's end on
** that side; else 1.
*/
static int find_in(const kwic_query *q, const char *text, size_t n, size_t a,
                   size_t b, size_t at, kwic_hits *out) {
  finder f = {.q = q, .at = at - a, .pos = -1, .n = n, .out = out};
  size_t first = out->n;
  fts_tokenize(text + a, (int)(b - a), FTS_AUX, f_token, &f);
  if (f.pos >= 0) check_phrase(&f);
  if ((a > 0 && f.before < q->n) || (b < n && f.after < q->n)) {
    out->n = first;
    return 0;
  }
  for (size_t i = first; i < out->n; i++) { /* back to text offsets */
    kwic_hit *k = &out->v[i];
    k->s += a, k->e += a;
    k->ls = k->s > KWIC_CONTEXT ? k->s - KWIC_CONTEXT : 0;
    k->re = k->e + KWIC_CONTEXT < n ? k->e + KWIC_CONTEXT : n;
  }
  return 1;
}

/* ---- the prefilter ----
**
** A token can match query token j only if its stripped form is S (a
** token with diacritics matches exactly, so its stripped form is S too).
** In the raw text, an ASCII letter or digit of a token stays itself
** (lower-cased) in the stripped form, a Latin letter with or without
** diacritics (latin_one) becomes one character, and any other character
** zero to three (a mark vanishes, a ligature folds to up to three). A
** token starts and ends only at the text's ends, ASCII punctuation or
** space, or such another character (a letter never splits a token). So
** a scan with a set of positions in S (bit i: i characters of S read)
** finds every place a token stripping to S can end: an ASCII letter or
** digit moves on only where S has it, a Latin letter by one, another
** character by 0..3 and a token may start on either side of it; ASCII
** punctuation and space end a token and start the next. Every such end is a
*candidate; the phrase is then looked for in a
** window around each, tokenized exactly. */

typedef struct cands {
  size_t *v;
  size_t n, cap;
} cands;

static void cand_push(cands *c, size_t at) {
  if (c->n && c->v[c->n - 1] == at) return;
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 16;
    c->v = xrealloc(c->v, c->cap * sizeof *c->v);
  }
  c->v[c->n++] = at;
}

static int is_cont(unsigned char c) {
  return c >= 0x80 && c < 0xC0;
}

/*
** The length of the Latin letter at t[0..m) that folds and strips to
** exactly one character (U+00C0..U+024F but for the signs U+00D7,
** U+00F7 and ß; U+1E00..U+1EFF but for ẞ), or 0 when it is not one
** (another character, an invalid sequence).
*/
static size_t latin_one(const unsigned char *t, size_t m) {
  if (t[0] >= 0xC3 && t[0] <= 0xC9) {
    if (m < 2 || !is_cont(t[1])) return 0;
    if (t[0] == 0xC3 && (t[1] == 0x97 || t[1] == 0xB7 || t[1] == 0x9F))
      return 0;
    return 2;
  }
  if (t[0] != 0xE1 || m < 3 || !is_cont(t[2])) return 0;
  if (t[1] < 0xB8 || t[1] > 0xBB || (t[1] == 0xBA && t[2] == 0x9E)) return 0;
  return 3;
}

/* Step the position set st over the character at t[0..m) that is not an
** ASCII letter or digit; its length through *l. */
static uint64_t step_other(uint64_t st, const unsigned char *t, size_t m,
                           uint64_t all, size_t *l) {
  unsigned char c = t[0];
  size_t k = c >= 0xC3 ? latin_one(t, m) : 0;
  *l = k ? k : 1;
  if (k) return (st << 1) & all; /* one character */
  if (c < 0x80) return 1;        /* ends a token, starts the next */
  if (c < 0xC0) return st | 1;   /* inside another character, or stray */
  st |= 1; /* another character: 0..3 characters, a token may start */
  return ((st | st << 1 | st << 2 | st << 3) & all) | 1;
}

static void candidates(const kwic_query *q, const char *text, size_t n,
                       cands *out) {
  const unsigned char *t = (const unsigned char *)text;
  uint64_t acc = (uint64_t)1 << q->slen, all = (acc << 1) - 1, st = 1;
  size_t i = 0;
  while (i < n) {
    uint64_t m; /* an ASCII letter or digit stays itself */
    while (i < n && ((m = q->step[t[i]]) & KWIC_ALNUM)) {
      st = (st & m) << 1, i++;
      if (st) continue;
      while (i < n && (q->step[t[i]] & KWIC_ALNUM)) i++; /* dead: skip */
      break;
    }
    if (i == n) break;
    if (st & acc) cand_push(out, i); /* a token may end here */
    if (t[i] == ' ') {               /* the usual separator */
      st = 1, i++;
      continue;
    }
    size_t l;
    st = step_other(st, t + i, n - i, all, &l);
    i += l;
  }
  if (st & acc) cand_push(out, n);
}

/* The window around candidate at: from white space before it to white
** space after it, about `span` bytes each side (the text's ends at most). */
static void window(const char *text, size_t n, size_t at, size_t span,
                   size_t *a, size_t *b) {
  size_t x = at > span ? at - span : 0, y = at + span < n ? at + span : n;
  while (x > 0 && !is_space_c((unsigned char)text[x - 1])) x--;
  while (y < n && !is_space_c((unsigned char)text[y])) y++;
  *a = x, *b = y;
}

static int hit_cmp(const void *x, const void *y) {
  const kwic_hit *a = x, *b = y;
  if (a->s != b->s) return a->s < b->s ? -1 : 1;
  return a->e < b->e ? -1 : a->e > b->e;
}

/* Sort hits from `first` on and drop repeats (windows overlap). */
static void hits_unique(kwic_hits *h, size_t first) {
  size_t m = h->n - first;
  if (m < 2) return;
  qsort(h->v + first, m, sizeof *h->v, hit_cmp);
  size_t k = first + 1;
  for (size_t i = first + 1; i < h->n; i++)
    if (hit_cmp(&h->v[i], &h->v[k - 1]) != 0) h->v[k++] = h->v[i];
  h->n = k;
}

void kwic_find(const kwic_query *q, const char *text, size_t n,
               kwic_hits *out) {
  if (q->n == 0 || n == 0 || n > (size_t)1 << 30) return;
  if (q->slen == 0) {
    find_in(q, text, n, 0, n, 0, out);
    return;
  }
  cands c = {0};
  candidates(q, text, n, &c);
  size_t first = out->n;
  for (size_t i = 0; i < c.n; i++) {
    size_t a, b, span = 6 * (size_t)q->n;
    do {
      window(text, n, c.v[i], span, &a, &b);
      span *= 2;
    } while (!find_in(q, text, n, a, b, c.v[i], out));
  }
  free(c.v);
  hits_unique(out, first);
}

/* ---- words ---- */

typedef struct kwic_span {
  size_t from, to;
} kwic_span;

typedef struct words {
  kwic_span *v;
  size_t n, cap;
  size_t base;   /* offset of the segmented text in the block */
  size_t last_e; /* stop once `more` words start at or after it */
  int more, past;
} words;

static int w_word(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)nsyl, (void)kind;
  words *w = ctx;
  if (w->n == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 64;
    w->v = xrealloc(w->v, w->cap * sizeof *w->v);
  }
  from += w->base, to += w->base;
  w->v[w->n++] = (kwic_span){from, to};
  if (from >= w->last_e && ++w->past >= w->more) return 1;
  return 0;
}

/* The words of text[base..n) up to `more` of them past last_e (all:
** more < 0); *all is set when the text's last word was reached. */
static void segment(words *w, const seg_lex *lex, const char *text, size_t n,
                    size_t base, size_t last_e, int more, int *all) {
  w->n = 0, w->past = 0;
  w->base = base;
  w->last_e = last_e;
  w->more = more < 0 ? (int)(((unsigned)-1) >> 1) : more;
  *all = seg_words(lex, text + base, n - base, w_word, w) == 0;
}

/*
** Where the segmenter may start afresh before byte s (fresh_in: after
** byte lo, else SIZE_MAX): at the last '\n', or the last ASCII
** punctuation mark that white space follows and that a
** sentence start does not look through (not a quote, '(', '[' or '-'),
** before s; else the text's start. A run of syllables never spans such a
** mark, no number or compound holds it, and the segmenter sees the same
** character before every later token (it tells a sentence start by the
** first character before a token that is not a space, quote or
** bracket), so segmenting from it gives the words the whole text gives
** after it.
*/
static size_t fresh_in(const char *text, size_t n, size_t s, size_t lo) {
  for (size_t p = s; p > lo; p--) {
    unsigned char c = (unsigned char)text[p - 1];
    if (c == '\n') return p - 1;
    if (c < 0x80 && c > ' ' && !is_alnum(c) && !strchr("\"'([-", c) && p < n &&
        is_space_c((unsigned char)text[p]))
      return p - 1;
  }
  return lo ? SIZE_MAX : 0; /* SIZE_MAX: none after lo */
}

static size_t fresh_start(const char *text, size_t n, size_t s) {
  return fresh_in(text, n, s, 0);
}

/* The index of the first word with from (by = 0) or to (by = 1) >= x. */
static size_t word_lb(const words *w, size_t x, int by) {
  size_t lo = 0, hi = w->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    size_t v = by ? w->v[mid].to : w->v[mid].from;
    if (v < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The number of words that start before byte s. */
static size_t words_before(const words *w, size_t s) {
  return word_lb(w, s, 0);
}

/* The index of the word with from == s (by = 0) or to == e (by = 1),
** or -1. */
static long word_at(const words *w, size_t x, int by) {
  size_t lo = word_lb(w, x, by);
  if (lo == w->n) return -1;
  return (by ? w->v[lo].to : w->v[lo].from) == x ? (long)lo : -1;
}

/* Context of nwords words around words a..b (all: every word is known). */
static void cut_words(kwic_hit *k, const words *w, long a, long b, int nwords,
                      int all) {
  long l = a - nwords, r = b + nwords;
  if (l < 0) l = 0;
  if (r > (long)w->n - 1) r = (long)w->n - 1;
  k->ls = a > 0 ? w->v[l].from : k->s;
  k->re = (b < (long)w->n - 1 || !all) ? w->v[r].to : k->e;
}

/* Segment from a fresh start before hit k far enough for the hits up
** to byte last_e (to the text's end when to_end): nwords words before
** k's first word when nwords > 0. */
static void segment_hits(words *w, const seg_lex *lex, const char *text,
                         size_t n, const kwic_hit *k, size_t last_e, int nwords,
                         int to_end, int *all) {
  size_t cut = fresh_start(text, n, k->s);
  int more = to_end ? -1 : nwords < 0 ? 1 : nwords + 1;
  for (;;) {
    segment(w, lex, text, n, cut, last_e, more, all);
    if (words_before(w, k->s) >= (size_t)(nwords > 0 ? nwords : 0) || cut == 0)
      return;
    cut = fresh_start(text, n, cut);
  }
}

/* The end of the group of hits from i that no fresh start separates (so
** one segmenting serves them all); the largest end through *last_e. */
static size_t hit_group(const kwic_hits *h, size_t i, const char *text,
                        size_t n, size_t *last_e) {
  size_t j = i + 1;
  *last_e = h->v[i].e;
  while (j < h->n && fresh_in(text, n, h->v[j].s, h->v[j - 1].s) == SIZE_MAX) {
    if (h->v[j].e > *last_e) *last_e = h->v[j].e;
    j++;
  }
  return j;
}

/*
** The segmenter scans its text to the end before it decodes (the word
** callback's stop saves only the decoding), so one segmenting per group
** of hits cost the rest of the text each time: quadratic in a long text
** with many hits (a 1 MB line: 4.8 s). With two groups or more the text
** is segmented once, from the first group's fresh start to its end, and
** every group reads those words (the same words: see fresh_in).
*/
size_t kwic_whole(kwic_hits *h, size_t from, const seg_lex *lex,
                  const char *text, size_t n, int prefix, int nwords) {
  words w = {0};
  size_t keep = from;
  int whole = 0, all = 0; /* whole: w holds every word to the text's end */
  for (size_t i = from, j; i < h->n; i = j) {
    size_t last_e;
    j = hit_group(h, i, text, n, &last_e);
    if (!whole) {
      whole = i == from && j < h->n;
      segment_hits(&w, lex, text, n, &h->v[i], last_e, nwords, whole, &all);
    }
    for (size_t g = i; g < j; g++) {
      kwic_hit k = h->v[g];
      long a = word_at(&w, k.s, 0), b = word_at(&w, k.e, 1);
      if (a < 0 || (b < 0 && !prefix)) continue;
      if (nwords >= 0) cut_words(&k, &w, a, b < 0 ? a : b, nwords, all);
      h->v[keep++] = k;
    }
  }
  free(w.v);
  size_t kept = keep - from;
  h->n = keep;
  return kept;
}

/*
** Cut k's context to nwords words of w on each side of the words its
** match [s, e) overlaps (all: w reaches the text's end); no word
** overlapping the match: the match alone. Never narrower than the match.
*/
static void cut_around(kwic_hit *k, const words *w, int nwords, int all) {
  long a = -1, b = -1;
  for (size_t i = 0; i < w->n; i++) {
    if (a < 0 && w->v[i].to > k->s) a = (long)i;
    if (w->v[i].from < k->e) b = (long)i;
  }
  if (a < 0 || b < 0 || b < a) {
    k->ls = k->s, k->re = k->e;
    return;
  }
  cut_words(k, w, a, b, nwords, all);
  if (k->ls > k->s) k->ls = k->s;
  if (k->re < k->e) k->re = k->e;
}

void kwic_words_context(kwic_hit *k, const seg_lex *lex, const char *text,
                        size_t n, int nwords) {
  words w = {0};
  int all;
  segment(&w, lex, text, n, 0, k->e, nwords + 1, &all);
  cut_around(k, &w, nwords, all);
  free(w.v);
}

void kwic_words_context_known(kwic_hit *k, const uint32_t *wf,
                              const uint32_t *wt, size_t nw, int nwords) {
  words w = {0};
  w.v = xmalloc((nw + 1) * sizeof *w.v);
  for (size_t i = 0; i < nw; i++) w.v[i].from = wf[i], w.v[i].to = wt[i];
  w.n = nw;
  cut_around(k, &w, nwords, 1);
  free(w.v);
}

/* ---- flattening ---- */

/* Cut s[0..*n) to whole UTF-8 sequences at both ends (the start moved
** past continuation bytes, returned). */
static const char *clean_utf8(const char *s, size_t *n) {
  size_t a = 0, m = *n;
  while (a < m && is_cont((unsigned char)s[a])) a++;
  size_t i = m;
  while (i > a && is_cont((unsigned char)s[i - 1])) i--;
  if (i > a && (unsigned char)s[i - 1] >= 0xC0) {
    unsigned char b = (unsigned char)s[i - 1];
    size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (m - (i - 1) < need) m = i - 1;
  }
  *n = m - a;
  return s + a;
}

void kwic_flat(buf *out, const char *s, size_t n, int clean) {
  if (clean) s = clean_utf8(s, &n);
  buf_reserve(out, n);
  char *o = out->data + out->len;
  for (size_t i = 0; i < n;) {
    if (!is_space_c((unsigned char)s[i])) {
      *o++ = s[i++];
      continue;
    }
    *o++ = ' ';
    while (i < n && is_space_c((unsigned char)s[i])) i++;
  }
  out->len = (size_t)(o - out->data);
  out->data[out->len] = '\0';
}

/* ---- the line store ---- */

void kwic_lines_init(kwic_lines *l) {
  memset(l, 0, sizeof *l);
  buf_init(&l->strs);
}

void kwic_lines_free(kwic_lines *l) {
  free(l->v);
  buf_free(&l->strs);
  memset(l, 0, sizeof *l);
}

void kwic_lines_meta(kwic_lines *l, const char *kind, size_t nk,
                     const char *title, size_t nt, const char *published,
                     size_t np) {
  l->meta = l->strs.len;
  if (np > 10) np = 10;
  buf_add(&l->strs, kind ? kind : "", kind ? nk : 0);
  buf_add(&l->strs, title ? title : "", title ? nt : 0);
  buf_add(&l->strs, published ? published : "", published ? np : 0);
  l->mk = (uint32_t)(kind ? nk : 0);
  l->mt = (uint32_t)(title ? nt : 0);
  l->md = (uint32_t)(published ? np : 0);
  l->has_title = title != NULL;
}

void kwic_lines_add(kwic_lines *l, int64_t doc, int seq, const char *text,
                    size_t n, const kwic_hit *k) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 256;
    l->v = xrealloc(l->v, l->cap * sizeof *l->v);
  }
  kwic_line *x = &l->v[l->n++];
  size_t re = k->re < n ? k->re : n;
  if (re < k->e) re = k->e;
  x->doc = doc, x->seq = seq;
  x->s = k->s + 1, x->e = k->e;
  x->str = l->strs.len;
  x->ll = (uint32_t)(k->s - k->ls);
  x->ml = (uint32_t)(k->e - k->s);
  x->rl = (uint32_t)(re - k->e);
  buf_add(&l->strs, text + k->ls, re - k->ls); /* cut when read */
  x->meta = l->meta, x->mk = l->mk, x->mt = l->mt, x->md = l->md;
  x->has_title = l->has_title;
}

void kwic_line_part(const kwic_lines *l, const kwic_line *x, int part,
                    buf *out) {
  const char *p = l->strs.data + x->str;
  if (part == 0)
    kwic_flat(out, p, x->ll, 1);
  else if (part == 1)
    kwic_flat(out, p + x->ll, x->ml, 0);
  else
    kwic_flat(out, p + x->ll + x->ml, x->rl, 1);
}
