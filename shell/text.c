/*
** text.c — UTF-8 utilities and the normaliser (see text.h).
**
** The normaliser makes one pass over the input bytes, writing clean UTF-8
** line by line into a growable buffer. Plain ASCII is copied with a fast
** path; every other code point is decoded once and classified. A line that
** holds combining marks (or legacy mojibake) is post-processed in place when
** its end is reached, so the extra work is proportional to the lines that
** need it. No global mutable state: all scratch space lives in `norm`.
*/
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

/* ---- UTF-8 ---- */

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

int text_is_letter(int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int text_is_upper(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int text_is_lower(int32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* ---- tables ---- */

/* Windows-1252 bytes 0x80..0x9F (0 = undefined, kept as U+FFFD) */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Windows-1252: the code point of a byte >= 0x80 */
static int32_t cp1252_at(unsigned char c) {
  if (c >= 0xA0) return c;
  return cp1252_hi[c - 0x80] ? cp1252_hi[c - 0x80] : 0xFFFD;
}

typedef struct entity {
  const char *name;
  int32_t cp;
} entity;

/* HTML named entities seen in scraped Vietnamese text (Latin-1 letters,
** punctuation, a few symbols). Searched linearly: '&' is rare. */
static const entity entities[] = {
    {"nbsp", 0xA0},    {"amp", '&'},       {"quot", '"'},
    {"apos", '\''},    {"lt", '<'},        {"gt", '>'},
    {"ndash", 0x2013}, {"mdash", 0x2014},  {"hellip", 0x2026},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},
    {"bull", 0x2022},  {"middot", 0xB7},   {"copy", 0xA9},
    {"reg", 0xAE},     {"deg", 0xB0},      {"times", 0xD7},
    {"divide", 0xF7},  {"plusmn", 0xB1},   {"frac12", 0xBD},
    {"euro", 0x20AC},  {"trade", 0x2122},  {"sect", 0xA7},
    {"para", 0xB6},    {"shy", 0xAD},      {"zwnj", 0x200C},
    {"zwj", 0x200D},   {"thinsp", 0x2009}, {"ensp", 0x2002},
    {"emsp", 0x2003},  {"iexcl", 0xA1},    {"iquest", 0xBF},
    {"Agrave", 0xC0},  {"Aacute", 0xC1},   {"Acirc", 0xC2},
    {"Atilde", 0xC3},  {"Auml", 0xC4},     {"Aring", 0xC5},
    {"AElig", 0xC6},   {"Ccedil", 0xC7},   {"Egrave", 0xC8},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},    {"Euml", 0xCB},
    {"Igrave", 0xCC},  {"Iacute", 0xCD},   {"Icirc", 0xCE},
    {"Iuml", 0xCF},    {"ETH", 0xD0},      {"Ntilde", 0xD1},
    {"Ograve", 0xD2},  {"Oacute", 0xD3},   {"Ocirc", 0xD4},
    {"Otilde", 0xD5},  {"Ouml", 0xD6},     {"Oslash", 0xD8},
    {"Ugrave", 0xD9},  {"Uacute", 0xDA},   {"Ucirc", 0xDB},
    {"Uuml", 0xDC},    {"Yacute", 0xDD},   {"szlig", 0xDF},
    {"agrave", 0xE0},  {"aacute", 0xE1},   {"acirc", 0xE2},
    {"atilde", 0xE3},  {"auml", 0xE4},     {"aring", 0xE5},
    {"aelig", 0xE6},   {"ccedil", 0xE7},   {"egrave", 0xE8},
    {"eacute", 0xE9},  {"ecirc", 0xEA},    {"euml", 0xEB},
    {"igrave", 0xEC},  {"iacute", 0xED},   {"icirc", 0xEE},
    {"iuml", 0xEF},    {"eth", 0xF0},      {"ntilde", 0xF1},
    {"ograve", 0xF2},  {"oacute", 0xF3},   {"ocirc", 0xF4},
    {"otilde", 0xF5},  {"ouml", 0xF6},     {"oslash", 0xF8},
    {"ugrave", 0xF9},  {"uacute", 0xFA},   {"ucirc", 0xFB},
    {"uuml", 0xFC},    {"yacute", 0xFD},   {"yuml", 0xFF},
    {"Dstrok", 0x110}, {"dstrok", 0x111},  {"Abreve", 0x102},
    {"abreve", 0x103}, {"Utilde", 0x168},  {"utilde", 0x169},
    {"Itilde", 0x128}, {"itilde", 0x129}};

static int32_t entity_lookup(const char *name, size_t n) {
  for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
    if (strlen(entities[i].name) == n && memcmp(entities[i].name, name, n) == 0)
      return entities[i].cp;
  return -1;
}

/* Vietnamese letters outside ASCII that Latin-1 also has: never mojibake. */
static int latin1_viet(int32_t cp) {
  switch (cp | 0x20) { /* fold case: 0xC0.. -> 0xE0.. */
    case 0xE0:
    case 0xE1:
    case 0xE2:
    case 0xE3:
    case 0xE8:
    case 0xE9:
    case 0xEA:
    case 0xEC:
    case 0xED:
    case 0xF2:
    case 0xF3:
    case 0xF4:
    case 0xF5:
    case 0xF9:
    case 0xFA:
    case 0xFD:
      return 1;
  }
  return 0;
}

/* Letters only Vietnamese uses (ă đ ĩ ũ ơ ư and the U+1EA0 block). */
static int viet_specific(int32_t cp) {
  return (cp >= 0x1EA0 && cp <= 0x1EF9) || cp == 0x102 || cp == 0x103 ||
         cp == 0x110 || cp == 0x111 || cp == 0x128 || cp == 0x129 ||
         cp == 0x168 || cp == 0x169 || cp == 0x1A0 || cp == 0x1A1 ||
         cp == 0x1AF || cp == 0x1B0;
}

/* Does cp force a line through NFC composition? */
static int needs_nfc(int32_t cp) {
  if (cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF)) return 0;
  if (cp >= 0x2010 && cp <= 0x206F) return 0;
  if (cp >= 0x1160 && cp <= 0x11FF) return 1; /* Hangul jamo */
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  return p->combining_class != 0 || p->comp_exclusion;
}

