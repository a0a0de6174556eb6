/*
** segment.c — the word decoder: runs of syllables (separated by single
** spaces) are split into words by Viterbi over syllable positions under a
** unigram word model (segment_lex.c holds the model); numbers are words
** of their own. See docs/words.md.
*/
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "segment_int.h"
#include "segment_memo.h"
#include "text.h"
#include "util.h"
#include "util_tls.h"

/* Is key[0..k) a word of lex (k 0: no key, none)? */
static int key_is_word(const seg_lex *lex, const char *key, size_t k) {
  if (!k) return 0;
  seg_cache_for(lex);
  return (seg_lookup(lex, key, k).flags & SEG_F_WORD) != 0;
}

int seg_is_word(const seg_lex *lex, const char *w, size_t n) {
  char key[256];
  return key_is_word(lex, key, seg_key(w, n, key, sizeof key));
}

/*
** The key of pieces p[0..np) of text (1 to SEG_MAX_SYL of them) from the
** memo of lex of generation gen, into key (room for SEG_MAX_SYL folds of
** SYL_MAX bytes and their spaces): its length, what seg_key_pieces gives
** (the same folds, joined by one space; such a key fits its 256 bytes),
** or 0 when the memo does not keep a piece (*one: its only piece's slot).
*/
static size_t memo_key(const seg_lex *lex, uint64_t gen, const char *text,
                       const seg_piece *p, size_t np, char *key,
                       const syl_slot **one) {
  size_t k = 0;
  for (size_t i = 0; i < np; i++) {
    size_t n = p[i].end - p[i].start;
    const syl_slot *m =
        n && n <= SYL_MAX ? seg_syl_get(lex, gen, text + p[i].start, n) : NULL;
    if (!m) return 0;
    if (i) key[k++] = ' ';
    memcpy(key + k, m->fold, SYL_MAX);
    k += m->nfold;
    *one = m;
  }
  return k;
}

int seg_is_word_pieces(const seg_lex *lex, const char *text, const seg_piece *p,
                       size_t np) {
  char key[256];
  const syl_slot *one = NULL;
  if (np >= 1 && np <= SEG_MAX_SYL) {
    uint64_t gen = seg_cache_for(lex);
    size_t k = memo_key(lex, gen, text, p, np, key, &one);
    if (k && np == 1) return (one->flags & SEG_F_WORD) != 0;
    if (k) return (seg_lookup(lex, key, k).flags & SEG_F_WORD) != 0;
  }
  return key_is_word(lex, key, seg_key_pieces(text, p, np, key, sizeof key));
}

/* ---- the decoder's state ---- */

typedef struct tok {
  size_t start, end; /* bytes in the text */
  size_t koff;       /* folded form at keys + koff */
  int klen;
  int title;        /* written capitalised: upper case first, then lower case */
  int init;         /* capitalised and first word of a sentence or line */
  signed char plen; /* place_len's answer; -1 until asked */
  seg_hit hit;      /* what the lexicon says of the syllable alone */
  uint64_t h2; /* hash of its key and the next syllable's (flush sets it) */
} tok;

typedef struct dec {
  const seg_lex *lex;
  const char *text;
  size_t n;         /* its length */
  seg_word_fn cb;   /* the caller's callback: this one, */
  seg_wordk_fn kcb; /* or this one, with the word's key */
  void *ctx;
  tok *t; /* the current run of syllables */
  size_t nt, tcap;
  char *keys; /* their folded forms joined by single spaces */
  size_t klen, kcap;
  double *best;      /* best[i]: log-probability of the best split of t[0..i) */
  int *blen, *bkind; /* the last word of that split */
  size_t dcap;
  int rc;
  int first_only; /* the callback stops at the first word (first_alone) */
  int no_digit;   /* no token holds a digit (seg_first_word_syl) */
  uint64_t gen;   /* the generation of lex (seg_cache_for's) */
} dec;

