/*
** xtok.c — the extractors' token layer (xtok.h): the token helpers
** every extractor uses (word tests, phrases, spans, numbers, years,
** dates, Roman numerals) and the small hash map; the tokenizer and the
** trigger table are xtok_scan.c's, the lexicon lookups xtok_lookup.c's.
** It sits below every extractor and calls none.
*/
#include "xtok.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "segment.h"
#include "text.h"

static void xwords_init(xwords *ws);
static char *xt_sentence(xsent *x);

/* ---- hash map ---- */

int *hmap_slot(hmap *m, uint64_t key, int *isnew) {
  if (!key) key = 1;
  if (2 * (m->n + 1) > m->cap) {
    size_t ncap = m->cap ? m->cap * 2 : 64;
    uint64_t *nk = xcalloc(ncap, sizeof *nk);
    int *nv = xcalloc(ncap, sizeof *nv);
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->keys[i]) continue;
      size_t h = util_slot(m->keys[i]) & (ncap - 1);
      while (nk[h]) h = (h + 1) & (ncap - 1);
      nk[h] = m->keys[i];
      nv[h] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
  }
  size_t h = util_slot(key) & (m->cap - 1);
  while (m->keys[h] && m->keys[h] != key) h = (h + 1) & (m->cap - 1);
  *isnew = !m->keys[h];
  if (*isnew) {
    m->keys[h] = key;
    m->vals[h] = 0;
    m->n++;
  }
  return &m->vals[h];
}

int *hmap_find(const hmap *m, uint64_t key) {
  if (!m->cap) return NULL;
  if (!key) key = 1;
  size_t h = util_slot(key) & (m->cap - 1);
  while (m->keys[h] && m->keys[h] != key) h = (h + 1) & (m->cap - 1);
  return m->keys[h] ? &m->vals[h] : NULL;
}

void hmap_clear(hmap *m) {
  if (m->n) memset(m->keys, 0, m->cap * sizeof *m->keys);
  m->n = 0;
}

void hmap_free(hmap *m) {
  free(m->keys);
  free(m->vals);
  m->keys = NULL;
  m->vals = NULL;
  m->cap = m->n = 0;
}

/* ---- characters (classes, folds and decoding: text.h) ---- */

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

void xwords_load(xwords *ws, int list, int exact) {
  ws->w = lexicon_get()->lists[list];
  ws->exact = exact;
  xwords_init(ws);
}

static void xwords_init(xwords *ws) {
  for (uint16_t i = 0; ws->w[i] && i < XWORDS_MAX; i++) {
    uint32_t h = lexicon_word_hash(ws->w[i], strlen(ws->w[i]));
    size_t m = h & 511;
    while (ws->keys[m] && ws->keys[m] != h) m = (m + 1) & 511;
    if (ws->keys[m]) continue; /* duplicate word */
    ws->keys[m] = h;
    ws->idx[m] = i;
  }
}

/* Token i (a word: its hash is not 0) spells the word of ws's slot m,
** whose hash it has (xt_in's answer then); out of line, so that xt_in's
** "no" saves no registers. A token of the same bytes is the word either
** way, told without counting the word (xt_is or xt_isci would say 1);
** any other token is asked of them. */
static __attribute__((noinline)) int in_slot(const xsent *x, size_t i,
                                             const xwords *ws, size_t m) {
  const char *w = ws->w[ws->idx[m]];
  const char *s = x->s + x->t[i].off;
  size_t n = x->t[i].len, k = 0;
  while (k < n && w[k] && w[k] == s[k]) k++;
  if (n && k == n && !w[n]) return 1;
  return ws->exact ? xt_is(x, i, w) : xt_isci(x, i, w);
}

int xt_in(const xsent *x, size_t i, const xwords *ws) {
  if (i >= x->n) return 0;
  uint32_t h = x->t[i].h;
  if (!h) return 0;
  for (size_t m = h & 511; ws->keys[m]; m = (m + 1) & 511)
    if (ws->keys[m] == h) return in_slot(x, i, ws, m);
  return 0;
}