/* ---- legacy encodings (text shown as Latin-1 / Windows-1252) ---- */

/* TCVN3 (ABC) byte -> Unicode (lower case letters, the seven upper-case
** base letters); 0 = not a TCVN3 letter. */
static const uint16_t tcvn3[256] = {
    [0xA1] = 0x102,  [0xA2] = 0xC2,   [0xA3] = 0xCA,   [0xA4] = 0xD4,
    [0xA5] = 0x1A0,  [0xA6] = 0x1AF,  [0xA7] = 0x110,  [0xA8] = 0x103,
    [0xA9] = 0xE2,   [0xAA] = 0xEA,   [0xAB] = 0xF4,   [0xAC] = 0x1A1,
    [0xAD] = 0x1B0,  [0xAE] = 0x111,  [0xB5] = 0xE0,   [0xB6] = 0x1EA3,
    [0xB7] = 0xE3,   [0xB8] = 0xE1,   [0xB9] = 0x1EA1, [0xBB] = 0x1EB1,
    [0xBC] = 0x1EB3, [0xBD] = 0x1EB5, [0xBE] = 0x1EAF, [0xC6] = 0x1EB7,
    [0xC7] = 0x1EA7, [0xC8] = 0x1EA9, [0xC9] = 0x1EAB, [0xCA] = 0x1EA5,
    [0xCB] = 0x1EAD, [0xCC] = 0xE8,   [0xCE] = 0x1EBB, [0xCF] = 0x1EBD,
    [0xD0] = 0xE9,   [0xD1] = 0x1EB9, [0xD2] = 0x1EC1, [0xD3] = 0x1EC3,
    [0xD4] = 0x1EC5, [0xD5] = 0x1EBF, [0xD6] = 0x1EC7, [0xD7] = 0xEC,
    [0xD8] = 0x1EC9, [0xDC] = 0x129,  [0xDD] = 0xED,   [0xDE] = 0x1ECB,
    [0xDF] = 0xF2,   [0xE1] = 0x1ECF, [0xE2] = 0xF5,   [0xE3] = 0xF3,
    [0xE4] = 0x1ECD, [0xE5] = 0x1ED3, [0xE6] = 0x1ED5, [0xE7] = 0x1ED7,
    [0xE8] = 0x1ED1, [0xE9] = 0x1ED9, [0xEA] = 0x1EDD, [0xEB] = 0x1EDF,
    [0xEC] = 0x1EE1, [0xED] = 0x1EDB, [0xEE] = 0x1EE3, [0xEF] = 0xF9,
    [0xF1] = 0x1EE7, [0xF2] = 0x169,  [0xF3] = 0xFA,   [0xF4] = 0x1EE5,
    [0xF5] = 0x1EEB, [0xF6] = 0x1EED, [0xF7] = 0x1EEF, [0xF8] = 0x1EE9,
    [0xF9] = 0x1EF1, [0xFA] = 0x1EF3, [0xFB] = 0x1EF7, [0xFC] = 0x1EF9,
    [0xFD] = 0xFD,   [0xFE] = 0x1EF5};