/* Is the code point ending at text[p) an opening quote or dash (“ ‘ – —)? */
static int opener_before(const char *text, size_t p) {
  if (p < 3 || (unsigned char)text[p - 3] != 0xE2 ||
      (unsigned char)text[p - 2] != 0x80)
    return 0;
  unsigned char c = (unsigned char)text[p - 1];
  return c == 0x9C || c == 0x98 || c == 0x93 || c == 0x94;
}

/* Does the token at text[start] begin a sentence (or the text, or a line)? */
static int starts_sentence(const char *text, size_t start) {
  size_t p = start;
  while (p > 0) {
    char c = text[p - 1];
    if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '-')
      p--;
    else if (opener_before(text, p))
      p -= 3;
    else
      break;
  }
  if (p == 0 || strchr(".!?:;\n", text[p - 1])) return 1;
  return p >= 3 && (unsigned char)text[p - 3] == 0xE2 &&
         (unsigned char)text[p - 2] == 0x80 &&
         (unsigned char)text[p - 1] == 0xA6; /* … */
}

/* ---- candidates and the Viterbi pass ---- */

/* Offer a word of k syllables at i with log-probability lp. */
static void offer(dec *d, size_t i, int k, double lp, int kind) {
  double s = d->best[i] + lp;
  if (s > d->best[i + (size_t)k]) {
    d->best[i + (size_t)k] = s;
    d->blen[i + (size_t)k] = k;
    d->bkind[i + (size_t)k] = kind;
  }
}

/* The lexicon's answer for syllables t[i..i+k). */
static seg_hit find(const dec *d, size_t i, int k) {
  const tok *a = &d->t[i], *b = &d->t[i + (size_t)k - 1];
  if (k == 1) return a->hit;
  size_t n = b->koff + (size_t)b->klen - a->koff;
  if (k == 2 && a->h2) return seg_lookup_h(d->lex, d->keys + a->koff, n, a->h2);
  return seg_lookup(d->lex, d->keys + a->koff, n);
}

/*
** Hash the two-syllable keys the Viterbi pass will ask for (a syllable
** that starts a longer entry, then the next one) and start loading their
** cache and table slots, so that the memory reads of a run overlap
** instead of following one another.
*/
static void prefetch_pairs(dec *d) {
  for (size_t i = 0; i < d->nt; i++) {
    tok *a = &d->t[i];
    a->h2 = 0;
    if (i + 1 == d->nt || !(a->hit.flags & SEG_F_PREFIX)) continue;
    const tok *b = a + 1;
    a->h2 = seg_hash(d->keys + a->koff, b->koff + (size_t)b->klen - a->koff);
    cache_slot *c = &seg_tabs->s[a->h2 & (CACHE_SLOTS - 1)];
    __builtin_prefetch(c);
    seg_lex_prefetch(d->lex, a->h2);
  }
}

/* Are t[i..i+k) all written capitalised? */
static int all_title(const dec *d, size_t i, int k) {
  for (int j = 0; j < k; j++)
    if (!d->t[i + (size_t)j].title) return 0;
  return 1;
}

/*
** Does a title start at syllable j? Its first syllable is one of a title
** and, with the next syllable, starts a lexicon entry ("Phó Chủ", "Thủ
** tướng"); a title's first syllable followed by anything else is part of
** a name ("Phạm Minh Chính hội đàm", "Lê Văn Phó,").
*/
static int title_at(const dec *d, size_t j) {
  if (!(d->t[j].hit.flags & SEG_F_TITLE) || j + 1 >= d->nt) return 0;
  return (find(d, j, 2).flags & (SEG_F_WORD | SEG_F_PREFIX)) != 0;
}

/* The length (2 to 4 syllables) of the capitalised gazetteer place that
** starts at syllable j, the longest, or 0 when none does; worked out once
** per syllable (t[j].plen) and only where a longer entry starts. */
static int place_len(const dec *d, size_t j) {
  tok *t = &d->t[j];
  if (t->plen >= 0) return t->plen;
  t->plen = 0;
  if (!t->title || !(t->hit.flags & SEG_F_PREFIX)) return 0;
  for (int m = SEG_MAX_SYL; m >= 2; m--)
    if (j + (size_t)m <= d->nt && all_title(d, j, m) &&
        (find(d, j, m).flags & SEG_F_PLACE))
      return t->plen = (signed char)m;
  return 0;
}

