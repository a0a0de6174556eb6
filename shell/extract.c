/*
** extract.c — fact extraction driver (extract.h): picks the body blocks,
** cuts them into sentences, tokenizes each sentence once and runs every
** extractor over it; also the shared token helpers (extract_int.h), the
** quote scanner and the inline abbreviation definitions.
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
#include <utf8proc.h>

#include "date.h"
#include "extract_int.h"

#define SENT_MAX_BYTES 8192 /* a longer "sentence" is cut at a space */
#define SENT_MAX_TOKS  4096 /* ... and one of this many tokens anywhere */

/* ---- hash map ---- */

int *hmap_slot(hmap *m, uint64_t key, int *isnew) {
  if (!key) key = 1;
  if (2 * (m->n + 1) > m->cap) {
    size_t ncap = m->cap ? m->cap * 2 : 64;
    uint64_t *nk = xcalloc(ncap, sizeof *nk);
    int *nv = xcalloc(ncap, sizeof *nv);
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->keys[i]) continue;
      size_t h = m->keys[i] & (ncap - 1);
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
  size_t h = key & (m->cap - 1);
  while (m->keys[h] && m->keys[h] != key) h = (h + 1) & (m->cap - 1);
  *isnew = !m->keys[h];
  if (*isnew) {
    m->keys[h] = key;
    m->vals[h] = 0;
    m->n++;
  }
  return &m->vals[h];
}

void hmap_free(hmap *m) {
  free(m->keys);
  free(m->vals);
  m->keys = NULL;
  m->vals = NULL;
  m->cap = m->n = 0;
}

/* ---- characters ---- */

/* Decode one code point at s[i..n); *k gets its length (>= 1). An invalid
** byte decodes as -1 with length 1. */
static int32_t decode(const char *s, size_t i, size_t n, size_t *k) {
  const unsigned char *u = (const unsigned char *)s + i;
  unsigned char c = u[0];
  if (c < 0x80) {
    *k = 1;
    return c;
  }
  /* fast paths for well-formed 2- and 3-byte sequences */
  if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (u[1] & 0xC0) == 0x80) {
    *k = 2;
    return ((int32_t)(c & 0x1F) << 6) | (u[1] & 0x3F);
  }
  if (c >= 0xE1 && c < 0xF0 && c != 0xED && i + 2 < n &&
      (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    *k = 3;
    return ((int32_t)(c & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) |
           (u[2] & 0x3F);
  }
  utf8proc_int32_t cp;
  utf8proc_ssize_t r =
      utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, &cp);
  if (r <= 0) {
    *k = 1;
    return -1;
  }
  *k = (size_t)r;
  return cp;
}

static int is_space_cp(int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x200B || cp == 0x2009 ||
         cp == 0x202F || cp == 0xFEFF || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200A);
}

static int is_letter_cp(int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp < 0) return 0;
  /* fast path: Latin-1/Extended-A/B letters and the Vietnamese block */
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
      (cp >= 0x1EA0 && cp <= 0x1EF9))
    return 1;
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static int is_upper_cp(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  /* fast paths: Latin-1, Latin Extended-A pairs, Vietnamese block */
  if (cp < 0x100) return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
  if (cp < 0x130 || (cp >= 0x1EA0 && cp <= 0x1EF9)) return !(cp & 1);
  if (cp == 0x1A0 || cp == 0x1AF) return 1; /* Ơ Ư */
  if (cp == 0x1A1 || cp == 0x1B0) return 0;
  return utf8proc_isupper(cp);
}

/* ASCII classes: 0 other, 1 lowercase letter, 2 capital, 3 digit */
static const unsigned char ascii_class[128] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3,
    ['7'] = 3, ['8'] = 3, ['9'] = 3, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1,
    ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1,
    ['z'] = 1, ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
    ['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2,
    ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2,
    ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2};

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* ---- trigger words: first words of the patterns each extractor seeks ---- */

