/*
** text_utf8.c — the UTF-8 decoder and encoder, the character-class table
** and the two folds (see text.h). The tables are filled lazily, one entry
** per code point met, with utf8proc as the reference: a process that
** folds a few words pays for a few dozen entries, not 64K.
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "util.h"

/* ---- UTF-8 ---- */

/*
** The one strict decoder; text_decode (text.h) inlines its common cases.
*/
int text_utf8_decode(const char *s, size_t n, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned c = u[0];
  if (c < 0x80) return *cp = (int32_t)c, 1;
  int len;
  int32_t v, min;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, v = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, v = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, v = c & 0x07, min = 0x10000;
  else
    return *cp = -1, 1;
  if ((size_t)len > n) return *cp = -1, 1;
  for (int i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80) return *cp = -1, 1;
    v = (v << 6) | (u[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return *cp = -1, 1;
  *cp = v;
  return len;
}

int text_utf8_encode(int32_t cp, char out[4]) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) return o[0] = (unsigned char)cp, 1;
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

int text_utf8_valid(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && !(util_load8(s + i) & 0x8080808080808080ull)) {
      i += 8; /* eight ASCII bytes */
      continue;
    }
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    int k = text_utf8_decode(s + i, n - i, &cp);
    if (cp < 0) return 0;
    i += (size_t)k;
  }
  return 1;
}

size_t text_utf8_len(const char *s, size_t n) {
  size_t i = 0, count = 0;
  while (i < n) {
    int32_t cp;
    i += (unsigned char)s[i] < 0x80
             ? 1
             : (size_t)text_utf8_decode(s + i, n - i, &cp);
    count++;
  }
  return count;
}

/* ---- classes ---- */

_Atomic unsigned char text_class_tab_[0x10000];

#define L_ (TEXT_LETTER | TEXT_LOWER)
#define U_ (TEXT_LETTER | TEXT_UPPER)
#define D_ TEXT_DIGIT
#define S_ TEXT_SPACE
/* ASCII, as class_of computes it (checked by test_text) */
const unsigned char text_ascii_class_[128] = {
    ['\t'] = S_, ['\n'] = S_, ['\v'] = S_, ['\f'] = S_, ['\r'] = S_, [' '] = S_,
    ['0'] = D_,  ['1'] = D_,  ['2'] = D_,  ['3'] = D_,  ['4'] = D_,  ['5'] = D_,
    ['6'] = D_,  ['7'] = D_,  ['8'] = D_,  ['9'] = D_,  ['A'] = U_,  ['B'] = U_,
    ['C'] = U_,  ['D'] = U_,  ['E'] = U_,  ['F'] = U_,  ['G'] = U_,  ['H'] = U_,
    ['I'] = U_,  ['J'] = U_,  ['K'] = U_,  ['L'] = U_,  ['M'] = U_,  ['N'] = U_,
    ['O'] = U_,  ['P'] = U_,  ['Q'] = U_,  ['R'] = U_,  ['S'] = U_,  ['T'] = U_,
    ['U'] = U_,  ['V'] = U_,  ['W'] = U_,  ['X'] = U_,  ['Y'] = U_,  ['Z'] = U_,
    ['a'] = L_,  ['b'] = L_,  ['c'] = L_,  ['d'] = L_,  ['e'] = L_,  ['f'] = L_,
    ['g'] = L_,  ['h'] = L_,  ['i'] = L_,  ['j'] = L_,  ['k'] = L_,  ['l'] = L_,
    ['m'] = L_,  ['n'] = L_,  ['o'] = L_,  ['p'] = L_,  ['q'] = L_,  ['r'] = L_,
    ['s'] = L_,  ['t'] = L_,  ['u'] = L_,  ['v'] = L_,  ['w'] = L_,  ['x'] = L_,
    ['y'] = L_,  ['z'] = L_};
#undef L_
#undef U_
#undef D_
#undef S_

