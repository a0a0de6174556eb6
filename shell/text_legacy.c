/*
** text_legacy.c — legacy encodings (see text_int.h): Windows-1252 and
** Windows-1258 single-byte files, and VNI-Windows / TCVN3 (ABC) mojibake
** lines (legacy Vietnamese fonts shown as Latin-1) converted back to
** Unicode when the conversion explains every odd letter of the line.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "text_int.h"
#include "util.h"

/* ---- tables ---- */

/* Windows-1252 bytes 0x80..0x9F (0 = undefined, kept as U+FFFD) */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Windows-1252: the code point of a byte >= 0x80 */
int32_t text_cp1252(unsigned char c) {
  if (c >= 0xA0) return c;
  return cp1252_hi[c - 0x80] ? cp1252_hi[c - 0x80] : 0xFFFD;
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

static int is_vowel(int32_t c) {
  c |= 0x20;
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static void tmp_cp(buf *b, int32_t cp) {
  char e[4];
  buf_add(b, e, (size_t)text_utf8_encode(cp, e));
}

/* Is c a cased letter of a VNI word (ASCII letter or Latin-1 glyph)?
** 1 upper, -1 lower, 0 neither. */
static int glyph_case(int32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return 1;
  if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7))
    return -1;
  return 0;
}

/*
** The standalone VNI letter sb (đ ơ ư ỉ ĩ ị ỵ bases, from c[i]) in the case
** of its word: upper when every other cased glyph of the word is upper
** (2 at least: "TæNH" -> TỈNH), lower when every other one is lower and
** c[i] does not start the word ("chÖùc" -> chức). Else as written.
*/
static int32_t word_case(const int32_t *c, size_t n, size_t i, int32_t sb) {
  size_t a = i, e = i + 1, up = 0, low = 0;
  while (a > 0 && glyph_case(c[a - 1])) a--;
  while (e < n && glyph_case(c[e])) e++;
  for (size_t j = a; j < e; j++) { /* letters only: a tone glyph's case */
    int32_t m;                     /* says nothing ("ÑAûNG") */
    if (j != i && (c[j] < 0x80 || vni_standalone(c[j], &m) >= 0))
      glyph_case(c[j]) > 0 ? up++ : low++;
  }
  int upper = sb == 0x110 || (sb >= 'A' && sb <= 'Z');
  if (!upper && up >= 2 && !low) return sb == 0x111 ? 0x110 : sb - 0x20;
  if (upper && low && !up && i > a) return sb == 0x110 ? 0x111 : sb + 0x20;
  return sb;
}

/*
** Convert the current line from VNI mojibake into b (decomposed
** marks; NFC follows). Returns the number of Latin-1 characters it could
** not explain (0 = confident) and the conversions made in *done.
*/
static size_t convert_vni(buf *b, const int32_t *c, size_t n, size_t *done,
                          size_t *recased) {
  size_t left = 0;
  *done = 0, *recased = 0;
  buf_reset(b);
  for (size_t i = 0; i < n; i++) {
    int32_t cp = c[i], mark;
    int32_t base = cp < 0x80 && is_vowel(cp) ? (cp | 0x20) : 0;
    int32_t sb = vni_standalone(cp, &mark);
    if (sb >= 0) {
      int32_t cased = word_case(c, n, i, sb);
      *recased += cased != sb;
      sb = cased;
      tmp_cp(b, sb);
      if (mark) tmp_cp(b, mark);
      (*done)++;
      if (mark == 0x31B)
        base = sb == 'o' || sb == 'O' ? 'O' : 'U';
      else
        base = 0;
    } else {
      tmp_cp(b, cp);
      if (cp >= 0xA1 && cp <= 0xFF && !text_latin1_viet(cp)) left++;
    }
    if (base && i + 1 < n) {
      const int32_t *m = vni_modifier(c[i + 1], base);
      if (m) {
        for (; *m; m++) tmp_cp(b, *m);
        (*done)++, i++;
      }
    }
  }
  return left;
}