static const struct {
  const char *w;
  unsigned bits;
} triggers[] = {
    {"nghị", TR_REF},     {"kết", TR_REF},     {"chỉ", TR_REF},
    {"kế", TR_REF},       {"quyết", TR_REF},   {"thông", TR_REF},
    {"bộ", TR_REF},       {"luật", TR_REF},    {"đề", TR_REF},
    {"hướng", TR_REF},    {"quy", TR_REF},     {"công", TR_REF},
    {"pháp", TR_REF},     {"tờ", TR_REF},      {"báo", TR_REF},
    {"nhiệm", TR_PERIOD}, {"giai", TR_PERIOD}, {"thời", TR_PERIOD},
    {"tầm", TR_TARGET},   {"đến", TR_TARGET},  {"trước", TR_TARGET},
    {"đại", TR_CONGRESS}, {"thành", TR_PLACE}, {"tP", TR_PLACE},
    {"huyện", TR_PLACE},  {"thị", TR_PLACE},   {"xã", TR_PLACE},
    {"phường", TR_PLACE}, {"quận", TR_PLACE},  {"tỉnh", TR_PLACE},
    {"cửa", TR_PLACE},    {"kCN", TR_PLACE},   {"khu", TR_PLACE},
};

/* Direct-mapped by the low 16 bits of the word hash: the OR of the TR_*
** bits of every trigger word landing there — a superset (a word may get
** bits of another), which is fine since every extractor checks the words
** it is handed; one load per word. */
#define TRIG_SLOTS 65536
static uint8_t trig_dm[TRIG_SLOTS];
static pthread_once_t trig_once = PTHREAD_ONCE_INIT;

void xwords_init(xwords *ws) {
  for (uint16_t i = 0; ws->w[i]; i++) {
    uint32_t h = lexicon_word_hash(ws->w[i], strlen(ws->w[i]));
    size_t m = h & 511;
    while (ws->keys[m] && ws->keys[m] != h) m = (m + 1) & 511;
    if (ws->keys[m]) continue; /* duplicate word */
    ws->keys[m] = h;
    ws->idx[m] = i;
  }
}

int xt_in(const xsent *x, size_t i, const xwords *ws) {
  if (i >= x->n || !x->t[i].h) return 0;
  uint32_t h = x->t[i].h;
  size_t m = h & 511;
  while (ws->keys[m]) {
    if (ws->keys[m] == h) {
      const char *w = ws->w[ws->idx[m]];
      return ws->exact ? xt_is(x, i, w) : xt_isci(x, i, w);
    }
    m = (m + 1) & 511;
  }
  return 0;
}

/* Add bits for the word of hash h to the trigger table. */
static void trig_put(uint32_t h, unsigned bits) {
  trig_dm[h & (TRIG_SLOTS - 1)] |= (uint8_t)bits;
}

static void trig_init(void) {
  extract_num_init();
  extract_people_init();
  extract_places_init();
  extract_refs_init();
  /* first words of gazetteer names and surnames join the trigger table */
  const lexicon *lx = lexicon_get();
  for (size_t i = 0; i < lx->places.fcap; i++)
    if (lx->places.firsts[i]) trig_put(lx->places.firsts[i], TR_GAZ);
  for (size_t i = 0; i < lx->surnames.fcap; i++)
    if (lx->surnames.firsts[i]) trig_put(lx->surnames.firsts[i], TR_SURNAME);
  for (size_t i = 0; i < sizeof triggers / sizeof *triggers; i++)
    trig_put(lexicon_word_hash(triggers[i].w, strlen(triggers[i].w)),
             triggers[i].bits);
}

/* TR_* bits of a word of hash h (a superset, see trig_dm). */
static inline unsigned word_bits(uint32_t h) {
  return trig_dm[h & (TRIG_SLOTS - 1)];
}

/* ---- tokens ---- */

typedef VEC(tok) tokvec;

/*
** Tokenize the sentence that starts at s[a] (block of n bytes) into v
** (cleared first) and return where the sentence ends: just past a newline,
** or past a '.', '!' or '?' followed by a space, a newline or the end; a
** sentence longer than SENT_MAX_BYTES ends at the next space, and one of
** SENT_MAX_TOKS tokens ends there. Words are runs of letters, combining
** marks and digits; numbers are runs of digits with single inner '.' or
** ',' between digits; anything else is one punctuation token per code
** point.
*/
/* Sentence features gathered by tokenize: the OR of every token's TR_*
** bits and these, so extractors with nothing to find are skipped. */
enum { F_NUM = 1 << 8, F_PAREN = 1 << 9, F_UPPER = 1 << 10 };