/* TEXT_* bits of cp from its Unicode category (utf8proc). */
static unsigned class_of(int32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' ||
      cp == 0x200B || cp == 0xFEFF)
    return TEXT_SPACE;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return TEXT_LETTER | TEXT_UPPER;
    case UTF8PROC_CATEGORY_LL:
      return TEXT_LETTER | TEXT_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return TEXT_LETTER;
    case UTF8PROC_CATEGORY_ND:
      return TEXT_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return TEXT_NUMERIC;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return TEXT_MARK;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return TEXT_SPACE;
    default:
      return 0;
  }
}

unsigned text_class_slow(int32_t cp) {
  return cp < 0 || cp > 0x10FFFF ? 0 : class_of(cp);
}

/* Classify cp and remember it in the table (BMP only). */
unsigned text_class_fill_(int32_t cp) {
  if (cp < 0 || cp > 0x10FFFF) return 0;
  unsigned c = class_of(cp);
  if (cp < 0x10000)
    atomic_store_explicit(&text_class_tab_[cp], (unsigned char)(c | 0x80),
                          memory_order_relaxed);
  return c;
}

/* ---- folds ---- */

#define FOLD_OPTS (UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE)

_Atomic int64_t text_fold_tab_[TEXT_FOLD_TAB];

/* Map one code point with utf8proc; the single resulting code point, or -1
** when the result is not exactly one code point. */
static int32_t map1(int32_t cp, utf8proc_option_t opt) {
  utf8proc_uint8_t in[8], *out = NULL;
  utf8proc_ssize_t n = utf8proc_encode_char(cp, in);
  utf8proc_ssize_t m = utf8proc_map(in, n, &out, opt);
  int32_t r = -1, c;
  if (m > 0 && utf8proc_iterate(out, m, &c) == m) r = c;
  free(out);
  return r;
}

/*
** Compute the table entry of cp < TEXT_FOLD_TAB: (fold + 2) << 32 |
** (strip + 2), -1 meaning "fold the whole string" (marks, separators
** and multi-code-point folds).
*/
int64_t text_fold_fill_(int32_t cp) {
  int32_t fold = -1, strip = -1;
  unsigned c = text_class(cp);
  if (cp < 0x80) {
    fold = strip = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  } else if (c && !(c & (TEXT_MARK | TEXT_SPACE))) {
    fold = map1(cp, FOLD_OPTS);
    strip = map1(cp, FOLD_OPTS | UTF8PROC_STRIPMARK);
    if (strip == 0x111) strip = 'd'; /* đ: a letter of its own, not a mark */
  }
  int64_t e = ((int64_t)(fold + 2) << 32) | (uint32_t)(strip + 2);
  atomic_store_explicit(&text_fold_tab_[cp], e, memory_order_relaxed);
  return e;
}

int32_t text_fold_cp(int32_t cp) {
  int32_t f, s;
  if (text_fold_pair(cp, &f, &s)) return f;
  if (cp < TEXT_FOLD_TAB) return cp;
  f = map1(cp, FOLD_OPTS);
  return f >= 0 ? f : cp;
}

size_t text_recase(const char *s, size_t n, int mode, char *out, size_t cap) {
  size_t o = 0;
  for (size_t k = 0; k < n;) {
    int32_t cp;
    int len = text_decode(s + k, n - k, &cp);
    if (cp < 0 || o + 4 > cap) return 0;
    if (mode == TEXT_CASE_UPPER)
      cp = cp < 0x80 ? (cp >= 'a' && cp <= 'z' ? cp - 32 : cp)
                     : utf8proc_toupper(cp);
    else if (k > 0)
      cp = text_fold_cp(cp);
    o += (size_t)text_utf8_encode(cp, out + o);
    k += (size_t)len;
  }
  return o;
}

/* Append cp's UTF-8 at o (room for 4 bytes); returns its length. */
static inline int put_utf8(char *o, int32_t cp) {
  if (cp < 0x80) return o[0] = (char)cp, 1;
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6)), o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  return text_utf8_encode(cp, o);
}

