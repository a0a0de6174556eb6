/*
** text_damage.c — legacy-font damage that still spells possible
** syllables (text_damage.h).
**
** Text typed in a TCVN3/VNI font and converted to Unicode with a lossy
** table gets some precomposed vowels replaced by others: "ô" (untoned)
** turns into "ơ" ("cơng", "khơng") and "ò" into "ị" ("Hịn", "phịng",
** "cịn"). "cơng" and "phịng" are impossible spellings (text_legacy.c
** finds them); "Hịn" and "cịn" are not. The signal is the document's:
** clean Vietnamese of 100 words holds an untoned "ô" (không, công, ông)
** and an "ò" (còn, lòng, phòng) or no stand-ins for them; damaged text
** lacks one of them and has stand-ins in the syllables those vowels make at a
*word's end: "ơng"
** (only "ô" makes -ông) and "ịn", "ịng", "ịm", "ịi" ("ò" makes còn,
** phòng, hòm, đòi; "ị" makes nhịn, vịn rarely, never ịi or ịng).
*/
#include "text_damage.h"

#include <string.h>

#include "text.h"
#include "util.h"

#define O_CIRC    0x00F4 /* ô */
#define O_CIRC_U  0x00D4 /* Ô */
#define O_GRAVE   0x00F2 /* ò */
#define O_GRAVE_U 0x00D2
#define O_HORN    0x01A1 /* ơ */
#define O_HORN_U  0x01A0
#define I_DOT     0x1ECB /* ị */
#define I_DOT_U   0x1ECA