/*
** Is t[i..i+k) a person's name? A capitalised surname, then one to three
** capitalised syllables, none of them the start of a title ("Nguyễn Văn
** Thắng Phó Chủ tịch": the name stops before "Phó"); a name neither
** starts with a whole place nor inside one ("Ninh" of "Quảng Ninh").
*/
static int is_name(const dec *d, size_t i, int k) {
  if (k < 2 || !d->t[i].title || !(d->t[i].hit.flags & SEG_F_SURNAME)) return 0;
  for (size_t j = i + 1; j < i + (size_t)k; j++)
    if (!d->t[j].title || title_at(d, j)) return 0;
  int m = place_len(d, i); /* "Hà Nội Hoàng Trung Hải": a place, a name */
  if (m && m < k) return 0;
  for (size_t j = i >= SEG_MAX_SYL - 1 ? i - (SEG_MAX_SYL - 1) : 0; j < i; j++)
    if (j + (size_t)place_len(d, j) > i) return 0; /* "Quảng Ninh Portal" */
  return 1;
}

/* The kind and log-probability of lexicon entry h over t[i..i+k): a
** name or a place keeps the higher of its own weight and the entry's. */
static int kind_of(const dec *d, size_t i, int k, seg_hit h, double *lp) {
  *lp = h.lp;
  if (h.flags & SEG_F_USER) return SEG_USER;
  if (is_name(d, i, k)) return *lp = fmax(h.lp, d->lex->lp_name), SEG_NAME;
  if ((h.flags & SEG_F_PLACE) && all_title(d, i, k))
    return *lp = fmax(h.lp, d->lex->lp_place), SEG_PLACE;
  return SEG_WORD;
}

/* Lexicon words (and place names) starting at syllable i. */
static void offer_lexicon(dec *d, size_t i) {
  for (int k = 1; k <= SEG_MAX_SYL && i + (size_t)k <= d->nt; k++) {
    seg_hit h = find(d, i, k);
    double lp;
    if (h.flags & SEG_F_WORD) {
      int kind = kind_of(d, i, k, h, &lp);
      offer(d, i, k, lp, kind);
    } else if ((h.flags & SEG_F_PLACE) && all_title(d, i, k)) {
      offer(d, i, k, d->lex->lp_place, SEG_PLACE);
    } else if (k == 1) {
      offer(d, i, 1, d->lex->lp_unknown, SEG_UNKNOWN);
    }
    if (!(h.flags & SEG_F_PREFIX)) break;
  }
}

/* Is syllable j the suffix "hóa" (either tone spelling)? */
static int is_hoa(const dec *d, size_t j) {
  const char *k = d->keys + d->t[j].koff;
  return d->t[j].klen == 4 && (memcmp(k,
                                      "h\xc3\xb3"
                                      "a",
                                      4) == 0 ||
                               memcmp(k, "ho\xc3\xa1", 4) == 0);
}

/*
** A verb made with the suffix "hóa" from a two-syllable word ("đa dạng
** hóa", "cơ chế hóa") that the lexicon does not hold: offered at the cost
** of the word and "hóa" apart, a hair cheaper, so it joins exactly where
** "hóa" would stand alone ("khoa học hóa học" keeps "hóa học").
*/
static void offer_hoa(dec *d, size_t i) {
  if (i + 2 >= d->nt || !is_hoa(d, i + 2)) return;
  seg_hit w = find(d, i, 2), h = d->t[i + 2].hit;
  if (!(w.flags & SEG_F_WORD) || !(h.flags & SEG_F_WORD)) return;
  if (find(d, i, 3).flags & SEG_F_WORD) return; /* the lexicon's own */
  offer(d, i, 3, w.lp + h.lp + 1e-3, SEG_WORD);
}