/* VNI-Windows: what a Latin-1 character means after a vowel. Returns the
** combining marks to append (up to 2, 0-terminated) or NULL. `base` is the
** lower-cased ASCII vowel before it ('o'/'u' stand for ơ/ư when horn). */
static const int32_t *vni_modifier(int32_t cp, int32_t base) {
  static const int32_t grave[] = {0x300, 0}, acute[] = {0x301, 0},
                       hook[] = {0x309, 0}, tilde[] = {0x303, 0},
                       dot[] = {0x323, 0}, circ[] = {0x302, 0},
                       circ_acute[] = {0x302, 0x301, 0},
                       circ_grave[] = {0x302, 0x300, 0},
                       circ_hook[] = {0x302, 0x309, 0},
                       circ_tilde[] = {0x302, 0x303, 0},
                       circ_dot[] = {0x302, 0x323, 0}, breve[] = {0x306, 0},
                       breve_acute[] = {0x306, 0x301, 0},
                       breve_grave[] = {0x306, 0x300, 0},
                       breve_hook[] = {0x306, 0x309, 0},
                       breve_tilde[] = {0x306, 0x303, 0},
                       breve_dot[] = {0x306, 0x323, 0};
  int32_t c = cp >= 0xC0 && cp <= 0xDE ? cp + 0x20 : cp; /* lower-case */
  int tone_ok = base == 'a' || base == 'e' || base == 'o' || base == 'u' ||
                base == 'y' || base == 'O' || base == 'U'; /* O/U: horn */
  int circ_ok = base == 'a' || base == 'e' || base == 'o';
  switch (c) {
    case 0xF9:
      return tone_ok ? acute : NULL;
    case 0xF8:
      return tone_ok ? grave : NULL;
    case 0xFB:
      return tone_ok ? hook : NULL;
    case 0xF5:
      return tone_ok ? tilde : NULL;
    case 0xEF:
      return tone_ok ? dot : NULL;
    case 0xE2:
      return circ_ok ? circ : NULL;
    case 0xE1:
      return circ_ok ? circ_acute : NULL;
    case 0xE0:
      return circ_ok ? circ_grave : NULL;
    case 0xE5:
      return circ_ok ? circ_hook : NULL;
    case 0xE3:
      return circ_ok ? circ_tilde : NULL;
    case 0xE4:
      return circ_ok ? circ_dot : NULL;
    case 0xEA:
      return base == 'a' ? breve : NULL;
    case 0xE9:
      return base == 'a' ? breve_acute : NULL;
    case 0xE8:
      return base == 'a' ? breve_grave : NULL;
    case 0xFA:
      return base == 'a' ? breve_hook : NULL;
    case 0xFC:
      return base == 'a' ? breve_tilde : NULL;
    case 0xEB:
      return base == 'a' ? breve_dot : NULL;
  }
  return NULL;
}

/* VNI standalone letters: ñ=đ, ô=ơ, ö=ư, æ=ỉ, ó=ĩ, ò=ị, î=ỵ (and upper).
** Returns the base code point and a mark in *mark (0 if none), or -1. */
static int32_t vni_standalone(int32_t cp, int32_t *mark) {
  int upper = cp >= 0xC0 && cp <= 0xDE;
  int32_t c = upper ? cp + 0x20 : cp;
  *mark = 0;
  switch (c) {
    case 0xF1:
      return upper ? 0x110 : 0x111;
    case 0xF4:
      *mark = 0x31B;
      return upper ? 'O' : 'o';
    case 0xF6:
      *mark = 0x31B;
      return upper ? 'U' : 'u';
    case 0xE6:
      *mark = 0x309;
      return upper ? 'I' : 'i';
    case 0xF3:
      *mark = 0x303;
      return upper ? 'I' : 'i';
    case 0xF2:
      *mark = 0x323;
      return upper ? 'I' : 'i';
    case 0xEE:
      *mark = 0x323;
      return upper ? 'Y' : 'y';
  }
  return -1;
}

/* ---- the normaliser ---- */

typedef struct norm {
  buf out;          /* normalised text so far */
  size_t line;      /* offset in out where the current line starts */
  int line_marks;   /* current line holds combining marks (needs NFC) */
  size_t line_odd;  /* Latin-1 characters Vietnamese does not use */
  size_t line_viet; /* Vietnamese-only letters */
  int32_t *cps;     /* scratch: code points of one line */
  size_t cps_cap;
  buf tmp; /* scratch: one converted line */
  text_stats *st;
} norm;

static void grow_cps(norm *z, size_t need) {
  if (need <= z->cps_cap) return;
  size_t cap = z->cps_cap ? z->cps_cap : 256;
  while (cap < need) cap *= 2;
  z->cps = xrealloc(z->cps, cap * sizeof *z->cps);
  z->cps_cap = cap;
}

static int is_vowel(int32_t c) {
  c |= 0x20;
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int is_tone(int32_t m) {
  return m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323;
}

/* Decode z->out[line..) into z->cps; returns the count. */
static size_t line_cps(norm *z) {
  const char *s = z->out.data + z->line;
  size_t n = z->out.len - z->line, k = 0;
  grow_cps(z, n + 1);
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += (size_t)text_utf8_decode(s + i, n - i, &cp);
    z->cps[k++] = cp;
  }
  return k;
}

/* Replace the current line of z->out by z->tmp. */
static void replace_line(norm *z) {
  z->out.len = z->line;
  buf_add(&z->out, z->tmp.data ? z->tmp.data : "", z->tmp.len);
}

static void tmp_cp(buf *b, int32_t cp) {
  char e[4];
  buf_add(b, e, (size_t)text_utf8_encode(cp, e));
}

