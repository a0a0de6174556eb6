/*
** text_damage.h — legacy-font damage that still spells possible syllables
** ("Hịn" for "Hòn", "cơng" for "công"), seen by the vowels a document
** lacks, not by the spelling of one word. Pure C, on normalised text.
*/
#ifndef TINSH_TEXT_DAMAGE_H
#define TINSH_TEXT_DAMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The document's vowel evidence (text_damage_scan). */
typedef struct text_damage {
  size_t words;           /* words with a letter */
  size_t lost_o, lost_og; /* letters "ô" (untoned) and "ò" */
  size_t standin_o;       /* "ơng" without "ư": a stand-in for "ông" */
  size_t standin_og;   /* "ịn", "ịng", "ịm", "ịi": stand-ins for "ò" */
  size_t standin;      /* both */
  char seen[2][4][16]; /* distinct stand-in words (ô, ò), up to 4 */
  int nseen[2];
  char example[48]; /* the first such word */
} text_damage;

/*
** Scan text t[0..n). Returns 1 when the text reads as damaged: at least
** TEXT_DAMAGE_MIN_WORDS words and, for "ô" or for "ò", none of the
** vowel but at least TEXT_DAMAGE_MIN_STANDIN of its stand-in syllables,
** in two different words at least (a clean text may repeat "mịn").
** The scan stops at the word where both vowels have been seen (the
** answer is 0 whatever follows), so out's counts are the whole text's
** only when one of the vowels is absent.
*/
#define TEXT_DAMAGE_MIN_WORDS   100
#define TEXT_DAMAGE_MIN_STANDIN 3
int text_damage_scan(const char *t, size_t n, text_damage *out);

/*
** A quick look that rules most texts out: 0 when t[0..n) holds fewer
** than TEXT_DAMAGE_MIN_STANDIN possible stand-ins for "ô" and for "ò"
** ("ơng" without "ư" before it; "ịn", "ịng", "ịm", "ịi" ending a word),
** so that text_damage_scan cannot return 1; else 1 (scan it). One pass,
** eight bytes read a step, counting a superset of scan_word's stand-ins.
** The same pass sets *hash (when not NULL) to util_hash64(t, n); without
** it the pass is quicker (the parser has the hash from text_normalize). _ref:
*the same answer, one byte a step (for the
** tests).
*/
int text_damage_possible(const char *t, size_t n, uint64_t *hash);
int text_damage_possible_ref(const char *t, size_t n);

/*
** text_damage_possible inside another pass over the text (text_normalize's
** last one, which reads it eight bytes a step for its hash): counts start
** at {0, 0}; text_damage_count8 adds the possible stand-ins whose lead
** byte is in t[i..i+8) (w: those 8 bytes), text_damage_count_at the one
** at t[i]; once every lead position of t[0..n) was counted once,
** text_damage_verdict(c) is text_damage_possible(t, n, NULL).
*/
void text_damage_count_at(const char *t, size_t n, size_t i, size_t c[2]);
static inline int text_damage_verdict(const size_t c[2]) {
  return c[0] >= TEXT_DAMAGE_MIN_STANDIN || c[1] >= TEXT_DAMAGE_MIN_STANDIN;
}

/* 0x80 at each byte j (0..5) of w where a "ơ" (C6 A0/A1) or an "ị"
** (E1 BB 8A/8B) starts. */
static inline uint64_t text_damage_leads(uint64_t w) {
  uint64_t o = util_byte_eq(w, 0xFF, 0xC6) & util_byte_eq(w, 0xFE, 0xA0) >> 8;
  uint64_t i = util_byte_eq(w, 0xFF, 0xE1) & util_byte_eq(w, 0xFF, 0xBB) >> 8 &
               util_byte_eq(w, 0xFE, 0x8A) >> 16;
  return (o | i) & 0x0000808080808080ull;
}

static inline void text_damage_count8(const char *t, size_t n, size_t i,
                                      uint64_t w, size_t c[2]) {
  uint64_t m;
  if (i + 16 <= n) { /* the lead at each of the 8 bytes: the next 8 bytes
                     ** give the 2 bytes that follow the last leads */
    uint64_t nx = util_load8(t + i + 8);
    uint64_t w1 = w >> 8 | nx << 56, w2 = w >> 16 | nx << 48;
    m = (util_byte_eq(w, 0xFF, 0xC6) & util_byte_eq(w1, 0xFE, 0xA0)) |
        (util_byte_eq(w, 0xFF, 0xE1) & util_byte_eq(w1, 0xFF, 0xBB) &
         util_byte_eq(w2, 0xFE, 0x8A));
  } else { /* near the end: leads at i..i+5, the last two one by one */
    m = text_damage_leads(w) | 0x8080000000000000ull;
  }
  for (; m; m &= m - 1)
    text_damage_count_at(t, n, i + ((size_t)__builtin_ctzll(m) >> 3), c);
}

#endif
