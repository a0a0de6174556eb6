/*
** text_syl_rules.c — the spelling rules of one Vietnamese syllable
** (text_syl_rules.h): the letters' vowel classes and tones, the initial
** and final consonant sets, the rules Vietnamese spelling never breaks,
** and the shape test text_viet_shaped (text.h).
*/
#include "text_syl_rules.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/*
** The vowel class and tone (0 none, 1 acute, 2 grave, 3 hook, 4 tilde,
** 5 dot) of a non-ASCII letter, or -1 when it is no Vietnamese vowel.
** U+1EA0..U+1EF9 come in upper/lower pairs: one entry per pair; Latin-1
** by lower-case code point from 0xE0 ('-': none).
*/
static inline int viet_vowel(int32_t cp, int *tone) {
  static const char bv[] = "aacccccbbbbbdddeeeeeffgghhhhhiiiiijjkkkkkllll";
  static const char bt[] = "531234512345534123453553123451234553123452534";
  static const char lv[] = "aaca----dde-ff----gghg---jj--l--";
  static const char lt[] = "2140----210-21----2104---21--1--";
  if (cp >= 0x1EA0 && cp <= 0x1EF9) {
    *tone = bt[(cp - 0x1EA0) / 2] - '0';
    return bv[(cp - 0x1EA0) / 2] - 'a';
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    int k = (cp | 0x20) - 0xE0;
    if (cp == 0xD7 || cp == 0xF7 || lv[k] == '-') return -1;
    *tone = lt[k] - '0';
    return lv[k] - 'a';
  }
  *tone = cp == 0x128 || cp == 0x129 || cp == 0x168 || cp == 0x169 ? 4 : 0;
  switch (cp | 1) {
    case 0x103:
      return V_AW;
    case 0x129:
      return V_I;
    case 0x169:
      return V_U;
    case 0x1A1:
      return V_OW;
  }
  return cp == 0x1AF || cp == 0x1B0 ? V_UW : -1;
}

/* syl_read (text_syl_rules.h). */
int syl_read(int32_t cp, syl_letter *l) {
  /* ASCII letters a..z: vowel class, or -1 for a consonant */
  static const signed char av[26] = {V_A, -1, -1,  -1, V_E, -1,  -1,  -1, V_I,
                                     -1,  -1, -1,  -1, -1,  V_O, -1,  -1, -1,
                                     -1,  -1, V_U, -1, -1,  -1,  V_Y, -1};
  int tone = 0;
  l->cons = 0, l->tone = 0;
  if (cp < 0x80) {
    if ((unsigned)((cp | 0x20) - 'a') >= 26u) return 0; /* no letter */
    int c = cp | 0x20;
    if (av[c - 'a'] >= 0) return l->v = av[c - 'a'], 1;
    return l->cons = (char)c, 1;
  }
  if (cp == 0x110 || cp == 0x111) return l->cons = 'D', 1;
  l->v = (signed char)viet_vowel(cp, &tone);
  l->tone = (signed char)tone;
  return l->v >= 0;
}

/* A set of consonant clusters: its clusters of one, two and three
** letters (lower-case ASCII, 'D' = đ), each list run together; the
** empty cluster is in every set. */
typedef struct cons_set {
  const char *len[4]; /* len[k]: the clusters of k letters (len[0] unused) */
} cons_set;

/* Is c[0..n) in set? */
static int cons_in(const char *c, size_t n, const cons_set *set) {
  if (n == 0) return 1;
  if (n > 3) return 0;
  for (const char *e = set->len[n]; *e; e += n) {
    size_t j = 0;
    while (j < n && e[j] == c[j]) j++;
    if (j == n) return 1;
  }
  return 0;
}

/* initials: b c ch d đ g gh h k kh l m n ng ngh nh p ph q r s t th tr v x;
** finals: c ch m n ng nh p t (and none, for both) */
static const cons_set init = {
    {"", "bcdDghklmnpqrstvx", "chghkhngnhphthtr", "ngh"}};
static const cons_set fin = {{"", "cmnpt", "chngnh", ""}};

/*
** Is the word l[0..n) a Vietnamese-shaped syllable (initial consonants,
** vowels, final consonants) that Vietnamese spelling never allows?
** Returns 0 for a possible syllable and for anything not shaped like one
** (foreign words, numbers). The rules: a stop final (c ch p t) takes only
** the acute or dot tone, or none; one tone per syllable; "ơ" takes no
** final ng/nh/c/ch unless after "ư" (cơng); ng/c never follow i y
** (phịng); nh/ch follow only a ê i y;
** ă needs a final consonant, and so does a final â.
*/