/*
** Convert the current line from VNI mojibake into z->tmp (decomposed
** marks; NFC follows). Returns the number of Latin-1 characters it could
** not explain (0 = confident) and the conversions made in *done.
*/
static size_t convert_vni(norm *z, const int32_t *c, size_t n, size_t *done) {
  size_t left = 0;
  *done = 0;
  buf_reset(&z->tmp);
  for (size_t i = 0; i < n; i++) {
    int32_t cp = c[i], mark;
    int32_t base = cp < 0x80 && is_vowel(cp) ? (cp | 0x20) : 0;
    int32_t sb = vni_standalone(cp, &mark);
    if (sb >= 0) {
      tmp_cp(&z->tmp, sb);
      if (mark) tmp_cp(&z->tmp, mark);
      (*done)++;
      if (mark == 0x31B)
        base = sb == 'o' || sb == 'O' ? 'O' : 'U';
      else
        base = 0;
    } else {
      tmp_cp(&z->tmp, cp);
      if (cp >= 0xA1 && cp <= 0xFF && !latin1_viet(cp)) left++;
    }
    if (base && i + 1 < n) {
      const int32_t *m = vni_modifier(c[i + 1], base);
      if (m) {
        for (; *m; m++) tmp_cp(&z->tmp, *m);
        (*done)++, i++;
      }
    }
  }
  return left;
}

/* Convert the current line from TCVN3 mojibake into z->tmp. */
static size_t convert_tcvn3(norm *z, const int32_t *c, size_t n, size_t *done) {
  size_t left = 0;
  *done = 0;
  buf_reset(&z->tmp);
  for (size_t i = 0; i < n; i++) {
    int32_t cp = c[i];
    if (cp >= 0xA1 && cp <= 0xFE && tcvn3[cp]) {
      tmp_cp(&z->tmp, tcvn3[cp]);
      (*done)++;
    } else {
      if (cp >= 0xA1 && cp <= 0xFF) left++;
      tmp_cp(&z->tmp, cp);
    }
  }
  return left;
}