/* Lowercase the first code point of s into out (<= 4 bytes); returns its
** encoded length and the byte length consumed in *used. */
static size_t fold_first(const char *s, size_t n, char out[4], size_t *used) {
  int32_t cp;
  *used = (size_t)text_decode(s, n, &cp);
  if (cp < 0) {
    out[0] = s[0];
    return 1;
  }
  return (size_t)text_utf8_encode(text_fold_cp(cp), out);
}

int xt_isci_n(const xsent *x, size_t i, const char *w, size_t wn) {
  if (i >= x->n || x->t[i].type == T_PUNCT) return 0;
  const char *s = x->s + x->t[i].off;
  size_t n = x->t[i].len;
  if (!n || !wn) return 0;
  /* fast paths: Vietnamese upper and lower case letters have the same
  ** UTF-8 length, so lengths and the bytes after the first letter must
  ** already agree */
  if (n != wn) return 0;
  if ((unsigned char)s[0] < 0x80 && (unsigned char)w[0] < 0x80)
    return ((s[0] | 32) == (w[0] | 32) || s[0] == w[0]) &&
           memcmp(s + 1, w + 1, n - 1) == 0;
  if (memcmp(s, w, n) == 0) return 1;
  char a[4], b[4];
  size_t ua, ub;
  size_t la = fold_first(s, n, a, &ua), lb = fold_first(w, wn, b, &ub);
  return la == lb && memcmp(a, b, la) == 0 && n - ua == wn - ub &&
         memcmp(s + ua, w + ub, n - ua) == 0;
}

/* Token i spells w[0..n); the first letter is compared case-insensitively
** when ci. */
static int tok_eq(const xsent *x, size_t i, const char *w, size_t n, int ci) {
  if (i >= x->n || x->t[i].type == T_PUNCT || x->t[i].len != n) return 0;
  const char *s = x->s + x->t[i].off;
  if (memcmp(s, w, n) == 0) return 1;
  if (!ci) return 0;
  unsigned f = (unsigned char)s[0], g = (unsigned char)w[0];
  if (f < 0x80 && g < 0x80) /* ASCII first letters: no decoding */
    return (f | 32) == (g | 32) && (f | 32) - 'a' < 26u &&
           memcmp(s + 1, w + 1, n - 1) == 0;
  char a[4], c[4];
  size_t ua, uc;
  size_t la = fold_first(s, n, a, &ua), lc = fold_first(w, n, c, &uc);
  return la == lc && ua == uc && memcmp(a, c, la) == 0 &&
         memcmp(s + ua, w + uc, n - ua) == 0;
}

/* Can token k spell a word whose first byte is c (its first letter in
** either case when ci)? 0 when its first byte alone says no (tok_eq's
** answer then): an ASCII letter and another byte, or a non-ASCII byte and
** an ASCII one (the first letters' lengths differ), or, without ci, two
** different bytes; 1 when tok_eq must tell. */
static int first_may(const xsent *x, size_t k, unsigned char c, int ci) {
  if (k >= x->n || x->t[k].type == T_PUNCT) return 0;
  unsigned char f = (unsigned char)x->s[x->t[k].off];
  if (f == c) return 1;
  if (!ci || (f < 0x80) != (c < 0x80)) return 0;
  return f >= 0x80 ||
         ((f | 32) == (c | 32) && (unsigned)((f | 32) - 'a') < 26u);
}

/* The byte length of the word at p: up to a space or the end. */
static size_t word_len(const char *p) {
  size_t n = 0;
  while (p[n] && p[n] != ' ') n++;
  return n;
}

/*
** tok_eq(x, k, p, word_len(p), ci) ? word_len(p) : 0, for a token k that
** first_may lets through (a word or number: letters, marks and digits, so
** no space or NUL byte), comparing its bytes with p's once instead of
** counting p's word first. Where they first differ, at byte j, says no
** when no case fold can make up for it (no ci, or an ASCII first byte
** alike, or the first 4 bytes alike: past the first code point), or when
** p's word is not as long as the token; two ASCII first letters are
** compared as tok_eq does, without its call; else tok_eq tells.
*/
static size_t word_at(const xsent *x, size_t k, const char *p, int ci) {
  const char *s = x->s + x->t[k].off;
  size_t len = x->t[k].len, j = 0;
  while (j < len && p[j] == s[j]) j++;
  if (j == len) return p[j] && p[j] != ' ' ? 0 : len;
  if (!ci || j >= 4 || (j >= 1 && (unsigned char)s[0] < 0x80)) return 0;
  if (j == 0 && (unsigned char)s[0] < 0x80 && (unsigned char)p[0] < 0x80) {
    /* ASCII first letters that differ (tok_eq's own case): first_may let
    ** them through, so they are one letter in two cases; then the rest
    ** of the bytes alike up to p's word end */
    for (j = 1; j < len && p[j] == s[j];) j++;
    return j == len && (!p[j] || p[j] == ' ') ? len : 0;
  }
  size_t n = j + word_len(p + j); /* p[0..j) is s's: no space */
  return n == len && tok_eq(x, k, p, n, 1) ? n : 0;
}

