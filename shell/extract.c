/*
** extract.c — fact extraction driver (extract.h): picks the body blocks,
** has each cut into sentences and tokens once (xtok.c) and runs every
** extractor over each sentence; also the quote scanner and the inline
** abbreviation definitions.
**
** Cost: each block is read once for quotes and once for sentences and
** tokens; every extractor walks the token array of one sentence at a
** time, so memory stays bounded by the longest sentence (capped) and
** time is linear in the text.
*/
#include "extract.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "segment.h"
#include "text.h"
#include "util_tls.h"
#include "xtok.h"

/* ---- quotes ---- */

/* Trim spaces; store the quotation if it holds letters and is new. */
static void add_quote(xdoc *x, const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\n')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
  int letters = 0; /* “2017-2020” is not a quotation */
  for (size_t i = 0; i < n && !letters; i++)
    letters = (unsigned char)s[i] >= 0x80 ||
              ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z');
  if (!letters) return;
  int isnew;
  hmap_slot(&x->quotes, seg_hash(s, n), &isnew);
  if (isnew) VEC_PUSH(x->d->quotes, doc_str(x->d, s, n));
}

#define QUOTE_MAX 1000 /* longest quotation kept, in bytes */

/* The first '"' or newline of s[j..lim), else lim (j when j >= lim). */
static size_t span_end(const char *s, size_t j, size_t lim) {
  if (j >= lim) return j;
  const char *q = memchr(s + j, '"', lim - j);
  size_t e = q ? (size_t)(q - s) : lim;
  const char *nl = memchr(s + j, '\n', e - j);
  return nl ? (size_t)(nl - s) : e;
}

/* The first “ or ” (E2 80 9C/9D) starting in s[a..lim), else lim (a
** when a >= lim); the bytes up to lim + 2 are in s. */
static size_t curly_at(const char *s, size_t a, size_t lim) {
  size_t j = a;
  while (j < lim) {
    const char *p = memchr(s + j, 0xE2, lim - j);
    if (!p) return lim;
    j = (size_t)(p - s);
    if ((unsigned char)s[j + 1] == 0x80 &&
        ((unsigned char)s[j + 2] == 0x9D || (unsigned char)s[j + 2] == 0x9C))
      return j;
    j++;
  }
  return j;
}

/* Straight quotes: a pair on one line, opening after a space or a line
** start, closing before a space/punctuation, with >= 2 words inside. */
static size_t straight_quote(xdoc *x, const char *s, size_t n, size_t i) {
  if (i > 0 && !(s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == '(' ||
                 s[i - 1] == ':'))
    return i + 1;
  size_t j = span_end(s, i + 1, n < i + QUOTE_MAX ? n : i + QUOTE_MAX);
  int spaces = j > i + 1 && memchr(s + i + 1, ' ', j - i - 1) != NULL;
  if (j >= n || s[j] != '"') return j;
  if (j + 1 < n &&
      !(s[j + 1] == ' ' || s[j + 1] == '\n' || strchr(".,;:)!?", s[j + 1])))
    return j;
  if (spaces >= 1 && s[i + 1] != ' ') add_quote(x, s + i + 1, j - i - 1);
  return j + 1;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* The bytes of the 32 at p that are '"' or 0xE2, one bit each. */
__attribute__((target("avx2"))) static inline uint32_t quote_bits(
    const char *p) {
  __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)p);
  return (uint32_t)_mm256_movemask_epi8(
      _mm256_or_si256(_mm256_cmpeq_epi8(w, _mm256_set1_epi8('"')),
                      _mm256_cmpeq_epi8(w, _mm256_set1_epi8((char)0xE2))));
}

/* extract_quote_byte with AVX2, for n - i >= 32: 64 bytes a step, then
** 32, then the last 32 (which overlap bytes passed already: the bits
** before i are dropped). */
__attribute__((target("avx2"))) static size_t quote_byte_avx2(const char *s,
                                                              size_t i,
                                                              size_t n) {
  for (; i + 64 <= n; i += 64) {
    uint64_t m = quote_bits(s + i) | (uint64_t)quote_bits(s + i + 32) << 32;
    if (m) return i + (size_t)__builtin_ctzll(m);
  }
  if (i + 32 <= n) {
    uint32_t m = quote_bits(s + i);
    if (m) return i + (size_t)__builtin_ctz(m);
    i += 32;
  }
  if (i == n) return n;
  uint32_t m = quote_bits(s + n - 32) >> (32 - (n - i)); /* bytes i..n */
  return m ? i + (size_t)__builtin_ctz(m) : n;
}
#define QUOTE_AVX2 1
#endif

/* The reference: the first 0xE2 and the first '"' by memchr. */
static size_t quote_byte_slow(const char *s, size_t i, size_t n) {
  if (i >= n) return i;
  const char *p = memchr(s + i, 0xE2, n - i), *q = memchr(s + i, '"', n - i);
  size_t a = p ? (size_t)(p - s) : n, b = q ? (size_t)(q - s) : n;
  return a < b ? a : b;
}