static size_t tokenize(const char *s, size_t a, size_t b, tokvec *v,
                       unsigned *feat) {
  v->n = 0;
  unsigned f = 0;
#define PUSH_TOK(t)                                             \
  do {                                                          \
    f |= (t).trig | ((t).type == T_NUM ? F_NUM : 0) |           \
         ((t).type == T_PUNCT && (t).cp == '(' ? F_PAREN : 0) | \
         ((t).flags & TF_UPPER ? F_UPPER : 0);                  \
    VEC_PUSH(*v, (t));                                          \
  } while (0)
  size_t i = a;
  uint8_t pending = TF_SPACE;
  while (i < b) {
    size_t k;
    if (v->n >= SENT_MAX_TOKS ||
        (i - a > SENT_MAX_BYTES && (pending & TF_SPACE)))
      return *feat = f, i;
    if (s[i] == ' ') { /* the common case */
      pending |= TF_SPACE;
      i++;
      continue;
    }
    int32_t cp;
    int letter; /* 0: not a letter, 1: lowercase, 2: capital */
    unsigned char c0 = (unsigned char)s[i];
    if (c0 < 0x80) { /* ASCII: classes from the table */
      cp = c0;
      k = 1;
      if (c0 == '\t' || c0 == '\n' || c0 == '\r' || c0 == '\f' || c0 == '\v') {
        pending |= TF_SPACE;
        i++;
        if (c0 == '\n' && v->n) return *feat = f, i;
        continue;
      }
      letter = ascii_class[c0] == 3 ? 0 : ascii_class[c0];
    } else {
      cp = decode(s, i, b, &k);
      if (is_space_cp(cp)) {
        pending |= TF_SPACE;
        i += k;
        continue;
      }
      letter = is_letter_cp(cp) ? 1 + is_upper_cp(cp) : 0;
    }
    tok t = {(uint32_t)i, 0, T_PUNCT, pending, cp, 0, 0};
    pending = 0;
    if (cp >= '0' && cp <= '9') {
      size_t j = i;
      while (j < b) {
        if (is_digit(s[j]))
          j++;
        else if ((s[j] == '.' || s[j] == ',') && j + 1 < b &&
                 is_digit(s[j + 1]))
          j++;
        else
          break;
      }
      t.type = T_NUM;
      t.len = (uint32_t)(j - i);
      /* digits glued to a capital ("19A", "5G") make a word; "3km" stays
      ** NUM + WORD */
      size_t kk;
      if (j < b && is_upper_cp(decode(s, j, b, &kk))) {
        while (j < b && (is_letter_cp(decode(s, j, b, &kk)) || is_digit(s[j])))
          j += kk;
        t.type = T_WORD;
        t.flags |= TF_DIGITS;
        t.len = (uint32_t)(j - i);
        t.h = lexicon_word_hash(s + i, t.len);
        t.trig = (uint8_t)word_bits(t.h);
      }
      i = j;
    } else if (letter) {
      /* caps: every letter so far is a capital (then TF_CAPS) */
      size_t j = i + k, letters = 1;
      int digits = 0, upper = letter == 2, caps = upper;
      const unsigned char *u = (const unsigned char *)s;
      while (j < b) {
        unsigned char c0 = u[j];
        if (c0 < 0x80) { /* ASCII */
          unsigned char cl = ascii_class[c0];
          if (!cl) break;
          if (cl == 3)
            digits = 1;
          else {
            letters++;
            caps &= cl == 2;
          }
          j++;
          continue;
        }
        /* non-ASCII: a letter unless its lead byte opens a block of
        ** punctuation/symbols (U+0080-00BF, U+2000-2FFF, U+3000-3FFF,
        ** U+F000-FFFF, beyond U+FFFF) or it is × or ÷; marks count as
        ** letters. Only a word still all capitals needs the code point. */
        if (c0 < 0xC3 || c0 == 0xE2 || c0 == 0xE3 || c0 >= 0xEF) break;
        size_t kk = c0 < 0xE0 ? 2 : 3;
        if (j + kk > b) break;
        if ((u[j + 1] & 0xC0) != 0x80 || (kk == 3 && (u[j + 2] & 0xC0) != 0x80))
          break;
        if (c0 == 0xC3 && (u[j + 1] == 0x97 || u[j + 1] == 0xB7)) break;
        if (caps) {
          int32_t c = kk == 2 ? (c0 & 0x1F) << 6 | (u[j + 1] & 0x3F)
                              : (c0 & 0x0F) << 12 | (u[j + 1] & 0x3F) << 6 |
                                    (u[j + 2] & 0x3F);
          caps = is_upper_cp(c);
        }
        letters++;
        j += kk;
      }
      /* v: the (up to) 8 bytes after the first letter, as
      ** lexicon_word_hash_cp reads them; one load when in bounds */
      size_t rest = j - (i + k);
      uint64_t v = 0;
      if (i + k + 8 <= b) {
        v = lexicon_load8(s + i + k);
        if (rest < 8) v &= (1ull << (8 * rest)) - 1;
      } else
        for (size_t q = 0; q < rest && q < 8; q++)
          v |= (uint64_t)u[i + k + q] << (8 * q);
      t.type = T_WORD;
      t.len = (uint32_t)(j - i);
      t.h = lexicon_hash_parts(cp, t.len, v);
      t.trig = (uint8_t)word_bits(t.h);
      if (upper) t.flags |= TF_UPPER;
      if (letters >= 2 && caps) t.flags |= TF_CAPS;
      if (digits) t.flags |= TF_DIGITS;
      i = j;
    } else {
      t.len = (uint32_t)k;
      i += k;
      if ((cp == '.' || cp == '!' || cp == '?') &&
          (i >= b || s[i] == ' ' || s[i] == '\n')) {
        PUSH_TOK(t);
        return *feat = f, i;
      }
    }
    PUSH_TOK(t);
  }
  *feat = f;
  return b;
#undef PUSH_TOK
}