/* xt_phrase; all_ci: every word's first letter in either case; quick:
** a word whose first byte cannot start the token is passed over before
** its length is counted (first_may) */
static int phrase_at(const xsent *x, size_t i, const char *phrase, int all_ci,
                     int quick) {
  int m = 0;
  const char *p = phrase;
  while (*p) {
    if (quick &&
        !first_may(x, i + (size_t)m, (unsigned char)*p, m == 0 || all_ci))
      return 0;
    size_t n =
        quick ? word_at(x, i + (size_t)m, p, m == 0 || all_ci) : word_len(p);
    if (!n || (!quick && !tok_eq(x, i + (size_t)m, p, n, m == 0 || all_ci)))
      return 0;
    m++;
    p += n;
    if (*p == ' ') p++;
  }
  return m;
}

int xt_phrase(const xsent *x, size_t i, const char *phrase) {
  return phrase_at(x, i, phrase, 0, 1);
}

int xt_phrase_ci(const xsent *x, size_t i, const char *phrase) {
  return phrase_at(x, i, phrase, 1, 1);
}

int xt_phrase_ref(const xsent *x, size_t i, const char *phrase, int all_ci) {
  return phrase_at(x, i, phrase, all_ci, 0);
}

size_t xt_join(const xsent *x, size_t i, size_t j, char *dst, size_t cap) {
  size_t o = 0;
  for (size_t k = i; k < j && k < x->n; k++) {
    const tok *t = &x->t[k];
    if (k > i && (t->flags & TF_SPACE)) {
      if (o + 1 >= cap) return 0;
      dst[o++] = ' ';
    }
    if (o + t->len >= cap) return 0;
    memcpy(dst + o, x->s + t->off, t->len);
    o += t->len;
  }
  if (o >= cap) return 0;
  dst[o] = 0;
  return o;
}

size_t xt_end(const xsent *x, size_t j) {
  if (j == 0) return x->start;
  if (j > x->n) j = x->n;
  return x->t[j - 1].off + x->t[j - 1].len;
}

char *xt_span(const xsent *x, size_t i, size_t j) {
  if (i >= x->n || j <= i) return NULL;
  size_t a = x->t[i].off, b = xt_end(x, j);
  return doc_str(x->d, x->s + a, b - a);
}

/*
** The sentence around tokens [i, j): the whole sentence when it is at
** most `max` bytes, else a window of whole tokens around the span, grown
** one token a side at a time, with "…" where it was cut. Figures store
** their sentence row by row, so a run-on line must not be copied whole
** into each of its thousands of figures.
*/
char *xt_context(xsent *x, size_t i, size_t j, size_t max) {
  if (x->end - x->start <= max || i >= x->n) return xt_sentence(x);
  if (j > x->n) j = x->n;
  if (j <= i) j = i + 1;
  size_t lo = i, hi = j; /* token window [lo, hi), 1 <= hi <= x->n */
  const tok *t = x->t;
  for (int grew = 1; grew;) { /* xt_end(x, hi) is t[hi - 1]'s end */
    grew = 0;
    size_t e = (size_t)(t[hi - 1].off + t[hi - 1].len);
    if (lo > 0 && e - t[lo - 1].off <= max) lo--, grew = 1;
    if (hi < x->n && (size_t)(t[hi].off + t[hi].len) - t[lo].off <= max)
      hi++, grew = 1;
  }
  size_t a = t[lo].off, b = xt_end(x, hi);
  static const char pre[] = "… ", post[] = " …";
  size_t np = lo > 0 ? sizeof pre - 1 : 0, nq = hi < x->n ? sizeof post - 1 : 0;
  char small[1024]; /* the window with its marks, when it fits */
  if (np + (b - a) + nq <= sizeof small) {
    memcpy(small, pre, np);
    memcpy(small + np, x->s + a, b - a);
    memcpy(small + np + (b - a), post, nq);
    return doc_str(x->d, small, np + (b - a) + nq);
  }
  buf out;
  buf_init(&out);
  buf_add(&out, pre, np);
  buf_add(&out, x->s + a, b - a);
  buf_add(&out, post, nq);
  char *r = doc_str(x->d, out.data, out.len);
  buf_free(&out);
  return r;
}