/* Person names at i that the lexicon does not hold. */
static void offer_name(dec *d, size_t i) {
  for (int k = 2; k <= SEG_MAX_SYL && i + (size_t)k <= d->nt; k++) {
    if (!is_name(d, i, k)) return;
    offer(d, i, k, d->lex->lp_name, SEG_NAME);
  }
}

/*
** Does the capitalised run t[i..i+k) take in or cut a place of two or more
** syllables other than itself ("Hồng Lĩnh Hà Tĩnh", "Becamex Bình Dương",
** "Hà Nội Hoàng Trung Hải")? A place is a word of its own: such a run is
** two names side by side, not one. A run led by a surname may end in a
** place: a given name ("Nguyễn Hồng Hà").
*/
static int cuts_place(const dec *d, size_t i, int k) {
  size_t from = i >= SEG_MAX_SYL - 1 ? i - (SEG_MAX_SYL - 1) : 0;
  int person = (d->t[i].hit.flags & SEG_F_SURNAME) != 0;
  for (size_t j = from; j < i + (size_t)k; j++) {
    int m = place_len(d, j);
    if (!m || j + (size_t)m <= i || (j == i && m == k)) continue;
    if (person && j > i && j + (size_t)m == i + (size_t)k) continue;
    return 1;
  }
  return 0;
}

/* A capitalised run (not at a sentence start) that no list knows and
** that cuts no place. */
static void offer_proper(dec *d, size_t i) {
  if (!d->t[i].title || d->t[i].init) return;
  for (int k = 2; k <= SEG_MAX_SYL && i + (size_t)k <= d->nt; k++) {
    if (!d->t[i + (size_t)k - 1].title) return;
    if (cuts_place(d, i, k)) continue;
    offer(d, i, k, d->lex->lp_proper + (k - 2) * log(0.1), SEG_PROPER);
  }
}

/* Make room for the Viterbi arrays of the current run. */
static void room(dec *d) {
  if (d->nt + 1 <= d->dcap) return;
  d->dcap = (d->nt + 1) * 2;
  d->best = xrealloc(d->best, d->dcap * sizeof *d->best);
  d->blen = xrealloc(d->blen, d->dcap * sizeof *d->blen);
  d->bkind = xrealloc(d->bkind, d->dcap * sizeof *d->bkind);
}

/* Hand the word text[from..to) of key[0..nkey) to the caller; the cache
** armed for d's lexicon again when a decode inside the callback armed it
** for another one (its answers were another lexicon's). */
static int word_out(dec *d, size_t from, size_t to, int nsyl, int kind,
                    const char *key, size_t nkey) {
  int rc = d->kcb ? d->kcb(d->ctx, from, to, nsyl, kind, key, nkey)
                  : d->cb(d->ctx, from, to, nsyl, kind);
  if (seg_tabs->gen != d->gen) seg_cache_for(d->lex);
  return rc;
}

/* Report the best split's words in order (the split is read backwards). */
static int report(dec *d) {
  size_t nw = 0, j = d->nt;
  int *ends = (int *)(void *)d->best; /* reused: best[] is no longer needed */
  while (j > 0) ends[nw++] = (int)j, j -= (size_t)d->blen[j];
  while (nw > 0) {
    size_t e = (size_t)ends[--nw], k = (size_t)d->blen[e];
    const tok *a = &d->t[e - k], *b = &d->t[e - 1];
    int rc = word_out(d, a->start, b->end, (int)k, d->bkind[e],
                      d->keys + a->koff, b->koff + (size_t)b->klen - a->koff);
    if (rc) return rc;
  }
  return 0;
}