static int ascii_letter(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is a[0..n) (lower-case ASCII) one of the strings in set? */
static int in_set(const char *a, size_t n, const char *const *set) {
  for (; *set; set++)
    if (strlen(*set) == n && memcmp(*set, a, n) == 0) return 1;
  return 0;
}

/*
** Could the ASCII letters around the legacy characters of a word be a
** Vietnamese syllable? prefix = initial consonants + vowels, suffix =
** vowels + final consonants. "Müller" (suffix "ller") is not.
*/
static int plausible_affixes(const char *pre, size_t np, const char *suf,
                             size_t ns) {
  static const char *const initials[] = {
      "",   "b", "c", "ch", "d",  "g",   "gh", "gi", "h",  "k",
      "kh", "l", "m", "n",  "ng", "ngh", "nh", "p",  "ph", "q",
      "qu", "r", "s", "t",  "th", "tr",  "v",  "x",  NULL};
  static const char *const finals[] = {"",   "c",  "ch", "m", "n",
                                       "ng", "nh", "p",  "t", NULL};
  while (np > 0 && strchr("aeiouy", pre[np - 1])) np--;
  if (!in_set(pre, np, initials)) return 0;
  size_t v = 0;
  while (v < ns && strchr("aeiouy", suf[v])) v++;
  return in_set(suf + v, ns - v, finals);
}

/*
** Do the words of c[0..n) that hold legacy characters (is_legacy) look like
** Vietnamese syllables? Returns 1 when at most one in five does not.
*/
static int legacy_plausible(const int32_t *c, size_t n, int tcvn) {
  size_t words = 0, bad = 0;
  for (size_t i = 0; i < n;) {
    if (!(ascii_letter(c[i]) || (c[i] >= 0xA1 && c[i] <= 0xFF))) {
      i++;
      continue;
    }
    size_t a = i;
    while (i < n && (ascii_letter(c[i]) || (c[i] >= 0xA1 && c[i] <= 0xFF))) i++;
    size_t first = i, last = a; /* legacy characters in [first, last) */
    for (size_t j = a; j < i; j++) {
      int leg = c[j] >= 0xA1 && (!tcvn || tcvn3[c[j]]);
      if (leg && first == i) first = j;
      if (leg) last = j + 1;
    }
    if (first == i) continue;
    words++;
    char pre[8], suf[8];
    size_t np = first - a, ns = i - last;
    if (np >= sizeof pre || ns >= sizeof suf) {
      bad++;
      continue;
    }
    for (size_t j = 0; j < np; j++) pre[j] = (char)(c[a + j] | 0x20);
    for (size_t j = 0; j < ns; j++) suf[j] = (char)(c[last + j] | 0x20);
    int ok = plausible_affixes(pre, np, suf, ns);
    for (size_t j = first; j < last && ok; j++)
      if (c[j] < 0x80 && !is_vowel(c[j])) ok = 0;
    if (!ok) bad++;
  }
  return words > 0 && bad * 5 <= words;
}

/*
** A line with Latin-1 letters Vietnamese never uses and no Vietnamese-only
** letter: try VNI, then TCVN3; convert when one explains every such letter.
*/
static void fix_legacy(norm *z) {
  size_t n = line_cps(z), vdone, tdone;
  size_t vleft = convert_vni(z, z->cps, n, &vdone);
  if (vleft == 0 && vdone >= 2 && legacy_plausible(z->cps, n, 0)) {
    replace_line(z);
    z->line_marks = 1;
    z->st->vni_lines++;
    return;
  }
  size_t tleft = convert_tcvn3(z, z->cps, n, &tdone);
  if (tleft == 0 && tdone >= 2 && legacy_plausible(z->cps, n, 1)) {
    replace_line(z);
    z->st->tcvn3_lines++;
    return;
  }
  z->st->legacy_lines++;
}

/*
** Repair combining marks in the decomposed code points c[0..n): a mark
** repeated on the same letter is dropped; a tone mark separated from its
** word by a space ("thi ̣trường") moves back onto the word when that word
** has no tone yet, else is dropped. Returns the new length.
*/
static size_t repair_marks(int32_t *c, size_t n, size_t *fixed) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t cp = c[i];
    const utf8proc_property_t *p =
        cp >= 0x300 ? utf8proc_get_property(cp) : NULL;
    if (!p || p->combining_class == 0) {
      c[k++] = cp;
      continue;
    }
    /* start of this mark's cluster in the output */
    size_t b = k;
    while (b > 0 && c[b - 1] >= 0x300 &&
           utf8proc_get_property(c[b - 1])->combining_class)
      b--;
    int dup = 0, has_tone = 0;
    for (size_t j = b; j < k; j++) {
      if (c[j] == cp) dup = 1;
      if (is_tone(c[j])) has_tone = 1;
    }
    if (dup) {
      (*fixed)++;
      continue;
    }
    if (b > 0 && c[b - 1] == ' ' && b == k &&
        (is_tone(cp) || cp == 0x302 || cp == 0x306 || cp == 0x31B)) {
      /* detached mark: find the word before the space */
      size_t w = b - 1; /* index of the space */
      size_t e = w;     /* end of the previous cluster */
      size_t s = e;
      while (s > 0 && c[s - 1] >= 0x300 &&
             utf8proc_get_property(c[s - 1])->combining_class)
        s--;
      int ok = s > 0 && text_is_letter(c[s - 1]);
      if (ok && is_tone(cp)) {
        /* the previous word must carry no tone yet */
        size_t q = e;
        while (q > 0 && c[q - 1] != ' ') {
          if (is_tone(c[q - 1])) ok = 0;
          q--;
        }
      }
      (*fixed)++;
      /* the space stays only when a word follows: never a trailing one */
      int keep_space = i + 1 < n && c[i + 1] != '\n' && c[i + 1] != ' ';
      if (ok) {
        /* put cp at the end of the cluster [s-1, e) in canonical order,
        ** then the space */
        int cc = utf8proc_get_property(cp)->combining_class;
        size_t q = w;
        while (q > s && utf8proc_get_property(c[q - 1])->combining_class > cc) {
          c[q] = c[q - 1];
          q--;
        }
        c[q] = cp;
        if (keep_space) c[k++] = ' ';
      } else if (!keep_space) {
        k--; /* the mark is dropped; so is the space before the end */
      }
      continue;
    }
    (void)has_tone;
    c[k++] = cp;
  }
  return k;
}

/* Repair marks in and compose s[0..n) to NFC, appending to z->tmp. */
static void nfc_piece(norm *z, const char *s, size_t n) {
  utf8proc_option_t opt = UTF8PROC_DECOMPOSE | UTF8PROC_STABLE;
  grow_cps(z, n + 16);
  utf8proc_ssize_t k =
      utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                         z->cps, (utf8proc_ssize_t)z->cps_cap, opt);
  if (k > (utf8proc_ssize_t)z->cps_cap) {
    grow_cps(z, (size_t)k);
    k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           z->cps, (utf8proc_ssize_t)z->cps_cap, opt);
  }
  utf8proc_ssize_t bytes = -1;
  if (k >= 0) {
    size_t fixed = 0;
    size_t m = repair_marks(z->cps, (size_t)k, &fixed);
    z->st->marks += fixed;
    bytes = utf8proc_reencode(z->cps, (utf8proc_ssize_t)m,
                              UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  }
  if (bytes < 0) /* cannot happen on valid UTF-8; keep the piece */
    buf_add(&z->tmp, s, n);
  else
    buf_add(&z->tmp, (const char *)z->cps, (size_t)bytes);
}