size_t extract_quote_byte(const char *s, size_t i, size_t n, int slow) {
#ifdef QUOTE_AVX2
  if (!slow && i + 32 <= n && __builtin_cpu_supports("avx2"))
    return quote_byte_avx2(s, i, n);
#endif
  return quote_byte_slow(s, i, n);
}

/*
** Every “…” span of a block (nested “ restarts the span) and every
** clearly delimited "…" span become quotes. One pass over the bytes: the
** next '"' or 0xE2 found by extract_quote_byte (the first of the two
** memchr answers it used to keep).
*/
static void scan_quotes(xdoc *x, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    i = extract_quote_byte(s, i, n, 0);
    if (i >= n) return;
    if (s[i] == '"') {
      i = straight_quote(x, s, n, i);
      continue;
    }
    if (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x9C) {
      size_t a = i + 3, lim = n - 2 < a + QUOTE_MAX ? n - 2 : a + QUOTE_MAX;
      size_t j = curly_at(s, a, lim);
      if (j + 2 < n && (unsigned char)s[j + 2] == 0x9D) {
        add_quote(x, s + a, j - a);
        i = j + 3;
      } else
        i = j; /* unclosed or restarted: continue from there */
      continue;
    }
    i++;
  }
}

/* ---- inline abbreviation definitions: "khu kinh tế cửa khẩu (KKTCK)" ---- */

/* Lowercase base letter of cp (the accent fold, but đ stays đ). */
static int32_t base_letter(int32_t cp) {
  int32_t fold, strip;
  if (!text_fold_pair(cp, &fold, &strip)) return text_fold_cp(cp);
  return fold == 0x111 ? fold : strip;
}

/*
** The abbreviation after '(' at token i: CAPS words joined by '-' up to
** ')'. Puts the base letters of its capitals in letters[] (*nl of them)
** and returns the index of ')', or 0 when there is none.
*/
static size_t abbrev_letters(const xsent *x, size_t i, int32_t letters[16],
                             int *nl) {
  size_t j = i + 1;
  *nl = 0;
  for (; j < x->n && !xt_punct(x, j, ')'); j++) {
    const tok *t = &x->t[j];
    if (t->type == T_PUNCT && t->cp == '-') continue;
    if (t->type != T_WORD || !(t->flags & (TF_CAPS | TF_UPPER)) ||
        (t->flags & TF_DIGITS))
      return 0;
    const char *s = x->s + t->off;
    for (size_t k = 0, kk; k < t->len && *nl < 16; k += kk) {
      int32_t cp;
      kk = (size_t)text_decode(s + k, t->len - k, &cp);
      if (!text_is_upper(cp)) return 0;
      letters[(*nl)++] = base_letter(cp);
    }
  }
  return j < x->n && j > i + 1 ? j : 0;
}

/* The first of the words before token i whose initials spell letters[],
** or (size_t)-1 when they do not. */
static size_t initials_from(const xsent *x, size_t i, const int32_t *letters,
                            int nl) {
  size_t w = i;
  while (nl > 0 && w > 0) {
    const tok *t = &x->t[w - 1];
    if (t->type != T_WORD) break;
    int32_t cp;
    text_decode(x->s + t->off, t->len, &cp);
    if (base_letter(cp) != letters[nl - 1]) break;
    nl--;
    w--;
  }
  return nl == 0 ? w : (size_t)-1;
}

/* The first '(' among tokens [i, lim), lim when none: four tokens a step
** by their code point alone (a word's or number's first one is a letter
** or a digit, never '('), its type checked where one is '('. */
static size_t paren_next(const xsent *x, size_t i, size_t lim) {
  const tok *t = x->t;
  for (;; i++) {
    while (i + 4 <= lim && t[i].cp != '(' && t[i + 1].cp != '(' &&
           t[i + 2].cp != '(' && t[i + 3].cp != '(')
      i += 4;
    while (i < lim && t[i].cp != '(') i++;
    if (i >= lim || t[i].type == T_PUNCT) return i;
  }
}

static void extract_abbrevs(xsent *x) {
  size_t lim = x->n > 2 ? x->n - 2 : 0; /* i + 2 < x->n */
  for (size_t i = paren_next(x, 1, lim); i < lim;
       i = paren_next(x, i + 1, lim)) {
    int32_t letters[16];
    int nl;
    size_t j = abbrev_letters(x, i, letters, &nl);
    if (!j || nl < 2 || nl > 12) continue;
    size_t w = initials_from(x, i, letters, nl);
    if (w == (size_t)-1) continue;
    size_t an = x->t[j - 1].off + x->t[j - 1].len - x->t[i + 1].off;
    const char *ab = x->s + x->t[i + 1].off;
    int isnew;
    hmap_slot(&x->x->abbrevs, util_hash64(ab, an), &isnew);
    if (isnew) {
      doc_abbrev a = {doc_str(x->d, ab, an), xt_span(x, w, i)};
      VEC_PUSH(x->d->abbrevs, a);
    }
  }
}

/* ---- driver ---- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* One-time setup: each extractor's word lists, then the trigger table. */
static void init_all(void) {
  extract_num_init();
  extract_people_init();
  extract_places_init();
  extract_refs_init();
  xtok_init();
}