int xt_is(const xsent *x, size_t i, const char *w) {
  if (i >= x->n || x->s[x->t[i].off] != w[0]) return 0;
  size_t n = strlen(w);
  return x->t[i].len == n && memcmp(x->s + x->t[i].off, w, n) == 0;
}

/* Lowercase the first code point of s into out (<= 4 bytes); returns its
** encoded length and the byte length consumed in *used. */
static size_t fold_first(const char *s, size_t n, char out[4], size_t *used) {
  size_t k;
  int32_t cp = decode(s, 0, n, &k);
  *used = k;
  if (cp < 0) {
    out[0] = s[0];
    return 1;
  }
  return (size_t)utf8proc_encode_char(utf8proc_tolower(cp),
                                      (utf8proc_uint8_t *)out);
}

int xt_isci(const xsent *x, size_t i, const char *w) {
  if (i >= x->n || x->t[i].type == T_PUNCT) return 0;
  const char *s = x->s + x->t[i].off;
  size_t n = x->t[i].len, wn = strlen(w);
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
  char a[4], c[4];
  size_t ua, uc;
  size_t la = fold_first(s, n, a, &ua), lc = fold_first(w, n, c, &uc);
  return la == lc && ua == uc && memcmp(a, c, la) == 0 &&
         memcmp(s + ua, w + uc, n - ua) == 0;
}