/* Decode the current run of syllables and report its words. */
static int flush(dec *d) {
  if (d->nt == 0) return 0;
  room(d);
  d->best[0] = 0;
  for (size_t i = 1; i <= d->nt; i++) d->best[i] = -INFINITY;
  prefetch_pairs(d);
  for (size_t i = 0; i < d->nt; i++) {
    offer_lexicon(d, i);
    offer_hoa(d, i);
    offer_name(d, i);
    offer_proper(d, i);
  }
  int rc = report(d);
  d->nt = d->klen = 0;
  return rc;
}

/*
** Is the first word of the run the first syllable alone, whatever follows
** the second? Read when the run holds two syllables: no candidate of two
** or more syllables starts at the first one (offer_lexicon's go through
** the key of the first two, a word, a prefix or a written place; the
** suffix "hóa" needs the first two a word; a name needs a capitalised
** surname first; a proper run needs a capital that opens no sentence), so
** the best split of the run starts with it, alone.
*/
static int first_alone(dec *d) {
  const tok *a = &d->t[0];
  if (a->title && ((a->hit.flags & SEG_F_SURNAME) || !a->init)) return 0;
  const tok *b = &d->t[1]; /* no h2 yet: flush sets it */
  int f =
      seg_lookup(d->lex, d->keys + a->koff, b->koff + (size_t)b->klen - a->koff)
          .flags;
  if (f & (SEG_F_WORD | SEG_F_PREFIX)) return 0;
  return !((f & SEG_F_PLACE) && all_title(d, 0, 2));
}

/* The kind offer_lexicon gives syllable i as a word alone. */
static int kind_alone(const dec *d, size_t i) {
  seg_hit h = d->t[i].hit;
  double lp;
  if (h.flags & SEG_F_WORD) return kind_of(d, i, 1, h, &lp);
  if ((h.flags & SEG_F_PLACE) && d->t[i].title) return SEG_PLACE;
  return SEG_UNKNOWN;
}

/* ---- tokens in ---- */

/* Append the syllable text[start..end) of fold[0..nfold) to the current
** run: title is seg_is_title's answer for it, hit the lexicon's for fold.
** wide: fold holds SYL_MAX bytes (at least nfold), copied as they are. */
static inline __attribute__((always_inline)) void push_syl(
    dec *d, const char *fold, int nfold, size_t start, size_t end, int title,
    seg_hit hit, int wide) {
  if (d->nt == d->tcap) {
    d->tcap = d->tcap ? d->tcap * 2 : 64;
    d->t = xrealloc(d->t, d->tcap * sizeof *d->t);
  }
  if (d->klen + (size_t)nfold + 1 + SYL_MAX > d->kcap) {
    d->kcap = (d->kcap + (size_t)nfold + 1 + SYL_MAX) * 2;
    d->keys = xrealloc(d->keys, d->kcap);
  }
  if (d->nt) d->keys[d->klen++] = ' ';
  tok *t = &d->t[d->nt++];
  t->start = start, t->end = end;
  t->koff = d->klen, t->klen = nfold;
  memcpy(d->keys + d->klen, fold, wide ? SYL_MAX : (size_t)nfold);
  d->klen += (size_t)nfold;
  t->title = title;
  t->init = title && starts_sentence(d->text, start); /* read if title */
  t->plen = -1;
  t->hit = hit;
}

/* Append a syllable to the current run. */
static void push(dec *d, const char *fold, int nfold, size_t start,
                 size_t end) {
  push_syl(d, fold, nfold, start, end,
           seg_is_title(d->text + start, end - start),
           seg_lookup(d->lex, fold, (size_t)nfold), 0);
}

/* A figure text[start..end) of fold[0..nfold): a word alone (with a '%'
** after it), after the run before it. */
static int number(dec *d, const char *fold, int nfold, size_t start,
                  size_t end) {
  int rc = flush(d);
  if (rc) return rc;
  if (end < d->n && d->text[end] == '%') end++;
  return word_out(d, start, end, 1, SEG_NUMBER, fold, (size_t)nfold);
}