/* Convert the current line from TCVN3 mojibake into b. */
static size_t convert_tcvn3(buf *b, const int32_t *c, size_t n, size_t *done) {
  size_t left = 0;
  *done = 0;
  buf_reset(b);
  for (size_t i = 0; i < n; i++) {
    int32_t cp = c[i];
    if (cp >= 0xA1 && cp <= 0xFE && tcvn3[cp]) {
      tmp_cp(b, tcvn3[cp]);
      (*done)++;
    } else {
      if (cp >= 0xA1 && cp <= 0xFF) left++;
      tmp_cp(b, cp);
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
int text_legacy_fix(const int32_t *c, size_t n, buf *out, text_stats *st) {
  size_t vdone, tdone, recased;
  size_t vleft = convert_vni(out, c, n, &vdone, &recased);
  if (vleft == 0 && vdone >= 2 && legacy_plausible(c, n, 0)) {
    st->vni_lines++;
    st->vni_case += recased;
    return TEXT_LEGACY_VNI;
  }
  size_t tleft = convert_tcvn3(out, c, n, &tdone);
  if (tleft == 0 && tdone >= 2 && legacy_plausible(c, n, 1)) {
    st->tcvn3_lines++;
    return TEXT_LEGACY_TCVN3;
  }
  st->legacy_lines++;
  return 0;
}

/* Is c a letter of a VNI/TCVN3 word (ASCII or Latin-1)? */
static int legacy_letter(int32_t c) {
  return ascii_letter(c) || (c >= 0xA1 && c <= 0xFF && c != 0xD7 && c != 0xF7);
}

/* Copy into w the words of c[0..n) holding a Latin-1 letter Vietnamese
** never uses, one space between them; returns the length. */
static size_t odd_words(const int32_t *c, size_t n, int32_t *w) {
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    size_t a = i;
    int odd = 0;
    for (; i < n && legacy_letter(c[i]); i++)
      odd |= c[i] >= 0xA1 && !text_latin1_viet(c[i]);
    if (odd) {
      if (k) w[k++] = ' ';
      memcpy(w + k, c + a, (i - a) * sizeof *w);
      k += i - a;
    }
    if (i == a) i++;
  }
  return k;
}

int text_legacy_partial(const int32_t *c, size_t n, buf *tmp) {
  size_t done, left, recased;
  int32_t *w = xmalloc((n + 1) * sizeof *w);
  size_t m = odd_words(c, n, w);
  int r = 0;
  left = convert_vni(tmp, w, m, &done, &recased);
  if (left == 0 && done >= 2 && legacy_plausible(w, m, 0)) r = 1;
  left = r ? 0 : convert_tcvn3(tmp, w, m, &done);
  if (!r && left == 0 && done >= 2 && legacy_plausible(w, m, 1)) r = 1;
  free(w);
  return r;
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
  return text_cp1252(c);
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
** Valid multi-byte sequences from u[*i] (a character boundary), eight
** bytes a step while every word holds only ASCII and well-formed 2- and
** 3-byte sequences (leads C2..DF, E1..EC, EE, EF: no overlong form, no
** surrogate), and at most `max` sequences start in all. Returns how many
** sequences were passed whole; *i ends on a character boundary.
*/
static size_t good_words(const unsigned char *u, size_t *i, size_t lim,
                         size_t max) {
  uint64_t p2 = 0, p3 = 0; /* the last word's leads */
  size_t j = *i, good = 0;
  for (; j + 8 <= lim && good + 8 <= max; j += 8) {
    uint64_t w = util_load8(u + j);
    uint64_t l2 = util_byte_eq(w, 0xE0, 0xC0), l3 = util_byte_eq(w, 0xF0, 0xE0);
    uint64_t odd = util_byte_eq(w, 0xF0, 0xF0) | util_byte_eq(w, 0xFE, 0xC0) |
                   util_byte_eq(w, 0xFF, 0xE0) | util_byte_eq(w, 0xFF, 0xED);
    uint64_t need =
        l2 << 8 | l3 << 8 | l3 << 16 | p2 >> 56 | p3 >> 56 | p3 >> 48;
    if (odd || need != util_byte_eq(w, 0xC0, 0x80)) break;
    /* the leads, one bit 7 per byte, summed by a multiply (no popcount
    ** instruction in the baseline x86-64 set) */
    good += (size_t)((((l2 | l3) >> 7) * UTIL_ONES) >> 56);
    p2 = l2, p3 = l3;
  }
  /* a sequence the last word left open: back to its lead, uncounted */
  if ((p2 | p3) >> 63)
    j -= 1, good--;
  else if (p3 >> 55 & 1)
    j -= 2, good--;
  *i = j;
  return good;
}

/*
** Is this clearly not UTF-8? Many invalid sequences and (almost) no valid
** multi-byte ones: a legacy single-byte file. Looks at the first 64 KB.
*/
static int looks_single_byte(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t good = 0, bad = 0, lim = n < 65536 ? n : 65536;
  /* a verdict from the first 4096 non-ASCII sequences is as good as one
  ** from all of them (the ratio decides), and runs of ASCII and of valid
  ** sequences pass a word at a time (good_words): this ran over every
  ** code point of 64 KB, ~10 % of a parse. The scan also stops once the
  ** rest cannot make bad > 4 * good (each byte left is at most one more
  ** bad sequence): the same verdict. */
  for (size_t i = 0; i < lim && good + bad < 4096;) {
    size_t left = 4096 - good - bad;
    if (lim - i < left) left = lim - i;
    if (bad + left <= good * 4) return 0;
    size_t g = good_words(u, &i, lim, 4096 - good - bad);
    if (g || i >= lim) {
      good += g;
      continue;
    }
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    int k = text_decode(s + i, n - i, &cp);
    if (cp < 0)
      bad++;
    else
      good++;
    i += (size_t)k;
  }
  return bad >= 4 && bad > good * 4;
}

int text_legacy_decode(const char *s, size_t n, buf *out, text_stats *st) {
  if (!looks_single_byte(s, n)) return 0;
  st->cp1252 = 1;
  st->cp1258 = looks_cp1258(s, n);
  from_single_byte(s, n, st->cp1258 ? cp1258_at : text_cp1252, out);
  return 1;
}