int xt_phrase(const xsent *x, size_t i, const char *phrase) {
  int m = 0;
  const char *p = phrase;
  while (*p) {
    size_t n = 0;
    while (p[n] && p[n] != ' ') n++;
    if (!tok_eq(x, i + (size_t)m, p, n, m == 0)) return 0;
    m++;
    p += n;
    if (*p == ' ') p++;
  }
  return m;
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

/* A token that may sit inside a lexicon phrase. */
static int phrase_tok(const tok *t) {
  return t->type != T_PUNCT || t->cp == '-' || t->cp == '/' || t->cp == '&' ||
         t->cp == 0x2013;
}

/*
** Joins the tokens from i once (folded for a folding table), hashing the
** key incrementally (FNV-1a, as util_hash64) and probing the table at
** every word end, longest first.
*/
int xt_lookup(const xsent *x, size_t i, const lex_table *t,
              const lex_entry **out) {
  if (i >= x->n || !t->n || x->t[i].type == T_PUNCT) return 0;
  int maxw = lex_first(t, x->t[i].h); /* most words of a key from here */
  if (!maxw) return 0;
  char key[256];
  size_t ends[24], toks[24]; /* candidate key lengths and token ends */
  int nc = 0, words = 0;
  size_t o = 0;
  for (size_t k = i; k < x->n && phrase_tok(&x->t[k]) && nc < 24; k++) {
    const tok *tk = &x->t[k];
    if (k > i && (tk->flags & TF_SPACE)) {
      if (++words >= maxw) break;
      if (o + 1 >= sizeof key) break;
      key[o++] = ' ';
    }
    size_t n = tk->len;
    if (t->fold) {
      n = lexicon_fold(key + o, sizeof key - o, x->s + tk->off, tk->len);
      if (!n) break;
    } else {
      if (o + n >= sizeof key) break;
      memcpy(key + o, x->s + tk->off, n);
    }
    o += n;
    /* a candidate ends after a word not glued to the next word */
    if (tk->type != T_PUNCT &&
        !(k + 1 < x->n && !(x->t[k + 1].flags & TF_SPACE) &&
          x->t[k + 1].type != T_PUNCT)) {
      ends[nc] = o;
      toks[nc++] = k + 1 - i;
    }
  }
  uint64_t hs[24];
  uint64_t h = UTIL_FNV_OFFSET; /* as util_hash64, incrementally */
  size_t p = 0;
  for (int c = 0; c < nc; c++) {
    for (; p < ends[c]; p++) {
      h ^= (unsigned char)key[p];
      h *= UTIL_FNV_PRIME;
    }
    hs[c] = h;
  }
  for (int c = nc - 1; c >= 0; c--) {
    const lex_entry *e = lex_find_h(t, key, ends[c], hs[c]);
    if (e) {
      if (out) *out = e;
      return (int)toks[c];
    }
  }
  return 0;
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
  size_t lo = i, hi = j; /* token window [lo, hi) */
  for (int grew = 1; grew;) {
    grew = 0;
    if (lo > 0 && xt_end(x, hi) - x->t[lo - 1].off <= max) lo--, grew = 1;
    if (hi < x->n && xt_end(x, hi + 1) - x->t[lo].off <= max) hi++, grew = 1;
  }
  size_t a = x->t[lo].off, b = xt_end(x, hi);
  buf out;
  buf_init(&out);
  if (lo > 0) buf_adds(&out, "… ");
  buf_add(&out, x->s + a, b - a);
  if (hi < x->n) buf_adds(&out, " …");
  char *r = doc_str(x->d, out.data, out.len);
  buf_free(&out);
  return r;
}

char *xt_sentence(xsent *x) {
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

int xt_date(const xsent *x, size_t i, char iso[11]) {
  int d = tok_int(x, i), m, y;
  int n;
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
  snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
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
  hmap_slot(&x->quotes, util_hash64(s, n), &isnew);
  if (isnew) VEC_PUSH(x->d->quotes, doc_str(x->d, s, n));
}

#define QUOTE_MAX 1000 /* longest quotation kept, in bytes */

/* Straight quotes: a pair on one line, opening after a space or a line
** start, closing before a space/punctuation, with >= 2 words inside. */
static size_t straight_quote(xdoc *x, const char *s, size_t n, size_t i) {
  if (i > 0 && !(s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == '(' ||
                 s[i - 1] == ':'))
    return i + 1;
  size_t j = i + 1;
  int spaces = 0;
  while (j < n && s[j] != '"' && s[j] != '\n' && j - i < QUOTE_MAX) {
    if (s[j] == ' ') spaces++;
    j++;
  }
  if (j >= n || s[j] != '"') return j;
  if (j + 1 < n &&
      !(s[j + 1] == ' ' || s[j + 1] == '\n' || strchr(".,;:)!?", s[j + 1])))
    return j;
  if (spaces >= 1 && s[i + 1] != ' ') add_quote(x, s + i + 1, j - i - 1);
  return j + 1;
}

/*
** Every “…” span of a block (nested “ restarts the span) and every
** clearly delimited "…" span become quotes. One pass over the bytes.
*/
static void scan_quotes(xdoc *x, const char *s, size_t n) {
  size_t i = 0;
  const char *p = NULL, *q = NULL; /* next 0xE2 byte / '"' at or after i */
  while (i < n) {
    if (!p || p < s + i) p = memchr(s + i, 0xE2, n - i);
    if (!q || q < s + i) q = memchr(s + i, '"', n - i);
    if (!p) p = s + n + 1; /* none left: park past the end */
    if (!q) q = s + n + 1;
    if (p > s + n && q > s + n) return;
    if (q < p) {
      i = straight_quote(x, s, n, (size_t)(q - s));
      continue;
    }
    i = (size_t)(p - s);
    if (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x9C) {
      size_t a = i + 3, j = a;
      while (j + 2 < n && j - a < QUOTE_MAX) {
        if ((unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
            ((unsigned char)s[j + 2] == 0x9D ||
             (unsigned char)s[j + 2] == 0x9C))
          break;
        j++;
      }
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

/* Lowercase base letter of cp (diacritics removed; đ stays đ). */
static int32_t base_letter(int32_t cp) {
  utf8proc_int32_t out[4];
  int last;
  utf8proc_ssize_t r =
      utf8proc_decompose_char(cp, out, 4, UTF8PROC_DECOMPOSE, &last);
  if (r >= 1) cp = out[0];
  return utf8proc_tolower(cp);
}

void extract_abbrevs(xsent *x) {
  for (size_t i = 1; i + 2 < x->n; i++) {
    if (!xt_punct(x, i, '(')) continue;
    /* the abbreviation: CAPS words joined by '-' up to ')' */
    size_t j = i + 1;
    int32_t letters[16];
    int nl = 0;
    while (j < x->n && !xt_punct(x, j, ')')) {
      const tok *t = &x->t[j];
      if (t->type == T_WORD && (t->flags & (TF_CAPS | TF_UPPER)) &&
          !(t->flags & TF_DIGITS)) {
        const char *s = x->s + t->off;
        for (size_t k = 0, kk; k < t->len && nl < 16; k += kk) {
          int32_t cp = decode(s, k, t->len, &kk);
          if (!is_upper_cp(cp)) goto next;
          letters[nl++] = base_letter(cp);
        }
      } else if (!(t->type == T_PUNCT && t->cp == '-'))
        goto next;
      j++;
    }
    if (j >= x->n || nl < 2 || nl > 12 || j == i + 1) continue;
    /* walk back one word per letter */
    size_t w = i;
    int li = nl;
    while (li > 0 && w > 0) {
      const tok *t = &x->t[w - 1];
      if (t->type != T_WORD) break;
      size_t kk;
      int32_t cp = decode(x->s + t->off, 0, t->len, &kk);
      if (base_letter(cp) != letters[li - 1]) break;
      li--;
      w--;
    }
    if (li == 0) {
      size_t an = x->t[j - 1].off + x->t[j - 1].len - x->t[i + 1].off;
      const char *ab = x->s + x->t[i + 1].off;
      int isnew;
      hmap_slot(&x->x->abbrevs, util_hash64(ab, an), &isnew);
      if (isnew) {
        doc_abbrev a = {doc_str(x->d, ab, an), xt_span(x, w, i)};
        VEC_PUSH(x->d->abbrevs, a);
      }
    }
  next:;
  }
}

/* ---- driver ---- */

static int is_body(doc_kind k) {
  return k == BK_TITLE || k == BK_LEAD || k == BK_HEADING ||
         k == BK_PARAGRAPH || k == BK_QUESTION || k == BK_ANSWER ||
         k == BK_CAPTION;
}

int extract_facts(doc *d) {
  if (!d) return -1;
  xdoc x = {0};
  x.d = d;
  x.lx = lexicon_get();
  pthread_once(&trig_once, trig_init);
  tokvec toks = {0};
  VEC(uint8_t) used = {0};
  for (size_t b = 0; b < d->blocks.n; b++) {
    const doc_block *bl = &d->blocks.items[b];
    if (!is_body(bl->kind) || !bl->text) continue;
    const char *s = bl->text;
    size_t n = strlen(s);
    scan_quotes(&x, s, n);
    for (size_t a = 0; a < n;) {
      unsigned feat = 0;
      size_t e = tokenize(s, a, n, &toks, &feat);
      if (toks.n) {
        if (used.cap < toks.n) {
          used.cap = toks.n * 2;
          used.items = xrealloc(used.items, used.cap);
        }
        memset(used.items, 0, toks.n);
        xsent st = {&x, d,          (int)b, s,    a,
                    e,  toks.items, toks.n, NULL, used.items};
        /* each extractor runs only when its starting tokens are there */
        if (feat & (F_NUM | TR_REF | TR_PERIOD | TR_TARGET | TR_CONGRESS))
          extract_refs(&st);
        if (feat & F_NUM) extract_figures(&st);
        if (feat & (x.lx->surnames.n ? TR_SURNAME : F_UPPER))
          extract_people(&st);
        if (feat & (TR_GAZ | TR_PLACE)) extract_places(&st);
        if (feat & F_PAREN) extract_abbrevs(&st);
      }
      a = e;
    }
  }
  extract_people_finish(&x);
  free(toks.items);
  free(used.items);
  free(x.names.items);
  hmap_free(&x.people);
  hmap_free(&x.places);
  hmap_free(&x.periods);
  hmap_free(&x.refs);
  hmap_free(&x.quotes);
  hmap_free(&x.abbrevs);
  return 0;
}