/* Before a syllable at text[start]: the run before it decoded when the
** syllable does not follow it one ' ' apart. */
static int run_break(dec *d, size_t start) {
  if (d->nt && !(start == d->t[d->nt - 1].end + 1 && d->text[start - 1] == ' '))
    return flush(d);
  return 0;
}

/* After a syllable was pushed: the first word reported when it is known
** (first_only, first_alone). */
static int pushed(dec *d) {
  if (d->first_only && d->nt == 2 && first_alone(d)) {
    const tok *a = &d->t[0];
    return word_out(d, a->start, a->end, 1, kind_alone(d, 0), d->keys,
                    (size_t)a->klen);
  }
  return 0;
}

static int on_token(void *ctx, const char *fold, int nfold, size_t start,
                    size_t end) {
  dec *d = ctx;
  if (!d->no_digit && seg_has_digit(d->text + start, end - start))
    return number(d, fold, nfold, start, end);
  int rc = run_break(d, start);
  if (rc) return rc;
  push(d, fold, nfold, start, end);
  return pushed(d);
}

/* on_token for a piece text[start..end) that the memo holds in slot m,
** once run_break was called for it (the call on_token makes first, for a
** figure too: flush's second call finds no run). */
static int on_syl(dec *d, const syl_slot *m, size_t start, size_t end) {
  if (!d->no_digit && m->digit) { /* number's callbacks may reuse m */
    char fold[SYL_MAX];
    memcpy(fold, m->fold, SYL_MAX);
    return number(d, fold, m->nfold, start, end);
  }
  push_syl(d, m->fold, m->nfold, start, end, m->title,
           (seg_hit){m->flags, m->lp}, 1);
  return pushed(d);
}

/* seg_tokens_pieces(text, p, np, on_token, d), the pieces the memo holds
** read from it. */
static int read_pieces(dec *d, const char *text, const seg_piece *p,
                       size_t np) {
  int rc = 0;
  for (size_t k = 0; k < np && rc == 0; k++) {
    size_t s = p[k].start, n = p[k].end - s;
    const syl_slot *m;
    if (n && n <= SYL_MAX && (rc = run_break(d, s)) == 0 &&
        (m = seg_syl_get(d->lex, d->gen, text + s, n)) != NULL)
      rc = on_syl(d, m, s, p[k].end);
    else if (rc == 0)
      rc = seg_tokens_pieces(text, p + k, 1, on_token, d);
  }
  return rc;
}

/*
** The decoder's arrays, kept per thread from one text to the next (five
** texts a document, each a malloc and a free of five arrays before). A
** decode inside a callback of another gets arrays of its own. Freed when
** the thread ends.
*/
typedef struct arrays {
  tok *t;
  size_t tcap;
  char *keys;
  size_t kcap;
  double *best;
  int *blen, *bkind;
  size_t dcap;
} arrays;

static _Thread_local int arrays_busy;

static void arrays_free(arrays *a) {
  free(a->t), free(a->keys), free(a->best), free(a->blen), free(a->bkind);
  memset(a, 0, sizeof *a);
}

static _Thread_local struct arrays *arrays_mine; /* see arrays_get */

/* The thread's arrays at its end (util_tls runs this on that thread). */
static void arrays_drop(void *p) {
  if (arrays_mine == p) arrays_mine = NULL;
  arrays_free(p);
  free(p);
}

/* The calling thread's kept arrays (made on first use). */
static util_tls arrays_tls = UTIL_TLS_INIT(sizeof(arrays), arrays_drop);

/* The calling thread's kept arrays, without a pthread_getspecific each
** decode (the extractors ask about a few syllables thousands of times). */
static arrays *arrays_get(void) {
  if (!arrays_mine) arrays_mine = util_tls_get(&arrays_tls);
  return arrays_mine;
}

/* The tokens of a text to decode: the spans sp, else the pieces pc[0..npc)
** when pc, else the text's own scan. */
typedef struct source {
  const seg_spans *sp;
  const seg_piece *pc;
  size_t npc;
} source;