static char *xt_sentence(xsent *x) {
  if (!x->sentence) {
    size_t a = x->start, b = x->end;
    while (a < b && (x->s[a] == ' ' || x->s[a] == '\n')) a++;
    while (b > a && (x->s[b - 1] == ' ' || x->s[b - 1] == '\n')) b--;
    x->sentence = doc_str(x->d, x->s + a, b - a);
  }
  return x->sentence;
}

double xt_number(const char *s, size_t n) {
  size_t dots = 0, commas = 0, lastsep = 0, lastdot = 0, lastcomma = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '.') dots++, lastdot = i, lastsep = i;
    if (s[i] == ',') commas++, lastcomma = i, lastsep = i;
  }
  char dec = 0; /* the decimal separator, if any */
  if (dots && commas)
    dec = lastdot > lastcomma ? '.' : ',';
  else if (dots == 1 && n - lastsep - 1 != 3)
    dec = '.'; /* "2.5": English decimal; "5.000" is thousands */
  else if (commas == 1)
    dec = ','; /* "57,7" Vietnamese decimal */
  (void)lastsep;
  double v = 0, scale = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (is_digit(c)) {
      v = v * 10 + (c - '0');
      if (scale) scale *= 10;
    } else if (c == dec && !scale)
      scale = 1;
  }
  return scale ? v / scale : v;
}