/*
** Compose the current line to NFC after repairing its marks. Long lines
** go in pieces of about 16 KB, cut between two printable ASCII characters
** (no combining sequence, and no detached mark, crosses such a point), so
** scratch memory stays small whatever the line length.
*/
static void fix_nfc(norm *z) {
  size_t n = z->out.len - z->line;
  buf_reset(&z->tmp);
  size_t a = 0;
  while (a < n) {
    const char *s = z->out.data + z->line;
    size_t b = n;
    if (n - a > 16384) {
      size_t q = a + 16384;
      while (q + 1 < n &&
             !(s[q] > ' ' && s[q] < 0x7F && s[q + 1] > ' ' && s[q + 1] < 0x7F))
        q++;
      b = q + 1 < n ? q + 1 : n;
    }
    nfc_piece(z, s + a, b - a);
    a = b;
  }
  const char *s = z->out.data + z->line;
  if (z->tmp.len != n || memcmp(z->tmp.data, s, n) != 0) {
    z->st->nfc_lines++;
    replace_line(z);
  }
}

/* End of a line (or of the text): trim, repair, start the next line. */
static void end_line(norm *z) {
  while (z->out.len > z->line && z->out.data[z->out.len - 1] == ' ')
    z->out.len--;
  size_t legacy = z->st->vni_lines + z->st->tcvn3_lines;
  size_t len = z->out.len - z->line;
  if (z->line_odd >= 2 && z->line_viet == 0 && len < (1u << 20) &&
      z->line_odd * 40 >= len) /* mojibake is dense: most words have some */
    fix_legacy(z);
  if (z->line_marks) {
    size_t before = z->st->nfc_lines;
    fix_nfc(z);
    /* a converted legacy line is composed as part of its conversion */
    if (legacy != z->st->vni_lines + z->st->tcvn3_lines)
      z->st->nfc_lines = before;
  }
  z->line_marks = 0, z->line_odd = z->line_viet = 0;
}

static void put_newline(norm *z) {
  end_line(z);
  buf_addc(&z->out, '\n');
  z->line = z->out.len;
}

/* Append one decoded, non-ASCII-fast-path code point. */
static void put_cp(norm *z, int32_t cp) {
  text_stats *st = z->st;
  if (cp == '\n') return put_newline(z);
  if (cp == ' ' || cp == '\t') {
    if (z->out.len > z->line && z->out.data[z->out.len - 1] != ' ')
      buf_addc(&z->out, ' ');
    return;
  }
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
    st->controls++;
    return;
  }
  if (cp == 0xA0 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
      (cp >= 0x2000 && cp <= 0x200A)) {
    st->nbsp++;
    return put_cp(z, ' ');
  }
  if ((cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || cp == 0x2060 ||
      cp == 0xAD || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069)) {
    st->zero_width++;
    return;
  }
  if (cp == 0x2028 || cp == 0x2029) return put_newline(z);
  if (cp >= 0xA1 && cp <= 0xFF && !latin1_viet(cp) &&
      (cp >= 0xC0 ||
       (z->out.len > z->line && ascii_letter(z->out.data[z->out.len - 1]))))
    z->line_odd++; /* a Latin-1 letter, or a symbol glued to a letter */
  else if (viet_specific(cp))
    z->line_viet++;
  if (needs_nfc(cp)) z->line_marks = 1;
  char e[4];
  buf_add(&z->out, e, (size_t)text_utf8_encode(cp, e));
}