int text_fold_pair_str(const char *s, size_t n, char *ex, int *nex, char *st,
                       int *nst) {
  int a = 0, b = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      ex[a++] = st[b++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      i++;
      continue;
    }
    int32_t cp, f, t;
    i += (size_t)text_decode(s + i, n - i, &cp);
    if (!text_fold_pair(cp, &f, &t)) return -1;
    a += put_utf8(ex + a, f), b += put_utf8(st + b, t);
  }
  *nex = a, *nst = b;
  return 0;
}

/* Append the UTF-8 of cp at dst[*o] when it fits in cap (with a NUL). */
static int put_cp(char *dst, size_t cap, size_t *o, int32_t cp) {
  char e[4];
  int k = text_utf8_encode(cp, e);
  if (*o + (size_t)k >= cap) return 0;
  memcpy(dst + *o, e, (size_t)k);
  *o += (size_t)k;
  return 1;
}

/* Replace every đ (C4 91) of s[0..n) by d in place; returns the length. */
static size_t d_bar_to_d(char *s, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)s[i] == 0xC4 && i + 1 < n &&
        (unsigned char)s[i + 1] == 0x91)
      s[o++] = 'd', i++;
    else
      s[o++] = s[i];
  }
  return o;
}

/* Fold valid UTF-8 s[0..n) with utf8proc (any input); malloc'd or NULL. */
static char *fold_slow(const char *s, size_t n, int accents, size_t *len) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_option_t o = FOLD_OPTS | (accents ? UTF8PROC_STRIPMARK : 0);
  xmem_expect(5 * n); /* utf8proc's code point buffer, then the result */
  utf8proc_ssize_t m =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out, o);
  if (m < 0) return NULL;
  *len = accents ? d_bar_to_d((char *)out, (size_t)m) : (size_t)m;
  out[*len] = 0; /* d_bar_to_d shortened it: terminate where it ends now */
  return (char *)out;
}

/*
** The table path of text_fold: 1 when every code point folded through
** the table (or is an invalid byte, copied), 0 when it does not fit, -1
** when the string needs fold_slow.
*/
static int fold_fast(char *dst, size_t cap, const char *s, size_t n,
                     int accents, size_t *o) {
  *o = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { /* ASCII folds to its lower case, with or without accents */
      if (*o + 1 >= cap) return 0;
      dst[(*o)++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      i++;
      continue;
    }
    int32_t cp, f, st;
    int k = text_decode(s + i, n - i, &cp);
    if (cp < 0) {
      if (*o + 1 >= cap) return 0;
      dst[(*o)++] = s[i++];
      continue;
    }
    if (!text_fold_pair(cp, &f, &st)) return -1;
    if (!put_cp(dst, cap, o, accents ? st : f)) return 0;
    i += (size_t)k;
  }
  return 1;
}

size_t text_fold(char *dst, size_t cap, const char *s, size_t n, int accents) {
  size_t o;
  int r = cap ? fold_fast(dst, cap, s, n, accents, &o) : 0;
  if (r < 0) {
    char *t = fold_slow(s, n, accents, &o);
    r = t && o < cap;
    if (r) memcpy(dst, t, o);
    free(t);
  }
  if (r <= 0) return 0;
  dst[o] = 0;
  return o;
}

/* The table path first (a table fold is one code point of at most 4
** bytes per code point, so 4 * n + 1 bytes always fit), utf8proc when the
** table cannot fold some code point: the same result, without utf8proc's
** two passes and its buffer for the common case (a word's key). */
char *text_fold_alloc(const char *s, size_t n, int accents, size_t *outlen) {
  size_t len = 0;
  if (!text_utf8_valid(s, n)) return NULL;
  char *t = xmalloc(4 * n + 1);
  if (fold_fast(t, 4 * n + 1, s, n, accents, &len) == 1) {
    t[len] = 0;
  } else {
    free(t);
    t = fold_slow(s, n, accents, &len);
    if (!t) return NULL;
  }
  if (outlen) *outlen = len;
  return t;
}