/* ASCII lower case of c (other code points as they are). */
static int lower(int32_t c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does the stand-in vowel v, after the letter p (0: none) and followed
** by the letters a, b (0: none) at the end of its word, make a syllable
** only the lost vowel makes? ("ương" is clean, "ơng" is not) */
static int standin(int32_t p, int32_t v, int32_t a, int32_t b) {
  a = lower(a), b = lower(b);
  if (v == O_HORN || v == O_HORN_U)
    return a == 'n' && b == 'g' && p != 0x01B0 && p != 0x01AF; /* ư Ư */
  if (v == I_DOT || v == I_DOT_U)
    return (a == 'n' && (b == 0 || b == 'g')) || (a == 'm' && b == 0) ||
           (a == 'i' && b == 0);
  return 0;
}

/* Copy the word around s[from..to) into out->example (first one only). */
static void keep_example(text_damage *out, const char *s, size_t to,
                         size_t from) {
  if (out->example[0]) return;
  size_t n =
      to - from < sizeof out->example - 1 ? to - from : sizeof out->example - 1;
  memcpy(out->example, s + from, n);
  out->example[n] = 0;
}

/* Note the stand-in word s[a..b) of pair w (0: ô, 1: ò) among the
** distinct ones (up to 4 kept; longer words are cut at 15 bytes). */
static void note_word(text_damage *out, int w, const char *s, size_t a,
                      size_t b) {
  size_t n = b - a < 15 ? b - a : 15;
  for (int i = 0; i < out->nseen[w]; i++)
    if (strlen(out->seen[w][i]) == n && !memcmp(out->seen[w][i], s + a, n))
      return;
  if (out->nseen[w] == 4) return;
  memcpy(out->seen[w][out->nseen[w]], s + a, n);
  out->seen[w][out->nseen[w]++][n] = 0;
}

/* Scan one word s[a..b): its vowel evidence into out. */
static void scan_word(const char *s, size_t a, size_t b, text_damage *out) {
  int32_t cp[12];
  int k = 0, len;
  for (size_t i = a; i < b && k < 12; i += (size_t)len) {
    len = text_decode(s + i, b - i, &cp[k]);
    if (len <= 0) return;
    k++;
  }
  out->words++;
  for (int i = 0; i < k; i++) {
    int32_t c = cp[i];
    if (c == O_CIRC || c == O_CIRC_U) out->lost_o++;
    if (c == O_GRAVE || c == O_GRAVE_U) out->lost_og++;
    if (i + 1 < k && i + 3 >= k &&
        standin(i ? cp[i - 1] : 0, c, cp[i + 1], i + 2 < k ? cp[i + 2] : 0)) {
      int w = !(c == O_HORN || c == O_HORN_U);
      if (w)
        out->standin_og++;
      else
        out->standin_o++;
      note_word(out, w, s, a, b);
      keep_example(out, s, b, a);
    }
  }
}

/* Is byte c part of a word (an ASCII letter or any UTF-8 byte)? */
static int word_byte(unsigned char c) {
  return c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

int text_damage_scan(const char *t, size_t n, text_damage *out) {
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < n;) {
    while (i < n && !word_byte((unsigned char)t[i])) i++;
    size_t a = i;
    while (i < n && word_byte((unsigned char)t[i])) i++;
    if (i > a) scan_word(t, a, i, out);
    if (out->lost_o && out->lost_og) return 0; /* clean of both kinds */
  }
  if (out->words < TEXT_DAMAGE_MIN_WORDS) return 0;
  out->standin = out->standin_o + out->standin_og;
  return (out->lost_o == 0 && out->standin_o >= TEXT_DAMAGE_MIN_STANDIN &&
          out->nseen[0] >= 2) ||
         (out->lost_og == 0 && out->standin_og >= TEXT_DAMAGE_MIN_STANDIN &&
          out->nseen[1] >= 2);
}

/* ---- the quick look (text_damage_possible) ---- */

/* Is the "ơ"/"Ơ" at t[p] (2 bytes) followed by "ng" (any ASCII case) and
** not preceded by "ư"/"Ư"? (a stand-in for "ông" as scan_word counts
** it, wherever the word ends) */
static int may_standin_o(const unsigned char *t, size_t n, size_t p) {
  if (p + 4 > n || lower(t[p + 2]) != 'n' || lower(t[p + 3]) != 'g') return 0;
  return !(p >= 2 && t[p - 2] == 0xC6 &&
           (t[p - 1] == 0xB0 || t[p - 1] == 0xAF));
}

/* Is the "ị"/"Ị" at t[p] (3 bytes) followed by n, m or i that may end
** its word as scan_word sees it: a non-word byte after it, "ng", or a
** word long enough before it (10+ bytes) that scan_word's 12-code-point
** cut may end the word there. */
static int may_standin_og(const unsigned char *t, size_t n, size_t p) {
  if (p + 4 > n) return 0;
  int a = lower(t[p + 3]);
  if (a != 'n' && a != 'm' && a != 'i') return 0;
  if (p + 4 == n || !word_byte(t[p + 4])) return 1;
  if (a == 'n' && lower(t[p + 4]) == 'g') return 1;
  size_t q = p;
  while (q > 0 && p - q < 10 && word_byte(t[q - 1])) q--;
  return p - q >= 10;
}

/* Add the stand-in candidates whose lead byte is at t[p] to c[0] (ô)
** and c[1] (ò). */
void text_damage_count_at(const char *s, size_t n, size_t p, size_t c[2]) {
  const unsigned char *t = (const unsigned char *)s;
  if (t[p] == 0xC6 && p + 1 < n && (t[p + 1] & 0xFE) == 0xA0)
    c[0] += (size_t)may_standin_o(t, n, p);
  else if (t[p] == 0xE1 && p + 2 < n && t[p + 1] == 0xBB &&
           (t[p + 2] & 0xFE) == 0x8A)
    c[1] += (size_t)may_standin_og(t, n, p);
}

/* FNV-1a over u[0..6) into h (util_hash64's steps, unrolled). */
static inline uint64_t fnv6(uint64_t h, const unsigned char *u) {
  h = (h ^ u[0]) * UTIL_FNV_PRIME;
  h = (h ^ u[1]) * UTIL_FNV_PRIME;
  h = (h ^ u[2]) * UTIL_FNV_PRIME;
  h = (h ^ u[3]) * UTIL_FNV_PRIME;
  h = (h ^ u[4]) * UTIL_FNV_PRIME;
  return (h ^ u[5]) * UTIL_FNV_PRIME;
}

/*
** The hash is a chain of multiplies, one per byte, that leaves the
** processor idle between them: the stand-in search (independent of it)
** runs in those gaps, so together they cost about what the hash alone
** does.
*/
int text_damage_possible(const char *s, size_t n, uint64_t *hash) {
  const unsigned char *t = (const unsigned char *)s;
  size_t c[2] = {0, 0}, i = 0;
  uint64_t h = UTIL_FNV_OFFSET;
  if (!hash) /* the look alone: no chain of multiplies to wait on */
    for (; i + 8 <= n; i += 6)
      for (uint64_t m = text_damage_leads(util_load8(t + i)); m; m &= m - 1)
        text_damage_count_at(s, n, i + ((size_t)__builtin_ctzll(m) >> 3), c);
  for (; i + 8 <= n; i += 6) { /* 6 lead positions a step, 8 bytes read */
    h = fnv6(h, t + i);
    for (uint64_t m = text_damage_leads(util_load8(t + i)); m; m &= m - 1)
      text_damage_count_at(s, n, i + ((size_t)__builtin_ctzll(m) >> 3), c);
  }
  for (; i < n; i++) {
    h = (h ^ t[i]) * UTIL_FNV_PRIME;
    text_damage_count_at(s, n, i, c);
  }
  if (hash) *hash = h;
  return text_damage_verdict(c);
}

/* text_damage_possible without the eight-byte steps (for the tests). */
int text_damage_possible_ref(const char *s, size_t n) {
  size_t c[2] = {0, 0};
  for (size_t i = 0; i < n; i++) text_damage_count_at(s, n, i, c);
  return text_damage_verdict(c);
}