/*
** Try to decode an HTML entity at s[i] == '&'. Returns the bytes consumed
** (0 = not an entity) and the code point in *cp (-2 = debris: emit the
** text without its ';').
*/
static size_t parse_entity(const char *s, size_t n, size_t i, int32_t *cp) {
  size_t j = i + 1;
  if (j < n && s[j] == '#') {
    j++;
    int hex = j < n && (s[j] == 'x' || s[j] == 'X');
    if (hex) j++;
    int64_t v = 0; /* 8 hex digits do not fit an int32_t */
    size_t d0 = j;
    while (j < n && j - d0 < 8) {
      int c = (unsigned char)s[j], dv;
      if (c >= '0' && c <= '9')
        dv = c - '0';
      else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        dv = (c | 0x20) - 'a' + 10;
      else
        break;
      v = v * (hex ? 16 : 10) + dv;
      j++;
    }
    if (j == d0 || j >= n || s[j] != ';') return 0;
    if (v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
    if (v >= 0x80 && v < 0xA0) v = cp1252_at((unsigned char)v); /* &#150; */
    *cp = (int32_t)v;
    return j + 1 - i;
  }
  size_t a = j;
  /* scraper debris: "TT&TT;", "GD&ĐT;" -- upper-case letters (Đ too) glued
  ** to a word and closed by ';' that name no entity: drop the ';' */
  if (i > 0 && ((s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
                (unsigned char)s[i - 1] >= 0x80)) {
    size_t q = j, letters = 0;
    while (q < n && letters < 8) {
      if (s[q] >= 'A' && s[q] <= 'Z')
        q++, letters++;
      else if (q + 1 < n && (unsigned char)s[q] == 0xC4 &&
               (unsigned char)s[q + 1] == 0x90)
        q += 2, letters++;
      else
        break;
    }
    if (letters && q < n && s[q] == ';' && entity_lookup(s + a, q - a) < 0)
      return *cp = -2, q + 1 - i;
  }
  while (j < n && j - a < 10 &&
         (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') ||
          (s[j] >= '0' && s[j] <= '9')))
    j++;
  if (j == a) return 0;
  int32_t v = entity_lookup(s + a, j - a);
  if (v >= 0 && j < n && s[j] == ';') return *cp = v, j + 1 - i;
  /* "&nbsp" without ';' before a non-letter */
  if (v >= 0 && (v == 0xA0 || v == '&' || v == '"') && (j >= n || s[j] == ' '))
    return *cp = v, j - i;
  return 0;
}

/*
** The fast path: copy the longest run from s[i] of bytes that need no
** work -- printable ASCII but '&', single spaces between such bytes, and
** the Latin and Vietnamese letters (U+00C0..U+01BF, U+1E80..U+1EFF) that
** are never mojibake or combining. Returns the end of the run.
*/
static size_t fast_run(norm *z, const char *s, size_t n, size_t i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t j = i, viet = 0;
  while (j < n) {
    unsigned c = u[j];
    if (c >= 0x21 && c < 0x7F && c != '&') {
      j++;
    } else if (c == ' ' && j > i && u[j - 1] != ' ' && j + 1 < n &&
               u[j + 1] > ' ' && u[j + 1] != 0x7F) {
      j++;
    } else if (c >= 0xC3 && c <= 0xC6 && j + 1 < n &&
               (u[j + 1] & 0xC0) == 0x80) {
      int32_t cp = (int32_t)(((c & 0x1F) << 6) | (u[j + 1] & 0x3F));
      if (cp < 0x100 && !latin1_viet(cp)) break; /* may be mojibake */
      viet += (size_t)viet_specific(cp);
      j += 2;
    } else if (c == 0xE1 && j + 2 < n &&
               (u[j + 1] == 0xBA || u[j + 1] == 0xBB) &&
               (u[j + 2] & 0xC0) == 0x80) {
      int32_t cp = 0x1000 | ((u[j + 1] & 0x3F) << 6) | (u[j + 2] & 0x3F);
      viet += (size_t)viet_specific(cp);
      j += 3;
    } else {
      break;
    }
  }
  if (j > i) buf_add(&z->out, s + i, j - i);
  z->line_viet += viet;
  return j;
}

/* The main pass over UTF-8 bytes (possibly invalid). */
static void run(norm *z, const char *s, size_t n) {
  text_stats *st = z->st;
  buf_reserve(&z->out, n + n / 8 + 16);
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x21 && c != 0x7F && c != '&') {
      size_t j = fast_run(z, s, n, i);
      if (j > i) {
        i = j;
        continue;
      }
    }
    if (c == '\r') {
      st->crlf++;
      put_newline(z);
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c == '&') {
      int32_t cp;
      size_t k = parse_entity(s, n, i, &cp);
      if (k == 0) {
        buf_addc(&z->out, '&');
        i++;
      } else if (cp == -2) {
        st->debris++;
        buf_add(&z->out, s + i, k - 1);
        i += k;
      } else {
        st->entities++;
        i += k;
        /* "&amp;quot;" -> decode the inner entity too */
        if (cp == '&' && i < n && s[i] != ' ') {
          /* peek "&amp;name;" where name is a known entity */
          size_t j = i;
          while (j < n && j - i < 10 &&
                 ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
            j++;
          int32_t v =
              j > i && j < n && s[j] == ';' ? entity_lookup(s + i, j - i) : -1;
          if (v >= 0) {
            cp = v;
            i = j + 1;
          }
        }
        put_cp(z, cp);
      }
      continue;
    }
    int32_t cp;
    int k = c < 0x80 ? (cp = c, 1) : text_utf8_decode(s + i, n - i, &cp);
    if (cp < 0) {
      st->invalid++;
      cp = 0xFFFD;
    }
    i += (size_t)k;
    put_cp(z, cp);
  }
  end_line(z);
}

/* Decode UTF-16 (after its BOM) into UTF-8 bytes in b. */
static void from_utf16(const char *s, size_t n, int be, buf *b, size_t *bad) {
  const unsigned char *u = (const unsigned char *)s;
  buf_reserve(b, n + n / 2);
  for (size_t i = 0; i + 1 < n; i += 2) {
    int32_t w = be ? (u[i] << 8) | u[i + 1] : (u[i + 1] << 8) | u[i];
    if (w >= 0xD800 && w <= 0xDBFF && i + 3 < n) {
      int32_t w2 = be ? (u[i + 2] << 8) | u[i + 3] : (u[i + 3] << 8) | u[i + 2];
      if (w2 >= 0xDC00 && w2 <= 0xDFFF) {
        w = 0x10000 + ((w - 0xD800) << 10) + (w2 - 0xDC00);
        i += 2;
      } else {
        w = 0xFFFD, (*bad)++;
      }
    } else if (w >= 0xD800 && w <= 0xDFFF) {
      w = 0xFFFD, (*bad)++;
    }
    tmp_cp(b, w);
  }
  if (n & 1) tmp_cp(b, 0xFFFD), (*bad)++;
}

/* Windows-1258 where it differs from Windows-1252 (0xA0..0xFF) */
static int32_t cp1258_at(unsigned char c) {
  switch (c) {
    case 0x8A:
    case 0x8E:
    case 0x9A:
    case 0x9E:
      return 0xFFFD; /* undefined */
    case 0xC3:
      return 0x0102; /* Ă */
    case 0xCC:
      return 0x0300; /* combining grave */
    case 0xD0:
      return 0x0110; /* Đ */
    case 0xD2:
      return 0x0309; /* combining hook above */
    case 0xD5:
      return 0x01A0; /* Ơ */
    case 0xDD:
      return 0x01AF; /* Ư */
    case 0xDE:
      return 0x0303; /* combining tilde */
    case 0xE3:
      return 0x0103; /* ă */
    case 0xEC:
      return 0x0301; /* combining acute */
    case 0xF0:
      return 0x0111; /* đ */
    case 0xF2:
      return 0x0323; /* combining dot below */
    case 0xF5:
      return 0x01A1; /* ơ */
    case 0xFD:
      return 0x01B0; /* ư */
    case 0xFE:
      return 0x20AB; /* ₫ */
  }
  return cp1252_at(c);
}

/* Decode a single-byte code page (ASCII below 0x80) into UTF-8 in b. */
static void from_single_byte(const char *s, size_t n,
                             int32_t (*high)(unsigned char), buf *b) {
  buf_reserve(b, n * 2);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
      buf_addc(b, (char)c);
    else
      tmp_cp(b, high(c));
  }
}