static int is_body(doc_kind k) {
  return k == BK_TITLE || k == BK_LEAD || k == BK_HEADING ||
         k == BK_PARAGRAPH || k == BK_QUESTION || k == BK_ANSWER ||
         k == BK_CAPTION;
}

/* Scratch reused from sentence to sentence, and kept per thread from
** document to document (util_tls). */
typedef struct scratch {
  tokvec toks;
  VEC(uint8_t) used;
  uint8_t *titles; /* as many as used.cap */
  hmap maps[6];    /* a document's maps (xdoc), emptied for the next */
} scratch;

/* Free what a thread's scratch holds, and the scratch. */
static void scratch_drop(void *p) {
  scratch *w = p;
  free(w->toks.items);
  free(w->used.items);
  free(w->titles);
  for (size_t i = 0; i < sizeof w->maps / sizeof *w->maps; i++)
    hmap_free(&w->maps[i]);
  free(w);
}

#define MAP_KEEP 1024 /* a map of more slots is freed, not kept */

/* Hand x the thread's maps (empty; put = 0), or take them back emptied
** (put = 1): a document's maps are not allocated and freed again for
** each document. */
static void maps_swap(xdoc *x, scratch *w, int put) {
  hmap *m[] = {&x->people, &x->places, &x->periods,
               &x->refs,   &x->quotes, &x->abbrevs};
  _Static_assert(sizeof m / sizeof *m == sizeof w->maps / sizeof *w->maps,
                 "one kept map for each of xdoc's");
  for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
    if (!put) {
      *m[i] = w->maps[i];
      continue;
    }
    if (m[i]->cap > MAP_KEEP)
      hmap_free(m[i]);
    else
      hmap_clear(m[i]);
    w->maps[i] = *m[i];
  }
}

static util_tls scratch_tls = UTIL_TLS_INIT(sizeof(scratch), scratch_drop);

/* Run each extractor whose starting tokens the sentence has (feat). */
static void run_extractors(xsent *st, unsigned feat) {
  const lexicon *lx = st->x->lx;
  if (feat & (F_NUM | TR_REF | TR_PERIOD | TR_TARGET | TR_CONGRESS))
    extract_refs(st);
  if (feat & F_NUM) extract_figures(st);
  if ((feat & (lx->surnames.n ? TR_SURNAME : F_UPPER)) ||
      ((feat & (TR_GAZ | TR_HEAD)) && extract_people_foreign(st)))
    extract_people(st);
  if (feat & (TR_GAZ | TR_PLACE)) extract_places(st);
  if (feat & F_PAREN) extract_abbrevs(st);
}

/* used[0..nt) = 0 and titles[0..nt) = 0xFF, sixteen bytes a step
** without a call (both hold nt rounded up to 16 bytes: the bytes past nt
** are nobody's). */
static void marks_reset(uint8_t *used, uint8_t *titles, size_t nt) {
  static const uint8_t zero[16],
      ff[16] = {255, 255, 255, 255, 255, 255, 255, 255,
                255, 255, 255, 255, 255, 255, 255, 255};
  for (size_t k = 0; k < nt; k += 16) {
    memcpy(used + k, zero, 16);
    memcpy(titles + k, ff, 16);
  }
}

/* Quotes of block b, then its sentences one by one through the
** extractors. */
static void scan_block(xdoc *x, int b, scratch *w) {
  const char *s = x->d->blocks.items[b].text;
  size_t n = strlen(s);
  scan_quotes(x, s, n);
  for (size_t a = 0; a < n;) {
    unsigned feat = 0;
    size_t e = xt_tokenize(s, a, n, &w->toks, &feat);
    size_t nt = w->toks.n;
    if (nt) {
      if (w->used.cap < nt) {
        w->used.cap = (nt * 2 + 15) & ~(size_t)15; /* whole 16s: marks_reset */
        w->used.items = xrealloc(w->used.items, w->used.cap);
        w->titles = xrealloc(w->titles, w->used.cap);
      }
      marks_reset(w->used.items, w->titles, nt);
      xsent st = {x,    x->d,          b,        s, a, e, w->toks.items, nt,
                  NULL, w->used.items, w->titles};
      run_extractors(&st, feat);
    }
    a = e;
  }
}

/* Free the per-document state; its maps go back to w. */
static void xdoc_free(xdoc *x, scratch *w) {
  free(x->names.items);
  maps_swap(x, w, 1);
}

int extract_facts(doc *d) {
  if (!d) return -1;
  xdoc x = {0};
  x.d = d;
  x.lx = lexicon_get();
  pthread_once(&init_once, init_all);
  scratch *w = util_tls_get(&scratch_tls);
  maps_swap(&x, w, 0);
  for (size_t b = 0; b < d->blocks.n; b++) {
    const doc_block *bl = &d->blocks.items[b];
    if (is_body(bl->kind) && bl->text) scan_block(&x, (int)b, w);
  }
  extract_people_finish(&x);
  xdoc_free(&x, w);
  return 0;
}