/* Plain integer value of NUM token i (no separators), or -1. */
static int tok_int(const xsent *x, size_t i) {
  if (i >= x->n || x->t[i].type != T_NUM || x->t[i].len > 9) return -1;
  int v = 0;
  for (uint32_t k = 0; k < x->t[i].len; k++) {
    char c = x->s[x->t[i].off + k];
    if (!is_digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

int xt_year(const xsent *x, size_t i) {
  if (i >= x->n || x->t[i].len != 4) return 0;
  int v = tok_int(x, i);
  return v >= 1900 && v <= 2100 ? v : 0;
}

/* seg_words callback: the syllable count of the first word, when it
** starts where the span does. */
static int first_word(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)to, (void)kind;
  *(int *)ctx = from == 0 ? nsyl : 1;
  return 1; /* the first word is enough */
}

#define PIECES_MAX 16 /* tokens handed to the segmenter as they are */

/*
** Tokens [j, e) as the segmenter's pieces of the text from token j's
** start to token e-1's end, into p (PIECES_MAX): when they are words
** without digits written one ' ' apart, the segmenter's scan of that text
** finds exactly these spans (a word token is one token of the text
** layer's tokenizer; a space stops every compound; nothing lies between
** them). Returns 1 then, else 0 (the text must be scanned).
*/
static int seg_pieces(const xsent *x, size_t j, size_t e, seg_piece *p) {
  if (e - j > PIECES_MAX) return 0;
  uint32_t base = x->t[j].off;
  for (size_t k = j; k < e; k++) {
    const tok *t = &x->t[k];
    if (t->type != T_WORD || (t->flags & TF_DIGITS)) return 0;
    if (k > j && (t->off != x->t[k - 1].off + x->t[k - 1].len + 1 ||
                  x->s[t->off - 1] != ' '))
      return 0;
    p[k - j] = (seg_piece){t->off - base, t->off + t->len - base};
  }
  return 1;
}

int xt_first_word_scan(const xsent *x, size_t j, size_t e) {
  if (e > x->n) e = x->n;
  if (j + 1 >= e) return 1;
  int nsyl = 1;
  size_t from = x->t[j].off, to = x->t[e - 1].off + x->t[e - 1].len;
  seg_words(seg_lex_default(), x->s + from, to - from, first_word, &nsyl);
  return nsyl > (int)(e - j) ? (int)(e - j) : nsyl;
}

int xt_first_word(const xsent *x, size_t j, size_t e) {
  if (e > x->n) e = x->n;
  if (j + 1 >= e) return 1;
  seg_piece p[PIECES_MAX];
  if (!seg_pieces(x, j, e, p)) return xt_first_word_scan(x, j, e);
  size_t from = x->t[j].off, to = x->t[e - 1].off + x->t[e - 1].len, at;
  /* seg_pieces took word tokens without TF_DIGITS: no digit among them */
  int nsyl = seg_first_word_syl(seg_lex_default(), x->s + from, to - from, p,
                                e - j, &at);
  nsyl = nsyl && at == 0 ? nsyl : 1; /* as first_word */
  return nsyl > (int)(e - j) ? (int)(e - j) : nsyl;
}

int xt_seg_word_scan(const xsent *x, size_t i, size_t j) {
  const char *w = x->s + x->t[i].off;
  return seg_is_word(seg_lex_default(), w, xt_end(x, j) - x->t[i].off);
}

int xt_seg_word(const xsent *x, size_t i, size_t j) {
  seg_piece p[PIECES_MAX];
  if (j > x->n || j <= i || !seg_pieces(x, i, j, p))
    return xt_seg_word_scan(x, i, j);
  return seg_is_word_pieces(seg_lex_default(), x->s + x->t[i].off, p, j - i);
}

/*
** A date written as one number token "29.12.2023" (the tokenizer keeps
** digits with single dots between them together): day and month of one
** or two digits, a four-digit year. 0 when token i is no such date.
*/
static int dotted_date(const xsent *x, size_t i, int *d, int *m, int *y) {
  if (i >= x->n || x->t[i].type != T_NUM || x->t[i].len < 8 || x->t[i].len > 10)
    return 0;
  const char *s = x->s + x->t[i].off;
  int v[3] = {0, 0, 0}, digits[3] = {0, 0, 0}, part = 0;
  for (uint32_t k = 0; k < x->t[i].len; k++) {
    if (s[k] == '.') {
      if (++part > 2) return 0;
    } else if (is_digit(s[k])) {
      if (++digits[part] > 4) return 0; /* no int overflow on "8888888888" */
      v[part] = v[part] * 10 + (s[k] - '0');
    } else {
      return 0; /* "5,2": no date */
    }
  }
  if (part != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4) return 0;
  *d = v[0], *m = v[1], *y = v[2] >= 1900 && v[2] <= 2100 ? v[2] : 0;
  return 1;
}

int xt_date(const xsent *x, size_t i, char iso[11]) {
  int d = tok_int(x, i), m, y;
  int n;
  if (dotted_date(x, i, &d, &m, &y)) {
    if (!y || !date_valid(y, m, d)) return 0;
    snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
  }
  if (d < 1 || d > 31) return 0;
  if (i + 4 < x->n && x->t[i + 1].type == T_PUNCT &&
      (x->t[i + 1].cp == '/' || x->t[i + 1].cp == '-' ||
       x->t[i + 1].cp == '.') &&
      xt_punct(x, i + 3, x->t[i + 1].cp) && !(x->t[i + 1].flags & TF_SPACE) &&
      !(x->t[i + 2].flags & TF_SPACE) && !(x->t[i + 3].flags & TF_SPACE) &&
      !(x->t[i + 4].flags & TF_SPACE)) {
    m = tok_int(x, i + 2);
    y = xt_year(x, i + 4);
    n = 5;
  } else if (xt_is(x, i + 1, "tháng") && xt_is(x, i + 3, "năm")) {
    m = tok_int(x, i + 2);
    y = xt_year(x, i + 4);
    n = 5;
  } else
    return 0;
  if (!y || !date_valid(y, m, d)) return 0; /* the date core: no 31/02 */
  /* date_valid bounds them; the casts tell the compiler so */
  snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
           (unsigned)d % 100u);
  return n;
}

int xt_roman(const char *s, size_t n) {
  if (!n || n > 12) return 0;
  int total = 0, prev = 0;
  for (size_t i = n; i-- > 0;) {
    int v;
    switch (s[i]) {
      case 'I':
        v = 1;
        break;
      case 'V':
        v = 5;
        break;
      case 'X':
        v = 10;
        break;
      case 'L':
        v = 50;
        break;
      case 'C':
        v = 100;
        break;
      default:
        return 0;
    }
    total += v < prev ? -v : v;
    if (v > prev) prev = v;
  }
  return total > 0 && total < 200 ? total : 0;
}

/* ---- phrase lists (xtok.h) ---- */

void xt_phrases_set(xphrases *ph, const char *const *list) {
  ph->p = list;
  ph->mask = 0;
  ph->longer = 0;
  memset(ph->by_words, 0, sizeof ph->by_words);
  for (int m = 0; list[m] && m < XT_PHRASES_MAX; m++) {
    int words = 1;
    for (const char *c = list[m]; *c; c++) words += *c == ' ';
    ph->words[m] = (unsigned char)(words < 255 ? words : 255);
    /* a token that starts with a digit is a number (hash 0) unless a
    ** capital is glued to it: such a phrase is always compared */
    size_t n = strcspn(list[m], " ");
    int digit = list[m][0] >= '0' && list[m][0] <= '9';
    ph->first[m] = n && !digit ? lexicon_word_hash(list[m], n) : 0;
    uint64_t bit = ph->first[m] ? 1ull << (ph->first[m] & 63) : ~0ull;
    ph->mask |= bit;
    if (words < 4)
      ph->by_words[words] |= bit;
    else
      ph->longer = 1;
  }
}

/* May a phrase of ph start at token j at all (its hash in ph->mask)? */
static inline int may_start(const xsent *x, size_t j, const xphrases *ph) {
  return j < x->n && ph->p && (ph->mask >> (x->t[j].h & 63) & 1);
}

size_t xt_phrase_m(const xsent *x, size_t j, const xphrases *ph, int m,
                   int ci) {
  /* the first word's hash ignores the case of its first letter, as
  ** phrase_at does: a differing hash means no match */
  if (j >= x->n || (ph->first[m] && ph->first[m] != x->t[j].h)) return 0;
  int k = (ci ? xt_phrase_ci : xt_phrase)(x, j, ph->p[m]);
  return k == ph->words[m] ? (size_t)k : 0;
}

size_t xt_phrase_in(const xsent *x, size_t j, const xphrases *ph) {
  if (!may_start(x, j, ph)) return 0;
  for (int m = 0; ph->p[m] && m < XT_PHRASES_MAX; m++)
    if (xt_phrase_m(x, j, ph, m, 0)) return ph->words[m];
  return 0;
}

size_t xt_phrase_in_ci(const xsent *x, size_t j, const xphrases *ph) {
  if (!may_start(x, j, ph) || x->t[j].type == T_PUNCT) return 0;
  uint32_t h = x->t[j].h;
  for (int m = 0; ph->p[m] && m < XT_PHRASES_MAX; m++)
    if ((ph->first[m] ? ph->first[m] == h /* a hash counts the length */
                      : strcspn(ph->p[m], " ") == x->t[j].len) &&
        xt_phrase_m(x, j, ph, m, 1))
      return ph->words[m];
  return 0;
}

/* May a phrase of ph end just before token i (by_words: the token that
** would start a phrase of each length has one of their first hashes)? */
static int may_end_before(const xsent *x, size_t i, const xphrases *ph) {
  if (!ph->p) return 0;
  if (ph->longer) return 1;
  for (size_t w = 1; w < 4 && w <= i && i - w < x->n; w++)
    if (ph->by_words[w] >> (x->t[i - w].h & 63) & 1) return 1;
  return 0;
}

size_t xt_phrase_before(const xsent *x, size_t i, const xphrases *ph, int ci) {
  if (!may_end_before(x, i, ph)) return 0;
  for (int m = 0; ph->p[m] && m < XT_PHRASES_MAX; m++)
    if (i >= ph->words[m] && xt_phrase_m(x, i - ph->words[m], ph, m, ci))
      return ph->words[m];
  return 0;
}