/*
** A single-byte file in Windows-1258 (Vietnamese) rather than 1252?
** 1258 writes tones as combining marks after a vowel (bytes CC D2 DE EC
** F2) and has ă đ ơ ư where 1252 has ã ð õ ý: count tone bytes right
** after a vowel; Western text almost never has "ì"/"ò" after a vowel.
*/
static int looks_cp1258(const char *s, size_t n) {
  size_t tones = 0, high = 0, lim = n < 65536 ? n : 65536;
  for (size_t i = 1; i < lim; i++) {
    unsigned char c = (unsigned char)s[i], p = (unsigned char)s[i - 1];
    if (c < 0x80) continue;
    high++;
    int tone = c == 0xCC || c == 0xD2 || c == 0xDE || c == 0xEC || c == 0xF2;
    int vowel = strchr("aeiouyAEIOUY", p) != NULL || p == 0xE2 || p == 0xEA ||
                p == 0xF4 || p == 0xC2 || p == 0xCA || p == 0xD4 || p == 0xE3 ||
                p == 0xC3 || p == 0xF5 || p == 0xD5 || p == 0xFD || p == 0xDD;
    if (tone && vowel && p) tones++;
  }
  return tones >= 3 && tones * 4 >= high;
}

/*
** Is this clearly not UTF-8? Many invalid sequences and (almost) no valid
** multi-byte ones: a legacy single-byte file. Looks at the first 64 KB.
*/
static int looks_single_byte(const char *s, size_t n) {
  size_t good = 0, bad = 0, lim = n < 65536 ? n : 65536;
  for (size_t i = 0; i < lim;) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    int k = text_utf8_decode(s + i, n - i, &cp);
    if (cp < 0)
      bad++;
    else
      good++;
    i += (size_t)k;
  }
  return bad >= 4 && bad > good * 4;
}

char *text_normalize(const char *s, size_t n, size_t *outlen, text_stats *st) {
  text_stats dummy;
  norm z;
  memset(&z, 0, sizeof z);
  if (!st) st = &dummy;
  memset(st, 0, sizeof *st);
  z.st = st;
  buf_init(&z.out);
  buf_init(&z.tmp);
  buf conv;
  buf_init(&conv);
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    st->bom = 1;
    s += 3, n -= 3;
  } else if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                        (u[0] == 0xFE && u[1] == 0xFF))) {
    int be = u[0] == 0xFE;
    st->utf16 = be ? 2 : 1;
    st->bom = 1;
    from_utf16(s + 2, n - 2, be, &conv, &st->invalid);
    s = conv.data ? conv.data : "", n = conv.len;
  } else if (looks_single_byte(s, n)) {
    st->cp1252 = 1;
    st->cp1258 = looks_cp1258(s, n);
    from_single_byte(s, n, st->cp1258 ? cp1258_at : cp1252_at, &conv);
    s = conv.data ? conv.data : "", n = conv.len;
  }
  run(&z, s, n);
  buf_reserve(&z.out, 0);
  z.out.data[z.out.len] = '\0'; /* trimming may have cut the text */
  buf_free(&conv);
  buf_free(&z.tmp);
  free(z.cps);
  if (outlen) *outlen = z.out.len;
  return buf_detach(&z.out);
}

char *text_normalize_str(const char *s, size_t n, size_t *outlen) {
  return text_normalize(s, n, outlen, NULL);
}