/* Read src's tokens of text[0..n) into the decoder d. */
static int read_tokens(dec *d, const char *text, size_t n, const source *src) {
  if (src->sp) return seg_tokens_spans(text, src->sp, on_token, d);
  if (src->pc) return read_pieces(d, text, src->pc, src->npc);
  return seg_tokens(text, n, on_token, d);
}

/* Decode text[0..n) with d (its lexicon and callback set), reading the
** tokens of src. */
static int decode(dec *d, const char *text, size_t n, const source *src) {
  if (!d->lex || !text || n == 0) return 0;
  int outer = !arrays_busy;
  arrays own = {0}, *a = outer ? arrays_get() : &own;
  arrays_busy = 1;
  d->t = a->t, d->tcap = a->tcap, d->keys = a->keys, d->kcap = a->kcap;
  d->best = a->best, d->blen = a->blen, d->bkind = a->bkind, d->dcap = a->dcap;
  d->text = text, d->n = n;
  d->gen = seg_cache_for(d->lex);
  int rc = read_tokens(d, text, n, src);
  if (rc == 0) rc = flush(d);
  *a = (arrays){d->t,    d->tcap, d->keys,  d->kcap,
                d->best, d->blen, d->bkind, d->dcap};
  if (outer) arrays_busy = 0;
  if (!outer || a->tcap > 4096 || a->kcap > (1u << 16)) arrays_free(a);
  return rc;
}

int seg_words(const seg_lex *lex, const char *text, size_t n, seg_word_fn cb,
              void *ctx) {
  dec d = {.lex = lex, .cb = cb, .ctx = ctx};
  return decode(&d, text, n, &(source){0});
}

int seg_words_k(const seg_lex *lex, const char *text, size_t n, seg_wordk_fn cb,
                void *ctx) {
  dec d = {.lex = lex, .kcb = cb, .ctx = ctx};
  return decode(&d, text, n, &(source){0});
}

int seg_words_spans(const seg_lex *lex, const char *text, size_t n,
                    const seg_spans *sp, seg_wordk_fn cb, void *ctx) {
  dec d = {.lex = lex, .kcb = cb, .ctx = ctx};
  return decode(&d, text, n, &(source){.sp = sp});
}

/* The first word's start and syllables, as first_seen_cb saw them. */
typedef struct first_seen {
  size_t from;
  int nsyl;
} first_seen;

/* Keep the first word's start and syllables in ctx (a first_seen); stop. */
static int first_seen_cb(void *ctx, size_t from, size_t to, int nsyl,
                         int kind) {
  (void)to, (void)kind;
  first_seen *f = ctx;
  f->from = from, f->nsyl = nsyl;
  return 1; /* the first word is enough */
}

/* The first word of pieces p[0..np) of text[0..n): its syllables, its
** start in *from; no_digit as dec's. */
static int first_word_of(const seg_lex *lex, const char *text, size_t n,
                         const seg_piece *p, size_t np, size_t *from,
                         int no_digit) {
  first_seen f = {0, 0};
  dec d = {.lex = lex,
           .cb = first_seen_cb,
           .ctx = &f,
           .first_only = 1,
           .no_digit = no_digit};
  decode(&d, text, n, &(source){.pc = p, .npc = np});
  *from = f.from;
  return f.nsyl;
}

int seg_first_word_pieces(const seg_lex *lex, const char *text, size_t n,
                          const seg_piece *p, size_t np, size_t *from) {
  return first_word_of(lex, text, n, p, np, from, 0);
}

int seg_first_word_syl(const seg_lex *lex, const char *text, size_t n,
                       const seg_piece *p, size_t np, size_t *from) {
  return first_word_of(lex, text, n, p, np, from, 1);
}

int seg_words_pieces(const seg_lex *lex, const char *text, size_t n,
                     const seg_piece *p, size_t np, seg_word_fn cb, void *ctx) {
  dec d = {.lex = lex, .cb = cb, .ctx = ctx};
  return decode(&d, text, n, &(source){.pc = p, .npc = np});
}