static int syl_impossible(const syl_letter *l, size_t n) {
  char c[8] = {0};
  size_t i = 0, k = 0, v0, tones = 0;
  int tone = 0;
  for (; i < n && l[i].cons && k < 4; i++) c[k++] = l[i].cons;
  if (!cons_in(c, k, &init)) return 0;
  for (v0 = i; i < n && !l[i].cons; i++)
    if (l[i].tone) tones++, tone = l[i].tone;
  size_t nv = i - v0, f = 0;
  for (; i < n && l[i].cons && f < 3; i++) c[f++] = l[i].cons;
  if (i < n || nv == 0 || nv > 3 || !cons_in(c, f, &fin)) return 0;
  int last = l[v0 + nv - 1].v, prev = nv > 1 ? l[v0 + nv - 2].v : -1;
  int stop = f && (c[f - 1] == 'c' || c[f - 1] == 'p' || c[f - 1] == 't' ||
                   (f == 2 && c[1] == 'h' && c[0] == 'c'));
  int palatal = f == 2 && c[1] == 'h';    /* nh ch */
  int velar = f && c[0] == 'c' && f == 1; /* c */
  velar |= f == 2 && c[0] == 'n' && c[1] == 'g';
  if (tones > 1 || (stop && tone >= 2 && tone <= 4)) return 1;
  if (last == V_OW && prev != V_UW && (velar || palatal)) return 1;
  if (velar && (last == V_I || last == V_Y)) return 1; /* "phịng" */
  if (palatal && last != V_A && last != V_EE && last != V_I && last != V_Y)
    return 1;
  for (size_t j = v0; j < v0 + nv; j++)
    if (l[j].v == V_AW && (j + 1 < v0 + nv || !f)) return 1;
  return last == V_AA && !f;
}

/* word_impossible (text_syl_rules.h). */
int word_impossible(const char *w, size_t n) {
  const unsigned char *u = (const unsigned char *)w;
  char c[2];
  size_t e = n, f = 0, b;
  /* bit k set for the consonant 'a' + k */
  const uint32_t cons =
      ~(1u | 1u << 4 | 1u << 8 | 1u << 14 | 1u << 20 | 1u << 24) & 0x3FFFFFFu;
  while (e > 0 && (unsigned)((u[e - 1] | 0x20) - 'a') < 26u &&
         (cons >> ((u[e - 1] | 0x20) - 'a') & 1))
    if (++f > 2)
      return 0;
    else
      e--;
  if (e == 0) return 0;
  for (size_t k = 0; k < f; k++) c[k] = (char)(u[e + k] | 0x20);
  for (b = e - 1; b > 0 && (u[b] & 0xC0) == 0x80;) b--;
  int32_t cp;
  syl_letter l[12];
  text_decode(w + b, e - b, &cp);
  if (!syl_read(cp, &l[0]) || l[0].cons || !rule_may_fire(&l[0], c, f))
    return 0;
  if (l[0].v == V_OW && b > 0) { /* "ương", "ước": possible */
    size_t p = b - 1;
    while (p > 0 && (u[p] & 0xC0) == 0x80) p--;
    text_decode(w + p, b - p, &cp);
    if (syl_read(cp, &l[1]) && !l[1].cons && l[1].v == V_UW) return 0;
  }
  size_t m = 0;
  for (size_t i = 0; i < n; m++) {
    i += (size_t)text_decode(w + i, n - i, &cp);
    if (m == 12 || !syl_read(cp, &l[m])) return 0;
  }
  return syl_impossible(l, m);
}

/*
** The shape alone: initial consonants of the init set, one to three
** vowels with at most one tone, final consonants of the fin set; "y"
** and "i" count as vowels, "gi" and "qu" read as initial plus vowel.
** Spelling rules (syl_impossible) are not asked.
*/
int text_viet_shaped(const char *w, size_t n) {
  syl_letter l[12];
  size_t m = 0;
  for (size_t i = 0; i < n; m++) {
    int32_t cp;
    i += (size_t)text_decode(w + i, n - i, &cp);
    if (m == 12 || !syl_read(cp, &l[m])) return 0;
  }
  char c[4] = {0};
  size_t i = 0, k = 0, v0, tones = 0;
  for (; i < m && l[i].cons && k < 3; i++) c[k++] = l[i].cons;
  if (i < m && l[i].cons) return 0; /* four consonants */
  if (!cons_in(c, k, &init)) return 0;
  for (v0 = i; i < m && !l[i].cons; i++) tones += l[i].tone != 0;
  size_t nv = i - v0, f = 0;
  for (; i < m && l[i].cons && f < 3; i++) c[f++] = l[i].cons;
  return i == m && nv >= 1 && nv <= 3 && tones <= 1 && cons_in(c, f, &fin);
}
